// tests/unit/aggregate_file_test.cpp: aggregate_file, which maps a regular file into memory a
// window at a time, against aggregate_csv on the same text: windows of a page and of sizes
// that cut records anywhere, on 1 and 2 threads; headers and records longer than a window;
// quoted fields whose line breaks straddle a window's end; a BOM, CRLF, blank lines, no final
// line break, a header alone; bad rows stopping the run or passed on, with their lines across
// windows; conversion rounded per row and per total; the files that are read as a stream
// instead (empty, missing, a FIFO); and the progress reported.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/rates.hpp>

#include "aggregate_support.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <fstream>
#include <future>
#include <initializer_list>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

using crossfoot::aggregate_options;
using crossfoot::convert_rounding;
using crossfoot::diagnostic;
using crossfoot::partial_aggregate;
using crossfoot::rate_table;
using crossfoot::unit;
using crossfoot::testing::builtin;
using crossfoot::testing::converting;
using crossfoot::testing::currency;
using crossfoot::testing::grouped_by;
using crossfoot::testing::key;


constexpr std::string_view file_name = "ledger.csv";

// ---- files ----------------------------------------------------------------------------------

// A directory of its own under the system's temporary directory, removed with what it holds.
class scratch_dir {
public:
    scratch_dir() {
        static std::atomic<unsigned> made{0};
        path_ = std::filesystem::temp_directory_path() /
                ("crossfoot-aggregate-file-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(made++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    ~scratch_dir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    [[nodiscard]] std::string path(std::string_view name) const {
        return (path_ / std::string(name)).string();
    }

    // Writes `text` to the file `name` (replacing it) and returns its path.
    [[nodiscard]] std::string write(std::string_view name, std::string_view text) const {
        const std::string p = path(name);
        {
            std::ofstream out(p, std::ios::binary | std::ios::trunc);
            out.write(text.data(), static_cast<std::streamsize>(text.size()));
            BOOST_TEST_REQUIRE(out.good());
        }
        BOOST_TEST_REQUIRE(std::filesystem::file_size(p) == text.size());
        return p;
    }

private:
    std::filesystem::path path_;
};

// ---- running a ledger both ways -------------------------------------------------------------

// What a run came to: the diagnostic that stopped it, if one did; the partial; the rows
// passed on; and the progress told.
struct outcome {
    std::optional<diagnostic> error;
    partial_aggregate result;
    std::vector<diagnostic> rejects;
    std::vector<std::uint64_t> progress;
};

// aggregate_csv on `text`, with every bad row passed on or stopping at the first.
outcome by_csv(std::string_view text, const aggregate_options& options, const rate_table* rates,
               bool passing_on, unsigned threads = 1) {
    outcome out;
    crossfoot::reject_sink sink;
    if (passing_on) sink = [&out](const diagnostic& d) { out.rejects.push_back(d); };
    const auto done =
        crossfoot::aggregate_csv(text, file_name, options, rates, out.result, sink, threads);
    if (!done) out.error = done.error();
    return out;
}

// aggregate_file on the file at `path`, in windows of `window` bytes (the default without one).
outcome by_file(const std::string& path, const aggregate_options& options, const rate_table* rates,
                bool passing_on, unsigned threads, std::optional<std::size_t> window) {
    outcome out;
    crossfoot::reject_sink sink;
    if (passing_on) sink = [&out](const diagnostic& d) { out.rejects.push_back(d); };
    const auto progress = [&out](std::uint64_t bytes) { out.progress.push_back(bytes); };
    const auto done = window
                          ? crossfoot::aggregate_file(path, file_name, options, rates, out.result,
                                                      sink, threads, progress, *window)
                          : crossfoot::aggregate_file(path, file_name, options, rates, out.result,
                                                      sink, threads, progress);
    if (!done) out.error = done.error();
    return out;
}

// aggregate_stream on `text`, read in blocks of `block` bytes.
outcome by_stream(std::string_view text, const aggregate_options& options, const rate_table* rates,
                  bool passing_on, std::size_t block) {
    outcome out;
    crossfoot::reject_sink sink;
    if (passing_on) sink = [&out](const diagnostic& d) { out.rejects.push_back(d); };
    const auto progress = [&out](std::uint64_t bytes) { out.progress.push_back(bytes); };
    std::istringstream input{std::string(text)};
    const auto done = crossfoot::aggregate_stream(input, file_name, options, rates, out.result,
                                                  sink, 2, progress, block);
    if (!done) out.error = done.error();
    return out;
}

// A diagnostic in brief: its place, code and message, without the (maybe long) source line.
std::string brief(const diagnostic& d) {
    return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
           d.message + " [" + d.code + "]";
}

// The same diagnostic that stops the run, or the same partial (by value and as JSON), and the
// same rows passed on, in the same order.
void same_outcome(const outcome& got, const outcome& want) {
    BOOST_TEST(got.error.has_value() == want.error.has_value(),
               "aggregate_file " << (got.error ? "failed: " + brief(*got.error) : "passed")
                                 << "; aggregate_csv "
                                 << (want.error ? "failed: " + brief(*want.error) : "passed"));
    if (got.error.has_value() != want.error.has_value()) return;
    if (want.error) {
        BOOST_TEST(*got.error == *want.error);
    } else {
        BOOST_TEST(got.result == want.result);
        BOOST_TEST(crossfoot::to_json(got.result) == crossfoot::to_json(want.result));
    }
    BOOST_TEST_REQUIRE(got.rejects.size() == want.rejects.size());
    for (std::size_t i = 0; i < got.rejects.size(); ++i) {
        BOOST_TEST_CONTEXT("reject " << i) { BOOST_TEST(got.rejects[i] == want.rejects[i]); }
    }
}

// Progress of a whole run over a file of `size` bytes: told at least once, never going back,
// never beyond the file, and at its end last.
void progressed_to_the_end(const std::vector<std::uint64_t>& progress, std::uint64_t size) {
    BOOST_TEST_REQUIRE(!progress.empty());
    BOOST_TEST(std::ranges::is_sorted(progress));
    BOOST_TEST(progress.front() > 0U);
    BOOST_TEST(progress.back() == size);
}

using window_list = std::vector<std::optional<std::size_t>>;

// A page (1 is made one), a page, one byte more, two pages, and the default.
const window_list all_windows = {std::size_t{1}, std::size_t{4096}, std::size_t{4097},
                                 std::size_t{8192}, std::nullopt};
const window_list small_windows = {std::size_t{1}, std::size_t{4097}};
const window_list page_window = {std::size_t{4096}};

std::string window_name(std::optional<std::size_t> window) {
    return window ? std::to_string(*window) : std::string("default");
}

// Writes `text` to a file and reads it with aggregate_file in each of `windows`, on 1 and 2
// threads, with every bad row passed on and stopping at the first: every run must give what
// aggregate_csv gives on the text. Returns aggregate_csv's run with the rows passed on.
outcome file_matches_csv(const scratch_dir& dir, std::string_view text,
                         const aggregate_options& options, const rate_table* rates = nullptr,
                         const window_list& windows = all_windows,
                         std::initializer_list<unsigned> threads = {1U, 2U}) {
    const std::string path = dir.write("ledger.csv", text);
    const outcome passed = by_csv(text, options, rates, true);
    const outcome stopped = by_csv(text, options, rates, false);
    for (const bool passing_on : {true, false}) {
        const outcome& want = passing_on ? passed : stopped;
        for (const auto window : windows) {
            for (const unsigned t : threads) {
                BOOST_TEST_CONTEXT(
                    "window " << window_name(window) << ", " << t << " threads, "
                              << (passing_on ? "passing bad rows on" : "stopping at a bad row")) {
                    const outcome got = by_file(path, options, rates, passing_on, t, window);
                    same_outcome(got, want);
                    if (!got.error) progressed_to_the_end(got.progress, text.size());
                }
            }
        }
    }
    return passed;
}

// ---- generated ledgers ----------------------------------------------------------------------

// Minor units as a decimal string with `decimals` digits after the point: -5, 2 → "-0.05".
std::string minor_text(std::int64_t minor, int decimals) {
    const bool negative = minor < 0;
    std::string digits = std::to_string(negative ? -minor : minor);
    if (decimals > 0) {
        const auto width = static_cast<std::size_t>(decimals) + 1;
        if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(decimals), ".");
    }
    return negative ? "-" + digits : digits;
}

