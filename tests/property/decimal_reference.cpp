// tests/property/decimal_reference.cpp: crossfoot::decimal against an independent exact
// computation with Boost.Multiprecision's cpp_int: parsing, addition, subtraction,
// multiplication, comparison, quantize, divide and rounding to significant digits, in every
// rounding mode, on generated values that cross the int128 boundary (coefficients of 1 to 45
// digits, and values right beside ±2^63, ±2^64, ±2^127 and ±2^128).
// SPDX-License-Identifier: MIT

#include <crossfoot/decimal.hpp>
#include <crossfoot/rounding.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>

namespace {

using boost::multiprecision::cpp_int;
using crossfoot::decimal;
using crossfoot::rounding;

constexpr int trials = 3000;

// The value coefficient × 10^exponent, computed without crossfoot.
struct exact {
    cpp_int coefficient;
    std::int32_t exponent = 0;
};

// Decimal digits as an integer (cpp_int would read a leading 0 as octal).
cpp_int integer(const std::string& digits) {
    const std::size_t first = digits.find_first_not_of('0');
    return first == std::string::npos ? cpp_int(0) : cpp_int(digits.substr(first));
}

cpp_int power_of_ten(std::int32_t n) {
    cpp_int p = 1;
    for (std::int32_t i = 0; i < n; ++i) p *= 10;
    return p;
}

// Both on the smaller exponent: equal values then have equal coefficients.
std::pair<cpp_int, cpp_int> aligned(const exact& a, const exact& b) {
    const std::int32_t e = std::min(a.exponent, b.exponent);
    return {a.coefficient * power_of_ten(a.exponent - e), b.coefficient * power_of_ten(b.exponent - e)};
}

exact reference_of(const decimal& d) {
    // The coefficient's digits as crossfoot prints them; the value is checked independently
    // by parse_matches_the_digits_written below, so this reading is not circular.
    const std::string digits = d.coefficient_string();  // "-" first when negative
    const bool negative = digits.starts_with('-');
    const cpp_int magnitude = integer(negative ? digits.substr(1) : digits);
    return {negative ? cpp_int(-magnitude) : magnitude, d.exponent()};
}

std::string show(const exact& x) {
    return x.coefficient.str() + "E" + std::to_string(x.exponent);
}

// n / d rounded to an integer as `mode` says; d > 0.
cpp_int rounded_quotient(const cpp_int& n, const cpp_int& d, rounding mode) {
    const cpp_int q = n / d;  // toward zero
    const cpp_int r = n % d;  // the sign of n
    if (r == 0) return q;
    const int direction = n < 0 ? -1 : 1;
    const cpp_int twice = 2 * (r < 0 ? cpp_int(-r) : r);
    switch (mode) {
        case rounding::down:
            return q;
        case rounding::up:
            return q + direction;
        case rounding::floor:
            return direction < 0 ? q - 1 : q;
        case rounding::ceiling:
            return direction > 0 ? q + 1 : q;
        case rounding::half_up:
            return twice >= d ? q + direction : q;
        case rounding::half_down:
            return twice > d ? q + direction : q;
        case rounding::half_even:
            if (twice > d) return q + direction;
            if (twice < d) return q;
            return (q % 2 != 0) ? q + direction : q;
    }
    return q;
}

std::int32_t digit_count(const cpp_int& c) {
    const std::string s = (c < 0 ? cpp_int(-c) : c).str();
    return static_cast<std::int32_t>(s.size());
}

// Values of every width, many of them where 64- and 128-bit arithmetic ends.
class generator {
public:
    explicit generator(std::uint64_t seed) : engine_(seed) {}

    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }

    std::string digits(int count) {
        std::string s;
        for (int i = 0; i < count; ++i) s += static_cast<char>('0' + uniform(0, 9));
        return s;
    }

    // A coefficient as text, without sign.
    std::string coefficient() {
        static const std::array<cpp_int, 4> edges = {
            cpp_int(1) << 63, cpp_int(1) << 64, cpp_int(1) << 127, cpp_int(1) << 128};
        const int kind = uniform(0, 9);
        if (kind < 3) return digits(uniform(1, 18));
        if (kind < 6) return digits(uniform(19, 45));
        const cpp_int edge = edges[static_cast<std::size_t>(uniform(0, 3))] + uniform(-3, 3);
        return edge.str();
    }

