// tests/unit/csv_ranges_test.cpp: a CSV file cut into byte ranges, each scanned and aggregated
// apart, against one reading of the whole file: cuts at every byte of ledgers whose quoted
// fields hold line breaks, escaped quotes, commas, CRLF and a byte-order mark; stray quotes
// inside unquoted fields; bad rows reported at the file's own lines; ranges that do not
// follow one another; files that cannot be read.
// SPDX-License-Identifier: MIT
#include <crossfoot/csv_ranges.hpp>

#include <crossfoot/aggregate.hpp>
#include <crossfoot/diagnostic.hpp>

#include "aggregate_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using crossfoot::aggregate_options;
using crossfoot::csv_position;
using crossfoot::csv_range;
using crossfoot::csv_range_scan;
using crossfoot::csv_state;
using crossfoot::diagnostic;
using crossfoot::partial_aggregate;
using crossfoot::testing::grouped_by;

// A file in the temporary folder, removed when the test ends.
struct temp_file {
    std::filesystem::path path;
    explicit temp_file(std::string_view name, std::string_view text)
        : path(std::filesystem::temp_directory_path() / name) {
        std::ofstream(path, std::ios::binary) << text;
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() { std::filesystem::remove(path); }
};

struct outcome {
    partial_aggregate partial;
    std::vector<std::tuple<std::size_t, std::size_t, std::string>> rejects;  // line, column, code
    std::string error;  // the diagnostic that stopped the run, if any
};

outcome whole(const std::string& path, const aggregate_options& options, bool with_rejects) {
    outcome out;
    crossfoot::reject_sink sink;
    if (with_rejects) sink = [&](const diagnostic& d) { out.rejects.emplace_back(d.line, d.column, d.code); };
    const auto done = crossfoot::aggregate_file(path, "ledger.csv", options, nullptr, out.partial, sink);
    if (!done) out.error = crossfoot::format(done.error());
    return out;
}

// Every range scanned, chained and aggregated on its own; the partials merged in order.
outcome in_ranges(const std::string& path, std::uint64_t range_bytes, const aggregate_options& options,
                  bool with_rejects) {
    const auto size = std::filesystem::file_size(path);
    std::vector<csv_range_scan> scans;
    for (const auto& [begin, end] : crossfoot::nominal_ranges(size, range_bytes))
        scans.push_back(crossfoot::scan_csv_range(path, "ledger.csv", begin, end).value());
    const auto positions = crossfoot::chain_csv_scans(scans, "ledger.csv").value();
    BOOST_TEST_REQUIRE(positions.size() == scans.size() + 1);
    outcome out;
    out.partial.group_by = options.group_by;
    for (std::size_t i = 0; i < scans.size(); ++i) {
        partial_aggregate piece;
        crossfoot::reject_sink sink;
        if (with_rejects) sink = [&](const diagnostic& d) { out.rejects.emplace_back(d.line, d.column, d.code); };
        const csv_range range{scans[i].begin, scans[i].end, positions[i], positions[i + 1], scans[i].version};
        const auto done = crossfoot::aggregate_csv_range(path, "ledger.csv", range, options, nullptr, piece, sink);
        if (!done) {
            out.error = crossfoot::format(done.error());
            return out;
        }
        BOOST_TEST_REQUIRE(out.partial.merge(piece).has_value());
    }
    return out;
}

// Ranges of every size from 1 byte to past the file's end read what the whole file reads.
void every_cut_reads_as_the_whole(const std::string& path, std::size_t size, const aggregate_options& options,
                                  const outcome& one) {
    for (std::uint64_t bytes = 1; bytes <= size + 1; ++bytes) {
        BOOST_TEST_CONTEXT("ranges of " << bytes << " bytes") {
            const outcome cut = in_ranges(path, bytes, options, false);
            BOOST_TEST(cut.error.empty(), cut.error);
            BOOST_TEST((cut.partial == one.partial));
        }
    }
}

// Quoted fields that hold line breaks, commas and escaped quotes; CRLF line ends; a BOM.
constexpr std::string_view tricky =
    "\xEF\xBB\xBFregion,\"note\",currency,amount\r\n"
    "north,\"two\nlines, and \"\"quotes\"\"\",CNY,1.50\r\n"
    "south,plain,USD,2\n"
    "north,\"\"\"\n\",CNY,3.25\n"
    "east,\"a\n\nb\n\",EUR,-4\n"
    "south,\"\",USD,10\n"
    "north,\"x,y\nz\",CNY,0.01\n";

BOOST_AUTO_TEST_CASE(every_cut_of_quoted_line_breaks_reads_each_record_once) {
    const temp_file file("crossfoot_ranges_tricky.csv", tricky);
    const auto options = grouped_by({"region"});
    const outcome one = whole(file.path.string(), options, false);
    BOOST_TEST_REQUIRE(one.error.empty());
    BOOST_TEST(one.partial.rows_read == 6U);
    every_cut_reads_as_the_whole(file.path.string(), tricky.size(), options, one);
}

BOOST_AUTO_TEST_CASE(a_byte_order_mark_before_a_quoted_header_moves_no_state) {
    // The reader skips the mark and opens the header's first field as quoted; a scan that
    // took the mark for field bytes would end the header inside quotes and read rows twice.
    constexpr std::string_view text =
        "\xEF\xBB\xBF\"memo,\",currency,amount\n"
        "x,USD,1\n"
        "\"a\nb\",USD,4\n"
        "y,USD,2\n"
        "z,USD,8\n";
    const temp_file file("crossfoot_ranges_bom.csv", text);
    const auto options = grouped_by({});
    const outcome one = whole(file.path.string(), options, false);
    BOOST_TEST_REQUIRE(one.error.empty(), one.error);
    BOOST_TEST(one.partial.rows_read == 4U);
    every_cut_reads_as_the_whole(file.path.string(), text.size(), options, one);
}

BOOST_AUTO_TEST_CASE(a_file_that_changes_after_its_scans_is_refused) {
    const temp_file file("crossfoot_ranges_changed.csv", "region,currency,amount\nnorth,CNY,1\nsouth,CNY,2\n");
    const std::string path = file.path.string();
    const auto size = std::filesystem::file_size(path);
    std::vector<csv_range_scan> scans;
    for (const auto& [begin, end] : crossfoot::nominal_ranges(size, 20))
        scans.push_back(crossfoot::scan_csv_range(path, "ledger.csv", begin, end).value());
    const auto positions = crossfoot::chain_csv_scans(scans, "ledger.csv").value();
    std::ofstream(path, std::ios::app) << "east,CNY,3\n";  // a row appended after the scans
    partial_aggregate p;
    const csv_range last{scans.back().begin, scans.back().end, positions[scans.size() - 1], positions.back(),
                         scans.back().version};
    const auto done = crossfoot::aggregate_csv_range(path, "ledger.csv", last, grouped_by({"region"}), nullptr, p);
    BOOST_TEST_REQUIRE(!done.has_value());
    BOOST_TEST(done.error().code == "file-changed");
    BOOST_TEST(done.error().message.find("changed after its ranges were scanned") != std::string::npos);
    // Scans of the old and the new file do not chain; nor do scans that stop short of the end.
    scans.push_back(crossfoot::scan_csv_range(path, "ledger.csv", scans.back().end, size + 11).value());
    const auto mixed = crossfoot::chain_csv_scans(scans, "ledger.csv");
    BOOST_TEST_REQUIRE(!mixed.has_value());
    BOOST_TEST(mixed.error().code == "file-changed");
    std::vector<csv_range_scan> fresh;
    for (const auto& [begin, end] : crossfoot::nominal_ranges(size, 20))
        fresh.push_back(crossfoot::scan_csv_range(path, "ledger.csv", begin, end).value());
    const auto short_of_end = crossfoot::chain_csv_scans(fresh, "ledger.csv");
    BOOST_TEST_REQUIRE(!short_of_end.has_value());
    BOOST_TEST(short_of_end.error().code == "file-changed");
    BOOST_TEST(short_of_end.error().file == "ledger.csv");
}

BOOST_AUTO_TEST_CASE(bad_rows_keep_the_files_line_numbers_at_every_cut) {
    // Stray quotes inside unquoted fields open nothing; a row with a bad amount after a
    // quoted line break; a row with a field missing.
    constexpr std::string_view text =
        "region,currency,amount\n"
        "ab\"c,CNY,1\n"
        "north,\"CNY\",2\n"
        "x,CNY,\"3\n4\"\n"
        "north,CNY,5\n"
        "south,USD\n"
        "a\"\"b,USD,6\n"
        "north,CNY,7.5";
    const temp_file file("crossfoot_ranges_bad.csv", text);
    const auto options = grouped_by({"region"});
    const outcome one = whole(file.path.string(), options, true);
    BOOST_TEST_REQUIRE(one.error.empty());
    // A stray quote is refused by the row's reader, but it opens no quoted field: the
    // records after it are where a reading of the whole file has them.
    using reject = std::tuple<std::size_t, std::size_t, std::string>;
    const std::vector<reject> expected{{2, 3, "bad-row"}, {4, 8, "bad-amount"}, {7, 10, "bad-row"}, {8, 2, "bad-row"}};
    BOOST_TEST_REQUIRE((one.rejects == expected));
    for (std::uint64_t bytes = 1; bytes <= text.size() + 1; ++bytes) {
        BOOST_TEST_CONTEXT("ranges of " << bytes << " bytes") {
            const outcome cut = in_ranges(file.path.string(), bytes, options, true);
            BOOST_TEST(cut.error.empty(), cut.error);
            BOOST_TEST((cut.partial == one.partial));
            BOOST_TEST((cut.rejects == one.rejects));
        }
    }
    // Without a sink the first bad row stops the range that holds it, at the file's line.
    const outcome stopped = in_ranges(file.path.string(), 40, options, false);
    BOOST_TEST(stopped.error.starts_with("ledger.csv:2:3:"), stopped.error);
}

BOOST_AUTO_TEST_CASE(a_generated_ledger_in_ranges_equals_the_whole_file) {
    std::string text = "id,region,note,currency,amount\n";
    for (int i = 0; i < 3000; ++i) {
        text += std::to_string(i) + ",r" + std::to_string(i % 17) + ',';
        text += i % 7 == 0 ? "\"line\nbreak, " + std::to_string(i) + "\"" : std::string("n");
        text += i % 3 == 0 ? ",USD," : ",CNY,";
        text += std::to_string(i * 37 % 1000) + "." + std::to_string(i % 100) + "\n";
    }
    const temp_file file("crossfoot_ranges_generated.csv", text);
    const auto options = grouped_by({"region"});
    const outcome one = whole(file.path.string(), options, false);
    BOOST_TEST_REQUIRE(one.error.empty());
    for (const std::uint64_t bytes : {97U, 1000U, 4096U, 65536U, 1U << 20U}) {
        BOOST_TEST_CONTEXT("ranges of " << bytes << " bytes") {
            const outcome cut = in_ranges(file.path.string(), bytes, options, false);
            BOOST_TEST(cut.error.empty(), cut.error);
            BOOST_TEST((cut.partial == one.partial));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_scan_counts_line_feeds_and_maps_every_state) {
    const temp_file file("crossfoot_ranges_scan.csv", "a,\"b\nc\",d\n");
    const auto scan = crossfoot::scan_csv_range(file.path.string(), "f.csv", 0, 100).value();
    BOOST_TEST(scan.end == 10U);  // cut to the file's size
    BOOST_TEST(scan.line_feeds == 2U);
    BOOST_TEST((scan.after[static_cast<std::size_t>(csv_state::line_start)] == csv_state::line_start));
    // From inside quotes the first quote closes a field, the second is inside an unquoted
    // one, and the last line feed ends a record all the same.
    BOOST_TEST((scan.after[static_cast<std::size_t>(csv_state::quoted)] == csv_state::line_start));
    BOOST_TEST((scan.after[static_cast<std::size_t>(csv_state::in_field)] == csv_state::line_start));
    const auto middle = crossfoot::scan_csv_range(file.path.string(), "f.csv", 4, 6).value();
    BOOST_TEST(middle.line_feeds == 1U);
    BOOST_TEST((middle.after[static_cast<std::size_t>(csv_state::quoted)] == csv_state::quoted));
    BOOST_TEST((middle.after[static_cast<std::size_t>(csv_state::line_start)] == csv_state::in_field));
}

BOOST_AUTO_TEST_CASE(ranges_that_do_not_follow_one_another_are_refused) {
    std::vector<csv_range_scan> scans(2);
    scans[0].begin = 0;
    scans[0].end = 10;
    scans[1].begin = 11;
    scans[1].end = 20;
    const auto chained = crossfoot::chain_csv_scans(scans, "f.csv");
    BOOST_TEST_REQUIRE(!chained.has_value());
    BOOST_TEST(chained.error().message == "expected a range that begins at byte 10, found one that begins at 11");
    BOOST_TEST(chained.error().code == "bad-ranges");
    BOOST_TEST(crossfoot::chain_csv_scans({}, "f.csv").value().size() == 1U);
}

BOOST_AUTO_TEST_CASE(nominal_ranges_tile_the_size) {
    BOOST_TEST(crossfoot::nominal_ranges(0, 100).size() == 1U);
    BOOST_TEST(crossfoot::nominal_ranges(100, 0).size() == 100U);
    const auto ranges = crossfoot::nominal_ranges(1001, 100);
    BOOST_TEST_REQUIRE(ranges.size() == 11U);
    std::uint64_t next = 0;
    for (const auto& [begin, end] : ranges) {
        BOOST_TEST(begin == next);
        BOOST_TEST(end > begin);
        next = end;
    }
    BOOST_TEST(next == 1001U);
    const auto huge = crossfoot::nominal_ranges(std::uint64_t{1} << 62U, std::uint64_t{1} << 50U);
    BOOST_TEST(huge.size() == 4096U);
    BOOST_TEST(huge.back().second == std::uint64_t{1} << 62U);
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_read_is_a_diagnostic) {
    const auto scan = crossfoot::scan_csv_range("/nonexistent/ledger.csv", "ledger.csv", 0, 10);
    BOOST_TEST_REQUIRE(!scan.has_value());
    BOOST_TEST(scan.error().code == "no-file");
    BOOST_TEST(scan.error().message.find("no such file") != std::string::npos, scan.error().message);
    partial_aggregate p;
    const auto range = crossfoot::aggregate_csv_range("/nonexistent/ledger.csv", "ledger.csv", csv_range{},
                                                      grouped_by({"region"}), nullptr, p);
    BOOST_TEST_REQUIRE(!range.has_value());
    BOOST_TEST(range.error().code == "no-file");
    const auto directory = crossfoot::scan_csv_range("/tmp", "tmp", 0, 10);
    BOOST_TEST_REQUIRE(!directory.has_value());
    BOOST_TEST(directory.error().message.find("not a regular file") != std::string::npos);
}

}  // namespace
