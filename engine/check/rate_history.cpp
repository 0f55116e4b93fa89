// engine/check/rate_history.cpp: searching the rate history for the rate an author used.
// SPDX-License-Identifier: MIT
#include "rate_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>

namespace crossfoot {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::array<std::string_view, 10> market_order = {"EUR", "GBP", "AUD", "NZD", "USD",
                                                           "CAD", "CHF", "CNY", "HKD", "SGD"};

std::size_t rank(unit u) {
    const auto it = std::find(market_order.begin(), market_order.end(), u.code());
    return static_cast<std::size_t>(it - market_order.begin());
}

constexpr std::int32_t digits = 12;
constexpr std::size_t listed = 3;

decimal inverse(const decimal& x, rounding mode = rounding::half_even) {
    return divide_to_digits(decimal(1), x, digits, mode).value();
}

// The rates (quote per base) that the two figures allow: value of quote-figure / value of
// base-figure over their intervals, rounded outward.
interval implied_interval(const interval& quote_side, const interval& base_side) {
    interval out;
    if (quote_side.low && base_side.high && base_side.high->sign() > 0)
        out.low = divide_to_digits(*quote_side.low, *base_side.high, digits, rounding::floor).value();
    if (quote_side.high && base_side.low && base_side.low->sign() > 0)
        out.high = divide_to_digits(*quote_side.high, *base_side.low, digits, rounding::ceiling).value();
    return out;
}

struct day_rate {
    date on;
    decimal rate;
};

// The pair's rate on each day the table quotes, from the start of the previous year to `last`.
std::vector<day_rate> daily_rates(const claims& c, const rate_table& rates, unit base, unit quote,
                                  date last) {
    lookup_policy exact = c.policy;
    exact.how = lookup_policy::kind::exact;
    const date first{last.year() - std::chrono::years(1), std::chrono::January, std::chrono::day{1}};
    std::vector<day_rate> out;
    for (sys_days d = sys_days(first); d <= sys_days(last); d += days(1)) {
        if (auto r = rates.find(base, quote, date(d), exact)) out.push_back({date(d), r->value});
    }
    return out;
}

rate_explanation::match matched(std::string name, date first, date last, const decimal& rate,
                                const decimal& implied, const interval& allowed) {
    return {std::move(name), first, last, rate,
            divide((implied - rate) * decimal(100), rate, -4).value(), allowed.contains(rate)};
}

// The mean of the daily rates in [first, last], if any.
std::optional<decimal> mean_over(const std::vector<day_rate>& daily, date first, date last) {
    decimal total;
    std::int64_t n = 0;
    for (const day_rate& d : daily) {
        if (d.on < first || d.on > last) continue;
        total += d.rate;
        ++n;
    }
    if (n == 0) return std::nullopt;
    return divide_to_digits(total, decimal(n), digits).value();
}

struct calendar_period {
    std::string name;
    date first;
    date last;
};

date first_of_month(date d) { return date{d.year(), d.month(), std::chrono::day{1}}; }
date previous_day(date d) { return date{sys_days(d) - days(1)}; }

std::string month_name(date d) {
    return fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
}

// The calendar periods that end on or before `on`: its month and quarter to date, the year to
// date, January to the end of the previous month, the previous month, quarter and year.
std::vector<calendar_period> periods_before(date on) {
    const int y = static_cast<int>(on.year());
    const unsigned m = static_cast<unsigned>(on.month());
    const unsigned quarter_first = (m - 1U) / 3U * 3U + 1U;
    const date month_start = first_of_month(on);
    const date quarter_start{on.year(), std::chrono::month{quarter_first}, std::chrono::day{1}};
    const date year_start{on.year(), std::chrono::January, std::chrono::day{1}};
    const date last_month_end = previous_day(month_start);
    const date last_quarter_end = previous_day(quarter_start);
    const date last_quarter_start{last_quarter_end.year(),
                                  std::chrono::month{(static_cast<unsigned>(last_quarter_end.month()) - 1U) / 3U * 3U + 1U},
                                  std::chrono::day{1}};
    std::vector<calendar_period> out = {
        {fmt::format("{} to {}", to_string(month_start), to_string(on)), month_start, on},
        {fmt::format("Q{} {} to {}", (m - 1U) / 3U + 1U, y, to_string(on)), quarter_start, on},
        {fmt::format("{} to {}", y, to_string(on)), year_start, on},
        {fmt::format("{} average", month_name(last_month_end)), first_of_month(last_month_end), last_month_end},
        {fmt::format("Q{} {} average", (static_cast<unsigned>(last_quarter_end.month()) - 1U) / 3U + 1U,
                     static_cast<int>(last_quarter_end.year())),
         last_quarter_start, last_quarter_end},
        {fmt::format("{} average", y - 1),
         date{std::chrono::year{y - 1}, std::chrono::January, std::chrono::day{1}},
         date{std::chrono::year{y - 1}, std::chrono::December, std::chrono::day{31}}},
    };
    if (m > 1U)
        out.push_back({fmt::format("{} to {} average", month_name(year_start), month_name(last_month_end)),
                       year_start, last_month_end});
    return out;
}

// Holding first, then the nearest.
void keep_best(std::vector<rate_explanation::match>& matches) {
    std::stable_sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) {
        if (a.holds != b.holds) return a.holds;
        return a.deviation_percent.abs() < b.deviation_percent.abs();
    });
    if (matches.size() > listed) matches.resize(listed);
}

}  // namespace

interval as_converted(const figure& f, const qualifier_table& table) {
    if (f.qualifier != qualifier::about) return f.range;
    return figure_interval(f.value, f.high, qualifier::none, f.precision, table);
}

std::pair<unit, unit> market_pair(unit a, unit b) {
    if (rank(b) < rank(a)) return {b, a};
    return {a, b};
}

decimal in_market_direction(const decimal& rate, unit from, unit to) {
    return market_pair(from, to).first == from ? rate : inverse(rate);
}

rate_explanation explain_rate(const claims& c, const rate_table& rates, const check_result& r) {
    const figure& total = *r.total->source;
    const figure& part = *r.parts.front().source;
    const unit from = part.value.unit();
    const unit to = total.value.unit();
    const auto [base, quote] = market_pair(from, to);
    rate_explanation e;
    e.base = base;
    e.quote = quote;
    const interval total_range = as_converted(total, c.qualifiers);
    const interval part_range = as_converted(part, c.qualifiers);
    e.implied = base == from ? implied_interval(total_range, part_range)
                             : implied_interval(part_range, total_range);
    const decimal implied = base == from
                                ? divide_to_digits(total.value.value(), part.value.value(), digits).value()
                                : divide_to_digits(part.value.value(), total.value.value(), digits).value();
    const date last = c.document.on ? *c.document.on : c.document.period->last;
    const std::vector<day_rate> daily = daily_rates(c, rates, base, quote, last);
    const date year_before{sys_days(last) - days(365)};
    for (const day_rate& d : daily) {
        if (d.on < year_before) continue;
        ++e.days_searched;
        e.days.push_back(matched(to_string(d.on), d.on, d.on, d.rate, implied, e.implied));
        if (e.days.back().holds) ++e.days_holding;
    }
    for (const calendar_period& p : periods_before(last)) {
        if (const auto m = mean_over(daily, p.first, p.last))
            e.periods.push_back(matched(p.name, p.first, p.last, *m, implied, e.implied));
    }
    keep_best(e.periods);
    keep_best(e.days);
    return e;
}

}  // namespace crossfoot
