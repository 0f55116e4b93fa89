// engine/core/text_reader.hpp: a cursor over written text for the figure parsers, with the
// errors they report (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/parse_error.hpp>

#include "text.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace crossfoot::text {

/// A space or a tab: what separates the words of a figure.
[[nodiscard]] constexpr bool is_space(char c) { return c == ' ' || c == '\t'; }

/// The length of the UTF-8 character that starts with byte `lead` (1 for a stray byte).
[[nodiscard]] constexpr std::size_t utf8_length(char lead) {
    const auto b = static_cast<unsigned char>(lead);
    if (b < 0xC0U) return 1;
    if (b < 0xE0U) return 2;
    if (b < 0xF0U) return 3;
    return 4;
}

/// The whole UTF-8 character at `pos`, for quoting in an error; empty at the end.
[[nodiscard]] inline std::string character_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return {};
    std::size_t end = pos + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) ++end;
    return std::string(text.substr(pos, end - pos));
}

/// `text` without the spaces and tabs at either end.
[[nodiscard]] inline std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

/// A position in a text, moved forward by the parsers, and their errors at it.
class reader {
public:
    explicit reader(std::string_view text) : text_(text) {}

    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }
    [[nodiscard]] std::size_t position() const { return pos_; }
    [[nodiscard]] std::string_view text() const { return text_; }
    [[nodiscard]] std::string_view rest() const { return text_.substr(pos_); }
    void advance(std::size_t n) { pos_ += n; }
    void seek(std::size_t pos) { pos_ = pos; }
    void skip_spaces() {
        while (!at_end() && is_space(peek())) ++pos_;
    }
    bool accept(char c) {
        if (at_end() || peek() != c) return false;
        ++pos_;
        return true;
    }
    /// Moves past `word` when the rest starts with it.
    bool accept(std::string_view word) {
        if (!rest().starts_with(word)) return false;
        pos_ += word.size();
        return true;
    }
    std::string_view take_while(bool (*keep)(char)) {
        const std::size_t start = pos_;
        while (!at_end() && keep(peek())) ++pos_;
        return text_.substr(start, pos_ - start);
    }
    [[nodiscard]] parse_error error(std::string expected) const {
        return {pos_, std::move(expected), character_at(text_, pos_)};
    }
    [[nodiscard]] parse_error error_at(std::size_t pos, std::string expected,
                                       std::string_view found) const {
        return {pos, std::move(expected), std::string(found)};
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

}  // namespace crossfoot::text
