// tests/unit/aggregate_test.cpp: exact totals over CSV ledgers per group and currency; the
// RFC 4180 edges (quotes, CRLF, a BOM, blank lines, blocks and threads); every kind of bad row
// with its place, stopping the run or passed on; conversion at dated rates, rounded per row or
// once per total; partial aggregates as JSON and the merge laws; and a million-row ledger
// against plain integer sums computed here.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/rates.hpp>

#include "commands.hpp"  // the CLI's run_aggregate, which writes the rejects file

#include "aggregate_support.hpp"

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace bdata = boost::unit_test::data;

using crossfoot::aggregate_options;
using crossfoot::convert_rounding;
using crossfoot::decimal;
using crossfoot::diagnostic;
using crossfoot::group_table;
using crossfoot::partial_aggregate;
using crossfoot::unit;
using crossfoot::testing::builtin;
using crossfoot::testing::converting;
using crossfoot::testing::currency;
using crossfoot::testing::day;
using crossfoot::testing::grouped_by;
using crossfoot::testing::key;


// Aggregates `text` as "ledger.csv" into `into`; the run must succeed.
void add_csv(std::string_view text, const aggregate_options& options, partial_aggregate& into,
             unsigned threads = 1) {
    const auto done =
        crossfoot::aggregate_csv(text, "ledger.csv", options, &builtin(), into, {}, threads);
    BOOST_TEST_REQUIRE(done.has_value(), (done ? std::string() : format(done.error())));
}

partial_aggregate aggregated(std::string_view text, const aggregate_options& options,
                             unsigned threads = 1) {
    partial_aggregate p;
    add_csv(text, options, p, threads);
    return p;
}

// The first bad row of `text`, which must have one.
diagnostic first_error(std::string_view text, const aggregate_options& options,
                       unsigned threads = 1) {
    partial_aggregate p;
    const auto done =
        crossfoot::aggregate_csv(text, "ledger.csv", options, &builtin(), p, {}, threads);
    BOOST_TEST_REQUIRE(!done.has_value());
    return done.error();
}

// Every bad row of `text`, passed on while the run goes on.
struct rejected_run {
    partial_aggregate result;
    std::vector<diagnostic> rejects;
};

rejected_run with_rejects(std::string_view text, const aggregate_options& options,
                          unsigned threads = 1) {
    rejected_run run;
    const auto sink = [&run](const diagnostic& d) { run.rejects.push_back(d); };
    const auto done = crossfoot::aggregate_csv(text, "ledger.csv", options, &builtin(), run.result,
                                               sink, threads);
    BOOST_TEST_REQUIRE(done.has_value(), (done ? std::string() : format(done.error())));
    return run;
}

// Reads `text` through aggregate_stream in blocks of `block_bytes`.
std::expected<void, diagnostic> stream(std::string_view text, const aggregate_options& options,
                                       std::size_t block_bytes, partial_aggregate& into,
                                       const crossfoot::reject_sink& rejects = {},
                                       unsigned threads = 1) {
    std::istringstream input{std::string(text)};
    return crossfoot::aggregate_stream(input, "ledger.csv", options, &builtin(), into, rejects,
                                       threads, {}, block_bytes);
}

// One currency's exact total in one group, as written ("1204.50"), or why there is none.
std::string total_of(const partial_aggregate& p, const key& k, std::string_view code) {
    const auto g = p.groups.find(k);
    if (!g) return "no such group";
    const auto t = g->totals.find(currency(code));
    return t == g->totals.end() ? "no such currency" : t->second.to_string();
}

std::uint64_t rows_of(const partial_aggregate& p, const key& k, std::string_view code) {
    const auto g = p.groups.find(k);
    if (!g) return 0;
    const auto n = g->rows.find(currency(code));
    return n == g->rows.end() ? 0 : n->second;
}

std::string converted_of(const partial_aggregate& p, const key& k) {
    const auto g = p.groups.find(k);
    if (!g) return "no such group";
    return g->converted ? g->converted->to_string() : "not converted";
}

diagnostic row_error(std::size_t line, std::size_t column, std::string message, std::string code,
                     std::string source_line) {
    return {"ledger.csv",
            line,
            column,
            crossfoot::severity::error,
            std::move(message),
            std::move(code),
            std::move(source_line)};
}

// ---- generated ledgers ----------------------------------------------------------------------

constexpr std::string_view law_header = "region,product,date,amount,currency\n";

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

// `n` rows of five columns, one per line: regions (one quoted, with a comma), products,
// September 2024 business days, amounts with 0 to 4 decimals, four currencies.
std::vector<std::string> law_rows(std::size_t n, std::uint64_t seed) {
    static constexpr std::array<std::string_view, 5> regions = {"North", "South", "\"East, Coast\"",
                                                                "West", "华东"};
    static constexpr std::array<std::string_view, 3> products = {"bolts", "nuts", "gears"};
    static constexpr std::array<std::string_view, 4> currencies = {"CNY", "USD", "JPY", "EUR"};
    std::mt19937_64 rng(seed);
    std::vector<std::string> rows;
    rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t d = 23 + rng() % 5;  // 2024-09-23 .. 2024-09-27
        const auto minor = static_cast<std::int64_t>(rng() % 2000001) - 1000000;
        rows.push_back(std::string(regions[rng() % regions.size()]) + "," +
                       std::string(products[rng() % products.size()]) + ",2024-09-" +
                       std::to_string(d) + "," + minor_text(minor, static_cast<int>(rng() % 5)) +
                       "," + std::string(currencies[rng() % currencies.size()]));
    }
    return rows;
}

std::string ledger_of(std::string_view header, const std::vector<std::string>& rows,
                      std::size_t first, std::size_t last) {
    std::string text(header);
    for (std::size_t i = first; i < last; ++i) text += rows[i] + "\n";
    return text;
}

// The ledger cut at `cuts` (row indices, ascending) into shards, each with the header.
std::vector<std::string> shards_of(const std::vector<std::string>& rows,
                                   const std::vector<std::size_t>& cuts) {
    std::vector<std::string> shards;
    std::size_t first = 0;
    for (const std::size_t cut : cuts) {
        shards.push_back(ledger_of(law_header, rows, first, cut));
        first = cut;
    }
    shards.push_back(ledger_of(law_header, rows, first, rows.size()));
    return shards;
}

std::vector<std::size_t> even_cuts(std::size_t rows, std::size_t shards) {
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < shards; ++i) cuts.push_back(rows * i / shards);
    return cuts;
}

partial_aggregate merged(const partial_aggregate& a, const partial_aggregate& b) {
    partial_aggregate out = a;
    const auto ok = out.merge(b);
    BOOST_TEST_REQUIRE(ok.has_value(), (ok ? std::string() : ok.error()));
    return out;
}

partial_aggregate fold_left(const std::vector<partial_aggregate>& parts) {
    partial_aggregate out = parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) out = merged(out, parts[i]);
    return out;
}

partial_aggregate fold_right(const std::vector<partial_aggregate>& parts) {
    partial_aggregate out = parts.back();
    for (std::size_t i = parts.size() - 1; i-- > 0;) out = merged(parts[i], out);
    return out;
}

// Merges neighbours pairwise, level by level, as a tree of processes would.
partial_aggregate fold_tree(std::vector<partial_aggregate> parts) {
    while (parts.size() > 1) {
        std::vector<partial_aggregate> next;
        for (std::size_t i = 0; i + 1 < parts.size(); i += 2)
            next.push_back(merged(parts[i], parts[i + 1]));
        if (parts.size() % 2 == 1) next.push_back(parts.back());
        parts = std::move(next);
    }
    return parts.front();
}

// The law ledger without its one quoted region, so that threads really split it.
std::string unquoted(std::string text) {
    for (auto at = text.find("\"East, Coast\""); at != std::string::npos;
         at = text.find("\"East, Coast\"", at))
        text.replace(at, 13, "East Coast");
    return text;
}

// 2000 good rows with bad ones at the given lines (the header is line 1).
std::string ledger_with_bad_lines(const std::vector<std::size_t>& bad_lines) {
    std::string text = "region,amount,currency\n";
    for (std::size_t line = 2; line <= 2001; ++line) {
        const bool bad = std::ranges::find(bad_lines, line) != bad_lines.end();
        text += bad ? "North,bad" + std::to_string(line) + ",USD\n" : "North,0.01,USD\n";
    }
    return text;
}

