// tests/unit/claims_test.cpp: reading claims files: a complete file into every field of the
// model, independence from the order of sections, the rate table a claims file builds, and
// the exact diagnostic (line, column, code, message) of every kind of broken file.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include <crossfoot/amount.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/figure.hpp>
#include <crossfoot/rates.hpp>
#include <crossfoot/rounding.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
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

using crossfoot::amount;
using crossfoot::claims;
using crossfoot::decimal;
using crossfoot::diagnostic;
using crossfoot::figure;
using crossfoot::interval;
using crossfoot::qualifier;
using crossfoot::relation;
using crossfoot::unit;

unit currency(std::string_view code) { return unit::currency(code).value(); }
decimal dec(std::string_view text) { return decimal::parse(text).value(); }
crossfoot::date day(std::string_view text) { return crossfoot::parse_date(text).value(); }
interval closed(std::string_view low, std::string_view high) {
    return interval::closed(dec(low), dec(high));
}

claims read(std::string_view text) {
    auto result = crossfoot::read_claims(text, "claims.toml");
    if (!result) {
        for (const diagnostic& d : result.error()) BOOST_TEST_MESSAGE(format(d));
    }
    BOOST_TEST_REQUIRE(result.has_value());
    return *result;
}

const figure& figure_of(const claims& c, std::string_view id) {
    const figure* f = c.find(id);
    BOOST_TEST_REQUIRE(f != nullptr, "no figure " << id);
    return *f;
}

// Every section and every key of the format, each given a value other than its default.
constexpr std::string_view complete_file = R"([document]
title    = "Invest in Changzhou conference, 2024"
date     = 2024-09-27
currency = "CNY"
source   = "press release"

[rates]
policy       = "window-average"
max_age_days = 5
window_days  = 3
digits       = 10
rounding     = "half-up"
pivots       = ["USD"]
files        = ["rates.csv", "more/rates.toml"]
quotes = [ { pair = "USD/CNY", rate = "7.011113", date = 2024-09-27, source = "ECB cross" } ]

[qualifiers]
about    = "10"
nearly   = "2.5"
reaching = "as-written"

[figures]
signed_total = { text = "39.7 billion yuan", description = "42 signed projects" }
foreign      = { text = "1.16 billion USD" }
credit       = { text = "120 billion yuan", qualifier = "reaching" }
projects     = { text = "nearly 680,000 projects" }
mother_fund  = { text = "5 billion yuan", exact = true }
fund_a       = { text = "2 billion yuan", tolerance = "0.1 billion" }
fund_b       = { text = "1.68 billion", tolerance = "2%" }
named        = { names = ["CATL", "BYD", "Li Auto"], text = "3 companies" }
raw          = { value = "39700000000", unit = "CNY" }
funds_total  = { text = "about 6.305 billion yuan" }

[[checks]]
id          = "foreign-within-total"
relation    = "includes"
total       = "signed_total"
parts       = ["foreign"]
description = "9 foreign-funded projects among the 42"

[[checks]]
id       = "funds"
relation = "sum"
total    = "funds_total"
parts    = ["mother_fund", "fund_a", "-fund_b"]

[[checks]]
id       = "raw-share"
relation = "share"
total    = "signed_total"
parts    = ["raw"]
percent  = "23.5"

[[checks]]
id       = "dollars"
relation = "converts"
total    = "signed_total"
parts    = ["foreign"]
)";

// The same claims with the sections in the opposite order: [qualifiers] after [figures].
constexpr std::string_view reordered_file = R"([[checks]]
id          = "foreign-within-total"
relation    = "includes"
total       = "signed_total"
parts       = ["foreign"]
description = "9 foreign-funded projects among the 42"

[[checks]]
id       = "funds"
relation = "sum"
total    = "funds_total"
parts    = ["mother_fund", "fund_a", "-fund_b"]

[[checks]]
id       = "raw-share"
relation = "share"
total    = "signed_total"
parts    = ["raw"]
percent  = "23.5"

[[checks]]
id       = "dollars"
relation = "converts"
total    = "signed_total"
parts    = ["foreign"]

[figures]
signed_total = { text = "39.7 billion yuan", description = "42 signed projects" }
foreign      = { text = "1.16 billion USD" }
credit       = { text = "120 billion yuan", qualifier = "reaching" }
projects     = { text = "nearly 680,000 projects" }
mother_fund  = { text = "5 billion yuan", exact = true }
fund_a       = { text = "2 billion yuan", tolerance = "0.1 billion" }
fund_b       = { text = "1.68 billion", tolerance = "2%" }
named        = { names = ["CATL", "BYD", "Li Auto"], text = "3 companies" }
raw          = { value = "39700000000", unit = "CNY" }
funds_total  = { text = "about 6.305 billion yuan" }

[qualifiers]
reaching = "as-written"
nearly   = "2.5"
about    = "10"

