// engine/check/check.cpp: checking stated totals against their components.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include "rate_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <bit>
#include <cstdint>

namespace crossfoot {

std::string_view to_string(verdict v) {
    switch (v) {
        case verdict::consistent: return "consistent";
        case verdict::consistent_within_rounding: return "consistent within rounding";
        case verdict::consistent_at_nearby_rate: return "consistent at a nearby rate";
        case verdict::inconsistent: return "inconsistent";
        case verdict::unverifiable: return "unverifiable";
    }
    return "unverifiable";
}

std::size_t check_report::count(verdict v) const {
    return static_cast<std::size_t>(std::count_if(
        results.begin(), results.end(), [v](const check_result& r) { return r.verdict == v; }));
}

namespace {

// Which reference rates a conversion is judged at: the document's own day (or period), or
// the nearby rates of the ladder's third rung.
enum class rate_mode { own_date, nearby };

std::int32_t days_between(date first, date last) {
    return static_cast<std::int32_t>(
        (std::chrono::sys_days(last) - std::chrono::sys_days(first)).count());
}

// The document's day's rate; or for a month, quarter or year, the range of the rates over the
// whole period and the window before it. Nearby: the range over `nearby.days` before the day
// (or the period), widened by the tolerance.
std::expected<found_rate, std::string> reference_rate(const claims& c, const rate_table& rates,
                                                      unit from, unit in, rate_mode mode) {
    const date last = c.document.on ? *c.document.on : c.document.period->last;
    const std::int32_t span = c.document.on ? 0 : days_between(c.document.period->first, last);
    lookup_policy policy = c.policy;
    if (mode == rate_mode::nearby) {
        policy.how = lookup_policy::kind::window_range;
        policy.window_days = span + c.nearby.days;
    } else if (!c.document.on) {
        policy.how = lookup_policy::kind::window_range;
        policy.window_days = span + c.policy.window_days;
    }
    auto rate = rates.find(from, in, last, policy);
    if (!rate) return std::unexpected(rate.error().message);
    if (mode == rate_mode::nearby) {
        const decimal t = c.nearby.tolerance_percent * decimal::scaled(1, -2);
        rate->low = (rate->low.value_or(rate->value) * (decimal(1) - t))
                        .round_to_digits(policy.derived_digits, rounding::floor);
        rate->high = (rate->high.value_or(rate->value) * (decimal(1) + t))
                         .round_to_digits(policy.derived_digits, rounding::ceiling);
    }
    return *rate;
}

// Converts at a rate the document states ("7.1 yuan to the dollar"), in either direction.
// Dividing by a rate rounds outward, at 24 significant digits, so that the range still holds
// every value the figures stand for.
std::expected<converted_figure, std::string> at_stated_rate(const figure& f, int weight, unit in,
                                                            const figure& rate) {
    const unit base = *rate.base;
    const unit quote = rate.value.unit();
    const unit from = f.value.unit();
    if (!rate.range.low || !rate.range.high || rate.range.low->sign() <= 0)
        return std::unexpected(fmt::format("the stated rate '{}' is not a bounded positive rate", rate.id));
    converted_figure out{&f, weight, decimal(), f.range, std::nullopt, &rate};
    if (from == base && in == quote) {
        out.value = f.value.value() * rate.value.value();
        out.range = scale(f.range, *rate.range.low, *rate.range.high);
        return out;
    }
    if (from == quote && in == base) {
        constexpr std::int32_t digits = 24;
        out.value = divide_to_digits(f.value.value(), rate.value.value(), digits).value();
        const auto bound = [&](const std::optional<decimal>& v, const decimal& by, rounding mode)
            -> std::optional<decimal> {
            if (!v) return std::nullopt;
            return divide_to_digits(*v, by, digits, mode).value();
        };
        out.range = {bound(f.range.low, *rate.range.high, rounding::floor),
                     bound(f.range.high, *rate.range.low, rounding::ceiling), f.range.low_open,
                     f.range.high_open};
        return out;
    }
    return std::unexpected(fmt::format("the stated rate '{}' prices {} in {}; '{}' is in {} and "
                                       "the check is in {}",
                                       rate.id, base.code(), quote.code(), f.id, from.code(), in.code()));
}

// What a figure stands for in a check: in a conversion, a figure marked as converted ("about",
// 约合, 折合) stands for its rounding alone; the rate ladder judges it.
interval own_range(const figure& f, const check_spec* spec, const qualifier_table& table) {
    const bool restated = spec != nullptr && spec->relation == relation::converts &&
                          (f.qualifier == qualifier::about || f.converted);
    return restated ? as_converted(f, table) : f.range;
}

// At the mean of the reference rates over the period the check names ("converted at 2021's
// average rate"): each leg's quotes of the period averaged, the legs combined.
std::expected<converted_figure, std::string> at_period_mean(const claims& c, const rate_table& rates,
                                                            const figure& f, int weight, unit in,
                                                            const check_spec& spec, rate_mode mode) {
    const date_period& p = *spec.rate_period;
    lookup_policy mean = c.policy;
    mean.how = lookup_policy::kind::window_average;
    mean.window_days = days_between(p.first, p.last);
    auto rate = rates.find(f.value.unit(), in, p.last, mean);
    if (!rate) return std::unexpected(rate.error().message);
    decimal low = rate->value;
    decimal high = rate->value;
    if (mode == rate_mode::nearby) {  // the author's source, not the ECB's: the tolerance
        const decimal t = c.nearby.tolerance_percent * decimal::scaled(1, -2);
        low = (rate->value * (decimal(1) - t)).round_to_digits(mean.derived_digits, rounding::floor);
        high = (rate->value * (decimal(1) + t)).round_to_digits(mean.derived_digits, rounding::ceiling);
        rate->low = low;
        rate->high = high;
    }
    return converted_figure{&f, weight, f.value.value() * rate->value,
                            scale(own_range(f, &spec, c.qualifiers), low, high), *rate};
}

// The figure in unit `in`: as it is, or converted at the rate the check names, or at the
// document date's reference rate.
std::expected<converted_figure, std::string> bring_into(const claims& c, const rate_table& rates,
                                                        const figure& f, int weight, unit in,
                                                        const check_spec* spec = nullptr,
                                                        rate_mode mode = rate_mode::own_date) {
    const unit from = f.value.unit();
    const bool percentages = (from.is_percent() || from.is_points()) && (in.is_percent() || in.is_points());
    if (from == in || percentages)
        return converted_figure{&f, weight, f.value.value(), f.range, std::nullopt};
    if (from.is_count() || in.is_count() || !from.is_currency() || !in.is_currency())
        return std::unexpected(fmt::format("'{}' is in {} and cannot be compared with {}", f.id,
                                           from.code(), in.code()));
    if (spec != nullptr && !spec->rate.empty()) {
        const figure* stated = c.find(spec->rate);
        if (stated == nullptr) return std::unexpected(fmt::format("no figure '{}'", spec->rate));
        return at_stated_rate(f, weight, in, *stated);
    }
    if (spec != nullptr && spec->rate_period) return at_period_mean(c, rates, f, weight, in, *spec, mode);
    if (!c.document.on && !c.document.period)
        return std::unexpected(
            fmt::format("'{}' is in {}: converting it needs the document's date", f.id, from.code()));
    auto rate = reference_rate(c, rates, from, in, mode);
    if (!rate) return std::unexpected(rate.error());
    const decimal low = rate->low.value_or(rate->value);
    const decimal high = rate->high.value_or(rate->value);
    return converted_figure{&f, weight, f.value.value() * rate->value,
                            scale(own_range(f, spec, c.qualifiers), low, high), *rate};
}

struct gathered {
    converted_figure total;
    std::vector<converted_figure> parts;
    decimal sum;
    interval range = interval::point(decimal());

