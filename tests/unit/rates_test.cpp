// tests/unit/rates_test.cpp: dates, look-up policies at their edges, derived rates (inverses
// and crosses through a pivot) with their provenance, missing and conflicting rates, conversion
// of amounts, and the built-in ECB table against the cross rates of the rates README.
// Longer than most files: one executable per component, and rates.hpp has seven topics.
// SPDX-License-Identifier: MIT
#include <crossfoot/rates.hpp>

#include <crossfoot/amount.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/rounding.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace bdata = boost::unit_test::data;

using crossfoot::amount;
using crossfoot::date;
using crossfoot::decimal;
using crossfoot::lookup_policy;
using crossfoot::rate_quote;
using crossfoot::rate_table;
using crossfoot::rounding;
using crossfoot::unit;
using kind = crossfoot::lookup_policy::kind;

unit currency(std::string_view code) { return unit::currency(code).value(); }
decimal dec(std::string_view text) { return decimal::parse(text).value(); }
date day(std::string_view text) { return crossfoot::parse_date(text).value(); }

// A quote of `pair` ("EUR/USD": 1 EUR = rate USD) on `on`.
rate_quote quote(std::string_view pair, std::string_view rate, std::string_view on,
                 std::string source = "test fixing", std::string file = {}, std::size_t line = 0) {
    return {currency(pair.substr(0, 3)),
            currency(pair.substr(4, 3)),
            dec(rate),
            day(on),
            std::move(source),
            std::nullopt,
            std::nullopt,
            std::move(file),
            line};
}

rate_table table_of(const std::vector<rate_quote>& quotes) {
    rate_table table;
    const auto added = table.add(quotes);
    BOOST_TEST_REQUIRE(added.has_value());
    return table;
}

lookup_policy policy_of(kind how, std::int32_t days = 7) {
    lookup_policy policy;
    policy.how = how;
    policy.max_age_days = days;
    policy.window_days = days;
    return policy;
}

lookup_policy with_digits(std::int32_t digits, rounding mode) {
    lookup_policy policy;
    policy.derived_digits = digits;
    policy.derived_rounding = mode;
    return policy;
}

// The ECB's EUR/USD for the last week of September 2024: Monday 23 to Monday 30, no weekend.
std::vector<rate_quote> eur_usd_week() {
    return {quote("EUR/USD", "1.1119", "2024-09-23"), quote("EUR/USD", "1.1133", "2024-09-24"),
            quote("EUR/USD", "1.1194", "2024-09-25"), quote("EUR/USD", "1.1155", "2024-09-26"),
            quote("EUR/USD", "1.1158", "2024-09-27"), quote("EUR/USD", "1.1196", "2024-09-30")};
}

// The ECB's EUR/USD and EUR/CNY on Friday 2024-09-27.
std::vector<rate_quote> usd_and_cny_on_friday() {
    return {quote("EUR/USD", "1.1158", "2024-09-27"), quote("EUR/CNY", "7.823", "2024-09-27")};
}

// The dates of the quotes behind a found rate's hop, as text.
std::vector<std::string> quote_dates(const crossfoot::rate_hop& hop) {
    std::vector<std::string> out;
    for (const rate_quote& q : hop.quotes) out.push_back(crossfoot::to_string(q.on));
    return out;
}

}  // namespace

// ---- dates -----------------------------------------------------------------------------

