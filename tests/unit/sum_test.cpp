// tests/unit/sum_test.cpp: summing amounts line by line and from arguments, every bad amount
// reported with its place, and the text and JSON reports.
// SPDX-License-Identifier: MIT
#include <crossfoot/sum.hpp>

#include <crossfoot/amount.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/diagnostic.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using crossfoot::amount_parse_options;
using crossfoot::diagnostic;
using crossfoot::sum_report;
using crossfoot::unit;

unit currency(std::string_view code) { return unit::currency(code).value(); }

std::string total_of(const sum_report& report, std::string_view code) {
    const auto total = report.totals.total(code == "count" ? unit::count() : currency(code));
    return total ? total->to_string() : "none";
}

diagnostic bad_amount(std::string file, std::size_t line, std::size_t column, std::string message,
                      std::string source_line) {
    diagnostic d;
    d.file = std::move(file);
    d.line = line;
    d.column = column;
    d.severity = crossfoot::severity::error;
    d.message = std::move(message);
    d.code = "bad-amount";
    d.source_line = std::move(source_line);
    return d;
}

sum_report sum_of(const std::vector<std::string>& arguments,
                  const amount_parse_options& options = {}) {
    sum_report report;
    crossfoot::sum_arguments(arguments, options, report);
    return report;
}

struct grouping {
    std::string_view plain;
    std::string_view grouped;
    friend std::ostream& operator<<(std::ostream& os, const grouping& c) {
        return os << "'" << c.plain << "' -> '" << c.grouped << "'";
    }
};