[rates]
quotes = [ { pair = "USD/CNY", rate = "7.011113", date = 2024-09-27, source = "ECB cross" } ]
files        = ["rates.csv", "more/rates.toml"]
pivots       = ["USD"]
rounding     = "half-up"
digits       = 10
window_days  = 3
max_age_days = 5
policy       = "window-average"

[document]
source   = "press release"
currency = "CNY"
date     = 2024-09-27
title    = "Invest in Changzhou conference, 2024"
)";

// Everything read from a file, one field a line, to compare two reads of the same claims.
std::string describe(const claims& c) {
    std::ostringstream out;
    out << c.document.title << '|' << (c.document.on ? crossfoot::to_string(*c.document.on) : "")
        << '|' << (c.document.currency ? c.document.currency->code() : "") << '|'
        << c.document.source << '\n'
        << crossfoot::describe(c.policy) << '|' << c.policy.max_age_days << '|'
        << c.policy.window_days << '\n'
        << c.qualifiers.about_percent << '|' << c.qualifiers.nearly_percent << '\n';
    for (const std::string& file : c.rate_files) out << file << '\n';
    for (const auto& q : c.quotes) {  // not the line: it moves with the sections
        out << q.base << '/' << q.quote << ' ' << q.rate << ' ' << crossfoot::to_string(q.on) << ' '
            << q.source << ' ' << q.file << '\n';
    }
    for (const figure& f : c.figures) {
        out << f.id << '|' << f.text << '|' << f.value << '|' << f.unit_assumed << '|'
            << to_string(f.qualifier) << '|' << f.precision.exact << '|' << f.names.size() << '|'
            << f.description << '|' << f.range << '\n';
    }
    for (const auto& k : c.checks) {
        out << k.id << '|' << to_string(k.relation) << '|' << k.total << '|' << k.description;
        for (const auto& p : k.parts) out << '|' << p.weight << ' ' << p.id;
        out << '|' << (k.percent ? k.percent->to_string() : "") << '\n';
    }
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(claims_reading)

BOOST_AUTO_TEST_CASE(reads_the_document_rates_and_qualifiers) {
    const claims c = read(complete_file);
    BOOST_TEST(c.file == "claims.toml");
    BOOST_TEST(c.document.title == "Invest in Changzhou conference, 2024");
    BOOST_TEST((c.document.on == day("2024-09-27")));
    BOOST_TEST((c.document.currency == currency("CNY")));
    BOOST_TEST(c.document.source == "press release");
    BOOST_TEST((c.policy.how == crossfoot::lookup_policy::kind::window_average));
    BOOST_TEST(c.policy.max_age_days == 5);
    BOOST_TEST(c.policy.window_days == 3);
    BOOST_TEST(c.policy.derived_digits == 10);
    BOOST_TEST((c.policy.derived_rounding == crossfoot::rounding::half_up));
    BOOST_TEST((c.policy.pivots == std::vector<unit>{currency("USD")}));
    BOOST_TEST((c.rate_files == std::vector<std::string>{"rates.csv", "more/rates.toml"}));
    const crossfoot::rate_quote quote{currency("USD"),   currency("CNY"), dec("7.011113"),
                                      day("2024-09-27"), "ECB cross",     std::nullopt,
                                      std::nullopt,      "claims.toml",   15};
    BOOST_TEST((c.quotes == std::vector<crossfoot::rate_quote>{quote}));
    BOOST_TEST(c.qualifiers.about_percent == dec("10"));
    BOOST_TEST(c.qualifiers.nearly_percent == dec("2.5"));
    BOOST_TEST((c.qualifiers.reaching == crossfoot::reaching_reading::as_written));
}

BOOST_AUTO_TEST_CASE(reads_every_figure_in_file_order) {
    const claims c = read(complete_file);
    std::vector<std::string> ids;
    for (const figure& f : c.figures) ids.push_back(f.id);
    BOOST_TEST((ids == std::vector<std::string>{"signed_total", "foreign", "credit", "projects",
                                                "mother_fund", "fund_a", "fund_b", "named", "raw",
                                                "funds_total"}));
    const figure& total = figure_of(c, "signed_total");
    BOOST_TEST(total.text == "39.7 billion yuan");
    BOOST_TEST(total.value == amount(decimal::scaled(397, 8), currency("CNY")));
    BOOST_TEST(!total.unit_assumed);
    BOOST_TEST((total.qualifier == qualifier::none));
    BOOST_TEST(!total.precision.exact);
    BOOST_TEST(total.names.empty());
    BOOST_TEST(total.description == "42 signed projects");
    BOOST_TEST(total.range == closed("39650000000", "39750000000"));
    BOOST_TEST(total.line == 23U);
    BOOST_TEST(figure_of(c, "foreign").value == amount(decimal::scaled(116, 7), currency("USD")));
    BOOST_TEST(figure_of(c, "foreign").range == closed("1155000000", "1165000000"));
}

BOOST_AUTO_TEST_CASE(reads_qualifiers_and_precision_of_figures) {
    const claims c = read(complete_file);
    const figure& credit = figure_of(c, "credit");
    BOOST_TEST((credit.qualifier == qualifier::reaching));
    BOOST_TEST(credit.range == closed("119500000000", "120500000000"));  // as written
    const figure& projects = figure_of(c, "projects");
    BOOST_TEST(projects.text == "nearly 680,000 projects");
    BOOST_TEST((projects.qualifier == qualifier::nearly));
    BOOST_TEST(projects.value == amount(decimal(680000), unit::count()));
    BOOST_TEST(projects.range == closed("663000", "680000"));  // nearly = 2.5 %
    const figure& mother = figure_of(c, "mother_fund");
    BOOST_TEST(mother.precision.exact);
    BOOST_TEST(mother.range == interval::point(decimal::scaled(5, 9)));
    const figure& fund_a = figure_of(c, "fund_a");
    BOOST_TEST((fund_a.precision.tolerance == decimal::scaled(1, 8)));
    BOOST_TEST(fund_a.range == closed("1900000000", "2100000000"));
    const figure& fund_b = figure_of(c, "fund_b");
    BOOST_TEST(fund_b.unit_assumed);
    BOOST_TEST((fund_b.precision.tolerance_percent == dec("2")));
    BOOST_TEST(fund_b.range == closed("1646400000", "1713600000"));
    // about 10 %, wider than the rounding of 6.305 billion
    BOOST_TEST(figure_of(c, "funds_total").range == closed("5674500000", "6935500000"));
}

BOOST_AUTO_TEST_CASE(reads_a_leading_bound_before_a_word_of_change) {
    // "up to" bounds the figure; "up" alone would make it a change.
    const claims c = read(R"([document]
date = 2024-09-27
[figures]
cap = { text = "up to 3 billion yuan" }
)");
    const figure& cap = figure_of(c, "cap");
    BOOST_TEST((cap.qualifier == qualifier::up_to));
    BOOST_TEST((cap.kind == crossfoot::figure_kind::amount));
    BOOST_TEST(cap.range == closed("0", "3000000000"));
}

BOOST_AUTO_TEST_CASE(reads_name_lists_and_raw_values) {
    const claims c = read(complete_file);
    const figure& named = figure_of(c, "named");
    BOOST_TEST((named.names == std::vector<std::string>{"CATL", "BYD", "Li Auto"}));
    BOOST_TEST(named.text == "3 companies");
    BOOST_TEST(named.value == amount(decimal(3), unit::count()));
    BOOST_TEST(named.precision.exact);
    BOOST_TEST(named.range == interval::point(decimal(3)));
    const figure& raw = figure_of(c, "raw");
    BOOST_TEST(raw.text.empty());
    BOOST_TEST(raw.value == amount(decimal(39700000000), currency("CNY")));
    BOOST_TEST(!raw.unit_assumed);
    BOOST_TEST(raw.range == closed("39699999999.5", "39700000000.5"));
    BOOST_TEST(c.find("nothing") == nullptr);
}

BOOST_AUTO_TEST_CASE(reads_every_check) {
    const claims c = read(complete_file);
    BOOST_TEST_REQUIRE(c.checks.size() == 4U);
    const auto& within = c.checks[0];
    BOOST_TEST(within.id == "foreign-within-total");
    BOOST_TEST((within.relation == relation::includes));
    BOOST_TEST(within.total == "signed_total");
    BOOST_TEST_REQUIRE(within.parts.size() == 1U);
    BOOST_TEST(within.parts[0].id == "foreign");
    BOOST_TEST(within.parts[0].weight == 1);
    BOOST_TEST(!within.percent.has_value());
    BOOST_TEST(within.description == "9 foreign-funded projects among the 42");
    BOOST_TEST(within.line == 34U);
    const auto& funds = c.checks[1];
    BOOST_TEST_REQUIRE(funds.parts.size() == 3U);
    BOOST_TEST(funds.parts[2].id == "fund_b");
    BOOST_TEST(funds.parts[2].weight == -1);
    BOOST_TEST((c.checks[2].relation == relation::share));
    BOOST_TEST((c.checks[2].percent == dec("23.5")));
    BOOST_TEST((c.checks[3].relation == relation::converts));
}

BOOST_AUTO_TEST_CASE(reads_the_same_claims_whatever_the_order_of_sections) {
    const claims in_order = read(complete_file);
    const claims reordered = read(reordered_file);
    BOOST_TEST(describe(reordered) == describe(in_order));
    // [qualifiers], written after [figures], still sets the ranges.
    BOOST_TEST(figure_of(reordered, "funds_total").range == closed("5674500000", "6935500000"));
}

BOOST_AUTO_TEST_CASE(takes_defaults_for_what_a_minimal_file_leaves_out) {
    const claims c = read("[document]\ndate = \"2024-09-27\"\n");
    BOOST_TEST((c.document.on == day("2024-09-27")));
    BOOST_TEST(!c.document.currency.has_value());
    BOOST_TEST((c.policy.how == crossfoot::lookup_policy::kind::on_or_before));
    BOOST_TEST(c.policy.max_age_days == 7);
    BOOST_TEST(c.qualifiers.about_percent == decimal(5));
    BOOST_TEST((c.qualifiers.reaching == crossfoot::reaching_reading::at_least));
    BOOST_TEST(c.figures.empty());
    BOOST_TEST(c.checks.empty());
}

BOOST_AUTO_TEST_CASE(reads_figures_as_sub_tables_and_the_default_currency) {
    const claims c = read(R"([document]
date = 2024-09-27
currency = "CNY"
[figures.credit]
text = "reaching ¥120 billion"
[figures.cash]
value = 25
)");
    const figure& credit = figure_of(c, "credit");
    BOOST_TEST(credit.value == amount(decimal::scaled(120, 9), currency("CNY")));
    BOOST_TEST(credit.unit_assumed);  // ¥ is CNY or JPY: the document says which
    BOOST_TEST((credit.qualifier == qualifier::reaching));
    BOOST_TEST(!credit.range.high.has_value());  // reaching: at least, by default
    BOOST_TEST((credit.range.low == dec("119500000000")));
    BOOST_TEST(credit.line == 4U);
    BOOST_TEST(figure_of(c, "cash").value == amount(decimal(25), currency("CNY")));
    BOOST_TEST(figure_of(c, "cash").unit_assumed);
}

BOOST_AUTO_TEST_CASE(names_relations) {
    for (const relation r :
         {relation::sum, relation::includes, relation::converts, relation::share}) {
        BOOST_TEST((crossfoot::relation_from_string(crossfoot::to_string(r)) == r));
    }
    BOOST_TEST(crossfoot::to_string(relation::includes) == "includes");
    BOOST_TEST(!crossfoot::relation_from_string("Sum").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// A broken claims file and the one diagnostic of `code` it must give; `errors` is how many
// diagnostics the file gives in all.
struct bad_claims {
    std::string_view name;
    std::string_view text;
    std::size_t line;
    std::size_t column;
    std::string_view code;
    std::string_view message;
    std::size_t errors = 1;

    friend std::ostream& operator<<(std::ostream& os, const bad_claims& c) {
        return os << c.name << ": " << c.line << ':' << c.column << " [" << c.code << "] "
                  << c.message;
    }
};

const bad_claims bad_files[] = {
    {"a toml syntax error", R"([document]
date = 2024-09-27
title = "unterminated
)",
     3, 22, "bad-toml",
     "Error while parsing string: unescaped control characters other than TAB (U+0009) are "
     "explicitly prohibited"},
    {"an unknown table", R"([document]
date = 2024-09-27
[figure]
a = { text = "2 billion yuan" }
)",
     3, 2, "unknown-key", "unknown key 'figure' at the top level; did you mean 'figures'?"},
    {"an unknown key in [document]", R"([document]
date = 2024-09-27
author = "someone"
)",
     3, 1, "unknown-key",
     "unknown key 'author' in [document]; expected title, date, currency, source, url, "
     "text, zhao_power"},
    {"an unknown key in a figure", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", exakt = true }
)",
     5, 32, "unknown-key", "unknown key 'exakt' in figure \"a\"; did you mean 'exact'?"},
    {"a typo in a check", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
totl = "a"
parts = ["b"]
)",
     10, 1, "unknown-key", "unknown key 'totl' in check \"c\"; did you mean 'total'?", 2},
    {"no [document]", R"([figures]
a = { value = "5", unit = "count" }
)",
     1, 1, "missing-key", "expected a [document] table"},
    {"a check without a total", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
parts = ["b"]
)",
     7, 1, "missing-key", "expected 'total' in check \"c\": the figure that the parts make up"},
    {"a figure with no value", R"([document]
date = 2024-09-27
[figures]
a = { description = "nothing" }
)",
     4, 1, "missing-key", "expected 'text', 'value' or 'names' in figure \"a\""},
    {"a value without a unit or a currency", R"([document]
date = 2024-09-27
[figures]
a = { value = "5" }
)",
     4, 1, "missing-key", "expected 'unit' in figure \"a\": [document] gives no currency"},
    {"a bad date", R"([document]
date = "2024-13-01"
)",
     2, 14, "bad-date", "expected a valid calendar date, found '2024-13-01'"},
    {"a month that is no month", R"([document]
date = "2024-13"
)",
     2, 14, "bad-date", "expected a month from 01 to 12, found '2024-13'"},
    {"a quarter that is no quarter", R"([document]
date = "2024-Q5"
)",
     2, 15, "bad-date", "expected a quarter from 1 to 4, found '5'"},
    {"a date and time", R"([document]
date = 2024-09-27T10:00:00
)",
     2, 8, "bad-date",
     "expected 'date' to be a date such as 2024-09-27, \"2023-07\", \"2023-Q2\" or \"2023\""},
    {"an unknown document currency", R"([document]
date = 2024-09-27
currency = "yuan"
)",
     3, 12, "unknown-currency", "expected an ISO 4217 currency code such as 'CNY', found 'yuan'"},
    {"an unknown unit of a value", R"([document]
date = 2024-09-27
[figures]
a = { value = "5", unit = "RMB" }
)",
     4, 27, "unknown-currency",
     "expected 'unit' to be 'count' or an ISO 4217 currency code such as 'CNY', found 'RMB'"},
    {"an unknown pivot", R"([document]
date = 2024-09-27
[rates]
pivots = ["EUR", "XYZ"]
)",
     4, 18, "unknown-currency", "expected 'pivots' to hold ISO 4217 currency codes such as 'EUR'"},
    {"a bad amount", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "1..2 billion yuan" }
)",
     5, 17, "bad-amount", "expected a digit, found '.'"},
    {"a dollar sign in a document in yuan", R"([document]
date = 2020-09-27
currency = "CNY"
[figures]
a = { text = "$1.45 billion" }
)",
     5, 15, "bad-amount",
     "expected one currency ('$' could be USD, HKD, AUD, CAD, NZD, SGD, TWD, MXN; the default "
     "currency CNY is none of them), found '$'; say which with the figure's unit, as in "
     "{ text = \"$1.45 billion\", unit = \"USD\" }"},
    {"a bad amount after a qualifier", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "about 1..2 billion yuan" }
)",
     5, 23, "bad-amount", "expected a digit, found '.'"},
    {"a bad amount after Chinese characters", R"([document]
date = 2024-09-27
[figures]
a = { text = "人民币1..2亿元" }
)",
     4, 20, "bad-amount", "expected a digit, found '.'"},
    {"a bad amount in a string with an escape", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "1..2\u0020billion yuan" }
)",
     5, 14, "bad-amount", "expected a digit, found '.'"},
    {"an unknown unit word", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "5 billion yuans" }
)",
     5, 25, "bad-amount", "expected a currency or a count noun, found 'yuans'"},
    {"a bad tolerance", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", tolerance = "0.1 bilion" }
)",
     5, 49, "bad-amount", "expected a currency or a count noun, found 'bilion'"},
    {"a bad percent tolerance", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", tolerance = "2.x%" }
)",
     5, 47, "bad-amount", "expected a digit, found 'x'"},
    {"an unknown qualifier", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", qualifier = "roughlyish" }
)",
     5, 44, "unknown-qualifier",
     "unknown qualifier 'roughlyish'; expected about, nearly, over, at least, up to, under, "
     "reaching, none, or their Chinese or Japanese words (约, 近, 逾, 以上, 不到 ...)"},
    {"an unknown relation", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "equals"
total = "a"
parts = ["b"]
)",
     9, 12, "unknown-relation",
     "unknown relation 'equals'; expected sum, includes, converts, share or change"},
    {"a duplicate check id", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
total = "a"
parts = ["b"]
[[checks]]
id = "c"
relation = "sum"
total = "a"
parts = ["b"]
)",
     13, 6, "duplicate-id", "duplicate check id \"c\"; the first is on line 7"},
    {"an unknown total", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
signed_total = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
total = "signed_totl"
parts = ["b"]
)",
     10, 9, "unknown-figure",
     "no figure \"signed_totl\" in [figures]; did you mean \"signed_total\"?"},
    {"an unknown part", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "sum"
total = "a"
parts = ["b", "-x"]
)",
     11, 15, "unknown-figure", "no figure \"x\" in [figures]"},
    {"a check without parts", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
total = "a"
)",
     6, 1, "missing-parts",
     "expected 'parts' in check \"c\": the figures to check against the total"},
    {"a check with no parts", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
total = "a"
parts = []
)",
     10, 9, "missing-parts", "expected at least one figure in 'parts'"},
    {"a share without a percent", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "share"
total = "a"
parts = ["b"]
)",
     7, 1, "bad-check",
     "expected either 'percent' or 'share' in check \"c\": the percentage a share states"},
    {"a percent outside a share", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
total = "a"
parts = ["b"]
percent = "50"
)",
     12, 11, "bad-check", "'percent' belongs to a share check, not to relation 'includes'"},
    {"a subtracted part outside a sum", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "includes"
total = "a"
parts = ["-b"]
)",
     11, 10, "bad-check",
     "a part can be subtracted ('-b') only in a sum, not in relation 'includes'"},
    {"a conversion with two parts", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion USD" }
[[checks]]
id = "c"
relation = "converts"
total = "a"
parts = ["b", "b"]
)",
     11, 9, "bad-check", "expected exactly one part in a converts check, found 2"},
    {"a float value", R"([document]
date = 2024-09-27
[figures]
a = { value = 1.5e9, unit = "CNY" }
)",
     4, 15, "inexact-number",
     "expected 'value' as a string such as \"7.011113\"; a TOML float is binary and may not "
     "hold the digits as written"},
    {"a float rate", R"([document]
date = 2024-09-27
[rates]
quotes = [ { pair = "USD/CNY", rate = 7.0111, date = 2024-09-27 } ]
)",
     4, 39, "inexact-number",
     "expected a rate as a string such as \"7.011113\"; a TOML float is binary and may not "
     "hold the digits as written"},
    {"a negative share", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "share"
total = "a"
parts = ["b"]
percent = "-50"
)",
     12, 11, "bad-number", "expected a share of zero or more, found -50"},
    {"a share that names an amount", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "share"
total = "a"
parts = ["b"]
share = "b"
)",
     12, 9, "bad-check",
     "expected 'share' to name a percentage such as \"18.5%\"; \"b\" is an amount \"1 billion yuan\""},
    {"a change without 'by'", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
[[checks]]
id = "c"
relation = "change"
from = "a"
to = "b"
)",
     7, 1, "missing-key",
     "expected 'by' in check \"c\": the change, such as \"up 23.3%\""},
    {"a change with a total", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
g = { text = "up 5%" }
[[checks]]
id = "c"
relation = "change"
from = "a"
to = "b"
by = "g"
total = "a"
)",
     14, 9, "bad-check", "a change check names 'from', 'to' and 'by', not 'total'"},
    {"a rate that is no rate", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "US$1 billion" }
