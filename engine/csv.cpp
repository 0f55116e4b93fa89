// engine/csv.cpp: RFC 4180 field splitting.
// SPDX-License-Identifier: MIT
#include "csv.hpp"

namespace crossfoot::csv {

namespace {

// A quoted field starting at `at` (the opening quote); returns the offset after it.
std::expected<std::size_t, split_error> read_quoted(std::string_view line, std::size_t at,
                                                    std::string& text) {
    for (std::size_t i = at + 1; i < line.size(); ++i) {
        if (line[i] != '"') {
            text += line[i];
            continue;
        }
        if (i + 1 < line.size() && line[i + 1] == '"') {
            text += '"';
            ++i;
            continue;
        }
        if (i + 1 < line.size() && line[i + 1] != ',')
            return std::unexpected(split_error{i + 1, "',' or the end of the line after a quoted field"});
        return i + 1;
    }
    return std::unexpected(split_error{line.size(), "a closing '\"'"});
}

}  // namespace

std::expected<std::vector<field>, split_error> split(std::string_view line) {
    std::vector<field> fields;
    std::size_t at = 0;
    while (true) {
        field f{{}, at};
        if (at < line.size() && line[at] == '"') {
            const auto end = read_quoted(line, at, f.text);
            if (!end) return std::unexpected(end.error());
            at = *end;
        } else {
            const std::size_t comma = std::min(line.find(',', at), line.size());
            f.text.assign(line.substr(at, comma - at));
            at = comma;
        }
        fields.push_back(std::move(f));
        if (at >= line.size()) return fields;
        ++at;  // the comma
    }
}

}  // namespace crossfoot::csv
