// crossfoot/written.hpp: figures as documents write them: amounts and counts, percentages,
// ranges, changes and stated exchange rates, with their qualifiers, in English, Chinese and
// Japanese.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/amount.hpp>
#include <crossfoot/figure.hpp>
#include <crossfoot/parse_error.hpp>

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crossfoot {

/// What a written figure states.
enum class figure_kind {
    amount,   // money or a count: "39.7 billion yuan", "约850亿元人民币", "five companies"
    percent,  // a share: "55.3%", "over 77%", "约18.5%", "nearly one-fifth"
    change,   // a change: "up 23.3%", "同比增长18.1%", "+1.7 percentage points", "12.3%増"
    rate,     // an exchange rate: "7.1 yuan to the dollar", "1美元兑7.1元人民币", "USD/CNY 7.1"
};

[[nodiscard]] std::string_view to_string(figure_kind k);  // "amount", "percent", ...

/// A figure as written, read exactly.
struct written_figure {
    figure_kind kind = figure_kind::amount;
    /// amount: in its currency or `count`; percent: in `unit::percent()`; change: signed
    /// (down is negative), in `unit::percent()` or `unit::points()`; rate: the price of one
    /// `base` in the value's unit ("USD/CNY 7.1" is 7.1 CNY for one USD).
    crossfoot::amount value = crossfoot::amount(decimal(), unit::count());
    std::optional<crossfoot::amount> high;  // a range ("3 to 5 billion"): `value` is its low end
    std::optional<unit> base;               // a rate: the currency priced
    crossfoot::qualifier qualifier = qualifier::none;
    std::string qualifier_text;   // as written: "约", "more than", "以上"; empty if none
    bool converted = false;       // 约合, 折合, "equivalent to": restates a value in another unit
    bool unit_assumed = false;    // the unit came from the default currency
    std::string unit_text;        // the unit as written; empty if none
    std::string scale_text;       // "billion", "亿"; empty if none
    /// ± this much in the value's unit, where the words fix it: a fraction word ("one-fifth"
    /// is 20 ± 0.5 percent, as a writer rounds a share to a simple fraction).
    std::optional<decimal> tolerance;
    /// Readings the text left open and the parser settled, for reports: "兆 read as 10^12",
    /// "'dollar' read as US dollars".
    std::vector<std::string> assumptions;
};

struct figure_parse_options {
    /// What a bare figure and an ambiguous symbol ("$", "¥", "dollars") mean.
    std::optional<unit> default_currency;
    /// The power of ten of 兆 (see amount_parse_options).
    std::int32_t zhao_power = 12;
    /// The figure is known to be a count: plain words after the number name what is counted,
    /// whatever the noun ("3,956 premium smart electric SUVs").
    bool any_count_noun = false;
    /// Running text (read_figure_prefix): a bare number is a count, or with a scale an amount in
    /// the default currency; $ and dollars read as US dollars and ¥ as `yen_sign`, each noted
    /// as an assumption.
    bool running_text = false;
    std::optional<unit> yen_sign = unit::currency("CNY");
    /// Read "3 to 5 billion" as a range; off, "from 101 trillion yuan to 114 trillion yuan"
    /// stops after its first figure.
    bool ranges = true;
};

/// Parses one figure as written, the whole text:
///
///     [change words] [qualifier] body [qualifier] [change words]
///
/// where the body is an amount ("39.7 billion yuan", "二十亿元", "2億3千万ドル", "five
/// companies"), a percentage ("55.3%", "55.3 percent", "one-fifth", "百分之五十"), percentage
/// points ("1.7 percentage points", "1.7个百分点"), a range ("3 to 5 billion euros",
/// "1.5-2 billion yuan", "30亿至50亿元", "between 3 and 5 billion euros") or a rate
/// ("7.1 yuan to the dollar", "1美元兑7.1元人民币", "1ドル=150円", "USD/CNY 7.1").
/// Qualifiers: "about", "over", "nearly", 约, 近, 逾, 超过, 不到, 约合, 折合 before; 左右, 以上, 余,
/// 多, "or more" after. Change words: "up", "down", "rose", 增长, 同比增长, 下降 before; 増, 減,
/// "year on year" after. On failure the error gives the byte offset of the first offending
/// character and what was expected there.
[[nodiscard]] std::expected<written_figure, parse_error> parse_figure(
    std::string_view text, const figure_parse_options& options = {});

/// The longest figure that starts at the beginning of `text`, read as running text (see
/// figure_parse_options::running_text), and how many bytes it takes; when no figure starts
/// there, why ("'pesos' could be MXN, PHP, ..."). What follows the figure is left unread.
[[nodiscard]] std::expected<std::pair<written_figure, std::size_t>, parse_error> read_figure_prefix(
    std::string_view text, const figure_parse_options& options = {});

/// The values a written figure stands for, as figure_interval and range_interval read them,
/// with its own tolerance (a fraction word's) unless `p` names one.
[[nodiscard]] interval written_interval(const written_figure& f, const precision& p,
                                        const qualifier_table& table);

}  // namespace crossfoot
