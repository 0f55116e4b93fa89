// tests/unit/figure_test.cpp: intervals (exact arithmetic, membership and overlap with open,
// closed and unbounded ends, printing) and the values a written figure stands for (written
// precision, exactness, tolerances, and every qualifier of the table, default and configured).
// SPDX-License-Identifier: MIT
#include <crossfoot/figure.hpp>

#include <crossfoot/amount.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace {

namespace bdata = boost::unit_test::data;

using crossfoot::amount;
using crossfoot::decimal;
using crossfoot::interval;
using crossfoot::precision;
using crossfoot::qualifier;
using crossfoot::qualifier_table;
using crossfoot::unit;

decimal dec(std::string_view text) { return decimal::parse(text).value(); }

// An absent bound is open whatever its flag says: comparisons ignore that flag.
interval normalized(interval i) {
    if (!i.low) i.low_open = true;
    if (!i.high) i.high_open = true;
    return i;
}

// "[1, 2)", "(-∞, 5]", "(120, ∞)": the notation of interval::to_string, read back.
interval span(std::string_view text) {
    BOOST_TEST_REQUIRE(text.size() >= 6U, "bad interval in a test: " << text);
    const std::size_t comma = text.find(", ");
    BOOST_TEST_REQUIRE(comma != std::string_view::npos, "bad interval in a test: " << text);
    const std::string_view low = text.substr(1, comma - 1);
    const std::string_view high = text.substr(comma + 2, text.size() - comma - 3);
    interval out;
    out.low_open = text.front() == '(';
    out.high_open = text.back() == ')';
    if (low != "-∞") out.low = dec(low);
    if (high != "∞") out.high = dec(high);
    return normalized(out);
}

amount written(std::string_view text) {
    auto parsed = crossfoot::parse_amount(text, {unit::currency("CNY")});
    BOOST_TEST_REQUIRE(parsed.has_value(), "cannot parse " << text);
    return parsed->amount;
}

// The values `text` stands for: its leading qualifier word, then the amount.
interval stands_for(std::string_view text, const precision& p = {},
                    const qualifier_table& table = {}) {
    const auto [q, rest] = crossfoot::split_qualifier(text);
    return normalized(crossfoot::figure_interval(written(rest), q, p, table));
}

// ---- interval arithmetic --------------------------------------------------------------------

struct sum_row {
    std::string_view a, b, sum, difference;
    friend std::ostream& operator<<(std::ostream& os, const sum_row& r) {
        return os << r.a << " + " << r.b << " = " << r.sum << ", " << r.a << " - " << r.b << " = "
                  << r.difference;
    }
};
const sum_row sum_rows[] = {
    {"[1, 2]", "[3, 4]", "[4, 6]", "[-3, -1]"},
    {"[1.5, 2.25]", "[0.25, 0.5]", "[1.75, 2.75]", "[1.0, 2.00]"},
    {"(1, 2]", "[3, 4)", "(4, 6)", "(-3, -1]"},
    {"[1, 2)", "(3, 4]", "(4, 6)", "[-3, -1)"},
    {"[-5, -1]", "[2, 3]", "[-3, 2]", "[-8, -3]"},
    {"[1, ∞)", "[2, 3]", "[3, ∞)", "[-2, ∞)"},
    {"(1, ∞)", "(-∞, 2]", "(-∞, ∞)", "(-1, ∞)"},
    {"(-∞, 0]", "[10, 10]", "(-∞, 10]", "(-∞, -10]"},
    {"[6304500000, 6305500000]", "[2145000000, 2155000000]", "[8449500000, 8460500000]",
     "[4149500000, 4160500000]"},
};