    // The written values are among the values the figures stand for. Not so for "over x",
    // which excludes x: written values that agree are then no exact agreement.
    [[nodiscard]] bool parts_as_written() const { return range.contains(sum); }
    [[nodiscard]] bool as_written() const {
        return total.range.contains(total.value) && parts_as_written();
    }
};

std::expected<gathered, std::string> gather(const claims& c, const rate_table& rates,
                                            const check_spec& spec, rate_mode mode) {
    const figure* total = c.find(spec.total);
    if (total == nullptr) return std::unexpected(fmt::format("no figure '{}'", spec.total));
    const unit in = total->value.unit();
    gathered g{{total, 1, total->value.value(), own_range(*total, &spec, c.qualifiers), std::nullopt},
               {},
               decimal()};
    for (const part_ref& p : spec.parts) {
        const figure* f = c.find(p.id);
        if (f == nullptr) return std::unexpected(fmt::format("no figure '{}'", p.id));
        auto converted = bring_into(c, rates, *f, p.weight, in, &spec, mode);
        if (!converted) return std::unexpected(converted.error());
        if (spec.parts_exact) converted->range = interval::point(converted->value);
        g.sum += p.weight < 0 ? -converted->value : converted->value;
        g.range = g.range + (p.weight < 0 ? -converted->range : converted->range);
        g.parts.push_back(std::move(*converted));
    }
    return g;
}

// ---- explanations: which figures would make up a total --------------------------------

constexpr std::size_t max_candidates = 12;  // 2^12 subsets at most
constexpr std::size_t max_listed = 3;

// The figures nearest the total in the file (a document states related figures together),
// at most max_candidates of them, in file order.
std::vector<converted_figure> candidates_for(const claims& c, const rate_table& rates,
                                             const figure& total) {
    // Outward from the total: one before, one after, two before, two after, ...
    const auto at = static_cast<std::ptrdiff_t>(&total - c.figures.data());
    const auto n = std::ssize(c.figures);
    std::vector<converted_figure> out;
    for (std::ptrdiff_t step = 1; out.size() < max_candidates && (at - step >= 0 || at + step < n);
         ++step) {
        for (const std::ptrdiff_t i : {at - step, at + step}) {
            if (i < 0 || i >= n || out.size() == max_candidates) continue;
            auto converted = bring_into(c, rates, c.figures[static_cast<std::size_t>(i)], 1,
                                        total.value.unit());
            if (converted && converted->value.sign() > 0) out.push_back(std::move(*converted));
        }
    }
    std::sort(out.begin(), out.end(), [](const converted_figure& a, const converted_figure& b) {
        return a.source < b.source;  // file order: figures live in one vector
    });
    return out;
}

// Every subset's exact sum, built from the subset without its lowest member.
std::vector<decimal> subset_sums(const std::vector<converted_figure>& candidates) {
    std::vector<decimal> sums(std::size_t{1} << candidates.size());
    for (std::size_t mask = 1; mask < sums.size(); ++mask) {
        const std::size_t low = mask & (~mask + 1);
        sums[mask] = sums[mask ^ low] + candidates[static_cast<std::size_t>(std::countr_zero(low))].value;
    }
    return sums;
}

std::vector<std::string> ids_of(const std::vector<converted_figure>& candidates, std::size_t mask) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if ((mask >> i & 1U) != 0) ids.push_back(candidates[i].source->id);
    }
    return ids;
}

