// tests/unit/decimal_test.cpp: crossfoot::decimal parsing, printing, exact arithmetic,
// comparison, division, rounding, hashing and values beyond 128 bits.
// SPDX-License-Identifier: MIT

#include <crossfoot/decimal.hpp>
#include <crossfoot/rounding.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <ostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <vector>

namespace {

using crossfoot::decimal;
using crossfoot::rounding;
namespace data = boost::unit_test::data;

// 2^127 - 1 and -2^127: the ends of the native 128-bit coefficient.
constexpr std::string_view int128_max = "170141183460469231731687303715884105727";
constexpr std::string_view int128_min = "-170141183460469231731687303715884105728";
constexpr std::string_view two_to_127 = "170141183460469231731687303715884105728";

// A value written in the scientific syntax; a test that cannot parse its input stops.
decimal number(std::string_view text) {
    const auto result = decimal::parse_scientific(text);
    BOOST_TEST_REQUIRE(result.has_value(), "cannot parse " << text);
    return *result;
}

// The scientific form shows the coefficient and the exponent, so comparing it compares both.
std::string sci(const decimal& d) { return d.to_scientific_string(); }

struct bad_decimal {
    std::string_view text, expected_what;
    std::size_t offset;
    std::string_view found;
    friend std::ostream& operator<<(std::ostream& os, const bad_decimal& c) {
        return os << c.text << " at " << c.offset << ", expecting " << c.expected_what;
    }
};

const bad_decimal bad_decimals[] = {
    {"", "a digit", 0, ""},
    {"-", "a digit", 1, ""},
    {"1..2", "a digit", 2, "."},
    {"12x", "end of number", 2, "x"},
    {"+1", "a digit", 0, "+"},
    {" 1", "a digit", 0, " "},
    {"1.", "a digit", 2, ""},
    {".5", "a digit", 0, "."},
    {"1e5", "end of number", 1, "e"},
    {"1,000", "end of number", 1, ","},
    {"--1", "a digit", 1, "-"},
    {"-.5", "a digit", 1, "."},
    {"1.2.3", "end of number", 3, "."},
    {"1 ", "end of number", 1, " "},
    {"0x10", "end of number", 1, "x"},
    {"1_000", "end of number", 1, "_"},
};

const bad_decimal bad_scientific[] = {
    {"", "a digit", 0, ""},
    {"Inf", "a digit", 0, "I"},
    {"-Infinity", "a digit", 1, "I"},
    {"NaN", "a digit", 0, "N"},
    {"1E", "a digit", 2, ""},
    {"1E+", "a digit", 3, ""},
    {"1e-", "a digit", 3, ""},
    {"1E--3", "a digit", 3, "-"},
    {"+", "a digit", 1, ""},
    {"-", "a digit", 1, ""},
    {".", "a digit", 1, ""},
    {"e5", "a digit", 0, "e"},
    {"1E5x", "end of number", 3, "x"},
    {"1.5.", "end of number", 3, "."},
    {" 1", "a digit", 0, " "},
    {"1 ", "end of number", 1, " "},
    {"1,5", "end of number", 1, ","},
    {"1E2147483648", "an exponent in the 32-bit range", 1, "E"},
    {"1E-2147483649", "an exponent in the 32-bit range", 1, "E"},
    {"0.1E-2147483648", "an exponent in the 32-bit range", 3, "E"},
    {"1E99999999999999999999999", "an exponent in the 32-bit range", 1, "E"},
};

struct written_number {
    std::string_view text, coefficient;
    std::int32_t exponent;
    friend std::ostream& operator<<(std::ostream& os, const written_number& c) {
        return os << c.text << " is " << c.coefficient << "E" << c.exponent;
    }
};

const written_number plain_numbers[] = {
    {"0", "0", 0},
    {"-0", "0", 0},
    {"007", "7", 0},
    {"1.50", "150", -2},
    {"-1204.50", "-120450", -2},
    {"0.000", "0", -3},
    {"-0.00", "0", -2},
    {"6305000000", "6305000000", 0},
    {"123456789012345678901234567890.123456789", "123456789012345678901234567890123456789", -9},
};

const written_number scientific_numbers[] = {
    {"1.20E+3", "120", 1},
    {"-0", "0", 0},
    {".5", "5", -1},
    {"1E-7", "1", -7},
    {"+1", "1", 0},
    {"1.", "1", 0},
    {"1.e2", "1", 2},
    {"12.5e-2", "125", -3},
    {"-0E+3", "0", 3},
    {"0.00", "0", -2},
    {"-.5E1", "-5", 0},
    {"1E0000000000000000003", "1", 3},
    {"1E+2147483647", "1", 2147483647},
    {"1E-2147483648", "1", -2147483647 - 1},
    {"0.1E-2147483647", "1", -2147483647 - 1},
};

struct printed {
    std::string_view text, plain, scientific;
    friend std::ostream& operator<<(std::ostream& os, const printed& c) {
        return os << c.text << " prints " << c.plain << " and " << c.scientific;
    }
};

// The to-scientific-string examples of the General Decimal Arithmetic specification, and ours.
const printed printed_numbers[] = {
    {"123", "123", "123"},
    {"-123", "-123", "-123"},
    {"123E1", "1230", "1.23E+3"},
    {"123E3", "123000", "1.23E+5"},
    {"123E-1", "12.3", "12.3"},
    {"123E-5", "0.00123", "0.00123"},
    {"123E-10", "0.0000000123", "1.23E-8"},
    {"-123E-12", "-0.000000000123", "-1.23E-10"},
    {"0", "0", "0"},
    {"0E-2", "0.00", "0.00"},
    {"0E+2", "0", "0E+2"},
    {"-0", "0", "0"},
    {"5E-6", "0.000005", "0.000005"},
    {"50E-7", "0.0000050", "0.0000050"},
    {"5E-7", "0.0000005", "5E-7"},
    {"0E-6", "0.000000", "0.000000"},
    {"0E-7", "0.0000000", "0E-7"},
    {"-0E+3", "0", "0E+3"},
    {"1.20E+3", "1200", "1.20E+3"},
    {"1E+3", "1000", "1E+3"},
    {"-1204.50", "-1204.50", "-1204.50"},
    {"6305E6", "6305000000", "6.305E+9"},
    {"-5E-3", "-0.005", "-0.005"},
    {"-0.5", "-0.5", "-0.5"},
};

struct shape {
    std::string_view text, coefficient;
    std::int32_t digits;
    std::int64_t adjusted_exponent;
    friend std::ostream& operator<<(std::ostream& os, const shape& c) {
        return os << c.text << " has " << c.digits << " digits, adjusted " << c.adjusted_exponent;
    }
};

const shape shapes[] = {
    {"6.305", "6305", 4, 0},
    {"0.00", "0", 1, -2},
    {"-0.0012", "-12", 2, -3},
    {"1.20E+3", "120", 3, 3},
    {"100", "100", 3, 2},
    {"0E+5", "0", 1, 5},
    {two_to_127, two_to_127, 39, 38},
    {"1E-2147483648", "1", 1, -2147483647 - 1},
    {"99E+2147483647", "99", 2, 2147483648},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_parsing)

BOOST_DATA_TEST_CASE(reports_offset_and_expectation, data::make(bad_decimals), c) {
    const auto result = decimal::parse(c.text);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST(result.error().offset == c.offset);
    BOOST_TEST(result.error().expected == c.expected_what);
    BOOST_TEST(result.error().found == c.found);
}

BOOST_DATA_TEST_CASE(reads_plain_notation, data::make(plain_numbers), c) {
    const auto result = decimal::parse(c.text);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->coefficient_string() == c.coefficient);
    BOOST_TEST(result->exponent() == c.exponent);
}

