// crossfoot/decimal.hpp: exact signed decimal numbers.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/detail/coefficient.hpp>
#include <crossfoot/parse_error.hpp>
#include <crossfoot/rounding.hpp>

#include <charconv>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

namespace crossfoot {

/// An exact signed decimal number: an integer coefficient times 10^exponent.
///
/// A regular value type. `+`, `-`, `*`, negation and comparison are exact and never
/// overflow: the coefficient is a native 128-bit integer until it outgrows it, then an
/// arbitrary-precision one, and it comes back to 128 bits when it fits again. Equality is by
/// value (2.0 == 2.00); `exponent()` remembers how the number was written, and the exact
/// operations keep it the way the General Decimal Arithmetic specification does (a sum
/// takes the smaller exponent, a product the sum of the exponents). Division and rounding
/// are the only inexact operations, and both are told where to stop and how to round.
///
/// The exponent is a 32-bit integer; an operation whose result exponent would leave that
/// range throws `std::overflow_error`. There is no negative zero, infinity or NaN.
///
///     const decimal total = decimal::parse("6.305").value();  // exponent -3
///     assert(total == decimal::parse("6.3050").value());      // same value
class decimal {
public:
    decimal() noexcept = default;                     // 0, exponent 0
    /// Any integer, exactly; explicit, so that no arithmetic mixes in an integer silently.
    template <std::integral Integer>
        requires(!std::same_as<Integer, bool>)
    explicit decimal(Integer integer) noexcept
        : coefficient_(static_cast<detail::int128>(integer)) {}
    /// Binary floating point never becomes a decimal: 0.1 has no exact binary value.
    template <std::floating_point Float>
    decimal(Float) = delete;

    /// coefficient × 10^exponent, e.g. `decimal::scaled(6305, 6)` is 6.305 billion.
    [[nodiscard]] static decimal scaled(std::int64_t coefficient, std::int32_t exponent) noexcept;
    /// coefficient × 10^exponent for any native 128-bit coefficient and any exponent, which it
    /// keeps as given; no arithmetic, nothing thrown. The inverse of narrow_coefficient().
    [[nodiscard]] static decimal from_narrow(detail::int128 coefficient,
                                             std::int32_t exponent) noexcept {
        return {detail::coefficient(coefficient), exponent};
    }

    /// Parses `[-]digits[.digits]` and nothing else: no spaces, no `+`, no grouping. Any
    /// number of digits. On failure the error gives the offset of the first offending
    /// character and what was expected there.
    [[nodiscard]] static std::expected<decimal, parse_error> parse(std::string_view text);

    /// Parses the numeric-string syntax of the General Decimal Arithmetic specification
    /// (and of Python's `Decimal`): `[+|-](digits[.[digits]] | .digits)[(e|E)[+|-]digits]`.
    /// "1.20E+3" has coefficient 120, exponent 1. `-0` parses as 0; infinities and NaNs
    /// are refused.
    [[nodiscard]] static std::expected<decimal, parse_error> parse_scientific(
        std::string_view text);

    [[nodiscard]] std::int32_t exponent() const noexcept { return exponent_; }
    [[nodiscard]] int sign() const noexcept;  // -1, 0 or 1
    [[nodiscard]] bool is_zero() const noexcept { return sign() == 0; }
    /// Digits in the coefficient, at least 1: 6.305 has 4, 0.00 has 1.
    [[nodiscard]] std::int32_t digits() const;
    /// The exponent of the most significant digit: digits() - 1 + exponent(). 6.305 → 0.
    [[nodiscard]] std::int64_t adjusted_exponent() const;
    /// The coefficient's decimal digits with a leading '-' when negative: 6.305 → "6305".
    [[nodiscard]] std::string coefficient_string() const;

    /// Plain notation, every digit, no exponent: "-1204.50", "6305000000", "0.000".
    [[nodiscard]] std::string to_string() const;
    /// The same text written into [first, last), as std::to_chars writes a number: the end
    /// of it, or `last` and errc::value_too_large when it does not fit. No allocation for a
    /// coefficient of up to 38 digits (every amount and total of money): what a report of
    /// millions of totals writes each with.
    [[nodiscard]] std::to_chars_result to_chars(char* first, char* last) const;
    /// The specification's to-scientific-string: "1.20E+3", "0.00", "1E-7". It keeps the
    /// exponent, so parse_scientific(x.to_scientific_string()) has x's exponent too.
    [[nodiscard]] std::string to_scientific_string() const;