explanation explain(const claims& c, const rate_table& rates, const converted_figure& total) {
    const auto candidates = candidates_for(c, rates, *total.source);
    const auto sums = subset_sums(candidates);
    // Fewer figures first, then the ids in order; only the few listed get their ids.
    const auto smaller = [&](std::size_t a, std::size_t b) {
        if (std::popcount(a) != std::popcount(b)) return std::popcount(a) < std::popcount(b);
        return ids_of(candidates, a) < ids_of(candidates, b);
    };
    std::vector<std::size_t> matching;
    for (std::size_t mask = 1; mask < sums.size(); ++mask) {
        if (total.range.contains(sums[mask])) matching.push_back(mask);
    }
    const auto keep = [&](std::vector<std::size_t> masks, const auto& before) {
        const std::size_t n = std::min(masks.size(), max_listed);
        std::partial_sort(masks.begin(), masks.begin() + static_cast<std::ptrdiff_t>(n), masks.end(), before);
        masks.resize(n);
        return masks;
    };
    const auto subset = [&](std::size_t mask) {
        return explanation::subset{ids_of(candidates, mask), sums[mask], total.value - sums[mask]};
    };
    explanation e;
    if (!matching.empty()) {
        for (const std::size_t mask : keep(std::move(matching), smaller)) e.matching.push_back(subset(mask));
        return e;
    }
    std::vector<std::size_t> all(sums.size() > 0 ? sums.size() - 1 : 0);
    std::iota(all.begin(), all.end(), std::size_t{1});
    std::vector<decimal> distance(sums.size());
    for (const std::size_t mask : all) distance[mask] = (total.value - sums[mask]).abs();
    const auto nearer = [&](std::size_t a, std::size_t b) {
        return distance[a] != distance[b] ? distance[a] < distance[b] : smaller(a, b);
    };
    for (const std::size_t mask : keep(std::move(all), nearer)) e.nearest.push_back(subset(mask));
    return e;
}

// ---- the relations ----------------------------------------------------------------------

