// engine/report/check_chart.cpp: a check drawn as SVG. Positions are computed with exact
// decimals and rounded once, to a tenth of a drawing unit; the values themselves are never
// rounded: each element's <title> states its exact value.
// SPDX-License-Identifier: MIT
#include "check_chart.hpp"
#include "check_text.hpp"

#include "check/rate_history.hpp"

#include <crossfoot/rounding.hpp>
#include <crossfoot/sum.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace crossfoot::charts {

namespace {

// The drawing's frame, in SVG units: labels on the left, the plot on the right.
constexpr int width = 480;
constexpr int plot_left = 150;
constexpr int plot_right = 466;
constexpr int row_height = 26;
constexpr int top = 6;

std::string grouped(const decimal& d) { return group_thousands(d.to_string()); }

std::string unit_suffix(unit u) { return check_unit_label(u); }

// What a row draws: a segment (a part of the waterfall), a band (an interval; an end left
// out runs to the edge) or a point (a stated or computed value).
struct mark {
    enum class kind { segment, band, point };
    kind shape = kind::point;
    std::optional<decimal> from;
    std::optional<decimal> to;
    std::string css;
    std::string title;
};

struct row {
    row(std::string l, std::vector<mark> m, std::string n = {})
        : label(std::move(l)), marks(std::move(m)), note(std::move(n)) {}
    std::string label;
    std::vector<mark> marks;
    std::string note;  // written beside the row's first mark: the difference's value
};

// A row's label as drawn: at most 20 characters (the whole one is in its <title>).
std::string short_label(std::string_view label) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < label.size(); ++i) {
        if ((static_cast<unsigned char>(label[i]) & 0xC0U) == 0x80U) continue;
        if (++chars > 19) return std::string(label.substr(0, i)) + "…";
    }
    return std::string(label);
}

struct panel {
    std::string caption;
    std::string unit_text;  // after values on the axis
    std::vector<row> rows;
};

mark point(const decimal& at, std::string css, std::string title) {
    return {mark::kind::point, at, at, std::move(css), std::move(title)};
}

mark segment(const decimal& a, const decimal& b, std::string css, std::string title) {
    return {mark::kind::segment, std::min(a, b), std::max(a, b), std::move(css), std::move(title)};
}

mark band(const interval& i, std::string css, std::string title) {
    return {mark::kind::band, i.low, i.high, std::move(css), std::move(title)};
}

// The values a panel must show: every finite end of every mark.
std::vector<decimal> values_of(const panel& p) {
    std::vector<decimal> out;
    for (const row& r : p.rows) {
        for (const mark& m : r.marks) {
            if (m.from) out.push_back(*m.from);
            if (m.to) out.push_back(*m.to);
        }
    }
    return out;
}

// A horizontal axis from lo to hi, a little wider than the values.
struct axis {
    decimal lo;
    decimal hi;

    static axis around(const std::vector<decimal>& values, bool from_zero) {
        decimal lo = from_zero ? decimal() : values.front();
        decimal hi = from_zero ? decimal() : values.front();
        for (const decimal& v : values) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        decimal span = hi - lo;
        if (span.is_zero()) span = hi.is_zero() ? decimal(1) : hi.abs();
        const std::int32_t exponent = std::min<std::int32_t>(span.exponent(), 0) - 3;
        const decimal pad = divide(span, decimal(25), exponent, rounding::half_even).value();
        if (!(from_zero && lo.is_zero())) lo = lo - pad;
        if (!(from_zero && hi.is_zero())) hi = hi + pad;
        // Ends a reader can take in at once: two significant digits, outwards.
        lo = lo.is_zero() ? lo : lo.round_to_digits(2, rounding::floor);
        hi = hi.is_zero() ? hi : hi.round_to_digits(2, rounding::ceiling);
        if (hi <= lo) hi = lo + span;
        return {lo, hi};
    }

    // The drawing's x for v, to a tenth; values beyond the axis are held at its ends.
    [[nodiscard]] decimal x(const decimal& v) const {
        const decimal clamped = std::clamp(v, lo, hi);
        const decimal scaled = (clamped - lo) * decimal(plot_right - plot_left);
        return divide(scaled, hi - lo, -1, rounding::half_even).value() + decimal(plot_left);
    }
};

