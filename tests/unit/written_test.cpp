// tests/unit/written_test.cpp: figures as documents write them (crossfoot::parse_figure):
// amounts in three languages, percentages, fractions, ranges, changes, stated rates, the
// qualifiers on either side, what each stands for, and the errors.
// SPDX-License-Identifier: MIT
#include <crossfoot/written.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>
#include <string_view>

namespace {

namespace bdata = boost::unit_test::data;

using crossfoot::figure_kind;
using crossfoot::parse_figure;

// A written figure and what it must read as: kind, value (low end of a range), the high end
// ("" if none), the unit ("CNY", "count", "%", "pp"), a rate's base ("" if none), the
// qualifier, and whether it says it restates another value (约合, 折合).
struct good_figure {
    std::string_view text;
    std::string_view kind;
    std::string_view value;
    std::string_view high;
    std::string_view unit;
    std::string_view base;
    std::string_view qualifier;
    bool converted = false;
    friend std::ostream& operator<<(std::ostream& os, const good_figure& c) {
        return os << "'" << c.text << "'";
    }
};

const good_figure written_forms[] = {
    // Amounts, as parse_amount reads them, and with qualifiers on either side.
    {"39.7 billion yuan", "amount", "39700000000", "", "CNY", "", "none"},
    {"约850亿元人民币", "amount", "85000000000", "", "CNY", "", "about"},
    {"超过5亿美元", "amount", "500000000", "", "USD", "", "over"},
    {"近百亿元", "amount", "10000000000", "", "CNY", "", "nearly"},
    {"逾10亿元", "amount", "1000000000", "", "CNY", "", "over"},
    {"不到3亿元", "amount", "300000000", "", "CNY", "", "under"},
    {"850亿元左右", "amount", "85000000000", "", "CNY", "", "about"},
    {"100亿元以上", "amount", "10000000000", "", "CNY", "", "at least"},
    {"100余亿元", "amount", "10000000000", "", "CNY", "", "over"},
    {"100多家企业", "amount", "100", "", "count", "", "over"},
    {"约合人民币85亿元", "amount", "8500000000", "", "CNY", "", "about", true},
    {"折合8.5亿美元", "amount", "850000000", "", "USD", "", "none", true},
    {"約3.5兆円", "amount", "3500000000000", "", "JPY", "", "about"},
    {"100億円超", "amount", "10000000000", "", "JPY", "", "over"},
    {"2億3千万米ドル", "amount", "230000000", "", "USD", "", "none"},
    {"more than 680,000 projects", "amount", "680000", "", "count", "", "over"},
    {"nearly US$2 billion", "amount", "2000000000", "", "USD", "", "nearly"},
    {"less than 5 million euros", "amount", "5000000", "", "EUR", "", "under"},
    {"five companies", "amount", "5", "", "count", "", "none"},
    {"Ten provincial financial institutions", "amount", "10", "", "count", "", "none"},
    {"50,000 jobs or more", "amount", "50000", "", "count", "", "at least"},
    // The longest word wins across qualifiers and words of change: "up to" is a bound.
    {"up to 3 billion yuan", "amount", "3000000000", "", "CNY", "", "up to"},
    {"up 3%", "change", "3", "", "%", "", "none"},
    // Percentages, fractions, shares with qualifiers.
    {"55.3%", "percent", "55.3", "", "%", "", "none"},
    {"55.3 percent", "percent", "55.3", "", "%", "", "none"},
    {"12 per cent", "percent", "12", "", "%", "", "none"},
    {"over 77%", "percent", "77", "", "%", "", "over"},
    {"超77%", "percent", "77", "", "%", "", "over"},
    {"约18.5%", "percent", "18.5", "", "%", "", "about"},
    {"１８．５％", "percent", "18.5", "", "%", "", "none"},
    {"nearly one-fifth", "percent", "20", "", "%", "", "nearly"},
    {"a third", "percent", "33.3333", "", "%", "", "none"},
    {"百分之五十", "percent", "50", "", "%", "", "none"},
    {"3割", "percent", "30", "", "%", "", "none"},
    // Ranges.
    {"3 to 5 billion euros", "amount", "3000000000", "5000000000", "EUR", "", "none"},
    {"1.5-2 billion yuan", "amount", "1500000000", "2000000000", "CNY", "", "none"},
    {"30亿至50亿元", "amount", "3000000000", "5000000000", "CNY", "", "none"},
    {"30至50亿元", "amount", "3000000000", "5000000000", "CNY", "", "none"},
    {"between 3 and 5 billion euros", "amount", "3000000000", "5000000000", "EUR", "", "none"},
    {"€3bn-€5bn", "amount", "3000000000", "5000000000", "EUR", "", "none"},
    {"3%至5%", "percent", "3", "5", "%", "", "none"},
    {"10-15%", "percent", "10", "15", "%", "", "none"},
    // Changes.
    {"up 23.3%", "change", "23.3", "", "%", "", "none"},
    {"down 4%", "change", "-4", "", "%", "", "none"},
    {"up 23.3% year on year", "change", "23.3", "", "%", "", "none"},
    {"同比增长18.1%", "change", "18.1", "", "%", "", "none"},
    {"同比下降5.2%", "change", "-5.2", "", "%", "", "none"},
    {"增长超过20%", "change", "20", "", "%", "", "over"},
    {"+1.7 percentage points", "change", "1.7", "", "pp", "", "none"},
    {"提高1.7个百分点", "change", "1.7", "", "pp", "", "none"},
    {"前年比12.3%増", "change", "12.3", "", "%", "", "none"},
    // With no 増 or 減, 前年比 gives a share of the year before.
    {"前年比101.9%", "change", "1.9", "", "%", "", "none"},
    {"前年同期比99.6%", "change", "-0.4", "", "%", "", "none"},
    {"前年比約1.28倍", "change", "28", "", "%", "", "about"},
    {"12.3%減", "change", "-12.3", "", "%", "", "none"},
    {"+23.3%", "change", "23.3", "", "%", "", "none"},
    {"-4%", "change", "-4", "", "%", "", "none"},
    // Stated rates.
    {"7.1 yuan to the dollar", "rate", "7.1", "", "CNY", "USD", "none"},
    {"1,350 won per US dollar", "rate", "1350", "", "KRW", "USD", "none"},
    {"1美元兑7.1元人民币", "rate", "7.1", "", "CNY", "USD", "none"},
    {"1美元兑换7.1元", "rate", "7.1", "", "CNY", "USD", "none"},
    {"100日元兑4.9元", "rate", "0.049", "", "CNY", "JPY", "none"},
    {"1ドル=150円", "rate", "150", "", "JPY", "USD", "none"},
    {"USD/CNY 7.1", "rate", "7.1", "", "CNY", "USD", "none"},
    {"USD/CNY = 7.1", "rate", "7.1", "", "CNY", "USD", "none"},
    {"EUR/USD at 1.0850", "rate", "1.0850", "", "USD", "EUR", "none"},
};

BOOST_AUTO_TEST_SUITE(written_figures)

BOOST_DATA_TEST_CASE(reads_every_form, bdata::make(written_forms), c) {
    const auto f = parse_figure(c.text);
    BOOST_TEST_REQUIRE(f.has_value(), "'" << c.text << "': "
                                          << (f ? std::string() : f.error().message()));
    BOOST_TEST(crossfoot::to_string(f->kind) == c.kind);
    BOOST_TEST(f->value.value() == crossfoot::decimal::parse(c.value).value());
    BOOST_TEST(f->value.unit().code() == c.unit);
    BOOST_TEST(f->high.has_value() == !c.high.empty());
    if (f->high) BOOST_TEST(f->high->value() == crossfoot::decimal::parse(c.high).value());
    BOOST_TEST(f->base.has_value() == !c.base.empty());
    if (f->base) BOOST_TEST(f->base->code() == c.base);
    BOOST_TEST(crossfoot::to_string(f->qualifier) == c.qualifier);
    BOOST_TEST(f->converted == c.converted);
}

BOOST_AUTO_TEST_CASE(written_precision_is_kept) {
    // "二十亿" is as precise as "20亿"; a percentage keeps its written digits.
    BOOST_TEST(parse_figure("二十亿元")->value.value().exponent() == 8);
    BOOST_TEST(parse_figure("55.3%")->value.value().exponent() == -1);
    BOOST_TEST(parse_figure("1.5-2 billion yuan")->value.value().exponent() == 8);
    BOOST_TEST(parse_figure("1.5-2 billion yuan")->high->value().exponent() == 9);
}

BOOST_AUTO_TEST_CASE(a_ratio_to_the_year_before_is_said) {
    const auto f = parse_figure("前年比101.9%");
    BOOST_TEST_REQUIRE(f.has_value());
    BOOST_TEST_REQUIRE(f->assumptions.size() == 1U);
    BOOST_TEST(f->assumptions.front().find("share of the year before") != std::string::npos);
    // A direction beside it makes the figure the change itself.
    const auto up = parse_figure("前年比1.9%増");
    BOOST_TEST_REQUIRE(up.has_value());
    BOOST_TEST(up->value.value() == crossfoot::decimal::parse("1.9").value());
    BOOST_TEST(up->assumptions.empty());
}

BOOST_AUTO_TEST_CASE(zhao_is_an_assumption_and_configurable) {
    const auto trillion = parse_figure("3.5兆円");
    BOOST_TEST(trillion->value.value() == crossfoot::decimal::scaled(35, 11));
    BOOST_TEST_REQUIRE(trillion->assumptions.size() == 1U);
    BOOST_TEST(trillion->assumptions.front() == "兆 read as 10^12");
    crossfoot::figure_parse_options si;
    si.zhao_power = 6;
    BOOST_TEST(parse_figure("3.5兆円", si)->value.value() == crossfoot::decimal::scaled(35, 5));
}

BOOST_AUTO_TEST_CASE(dollar_in_a_rate_is_the_us_dollar_unless_the_document_says_otherwise) {
    const auto plain = parse_figure("7.8 Hong Kong dollars to the dollar");
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->base->code() == "USD");
    BOOST_TEST(plain->assumptions.size() == 1U);
    crossfoot::figure_parse_options hkd;
    hkd.default_currency = crossfoot::unit::currency("HKD");
    BOOST_TEST(parse_figure("7.8 yuan to the dollar", hkd)->base->code() == "HKD");
}