void set_common(check_result& r, gathered& g) {
    r.in = g.total.source->value.unit();
    r.parts_sum = g.sum;
    r.parts_range = g.range;
    r.difference = g.total.value - g.sum;
    r.total = std::move(g.total);
    r.parts = std::move(g.parts);
}

// "over x", "at least x", "up to x", "under x": the figure states a bound, and any value within
// it agrees with it exactly.
bool states_a_bound(const figure& f) {
    switch (f.qualifier) {
        case qualifier::over:
        case qualifier::at_least:
        case qualifier::up_to:
        case qualifier::under: return true;
        default: return false;
    }
}

// Every value of `inner` is in `outer`.
bool within(const interval& inner, const interval& outer) {
    const bool low_ok = !outer.low || (inner.low && (*inner.low > *outer.low ||
                                                     (*inner.low == *outer.low &&
                                                      (!outer.low_open || inner.low_open))));
    const bool high_ok = !outer.high || (inner.high && (*inner.high < *outer.high ||
                                                        (*inner.high == *outer.high &&
                                                         (!outer.high_open || inner.high_open))));
    return low_ok && high_ok;
}

// A stated bound holds exactly when the written values of the parts meet it, or when every
// value the parts stand for does ("over 4.6 tn" is within "over 4 tn").
bool bound_holds(const gathered& g) {
    if (!states_a_bound(*g.total.source)) return false;
    return (g.parts_as_written() && g.total.range.contains(g.sum)) || within(g.range, g.total.range);
}

// Consistent when the written values agree exactly; within rounding when values the figures
// stand for can agree; inconsistent otherwise.
verdict graded(bool exact, bool possible) {
    if (exact) return verdict::consistent;
    return possible ? verdict::consistent_within_rounding : verdict::inconsistent;
}

void check_sum(const claims& c, const rate_table& rates, check_result& r, gathered g) {
    const bool exact = (g.total.value == g.sum && g.as_written()) || bound_holds(g);
    const bool overlap = g.total.range.intersects(g.range);
    set_common(r, g);
    r.verdict = graded(exact, overlap);
    if (r.verdict == verdict::inconsistent) r.explained = explain(c, rates, *r.total);
}

void check_includes(check_result& r, gathered g) {
    // The written values fit. The parts' must be among the values they stand for ("over 3
    // billion" does not fit 3 billion); the total's need not: "over x" excludes x but exceeds it.
    const bool fits = g.sum <= g.total.value && g.parts_as_written();
    // Even the smallest parts exceed the largest total: the parts cannot be some of it.
    const bool can_fit = interval{g.range.low, std::nullopt, g.range.low_open, false}.intersects(
        interval{std::nullopt, g.total.range.high, false, g.total.range.high_open});
    r.remainder = g.total.range - g.range;
    set_common(r, g);
    r.verdict = graded(fits, can_fit);
}

// The implied and the reference rate as markets quote the pair (won per dollar, dollars per
// euro), whichever figure is the total: quoted directly, never as the inverse of a rounded rate.
void market_rates(const claims& c, const rate_table& rates, check_result& r, const gathered& g) {
    const converted_figure& part = g.parts.front();
    const unit from = part.source->value.unit();
    const unit to = g.total.source->value.unit();
    const auto [base, quote] = market_pair(from, to);
    const decimal& part_value = part.source->value.value();
    if (part_value.is_zero() || g.total.value.is_zero()) return;
    const std::int32_t digits = c.policy.derived_digits;
    const rounding mode = c.policy.derived_rounding;
    r.implied_rate = base == from ? divide_to_digits(g.total.value, part_value, digits, mode).value()
                                  : divide_to_digits(part_value, g.total.value, digits, mode).value();
    std::optional<decimal> reference;
    if (part.stated_rate != nullptr) {
        const figure& stated = *part.stated_rate;
        reference = stated.base == base ? stated.value.value()
                                        : divide_to_digits(decimal(1), stated.value.value(), digits, mode).value();
    } else if (part.rate && r.spec->rate_period) {  // the period's mean, quoted as markets do
        lookup_policy mean = part.rate->policy;
        auto m = rates.find(base, quote, r.spec->rate_period->last, mean);
        if (m) reference = m->value;
    } else if (part.rate) {
        auto day = reference_rate(c, rates, base, quote, rate_mode::own_date);
        if (day) reference = day->value;
    }
    if (!reference) return;
    r.reference_rate = *reference;
    r.deviation_percent = divide((*r.implied_rate - *reference) * decimal(100), *reference, -4).value();
}