    // A decimal's text in scientific form, and its value computed here.
    std::pair<std::string, exact> scientific(int min_exponent = -20, int max_exponent = 20) {
        const bool negative = uniform(0, 1) == 1;
        const std::string c = coefficient();
        const int e = uniform(min_exponent, max_exponent);
        cpp_int value = integer(c);
        if (negative) value = -value;
        return {(negative ? "-" : "") + c + "E" + std::to_string(e), exact{value, e}};
    }

    decimal any(int min_exponent = -20, int max_exponent = 20) {
        return decimal::parse_scientific(scientific(min_exponent, max_exponent).first).value();
    }

    rounding mode() { return crossfoot::all_roundings[static_cast<std::size_t>(uniform(0, 6))]; }

private:
    std::mt19937_64 engine_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_against_cpp_int)

// Plain text as ledgers write it ("-123.4500") and scientific text, each read to the value
// its digits say, computed here from the text alone.
BOOST_AUTO_TEST_CASE(parse_matches_the_digits_written) {
    generator g(0x0dec'1a55'0001);
    for (int t = 0; t < trials; ++t) {
        const bool negative = g.uniform(0, 1) == 1;
        const std::string whole = g.coefficient();
        const std::string fraction = g.digits(g.uniform(0, 20));
        const std::string text =
            (negative ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction);
        cpp_int expected = integer(whole + fraction);
        if (negative) expected = -expected;
        const std::int32_t exponent = -static_cast<std::int32_t>(fraction.size());
        BOOST_TEST_CONTEXT(text) {
            const auto parsed = decimal::parse(text);
            BOOST_TEST_REQUIRE(parsed.has_value());
            const exact got = reference_of(*parsed);
            BOOST_TEST(got.coefficient == expected);
            BOOST_TEST(got.exponent == exponent);
            // Printed back as written, less leading zeros and the sign of a zero.
            const std::size_t first = std::min(whole.find_first_not_of('0'), whole.size() - 1);
            const std::string printed = (negative && !expected.is_zero() ? "-" : "") +
                                        whole.substr(first) +
                                        (fraction.empty() ? "" : "." + fraction);
            BOOST_TEST(parsed->to_string() == printed);
        }
        const auto [sci, value] = g.scientific(-40, 40);
        BOOST_TEST_CONTEXT(sci) {
            const auto parsed = decimal::parse_scientific(sci);
            BOOST_TEST_REQUIRE(parsed.has_value());
            const exact got = reference_of(*parsed);
            BOOST_TEST(got.coefficient == value.coefficient);
            BOOST_TEST(got.exponent == value.exponent);
        }
    }
}

BOOST_AUTO_TEST_CASE(sums_differences_and_products_are_exact) {
    generator g(0x0dec'1a55'0002);
    for (int t = 0; t < trials; ++t) {
        const decimal a = g.any();
        const decimal b = g.any();
        const exact x = reference_of(a);
        const exact y = reference_of(b);
        const auto [xa, ya] = aligned(x, y);
        const std::int32_t e = std::min(x.exponent, y.exponent);
        BOOST_TEST_CONTEXT(show(x) << " and " << show(y)) {
            const exact sum = reference_of(a + b);
            BOOST_TEST(sum.coefficient == xa + ya);
            BOOST_TEST(sum.exponent == e);
            const exact difference = reference_of(a - b);
            BOOST_TEST(difference.coefficient == xa - ya);
            BOOST_TEST(difference.exponent == e);
            const exact product = reference_of(a * b);
            BOOST_TEST(product.coefficient == x.coefficient * y.coefficient);
            BOOST_TEST(product.exponent == x.exponent + y.exponent);
        }
    }
}