struct negation_row {
    std::string_view a, negated;
    friend std::ostream& operator<<(std::ostream& os, const negation_row& r) {
        return os << "-" << r.a << " = " << r.negated;
    }
};
const negation_row negation_rows[] = {
    {"[1, 2]", "[-2, -1]"}, {"[1, 2)", "(-2, -1]"}, {"(-3, 5]", "[-5, 3)"},
    {"[1, ∞)", "(-∞, -1]"}, {"(1, ∞)", "(-∞, -1)"}, {"(-∞, -4)", "(4, ∞)"},
    {"(-∞, ∞)", "(-∞, ∞)"}, {"[7, 7]", "[-7, -7]"}, {"[0, 0]", "[0, 0]"},
};

struct scale_row {
    std::string_view a, low, high, product;
    friend std::ostream& operator<<(std::ostream& os, const scale_row& r) {
        return os << r.a << " × [" << r.low << ", " << r.high << "] = " << r.product;
    }
};
const scale_row scale_rows[] = {
    {"[2, 3]", "1", "1", "[2, 3]"},
    {"[2, 3]", "1.5", "2", "[3.0, 6]"},
    {"[-3, -2]", "1", "2", "[-6, -2]"},  // a negative bound takes the other factor
    {"[-2, 3]", "1", "2", "[-4, 6]"},    // straddling zero: both ends widen
    {"(-2, 3)", "0.5", "2", "(-4, 6)"},  // open ends stay open
    {"[1, ∞)", "2", "3", "[2, ∞)"},
    {"[-2, ∞)", "2", "3", "[-6, ∞)"},
    {"(-∞, -1]", "2", "3", "(-∞, -2]"},
    {"(-∞, 4)", "2", "3", "(-∞, 12)"},
    {"[1155000000, 1165000000]", "6.9", "7.2", "[7969500000.0, 8388000000.0]"},
    {"[1155000000, 1165000000]", "7.01111310271", "7.01111310271",
     "[8097835633.63005000000, 8167946764.65715000000]"},
    // A zero factor reaches 0 whatever the bound it multiplies: that end is 0 and closed.
    {"[1, 3]", "0", "2", "[0, 6]"},
    {"(1, 3)", "0", "2", "[0, 6)"},
    {"(-3, -1)", "0", "2", "(-6, 0]"},
    {"(-1, 3)", "0", "2", "(-2, 6)"},
    {"(1, ∞)", "0", "0", "[0, 0]"},
    {"(-∞, ∞)", "0", "0", "[0, 0]"},
};

// ---- membership and overlap -----------------------------------------------------------------

struct membership {
    std::string_view range, x;
    bool inside;
    friend std::ostream& operator<<(std::ostream& os, const membership& m) {
        return os << m.range << (m.inside ? " contains " : " does not contain ") << m.x;
    }
};
const membership memberships[] = {
    {"[1, 2]", "1", true},
    {"[1, 2]", "2", true},
    {"[1, 2]", "1.5", true},
    {"[1, 2]", "0.999", false},
    {"[1, 2]", "2.001", false},
    {"[1, 2]", "2.000", true},
    {"(1, 2)", "1", false},
    {"(1, 2)", "2", false},
    {"(1, 2)", "1.5", true},
    {"(1, 2)", "1.0000000000000000000000000000000000000001", true},
    {"[1, 2)", "1", true},
    {"[1, 2)", "2", false},
    {"(1, 2]", "1", false},
    {"(1, 2]", "2", true},
    {"[1, ∞)", "1", true},
    {"[1, ∞)", "0.9", false},
    {"[1, ∞)", "100000000000000000000000000000000000000000", true},
    {"(1, ∞)", "1", false},
    {"(1, ∞)", "1.001", true},
    {"(-∞, 2]", "2", true},
    {"(-∞, 2]", "-100000000000000000000000000000000000000000", true},
    {"(-∞, 2]", "2.1", false},
    {"(-∞, 2)", "2", false},
    {"(-∞, 2)", "1.999", true},
    {"(-∞, ∞)", "0", true},
    {"(-∞, ∞)", "-7.5", true},
    {"[5, 5]", "5", true},
    {"[5, 5]", "5.00", true},
    {"[5, 5]", "5.01", false},
    {"[5, 5]", "4.99", false},
};