void check_converts(const claims& c, const rate_table& rates, check_result& r, gathered g) {
    const converted_figure& part = g.parts.front();
    market_rates(c, rates, r, g);
    const bool exact = g.total.value == part.value && g.as_written();
    const bool overlap = g.total.range.intersects(part.range);
    set_common(r, g);
    r.verdict = graded(exact, overlap);
}

// The percentage a share or change check states: a percent figure's values, or a `percent`
// string's rounding interval.
struct stated_percent {
    decimal value;
    interval range;
};

stated_percent stated_of(const claims& c, const check_spec& spec, const std::string& id) {
    if (const figure* f = id.empty() ? nullptr : c.find(id)) return {f->value.value(), f->range};
    const decimal& p = spec.percent.value();
    const decimal h = decimal::scaled(5, p.exponent() - 1);
    return {p, interval::closed(p - h, p + h)};
}

// a × b over intervals of non-negative values; an unbounded end stays unbounded.
interval product(const interval& a, const interval& b) {
    const auto times = [](const std::optional<decimal>& x, const std::optional<decimal>& y)
        -> std::optional<decimal> {
        if (!x || !y) return std::nullopt;
        return *x * *y;
    };
    const decimal zero;
    return {a.low && b.low ? times(a.low, b.low) : std::optional<decimal>(zero), times(a.high, b.high),
            a.low_open || b.low_open, a.high_open || b.high_open};
}

// Only non-negative values: a share or a level is never below zero.
interval non_negative(interval i) {
    if (!i.low || i.low->sign() < 0) {
        i.low = decimal();
        i.low_open = false;
    }
    return i;
}

// part / total = percent %: exact when part × 100 = percent × total; within rounding when some
// part, total and percent in their intervals agree: total × percent / 100 meets the part.
void check_share(const claims& c, const check_spec& spec, check_result& r, gathered g) {
    const stated_percent stated = stated_of(c, spec, spec.share);
    const decimal hundred(100);
    const figure* stated_figure = spec.share.empty() ? nullptr : c.find(spec.share);
    // A bound ("over 77%") holds exactly when the written values' share is within it.
    const bool bound = stated_figure != nullptr && states_a_bound(*stated_figure) &&
                       g.total.value.sign() > 0 && g.as_written() &&
                       (!stated.range.low || *stated.range.low * g.total.value < g.sum * hundred ||
                        (!stated.range.low_open && *stated.range.low * g.total.value == g.sum * hundred)) &&
                       (!stated.range.high || *stated.range.high * g.total.value > g.sum * hundred ||
                        (!stated.range.high_open && *stated.range.high * g.total.value == g.sum * hundred));
    const bool exact = (g.sum * hundred == stated.value * g.total.value && g.as_written() &&
                        stated.range.contains(stated.value)) ||
                       bound;
    const interval fraction = scale(non_negative(stated.range), decimal::scaled(1, -2), decimal::scaled(1, -2));
    const bool overlap = product(non_negative(g.total.range), fraction).intersects(g.range);
    if (!g.total.value.is_zero()) {
        r.share_percent = divide(g.sum * hundred, g.total.value, std::min(-2, stated.value.exponent() - 2)).value();
    }
    set_common(r, g);
    r.stated = spec.share.empty() ? nullptr : c.find(spec.share);
    if (r.share_percent) r.difference = *r.share_percent - stated.value;
    r.verdict = graded(exact, overlap);
}

