// engine/check/check.cpp: checking stated totals against their components.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

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

// The figure in unit `in`: as it is, or converted at the document date's rate.
std::expected<converted_figure, std::string> bring_into(const claims& c, const rate_table& rates,
                                                        const figure& f, int weight, unit in) {
    const unit from = f.value.unit();
    if (from == in) return converted_figure{&f, weight, f.value.value(), f.range, std::nullopt};
    if (from.is_count() || in.is_count())
        return std::unexpected(fmt::format("'{}' is in {} and cannot be compared with {}", f.id,
                                           from.code(), in.code()));
    if (!c.document.on)
        return std::unexpected(
            fmt::format("'{}' is in {}: converting it needs the document's date", f.id, from.code()));
    auto rate = rates.find(from, in, *c.document.on, c.policy);
    if (!rate) return std::unexpected(rate.error().message);
    const decimal low = rate->low.value_or(rate->value);
    const decimal high = rate->high.value_or(rate->value);
    return converted_figure{&f, weight, f.value.value() * rate->value, scale(f.range, low, high),
                            *rate};
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
                                            const check_spec& spec) {
    const figure* total = c.find(spec.total);
    if (total == nullptr) return std::unexpected(fmt::format("no figure '{}'", spec.total));
    const unit in = total->value.unit();
    gathered g{{total, 1, total->value.value(), total->range, std::nullopt}, {}, decimal()};
    for (const part_ref& p : spec.parts) {
        const figure* f = c.find(p.id);
        if (f == nullptr) return std::unexpected(fmt::format("no figure '{}'", p.id));
        auto converted = bring_into(c, rates, *f, p.weight, in);
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

// Consistent when the written values agree exactly; within rounding when values the figures
// stand for can agree; inconsistent otherwise.
verdict graded(bool exact, bool possible) {
    if (exact) return verdict::consistent;
    return possible ? verdict::consistent_within_rounding : verdict::inconsistent;
}

void check_sum(const claims& c, const rate_table& rates, check_result& r, gathered g) {
    const bool exact = g.total.value == g.sum && g.as_written();
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

void check_converts(const claims& c, check_result& r, gathered g) {
    const converted_figure& part = g.parts.front();
    const decimal& reference = part.rate ? part.rate->value : decimal(1);
    const std::int32_t digits = c.policy.derived_digits;
    if (!part.source->value.value().is_zero()) {
        const decimal implied = divide_to_digits(g.total.value, part.source->value.value(), digits,
                                                 c.policy.derived_rounding)
                                    .value();
        r.implied_rate = implied;
        r.deviation_percent = divide((implied - reference) * decimal(100), reference, -4).value();
    }
    const bool exact = g.total.value == part.value && g.as_written();
    const bool overlap = g.total.range.intersects(part.range);
    set_common(r, g);
    r.verdict = graded(exact, overlap);
}

// part / total = percent %: exact when part × 100 = percent × total; within rounding when some
// part, total and percent in their intervals agree (all positive).
void check_share(const check_spec& spec, check_result& r, gathered g) {
    const decimal& stated = spec.percent.value();
    const decimal hundred(100);
    const decimal h = decimal::scaled(5, stated.exponent() - 1);
    const bool exact = g.sum * hundred == stated * g.total.value && g.as_written();
    const interval& p = g.range;
    const interval& t = g.total.range;
    // The smallest share p.low / t.high is at most stated + h, the largest p.high / t.low at
    // least stated − h; an unbounded end leaves its side unlimited.
    const bool smallest_fits = !p.low || !t.high || *p.low * hundred <= (stated + h) * *t.high;
    const bool largest_fits = !p.high || !t.low || *p.high * hundred >= (stated - h) * *t.low;
    const bool overlap = smallest_fits && largest_fits;
    if (!g.total.value.is_zero())
        r.share_percent = divide(g.sum * hundred, g.total.value, std::min(-2, stated.exponent() - 2)).value();
    set_common(r, g);
    r.verdict = graded(exact, overlap);
}

// ---- one-line summaries -------------------------------------------------------------------

// 8132891199.1436 CNY → "≈8.133 bn CNY": three decimals of the largest fitting scale.
std::string brief(const decimal& v, unit u) {
    if (u.is_count()) return v.to_string();
    const decimal magnitude = v.abs();
    std::string_view word;
    std::int32_t power = 0;
    if (magnitude >= decimal::scaled(1, 9)) {
        word = " bn";
        power = 9;
    } else if (magnitude >= decimal::scaled(1, 6)) {
        word = " mn";
        power = 6;
    }
    const decimal scaled = divide(v, decimal::scaled(1, power), -3).value();
    const std::string_view approx = scaled * decimal::scaled(1, power) == v ? "" : "≈";
    std::string digits = scaled.reduce().to_string();
    return fmt::format("{}{}{} {}", approx, digits, word, u.code());
}

std::string brief(const converted_figure& f, unit in) {
    const figure& src = *f.source;
    std::string text = src.text;
    if (text.empty()) {
        text = brief(src.value.value(), src.value.unit());
        for (std::size_t i = 0; i < src.names.size(); ++i) text += (i == 0 ? " (" : ", ") + src.names[i];
        if (!src.names.empty()) text += ")";
    }
    if (f.rate) text += fmt::format(" ({})", brief(f.value, in));
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

std::string summarize_sum(const check_result& r) {
    const std::string head = fmt::format("{} = {}", joined_parts(r), brief(*r.parts_sum, r.in));
    const std::string stated = r.total->source->text;
    switch (r.verdict) {
        case verdict::consistent: return fmt::format("{}, as stated", head);
        case verdict::consistent_within_rounding:
            return fmt::format("{}; \"{}\" as written allows it", head, stated);
        default:
            return fmt::format("{}, not {} ({} apart)", head, stated,
                               brief(r.difference->abs(), r.in));
    }
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
        case relation::converts:
            return fmt::format("{} for {}: implied rate {}, reference {} ({}% off)", total,
                               r.parts.front().source->text,
                               r.implied_rate ? r.implied_rate->to_string() : "none",
                               r.parts.front().rate ? r.parts.front().rate->value.to_string() : "1",
                               r.deviation_percent ? r.deviation_percent->to_string() : "?");
        case relation::share:
            return fmt::format("{} is {}% of {}; stated {}%", joined_parts(r),
                               r.share_percent ? r.share_percent->to_string() : "?", total,
                               r.spec->percent->to_string());
    }
    return {};
}

check_result run_one(const claims& c, const rate_table& rates, const check_spec& spec) {
    check_result r;
    r.spec = &spec;
    auto g = gather(c, rates, spec);
    if (!g) {
        r.verdict = verdict::unverifiable;
        r.reason = g.error();
        r.summary = summarize(r);
        return r;
    }
    switch (spec.relation) {
        case relation::sum: check_sum(c, rates, r, std::move(*g)); break;
        case relation::includes: check_includes(r, std::move(*g)); break;
        case relation::converts: check_converts(c, r, std::move(*g)); break;
        case relation::share: check_share(spec, r, std::move(*g)); break;
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