constexpr std::string_view ledger_header = "region,product,date,amount,currency,note";

// What a generated ledger holds besides good rows, as flags.
enum shape : unsigned {
    plain = 0,
    quotes = 1,         // quoted regions with a comma, quoted notes over two lines
    crlf = 2,           // CRLF line ends
    bom = 4,            // a UTF-8 byte-order mark
    blank_lines = 8,    // a blank line now and then
    no_final_end = 16,  // no line end after the last row
};

// `rows` rows of six columns: regions, products, September 2024 business days (and a
// Saturday now and then), amounts with 0 to 4 decimals, seven currencies; the rows numbered
// (from 0) in `bad` made bad, of a kind in turn.
std::string generated(std::size_t rows, std::uint64_t seed, unsigned flags = plain,
                      const std::vector<std::size_t>& bad = {}) {
    static constexpr std::array<std::string_view, 5> regions = {"North", "South", "West", "华东",
                                                                "East"};
    static constexpr std::array<std::string_view, 3> products = {"bolts", "nuts", "gears"};
    static constexpr std::array<std::string_view, 7> currencies = {"USD", "JPY", "CNY", "EUR",
                                                                   "GBP", "HKD", "KRW"};
    static constexpr std::array<std::string_view, 4> quoted_notes = {
        "\"over\ntwo lines\"", "\"over\r\ntwo, with CRLF\"", "\"a \"\"quoted\"\" word\"", "\"\""};
    static constexpr std::array<std::string_view, 5> bad_kinds = {"amount", "currency", "fields",
                                                                  "date", "rate"};
    const std::string_view eol = (flags & crlf) != 0 ? "\r\n" : "\n";
    std::mt19937_64 rng(seed);
    std::string text = (flags & bom) != 0 ? "\xEF\xBB\xBF" : "";
    text += ledger_header;
    text += eol;
    std::size_t bad_made = 0;
    for (std::size_t i = 0; i < rows; ++i) {
        std::string region(regions[rng() % regions.size()]);
        if ((flags & quotes) != 0 && rng() % 11 == 0) region = "\"East, Coast\"";
        const std::uint64_t d = 23 + rng() % 6;  // 2024-09-23 .. 2024-09-28 (a Saturday)
        std::string date = "2024-09-" + std::to_string(d);
        const auto minor = static_cast<std::int64_t>(rng() % 2000001) - 1000000;
        std::string amount = minor_text(minor, static_cast<int>(rng() % 5));
        std::string code(currencies[rng() % currencies.size()]);
        std::string note;
        if ((flags & quotes) != 0) {
            const std::size_t n = rng() % 9;  // a quoted note on 4 rows in 9
            if (n < quoted_notes.size()) note = quoted_notes[n];
        } else if (rng() % 4 == 0) {
            note = "plain";
        }
        std::string extra;
        if (std::ranges::find(bad, i) != bad.end()) {
            const std::string_view kind = bad_kinds[bad_made++ % bad_kinds.size()];
            if (kind == "amount") amount = "1.x" + std::to_string(i);
            if (kind == "currency") code = "XYZ";
            if (kind == "fields") extra = ",extra";
            if (kind == "date") date = "2024-13-01";  // read only when converting
            if (kind == "rate") {  // no rate in the table: bad only when converting
                date = "2023-01-02";
                code = "USD";
            }
        }
        text += region + "," + std::string(products[rng() % products.size()]) + "," + date + "," +
                amount + "," + code + "," + note + extra;
        if (i + 1 < rows || (flags & no_final_end) == 0) text += eol;
        if ((flags & blank_lines) != 0 && rng() % 37 == 0) text += rng() % 2 == 0 ? "\n" : "\r\n";
    }
    return text;
}