BOOST_DATA_TEST_CASE(scientific_reports_offset_and_expectation, data::make(bad_scientific), c) {
    const auto result = decimal::parse_scientific(c.text);
    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST(result.error().offset == c.offset);
    BOOST_TEST(result.error().expected == c.expected_what);
    BOOST_TEST(result.error().found == c.found);
}

BOOST_DATA_TEST_CASE(reads_scientific_notation, data::make(scientific_numbers), c) {
    const auto result = decimal::parse_scientific(c.text);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->coefficient_string() == c.coefficient);
    BOOST_TEST(result->exponent() == c.exponent);
}

BOOST_DATA_TEST_CASE(scientific_accepts_every_plain_number, data::make(plain_numbers), c) {
    BOOST_TEST(sci(number(c.text)) == sci(decimal::parse(c.text).value()));
}

BOOST_AUTO_TEST_CASE(keeps_written_exponent) {
    const decimal short_form = decimal::parse("6.305").value();
    const decimal long_form = decimal::parse("6.3050").value();
    BOOST_TEST(short_form == long_form);
    BOOST_TEST(short_form.exponent() == -3);
    BOOST_TEST(long_form.exponent() == -4);
    BOOST_TEST(short_form.to_string() == "6.305");
    BOOST_TEST(long_form.to_string() == "6.3050");
    BOOST_TEST(long_form.coefficient_string() == "63050");
}

BOOST_AUTO_TEST_CASE(negative_zero_is_zero) {
    const decimal z = decimal::parse("-0.00").value();
    BOOST_TEST(z.sign() == 0);
    BOOST_TEST(z.is_zero());
    BOOST_TEST(z == decimal());
    BOOST_TEST(z.to_string() == "0.00");
    BOOST_TEST(z.coefficient_string() == "0");
}

BOOST_AUTO_TEST_CASE(error_message_quotes_input) {
    BOOST_TEST(decimal::parse("1..2").error().message() == "expected a digit, found '.'");
    BOOST_TEST(decimal::parse("-").error().message() == "expected a digit, found end of input");
    std::ostringstream os;
    os << decimal::parse("12x").error();
    BOOST_TEST(os.str() == "at 2: expected end of number, found 'x'");
}

BOOST_AUTO_TEST_CASE(parsing_one_input_does_not_change_the_next) {
    BOOST_TEST(!decimal::parse("1e5").has_value());
    BOOST_TEST(decimal::parse_scientific("1e5").value().exponent() == 5);
    BOOST_TEST(!decimal::parse("1e5").has_value());
    BOOST_TEST(decimal::parse("1.5").value().exponent() == -1);
}

BOOST_AUTO_TEST_CASE(constructs_integers_and_scaled_values) {
    BOOST_TEST(decimal().to_string() == "0");
    BOOST_TEST(decimal().exponent() == 0);
    BOOST_TEST(decimal(std::numeric_limits<std::int64_t>::min()).to_string() ==
               "-9223372036854775808");
    BOOST_TEST(decimal(std::numeric_limits<std::int64_t>::max()).to_string() ==
               "9223372036854775807");
    BOOST_TEST(decimal::scaled(6305, 6).to_string() == "6305000000");
    BOOST_TEST(decimal::scaled(6305, 6).exponent() == 6);
    BOOST_TEST(decimal::scaled(-120450, -2).to_string() == "-1204.50");
    BOOST_TEST(decimal(-7).sign() == -1);
    BOOST_TEST(decimal(7).sign() == 1);
}

