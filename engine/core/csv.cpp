// engine/core/csv.cpp: RFC 4180 records and fields.
// SPDX-License-Identifier: MIT
#include "csv.hpp"

#include <cstring>

namespace crossfoot::csv {

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

record next_record(std::string_view text, std::size_t& pos, bool unquoted) {
    const std::size_t start = pos;
    const char* base = text.data();
    const void* nl = std::memchr(base + pos, '\n', text.size() - pos);
    std::size_t end = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - base)
                                    : text.size();
    record r;
    if (!unquoted && std::memchr(base + start, '"', end - start) != nullptr) {
        bool quoted = false;  // slow path: track quotes across line breaks
        bool may_open = true;  // at a field's start, or just after a closing quote ("")
        for (end = start; end < text.size(); ++end) {
            const char c = text[end];
            if (quoted) {
                if (c == '"') quoted = false;
                if (c == '\n') ++r.lines;
                may_open = c == '"';
                continue;
            }
            if (c == '\n') break;
            if (c == '"' && may_open) quoted = true;
            may_open = c == ',';
        }
    }
    r.ended = end < text.size();
    pos = r.ended ? end + 1 : end;
    std::size_t stop = end;
    if (stop > start && text[stop - 1] == '\r') --stop;
    r.text = text.substr(start, stop - start);
    return r;
}


std::size_t last_record_end(std::string_view block) {
    if (std::memchr(block.data(), '"', block.size()) == nullptr) {
        const std::size_t nl = block.rfind('\n');
        return nl == std::string_view::npos ? 0 : nl + 1;
    }
    bool quoted = false;
    bool may_open = true;
    std::size_t end = 0;
    for (std::size_t i = 0; i < block.size(); ++i) {
        const char c = block[i];
        if (quoted) {
            if (c == '"') quoted = false;
            may_open = c == '"';
            continue;
        }
        if (c == '\n') end = i + 1;
        if (c == '"' && may_open) quoted = true;
        may_open = c == ',' || c == '\n';
    }
    return end;
}

}  // namespace crossfoot::csv