// The rows of an unquoted ledger without blank lines: data row `i` is on line i + 2.
std::size_t line_of_row(std::size_t i) { return i + 2; }

}  // namespace

// ---- windows and threads --------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_file_windows)

BOOST_AUTO_TEST_CASE(gives_aggregate_csvs_result_in_any_window_on_any_threads) {
    const scratch_dir dir;
    const std::string text = generated(4000, 7);
    BOOST_TEST_REQUIRE(text.size() > std::size_t{128} << 10);  // two pieces for two threads
    for (const key& by : {key{}, key{"region", "product"}}) {
        const auto run = file_matches_csv(dir, text, grouped_by(by));
        BOOST_TEST(run.result.rows_read == 4000U);
        BOOST_TEST(run.rejects.empty());
    }
}

BOOST_AUTO_TEST_CASE(gives_the_same_result_with_quotes_crlf_a_bom_and_blank_lines) {
    const scratch_dir dir;
    const auto options = grouped_by({"region"});
    const auto run = file_matches_csv(
        dir, generated(3000, 8, quotes | crlf | bom | blank_lines | no_final_end), options);
    BOOST_TEST(run.result.rows_read == 3000U);
    BOOST_TEST(run.result.groups.contains(key{"East, Coast"}));
    file_matches_csv(dir, generated(2000, 9, crlf | blank_lines), options);
    file_matches_csv(dir, generated(2000, 10, quotes), options);
}