// `to` is `by` more or less than `from`: as a percentage, to = from × (100 + by) / 100; in
// percentage points between two percentages, to = from + by.
void check_change(const claims& c, const check_spec& spec, check_result& r, gathered g) {
    const figure& by = *c.find(spec.by);
    const converted_figure& from = g.parts.front();
    const decimal& t = g.total.value;
    const decimal& f = from.value;
    bool exact = false;
    bool overlap = false;
    if (by.value.unit().is_points()) {
        r.change_percent = t - f;
        exact = g.as_written() && ((t - f == by.value.value() && by.range.contains(by.value.value())) ||
                                   (states_a_bound(by) && by.range.contains(t - f)));
        overlap = (g.total.range - from.range).intersects(by.range);
    } else {
        const decimal hundred(100);
        const interval factor = non_negative(
            scale(by.range + interval::point(hundred), decimal::scaled(1, -2), decimal::scaled(1, -2)));
        exact = t * hundred == f * (hundred + by.value.value()) && g.as_written() &&
                by.range.contains(by.value.value());
        if (!exact && states_a_bound(by) && g.as_written() && f.sign() > 0) {
            // Is (t − f) × 100 / f within the bound? Compared without dividing: f > 0.
            const decimal change_times_f = (t - f) * hundred;
            const auto above = [&](const decimal& b, bool open) {
                return open ? change_times_f > b * f : change_times_f >= b * f;
            };
            const auto below = [&](const decimal& b, bool open) {
                return open ? change_times_f < b * f : change_times_f <= b * f;
            };
            exact = (!by.range.low || above(*by.range.low, by.range.low_open)) &&
                    (!by.range.high || below(*by.range.high, by.range.high_open));
        }
        overlap = product(from.range, factor).intersects(g.total.range);
        r.change_percent = divide((t - f) * hundred, f, std::min(-2, by.value.value().exponent() - 2)).value();
    }
    set_common(r, g);
    r.stated = &by;
    r.difference = *r.change_percent - by.value.value();
    r.verdict = graded(exact, overlap);
}

// ---- one-line summaries -------------------------------------------------------------------

// 8132891199.1436 CNY → "≈8.133 bn CNY": three decimals of the largest fitting scale, up to
// trillions (250 trillion won is "250 tn KRW", not "250000 bn KRW").
std::string brief(const decimal& v, unit u) {
    if (u.is_count()) return v.to_string();
    if (u.is_percent() || u.is_points()) return v.to_string() + (u.is_percent() ? "%" : " points");
    const decimal magnitude = v.abs();
    std::string_view word;
    std::int32_t power = 0;
    constexpr std::pair<std::int32_t, std::string_view> scales[] = {{12, " tn"}, {9, " bn"}, {6, " mn"}};
    for (const auto& [p, w] : scales) {
        if (magnitude >= decimal::scaled(1, p)) {
            power = p;
            word = w;
            break;
        }
    }
    const decimal scaled = divide(v, decimal::scaled(1, power), -3).value();
    const std::string_view approx = scaled * decimal::scaled(1, power) == v ? "" : "≈";
    std::string digits = scaled.reduce().to_string();
    return fmt::format("{}{}{} {}", approx, digits, word, u.code());
}

// A figure as written; a list of names by its count and the names.
std::string written(const figure& src) {
    if (!src.text.empty()) return src.text;
    std::string text = brief(src.value.value(), src.value.unit());
    for (std::size_t i = 0; i < src.names.size(); ++i) text += (i == 0 ? " (" : ", ") + src.names[i];
    if (!src.names.empty()) text += ")";
    return text;
}

std::string brief(const converted_figure& f, unit in) {
    std::string text = written(*f.source);
    if (f.rate || f.stated_rate != nullptr) text += fmt::format(" ({})", brief(f.value, in));
    return text;
}

std::string joined_parts(const check_result& r) {
    std::string out;
    for (const converted_figure& p : r.parts) {
        if (!out.empty()) out += p.weight < 0 ? " − " : " + ";
        else if (p.weight < 0) out += "−";
        out += brief(p, r.in);
    }
    return out;
}

// What let a check hold within rounding: the written digits, or else the qualifiers and rate
// ranges that widened the figures.
std::string allowed_by(const check_result& r, std::string_view stated) {
    if (r.widened_by.empty()) return fmt::format("\"{}\" as written allows it", stated);
    std::string causes;
    for (const std::string& w : r.widened_by) causes += (causes.empty() ? "" : " and ") + w;
    return fmt::format("{} allows it", causes);
}

std::string summarize_sum(const check_result& r) {
    const std::string head = fmt::format("{} = {}", joined_parts(r), brief(*r.parts_sum, r.in));
    const std::string stated = written(*r.total->source);
    switch (r.verdict) {
        case verdict::consistent: return fmt::format("{}, as stated", head);
        case verdict::consistent_within_rounding:
            return fmt::format("{}; {}", head, allowed_by(r, stated));
        default:
            return fmt::format("{}, not {} ({} apart)", head, stated,
                               brief(r.difference->abs(), r.in));
    }
}

std::string stated_text(const check_result& r) {
    if (r.stated != nullptr) return written(*r.stated);
    return r.spec->percent->to_string() + "%";
}