struct overlap {
    std::string_view a, b;
    bool meet;
    friend std::ostream& operator<<(std::ostream& os, const overlap& o) {
        return os << o.a << (o.meet ? " meets " : " does not meet ") << o.b;
    }
};
const overlap overlaps[] = {
    {"[1, 2]", "[2, 3]", true},   // touching closed ends meet
    {"[1, 2)", "[2, 3]", false},  // one open end at the touching point: they do not
    {"[1, 2]", "(2, 3]", false},
    {"[1, 2)", "(2, 3]", false},
    {"[1, 2]", "[2.5, 3]", false},
    {"[1, 3]", "[2, 4]", true},
    {"(1, 3)", "(2, 4)", true},
    {"(1, 3)", "(2.999, 4)", true},
    {"[1, 4]", "[2, 3]", true},  // one within the other
    {"[1.50, 2]", "[2.0, 3]", true},
    {"[1, 2]", "[1.5, 1.5]", true},
    {"(1, 2)", "[1, 1]", false},
    {"(1, 2]", "[2, 2]", true},
    {"[2, 2]", "[2, 2]", true},
    {"[2, 2]", "[2.00, 2.00]", true},
    {"[1, ∞)", "(-∞, 1]", true},
    {"(1, ∞)", "(-∞, 1]", false},
    {"[1, ∞)", "(-∞, 1)", false},
    {"[1, ∞)", "[100, ∞)", true},
    {"(-∞, 0]", "(-∞, -5]", true},
    {"(-∞, ∞)", "[5, 5]", true},
    {"(-∞, ∞)", "(-∞, ∞)", true},
    {"[6304500000, 6305500000]", "[8175000000, 9185000000]", false},
    {"[6550000000, 6650000000]", "[6645000000, 6855000000]", true},
    {"[6550000000, 6650000000]", "[6750000000, 6750000000]", false},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(figure_intervals)

BOOST_AUTO_TEST_CASE(point_and_closed_build_closed_intervals) {
    const interval p = interval::point(dec("6.305"));
    BOOST_TEST((p.low == dec("6.305")));
    BOOST_TEST((p.high == dec("6.305")));
    BOOST_TEST(!p.low_open);
    BOOST_TEST(!p.high_open);
    BOOST_TEST(p.is_point());
    const interval c = interval::closed(dec("1"), dec("2"));
    BOOST_TEST((c.low == dec("1")));
    BOOST_TEST((c.high == dec("2")));
    BOOST_TEST(!c.low_open);
    BOOST_TEST(!c.high_open);
    BOOST_TEST(!c.is_point());
}

BOOST_AUTO_TEST_CASE(only_a_closed_bounded_interval_of_one_value_is_a_point) {
    BOOST_TEST(span("[5, 5.00]").is_point());
    BOOST_TEST(!span("[5, 6]").is_point());
    BOOST_TEST(!span("[5, ∞)").is_point());
    BOOST_TEST(!span("(-∞, 5]").is_point());
    BOOST_TEST(!(interval{dec("5"), dec("5"), true, false}.is_point()));
}

BOOST_DATA_TEST_CASE(adds_and_subtracts_bound_by_bound, bdata::make(sum_rows), r) {
    const interval a = span(r.a);
    const interval b = span(r.b);
    BOOST_TEST(normalized(a + b) == span(r.sum));
    BOOST_TEST(normalized(a - b) == span(r.difference));
    BOOST_TEST((a + b).to_string() == r.sum);
    BOOST_TEST((a - b).to_string() == r.difference);
}

BOOST_DATA_TEST_CASE(negation_swaps_and_negates_the_bounds, bdata::make(negation_rows), r) {
    const interval a = span(r.a);
    BOOST_TEST((-a).to_string() == r.negated);
    BOOST_TEST(normalized(-a) == span(r.negated));
    BOOST_TEST(normalized(-(-a)) == a);
}

BOOST_DATA_TEST_CASE(scales_by_a_non_negative_factor_range, bdata::make(scale_rows), r) {
    const interval product = crossfoot::scale(span(r.a), dec(r.low), dec(r.high));
    BOOST_TEST(product.to_string() == r.product);
    BOOST_TEST(normalized(product) == span(r.product));
}

BOOST_AUTO_TEST_CASE(scale_refuses_a_negative_or_reversed_factor_range) {
    const interval a = span("[1, 2]");
    BOOST_CHECK_THROW((void)crossfoot::scale(a, dec("-0.1"), dec("1")), std::logic_error);
    BOOST_CHECK_THROW((void)crossfoot::scale(a, dec("2"), dec("1.9")), std::logic_error);
    BOOST_CHECK_NO_THROW((void)crossfoot::scale(a, dec("1.5"), dec("1.50")));
}

BOOST_DATA_TEST_CASE(contains_respects_open_closed_and_unbounded_ends, bdata::make(memberships),
                     m) {
    BOOST_TEST(span(m.range).contains(dec(m.x)) == m.inside);
}

BOOST_DATA_TEST_CASE(intersects_respects_open_closed_and_unbounded_ends, bdata::make(overlaps), o) {
    BOOST_TEST(span(o.a).intersects(span(o.b)) == o.meet);
    BOOST_TEST(span(o.b).intersects(span(o.a)) == o.meet);
}

BOOST_AUTO_TEST_CASE(prints_bounds_exactly_with_brackets_for_closed_ends) {
    BOOST_TEST(interval::closed(dec("6304500000"), dec("6305500000")).to_string() ==
               "[6304500000, 6305500000]");
    BOOST_TEST((interval{dec("120000000000"), std::nullopt, true, false}.to_string()) ==
               "(120000000000, ∞)");
    BOOST_TEST((interval{dec("119500000000"), std::nullopt, false, false}.to_string()) ==
               "[119500000000, ∞)");
    BOOST_TEST((interval{std::nullopt, dec("-5.50"), false, true}.to_string()) == "(-∞, -5.50)");
    BOOST_TEST(interval{}.to_string() == "(-∞, ∞)");
    BOOST_TEST(interval::point(dec("0.000")).to_string() == "[0.000, 0.000]");
}

BOOST_AUTO_TEST_CASE(prints_grouped_digits_when_asked) {
    const interval converted = interval::closed(dec("8097835633.63005"), dec("8167946764.65715"));
    BOOST_TEST(converted.to_string(true) == "[8,097,835,633.63005, 8,167,946,764.65715]");
    BOOST_TEST(converted.to_string(false) == "[8097835633.63005, 8167946764.65715]");
    BOOST_TEST((interval{dec("-1234567"), std::nullopt, true, false}.to_string(true)) ==
               "(-1,234,567, ∞)");
    BOOST_TEST(interval::point(dec("999")).to_string(true) == "[999, 999]");
}

BOOST_AUTO_TEST_CASE(streams_as_to_string) {
    std::ostringstream out;
    out << interval{std::nullopt, dec("5"), false, false};
    BOOST_TEST(out.str() == "(-∞, 5]");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- qualifiers and the values a figure stands for ------------------------------------------

namespace {

struct qualifier_word_row {
    std::string_view word;
    std::optional<qualifier> q;
    friend std::ostream& operator<<(std::ostream& os, const qualifier_word_row& r) {
        return os << '"' << r.word << "\" → " << (r.q ? to_string(*r.q) : "no qualifier");
    }
};
const qualifier_word_row qualifier_word_rows[] = {
    // every word and phrase of figure.hpp's list
    {"about", qualifier::about},
    {"approximately", qualifier::about},
    {"around", qualifier::about},
    {"some", qualifier::about},
    {"roughly", qualifier::about},
    {"nearly", qualifier::nearly},
    {"almost", qualifier::nearly},
    {"close to", qualifier::nearly},
    {"over", qualifier::over},
    {"more than", qualifier::over},
    {"above", qualifier::over},
    {"exceeding", qualifier::over},
    {"at least", qualifier::at_least},
    {"up to", qualifier::up_to},
    {"at most", qualifier::up_to},
    {"no more than", qualifier::up_to},
    {"reaching", qualifier::reaching},
    {"", qualifier::none},
    // the spellings claims files use for the table's names
    {"none", qualifier::none},
    {"at-least", qualifier::at_least},
    {"at_least", qualifier::at_least},
    {"up-to", qualifier::up_to},
    {"up_to", qualifier::up_to},
    // any case
    {"About", qualifier::about},
    {"AT LEAST", qualifier::at_least},
    {"No More Than", qualifier::up_to},
    {"None", qualifier::none},
    {"NONE", qualifier::none},
    // not qualifiers
    {"roughlyish", std::nullopt},
    {"more", std::nullopt},
    {"than", std::nullopt},
    {"no more", std::nullopt},
    {"at  least", std::nullopt},
    {" about", std::nullopt},
    {"about ", std::nullopt},
    {"overall", std::nullopt},
    {"about 5", std::nullopt},
    {"circa", std::nullopt},
    // Chinese and Japanese qualifiers, before and after the number.
    {"约", qualifier::about},
    {"約", qualifier::about},
    {"左右", qualifier::about},
    {"近", qualifier::nearly},
    {"逾", qualifier::over},
    {"超过", qualifier::over},
    {"余", qualifier::over},
    {"以上", qualifier::at_least},
    {"以下", qualifier::up_to},
    {"不到", qualifier::under},
    {"less than", qualifier::under},
    {"未満", qualifier::under},
    {"约合", qualifier::about},
    {"折合", qualifier::none},
};

struct split_row {
    std::string_view text;
    qualifier q;
    std::string_view rest;
    friend std::ostream& operator<<(std::ostream& os, const split_row& r) {
        return os << '"' << r.text << "\" → " << to_string(r.q) << " + \"" << r.rest << '"';
    }
};
const split_row split_rows[] = {
    {"about 6.3 billion yuan", qualifier::about, "6.3 billion yuan"},
    {"approximately 5 bn", qualifier::about, "5 bn"},
    {"around 5 bn", qualifier::about, "5 bn"},
    {"roughly 5 bn", qualifier::about, "5 bn"},
    {"some 30 projects", qualifier::about, "30 projects"},
    {"nearly 680,000 projects", qualifier::nearly, "680,000 projects"},
    {"almost 2 billion yuan", qualifier::nearly, "2 billion yuan"},
    {"close to 2 billion yuan", qualifier::nearly, "2 billion yuan"},
    {"over 5 bn", qualifier::over, "5 bn"},
    {"more than 5 bn", qualifier::over, "5 bn"},
    {"above 5 bn", qualifier::over, "5 bn"},
    {"exceeding 5 bn", qualifier::over, "5 bn"},
    {"at least 5 bn", qualifier::at_least, "5 bn"},
    {"up to 3 bn", qualifier::up_to, "3 bn"},
    {"at most 3 bn", qualifier::up_to, "3 bn"},
    {"no more than 3 bn", qualifier::up_to, "3 bn"},  // not "more than" (over)
    {"reaching 120 billion yuan", qualifier::reaching, "120 billion yuan"},
    // any case; the rest keeps the case it was written in
    {"About 6.3 Billion Yuan", qualifier::about, "6.3 Billion Yuan"},
    {"NEARLY 680,000 projects", qualifier::nearly, "680,000 projects"},
    {"No More Than 3 BN", qualifier::up_to, "3 BN"},
    {"More than 5 bn", qualifier::over, "5 bn"},
    // a word that only starts like a qualifier is not one
    {"overall 5 bn", qualifier::none, "overall 5 bn"},
    {"something 5 bn", qualifier::none, "something 5 bn"},
    {"abouts 5 bn", qualifier::none, "abouts 5 bn"},
    {"reachings 5", qualifier::none, "reachings 5"},
    // a qualifier word with nothing after it, or not at the start
    {"over", qualifier::none, "over"},
    {"about", qualifier::none, "about"},
    {"5 bn over", qualifier::none, "5 bn over"},
    {"no 5 bn", qualifier::none, "no 5 bn"},
    {"5 billion yuan", qualifier::none, "5 billion yuan"},
    {"", qualifier::none, ""},
};

struct figure_row {
    std::string_view text;
    std::string_view values;
    friend std::ostream& operator<<(std::ostream& os, const figure_row& r) {
        return os << '"' << r.text << "\" stands for " << r.values;
    }
};
// With the default table: about 5 %, nearly 5 %, reaching = at least its rounding.
const figure_row default_figure_rows[] = {
    // ± half a unit of the last written digit
    {"6.305 billion yuan", "[6304500000, 6305500000]"},
    {"5 billion yuan", "[4500000000, 5500000000]"},
    {"39.7 billion yuan", "[39650000000, 39750000000]"},
    {"120 billion yuan", "[119500000000, 120500000000]"},
    {"1,234,567.89 yuan", "[1234567.885, 1234567.895]"},
    {"50亿元", "[4950000000, 5050000000]"},  // the 0 is worth 10^8
    {"-3.5 million yuan", "[-3550000, -3450000]"},
    {"1.16 billion USD", "[1155000000, 1165000000]"},
    // a count without a scale word is exact; with one it is rounded too
    {"42 projects", "[42, 42]"},
    {"680,000 projects", "[680000, 680000]"},
    {"5 thousand projects", "[4500, 5500]"},
    {"1.5 thousand projects", "[1450, 1550]"},
    // about: ± one unit of the last non-zero digit, at most ±5 %, never less than the rounding
    {"about 6.305 billion yuan", "[6304000000, 6306000000]"},  // ± 0.001 bn
    {"about 5 billion yuan", "[4500000000, 5500000000]"},      // ±5 % (0.25 bn) < rounding
    {"about 42 projects", "[41, 43]"},                         // ± 1
    {"approximately 8.4 billion yuan", "[8300000000, 8500000000]"},
    {"about 850亿元", "[84000000000, 86000000000]"},           // ± 10亿, its last non-zero digit
    {"about 10 billion yuan", "[9500000000, 10500000000]"},    // ±5 %, not ± 10 bn
    // nearly: [x − 5 %, x], whatever the rounding
    {"nearly 680,000 projects", "[646000, 680000]"},
    {"almost 2 billion yuan", "[1900000000, 2000000000]"},
    // over, at least, up to: bounded by the written value only
    {"over 5 billion yuan", "(5000000000, ∞)"},
    {"more than 42 projects", "(42, ∞)"},
    {"at least 5 billion yuan", "[5000000000, ∞)"},
    {"up to 3 billion yuan", "[0, 3000000000]"},
    {"no more than 3 billion yuan", "[0, 3000000000]"},
    // reaching: at least the values that round to it
    {"reaching 120 billion yuan", "[119500000000, ∞)"},
};

// A configured table: about ±10 % (the percent rule), nearly 2.5 %, reaching as written.
const figure_row configured_figure_rows[] = {
    {"about 6.305 billion yuan", "[5674500000, 6935500000]"},
    {"about 5 billion yuan", "[4500000000, 5500000000]"},  // ±0.5 bn still as wide as 10 %
    {"about 4 billion yuan", "[3500000000, 4500000000]"},
    {"about 4.0 billion yuan", "[3600000000, 4400000000]"},
    {"nearly 680,000 projects", "[663000, 680000]"},
    {"reaching 120 billion yuan", "[119500000000, 120500000000]"},
    {"over 5 billion yuan", "(5000000000, ∞)"},
    {"6.305 billion yuan", "[6304500000, 6305500000]"},
};

qualifier_table configured_table() {
    qualifier_table table;
    table.about = crossfoot::about_rule::percent;
    table.about_percent = dec("10");
    table.nearly_percent = dec("2.5");
    table.reaching = crossfoot::reaching_reading::as_written;
    return table;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(figure_qualifiers)

BOOST_DATA_TEST_CASE(qualifier_from_string_names_the_qualifier, bdata::make(qualifier_word_rows),
                     r) {
    const auto q = crossfoot::qualifier_from_string(r.word);
    BOOST_TEST(q.has_value() == r.q.has_value());
    if (q && r.q) BOOST_TEST(to_string(*q) == to_string(*r.q));
}

BOOST_AUTO_TEST_CASE(each_qualifier_prints_a_name_that_reads_back) {
    const std::pair<qualifier, std::string_view> names[] = {
        {qualifier::none, "none"},         {qualifier::about, "about"},
        {qualifier::nearly, "nearly"},     {qualifier::over, "over"},
        {qualifier::at_least, "at least"}, {qualifier::up_to, "up to"},
        {qualifier::reaching, "reaching"},
    };
    for (const auto& [q, name] : names) {
        BOOST_TEST_CONTEXT("qualifier " << name) {
            BOOST_TEST(to_string(q) == name);
            BOOST_TEST((crossfoot::qualifier_from_string(name) == q));
        }
    }
}

BOOST_DATA_TEST_CASE(split_qualifier_takes_a_leading_phrase_and_a_space, bdata::make(split_rows),
                     r) {
    const auto [q, rest] = crossfoot::split_qualifier(r.text);
    BOOST_TEST(to_string(q) == to_string(r.q));
    BOOST_TEST(rest == r.rest);
    // the rest is a view into the text, as the claims reader needs for error offsets
    if (!rest.empty()) BOOST_TEST(rest.data() == r.text.data() + (r.text.size() - rest.size()));
}

BOOST_DATA_TEST_CASE(stands_for_its_rounding_bounded_by_its_qualifier,
                     bdata::make(default_figure_rows), r) {
    BOOST_TEST(stands_for(r.text) == span(r.values));
}

BOOST_DATA_TEST_CASE(a_configured_table_changes_about_nearly_and_reaching,
                     bdata::make(configured_figure_rows), r) {
    BOOST_TEST(stands_for(r.text, {}, configured_table()) == span(r.values));
}

BOOST_AUTO_TEST_CASE(an_exact_figure_is_its_written_value) {
    precision exact;
    exact.exact = true;
    BOOST_TEST(stands_for("5 billion yuan", exact) == span("[5000000000, 5000000000]"));
    BOOST_TEST(stands_for("6.305 billion yuan", exact) == span("[6305000000, 6305000000]"));
    BOOST_TEST(stands_for("5 thousand projects", exact) == span("[5000, 5000]"));
    // the qualifier still applies: about widens a point by 5 %, reaching starts at it
    BOOST_TEST(stands_for("about 5 billion yuan", exact) == span("[4750000000, 5250000000]"));
    BOOST_TEST(stands_for("reaching 120 billion yuan", exact) == span("[120000000000, ∞)"));
    BOOST_TEST(stands_for("reaching 120 billion yuan", exact, configured_table()) ==
               span("[120000000000, 120000000000]"));
    BOOST_TEST(stands_for("over 5 billion yuan", exact) == span("(5000000000, ∞)"));
}

BOOST_AUTO_TEST_CASE(a_tolerance_replaces_the_rounding) {
    precision p;
    p.tolerance = dec("100000000");  // "0.1 billion"
    BOOST_TEST(stands_for("2 billion yuan", p) == span("[1900000000, 2100000000]"));
    BOOST_TEST(stands_for("6.305 billion yuan", p) == span("[6205000000, 6405000000]"));
    p.tolerance = dec("0");
    BOOST_TEST(stands_for("6.305 billion yuan", p) == span("[6305000000, 6305000000]"));
    p.tolerance = dec("-100000000");  // a negative tolerance counts as its size
    BOOST_TEST(stands_for("2 billion yuan", p) == span("[1900000000, 2100000000]"));
    p.tolerance = dec("2");
    BOOST_TEST(stands_for("42 projects", p) == span("[40, 44]"));
}

BOOST_AUTO_TEST_CASE(a_percentage_tolerance_is_a_share_of_the_value) {
    precision p;
    p.tolerance_percent = dec("2");
    BOOST_TEST(stands_for("1.68 billion yuan", p) == span("[1646400000, 1713600000]"));
    BOOST_TEST(stands_for("-3.5 million yuan", p) == span("[-3570000, -3430000]"));
    p.tolerance_percent = dec("0.5");
    BOOST_TEST(stands_for("42 projects", p) == span("[41.79, 42.21]"));
    // about takes the tolerance's interval when it is wider than ±5 %
    p.tolerance_percent = dec("8");
    BOOST_TEST(stands_for("about 10 billion yuan", p) == span("[9200000000, 10800000000]"));
}

BOOST_AUTO_TEST_CASE(about_takes_the_wider_of_rounding_and_its_percentage) {
    qualifier_table narrow;
    narrow.about_percent = dec("0.001");  // ±63,050 of 6.305 bn: the rounding is wider
    BOOST_TEST(stands_for("about 6.305 billion yuan", {}, narrow) ==
               span("[6304500000, 6305500000]"));
    qualifier_table none;
    none.about_percent = dec("0");
    BOOST_TEST(stands_for("about 6.305 billion yuan", {}, none) ==
               span("[6304500000, 6305500000]"));
    qualifier_table wide;
    wide.about_percent = dec("20");
    BOOST_TEST(stands_for("about 5 billion yuan", {}, wide) == span("[4000000000, 6000000000]"));
}

BOOST_AUTO_TEST_CASE(nearly_ends_at_the_written_value) {
    qualifier_table table;
    table.nearly_percent = dec("10");
    BOOST_TEST(stands_for("nearly 680,000 projects", {}, table) == span("[612000, 680000]"));
    table.nearly_percent = dec("0");
    BOOST_TEST(stands_for("nearly 680,000 projects", {}, table) == span("[680000, 680000]"));
}

BOOST_AUTO_TEST_CASE(reaching_is_read_as_at_least_or_as_written) {
    qualifier_table table;
    BOOST_TEST((table.reaching == crossfoot::reaching_reading::at_least));  // the default
    BOOST_TEST(stands_for("reaching 120 billion yuan", {}, table) == span("[119500000000, ∞)"));
    BOOST_TEST(stands_for("reaching 6.305 billion yuan", {}, table) == span("[6304500000, ∞)"));
    table.reaching = crossfoot::reaching_reading::as_written;
    BOOST_TEST(stands_for("reaching 120 billion yuan", {}, table) ==
               span("[119500000000, 120500000000]"));
    BOOST_TEST(stands_for("reaching 6.305 billion yuan", {}, table) ==
               stands_for("6.305 billion yuan", {}, table));
}

BOOST_AUTO_TEST_CASE(the_default_table_is_five_percent_and_reaching_at_least) {
    const qualifier_table table;
    BOOST_TEST(table.about_percent.to_string() == "5");
    BOOST_TEST(table.nearly_percent.to_string() == "5");
    BOOST_TEST((table.reaching == crossfoot::reaching_reading::at_least));
}

BOOST_AUTO_TEST_CASE(figure_interval_keeps_the_written_exponent_in_its_bounds) {
    // [6.3045, 6.3055] billion: half a unit of the last digit, a million, is 5 × 10^5
    const interval i = crossfoot::figure_interval(
        amount(decimal::scaled(6305, 6), unit::currency("CNY").value()), qualifier::none, {}, {});
    BOOST_TEST(i.to_string() == "[6304500000, 6305500000]");
    BOOST_TEST((i.low->exponent() == 5));
    BOOST_TEST((i.high->exponent() == 5));
}

BOOST_AUTO_TEST_SUITE_END()
