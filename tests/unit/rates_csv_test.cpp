// tests/unit/rates_csv_test.cpp: reading rates from CSV text: the ECB's wide form (trailing
// comma, N/A, newest-first rows, BOM, CRLF), the long form with and without a source column,
// and the exact diagnostic of every kind of broken file.
// SPDX-License-Identifier: MIT
#include <crossfoot/rates.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <expected>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace bdata = boost::unit_test::data;

using crossfoot::decimal;
using crossfoot::diagnostic;
using crossfoot::rate_quote;
using crossfoot::unit;

using read_result = std::expected<std::vector<rate_quote>, std::vector<diagnostic>>;

constexpr std::string_view ecb_source = "ECB euro reference rate";

unit currency(std::string_view code) { return unit::currency(code).value(); }

read_result read(std::string_view text, std::string_view file = "rates.csv") {
    std::istringstream input{std::string(text)};
    return crossfoot::read_rates_csv(input, file);
}

// What a reader should have read: pair "EUR/USD", rate, date, source, and the line.
rate_quote read_quote(std::string_view pair, std::string_view rate, std::string_view on,
                      std::string_view source, std::string_view file, std::size_t line) {
    return {currency(pair.substr(0, 3)),
            currency(pair.substr(4, 3)),
            decimal::parse(rate).value(),
            crossfoot::parse_date(on).value(),
            std::string(source),
            std::nullopt,
            std::nullopt,
            std::string(file),
            line};
}

// One expected diagnostic of a file named rates.csv; every one is an error.
struct expected_diagnostic {
    std::size_t line;
    std::size_t column;
    std::string_view code;
    std::string_view message;
    std::string_view source_line;
};

void check_diagnostics(const read_result& result, const std::vector<expected_diagnostic>& want,
                       std::string_view file = "rates.csv") {
    BOOST_TEST_REQUIRE(!result.has_value());
    const std::vector<diagnostic>& got = result.error();
    std::ostringstream all;
    for (const diagnostic& d : got) all << "\n" << d;
    BOOST_TEST_REQUIRE(got.size() == want.size(), "the diagnostics given:" << all.str());
    for (std::size_t i = 0; i < want.size(); ++i) {
        BOOST_TEST_CONTEXT("diagnostic " << i << ": " << got[i]) {
            BOOST_TEST(got[i].file == file);
            BOOST_TEST(got[i].line == want[i].line);
            BOOST_TEST(got[i].column == want[i].column);
            BOOST_TEST((got[i].severity == crossfoot::severity::error));
            BOOST_TEST(got[i].code == want[i].code);
            BOOST_TEST(got[i].message == want[i].message);
            BOOST_TEST(got[i].source_line == want[i].source_line);
        }
    }
}

// A broken file and the one diagnostic it must give.
struct broken_file {
    std::string_view what;
    std::string_view text;
    expected_diagnostic diagnostic;
    friend std::ostream& operator<<(std::ostream& os, const broken_file& c) {
        return os << c.what << ": rates.csv:" << c.diagnostic.line << ":" << c.diagnostic.column
                  << " [" << c.diagnostic.code << "] " << c.diagnostic.message;
    }
};

constexpr std::string_view long_header = "date,base,quote,rate\n";
constexpr std::string_view ecb_header = "Date,USD,CNY,\n";
constexpr std::string_view expected_header =
    "expected a header: Date,USD,... (ECB) or date,base,quote,rate[,source]";