    /// Rounds to a multiple of 10^exponent; exact (and only re-scaled) when no nonzero
    /// digit is dropped. The result's exponent is `exponent`.
    [[nodiscard]] decimal quantize(std::int32_t exponent,
                                   rounding mode = rounding::half_even) const;
    /// Rounds to at most `significant` significant digits (at least 1); a value that has
    /// no more than that many is returned unchanged. 999 to 2 digits is 1.0E+3.
    [[nodiscard]] decimal round_to_digits(std::int32_t significant,
                                          rounding mode = rounding::half_even) const;
    /// The same value with trailing zeros of the coefficient removed: 1.200 → 1.2, 100 →
    /// 1E+2, 0.00 → 0.
    [[nodiscard]] decimal reduce() const;
    /// |x|, keeping the exponent.
    [[nodiscard]] decimal abs() const;

    decimal& operator+=(const decimal& rhs) {
        if (exponent_ == rhs.exponent_ && coefficient_.try_add_narrow(rhs.coefficient_))
            return *this;
        return add_general(rhs, false);
    }
    decimal& operator-=(const decimal& rhs) {
        if (exponent_ == rhs.exponent_ && coefficient_.try_sub_narrow(rhs.coefficient_))
            return *this;
        return add_general(rhs, true);
    }
    decimal& operator*=(const decimal& rhs);

    friend decimal operator-(const decimal& x);  // exact; keeps the exponent
    friend bool operator==(const decimal& a, const decimal& b);
    friend std::strong_ordering operator<=>(const decimal& a, const decimal& b);
    friend decimal sum(std::span<const decimal> values);
    friend std::expected<decimal, std::errc> divide(const decimal&, const decimal&,
                                                    std::int32_t, rounding);
    friend std::expected<decimal, std::errc> divide_to_digits(const decimal&, const decimal&,
                                                              std::int32_t, rounding);

    /// True when the coefficient is held as a native 128-bit integer (for tests and
    /// benchmarks of the two representations; the value does not depend on it).
    [[nodiscard]] bool is_narrow() const noexcept { return coefficient_.is_narrow(); }
    /// The coefficient as a native 128-bit integer, when it is held as one (for exact sums
    /// kept in integers, as aggregation keeps them).
    [[nodiscard]] std::optional<detail::int128> narrow_coefficient() const noexcept {
        if (!coefficient_.is_narrow()) return std::nullopt;
        return coefficient_.narrow();
    }

private:
    decimal(detail::coefficient coefficient, std::int32_t exponent) noexcept
        : coefficient_(std::move(coefficient)), exponent_(exponent) {}
    decimal& add_general(const decimal& rhs, bool subtract);

    // int128, or cpp_int once it no longer fits; the exponent packs into its tail padding.
    [[no_unique_address]] detail::coefficient coefficient_;
    std::int32_t exponent_ = 0;
};

[[nodiscard]] inline decimal operator+(decimal lhs, const decimal& rhs) { return lhs += rhs; }
[[nodiscard]] inline decimal operator-(decimal lhs, const decimal& rhs) { return lhs -= rhs; }
[[nodiscard]] inline decimal operator*(decimal lhs, const decimal& rhs) { return lhs *= rhs; }

/// The exact sum of `values` (0 for none), with the smallest exponent among them: the same
/// result as adding them one by one, computed in a 128-bit register while the values allow.
///
///     sum(ledger_column)  // 10^7 cents-exponent values: about as fast as raw int128 adds
[[nodiscard]] decimal sum(std::span<const decimal> values);

/// Divides, rounding the quotient to a multiple of 10^exponent. Fails only on a zero
/// divisor (`std::errc::invalid_argument`).
///
///     divide(decimal(2), decimal(3), -4).value().to_string() == "0.6667"
[[nodiscard]] std::expected<decimal, std::errc> divide(const decimal& dividend,
                                                       const decimal& divisor,
                                                       std::int32_t exponent,
                                                       rounding mode = rounding::half_even);

/// Divides to at most `significant` significant digits (at least 1), as the General Decimal
/// Arithmetic specification does at that precision: an exact quotient that fits takes the
/// exponent closest to dividend.exponent() - divisor.exponent() (1/4 → 0.25, 2.400/2 →
/// 1.200); any other is rounded once, with `mode`. Fails only on a zero divisor.
[[nodiscard]] std::expected<decimal, std::errc> divide_to_digits(
    const decimal& dividend, const decimal& divisor, std::int32_t significant,
    rounding mode = rounding::half_even);

std::ostream& operator<<(std::ostream& os, const decimal& d);  // to_string(), no locale

}  // namespace crossfoot

template <>  // consistent with ==: 2.0 and 2.00 hash alike
struct std::hash<crossfoot::decimal> {
    std::size_t operator()(const crossfoot::decimal& d) const noexcept;
};
