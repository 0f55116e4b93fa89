// crossfoot/csv_ranges.hpp: a CSV ledger cut into byte ranges of whole records, so that
// machines that share the file can aggregate it together, each range on its own.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>
#include <crossfoot/diagnostic.hpp>

#include <array>
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// Where the CSV reader stands before a byte: at a line's start outside quotes (a record
/// starts there), at a field's start, inside an unquoted field, or inside a quoted field
/// (where a line break does not end the record). A quote opens a quoted field only at a
/// field's start, as the reader has it; elsewhere it is a byte of the field.
enum class csv_state : std::uint8_t { line_start, field_start, in_field, quoted };

/// Which contents of a file a scan saw: its size and modification time (nanoseconds since
/// the epoch). Ranges are cut by the scans, so aggregating a file that has changed since
/// would read records the scans never saw; every step compares the versions and refuses.
struct csv_file_version {
    std::uint64_t size = 0;
    std::int64_t modified_ns = 0;

    friend bool operator==(const csv_file_version&, const csv_file_version&) = default;
};

/// What bytes [begin, end) of a file do to the reader: the state after them for each state
/// it may be in before them (indexed by csv_state), and how many line feeds they hold. Any
/// range can be scanned without knowing what comes before it, so every range of a file can
/// be scanned at once, on as many machines as there are ranges.
struct csv_range_scan {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    std::array<csv_state, 4> after{};
    std::uint64_t line_feeds = 0;
    csv_file_version version;  // the file as the scan found it

    friend bool operator==(const csv_range_scan&, const csv_range_scan&) = default;
};

/// Scans bytes [begin, end) of the file at `path` (end is cut to the file's size). A UTF-8
/// byte-order mark at the file's start moves no state, as the reader skips it. A file that
/// cannot be read is a diagnostic naming `file_name` (code `no-file`).
[[nodiscard]] std::expected<csv_range_scan, diagnostic> scan_csv_range(const std::string& path,
                                                                       std::string_view file_name,
                                                                       std::uint64_t begin,
                                                                       std::uint64_t end);

/// The reader's state and the 1-based line number at a range's first byte.
struct csv_position {
    csv_state state = csv_state::line_start;
    std::uint64_t line = 1;

    friend bool operator==(const csv_position&, const csv_position&) = default;
};

/// The exact position at the start of every range and at the end of the last, from the scans
/// of ranges that tile a file from byte 0 to its end, in order: one more position than scans.
/// Cheap: a step per range, no byte read. Fails (code `file-changed`, naming `file_name`)
/// when the scans saw different versions of the file or do not reach its end, and (code
/// `bad-ranges`) when the ranges do not follow one another.
[[nodiscard]] std::expected<std::vector<csv_position>, diagnostic> chain_csv_scans(
    std::span<const csv_range_scan> scans, std::string_view file_name);

/// One range to aggregate: bytes [begin, end) with the positions chain_csv_scans gave for
/// both ends.
struct csv_range {
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    csv_position at_begin;
    csv_position at_end;
    csv_file_version version;  // the scans' version of the file
};

/// Aggregates the records of the file at `path` that start in [range.begin, range.end),
/// with the file's header (read from its start), reporting the file's own line numbers. Over
/// ranges that tile the file, every record is read exactly once, whatever its quoted fields
/// hold, and the merged partials equal one aggregate_file of the whole file. The file must
/// not change between the scans and the aggregation.
[[nodiscard]] std::expected<void, diagnostic> aggregate_csv_range(
    const std::string& path, std::string_view file_name, const csv_range& range,
    const aggregate_options& options, const rate_table* rates, partial_aggregate& into,
    const reject_sink& rejects = {}, unsigned threads = 1);

/// Cuts `size` bytes into ranges of about `range_bytes` each (at least one range; none
/// shorter than a byte), in order: the nominal ranges to scan.
[[nodiscard]] std::vector<std::pair<std::uint64_t, std::uint64_t>> nominal_ranges(
    std::uint64_t size, std::uint64_t range_bytes);

}  // namespace crossfoot