// The texts are the header and one row; std::string_view concatenation is not constexpr,
// so each text is written out.
const broken_file broken_files[] = {
    // Column counts, in either form: the caret goes to the end of the line.
    {"a long row with too few fields",
     "date,base,quote,rate\n2024-09-27,USD,CNY\n",
     {2, 19, "bad-rate-file", "expected 4 fields as in the header, found 3", "2024-09-27,USD,CNY"}},
    {"a long row with too many fields",
     "date,base,quote,rate\n2024-09-27,USD,CNY,7.01,fixing\n",
     {2, 31, "bad-rate-file", "expected 4 fields as in the header, found 5",
      "2024-09-27,USD,CNY,7.01,fixing"}},
    {"an ECB row without its trailing comma",
     "Date,USD,CNY,\n2024-09-27,1.1158,7.823\n",
     {2, 24, "bad-rate-file", "expected 4 fields as in the header, found 3",
      "2024-09-27,1.1158,7.823"}},
    // Dates.
    {"a long row dated on no calendar day",
     "date,base,quote,rate\n2024-09-31,USD,CNY,7.01\n",
     {2, 9, "bad-date", "expected a valid calendar date, found '2024-09-31'",
      "2024-09-31,USD,CNY,7.01"}},
    {"an ECB row dated with slashes",
     "Date,USD,CNY,\n2024/09/27,1.1158,7.823,\n",
     {2, 5, "bad-date", "expected '-' in YYYY-MM-DD, found '/'", "2024/09/27,1.1158,7.823,"}},
    {"a quoted date on no calendar day",
     "date,base,quote,rate\n\"2024-09-31\",USD,CNY,7.01\n",
     {2, 10, "bad-date", "expected a valid calendar date, found '2024-09-31'",
      "\"2024-09-31\",USD,CNY,7.01"}},
    {"a long row with a short month",
     "date,base,quote,rate\n2024-9-27,USD,CNY,7.01\n",
     {2, 7, "bad-date", "expected a date as YYYY-MM-DD, found '-'", "2024-9-27,USD,CNY,7.01"}},
    // Rates that are not numbers.
    {"a long row with a word for a rate",
     "date,base,quote,rate\n2024-09-27,USD,CNY,abc\n",
     {2, 20, "bad-rate", "expected a digit, found 'a'", "2024-09-27,USD,CNY,abc"}},
    {"an ECB cell with a letter in the rate",
     "Date,USD,CNY,\n2024-09-27,1.11x8,7.823,\n",
     {2, 16, "bad-rate", "expected end of number, found 'x'", "2024-09-27,1.11x8,7.823,"}},
    {"an ECB cell with a space before the rate",
     "Date,USD,CNY,\n2024-09-27,1.1158, 7.823,\n",
     {2, 19, "bad-rate", "expected a digit, found ' '", "2024-09-27,1.1158, 7.823,"}},
    {"a long row with a decimal comma in quotes",
     "date,base,quote,rate\n2024-09-27,USD,CNY,\"7,01\"\n",
     {2, 22, "bad-rate", "expected end of number, found ','", "2024-09-27,USD,CNY,\"7,01\""}},
    // Rates that are numbers but not rates.
    {"a long row with a zero rate",
     "date,base,quote,rate\n2024-09-27,USD,CNY,0\n",
     {2, 20, "bad-rate", "expected a positive rate, found '0'", "2024-09-27,USD,CNY,0"}},
    {"a long row with a zero rate with decimals",
     "date,base,quote,rate\n2024-09-27,USD,CNY,0.0000\n",
     {2, 20, "bad-rate", "expected a positive rate, found '0.0000'", "2024-09-27,USD,CNY,0.0000"}},
    {"a long row with a negative rate",
     "date,base,quote,rate\n2024-09-25,USD,CNY,-7\n",
     {2, 20, "bad-rate", "expected a positive rate, found '-7'", "2024-09-25,USD,CNY,-7"}},
    {"an ECB cell with a zero rate",
     "Date,USD,CNY,\n2024-09-27,0,7.823,\n",
     {2, 12, "bad-rate", "expected a positive rate, found '0'", "2024-09-27,0,7.823,"}},
    {"an ECB cell with a negative rate",
     "Date,USD,CNY,\n2024-09-27,1.1158,-7.823,\n",
     {2, 19, "bad-rate", "expected a positive rate, found '-7.823'", "2024-09-27,1.1158,-7.823,"}},
    // Currencies: an unknown code in the ECB header is reported once, at the header, and
    // not again under it on every row.
    {"an unknown code in the ECB header",
     "Date,USD,XYZ,\n2024-09-27,1.1158,1.5,\n",
     {1, 10, "unknown-currency", "expected an ISO 4217 currency code, found 'XYZ'",
      "Date,USD,XYZ,"}},
    {"an unknown quote code in a long row",
     "date,base,quote,rate\n2024-09-26,USD,ZZZ,1\n",
     {2, 16, "unknown-currency", "expected an ISO 4217 currency code, found 'ZZZ'",
      "2024-09-26,USD,ZZZ,1"}},
    {"a lower-case base code in a long row",
     "date,base,quote,rate\n2024-09-26,usd,CNY,7.01\n",
     {2, 12, "unknown-currency", "expected an ISO 4217 currency code, found 'usd'",
      "2024-09-26,usd,CNY,7.01"}},
    // Quoting.
    {"an unterminated quote",
     "date,base,quote,rate\n2024-09-27,USD,CNY,\"7.01\n",
     {2, 25, "bad-rate-file", "expected a closing '\"'", "2024-09-27,USD,CNY,\"7.01"}},
    {"text after a closing quote",
     "date,base,quote,rate\n2024-09-27,\"USD\"x,CNY,7.01\n",
     {2, 17, "bad-rate-file", "expected ',' or the end of the line after a quoted field",
      "2024-09-27,\"USD\"x,CNY,7.01"}},
    {"an unterminated quote in the header",
     "date,base,\"quote,rate\n2024-09-27,USD,CNY,7.01\n",
     {1, 22, "bad-rate-file", "expected a closing '\"'", "date,base,\"quote,rate"}},
    // Headers.
    {"a data row where the header should be",
     "2024-09-27,USD,CNY,7.01\n",
     {1, 1, "bad-rate-file", expected_header, "2024-09-27,USD,CNY,7.01"}},
    {"a long header without the rate",
     "date,base,quote\n2024-09-27,USD,CNY\n",
     {1, 1, "bad-rate-file", expected_header, "date,base,quote"}},
    {"an ECB header without currencies",
     "Date\n2024-09-27\n",
     {1, 1, "bad-rate-file", expected_header, "Date"}},
    {"an empty file", "", {1, 1, "bad-rate-file", expected_header, ""}},
    {"a file of blank lines", "\n\r\n\n", {1, 1, "bad-rate-file", expected_header, ""}},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_csv)