// A file under the system's temporary directory, removed afterwards.
class temporary_file {
public:
    explicit temporary_file(std::string_view name)
        : path_(std::filesystem::temp_directory_path() /
                ("crossfoot-aggregate-test-" + std::to_string(::getpid()) + "-" +
                 std::string(name))) {}
    temporary_file(const temporary_file&) = delete;
    temporary_file& operator=(const temporary_file&) = delete;
    ~temporary_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    [[nodiscard]] std::string path() const { return path_.string(); }
    void write(std::string_view text) const { std::ofstream(path_, std::ios::binary) << text; }
    [[nodiscard]] std::string read() const {
        std::ifstream in(path_, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

private:
    std::filesystem::path path_;
};

// ---- tables ---------------------------------------------------------------------------------

// One bad data line between two good ones, under the header "region,amount,currency,date",
// converting to CNY at each row's date.
struct bad_row_case {
    std::string_view what;
    std::string_view row;
    std::size_t column;
    std::string_view code;
    std::string_view message;
    friend std::ostream& operator<<(std::ostream& os, const bad_row_case& c) {
        return os << c.what << ": '" << c.row << "' at column " << c.column << " [" << c.code
                  << "]";
    }
};

const bad_row_case bad_rows[] = {
    {"too few fields", "North,5.00,USD", 15, "bad-row",
     "expected 4 fields as in the header, found 3"},
    {"too many fields", "North,5.00,USD,2024-09-27,x", 28, "bad-row",
     "expected 4 fields as in the header, found 5"},
    {"a letter in the amount", "North,5.x0,USD,2024-09-27", 9, "bad-amount",
     "amount: expected a digit, found 'x'"},
    {"an empty amount", "North,,USD,2024-09-27", 7, "bad-amount",
     "amount: expected a digit, found end of input"},
    {"no digit after the point", "North,1.,USD,2024-09-27", 9, "bad-amount",
     "amount: expected a digit, found end of input"},
    {"no digit before the point", "North,.5,USD,2024-09-27", 7, "bad-amount",
     "amount: expected a digit, found '.'"},
    {"an exponent", "North,1e5,USD,2024-09-27", 8, "bad-amount",
     "amount: expected end of number, found 'e'"},
    {"a leading space", "North, 5,USD,2024-09-27", 7, "bad-amount",
     "amount: expected a digit, found ' '"},
    {"a plus sign", "North,+5,USD,2024-09-27", 7, "bad-amount",
     "amount: expected a digit, found '+'"},
    {"two minus signs", "North,--5,USD,2024-09-27", 8, "bad-amount",
     "amount: expected a digit, found '-'"},
    {"a lone minus sign", "North,-,USD,2024-09-27", 8, "bad-amount",
     "amount: expected a digit, found end of input"},
    {"two points", "North,1.2.3,USD,2024-09-27", 10, "bad-amount",
     "amount: expected end of number, found '.'"},
    {"an unknown currency", "North,5.00,XYZ,2024-09-27", 12, "unknown-currency",
     "expected an ISO 4217 currency code, found 'XYZ'"},
    {"a lower-case code", "North,5.00,usd,2024-09-27", 12, "unknown-currency",
     "expected an ISO 4217 currency code, found 'usd'"},
    {"a two-letter code", "North,5.00,US,2024-09-27", 12, "unknown-currency",
     "expected an ISO 4217 currency code, found 'US'"},
    {"an empty currency", "North,5.00,,2024-09-27", 12, "unknown-currency",
     "expected an ISO 4217 currency code, found ''"},
    {"month 13", "North,5.00,USD,2024-13-01", 21, "bad-date",
     "date: expected a valid calendar date, found '2024-13-01'"},
    {"a day-first date", "North,5.00,USD,27/09/2024", 18, "bad-date",
     "date: expected a date as YYYY-MM-DD, found '/'"},
    {"a malformed quote", "\"North\"x,5.00,USD,2024-09-27", 8, "bad-row",
     "expected ',' or the end of the line after a quoted field"},
    {"a quote closed before the field ends", "North,\"5\".00,USD,2024-09-27", 10, "bad-row",
     "expected ',' or the end of the line after a quoted field"},
};

const std::size_t block_sizes[] = {1, 2, 7, 64, 4096};
const std::size_t larger_block_sizes[] = {7, 64, 1000, 65536};
const unsigned thread_counts[] = {0, 1, 2, 3, 4, 8};

// The same four rows with LF, and with a BOM and CRLF but no final line break.
const std::string_view progress_ledgers[] = {
    "amount,currency\n1,USD\n2,USD\n3,USD\n4,USD\n",
    "\xEF\xBB\xBF"
    "amount,currency\r\n1,USD\r\n2,USD\r\n3,USD\r\n4,USD",
};

// A header that lacks a column the options need.
struct missing_column_case {
    std::string_view header;
    std::string_view by;  // one column, or empty
    bool convert;         // needs a date column
    std::string_view message;
    friend std::ostream& operator<<(std::ostream& os, const missing_column_case& c) {
        return os << "'" << c.header << "' by '" << c.by << "'" << (c.convert ? " converting" : "")
                  << ": " << c.message;
    }
};

const missing_column_case missing_columns[] = {
    {"region,currency,date", "region", false, "expected a column 'amount' in the header"},
    {"region,amount,date", "region", false, "expected a column 'currency' in the header"},
    {"region,amount,currency", "region", true, "expected a column 'date' in the header"},
    {"amount,currency,date", "region", false, "expected a column 'region' in the header"},
    {"Amount,currency", "", false, "expected a column 'amount' in the header"},
    {"amount ,currency", "", false, "expected a column 'amount' in the header"},
    {"", "", false, "expected a column 'amount' in the header"},
    {"华东,currency", "", false, "expected a column 'amount' in the header"},
};

// A partial aggregate's JSON with one part changed, and the reason it is refused.
constexpr std::string_view good_partial = R"({
 "format": "crossfoot-partial", "version": 1, "group_by": ["region"], "target": null,
 "rounding": "row", "rows_read": 3, "rows_rejected": 1,
 "groups": [{"key": ["North"], "totals": [{"currency": "CNY", "total": "1.50", "rows": 2}]}]
})";

struct bad_partial_case {
    std::string_view what;
    std::string_view from;  // in good_partial
    std::string_view to;
    std::string_view message;  // all of it, or for the JSON library's own errors a part
    friend std::ostream& operator<<(std::ostream& os, const bad_partial_case& c) {
        return os << c.what << ": '" << c.from << "' -> '" << c.to << "'";
    }
};

const bad_partial_case bad_partials[] = {
    {"not JSON", "{\n \"format\"", "{{\n \"format\"",
     "parse error at line 1, column 2: syntax error while parsing object key - unexpected '{'; expected string literal"},
    {"a key twice", "\"version\": 1,", "\"version\": 1, \"version\": 1,",
     "the key \"version\" appears twice in one object"},
    {"another format", "\"crossfoot-partial\"", "\"crossfoot-totals\"",
     "not a crossfoot partial aggregate"},
    {"a later version", "\"version\": 1", "\"version\": 2", "format version 2 is not 1"},
    {"a version as a string", "\"version\": 1", "\"version\": \"1\"",
     "format version \"1\" is not 1"},
    {"a total as a JSON number", "\"total\": \"1.50\"", "\"total\": 1.50",
     "total must be a decimal string"},
    {"a total that is no decimal", "\"total\": \"1.50\"", "\"total\": \"1..50\"",
     "total: expected a digit, found '.'"},
    {"an unknown currency", "\"CNY\"", "\"XYZ\"", "unknown currency 'XYZ'"},
    {"a currency as a number", "\"currency\": \"CNY\"", "\"currency\": 156",
     "expected a currency code, found 156"},
    {"an unknown target", "\"target\": null", "\"target\": \"XYZ\"", "unknown currency 'XYZ'"},
    {"a key longer than group_by", "[\"North\"]", "[\"North\", \"bolts\"]",
     "a group key does not match group_by"},
    {"a key shorter than group_by", "[\"North\"]", "[]", "a group key does not match group_by"},
    {"a column twice in group_by", "\"group_by\": [\"region\"]", "\"group_by\": [\"region\", \"region\"]",
     "group_by names the column 'region' twice"},
    {"an unknown rounding", "\"rounding\": \"row\"", "\"rounding\": \"up\"",
     "rounding must be \"row\" or \"total\", found \"up\""},
    {"negative rows", "\"rows\": 2", "\"rows\": -2", "rows must be a whole number, found -2"},
    {"fractional rows", "\"rows\": 2", "\"rows\": 2.5", "rows must be a whole number, found 2.5"},
    {"more rejected than read", "\"rows_rejected\": 1", "\"rows_rejected\": 4",
     "rows_rejected 4 is more than rows_read 3"},
    {"rows that do not add up", "\"rows_read\": 3", "\"rows_read\": 4",
     "the groups hold 2 rows, not the 3 accepted"},
    {"a converted total without a target", "\"rows\": 2}]", "\"rows\": 2}], \"converted\": \"1\"",
     "a group has a converted total but there is no target"},
    {"a target without converted totals", "\"target\": null", "\"target\": \"CNY\"",
     "a group has no converted total"},
    {"a currency twice in a group", "\"rows\": 2}]",
     "\"rows\": 1}, {\"currency\": \"CNY\", \"total\": \"1\", \"rows\": 1}]",
     "currency CNY appears twice in a group"},
    {"no groups", "\"groups\":", "\"group\":", "key 'groups' not found"},
    {"a group without totals", "[{\"currency\": \"CNY\", \"total\": \"1.50\", \"rows\": 2}]", "[]",
     "a group has no totals: every group holds at least one currency's"},
    {"a group twice", "\"rows\": 2}]}]",
     "\"rows\": 1}]}, {\"key\": [\"North\"], \"totals\": [{\"currency\": \"USD\", \"total\": \"1\", \"rows\": 1}]}]",
     "the group [\"North\"] appears twice"},
    {"an array, not an object", "{\n \"format\"", "[{\n \"format\"",
     "a partial aggregate is a JSON object, found an array"},
    {"a number, not an object", "{\n \"format\"", "7 {\n \"format\"",
     "a partial aggregate is a JSON object, found a number"},
    {"a group that is no object", "[{\"key\": [\"North\"]", "[\"North\", {\"key\": [\"North\"]",
     "a group must be a JSON object, found a string"},
    {"a group without a key", "{\"key\": [\"North\"], ", "{", "a group has no 'key'"},
    {"a key that is a string", "\"key\": [\"North\"]", "\"key\": \"North\"",
     "a group key must be an array of strings, found a string"},
    {"a key field that is a number", "[\"North\"]", "[\"North\", 7]",
     "a group key must be an array of strings, found a number"},
    {"a key field that is an object", "[\"North\"]", "[{\"North\": 1}]",
     "a group key must be an array of strings, found an object"},
    {"a group without totals", "\"totals\":", "\"sums\":", "a group has no 'totals'"},
    {"totals as an object", "[{\"currency\": \"CNY\", \"total\": \"1.50\", \"rows\": 2}]",
     "{\"currency\": \"CNY\", \"total\": \"1.50\", \"rows\": 2}",
     "a group's totals must be an array, found an object"},
    {"a total that is no object", "[{\"currency\"", "[[\"CNY\"], {\"currency\"",
     "each of a group's totals must be an object, found an array"},
    {"a total without its currency", "\"currency\": \"CNY\", ", "", "a group's total has no 'currency'"},
    {"a total without its total", "\"total\": \"1.50\", ", "", "a group's total has no 'total'"},
    {"a total without its rows", ", \"rows\": 2}", "}", "a group's total has no 'rows'"},
    {"rows as minus zero", "\"rows\": 2", "\"rows\": -0", "rows must be a whole number, found -0"},
    {"rows as a string", "\"rows\": 2", "\"rows\": \"2\"", "rows must be a whole number, found \"2\""},
    {"rows as an array", "\"rows\": 2", "\"rows\": [2]", "rows must be a whole number, found an array"},
    {"a currency as an object", "\"currency\": \"CNY\"", "\"currency\": {}",
     "expected a currency code, found an object"},
    {"a converted total as a number", "\"rows\": 2}]", "\"rows\": 2}], \"converted\": 1.5",
     "converted must be a decimal string"},
    {"a converted total that is no decimal", "\"rows\": 2}]", "\"rows\": 2}], \"converted\": \"1,5\"",
     "converted: expected end of number, found ','"},
    {"a name twice in a total", "\"rows\": 2}", "\"rows\": 2, \"rows\": 2}",
     "the key \"rows\" appears twice in one object"},
    {"a name twice in a group", "{\"key\": [\"North\"],", "{\"key\": [\"North\"], \"key\": [\"North\"],",
     "the key \"key\" appears twice in one object"},
    {"a name the reader passes over, twice in a group", "{\"key\"", "{\"note\": 1, \"note\": {}, \"key\"",
     "the key \"note\" appears twice in one object"},
    {"a name the reader passes over, twice in a total", "{\"currency\"", "{\"at\": [], \"at\": 2, \"currency\"",
     "the key \"at\" appears twice in one object"},
    {"text after the object", "]}]\n}", "]}]\n} {}",
     "parse error at line 5, column 3: syntax error while parsing value - unexpected '{'; expected end of input"},
};

