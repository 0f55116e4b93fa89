// engine/core/numerals.hpp: numbers as documents write them: Arabic digits (ASCII or
// full-width, grouped by commas), Chinese and Japanese numerals and multipliers, and English
// number words (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/decimal.hpp>
#include <crossfoot/parse_error.hpp>

#include "text_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace crossfoot::numerals {

/// A number read from text. Its value is exact, and its exponent is the place of the last
/// written digit or numeral: "39.7" is 397 × 10^-1, "2億3千万" is 23 × 10^7, "二十亿" is
/// 2 × 10^9, "2000万" is 2000 × 10^4.
struct numeral {
    decimal value;
    std::string multipliers;  // the CJK multipliers after Arabic digits, as written: "亿", "千万"
    bool cjk = false;         // a CJK numeral or multiplier was read
    bool word = false;        // an English number word ("five")
    bool zhao = false;        // 兆 was read (at 10^zhao_power)
    bool more = false;        // 余 or 多 stood inside the number ("100余亿", "3万多"): more than
    bool large = false;       // a large multiplier (万, 亿, 兆) was read
};

struct numeral_options {
    std::int32_t zhao_power = 12;  // 兆: 10^12 (Japanese, Taiwanese, Hong Kong money)
    bool words = true;             // read "one" to "twenty"
    /// Running text: a comma not followed by a group of three digits ends the number ("In
    /// 2022, the ..."), where a figure as written is an error ("1,23").
    bool running_text = false;
};

/// The English number words read as numbers, "zero" to "twenty", at their values' indices.
inline constexpr std::array<std::string_view, 21> number_words = {
    "zero",     "one",     "two",     "three",     "four",     "five",     "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

/// The most digits a number may have (the amount parser's bound).
inline constexpr std::size_t max_digits = 1000;

/// The count of digits in `text` when it is more than max_digits, else 0: for readers that
/// refuse a longer number before parsing it (parsing and arithmetic take time growing with
/// the square of its length).
[[nodiscard]] inline std::size_t digits_past_limit(std::string_view text) {
    if (text.size() <= max_digits) return 0;
    const auto digits = static_cast<std::size_t>(std::ranges::count_if(text, [](char c) { return c >= '0' && c <= '9'; }));
    return digits > max_digits ? digits : 0;
}

/// Reads the number at the reader's position. Nothing (the reader unmoved) when no number
/// starts there; an error, at the offending character, when one starts but is malformed
/// ("1..2", "1,23").
[[nodiscard]] std::expected<std::optional<numeral>, parse_error> read_numeral(
    text::reader& in, const numeral_options& options = {});

/// True when a CJK numeral that can start a number (a digit, 十, 百, 千) or a full-width digit
/// starts `text`.
[[nodiscard]] bool starts_cjk_number(std::string_view text);

/// The ASCII digit of the ASCII or full-width digit that starts `text`, and its length.
[[nodiscard]] std::optional<std::pair<char, std::size_t>> digit_at(std::string_view text);

}  // namespace crossfoot::numerals
