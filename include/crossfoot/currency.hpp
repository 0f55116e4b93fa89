// crossfoot/currency.hpp: units of account (ISO 4217 currencies and counts) and the words
// and symbols that name them.
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <expected>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace crossfoot {

/// One entry of the built-in ISO 4217 table (active codes, list one).
struct currency_info {
    std::string_view code;     // "CNY"
    std::uint16_t numeric;     // 156
    std::int8_t minor_units;   // 2; -1 where ISO 4217 gives none (XAU, XDR, ...)
    std::string_view name;     // "Yuan Renminbi"
};

/// Every built-in currency, sorted by code.
[[nodiscard]] std::span<const currency_info> iso4217_currencies() noexcept;

/// Withdrawn codes that rate histories still quote (CYP, EEK, HRK, LTL, LVL, MTL, ROL, SIT,
/// SKK, TRL: the ECB's history has them), sorted by code.
[[nodiscard]] std::span<const currency_info> iso4217_withdrawn_currencies() noexcept;

/// The table entry for an upper-case ISO code, active or withdrawn, or null when the code
/// is in neither table.
[[nodiscard]] const currency_info* find_currency(std::string_view code) noexcept;

/// A unit of account: an ISO 4217 currency, or `count` (projects, companies), so that
/// "9 of the 42 projects" is checked by the same machinery as money; or `percent` ("18.5%",
/// "up 23.3%") and `points` (percentage points, "+1.7 percentage points"), the units of the
/// figures that relate others. A small regular value type; the default is `count`.
class unit {
public:
    constexpr unit() noexcept = default;
    [[nodiscard]] static constexpr unit count() noexcept { return {}; }
    /// The currency with this upper-case ISO code, or nothing when it is not in the table.
    [[nodiscard]] static std::optional<unit> currency(std::string_view iso_code) noexcept;

    [[nodiscard]] static constexpr unit percent() noexcept { return unit('%', '\0'); }
    [[nodiscard]] static constexpr unit points() noexcept { return unit('p', 'p'); }

    [[nodiscard]] constexpr bool is_count() const noexcept { return code_[0] == '\0'; }
    [[nodiscard]] constexpr bool is_percent() const noexcept { return code_[0] == '%'; }
    [[nodiscard]] constexpr bool is_points() const noexcept { return code_[0] == 'p'; }
    [[nodiscard]] constexpr bool is_currency() const noexcept {
        return code_[0] >= 'A' && code_[0] <= 'Z';
    }
    /// "CNY", "count", "%" or "pp".
    [[nodiscard]] std::string_view code() const noexcept;
    /// ISO minor units (2 for CNY, 0 for JPY and for count); nothing for a currency that
    /// has none (XAU).
    [[nodiscard]] std::optional<std::int32_t> minor_units() const noexcept;

    friend constexpr bool operator==(const unit& a, const unit& b) noexcept {
        // Three bytes compared in line: units are compared once per ledger row.
        return a.code_[0] == b.code_[0] && a.code_[1] == b.code_[1] && a.code_[2] == b.code_[2];
    }
    // Byte by byte in line, as the default on the array would order them, without a call:
    // a report orders each group's totals by currency.
    friend constexpr std::strong_ordering operator<=>(const unit& a, const unit& b) noexcept {
        for (std::size_t i = 0; i < 3; ++i) {
            if (a.code_[i] != b.code_[i]) return a.code_[i] <=> b.code_[i];
        }
        return std::strong_ordering::equal;
    }

private:
    constexpr unit(char first, char second) noexcept : code_{first, second, '\0'} {}
    std::array<char, 3> code_{};  // all zero for count; "%" and "pp" for percent and points
};

std::ostream& operator<<(std::ostream& os, const unit& u);  // code()

/// A unit named in text, and whether it was an assumption (an ambiguous symbol or a bare
/// figure resolved through the caller's default currency).
struct resolved_unit {
    crossfoot::unit unit;
    bool assumed = false;

    friend bool operator==(const resolved_unit&, const resolved_unit&) = default;
};

/// The currencies a word or symbol may name: an ISO code ("USD", "usd"), an English or
/// Chinese name ("yuan", "US dollars", "人民币", "美元"), or a symbol ("US$", "€", "₩").
/// One entry for an unambiguous name, several for "$" and "¥"; empty when unknown.
/// English words match case-insensitively.
[[nodiscard]] std::span<const unit> currency_candidates(std::string_view word);

/// False when no currency's code, name or symbol begins with the first two bytes of `text`
/// (English letters in any case): a quick test before currency_candidates on the prefixes
/// of running text.
[[nodiscard]] bool may_name_currency(std::string_view text) noexcept;

/// Resolves a word or symbol to one unit. An ambiguous symbol resolves to
/// `default_currency` when that is one of its candidates, marked as assumed; otherwise
/// the error says which currencies it could name.
[[nodiscard]] std::expected<resolved_unit, std::string> resolve_currency(
    std::string_view word, std::optional<unit> default_currency);

/// True for the nouns that make a figure a count: "projects", "companies", "家", ...
[[nodiscard]] bool is_count_noun(std::string_view word);

}  // namespace crossfoot

template <>
struct std::hash<crossfoot::unit> {
    std::size_t operator()(const crossfoot::unit& u) const noexcept {
        return std::hash<std::string_view>{}(u.code());
    }
};
