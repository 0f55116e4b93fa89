// engine/core/amount_reader.hpp: the pieces of a written amount, read one at a time, so that
// the amount parser and the figure parser (ranges, rates, percentages) read them one way
// (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/amount.hpp>

#include "numerals.hpp"
#include "text_reader.hpp"

#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace crossfoot::amount_reader {

/// A number with its scale applied: "39.7 billion" is 397 × 10^8.
struct quantity {
    decimal value;
    std::string scale_text;  // "billion", "bn", "亿", "千万"; empty if none
    numerals::numeral number;
};

/// A unit as written, and where.
struct unit_text {
    std::string_view text;
    std::size_t offset = 0;
};

/// `number [scale]` at the reader: nothing (the reader unmoved) when no number starts there.
[[nodiscard]] std::expected<std::optional<quantity>, parse_error> read_quantity(
    text::reader& in, const numerals::numeral_options& options);

/// A unit written before the number ("US$", "€", "RMB "): nothing when the reader is at a
/// number; an error when the word there names no currency.
[[nodiscard]] std::expected<std::optional<unit_text>, parse_error> read_prefix_unit(
    text::reader& in, bool running_text = false);

/// The longest currency name or count noun at the reader ("元人民币", "US dollars",
/// "foreign-funded projects"), after spaces or a hyphen ("trillion-won"); nothing (the reader
/// unmoved) when none. With `any_count_noun`, plain words name a count whatever the noun
/// ("premium smart electric SUVs"): the caller has been told the figure is a count.
/// With `running_text`, a currency right after the number wins, then the nearest count noun
/// after at most three plain words.
[[nodiscard]] std::optional<unit_text> read_suffix_unit(text::reader& in, bool allow_count,
                                                        bool any_count_noun = false,
                                                        bool running_text = false);

/// The unit that a prefix and a suffix (either may be absent) name together, or the default
/// currency (assumed) when neither is written.
[[nodiscard]] std::expected<resolved_unit, parse_error> settle_unit(
    const text::reader& in, const std::optional<unit_text>& prefix,
    const std::optional<unit_text>& suffix, const amount_parse_options& options);

/// Does `text` name a count ("projects", "foreign-funded projects", "家企业")?
[[nodiscard]] bool names_count(std::string_view text);

}  // namespace crossfoot::amount_reader
