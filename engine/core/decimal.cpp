// engine/core/decimal.cpp: exact decimal arithmetic on a 128-bit fast path with an
// arbitrary-precision fallback.
// SPDX-License-Identifier: MIT
#include <crossfoot/decimal.hpp>

#include "wide_int.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace crossfoot {

namespace {

// std::numeric_limits knows __int128 only in GNU mode; these do not depend on it.
constexpr detail::int128 int128_max = static_cast<detail::int128>(~detail::uint128{0} >> 1);
constexpr detail::int128 int128_min = -int128_max - 1;

}  // namespace

namespace detail {

namespace {

big_int big_from_uint128(uint128 magnitude) {
    big_int value = static_cast<std::uint64_t>(magnitude >> 64);
    value <<= 64;
    value |= static_cast<std::uint64_t>(magnitude);
    return value;
}

// Two's-complement magnitude: correct for int128_min too.
uint128 magnitude_of(int128 v) {
    return v < 0 ? uint128{0} - static_cast<uint128>(v) : static_cast<uint128>(v);
}

const big_int& big_int128_max() {
    static const big_int value = big_from_uint128(static_cast<uint128>(int128_max));
    return value;
}

}  // namespace

big_int to_big(const coefficient& c) {
    if (const wide_int* w = c.wide()) return w->value;
    big_int value = big_from_uint128(magnitude_of(c.narrow()));
    return c.narrow() < 0 ? big_int(-value) : value;
}

coefficient from_big(big_int value) {
    return coefficient(new wide_int{std::move(value)});
}

coefficient::coefficient(wide_int* owned) noexcept : wide_(owned), is_wide_(true) {
    const big_int& v = owned->value;
    const big_int& max = big_int128_max();
    // [int128_min, int128_max] is narrow: the invariant that gives each value one form.
    if (v > max || v < -max - 1) return;
    const big_int m = boost::multiprecision::abs(v);
    const auto low = static_cast<std::uint64_t>(m & std::numeric_limits<std::uint64_t>::max());
    const auto high = static_cast<std::uint64_t>(m >> 64);
    const uint128 magnitude = (static_cast<uint128>(high) << 64) | low;
    const bool negative = v.sign() < 0;
    delete owned;  // v dangles from here on
    is_wide_ = false;
    narrow_ = negative ? static_cast<int128>(uint128{0} - magnitude) : static_cast<int128>(magnitude);
}

wide_int* coefficient::clone(const wide_int& w) { return new wide_int(w); }

void coefficient::destroy(wide_int* w) noexcept { delete w; }

}  // namespace detail