std::string replaced(std::string_view text, std::string_view from, std::string_view to) {
    std::string out(text);
    const auto at = out.find(from);
    BOOST_TEST_REQUIRE(at != std::string::npos, "'" << from << "' is not in the text");
    return out.replace(at, from.size(), to);
}

// A partial read from `text` as a stream, as `crossfoot merge` reads files, its groups drawing
// on `memory`'s budget when given.
std::expected<partial_aggregate, std::string> streamed(const std::string& text, const group_table* memory = nullptr) {
    std::istringstream in(text);
    return crossfoot::partial_from_json(in, memory);
}

// A table with a budget of 64 KiB, for reading partials past the memory limit.
void limit_to_64_kib(group_table& memory) {
    memory.limit_memory(std::size_t{64} << 10, std::filesystem::temp_directory_path().string());
}

// A group of a partial as to_json writes it (compacted): one currency's total and rows.
std::string group_json(std::string_view id, std::string_view currency, std::string_view total, int rows) {
    return std::string(R"({"key": [")") + std::string(id) + R"("], "totals": [{"currency": ")" + std::string(currency) +
           R"(", "total": ")" + std::string(total) + R"(", "rows": )" + std::to_string(rows) + "}]}";
}

}  // namespace

// ---- exact totals ---------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_totals)

BOOST_AUTO_TEST_CASE(sums_each_group_and_currency_exactly) {
    const auto p = aggregated(
        "region,amount,currency\n"
        "North,0.10,CNY\n"
        "North,0.20,CNY\n"
        "South,1204.5,USD\n"
        "North,-0.05,CNY\n"
        "South,0.005,USD\n"
        "North,1000,JPY\n"
        "South,-1204.505,USD\n"
        "North,3,JPY\n",
        grouped_by({"region"}));
    BOOST_TEST(p.groups.size() == 2U);
    BOOST_TEST(total_of(p, {"North"}, "CNY") == "0.25");
    BOOST_TEST(rows_of(p, {"North"}, "CNY") == 3U);
    BOOST_TEST(total_of(p, {"North"}, "JPY") == "1003");
    BOOST_TEST(rows_of(p, {"North"}, "JPY") == 2U);
    BOOST_TEST(total_of(p, {"South"}, "USD") == "0.000");  // every digit written is kept
    BOOST_TEST(rows_of(p, {"South"}, "USD") == 3U);
    BOOST_TEST(total_of(p, {"South"}, "CNY") == "no such currency");
    BOOST_TEST(p.rows_read == 8U);
    BOOST_TEST(p.rows_rejected == 0U);
    BOOST_TEST(p.rows_accepted() == 8U);
    BOOST_TEST(!p.groups.at({"North"}).converted.has_value());
}

BOOST_AUTO_TEST_CASE(adds_several_files_into_one_partial) {
    const auto options = grouped_by({"region"});
    partial_aggregate p;
    add_csv("region,amount,currency\nNorth,1.25,USD\nSouth,2,CNY\n", options, p);
    add_csv("currency,amount,region\nUSD,0.75,North\nEUR,9.99,North\n", options, p);
    add_csv("region,amount,currency\n", options, p);  // a header alone adds nothing
    BOOST_TEST(total_of(p, {"North"}, "USD") == "2.00");
    BOOST_TEST(rows_of(p, {"North"}, "USD") == 2U);
    BOOST_TEST(total_of(p, {"North"}, "EUR") == "9.99");
    BOOST_TEST(total_of(p, {"South"}, "CNY") == "2");
    BOOST_TEST(p.rows_read == 4U);
    BOOST_TEST(p.group_by == key{"region"});
}

BOOST_AUTO_TEST_CASE(refuses_a_file_aggregated_differently_into_the_same_partial) {
    partial_aggregate p;
    add_csv("region,amount,currency\nNorth,1,USD\n", grouped_by({"region"}), p);
    const partial_aggregate before = p;
    const auto done = crossfoot::aggregate_csv("amount,currency\n2,USD\n", "other.csv",
                                               grouped_by({}), &builtin(), p);
    BOOST_TEST_REQUIRE(!done.has_value());
    BOOST_TEST(done.error().file == "other.csv");
    BOOST_TEST(done.error().code == "bad-merge");
    BOOST_TEST(p == before);
}

BOOST_AUTO_TEST_CASE(keys_a_group_by_several_columns_in_the_order_given) {
    const auto p = aggregated(
        "product,region,amount,currency\n"
        "bolts,North,1.00,USD\n"
        "nuts,North,2.00,USD\n"
        "bolts,South,4.00,USD\n"
        "bolts,North,8.00,USD\n",
        grouped_by({"region", "product"}));
    BOOST_TEST(p.groups.size() == 3U);
    BOOST_TEST(total_of(p, {"North", "bolts"}, "USD") == "9.00");
    BOOST_TEST(total_of(p, {"North", "nuts"}, "USD") == "2.00");
    BOOST_TEST(total_of(p, {"South", "bolts"}, "USD") == "4.00");
    BOOST_TEST(rows_of(p, {"North", "bolts"}, "USD") == 2U);
}

BOOST_AUTO_TEST_CASE(keeps_keys_apart_when_their_fields_join_to_the_same_text) {
    // "a,b" + "c" and "a" + "b,c" are different keys, and so are fields holding any byte.
    const auto p = aggregated(
        "x,y,amount,currency\n"
        "\"a,b\",c,1,USD\n"
        "a,\"b,c\",2,USD\n"
        "a\x1f"
        "b,c,4,USD\n"
        "a,b\x1f"
        "c,8,USD\n"
        ",,16,USD\n",
        grouped_by({"x", "y"}));
    BOOST_TEST(p.groups.size() == 5U);
    BOOST_TEST(total_of(p, {"a,b", "c"}, "USD") == "1");
    BOOST_TEST(total_of(p, {"a", "b,c"}, "USD") == "2");
    BOOST_TEST(total_of(p,
                        {"a\x1f"
                         "b",
                         "c"},
                        "USD") == "4");
    BOOST_TEST(total_of(p,
                        {"a",
                         "b\x1f"
                         "c"},
                        "USD") == "8");
    BOOST_TEST(total_of(p, {"", ""}, "USD") == "16");
}

BOOST_AUTO_TEST_CASE(keeps_quoted_key_fields_of_every_length) {
    // Regression: the unescaped text of quoted fields must outlive the next quoted field.
    const auto p = aggregated(
        "region,product,note,amount,currency\n"
        "\"A\",\"B\",\"C\",1,USD\n"
        "\"A\",\"B\",\"a note long enough to leave the small-string buffer\",2,USD\n"
        "\"a region long enough to leave the small-string buffer\",\"B\",\"C\",4,USD\n",
        grouped_by({"region", "product", "note"}));
    BOOST_TEST(p.groups.size() == 3U);
    BOOST_TEST(total_of(p, {"A", "B", "C"}, "USD") == "1");
    BOOST_TEST(total_of(p, {"A", "B", "a note long enough to leave the small-string buffer"},
                        "USD") == "2");
    BOOST_TEST(total_of(p, {"a region long enough to leave the small-string buffer", "B", "C"},
                        "USD") == "4");
}

BOOST_AUTO_TEST_CASE(puts_every_row_in_one_group_without_by) {
    const auto p = aggregated("region,amount,currency\nNorth,1.5,CNY\nSouth,2.25,CNY\nWest,7,USD\n",
                              grouped_by({}));
    BOOST_TEST(p.groups.size() == 1U);
    BOOST_TEST(total_of(p, {}, "CNY") == "3.75");
    BOOST_TEST(total_of(p, {}, "USD") == "7");
    BOOST_TEST(rows_of(p, {}, "CNY") == 2U);
}

BOOST_AUTO_TEST_CASE(uses_the_default_currency_without_a_currency_column) {
    aggregate_options o = grouped_by({"region"});
    o.default_currency = currency("JPY");
    const auto p = aggregated("region,amount\nNorth,100\nNorth,250\n", o);
    BOOST_TEST(total_of(p, {"North"}, "JPY") == "350");
    BOOST_TEST(rows_of(p, {"North"}, "JPY") == 2U);
}

