// tests/property/decimal_laws.cpp: seeded randomized and exhaustive laws of crossfoot::decimal:
// exact arithmetic, printing round trips, rounding bounds, and every rounding mode against an
// independent integer reference.
// SPDX-License-Identifier: MIT

#include <crossfoot/decimal.hpp>
#include <crossfoot/rounding.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using crossfoot::decimal;
using crossfoot::rounding;

constexpr std::uint64_t seed = 0x5eed'c0ff'ee15'0001;
constexpr int trials = 1000;

std::string sci(const decimal& d) { return d.to_scientific_string(); }

// Random decimals built from random digit strings: exact from the start, no binary fractions.
class random_decimals {
public:
    explicit random_decimals(std::uint64_t s) : engine_(s) {}

    int uniform(int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(engine_);
    }

    // A coefficient of `low`..`high` digits (leading zeros allowed), either sign.
    decimal next(int low, int high, int min_exponent, int max_exponent) {
        std::string text = uniform(0, 1) == 0 ? "-" : "";
        const int length = uniform(low, high);
        for (int i = 0; i < length; ++i) text += static_cast<char>('0' + uniform(0, 9));
        text += "E" + std::to_string(uniform(min_exponent, max_exponent));
        return decimal::parse_scientific(text).value();
    }

    // Mostly narrow values, some near the 128-bit limit, some far beyond it.
    decimal any(int min_exponent = -12, int max_exponent = 12) {
        const int kind = uniform(0, 19);
        if (kind < 12) return next(1, 18, min_exponent, max_exponent);
        if (kind < 17) return next(19, 39, min_exponent, max_exponent);
        return next(40, 60, min_exponent, max_exponent);
    }

    decimal nonzero(int min_exponent = -12, int max_exponent = 12) {
        decimal d = any(min_exponent, max_exponent);
        while (d.is_zero()) d = any(min_exponent, max_exponent);
        return d;
    }

    std::mt19937_64& engine() { return engine_; }

private:
    std::mt19937_64 engine_;
};

std::string describe(const std::vector<decimal>& values) {
    std::string out;
    for (const decimal& d : values) out += sci(d) + " ";
    return out;
}

decimal sum_of(const std::vector<decimal>& values) {
    decimal total;
    for (const decimal& d : values) total += d;
    return total;
}

bool is_half_mode(rounding mode) {
    return mode == rounding::half_even || mode == rounding::half_up || mode == rounding::half_down;
}

// Whether q, with the exact quotient a/b on the side `side` of it (the sign of a/b - q), is
// where a directed mode puts it; `direction` is the sign of a/b.
bool on_directed_side(rounding mode, int side, int direction) {
    switch (mode) {
        case rounding::floor:
            return side >= 0;
        case rounding::ceiling:
            return side <= 0;
        case rounding::down:
            return side * direction >= 0;  // |q| <= |a/b|
        case rounding::up:
            return side * direction <= 0;  // |q| >= |a/b|
        default:
            return true;
    }
}