namespace {

using detail::big_int;
using detail::coefficient;
using detail::int128;
using detail::uint128;

// 10^0 .. 10^38: every power of ten that fits in int128.
constexpr std::array<int128, 39> pow10_table = [] {
    std::array<int128, 39> table{};
    int128 p = 1;
    for (auto& entry : table) {
        entry = p;
        if (&entry != &table.back()) p *= 10;
    }
    return table;
}();

big_int big_pow10(std::int64_t n) {
    if (n < 0 || n > std::numeric_limits<unsigned>::max())
        throw std::length_error("crossfoot::decimal: power of ten out of range");
    return boost::multiprecision::pow(big_int(10), static_cast<unsigned>(n));
}

std::int32_t checked_exponent(std::int64_t e) {
    if (e < std::numeric_limits<std::int32_t>::min() ||
        e > std::numeric_limits<std::int32_t>::max())
        throw std::overflow_error("crossfoot::decimal: exponent out of the 32-bit range");
    return static_cast<std::int32_t>(e);
}

int sign_of(const coefficient& c) {
    if (const auto* w = c.wide()) return w->value.sign();
    return c.narrow() < 0 ? -1 : (c.narrow() > 0 ? 1 : 0);
}

// Writes m's digits at `to` (room for `room` >= 39 bytes) and returns their end.
char* uint128_digits_to(char* to, std::size_t room, uint128 m) {
    if (m <= std::numeric_limits<std::uint64_t>::max())  // the usual total: printed in 64-bit arithmetic
        return std::to_chars(to, to + room, static_cast<std::uint64_t>(m)).ptr;
    std::array<char, 40> buffer{};
    auto* const end = buffer.data() + buffer.size();
    auto* p = end;
    do {
        *--p = static_cast<char>('0' + static_cast<int>(m % 10));
        m /= 10;
    } while (m != 0);
    return std::copy(p, end, to);
}

std::string uint128_digits(uint128 m) {
    std::array<char, 40> buffer{};
    return {buffer.data(), uint128_digits_to(buffer.data(), buffer.size(), m)};
}

// The coefficient's digits without sign.
std::string magnitude_digits(const coefficient& c) {
    if (const auto* w = c.wide()) return big_int(boost::multiprecision::abs(w->value)).str();
    return uint128_digits(detail::magnitude_of(c.narrow()));
}

std::int32_t digit_count(const coefficient& c) {
    if (c.wide() != nullptr) return static_cast<std::int32_t>(magnitude_digits(c).size());
    const uint128 m = detail::magnitude_of(c.narrow());
    std::int32_t digits = 1;
    while (digits < 39 && m >= static_cast<uint128>(pow10_table[static_cast<std::size_t>(digits)]))
        ++digits;
    return digits;
}

// c × 10^n, n >= 0; O(1) for zero whatever n is.
coefficient scale_up(const coefficient& c, std::int64_t n) {
    if (c.wide() == nullptr) {
        if (c.narrow() == 0 || n == 0) return c;
        int128 product = 0;
        if (n <= 38 &&
            !__builtin_mul_overflow(c.narrow(), pow10_table[static_cast<std::size_t>(n)], &product))
            return coefficient(product);
    }
    return detail::from_big(to_big(c) * big_pow10(n));
}

bool is_odd(int128 v) { return (v & 1) != 0; }
bool is_odd(const big_int& v) { return boost::multiprecision::bit_test(v, 0); }

// Whether a truncated quotient moves one unit away from zero, given the remainder's
// position relative to half a unit (-1 below, 0 at, 1 above).
bool rounds_away(rounding mode, bool negative, int half, bool odd) {
    switch (mode) {
        case rounding::up: return true;
        case rounding::down: return false;
        case rounding::ceiling: return !negative;
        case rounding::floor: return negative;
        case rounding::half_up: return half >= 0;
        case rounding::half_down: return half > 0;
        case rounding::half_even: return half > 0 || (half == 0 && odd);
    }
    return false;
}

// num / den rounded with mode; den > 0. |q| < |num| when the division is inexact, so the
// final step cannot overflow.
template <class Int>
Int round_div(const Int& num, const Int& den, rounding mode) {
    Int q = num / den;
    Int r = num % den;
    if (r == 0) return q;
    const bool negative = num < 0;
    if (negative) r = -r;
    const Int rest = den - r;
    const int half = r < rest ? -1 : (r == rest ? 0 : 1);
    if (rounds_away(mode, negative, half, is_odd(q))) q += negative ? -1 : 1;
    return q;
}

// num / den with mode for coefficients, den != 0.
coefficient divide_rounded(const coefficient& num, const coefficient& den, rounding mode) {
    if (num.wide() == nullptr && den.wide() == nullptr && den.narrow() != int128_min) {
        const bool flip = den.narrow() < 0;
        const int128 d = flip ? -den.narrow() : den.narrow();
        if (!flip) return coefficient(round_div(num.narrow(), d, mode));
        if (num.narrow() != int128_min)
            return coefficient(round_div(int128{-num.narrow()}, d, mode));
    }
    big_int n = to_big(num);
    big_int d = to_big(den);
    if (d < 0) {
        n = -n;
        d = -d;
    }
    return detail::from_big(round_div(n, d, mode));
}

}  // namespace