// After a share's or a change's summary: what allowed it, or how far apart it is.
std::string percentage_tail(const check_result& r) {
    if (r.verdict == verdict::consistent_within_rounding && !r.widened_by.empty())
        return "; " + allowed_by(r, "");
    if (r.verdict == verdict::inconsistent)
        return fmt::format(" ({} points apart)", r.difference->abs().to_string());
    return {};
}

std::string summarize_share(const check_result& r) {
    if (!r.share_percent)
        return fmt::format("{} of {}: no share of a zero total", joined_parts(r), brief(*r.total, r.in));
    std::string out = fmt::format("{} is {}% of {}; stated {}", joined_parts(r),
                                  r.share_percent->to_string(), brief(*r.total, r.in), stated_text(r));
    return out + percentage_tail(r);
}

std::string summarize_change(const check_result& r) {
    const bool points = r.stated->value.unit().is_points();
    std::string out = fmt::format("{} to {}: {}{}, stated {}", brief(r.parts.front(), r.in),
                                  brief(*r.total, r.in),
                                  r.change_percent->sign() > 0 ? "+" : "",
                                  brief(*r.change_percent, points ? unit::points() : unit::percent()),
                                  stated_text(r));
    return out + percentage_tail(r);
}


// "300 trillion won for US$229.81 billion: implied 1305.43 KRW per USD, reference 1321.22
// (-1.1950% off)": rates as markets quote the pair, whichever figure is the total.
std::string summarize_converts(const check_result& r) {
    const converted_figure& part = r.parts.front();
    const auto [base, quote] = market_pair(part.source->value.unit(), r.in);
    std::string reference = "reference 1";
    if (part.rate && r.reference_rate) reference = "reference " + r.reference_rate->to_string();
    if (part.stated_rate != nullptr) reference = "stated " + written(*part.stated_rate);
    std::string out = fmt::format("{} for {}: implied {} {} per {}, {} ({}% off)", brief(*r.total, r.in),
                                  written(*part.source),
                                  r.implied_rate ? r.implied_rate->to_string() : std::string("none"),
                                  quote.code(), base.code(), reference,
                                  r.deviation_percent ? r.deviation_percent->to_string() : "?");
    if (r.nearby_low && r.nearby_high && r.spec->rate_period)
        out += fmt::format("; the {} mean allows it within the tolerance ({} to {})",
                           r.spec->rate_period->text, r.nearby_low->to_string(), r.nearby_high->to_string());
    else if (r.nearby_low && r.nearby_high)
        out += fmt::format("; nearby rates allow it ({} to {})", r.nearby_low->to_string(),
                           r.nearby_high->to_string());
    if (r.rate_explained) {
        const rate_explanation& e = *r.rate_explained;
        if (!e.periods.empty() && e.periods.front().holds)
            out += fmt::format("; matches the {} ({})", e.periods.front().period,
                               e.periods.front().rate.to_string());
        else if (e.days_holding > 0)
            out += fmt::format("; matches {} of {} single days in the year before", e.days_holding,
                               e.days_searched);
        else
            out += "; matches no rate of the year before";
    }
    return out;
}

std::string summarize(const check_result& r) {
    if (r.verdict == verdict::unverifiable) return r.reason;
    const std::string total = brief(*r.total, r.in);
    switch (r.spec->relation) {
        case relation::sum: return summarize_sum(r);
        case relation::includes:
            if (r.verdict == verdict::inconsistent)
                return fmt::format("{} = {} exceed {}", joined_parts(r), brief(*r.parts_sum, r.in),
                                   total);
            if (r.difference->sign() < 0)
                return fmt::format("{} includes {}, which exceed it by {}: within rounding",
                                   total, joined_parts(r), brief(r.difference->abs(), r.in));
            return fmt::format("{} includes {}; {} left for the rest", total, joined_parts(r),
                               brief(*r.difference, r.in));
        case relation::converts: return summarize_converts(r);
        case relation::share: return summarize_share(r);
        case relation::change: return summarize_change(r);
    }
    return {};
}

// The figures of a result, with the percent figure a share or change checks.
std::vector<const figure*> figures_of(const check_result& r) {
    std::vector<const figure*> out{r.total->source};
    for (const converted_figure& p : r.parts) out.push_back(p.source);
    if (r.stated != nullptr) out.push_back(r.stated);
    return out;
}

// The values a converted figure stands for by its written digits alone, at its exact rate.
interval plain_range(const converted_figure& f, const qualifier_table& table) {
    const figure& src = *f.source;
    const interval own = figure_interval(src.value, src.high, qualifier::none, src.precision, table);
    if (f.rate) return scale(own, f.rate->value, f.rate->value);
    if (f.stated_rate == nullptr) return own;
    return f.range;  // at a stated rate the rate's own digits count as written digits
}

