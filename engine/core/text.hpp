// engine/core/text.hpp: ASCII character classes, case folding and control characters made
// visible (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
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

/// How many ASCII control characters (bytes below 0x20, and DEL) `text` holds.
[[nodiscard]] constexpr std::size_t control_count(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) n += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? 1 : 0;
    return n;
}

/// `text` as a terminal should show it: each ASCII control character (a byte below 0x20, and
/// DEL) becomes its Unicode Control Picture (U+2400 to U+241F, U+2421: a CR shows as ␍), one
/// column wide like the byte it stands for, so that it can neither move the cursor nor hide.
/// Tabs are kept when `keep_tabs`. Other bytes, UTF-8 included, are unchanged.
[[nodiscard]] inline std::string visible(std::string_view text, bool keep_tabs = false) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 0x20 && byte != 0x7F) || (keep_tabs && c == '\t')) {
            out += c;
            continue;
        }
        out += "\xE2\x90";  // U+2400 + byte, or U+2421 for DEL, in UTF-8
        out += static_cast<char>(0x80 + (byte == 0x7F ? 0x21 : byte));
    }
    return out;
}

}  // namespace crossfoot::text
