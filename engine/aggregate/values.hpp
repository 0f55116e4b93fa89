// engine/aggregate/values.hpp: what the integer row path of aggregation reads and adds up
// (private to the library): plain amounts, dates and currency codes read without
// allocating, powers of ten in int128, and half-even rounding in integers. Inline:
// each is called once or more per ledger row.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/decimal.hpp>
#include <crossfoot/parse_error.hpp>

#include "core/numerals.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace crossfoot::aggregation {

// An amount written `[-]digits[.digits]` with at most 18 digits: coefficient and exponent.
struct plain_amount {
    std::int64_t coefficient = 0;
    std::int32_t exponent = 0;
};

// Eight bytes from `p`, the first in the lowest byte.
inline std::uint64_t load8(const char* p) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    if constexpr (std::endian::native == std::endian::big) word = std::byteswap(word);
    return word;
}

// Reads such an amount; nothing for any other text (which decimal::parse then reads, or
// refuses with the position of the fault).
inline std::optional<plain_amount> read_plain_amount(std::string_view text) {
    if (text.empty() || text.size() > 20) return std::nullopt;  // '-', 18 digits and '.' at most
    const char* p = text.data();
    const char* const end = p + text.size();
    const bool negative = *p == '-';
    if (negative) ++p;
    // A byte loop: amounts are short, and eight digits at a time measured no faster. At
    // most 19 digits can be read (the length was checked): no uint64 overflow.
    const auto digit = [](char c) { return static_cast<unsigned char>(c - '0') < 10; };
    std::uint64_t value = 0;
    const char* const first = p;
    for (; p != end && digit(*p); ++p) value = value * 10 + static_cast<unsigned char>(*p - '0');
    if (p == first) return std::nullopt;  // "", "-" and ".5" are refused by parse
    std::int32_t fraction = 0;
    if (p != end) {
        if (*p != '.') return std::nullopt;
        const char* const point = ++p;
        for (; p != end && digit(*p); ++p) value = value * 10 + static_cast<unsigned char>(*p - '0');
        if (p != end || p == point) return std::nullopt;  // "5." is refused by parse
        fraction = static_cast<std::int32_t>(p - point);
    }
    if (p - first - (fraction != 0 ? 1 : 0) > 18) return std::nullopt;
    const auto magnitude = static_cast<std::int64_t>(value);
    return plain_amount{negative ? -magnitude : magnitude, -fraction};
}

// The most digits an amount in a ledger may have: as many as `crossfoot sum` reads. Reading
// a decimal takes time that grows with the square of its digits (one amount of a million
// digits took 14 s), so a longer one is refused at its first digit instead.
inline constexpr std::size_t max_amount_digits = numerals::max_digits;

inline std::expected<decimal, parse_error> parse_amount_field(std::string_view text) {
    if (const auto plain = read_plain_amount(text))
        return decimal::scaled(plain->coefficient, plain->exponent);
    if (numerals::digits_past_limit(text) != 0) {
        const std::size_t first = text.find_first_of("0123456789");
        return std::unexpected(parse_error{first,
                                           "a number of at most " + std::to_string(max_amount_digits) + " digits",
                                           std::string(text.substr(first, 12)) + "..."});
    }
    return decimal::parse(text);
}

// "YYYY-MM-DD" as (year × 12 + month - 1) × 32 + day: consecutive numbers within a month,
// and a few unused ones between months. 0 for text of any other shape, or a month or day
// out of range (whether the date exists is for parse_date to say).
inline std::uint32_t day_number(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return 0;
    const auto digits = [&](std::size_t at, std::size_t n) {
        std::uint32_t v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            const auto d = static_cast<std::uint32_t>(static_cast<unsigned char>(text[i]) - '0');
            if (d > 9) return ~0U;
            v = v * 10 + d;
        }
        return v;
    };
    const std::uint32_t year = digits(0, 4);
    const std::uint32_t month = digits(5, 2);
    const std::uint32_t day = digits(8, 2);
    if (year == ~0U || month - 1 >= 12 || day - 1 >= 31) return 0;  // ~0U fails the others too
    return (year * 12 + month - 1) * 32 + day;
}

// A three-letter code packed into an integer, for comparing codes in one instruction.
inline std::uint32_t pack_code(std::string_view code) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(code[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(code[2])) << 16;
}

using detail::int128;

// 10^n for n in [0, 38].
inline int128 power_of_ten(std::int32_t n) {
    static constexpr auto powers = [] {
        std::array<int128, 39> p{};
        p[0] = 1;
        for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
        return p;
    }();
    return powers[static_cast<std::size_t>(n)];
}

// value × 10^-drop, rounded half-even; drop in [1, 38].
inline int128 drop_digits_half_even(int128 value, std::int32_t drop) {
    using uint128 = detail::uint128;
    const bool negative = value < 0;
    const uint128 magnitude = negative ? uint128{0} - static_cast<uint128>(value) : static_cast<uint128>(value);
    const uint128 divisor = static_cast<uint128>(power_of_ten(drop));
    uint128 quotient = 0;
    uint128 remainder = 0;
    if ((magnitude >> 64) == 0 && (divisor >> 64) == 0) {  // one machine division
        const auto m = static_cast<std::uint64_t>(magnitude);
        const auto d = static_cast<std::uint64_t>(divisor);
        quotient = m / d;
        remainder = m % d;
    } else {
        quotient = magnitude / divisor;
        remainder = magnitude - quotient * divisor;
    }
    const uint128 twice = remainder * 2;  // remainder < divisor <= 10^38: no overflow
    if (twice > divisor || (twice == divisor && (quotient & 1U) != 0)) ++quotient;
    const auto q = static_cast<int128>(quotient);
    return negative ? -q : q;
}

}  // namespace crossfoot::aggregation