[[checks]]
id = "c"
relation = "converts"
total = "a"
parts = ["b"]
rate = "b"
)",
     12, 8, "bad-check",
     "expected 'rate' to name a stated rate such as \"7.1 yuan to the dollar\"; \"b\" is an amount \"US$1 billion\""},
    {"points between amounts", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1 billion yuan" }
g = { text = "+1.7 percentage points" }
[[checks]]
id = "c"
relation = "change"
from = "a"
to = "b"
by = "g"
)",
     13, 6, "bad-check",
     "a change in percentage points relates two percentages; 'from' and 'to' must be percentages"},
    {"a figure that is no figure", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "3%至5亿元" }
)",
     5, 18, "bad-amount", "expected both ends of the range in one unit, found '5'"},
    {"a float percent", R"([document]
date = 2024-09-27
[qualifiers]
about = 5.0
)",
     4, 9, "inexact-number",
     "expected 'about' as a string such as \"7.011113\"; a TOML float is binary and may not "
     "hold the digits as written"},
    {"a quote without a date", R"([document]
date = 2024-09-27
[rates]
quotes = [ { pair = "USD/CNY", rate = "7.0111" } ]
)",
     4, 12, "bad-rate", "expected 'date' in a rate quote"},
    {"qualifiers that disagree", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "nearly 2 billion yuan", qualifier = "about" }
)",
     5, 51, "bad-figure", "'qualifier' says 'about' but the text says 'nearly'"},
    {"exact with a tolerance", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", exact = true, tolerance = "1%" }
)",
     5, 58, "bad-figure", "'tolerance' cannot be given with 'exact = true'"},
    {"a tolerance in another currency", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", tolerance = "1 million USD" }
)",
     5, 44, "bad-figure", "expected a tolerance in CNY, the figure's unit, found USD"},
    {"a negative tolerance", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", tolerance = "-1%" }
)",
     5, 44, "bad-figure", "expected a tolerance of zero or more"},
    {"names and a text that disagree", R"([document]
date = 2024-09-27
[figures]
a = { names = ["CATL", "BYD"], text = "3 companies" }
)",
     4, 39, "bad-figure", "expected 'text' to count the 2 names, found '3 companies'"},
    {"a value and a text", R"([document]
date = 2024-09-27
[figures]
a = { text = "3 companies", value = "3" }
)",
     4, 37, "bad-figure", "'value' cannot be given with 'text'"},
    {"a unit with a text", R"([document]
date = 2024-09-27
[figures]
a = { text = "3 companies", unit = "USD" }
)",
     4, 36, "bad-figure", "'unit' says USD but the text names count"},
    {"a title that is no string", R"([document]
date = 2024-09-27
title = 2024
)",
     3, 9, "bad-value", "expected 'title' to be a string"},
    {"exact that is no boolean", R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "2 billion yuan", exact = "yes" }
)",
     5, 40, "bad-value", "expected 'exact' to be true or false"},
    {"a figure that is no table", R"([document]
date = 2024-09-27
[figures]
a = "2 billion yuan"
)",
     4, 5, "bad-value",
     "expected figure \"a\" to be a table such as { text = \"5 billion yuan\" }"},
    {"an empty list of names", R"([document]
date = 2024-09-27
[figures]
a = { names = [] }
)",
     4, 15, "bad-value", "expected at least one name in 'names'"},
    {"checks as a table", R"([document]
date = 2024-09-27
[checks]
id = "c"
)",
     3, 1, "bad-value", "expected [[checks]], an array of tables"},
    {"an unknown reading of reaching", R"([document]
date = 2024-09-27
[qualifiers]
reaching = "at_least"
)",
     4, 12, "bad-value", "expected 'reaching' to be 'at-least' or 'as-written', found 'at_least'"},
    {"an unknown policy", R"([document]
date = 2024-09-27
[rates]
policy = "latest"
)",
     4, 10, "unknown-policy",
     "unknown policy 'latest'; expected exact, on-or-before, window-average or window-range"},
    {"no significant digits", R"([document]
date = 2024-09-27
[rates]
digits = 0
)",
     4, 10, "bad-number", "expected 'digits' to be a whole number from 1 to 1000"},
    {"a percentage over 100", R"([document]
date = 2024-09-27
[qualifiers]
nearly = "150"
)",
     4, 10, "bad-number", "expected 'nearly' to be a percentage from 0 to 100, found 150"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(claims_diagnostics)