// q is a/b rounded to a multiple of 10^e with `mode`: within one unit of a/b, on the side
// the mode asks for, and within half a unit for the half modes, ties broken as they say.
void check_rounded(const decimal& a, const decimal& b, const decimal& q, std::int32_t e,
                   rounding mode) {
    BOOST_TEST(q.exponent() == e);
    const decimal remainder = a - q * b;                   // a/b - q = remainder / b
    const decimal unit = b.abs() * decimal::scaled(1, e);  // one unit of q, times |b|
    BOOST_TEST(remainder.abs() < unit);
    const int side = remainder.sign() * b.sign();
    const int direction = a.sign() * b.sign();
    BOOST_TEST(on_directed_side(mode, side, direction));
    if (!is_half_mode(mode)) return;
    const decimal twice = remainder.abs() * decimal(2);
    BOOST_TEST(twice <= unit);
    if (twice != unit) return;
    if (mode == rounding::half_up) BOOST_TEST(side * direction <= 0);
    if (mode == rounding::half_down) BOOST_TEST(side * direction >= 0);
    if (mode == rounding::half_even) BOOST_TEST((q.coefficient_string().back() - '0') % 2 == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_exact_laws)

BOOST_AUTO_TEST_CASE(sum_is_independent_of_order) {
    random_decimals gen(seed);
    for (int trial = 0; trial < 10; ++trial) {
        std::vector<decimal> values;
        for (int i = 0; i < 150; ++i) values.push_back(gen.any());
        for (int i = 0; i < 50; ++i) values.push_back(gen.next(39, 60, -12, 12));  // > 10^38
        const decimal total = sum_of(values);
        BOOST_TEST_CONTEXT("seed " << seed << ", trial " << trial << ", values " << describe(values)
                                   << ", total " << sci(total)) {
            for (int shuffle = 0; shuffle < 20; ++shuffle) {
                std::shuffle(values.begin(), values.end(), gen.engine());
                BOOST_TEST(sci(sum_of(values)) == sci(total));
            }
            std::reverse(values.begin(), values.end());
            BOOST_TEST(sci(sum_of(values)) == sci(total));
            const auto middle = values.begin() + 100;
            const decimal halves = sum_of(std::vector<decimal>(values.begin(), middle)) +
                                   sum_of(std::vector<decimal>(middle, values.end()));
            BOOST_TEST(sci(halves) == sci(total));
            decimal rest = total;
            for (const decimal& d : values) rest -= d;
            BOOST_TEST(rest.is_zero());
            BOOST_TEST(rest.exponent() == total.exponent());
        }
    }
}

BOOST_AUTO_TEST_CASE(sum_then_difference_restores_operand) {
    random_decimals gen(seed);
    for (int trial = 0; trial < trials; ++trial) {
        const decimal a = gen.any();
        const decimal b = gen.any();
        BOOST_TEST_CONTEXT("seed " << seed << ", a = " << sci(a) << ", b = " << sci(b)) {
            const decimal back = (a + b) - b;
            BOOST_TEST(back == a);
            BOOST_TEST(back.exponent() == std::min(a.exponent(), b.exponent()));
            BOOST_TEST(sci(back.quantize(a.exponent())) == sci(a));
            BOOST_TEST(sci(a + b) == sci(b + a));
            BOOST_TEST(sci(a - b) == sci(a + -b));
            BOOST_TEST(sci(a - b) == sci(-(b - a)));
            BOOST_TEST((a - a).is_zero());
        }
    }
}

BOOST_AUTO_TEST_CASE(printing_round_trips) {
    random_decimals gen(seed);
    for (int trial = 0; trial < trials; ++trial) {
        const decimal x = gen.any(-45, 45);
        BOOST_TEST_CONTEXT("seed " << seed << ", x = " << sci(x)) {
            const decimal plain = decimal::parse(x.to_string()).value();
            BOOST_TEST(plain == x);
            BOOST_TEST(plain.exponent() == std::min(x.exponent(), 0));
            const decimal scientific = decimal::parse_scientific(sci(x)).value();
            BOOST_TEST(scientific == x);
            BOOST_TEST(scientific.exponent() == x.exponent());
            BOOST_TEST(scientific.coefficient_string() == x.coefficient_string());
            BOOST_TEST(decimal::parse_scientific(x.to_string()).value() == x);
        }
    }
}

BOOST_AUTO_TEST_CASE(product_commutes_and_associates) {
    random_decimals gen(seed);
    for (int trial = 0; trial < trials; ++trial) {
        const decimal a = gen.any();
        const decimal b = gen.any();
        const decimal c = gen.any();
        BOOST_TEST_CONTEXT("seed " << seed << ", a = " << sci(a) << ", b = " << sci(b)
                                   << ", c = " << sci(c)) {
            BOOST_TEST(sci(a * b) == sci(b * a));
            BOOST_TEST((a * b).exponent() == a.exponent() + b.exponent());
            BOOST_TEST(sci((a * b) * c) == sci(a * (b * c)));
            BOOST_TEST(sci(a * (b + c)) == sci(a * b + a * c));
        }
    }
}

BOOST_AUTO_TEST_CASE(product_divided_by_factor_restores_operand) {
    random_decimals gen(seed);
    for (int trial = 0; trial < trials; ++trial) {
        const decimal a = gen.any();
        const decimal b = gen.nonzero();
        BOOST_TEST_CONTEXT("seed " << seed << ", a = " << sci(a) << ", b = " << sci(b)) {
            for (const rounding mode : crossfoot::all_roundings) {
                BOOST_TEST_CONTEXT(mode) {
                    const auto q = crossfoot::divide(a * b, b, a.exponent(), mode);
                    BOOST_TEST_REQUIRE(q.has_value());
                    BOOST_TEST(sci(*q) == sci(a));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(order_agrees_with_sign_of_difference) {
    random_decimals gen(seed);
    const std::hash<decimal> hash;
    for (int trial = 0; trial < trials; ++trial) {
        const decimal a = gen.any();
        // Every fourth b equals a, written with more digits.
        const decimal b =
            trial % 4 == 0 ? a.quantize(a.exponent() - gen.uniform(1, 45)) : gen.any();
        BOOST_TEST_CONTEXT("seed " << seed << ", a = " << sci(a) << ", b = " << sci(b)) {
            BOOST_TEST(((a <=> b) == ((a - b).sign() <=> 0)));
            BOOST_TEST((a == b) == (a - b).is_zero());
            BOOST_TEST(((-a <=> -b) == (b <=> a)));
            if (a == b) BOOST_TEST(hash(a) == hash(b));
            BOOST_TEST(hash(a) == hash(a.reduce()));
        }
    }
}

BOOST_AUTO_TEST_CASE(round_trip_across_int128_is_exact) {
    random_decimals gen(seed);
    const decimal low = decimal::parse("-170141183460469231731687303715884105728").value();
    const decimal high = decimal::parse("170141183460469231731687303715884105727").value();
    const decimal centres[] = {high, low, decimal::parse_scientific("1E+38").value(),
                               decimal::parse_scientific("-1E+38").value()};
    for (int trial = 0; trial < trials; ++trial) {
        const decimal a = centres[gen.uniform(0, 3)] - gen.next(1, 12, 0, 0);
        const decimal b = gen.next(1, 40, 0, 0);
        BOOST_TEST_CONTEXT("seed " << seed << ", a = " << sci(a) << ", b = " << sci(b)) {
            const decimal sum = a + b;
            // Exponent 0 throughout, so the coefficient is the value itself.
            BOOST_TEST(sum.is_narrow() == (low <= sum && sum <= high));
            const decimal back = sum - b;
            BOOST_TEST(sci(back) == sci(a));
            BOOST_TEST(back.is_narrow() == a.is_narrow());
            const decimal product = a * b;
            BOOST_TEST(product.is_narrow() == (low <= product && product <= high));
            if (!b.is_zero()) BOOST_TEST(sci(crossfoot::divide(product, b, 0).value()) == sci(a));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(decimal_rounding_laws)

BOOST_AUTO_TEST_CASE(quantize_stays_within_one_unit) {
    random_decimals gen(seed);
    for (int trial = 0; trial < trials; ++trial) {
        const decimal x = gen.any();
        const std::int32_t e = x.exponent() + gen.uniform(-3, x.digits() + 3);
        BOOST_TEST_CONTEXT("seed " << seed << ", x = " << sci(x) << ", exponent " << e) {
            for (const rounding mode : crossfoot::all_roundings) {
                BOOST_TEST_CONTEXT(mode) {
                    check_rounded(x, decimal(1), x.quantize(e, mode), e, mode);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(divide_stays_within_one_unit) {
    random_decimals gen(seed);
    for (int trial = 0; trial < trials; ++trial) {
        const decimal a = gen.any();
        const decimal b = gen.nonzero();
        const std::int32_t e = gen.uniform(-30, 10);
        BOOST_TEST_CONTEXT("seed " << seed << ", a = " << sci(a) << ", b = " << sci(b)
                                   << ", exponent " << e) {
            for (const rounding mode : crossfoot::all_roundings) {
                BOOST_TEST_CONTEXT(mode) {
                    const auto q = crossfoot::divide(a, b, e, mode);
                    BOOST_TEST_REQUIRE(q.has_value());
                    check_rounded(a, b, *q, e, mode);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(divide_to_digits_rounds_once_and_keeps_ideal_exponent) {
    random_decimals gen(seed);
    for (int trial = 0; trial < trials; ++trial) {
        const decimal a = gen.any();
        const decimal b = gen.uniform(0, 3) == 0 ? gen.next(1, 2, -3, 3) : gen.nonzero();
        const std::int32_t p = gen.uniform(1, 45);
        if (b.is_zero()) continue;
        BOOST_TEST_CONTEXT("seed " << seed << ", a = " << sci(a) << ", b = " << sci(b) << ", " << p
                                   << " digits") {
            for (const rounding mode : crossfoot::all_roundings) {
                BOOST_TEST_CONTEXT(mode) {
                    const decimal q = crossfoot::divide_to_digits(a, b, p, mode).value();
                    BOOST_TEST(q.digits() <= p);
                    BOOST_TEST(sci(q) == sci(crossfoot::divide(a, b, q.exponent(), mode).value()));
                    const std::int64_t ideal = std::int64_t{a.exponent()} - b.exponent();
                    if (q * b != a) {
                        BOOST_TEST(q.digits() == p);  // an inexact quotient uses every digit
                    } else if (q.exponent() > ideal) {
                        BOOST_TEST(q.digits() == p);  // no room for a lower exponent
                    } else if (q.exponent() < ideal) {
                        BOOST_TEST(sci(q.reduce()) == sci(q));  // not expressible at the ideal
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

std::int64_t power_of_ten(int n) {
    std::int64_t p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
}

// n / d rounded to an integer: written from the floor quotient and a non-negative
// remainder, unlike the library, which truncates toward zero.
std::int64_t reference_round(std::int64_t n, std::int64_t d, rounding mode) {
    if (d < 0) {
        n = -n;
        d = -d;
    }
    std::int64_t low = n / d;
    std::int64_t rest = n % d;
    if (rest < 0) {
        --low;
        rest += d;
    }
    if (rest == 0) return low;  // n = low·d exactly
    const std::int64_t high = low + 1;
    const std::int64_t toward_zero = n < 0 ? high : low;
    const std::int64_t away = n < 0 ? low : high;
    const bool tie = 2 * rest == d;
    const std::int64_t nearest = 2 * rest < d ? low : high;
    switch (mode) {
        case rounding::floor:
            return low;
        case rounding::ceiling:
            return high;
        case rounding::down:
            return toward_zero;
        case rounding::up:
            return away;
        case rounding::half_up:
            return tie ? away : nearest;
        case rounding::half_down:
            return tie ? toward_zero : nearest;
        case rounding::half_even:
            return tie ? (low % 2 == 0 ? low : high) : nearest;
    }
    throw std::logic_error("unknown rounding mode");
}

// v rounded to `p` significant digits, as (coefficient, exponent).
decimal reference_round_to_digits(std::int64_t v, int p, rounding mode) {
    int digits = 1;
    while (power_of_ten(digits) <= (v < 0 ? -v : v)) ++digits;
    if (digits <= p) return decimal::scaled(v, 0);
    int shift = digits - p;
    std::int64_t q = reference_round(v, power_of_ten(shift), mode);
    if (q == power_of_ten(p) || q == -power_of_ten(p)) {  // carried into a new digit
        q /= 10;
        ++shift;
    }
    return decimal::scaled(q, shift);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_exhaustive_laws)

// Every mode × tie × sign: hundredths -3.00 .. 3.00 to exponents -1 .. 2.
BOOST_AUTO_TEST_CASE(quantize_matches_integer_reference) {
    for (const rounding mode : crossfoot::all_roundings) {
        for (std::int64_t v = -300; v <= 300; ++v) {
            for (std::int32_t e = -1; e <= 2; ++e) {
                const decimal expected =
                    decimal::scaled(reference_round(v, power_of_ten(e + 2), mode), e);
                const decimal x = decimal::scaled(v, -2);
                BOOST_TEST_CONTEXT(mode << ", " << sci(x) << " to 1E" << e) {
                    BOOST_TEST(sci(x.quantize(e, mode)) == sci(expected));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(divide_matches_integer_reference) {
    for (const rounding mode : crossfoot::all_roundings) {
        for (std::int64_t n = -50; n <= 50; ++n) {
            for (std::int64_t d = -12; d <= 12; ++d) {
                if (d == 0) continue;
                for (std::int32_t e = -2; e <= 1; ++e) {
                    const std::int64_t q = e >= 0 ? reference_round(n, d * power_of_ten(e), mode)
                                                  : reference_round(n * power_of_ten(-e), d, mode);
                    BOOST_TEST_CONTEXT(mode << ", " << n << " / " << d << " at 1E" << e) {
                        const auto result = crossfoot::divide(decimal(n), decimal(d), e, mode);
                        BOOST_TEST_REQUIRE(result.has_value());
                        BOOST_TEST(sci(*result) == sci(decimal::scaled(q, e)));
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(round_to_digits_matches_integer_reference) {
    for (const rounding mode : crossfoot::all_roundings) {
        for (std::int64_t v = -1200; v <= 1200; ++v) {
            for (int p = 1; p <= 3; ++p) {
                BOOST_TEST_CONTEXT(mode << ", " << v << " to " << p << " digits") {
                    BOOST_TEST(sci(decimal(v).round_to_digits(p, mode)) ==
                               sci(reference_round_to_digits(v, p, mode)));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// crossfoot::sum takes a register fast path; it must agree with adding one by one, whatever
// the exponents, signs and sizes (wide values and 128-bit overflow included).
BOOST_AUTO_TEST_CASE(sum_of_span_equals_sequential_addition) {
    std::mt19937_64 random(424242);
    std::uniform_int_distribution<std::int64_t> coefficient(-999'999'999'999'999'999,
                                                            999'999'999'999'999'999);
    std::uniform_int_distribution<std::int32_t> exponent(-6, 4);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<crossfoot::decimal> values;
        const int n = static_cast<int>(random() % 300);
        for (int i = 0; i < n; ++i) {
            crossfoot::decimal v = crossfoot::decimal::scaled(coefficient(random), exponent(random));
            if (random() % 17 == 0) v *= crossfoot::decimal::scaled(coefficient(random), 0) *
                                         crossfoot::decimal::scaled(coefficient(random), 0);
            values.push_back(v);
        }
        crossfoot::decimal expected = values.empty() ? crossfoot::decimal() : values.front();
        for (std::size_t i = 1; i < values.size(); ++i) expected += values[i];
        const crossfoot::decimal got = crossfoot::sum(values);
        BOOST_TEST_CONTEXT("seed 424242, trial " << trial << ", " << n << " values") {
            BOOST_TEST(got == expected);
            BOOST_TEST(got.exponent() == expected.exponent());
        }
    }
}
