// engine/core/figure.cpp: intervals and the values a written figure stands for.
// SPDX-License-Identifier: MIT
#include <crossfoot/figure.hpp>

#include "figure_words.hpp"
#include "text.hpp"

#include <crossfoot/sum.hpp>

#include <algorithm>
#include <ostream>
#include <stdexcept>

namespace crossfoot {

namespace {

std::optional<decimal> add_bounds(const std::optional<decimal>& a, const std::optional<decimal>& b) {
    if (!a || !b) return std::nullopt;
    return *a + *b;
}

std::string show(const decimal& d, bool grouped) {
    return grouped ? group_thousands(d.to_string()) : d.to_string();
}

}  // namespace

interval interval::point(const decimal& x) { return {x, x, false, false}; }

interval interval::closed(const decimal& low, const decimal& high) {
    return {low, high, false, false};
}

bool interval::contains(const decimal& x) const {
    const bool above_low = !low || (low_open ? x > *low : x >= *low);
    const bool below_high = !high || (high_open ? x < *high : x <= *high);
    return above_low && below_high;
}

bool interval::intersects(const interval& other) const {
    // Disjoint only when one lies wholly above the other.
    const auto above = [](const interval& a, const interval& b) {  // a wholly above b
        if (!a.low || !b.high) return false;
        return (a.low_open || b.high_open) ? *a.low >= *b.high : *a.low > *b.high;
    };
    return !above(*this, other) && !above(other, *this);
}

bool interval::is_point() const { return low && high && *low == *high && !low_open && !high_open; }

std::string interval::to_string(bool grouped) const {
    std::string out = low_open || !low ? "(" : "[";
    out += low ? show(*low, grouped) : "-∞";
    out += ", ";
    out += high ? show(*high, grouped) : "∞";
    return out + (high_open || !high ? ")" : "]");
}

interval operator+(const interval& a, const interval& b) {
    return {add_bounds(a.low, b.low), add_bounds(a.high, b.high), a.low_open || b.low_open,
            a.high_open || b.high_open};
}

interval operator-(const interval& a) {
    interval out;
    if (a.high) out.low = -*a.high;
    if (a.low) out.high = -*a.low;
    out.low_open = a.high_open;
    out.high_open = a.low_open;
    return out;
}

interval operator-(const interval& a, const interval& b) { return a + (-b); }

interval scale(const interval& a, const decimal& low, const decimal& high) {
    if (low.sign() < 0 || high < low)
        throw std::invalid_argument("crossfoot::scale needs 0 <= low <= high");
    interval out = a;
    // For a non-negative factor, the lowest product takes the smaller factor when the bound
    // is non-negative, the larger when it is negative (or −∞); the highest the other way. A
    // zero factor makes 0 of any value, even of an unbounded end: that end is 0, closed.
    const decimal& low_factor = a.low && a.low->sign() >= 0 ? low : high;
    const decimal& high_factor = !a.high || a.high->sign() >= 0 ? high : low;
    if (low_factor.is_zero()) {
        out.low = decimal();
        out.low_open = false;
    } else if (a.low) {
        out.low = *a.low * low_factor;
    }
    if (high_factor.is_zero()) {
        out.high = decimal();
        out.high_open = false;
    } else if (a.high) {
        out.high = *a.high * high_factor;
    }
    return out;
}

std::ostream& operator<<(std::ostream& os, const interval& i) { return os << i.to_string(); }

namespace {

// Half a unit of the last written digit: 5 × 10^(exponent − 1).
decimal half_unit(const decimal& value) {
    return decimal::scaled(5, value.exponent() - 1);
}

decimal percent_of(const decimal& value, const decimal& percent) {
    return (value * percent * decimal::scaled(1, -2)).abs();
}

}  // namespace

std::optional<qualifier> qualifier_from_string(std::string_view word) {
    const std::string key = crossfoot::text::ascii_lower(word);
    if (key.empty() || key == "none") return qualifier::none;
    for (const figure_words::qualifier_word& w : figure_words::qualifiers) {
        if (w.text == key) return w.q;
    }
    if (key == "at-least" || key == "at_least") return qualifier::at_least;
    if (key == "up-to" || key == "up_to") return qualifier::up_to;
    return std::nullopt;
}

std::string_view to_string(qualifier q) {
    switch (q) {
        case qualifier::none: return "none";
        case qualifier::about: return "about";
        case qualifier::nearly: return "nearly";
        case qualifier::over: return "over";
        case qualifier::at_least: return "at least";
        case qualifier::up_to: return "up to";
        case qualifier::under: return "under";
        case qualifier::reaching: return "reaching";
    }
    return "none";
}

std::pair<qualifier, std::string_view> split_qualifier(std::string_view text) {
    const std::string key = crossfoot::text::ascii_lower(text);
    for (const figure_words::qualifier_word& w : figure_words::qualifiers) {
        if (w.where == figure_words::place::before && !w.converted && key.starts_with(w.text) &&
            key.size() > w.text.size() && key[w.text.size()] == ' ')
            return {w.q, text.substr(w.text.size() + 1)};
    }
    return {qualifier::none, text};
}

namespace {

// One unit of the last non-zero written digit: 10^9 for "850亿" (85 × 10^9), 10^7 for
// "13.69 billion".
decimal last_digit_unit(const decimal& x) {
    decimal reduced = x.reduce();
    return decimal::scaled(1, reduced.is_zero() ? x.exponent() : reduced.exponent());
}

// The values "about x" stands for: its rounding, widened by the table's rule.
interval about_interval(const decimal& x, const interval& rounded, const qualifier_table& table) {
    const decimal limit = percent_of(x, table.about_percent);
    const decimal d = table.about == about_rule::percent ? limit : std::min(last_digit_unit(x), limit);
    const interval widened = interval::closed(x - d, x + d);
    return *widened.low < *rounded.low ? widened : rounded;
}

// The interval of a non-negative figure x under its qualifier.
interval qualified(const decimal& x, const interval& rounded, qualifier q,
                   const qualifier_table& table) {
    switch (q) {
        case qualifier::none: return rounded;
        case qualifier::about: return about_interval(x, rounded, table);
        case qualifier::nearly: return interval::closed(x - percent_of(x, table.nearly_percent), x);
        case qualifier::over: return {x, std::nullopt, true, false};
        case qualifier::at_least: return {x, std::nullopt, false, false};
        case qualifier::up_to: return interval::closed(decimal(), x);
        case qualifier::under: return {decimal(), x, false, true};
        case qualifier::reaching:
            if (table.reaching == reaching_reading::as_written) return rounded;
            return {rounded.low, std::nullopt, false, false};
    }
    return rounded;
}

}  // namespace

interval figure_interval(const amount& value, qualifier q, const precision& p,
                         const qualifier_table& table) {
    const decimal& x = value.value();
    interval rounded = interval::point(x);
    if (p.tolerance) {
        rounded = interval::closed(x - p.tolerance->abs(), x + p.tolerance->abs());
    } else if (p.tolerance_percent) {
        const decimal d = percent_of(x, *p.tolerance_percent);
        rounded = interval::closed(x - d, x + d);
    } else if (!p.exact && !(value.unit().is_count() && x.exponent() == 0)) {
        const decimal h = half_unit(x);
        rounded = interval::closed(x - h, x + h);
    }
    // A negative figure (a fall, a loss) is qualified by its size: "down over 5%" is below −5%.
    if (x.sign() < 0 && q != qualifier::none) return -qualified(-x, -rounded, q, table);
    return qualified(x, rounded, q, table);
}

interval range_interval(const amount& low, const amount& high, qualifier q, const precision& p,
                        const qualifier_table& table) {
    const interval a = figure_interval(low, q, p, table);
    const interval b = figure_interval(high, q, p, table);
    return {a.low, b.high, a.low_open, b.high_open};
}

interval figure_interval(const amount& value, const std::optional<amount>& high, qualifier q,
                         const precision& p, const qualifier_table& table) {
    return high ? range_interval(value, *high, q, p, table) : figure_interval(value, q, p, table);
}

}  // namespace crossfoot
