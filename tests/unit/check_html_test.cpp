// tests/unit/check_html_test.cpp: the web page report: its structure (a row and a section per
// check, the verdict as a word, a chart for each check that has one), the document view with
// its figures marked by their worst verdict, and everything taken from input escaped.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace {

using crossfoot::check_report;
using crossfoot::claims;

claims read(std::string_view text, std::string_view name = "claims.toml") {
    auto c = crossfoot::read_claims(text, name);
    BOOST_TEST_REQUIRE(c.has_value());
    return std::move(*c);
}

std::size_t count(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

constexpr std::string_view funds = R"(
[document]
title = "Funds"
currency = "CNY"
[figures]
a = { text = "2 billion yuan" }
b = { text = "1.68 billion yuan" }
total = { text = "6.305 billion yuan" }
good = { text = "3.68 billion yuan" }
over = { text = "over 77%" }
[[checks]]
id = "funds-total"
relation = "sum"
total = "total"
parts = ["a", "b"]
[[checks]]
id = "funds-good"
relation = "sum"
total = "good"
parts = ["a", "b"]
[[checks]]
id = "share-of-a"
relation = "share"
total = "good"
parts = ["a"]
share = "over"
)";

std::string page_of(const claims& c, std::string text = {}) {
    const crossfoot::rate_table rates;
    const check_report report = crossfoot::run_checks(c, rates);
    return crossfoot::format_check_html({{&report, std::move(text)}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(check_html)

BOOST_AUTO_TEST_CASE(has_a_row_a_section_and_a_chart_per_check) {
    const std::string page = page_of(read(funds));
    BOOST_TEST(page.starts_with("<!DOCTYPE html>"));
    BOOST_TEST(count(page, "<section class=\"check ") == 3U);
    BOOST_TEST(count(page, "<tr class=\"v-") == 3U);
    BOOST_TEST(page.find("✗ inconsistent</span>") != std::string::npos);
    BOOST_TEST(page.find("✓ consistent</span>") != std::string::npos);
    // Two sums (one of them with a close-up: 3.68 of 6.305 billion) and the share.
    BOOST_TEST(count(page, "<svg class=\"chart\"") >= 3U);
    // The exact difference in a title, and the open end of "over 77%" as an arrow.
    BOOST_TEST(page.find("difference = total − parts = 2625000000 CNY") != std::string::npos);
    BOOST_TEST(page.find("<title>no upper end</title>") != std::string::npos);
    // Nothing from outside: no script, no remote address.
    BOOST_TEST(page.find("<script") == std::string::npos);
    BOOST_TEST(page.find("src=") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(marks_each_figure_by_the_worst_verdict_of_its_checks) {
    const std::string text = "A fund of 2 billion yuan and one of 1.68 billion yuan, amounting to a total of "
                             "6.305 billion yuan; 3.68 billion yuan in all, over 77% from the first.";
    const std::string page = page_of(read(funds), text);
    // a is in an inconsistent sum, a consistent one and a share: marked inconsistent.
    BOOST_TEST(page.find("<mark class=\"v-inconsistent\" id=\"d1-f1\" title=\"a\">2 billion yuan</mark>") !=
               std::string::npos);
    BOOST_TEST(page.find("<mark class=\"v-inconsistent\" id=\"d1-f3\" title=\"total\">6.305 billion yuan</mark>") !=
               std::string::npos);
    BOOST_TEST(page.find("id=\"d1-f4\" title=\"good\">3.68 billion yuan</mark>") != std::string::npos);
    BOOST_TEST(page.find("<sup class=\"refs\"><a href=\"#d1-c1\">1</a><a href=\"#d1-c2\">2</a><a href=\"#d1-c3\">3</a></sup>") !=
               std::string::npos);
    BOOST_TEST(page.find("not found in the text") == std::string::npos);
    // A figure the text does not hold is listed.
    const std::string shorter = page_of(read(funds), "A fund of 2 billion yuan.");
    BOOST_TEST(shorter.find("not found in the text") != std::string::npos);
    BOOST_TEST(shorter.find("<li>b “1.68 billion yuan”</li>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(escapes_everything_taken_from_input) {
    const std::string hostile = R"toml(
[document]
title = "<script>alert('title')</script>"
source = "<img src=x onerror=alert(1)>"
url = "javascript:alert('url')"
currency = "CNY"
[figures]
a = { text = "2 billion yuan", description = "<script>alert('figure')</script>" }
b = { text = "1 billion yuan" }
t = { text = "3 billion yuan" }
[[checks]]
id = "sum"
relation = "sum"
total = "t"
parts = ["a", "b"]
description = "</pre><script>alert('check')</script>"
)toml";
    const std::string page = page_of(read(hostile, "<script>alert('file')</script>.toml"),
                                     "<script>alert('text')</script> 2 billion yuan & 1 billion yuan");
    BOOST_TEST(page.find("<script") == std::string::npos);
    BOOST_TEST(page.find("<img") == std::string::npos);
    BOOST_TEST(page.find("href=\"javascript:") == std::string::npos);
    BOOST_TEST(page.find("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;") != std::string::npos);
    BOOST_TEST(page.find("&lt;/pre&gt;&lt;script&gt;") != std::string::npos);
    BOOST_TEST(page.find("&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt; ") != std::string::npos);
    BOOST_TEST(page.find(" &amp; ") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