std::string draw_mark(const mark& m, const axis& a, int y) {
    const std::string title = fmt::format("<title>{}</title>", escape(m.title));
    if (m.shape == mark::kind::point) {
        const decimal x = a.x(*m.from);
        return fmt::format("<path class=\"{}\" d=\"M{} {}l6 7l-6 7l-6 -7z\">{}</path>", m.css, x.to_string(), y + 6,
                           title);
    }
    const decimal left = m.from ? a.x(*m.from) : decimal(plot_left);
    const decimal right = m.to ? a.x(*m.to) : decimal(plot_right);
    const decimal w = std::max(right - left, decimal::scaled(1, 0));
    // A band is taller than a part; the difference taller still, to hold its value.
    const bool gap = m.css == "gap";
    const int bar_y = gap ? y + 5 : m.shape == mark::kind::band ? y + 7 : y + 9;
    const int bar_h = gap ? 16 : m.shape == mark::kind::band ? 12 : 8;
    std::string out = fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">{}</rect>", m.css,
                                  left.to_string(), bar_y, w.to_string(), bar_h, title);
    // An interval without an end: an arrow at the edge it runs on to.
    if (!m.from)
        out += fmt::format("<path class=\"{} open\" d=\"M{} {}l8 -8v16z\"><title>no lower end</title></path>", m.css,
                           plot_left - 8, y + 13);
    if (!m.to)
        out += fmt::format("<path class=\"{} open\" d=\"M{} {}l-8 -8v16z\"><title>no upper end</title></path>", m.css,
                           plot_right + 8, y + 13);
    return out;
}

std::string draw_panel(const panel& p, bool from_zero) {
    const std::vector<decimal> values = values_of(p);
    if (values.empty()) return {};
    const axis a = axis::around(values, from_zero);
    const int axis_y = top + static_cast<int>(p.rows.size()) * row_height + 4;
    const int height = axis_y + 22;
    std::string out = fmt::format(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\"><title>{}</title>\n", width, height,
        escape(p.caption), escape(p.caption));
    for (std::size_t i = 0; i < p.rows.size(); ++i) {
        const int y = top + static_cast<int>(i) * row_height;
        out += fmt::format("<text class=\"label\" x=\"4\" y=\"{}\"><title>{}</title>{}</text>", y + 18,
                           escape(p.rows[i].label), escape(short_label(p.rows[i].label)));
        for (const mark& m : p.rows[i].marks) out += draw_mark(m, a, y);
        if (!p.rows[i].note.empty() && !p.rows[i].marks.empty()) {
            // Beside the mark: after it when there is room, else before it.
            const mark& m = p.rows[i].marks.front();
            const decimal right = m.to ? a.x(*m.to) : decimal(plot_right);
            const decimal left = m.from ? a.x(*m.from) : decimal(plot_left);
            // About 7 units a character at the drawing's 12: after the mark, before it, inside
            // it, or (no room anywhere) only in its <title>.
            const decimal need(static_cast<std::int64_t>(p.rows[i].note.size() * 7 + 8));
            std::string_view where;
            decimal x;
            if (right + need <= decimal(plot_right + 12)) {
                where = "";
                x = right + decimal(4);
            } else if (left - need >= decimal(plot_left)) {
                where = " end";
                x = left - decimal(4);
            } else if (right - left >= need) {
                where = " inside";
                x = right - decimal(4);
            }
            if (!x.is_zero())
                out += fmt::format("<text class=\"note{}\" x=\"{}\" y=\"{}\">{}</text>", where, x.to_string(), y + 18,
                                   escape(p.rows[i].note));
        }
        out += "\n";
    }
    out += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", plot_left, axis_y, plot_right,
                       axis_y);
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\">{}{}</text>", plot_left, axis_y + 16,
                       escape(grouped(a.lo)), escape(p.unit_text));
    out += fmt::format("<text class=\"tick end\" x=\"{}\" y=\"{}\">{}{}</text>", plot_right, axis_y + 16,
                       escape(grouped(a.hi)), escape(p.unit_text));
    return out + "</svg>\n";
}

std::string figure_title(const converted_figure& f, unit in) {
    const figure& src = *f.source;
    std::string out = fmt::format("{} \"{}\" = {}{}", src.id, src.text, f.value.to_string(), unit_suffix(in));
    return out + fmt::format(", stands for {}", f.range.to_string());
}

