// engine/aggregate/csv_scan.hpp: the CSV reader's record boundaries as a four-state machine,
// so that a file's ranges can be scanned apart and their cut points agree with a reading of
// the whole file. Private to the library.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/csv_ranges.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <string>

#include <sys/stat.h>

namespace crossfoot::aggregation {

/// The state after byte `c`, for the state before it. It follows csv::next_record: a quote
/// opens a quoted field at a field's start (or just after a quoted field closed, where the
/// pair is an escaped quote), a quote inside a quoted field closes it, and a line feed
/// outside quotes ends the record.
[[nodiscard]] constexpr csv_state step(csv_state s, char c) noexcept {
    if (s == csv_state::quoted) return c == '"' ? csv_state::field_start : csv_state::quoted;
    switch (c) {
    case '\n': return csv_state::line_start;
    case ',': return csv_state::field_start;
    case '"': return s == csv_state::in_field ? csv_state::in_field : csv_state::quoted;
    default: return csv_state::in_field;
    }
}

/// The version of the file `status` describes.
[[nodiscard]] csv_file_version version_of(const struct stat& status);

/// Where the file's UTF-8 byte-order mark ends: 3, or 0 without one.
[[nodiscard]] std::size_t byte_order_mark_end(int fd);

/// A record's first byte in a file, and its line.
struct record_start {
    std::uint64_t offset = 0;
    std::uint64_t line = 1;
};

/// The first record that starts at or after `from` in the open file `fd` of `size` bytes,
/// the reader being at `at` before byte `from`; `size` when none does. An error says why
/// the file could not be read.
[[nodiscard]] std::expected<record_start, std::string> next_record_start(int fd, std::uint64_t from,
                                                                         csv_position at, std::uint64_t size);

}  // namespace crossfoot::aggregation
