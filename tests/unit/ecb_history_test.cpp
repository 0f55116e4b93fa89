// tests/unit/ecb_history_test.cpp: the ECB's real euro reference rate history, 1999-01-04 to
// 2025-05-09 (/work/shared/data/rates/eurofxref-hist.csv): it loads whole, every rate cell
// becomes one quote, and the cross rates of the README next to it come out of it.
// SPDX-License-Identifier: MIT
#include <crossfoot/rates.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/rounding.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#ifndef CROSSFOOT_SHARED_DIR
#error "CROSSFOOT_SHARED_DIR must name the shared data folder (a compile definition)"
#endif

namespace {

namespace bu = boost::unit_test;
namespace bdata = boost::unit_test::data;

using crossfoot::date;
using crossfoot::decimal;
using crossfoot::lookup_policy;
using crossfoot::rate_quote;
using crossfoot::rate_table;
using crossfoot::rounding;
using crossfoot::unit;

unit currency(std::string_view code) { return unit::currency(code).value(); }
date day(std::string_view text) { return crossfoot::parse_date(text).value(); }

std::filesystem::path history_path() {
    return std::filesystem::path(CROSSFOOT_SHARED_DIR) / "data/rates/eurofxref-hist.csv";
}

boost::test_tools::assertion_result history_present(bu::test_unit_id) {
    std::error_code error;
    if (std::filesystem::is_regular_file(history_path(), error)) return true;
    boost::test_tools::assertion_result absent(false);
    absent.message() << "ECB history skipped: the file " << history_path().string() << " is absent";
    return absent;
}

// The file read once for every case: 6,747 rows take a moment in a Debug build.
struct history {
    std::expected<std::vector<rate_quote>, std::vector<crossfoot::diagnostic>> read;
    std::expected<void, std::vector<crossfoot::diagnostic>> added;
    rate_table table;
};

const history& loaded() {
    static const history once = [] {
        history h{crossfoot::read_rates_file(history_path().string()), {}, {}};
        if (h.read) h.added = h.table.add(*h.read);
        return h;
    }();
    return once;
}

const rate_table& table() {
    const history& h = loaded();
    BOOST_TEST_REQUIRE(h.read.has_value());
    BOOST_TEST_REQUIRE(h.added.has_value());
    return h.table;
}

// Counted without the library: rows after the header, and cells after the date that hold
// neither "N/A" nor nothing (the trailing comma's empty cell).
struct cell_count {
    std::size_t rows = 0;
    std::size_t rates = 0;
};

cell_count scan(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    cell_count count;
    std::string line;
    std::getline(file, line);  // the header
    while (std::getline(file, line)) {
        if (line.empty()) continue;
        ++count.rows;
        std::size_t start = line.find(',') + 1;  // past the date
        while (start <= line.size()) {
            const std::size_t end = std::min(line.find(',', start), line.size());
            const std::string_view cell = std::string_view(line).substr(start, end - start);
            if (!cell.empty() && cell != "N/A") ++count.rates;
            start = end + 1;
        }
    }
    return count;
}

lookup_policy exact_date() {
    lookup_policy policy;
    policy.how = lookup_policy::kind::exact;
    return policy;
}

// The README's cross rates: the 12-digit figure rounded half even to the README's digits.
struct readme_cross {
    std::string_view on;
    std::string_view from;
    std::string_view to;
    std::int32_t digits;
    std::string_view readme;
    friend std::ostream& operator<<(std::ostream& os, const readme_cross& c) {
        return os << c.from << "/" << c.to << " on " << c.on << " to " << c.digits
                  << " digits = " << c.readme;
    }
};

const readme_cross readme_crosses[] = {
    {"2024-09-26", "USD", "CNY", 7, "7.011475"},   {"2024-09-26", "USD", "KRW", 8, "1325.5222"},
    {"2024-09-26", "HKD", "CNY", 7, "0.9013518"},  {"2024-09-26", "JPY", "CNY", 7, "0.04864598"},
    {"2024-09-26", "USD", "HKD", 7, "7.778844"},   {"2024-09-26", "USD", "JPY", 8, "144.13268"},
    {"2024-09-26", "EUR", "CNY", 5, "7.8213"},     {"2024-09-27", "USD", "CNY", 7, "7.011113"},
    {"2024-09-27", "USD", "KRW", 8, "1310.9518"},  {"2024-09-27", "HKD", "CNY", 7, "0.9019219"},
    {"2024-09-27", "JPY", "CNY", 7, "0.04900708"}, {"2024-09-27", "USD", "HKD", 7, "7.773526"},
    {"2024-09-27", "USD", "JPY", 8, "143.06327"},  {"2024-09-27", "EUR", "CNY", 4, "7.823"},
};

// Currencies the ECB quoted once and no longer does (CNY has the opposite gap).
struct withdrawn {
    std::string_view code;
    std::string_view first;
    std::string_view last;
    friend std::ostream& operator<<(std::ostream& os, const withdrawn& c) {
        return os << c.code << " from " << c.first << " to " << c.last;
    }
};

const withdrawn withdrawn_currencies[] = {
    {"CYP", "1999-01-04", "2007-12-31"}, {"MTL", "1999-01-04", "2007-12-31"},
    {"SIT", "1999-01-04", "2006-12-29"}, {"EEK", "1999-01-04", "2010-12-31"},
    {"LTL", "1999-01-04", "2014-12-31"}, {"HRK", "2005-04-01", "2022-12-30"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rates_ecb_history, *bu::precondition(history_present))

BOOST_AUTO_TEST_CASE(the_whole_history_loads_without_error_or_conflict) {
    const history& h = loaded();
    if (!h.read) {
        for (const crossfoot::diagnostic& d : h.read.error()) BOOST_TEST_MESSAGE(d);
    }
    BOOST_TEST_REQUIRE(h.read.has_value());
    BOOST_TEST(h.added.has_value());
}

BOOST_AUTO_TEST_CASE(every_rate_cell_becomes_one_quote) {
    // By hand, once:
    //   tail -n +2 eurofxref-hist.csv |
    //     awk -F, '{for (i = 2; i <= NF; i++) if ($i != "" && $i != "N/A") n++} END {print n, NR}'
    // prints "210545 6747": 210,545 rates on 6,747 rows. The scan below counts them again.
    const cell_count counted = scan(history_path());
    BOOST_TEST(counted.rows == 6747U);
    BOOST_TEST(counted.rates == 210545U);
    const history& h = loaded();
    BOOST_TEST_REQUIRE(h.read.has_value());
    BOOST_TEST(h.read->size() == counted.rates);
    BOOST_TEST(table().size() == counted.rates);  // no two cells are one quote
}

BOOST_AUTO_TEST_CASE(usd_is_quoted_on_every_row_and_cny_from_2005_04_01) {
    const auto usd =
        table().quotes(currency("EUR"), currency("USD"), day("1990-01-01"), day("2030-01-01"));
    BOOST_TEST_REQUIRE(usd.size() == 6747U);
    BOOST_TEST(crossfoot::to_string(usd.front().on) == "1999-01-04");
    BOOST_TEST(crossfoot::to_string(usd.back().on) == "2025-05-09");
    BOOST_TEST(usd.front().rate == decimal::parse("1.1789").value());
    BOOST_TEST(usd.front().line == 6748U);  // newest first: the oldest row is the last line
    const auto cny =
        table().quotes(currency("EUR"), currency("CNY"), day("1990-01-01"), day("2030-01-01"));
    BOOST_TEST_REQUIRE(cny.size() == 5148U);  // README: 2005-04-01 ... 2025-05-09, 5,148 rows
    BOOST_TEST(crossfoot::to_string(cny.front().on) == "2005-04-01");
    BOOST_TEST(cny.front().rate == decimal::parse("10.7255").value());
}

BOOST_DATA_TEST_CASE(the_readme_cross_rates_come_out_of_the_history, bdata::make(readme_crosses),
                     c) {
    for (const lookup_policy& policy : {exact_date(), lookup_policy{}}) {
        BOOST_TEST_CONTEXT(crossfoot::describe(policy)) {
            const auto found = table().find(currency(c.from), currency(c.to), day(c.on), policy);
            BOOST_TEST_REQUIRE(found.has_value());
            BOOST_TEST(found->value.round_to_digits(c.digits, rounding::half_even).to_string() ==
                       c.readme);
            for (const crossfoot::rate_hop& hop : found->path) {
                BOOST_TEST_REQUIRE(hop.quotes.size() == 1U);
                BOOST_TEST(crossfoot::to_string(hop.quotes[0].on) == c.on);
                BOOST_TEST(hop.quotes[0].file == history_path().string());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(usd_cny_on_2024_09_27_is_the_ecb_cross_to_twelve_digits) {
    const auto found = table().find(currency("USD"), currency("CNY"), day("2024-09-27"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(found->value.to_string() == "7.01111310271");  // 7.823 / 1.1158
    BOOST_TEST(found->path_text() == "USD→EUR→CNY");
    BOOST_TEST_REQUIRE(found->path.size() == 2U);
    BOOST_TEST(found->path[0].quotes[0].line == 156U);  // grep -n ^2024-09-27
    BOOST_TEST(found->path[1].quotes[0].line == 156U);
    BOOST_TEST(found->path[0].quotes[0].source == "ECB euro reference rate");
}

BOOST_AUTO_TEST_CASE(cny_before_2005_04_01_is_a_clear_error) {
    const auto found = table().find(currency("USD"), currency("CNY"), day("2005-03-31"), {});
    BOOST_TEST_REQUIRE(!found.has_value());
    BOOST_TEST(found.error().message ==
               "no USD/CNY rate for 2005-03-31 under the on-or-before (max age 7 days) policy; "
               "nearest quotes held: EUR/USD 2005-03-30 (1 day before) and 2005-03-31 (the same "
               "day); EUR/CNY 2005-04-01 (1 day after)");
    const auto earlier = table().find(currency("CNY"), currency("EUR"), day("2001-06-15"), {});
    BOOST_TEST_REQUIRE(!earlier.has_value());
    BOOST_TEST(earlier.error().message.starts_with("no CNY/EUR rate for 2001-06-15 under"));
    BOOST_TEST(earlier.error().message.find("EUR/CNY 2005-04-01 (") != std::string::npos);
    // From the first day on, it is there.
    BOOST_TEST(table().find(currency("USD"), currency("CNY"), day("2005-04-01"), {}).has_value());
}

BOOST_AUTO_TEST_CASE(a_saturday_is_answered_from_friday_on_or_before) {
    // No rows for 2024-09-28/29 (a weekend).
    BOOST_TEST(table()
                   .quotes(currency("EUR"), currency("USD"), day("2024-09-28"), day("2024-09-29"))
                   .empty());
    const auto found = table().find(currency("USD"), currency("CNY"), day("2024-09-28"), {});
    BOOST_TEST_REQUIRE(found.has_value());
    BOOST_TEST(crossfoot::to_string(found->requested) == "2024-09-28");
    BOOST_TEST(found->value.to_string() == "7.01111310271");
    for (const crossfoot::rate_hop& hop : found->path)
        BOOST_TEST(crossfoot::to_string(hop.quotes.at(0).on) == "2024-09-27");
    BOOST_TEST(!table()
                    .find(currency("USD"), currency("CNY"), day("2024-09-28"), exact_date())
                    .has_value());
}

BOOST_DATA_TEST_CASE(withdrawn_currencies_load_with_their_dates, bdata::make(withdrawn_currencies),
                     c) {
    const auto all =
        table().quotes(currency("EUR"), currency(c.code), day("1990-01-01"), day("2030-01-01"));
    BOOST_TEST_REQUIRE(!all.empty());
    BOOST_TEST(crossfoot::to_string(all.front().on) == c.first);
    BOOST_TEST(crossfoot::to_string(all.back().on) == c.last);
}

BOOST_AUTO_TEST_CASE(cyprus_pounds_convert_in_2007_and_not_after) {
    const auto june =
        table().find(currency("EUR"), currency("CYP"), day("2007-06-01"), exact_date());
    BOOST_TEST_REQUIRE(june.has_value());
    BOOST_TEST(june->value.to_string() == "0.5832");
    const auto cross = table().find(currency("CYP"), currency("USD"), day("2007-06-01"), {});
    BOOST_TEST_REQUIRE(cross.has_value());
    BOOST_TEST(cross->value.to_string() == "2.30384087791");  // 1.3436 / 0.5832
    BOOST_TEST(cross->path_text() == "CYP→EUR→USD");
    BOOST_TEST_REQUIRE(table()
                           .quotes(currency("EUR"), currency("CYP"), day("1999-01-01"),
                                   day("2007-12-31"))
                           .size() == 2304U);  // awk -F, 'NR > 1 && $5 != "N/A"' | wc -l
    // Two weeks after the last rate (2007-12-31), on-or-before's max age of 7 days has passed.
    BOOST_TEST(!table()
                    .find(currency("EUR"), currency("CYP"), day("2008-01-14"), lookup_policy{})
                    .has_value());
    BOOST_TEST(!table()
                    .find(currency("EUR"), currency("CYP"), day("2008-01-02"), exact_date())
                    .has_value());
}

BOOST_AUTO_TEST_CASE(the_builtin_table_agrees_with_the_history) {
    for (const rate_quote& q : crossfoot::builtin_rates()) {
        BOOST_TEST_CONTEXT(q) {
            const auto held = table().quotes(q.base, q.quote, q.on, q.on);
            BOOST_TEST_REQUIRE(held.size() == 1U);
            BOOST_TEST(held[0].rate == q.rate);
            BOOST_TEST(held[0].rate.to_string() == q.rate.to_string());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
