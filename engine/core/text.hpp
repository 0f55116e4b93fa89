// engine/core/text.hpp: ASCII character classes and case folding (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace crossfoot::text {

[[nodiscard]] constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_latin_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/// Whitespace as HTML and XML count it: space, tab, line feed, carriage return, form feed.
[[nodiscard]] constexpr bool is_markup_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
/// `c` with A-Z folded to a-z.
[[nodiscard]] constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// `text` with A-Z folded to a-z; other bytes (UTF-8 included) unchanged.
[[nodiscard]] inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = lower(c);
    }
    return out;
}

/// `text` with a-z folded to A-Z; other bytes unchanged.
[[nodiscard]] inline std::string ascii_upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

}  // namespace crossfoot::text