BOOST_AUTO_TEST_CASE(ecb_wide_form_reads_every_cell_but_n_a) {
    // Rows newest first, N/A and empty cells, a trailing comma on every line, as the ECB
    // writes them.
    const auto quotes = read(
        "Date,USD,JPY,CNY,\n"
        "2024-09-27,1.1158,159.63,7.823,\n"
        "2024-09-26,1.1155,160.78,,\n"
        "2005-03-31,1.2969,138.44,N/A,\n",
        "eurofxref-hist.csv");
    BOOST_TEST_REQUIRE(quotes.has_value());
    const std::vector<rate_quote> want = {
        read_quote("EUR/USD", "1.1158", "2024-09-27", ecb_source, "eurofxref-hist.csv", 2),
        read_quote("EUR/JPY", "159.63", "2024-09-27", ecb_source, "eurofxref-hist.csv", 2),
        read_quote("EUR/CNY", "7.823", "2024-09-27", ecb_source, "eurofxref-hist.csv", 2),
        read_quote("EUR/USD", "1.1155", "2024-09-26", ecb_source, "eurofxref-hist.csv", 3),
        read_quote("EUR/JPY", "160.78", "2024-09-26", ecb_source, "eurofxref-hist.csv", 3),
        read_quote("EUR/USD", "1.2969", "2005-03-31", ecb_source, "eurofxref-hist.csv", 4),
        read_quote("EUR/JPY", "138.44", "2005-03-31", ecb_source, "eurofxref-hist.csv", 4),
    };
    BOOST_TEST(*quotes == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ecb_wide_form_with_bom_and_crlf_reads_the_same) {
    const auto plain = read("Date,USD,CNY,\n2024-09-27,1.1158,7.823,\n2024-09-26,1.1155,7.8213,\n");
    const auto windows = read(
        "\xEF\xBB\xBF"
        "Date,USD,CNY,\r\n2024-09-27,1.1158,7.823,\r\n2024-09-26,1.1155,7.8213,\r\n");
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST_REQUIRE(windows.has_value());
    BOOST_TEST(plain->size() == 4U);
    BOOST_TEST(*windows == *plain, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ecb_wide_form_needs_no_trailing_comma_and_may_quote_cells) {
    const auto quotes = read("Date,USD,\"CNY\"\n\"2024-09-27\",1.1158,\"7.823\"\n");
    BOOST_TEST_REQUIRE(quotes.has_value());
    const std::vector<rate_quote> want = {
        read_quote("EUR/USD", "1.1158", "2024-09-27", ecb_source, "rates.csv", 2),
        read_quote("EUR/CNY", "7.823", "2024-09-27", ecb_source, "rates.csv", 2),
    };
    BOOST_TEST(*quotes == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ecb_rows_newest_first_serve_look_ups_like_any_order) {
    const auto quotes = read(
        "Date,USD,CNY,\n2024-09-27,1.1158,7.823,\n2024-09-26,1.1155,7.8213,\n"
        "2024-09-25,1.1194,7.8692,\n");
    BOOST_TEST_REQUIRE(quotes.has_value());
    crossfoot::rate_table table;
    BOOST_TEST_REQUIRE(table.add(*quotes).has_value());
    const auto sunday = table.find(currency("USD"), currency("CNY"),
                                   crossfoot::parse_date("2024-09-29").value(), {});
    BOOST_TEST_REQUIRE(sunday.has_value());
    BOOST_TEST(sunday->value.to_string() == "7.01111310271");
    BOOST_TEST(sunday->path[0].quotes[0].line == 2U);
}

// A rate may have as many digits as an amount, 1,000; a longer one is refused before it is
// read (converting at a rate of 10^6 digits took minutes).
BOOST_AUTO_TEST_CASE(a_rate_of_more_than_a_thousand_digits_is_refused) {
    const std::string longest = "7." + std::string(999, '1');
    const auto read_longest = read("date,base,quote,rate\n2024-01-02,USD,CNY," + longest + "\n");
    BOOST_TEST_REQUIRE(read_longest.has_value());
    BOOST_TEST(read_longest->front().rate == decimal::parse(longest).value());
    const std::string line = "2024-01-02,USD,CNY," + longest + "1";
    check_diagnostics(read("date,base,quote,rate\n" + line + "\n"),
                      {{2, 20, "bad-rate", "expected a rate of at most 1000 digits, found 1001", line}});
}

BOOST_AUTO_TEST_CASE(long_form_without_source_names_the_file_as_source) {
    const auto quotes = read(
        "date,base,quote,rate\n"
        "2024-09-27,USD,CNY,7.0074\n"
        "\n"  // blank lines are skipped, but counted
        "2024-09-26,CNY,JPY,20.5\n",
        "fixings.csv");
    BOOST_TEST_REQUIRE(quotes.has_value());
    const std::vector<rate_quote> want = {
        read_quote("USD/CNY", "7.0074", "2024-09-27", "fixings.csv", "fixings.csv", 2),
        read_quote("CNY/JPY", "20.5", "2024-09-26", "fixings.csv", "fixings.csv", 4),
    };
    BOOST_TEST(*quotes == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(long_form_with_source_takes_each_rows_source) {
    const auto quotes = read(
        "Date,Base,Quote,Rate,Source\r\n"
        "2024-09-27,USD,CNY,7.0074,CFETS central parity\r\n"
        "2024-09-27,EUR,USD,1.1158,\"ECB, reference\"\r\n"
        "2024-09-26,USD,CNY,7.0106,\r\n");
    BOOST_TEST_REQUIRE(quotes.has_value());
    const std::vector<rate_quote> want = {
        read_quote("USD/CNY", "7.0074", "2024-09-27", "CFETS central parity", "rates.csv", 2),
        read_quote("EUR/USD", "1.1158", "2024-09-27", "ECB, reference", "rates.csv", 3),
        // An empty source cell falls back to the file name.
        read_quote("USD/CNY", "7.0106", "2024-09-26", "rates.csv", "rates.csv", 4),
    };
    BOOST_TEST(*quotes == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_header_alone_reads_as_no_quotes) {
    const auto long_form = read(long_header);
    BOOST_TEST_REQUIRE(long_form.has_value());
    BOOST_TEST(long_form->empty());
    const auto ecb_form = read(ecb_header);
    BOOST_TEST_REQUIRE(ecb_form.has_value());
    BOOST_TEST(ecb_form->empty());
}

BOOST_DATA_TEST_CASE(a_broken_file_gives_its_exact_diagnostic, bdata::make(broken_files), c) {
    check_diagnostics(read(c.text), {c.diagnostic});
}

BOOST_AUTO_TEST_CASE(a_diagnostic_after_bom_and_crlf_counts_columns_of_the_visible_line) {
    check_diagnostics(read("\xEF\xBB\xBF"
                           "Date,USD,XYZ,\r\n2024-09-27,1.1158,1.5,\r\n"),
                      {{1, 10, "unknown-currency",
                        "expected an ISO 4217 currency code, found 'XYZ'", "Date,USD,XYZ,"}});
    check_diagnostics(read("date,base,quote,rate\r\n2024-09-31,USD,CNY,7.01\r\n"),
                      {{2, 9, "bad-date", "expected a valid calendar date, found '2024-09-31'",
                        "2024-09-31,USD,CNY,7.01"}});
}

BOOST_AUTO_TEST_CASE(every_bad_line_is_reported_not_just_the_first) {
    const auto result = read(
        "date,base,quote,rate\n"
        "2024-09-27,USD,CNY,7.0074\n"
        "2024-09-31,USD,CNY,7.01\n"
        "2024-09-26,USD,CNY,7.0106\n"
        "2024-09-25,USD,CNY,-7\n"
        "2024-13-01,usd,ZZZ,abc\n"
        "2024-09-24,USD,CNY\n");
    check_diagnostics(
        result,
        {
            {3, 9, "bad-date", "expected a valid calendar date, found '2024-09-31'",
             "2024-09-31,USD,CNY,7.01"},
            {5, 20, "bad-rate", "expected a positive rate, found '-7'", "2024-09-25,USD,CNY,-7"},
            // Every bad field of one line, left to right.
            {6, 6, "bad-date", "expected a valid calendar date, found '2024-13-01'",
             "2024-13-01,usd,ZZZ,abc"},
            {6, 12, "unknown-currency", "expected an ISO 4217 currency code, found 'usd'",
             "2024-13-01,usd,ZZZ,abc"},
            {6, 16, "unknown-currency", "expected an ISO 4217 currency code, found 'ZZZ'",
             "2024-13-01,usd,ZZZ,abc"},
            {6, 20, "bad-rate", "expected a digit, found 'a'", "2024-13-01,usd,ZZZ,abc"},
            {7, 19, "bad-rate-file", "expected 4 fields as in the header, found 3",
             "2024-09-24,USD,CNY"},
        });
}

BOOST_AUTO_TEST_CASE(every_bad_cell_of_an_ecb_file_is_reported) {
    const auto result = read(
        "Date,USD,XYZ,CNY,\n"
        "2024-09-27,1.1158,1.5,0,\n"
        "2024-09-26,x,N/A,7.8213,\n"
        "2024-09-25,1.1194,2,7.8692,9,\n"
        "2024-09-24,1.1133,N/A,7.829,\n");
    check_diagnostics(
        result,
        {
            {1, 10, "unknown-currency", "expected an ISO 4217 currency code, found 'XYZ'",
             "Date,USD,XYZ,CNY,"},
            {2, 23, "bad-rate", "expected a positive rate, found '0'", "2024-09-27,1.1158,1.5,0,"},
            {3, 12, "bad-rate", "expected a digit, found 'x'", "2024-09-26,x,N/A,7.8213,"},
            {4, 30, "bad-rate-file", "expected 5 fields as in the header, found 6",
             "2024-09-25,1.1194,2,7.8692,9,"},
        });
}

BOOST_AUTO_TEST_CASE(a_value_in_the_unnamed_trailing_column_is_an_error) {
    check_diagnostics(read("Date,USD,\n2024-09-27,1.1158,7.823\n"),
                      {{2, 19, "bad-rate-file", "expected no value in a column without a currency",
                        "2024-09-27,1.1158,7.823"}});
}

BOOST_AUTO_TEST_CASE(read_rates_file_reports_a_missing_file_as_no_file) {
    const std::string path = "/nonexistent/crossfoot/rates.csv";
    const auto result = crossfoot::read_rates_file(path);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST_REQUIRE(result.error().size() == 1U);
    const diagnostic& d = result.error()[0];
    BOOST_TEST(d.file == path);
    BOOST_TEST(d.code == "no-file");
    BOOST_TEST(d.message == "cannot open the file for reading: no such file or directory");
    BOOST_TEST((d.severity == crossfoot::severity::error));
    BOOST_TEST(d.line == 0U);
    BOOST_TEST(d.column == 0U);
    BOOST_TEST(d.source_line.empty());
}

BOOST_AUTO_TEST_CASE(read_rates_file_reads_a_file_and_names_it_in_quotes_and_errors) {
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / "crossfoot_rates_csv_test_fixings.csv";
    {
        std::ofstream out(path, std::ios::binary);
        out << "date,base,quote,rate,source\n2024-09-27,USD,CNY,7.0074,CFETS\n";
    }
    const auto good = crossfoot::read_rates_file(path.string());
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << "date,base,quote,rate\n2024-09-27,USD,CNY,0\n";
    }
    const auto bad = crossfoot::read_rates_file(path.string());
    std::filesystem::remove(path);
    BOOST_TEST_REQUIRE(good.has_value());
    BOOST_TEST_REQUIRE(good->size() == 1U);
    BOOST_TEST(good->front() ==
               read_quote("USD/CNY", "7.0074", "2024-09-27", "CFETS", path.string(), 2));
    check_diagnostics(
        bad, {{2, 20, "bad-rate", "expected a positive rate, found '0'", "2024-09-27,USD,CNY,0"}},
        path.string());
}

BOOST_AUTO_TEST_SUITE_END()