// from_narrow takes any 128-bit coefficient, the extremes included, at any exponent, and
// gives the value arithmetic gives (its text, its hash, its narrow coefficient).
BOOST_AUTO_TEST_CASE(from_narrow_takes_any_128_bit_coefficient) {
    using crossfoot::detail::int128;
    using crossfoot::detail::uint128;
    const auto most = static_cast<int128>(~uint128{0} >> 1);
    const int128 least = -most - 1;
    BOOST_TEST(decimal::from_narrow(most, 0).to_string() ==
               "170141183460469231731687303715884105727");
    BOOST_TEST(decimal::from_narrow(least, 0).to_string() ==
               "-170141183460469231731687303715884105728");
    for (const int128 c : {least, least + 1, int128{-120450}, int128{0}, int128{7}, most}) {
        for (const std::int32_t e : {-40, -3, 0, 2, 1'000'000}) {
            const decimal made = decimal::from_narrow(c, e);
            const decimal by_arithmetic = decimal(c) * decimal::scaled(1, e);
            BOOST_TEST((made == by_arithmetic));
            BOOST_TEST(made.exponent() == e);
            BOOST_TEST(made.to_string() == by_arithmetic.to_string());
            BOOST_TEST(std::hash<decimal>{}(made) == std::hash<decimal>{}(by_arithmetic));
            BOOST_TEST(made.is_narrow());
            BOOST_TEST((made.narrow_coefficient() == c));
        }
    }
    BOOST_TEST(decimal::from_narrow(-120450, -2).to_string() == "-1204.50");
    BOOST_TEST(decimal::from_narrow(0, -2).to_string() == "0.00");
    // It stays exact in arithmetic past 128 bits.
    BOOST_TEST((decimal::from_narrow(most, 0) + decimal(1)).to_string() ==
               "170141183460469231731687303715884105728");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(decimal_printing)

BOOST_DATA_TEST_CASE(prints_plain_and_scientific, data::make(printed_numbers), c) {
    const decimal d = number(c.text);
    BOOST_TEST(d.to_string() == c.plain);
    BOOST_TEST(d.to_scientific_string() == c.scientific);
}

BOOST_DATA_TEST_CASE(scientific_form_reads_back_exactly, data::make(printed_numbers), c) {
    const decimal d = number(c.text);
    const decimal back = number(d.to_scientific_string());
    BOOST_TEST(back.coefficient_string() == d.coefficient_string());
    BOOST_TEST(back.exponent() == d.exponent());
}

BOOST_DATA_TEST_CASE(reports_digits_and_adjusted_exponent, data::make(shapes), c) {
    const decimal d = number(c.text);
    BOOST_TEST(d.coefficient_string() == c.coefficient);
    BOOST_TEST(d.digits() == c.digits);
    BOOST_TEST(d.adjusted_exponent() == c.adjusted_exponent);
}

// Coefficients up to 2^64 - 1 are printed in 64-bit arithmetic, larger ones in 128 bits or
// wider: each side of both edges prints its own digits.
BOOST_AUTO_TEST_CASE(prints_coefficients_either_side_of_64_and_128_bits) {
    for (const std::string text : {"18446744073709551615", "18446744073709551616", "-18446744073709551615",
                                   "-18446744073709551616", "170141183460469231731687303715884105727",
                                   "170141183460469231731687303715884105728", "9999999999999999999", "0"}) {
        BOOST_TEST(number(text).to_string() == text);
        BOOST_TEST(number(text + "E-3").coefficient_string() == text);  // signed, as written
    }
}

// to_chars writes to_string's text in place: the usual amount (a coefficient below 2^64 at
// an exponent from -19 to 0) on a path of its own, anything else through the general one; a
// buffer one byte too short takes nothing.
std::string written_by_to_chars(const decimal& d, std::size_t room) {
    std::string buffer(room, '#');
    const auto result = d.to_chars(buffer.data(), buffer.data() + buffer.size());
    if (result.ec != std::errc{}) {
        BOOST_TEST((result.ec == std::errc::value_too_large));
        BOOST_TEST(result.ptr == buffer.data() + buffer.size());
        return "(too large)";
    }
    return std::string(buffer.data(), result.ptr);
}

BOOST_DATA_TEST_CASE(to_chars_writes_the_plain_text, data::make(printed_numbers), c) {
    const decimal d = number(c.text);
    BOOST_TEST(written_by_to_chars(d, c.plain.size()) == c.plain);
    BOOST_TEST(written_by_to_chars(d, c.plain.size() + 40) == c.plain);
    BOOST_TEST(written_by_to_chars(d, c.plain.size() - 1) == "(too large)");
}

BOOST_AUTO_TEST_CASE(to_chars_agrees_with_to_string_on_either_side_of_its_usual_path) {
    std::vector<std::string> texts;
    for (const std::string coefficient :
         {"0", "1", "7", "10", "99", "120450", "9223372036854775807", "18446744073709551615",
          "18446744073709551616", "99999999999999999999", "170141183460469231731687303715884105727",
          "1000000000000000000000000000000000000000000"}) {
        for (const int exponent : {-40, -21, -20, -19, -18, -3, -2, -1, 0, 1, 3}) {
            for (const std::string sign : {"", "-"})
                texts.push_back(sign + coefficient + "E" + std::to_string(exponent));
        }
    }
    std::mt19937_64 random(20261206);
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t magnitude = random() >> (random() % 64);
        const int exponent = -static_cast<int>(random() % 22) + (i % 10 == 0 ? 2 : 0);
        texts.push_back((i % 3 == 0 ? "-" : "") + std::to_string(magnitude) + "E" +
                        std::to_string(exponent));
    }
    for (const std::string& text : texts) {
        const decimal d = number(text);
        const std::string plain = d.to_string();
        BOOST_TEST_CONTEXT(text) {
            BOOST_TEST(written_by_to_chars(d, plain.size()) == plain);
            BOOST_TEST(written_by_to_chars(d, 64) == (plain.size() <= 64 ? plain : "(too large)"));
            BOOST_TEST(written_by_to_chars(d, plain.size() - 1) == "(too large)");
        }
    }
}