BOOST_AUTO_TEST_CASE(reads_amount_and_currency_columns_by_the_names_given) {
    aggregate_options o = grouped_by({"region"});
    o.amount_column = "value";
    o.currency_column = "ccy";
    const auto p = aggregated("ccy,amount,region,value\nUSD,999,North,1.10\nUSD,999,North,2\n", o);
    BOOST_TEST(total_of(p, {"North"}, "USD") == "3.10");
}

BOOST_AUTO_TEST_CASE(stays_exact_beyond_128_bits) {
    // 2^127 - 1 and 10^40 - 1 do not fit in a signed 128-bit integer once added to.
    const auto p = aggregated(
        "region,amount,currency\n"
        "big,170141183460469231731687303715884105727,USD\n"
        "big,1,USD\n"
        "huge,9999999999999999999999999999999999999999.99999999999999999999,CNY\n"
        "huge,0.00000000000000000001,CNY\n"
        "tiny,0.000000000000000000000000000000000000000001,EUR\n"
        "tiny,0.000000000000000000000000000000000000000002,EUR\n"
        "neg,-170141183460469231731687303715884105728,USD\n"
        "neg,-170141183460469231731687303715884105728,USD\n"
        "fast,999999999999999999,JPY\n"
        "fast,999999999999999999,JPY\n"
        "fast,9999999999999999999,JPY\n",
        grouped_by({"region"}));
    BOOST_TEST(total_of(p, {"big"}, "USD") == "170141183460469231731687303715884105728");
    BOOST_TEST(total_of(p, {"huge"}, "CNY") ==
               "10000000000000000000000000000000000000000.00000000000000000000");
    BOOST_TEST(total_of(p, {"tiny"}, "EUR") == "0.000000000000000000000000000000000000000003");
    BOOST_TEST(total_of(p, {"neg"}, "USD") == "-340282366920938463463374607431768211456");
    BOOST_TEST(total_of(p, {"fast"}, "JPY") == "11999999999999999997");
}

BOOST_AUTO_TEST_CASE(keeps_zero_and_negative_zero_amounts_as_written) {
    const auto p = aggregated("region,amount,currency\nN,0,USD\nN,-0.00,USD\nN,007.50,USD\n",
                              grouped_by({"region"}));
    BOOST_TEST(total_of(p, {"N"}, "USD") == "7.50");
    BOOST_TEST(rows_of(p, {"N"}, "USD") == 3U);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- CSV edges ------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_csv_edges)

BOOST_AUTO_TEST_CASE(unescapes_quoted_fields_and_counts_lines_inside_them) {
    const std::string_view text =
        "region,amount,currency\n"       // 1
        "\"North, East\",1.00,CNY\n"     // 2
        "\"say \"\"hi\"\"\",2.00,CNY\n"  // 3
        "\"two\n"                        // 4
        "lines\",3.00,CNY\n"             // 5
        "\"\",4.00,CNY\n"                // 6: an empty quoted field
        "\"crlf\r\n"                     // 7
        "inside\",5.00,\"CNY\"\r\n"      // 8
        "South,x,CNY\n"                  // 9: bad
        "\"three\n\nlines\",6.00,CNY\n"  // 10-12
        "South,7..0,CNY\n";              // 13: bad
    const auto run = with_rejects(text, grouped_by({"region"}));
    const auto& p = run.result;
    BOOST_TEST(total_of(p, {"North, East"}, "CNY") == "1.00");
    BOOST_TEST(total_of(p, {"say \"hi\""}, "CNY") == "2.00");
    BOOST_TEST(total_of(p, {"two\nlines"}, "CNY") == "3.00");
    BOOST_TEST(total_of(p, {""}, "CNY") == "4.00");
    BOOST_TEST(total_of(p, {"crlf\r\ninside"}, "CNY") == "5.00");
    BOOST_TEST(total_of(p, {"three\n\nlines"}, "CNY") == "6.00");
    BOOST_TEST_REQUIRE(run.rejects.size() == 2U);
    BOOST_TEST(run.rejects[0] ==
               row_error(9, 7, "amount: expected a digit, found 'x'", "bad-amount", "South,x,CNY"));
    BOOST_TEST(run.rejects[1] == row_error(13, 9, "amount: expected a digit, found '.'",
                                           "bad-amount", "South,7..0,CNY"));
    BOOST_TEST(first_error(text, grouped_by({"region"})) == run.rejects[0]);
    BOOST_TEST(p.rows_read == 8U);
}

BOOST_AUTO_TEST_CASE(reads_crlf_lines_and_a_utf8_bom) {
    const std::string_view text =
        "\xEF\xBB\xBFregion,amount,currency\r\n"
        "North,1.50,USD\r\n"
        "\r\n"
        "North,2.50,USD\r\n"
        "South,x,USD\r\n";
    const auto run = with_rejects(text, grouped_by({"region"}));
    BOOST_TEST(total_of(run.result, {"North"}, "USD") == "4.00");
    BOOST_TEST_REQUIRE(run.rejects.size() == 1U);
    BOOST_TEST(run.rejects[0] ==
               row_error(5, 7, "amount: expected a digit, found 'x'", "bad-amount", "South,x,USD"));
}

BOOST_AUTO_TEST_CASE(reads_columns_in_any_order_with_extra_columns_and_quoted_names) {
    const auto p = aggregated(
        "note,\"currency\",id,amount,\"region\",date\n"
        "first,USD,1,1.10,North,2024-09-27\n"
        "\"second, with a comma\",USD,2,2.20,North,not a date\n",
        grouped_by({"region"}));
    BOOST_TEST(total_of(p, {"North"}, "USD") == "3.30");  // the date is unused: no conversion
}

BOOST_DATA_TEST_CASE(refuses_a_header_without_a_needed_column, bdata::make(missing_columns), c) {
    aggregate_options o = c.by.empty() ? grouped_by({}) : grouped_by({std::string(c.by)});
    if (c.convert) o.target = currency("CNY");
    const std::string text = std::string(c.header) + "\nNorth,1,USD,2024-09-27\n";
    const auto d = first_error(text, o);
    const std::size_t end = crossfoot::column_of(c.header, c.header.size());
    BOOST_TEST(d == row_error(1, end, std::string(c.message), "bad-header", std::string(c.header)));
}

BOOST_AUTO_TEST_CASE(counts_the_header_column_after_a_bom) {
    const auto d = first_error("\xEF\xBB\xBFregion,currency\nNorth,USD\n", grouped_by({}));
    BOOST_TEST(d == row_error(1, 16, "expected a column 'amount' in the header", "bad-header",
                              "region,currency"));
}

BOOST_AUTO_TEST_CASE(needs_no_currency_column_with_a_default_nor_date_column_with_a_fixed_date) {
    aggregate_options o = converting({}, "USD", convert_rounding::row);
    o.default_currency = currency("USD");
    o.fixed_date = day("2024-09-27");
    const auto p = aggregated("amount\n1.25\n2.50\n", o);
    BOOST_TEST(total_of(p, {}, "USD") == "3.75");
    BOOST_TEST(converted_of(p, {}) == "3.75");
}

BOOST_AUTO_TEST_CASE(skips_blank_lines_but_counts_them) {
    const std::string_view text =
        "region,amount,currency\n"
        "\n"
        "North,1,USD\n"
        "\r\n"
        "\n"
        "North,x,USD\n"
        "\n";
    const auto run = with_rejects(text, grouped_by({"region"}));
    BOOST_TEST(run.result.rows_read == 2U);  // blank lines are not rows
    BOOST_TEST(total_of(run.result, {"North"}, "USD") == "1");
    BOOST_TEST_REQUIRE(run.rejects.size() == 1U);
    BOOST_TEST(run.rejects[0].line == 6U);
}

BOOST_AUTO_TEST_CASE(reads_a_last_line_without_a_line_break) {
    const auto p =
        aggregated("region,amount,currency\nNorth,1,USD\nNorth,2.5,USD", grouped_by({"region"}));
    BOOST_TEST(total_of(p, {"North"}, "USD") == "3.5");
    BOOST_TEST(p.rows_read == 2U);
    const auto q = aggregated("region,amount,currency\r\nNorth,1,USD\r\nNorth,\"2.5\",USD",
                              grouped_by({"region"}));
    BOOST_TEST(total_of(q, {"North"}, "USD") == "3.5");
}

BOOST_AUTO_TEST_CASE(reads_a_header_alone_and_refuses_empty_text) {
    const auto p = aggregated("region,amount,currency", grouped_by({"region"}));
    BOOST_TEST(p.groups.empty());
    BOOST_TEST(p.rows_read == 0U);
    BOOST_TEST(p.group_by == key{"region"});
    const auto d = first_error("", grouped_by({}));
    BOOST_TEST(d.line == 1U);
    BOOST_TEST(d.code == "bad-header");
    partial_aggregate q;
    BOOST_TEST(!stream("", grouped_by({}), 64, q).has_value());
}

// A ledger with every edge at once: a BOM, CRLF, quotes holding commas and line breaks,
// blank lines, bad rows after multi-line records, and no final line break.
constexpr std::string_view edgy_ledger =
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
    "\"South, far\",7.70,JPY,\"ends without a break\"";

BOOST_DATA_TEST_CASE(reads_a_stream_in_blocks_of_any_size_as_one_text, bdata::make(block_sizes),
                     block_bytes) {
    const auto options = grouped_by({"region"});
    const auto whole = with_rejects(edgy_ledger, options);
    BOOST_TEST(whole.rejects.size() == 3U);
    partial_aggregate streamed;
    std::vector<diagnostic> rejects;
    const auto sink = [&rejects](const diagnostic& d) { rejects.push_back(d); };
    BOOST_TEST_REQUIRE(stream(edgy_ledger, options, block_bytes, streamed, sink).has_value());
    BOOST_TEST(streamed == whole.result);
    BOOST_TEST_REQUIRE(rejects.size() == whole.rejects.size());
    for (std::size_t i = 0; i < rejects.size(); ++i) BOOST_TEST(rejects[i] == whole.rejects[i]);

    partial_aggregate stopped;
    const auto first = stream(edgy_ledger, options, block_bytes, stopped);
    BOOST_TEST_REQUIRE(!first.has_value());
    BOOST_TEST(first.error() == whole.rejects.front());
}