// For a result within rounding: does the overlap hold on the written digits alone? When not,
// what widened it: the qualifiers of its figures, the range of reference rates.
void explain_widening(const claims& c, check_result& r) {
    if (r.verdict != verdict::consistent_within_rounding) return;
    const auto rel = r.spec->relation;
    if (rel == relation::sum || rel == relation::converts || rel == relation::includes) {
        interval parts = interval::point(decimal());
        for (const converted_figure& p : r.parts)
            parts = parts + (p.weight < 0 ? -plain_range(p, c.qualifiers) : plain_range(p, c.qualifiers));
        const interval total = plain_range(*r.total, c.qualifiers);
        const bool holds = rel == relation::includes
                               ? interval{parts.low, std::nullopt, parts.low_open, false}.intersects(
                                     interval{std::nullopt, total.high, false, total.high_open})
                               : total.intersects(parts);
        if (holds) return;
    }
    for (const figure* f : figures_of(r)) {
        if (f->qualifier != qualifier::none)
            r.widened_by.push_back(fmt::format("'{}' on {}", f->qualifier_text.empty()
                                                                 ? std::string(to_string(f->qualifier))
                                                                 : f->qualifier_text,
                                               f->id));
    }
    for (const converted_figure& p : r.parts) {
        if (p.rate && (p.rate->low || p.rate->high) &&
            std::ranges::find(r.widened_by, "the range of reference rates") == r.widened_by.end())
            r.widened_by.emplace_back("the range of reference rates");
    }
}

check_result judge(const claims& c, const rate_table& rates, const check_spec& spec,
                   rate_mode mode) {
    check_result r;
    r.spec = &spec;
    auto g = gather(c, rates, spec, mode);
    if (!g) {
        r.verdict = verdict::unverifiable;
        r.reason = g.error();
        return r;
    }
    switch (spec.relation) {
        case relation::sum: check_sum(c, rates, r, std::move(*g)); break;
        case relation::includes: check_includes(r, std::move(*g)); break;
        case relation::converts: check_converts(c, rates, r, std::move(*g)); break;
        case relation::share: check_share(c, spec, r, std::move(*g)); break;
        case relation::change: check_change(c, spec, r, std::move(*g)); break;
    }
    explain_widening(c, r);
    return r;
}

bool converted_at_reference_rates(const check_result& r) {
    return std::any_of(r.parts.begin(), r.parts.end(),
                       [](const converted_figure& p) { return p.rate.has_value(); });
}

// The ladder of a converted figure: its own date's rate, exactly or within rounding; then a
// nearby rate; then inconsistent, with what in the rate history the implied rate matches.
check_result run_one(const claims& c, const rate_table& rates, const check_spec& spec) {
    check_result r = judge(c, rates, spec, rate_mode::own_date);
    if (r.verdict == verdict::inconsistent && converted_at_reference_rates(r)) {
        check_result near = judge(c, rates, spec, rate_mode::nearby);
        if (near.verdict == verdict::consistent || near.verdict == verdict::consistent_within_rounding) {
            near.verdict = verdict::consistent_at_nearby_rate;
            near.implied_rate = r.implied_rate;
            near.reference_rate = r.reference_rate;
            near.deviation_percent = r.deviation_percent;
            const found_rate& range = *near.parts.front().rate;
            if (market_pair(range.from, range.to).first == range.from) {
                near.nearby_low = range.low;
                near.nearby_high = range.high;
            } else {  // inverted, and still rounded outward
                const std::int32_t digits = c.policy.derived_digits;
                near.nearby_low = divide_to_digits(decimal(1), *range.high, digits, rounding::floor).value();
                near.nearby_high = divide_to_digits(decimal(1), *range.low, digits, rounding::ceiling).value();
            }
            near.widened_by.clear();
            r = std::move(near);
        } else if (spec.relation == relation::converts) {
            r.rate_explained = explain_rate(c, rates, r);
        }
    }
    r.summary = summarize(r);
    return r;
}

}  // namespace

check_report run_checks(const claims& c, const rate_table& rates) {
    check_report report{&c, {}};
    for (const check_spec& spec : c.checks) report.results.push_back(run_one(c, rates, spec));
    return report;
}

}  // namespace crossfoot
