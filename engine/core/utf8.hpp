// engine/core/utf8.hpp: checking UTF-8 and counting code points (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace crossfoot::utf8 {

/// The byte offset of the first byte that is no part of well-formed UTF-8 (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF), or nothing.
[[nodiscard]] std::optional<std::size_t> first_invalid(std::string_view text);

/// `text` made well-formed in place: each byte that is no part of well-formed UTF-8 becomes
/// `with`, so that the text keeps its length (and offsets into it stay good).
void replace_invalid(std::string& text, char with = '?');

/// Counts code points up to byte offsets given in increasing order, in one pass.
class char_counter {
public:
    explicit char_counter(std::string_view text) : text_(text) {}
    /// Code points in [0, byte); `byte` must not be less than the last one asked for.
    [[nodiscard]] std::size_t at(std::size_t byte);

private:
    std::string_view text_;
    std::size_t byte_ = 0;
    std::size_t chars_ = 0;
};

/// Is `c` a continuation byte (10xxxxxx)?
[[nodiscard]] constexpr bool continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

/// The start of the character before `pos` (0 at the start).
[[nodiscard]] inline std::size_t previous(std::string_view text, std::size_t pos) {
    if (pos == 0) return 0;
    --pos;
    while (pos > 0 && continuation(text[pos])) --pos;
    return pos;
}

}  // namespace crossfoot::utf8