BOOST_DATA_TEST_CASE(reads_a_generated_stream_in_blocks_as_one_text,
                     bdata::make(larger_block_sizes), block_bytes) {
    const auto rows = law_rows(2000, 7);
    const std::string text = ledger_of(law_header, rows, 0, rows.size());
    const auto options = grouped_by({"region", "product"});
    partial_aggregate streamed;
    BOOST_TEST_REQUIRE(stream(text, options, block_bytes, streamed, {}, 2).has_value());
    BOOST_TEST(streamed == aggregated(text, options));
}

BOOST_DATA_TEST_CASE(reports_progress_up_to_every_byte_read, bdata::make(progress_ledgers), text) {
    std::istringstream input{std::string(text)};
    std::vector<std::uint64_t> progress;
    partial_aggregate p;
    const auto done = crossfoot::aggregate_stream(
        input, "ledger.csv", grouped_by({}), nullptr, p, {}, 1,
        [&progress](std::uint64_t bytes) { progress.push_back(bytes); }, 12);
    BOOST_TEST_REQUIRE(done.has_value());
    BOOST_TEST_REQUIRE(progress.size() > 1U);
    BOOST_TEST(std::ranges::is_sorted(progress));
    BOOST_TEST(progress.back() == text.size());
    BOOST_TEST(total_of(p, {}, "USD") == "10");
}

BOOST_DATA_TEST_CASE(gives_the_same_result_on_any_number_of_threads, bdata::make(thread_counts),
                     threads) {
    const auto rows = law_rows(3000, 11);
    // Without a quote the text is really split between threads; with one, it is not.
    const std::string text = unquoted(ledger_of(law_header, rows, 0, rows.size()));
    const auto options = converting({"region"}, "CNY", convert_rounding::total);
    BOOST_TEST(aggregated(text, options, threads) == aggregated(text, options, 1));
    const std::string quoted = ledger_of(law_header, rows, 0, rows.size());
    BOOST_TEST(aggregated(quoted, options, threads) == aggregated(quoted, options, 1));
}

BOOST_DATA_TEST_CASE(gives_the_same_result_on_more_threads_than_rows, bdata::make(thread_counts),
                     threads) {
    const auto options = grouped_by({});
    BOOST_TEST(aggregated("amount,currency\n1,USD\n", options, threads).rows_read == 1U);
    BOOST_TEST(aggregated("amount,currency\n", options, threads).rows_read == 0U);
    BOOST_TEST(total_of(aggregated("amount,currency\n1,USD\n2,USD", options, threads), {}, "USD") ==
               "3");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- bad rows -------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_bad_rows)

BOOST_DATA_TEST_CASE(stops_at_a_bad_row_with_its_place_and_reason, bdata::make(bad_rows), c) {
    const std::string text =
        "region,amount,currency,date\n"
        "North,1.00,USD,2024-09-27\n" +
        std::string(c.row) + "\nNorth,2.00,USD,2024-09-26\n";
    const auto options = converting({"region"}, "CNY", convert_rounding::row);
    const auto expected =
        row_error(3, c.column, std::string(c.message), std::string(c.code), std::string(c.row));
    BOOST_TEST(first_error(text, options) == expected);

    const auto run = with_rejects(text, options);
    BOOST_TEST_REQUIRE(run.rejects.size() == 1U);
    BOOST_TEST(run.rejects[0] == expected);
    BOOST_TEST(run.result.rows_read == 3U);
    BOOST_TEST(run.result.rows_rejected == 1U);
    BOOST_TEST(run.result.rows_accepted() == 2U);
    BOOST_TEST(total_of(run.result, {"North"}, "USD") == "3.00");
    BOOST_TEST(rows_of(run.result, {"North"}, "USD") == 2U);
}

BOOST_AUTO_TEST_CASE(names_the_nearest_quotes_for_a_row_without_a_rate) {
    const std::string text =
        "region,amount,currency,date\n"
        "North,1.00,USD,2024-09-27\n"
        "North,5.00,USD,2023-01-02\n";
    const auto options = converting({"region"}, "CNY", convert_rounding::row);
    const auto why = builtin().find(currency("USD"), currency("CNY"), day("2023-01-02"), {});
    BOOST_TEST_REQUIRE(!why.has_value());
    BOOST_TEST(first_error(text, options) ==
               row_error(3, 16, why.error().message, "no-rate", "North,5.00,USD,2023-01-02"));
}

BOOST_AUTO_TEST_CASE(refuses_a_weekend_row_under_the_exact_policy) {
    aggregate_options o = converting({}, "CNY", convert_rounding::row);
    o.policy.how = crossfoot::lookup_policy::kind::exact;
    const auto d = first_error("date,amount,currency\n2024-09-28,1,USD\n", o);
    BOOST_TEST(d.line == 2U);
    BOOST_TEST(d.column == 1U);
    BOOST_TEST(d.code == "no-rate");
}

BOOST_AUTO_TEST_CASE(refuses_an_unterminated_quote_on_the_last_line) {
    const std::string_view row = "\"North,5.00,USD";
    const std::string text = "region,amount,currency\nNorth,1,USD\n" + std::string(row);
    BOOST_TEST(first_error(text, grouped_by({"region"})) ==
               row_error(3, 16, "expected ',' or the end of the line after a quoted field",
                         "bad-row", std::string(row)));
}

BOOST_AUTO_TEST_CASE(refuses_a_stray_quote_in_an_unquoted_field_alone) {
    // RFC 4180 2.5: a quote may not appear inside an unquoted field. The row is bad, and the
    // rows after it are read as rows, with their own line numbers.
    const auto run = with_rejects(
        "region,amount,currency\n"
        "North,1.00,USD\n"
        "Nor\"th,2.00,USD\n"
        "South,4.00,USD\n"
        "South,x,USD\n",
        grouped_by({"region"}));
    BOOST_TEST(run.result.rows_read == 4U);
    BOOST_TEST(total_of(run.result, {"South"}, "USD") == "4.00");
    BOOST_TEST_REQUIRE(run.rejects.size() == 2U);
    BOOST_TEST(run.rejects[0].line == 3U);
    BOOST_TEST(run.rejects[0].column == 4U);
    BOOST_TEST(run.rejects[0].code == "bad-row");
    BOOST_TEST(run.rejects[0].source_line == "Nor\"th,2.00,USD");
    BOOST_TEST(run.rejects[1].line == 5U);
}

BOOST_AUTO_TEST_CASE(counts_columns_in_code_points) {
    const std::string_view row = "华东地区,1..5,CNY";
    const auto d =
        first_error("region,amount,currency\n" + std::string(row) + "\n", grouped_by({"region"}));
    BOOST_TEST(d == row_error(2, 8, "amount: expected a digit, found '.'", "bad-amount",
                              std::string(row)));
}

BOOST_DATA_TEST_CASE(returns_the_first_bad_row_in_file_order_on_any_number_of_threads,
                     bdata::make(thread_counts), threads) {
    const auto options = grouped_by({"region"});
    for (const auto& lines :
         {std::vector<std::size_t>{10, 1500}, std::vector<std::size_t>{1500, 1990},
          std::vector<std::size_t>{1990}, std::vector<std::size_t>{2, 3}}) {
        BOOST_TEST_CONTEXT("bad lines " << lines.front() << " and after, " << threads
                                        << " threads") {
            const auto d = first_error(ledger_with_bad_lines(lines), options, threads);
            BOOST_TEST(d.line == lines.front());
            BOOST_TEST(d.column == 7U);
            BOOST_TEST(d.source_line == "North,bad" + std::to_string(lines.front()) + ",USD");
        }
    }
}

BOOST_DATA_TEST_CASE(passes_on_every_bad_row_in_file_order_and_goes_on, bdata::make(thread_counts),
                     threads) {
    const std::vector<std::size_t> lines = {2, 500, 501, 1200, 2001};
    const auto run = with_rejects(ledger_with_bad_lines(lines), grouped_by({"region"}), threads);
    BOOST_TEST_REQUIRE(run.rejects.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        BOOST_TEST(run.rejects[i] == row_error(lines[i], 7, "amount: expected a digit, found 'b'",
                                               "bad-amount",
                                               "North,bad" + std::to_string(lines[i]) + ",USD"));
    }
    BOOST_TEST(run.result.rows_read == 2000U);
    BOOST_TEST(run.result.rows_rejected == 5U);
    BOOST_TEST(run.result.rows_read == run.result.rows_accepted() + run.result.rows_rejected);
    BOOST_TEST(total_of(run.result, {"North"}, "USD") == "19.95");
    BOOST_TEST(rows_of(run.result, {"North"}, "USD") == 1995U);
}

BOOST_AUTO_TEST_CASE(passes_on_every_kind_of_bad_row_in_one_run) {
    std::string text = "region,amount,currency,date\n";
    for (const bad_row_case& c : bad_rows)
        text += "North,1.00,USD,2024-09-27\n" + std::string(c.row) + "\n";
    const auto run = with_rejects(text, converting({"region"}, "CNY", convert_rounding::total), 2);
    const std::size_t n = std::size(bad_rows);
    BOOST_TEST_REQUIRE(run.rejects.size() == n);
    for (std::size_t i = 0; i < n; ++i) {
        BOOST_TEST_CONTEXT(bad_rows[i]) {
            BOOST_TEST(run.rejects[i].line == 3 + 2 * i);
            BOOST_TEST(run.rejects[i].code == bad_rows[i].code);
        }
    }
    BOOST_TEST(run.result.rows_read == 2 * n);
    BOOST_TEST(run.result.rows_accepted() == n);
    BOOST_TEST(rows_of(run.result, {"North"}, "USD") == n);
}

