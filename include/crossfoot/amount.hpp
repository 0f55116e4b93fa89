// crossfoot/amount.hpp: exact quantities of one unit, as people write them, and
// per-unit totals.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/parse_error.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// An exact value in one unit, remembering how precisely it was written: the value's
/// exponent is the power of ten of the last written digit ("6.305 billion" is 6305 × 10^6,
/// so its last digit is worth a million).
///
/// Amounts of different units cannot be added: `amount` has no `+`. Sums go into
/// `totals`, which keeps one exact total per unit.
class amount {
public:
    amount(decimal value, crossfoot::unit unit) noexcept
        : value_(std::move(value)), unit_(unit) {}

    [[nodiscard]] const decimal& value() const noexcept { return value_; }
    [[nodiscard]] crossfoot::unit unit() const noexcept { return unit_; }
    /// The power of ten that the last written digit is worth: 6 for "6.305 billion",
    /// -2 for "1,234,567.89", 8 for "5亿".
    [[nodiscard]] std::int32_t precision_exponent() const noexcept { return value_.exponent(); }

    /// "6305000000 CNY", "42 count".
    [[nodiscard]] std::string to_string() const;

    friend bool operator==(const amount&, const amount&) = default;

private:
    decimal value_;
    crossfoot::unit unit_;
};

std::ostream& operator<<(std::ostream& os, const amount& a);

/// How to read amounts whose unit the text leaves open.
struct amount_parse_options {
    /// What a bare figure ("5 billion") and an ambiguous symbol ("$", "¥") mean. Without
    /// one, such amounts are errors.
    std::optional<unit> default_currency;
    /// The power of ten of 兆: 12, the Japanese, Taiwanese and Hong Kong reading of money
    /// ("3.5兆円" is 3.5 × 10^12 yen); 6 reads it as the SI prefix of mainland technical usage.
    std::int32_t zhao_power = 12;
};

/// An amount with what the text said about it.
struct parsed_amount {
    crossfoot::amount amount;
    /// True when the unit came from the default currency rather than from the text (a bare
    /// figure, "$" or "¥"): a report should say so.
    bool unit_assumed = false;
    std::string unit_text;   // the unit as written: "yuan", "US$", "美元"; empty if none
    std::string scale_text;  // the scale word as written: "billion", "bn", "亿"; empty if none
};

/// The most digits a written number may have: a figure longer than this is a mistake, not
/// an amount.
inline constexpr std::size_t max_amount_digits = 1000;

/// Parses an amount as people write it:
///
///     [-] [prefix unit] number [scale] [unit]
///
/// - number: digits, optionally grouped by commas in threes ("1,234,567"), optionally a
///   point and more digits ("39.7");
/// - scale: thousand/k, million/mn/m, billion/bn/b, trillion/tn (any case), or 千 (10^3),
///   万 (10^4), 百万 (10^6), 千万 (10^7), 亿 (10^8), 十亿 (10^9), 万亿 (10^12);
/// - unit, before or after the number: an ISO code (USD, cny), a name or symbol
///   (yuan, RMB, 元, 人民币, US$, US dollars, 美元, €, euro, ₩, won, ¥, 円, HK$, £ ...), or a
///   count noun (projects, companies, 家 ...; adjectives may stand before it, as in
///   "9 foreign-funded projects").
///
/// "39.7 billion yuan", "US$1.16bn", "RMB 5 bn", "€2.5m", "1,234,567.89 EUR",
/// "-3.5 million CNY", "50亿元人民币", "3.97万亿元", "1.16亿美元", "42 projects".
/// On failure the error gives the byte offset of the first offending character and what
/// was expected there. Nothing throws for bad input.
[[nodiscard]] std::expected<parsed_amount, parse_error> parse_amount(
    std::string_view text, const amount_parse_options& options = {});

/// Exact per-unit totals: the only way to sum amounts. Adding an amount adds it to its own
/// unit's total, so yuan and dollars are never mixed. Entries are in unit order (count
/// first, then currencies by ISO code), so output built from them is deterministic.
class totals {
public:
    struct entry {
        crossfoot::unit unit;
        decimal total;
        std::size_t amounts = 0;  // how many amounts were added

        friend bool operator==(const entry&, const entry&) = default;
    };

    void add(const amount& a);
    /// Adds every entry of `other`; merging is associative and commutative.
    void merge(const totals& other);

    /// The total for `u`, or nothing when no amount of that unit was added.
    [[nodiscard]] std::optional<decimal> total(crossfoot::unit u) const;
    [[nodiscard]] std::vector<entry> entries() const;
    /// How many amounts were added, all units together.
    [[nodiscard]] std::size_t amounts() const noexcept { return amounts_; }
    [[nodiscard]] bool empty() const noexcept { return by_unit_.empty(); }

    friend bool operator==(const totals&, const totals&) = default;

private:
    struct running {
        decimal total;
        std::size_t amounts = 0;
        friend bool operator==(const running&, const running&) = default;
    };
    std::map<crossfoot::unit, running> by_unit_;
    std::size_t amounts_ = 0;
};

}  // namespace crossfoot