namespace {

using text::is_digit;

std::size_t count_digits(std::string_view text, std::size_t from) {
    std::size_t end = from;
    while (end < text.size() && is_digit(text[end])) ++end;
    return end - from;
}

// An integer from decimal digits (nothing else): 38 digits always fit in int128.
coefficient coefficient_from_digits(std::string_view digits, bool negative) {
    if (digits.size() <= 38) {
        int128 value = 0;
        for (const char c : digits) value = value * 10 + (c - '0');
        return coefficient(negative ? -value : value);
    }
    constexpr std::size_t chunk = 18;  // 10^18 fits in 64 bits
    big_int value = 0;
    for (std::size_t at = 0; at < digits.size(); at += chunk) {
        const std::string_view part = digits.substr(at, chunk);
        std::uint64_t word = 0;
        for (const char c : part) word = word * 10 + static_cast<std::uint64_t>(c - '0');
        value = value * big_pow10(static_cast<std::int64_t>(part.size())) + word;
    }
    return detail::from_big(negative ? big_int(-value) : value);
}

parse_error error_at(std::string_view text, std::size_t at, std::string expected) {
    return {at, std::move(expected), at < text.size() ? std::string(1, text[at]) : std::string()};
}

// The (possibly signed) exponent digits after 'e', as an int64 saturated far outside the
// 32-bit range; `at` is just past the 'e'.
std::expected<std::int64_t, parse_error> read_exponent(std::string_view text, std::size_t at) {
    const bool negative = at < text.size() && text[at] == '-';
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
    const std::size_t n = count_digits(text, at);
    if (n == 0) return std::unexpected(error_at(text, at, "a digit"));
    if (at + n != text.size()) return std::unexpected(error_at(text, at + n, "end of number"));
    std::int64_t value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        value = std::min<std::int64_t>(value * 10 + (text[i] - '0'), std::int64_t{1} << 40);
    }
    return negative ? -value : value;
}

}  // namespace

std::expected<decimal, parse_error> decimal::parse(std::string_view text) {
    const bool negative = text.starts_with('-');
    const std::size_t start = negative ? 1 : 0;
    const std::size_t whole = count_digits(text, start);
    if (whole == 0) return std::unexpected(error_at(text, start, "a digit"));
    std::size_t at = start + whole;
    std::string digits(text.substr(start, whole));
    std::size_t fraction = 0;
    if (at < text.size() && text[at] == '.') {
        fraction = count_digits(text, at + 1);
        if (fraction == 0) return std::unexpected(error_at(text, at + 1, "a digit"));
        digits.append(text.substr(at + 1, fraction));
        at += 1 + fraction;
    }
    if (at != text.size()) return std::unexpected(error_at(text, at, "end of number"));
    if (fraction > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        return std::unexpected(error_at(text, start, "fewer fraction digits"));
    return decimal(coefficient_from_digits(digits, negative),
                   -static_cast<std::int32_t>(fraction));
}

std::expected<decimal, parse_error> decimal::parse_scientific(std::string_view text) {
    const bool negative = text.starts_with('-');
    const std::size_t start = (negative || text.starts_with('+')) ? 1 : 0;
    const std::size_t whole = count_digits(text, start);
    std::size_t at = start + whole;
    std::string digits(text.substr(start, whole));
    std::size_t fraction = 0;
    if (at < text.size() && text[at] == '.') {
        fraction = count_digits(text, at + 1);
        digits.append(text.substr(at + 1, fraction));
        at += 1 + fraction;
    }
    if (digits.empty()) return std::unexpected(error_at(text, whole == 0 && fraction == 0 && at > start ? at : start, "a digit"));
    std::int64_t exponent = 0;
    if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
        const auto e = read_exponent(text, at + 1);
        if (!e) return std::unexpected(e.error());
        exponent = *e;
    } else if (at != text.size()) {
        return std::unexpected(error_at(text, at, "end of number"));
    }
    exponent -= static_cast<std::int64_t>(fraction);
    if (exponent < std::numeric_limits<std::int32_t>::min() ||
        exponent > std::numeric_limits<std::int32_t>::max())
        return std::unexpected(error_at(text, at, "an exponent in the 32-bit range"));
    return decimal(coefficient_from_digits(digits, negative), static_cast<std::int32_t>(exponent));
}

static_assert(sizeof(decimal) == 24, "a decimal is a packed int128 or a pointer, a tag, an exponent");