BOOST_DATA_TEST_CASE(gives_place_code_and_message, bdata::make(bad_files), c) {
    const auto result = crossfoot::read_claims(c.text, "claims.toml");
    BOOST_TEST_REQUIRE(!result.has_value());
    const std::vector<diagnostic>& errors = result.error();
    for (const diagnostic& d : errors) BOOST_TEST_MESSAGE(format(d));
    BOOST_TEST(errors.size() == c.errors);
    const auto found = std::ranges::find(errors, c.code, &diagnostic::code);
    BOOST_TEST_REQUIRE((found != errors.end()), "no diagnostic [" << c.code << "]");
    BOOST_TEST(found->file == "claims.toml");
    BOOST_TEST(found->line == c.line);
    BOOST_TEST(found->column == c.column);
    BOOST_TEST(found->message == c.message);
    BOOST_TEST((found->severity == crossfoot::severity::error));
}

BOOST_AUTO_TEST_CASE(shows_the_source_line_under_the_caret) {
    const auto result = crossfoot::read_claims(R"([document]
date = 2024-09-27
currency = "CNY"
[figures]
a = { text = "1..2 billion yuan" }
)",
                                               "claims.toml");
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST_REQUIRE(result.error().size() == 1U);
    BOOST_TEST(format(result.error().front()) ==
               "claims.toml:5:17: error: expected a digit, found '.' [bad-amount]\n"
               "    5 | a = { text = \"1..2 billion yuan\" }\n"
               "      |                 ^\n");
}

