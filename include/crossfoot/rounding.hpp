// crossfoot/rounding.hpp: the rounding modes of every inexact operation.
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <iosfwd>
#include <optional>
#include <string_view>

namespace crossfoot {

/// How an inexact result is brought to the digits it may keep. Only division and the
/// explicit rounding operations round; each takes one of these as an argument.
///
/// | mode        | 2.5 | 3.5 | -2.5 | 2.4 | -2.4 |
/// |-------------|-----|-----|------|-----|------|
/// | `half_even` |  2  |  4  |  -2  |  2  |  -2  |
/// | `half_up`   |  3  |  4  |  -3  |  2  |  -2  |
/// | `half_down` |  2  |  3  |  -2  |  2  |  -2  |
/// | `up`        |  3  |  4  |  -3  |  3  |  -3  |
/// | `down`      |  2  |  3  |  -2  |  2  |  -2  |
/// | `ceiling`   |  3  |  4  |  -2  |  3  |  -2  |
/// | `floor`     |  2  |  3  |  -3  |  2  |  -3  |
///
/// `half_up` and `up` round away from zero (the General Decimal Arithmetic meaning, as in
/// Python's `ROUND_HALF_UP` and `ROUND_UP`); `down` truncates toward zero.
enum class rounding { half_even, half_up, half_down, up, down, ceiling, floor };

/// Every mode, in declaration order: for tables and exhaustive tests.
inline constexpr std::array<rounding, 7> all_roundings = {
    rounding::half_even, rounding::half_up, rounding::half_down, rounding::up,
    rounding::down,      rounding::ceiling, rounding::floor};

/// The mode's name as written above ("half_even", ...).
[[nodiscard]] std::string_view to_string(rounding mode) noexcept;

/// The mode named `name` ("half_even" or "half-even"), or nothing.
[[nodiscard]] std::optional<rounding> rounding_from_string(std::string_view name) noexcept;

std::ostream& operator<<(std::ostream& os, rounding mode);

}  // namespace crossfoot
