// tests/unit/check_test.cpp: checking stated totals against their components, from claims
// text to verdict: every relation and verdict, differences, the rounding edge cases of the
// XBRL interval rule, conversion at dated rates (single, cross and ranged), shares, counts,
// the bundled Changzhou example, and the text and JSON reports.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/figure.hpp>
#include <crossfoot/rates.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace bdata = boost::unit_test::data;

using crossfoot::check_result;
using crossfoot::claims;
using crossfoot::diagnostic;
using crossfoot::verdict;

claims read(std::string_view text) {
    auto result = crossfoot::read_claims(text, "claims.toml");
    if (!result) {
        for (const diagnostic& d : result.error()) BOOST_TEST_MESSAGE(format(d));
    }
    BOOST_TEST_REQUIRE(result.has_value());
    return std::move(*result);
}

crossfoot::rate_table rates_for(const claims& c) {
    auto table = crossfoot::rate_table_for(c);
    if (!table) {
        for (const diagnostic& d : table.error()) BOOST_TEST_MESSAGE(format(d));
    }
    BOOST_TEST_REQUIRE(table.has_value());
    return std::move(*table);
}

// Claims, their rate table and the report on them, built in place: the report points into
// the claims, so none of it moves.
class checked {
public:
    explicit checked(std::string_view text)
        : claims_(read(text)),
          rates_(rates_for(claims_)),
          report_(crossfoot::run_checks(claims_, rates_)) {}
    explicit checked(claims c)
        : claims_(std::move(c)),
          rates_(rates_for(claims_)),
          report_(crossfoot::run_checks(claims_, rates_)) {}
    checked(const checked&) = delete;
    checked& operator=(const checked&) = delete;

    [[nodiscard]] const crossfoot::check_report& report() const { return report_; }
    [[nodiscard]] const check_result& only() const {
        BOOST_TEST_REQUIRE(report_.results.size() == 1U);
        return report_.results.front();
    }
    [[nodiscard]] const check_result& result(std::string_view id) const {
        const auto found = std::ranges::find_if(
            report_.results, [id](const check_result& r) { return r.spec->id == id; });
        BOOST_TEST_REQUIRE((found != report_.results.end()), "no check " << id);
        return *found;
    }

private:
    claims claims_;
    crossfoot::rate_table rates_;
    crossfoot::check_report report_;
};

std::string verdict_of(const check_result& r) { return std::string(to_string(r.verdict)); }
std::string text_of(const std::optional<crossfoot::decimal>& d) {
    return d ? d->to_string() : "(none)";
}
std::string text_of(const std::optional<crossfoot::interval>& i) {
    return i ? i->to_string() : "(none)";
}

// The ids of each subset, "a+b".
std::vector<std::string> ids_of(const std::vector<crossfoot::explanation::subset>& subsets) {
    std::vector<std::string> out;
    for (const auto& s : subsets) {
        std::string ids;
        for (const std::string& id : s.ids) ids += (ids.empty() ? "" : "+") + id;
        out.push_back(ids);
    }
    return out;
}

constexpr std::string_view document = R"([document]
date     = 2024-09-27
currency = "CNY"
)";

std::string claims_text(std::string_view rest) {
    std::string text(document);  // appended, not added: GCC 12 warns wrongly on string + at -O2
    text += '\n';
    text += rest;
    return text;
}

}  // namespace

// ---- sum ------------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_sums)