BOOST_AUTO_TEST_CASE(comparison_agrees_with_the_exact_values) {
    generator g(0x0dec'1a55'0003);
    for (int t = 0; t < trials; ++t) {
        const decimal a = g.any(-6, 6);
        // Every third pair: the same value written with another exponent.
        const decimal b = t % 3 == 0 ? a.quantize(a.exponent() - g.uniform(0, 5), rounding::half_even)
                                     : g.any(-6, 6);
        const auto [xa, ya] = aligned(reference_of(a), reference_of(b));
        BOOST_TEST_CONTEXT(a.to_scientific_string() << " and " << b.to_scientific_string()) {
            BOOST_TEST((a == b) == (xa == ya));
            BOOST_TEST((a < b) == (xa < ya));
            BOOST_TEST((a > b) == (xa > ya));
        }
    }
}

BOOST_AUTO_TEST_CASE(quantize_rounds_as_integer_division_does) {
    generator g(0x0dec'1a55'0004);
    for (int t = 0; t < trials; ++t) {
        const decimal a = g.any();
        const exact x = reference_of(a);
        const std::int32_t e = x.exponent + g.uniform(-10, 45);
        const rounding mode = g.mode();
        const cpp_int expected = e <= x.exponent
                                     ? x.coefficient * power_of_ten(x.exponent - e)
                                     : rounded_quotient(x.coefficient, power_of_ten(e - x.exponent), mode);
        BOOST_TEST_CONTEXT(show(x) << " to 1E" << e << ", " << mode) {
            const exact got = reference_of(a.quantize(e, mode));
            BOOST_TEST(got.coefficient == expected);
            BOOST_TEST(got.exponent == e);
        }
    }
}

BOOST_AUTO_TEST_CASE(divide_rounds_the_exact_quotient_once) {
    generator g(0x0dec'1a55'0005);
    for (int t = 0; t < trials; ++t) {
        const decimal a = g.any(-10, 10);
        decimal b = g.any(-10, 10);
        while (b.is_zero()) b = g.any(-10, 10);
        const exact x = reference_of(a);
        const exact y = reference_of(b);
        const std::int32_t e = g.uniform(-30, 10);
        const rounding mode = g.mode();
        // a / b / 10^e = (xc × 10^(xe - ye - e)) / yc, as a fraction of integers with yc > 0.
        cpp_int numerator = y.coefficient < 0 ? cpp_int(-x.coefficient) : x.coefficient;
        cpp_int denominator = y.coefficient < 0 ? cpp_int(-y.coefficient) : y.coefficient;
        const std::int32_t shift = x.exponent - y.exponent - e;
        if (shift >= 0) numerator *= power_of_ten(shift);
        else denominator *= power_of_ten(-shift);
        BOOST_TEST_CONTEXT(show(x) << " / " << show(y) << " to 1E" << e << ", " << mode) {
            const auto quotient = crossfoot::divide(a, b, e, mode);
            BOOST_TEST_REQUIRE(quotient.has_value());
            const exact got = reference_of(*quotient);
            BOOST_TEST(got.coefficient == rounded_quotient(numerator, denominator, mode));
            BOOST_TEST(got.exponent == e);
        }
    }
}

BOOST_AUTO_TEST_CASE(round_to_digits_keeps_that_many_significant_digits) {
    generator g(0x0dec'1a55'0006);
    for (int t = 0; t < trials; ++t) {
        const decimal a = g.any();
        const exact x = reference_of(a);
        const std::int32_t p = g.uniform(1, 40);
        const rounding mode = g.mode();
        exact expected = x;
        const std::int32_t n = digit_count(x.coefficient);
        if (!x.coefficient.is_zero() && n > p) {
            std::int32_t shift = n - p;
            cpp_int q = rounded_quotient(x.coefficient, power_of_ten(shift), mode);
            if (digit_count(q) > p) {  // carried into a new digit: 999.6 → 1000
                q /= 10;
                ++shift;
            }
            expected = {q, x.exponent + shift};
        }
        BOOST_TEST_CONTEXT(show(x) << " to " << p << " digits, " << mode) {
            const exact got = reference_of(a.round_to_digits(p, mode));
            BOOST_TEST(got.coefficient == expected.coefficient);
            BOOST_TEST(got.exponent == expected.exponent);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
