// crossfoot/figure.hpp: stated figures as the intervals of values they stand for.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/amount.hpp>
#include <crossfoot/decimal.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// A set of values {x : low ≤ x ≤ high}, each bound possibly open or absent (unbounded).
/// Arithmetic is exact: bounds are decimals.
struct interval {
    std::optional<decimal> low;   // nothing: −∞
    std::optional<decimal> high;  // nothing: +∞
    bool low_open = false;
    bool high_open = false;

    /// [x, x].
    [[nodiscard]] static interval point(const decimal& x);
    /// [low, high], closed.
    [[nodiscard]] static interval closed(const decimal& low, const decimal& high);

    [[nodiscard]] bool contains(const decimal& x) const;
    [[nodiscard]] bool intersects(const interval& other) const;
    [[nodiscard]] bool is_point() const;

    /// "[6304500000, 6305500000]", "(120000000000, ∞)"; digits grouped when asked.
    [[nodiscard]] std::string to_string(bool grouped = false) const;

    friend bool operator==(const interval&, const interval&) = default;
};

/// Interval arithmetic: {a + b}, {−a}, {a − b}, and {a × r} for r ≥ 0 (rates, counts).
[[nodiscard]] interval operator+(const interval& a, const interval& b);
[[nodiscard]] interval operator-(const interval& a);
[[nodiscard]] interval operator-(const interval& a, const interval& b);
/// Multiplies by a non-negative factor range [low, high] (low ≤ high).
[[nodiscard]] interval scale(const interval& a, const decimal& low, const decimal& high);

std::ostream& operator<<(std::ostream& os, const interval& i);

/// The words that bound or loosen a written figure ("about", "over", "reaching").
enum class qualifier { none, about, nearly, over, at_least, up_to, under, reaching };

/// How "reaching N" is read: as `at_least` N less its rounding (the default: a level that was
/// reached is not below it), or `as_written` (the rounding interval, like no qualifier).
enum class reaching_reading { at_least, as_written };

/// How wide "about x" is. `last_digit` (the default): ± one unit of x's last non-zero written
/// digit, but at most `about_percent` % of x ("about 850亿" is 840亿 to 860亿; "65兆2400億円程度"
/// is ± 100億; "about 5 billion" is ± 5 %, not ± 1 billion). `percent`: ± `about_percent` % of
/// x. Either way never narrower than x's own rounding. docs/claims-format.md gives the evidence.
enum class about_rule { last_digit, percent };

/// The configurable part of the qualifier table (see docs/claims-format.md).
struct qualifier_table {
    about_rule about = about_rule::last_digit;
    decimal about_percent = decimal(5);   // last_digit: the widest "about" goes; percent: its width
    decimal nearly_percent = decimal(5);  // nearly x: [x − 5 % of x, x]
    reaching_reading reaching = reaching_reading::at_least;
};

/// The qualifier named by a word or phrase, in English, Chinese or Japanese (the table of
/// docs/claims-format.md): "about", "approximately", "around", 约, 約, 左右 → about; "nearly",
/// "almost", 近, 将近 → nearly; "over", "more than", 逾, 超过, 超, 余, 多 → over; "at least", 以上
/// → at_least; "up to", "at most", 以下 → up_to; "less than", "under", 不到, 不足, 未満 → under;
/// "reaching", 达到 → reaching; "" and "none" → none.
[[nodiscard]] std::optional<qualifier> qualifier_from_string(std::string_view word);
[[nodiscard]] std::string_view to_string(qualifier q);

/// If `text` starts with a qualifier phrase followed by a space, that qualifier and the rest.
[[nodiscard]] std::pair<qualifier, std::string_view> split_qualifier(std::string_view text);

/// How precisely a figure is taken.
struct precision {
    bool exact = false;                       // the written value exactly
    std::optional<decimal> tolerance;         // ± this much (in the figure's unit)
    std::optional<decimal> tolerance_percent; // ± this % of the value
};

/// The values a written figure stands for. Without `exact` or a tolerance, a currency figure
/// stands for the values that round to it: ± half a unit of its last written digit
/// ("6.305 billion" → [6.3045, 6.3055] billion). A count written without a scale word is
/// exact ("42 projects" is 42). The qualifier then bounds or widens that interval.
[[nodiscard]] interval figure_interval(const amount& value, qualifier q, const precision& p,
                                       const qualifier_table& table);

/// The values a written range stands for ("3 to 5 billion euros"): from the low end's
/// interval to the high end's, each read as figure_interval reads a figure.
[[nodiscard]] interval range_interval(const amount& low, const amount& high, qualifier q,
                                      const precision& p, const qualifier_table& table);

/// A figure or, when `high` is given, a range: figure_interval or range_interval.
[[nodiscard]] interval figure_interval(const amount& value, const std::optional<amount>& high,
                                       qualifier q, const precision& p,
                                       const qualifier_table& table);

}  // namespace crossfoot