BOOST_DATA_TEST_CASE(cli_writes_each_bad_row_with_its_reason_to_the_rejects_file,
                     bdata::make(thread_counts), threads) {
    const temporary_file ledger("ledger.csv");
    const temporary_file rejects("rejects.txt");
    ledger.write(
        "region,amount,currency,date\n"
        "North,1.00,USD,2024-09-27\n"
        "North,1.0x,USD,2024-09-27\n"
        "\"South\",2.00,ZZZ,2024-09-27\n"
        "South,2.00,USD,2024-02-30\n"
        "South,3.00,USD,2024-09-26\n");
    crossfoot::cli::aggregate_options_cli cli;
    cli.files = {ledger.path()};
    cli.by = "region";
    cli.to = "CNY";
    cli.threads = threads;
    cli.rejects = rejects.path();
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    BOOST_TEST(crossfoot::cli::run_aggregate(cli, in, out, err) == 0);
    const std::string& file = ledger.path();
    BOOST_TEST(rejects.read() ==
               "# " + file +
                   ":3:10: amount: expected end of number, found 'x' [bad-amount]\n"
                   "North,1.0x,USD,2024-09-27\n"
                   "# " +
                   file +
                   ":4:14: expected an ISO 4217 currency code, found 'ZZZ' "
                   "[unknown-currency]\n"
                   "\"South\",2.00,ZZZ,2024-09-27\n"
                   "# " +
                   file +
                   ":5:24: date: expected a valid calendar date, found '2024-02-30' "
                   "[bad-date]\n"
                   "South,2.00,USD,2024-02-30\n");
    BOOST_TEST(out.str().ends_with("rows read 5 = accepted 2 + rejected 3\n"));
    BOOST_TEST(err.str() == "");
}

// Regression: rejected rows that could not be written were lost without a word.
BOOST_AUTO_TEST_CASE(cli_fails_when_the_rejects_file_cannot_be_written) {
    const temporary_file ledger("unwritable-rejects.csv");
    ledger.write("region,amount,currency\nNorth,1,USD\nNorth,x,USD\n");
    crossfoot::cli::aggregate_options_cli cli;
    cli.files = {ledger.path()};
    cli.threads = 1;
    cli.rejects = "/dev/full";  // every write fails: no space left on the device
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    BOOST_TEST(crossfoot::cli::run_aggregate(cli, in, out, err) == 2);
    BOOST_TEST(err.str() == "crossfoot: error: cannot write '/dev/full' [no-file]\n");
    BOOST_TEST(out.str() == "");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- conversion -----------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_conversion)

// USD→EUR→CNY is 7.01111310271 on 2024-09-27 (a Friday) and 7.01147467503 on 2024-09-26;
// JPY→EUR→CNY is 0.0486459758676 on 2024-09-26.
constexpr std::string_view dated_ledger =
    "region,date,amount,currency\n"
    "North,2024-09-27,0.50,USD\n"    // 3.5055565513550 → 3.51
    "North,2024-09-27,0.50,USD\n"    // 3.51
    "North,2024-09-27,0.50,USD\n"    // 3.51
    "South,2024-09-26,100,JPY\n"     // 4.8645975867600 → 4.86
    "South,2024-09-27,1.005,CNY\n"   // 1.005 → 1.00 (half-even)
    "South,2024-09-28,10.00,USD\n"   // Saturday: Friday's rate, 70.1111310271000 → 70.11
    "West,2023-01-02,12.345,CNY\n";  // CNY into CNY needs no rate, on any date: 12.34

BOOST_AUTO_TEST_CASE(rounds_each_converted_row_half_even_then_sums) {
    const auto p = aggregated(dated_ledger, converting({"region"}, "CNY", convert_rounding::row));
    BOOST_TEST(converted_of(p, {"North"}) == "10.53");
    BOOST_TEST(converted_of(p, {"South"}) == "75.97");
    BOOST_TEST(converted_of(p, {"West"}) == "12.34");
    BOOST_TEST(total_of(p, {"North"}, "USD") == "1.50");  // the exact totals stay as they are
    BOOST_TEST(total_of(p, {"South"}, "JPY") == "100");
    BOOST_TEST(p.finished() == p);
}

BOOST_AUTO_TEST_CASE(keeps_the_converted_sum_exact_and_rounds_it_once_when_finished) {
    const auto p = aggregated(dated_ledger, converting({"region"}, "CNY", convert_rounding::total));
    BOOST_TEST(converted_of(p, {"North"}) == "10.5166696540650");
    BOOST_TEST(converted_of(p, {"South"}) == "75.9807286138600");
    BOOST_TEST(converted_of(p, {"West"}) == "12.345");
    const auto done = p.finished();
    BOOST_TEST(converted_of(done, {"North"}) == "10.52");
    BOOST_TEST(converted_of(done, {"South"}) == "75.98");
    BOOST_TEST(converted_of(done, {"West"}) == "12.34");
    BOOST_TEST(total_of(done, {"South"}, "CNY") == "1.005");
}

// The report's rows, held (aggregate_rows) or visited (for_each_aggregate_row): the same rows
// in the same order, each group's currencies then its converted total, rounded once.
BOOST_AUTO_TEST_CASE(lists_the_report_rows_held_or_visited_alike) {
    const auto p = aggregated(dated_ledger, converting({"region"}, "CNY", convert_rounding::total));
    std::vector<std::string> held;
    for (const crossfoot::aggregate_row& r : crossfoot::aggregate_rows(p))
        held.push_back(fmt::format("{} {} {} {} {}", fmt::join(r.key, "/"), r.currency.code(), r.total.to_string(),
                                   r.rows, r.converted));
    std::vector<std::string> visited;
    crossfoot::for_each_aggregate_row(p, [&](const crossfoot::aggregate_row_view& r) {
        visited.push_back(fmt::format("{} {} {} {} {}", fmt::join(r.key, "/"), r.currency.code(), r.total->to_string(),
                                      r.rows, r.converted));
    });
    const std::vector<std::string> expected = {
        "North USD 1.50 3 false", "North CNY 10.52 3 true", "South CNY 1.005 1 false", "South JPY 100 1 false",
        "South USD 10.00 1 false", "South CNY 75.98 3 true", "West CNY 12.345 1 false", "West CNY 12.34 1 true"};
    BOOST_TEST(held == expected, boost::test_tools::per_element());
    BOOST_TEST(visited == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(converts_every_row_at_a_fixed_date) {
    aggregate_options o = converting({}, "CNY", convert_rounding::row);
    o.fixed_date = day("2024-09-26");
    const std::string_view text =
        "date,amount,currency\n"
        "2024-09-02,0.50,USD\n"  // at 7.01147467503: 3.5057373375150 → 3.51
        "not a date,0.50,USD\n"
        ",0.50,USD\n"
        "2024-09-27,1.005,CNY\n";  // 1.00
    BOOST_TEST(converted_of(aggregated(text, o), {}) == "11.53");
    o.rounding = convert_rounding::total;
    const auto exact = aggregated(text, o);
    BOOST_TEST(converted_of(exact, {}) == "11.5222120125450");
    BOOST_TEST(converted_of(exact.finished(), {}) == "11.52");
}

BOOST_AUTO_TEST_CASE(rounds_to_the_target_minor_units) {
    aggregate_options o = converting({}, "JPY", convert_rounding::row);
    o.fixed_date = day("2024-09-27");
    // EUR→JPY is the direct quote 159.63: 0.01 EUR is 1.5963 JPY → 2, 0.03 is 4.7889 → 5.
    const auto p = aggregated("amount,currency\n0.01,EUR\n0.03,EUR\n2.5,JPY\n3.5,JPY\n", o);
    BOOST_TEST(converted_of(p, {}) == "13");  // 2 + 5 + 2 + 4
    o.rounding = convert_rounding::total;
    const auto q = aggregated("amount,currency\n0.01,EUR\n0.03,EUR\n2.5,JPY\n3.5,JPY\n", o);
    BOOST_TEST(converted_of(q, {}) == "12.3852");
    BOOST_TEST(converted_of(q.finished(), {}) == "12");
}

BOOST_AUTO_TEST_CASE(converts_only_good_rows_and_counts_every_converted_row) {
    const auto run = with_rejects(
        "region,date,amount,currency\n"
        "North,2024-09-27,1.00,USD\n"
        "North,2024-08-01,1.00,USD\n"  // no rate within a week
        "North,2024-09-27,2.00,CNY\n",
        converting({"region"}, "CNY", convert_rounding::row));
    BOOST_TEST(converted_of(run.result, {"North"}) == "9.01");  // 7.01 + 2.00
    BOOST_TEST(run.result.rows_rejected == 1U);
    BOOST_TEST(rows_of(run.result, {"North"}, "USD") == 1U);
    BOOST_TEST(rows_of(run.result, {"North"}, "CNY") == 1U);
    BOOST_TEST_REQUIRE(run.rejects.size() == 1U);
    BOOST_TEST(run.rejects[0].code == "no-rate");
}

BOOST_AUTO_TEST_CASE(refuses_to_convert_without_a_rate_table) {
    partial_aggregate p;
    const auto done =
        crossfoot::aggregate_csv("date,amount,currency\n2024-09-27,1,USD\n", "ledger.csv",
                                 converting({}, "CNY", convert_rounding::row), nullptr, p);
    BOOST_TEST_REQUIRE(!done.has_value());
    BOOST_TEST(done.error().code == "no-rate");
    BOOST_TEST(done.error().file == "ledger.csv");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- partial aggregates ---------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_partials)

BOOST_AUTO_TEST_CASE(reads_back_what_it_writes) {
    const auto rows = law_rows(500, 3);
    std::string text = ledger_of(law_header, rows, 0, rows.size());
    text +=
        "North,bolts,2024-09-27,"
        "123456789012345678901234567890123456789012.000000000000000000001,USD\n"
        "North,bolts,2024-09-27,x,USD\n";
    for (const auto& options : {grouped_by({}), grouped_by({"region", "product"}),
                                converting({"region"}, "CNY", convert_rounding::total),
                                converting({"product", "region"}, "JPY", convert_rounding::row)}) {
        const auto p = with_rejects(text, options).result;
        const std::string json = to_json(p);
        BOOST_TEST_CONTEXT(json.substr(0, 200)) {
            const auto back = crossfoot::partial_from_json(json);
            BOOST_TEST_REQUIRE(back.has_value(), (back ? std::string() : back.error()));
            BOOST_TEST(*back == p);
            BOOST_TEST(to_json(*back) == json);
        }
    }
}

BOOST_AUTO_TEST_CASE(writes_every_figure_as_an_exact_string) {
    const auto p = aggregated("region,amount,currency\nNorth,1.50,CNY\nNorth,-0.25,CNY\n",
                              grouped_by({"region"}));
    BOOST_TEST(to_json(p) ==
               "{\n"
               " \"format\": \"crossfoot-partial\",\n"
               " \"version\": 1,\n"
               " \"group_by\": [\n  \"region\"\n ],\n"
               " \"target\": null,\n"
               " \"rounding\": \"row\",\n"
               " \"rows_read\": 2,\n"
               " \"rows_rejected\": 0,\n"
               " \"groups\": [\n"
               "  {\n"
               "   \"key\": [\n    \"North\"\n   ],\n"
               "   \"totals\": [\n"
               "    {\n"
               "     \"currency\": \"CNY\",\n"
               "     \"total\": \"1.25\",\n"
               "     \"rows\": 2\n"
               "    }\n"
               "   ]\n"
               "  }\n"
               " ]\n"
               "}\n");
}

BOOST_AUTO_TEST_CASE(accepts_the_reference_partial) {
    const auto p = crossfoot::partial_from_json(good_partial);
    BOOST_TEST_REQUIRE(p.has_value(), (p ? std::string() : p.error()));
    BOOST_TEST(total_of(*p, {"North"}, "CNY") == "1.50");
    BOOST_TEST(p->rows_accepted() == 2U);
}

BOOST_DATA_TEST_CASE(refuses_a_malformed_partial_with_the_reason, bdata::make(bad_partials), c) {
    const auto p = crossfoot::partial_from_json(replaced(good_partial, c.from, c.to));
    BOOST_TEST_REQUIRE(!p.has_value());
    BOOST_TEST(p.error() == c.message);
}

// A partial written by hand, with its fields and groups in any order: the header after the
// groups is read as well as before them, and checked against them at the end.
constexpr std::string_view groups_first = R"({
 "groups": [{"key": ["South"], "totals": [{"currency": "USD", "total": "2", "rows": 1}]},
            {"key": ["North"], "totals": [{"currency": "CNY", "total": "1.50", "rows": 2}]}],
 "rows_rejected": 0, "rows_read": 3, "rounding": "row", "target": null, "group_by": ["region"],
 "version": 1, "format": "crossfoot-partial"
})";