BOOST_AUTO_TEST_CASE(reports_every_error_in_file_order) {
    const auto result = crossfoot::read_claims(R"([[checks]]
id = "c"
relation = "includes"
total = "a"
parts = ["b", "nothing"]

[figures]
a = { text = "2 billion yuan", qualifier = "roughly-ish" }
b = { text = "1 bn yaun" }

[document]
date = 2024-09-27
currency = "CNY"
colour = "blue"

[[checks]]
id = "c"
relation = "sum"
total = "a"
parts = ["a", "-b"]
)",
                                               "claims.toml");
    BOOST_TEST_REQUIRE(!result.has_value());
    std::vector<std::string> seen;
    for (const diagnostic& d : result.error()) {
        seen.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.code);
    }
    BOOST_TEST((seen == std::vector<std::string>{"5:15 unknown-figure", "8:44 unknown-qualifier",
                                                 "9:20 bad-amount", "14:1 unknown-key",
                                                 "17:6 duplicate-id"}));
}

BOOST_AUTO_TEST_CASE(reports_a_file_that_cannot_be_opened) {
    const auto result = crossfoot::read_claims_file("/nonexistent/claims.toml");
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST_REQUIRE(result.error().size() == 1U);
    BOOST_TEST(result.error().front().code == "no-file");
    BOOST_TEST(result.error().front().file == "/nonexistent/claims.toml");
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

// A folder of its own under the temporary directory, removed at the end of the test.
struct scratch_folder {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "crossfoot_claims_test";
    scratch_folder() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path / "more");
    }
    ~scratch_folder() { std::filesystem::remove_all(path); }
    scratch_folder(const scratch_folder&) = delete;
    scratch_folder& operator=(const scratch_folder&) = delete;

    void write(const std::string& name, std::string_view text) const {
        std::ofstream out(path / name, std::ios::binary);
        out << text;
    }
};

