// engine/rates/rates.cpp: the rate table, look-up policies, derived rates and conversion.
// SPDX-License-Identifier: MIT
#include <crossfoot/rates.hpp>

#include "core/text.hpp"

#include <fmt/format.h>

#include <map>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>

namespace crossfoot {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

using text::is_digit;

std::string char_at(std::string_view text, std::size_t at) {
    return at < text.size() ? std::string(1, text[at]) : std::string();
}

}  // namespace

std::expected<date, parse_error> parse_date(std::string_view text) {
    // YYYY-MM-DD: check each part where it stands, so that the error points at it.
    constexpr std::size_t starts[] = {0, 5, 8};
    constexpr std::size_t widths[] = {4, 2, 2};
    int parts[3] = {};
    for (std::size_t p = 0; p < 3; ++p) {
        for (std::size_t i = starts[p]; i < starts[p] + widths[p]; ++i) {
            if (i >= text.size() || !is_digit(text[i]))
                return std::unexpected(parse_error{i, "a date as YYYY-MM-DD", char_at(text, i)});
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
        if (p < 2 && (text.size() <= starts[p] + widths[p] || text[starts[p] + widths[p]] != '-'))
            return std::unexpected(parse_error{starts[p] + widths[p], "'-' in YYYY-MM-DD",
                                               char_at(text, starts[p] + widths[p])});
    }
    if (text.size() != 10) return std::unexpected(parse_error{10, "end of date", char_at(text, 10)});
    const date d{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                 std::chrono::day{static_cast<unsigned>(parts[2])}};
    if (!d.ok()) {
        const std::size_t at = d.month().ok() ? 8 : 5;
        return std::unexpected(parse_error{at, "a valid calendar date", std::string(text)});
    }
    return d;
}

namespace {

// The digits at [at, at + width): their value, or where a non-digit stands.
std::expected<int, parse_error> digits_at(std::string_view text, std::size_t at, std::size_t width,
                                          std::string_view expected) {
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) {
        if (i >= text.size() || !is_digit(text[i]))
            return std::unexpected(parse_error{i, std::string(expected), char_at(text, i)});
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

date last_of_month(std::chrono::year y, std::chrono::month m) {
    return date{std::chrono::year_month_day_last{y, std::chrono::month_day_last{m}}};
}

}  // namespace

std::expected<date_period, parse_error> parse_period(std::string_view text) {
    constexpr std::string_view expected = "a date as YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY";
    const auto year = digits_at(text, 0, 4, expected);
    if (!year) return std::unexpected(year.error());
    const std::chrono::year y{*year};
    const std::string written(text);
    if (text.size() == 4)
        return date_period{date{y, std::chrono::January, std::chrono::day{1}},
                           date{y, std::chrono::December, std::chrono::day{31}},
                           date_period::length::year, written};
    if (text[4] != '-') return std::unexpected(parse_error{4, "'-' or the end", char_at(text, 4)});
    if (text.size() == 7 && (text[5] == 'Q' || text[5] == 'q')) {
        if (text[6] < '1' || text[6] > '4')
            return std::unexpected(parse_error{6, "a quarter from 1 to 4", char_at(text, 6)});
        const unsigned first_month = static_cast<unsigned>(text[6] - '1') * 3U + 1U;
        return date_period{date{y, std::chrono::month{first_month}, std::chrono::day{1}},
                           last_of_month(y, std::chrono::month{first_month + 2U}),
                           date_period::length::quarter, written};
    }
    if (text.size() == 7) {
        const auto month = digits_at(text, 5, 2, expected);
        if (!month) return std::unexpected(month.error());
        const std::chrono::month m{static_cast<unsigned>(*month)};
        if (!m.ok()) return std::unexpected(parse_error{5, "a month from 01 to 12", written});
        return date_period{date{y, m, std::chrono::day{1}}, last_of_month(y, m),
                           date_period::length::month, written};
    }
    auto day = parse_date(text);
    if (!day) return std::unexpected(day.error());
    return date_period{*day, *day, date_period::length::day, written};
}

std::string to_string(date d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::ostream& operator<<(std::ostream& os, const rate_quote& q) {
    os << q.base << '/' << q.quote << ' ' << q.rate << " on " << to_string(q.on) << " ("
       << q.source;
    if (!q.file.empty()) os << ", " << q.file << ':' << q.line;
    return os << ')';
}

std::ostream& operator<<(std::ostream& os, const rate_error& e) { return os << e.message; }

std::vector<unit> lookup_policy::default_pivots() {
    return {unit::currency("EUR").value(), unit::currency("USD").value(),
            unit::currency("CNY").value()};
}

namespace {

constexpr std::pair<lookup_policy::kind, std::string_view> policy_names[] = {
    {lookup_policy::kind::exact, "exact"},
    {lookup_policy::kind::on_or_before, "on-or-before"},
    {lookup_policy::kind::window_average, "window-average"},
    {lookup_policy::kind::window_range, "window-range"},
};

}  // namespace

std::optional<lookup_policy::kind> policy_from_string(std::string_view name) {
    for (const auto& [how, text] : policy_names) {
        if (text == name) return how;
    }
    return std::nullopt;
}

std::string_view to_string(lookup_policy::kind how) {
    for (const auto& [k, text] : policy_names) {
        if (k == how) return text;
    }
    return "unknown";
}

std::string describe(const lookup_policy& policy) {
    switch (policy.how) {
        case lookup_policy::kind::exact: return "exact date";
        case lookup_policy::kind::on_or_before:
            return fmt::format("on-or-before (max age {} days)", policy.max_age_days);
        case lookup_policy::kind::window_average:
            return fmt::format("window-average ({} days before, mean to {} digits, {})",
                               policy.window_days, policy.derived_digits,
                               to_string(policy.derived_rounding));
        case lookup_policy::kind::window_range:
            return fmt::format("window-range ({} days before)", policy.window_days);
    }
    return "unknown";
}

std::string found_rate::path_text() const {
    std::string text(from.code());
    for (const rate_hop& hop : path) text += fmt::format("→{}", hop.to.code());
    if (path.empty()) text += fmt::format("→{}", to.code());
    return text;
}

// ---- the table -------------------------------------------------------------------------

namespace {

bool same_figures(const rate_quote& a, const rate_quote& b) {
    return a.rate == b.rate && a.low == b.low && a.high == b.high;
}

std::string place_of(const rate_quote& q) {
    return q.file.empty() ? fmt::format("the {} table", q.source)
                          : fmt::format("{}:{}", q.file, q.line);
}

diagnostic conflict(const rate_quote& earlier, const rate_quote& later) {
    return {later.file.empty() ? std::string("<built-in>") : later.file,
            later.line,
            1,
            severity::error,
            fmt::format("conflicting {}/{} rate for {} from '{}': {} here, {} at {}",
                        later.base.code(), later.quote.code(), to_string(later.on), later.source,
                        later.rate.to_string(), earlier.rate.to_string(), place_of(earlier)),
            "conflicting-rate",
            {}};
}

}  // namespace

std::expected<void, std::vector<diagnostic>> rate_table::add(std::span<const rate_quote> quotes) {
    // Only the pairs the new quotes touch are copied, merged and checked; they replace the
    // table's when no two quotes clash, and nothing changes otherwise.
    std::map<std::pair<unit, unit>, std::vector<stored>> updated;
    std::size_t sequence = next_sequence_;
    for (const rate_quote& q : quotes) {
        const std::pair<unit, unit> pair{q.base, q.quote};
        auto [it, fresh] = updated.try_emplace(pair);
        if (fresh) {
            if (const auto held = by_pair_.find(pair); held != by_pair_.end()) it->second = held->second;
        }
        it->second.push_back({q, sequence++});
    }
    std::vector<diagnostic> conflicts;
    std::size_t kept = size_;
    for (auto& [pair, list] : updated) {
        if (const auto held = by_pair_.find(pair); held != by_pair_.end()) kept -= held->second.size();
        std::stable_sort(list.begin(), list.end(), [](const stored& a, const stored& b) {
            return std::tie(a.quote.on, a.quote.source) < std::tie(b.quote.on, b.quote.source);
        });
        // The same pair, date and source twice: identical figures are one quote; others clash.
        auto last = std::unique(list.begin(), list.end(), [&](const stored& a, const stored& b) {
            if (a.quote.on != b.quote.on || a.quote.source != b.quote.source) return false;
            if (!same_figures(a.quote, b.quote)) conflicts.push_back(conflict(a.quote, b.quote));
            return true;
        });
        list.erase(last, list.end());
        kept += list.size();
    }
    if (!conflicts.empty()) return std::unexpected(std::move(conflicts));
    for (auto& [pair, list] : updated) by_pair_[pair] = std::move(list);
    size_ = kept;
    next_sequence_ = sequence;
    return {};
}

std::vector<rate_quote> rate_table::quotes(unit base, unit quote, date first, date last) const {
    std::vector<rate_quote> out;
    const auto it = by_pair_.find({base, quote});
    if (it == by_pair_.end()) return out;
    for (const stored& s : it->second) {
        if (s.quote.on >= first && s.quote.on <= last) out.push_back(s.quote);
    }
    return out;
}

std::vector<std::pair<unit, unit>> rate_table::pairs() const {
    std::vector<std::pair<unit, unit>> out;
    for (const auto& [pair, list] : by_pair_) {
        if (!list.empty()) out.push_back(pair);
    }
    return out;
}

}  // namespace crossfoot

// ---- look-up ---------------------------------------------------------------------------

namespace crossfoot {

namespace {

// The last-added quote among those of one date: [first, last) all share a date.
template <class It>
It latest_added(It first, It last) {
    return std::max_element(first, last,
                            [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
}

}  // namespace

std::vector<rate_quote> rate_table::chosen(unit base, unit quote, date on,
                                           const lookup_policy& policy) const {
    const auto it = by_pair_.find({base, quote});
    if (it == by_pair_.end()) return {};
    const std::vector<stored>& list = it->second;
    const auto by_date = [](const stored& s, date d) { return s.quote.on < d; };
    const auto after_date = [](date d, const stored& s) { return d < s.quote.on; };
    const sys_days day{on};
    date first = on;
    switch (policy.how) {
        case lookup_policy::kind::exact: break;
        case lookup_policy::kind::on_or_before: {
            const auto end = std::upper_bound(list.begin(), list.end(), on, after_date);
            if (end == list.begin()) return {};
            const date latest = std::prev(end)->quote.on;
            if (day - sys_days{latest} > days{policy.max_age_days}) return {};
            first = latest;
            break;
        }
        case lookup_policy::kind::window_average:
        case lookup_policy::kind::window_range: first = date{day - days{policy.window_days}}; break;
    }
    std::vector<rate_quote> out;
    auto at = std::lower_bound(list.begin(), list.end(), first, by_date);
    const auto end = std::upper_bound(list.begin(), list.end(), on, after_date);
    while (at != end) {
        const auto same_day = std::upper_bound(at, end, at->quote.on, after_date);
        out.push_back(latest_added(at, same_day)->quote);
        at = same_day;
    }
    return out;
}

namespace {

// One hop with what combining needs: the rate of the quoted direction (a quote, or the
// mean of a window), used as a factor (direct) or a divisor (inverted).
struct leg {
    rate_hop hop;
    decimal quoted;                // base→quote rate of the underlying quotes
    decimal quoted_low;            // its range (equal to `quoted` when there is none)
    decimal quoted_high;
    bool quoted_exact = true;      // false for a rounded mean
    date stalest;                  // the newest quote's date: what "fresh" compares
};

decimal mean(const std::vector<rate_quote>& quotes, const lookup_policy& policy, bool& exact) {
    decimal total;
    for (const rate_quote& q : quotes) total += q.rate;
    const decimal count(static_cast<std::int64_t>(quotes.size()));
    const decimal m =
        divide_to_digits(total, count, policy.derived_digits, policy.derived_rounding).value();
    exact = m * count == total;
    return m;
}

leg make_leg(unit from, unit to, std::vector<rate_quote> quotes, bool inverted,
             const lookup_policy& policy) {
    leg l;
    const rate_quote& latest = quotes.back();
    l.stalest = latest.on;
    if (policy.how == lookup_policy::kind::window_average && quotes.size() > 1) {
        l.quoted = mean(quotes, policy, l.quoted_exact);
    } else {
        l.quoted = latest.rate;  // window_range: the latest is the central figure
    }
    l.quoted_low = l.quoted_high = l.quoted;
    const bool ranged = policy.how == lookup_policy::kind::window_range;
    for (const rate_quote& q : quotes) {
        if (!ranged && &q != &latest) continue;
        l.quoted_low = std::min(l.quoted_low, q.low.value_or(q.rate));
        l.quoted_high = std::max(l.quoted_high, q.high.value_or(q.rate));
    }
    l.hop = {from, to, std::move(quotes), inverted, l.quoted};
    if (inverted)
        l.hop.value = divide_to_digits(decimal(1), l.quoted, policy.derived_digits,
                                       policy.derived_rounding)
                          .value();
    return l;
}

}  // namespace

namespace {

// How candidate paths are ordered: fewer hops, then the fresher stalest quote, then the
// order in which they were generated (direct first, then pivots in the policy's order).
struct candidate {
    std::vector<leg> legs;
    [[nodiscard]] date stalest() const {
        date d = legs.front().stalest;
        for (const leg& l : legs) d = std::min(d, l.stalest);
        return d;
    }
};

bool better(const candidate& a, const candidate& b) {
    if (a.legs.size() != b.legs.size()) return a.legs.size() < b.legs.size();
    return a.stalest() > b.stalest();
}

// Π factors / Π divisors, rounded once when the quotient does not terminate within the
// policy's digits; `mode` lets range bounds round outward.
decimal combine(const std::vector<leg>& legs, const lookup_policy& policy,
                decimal leg::*direct_field, decimal leg::*inverted_field, rounding mode,
                bool& exact) {
    decimal factors(1);
    decimal divisors(1);
    for (const leg& l : legs) {
        if (l.hop.inverted) {
            divisors *= l.*inverted_field;
        } else {
            factors *= l.*direct_field;
        }
        exact = exact && l.quoted_exact;
    }
    if (divisors == decimal(1)) {
        if (legs.size() == 1) return factors;  // a direct quote, used exactly as given
        const decimal r = factors.round_to_digits(policy.derived_digits, mode);  // a cross
        exact = exact && r == factors;
        return r;
    }
    const decimal q = divide_to_digits(factors, divisors, policy.derived_digits, mode).value();
    exact = exact && q * divisors == factors;
    return q;
}

// A window's range of a cross rate is the range of its daily cross rates: each day's legs
// combined, then the lowest and highest. Combining each leg's extremes instead would pair a
// high of one day with a low of another. Days on which some leg has no quote are left out;
// nothing when no day has them all.
std::optional<std::pair<decimal, decimal>> daily_cross_range(const std::vector<leg>& legs,
                                                             const lookup_policy& policy) {
    std::map<date, std::vector<const rate_quote*>> by_day;
    for (std::size_t i = 0; i < legs.size(); ++i) {
        for (const rate_quote& q : legs[i].hop.quotes) {
            auto& day = by_day[q.on];
            day.resize(legs.size(), nullptr);
            day[i] = &q;
        }
    }
    std::optional<std::pair<decimal, decimal>> out;
    for (const auto& [on, quotes] : by_day) {
        if (std::find(quotes.begin(), quotes.end(), nullptr) != quotes.end()) continue;
        std::vector<leg> day_legs = legs;
        for (std::size_t i = 0; i < legs.size(); ++i) {
            day_legs[i].quoted_low = quotes[i]->low.value_or(quotes[i]->rate);
            day_legs[i].quoted_high = quotes[i]->high.value_or(quotes[i]->rate);
        }
        bool exact = true;
        const decimal low = combine(day_legs, policy, &leg::quoted_low, &leg::quoted_high, rounding::floor, exact);
        const decimal high = combine(day_legs, policy, &leg::quoted_high, &leg::quoted_low, rounding::ceiling, exact);
        if (!out) out = std::pair{low, high};
        out->first = std::min(out->first, low);
        out->second = std::max(out->second, high);
    }
    return out;
}

found_rate assemble(unit from, unit to, date on, const candidate& c,
                    const lookup_policy& policy) {
    found_rate r{from, to, on, decimal(), std::nullopt, std::nullopt, true, {}, policy};
    r.value = combine(c.legs, policy, &leg::quoted, &leg::quoted, policy.derived_rounding, r.exact);
    // A range for window_range (even a window of one quote), or where the quotes give one (a
    // quote's own range); its bounds round outward, so the true range lies within them.
    const bool ranged = policy.how == lookup_policy::kind::window_range ||
                        std::any_of(c.legs.begin(), c.legs.end(), [](const leg& l) {
                            return l.quoted_low != l.quoted || l.quoted_high != l.quoted;
                        });
    if (ranged) {
        const bool across_days = c.legs.size() > 1 && policy.how == lookup_policy::kind::window_range;
        if (const auto daily = across_days ? daily_cross_range(c.legs, policy) : std::nullopt) {
            r.low = daily->first;
            r.high = daily->second;
        } else {
            bool bounds_exact = true;
            r.low = combine(c.legs, policy, &leg::quoted_low, &leg::quoted_high, rounding::floor,
                            bounds_exact);
            r.high = combine(c.legs, policy, &leg::quoted_high, &leg::quoted_low, rounding::ceiling,
                             bounds_exact);
        }
    }
    for (const leg& l : c.legs) r.path.push_back(l.hop);
    return r;
}

}  // namespace

std::expected<found_rate, rate_error> rate_table::find(unit from, unit to, date on,
                                                       const lookup_policy& policy) const {
    if (from == to) return found_rate{from, to, on, decimal(1), {}, {}, true, {}, policy};
    if (from.is_count() || to.is_count())
        return std::unexpected(rate_error{"a count has no exchange rate"});
    if (!from.is_currency() || !to.is_currency())
        return std::unexpected(rate_error{"a percentage has no exchange rate"});
    const auto leg_of = [&](unit a, unit b) -> std::optional<leg> {
        if (auto direct = chosen(a, b, on, policy); !direct.empty())
            return make_leg(a, b, std::move(direct), false, policy);
        if (auto reverse = chosen(b, a, on, policy); !reverse.empty())
            return make_leg(a, b, std::move(reverse), true, policy);
        return std::nullopt;
    };
    std::optional<candidate> best;
    const auto consider = [&](candidate c) {
        if (!best || better(c, *best)) best = std::move(c);
    };
    if (auto direct = leg_of(from, to)) consider({{std::move(*direct)}});
    for (const unit pivot : policy.pivots) {
        if (best && best->legs.size() == 1) break;  // a direct rate beats every pivot
        if (pivot == from || pivot == to) continue;
        auto first = leg_of(from, pivot);
        auto second = first ? leg_of(pivot, to) : std::nullopt;
        if (first && second) consider({{std::move(*first), std::move(*second)}});
    }
    if (best) return assemble(from, to, on, *best, policy);
    return std::unexpected(rate_error{no_rate_message(from, to, on, policy)});
}

}  // namespace crossfoot

namespace crossfoot {

namespace {

std::string days_text(days n) {  // "1 day", "20 days"
    return fmt::format("{} {}", n.count(), n.count() == 1 ? "day" : "days");
}

}  // namespace

std::string rate_table::no_rate_message(unit from, unit to, date on,
                                        const lookup_policy& policy) const {
    std::vector<std::pair<unit, unit>> relevant = {{from, to}, {to, from}};
    for (const unit pivot : policy.pivots) {
        if (pivot == from || pivot == to) continue;
        for (const unit end : {from, to}) {
            relevant.emplace_back(end, pivot);
            relevant.emplace_back(pivot, end);
        }
    }
    std::vector<std::string> held;
    for (const auto& pair : relevant) {
        const auto it = by_pair_.find(pair);
        if (it == by_pair_.end() || it->second.empty()) continue;
        const auto& list = it->second;
        const auto next = std::lower_bound(
            list.begin(), list.end(), on,
            [](const stored& s, date d) { return s.quote.on < d; });
        std::vector<std::string> near;
        const sys_days day{on};
        if (next != list.begin()) {
            const date d = std::prev(next)->quote.on;
            near.push_back(
                fmt::format("{} ({} before)", to_string(d), days_text(day - sys_days{d})));
        }
        if (next != list.end()) {
            const date d = next->quote.on;
            near.push_back(d == on ? fmt::format("{} (the same day)", to_string(d))
                                   : fmt::format("{} ({} after)", to_string(d),
                                                 days_text(sys_days{d} - day)));
        }
        held.push_back(fmt::format("{}/{} {}", pair.first.code(), pair.second.code(),
                                   fmt::join(near, " and ")));
    }
    std::string message = fmt::format("no {}/{} rate for {} under the {} policy", from.code(),
                                      to.code(), to_string(on), describe(policy));
    if (held.empty())
        return message + fmt::format("; the table holds no quote of {} or {} against each other "
                                     "or a pivot",
                                     from.code(), to.code());
    return message + "; nearest quotes held: " + fmt::format("{}", fmt::join(held, "; "));
}

// ---- conversion ------------------------------------------------------------------------

std::expected<conversion, rate_error> convert(const amount& a, unit to, date on,
                                              const rate_table& table, const lookup_policy& policy,
                                              std::optional<rounding_step> round) {
    if (a.unit().is_count())
        return std::unexpected(rate_error{"a count cannot be converted into a currency"});
    if (!a.unit().is_currency())
        return std::unexpected(rate_error{"a percentage cannot be converted into a currency"});
    auto rate = table.find(a.unit(), to, on, policy);
    if (!rate) return std::unexpected(rate.error());
    conversion c{a, amount(a.value() * rate->value, to), std::nullopt, std::nullopt,
                 std::nullopt, *rate};
    if (round)
        c.rounded = amount(c.exact.value().quantize(round->exponent, round->mode), to);
    if (rate->low && rate->high) {
        c.low = a.value() * *rate->low;
        c.high = a.value() * *rate->high;
        if (a.value().sign() < 0) std::swap(c.low, c.high);  // a negative amount flips them
    }
    return c;
}

}  // namespace crossfoot
