// engine/core/csv.hpp: reading CSV text (RFC 4180) record by record and splitting records into
// fields, keeping each field's byte offset for diagnostics. Private to the library.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstring>
#include <deque>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::csv {

struct field {
    std::string text;         // unquoted: "a ""b""" becomes a "b"
    std::size_t offset = 0;   // byte offset of the field's first character in the line
};

/// Why a record could not be split: the offset and what was expected there.
struct split_error {
    std::size_t offset = 0;
    std::string expected;
};

/// Reads the quoted field starting at `at` (its opening quote) into `text`, unescaped, and
/// returns the offset after its closing quote, which must be followed by ',' or the end.
[[nodiscard]] std::expected<std::size_t, split_error> read_quoted(std::string_view line, std::size_t at,
                                                                  std::string& text);

/// Splits one record (without its line end) on commas. Quoted fields may hold commas and
/// doubled quotes; a quote must close before the next comma or the end.
[[nodiscard]] std::expected<std::vector<field>, split_error> split(std::string_view line);

// One CSV record: its text (without the line end) and how many lines it spans.
struct record {
    std::string_view text;
    std::size_t lines = 1;
    bool ended = false;  // by a line feed outside quotes, not by the end of the text
};

// The record starting at `pos`; a quoted field may hold line breaks. `unquoted` says the
// text has no quote at all, which spares a scan of each line.
record next_record(std::string_view text, std::size_t& pos, bool unquoted = false);

// The end of the last whole record in `block` (which starts at a record's start): after its
// last line break outside quotes; 0 when there is none.
std::size_t last_record_end(std::string_view block);

// Splits a record into fields; quoted fields are unescaped into `scratch`.
class field_splitter {
public:
    // Returns false with the offset of a malformed quote.
    bool split(std::string_view line, std::size_t& error_offset) {
        fields_.clear();
        offsets_.clear();
        std::size_t at = 0;
        while (true) {
            offsets_.push_back(at);
            if (at < line.size() && line[at] == '"') {
                if (!quoted_field(line, at, error_offset)) return false;
            } else {
                // Fields are short: a byte loop beats a call to memchr for each of them.
                std::size_t end = at;
                while (end < line.size() && line[end] != ',') {
                    if (line[end] == '"') {
                        error_offset = end;
                        return false;
                    }
                    ++end;
                }
                fields_.push_back(line.substr(at, end - at));
                at = end;
            }
            if (at >= line.size()) return true;
            ++at;
        }
    }
    // For text known to hold no quote at all: fields are what lies between commas.
    void split_unquoted(std::string_view line) {
        fields_.clear();
        offsets_.clear();
        const char* const begin = line.data();
        const char* const end = begin + line.size();
        for (const char* p = begin;;) {
            const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
            const char* stop = comma != nullptr ? comma : end;
            offsets_.push_back(static_cast<std::size_t>(p - begin));
            fields_.emplace_back(p, static_cast<std::size_t>(stop - p));
            if (comma == nullptr) return;
            p = comma + 1;
        }
    }
    [[nodiscard]] const std::vector<std::string_view>& fields() const { return fields_; }
    [[nodiscard]] std::size_t offset(std::size_t field) const { return offsets_[field]; }

private:
    bool quoted_field(std::string_view line, std::size_t& at, std::size_t& error_offset) {
        if (scratch_.size() <= fields_.size()) scratch_.resize(fields_.size() + 1);
        std::string& out = scratch_[fields_.size()];
        out.clear();
        const auto end = read_quoted(line, at, out);
        if (!end) {
            error_offset = end.error().offset;
            return false;
        }
        fields_.push_back(out);
        at = *end;
        return true;
    }

    std::vector<std::string_view> fields_;
    std::vector<std::size_t> offsets_;
    std::deque<std::string> scratch_;  // stable per field index while a record is read
};

}  // namespace crossfoot::csv