decimal decimal::scaled(std::int64_t coefficient, std::int32_t exponent) noexcept {
    return from_narrow(coefficient, exponent);
}

int decimal::sign() const noexcept { return sign_of(coefficient_); }

std::int32_t decimal::digits() const { return digit_count(coefficient_); }

std::int64_t decimal::adjusted_exponent() const {
    return std::int64_t{exponent_} + digits() - 1;
}

std::string decimal::coefficient_string() const {
    return (sign() < 0 ? "-" : "") + magnitude_digits(coefficient_);
}

namespace {

// How a decimal is written in plain notation: its digits (without sign) and where the point
// goes. Sized before it is written, so that the text is made once, in place. A narrow
// coefficient's digits (every amount and total of money) are held on the stack, a wide one's
// in a string.
class plain_text {
public:
    plain_text(const coefficient& c, std::int32_t exponent) : negative_(sign_of(c) < 0) {
        if (c.wide() != nullptr) {
            wide_ = magnitude_digits(c);
            digits_ = wide_;
        } else {
            const char* const end =
                uint128_digits_to(narrow_.data(), narrow_.size(), detail::magnitude_of(c.narrow()));
            digits_ = {narrow_.data(), static_cast<std::size_t>(end - narrow_.data())};
        }
        zeros_after_ = exponent >= 0 && sign_of(c) != 0 ? static_cast<std::size_t>(exponent) : 0;
        fraction_ = exponent < 0 ? static_cast<std::size_t>(-std::int64_t{exponent}) : 0;
        whole_ = digits_.size() > fraction_ ? digits_.size() - fraction_ : 0;
        zeros_before_ = fraction_ > digits_.size() ? fraction_ - digits_.size() : 0;
    }
    plain_text(const plain_text&) = delete;  // digits_ may view narrow_
    plain_text& operator=(const plain_text&) = delete;