BOOST_AUTO_TEST_CASE(what_a_figure_stands_for) {
    const crossfoot::qualifier_table table;
    const auto range = parse_figure("1.5-2 billion yuan").value();
    BOOST_TEST(crossfoot::written_interval(range, {}, table).to_string() ==
               "[1450000000, 2500000000]");
    const auto fifth = parse_figure("one-fifth").value();
    BOOST_TEST(crossfoot::written_interval(fifth, {}, table).to_string() == "[19.5, 20.5]");
    const auto fall = parse_figure("下降超过5%").value();
    BOOST_TEST(crossfoot::written_interval(fall, {}, table).to_string() == "(-∞, -5)");
    const auto under = parse_figure("不到3亿元").value();
    BOOST_TEST(crossfoot::written_interval(under, {}, table).to_string() == "[0, 300000000)");
}

struct bad_figure {
    std::string_view text;
    std::size_t offset;
    std::string_view expected;
    friend std::ostream& operator<<(std::ostream& os, const bad_figure& c) {
        return os << "'" << c.text << "'";
    }
};

const bad_figure bad_figures[] = {
    {"", 0, "an amount"},
    {"5 yuans", 2, "a currency or a count noun"},
    {"约超过5亿元", 3, "one qualifier (the figure already says '约')"},
    {"up down 5%", 3, "one direction of change"},
    {"up -5%", 4, "one direction of change"},  // the minus says down: at its number
    {"3%至5亿元", 5, "both ends of the range in one unit"},
    {"3美元兑7.1元", 0, "1, 10, 100 ... units of the currency priced"},
    {"USD/CNY", 7, "a rate"},
};

BOOST_DATA_TEST_CASE(reports_where_a_figure_goes_wrong, bdata::make(bad_figures), c) {
    const auto f = parse_figure(c.text);
    BOOST_TEST_REQUIRE(!f.has_value(), "'" << c.text << "' parsed");
    BOOST_TEST(f.error().offset == c.offset);
    BOOST_TEST(f.error().expected == c.expected);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace

// Found by fuzz_claims: a stated rate whose first end names no unit, with no default
// currency ("4兑换2 projects"), read the unit of an end that had none (an empty optional) under
// a sanitizer it was a read of a dead stack frame. It is now the error it should be.
BOOST_AUTO_TEST_CASE(a_rate_whose_first_end_names_no_unit_is_an_error_not_a_wild_read) {
    const auto f = crossfoot::parse_figure("4兑换2 projects", {});
    BOOST_TEST_REQUIRE(!f.has_value());
    BOOST_TEST(f.error().expected.find("currency") != std::string::npos);
}
