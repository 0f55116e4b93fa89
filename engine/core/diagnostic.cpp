// engine/core/diagnostic.cpp: rendering diagnostics in the GCC form with a caret line.
// SPDX-License-Identifier: MIT
#include <crossfoot/diagnostic.hpp>

#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <string_view>

namespace crossfoot {

namespace {

std::string_view severity_name(severity s) {
    switch (s) {
        case severity::error: return "error";
        case severity::warning: return "warning";
        case severity::note: return "note";
    }
    return "error";
}

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// The code point whose UTF-8 encoding starts at `text[i]` (a lead byte).
char32_t code_point_at(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0xE0U ? (lead < 0xC0U ? 1 : 2) : (lead < 0xF0U ? 3 : 4);
    char32_t c = length == 1 ? lead : lead & (0x7FU >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
        c = (c << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    return c;
}

// East Asian wide and fullwidth characters (Chinese, Japanese, Korean, fullwidth forms) take
// two columns of a terminal; the ranges are those of Markus Kuhn's wcwidth().
bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || c == 0x2329 || c == 0x232A ||
           (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19) ||
           (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x2FFFD) ||
           (c >= 0x30000 && c <= 0x3FFFD);
}

// What goes under the source line before the caret: a tab under a tab, two spaces under a
// wide character, one under anything else, so that the caret lines up with the source above.
std::string caret_padding(std::string_view line, std::size_t caret_column) {
    std::string pad;
    std::size_t column = 1;
    for (std::size_t i = 0; i < line.size() && column < caret_column; ++i) {
        if (is_continuation_byte(line[i])) continue;
        if (line[i] == '\t') {
            pad += '\t';
        } else {
            pad.append(is_wide(code_point_at(line, i)) ? 2 : 1, ' ');
        }
        ++column;
    }
    return pad.append(caret_column > column ? caret_column - column : 0, ' ');
}

// The byte where code point `n` (from 0) of a line starts, or the line's size.
std::size_t byte_of_char(std::string_view line, std::size_t n) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (is_continuation_byte(line[i])) continue;
        if (count++ == n) return i;
    }
    return line.size();
}

// A source line longer than `shown` characters, cut around the caret as compilers do: about
// a third before it and the rest after, "..." where text was left out; the caret's column in
// what is shown.
struct shown_line {
    std::string text;
    std::size_t caret_column;
};

shown_line around_caret(std::string_view line, std::size_t caret_column) {
    constexpr std::size_t shown = 120;
    constexpr std::string_view more = "...";
    const std::size_t chars = column_of(line, line.size()) - 1;
    if (chars <= shown) return {std::string(line), caret_column};
    const std::size_t caret = caret_column > 0 ? caret_column - 1 : 0;
    const std::size_t first = caret > shown / 3 ? std::min(caret - shown / 3, chars - shown) : 0;
    const std::size_t last = std::min(chars, first + shown);
    std::string text(first > 0 ? more : "");
    text += line.substr(byte_of_char(line, first), byte_of_char(line, last) - byte_of_char(line, first));
    if (last < chars) text += more;
    return {std::move(text), caret - first + 1 + (first > 0 ? more.size() : 0)};
}

}  // namespace

std::size_t column_of(std::string_view line, std::size_t byte_offset) noexcept {
    std::size_t column = 1;
    const std::size_t end = byte_offset < line.size() ? byte_offset : line.size();
    for (std::size_t i = 0; i < end; ++i) {
        if (!is_continuation_byte(line[i])) ++column;
    }
    return column + (byte_offset > line.size() ? byte_offset - line.size() : 0);
}

std::string format(const diagnostic& d) {
    // A message may quote the input: its control characters are shown, not obeyed.
    std::string out = fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.column,
                                  severity_name(d.severity), text::visible(d.message));
    if (!d.code.empty()) out += fmt::format(" [{}]", d.code);
    out += '\n';
    if (d.source_line.empty()) return out;
    // As GCC does: the line number right-aligned in at least five columns.
    const std::size_t width = std::max<std::size_t>(5, std::to_string(d.line).size());
    // A record whose quoted field holds a line break is shown to its first line end (a CR
    // before it is the line end's); any other control character, a lone CR or a NUL, is shown
    // as its picture in the same column.
    std::string_view first_line = std::string_view(d.source_line).substr(0, d.source_line.find('\n'));
    if (!first_line.empty() && first_line.back() == '\r') first_line.remove_suffix(1);
    const shown_line shown = around_caret(text::visible(first_line, true), d.column);
    out += fmt::format("{:>{}} | {}\n", d.line, width, shown.text);
    out += fmt::format("{:>{}} | {}^\n", "", width, caret_padding(shown.text, shown.caret_column));
    return out;
}

std::ostream& operator<<(std::ostream& os, const diagnostic& d) { return os << format(d); }

}  // namespace crossfoot