// Sums and inclusions: the waterfall from zero, and a close-up of the total's interval
// against the parts' sum when the waterfall cannot tell them apart.
std::string sum_charts(const check_result& r) {
    const std::string u = unit_suffix(r.in);
    const bool includes = r.spec->relation == relation::includes;
    panel whole{fmt::format("{}: the parts as a waterfall against the total, in {}", r.spec->id,
                            r.in.is_count() ? std::string("count") : std::string(r.in.code())),
                u,
                {}};
    whole.rows.push_back({"total " + r.total->source->id,
                          {band(r.total->range, "band total", "total stands for " + r.total->range.to_string() + u),
                           point(r.total->value, "value total", figure_title(*r.total, r.in))}});
    decimal running;
    for (const converted_figure& p : r.parts) {
        const decimal value = p.value * decimal(p.weight);
        whole.rows.push_back({(p.weight < 0 ? "− " : "+ ") + p.source->id,
                              {segment(running, running + value, p.weight < 0 ? "part minus" : "part",
                                       figure_title(p, r.in))}});
        running = running + value;
    }
    whole.rows.push_back({"parts' sum",
                          {band(*r.parts_range, "band parts", "the parts stand for " + r.parts_range->to_string() + u),
                           point(*r.parts_sum, "value parts", "the parts' sum = " + r.parts_sum->to_string() + u)}});
    const std::string gap_label = includes ? "remainder" : "difference";
    const std::string gap_title =
        includes ? fmt::format("unexplained remainder = total − parts = {}{}, within {}", r.difference->to_string(), u,
                               r.remainder ? r.remainder->to_string() : std::string("?"))
                 : fmt::format("difference = total − parts = {}{}", r.difference->to_string(), u);
    const std::string gap_note = grouped(*r.difference) + u;
    whole.rows.push_back({gap_label, {segment(*r.parts_sum, r.total->value, "gap", gap_title)}, gap_note});
    std::string out = draw_panel(whole, true);

    // The close-up: the two intervals, when their ends lie within a twentieth of the waterfall.
    panel close{fmt::format("{}: close-up of the total's interval and the parts' sum", r.spec->id), u, {}};
    close.rows.push_back({"total", {band(r.total->range, "band total", "total stands for " + r.total->range.to_string() + u),
                                    point(r.total->value, "value total", figure_title(*r.total, r.in))}});
    close.rows.push_back({"parts' sum",
                          {band(*r.parts_range, "band parts", "the parts stand for " + r.parts_range->to_string() + u),
                           point(*r.parts_sum, "value parts", "the parts' sum = " + r.parts_sum->to_string() + u)}});
    close.rows.push_back({gap_label, {segment(*r.parts_sum, r.total->value, "gap", gap_title)}, gap_note});
    const std::vector<decimal> near = values_of(close);
    const std::vector<decimal> all = values_of(whole);
    const auto spread = [](const std::vector<decimal>& v) {
        return *std::max_element(v.begin(), v.end()) - *std::min_element(v.begin(), v.end());
    };
    const decimal wide = std::max(spread(all), std::max(*std::max_element(all.begin(), all.end()), decimal()));
    if (spread(near) * decimal(20) < wide) out += draw_panel(close, false);
    return out;
}

std::string conversion_chart(const check_result& r) {
    const converted_figure& part = r.parts.front();
    const auto [base, quote] = market_pair(part.source->value.unit(), r.in);
    const std::string per = fmt::format(" {}/{}", quote.code(), base.code());
    panel p{fmt::format("{}: the rate the figures imply against the reference rate, {} per {}", r.spec->id, quote.code(),
                        base.code()),
            "",
            {}};
    row implied("implied", {});
    if (r.rate_explained)
        implied.marks.push_back(band(r.rate_explained->implied, "band parts",
                                     "the figures allow " + r.rate_explained->implied.to_string() + per));
    implied.marks.push_back(point(*r.implied_rate, "value parts", "implied " + r.implied_rate->to_string() + per));
    p.rows.push_back(std::move(implied));
    if (r.reference_rate) {
        const std::string what = part.stated_rate != nullptr ? "the document's rate " : "reference ";
        p.rows.push_back({part.stated_rate != nullptr ? "stated" : "reference",
                          {point(*r.reference_rate, "value total", what + r.reference_rate->to_string() + per)}});
    }
    // The reference rate's own range (a window's quotes, a quote with a range), turned to the
    // market's quotation when the conversion runs the other way.
    if (part.rate && part.rate->low && part.rate->high) {
        decimal low = *part.rate->low;
        decimal high = *part.rate->high;
        if (base != part.source->value.unit() && low.sign() > 0) {
            const decimal one(1);
            const decimal inverted_low = divide_to_digits(one, high, 12, rounding::floor).value();
            high = divide_to_digits(one, low, 12, rounding::ceiling).value();
            low = inverted_low;
        }
        p.rows.push_back({"reference range",
                          {band(interval::closed(low, high), "band total",
                                fmt::format("the reference rates range from {} to {}{}", low.to_string(),
                                            high.to_string(), per))}});
    }
    if (r.nearby_low && r.nearby_high)
        p.rows.push_back({"nearby rates",
                          {band(interval::closed(*r.nearby_low, *r.nearby_high), "band total",
                                fmt::format("nearby reference rates with the tolerance: {} to {}{}",
                                            r.nearby_low->to_string(), r.nearby_high->to_string(), per))}});
    return draw_panel(p, false);
}