    [[nodiscard]] std::size_t size() const {
        return std::size_t{negative_} + std::max<std::size_t>(whole_, 1) +
               (fraction_ > 0 ? 1 + fraction_ : 0) + zeros_after_;
    }
    // Writes size() bytes at `out`: the sign, the digits with a point before the last
    // `fraction_` of them, or the digits and the zeros after.
    void write(char* out) const {
        std::fill_n(out, size(), '0');  // the zeros before and after the digits are these
        char* p = out;
        if (negative_) *p++ = '-';
        if (whole_ == 0) ++p;  // the '0' before the point
        p = std::copy_n(digits_.data(), whole_, p);
        if (fraction_ > 0) {
            *p++ = '.';
            std::copy_n(digits_.data() + whole_, digits_.size() - whole_, p + zeros_before_);
        }
    }

private:
    std::array<char, 40> narrow_{};
    std::string wide_;
    std::string_view digits_;
    bool negative_ = false;
    std::size_t whole_ = 0;         // digits before the point
    std::size_t fraction_ = 0;      // digits after it (zeros in front when the digits are fewer)
    std::size_t zeros_before_ = 0;  // zeros between the point and the digits
    std::size_t zeros_after_ = 0;   // zeros after the digits, for a positive exponent
};

// 10^n for n up to 19, the powers of ten below 2^64.
std::uint64_t u64_power_of_ten(std::size_t n) { return static_cast<std::uint64_t>(pow10_table[n]); }

// The two-digit texts of 0 to 99.
constexpr std::array<char, 200> digit_pairs = [] {
    std::array<char, 200> t{};
    for (std::size_t i = 0; i < 100; ++i) {
        t[2 * i] = static_cast<char>('0' + i / 10);
        t[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return t;
}();

// The decimal digits of v, at least one: from its bit width, then one compare (v | 1 has as
// many digits as v, and one for zero).
std::size_t digits_of(std::uint64_t v) {
    const std::uint64_t w = v | 1;
    const auto t = static_cast<std::size_t>((std::bit_width(w) * 1233) >> 12);
    return t + 1 - (w < u64_power_of_ten(t) ? 1 : 0);
}

// Writes v's last `count` digits (zeros in front where it has fewer) to end on `end`, two at
// a time; returns where they start.
char* digits_back(char* end, std::uint64_t v, std::size_t count) {
    for (; count >= 2; count -= 2) {
        end -= 2;
        std::memcpy(end, digit_pairs.data() + 2 * (v % 100), 2);
        v /= 100;
    }
    if (count == 1) *--end = static_cast<char>('0' + v % 10);
    return end;
}

// The usual amount or total: a coefficient below 2^64 at an exponent from -19 to 0, its text
// sized first and written from the end (the fraction's digits, the point, the whole number's),
// with no buffer of digits between. Nothing when the value is not of that kind or its text
// does not fit in [first, last).
[[gnu::always_inline]] inline std::optional<char*> write_usual(const coefficient& c,
                                                               std::int32_t exponent, char* first,
                                                               char* last) {
    if (c.wide() != nullptr || exponent > 0 || exponent < -19) return std::nullopt;
    const uint128 m = detail::magnitude_of(c.narrow());
    if (m > std::numeric_limits<std::uint64_t>::max()) return std::nullopt;
    const auto magnitude = static_cast<std::uint64_t>(m);
    const bool negative = c.narrow() < 0;
    const auto fraction = static_cast<std::size_t>(-exponent);
    const std::uint64_t whole = fraction == 0 ? magnitude : magnitude / u64_power_of_ten(fraction);
    const std::size_t whole_digits = digits_of(whole);  // "0" for none
    const std::size_t size =
        std::size_t{negative} + whole_digits + (fraction > 0 ? 1 + fraction : 0);
    if (size > static_cast<std::size_t>(last - first)) return std::nullopt;
    char* p = first + size;
    if (fraction > 0) {
        p = digits_back(p, magnitude - whole * u64_power_of_ten(fraction), fraction);
        *--p = '.';
    }
    p = digits_back(p, whole, whole_digits);
    if (negative) *--p = '-';
    return first + size;
}

}  // namespace

std::string decimal::to_string() const {
    // Sized once and written in place: a report prints one decimal a total, millions at a time.
    std::array<char, 64> usual{};
    if (const auto end =
            write_usual(coefficient_, exponent_, usual.data(), usual.data() + usual.size()))
        return {usual.data(), *end};
    const plain_text text(coefficient_, exponent_);
    std::string out(text.size(), '0');
    text.write(out.data());
    return out;
}

std::to_chars_result decimal::to_chars(char* first, char* last) const {
    if (const auto end = write_usual(coefficient_, exponent_, first, last))
        return {*end, std::errc{}};
    const plain_text text(coefficient_, exponent_);
    if (text.size() > static_cast<std::size_t>(last - first))
        return {last, std::errc::value_too_large};
    text.write(first);
    return {first + text.size(), std::errc{}};
}

std::string decimal::to_scientific_string() const {
    const std::string digits = magnitude_digits(coefficient_);
    const std::int64_t adjusted = std::int64_t{exponent_} + std::ssize(digits) - 1;
    if (exponent_ <= 0 && adjusted >= -6) return to_string();
    std::string out = sign() < 0 ? "-" : "";
    out += digits.front();
    if (digits.size() > 1) out.append(".").append(digits, 1);
    out += adjusted >= 0 ? "E+" : "E-";
    return out += std::to_string(adjusted >= 0 ? adjusted : -adjusted);
}

decimal decimal::quantize(std::int32_t exponent, rounding mode) const {
    if (exponent <= exponent_)
        return {scale_up(coefficient_, std::int64_t{exponent_} - exponent), exponent};
    const std::int64_t shift = std::int64_t{exponent} - exponent_;
    if (coefficient_.is_narrow() && shift <= 38)  // the common case: no need to count digits
        return {divide_rounded(coefficient_, coefficient(pow10_table[static_cast<std::size_t>(shift)]), mode),
                exponent};
    if (shift > digits()) {
        // Every digit is dropped and what remains is below half a unit.
        const int s = sign();
        const bool away = s != 0 && rounds_away(mode, s < 0, -1, false);
        return {coefficient(int128{away ? s : 0}), exponent};
    }
    return {divide_rounded(coefficient_, scale_up(coefficient(int128{1}), shift), mode),
            exponent};
}

decimal decimal::round_to_digits(std::int32_t significant, rounding mode) const {
    if (significant < 1)
        throw std::invalid_argument("crossfoot::decimal: round_to_digits needs at least 1 digit");
    const std::int32_t have = digits();
    if (have <= significant) return *this;
    decimal rounded =
        quantize(checked_exponent(std::int64_t{exponent_} + have - significant), mode);
    if (rounded.digits() > significant)  // carried into a new digit: 999 → 1000; drop a zero
        rounded = rounded.quantize(checked_exponent(std::int64_t{rounded.exponent_} + 1), mode);
    return rounded;
}

decimal decimal::reduce() const {
    if (is_zero()) return {};
    std::int64_t exponent = exponent_;
    if (coefficient_.wide() == nullptr) {
        int128 c = coefficient_.narrow();
        while (c % 10 == 0) {
            c /= 10;
            ++exponent;
        }
        return {coefficient(c), checked_exponent(exponent)};
    }
    big_int c = to_big(coefficient_);
    while (c % 10 == 0) {
        c /= 10;
        ++exponent;
    }
    return {detail::from_big(std::move(c)), checked_exponent(exponent)};
}

decimal decimal::abs() const { return sign() < 0 ? -*this : *this; }

namespace {

// c × 10^n in int128 when it fits; n >= 0.
bool scale_narrow(int128 c, std::int64_t n, int128& out) {
    if (n == 0 || c == 0) {
        out = c;
        return true;
    }
    return n <= 38 && !__builtin_mul_overflow(c, pow10_table[static_cast<std::size_t>(n)], &out);
}

// a×10^ea + b×10^eb at exponent min(ea, eb) in int128, when nothing overflows.
bool add_narrow(int128 a, std::int32_t ea, int128 b, std::int32_t eb, int128& out) {
    int128 sa = 0;
    int128 sb = 0;
    const std::int32_t e = std::min(ea, eb);
    return scale_narrow(a, std::int64_t{ea} - e, sa) && scale_narrow(b, std::int64_t{eb} - e, sb) &&
           !__builtin_add_overflow(sa, sb, &out);
}

}  // namespace

decimal& decimal::add_general(const decimal& rhs, bool subtract) {
    const std::int32_t e = std::min(exponent_, rhs.exponent_);
    int128 narrow = 0;
    if (coefficient_.is_narrow() && rhs.coefficient_.is_narrow() &&
        rhs.coefficient_.narrow() != int128_min &&
        add_narrow(coefficient_.narrow(), exponent_,
                   subtract ? -rhs.coefficient_.narrow() : rhs.coefficient_.narrow(),
                   rhs.exponent_, narrow)) {
        coefficient_ = coefficient(narrow);
        exponent_ = e;
        return *this;
    }
    const big_int a = to_big(scale_up(coefficient_, std::int64_t{exponent_} - e));
    const big_int b = to_big(scale_up(rhs.coefficient_, std::int64_t{rhs.exponent_} - e));
    coefficient_ = detail::from_big(subtract ? big_int(a - b) : big_int(a + b));
    exponent_ = e;
    return *this;
}

namespace {

struct running_sum {
    int128 accumulator;
    std::int32_t exponent;
};

// The values crossfoot::sum's fast loop cannot take in one add: a wide value, another
// exponent, or an overflow. Out of line and by value, so that the loop keeps its
// accumulator in registers. `narrow` is v's coefficient when v.is_narrow().
[[gnu::noinline]] running_sum absorb(running_sum s, std::optional<decimal>& rest,
                                     const decimal& v, int128 narrow) {
    int128 next = 0;
    if (v.is_narrow() && add_narrow(s.accumulator, s.exponent, narrow, v.exponent(), next))
        return {next, std::min(s.exponent, v.exponent())};
    rest = rest ? *rest + v : v;
    return s;
}

}  // namespace

decimal sum(std::span<const decimal> values) {
    // A 128-bit accumulator kept in registers at the smallest exponent seen so far; values
    // it cannot take go to `rest`, exactly.
    if (values.empty()) return {};
    running_sum s{0, values.front().exponent_};
    std::optional<decimal> rest;
    for (const decimal& v : values) {
        int128 next = 0;
        if (v.coefficient_.is_narrow() && v.exponent_ == s.exponent &&
            !__builtin_add_overflow(s.accumulator, v.coefficient_.narrow(), &next)) [[likely]] {
            s.accumulator = next;
            continue;
        }
        s = absorb(s, rest, v, v.coefficient_.narrow());
    }
    decimal total(coefficient(s.accumulator), s.exponent);
    return rest ? total + *rest : total;
}

decimal& decimal::operator*=(const decimal& rhs) {
    const std::int32_t e = checked_exponent(std::int64_t{exponent_} + rhs.exponent_);
    int128 product = 0;
    if (coefficient_.wide() == nullptr && rhs.coefficient_.wide() == nullptr &&
        !__builtin_mul_overflow(coefficient_.narrow(), rhs.coefficient_.narrow(), &product)) {
        coefficient_ = coefficient(product);
    } else {
        coefficient_ = detail::from_big(to_big(coefficient_) * to_big(rhs.coefficient_));
    }
    exponent_ = e;
    return *this;
}

decimal operator-(const decimal& x) {
    if (x.coefficient_.wide() == nullptr &&
        x.coefficient_.narrow() != int128_min)
        return {coefficient(-x.coefficient_.narrow()), x.exponent_};
    return {detail::from_big(-to_big(x.coefficient_)), x.exponent_};
}

bool operator==(const decimal& a, const decimal& b) { return (a <=> b) == 0; }

std::strong_ordering operator<=>(const decimal& a, const decimal& b) {
    if (a.exponent_ == b.exponent_ && a.coefficient_.wide() == nullptr &&
        b.coefficient_.wide() == nullptr)
        return a.coefficient_.narrow() <=> b.coefficient_.narrow();
    if (a.coefficient_.wide() == nullptr && b.coefficient_.wide() == nullptr) {
        // Both narrow: bring the one with the larger exponent down when that fits.
        const bool a_higher = a.exponent_ > b.exponent_;
        const decimal& high = a_higher ? a : b;
        const decimal& low = a_higher ? b : a;
        int128 scaled = 0;
        if (scale_narrow(high.coefficient_.narrow(), std::int64_t{high.exponent_} - low.exponent_,
                         scaled)) {
            const auto order = scaled <=> low.coefficient_.narrow();
            return a_higher ? order : 0 <=> order;
        }
    }
    const int sa = a.sign();
    const int sb = b.sign();
    if (sa != sb || sa == 0) return sa <=> sb;
    // Same sign, both nonzero: the leading digit's position decides unless it is equal;
    // then the exponents differ by less than the digit counts, so aligning is cheap.
    const std::int64_t adjusted_a = a.adjusted_exponent();
    const std::int64_t adjusted_b = b.adjusted_exponent();
    if (adjusted_a != adjusted_b)
        return sa > 0 ? adjusted_a <=> adjusted_b : adjusted_b <=> adjusted_a;
    const std::int32_t e = std::min(a.exponent_, b.exponent_);
    const big_int ca = to_big(scale_up(a.coefficient_, std::int64_t{a.exponent_} - e));
    const big_int cb = to_big(scale_up(b.coefficient_, std::int64_t{b.exponent_} - e));
    return ca < cb ? std::strong_ordering::less
                   : (ca == cb ? std::strong_ordering::equal : std::strong_ordering::greater);
}

std::expected<decimal, std::errc> divide(const decimal& dividend, const decimal& divisor,
                                         std::int32_t exponent, rounding mode) {
    if (divisor.is_zero()) return std::unexpected(std::errc::invalid_argument);
    // dividend / divisor / 10^exponent = (cn / cd) × 10^shift, made integral on one side.
    const std::int64_t shift =
        std::int64_t{dividend.exponent_} - divisor.exponent_ - exponent;
    const coefficient num = scale_up(dividend.coefficient_, std::max<std::int64_t>(shift, 0));
    const coefficient den = scale_up(divisor.coefficient_, std::max<std::int64_t>(-shift, 0));
    return decimal(divide_rounded(num, den, mode), exponent);
}

namespace {

// The quotient of two nonzero values truncated at 10^exponent, and whether it is exact.
struct truncated_quotient {
    big_int value;
    bool exact;
};

truncated_quotient truncate_at(const big_int& cn, std::int64_t en, const big_int& cd,
                               std::int64_t ed, std::int64_t exponent) {
    const std::int64_t shift = en - ed - exponent;
    const big_int num = shift >= 0 ? big_int(cn * big_pow10(shift)) : cn;
    const big_int den = shift < 0 ? big_int(cd * big_pow10(-shift)) : cd;
    return {num / den, num % den == 0};
}

std::int32_t big_digits(const big_int& v) {
    return static_cast<std::int32_t>(big_int(boost::multiprecision::abs(v)).str().size());
}

}  // namespace

std::expected<decimal, std::errc> divide_to_digits(const decimal& dividend,
                                                   const decimal& divisor,
                                                   std::int32_t significant, rounding mode) {
    if (divisor.is_zero()) return std::unexpected(std::errc::invalid_argument);
    if (significant < 1)
        throw std::invalid_argument("crossfoot::divide_to_digits needs at least 1 digit");
    const std::int64_t ideal = std::int64_t{dividend.exponent_} - divisor.exponent_;
    if (dividend.is_zero()) return decimal(coefficient(), checked_exponent(ideal));

    const big_int cn = to_big(dividend.coefficient_);
    const big_int cd = to_big(divisor.coefficient_);
    // |quotient| lies in (10^(adjusted - 1), 10^(adjusted + 1)), so at this exponent the
    // integer quotient has `significant` or `significant + 1` digits.
    std::int64_t exponent =
        dividend.adjusted_exponent() - divisor.adjusted_exponent() - significant;
    truncated_quotient q = truncate_at(cn, dividend.exponent_, cd, divisor.exponent_, exponent);
    if (big_digits(q.value) > significant) {
        ++exponent;
        q = truncate_at(cn, dividend.exponent_, cd, divisor.exponent_, exponent);
    }
    if (!q.exact) {
        const decimal rounded = divide(dividend, divisor, checked_exponent(exponent), mode).value();
        return rounded.round_to_digits(significant, mode);  // only a carry can add a digit
    }
    // Exact: the quotient's exponent is the ideal one, as far as `significant` digits allow.
    // Reduced in 64 bits: the way to a representable result may pass an exponent that is
    // not (10E+2147483647 / 1 reduces to 1E+2147483648).
    big_int c = std::move(q.value);
    while (c % 10 == 0) {  // c != 0: the dividend is not zero
        c /= 10;
        ++exponent;
    }
    const std::int64_t target =
        std::max(std::min(ideal, exponent), exponent - (significant - big_digits(c)));
    return decimal(detail::from_big(big_int(c * big_pow10(exponent - target))),
                   checked_exponent(target));
}

std::ostream& operator<<(std::ostream& os, const decimal& d) { return os << d.to_string(); }

}  // namespace crossfoot

std::size_t std::hash<crossfoot::decimal>::operator()(const crossfoot::decimal& d) const noexcept {
    // The reduced form, kept in 64 bits rather than through reduce(): 10E+2147483647 reduces
    // to an exponent no decimal holds, and reduce() would throw out of this noexcept function.
    std::string digits = d.coefficient_string();
    std::int64_t exponent = 0;  // zero hashes with exponent 0, whatever it was written with
    if (const std::size_t last = digits.find_last_not_of('0'); last != std::string::npos) {
        exponent = std::int64_t{d.exponent()} + static_cast<std::int64_t>(digits.size() - 1 - last);
        digits.erase(last + 1);
    }
    const std::size_t e = std::hash<std::int64_t>{}(exponent);
    return std::hash<std::string>{}(digits) ^ (e + 0x9e3779b97f4a7c15ULL + (e << 6));
}
