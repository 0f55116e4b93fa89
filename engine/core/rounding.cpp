// engine/core/rounding.cpp: names of the rounding modes.
// SPDX-License-Identifier: MIT
#include <crossfoot/rounding.hpp>

#include <algorithm>
#include <ostream>
#include <string>

namespace crossfoot {

namespace {
constexpr std::array<std::string_view, 7> names = {"half_even", "half_up", "half_down", "up",
                                                   "down",      "ceiling", "floor"};
}  // namespace

std::string_view to_string(rounding mode) noexcept {
    return names[static_cast<std::size_t>(mode)];
}

std::optional<rounding> rounding_from_string(std::string_view name) noexcept {
    std::string normal(name);
    std::replace(normal.begin(), normal.end(), '-', '_');
    for (const rounding mode : all_roundings) {
        if (to_string(mode) == normal) return mode;
    }
    return std::nullopt;
}

std::ostream& operator<<(std::ostream& os, rounding mode) { return os << to_string(mode); }

}  // namespace crossfoot