BOOST_AUTO_TEST_CASE(reads_a_file_of_exactly_one_and_two_pages) {
    const scratch_dir dir;
    for (const std::size_t size : {4095U, 4096U, 4097U, 8191U, 8192U, 8193U}) {
        BOOST_TEST_CONTEXT(size << " bytes") {
            std::string text = "amount,currency,note\n";
            while (text.size() + 80 < size) text += "1.25,USD,abcdefghijklmnopqrstuvwxyz012\n";
            text += "2,EUR," + std::string(size - text.size() - 7, 'n') + "\n";
            BOOST_TEST_REQUIRE(text.size() == size);
            file_matches_csv(dir, text, grouped_by({}));
            text.pop_back();  // the last line without its line feed
            text += 'n';
            file_matches_csv(dir, text, grouped_by({}));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ---- long headers and records ---------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_file_long_records)

BOOST_AUTO_TEST_CASE(reads_a_header_longer_than_the_window) {
    const scratch_dir dir;
    const std::string rows = generated(400, 11).substr(ledger_header.size() + 1);
    for (const std::size_t extra : {4000U, 4053U, 4054U, 4055U, 6000U, 9000U, 20000U}) {
        BOOST_TEST_CONTEXT("an extra column name of " << extra << " bytes") {
            const std::string header =
                std::string(ledger_header) + "," + std::string(extra, 'h') + "\n";
            // Each row with an empty extra field.
            std::string text = header;
            std::istringstream lines(rows);
            for (std::string line; std::getline(lines, line);) text += line + ",\n";
            file_matches_csv(dir, text, grouped_by({"region"}), nullptr, page_window);
            file_matches_csv(dir, "\xEF\xBB\xBF" + text, grouped_by({"region"}), nullptr,
                             page_window, {1U});
            file_matches_csv(dir, header, grouped_by({"region"}), nullptr, page_window, {1U});
            file_matches_csv(dir, header.substr(0, header.size() - 1), grouped_by({"region"}),
                             nullptr, page_window, {1U});
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_a_header_ending_at_the_end_of_the_first_window) {
    // The header's line feed the last byte of the first page, the first of the second, or
    // just before the last; and with CRLF, the page ending between CR and LF.
    const scratch_dir dir;
    const std::string rows = "North,bolts,2024-09-23,1.00,USD,,\nSouth,nuts,2024-09-24,2.5,EUR,,\n";
    for (const std::size_t header_end : {4094U, 4095U, 4096U, 4097U}) {
        for (const std::string_view eol : {"\n", "\r\n"}) {
            BOOST_TEST_CONTEXT("line feed at " << header_end << ", " << eol.size()
                                               << "-byte ends") {
                std::string header = std::string(ledger_header) + ",";
                header += std::string(header_end - header.size() - (eol.size() - 1), 'h');
                header += eol;
                BOOST_TEST_REQUIRE(header.size() == header_end + 1);
                file_matches_csv(dir, header + rows, grouped_by({"region"}), nullptr, small_windows,
                                 {1U});
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_a_quoted_header_name_holding_a_line_break_at_the_windows_end) {
    // The header's quoted last name holds a line feed, at the last byte of the first page or
    // about it: the header is whole only after it.
    const scratch_dir dir;
    const std::string rows = "North,1.00,USD,x\nSouth,2.5,EUR,y\n";
    for (const std::size_t inner : {4093U, 4094U, 4095U, 4096U, 4097U}) {
        BOOST_TEST_CONTEXT("the line feed inside the quotes at " << inner) {
            std::string header = "region,amount,currency,\"note";
            header += std::string(inner - header.size(), 'h');
            header += "\nmore\"\n";
            BOOST_TEST_REQUIRE(header[inner] == '\n');
            file_matches_csv(dir, header + rows, grouped_by({"region"}), nullptr, small_windows,
                             {1U});
            // A stream reads the header with the first block that holds all of it, too.
            for (const std::size_t block : {std::size_t{16}, std::size_t{4096}, std::size_t{1} << 16}) {
                BOOST_TEST_CONTEXT("through a stream in blocks of " << block) {
                    const auto options = grouped_by({"region"});
                    const std::string text = header + rows;
                    const outcome got = by_stream(text, options, nullptr, true, block);
                    same_outcome(got, by_csv(text, options, nullptr, true));
                    if (!got.error) progressed_to_the_end(got.progress, text.size());
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_a_record_longer_than_the_window_in_the_middle_and_at_the_end) {
    const scratch_dir dir;
    const std::string text = generated(600, 12);
    const std::string long_row = "North,bolts,2024-09-23,10.01,USD," + std::string(10000, 'z');
    const std::string long_bad = "South,nuts,2024-09-24,1.0x,EUR," + std::string(12000, 'w');
    const std::size_t middle = text.find('\n', 5000) + 1;
    const auto options = grouped_by({"region"});
    BOOST_TEST_CONTEXT("a long row in the middle") {
        const auto run = file_matches_csv(
            dir, text.substr(0, middle) + long_row + "\n" + text.substr(middle), options);
        BOOST_TEST(run.rejects.empty());
    }
    BOOST_TEST_CONTEXT("a long bad row in the middle") {
        const auto run = file_matches_csv(
            dir, text.substr(0, middle) + long_bad + "\n" + text.substr(middle), options);
        BOOST_TEST_REQUIRE(run.rejects.size() == 1U);
        BOOST_TEST(run.rejects[0].source_line == long_bad);
    }
    BOOST_TEST_CONTEXT("a long row at the end") {
        file_matches_csv(dir, text + long_row + "\n", options);
        file_matches_csv(dir, text + long_row, options);
        file_matches_csv(dir, text + long_bad, options);
    }
    BOOST_TEST_CONTEXT("a long quoted field over many lines in the middle") {
        std::string quoted = "North,bolts,2024-09-23,3.50,USD,\"";
        for (std::size_t i = 0; i < 300; ++i) quoted += "line " + std::to_string(i) + ",\n";
        quoted += "\"\n";
        std::string bad_after = "South,nuts,2024-09-24,oops,EUR,\n";
        const auto run = file_matches_csv(
            dir, text.substr(0, middle) + quoted + bad_after + text.substr(middle), options);
        BOOST_TEST_REQUIRE(run.rejects.size() == 1U);
        BOOST_TEST(run.rejects[0].source_line == "South,nuts,2024-09-24,oops,EUR,");
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ---- quotes and line ends -------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_file_quotes_and_line_ends)

namespace {

// Good rows and bad rows after a quoted record, placed so that its line break inside quotes
// is at each of `inner` (ascending offsets in the file).
std::string with_quoted_breaks_at(const std::vector<std::size_t>& inner, bool crlf_inside) {
    const std::string filler = "North,bolts,2024-09-23,1.00,USD,\n";  // its note: padding
    const std::string quoted_head = "South,nuts,2024-09-24,2.50,EUR,\"first";
    const std::string quoted_tail = std::string(crlf_inside ? "\r\n" : "\n") + "second\"\n";
    const std::string bad = "West,gears,2024-09-25,x,JPY,\n";
    std::string text = std::string(ledger_header) + "\n";
    for (const std::size_t at : inner) {
        const std::size_t line_feed_in_record = quoted_head.size() + (crlf_inside ? 1 : 0);
        BOOST_TEST_REQUIRE(at >= text.size() + filler.size() + line_feed_in_record);
        const std::size_t start = at - line_feed_in_record;  // where the quoted record starts
        while (start - text.size() >= 2 * filler.size()) text += filler;
        std::string pad = filler;
        pad.insert(pad.size() - 1, std::string(start - text.size() - filler.size(), 'p'));
        text += pad;
        BOOST_TEST_REQUIRE(text.size() == start);
        text += quoted_head + quoted_tail;
        BOOST_TEST_REQUIRE(text[at] == '\n');
        text += bad;
    }
    for (std::size_t i = 0; i < 20; ++i) text += filler;
    return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(reads_a_quoted_line_break_straddling_a_window_anywhere) {
    // The window's end moves across the whole quoted record (its start, opening quote, line
    // break, closing quote and end) at the first, second and third page's end.
    const scratch_dir dir;
    const auto options = grouped_by({"region"});
    for (int shift = -40; shift <= 12; ++shift) {
        BOOST_TEST_CONTEXT("line breaks in quotes at pages' ends " << std::showpos << shift) {
            const auto at = [shift](std::size_t page_end) {
                return static_cast<std::size_t>(static_cast<long>(page_end) + shift);
            };
            const bool crlf_inside = shift % 2 != 0;
            const std::string text =
                with_quoted_breaks_at({at(4096), at(8192), at(12288)}, crlf_inside);
            const auto run = file_matches_csv(dir, text, options, nullptr, page_window);
            BOOST_TEST(run.rejects.size() == 3U);
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_an_unterminated_quote_in_the_middle_as_csv_does) {
    // Everything after an unclosed quote is one record (and a bad row).
    const scratch_dir dir;
    const std::string text = generated(500, 13);
    const std::size_t middle = text.find('\n', 9000) + 1;
    file_matches_csv(dir, text.substr(0, middle) + "\"North,5.00,USD,,,\n" + text.substr(middle),
                     grouped_by({"region"}), nullptr, small_windows);
}

BOOST_AUTO_TEST_CASE(reads_the_small_edges_of_a_ledger) {
    const scratch_dir dir;
    const auto options = grouped_by({"region"});
    const std::vector<std::pair<std::string_view, std::string>> cases = {
        {"a header alone", "region,amount,currency\n"},
        {"a header alone without a line feed", "region,amount,currency"},
        {"a header alone with CRLF", "region,amount,currency\r\n"},
        {"a header alone after a BOM", "\xEF\xBB\xBFregion,amount,currency"},
        {"a header and blank lines", "region,amount,currency\n\n\r\n\n"},
        {"a BOM alone", "\xEF\xBB\xBF"},
        {"a line feed alone", "\n"},
        {"a header lacking a column", "region,amount\nNorth,1\n"},
        {"one row without a line feed", "region,amount,currency\nNorth,1.5,USD"},
        {"one row ending in CR", "region,amount,currency\nNorth,1.5,USD\r"},
        {"quoted fields with CRLF and a BOM",
         "\xEF\xBB\xBFregion,amount,currency,note\r\n"
         "North,1.10,USD,plain\r\n"
         "\"South, far\",2.20,USD,\"a \"\"quoted\"\" note\"\r\n"
         "\r\n"
         "North,3.30,EUR,\"a note\r\nover two lines\"\r\n"
         "North,x,EUR,bad amount\r\n"
         "\"South, far\",4.40,USD,\"one\ntwo\nthree\"\n"
         "South,5.50,XYZ,bad currency\n"
         "North,6.60,USD\n"
         "\n"
         "\"South, far\",7.70,JPY,\"ends without a break\""},
        {"an unterminated quote on the last line",
         "region,amount,currency\nNorth,1,USD\n\"North,5"},
        {"a stray quote",
         "region,amount,currency\nNorth,1.00,USD\nNor\"th,2.00,USD\nSouth,x,USD\n"},
    };
    for (const auto& [what, text] : cases) {
        BOOST_TEST_CONTEXT(what) { file_matches_csv(dir, text, options, nullptr, small_windows); }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ---- bad rows -------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_file_bad_rows)

BOOST_AUTO_TEST_CASE(stops_at_the_first_bad_row_with_its_line_across_windows) {
    const scratch_dir dir;
    const auto options = grouped_by({"region"});
    for (const std::size_t row : {2998U, 1U, 3499U}) {
        BOOST_TEST_CONTEXT("bad row " << row) {
            const std::string text = generated(3500, 14, plain, {row});
            const std::string path = dir.write("ledger.csv", text);
            const outcome want = by_csv(text, options, nullptr, false);
            BOOST_TEST_REQUIRE(want.error.has_value());
            BOOST_TEST(want.error->line == line_of_row(row));
            for (const auto window : all_windows) {
                for (const unsigned threads : {1U, 2U}) {
                    BOOST_TEST_CONTEXT("window " << window_name(window) << ", " << threads
                                                 << " threads") {
                        const outcome got = by_file(path, options, nullptr, false, threads, window);
                        same_outcome(got, want);
                        if (got.error) BOOST_TEST(got.error->line == line_of_row(row));
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(passes_on_every_bad_row_in_file_order_and_counts_them) {
    const scratch_dir dir;
    const auto options = grouped_by({"region", "product"});
    const std::vector<std::size_t> bad = {0, 1, 90, 91, 92, 1000, 1500, 2200, 2998, 2999};
    const std::string text = generated(3000, 15, plain, bad);
    const auto run = file_matches_csv(dir, text, options);
    // Bad amounts, currencies and field counts; dates are not read when not converting.
    const std::size_t bad_here = 6;
    BOOST_TEST_REQUIRE(run.rejects.size() == bad_here);
    BOOST_TEST(run.result.rows_read == 3000U);
    BOOST_TEST(run.result.rows_rejected == bad_here);
    for (const auto& d : run.rejects) BOOST_TEST(d.file == file_name);

    // The same with quotes, CRLF and blank lines: lines moved by multi-line records.
    const auto quoted =
        file_matches_csv(dir, generated(3000, 16, quotes | crlf | blank_lines, bad), options,
                         nullptr, {std::size_t{1}, std::size_t{8192}, std::nullopt});
    BOOST_TEST(quoted.rejects.size() == bad_here);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- conversion -----------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_file_conversion)

BOOST_AUTO_TEST_CASE(converts_through_windows_rounding_per_row_and_per_total) {
    const scratch_dir dir;
    const std::vector<std::size_t> bad = {3, 400, 401, 1200, 1999};  // one "rate": no-rate
    const std::string text = generated(2000, 17, plain, bad);
    const std::string quoted = generated(1500, 18, quotes, bad);
    for (const std::string_view target : {"EUR", "CNY", "JPY"}) {
        for (const convert_rounding r : {convert_rounding::row, convert_rounding::total}) {
            BOOST_TEST_CONTEXT("to " << target
                                     << (r == convert_rounding::row ? " per row" : " per total")) {
                const auto options = converting({"region"}, target, r);
                const window_list windows = target == "EUR" ? all_windows : small_windows;
                const auto run = file_matches_csv(dir, text, options, &builtin(), windows);
                BOOST_TEST(run.rejects.size() == bad.size());
                bool converted = false;
                run.result.groups.for_each([&](const crossfoot::group_view& g) { converted = g.converted != nullptr; });
                BOOST_TEST(converted);
                file_matches_csv(dir, quoted, options, &builtin(), small_windows, {1U});
            }
        }
    }
    // Converting needs a rate table.
    file_matches_csv(dir, text, converting({}, "EUR", convert_rounding::row), nullptr,
                     small_windows, {1U});
}

BOOST_AUTO_TEST_CASE(adds_several_files_into_one_partial_as_csv_does) {
    const scratch_dir dir;
    const auto options = converting({"region"}, "EUR", convert_rounding::total);
    const std::string first = generated(700, 19);
    const std::string second = generated(900, 20, quotes);
    const std::string first_path = dir.write("first.csv", first);
    const std::string second_path = dir.write("second.csv", second);
    partial_aggregate want;
    BOOST_TEST_REQUIRE(
        crossfoot::aggregate_csv(first, file_name, options, &builtin(), want).has_value());
    BOOST_TEST_REQUIRE(
        crossfoot::aggregate_csv(second, file_name, options, &builtin(), want).has_value());
    partial_aggregate got;
    BOOST_TEST_REQUIRE(
        crossfoot::aggregate_file(first_path, file_name, options, &builtin(), got, {}, 2, {}, 4096)
            .has_value());
    BOOST_TEST_REQUIRE(
        crossfoot::aggregate_file(second_path, file_name, options, &builtin(), got, {}, 1, {}, 4096)
            .has_value());
    BOOST_TEST(got == want);
    BOOST_TEST(got.finished() == want.finished());

    // Into a partial made differently: refused as aggregate_csv refuses it.
    const auto other = converting({"region"}, "EUR", convert_rounding::row);
    const auto csv_refused = crossfoot::aggregate_csv(first, file_name, other, &builtin(), want);
    const auto file_refused =
        crossfoot::aggregate_file(first_path, file_name, other, &builtin(), got, {}, 1, {}, 4096);
    BOOST_TEST_REQUIRE(!csv_refused.has_value());
    BOOST_TEST_REQUIRE(!file_refused.has_value());
    BOOST_TEST(file_refused.error() == csv_refused.error());
}

BOOST_AUTO_TEST_SUITE_END()

// ---- files read as a stream -----------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_file_fallbacks)

BOOST_AUTO_TEST_CASE(refuses_an_empty_file_as_the_stream_refuses_empty_input) {
    const scratch_dir dir;
    const std::string path = dir.write("empty.csv", "");
    std::istringstream empty;
    partial_aggregate streamed;
    const auto want =
        crossfoot::aggregate_stream(empty, file_name, grouped_by({}), nullptr, streamed);
    BOOST_TEST_REQUIRE(!want.has_value());
    BOOST_TEST(want.error().code == "bad-header");
    for (const auto window : all_windows) {
        BOOST_TEST_CONTEXT("window " << window_name(window)) {
            const outcome got = by_file(path, grouped_by({}), nullptr, true, 1, window);
            BOOST_TEST_REQUIRE(got.error.has_value());
            BOOST_TEST(*got.error == want.error());
            BOOST_TEST(got.rejects.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(says_no_file_for_a_path_that_does_not_exist) {
    const scratch_dir dir;
    const std::string path = dir.path("missing.csv");
    partial_aggregate p;
    const auto done =
        crossfoot::aggregate_file(path, "books/missing.csv", grouped_by({}), nullptr, p);
    BOOST_TEST_REQUIRE(!done.has_value());
    BOOST_TEST(done.error().code == "no-file");
    BOOST_TEST(done.error().file == "books/missing.csv");
    BOOST_TEST((done.error().severity == crossfoot::severity::error));
    BOOST_TEST(done.error().message.find(path) != std::string::npos);
    BOOST_TEST(p == partial_aggregate{});
}

namespace {

// Opens `path` for writing (waiting for a reader), writes `text` and closes it.
void write_fifo(const std::string& path, std::string_view text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return;
    std::size_t written = 0;
    while (written < text.size()) {
        const auto n = ::write(fd, text.data() + written, text.size() - written);
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
    }
    ::close(fd);
}

// Writes then closes a FIFO that aggregate_file reads; if the run is still blocked after two
// seconds (a reader opening the FIFO once the writer has closed it waits for another writer),
// opens the FIFO for writing once more to let it go on, and says so.
outcome through_fifo(const scratch_dir& dir, std::string_view text,
                     const aggregate_options& options, bool& blocked) {
    const std::string fifo = dir.path("ledger.fifo");
    std::filesystem::remove(fifo);
    BOOST_TEST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::jthread writer([&fifo, text] { write_fifo(fifo, text); });
    auto run = std::async(std::launch::async,
                          [&] { return by_file(fifo, options, nullptr, true, 2, 4096); });
    blocked = run.wait_for(std::chrono::seconds(2)) != std::future_status::ready;
    while (run.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
        // A writer that opens and closes at once: the reader waiting to open goes on.
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) ::close(fd);
    }
    return run.get();
}

}  // namespace

BOOST_AUTO_TEST_CASE(reads_a_fifo_as_a_stream_with_aggregate_csvs_result) {
    const scratch_dir dir;
    const auto options = grouped_by({"region"});
    const std::string text = generated(200, 21, quotes, {5, 150});
    const outcome want = by_csv(text, options, nullptr, true);
    BOOST_TEST_REQUIRE(want.rejects.size() == 2U);
    // The writer may close before or after the reader is done opening: a few times over.
    for (int attempt = 0; attempt < 5; ++attempt) {
        BOOST_TEST_CONTEXT("attempt " << attempt) {
            bool blocked = false;
            const outcome got = through_fifo(dir, text, options, blocked);
            BOOST_TEST(!blocked, "aggregate_file was still blocked 2 s after the writer closed");
            same_outcome(got, want);
            if (!got.error) progressed_to_the_end(got.progress, text.size());
            if (blocked) break;  // once is enough to tell
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// ---- progress -------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_file_progress)

BOOST_AUTO_TEST_CASE(reports_each_window_up_to_the_files_size) {
    const scratch_dir dir;
    for (const bool bom_crlf : {false, true}) {
        BOOST_TEST_CONTEXT((bom_crlf ? "a BOM, CRLF, no final line end" : "LF")) {
            const std::string text =
                generated(2000, 22, bom_crlf ? crlf | bom | no_final_end : plain);
            const std::string path = dir.write("ledger.csv", text);
            const outcome got = by_file(path, grouped_by({}), nullptr, false, 1, 4096);
            BOOST_TEST_REQUIRE(!got.error.has_value());
            progressed_to_the_end(got.progress, text.size());
            BOOST_TEST(got.progress.size() >= text.size() / 4096);  // about one a window
            for (const std::uint64_t bytes : got.progress) BOOST_TEST(bytes <= text.size());
            const outcome whole = by_file(path, grouped_by({}), nullptr, false, 1, std::nullopt);
            BOOST_TEST(whole.progress == std::vector<std::uint64_t>{text.size()});
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(aggregate_limits)

// A record or header that runs on past max_record_bytes is an error at its line, whether the
// ledger is read whole, from a file in windows, or from a stream in blocks; never an
// allocation without bound (/dev/zero has no line end at all).
BOOST_AUTO_TEST_CASE(a_record_that_runs_on_is_refused_at_its_line) {
    aggregate_options options;
    options.group_by = {"region"};
    options.max_record_bytes = 64;
    const std::string text = "region,currency,amount\nNorth,CNY,1\nSouth,CNY," + std::string(200, '9');
    const outcome streamed = by_stream(text, options, nullptr, false, 16);
    BOOST_TEST_REQUIRE(streamed.error.has_value());
    BOOST_TEST(streamed.error->code == "record-too-long");
    BOOST_TEST(streamed.error->line == 3U);
    BOOST_TEST(streamed.error->message ==
               "expected a record of at most 64 bytes (--max-record-bytes), found one that runs on past it");
    const std::string header_only(500, 'h');
    const outcome no_header_end = by_stream(header_only, options, nullptr, false, 16);
    BOOST_TEST_REQUIRE(no_header_end.error.has_value());
    BOOST_TEST(no_header_end.error->line == 1U);
    BOOST_TEST(no_header_end.error->message.starts_with("expected a header of at most 64 bytes"));
}

BOOST_AUTO_TEST_CASE(dev_zero_is_refused_not_read_forever) {
    if (!std::filesystem::exists("/dev/zero")) return;
    aggregate_options options;
    options.group_by = {"region"};
    options.max_record_bytes = 1 << 16;
    const outcome zero = by_file("/dev/zero", options, nullptr, false, 2, std::nullopt);
    BOOST_TEST_REQUIRE(zero.error.has_value());
    BOOST_TEST(zero.error->code == "record-too-long");
}

BOOST_AUTO_TEST_CASE(a_column_named_twice_is_refused) {
    aggregate_options options;
    options.group_by = {"region"};
    const outcome twice = by_csv("id,region,region,currency,amount\n1,North,South,CNY,5\n", options, nullptr, false);
    BOOST_TEST_REQUIRE(twice.error.has_value());
    BOOST_TEST(twice.error->code == "bad-header");
    BOOST_TEST(twice.error->column == 11U);
    BOOST_TEST(twice.error->message == "expected the column 'region' once in the header, found it as fields 2 and 3");
    // A group column asked for twice would name two of the report's columns alike.
    options.group_by = {"region", "id", "region"};
    const outcome asked_twice = by_csv("id,region,currency,amount\n1,North,CNY,5\n", options, nullptr, false);
    BOOST_TEST_REQUIRE(asked_twice.error.has_value());
    BOOST_TEST(brief(*asked_twice.error) ==
               "ledger.csv:1:4: expected each group column once, found 'region' twice [bad-header]");
    options.group_by = {"region"};
    // A column named twice that the aggregation does not use is no ambiguity.
    const outcome unused = by_csv("note,note,region,currency,amount\na,b,North,CNY,5\n", options, nullptr, false);
    BOOST_TEST(!unused.error.has_value());
}

// A NUL byte stops the run at its place (it would hide inside a group's name); a file whose
// lines end with a lone CR reads as one header line, and is refused as such.
// A group name that is not UTF-8 could be printed by no report (JSON above all): the row is
// refused at the byte, on the integer path, the decimal path and any threads, every time the
// key comes again; bytes that are not UTF-8 in a column the run does not read are left alone.
BOOST_AUTO_TEST_CASE(a_group_key_that_is_not_utf8_is_refused_at_its_byte) {
    aggregate_options options;
    options.group_by = {"region"};
    const std::string text = "region,note,currency,amount\nN,caf\xE9,CNY,5\nS\xFF,x,CNY,1\nS\xFF,x,CNY,2\n";
    for (const unsigned threads : {1U, 2U}) {
        const outcome stopped = by_csv(text, options, nullptr, false, threads);
        BOOST_TEST_REQUIRE(stopped.error.has_value());
        BOOST_TEST(brief(*stopped.error) ==
                   "ledger.csv:3:2: expected UTF-8 text in a group column, found byte 0xFF [bad-utf8]");
        const outcome passed = by_csv(text, options, nullptr, true, threads);
        BOOST_TEST_REQUIRE(!passed.error.has_value());
        BOOST_TEST(passed.rejects.size() == 2U);
        BOOST_TEST(passed.result.rows_read == 3U);
        BOOST_TEST(passed.result.groups.size() == 1U);
    }
    const outcome quoted = by_csv("region,currency,amount\n\"S\xFF\",CNY,1\n", options, nullptr, false);
    BOOST_TEST_REQUIRE(quoted.error.has_value());
    BOOST_TEST(quoted.error->code == "bad-utf8");
    BOOST_TEST(quoted.error->column == 3U);
}

// --max-record-bytes holds for every record, whether it fits the block being read or not.
BOOST_AUTO_TEST_CASE(a_record_over_the_limit_is_refused_wherever_it_stands) {
    aggregate_options options;
    options.group_by = {"region"};
    options.max_record_bytes = 20;
    const std::string text = "region,currency,amount\nN,CNY,5\nS,CNY,1.000000000000000\n";
    for (const outcome& o : {by_csv(text, options, nullptr, false), by_stream(text, options, nullptr, false, 4096)}) {
        BOOST_TEST_REQUIRE(o.error.has_value());
        BOOST_TEST(brief(*o.error) ==
                   "ledger.csv:3:21: expected a record of at most 20 bytes (--max-record-bytes), found 23 [record-too-long]");
    }
    const outcome passed = by_csv(text, options, nullptr, true);
    BOOST_TEST(passed.rejects.size() == 1U);
    BOOST_TEST(passed.result.rows_accepted() == 1U);
}

BOOST_AUTO_TEST_CASE(nul_bytes_and_lone_carriage_returns_are_refused_at_their_place) {
    aggregate_options options;
    options.group_by = {"region"};
    const std::string nul("region,currency,amount\nN,CNY,5\nS,CN\0Y,1\n", 40);
    for (const outcome& o : {by_csv(nul, options, nullptr, false), by_stream(nul, options, nullptr, false, 8)}) {
        BOOST_TEST_REQUIRE(o.error.has_value());
        BOOST_TEST(brief(*o.error) == "ledger.csv:3:5: expected text, found a NUL byte (binary data, or text in UTF-16?) [bad-row]");
    }
    const outcome cr = by_csv("region,currency,amount\rN,CNY,5\r", options, nullptr, false);
    BOOST_TEST_REQUIRE(cr.error.has_value());
    BOOST_TEST(cr.error->code == "bad-header");
    BOOST_TEST(cr.error->column == 23U);
    // CRLF and a byte-order mark are read as they are meant.
    const outcome crlf = by_csv("\xEF\xBB\xBFregion,currency,amount\r\nN,CNY,5\r\n", options, nullptr, false);
    BOOST_TEST(!crlf.error.has_value());
    BOOST_TEST(crlf.result.rows_read == 1U);
}

BOOST_AUTO_TEST_SUITE_END()