BOOST_AUTO_TEST_CASE(parts_that_add_up_to_the_written_total_are_consistent) {
    const checked run(claims_text(R"([figures]
total = { text = "5 billion yuan" }
a     = { text = "2 billion yuan" }
b     = { text = "3 billion yuan" }

[[checks]]
id = "s"
relation = "sum"
total = "total"
parts = ["a", "b"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent");
    BOOST_TEST(r.in.code() == "CNY");
    BOOST_TEST(text_of(r.parts_sum) == "5000000000");
    BOOST_TEST(text_of(r.parts_range) == "[4000000000, 6000000000]");
    BOOST_TEST(r.difference->is_zero());
    BOOST_TEST(!r.remainder.has_value());
    BOOST_TEST(!r.explained.has_value());
    BOOST_TEST_REQUIRE(r.parts.size() == 2U);
    BOOST_TEST(r.parts[0].source->id == "a");
    BOOST_TEST(!r.parts[0].rate.has_value());
    BOOST_TEST(r.total->range.to_string() == "[4500000000, 5500000000]");
    BOOST_TEST(r.summary == "2 billion yuan + 3 billion yuan = 5 bn CNY, as stated");
    BOOST_TEST(r.reason.empty());
}

BOOST_AUTO_TEST_CASE(a_part_of_weight_minus_one_is_subtracted) {
    const checked run(claims_text(R"([figures]
gross = { text = "5.2 billion yuan" }
costs = { text = "2.2 billion yuan" }
net   = { text = "3 billion yuan" }
wrong = { text = "4 billion yuan" }

[[checks]]
id = "net"
relation = "sum"
total = "net"
parts = ["gross", "-costs"]

[[checks]]
id = "wrong"
relation = "sum"
total = "wrong"
parts = ["gross", "-costs"]
)"));
    const check_result& net = run.result("net");
    BOOST_TEST(verdict_of(net) == "consistent");
    BOOST_TEST_REQUIRE(net.parts.size() == 2U);
    BOOST_TEST(net.parts[0].weight == 1);
    BOOST_TEST(net.parts[1].weight == -1);
    BOOST_TEST(text_of(net.parts_sum) == "3000000000");
    // [5.15, 5.25] − [2.15, 2.25] billion
    BOOST_TEST(text_of(net.parts_range) == "[2900000000, 3100000000]");
    BOOST_TEST(net.difference->is_zero());
    BOOST_TEST(net.summary == "5.2 billion yuan − 2.2 billion yuan = 3 bn CNY, as stated");

    const check_result& wrong = run.result("wrong");
    BOOST_TEST(verdict_of(wrong) == "inconsistent");
    BOOST_TEST(text_of(wrong.difference) == "1000000000");
    BOOST_TEST(
        wrong.summary ==
        "5.2 billion yuan − 2.2 billion yuan = 3 bn CNY, not 4 billion yuan (1 bn CNY apart)");
    // No figures make up 4 billion: the nearest sums of the others are listed.
    BOOST_TEST_REQUIRE(wrong.explained.has_value());
    BOOST_TEST(wrong.explained->matching.empty());
    BOOST_TEST((ids_of(wrong.explained->nearest) ==
                std::vector<std::string>{"net", "gross", "costs+net"}));
}

BOOST_AUTO_TEST_CASE(an_inconsistent_sum_names_the_figures_that_make_up_the_total) {
    const checked run(claims_text(R"([figures]
total = { text = "5 billion yuan" }
a     = { text = "2 billion yuan" }
b     = { text = "1 billion yuan" }
c     = { text = "3 billion yuan" }
d     = { text = "4.9 billion yuan" }
e     = { text = "5.2 billion yuan" }
f     = { text = "2.5 billion yuan" }

[[checks]]
id = "s"
relation = "sum"
total = "total"
parts = ["a", "b"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "inconsistent");
    BOOST_TEST(text_of(r.parts_range) == "[2000000000, 4000000000]");
    BOOST_TEST(text_of(r.difference) == "2000000000");
    BOOST_TEST_REQUIRE(r.explained.has_value());
    // Sums of the figures within [4.5, 5.5] billion: d, e, a+c, a+f (4.5) and c+f (5.5);
    // the fewest figures first, then by id, three at most.
    const auto& matching = r.explained->matching;
    BOOST_TEST((ids_of(matching) == std::vector<std::string>{"d", "e", "a+c"}));
    BOOST_TEST_REQUIRE(matching.size() == 3U);
    BOOST_TEST(matching[0].total.to_string() == "4900000000");
    BOOST_TEST(matching[0].difference.to_string() == "100000000");
    BOOST_TEST(matching[1].total.to_string() == "5200000000");
    BOOST_TEST(matching[1].difference.to_string() == "-200000000");
    BOOST_TEST(matching[2].total.to_string() == "5000000000");
    BOOST_TEST(matching[2].difference.is_zero());
    BOOST_TEST(r.explained->nearest.empty());
}

// 1.2 + 3.4 + 2.15 billion yuan against totals written to one decimal or two.
struct rounding_case {
    std::string_view stated;
    bool parts_exact;
    std::string_view verdict, difference, total_range, parts_range;
    friend std::ostream& operator<<(std::ostream& os, const rounding_case& c) {
        return os << "1.2 + 3.4 + 2.15 stated as " << c.stated
                  << (c.parts_exact ? " (parts exact)" : "") << ": " << c.verdict;
    }
};
// The parts stand for [1.15, 1.25] + [3.35, 3.45] + [2.145, 2.155] = [6.645, 6.855] billion.
// Stated as 6.6 ([6.55, 6.65]) the total is consistent within rounding under the interval
// rule of XBRL Calculations 1.1: true values 1.15, 3.35 and 2.145 round half-up to the
// written parts 1.2, 3.4 and 2.15, and sum to 6.645, which rounds to 6.6. Taking the parts
// as exact (`parts_exact`), only the total's interval counts: 6.75 ∉ [6.55, 6.65].
const rounding_case rounding_cases[] = {
    {"6.8", false, "consistent within rounding", "50000000", "[6750000000, 6850000000]",
     "[6645000000, 6855000000]"},
    {"6.8", true, "consistent within rounding", "50000000", "[6750000000, 6850000000]",
     "[6750000000, 6750000000]"},
    {"6.6", false, "consistent within rounding", "-150000000", "[6550000000, 6650000000]",
     "[6645000000, 6855000000]"},
    {"6.6", true, "inconsistent", "-150000000", "[6550000000, 6650000000]",
     "[6750000000, 6750000000]"},
    {"6.5", false, "inconsistent", "-250000000", "[6450000000, 6550000000]",
     "[6645000000, 6855000000]"},
    {"6.5", true, "inconsistent", "-250000000", "[6450000000, 6550000000]",
     "[6750000000, 6750000000]"},
    {"6.75", false, "consistent", "0", "[6745000000, 6755000000]", "[6645000000, 6855000000]"},
    {"6.75", true, "consistent", "0", "[6745000000, 6755000000]", "[6750000000, 6750000000]"},
    // 1.25 + 3.45 + 2.155 = 6.855 rounds to 6.9 (half-up)
    {"6.9", false, "consistent within rounding", "150000000", "[6850000000, 6950000000]",
     "[6645000000, 6855000000]"},
    {"6.95", false, "inconsistent", "200000000", "[6945000000, 6955000000]",
     "[6645000000, 6855000000]"},
};

std::string rounding_claims(const rounding_case& c) {
    std::string text = claims_text(R"([figures]
a     = { text = "1.2 billion yuan" }
b     = { text = "3.4 billion yuan" }
c     = { text = "2.15 billion yuan" }
)");
    text += "total = { text = \"" + std::string(c.stated) + " billion yuan\" }\n";
    text += R"(
[[checks]]
id = "s"
relation = "sum"
total = "total"
parts = ["a", "b", "c"]
)";
    return text + (c.parts_exact ? "parts_exact = true\n" : "parts_exact = false\n");
}

BOOST_DATA_TEST_CASE(written_precision_decides_between_rounding_and_inconsistency,
                     bdata::make(rounding_cases), c) {
    const checked run(rounding_claims(c));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == c.verdict);
    BOOST_TEST(text_of(r.parts_sum) == "6750000000");
    BOOST_TEST(text_of(r.difference) == c.difference);
    BOOST_TEST(r.total->range.to_string() == c.total_range);
    BOOST_TEST(text_of(r.parts_range) == c.parts_range);
    BOOST_TEST(r.explained.has_value() == (c.verdict == "inconsistent"));
}

BOOST_AUTO_TEST_CASE(the_nearest_sums_explain_a_total_nothing_makes_up) {
    const checked run(claims_text(R"([figures]
a     = { text = "1.2 billion yuan" }
b     = { text = "3.4 billion yuan" }
c     = { text = "2.15 billion yuan" }
total = { text = "6.5 billion yuan" }

[[checks]]
id = "s"
relation = "sum"
total = "total"
parts = ["a", "b", "c"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "inconsistent");
    BOOST_TEST_REQUIRE(r.explained.has_value());
    BOOST_TEST(r.explained->matching.empty());
    const auto& nearest = r.explained->nearest;
    BOOST_TEST((ids_of(nearest) == std::vector<std::string>{"a+b+c", "b+c", "a+b"}));
    BOOST_TEST_REQUIRE(nearest.size() == 3U);
    BOOST_TEST(nearest[0].total.to_string() == "6750000000");
    BOOST_TEST(nearest[0].difference.to_string() == "-250000000");
    BOOST_TEST(nearest[1].total.to_string() == "5550000000");
    BOOST_TEST(nearest[1].difference.to_string() == "950000000");
    BOOST_TEST(nearest[2].total.to_string() == "4600000000");
    BOOST_TEST(nearest[2].difference.to_string() == "1900000000");
    BOOST_TEST(r.summary ==
               "1.2 billion yuan + 3.4 billion yuan + 2.15 billion yuan = 6.75 bn "
               "CNY, not 6.5 billion yuan (250 mn CNY apart)");
}

// Regression: the written values of "over 5 billion" and of exact parts summing to 5 billion
// are equal, but "over 5 billion" excludes 5 billion: that is no exact agreement.
BOOST_AUTO_TEST_CASE(a_total_over_x_is_not_met_exactly_by_parts_of_exactly_x) {
    const checked run(claims_text(R"([figures]
over_total     = { text = "over 5 billion yuan" }
at_least_total = { text = "at least 5 billion yuan" }
exact_total    = { text = "5 billion yuan", exact = true }
a              = { text = "2 billion yuan", exact = true }
b              = { text = "3 billion yuan", exact = true }
over_part      = { text = "over 2 billion yuan" }
c              = { text = "4.5 billion yuan" }

[[checks]]
id = "over"
relation = "sum"
total = "over_total"
parts = ["a", "b"]

[[checks]]
id = "at-least"
relation = "sum"
total = "at_least_total"
parts = ["a", "b"]

[[checks]]
id = "part-over"
relation = "sum"
total = "exact_total"
parts = ["over_part", "b"]

[[checks]]
id = "over-loose"
relation = "sum"
total = "over_total"
parts = ["c"]
)"));
    const check_result& over = run.result("over");
    BOOST_TEST(verdict_of(over) == "inconsistent");
    BOOST_TEST(over.difference->is_zero());
    BOOST_TEST(over.total->range.to_string() == "(5000000000, ∞)");
    BOOST_TEST(text_of(over.parts_range) == "[5000000000, 5000000000]");
    BOOST_TEST(verdict_of(run.result("at-least")) == "consistent");
    // (2, ∞) + 3 billion is above 5 billion, whatever the written values say
    BOOST_TEST(verdict_of(run.result("part-over")) == "inconsistent");
    // 4.5 billion stands for [4.45, 4.55] billion: none of it is over 5 billion
    BOOST_TEST(verdict_of(run.result("over-loose")) == "inconsistent");
}

BOOST_AUTO_TEST_CASE(a_qualified_total_admits_sums_within_its_bounds) {
    const checked run(claims_text(R"([figures]
over_total = { text = "over 5 billion yuan" }
about      = { text = "about 6.3 billion yuan" }
a          = { text = "2 billion yuan", exact = true }
b          = { text = "3.5 billion yuan", exact = true }
c          = { text = "6.22 billion yuan", exact = true }

[[checks]]
id = "over"
relation = "sum"
total = "over_total"
parts = ["a", "b"]

[[checks]]
id = "about"
relation = "sum"
total = "about"
parts = ["c"]
)"));
    // Neither sum is the written total, both lie within what the qualifier allows. "Over 5
    // billion" states a bound, and 5.5 billion meets it exactly, as a reader judges it; "about"
    // only widens, so 6 for "about 6.305" holds within what it allows.
    const check_result& over = run.result("over");
    BOOST_TEST(verdict_of(over) == "consistent");
    BOOST_TEST(text_of(over.difference) == "-500000000");
    const check_result& about = run.result("about");
    BOOST_TEST(verdict_of(about) == "consistent within rounding");
    BOOST_TEST(about.total->range.to_string() == "[6200000000, 6400000000]");
    BOOST_TEST(text_of(about.difference) == "80000000");
    BOOST_TEST(about.widened_by.size() == 1U);
    BOOST_TEST(about.summary == "6.22 billion yuan = 6.22 bn CNY; 'about' on about allows it");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- includes -------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_includes)

BOOST_AUTO_TEST_CASE(parts_below_the_total_leave_a_remainder_interval) {
    const checked run(claims_text(R"([figures]
funds_total = { text = "6.305 billion yuan" }
fund_a      = { text = "2 billion yuan" }
fund_b      = { text = "1.68 billion yuan" }

[[checks]]
id = "i"
relation = "includes"
total = "funds_total"
parts = ["fund_a", "fund_b"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent");
    BOOST_TEST(text_of(r.parts_sum) == "3680000000");
    BOOST_TEST(text_of(r.parts_range) == "[3175000000, 4185000000]");
    BOOST_TEST(text_of(r.difference) == "2625000000");
    // [6.3045, 6.3055] − [3.175, 4.185] billion
    BOOST_TEST(text_of(r.remainder) == "[2119500000, 3130500000]");
    BOOST_TEST(!r.explained.has_value());
    BOOST_TEST(r.summary ==
               "6.305 billion yuan includes 2 billion yuan + 1.68 billion yuan; "
               "2.625 bn CNY left for the rest");
}

BOOST_AUTO_TEST_CASE(parts_above_the_written_total_but_within_its_rounding_fit_within_rounding) {
    const checked run(claims_text(R"([figures]
total = { text = "6.3 billion yuan" }
a     = { text = "2.2 billion yuan" }
b     = { text = "4.12 billion yuan" }

[[checks]]
id = "i"
relation = "includes"
total = "total"
parts = ["a", "b"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent within rounding");
    BOOST_TEST(text_of(r.parts_sum) == "6320000000");
    BOOST_TEST(text_of(r.difference) == "-20000000");
    BOOST_TEST(text_of(r.parts_range) == "[6265000000, 6375000000]");
    // [6.25, 6.35] − [6.265, 6.375] billion: the remainder may be below zero, not all of it
    BOOST_TEST(text_of(r.remainder) == "[-125000000, 85000000]");
}

BOOST_AUTO_TEST_CASE(parts_whose_smallest_values_exceed_the_total_are_inconsistent) {
    const checked run(claims_text(R"([figures]
total = { text = "3 billion yuan" }
a     = { text = "2 billion yuan", exact = true }
b     = { text = "1.68 billion yuan" }

[[checks]]
id = "i"
relation = "includes"
total = "total"
parts = ["a", "b"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "inconsistent");
    BOOST_TEST(text_of(r.parts_sum) == "3680000000");
    BOOST_TEST(text_of(r.difference) == "-680000000");
    BOOST_TEST(text_of(r.remainder) == "[-1185000000, -175000000]");
    BOOST_TEST(r.summary ==
               "2 billion yuan + 1.68 billion yuan = 3.68 bn CNY exceed 3 billion yuan");
}

// Regression: "over 3 billion" parts cannot be among a total of exactly 3 billion, though the
// written values are equal.
BOOST_AUTO_TEST_CASE(parts_over_the_total_do_not_fit_even_when_written_equal) {
    const checked run(claims_text(R"([figures]
total = { text = "3 billion yuan", exact = true }
part  = { text = "over 3 billion yuan" }

[[checks]]
id = "i"
relation = "includes"
total = "total"
parts = ["part"]
)"));
    BOOST_TEST(verdict_of(run.only()) == "inconsistent");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- conversion of parts --------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_conversions)

BOOST_AUTO_TEST_CASE(converts_a_dollar_part_through_the_euro_at_the_document_date) {
    const checked run(claims_text(R"([figures]
total   = { text = "15 billion yuan" }
foreign = { text = "1.16 billion USD" }
local   = { text = "6.9 billion yuan" }

[[checks]]
id = "s"
relation = "sum"
total = "total"
parts = ["foreign", "local"]
)"));
    const check_result& r = run.only();
    BOOST_TEST_REQUIRE(r.parts.size() == 2U);
    const auto& foreign = r.parts[0];
    BOOST_TEST_REQUIRE(foreign.rate.has_value());
    const crossfoot::found_rate& rate = *foreign.rate;
    // 7.823 CNY per euro / 1.1158 USD per euro, to 12 significant digits, half-even
    BOOST_TEST(rate.value.to_string() == "7.01111310271");
    BOOST_TEST(rate.path_text() == "USD→EUR→CNY");
    BOOST_TEST(!rate.exact);
    BOOST_TEST(!rate.low.has_value());
    BOOST_TEST(!rate.high.has_value());
    BOOST_TEST(crossfoot::to_string(rate.requested) == "2024-09-27");
    BOOST_TEST_REQUIRE(rate.path.size() == 2U);
    BOOST_TEST(rate.path[0].inverted);
    BOOST_TEST(rate.path[0].value.to_string() == "0.896217960208");
    BOOST_TEST_REQUIRE(rate.path[0].quotes.size() == 1U);
    BOOST_TEST(rate.path[0].quotes[0].rate.to_string() == "1.1158");
    BOOST_TEST(crossfoot::to_string(rate.path[0].quotes[0].on) == "2024-09-27");
    BOOST_TEST(rate.path[0].quotes[0].source == "ECB euro reference rate");
    BOOST_TEST(!rate.path[1].inverted);
    BOOST_TEST(rate.path[1].value.to_string() == "7.823");

    BOOST_TEST(foreign.value.to_string() == "8132891199.1436");
    // [1.155, 1.165] billion USD × 7.01111310271
    BOOST_TEST(foreign.range.to_string() == "[8097835633.63005, 8167946764.65715]");
    BOOST_TEST(!r.parts[1].rate.has_value());
    BOOST_TEST(text_of(r.parts_sum) == "15032891199.1436");
    BOOST_TEST(text_of(r.parts_range) == "[14947835633.63005, 15117946764.65715]");
    BOOST_TEST(text_of(r.difference) == "-32891199.1436");
    BOOST_TEST(verdict_of(r) == "consistent within rounding");
    BOOST_TEST(r.summary ==
               "1.16 billion USD (≈8.133 bn CNY) + 6.9 billion yuan = ≈15.033 bn "
               "CNY; \"15 billion yuan\" as written allows it");
}

BOOST_AUTO_TEST_CASE(a_window_range_widens_the_converted_interval_to_every_quote_and_range) {
    const checked run(claims_text(R"([rates]
policy = "window-range"
quotes = [
    { pair = "USD/CNY", rate = "7.2", date = 2024-09-23, source = "A" },
    { pair = "USD/CNY", rate = "7.0", low = "6.9", high = "7.1", date = 2024-09-26, source = "B" },
]

[figures]
signed_total = { text = "39.7 billion yuan" }
foreign      = { text = "1.16 billion USD" }

[[checks]]
id = "i"
relation = "includes"
total = "signed_total"
parts = ["foreign"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent");
    BOOST_TEST_REQUIRE(r.parts.size() == 1U);
    const auto& foreign = r.parts[0];
    BOOST_TEST_REQUIRE(foreign.rate.has_value());
    // the latest quote is the rate; the range spans 6.9 (a low) to 7.2 (an earlier quote)
    BOOST_TEST(foreign.rate->value.to_string() == "7.0");
    BOOST_TEST(text_of(foreign.rate->low) == "6.9");
    BOOST_TEST(text_of(foreign.rate->high) == "7.2");
    BOOST_TEST(foreign.rate->path_text() == "USD→CNY");
    BOOST_TEST_REQUIRE(foreign.rate->path.size() == 1U);
    BOOST_TEST(foreign.rate->path[0].quotes.size() == 2U);
    BOOST_TEST(foreign.value.to_string() == "8120000000");
    // [1.155 × 6.9, 1.165 × 7.2] billion
    BOOST_TEST(foreign.range.to_string() == "[7969500000, 8388000000]");
    BOOST_TEST(text_of(r.difference) == "31580000000");
    BOOST_TEST(text_of(r.remainder) == "[31262000000, 31780500000]");
}

BOOST_AUTO_TEST_CASE(a_quote_with_its_own_range_widens_the_converted_interval) {
    const checked run(claims_text(R"([rates]
quotes = [ { pair = "USD/CNY", rate = "7.0", low = "6.9", high = "7.1", date = 2024-09-26 } ]

[figures]
signed_total = { text = "39.7 billion yuan" }
foreign      = { text = "1.16 billion USD" }

[[checks]]
id = "i"
relation = "includes"
total = "signed_total"
parts = ["foreign"]
)"));
    const check_result& r = run.only();
    const auto& foreign = r.parts.at(0);
    BOOST_TEST_REQUIRE(foreign.rate.has_value());
    BOOST_TEST(foreign.rate->value.to_string() == "7.0");
    BOOST_TEST(text_of(foreign.rate->low) == "6.9");
    BOOST_TEST(text_of(foreign.rate->high) == "7.1");
    BOOST_TEST(foreign.rate->path.at(0).quotes.at(0).source == "claims.toml");
    BOOST_TEST(foreign.range.to_string() == "[7969500000, 8271500000]");
    BOOST_TEST(text_of(r.remainder) == "[31378500000, 31780500000]");
    BOOST_TEST(verdict_of(r) == "consistent");
}

BOOST_AUTO_TEST_CASE(a_window_range_over_the_built_in_table_bounds_the_cross_rate_outward) {
    const checked run(claims_text(R"([rates]
policy = "window-range"

[figures]
signed_total = { text = "39.7 billion yuan" }
foreign      = { text = "1.16 billion USD" }

[[checks]]
id = "i"
relation = "includes"
total = "signed_total"
parts = ["foreign"]
)"));
    const auto& foreign = run.only().parts.at(0);
    BOOST_TEST_REQUIRE(foreign.rate.has_value());
    // 2024-09-20 to 09-27: the daily cross rates CNY per euro / USD per euro run from
    // 7.823 / 1.1158 (09-27, the lowest, rounded down) to 7.8776 / 1.1166 (09-20, the highest,
    // rounded up). The legs' own extremes (7.8213 / 1.1194 to 7.8776 / 1.1119) never stood on
    // one day and would widen the range to 6.987 .. 7.085.
    BOOST_TEST(foreign.rate->value.to_string() == "7.01111310271");
    BOOST_TEST(text_of(foreign.rate->low) == "7.01111310270");
    BOOST_TEST(text_of(foreign.rate->high) == "7.05498835752");
    BOOST_TEST(foreign.value.to_string() == "8132891199.1436");
    BOOST_TEST(foreign.range.to_string() == "[8097835633.61850, 8219061436.51080]");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- converts -------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_converts)

BOOST_AUTO_TEST_CASE(reports_the_implied_rate_against_the_reference_rate) {
    const checked run(claims_text(R"([figures]
dollars = { text = "US$1.2bn" }
yuan    = { text = "about 8.4 billion yuan" }

[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(text_of(r.implied_rate) == "7");
    BOOST_TEST_REQUIRE(r.parts.size() == 1U);
    BOOST_TEST_REQUIRE(r.parts[0].rate.has_value());
    BOOST_TEST(r.parts[0].rate->value.to_string() == "7.01111310271");
    // (7 − 7.01111310271) × 100 / 7.01111310271 = −0.158506…
    BOOST_TEST(text_of(r.deviation_percent) == "-0.1585");
    BOOST_TEST(r.parts[0].value.to_string() == "8413335723.252");
    BOOST_TEST(r.parts[0].range.to_string() == "[8062780068.1165, 8763891378.3875]");
    // In a conversion "about" says the figure was converted: the rates judge it, so it stands
    // for its rounding only.
    BOOST_TEST(r.total->range.to_string() == "[8350000000, 8450000000]");
    BOOST_TEST(text_of(r.difference) == "-13335723.252");
    BOOST_TEST(verdict_of(r) == "consistent within rounding");
    BOOST_TEST(r.summary ==
               "about 8.4 billion yuan for US$1.2bn: implied 7 CNY per USD, reference "
               "7.01111310271 (-0.1585% off)");
}

BOOST_AUTO_TEST_CASE(a_conversion_beyond_both_intervals_is_inconsistent) {
    const checked run(claims_text(R"([figures]
dollars = { text = "US$1.2bn" }
yuan    = { text = "9.5 billion yuan" }

[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "inconsistent");
    BOOST_TEST(text_of(r.implied_rate) == "7.91666666667");
    BOOST_TEST(text_of(r.deviation_percent) == "12.9160");
    BOOST_TEST(text_of(r.difference) == "1086664276.748");
}

BOOST_AUTO_TEST_CASE(a_conversion_at_the_quoted_rate_is_consistent) {
    const checked run(claims_text(R"([rates]
quotes = [ { pair = "USD/CNY", rate = "7", date = 2024-09-27, source = "bank" } ]

[figures]
dollars = { text = "US$1.2bn" }
yuan    = { text = "8.4 billion yuan" }

[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent");
    BOOST_TEST(text_of(r.implied_rate) == "7");
    BOOST_TEST(r.parts.at(0).rate->value.to_string() == "7");
    BOOST_TEST(r.parts.at(0).rate->path_text() == "USD→CNY");
    BOOST_TEST(r.deviation_percent->is_zero());
    BOOST_TEST(r.difference->is_zero());
}

BOOST_AUTO_TEST_SUITE_END()

// ---- share ----------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_shares)

struct share_case {
    std::string_view percent, verdict, computed;
    friend std::ostream& operator<<(std::ostream& os, const share_case& c) {
        return os << "10 of 40 billion stated as " << c.percent << "%: " << c.verdict;
    }
};
// [9.5, 10.5] of [39.5, 40.5] billion is 23.45… % to 26.58… %.
const share_case share_cases[] = {
    {"25", "consistent", "25.00"},
    {"25.0", "consistent", "25.000"},
    {"24", "consistent within rounding", "25.00"},  // [23.5, 24.5] meets it
    {"26.5", "consistent within rounding", "25.000"},
    {"23", "consistent within rounding", "25.00"},  // 23.5 reaches 9.5 / 40.5 = 23.456…
    {"22", "inconsistent", "25.00"},                // [21.5, 22.5] does not
    {"30", "inconsistent", "25.00"},
    {"24.9", "consistent within rounding", "25.000"},
};

BOOST_DATA_TEST_CASE(a_part_stated_as_a_percentage_of_the_total, bdata::make(share_cases), c) {
    const std::string text = claims_text(R"([figures]
total = { text = "40 billion yuan" }
part  = { text = "10 billion yuan" }

[[checks]]
id = "p"
relation = "share"
total = "total"
parts = ["part"]
)");
    const checked run(text + "percent = \"" + std::string(c.percent) + "\"\n");
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == c.verdict);
    BOOST_TEST(text_of(r.share_percent) == c.computed);
    BOOST_TEST(text_of(r.parts_sum) == "10000000000");
    // The difference of a share is the gap between the computed and the stated percentage,
    // not total − part.
    const auto gap = crossfoot::decimal::parse(c.computed).value() - crossfoot::decimal::parse(c.percent).value();
    BOOST_TEST(text_of(r.difference) == gap.to_string());
    std::string summary = "10 billion yuan is " + std::string(c.computed) +
                          "% of 40 billion yuan; stated " + std::string(c.percent) + "%";
    if (std::string_view(c.verdict) == "inconsistent")
        summary += " (" + gap.abs().to_string() + " points apart)";
    BOOST_TEST(r.summary == summary);
}

BOOST_AUTO_TEST_CASE(a_share_of_counts_is_within_the_rounding_of_the_percentage) {
    const checked run(claims_text(R"([figures]
signed  = { text = "42 projects" }
foreign = { text = "9 projects" }

[[checks]]
id = "one-decimal"
relation = "share"
total = "signed"
parts = ["foreign"]
percent = "21.4"

[[checks]]
id = "two-decimals"
relation = "share"
total = "signed"
parts = ["foreign"]
percent = "21.43"

[[checks]]
id = "wrong"
relation = "share"
total = "signed"
parts = ["foreign"]
percent = "21.5"
)"));
    // 9 / 42 = 21.428571…%: the counts are exact, only the percentage is rounded
    const check_result& one = run.result("one-decimal");
    BOOST_TEST(verdict_of(one) == "consistent within rounding");
    BOOST_TEST(text_of(one.share_percent) == "21.429");
    const check_result& two = run.result("two-decimals");
    BOOST_TEST(verdict_of(two) == "consistent within rounding");
    BOOST_TEST(text_of(two.share_percent) == "21.4286");
    BOOST_TEST(verdict_of(run.result("wrong")) == "inconsistent");  // [21.45, 21.55]
}

BOOST_AUTO_TEST_CASE(a_share_of_several_parts_takes_their_sum) {
    const checked run(claims_text(R"([figures]
total = { text = "40 billion yuan", exact = true }
a     = { text = "6 billion yuan", exact = true }
b     = { text = "4 billion yuan", exact = true }

[[checks]]
id = "p"
relation = "share"
total = "total"
parts = ["a", "b"]
percent = "25"
)"));
    BOOST_TEST(verdict_of(run.only()) == "consistent");
    BOOST_TEST(text_of(run.only().share_percent) == "25.00");
}

// Regression: a total with no upper bound ("over 100 billion") bounds the share from above
// only; it was taken as matching no share at all.
BOOST_AUTO_TEST_CASE(an_unbounded_total_bounds_the_share_on_one_side) {
    const checked run(claims_text(R"([figures]
total = { text = "over 100 billion yuan" }
part  = { text = "10 billion yuan" }

[[checks]]
id = "below"
relation = "share"
total = "total"
parts = ["part"]
percent = "9"

[[checks]]
id = "as-written"
relation = "share"
total = "total"
parts = ["part"]
percent = "10"

[[checks]]
id = "above"
relation = "share"
total = "total"
parts = ["part"]
percent = "12"
)"));
    // [9.5, 10.5] billion of more than 100 billion: a share below 10.5 %
    const check_result& below = run.result("below");
    BOOST_TEST(verdict_of(below) == "consistent within rounding");
    BOOST_TEST(text_of(below.share_percent) == "10.00");
    // 10 % needs a total of exactly 100 billion, which "over 100 billion" is not
    BOOST_TEST(verdict_of(run.result("as-written")) == "consistent within rounding");
    BOOST_TEST(verdict_of(run.result("above")) == "inconsistent");  // [11.5, 12.5]
}

BOOST_AUTO_TEST_SUITE_END()

// ---- counts ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_counts)

BOOST_AUTO_TEST_CASE(counts_are_exact_and_never_converted) {
    const checked run(claims_text(R"([figures]
signed  = { text = "42 projects" }
foreign = { text = "9 foreign-funded projects" }

[[checks]]
id = "i"
relation = "includes"
total = "signed"
parts = ["foreign"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent");
    BOOST_TEST(r.in.is_count());
    BOOST_TEST(text_of(r.parts_sum) == "9");
    BOOST_TEST(text_of(r.parts_range) == "[9, 9]");
    BOOST_TEST(text_of(r.difference) == "33");
    BOOST_TEST(text_of(r.remainder) == "[33, 33]");
    BOOST_TEST(!r.parts.at(0).rate.has_value());
    BOOST_TEST(r.summary == "42 projects includes 9 foreign-funded projects; 33 left for the rest");
}

BOOST_AUTO_TEST_CASE(a_list_of_names_counts_as_many_as_it_names) {
    const checked run(claims_text(R"([figures]
companies = { text = "5 companies" }
chinese   = { text = "3 companies" }
named     = { names = ["CATL", "BYD", "Li Auto"] }

[[checks]]
id = "named-as-counted"
relation = "sum"
total = "chinese"
parts = ["named"]

[[checks]]
id = "named-among-all"
relation = "includes"
total = "companies"
parts = ["named"]

[[checks]]
id = "named-as-all"
relation = "sum"
total = "companies"
parts = ["named"]
)"));
    const check_result& counted = run.result("named-as-counted");
    BOOST_TEST(verdict_of(counted) == "consistent");
    BOOST_TEST(text_of(counted.parts_sum) == "3");
    BOOST_TEST(counted.summary == "3 (CATL, BYD, Li Auto) = 3, as stated");
    const check_result& among = run.result("named-among-all");
    BOOST_TEST(verdict_of(among) == "consistent");
    BOOST_TEST(text_of(among.remainder) == "[2, 2]");
    const check_result& all = run.result("named-as-all");
    BOOST_TEST(verdict_of(all) == "inconsistent");
    BOOST_TEST(text_of(all.difference) == "2");
    BOOST_TEST(all.summary == "3 (CATL, BYD, Li Auto) = 3, not 5 companies (2 apart)");
    // only counts can explain a count: 3 companies + names, or either
    BOOST_TEST_REQUIRE(all.explained.has_value());
    BOOST_TEST(all.explained->matching.empty());
    BOOST_TEST((ids_of(all.explained->nearest) ==
                std::vector<std::string>{"chinese+named", "chinese", "named"}));
}

BOOST_AUTO_TEST_CASE(a_count_rounded_by_a_scale_word_agrees_within_rounding) {
    const checked run(claims_text(R"([figures]
total = { text = "5 thousand projects" }
a     = { text = "4,200 projects" }
b     = { text = "1,100 projects" }

[[checks]]
id = "s"
relation = "sum"
total = "total"
parts = ["a", "b"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent within rounding");
    BOOST_TEST(r.total->range.to_string() == "[4500, 5500]");
    BOOST_TEST(text_of(r.parts_range) == "[5300, 5300]");
    BOOST_TEST(text_of(r.difference) == "-300");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- unverifiable ---------------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_unverifiable)

constexpr std::string_view dollar_claims = R"([figures]
signed_total = { text = "39.7 billion yuan" }
foreign      = { text = "1.16 billion USD" }

[[checks]]
id = "i"
relation = "includes"
total = "signed_total"
parts = ["foreign"]
)";

BOOST_AUTO_TEST_CASE(a_date_beyond_the_rates_makes_a_foreign_part_unverifiable) {
    const checked run(std::string(R"([document]
date     = 2024-11-15
currency = "CNY"

)") + std::string(dollar_claims));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "unverifiable");
    BOOST_TEST(r.reason.starts_with(
        "no USD/CNY rate for 2024-11-15 under the on-or-before (max age 7 days) policy"));
    BOOST_TEST(r.summary == r.reason);
    BOOST_TEST(!r.parts_sum.has_value());
    BOOST_TEST(!r.difference.has_value());
    BOOST_TEST(!r.remainder.has_value());
    BOOST_TEST(!r.total.has_value());
    BOOST_TEST(r.parts.empty());
    BOOST_TEST(run.report().count(verdict::unverifiable) == 1U);
    BOOST_TEST(!run.report().any_inconsistent());
}

BOOST_AUTO_TEST_CASE(a_rate_older_than_the_maximum_age_is_not_used) {
    // 2024-10-07 is seven days after the last quote (2024-09-30); 2024-10-08 is eight
    const checked in_time(std::string("[document]\ndate = 2024-10-07\n\n") +
                          std::string(dollar_claims));
    BOOST_TEST(verdict_of(in_time.only()) == "consistent");
    BOOST_TEST(crossfoot::to_string(in_time.only().parts.at(0).rate->path.at(0).quotes.at(0).on) ==
               "2024-09-30");
    const checked too_late(std::string("[document]\ndate = 2024-10-08\n\n") +
                           std::string(dollar_claims));
    BOOST_TEST(verdict_of(too_late.only()) == "unverifiable");
}

BOOST_AUTO_TEST_CASE(no_document_date_makes_a_foreign_part_unverifiable) {
    // read_claims requires a date; a program that builds its claims may leave it out
    claims c = read(claims_text(dollar_claims));
    c.document.on.reset();
    const checked run(std::move(c));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "unverifiable");
    BOOST_TEST(r.reason == "'foreign' is in USD: converting it needs the document's date");
}

BOOST_AUTO_TEST_CASE(a_count_cannot_be_compared_with_money) {
    const checked run(claims_text(R"([figures]
total    = { text = "39.7 billion yuan" }
projects = { text = "42 projects" }

[[checks]]
id = "s"
relation = "sum"
total = "total"
parts = ["projects"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "unverifiable");
    BOOST_TEST(r.reason == "'projects' is in count and cannot be compared with CNY");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the bundled example --------------------------------------------------------------------

namespace {

claims example_claims() {
    auto result = crossfoot::read_claims_file(std::string(CROSSFOOT_SOURCE_DIR) +
                                              "/examples/changzhou-2024.toml");
    if (!result) {
        for (const diagnostic& d : result.error()) BOOST_TEST_MESSAGE(format(d));
    }
    BOOST_TEST_REQUIRE(result.has_value());
    return std::move(*result);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(check_changzhou_example)

BOOST_AUTO_TEST_CASE(gives_every_verdict_the_release_implies) {
    const checked run(example_claims());
    const auto& results = run.report().results;
    BOOST_TEST_REQUIRE(results.size() == 6U);
    const std::pair<std::string_view, std::string_view> expected[] = {
        {"foreign-projects-among-signed", "consistent"},
        {"foreign-investment-within-total", "consistent"},
        {"named-funds-within-funds-total", "consistent"},
        {"all-funds-make-funds-total", "inconsistent"},
        {"chinese-among-hurun", "consistent"},
        {"chinese-companies-named", "consistent"},
    };
    for (std::size_t i = 0; i < results.size(); ++i) {
        BOOST_TEST_CONTEXT("check " << i) {
            BOOST_TEST(results[i].spec->id == expected[i].first);
            BOOST_TEST(verdict_of(results[i]) == expected[i].second);
        }
    }
    BOOST_TEST(run.report().count(verdict::consistent) == 5U);
    BOOST_TEST(run.report().count(verdict::consistent_within_rounding) == 0U);
    BOOST_TEST(run.report().count(verdict::inconsistent) == 1U);
    BOOST_TEST(run.report().count(verdict::unverifiable) == 0U);
    BOOST_TEST(run.report().any_inconsistent());
}

BOOST_AUTO_TEST_CASE(the_foreign_investment_is_converted_and_leaves_a_remainder) {
    const checked run(example_claims());
    const check_result& r = run.result("foreign-investment-within-total");
    BOOST_TEST(r.in.code() == "CNY");
    const auto& foreign = r.parts.at(0);
    BOOST_TEST(foreign.rate->value.to_string() == "7.01111310271");
    BOOST_TEST(foreign.rate->path_text() == "USD→EUR→CNY");
    BOOST_TEST(foreign.value.to_string() == "8132891199.1436");
    BOOST_TEST(text_of(r.parts_sum) == "8132891199.1436");
    BOOST_TEST(text_of(r.difference) == "31567108800.8564");
    // [39.65, 39.75] billion − [8097835633.63005, 8167946764.65715]
    BOOST_TEST(text_of(r.remainder) == "[31482053235.34285, 31652164366.36995]");
    BOOST_TEST(r.summary ==
               "39.7 billion yuan includes 1.16 billion USD (≈8.133 bn CNY); "
               "≈31.567 bn CNY left for the rest");
}

BOOST_AUTO_TEST_CASE(the_named_funds_leave_2_625_billion_unexplained) {
    const checked run(example_claims());
    const check_result& r = run.result("named-funds-within-funds-total");
    BOOST_TEST(text_of(r.parts_sum) == "3680000000");
    BOOST_TEST(text_of(r.difference) == "2625000000");
    BOOST_TEST(text_of(r.remainder) == "[2119500000, 3130500000]");
    BOOST_TEST(r.summary ==
               "6.305 billion yuan includes 2 billion yuan + 1.68 billion yuan; "
               "2.625 bn CNY left for the rest");
}

BOOST_AUTO_TEST_CASE(all_three_funds_cannot_make_the_6_305_billion_total) {
    const checked run(example_claims());
    const check_result& r = run.result("all-funds-make-funds-total");
    BOOST_TEST(text_of(r.parts_sum) == "8680000000");
    BOOST_TEST(text_of(r.difference) == "-2375000000");
    // the mother fund is exact: 5 + [1.5, 2.5] + [1.675, 1.685] billion
    BOOST_TEST(text_of(r.parts_range) == "[8175000000, 9185000000]");
    BOOST_TEST(r.total->range.to_string() == "[6304500000, 6305500000]");
    BOOST_TEST(r.summary ==
               "5 billion yuan + 2 billion yuan + 1.68 billion yuan = 8.68 bn CNY, "
               "not 6.305 billion yuan (2.375 bn CNY apart)");
    BOOST_TEST_REQUIRE(r.explained.has_value());
    BOOST_TEST(r.explained->matching.empty());
    // the nearest sums of the release's yuan figures: 6.68 billion twice, then 7 billion
    const auto& nearest = r.explained->nearest;
    BOOST_TEST(
        (ids_of(nearest) == std::vector<std::string>{"mother_fund+yuanzheng_fund",
                                                     "li_auto_base+scientists_fund+yuanzheng_fund",
                                                     "mother_fund+scientists_fund"}));
    BOOST_TEST_REQUIRE(nearest.size() == 3U);
    BOOST_TEST(nearest[0].total.to_string() == "6680000000");
    BOOST_TEST(nearest[0].difference.to_string() == "-375000000");
    BOOST_TEST(nearest[1].difference.to_string() == "-375000000");
    BOOST_TEST(nearest[2].total.to_string() == "7000000000");
    BOOST_TEST(nearest[2].difference.to_string() == "-695000000");
}

BOOST_AUTO_TEST_CASE(the_counts_hold) {
    const checked run(example_claims());
    const check_result& projects = run.result("foreign-projects-among-signed");
    BOOST_TEST(text_of(projects.parts_sum) == "9");
    BOOST_TEST(text_of(projects.remainder) == "[33, 33]");
    BOOST_TEST(projects.summary == "42 projects includes 9 projects; 33 left for the rest");
    const check_result& hurun = run.result("chinese-among-hurun");
    BOOST_TEST(text_of(hurun.parts_sum) == "3");
    BOOST_TEST(text_of(hurun.difference) == "2");
    BOOST_TEST(hurun.summary == "5 companies includes 3 companies; 2 left for the rest");
    const check_result& named = run.result("chinese-companies-named");
    BOOST_TEST(named.difference->is_zero());
    BOOST_TEST(named.summary == "3 (CATL, BYD, Li Auto) = 3, as stated");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- reports --------------------------------------------------------------------------------

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(check_reports)

BOOST_AUTO_TEST_CASE(the_text_report_gives_a_verdict_line_per_check_then_the_arithmetic) {
    const checked run(example_claims());
    const std::string text = crossfoot::format_check_text(run.report());
    const auto lines = lines_of(text);
    BOOST_TEST_REQUIRE(lines.size() > 10U);
    BOOST_TEST(lines[0] == "crossfoot check: Invest in Changzhou conference, 2024");
    BOOST_TEST(lines[1] ==
               "document: 2024-09-27; press release of the conference's organising "
               "committee; bare figures in CNY");
    // One line per check, in file order: the verdict, the check's id and its summary.
    for (std::size_t i = 0; i < run.report().results.size(); ++i) {
        const check_result& r = run.report().results[i];
        BOOST_TEST_CONTEXT("check " << r.spec->id) {
            const std::string& line = lines.at(4 + i);
            BOOST_TEST(line.starts_with(verdict_of(r) + " "));
            BOOST_TEST(line.find("  " + r.spec->id + " ") != std::string::npos);
            BOOST_TEST(line.ends_with("  " + r.summary));
        }
    }
    BOOST_TEST(lines.at(4) ==
               "consistent                    foreign-projects-among-signed    42 "
               "projects includes 9 projects; 33 left for the rest");
    BOOST_TEST(text.find("\n6 checks: 5 consistent, 0 consistent within rounding, 0 "
                         "consistent at a nearby rate, 1 inconsistent, 0 unverifiable\n") != std::string::npos);
    BOOST_TEST(text.find("  verdict    inconsistent: they differ by 2,375,000,000 CNY, more than "
                         "the written digits allow\n") != std::string::npos);
    BOOST_TEST(text.find("  remainder  31,567,108,800.8564 CNY unexplained, within "
                         "[31,482,053,235.34285, 31,652,164,366.36995]\n") != std::string::npos);
    BOOST_TEST(text.find("rate USD→EUR→CNY = 7.01111310271 (12 digits): USD→EUR 1 / 1.1158 "
                         "EUR/USD 2024-09-27") != std::string::npos);
    BOOST_TEST(text.find('\x1b') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_text_report_colours_verdicts_when_asked) {
    const checked run(example_claims());
    const std::string text = crossfoot::format_check_text(run.report(), true);
    BOOST_TEST(text.find("\x1b[1;31minconsistent\x1b[0m") != std::string::npos);
    BOOST_TEST(text.find("\x1b[32mconsistent\x1b[0m") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_json_report_parses_and_carries_the_schema_and_counts) {
    const checked run(example_claims());
    const auto j = nlohmann::json::parse(crossfoot::format_check_json(run.report()));
    BOOST_TEST(j.at("schema").get<std::string>() == "crossfoot-check/2");
    BOOST_TEST(j.at("document").at("date").get<std::string>() == "2024-09-27");
    BOOST_TEST(j.at("document").at("currency").get<std::string>() == "CNY");
    const auto& summary = j.at("summary");
    BOOST_TEST(summary.at("checks").get<int>() == 6);
    BOOST_TEST(summary.at("consistent").get<int>() == 5);
    BOOST_TEST(summary.at("consistent_within_rounding").get<int>() == 0);
    BOOST_TEST(summary.at("inconsistent").get<int>() == 1);
    BOOST_TEST(summary.at("unverifiable").get<int>() == 0);
    const auto& checks = j.at("checks");
    BOOST_TEST_REQUIRE(checks.size() == 6U);
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const check_result& r = run.report().results[i];
        BOOST_TEST_CONTEXT("check " << r.spec->id) {
            BOOST_TEST(checks[i].at("id").get<std::string>() == r.spec->id);
            BOOST_TEST(checks[i].at("verdict").get<std::string>() == verdict_of(r));
            BOOST_TEST(checks[i].at("summary").get<std::string>() == r.summary);
        }
    }
    // Every number is an exact decimal string.
    const auto& foreign = checks[1];
    BOOST_TEST(foreign.at("unit").get<std::string>() == "CNY");
    BOOST_TEST(foreign.at("parts_sum").get<std::string>() == "8132891199.1436");
    BOOST_TEST(foreign.at("difference").get<std::string>() == "31567108800.8564");
    BOOST_TEST(foreign.at("remainder").at("low").get<std::string>() == "31482053235.34285");
    BOOST_TEST(foreign.at("remainder").at("high").get<std::string>() == "31652164366.36995");
    const auto& part = foreign.at("parts").at(0);
    BOOST_TEST(part.at("converted").get<std::string>() == "8132891199.1436");
    BOOST_TEST(part.at("rate").at("value").get<std::string>() == "7.01111310271");
    BOOST_TEST(part.at("rate").at("path").size() == 2U);
    const auto& funds = checks[3];
    BOOST_TEST(funds.at("difference").get<std::string>() == "-2375000000");
    BOOST_TEST(funds.at("explanation").at("matching").empty());
    BOOST_TEST(funds.at("explanation").at("nearest").size() == 3U);
    // "reaching 120 billion": unbounded above, a null bound
    const auto& figures = j.at("figures");
    BOOST_TEST_REQUIRE(figures.size() == 14U);
    const auto credit = std::find_if(figures.begin(), figures.end(), [](const auto& f) {
        return f.at("id").template get<std::string>() == "credit";
    });
    BOOST_TEST_REQUIRE((credit != figures.end()));
    BOOST_TEST(credit->at("qualifier").get<std::string>() == "reaching");
    BOOST_TEST(credit->at("range").at("low").get<std::string>() == "119500000000");
    BOOST_TEST(credit->at("range").at("high").is_null());
}

BOOST_AUTO_TEST_CASE(the_json_report_gives_the_reason_of_an_unverifiable_check) {
    const checked run(std::string("[document]\ndate = 2024-11-15\ncurrency = \"CNY\"\n\n") +
                      R"([figures]
signed_total = { text = "39.7 billion yuan" }
foreign      = { text = "1.16 billion USD" }

[[checks]]
id = "i"
relation = "includes"
total = "signed_total"
parts = ["foreign"]
)");
    const auto j = nlohmann::json::parse(crossfoot::format_check_json(run.report()));
    BOOST_TEST(j.at("summary").at("unverifiable").get<int>() == 1);
    const auto& check = j.at("checks").at(0);
    BOOST_TEST(check.at("verdict").get<std::string>() == "unverifiable");
    BOOST_TEST(check.at("reason").get<std::string>() == run.only().reason);
    BOOST_TEST(!check.contains("parts"));
    const std::string text = crossfoot::format_check_text(run.report());
    // the verdict padded to 26 columns, the id to 2
    BOOST_TEST(text.find("unverifiable" + std::string(18, ' ') + "i   " + run.only().reason) !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

// ---- real-document forms: percent figures, changes, stated rates, periods -------------------

BOOST_AUTO_TEST_SUITE(check_document_forms)

BOOST_AUTO_TEST_CASE(a_share_names_a_percent_figure_with_its_qualifier) {
    const checked run(claims_text(R"([figures]
all   = { text = "约4590亿元" }
part  = { text = "约850亿元" }
right = { text = "约18.5%" }
wrong = { text = "16.8%" }

[[checks]]
id = "right"
relation = "share"
total = "all"
parts = ["part"]
share = "right"

[[checks]]
id = "wrong"
relation = "share"
total = "all"
parts = ["part"]
share = "wrong"
)"));
    // 850 / 4590 = 18.52 %: "about" reads both at their last digit (± 10亿), so 16.8 % fails.
    BOOST_TEST(verdict_of(run.result("right")) == "consistent within rounding");
    BOOST_TEST(text_of(run.result("right").share_percent) == "18.519");
    BOOST_TEST(verdict_of(run.result("wrong")) == "inconsistent");
    BOOST_TEST(text_of(run.result("wrong").difference) == "1.719");
}

BOOST_AUTO_TEST_CASE(a_bound_share_holds_exactly_when_the_written_values_meet_it) {
    const checked run(claims_text(R"([figures]
all  = { text = "100 companies" }
part = { text = "78 companies" }
over = { text = "over 77%" }

[[checks]]
id = "s"
relation = "share"
total = "all"
parts = ["part"]
share = "over"
)"));
    BOOST_TEST(verdict_of(run.only()) == "consistent");
}

BOOST_AUTO_TEST_CASE(a_change_in_percent_and_in_points) {
    const checked run(claims_text(R"([figures]
before    = { text = "82.5 billion yuan" }
after     = { text = "101.7 billion yuan" }
up        = { text = "up 23.3%" }
up_wrong  = { text = "同比增长18.1%" }
share_a   = { text = "15.5%" }
share_b   = { text = "17.2%" }
points    = { text = "+1.7 percentage points" }

[[checks]]
id = "growth"
relation = "change"
from = "before"
to = "after"
by = "up"

[[checks]]
id = "growth-wrong"
relation = "change"
from = "before"
to = "after"
by = "up_wrong"

[[checks]]
id = "points"
relation = "change"
from = "share_a"
to = "share_b"
by = "points"
)"));
    // 101.7 / 82.5 = 1.23272…: +23.27 %, which "23.3%" ([23.25, 23.35]) allows.
    const check_result& growth = run.result("growth");
    BOOST_TEST(verdict_of(growth) == "consistent within rounding");
    BOOST_TEST(text_of(growth.change_percent) == "23.273");
    BOOST_TEST(verdict_of(run.result("growth-wrong")) == "inconsistent");
    BOOST_TEST(run.result("growth-wrong").summary ==
               "82.5 billion yuan to 101.7 billion yuan: +23.273%, stated 同比增长18.1% (5.173 "
               "points apart)");
    BOOST_TEST(verdict_of(run.result("points")) == "consistent");
}

BOOST_AUTO_TEST_CASE(a_stated_rate_converts_instead_of_the_reference_rates) {
    const checked run(claims_text(R"([figures]
yuan    = { text = "71 billion yuan" }
dollars = { text = "US$10 billion" }
rate    = { text = "1美元兑7.1元人民币" }

[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
rate = "rate"

[[checks]]
id = "back"
relation = "converts"
total = "dollars"
parts = ["yuan"]
rate = "rate"
)"));
    const check_result& c = run.result("c");
    BOOST_TEST(verdict_of(c) == "consistent");
    BOOST_TEST(c.parts.front().stated_rate != nullptr);
    BOOST_TEST(!c.parts.front().rate.has_value());
    BOOST_TEST(c.summary ==
               "71 billion yuan for US$10 billion: implied 7.1 CNY per USD, stated 1美元兑7.1元人民币 "
               "(0.0000% off)");
    // Yuan into dollars divides by the stated rate: exact here (71 / 7.1 = 10).
    const check_result& back = run.result("back");
    BOOST_TEST(verdict_of(back) == "consistent");
}

BOOST_AUTO_TEST_CASE(a_month_dated_document_converts_at_the_period_s_rates) {
    const checked run(R"([document]
date = "2024-09"
currency = "CNY"
[figures]
yuan    = { text = "7.0 billion yuan" }
dollars = { text = "US$1 billion", exact = true }
[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
)");
    const check_result& r = run.only();
    BOOST_TEST_REQUIRE(r.parts.front().rate.has_value());
    BOOST_TEST(crossfoot::to_string(r.parts.front().rate->requested) == "2024-09-30");
    BOOST_TEST((r.parts.front().rate->policy.how == crossfoot::lookup_policy::kind::window_range));
}

BOOST_AUTO_TEST_CASE(an_undated_document_checks_what_needs_no_rate) {
    const checked run(R"([document]
currency = "CNY"
[figures]
total   = { text = "3 billion yuan" }
part    = { text = "1 billion yuan" }
dollars = { text = "US$1 billion" }
[[checks]]
id = "plain"
relation = "includes"
total = "total"
parts = ["part"]
[[checks]]
id = "needs-a-rate"
relation = "includes"
total = "total"
parts = ["dollars"]
)");
    BOOST_TEST(verdict_of(run.result("plain")) == "consistent");
    BOOST_TEST(verdict_of(run.result("needs-a-rate")) == "unverifiable");
    BOOST_TEST(run.result("needs-a-rate").reason ==
               "'dollars' is in USD: converting it needs the document's date");
}

BOOST_AUTO_TEST_CASE(a_sum_of_names_prints_its_count_as_the_stated_total) {
    const checked run(claims_text(R"([figures]
named = { names = ["a", "b", "c"] }
two   = { text = "2 companies" }
four  = { text = "4 companies" }
[[checks]]
id = "s"
relation = "sum"
total = "named"
parts = ["two", "four"]
)"));
    BOOST_TEST(run.only().summary == "2 companies + 4 companies = 6, not 3 (a, b, c) (3 apart)");
}

BOOST_AUTO_TEST_CASE(summaries_scale_to_trillions) {
    const checked run(R"([document]
date = 2024-09-27
currency = "KRW"
[figures]
total = { text = "300 trillion won" }
part  = { text = "50 trillion won" }
[[checks]]
id = "i"
relation = "includes"
total = "total"
parts = ["part"]
)");
    BOOST_TEST(run.only().summary == "300 trillion won includes 50 trillion won; 250 tn KRW left for the rest");
}

BOOST_AUTO_TEST_SUITE_END()

// ---- the conversion ladder ------------------------------------------------------------------

BOOST_AUTO_TEST_SUITE(check_rate_ladder)

// USD/CNY quotes of an example source: 7.00 in August 2024, 7.05 on 2024-09-23, 7.10 on the
// document's day 2024-09-27. No built-in rates: only these.
constexpr std::string_view ladder_document = R"([document]
date = 2024-09-27
currency = "CNY"
[rates]
quotes = [
  { pair = "USD/CNY", rate = "7.00", date = 2024-08-01 },
  { pair = "USD/CNY", rate = "7.00", date = 2024-08-15 },
  { pair = "USD/CNY", rate = "7.00", date = 2024-08-30 },
  { pair = "USD/CNY", rate = "7.05", date = 2024-09-23 },
  { pair = "USD/CNY", rate = "7.10", date = 2024-09-27 },
]
)";

crossfoot::claims ladder_claims(std::string_view figures_and_checks) {
    crossfoot::claims c = read(std::string(ladder_document) + std::string(figures_and_checks));
    c.builtin_rates = false;
    return c;
}

BOOST_AUTO_TEST_CASE(a_conversion_at_the_rate_of_a_few_days_before_is_consistent_at_a_nearby_rate) {
    const checked run(ladder_claims(R"([figures]
yuan    = { text = "7.05 billion yuan" }
dollars = { text = "US$1 billion", exact = true }
[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
)"));
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent at a nearby rate");
    BOOST_TEST(text_of(r.reference_rate) == "7.10");
    BOOST_TEST(text_of(r.implied_rate) == "7.05");
    // The week before: 7.05 to 7.10, widened by 0.5 %.
    BOOST_TEST(text_of(r.nearby_low) == "7.01475");
    BOOST_TEST(text_of(r.nearby_high) == "7.13550");
    BOOST_TEST(r.summary == "7.05 billion yuan for US$1 billion: implied 7.05 CNY per USD, reference "
                            "7.10 (-0.7042% off); nearby rates allow it (7.01475 to 7.13550)");
}

BOOST_AUTO_TEST_CASE(the_nearby_window_and_tolerance_are_settings) {
    crossfoot::claims c = ladder_claims(R"([figures]
yuan    = { text = "7.05 billion yuan" }
dollars = { text = "US$1 billion", exact = true }
[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
)");
    crossfoot::rate_settings s;
    s.nearby_days = 2;  // 2024-09-25..27: 7.10 alone
    s.rate_tolerance = crossfoot::decimal(0);
    crossfoot::apply_rate_settings(c, s);
    const checked run(std::move(c));
    BOOST_TEST(verdict_of(run.only()) == "inconsistent");
}

BOOST_AUTO_TEST_CASE(a_failed_conversion_is_explained_by_the_rate_history) {
    const checked run(ladder_claims(R"([figures]
yuan    = { text = "7.00 billion yuan" }
dollars = { text = "US$1 billion", exact = true }
[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
)"));
    const check_result& r = run.only();
    // 7.00 is 1.4 % below the day's 7.10 and beyond the week's 7.05 less 0.5 %.
    BOOST_TEST(verdict_of(r) == "inconsistent");
    BOOST_TEST_REQUIRE(r.rate_explained.has_value());
    const crossfoot::rate_explanation& e = *r.rate_explained;
    BOOST_TEST(e.base.code() == "USD");
    BOOST_TEST(e.quote.code() == "CNY");
    BOOST_TEST_REQUIRE(!e.periods.empty());
    BOOST_TEST(e.periods.front().period == "2024-08 average");
    BOOST_TEST(e.periods.front().holds);
    BOOST_TEST(e.days_searched == 5U);
    BOOST_TEST(e.days_holding == 3U);
    BOOST_TEST(r.summary == "7.00 billion yuan for US$1 billion: implied 7.00 CNY per USD, reference "
                            "7.10 (-1.4085% off); matches the 2024-08 average (7.00)");
}

BOOST_AUTO_TEST_CASE(a_check_may_convert_at_the_mean_rate_of_a_period_the_text_names) {
    const checked run(ladder_claims(R"([figures]
yuan    = { text = "7.00 billion yuan" }
dollars = { text = "US$1 billion", exact = true }
[[checks]]
id = "c"
relation = "converts"
total = "yuan"
parts = ["dollars"]
rate_period = "2024-08"
)"));
    // The three August quotes average 7.00: the figures hold exactly at it.
    const check_result& r = run.only();
    BOOST_TEST(verdict_of(r) == "consistent");
    BOOST_TEST(text_of(r.reference_rate) == "7.00");
    BOOST_TEST_REQUIRE(r.parts.front().rate.has_value());
    BOOST_TEST(r.parts.front().rate->path.front().quotes.size() == 3U);
}

BOOST_AUTO_TEST_CASE(rates_read_as_markets_quote_them_whichever_figure_is_the_total) {
    const checked run(ladder_claims(R"([figures]
yuan    = { text = "7.10 billion yuan" }
dollars = { text = "US$1 billion", exact = true }
[[checks]]
id = "c"
relation = "converts"
total = "dollars"
parts = ["yuan"]
)"));
    const std::string& summary = run.only().summary;
    BOOST_TEST(summary.starts_with("US$1 billion for 7.10 billion yuan: implied 7.1"), summary);
    BOOST_TEST(summary.find(" CNY per USD, reference 7.1") != std::string::npos, summary);
}

BOOST_AUTO_TEST_SUITE_END()