BOOST_AUTO_TEST_CASE(reads_a_stream_as_it_reads_text) {
    std::vector<std::string> texts = {std::string(good_partial), std::string(groups_first)};
    for (const auto& options : {grouped_by({"region", "product"}), converting({"region"}, "CNY", convert_rounding::total)}) {
        texts.push_back(to_json(aggregated("region,product,date,amount,currency\n"
                                           "North,bolts,2024-09-27,1.50,USD\n"
                                           "South,nuts,2024-09-27,-7,EUR\n"
                                           "North,nuts,2024-09-27,2,USD\n",
                                           options)));
    }
    for (const std::string& text : texts) {
        BOOST_TEST_CONTEXT(text.substr(0, 120)) {
            const auto stream = streamed(text);
            const auto whole = crossfoot::partial_from_json(text);
            BOOST_TEST_REQUIRE(stream.has_value(), (stream ? std::string() : stream.error()));
            BOOST_TEST_REQUIRE(whole.has_value());
            BOOST_TEST(*stream == *whole);
        }
    }
}

BOOST_AUTO_TEST_CASE(takes_the_header_after_the_groups_and_checks_them_against_it) {
    const auto p = crossfoot::partial_from_json(groups_first);
    BOOST_TEST_REQUIRE(p.has_value(), (p ? std::string() : p.error()));
    BOOST_TEST(total_of(*p, {"North"}, "CNY") == "1.50");
    BOOST_TEST(total_of(*p, {"South"}, "USD") == "2");
    BOOST_TEST(to_json(*p) == to_json(*crossfoot::partial_from_json(to_json(*p))));
    const auto error = [](std::string_view from, std::string_view to) {
        const auto bad = crossfoot::partial_from_json(replaced(groups_first, from, to));
        return bad ? std::string("accepted") : bad.error();
    };
    BOOST_TEST(error("\"group_by\": [\"region\"]", "\"group_by\": [\"region\", \"product\"]") ==
               "a group key does not match group_by");
    BOOST_TEST(error("\"target\": null", "\"target\": \"CNY\"") == "a group has no converted total");
    BOOST_TEST(error("\"rows\": 2}]}]", "\"rows\": 2}], \"converted\": \"1\"}]") ==
               "a group has a converted total but there is no target");
    BOOST_TEST(error("\"rows_read\": 3", "\"rows_read\": 2") == "the groups hold 3 rows, not the 2 accepted");
    BOOST_TEST(error("\"South\"], \"totals\"", "\"North\"], \"totals\"") == "the group [\"North\"] appears twice");
    BOOST_TEST(error(", \"format\": \"crossfoot-partial\"", "") == "key 'format' not found");
}

BOOST_AUTO_TEST_CASE(reads_groups_out_of_key_order) {
    // North (the reference partial's, now of one row), then East, South and Central.
    const auto after_north = [](std::string_view a, std::string_view b, std::string_view c) {
        return "\"rows\": 1}]}, " + group_json(a, "USD", "1", 1) + ", " + group_json(b, "USD", "2", 1) + ", " +
               group_json(c, "USD", "3", 1) + "]";
    };
    const auto p = crossfoot::partial_from_json(replaced(replaced(good_partial, "\"rows_read\": 3", "\"rows_read\": 5"),
                                                         "\"rows\": 2}]}]", after_north("East", "South", "Central")));
    BOOST_TEST_REQUIRE(p.has_value(), (p ? std::string() : p.error()));
    BOOST_TEST(p->groups.size() == 4U);
    BOOST_TEST(total_of(*p, {"Central"}, "USD") == "3");
    const auto twice =
        crossfoot::partial_from_json(replaced(good_partial, "\"rows\": 2}]}]", after_north("South", "East", "North")));
    BOOST_TEST_REQUIRE(!twice.has_value());
    BOOST_TEST(twice.error() == "the group [\"North\"] appears twice");
}

BOOST_AUTO_TEST_CASE(reads_a_stream_within_a_memory_limit) {
    // 20,000 groups read into a table of 64 KiB: written to disk as they come, the same groups.
    std::string ledger = "id,amount,currency\n";
    for (int i = 0; i < 20000; ++i) ledger += std::to_string(i * 7919 % 20000) + "," + std::to_string(i) + ".5,USD\n";
    const std::string text = to_json(aggregated(ledger, grouped_by({"id"})));
    group_table memory;
    limit_to_64_kib(memory);
    const auto limited = streamed(text, &memory);
    BOOST_TEST_REQUIRE(limited.has_value(), (limited ? std::string() : limited.error()));
    BOOST_TEST(limited->groups.runs() > 0U);
    BOOST_TEST(limited->groups.budget() == memory.budget());
    BOOST_TEST(to_json(*limited) == text);
    // Group 17 again at the end, out of key order: without a limit it is looked up and named;
    // past the limit it is not looked up on disk, and the groups counted at the end find it.
    const std::string with_17_twice = text.substr(0, text.rfind("]\n}")) + ", " + group_json("17", "USD", "1", 1) + "]}";
    const auto twice = crossfoot::partial_from_json(with_17_twice);
    BOOST_TEST_REQUIRE(!twice.has_value());
    BOOST_TEST(twice.error() == "the group [\"17\"] appears twice");
    const auto twice_limited = streamed(with_17_twice, &memory);
    BOOST_TEST_REQUIRE(!twice_limited.has_value());
    BOOST_TEST(twice_limited.error() == "a group appears twice (met out of key order, past the memory limit)");
}

BOOST_AUTO_TEST_CASE(reads_groups_in_reverse_order_past_the_memory_limit) {
    // Every key out of order, 20,000 of them, the table on disk: the same groups as without a
    // limit (counted once at the end, not looked up on disk one by one, which took 35 s).
    std::string text = R"({"format": "crossfoot-partial", "version": 1, "group_by": ["id"], "target": null,
 "rounding": "row", "rows_read": 20000, "rows_rejected": 0, "groups": [)";
    for (int i = 19999; i >= 0; --i)
        text += group_json(std::to_string(i), "EUR", std::to_string(i) + ".25", 1) + (i == 0 ? "]}" : ", ");
    const auto whole = crossfoot::partial_from_json(text);
    BOOST_TEST_REQUIRE(whole.has_value(), (whole ? std::string() : whole.error()));
    group_table memory;
    limit_to_64_kib(memory);
    const auto limited = streamed(text, &memory);
    BOOST_TEST_REQUIRE(limited.has_value(), (limited ? std::string() : limited.error()));
    BOOST_TEST(limited->groups.runs() > 0U);
    BOOST_TEST(to_json(*limited) == to_json(*whole));
}

