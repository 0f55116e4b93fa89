// tests/unit/diagnostic_test.cpp: code-point columns, and the GCC-form rendering of a
// diagnostic with its source line and caret.
// SPDX-License-Identifier: MIT
#include <crossfoot/diagnostic.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace {

using crossfoot::diagnostic;
using crossfoot::severity;

struct column_case {
    std::string_view line;
    std::size_t byte_offset;
    std::size_t column;
    friend std::ostream& operator<<(std::ostream& os, const column_case& c) {
        return os << "'" << c.line << "' byte " << c.byte_offset << " is column " << c.column;
    }
};

const column_case column_cases[] = {
    // ASCII: one byte, one column.
    {"1..2 bn", 0, 1},
    {"1..2 bn", 2, 3},
    {"1..2 bn", 6, 7},
    {"\t1..2 bn", 3, 4},  // a tab is one code point
    // Chinese and symbols: several bytes, one column each.
    {"5亿元 zork", 1, 2},
    {"5亿元 zork", 4, 3},
    {"5亿元 zork", 7, 4},
    {"5亿元 zork", 8, 5},
    {"人民币", 3, 2},
    {"人民币", 6, 3},
    {"€2.5m", 3, 2},
    {"¥5", 2, 2},
    // At the end: one past the last character.
    {"", 0, 1},
    {"1..2 bn", 7, 8},
    {"人民币", 9, 4},
    // Past the end: each further byte is one more column.
    {"", 3, 4},
    {"ab", 4, 5},
    {"人民币", 10, 5},
};

