// engine/rates/rate_digits.hpp: the most digits a rate may have (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include "core/numerals.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace crossfoot {

/// A rate's count of digits when it has more than a written amount may have
/// (numerals::max_digits, 1,000), else 0. Converting at a longer rate takes time growing with
/// the square of its length: one of a million digits kept a conversion busy for minutes.
[[nodiscard]] inline std::size_t rate_digits_past_limit(std::string_view text) {
    const auto digits = static_cast<std::size_t>(std::ranges::count_if(text, [](char c) { return c >= '0' && c <= '9'; }));
    return digits > numerals::max_digits ? digits : 0;
}

}  // namespace crossfoot
