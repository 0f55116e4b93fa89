// engine/diagnostic.cpp: rendering diagnostics in the GCC form with a caret line.
// SPDX-License-Identifier: MIT
#include <crossfoot/diagnostic.hpp>

#include <fmt/format.h>

#include <ostream>

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
    std::string out = fmt::format("{}:{}:{}: {}: {}", d.file, d.line, d.column,
                                  severity_name(d.severity), d.message);
    if (!d.code.empty()) out += fmt::format(" [{}]", d.code);
    out += '\n';
    if (d.source_line.empty() && d.column <= 1) return out;
    const std::string number = std::to_string(d.line);
    out += fmt::format(" {} | {}\n", number, d.source_line);
    // Tabs are kept under the caret so that it lines up with the source above.
    std::string pad;
    std::size_t column = 1;
    for (std::size_t i = 0; i < d.source_line.size() && column < d.column; ++i) {
        if (is_continuation_byte(d.source_line[i])) continue;
        pad += d.source_line[i] == '\t' ? '\t' : ' ';
        ++column;
    }
    pad.append(d.column > column ? d.column - column : 0, ' ');
    out += fmt::format(" {} | {}^\n", std::string(number.size(), ' '), pad);
    return out;
}

std::ostream& operator<<(std::ostream& os, const diagnostic& d) { return os << format(d); }

}  // namespace crossfoot