BOOST_AUTO_TEST_CASE(passes_over_fields_it_does_not_read_and_wants_groups_as_an_array) {
    const auto with_field = crossfoot::partial_from_json(
        replaced(good_partial, "\"rounding\": \"row\",",
                 "\"rounding\": \"row\", \"note\": [[1, {\"a\": 1, \"a\": [2]}], null, \"x\"], \"more\": 5,"));
    BOOST_TEST_REQUIRE(with_field.has_value(), (with_field ? std::string() : with_field.error()));
    BOOST_TEST(*with_field == *crossfoot::partial_from_json(good_partial));
    // In a group and in its totals too, values of any kind and depth, unread: a name given
    // twice within such a value is not looked at, as in a field of the header passed over.
    const auto in_group = crossfoot::partial_from_json(replaced(
        replaced(good_partial, "{\"key\"", "{\"note\": {\"a\": [1, {\"totals\": 5}], \"key\": null, \"a\": 2}, \"key\""),
        "\"rows\": 2}", "\"rows\": 2, \"rate\": [[], {\"currency\": 7}], \"by\": null, \"ok\": true}"));
    BOOST_TEST_REQUIRE(in_group.has_value(), (in_group ? std::string() : in_group.error()));
    BOOST_TEST(*in_group == *crossfoot::partial_from_json(good_partial));
    for (const auto& [groups, found] : std::vector<std::pair<std::string, std::string>>{
             {"null", "null"}, {"{}", "an object"}, {"5", "a number"}, {"\"none\"", "a string"}}) {
        const auto p = crossfoot::partial_from_json(std::string(R"({"format": "crossfoot-partial", "groups": )") +
                                                    groups + "}");
        BOOST_TEST_REQUIRE(!p.has_value());
        BOOST_TEST(p.error() == "groups must be an array, found " + found);
    }
}

BOOST_AUTO_TEST_CASE(refuses_to_merge_partials_made_differently_and_changes_nothing) {
    const std::string_view text = "region,date,amount,currency\nNorth,2024-09-27,1,USD\n";
    struct made {
        std::string what;
        aggregate_options options;
    };
    const std::vector<made> ways = {
        {"by region", grouped_by({"region"})},
        {"by date", grouped_by({"date"})},
        {"by region, date", grouped_by({"region", "date"})},
        {"by date, region", grouped_by({"date", "region"})},
        {"to CNY per row", converting({"region"}, "CNY", convert_rounding::row)},
        {"to CNY per total", converting({"region"}, "CNY", convert_rounding::total)},
        {"to USD per row", converting({"region"}, "USD", convert_rounding::row)},
        {"unconverted per total",
         [] {
             aggregate_options o = grouped_by({"region"});
             o.rounding = convert_rounding::total;
             return o;
         }()},
    };
    for (const made& a : ways) {
        for (const made& b : ways) {
            if (a.what == b.what) continue;
            BOOST_TEST_CONTEXT(a.what << " with " << b.what) {
                partial_aggregate p = aggregated(text, a.options);
                const partial_aggregate before = p;
                const auto ok = p.merge(aggregated(text, b.options));
                BOOST_TEST(!ok.has_value());
                BOOST_TEST(p == before);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(says_why_two_partials_cannot_merge) {
    const std::string_view text = "region,date,amount,currency\nNorth,2024-09-27,1,USD\n";
    const auto by_region = aggregated(text, grouped_by({"region"}));
    const auto merge_error = [&](const aggregate_options& other) {
        partial_aggregate p = by_region;
        return p.merge(aggregated(text, other)).error();
    };
    BOOST_TEST(merge_error(grouped_by({"region", "date"})) ==
               "cannot merge partials grouped by (region) and (region, date)");
    BOOST_TEST(merge_error(converting({"region"}, "CNY", convert_rounding::row)) ==
               "cannot merge partials converted to nothing and to CNY");
    aggregate_options per_total = grouped_by({"region"});
    per_total.rounding = convert_rounding::total;
    BOOST_TEST(merge_error(per_total) == "cannot merge partials rounded per row and per total");
}

// The law ledger, converted per total (exact sums), per row, or not at all.
const std::array<aggregate_options, 3> law_options = {
    grouped_by({"region", "product"}),
    converting({"region"}, "CNY", convert_rounding::total),
    converting({"product", "region"}, "USD", convert_rounding::row),
};

BOOST_DATA_TEST_CASE(merging_shards_in_any_order_gives_the_single_run,
                     bdata::xrange(law_options.size()), which) {
    const auto& options = law_options[which];
    const auto rows = law_rows(3000, 42);
    const auto whole = aggregated(ledger_of(law_header, rows, 0, rows.size()), options);
    const std::vector<std::vector<std::size_t>> cuttings = {
        even_cuts(rows.size(), 2), even_cuts(rows.size(), 3), even_cuts(rows.size(), 7),
        {1, 2, 17, 2999},          {0, 0, 1500, 1500},        {3000}};
    std::mt19937_64 rng(2024);
    for (const auto& cuts : cuttings) {
        BOOST_TEST_CONTEXT("options " << which << ", " << cuts.size() + 1 << " shards cut first at "
                                      << cuts.front()) {
            std::vector<partial_aggregate> parts;
            for (const std::string& shard : shards_of(rows, cuts))
                parts.push_back(aggregated(shard, options));
            BOOST_TEST(fold_left(parts) == whole);
            BOOST_TEST(fold_right(parts) == whole);
            BOOST_TEST(fold_tree(parts) == whole);
            std::ranges::reverse(parts);
            BOOST_TEST(fold_left(parts) == whole);
            std::ranges::shuffle(parts, rng);
            BOOST_TEST(fold_tree(parts) == whole);
            BOOST_TEST(format_aggregate_text(fold_left(parts)) == format_aggregate_text(whole));
        }
    }
}

BOOST_DATA_TEST_CASE(merging_shards_read_back_from_json_gives_the_single_run,
                     bdata::xrange(law_options.size()), which) {
    const auto& options = law_options[which];
    const auto rows = law_rows(2000, 5);
    const auto whole = aggregated(ledger_of(law_header, rows, 0, rows.size()), options);
    std::vector<partial_aggregate> parts;
    for (const std::string& shard : shards_of(rows, even_cuts(rows.size(), 5))) {
        const auto back = crossfoot::partial_from_json(to_json(aggregated(shard, options)));
        BOOST_TEST_REQUIRE(back.has_value(), (back ? std::string() : back.error()));
        parts.push_back(*back);
    }
    BOOST_TEST(fold_left(parts) == whole);
}

BOOST_DATA_TEST_CASE(merging_is_associative_and_commutative, bdata::xrange(law_options.size()),
                     which) {
    const auto& options = law_options[which];
    const auto rows = law_rows(900, 99);
    const auto shards = shards_of(rows, {100, 450});
    const auto a = aggregated(shards[0], options);
    const auto b = aggregated(shards[1], options);
    const auto c = aggregated(shards[2], options);
    BOOST_TEST(merged(merged(a, b), c) == merged(a, merged(b, c)));
    BOOST_TEST(merged(a, b) == merged(b, a));
    BOOST_TEST(merged(merged(a, b), c) == merged(merged(c, a), b));
    const auto empty = aggregated(law_header, options);  // the identity
    BOOST_TEST(merged(a, empty) == a);
    BOOST_TEST(merged(empty, a) == a);
}

// Regression: a partial that could not be written was reported as written.
BOOST_AUTO_TEST_CASE(cli_fails_when_the_partial_cannot_be_written) {
    const temporary_file ledger("unwritable-partial.csv");
    ledger.write("region,amount,currency\nNorth,1,USD\n");
    crossfoot::cli::aggregate_options_cli cli;
    cli.files = {ledger.path()};
    cli.threads = 1;
    cli.partial = "/dev/full";
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    BOOST_TEST(crossfoot::cli::run_aggregate(cli, in, out, err) == 2);
    BOOST_TEST(err.str() ==
               "crossfoot: error: cannot write the partial aggregate to '/dev/full' [no-file]\n");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- a million rows -------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(aggregate_large)

BOOST_AUTO_TEST_CASE(sums_a_million_rows_as_plain_integer_sums_do,
                     *boost::unit_test::label("slow")) {
    constexpr std::size_t row_count = 1'000'000;
    constexpr std::size_t region_count = 30;
    struct ccy {
        std::string_view code;
        int decimals;
    };
    constexpr std::array<ccy, 3> currencies = {{{"CNY", 2}, {"USD", 2}, {"JPY", 0}}};
    // Minor units per region and currency: at most 10^12 a row, so no int64 sum overflows.
    std::array<std::array<std::int64_t, 3>, region_count> sums{};
    std::array<std::array<std::uint64_t, 3>, region_count> counts{};
    std::mt19937_64 rng(1'000'000);
    std::string text = "id,region,amount,currency,memo\n";
    text.reserve(row_count * 40);
    for (std::size_t i = 0; i < row_count; ++i) {
        const std::size_t r = rng() % region_count;
        const std::size_t c = rng() % currencies.size();
        const auto minor = static_cast<std::int64_t>(rng() % 2'000'000'000'001) - 1'000'000'000'000;
        sums[r][c] += minor;
        ++counts[r][c];
        text += std::to_string(i) + ",region-" + std::to_string(r) + "," +
                minor_text(minor, currencies[c].decimals) + "," + std::string(currencies[c].code) +
                ",x\n";
    }
    const auto p = aggregated(text, grouped_by({"region"}), 2);
    BOOST_TEST(p.rows_read == row_count);
    BOOST_TEST(p.groups.size() == region_count);
    for (std::size_t r = 0; r < region_count; ++r) {
        for (std::size_t c = 0; c < currencies.size(); ++c) {
            const key k{"region-" + std::to_string(r)};
            BOOST_TEST_CONTEXT(k.front() << " " << currencies[c].code) {
                BOOST_TEST(total_of(p, k, currencies[c].code) ==
                           minor_text(sums[r][c], currencies[c].decimals));
                BOOST_TEST(rows_of(p, k, currencies[c].code) == counts[r][c]);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