BOOST_AUTO_TEST_CASE(stream_output_is_plain) {
    std::ostringstream os;
    os << decimal::scaled(-120450, -2) << ' ' << number("1E+3") << ' ' << number("0E-3");
    BOOST_TEST(os.str() == "-1204.50 1000 0.000");
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct exact_case {
    std::string_view a, b, sum, difference, product;
    friend std::ostream& operator<<(std::ostream& os, const exact_case& c) {
        return os << c.a << " and " << c.b;
    }
};

// Results in scientific form, so each row checks the exponent as well as the value.
const exact_case exact_cases[] = {
    {"1.5", "2.25", "3.75", "-0.75", "3.375"},
    {"1.50", "1.5", "3.00", "0.00", "2.250"},
    {"1E+2", "1", "101", "99", "1E+2"},
    {"-2.5", "4", "1.5", "-6.5", "-10.0"},
    {"0.00", "5.5", "5.50", "-5.50", "0.000"},
    {"1.20E+3", "-3E+1", "1.17E+3", "1.23E+3", "-3.60E+4"},
    {"0.001", "-0.001", "0.000", "0.002", "-0.000001"},
    {"-0.1", "-0.2", "-0.3", "0.1", "0.02"},
    {"1E-7", "1", "1.0000001", "-0.9999999", "1E-7"},
    {"9999999999", "1E-10", "9999999999.0000000001", "9999999998.9999999999", "0.9999999999"},
    {int128_max, "1", two_to_127, "170141183460469231731687303715884105726", int128_max},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_arithmetic)

BOOST_DATA_TEST_CASE(sum_takes_smaller_exponent, data::make(exact_cases), c) {
    BOOST_TEST(sci(number(c.a) + number(c.b)) == c.sum);
    BOOST_TEST(sci(number(c.b) + number(c.a)) == c.sum);
}

BOOST_DATA_TEST_CASE(difference_takes_smaller_exponent, data::make(exact_cases), c) {
    BOOST_TEST(sci(number(c.a) - number(c.b)) == c.difference);
    BOOST_TEST(sci(-(number(c.b) - number(c.a))) == c.difference);
}

BOOST_DATA_TEST_CASE(product_adds_exponents, data::make(exact_cases), c) {
    BOOST_TEST(sci(number(c.a) * number(c.b)) == c.product);
    BOOST_TEST(sci(number(c.b) * number(c.a)) == c.product);
}

BOOST_DATA_TEST_CASE(compound_assignment_matches_operator, data::make(exact_cases), c) {
    decimal x = number(c.a);
    x += number(c.b);
    BOOST_TEST(sci(x) == c.sum);
    x = number(c.a);
    x -= number(c.b);
    BOOST_TEST(sci(x) == c.difference);
    x = number(c.a);
    x *= number(c.b);
    BOOST_TEST(sci(x) == c.product);
}

BOOST_AUTO_TEST_CASE(negation_and_abs_keep_exponent) {
    BOOST_TEST(sci(-number("1.20")) == "-1.20");
    BOOST_TEST(sci(-number("-1.20")) == "1.20");
    BOOST_TEST(sci(-number("0.00")) == "0.00");
    BOOST_TEST((-number("0.00")).sign() == 0);
    BOOST_TEST(sci(-number("1E+3")) == "-1E+3");
    BOOST_TEST(sci(number("-1.20").abs()) == "1.20");
    BOOST_TEST(sci(number("3.0").abs()) == "3.0");
    BOOST_TEST(sci(number("-0E-5").abs()) == "0.00000");
    BOOST_TEST(sci(number("-2E+5").abs()) == "2E+5");
}

BOOST_AUTO_TEST_CASE(operands_may_alias) {
    decimal x = number("1.25");
    x += x;
    BOOST_TEST(sci(x) == "2.50");
    x *= x;
    BOOST_TEST(sci(x) == "6.2500");
    x -= x;
    BOOST_TEST(sci(x) == "0.0000");
}

BOOST_AUTO_TEST_CASE(exponent_beyond_32_bits_throws) {
    const decimal big = number("1E+2147483647");
    BOOST_CHECK_THROW(static_cast<void>(big * big), std::overflow_error);
    const decimal small = number("1E-2147483648");
    BOOST_CHECK_THROW(static_cast<void>(small * small), std::overflow_error);
    BOOST_TEST(sci(big * small) == "0.1");
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct ordered_pair {
    std::string_view lesser, greater;
    friend std::ostream& operator<<(std::ostream& os, const ordered_pair& c) {
        return os << c.lesser << " < " << c.greater;
    }
};

const ordered_pair ordered_pairs[] = {
    {"-1", "0"},
    {"0", "0.001"},
    {"-10", "-9.99"},
    {"1.999", "2"},
    {"1E+3", "1001"},
    {"-1E+3", "-999.9"},
    {"99", "1E+2"},
    {"0.0999", "0.1"},
    {"-0.001", "0E+5"},
    {"1E-40", "1E-39"},
    {"-2E+38", int128_min},
    {int128_max, two_to_127},
    {"-170141183460469231731687303715884105729", int128_min},
    {"123456789012345678901234567890123456789012345",
     "1.23456789012345678901234567890123456789012346E+44"},
    {"-1E+100", "-99999999999999999999999999999999999999999"},
    {"0.5", "0.50000000000000000000000000000000000000000001"},
};

struct equal_pair {
    std::string_view a, b;
    friend std::ostream& operator<<(std::ostream& os, const equal_pair& c) {
        return os << c.a << " == " << c.b;
    }
};

const equal_pair equal_pairs[] = {
    {"2", "2.0"},
    {"2.00", "2E+0"},
    {"0.2E1", "20E-1"},
    {"0", "0.000"},
    {"0E+5", "-0"},
    {"1E+2", "100"},
    {"100.00", "1.0000E+2"},
    {"-6.305", "-6.3050"},
    {"2E+38", "200000000000000000000000000000000000000"},
    {int128_min, "-1.70141183460469231731687303715884105728E+38"},
    {"1E+60", "1000000000000000000000000000000000000000000000000000000000000"},
    {"1E+60", "1000000000000000000000000000000000000000000000000000000000000.000"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_comparison)

BOOST_DATA_TEST_CASE(orders_by_value_across_exponents, data::make(ordered_pairs), c) {
    const decimal a = number(c.lesser);
    const decimal b = number(c.greater);
    BOOST_TEST(a < b);
    BOOST_TEST(b > a);
    BOOST_TEST(a != b);
    BOOST_TEST(a <= b);
    BOOST_TEST(!(b <= a));
    BOOST_TEST(((a <=> b) == std::strong_ordering::less));
    BOOST_TEST(((b <=> a) == std::strong_ordering::greater));
    BOOST_TEST(-b < -a);
}

BOOST_DATA_TEST_CASE(equal_values_compare_equal, data::make(equal_pairs), c) {
    const decimal a = number(c.a);
    const decimal b = number(c.b);
    BOOST_TEST(a == b);
    BOOST_TEST(b == a);
    BOOST_TEST(!(a != b));
    BOOST_TEST(((a <=> b) == std::strong_ordering::equal));
    BOOST_TEST(a <= b);
    BOOST_TEST(a >= b);
    BOOST_TEST(-a == -b);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct quotient_case {
    std::string_view dividend, divisor;
    std::int32_t exponent;
    // One result per mode, in the order of crossfoot::all_roundings.
    std::array<std::string_view, 7> expected;
    friend std::ostream& operator<<(std::ostream& os, const quotient_case& c) {
        return os << c.dividend << " / " << c.divisor << " at 1E" << c.exponent;
    }
};

// half_even, half_up, half_down, up, down, ceiling, floor
const quotient_case quotient_cases[] = {
    {"2", "3", -4, {"0.6667", "0.6667", "0.6667", "0.6667", "0.6666", "0.6667", "0.6666"}},
    {"-2", "3", -4, {"-0.6667", "-0.6667", "-0.6667", "-0.6667", "-0.6666", "-0.6666", "-0.6667"}},
    {"1", "8", -2, {"0.12", "0.13", "0.12", "0.13", "0.12", "0.13", "0.12"}},
    {"-1", "8", -2, {"-0.12", "-0.13", "-0.12", "-0.13", "-0.12", "-0.12", "-0.13"}},
    {"3", "-8", -2, {"-0.38", "-0.38", "-0.37", "-0.38", "-0.37", "-0.37", "-0.38"}},
    {"-3", "-8", -2, {"0.38", "0.38", "0.37", "0.38", "0.37", "0.38", "0.37"}},
    {"1", "3", 2, {"0E+2", "0E+2", "0E+2", "1E+2", "0E+2", "1E+2", "0E+2"}},
    {"-1", "3", 2, {"0E+2", "0E+2", "0E+2", "-1E+2", "0E+2", "0E+2", "-1E+2"}},
    {"12345",
     "1",
     2,
     {"1.23E+4", "1.23E+4", "1.23E+4", "1.24E+4", "1.23E+4", "1.24E+4", "1.23E+4"}},
    {"1", "0.3", -3, {"3.333", "3.333", "3.333", "3.334", "3.333", "3.334", "3.333"}},
    {"0.5", "0.25", -2, {"2.00", "2.00", "2.00", "2.00", "2.00", "2.00", "2.00"}},
    {"1E+3",
     "1E-3",
     0,
     {"1000000", "1000000", "1000000", "1000000", "1000000", "1000000", "1000000"}},
    {"0", "-7", -3, {"0.000", "0.000", "0.000", "0.000", "0.000", "0.000", "0.000"}},
    {"1E+60",
     "7",
     0,
     {"142857142857142857142857142857142857142857142857142857142857",
      "142857142857142857142857142857142857142857142857142857142857",
      "142857142857142857142857142857142857142857142857142857142857",
      "142857142857142857142857142857142857142857142857142857142858",
      "142857142857142857142857142857142857142857142857142857142857",
      "142857142857142857142857142857142857142857142857142857142858",
      "142857142857142857142857142857142857142857142857142857142857"}},
    {int128_min,
     "-1",
     0,
     {two_to_127, two_to_127, two_to_127, two_to_127, two_to_127, two_to_127, two_to_127}},
    {"1",
     int128_min,
     -77,
     {"-5.87747175411143753984368268611122838909E-39",
      "-5.87747175411143753984368268611122838909E-39",
      "-5.87747175411143753984368268611122838909E-39",
      "-5.87747175411143753984368268611122838910E-39",
      "-5.87747175411143753984368268611122838909E-39",
      "-5.87747175411143753984368268611122838909E-39",
      "-5.87747175411143753984368268611122838910E-39"}},
};

struct digits_case {
    std::string_view dividend, divisor;
    std::int32_t significant;
    rounding mode;
    std::string_view expected;
    friend std::ostream& operator<<(std::ostream& os, const digits_case& c) {
        return os << c.dividend << " / " << c.divisor << " to " << c.significant << " digits, "
                  << c.mode;
    }
};

const digits_case digits_cases[] = {
    {"1", "3", 5, rounding::half_even, "0.33333"},
    {"2", "3", 5, rounding::half_even, "0.66667"},
    {"2", "3", 5, rounding::down, "0.66666"},
    {"-2", "3", 5, rounding::floor, "-0.66667"},
    {"-2", "3", 5, rounding::ceiling, "-0.66666"},
    {"-1", "-3", 5, rounding::half_even, "0.33333"},
    {"2", "3", 1, rounding::half_even, "0.7"},
    {"1", "4", 5, rounding::half_even, "0.25"},
    {"10", "4", 5, rounding::half_even, "2.5"},
    {"2.400", "2", 5, rounding::half_even, "1.200"},
    {"2.400", "2", 2, rounding::half_even, "1.2"},
    {"1000", "10", 5, rounding::half_even, "100"},
    {"1000", "1", 5, rounding::half_even, "1000"},
    {"1E+2", "1", 5, rounding::half_even, "1E+2"},
    {"6", "2.0", 5, rounding::half_even, "3"},
    {"1.20", "0.4", 5, rounding::half_even, "3.0"},
    {"0", "7", 5, rounding::half_even, "0"},
    {"0.00", "1", 5, rounding::half_even, "0.00"},
    {"0", "0.1", 5, rounding::half_even, "0E+1"},
    {"999", "1", 2, rounding::half_even, "1.0E+3"},
    {"999", "1", 2, rounding::down, "9.9E+2"},
    {"9.5", "1", 1, rounding::half_even, "1E+1"},
    {"9.5", "1", 1, rounding::half_down, "9"},
    {"1", "32", 3, rounding::half_even, "0.0312"},
    {"1", "32", 3, rounding::half_up, "0.0313"},
    {"123456", "1", 3, rounding::half_even, "1.23E+5"},
    {"1E-10", "3E+10", 3, rounding::half_even, "3.33E-21"},
    {"1", "7", 20, rounding::half_even, "0.14285714285714285714"},
    {"1", "3", 50, rounding::half_even, "0.33333333333333333333333333333333333333333333333333"},
    {"1E+60", "1E+30", 5, rounding::half_even, "1E+30"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_division)

BOOST_DATA_TEST_CASE(rounds_quotient_at_requested_exponent, data::make(quotient_cases), c) {
    for (std::size_t i = 0; i < crossfoot::all_roundings.size(); ++i) {
        const rounding mode = crossfoot::all_roundings[i];
        BOOST_TEST_CONTEXT("mode " << mode) {
            const auto q =
                crossfoot::divide(number(c.dividend), number(c.divisor), c.exponent, mode);
            BOOST_TEST_REQUIRE(q.has_value());
            BOOST_TEST(sci(*q) == c.expected[i]);
            BOOST_TEST(q->exponent() == c.exponent);
        }
    }
}

BOOST_AUTO_TEST_CASE(default_mode_is_half_even) {
    BOOST_TEST(sci(crossfoot::divide(decimal(2), decimal(3), -4).value()) == "0.6667");
    BOOST_TEST(sci(crossfoot::divide(decimal(5), decimal(2), 0).value()) == "2");
    BOOST_TEST(sci(crossfoot::divide_to_digits(decimal(1), decimal(32), 3).value()) == "0.0312");
}

BOOST_AUTO_TEST_CASE(zero_divisor_is_invalid_argument) {
    for (const std::string_view zero : {"0", "0.00", "-0", "0E+7"}) {
        BOOST_TEST_CONTEXT("divisor " << zero) {
            const auto q = crossfoot::divide(decimal(1), number(zero), 0);
            BOOST_TEST_REQUIRE(!q.has_value());
            BOOST_TEST((q.error() == std::errc::invalid_argument));
            const auto zero_by_zero = crossfoot::divide(decimal(), number(zero), -2);
            BOOST_TEST_REQUIRE(!zero_by_zero.has_value());
            BOOST_TEST((zero_by_zero.error() == std::errc::invalid_argument));
            const auto d = crossfoot::divide_to_digits(decimal(1), number(zero), 5);
            BOOST_TEST_REQUIRE(!d.has_value());
            BOOST_TEST((d.error() == std::errc::invalid_argument));
        }
    }
}

BOOST_DATA_TEST_CASE(divides_to_significant_digits, data::make(digits_cases), c) {
    const auto q =
        crossfoot::divide_to_digits(number(c.dividend), number(c.divisor), c.significant, c.mode);
    BOOST_TEST_REQUIRE(q.has_value());
    BOOST_TEST(sci(*q) == c.expected);
    BOOST_TEST(q->digits() <= c.significant);
}

BOOST_AUTO_TEST_CASE(divide_to_digits_needs_one_digit) {
    BOOST_CHECK_THROW(static_cast<void>(crossfoot::divide_to_digits(decimal(1), decimal(3), 0)),
                      std::logic_error);
}

// The exact quotient 10E+2147483647 is representable even though its reduced form,
// 1E+2147483648, is not: reaching the ideal exponent must not go through that form.
BOOST_AUTO_TEST_CASE(exact_quotient_at_exponent_limit_keeps_ideal_exponent) {
    const decimal top = number("10E+2147483647");
    const auto q = crossfoot::divide_to_digits(top, decimal(1), 5);
    BOOST_TEST_REQUIRE(q.has_value());
    BOOST_TEST(q->coefficient_string() == "10");
    BOOST_TEST(q->exponent() == 2147483647);
    const auto half = crossfoot::divide_to_digits(top, decimal(2), 5);
    BOOST_TEST_REQUIRE(half.has_value());
    BOOST_TEST(sci(*half) == "5E+2147483647");
    const auto low = crossfoot::divide_to_digits(number("1E-2147483648"), decimal(1), 5);
    BOOST_TEST_REQUIRE(low.has_value());
    BOOST_TEST(sci(*low) == "1E-2147483648");
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct quantize_case {
    std::string_view text;
    std::int32_t exponent;
    rounding mode;
    std::string_view expected;
    friend std::ostream& operator<<(std::ostream& os, const quantize_case& c) {
        return os << c.text << " to 1E" << c.exponent << ", " << c.mode;
    }
};

const quantize_case quantize_cases[] = {
    {"1.2345", -2, rounding::half_even, "1.23"},
    {"1.235", -2, rounding::half_even, "1.24"},
    {"1.245", -2, rounding::half_even, "1.24"},
    {"1.245", -2, rounding::half_up, "1.25"},
    {"1.5", -3, rounding::half_even, "1.500"},
    {"1E+3", 0, rounding::down, "1000"},
    {"0", -3, rounding::up, "0.000"},
    {"0.000", 2, rounding::up, "0E+2"},
    {"123", 2, rounding::half_even, "1E+2"},
    {"150", 2, rounding::half_even, "2E+2"},
    {"250", 2, rounding::half_even, "2E+2"},
    {"-250", 2, rounding::half_up, "-3E+2"},
    {"9.99", -1, rounding::half_even, "10.0"},
    {"-9.95", -1, rounding::half_even, "-10.0"},
    {"-9.95", -1, rounding::half_down, "-9.9"},
    {"0.4", 0, rounding::half_even, "0"},
    {"0.4", 0, rounding::up, "1"},
    {"0.99", 0, rounding::down, "0"},
    {"0.99", 0, rounding::half_down, "1"},
    // Every digit dropped: nothing is left to round but the sign.
    {"0.004", 0, rounding::up, "1"},
    {"0.004", 0, rounding::ceiling, "1"},
    {"0.004", 0, rounding::floor, "0"},
    {"0.004", 0, rounding::down, "0"},
    {"0.004", 0, rounding::half_even, "0"},
    {"0.004", 0, rounding::half_up, "0"},
    {"0.004", 0, rounding::half_down, "0"},
    {"-0.004", 0, rounding::up, "-1"},
    {"-0.004", 0, rounding::ceiling, "0"},
    {"-0.004", 0, rounding::floor, "-1"},
    {"-0.004", 0, rounding::down, "0"},
    {"-0.004", 0, rounding::half_even, "0"},
    {"-0.004", 0, rounding::half_up, "0"},
    {"-0.004", 0, rounding::half_down, "0"},
    {"0.099", 0, rounding::half_up, "0"},
    {"0.099", 0, rounding::up, "1"},
    {"0.0009", 5, rounding::up, "1E+5"},
    {"0.0009", 5, rounding::ceiling, "1E+5"},
    {"-0.0009", 5, rounding::floor, "-1E+5"},
    {"-0.0009", 5, rounding::ceiling, "0E+5"},
    {"7E-1", 1, rounding::half_even, "0E+1"},
    {"7E-1", 1, rounding::up, "1E+1"},
    {two_to_127, 1, rounding::half_even, "1.7014118346046923173168730371588410573E+38"},
    {two_to_127, 1, rounding::down, "1.7014118346046923173168730371588410572E+38"},
    {two_to_127, -2, rounding::down, "170141183460469231731687303715884105728.00"},
};

struct digits_rounding_case {
    std::string_view text;
    std::int32_t significant;
    rounding mode;
    std::string_view expected;
    friend std::ostream& operator<<(std::ostream& os, const digits_rounding_case& c) {
        return os << c.text << " to " << c.significant << " digits, " << c.mode;
    }
};

const digits_rounding_case digits_rounding_cases[] = {
    {"999", 2, rounding::half_even, "1.0E+3"},
    {"999", 3, rounding::half_even, "999"},
    {"999", 2, rounding::down, "9.9E+2"},
    {"12345", 3, rounding::half_even, "1.23E+4"},
    {"0.012345", 2, rounding::half_even, "0.012"},
    {"9.96", 2, rounding::half_even, "10"},
    {"-9.96", 2, rounding::half_even, "-10"},
    {"12.5", 2, rounding::half_even, "12"},
    {"13.5", 2, rounding::half_even, "14"},
    {"12.5", 2, rounding::up, "13"},
    {"-12.5", 2, rounding::floor, "-13"},
    {"-12.5", 2, rounding::ceiling, "-12"},
    {"0.00", 1, rounding::up, "0.00"},
    {"99.99", 1, rounding::half_even, "1E+2"},
    {"99.99", 1, rounding::down, "9E+1"},
    {"1.2", 5, rounding::up, "1.2"},
    {"1.20E+3", 2, rounding::half_even, "1.2E+3"},
    {two_to_127, 3, rounding::half_even, "1.70E+38"},
    {int128_min, 10, rounding::half_even, "-1.701411835E+38"},
};

struct reduce_case {
    std::string_view text, expected;
    bool narrow;  // the reduced coefficient fits in 128 bits
    friend std::ostream& operator<<(std::ostream& os, const reduce_case& c) {
        return os << c.text << " reduces to " << c.expected;
    }
};

const reduce_case reduce_cases[] = {
    {"1.200", "1.2", true},
    {"100", "1E+2", true},
    {"0.00", "0", true},
    {"0E+5", "0", true},
    {"-120", "-1.2E+2", true},
    {"7", "7", true},
    {"15E+2", "1.5E+3", true},
    {"-0.0010", "-0.001", true},
    {two_to_127, two_to_127, false},
    {"200000000000000000000000000000000000000", "2E+38", true},
    {"1.0000000000000000000000000000000000000000", "1", true},
    {"-1701411834604692317316873037158841057280.0", "-1.70141183460469231731687303715884105728E+39",
     true},
    {"1701411834604692317316873037158841057290.0", "1.70141183460469231731687303715884105729E+39",
     false},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_quantize)

BOOST_DATA_TEST_CASE(rounds_to_requested_exponent, data::make(quantize_cases), c) {
    const decimal q = number(c.text).quantize(c.exponent, c.mode);
    BOOST_TEST(sci(q) == c.expected);
    BOOST_TEST(q.exponent() == c.exponent);
}

BOOST_AUTO_TEST_CASE(default_mode_is_half_even) {
    BOOST_TEST(sci(number("2.5").quantize(0)) == "2");
    BOOST_TEST(sci(number("3.5").quantize(0)) == "4");
    BOOST_TEST(sci(number("999").round_to_digits(2)) == "1.0E+3");
}

BOOST_DATA_TEST_CASE(rounds_to_significant_digits, data::make(digits_rounding_cases), c) {
    const decimal r = number(c.text).round_to_digits(c.significant, c.mode);
    BOOST_TEST(sci(r) == c.expected);
    BOOST_TEST(r.digits() <= c.significant);
}

BOOST_AUTO_TEST_CASE(round_to_digits_needs_one_digit) {
    BOOST_CHECK_THROW(static_cast<void>(decimal(5).round_to_digits(0)), std::logic_error);
    BOOST_CHECK_THROW(static_cast<void>(decimal(5).round_to_digits(-1)), std::logic_error);
}

BOOST_DATA_TEST_CASE(reduce_drops_trailing_zeros, data::make(reduce_cases), c) {
    const decimal x = number(c.text);
    const decimal r = x.reduce();
    BOOST_TEST(sci(r) == c.expected);
    BOOST_TEST(r == x);
    BOOST_TEST(r.is_narrow() == c.narrow);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(decimal_hash)

BOOST_AUTO_TEST_CASE(equal_values_hash_alike) {
    const std::hash<decimal> hash;
    const std::size_t two = hash(decimal(2));
    for (const std::string_view text : {"2.0", "2.00", "2E+0", "0.2E1", "20E-1"}) {
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(hash(number(text)) == two); }
    }
    const std::size_t zero = hash(decimal());
    for (const std::string_view text : {"0.000", "0E+5", "-0", "-0.0"}) {
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(hash(number(text)) == zero); }
    }
}

BOOST_AUTO_TEST_CASE(wide_value_hashes_like_its_narrow_form) {
    const std::hash<decimal> hash;
    const decimal wide = number("200000000000000000000000000000000000000");
    const decimal narrow = decimal::scaled(2, 38);
    BOOST_TEST_REQUIRE(!wide.is_narrow());
    BOOST_TEST_REQUIRE(narrow.is_narrow());
    BOOST_TEST(wide == narrow);
    BOOST_TEST(hash(wide) == hash(narrow));
    // 1 written with 40 fraction digits has a wide coefficient.
    const decimal long_one = number("1.0000000000000000000000000000000000000000");
    BOOST_TEST_REQUIRE(!long_one.is_narrow());
    BOOST_TEST(hash(long_one) == hash(decimal(1)));
}

// hash is noexcept, so it must not build a reduced form whose exponent leaves 32 bits.
BOOST_AUTO_TEST_CASE(hashes_values_whose_reduced_exponent_exceeds_32_bits) {
    const std::hash<decimal> hash;
    const decimal top = number("10E+2147483647");
    const decimal same = number("100E+2147483646");
    BOOST_TEST(top == same);
    BOOST_TEST(hash(top) == hash(same));
    const decimal wide_top = number("1" + std::string(40, '0') + "E+2147483647");
    BOOST_TEST(hash(wide_top) == hash(number("1" + std::string(41, '0') + "E+2147483646")));
}

BOOST_AUTO_TEST_CASE(unordered_set_keeps_one_of_each_value) {
    std::unordered_set<decimal> set;
    for (const std::string_view text :
         {"2", "2.0", "2.00", "1E+1", "10", "10.000", "0", "0.0", "-2", "-2.0"})
        set.insert(number(text));
    BOOST_TEST(set.size() == 4U);
    BOOST_TEST(set.contains(number("20E-1")));
    BOOST_TEST(!set.contains(number("2.01")));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct boundary_case {
    std::string_view text;
    bool narrow, negation_narrow;
    friend std::ostream& operator<<(std::ostream& os, const boundary_case& c) {
        return os << c.text << (c.narrow ? " is narrow" : " is wide");
    }
};

const boundary_case boundary_cases[] = {
    {int128_max, true, true},
    {int128_min, true, false},
    {two_to_127, false, true},
    {"-170141183460469231731687303715884105729", false, false},
    {"-170141183460469231731687303715884105727", true, true},
    {"99999999999999999999999999999999999999", true, true},
    {"100000000000000000000000000000000000000", true, true},
    {"999999999999999999999999999999999999999", false, false},
    {"1.70141183460469231731687303715884105727", true, true},
    {"-1.70141183460469231731687303715884105728", true, false},
    {"-0.170141183460469231731687303715884105729", false, false},
};

struct product_case {
    std::string_view a, b, product;
    friend std::ostream& operator<<(std::ostream& os, const product_case& c) {
        return os << c.a << " * " << c.b;
    }
};

// Products checked with bc and with a second arbitrary-precision integer implementation.
const product_case product_cases[] = {
    {"123456789012345678901234567890", "987654321098765432109876543210",
     "121932631137021795226185032733622923332237463801111263526900"},
    {"-314159265358979323846264338327", "271828182845904523536028747135",
     "-85397342226735670654635508695123784942094055644451571943145"},
    {"999999999999999999999999999999", "999999999999999999999999999999",
     "999999999999999999999999999998000000000000000000000000000001"},
    {"1234567890.12345678901234567890", "9876543210.98765432109876543210",
     "12193263113702179522.6185032733622923332237463801111263526900"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_wide)

BOOST_AUTO_TEST_CASE(sum_widens_past_int128_and_narrows_back) {
    const decimal max = number(int128_max);
    const decimal one(1);
    BOOST_TEST_REQUIRE(max.is_narrow());
    const decimal over = max + one;
    BOOST_TEST(!over.is_narrow());
    BOOST_TEST(over.to_string() == two_to_127);
    const decimal back = over - one;
    BOOST_TEST(back.is_narrow());
    BOOST_TEST(sci(back) == int128_max);

    const decimal big = number("90000000000000000000000000000000000000");  // 9E+37, narrow
    decimal sum = big;
    sum += big;
    BOOST_TEST(!sum.is_narrow());
    BOOST_TEST(sum.to_string() == "180000000000000000000000000000000000000");
    sum -= big;
    BOOST_TEST(sum.is_narrow());
    BOOST_TEST(sci(sum) == "90000000000000000000000000000000000000");
}

BOOST_AUTO_TEST_CASE(difference_widens_below_int128_and_narrows_back) {
    const decimal min = number(int128_min);
    BOOST_TEST_REQUIRE(min.is_narrow());
    const decimal under = min - decimal(1);
    BOOST_TEST(!under.is_narrow());
    BOOST_TEST(under.to_string() == "-170141183460469231731687303715884105729");
    const decimal back = under + decimal(1);
    BOOST_TEST(back.is_narrow());
    BOOST_TEST(sci(back) == int128_min);
}

BOOST_AUTO_TEST_CASE(ten_to_38_is_still_narrow) {
    const decimal x = number("99999999999999999999999999999999999999") + decimal(1);
    BOOST_TEST(x.is_narrow());
    BOOST_TEST(x.digits() == 39);
    BOOST_TEST(x.to_string() == "100000000000000000000000000000000000000");
}

BOOST_AUTO_TEST_CASE(aligning_exponents_widens_and_reduce_narrows) {
    const decimal tiny = number("1E-40");
    const decimal x = decimal(1) + tiny;
    BOOST_TEST(!x.is_narrow());
    BOOST_TEST(x.to_string() == "1.0000000000000000000000000000000000000001");
    const decimal back = x - tiny;
    BOOST_TEST(back == decimal(1));
    BOOST_TEST(back.exponent() == -40);
    BOOST_TEST(!back.is_narrow());  // 10^40 × 10^-40: the coefficient still needs 134 bits
    BOOST_TEST(back.reduce().is_narrow());
    BOOST_TEST(sci(back.reduce()) == "1");
}

BOOST_AUTO_TEST_CASE(sum_spanning_eighty_digits_is_exact) {
    const decimal a = number("-1E+40");
    const decimal b = number("1E-40");
    const std::string nines(40, '9');
    BOOST_TEST((a + b).to_string() == "-" + nines + "." + nines);
    BOOST_TEST((a - b).to_string() ==
               "-1" + std::string(40, '0') + "." + std::string(39, '0') + "1");
    BOOST_TEST(sci(a * b) == "-1");
    BOOST_TEST((a * b).is_narrow());
}

BOOST_DATA_TEST_CASE(product_is_exact, data::make(product_cases), c) {
    const decimal p = number(c.a) * number(c.b);
    BOOST_TEST(p.to_string() == c.product);
    BOOST_TEST(!p.is_narrow());
    BOOST_TEST(p.exponent() == number(c.a).exponent() + number(c.b).exponent());
    BOOST_TEST(sci(number(c.b) * number(c.a)) == sci(p));
    BOOST_TEST(sci(p * decimal()) == sci(decimal::scaled(0, p.exponent())));
    BOOST_TEST((p * decimal()).is_narrow());
}

BOOST_DATA_TEST_CASE(int128_boundaries_round_trip, data::make(boundary_cases), c) {
    const decimal x = decimal::parse(c.text).value();
    BOOST_TEST(x.to_string() == c.text);
    BOOST_TEST(x.is_narrow() == c.narrow);
    BOOST_TEST((-x).is_narrow() == c.negation_narrow);
    BOOST_TEST(-(-x) == x);
    BOOST_TEST((-(-x)).is_narrow() == c.narrow);
}

BOOST_AUTO_TEST_CASE(negating_int128_min_widens) {
    const decimal min = number(int128_min);
    const decimal negated = -min;
    BOOST_TEST(!negated.is_narrow());
    BOOST_TEST(negated.to_string() == two_to_127);
    BOOST_TEST(negated > number(int128_max));
    BOOST_TEST(sci(min.abs()) == two_to_127);
    BOOST_TEST(sci(min * decimal(-1)) == two_to_127);
    BOOST_TEST(sci(decimal() - min) == two_to_127);
    const decimal back = -negated;
    BOOST_TEST(back.is_narrow());
    BOOST_TEST(sci(back) == int128_min);
    BOOST_TEST(sci(min + negated) == "0");
    BOOST_TEST((min + negated).is_narrow());
    BOOST_TEST(sci(-number("-1.70141183460469231731687303715884105728")) ==
               "1.70141183460469231731687303715884105728");
}

BOOST_AUTO_TEST_CASE(sixty_digit_numbers_round_trip) {
    const std::string_view plain =
        "-123456789012345678901234567890123456789012345678901234567890.123456789";
    const decimal x = decimal::parse(plain).value();
    BOOST_TEST(!x.is_narrow());
    BOOST_TEST(x.to_string() == plain);
    BOOST_TEST(x.digits() == 69);
    BOOST_TEST(x.exponent() == -9);
    BOOST_TEST(x.adjusted_exponent() == 59);
    BOOST_TEST(sci(x) == plain);

    for (const std::string_view text :
         {"1.23456789012345678901234567890123456789012345678901234567890E+100",
          "-9.87654321098765432109876543210987654321098765432109876543210E-100",
          "1.00000000000000000000000000000000000000000000000000000000000"}) {
        BOOST_TEST_CONTEXT(text) {
            const decimal y = number(text);
            BOOST_TEST(!y.is_narrow());
            BOOST_TEST(y.digits() == 60);
            BOOST_TEST(sci(y) == text);
            BOOST_TEST(decimal::parse(y.to_string()).value() == y);
        }
    }
}

BOOST_AUTO_TEST_CASE(wide_quotient_is_exact) {
    const decimal nines = number(std::string(60, '9'));
    BOOST_TEST(crossfoot::divide(nines, decimal(9), 0).value().to_string() == std::string(60, '1'));
    const decimal square = number("999999999999999999999999999998000000000000000000000000000001");
    const decimal root = number("999999999999999999999999999999");
    for (const rounding mode : crossfoot::all_roundings) {
        BOOST_TEST_CONTEXT(mode) {
            BOOST_TEST(sci(crossfoot::divide(square, root, 0, mode).value()) == sci(root));
            BOOST_TEST(sci(crossfoot::divide_to_digits(square, root, 40, mode).value()) ==
                       sci(root));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