namespace {

struct good_date {
    std::string_view text;
    int year;
    unsigned month;
    unsigned day;
    friend std::ostream& operator<<(std::ostream& os, const good_date& c) {
        return os << c.text << " = " << c.year << "/" << c.month << "/" << c.day;
    }
};

const good_date good_dates[] = {
    {"2024-09-27", 2024, 9, 27}, {"2024-02-29", 2024, 2, 29},  // a leap day
    {"2000-02-29", 2000, 2, 29},                               // leap: divisible by 400
    {"1999-01-04", 1999, 1, 4},  {"2024-12-31", 2024, 12, 31}, {"0001-01-01", 1, 1, 1},
};

struct bad_date {
    std::string_view text;
    std::size_t offset;
    std::string_view expected_what;
    std::string_view found;
    friend std::ostream& operator<<(std::ostream& os, const bad_date& c) {
        return os << "'" << c.text << "' at " << c.offset << ", expecting " << c.expected_what
                  << ", found '" << c.found << "'";
    }
};

const bad_date bad_dates[] = {
    // Well formed but not on the calendar: the month or the day is pointed at.
    {"2024-02-30", 8, "a valid calendar date", "2024-02-30"},
    {"2023-02-29", 8, "a valid calendar date", "2023-02-29"},  // not a leap year
    {"1900-02-29", 8, "a valid calendar date", "1900-02-29"},  // centuries are not leap
    {"2024-09-31", 8, "a valid calendar date", "2024-09-31"},
    {"2024-09-00", 8, "a valid calendar date", "2024-09-00"},
    {"2024-13-01", 5, "a valid calendar date", "2024-13-01"},
    {"2024-00-10", 5, "a valid calendar date", "2024-00-10"},
    // Malformed: the first character that does not fit YYYY-MM-DD.
    {"2024-9-27", 6, "a date as YYYY-MM-DD", "-"},
    {"2024/09/27", 4, "'-' in YYYY-MM-DD", "/"},
    {"2024-09/27", 7, "'-' in YYYY-MM-DD", "/"},
    {"", 0, "a date as YYYY-MM-DD", ""},
    {"2024", 4, "'-' in YYYY-MM-DD", ""},
    {"2024-09-2", 9, "a date as YYYY-MM-DD", ""},
    {"24-09-27", 2, "a date as YYYY-MM-DD", "-"},
    {" 2024-09-27", 0, "a date as YYYY-MM-DD", " "},
    {"2024-09-270", 10, "end of date", "0"},
    {"2024-09-27T00:00", 10, "end of date", "T"},
    {"2024-09-27 ", 10, "end of date", " "},
    {"27.09.2024", 2, "a date as YYYY-MM-DD", "."},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_dates)

BOOST_DATA_TEST_CASE(parse_date_reads_calendar_dates_and_prints_them_back, bdata::make(good_dates),
                     c) {
    const auto parsed = crossfoot::parse_date(c.text);
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST(static_cast<int>(parsed->year()) == c.year);
    BOOST_TEST(static_cast<unsigned>(parsed->month()) == c.month);
    BOOST_TEST(static_cast<unsigned>(parsed->day()) == c.day);
    BOOST_TEST(crossfoot::to_string(*parsed) == c.text);
}

BOOST_DATA_TEST_CASE(parse_date_reports_offset_expectation_and_found_text, bdata::make(bad_dates),
                     c) {
    const auto parsed = crossfoot::parse_date(c.text);
    BOOST_TEST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().offset == c.offset);
    BOOST_TEST(parsed.error().expected == c.expected_what);
    BOOST_TEST(parsed.error().found == c.found);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- policies --------------------------------------------------------------------------

namespace {

// EUR→USD on `on` from eur_usd_week(): the quote used (its rate and date), or none.
struct dated_lookup {
    kind how;
    std::int32_t max_age_days;
    std::string_view on;
    std::string_view rate;       // empty: no rate
    std::string_view quoted_on;  // the date of the quote used
    friend std::ostream& operator<<(std::ostream& os, const dated_lookup& c) {
        os << crossfoot::to_string(c.how) << " (max age " << c.max_age_days << ") on " << c.on;
        if (c.rate.empty()) return os << " gives no rate";
        return os << " gives " << c.rate << " of " << c.quoted_on;
    }
};

const dated_lookup dated_lookups[] = {
    // A weekend takes Friday's quote.
    {kind::on_or_before, 7, "2024-09-28", "1.1158", "2024-09-27"},
    {kind::on_or_before, 7, "2024-09-29", "1.1158", "2024-09-27"},
    // The first day of the data, and the day before it.
    {kind::on_or_before, 7, "2024-09-23", "1.1119", "2024-09-23"},
    {kind::on_or_before, 7, "2024-09-22", "", ""},
    // The last day of the data, then up to max age after it, then one day more.
    {kind::on_or_before, 7, "2024-09-30", "1.1196", "2024-09-30"},
    {kind::on_or_before, 7, "2024-10-07", "1.1196", "2024-09-30"},
    {kind::on_or_before, 7, "2024-10-08", "", ""},
    // A shorter max age: Saturday is one day after Friday, Sunday two.
    {kind::on_or_before, 1, "2024-09-28", "1.1158", "2024-09-27"},
    {kind::on_or_before, 1, "2024-09-29", "", ""},
    // Max age 0: only a quote of the day itself.
    {kind::on_or_before, 0, "2024-09-27", "1.1158", "2024-09-27"},
    {kind::on_or_before, 0, "2024-09-28", "", ""},
    {kind::on_or_before, 0, "2024-09-23", "1.1119", "2024-09-23"},
    // Exact: the day itself or nothing, whatever the max age.
    {kind::exact, 7, "2024-09-27", "1.1158", "2024-09-27"},
    {kind::exact, 7, "2024-09-23", "1.1119", "2024-09-23"},
    {kind::exact, 7, "2024-09-30", "1.1196", "2024-09-30"},
    {kind::exact, 7, "2024-09-28", "", ""},
    {kind::exact, 7, "2024-09-22", "", ""},
    {kind::exact, 7, "2024-10-01", "", ""},
};

// A window policy over eur_usd_week(), EUR→USD on `on`.
struct window_lookup {
    std::string_view on;
    std::int32_t window_days;
    std::string_view mean;  // empty: no rate
    bool exact;
    std::size_t quotes;
    friend std::ostream& operator<<(std::ostream& os, const window_lookup& c) {
        os << c.window_days << " days before " << c.on;
        if (c.mean.empty()) return os << " gives no rate";
        return os << " averages " << c.quotes << " quotes to " << c.mean
                  << (c.exact ? " exactly" : " rounded");
    }
};

const window_lookup window_averages[] = {
    {"2024-09-27", 1, "1.11565", true, 2},         // (1.1155 + 1.1158) / 2
    {"2024-09-27", 4, "1.11518", true, 5},         // 5.5759 / 5
    {"2024-09-29", 7, "1.11518", true, 5},         // a Sunday: [09-22, 09-29] holds 23..27
    {"2024-09-30", 7, "1.11591666667", false, 6},  // 6.6955 / 6 = 1.115916666...
    {"2024-09-27", 0, "1.1158", true, 1},          // one quote: itself, as given
    {"2024-09-23", 0, "1.1119", true, 1},          // the first day of the data
    {"2024-09-22", 2, "", false, 0},               // before the data
    {"2024-09-29", 1, "", false, 0},               // [09-28, 09-29]: a weekend holds nothing
};

// A mean that does not terminate, to the policy's digits: 1.0, 1.0, 1.1 → 3.1 / 3.
struct rounded_mean {
    std::int32_t digits;
    rounding mode;
    std::string_view mean;
    friend std::ostream& operator<<(std::ostream& os, const rounded_mean& c) {
        return os << "3.1 / 3 to " << c.digits << " digits " << c.mode << " = " << c.mean;
    }
};

const rounded_mean rounded_means[] = {
    {12, rounding::half_even, "1.03333333333"},
    {6, rounding::ceiling, "1.03334"},
    {6, rounding::floor, "1.03333"},
    {6, rounding::up, "1.03334"},
    {6, rounding::half_up, "1.03333"},
    {2, rounding::half_even, "1.0"},
    {1, rounding::ceiling, "2"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_policies)

BOOST_DATA_TEST_CASE(dated_policies_take_the_right_quote_or_none, bdata::make(dated_lookups), c) {
    const rate_table table = table_of(eur_usd_week());
    const auto found =
        table.find(currency("EUR"), currency("USD"), day(c.on), policy_of(c.how, c.max_age_days));
    // The inverse direction is served by the same quote, or equally not at all.
    const auto inverse =
        table.find(currency("USD"), currency("EUR"), day(c.on), policy_of(c.how, c.max_age_days));
    if (c.rate.empty()) {
        BOOST_TEST(!found.has_value());
        BOOST_TEST(!inverse.has_value());
        return;
    }
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value == dec(c.rate));
    BOOST_TEST(found->value.to_string() == c.rate);  // a direct quote, exactly as given
    BOOST_TEST(found->exact);
    BOOST_TEST(!found->low.has_value());
    BOOST_TEST(!found->high.has_value());
    BOOST_TEST(crossfoot::to_string(found->requested) == c.on);
    BOOST_TEST_REQUIRE(found->path.size() == 1U);
    BOOST_TEST(quote_dates(found->path[0]) == std::vector<std::string>{std::string(c.quoted_on)},
               boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(inverse.has_value());
    BOOST_TEST(quote_dates(inverse->path[0]) == quote_dates(found->path[0]),
               boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(window_average_is_the_mean_of_the_quotes_in_the_window,
                     bdata::make(window_averages), c) {
    const rate_table table = table_of(eur_usd_week());
    const auto found = table.find(currency("EUR"), currency("USD"), day(c.on),
                                  policy_of(kind::window_average, c.window_days));
    if (c.mean.empty()) {
        BOOST_TEST(!found.has_value());
        return;
    }
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST_REQUIRE(found->path.size() == 1U);
    BOOST_TEST(found->path[0].quotes.size() == c.quotes);
    BOOST_TEST(found->value.to_string() == c.mean);
    BOOST_TEST(found->exact == c.exact);
    BOOST_TEST(found->path[0].value == found->value);
}

BOOST_DATA_TEST_CASE(window_average_rounds_a_mean_that_does_not_end_with_the_policys_digits,
                     bdata::make(rounded_means), c) {
    const rate_table table =
        table_of({quote("EUR/CHF", "1.0", "2024-09-25"), quote("EUR/CHF", "1.0", "2024-09-26"),
                  quote("EUR/CHF", "1.1", "2024-09-27")});
    lookup_policy policy = policy_of(kind::window_average, 2);
    policy.derived_digits = c.digits;
    policy.derived_rounding = c.mode;
    const auto found = table.find(currency("EUR"), currency("CHF"), day("2024-09-27"), policy);
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == c.mean);
    BOOST_TEST(!found->exact);
    BOOST_TEST(found->path[0].quotes.size() == 3U);
}

BOOST_AUTO_TEST_CASE(window_range_gives_lowest_and_highest_around_the_latest_quote) {
    const rate_table table = table_of(eur_usd_week());
    const auto found = table.find(currency("EUR"), currency("USD"), day("2024-09-27"),
                                  policy_of(kind::window_range, 4));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "1.1158");  // the latest, not a mean
    BOOST_TEST_REQUIRE(found->low.has_value());
    BOOST_TEST_REQUIRE(found->high.has_value());
    BOOST_TEST(found->low->to_string() == "1.1119");   // 09-23
    BOOST_TEST(found->high->to_string() == "1.1194");  // 09-25
    BOOST_TEST(found->exact);
    BOOST_TEST_REQUIRE(found->path.size() == 1U);
    BOOST_TEST(quote_dates(found->path[0]) ==
                   (std::vector<std::string>{"2024-09-23", "2024-09-24", "2024-09-25", "2024-09-26",
                                             "2024-09-27"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(window_range_of_an_inverse_rounds_its_bounds_outward) {
    const rate_table table = table_of(eur_usd_week());
    const auto found = table.find(currency("USD"), currency("EUR"), day("2024-09-27"),
                                  policy_of(kind::window_range, 4));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "0.896217960208");  // 1 / 1.1158, half even
    BOOST_TEST_REQUIRE(found->low.has_value());
    BOOST_TEST_REQUIRE(found->high.has_value());
    BOOST_TEST(found->low->to_string() == "0.893335715561");   // 1 / 1.1194, floor
    BOOST_TEST(found->high->to_string() == "0.899361453369");  // 1 / 1.1119, ceiling
    BOOST_TEST(!found->exact);
    BOOST_TEST(found->path[0].inverted);
}

BOOST_AUTO_TEST_CASE(window_range_of_a_single_quote_still_gives_its_bounds) {
    // rates.hpp: found_rate::low and high are "set for window_range"; a window holding one
    // quote is a range of width zero, not a missing range.
    const rate_table table = table_of(eur_usd_week());
    const auto found = table.find(currency("EUR"), currency("USD"), day("2024-09-29"),
                                  policy_of(kind::window_range, 2));  // [09-27, 09-29]
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "1.1158");
    BOOST_TEST_REQUIRE(found->low.has_value());
    BOOST_TEST_REQUIRE(found->high.has_value());
    BOOST_TEST(*found->low == dec("1.1158"));
    BOOST_TEST(*found->high == dec("1.1158"));
}

BOOST_AUTO_TEST_CASE(window_range_with_no_quote_in_the_window_gives_no_rate) {
    const rate_table table = table_of(eur_usd_week());
    BOOST_TEST(!table
                    .find(currency("EUR"), currency("USD"), day("2024-09-29"),
                          policy_of(kind::window_range, 1))
                    .has_value());
}

BOOST_AUTO_TEST_CASE(the_source_added_last_wins_on_a_date) {
    rate_table table = table_of({quote("EUR/USD", "1.1158", "2024-09-27", "zeta bank")});
    const auto added =
        table.add(std::vector{quote("EUR/USD", "1.1160", "2024-09-27", "alpha claims")});
    BOOST_TEST_REQUIRE(added.has_value());
    const auto found =
        table.find(currency("EUR"), currency("USD"), day("2024-09-27"), policy_of(kind::exact));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "1.1160");
    BOOST_TEST(found->path[0].quotes.front().source == "alpha claims");
    // Both are held; only the choice prefers the later.
    BOOST_TEST(table.size() == 2U);
    BOOST_TEST(table.quotes(currency("EUR"), currency("USD"), day("2024-09-27"), day("2024-09-27"))
                   .size() == 2U);
}

BOOST_AUTO_TEST_CASE(the_source_added_last_wins_within_one_batch) {
    // Later in the span is later, whatever the sources' names.
    const rate_table table = table_of({quote("EUR/USD", "1.1160", "2024-09-27", "alpha"),
                                       quote("EUR/USD", "1.1158", "2024-09-27", "zeta")});
    const rate_table reversed = table_of({quote("EUR/USD", "1.1158", "2024-09-27", "zeta"),
                                          quote("EUR/USD", "1.1160", "2024-09-27", "alpha")});
    const auto on = day("2024-09-27");
    const auto found = table.find(currency("EUR"), currency("USD"), on, {});
    const auto found_reversed = reversed.find(currency("EUR"), currency("USD"), on, {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST_REQUIRE(found_reversed.has_value());
    BOOST_TEST(found->value.to_string() == "1.1158");
    BOOST_TEST(found_reversed->value.to_string() == "1.1160");
}

BOOST_AUTO_TEST_CASE(the_source_added_last_wins_after_an_identical_duplicate_was_merged) {
    // Regression: the order of adding was numbered from size(), which a merged duplicate
    // leaves smaller than the numbers already given out, so a later quote could tie with an
    // earlier one and lose.
    rate_table table = table_of({quote("EUR/USD", "1.1158", "2024-09-27", "first"),
                                 quote("EUR/USD", "1.1158", "2024-09-27", "first"),
                                 quote("EUR/USD", "1.1159", "2024-09-27", "second")});
    BOOST_TEST(table.size() == 2U);
    BOOST_TEST_REQUIRE(
        table.add(std::vector{quote("EUR/USD", "1.1160", "2024-09-27", "third")}).has_value());
    const auto found = table.find(currency("EUR"), currency("USD"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "1.1160");
    BOOST_TEST(found->path[0].quotes.front().source == "third");
}

BOOST_AUTO_TEST_CASE(a_window_takes_the_source_added_last_on_each_date) {
    const rate_table table = table_of({quote("EUR/USD", "1.1155", "2024-09-26", "ecb"),
                                       quote("EUR/USD", "1.1158", "2024-09-27", "ecb"),
                                       quote("EUR/USD", "1.1161", "2024-09-26", "claims")});
    const auto found = table.find(currency("EUR"), currency("USD"), day("2024-09-27"),
                                  policy_of(kind::window_average, 1));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->path[0].quotes.size() == 2U);     // one per date
    BOOST_TEST(found->value.to_string() == "1.11595");  // (1.1161 + 1.1158) / 2
    BOOST_TEST(found->path[0].quotes.front().source == "claims");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- derivation ------------------------------------------------------------------------

namespace {

// USD→CNY through EUR (7.823 / 1.1158) and USD→EUR (1 / 1.1158) at other digits and modes.
struct derived_case {
    std::string_view to;
    std::int32_t digits;
    rounding mode;
    std::string_view value;
    friend std::ostream& operator<<(std::ostream& os, const derived_case& c) {
        return os << "USD→" << c.to << " to " << c.digits << " digits " << c.mode << " = "
                  << c.value;
    }
};

const derived_case derived_cases[] = {
    {"CNY", 12, rounding::half_even, "7.01111310271"},
    {"CNY", 6, rounding::half_even, "7.01111"},
    {"CNY", 4, rounding::ceiling, "7.012"},
    {"CNY", 4, rounding::up, "7.012"},
    {"CNY", 4, rounding::floor, "7.011"},
    {"CNY", 4, rounding::down, "7.011"},
    {"CNY", 3, rounding::half_up, "7.01"},
    {"CNY", 1, rounding::half_even, "7"},
    {"EUR", 12, rounding::half_even, "0.896217960208"},
    {"EUR", 5, rounding::half_even, "0.89622"},
    {"EUR", 3, rounding::up, "0.897"},
    {"EUR", 3, rounding::down, "0.896"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_derivation)

BOOST_AUTO_TEST_CASE(an_inverse_is_rounded_to_twelve_digits_half_even) {
    // 1 / 1.1158 = 0.89621796020792256...; the 13th digit is 7, so the 12th rounds up.
    const rate_table table = table_of({quote("EUR/USD", "1.1158", "2024-09-27")});
    const auto found = table.find(currency("USD"), currency("EUR"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "0.896217960208");
    BOOST_TEST(!found->exact);
    BOOST_TEST_REQUIRE(found->path.size() == 1U);
    BOOST_TEST(found->path[0].inverted);
    BOOST_TEST(found->path[0].value == found->value);
    BOOST_TEST(found->path_text() == "USD→EUR");
}

BOOST_AUTO_TEST_CASE(an_inverse_that_terminates_is_exact) {
    const rate_table table =
        table_of({quote("USD/HKD", "8", "2024-09-27"), quote("GBP/EUR", "1.25", "2024-09-27")});
    const auto hkd = table.find(currency("HKD"), currency("USD"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(hkd.has_value());
    BOOST_TEST(hkd->value == dec("0.125"));
    BOOST_TEST(hkd->value.to_string() == "0.125");
    BOOST_TEST(hkd->exact);
    BOOST_TEST(hkd->path[0].inverted);
    const auto eur = table.find(currency("EUR"), currency("GBP"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(eur.has_value());
    BOOST_TEST(eur->value == dec("0.8"));
    BOOST_TEST(eur->exact);
}

BOOST_AUTO_TEST_CASE(a_cross_through_eur_divides_once_to_twelve_digits) {
    // USD→CNY = (CNY per EUR) / (USD per EUR) = 7.823 / 1.1158 = 7.011113102706578...
    const rate_table table = table_of(usd_and_cny_on_friday());
    const auto found = table.find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "7.01111310271");
    BOOST_TEST(!found->exact);
    BOOST_TEST(found->path_text() == "USD→EUR→CNY");
    // Rounded once: not 7.823 × 0.896217960208 (= 7.011113102707184) rounded again.
    const auto back = table.find(currency("CNY"), currency("USD"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(back->value.to_string() == "0.142630704333");  // 1.1158 / 7.823
    BOOST_TEST(back->path_text() == "CNY→EUR→USD");
}

BOOST_AUTO_TEST_CASE(a_cross_that_terminates_is_exact) {
    const rate_table table =
        table_of({quote("EUR/USD", "1.25", "2024-09-27"), quote("EUR/CNY", "7.5", "2024-09-27")});
    const auto found = table.find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value == decimal(6));  // 7.5 / 1.25
    BOOST_TEST(found->exact);
}

BOOST_DATA_TEST_CASE(derived_digits_and_rounding_of_the_policy_are_honoured,
                     bdata::make(derived_cases), c) {
    const rate_table table = table_of(usd_and_cny_on_friday());
    const auto found = table.find(currency("USD"), currency(c.to), day("2024-09-27"),
                                  with_digits(c.digits, c.mode));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == c.value);
    BOOST_TEST(!found->exact);
}

BOOST_AUTO_TEST_CASE(a_cross_that_multiplies_is_rounded_to_the_policys_digits_too) {
    // GBP→USD→JPY with both quotes in the direction of travel: 1.19885 × 159.63 =
    // 191.3724255 exactly (10 digits). A cross rate through a pivot is a derived figure.
    const rate_table table = table_of(
        {quote("GBP/USD", "1.19885", "2024-09-27"), quote("USD/JPY", "159.63", "2024-09-27")});
    const auto full = table.find(currency("GBP"), currency("JPY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(full.has_value());
    BOOST_TEST(full->value.to_string() == "191.3724255");
    BOOST_TEST(full->exact);
    BOOST_TEST(full->path_text() == "GBP→USD→JPY");
    const auto six = table.find(currency("GBP"), currency("JPY"), day("2024-09-27"),
                                with_digits(6, rounding::half_even));
    BOOST_TEST_REQUIRE(six.has_value());
    BOOST_TEST(six->value.to_string() == "191.372");
    BOOST_TEST(!six->exact);
    const auto ceiling = table.find(currency("GBP"), currency("JPY"), day("2024-09-27"),
                                    with_digits(6, rounding::ceiling));
    BOOST_TEST_REQUIRE(ceiling.has_value());
    BOOST_TEST(ceiling->value.to_string() == "191.373");
}

BOOST_AUTO_TEST_CASE(a_direct_quote_is_used_exactly_whatever_the_digits) {
    const rate_table table = table_of({quote("EUR/IDR", "17378.1234567891234", "2024-09-27")});
    const auto found = table.find(currency("EUR"), currency("IDR"), day("2024-09-27"),
                                  with_digits(4, rounding::half_even));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "17378.1234567891234");
    BOOST_TEST(found->exact);
}

BOOST_AUTO_TEST_CASE(a_direct_quote_is_preferred_to_a_fresher_cross) {
    std::vector<rate_quote> quotes = usd_and_cny_on_friday();
    quotes.push_back(quote("USD/CNY", "7.0074", "2024-09-24"));
    const rate_table table = table_of(quotes);
    const auto found = table.find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "7.0074");
    BOOST_TEST(found->exact);
    BOOST_TEST(found->path_text() == "USD→CNY");
    BOOST_TEST(quote_dates(found->path[0]) == std::vector<std::string>{"2024-09-24"},
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_inverted_hop_is_preferred_to_two_fresher_hops) {
    std::vector<rate_quote> quotes = usd_and_cny_on_friday();
    quotes.push_back(quote("CNY/USD", "0.125", "2024-09-24"));
    const rate_table table = table_of(quotes);
    const auto found = table.find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value == decimal(8));
    BOOST_TEST(found->exact);
    BOOST_TEST(found->path_text() == "USD→CNY");
    BOOST_TEST(found->path[0].inverted);
}

BOOST_AUTO_TEST_CASE(among_pivots_the_path_whose_stalest_quote_is_freshest_wins) {
    // Through EUR: quotes of 09-20 and 09-27 (stalest 09-20). Through USD: 09-25 and 09-26
    // (stalest 09-25). USD wins although EUR comes first, and although EUR's newest quote
    // is the newer one.
    const rate_table table =
        table_of({quote("EUR/GBP", "0.84", "2024-09-20"), quote("EUR/JPY", "160", "2024-09-27"),
                  quote("GBP/USD", "1.3", "2024-09-25"), quote("USD/JPY", "143", "2024-09-26")});
    const auto found = table.find(currency("GBP"), currency("JPY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->path_text() == "GBP→USD→JPY");
    BOOST_TEST(found->value == dec("185.9"));  // 1.3 × 143
    BOOST_TEST(found->exact);
}

BOOST_AUTO_TEST_CASE(among_equally_fresh_pivots_the_policys_order_decides) {
    const rate_table table =
        table_of({quote("EUR/GBP", "0.84", "2024-09-25"), quote("EUR/JPY", "160", "2024-09-27"),
                  quote("GBP/USD", "1.3", "2024-09-25"), quote("USD/JPY", "143", "2024-09-26")});
    const auto on = day("2024-09-27");
    const auto by_default = table.find(currency("GBP"), currency("JPY"), on, {});
    BOOST_TEST_REQUIRE(by_default.has_value());
    BOOST_TEST(by_default->path_text() == "GBP→EUR→JPY");
    BOOST_TEST(by_default->value.to_string() == "190.476190476");  // 160 / 0.84
    lookup_policy usd_first;
    usd_first.pivots = {currency("USD"), currency("EUR")};
    const auto reordered = table.find(currency("GBP"), currency("JPY"), on, usd_first);
    BOOST_TEST_REQUIRE(reordered.has_value());
    BOOST_TEST(reordered->path_text() == "GBP→USD→JPY");
    lookup_policy no_pivots;
    no_pivots.pivots.clear();
    BOOST_TEST(!table.find(currency("GBP"), currency("JPY"), on, no_pivots).has_value());
}

BOOST_AUTO_TEST_CASE(the_same_unit_is_exactly_one_without_any_quote) {
    const rate_table empty;
    const auto found = empty.find(currency("USD"), currency("USD"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value == decimal(1));
    BOOST_TEST(found->exact);
    BOOST_TEST(found->path.empty());
    BOOST_TEST(found->path_text() == "USD→USD");
    BOOST_TEST(!found->low.has_value());
}

BOOST_AUTO_TEST_CASE(a_count_has_no_exchange_rate) {
    const rate_table table = table_of(usd_and_cny_on_friday());
    const auto from_count = table.find(unit::count(), currency("USD"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(!from_count.has_value());
    BOOST_TEST(from_count.error().message == "a count has no exchange rate");
    const auto to_count = table.find(currency("USD"), unit::count(), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(!to_count.has_value());
    BOOST_TEST(to_count.error().message == "a count has no exchange rate");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- provenance ------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(rates_provenance)

BOOST_AUTO_TEST_CASE(each_hop_carries_its_quotes_direction_and_value) {
    const rate_quote usd = quote("EUR/USD", "1.1158", "2024-09-27", "ECB euro reference rate",
                                 "eurofxref-hist.csv", 156);
    const rate_quote cny = quote("EUR/CNY", "7.823", "2024-09-27", "fixing", "cny.csv", 4);
    const rate_table table = table_of({usd, cny});
    lookup_policy policy = policy_of(kind::on_or_before, 3);
    const auto found = table.find(currency("USD"), currency("CNY"), day("2024-09-29"), policy);
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->path_text() == "USD→EUR→CNY");
    BOOST_TEST(found->from == currency("USD"));
    BOOST_TEST(found->to == currency("CNY"));
    BOOST_TEST(crossfoot::to_string(found->requested) == "2024-09-29");  // a Sunday
    BOOST_TEST_REQUIRE(found->path.size() == 2U);

    const crossfoot::rate_hop& first = found->path[0];
    BOOST_TEST(first.from == currency("USD"));
    BOOST_TEST(first.to == currency("EUR"));
    BOOST_TEST(first.inverted);
    BOOST_TEST(first.value.to_string() == "0.896217960208");
    BOOST_TEST_REQUIRE(first.quotes.size() == 1U);
    BOOST_TEST(first.quotes[0] == usd);
    BOOST_TEST(crossfoot::to_string(first.quotes[0].on) == "2024-09-27");
    BOOST_TEST(first.quotes[0].source == "ECB euro reference rate");
    BOOST_TEST(first.quotes[0].file == "eurofxref-hist.csv");
    BOOST_TEST(first.quotes[0].line == 156U);

    const crossfoot::rate_hop& second = found->path[1];
    BOOST_TEST(second.from == currency("EUR"));
    BOOST_TEST(second.to == currency("CNY"));
    BOOST_TEST(!second.inverted);
    BOOST_TEST(second.value.to_string() == "7.823");
    BOOST_TEST_REQUIRE(second.quotes.size() == 1U);
    BOOST_TEST(second.quotes[0] == cny);
    BOOST_TEST(second.quotes[0].file == "cny.csv");
    BOOST_TEST(second.quotes[0].line == 4U);
}

BOOST_AUTO_TEST_CASE(the_result_carries_the_policy_it_was_found_under) {
    const rate_table table = table_of(eur_usd_week());
    lookup_policy policy = policy_of(kind::window_range, 4);
    policy.derived_digits = 9;
    policy.derived_rounding = rounding::half_up;
    policy.pivots = {currency("USD")};
    const auto found = table.find(currency("EUR"), currency("USD"), day("2024-09-27"), policy);
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(crossfoot::to_string(found->policy.how) == "window-range");
    BOOST_TEST(found->policy.window_days == 4);
    BOOST_TEST(found->policy.derived_digits == 9);
    BOOST_TEST(found->policy.derived_rounding == rounding::half_up);
    BOOST_TEST(found->policy.pivots == std::vector<unit>{currency("USD")},
               boost::test_tools::per_element());
    BOOST_TEST(crossfoot::describe(found->policy) == "window-range (4 days before)");
}

BOOST_AUTO_TEST_CASE(the_quotes_of_a_window_are_listed_oldest_first) {
    const rate_table table = table_of(eur_usd_week());
    const auto found = table.find(currency("USD"), currency("EUR"), day("2024-09-29"),
                                  policy_of(kind::window_average, 7));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST_REQUIRE(found->path.size() == 1U);
    BOOST_TEST(found->path[0].inverted);
    BOOST_TEST(quote_dates(found->path[0]) ==
                   (std::vector<std::string>{"2024-09-23", "2024-09-24", "2024-09-25", "2024-09-26",
                                             "2024-09-27"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(policy_names_read_and_print_back) {
    for (const kind how :
         {kind::exact, kind::on_or_before, kind::window_average, kind::window_range}) {
        BOOST_TEST_CONTEXT(crossfoot::to_string(how)) {
            const auto read = crossfoot::policy_from_string(crossfoot::to_string(how));
            BOOST_TEST_REQUIRE(read.has_value());
            BOOST_TEST((*read == how));
        }
    }
    BOOST_TEST(crossfoot::to_string(kind::on_or_before) == "on-or-before");
    BOOST_TEST(crossfoot::to_string(kind::window_average) == "window-average");
    BOOST_TEST(!crossfoot::policy_from_string("latest").has_value());
    BOOST_TEST(!crossfoot::policy_from_string("").has_value());
}

BOOST_AUTO_TEST_CASE(a_policy_description_states_its_parameters) {
    BOOST_TEST(crossfoot::describe(lookup_policy{}) == "on-or-before (max age 7 days)");
    BOOST_TEST(crossfoot::describe(policy_of(kind::window_range, 4)) ==
               "window-range (4 days before)");
    const std::string average = crossfoot::describe(policy_of(kind::window_average, 7));
    BOOST_TEST(average.starts_with("window-average ("));
    BOOST_TEST(average.find("7 days") != std::string::npos);
    BOOST_TEST(average.find("12 digits") != std::string::npos);
    BOOST_TEST(average.find("half_even") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_quote_prints_pair_rate_date_source_and_place) {
    std::ostringstream read;
    read << quote("EUR/USD", "1.1158", "2024-09-27", "ECB", "eurofxref-hist.csv", 156);
    BOOST_TEST(read.str() == "EUR/USD 1.1158 on 2024-09-27 (ECB, eurofxref-hist.csv:156)");
    std::ostringstream built_in;
    built_in << quote("EUR/CNY", "7.823", "2024-09-27", "ECB");
    BOOST_TEST(built_in.str() == "EUR/CNY 7.823 on 2024-09-27 (ECB)");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- errors ----------------------------------------------------------------------------

namespace {

// A quote from a long-form file: `file` line `line`, source "fixing".
rate_quote filed(std::string_view pair, std::string_view rate, std::string file, std::size_t line) {
    return quote(pair, rate, "2024-09-27", "fixing", std::move(file), line);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_errors)

BOOST_AUTO_TEST_CASE(a_missing_rate_names_the_pair_the_date_and_the_nearest_quotes) {
    const rate_table table = table_of({quote("EUR/USD", "1.1016", "2024-09-12"),
                                       quote("EUR/USD", "1.1196", "2024-09-30"),
                                       quote("EUR/CNY", "7.8441", "2024-09-12")});
    const auto found = table.find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(!found.has_value());
    BOOST_TEST(found.error().message ==
               "no USD/CNY rate for 2024-09-27 under the on-or-before (max age 7 days) policy; "
               "nearest quotes held: EUR/USD 2024-09-12 (15 days before) and 2024-09-30 "
               "(3 days after); EUR/CNY 2024-09-12 (15 days before)");
}

BOOST_AUTO_TEST_CASE(a_missing_rate_says_one_day_not_one_days) {
    const rate_table table = table_of(
        {quote("EUR/USD", "1.1155", "2024-09-26"), quote("EUR/CNY", "7.823", "2024-09-28")});
    const auto found =
        table.find(currency("USD"), currency("CNY"), day("2024-09-27"), policy_of(kind::exact));
    BOOST_TEST_REQUIRE(!found.has_value());
    BOOST_TEST(found.error().message ==
               "no USD/CNY rate for 2024-09-27 under the exact date policy; nearest quotes "
               "held: EUR/USD 2024-09-26 (1 day before); EUR/CNY 2024-09-28 (1 day after)");
}

BOOST_AUTO_TEST_CASE(a_quote_held_on_the_date_itself_is_called_the_same_day) {
    // EUR/USD is there on the day, EUR/CNY is not: the message must not say "0 days away".
    const rate_table table = table_of(
        {quote("EUR/USD", "1.1155", "2024-09-26"), quote("EUR/USD", "1.1158", "2024-09-27")});
    const auto found = table.find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(!found.has_value());
    BOOST_TEST(found.error().message ==
               "no USD/CNY rate for 2024-09-27 under the on-or-before (max age 7 days) policy; "
               "nearest quotes held: EUR/USD 2024-09-26 (1 day before) and 2024-09-27 (the same "
               "day)");
}

BOOST_AUTO_TEST_CASE(a_missing_rate_in_an_empty_table_says_nothing_is_held) {
    const rate_table empty;
    const auto found = empty.find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(!found.has_value());
    BOOST_TEST(found.error().message ==
               "no USD/CNY rate for 2024-09-27 under the on-or-before (max age 7 days) policy; "
               "the table holds no quote of USD or CNY against each other or a pivot");
}

BOOST_AUTO_TEST_CASE(a_conflicting_quote_is_refused_naming_both_places) {
    rate_table table = table_of({filed("USD/CNY", "7.0074", "a.csv", 2)});
    const auto added = table.add(std::vector{filed("USD/CNY", "7.0080", "b.csv", 7)});
    BOOST_TEST_REQUIRE(!added.has_value());
    BOOST_TEST_REQUIRE(added.error().size() == 1U);
    const crossfoot::diagnostic& d = added.error()[0];
    BOOST_TEST(d.file == "b.csv");
    BOOST_TEST(d.line == 7U);
    BOOST_TEST(d.column == 1U);
    BOOST_TEST((d.severity == crossfoot::severity::error));
    BOOST_TEST(d.code == "conflicting-rate");
    BOOST_TEST(d.message ==
               "conflicting USD/CNY rate for 2024-09-27 from 'fixing': 7.0080 here, 7.0074 at "
               "a.csv:2");
}

BOOST_AUTO_TEST_CASE(a_batch_with_a_conflict_leaves_the_table_unchanged) {
    rate_table table = table_of({filed("USD/CNY", "7.0074", "a.csv", 2)});
    const auto on = day("2024-09-27");
    const auto added = table.add(std::vector{filed("EUR/USD", "1.1158", "b.csv", 2),
                                             filed("USD/CNY", "7.0080", "b.csv", 3),
                                             filed("USD/CNY", "7.0081", "b.csv", 4)});
    BOOST_TEST_REQUIRE(!added.has_value());
    BOOST_TEST(added.error().size() == 2U);  // each conflicting quote
    BOOST_TEST(table.size() == 1U);
    BOOST_TEST(table.pairs().size() == 1U);
    BOOST_TEST(!table.find(currency("EUR"), currency("USD"), on, {}).has_value());
    const auto found = table.find(currency("USD"), currency("CNY"), on, {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "7.0074");
}

BOOST_AUTO_TEST_CASE(conflicts_within_one_batch_are_reported_too) {
    rate_table table;
    const auto added = table.add(std::vector{filed("USD/CNY", "7.0074", "a.csv", 2),
                                             filed("USD/CNY", "7.0075", "a.csv", 3)});
    BOOST_TEST_REQUIRE(!added.has_value());
    BOOST_TEST_REQUIRE(added.error().size() == 1U);
    BOOST_TEST(added.error()[0].line == 3U);
    BOOST_TEST(added.error()[0].message ==
               "conflicting USD/CNY rate for 2024-09-27 from 'fixing': 7.0075 here, 7.0074 at "
               "a.csv:2");
    BOOST_TEST(table.size() == 0U);
}

BOOST_AUTO_TEST_CASE(identical_duplicates_are_accepted_once) {
    rate_table table =
        table_of({filed("USD/CNY", "7.0074", "a.csv", 2), filed("USD/CNY", "7.0074", "a.csv", 2)});
    BOOST_TEST(table.size() == 1U);
    // Again later, and written with another exponent: the same figure, so no conflict.
    BOOST_TEST(table.add(std::vector{filed("USD/CNY", "7.00740", "b.csv", 9)}).has_value());
    BOOST_TEST(table.size() == 1U);
    BOOST_TEST(table.quotes(currency("USD"), currency("CNY"), day("2024-09-27"), day("2024-09-27"))
                   .size() == 1U);
}

BOOST_AUTO_TEST_CASE(different_sources_on_one_date_do_not_conflict) {
    const rate_table table = table_of({quote("USD/CNY", "7.0074", "2024-09-27", "fixing"),
                                       quote("USD/CNY", "7.0111", "2024-09-27", "ECB cross")});
    BOOST_TEST(table.size() == 2U);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- conversion ------------------------------------------------------------------------

namespace {

// 0.25 EUR and 0.3 EUR at 1.06 USD: 0.265 (a tie at cents) and 0.318, and their negatives.
struct cents_case {
    std::string_view original;
    rounding mode;
    std::string_view rounded;
    friend std::ostream& operator<<(std::ostream& os, const cents_case& c) {
        return os << c.original << " EUR × 1.06 to cents " << c.mode << " = " << c.rounded;
    }
};

const cents_case cents_cases[] = {
    {"0.25", rounding::half_even, "0.26"}, {"0.25", rounding::half_up, "0.27"},
    {"0.25", rounding::half_down, "0.26"}, {"0.25", rounding::up, "0.27"},
    {"0.25", rounding::down, "0.26"},      {"0.25", rounding::ceiling, "0.27"},
    {"0.25", rounding::floor, "0.26"},     {"-0.25", rounding::half_even, "-0.26"},
    {"-0.25", rounding::half_up, "-0.27"}, {"-0.25", rounding::half_down, "-0.26"},
    {"-0.25", rounding::up, "-0.27"},      {"-0.25", rounding::down, "-0.26"},
    {"-0.25", rounding::ceiling, "-0.26"}, {"-0.25", rounding::floor, "-0.27"},
    {"0.3", rounding::half_even, "0.32"},  {"0.3", rounding::half_up, "0.32"},
    {"0.3", rounding::half_down, "0.32"},  {"0.3", rounding::up, "0.32"},
    {"0.3", rounding::down, "0.31"},       {"0.3", rounding::ceiling, "0.32"},
    {"0.3", rounding::floor, "0.31"},      {"-0.3", rounding::half_even, "-0.32"},
    {"-0.3", rounding::up, "-0.32"},       {"-0.3", rounding::down, "-0.31"},
    {"-0.3", rounding::ceiling, "-0.31"},  {"-0.3", rounding::floor, "-0.32"},
};

amount amt(std::string_view value, std::string_view code) { return {dec(value), currency(code)}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_conversion)

BOOST_AUTO_TEST_CASE(convert_keeps_every_digit_of_the_product) {
    // 1.16 billion USD at 7.823 / 1.1158 = 7.01111310271 CNY.
    const rate_table table = table_of(usd_and_cny_on_friday());
    const auto c =
        crossfoot::convert(amt("1160000000", "USD"), currency("CNY"), day("2024-09-27"), table, {});
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST(c->original == amt("1160000000", "USD"));
    BOOST_TEST(c->exact == amt("8132891199.1436", "CNY"));
    BOOST_TEST(c->exact.value().to_string() == "8132891199.14360000000");
    BOOST_TEST(!c->rounded.has_value());
    BOOST_TEST(!c->low.has_value());
    BOOST_TEST(!c->high.has_value());
    BOOST_TEST(c->rate.value.to_string() == "7.01111310271");
    BOOST_TEST(c->rate.path_text() == "USD→EUR→CNY");
}

BOOST_DATA_TEST_CASE(a_rounding_step_rounds_to_cents_with_its_mode, bdata::make(cents_cases), c) {
    const rate_table table = table_of({quote("EUR/USD", "1.06", "2024-09-27")});
    const auto converted =
        crossfoot::convert(amt(c.original, "EUR"), currency("USD"), day("2024-09-27"), table, {},
                           crossfoot::rounding_step{-2, c.mode});
    BOOST_TEST_REQUIRE(converted.has_value());
    BOOST_TEST(converted->exact.value() == dec(c.original) * dec("1.06"));
    BOOST_TEST_REQUIRE(converted->rounded.has_value());
    BOOST_TEST(converted->rounded->unit() == currency("USD"));
    BOOST_TEST(converted->rounded->value().to_string() == c.rounded);
}

BOOST_AUTO_TEST_CASE(a_rounding_step_defaults_to_half_even_and_may_round_to_whole_units) {
    const rate_table table = table_of({quote("EUR/JPY", "159.63", "2024-09-27")});
    const auto converted = crossfoot::convert(amt("2.5", "EUR"), currency("JPY"), day("2024-09-27"),
                                              table, {}, crossfoot::rounding_step{0});  // 399.075
    BOOST_TEST_REQUIRE(converted.has_value());
    BOOST_TEST(converted->exact.value().to_string() == "399.075");
    BOOST_TEST_REQUIRE(converted->rounded.has_value());
    BOOST_TEST(converted->rounded->value().to_string() == "399");
}

BOOST_AUTO_TEST_CASE(range_products_are_ordered_low_to_high_for_either_sign) {
    const rate_table table = table_of(eur_usd_week());
    const lookup_policy range = policy_of(kind::window_range, 4);  // [1.1119, 1.1194]
    const auto positive =
        crossfoot::convert(amt("100", "EUR"), currency("USD"), day("2024-09-27"), table, range);
    BOOST_TEST_REQUIRE(positive.has_value());
    BOOST_TEST(positive->exact.value() == dec("111.58"));
    BOOST_TEST_REQUIRE(positive->low.has_value());
    BOOST_TEST_REQUIRE(positive->high.has_value());
    BOOST_TEST(*positive->low == dec("111.19"));
    BOOST_TEST(*positive->high == dec("111.94"));

    const auto negative =
        crossfoot::convert(amt("-100", "EUR"), currency("USD"), day("2024-09-27"), table, range);
    BOOST_TEST_REQUIRE(negative.has_value());
    BOOST_TEST(negative->exact.value() == dec("-111.58"));
    BOOST_TEST_REQUIRE(negative->low.has_value());
    BOOST_TEST_REQUIRE(negative->high.has_value());
    BOOST_TEST(*negative->low == dec("-111.94"));
    BOOST_TEST(*negative->high == dec("-111.19"));
    BOOST_TEST(*negative->low <= negative->exact.value());
    BOOST_TEST(negative->exact.value() <= *negative->high);
}

BOOST_AUTO_TEST_CASE(a_count_cannot_be_converted) {
    const rate_table table = table_of(usd_and_cny_on_friday());
    const auto converted = crossfoot::convert(amount(decimal(42), unit::count()), currency("CNY"),
                                              day("2024-09-27"), table, {});
    BOOST_TEST_REQUIRE(!converted.has_value());
    BOOST_TEST(converted.error().message == "a count cannot be converted into a currency");
    const auto into_count =
        crossfoot::convert(amt("5", "USD"), unit::count(), day("2024-09-27"), table, {});
    BOOST_TEST_REQUIRE(!into_count.has_value());
    BOOST_TEST(into_count.error().message == "a count has no exchange rate");
}

BOOST_AUTO_TEST_CASE(a_missing_rate_is_an_error_never_a_guess) {
    const rate_table table = table_of({quote("EUR/USD", "1.1158", "2024-09-27")});
    const auto converted =
        crossfoot::convert(amt("5", "EUR"), currency("CNY"), day("2024-09-27"), table, {});
    BOOST_TEST_REQUIRE(!converted.has_value());
    const auto found = table.find(currency("EUR"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(!found.has_value());
    BOOST_TEST(converted.error() == found.error());  // the look-up's own message
    BOOST_TEST(converted.error().message.starts_with("no EUR/CNY rate for 2024-09-27"));
}

BOOST_AUTO_TEST_CASE(converting_into_the_same_unit_changes_nothing) {
    const rate_table empty;
    const auto converted =
        crossfoot::convert(amt("-12.345", "USD"), currency("USD"), day("2024-09-27"), empty, {},
                           crossfoot::rounding_step{-2, rounding::floor});
    BOOST_TEST_REQUIRE(converted.has_value());
    BOOST_TEST(converted->exact == amt("-12.345", "USD"));
    BOOST_TEST_REQUIRE(converted->rounded.has_value());
    BOOST_TEST(converted->rounded->value().to_string() == "-12.35");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the built-in table ----------------------------------------------------------------

namespace {

// Cross rates of the rates README (/work/shared/data/rates/README.md), to the README's
// digits: the engine's 12-digit figure rounded half even to that many significant digits.
struct readme_cross {
    std::string_view on;
    std::string_view from;
    std::string_view to;
    std::string_view twelve_digits;  // 12 significant digits, half even
    std::int32_t digits;
    std::string_view readme;
    friend std::ostream& operator<<(std::ostream& os, const readme_cross& c) {
        return os << c.from << "/" << c.to << " on " << c.on << " = " << c.twelve_digits << ", to "
                  << c.digits << " digits " << c.readme;
    }
};

const readme_cross readme_crosses[] = {
    {"2024-09-26", "USD", "CNY", "7.01147467503", 7, "7.011475"},
    {"2024-09-26", "USD", "KRW", "1325.52218736", 8, "1325.5222"},
    {"2024-09-26", "HKD", "CNY", "0.901351802980", 7, "0.9013518"},
    {"2024-09-26", "JPY", "CNY", "0.0486459758676", 7, "0.04864598"},
    {"2024-09-26", "USD", "HKD", "7.77884356791", 7, "7.778844"},
    {"2024-09-26", "USD", "JPY", "144.132675930", 8, "144.13268"},
    {"2024-09-27", "USD", "CNY", "7.01111310271", 7, "7.011113"},
    {"2024-09-27", "USD", "KRW", "1310.95178347", 8, "1310.9518"},
    {"2024-09-27", "USD", "KRW", "1310.95178347", 7, "1310.952"},
    {"2024-09-27", "HKD", "CNY", "0.901921901841", 7, "0.9019219"},
    {"2024-09-27", "JPY", "CNY", "0.0490070788699", 7, "0.04900708"},
    {"2024-09-27", "USD", "HKD", "7.77352572146", 7, "7.773526"},
    {"2024-09-27", "USD", "JPY", "143.063272988", 8, "143.06327"},
};

struct covered_currency {
    std::string_view code;
    std::string_view path;
    friend std::ostream& operator<<(std::ostream& os, const covered_currency& c) {
        return os << c.code << "/CNY by " << c.path;
    }
};

const covered_currency covered_currencies[] = {
    {"USD", "USD→EUR→CNY"}, {"EUR", "EUR→CNY"},     {"HKD", "HKD→EUR→CNY"},
    {"JPY", "JPY→EUR→CNY"}, {"KRW", "KRW→EUR→CNY"}, {"GBP", "GBP→EUR→CNY"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_builtin)

BOOST_AUTO_TEST_CASE(the_builtin_quotes_add_without_conflict) {
    rate_table table;
    const auto added = table.add(crossfoot::builtin_rates());
    BOOST_TEST(added.has_value());
    // 21 business days of September 2024 × USD, JPY, KRW, CNY, HKD, GBP per EUR.
    BOOST_TEST(crossfoot::builtin_rates().size() == 126U);
    BOOST_TEST(table.size() == 126U);
    BOOST_TEST(crossfoot::builtin_rate_table().size() == 126U);
    BOOST_TEST(table.pairs().size() == 6U);
    const auto september =
        table.quotes(currency("EUR"), currency("USD"), day("2024-09-01"), day("2024-09-30"));
    BOOST_TEST_REQUIRE(september.size() == 21U);
    BOOST_TEST(crossfoot::to_string(september.front().on) == "2024-09-02");
    BOOST_TEST(crossfoot::to_string(september.back().on) == "2024-09-30");
}

BOOST_AUTO_TEST_CASE(builtin_quotes_name_the_ecb_and_no_file) {
    for (const rate_quote& q : crossfoot::builtin_rates()) {
        BOOST_TEST_CONTEXT(q) {
            BOOST_TEST(q.base == currency("EUR"));
            BOOST_TEST(q.source == "ECB euro reference rate");
            BOOST_TEST(q.file.empty());
            BOOST_TEST(q.line == 0U);
            BOOST_TEST(q.rate.sign() == 1);
        }
    }
}

BOOST_DATA_TEST_CASE(the_builtin_table_covers_the_26th_and_27th_against_cny,
                     bdata::make(covered_currencies), c) {
    const rate_table table = crossfoot::builtin_rate_table();
    for (const std::string_view on : {"2024-09-26", "2024-09-27"}) {
        BOOST_TEST_CONTEXT(on) {
            const auto found =
                table.find(currency(c.code), currency("CNY"), day(on), policy_of(kind::exact));
            BOOST_TEST_REQUIRE(found.has_value());
            BOOST_TEST(found->path_text() == c.path);
            for (const crossfoot::rate_hop& hop : found->path)
                BOOST_TEST(quote_dates(hop) == std::vector<std::string>{std::string(on)},
                           boost::test_tools::per_element());
        }
    }
}

BOOST_DATA_TEST_CASE(builtin_crosses_match_the_readme, bdata::make(readme_crosses), c) {
    const rate_table table = crossfoot::builtin_rate_table();
    const auto found =
        table.find(currency(c.from), currency(c.to), day(c.on), policy_of(kind::exact));
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == c.twelve_digits);
    BOOST_TEST(!found->exact);
    BOOST_TEST(found->value.round_to_digits(c.digits, rounding::half_even).to_string() == c.readme);
}

BOOST_AUTO_TEST_CASE(the_builtin_eur_cny_is_the_ecbs_figure_as_given) {
    const rate_table table = crossfoot::builtin_rate_table();
    const auto found = table.find(currency("EUR"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "7.823");
    BOOST_TEST(found->exact);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rates_cross_ranges)

BOOST_AUTO_TEST_CASE(a_window_range_of_a_cross_rate_is_the_range_of_its_daily_crosses) {
    // The ECB's USD and KRW per euro, 2023-03-08 to 03-15. Day by day the won per dollar ran
    // from 1306.10 (03-14) to 1321.77 (03-09); pairing the legs' extremes, which stood on
    // different days, would give 1294.21 to 1329.88.
    const rate_table table = table_of({
        quote("EUR/USD", "1.0545", "2023-03-08"), quote("EUR/KRW", "1389.6", "2023-03-08"),
        quote("EUR/USD", "1.0554", "2023-03-09"), quote("EUR/KRW", "1395", "2023-03-09"),
        quote("EUR/USD", "1.0586", "2023-03-10"), quote("EUR/KRW", "1398.24", "2023-03-10"),
        quote("EUR/USD", "1.0706", "2023-03-13"), quote("EUR/KRW", "1399.19", "2023-03-13"),
        quote("EUR/USD", "1.0737", "2023-03-14"), quote("EUR/KRW", "1402.36", "2023-03-14"),
        quote("EUR/USD", "1.0549", "2023-03-15"), quote("EUR/KRW", "1393.75", "2023-03-15"),
    });
    const auto r = table.find(currency("USD"), currency("KRW"), day("2023-03-15"),
                              policy_of(kind::window_range, 7));
    BOOST_TEST_REQUIRE(r.has_value());
    // 1402.36 / 1.0737 rounded down; 1395 / 1.0554 rounded up.
    BOOST_TEST(r->low->to_string() == "1306.10040048");
    BOOST_TEST(r->high->to_string() == "1321.77373508");
}

BOOST_AUTO_TEST_SUITE_END()