constexpr std::string_view claims_with_rates = R"([document]
date = 2024-09-27
[rates]
policy = "exact"
files = ["fixings.csv", "more/quotes.toml"]
quotes = [ { pair = "USD/CNY", rate = "7.5", date = 2024-09-27, source = "inline" } ]
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(claims_rates)

BOOST_AUTO_TEST_CASE(reads_rate_files_beside_the_claims_file_then_inline_quotes) {
    const scratch_folder folder;
    folder.write("claims.toml", claims_with_rates);
    folder.write("fixings.csv", "date,base,quote,rate,source\n2024-09-26,KRW,CNY,0.0053,bank\n");
    folder.write("more/quotes.toml",
                 "quotes = [ { pair = \"USD/CNY\", rate = \"7.2\", date = 2024-09-27 } ]\n");
    const auto c = crossfoot::read_claims_file((folder.path / "claims.toml").string());
    BOOST_TEST_REQUIRE(c.has_value());
    const auto table = crossfoot::rate_table_for(*c);
    BOOST_TEST_REQUIRE(table.has_value());
    BOOST_TEST(table->size() == crossfoot::builtin_rate_table().size() + 3U);
    const auto krw = table->find(currency("KRW"), currency("CNY"), day("2024-09-26"), c->policy);
    BOOST_TEST_REQUIRE(krw.has_value());
    BOOST_TEST(krw->value == dec("0.0053"));
    // The claims file's own quote wins over its rate files.
    const auto usd = table->find(currency("USD"), currency("CNY"), day("2024-09-27"), c->policy);
    BOOST_TEST_REQUIRE(usd.has_value());
    BOOST_TEST(usd->value == dec("7.5"));
}