const grouping groupings[] = {
    {"1234567.89", "1,234,567.89"},
    {"-1000", "-1,000"},
    {"999", "999"},
    {"0.5", "0.5"},
    {"-0.5", "-0.5"},
    {"0", "0"},
    {"", ""},
    {"12", "12"},
    {"1000", "1,000"},
    {"-999", "-999"},
    {"100000", "100,000"},
    {"1234567", "1,234,567"},
    {"-1234567.000001", "-1,234,567.000001"},
    {"39700000000", "39,700,000,000"},
    {"123456789012345678901234567890123456789012345",
     "123,456,789,012,345,678,901,234,567,890,123,456,789,012,345"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sum_lines)

BOOST_AUTO_TEST_CASE(adds_every_good_line_and_reports_every_bad_one) {
    std::istringstream input(
        "# commitments, 2024-09-27\n"  // 1: comment
        "\n"                           // 2: blank
        "39.7 billion yuan\r\n"        // 3: CRLF
        "   # indented comment\n"      // 4: comment
        "1..2 bn\r\n"                  // 5: bad, CRLF
        "\t\n"                         // 6: blank
        "\r\n"                         // 7: blank, CRLF
        "5亿元 zork\n"                 // 8: bad, after Chinese
        "1.16 billion USD\n"           // 9: good after bad ones
        "  1..2\n"                     // 10: bad, indented
        "42 projects\n"                // 11
        "$5");                         // 12: bad, no final newline
    sum_report report;
    crossfoot::sum_lines(input, "ledger.txt", {}, report);

    BOOST_TEST(!report.ok());
    BOOST_TEST_REQUIRE(report.errors.size() == 4U);
    BOOST_TEST(report.errors[0] ==
               bad_amount("ledger.txt", 5, 3, "expected a digit, found '.'", "1..2 bn"));
    BOOST_TEST(report.errors[1] ==
               bad_amount("ledger.txt", 8, 3,
                          "expected a currency or a count noun, found '元 zork'", "5亿元 zork"));
    BOOST_TEST(report.errors[2] ==
               bad_amount("ledger.txt", 10, 5, "expected a digit, found '.'", "  1..2"));
    BOOST_TEST(report.errors[3] ==
               bad_amount("ledger.txt", 12, 1,
                          "expected one currency ('$' could be USD, HKD, AUD, CAD, NZD, SGD, "
                          "TWD, MXN; no default currency is given), found '$'",
                          "$5"));

    BOOST_TEST(report.totals.amounts() == 3U);
    BOOST_TEST(total_of(report, "CNY") == "39700000000");
    BOOST_TEST(total_of(report, "USD") == "1160000000");
    BOOST_TEST(total_of(report, "count") == "42");
    BOOST_TEST(report.assumed == 0U);
}

BOOST_AUTO_TEST_CASE(line_numbers_count_skipped_lines) {
    std::istringstream input("# header\n\n\n5 USD\nzork\n");
    sum_report report;
    crossfoot::sum_lines(input, "<stdin>", {}, report);
    BOOST_TEST_REQUIRE(report.errors.size() == 1U);
    BOOST_TEST(report.errors[0].file == "<stdin>");
    BOOST_TEST(report.errors[0].line == 5U);
    BOOST_TEST(report.errors[0].column == 1U);
    BOOST_TEST(report.errors[0].code == "bad-amount");
    BOOST_TEST(report.errors[0].message == "expected a number or a currency, found 'zork'");
}

BOOST_AUTO_TEST_CASE(counts_amounts_of_the_default_currency) {
    std::istringstream input("5 billion\r\n¥3\n2 yuan\n1 USD\n");
    amount_parse_options options;
    options.default_currency = currency("CNY");
    sum_report report;
    crossfoot::sum_lines(input, "ledger.txt", options, report);
    BOOST_TEST(report.ok());
    BOOST_TEST(report.assumed == 2U);
    BOOST_TEST(report.totals.amounts() == 4U);
    BOOST_TEST(total_of(report, "CNY") == "5000000005");
    BOOST_TEST(total_of(report, "USD") == "1");
}

BOOST_AUTO_TEST_CASE(empty_and_comment_only_input_sums_to_nothing) {
    std::istringstream input("# nothing here\n\n   \n\t# nor here\r\n");
    sum_report report;
    crossfoot::sum_lines(input, "ledger.txt", {}, report);
    BOOST_TEST(report.ok());
    BOOST_TEST(report.totals.empty());
    BOOST_TEST(report.totals.amounts() == 0U);
}

BOOST_AUTO_TEST_CASE(adds_to_what_the_report_already_holds) {
    sum_report report;
    std::istringstream first("1.5 USD\nbad\n");
    std::istringstream second("2.25 USD\n\nworse\n");
    crossfoot::sum_lines(first, "a.txt", {}, report);
    crossfoot::sum_lines(second, "b.txt", {}, report);
    BOOST_TEST(total_of(report, "USD") == "3.75");
    BOOST_TEST(report.totals.amounts() == 2U);
    BOOST_TEST_REQUIRE(report.errors.size() == 2U);
    BOOST_TEST(report.errors[0].file == "a.txt");
    BOOST_TEST(report.errors[0].line == 2U);
    BOOST_TEST(report.errors[1].file == "b.txt");
    BOOST_TEST(report.errors[1].line == 3U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sum_arguments)

BOOST_AUTO_TEST_CASE(reports_bad_arguments_by_position) {
    amount_parse_options options;
    options.default_currency = currency("CNY");
    const sum_report report = sum_of({"5 USD", "zork", "", "1..2 bn", "¥5"}, options);

    BOOST_TEST_REQUIRE(report.errors.size() == 3U);
    BOOST_TEST(report.errors[0] == bad_amount("<arguments>", 2, 1,
                                              "expected a number or a currency, found 'zork'",
                                              "zork"));
    BOOST_TEST(report.errors[1] ==
               bad_amount("<arguments>", 3, 1, "expected an amount, found end of input", ""));
    BOOST_TEST(report.errors[2] ==
               bad_amount("<arguments>", 4, 3, "expected a digit, found '.'", "1..2 bn"));
    BOOST_TEST(report.totals.amounts() == 2U);
    BOOST_TEST(total_of(report, "USD") == "5");
    BOOST_TEST(total_of(report, "CNY") == "5");
    BOOST_TEST(report.assumed == 1U);
}

BOOST_AUTO_TEST_CASE(no_arguments_sum_to_nothing) {
    const sum_report report = sum_of({});
    BOOST_TEST(report.ok());
    BOOST_TEST(report.totals.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(sum_reports)

BOOST_AUTO_TEST_CASE(text_report_aligns_grouped_totals) {
    const sum_report report =
        sum_of({"39.7 billion yuan", "1.16 billion USD", "42 projects", "0.5 USD"});
    BOOST_TEST_REQUIRE(report.ok());
    BOOST_TEST(crossfoot::format_sum_text(report) ==
               "unit             total  amounts\n"
               "count               42        1\n"
               "CNY     39,700,000,000        1\n"
               "USD    1,160,000,000.5        2\n"
               "4 amounts in 3 units\n");
}

BOOST_AUTO_TEST_CASE(text_report_says_how_many_units_were_assumed) {
    amount_parse_options options;
    options.default_currency = currency("CNY");
    const sum_report report = sum_of({"5 billion", "¥3"}, options);
    BOOST_TEST_REQUIRE(report.ok());
    BOOST_TEST(crossfoot::format_sum_text(report) ==
               "unit           total  amounts\n"
               "CNY    5,000,000,003        2\n"
               "2 amounts in 1 unit; 2 with the default currency assumed\n");
}

BOOST_AUTO_TEST_CASE(text_report_of_one_amount_is_singular) {
    BOOST_TEST(crossfoot::format_sum_text(sum_of({"7 EUR"})) ==
               "unit   total  amounts\n"
               "EUR        7        1\n"
               "1 amount in 1 unit\n");
}

BOOST_AUTO_TEST_CASE(text_report_of_nothing) {
    BOOST_TEST(crossfoot::format_sum_text(sum_of({})) ==
               "unit   total  amounts\n"
               "0 amounts in 0 units\n");
}

BOOST_AUTO_TEST_CASE(json_report_gives_totals_as_exact_strings) {
    const sum_report report =
        sum_of({"39.7 billion yuan", "1.16 billion USD", "42 projects", "0.5 USD"});
    BOOST_TEST_REQUIRE(report.ok());
    BOOST_TEST(crossfoot::format_sum_json(report) ==
               "{\n"
               "  \"totals\": [\n"
               "    {\n"
               "      \"unit\": \"count\",\n"
               "      \"total\": \"42\",\n"
               "      \"amounts\": 1\n"
               "    },\n"
               "    {\n"
               "      \"unit\": \"CNY\",\n"
               "      \"total\": \"39700000000\",\n"
               "      \"amounts\": 1\n"
               "    },\n"
               "    {\n"
               "      \"unit\": \"USD\",\n"
               "      \"total\": \"1160000000.5\",\n"
               "      \"amounts\": 2\n"
               "    }\n"
               "  ],\n"
               "  \"amounts\": 4,\n"
               "  \"assumed\": 0\n"
               "}\n");
}

BOOST_AUTO_TEST_CASE(json_report_keeps_every_digit_and_counts_assumptions) {
    amount_parse_options options;
    options.default_currency = currency("JPY");
    const sum_report report =
        sum_of({"123456789012345678901234567890123456789012345.67", "¥0.33"}, options);
    BOOST_TEST_REQUIRE(report.ok());
    BOOST_TEST(crossfoot::format_sum_json(report) ==
               "{\n"
               "  \"totals\": [\n"
               "    {\n"
               "      \"unit\": \"JPY\",\n"
               "      \"total\": \"123456789012345678901234567890123456789012346.00\",\n"
               "      \"amounts\": 2\n"
               "    }\n"
               "  ],\n"
               "  \"amounts\": 2,\n"
               "  \"assumed\": 2\n"
               "}\n");
}

BOOST_AUTO_TEST_CASE(json_report_of_nothing) {
    BOOST_TEST(crossfoot::format_sum_json(sum_of({})) ==
               "{\n"
               "  \"totals\": [],\n"
               "  \"amounts\": 0,\n"
               "  \"assumed\": 0\n"
               "}\n");
}

BOOST_DATA_TEST_CASE(group_thousands_keeps_sign_and_fraction,
                     boost::unit_test::data::make(groupings), c) {
    BOOST_TEST(crossfoot::group_thousands(c.plain) == c.grouped);
}

BOOST_AUTO_TEST_SUITE_END()