diagnostic bad_amount(std::string file, std::size_t line, std::size_t column, std::string message,
                      std::string source_line) {
    diagnostic d;
    d.file = std::move(file);
    d.line = line;
    d.column = column;
    d.severity = severity::error;
    d.message = std::move(message);
    d.code = "bad-amount";
    d.source_line = std::move(source_line);
    return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(diagnostic_columns)

BOOST_DATA_TEST_CASE(count_code_points, boost::unit_test::data::make(column_cases), c) {
    BOOST_TEST(crossfoot::column_of(c.line, c.byte_offset) == c.column);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(diagnostic_format)

BOOST_AUTO_TEST_CASE(shows_source_line_and_caret) {
    const diagnostic d = bad_amount("ledger.txt", 3, 3, "expected a digit, found '.'", "1..2 bn");
    BOOST_TEST(crossfoot::format(d) ==
               "ledger.txt:3:3: error: expected a digit, found '.' [bad-amount]\n"
               "    3 | 1..2 bn\n"
               "      |   ^\n");
}

// A 200,000-character line is shown cut around the caret, as compilers do, with the caret
// still under the character it points at.
BOOST_AUTO_TEST_CASE(a_long_line_is_cut_around_the_caret) {
    std::string line(200000, 'x');
    line[150000] = '#';
    const diagnostic d = bad_amount("ledger.csv", 2, 150001, "expected a digit, found '#'", line);
    const std::string out = crossfoot::format(d);
    const std::size_t first = out.find('\n');
    const std::size_t second = out.find('\n', first + 1);
    const std::string shown = out.substr(first + 1, second - first - 1);
    const std::string caret = out.substr(second + 1, out.size() - second - 2);
    BOOST_TEST(shown.size() < 140U);
    BOOST_TEST(shown.starts_with("    2 | ...x"));
    BOOST_TEST(shown.ends_with("x..."));
    BOOST_TEST(caret.size() == shown.find('#') + 1);
    BOOST_TEST(caret.back() == '^');
    // A short line is shown whole.
    const diagnostic near_start = bad_amount("ledger.csv", 2, 3, "expected a digit, found '#'", line);
    const std::string start = crossfoot::format(near_start);
    BOOST_TEST(start.find("    2 | xx") != std::string::npos);
    BOOST_TEST(start.find("...\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(caret_at_first_column) {
    const diagnostic d =
        bad_amount("<stdin>", 1, 1, "expected a number or a currency, found 'bn'", "bn");
    BOOST_TEST(crossfoot::format(d) ==
               "<stdin>:1:1: error: expected a number or a currency, found 'bn' [bad-amount]\n"
               "    1 | bn\n"
               "      | ^\n");
}

BOOST_AUTO_TEST_CASE(caret_after_the_last_character) {
    const diagnostic d = bad_amount(
        "ledger.txt", 12, 10,
        "expected a currency or a count noun (no default currency is given), found end of input",
        "5 billion");
    BOOST_TEST(crossfoot::format(d) ==
               "ledger.txt:12:10: error: expected a currency or a count noun (no default "
               "currency is given), found end of input [bad-amount]\n"
               "   12 | 5 billion\n"
               "      |          ^\n");
}

// Chinese characters take two columns of a terminal: the caret goes under the character
// the column counts to, not one column per character.
BOOST_AUTO_TEST_CASE(caret_lines_up_under_a_chinese_line) {
    const diagnostic under_yuan = bad_amount(
        "ledger.txt", 8, 3, "expected a currency or a count noun, found '元 zork'", "5亿元 zork");
    BOOST_TEST(crossfoot::format(under_yuan) ==
               "ledger.txt:8:3: error: expected a currency or a count noun, found '元 zork' "
               "[bad-amount]\n"
               "    8 | 5亿元 zork\n"
               "      |    ^\n");

    const diagnostic after_yuan =
        bad_amount("ledger.txt", 8, 5, "expected a currency, found 'zork'", "5亿元 zork");
    BOOST_TEST(crossfoot::format(after_yuan) ==
               "ledger.txt:8:5: error: expected a currency, found 'zork' [bad-amount]\n"
               "    8 | 5亿元 zork\n"
               "      |       ^\n");
}

BOOST_AUTO_TEST_CASE(narrow_symbols_take_one_column) {
    const diagnostic d = bad_amount("ledger.txt", 2, 4, "expected a digit, found '.'", "€2..5m");
    BOOST_TEST(crossfoot::format(d) ==
               "ledger.txt:2:4: error: expected a digit, found '.' [bad-amount]\n"
               "    2 | €2..5m\n"
               "      |    ^\n");
}

BOOST_AUTO_TEST_CASE(keeps_tabs_under_the_caret) {
    const diagnostic d = bad_amount("ledger.txt", 4, 4, "expected a digit, found '.'", "\t1..2 bn");
    BOOST_TEST(crossfoot::format(d) ==
               "ledger.txt:4:4: error: expected a digit, found '.' [bad-amount]\n"
               "    4 | \t1..2 bn\n"
               "      | \t  ^\n");
}

// A CR that ends no line, a NUL or a DEL would move the cursor or vanish in a terminal: in the
// line and in the message each is shown as its Control Picture, one column, the caret still
// under the character it points at. A CR before the line feed, or ending the line, is the
// line end's and is not shown; the line stops at its first line feed.
BOOST_AUTO_TEST_CASE(shows_control_characters_as_their_pictures) {
    const diagnostic d = bad_amount("ledger.csv", 2, 14, "amount: expected end of number, found '\r'",
                                    std::string("no\x7Fr\0h,USD,1.5\r0\r\nsecond line", 29));
    BOOST_TEST(crossfoot::format(d) ==
               "ledger.csv:2:14: error: amount: expected end of number, found '\u240D' [bad-amount]\n"
               "    2 | no\u2421r\u2400h,USD,1.5\u240D0\n"
               "      |              ^\n");
    const diagnostic ending = bad_amount("ledger.csv", 3, 1, "expected a digit", "x,1\r");
    BOOST_TEST(crossfoot::format(ending) ==
               "ledger.csv:3:1: error: expected a digit [bad-amount]\n"
               "    3 | x,1\n"
               "      | ^\n");
}

BOOST_AUTO_TEST_CASE(without_source_line_shows_only_the_message) {
    const diagnostic first_column =
        bad_amount("<arguments>", 2, 1, "expected an amount, found end of input", "");
    BOOST_TEST(crossfoot::format(first_column) ==
               "<arguments>:2:1: error: expected an amount, found end of input [bad-amount]\n");

    const diagnostic later_column =
        bad_amount("claims.toml", 14, 13, "expected a digit, found '.'", "");
    BOOST_TEST(crossfoot::format(later_column) ==
               "claims.toml:14:13: error: expected a digit, found '.' [bad-amount]\n");
}

BOOST_AUTO_TEST_CASE(widens_the_margin_for_long_line_numbers) {
    const diagnostic d = bad_amount("big.txt", 1234567, 2, "expected a digit, found 'x'", "1x");
    BOOST_TEST(crossfoot::format(d) ==
               "big.txt:1234567:2: error: expected a digit, found 'x' [bad-amount]\n"
               "1234567 | 1x\n"
               "        |  ^\n");
}

BOOST_AUTO_TEST_CASE(names_each_severity_and_omits_a_missing_code) {
    const diagnostic warning{"claims.toml", 5, 1, severity::warning, "rate is 9 days old",
                             "stale-rate",  ""};
    BOOST_TEST(crossfoot::format(warning) ==
               "claims.toml:5:1: warning: rate is 9 days old [stale-rate]\n");

    const diagnostic note{
        "claims.toml", 12, 1, severity::note, "in figure \"subtotal\" defined here", "",
        "subtotal = 1"};
    BOOST_TEST(crossfoot::format(note) ==
               "claims.toml:12:1: note: in figure \"subtotal\" defined here\n"
               "   12 | subtotal = 1\n"
               "      | ^\n");
}

BOOST_AUTO_TEST_CASE(streams_as_formatted) {
    const diagnostic d = bad_amount("ledger.txt", 3, 3, "expected a digit, found '.'", "1..2 bn");
    std::ostringstream os;
    os << d;
    BOOST_TEST(os.str() == crossfoot::format(d));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- why a file cannot be opened --------------------------------------------------------

BOOST_AUTO_TEST_SUITE(why_not_readable)

struct scratch_dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("crossfoot-unreadable-" + std::to_string(::getpid()));
    scratch_dir() { std::filesystem::create_directories(path); }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    ~scratch_dir() {
        std::error_code ignored;
        std::filesystem::permissions(path / "secret.csv", std::filesystem::perms::owner_all, ignored);
        std::filesystem::remove_all(path, ignored);
    }
    [[nodiscard]] std::string at(const std::string& name) const { return (path / name).string(); }
};

// These fail for every user, root too.
BOOST_AUTO_TEST_CASE(says_why_for_root_too) {
    const scratch_dir dir;
    std::ofstream(dir.at("ledger.csv")) << "region,currency,amount\n";
    std::filesystem::create_symlink("missing.csv", dir.path / "dangling.csv");
    std::filesystem::create_symlink("b.csv", dir.path / "a.csv");
    std::filesystem::create_symlink("a.csv", dir.path / "b.csv");
    BOOST_TEST(crossfoot::why_not_readable(dir.at("absent.csv")) == "no such file or directory");
    BOOST_TEST(crossfoot::why_not_readable(dir.at("dangling.csv")) == "no such file or directory");
    BOOST_TEST(crossfoot::why_not_readable(dir.at("a.csv")) == "too many levels of symbolic links");
    BOOST_TEST(crossfoot::why_not_readable(dir.at("ledger.csv/2024.csv")) == "not a directory");
    BOOST_TEST(crossfoot::why_not_readable(dir.path.string()) == "a directory, not a file");
}

// A file without read permission stops every user but root, who may read anything.
BOOST_AUTO_TEST_CASE(says_permission_denied_unless_root) {
    const scratch_dir dir;
    std::ofstream(dir.at("secret.csv")) << "region,currency,amount\n";
    std::filesystem::permissions(dir.path / "secret.csv", std::filesystem::perms::none);
    if (::geteuid() == 0) {
        BOOST_TEST_MESSAGE("running as root, who may read a file without permissions: "
                           "the permission case is checked by other users only");
        BOOST_TEST(crossfoot::why_not_readable(dir.at("secret.csv")) == "the system refused it");
        return;
    }
    BOOST_TEST(crossfoot::why_not_readable(dir.at("secret.csv")) == "permission denied");
}

BOOST_AUTO_TEST_SUITE_END()
