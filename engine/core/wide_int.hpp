// engine/core/wide_int.hpp: the arbitrary-precision side of detail::coefficient (private).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/detail/coefficient.hpp>

#include <boost/multiprecision/cpp_int.hpp>

namespace crossfoot::detail {

using big_int = boost::multiprecision::cpp_int;

struct wide_int {
    big_int value;
};

/// The coefficient's value as an arbitrary-precision integer.
[[nodiscard]] big_int to_big(const coefficient& c);

/// A coefficient holding `value`: narrow when it fits in int128.
[[nodiscard]] coefficient from_big(big_int value);

}  // namespace crossfoot::detail