BOOST_AUTO_TEST_CASE(gives_the_built_in_table_without_rates) {
    const auto table = crossfoot::rate_table_for(read("[document]\ndate = 2024-09-27\n"));
    BOOST_TEST_REQUIRE(table.has_value());
    BOOST_TEST(table->size() == crossfoot::builtin_rate_table().size());
}

BOOST_AUTO_TEST_CASE(reports_every_rate_file_that_cannot_be_read) {
    const scratch_folder folder;
    folder.write("claims.toml", claims_with_rates);
    folder.write("fixings.csv", "date,base,quote,rate\n2024-09-26,KRW,CNY,zero\n");
    const auto c = crossfoot::read_claims_file((folder.path / "claims.toml").string());
    BOOST_TEST_REQUIRE(c.has_value());
    const auto table = crossfoot::rate_table_for(*c);
    BOOST_TEST_REQUIRE(!table.has_value());
    BOOST_TEST_REQUIRE(table.error().size() == 2U);
    BOOST_TEST(table.error()[0].code == "bad-rate");
    BOOST_TEST(table.error()[0].file == (folder.path / "fixings.csv").string());
    BOOST_TEST(table.error()[0].line == 2U);
    BOOST_TEST(table.error()[1].code == "no-file");
    BOOST_TEST(table.error()[1].file == (folder.path / "more/quotes.toml").string());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(claims_from_strangers)

// Confined to its folder, a claims file may name rate files inside it only: "..", absolute
// paths and symbolic links that lead out are refused before the file is opened, so nothing of
// it is printed.
BOOST_AUTO_TEST_CASE(files_outside_the_confining_folder_are_refused) {
    const scratch_folder folder;
    folder.write("fixings.csv", "date,base,quote,rate\n2024-09-27,USD,CNY,7.0\n");
    std::filesystem::create_symlink("/etc/passwd", folder.path / "more" / "link.csv");
    const std::vector<std::string> outside = {"../outside.csv", "/etc/passwd", "more/link.csv",
                                              "more/../../outside.csv"};
    for (const std::string& file : outside) {
        folder.write("claims.toml", "[document]\ndate = 2024-09-27\n[rates]\nfiles = [\"" + file + "\"]\n");
        auto c = crossfoot::read_claims_file((folder.path / "claims.toml").string());
        BOOST_TEST_REQUIRE(c.has_value());
        c->confined_to = folder.path.string();
        const auto table = crossfoot::rate_table_for(*c);
        BOOST_TEST_REQUIRE(!table.has_value(), file);
        BOOST_TEST_REQUIRE(table.error().size() == 1U);
        BOOST_TEST(table.error().front().code == "outside-confinement");
        BOOST_TEST(table.error().front().line == 4U);
        BOOST_TEST(table.error().front().source_line.empty());
        BOOST_TEST(table.error().front().message.find("root:") == std::string::npos);
    }
    folder.write("claims.toml", "[document]\ndate = 2024-09-27\n[rates]\nfiles = [\"more/../fixings.csv\"]\n");
    auto inside = crossfoot::read_claims_file((folder.path / "claims.toml").string());
    BOOST_TEST_REQUIRE(inside.has_value());
    inside->confined_to = folder.path.string();
    BOOST_TEST(crossfoot::rate_table_for(*inside).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