// The interval a computed share or change can take, from the intervals of the figures it is
// computed from (the parts' sum and the total): a share is part / total × 100; a change is
// (later / earlier − 1) × 100, or later − earlier in points between two percentages. Nothing
// when an interval has no end or a divisor could be zero or negative. Six significant
// digits, rounded outwards.
std::optional<interval> computed_range(const check_result& r, bool share) {
    const interval& total = r.total->range;
    const interval& parts = *r.parts_range;
    if (!total.low || !total.high || !parts.low || !parts.high) return std::nullopt;
    const bool points = r.stated != nullptr && r.stated->value.unit().is_points();
    if (!share && points) return interval::closed(*total.low - *parts.high, *total.high - *parts.low);
    const decimal hundred(100);
    const auto quotient = [](const decimal& a, const decimal& b, rounding mode) {
        return divide_to_digits(a, b, 6, mode).value();
    };
    if (share) {
        if (total.low->sign() <= 0 || parts.low->sign() < 0) return std::nullopt;
        return interval::closed(quotient(*parts.low * hundred, *total.high, rounding::floor),
                                quotient(*parts.high * hundred, *total.low, rounding::ceiling));
    }
    if (parts.low->sign() <= 0 || total.low->sign() < 0) return std::nullopt;
    return interval::closed(quotient((*total.low - *parts.high) * hundred, *parts.high, rounding::floor),
                            quotient((*total.high - *parts.low) * hundred, *parts.low, rounding::ceiling));
}

std::string percentage_chart(const check_result& r) {
    const bool share = r.share_percent.has_value();
    const decimal computed = share ? *r.share_percent : *r.change_percent;
    const unit u = r.stated != nullptr ? r.stated->value.unit() : unit::percent();
    const std::string suffix = unit_suffix(share ? unit::percent() : u);
    panel p{fmt::format("{}: the stated {} against the computed one", r.spec->id, share ? "share" : "change"),
            suffix,
            {}};
    if (r.stated != nullptr) {
        p.rows.push_back({"stated " + r.stated->id,
                          {band(r.stated->range, "band total", "stated stands for " + r.stated->range.to_string() + suffix),
                           point(r.stated->value.value(), "value total",
                                 fmt::format("{} \"{}\" = {}{}", r.stated->id, r.stated->text,
                                             r.stated->value.value().to_string(), suffix))}});
    } else if (r.spec->percent) {
        p.rows.push_back({"stated", {point(*r.spec->percent, "value total", "stated " + r.spec->percent->to_string() + "%")}});
    }
    row computed_row("computed", {});
    if (const auto range = computed_range(r, share)) {
        computed_row.marks.push_back(band(*range, "band parts",
                                          "the figures' intervals allow " + range->to_string() + suffix));
    }
    computed_row.marks.push_back(point(computed, "value parts", "computed " + computed.to_string() + suffix));
    p.rows.push_back(std::move(computed_row));
    return draw_panel(p, false);
}

}  // namespace

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string check_chart(const check_result& r) {
    if (r.verdict == verdict::unverifiable || !r.total || r.parts.empty() || !r.parts_sum) return {};
    if (r.implied_rate) return conversion_chart(r);
    if (r.share_percent || r.change_percent) return percentage_chart(r);
    return sum_charts(r);
}

}  // namespace crossfoot::charts
