// tests/unit/amount_test.cpp: parsing amounts as people write them (English and Chinese
// scales, units before or after the number, counts, default currencies), the errors for bad
// amounts, and exact per-unit totals.
// SPDX-License-Identifier: MIT
#include <crossfoot/amount.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using crossfoot::amount;
using crossfoot::decimal;
using crossfoot::parse_amount;
using crossfoot::unit;

unit currency(std::string_view code) { return unit::currency(code).value(); }
decimal dec(std::string_view text) { return decimal::parse(text).value(); }
amount amt(std::string_view value, std::string_view code) {
    return {dec(value), code == "count" ? unit::count() : currency(code)};
}

crossfoot::amount_parse_options with_default(std::string_view code) {
    crossfoot::amount_parse_options options;
    if (!code.empty()) options.default_currency = currency(code);
    return options;
}

// A written amount, and what it must parse to: the exact value as a plain decimal string,
// the unit, the power of ten of the last written digit, and the unit and scale as written.
struct good_amount {
    std::string_view text;
    std::string_view value;
    std::string_view code;
    std::int32_t precision_exponent;
    std::string_view unit_text;
    std::string_view scale_text;
    friend std::ostream& operator<<(std::ostream& os, const good_amount& c) {
        return os << "'" << c.text << "' = " << c.value << " " << c.code << " (10^"
                  << c.precision_exponent << ", unit '" << c.unit_text << "', scale '"
                  << c.scale_text << "')";
    }
};

const good_amount written_forms[] = {
    // The forms of DESIGN.md and amount.hpp.
    {"39.7 billion yuan", "39700000000", "CNY", 8, "yuan", "billion"},
    {"1.16 billion USD", "1160000000", "USD", 7, "USD", "billion"},
    {"USD 1.16 billion", "1160000000", "USD", 7, "USD", "billion"},
    {"US$1.16bn", "1160000000", "USD", 7, "US$", "bn"},
    {"RMB 5 bn", "5000000000", "CNY", 9, "RMB", "bn"},
    {"€2.5m", "2500000", "EUR", 5, "€", "m"},
    {"1,234,567.89 EUR", "1234567.89", "EUR", -2, "EUR", ""},
    {"-3.5 million CNY", "-3500000", "CNY", 5, "CNY", "million"},
    {"5亿元", "500000000", "CNY", 8, "元", "亿"},
    {"50亿元人民币", "5000000000", "CNY", 8, "元人民币", "亿"},
    {"3.97万亿元", "3970000000000", "CNY", 10, "元", "万亿"},
    {"1.16亿美元", "116000000", "USD", 6, "美元", "亿"},
    {"42 projects", "42", "count", 0, "projects", ""},
    {"9 foreign-funded projects", "9", "count", 0, "foreign-funded projects", ""},
    {"6.305 billion yuan", "6305000000", "CNY", 6, "yuan", "billion"},
    {"120 billion yuan", "120000000000", "CNY", 9, "yuan", "billion"},
    // Every scale word.
    {"2 thousand EUR", "2000", "EUR", 3, "EUR", "thousand"},
    {"2k EUR", "2000", "EUR", 3, "EUR", "k"},
    {"2.5 K EUR", "2500", "EUR", 2, "EUR", "K"},
    {"7 million USD", "7000000", "USD", 6, "USD", "million"},
    {"7mn USD", "7000000", "USD", 6, "USD", "mn"},
    {"7 m USD", "7000000", "USD", 6, "USD", "m"},
    {"7.25 Million USD", "7250000", "USD", 4, "USD", "Million"},
    {"3 billion yuan", "3000000000", "CNY", 9, "yuan", "billion"},
    {"3 BN yuan", "3000000000", "CNY", 9, "yuan", "BN"},
    {"3b yuan", "3000000000", "CNY", 9, "yuan", "b"},
    {"1.5 trillion yuan", "1500000000000", "CNY", 11, "yuan", "trillion"},
    {"1.5tn yuan", "1500000000000", "CNY", 11, "yuan", "tn"},
    {"US$1.5-billion", "1500000000", "USD", 8, "US$", "billion"},
    {"2.5 lakh INR", "250000", "INR", 4, "INR", "lakh"},
    {"3 lakhs INR", "300000", "INR", 5, "INR", "lakhs"},
    {"5,000 crore INR", "50000000000", "INR", 7, "INR", "crore"},
    {"120 Crores INR", "1200000000", "INR", 7, "INR", "Crores"},
    {"500 cr INR", "5000000000", "INR", 7, "INR", "cr"},
    {"11.11 lakh crore INR", "11110000000000", "INR", 10, "INR", "lakh crore"},
    {"2 thousand crore INR", "20000000000", "INR", 10, "INR", "thousand crore"},
    {"RM83bil", "83000000000", "MYR", 9, "RM", "bil"},
    {"RM500mil", "500000000", "MYR", 6, "RM", "mil"},
    // Digits grouped the Indian way, in twos before the last three.
    {"5,00,000 INR", "500000", "INR", 0, "INR", ""},
    {"12,34,567.50 INR", "1234567.50", "INR", -2, "INR", ""},
    {"1,25,00,000 INR", "12500000", "INR", 0, "INR", ""},
    {"3千元", "3000", "CNY", 3, "元", "千"},
    {"3万元", "30000", "CNY", 4, "元", "万"},
    {"3百万元", "3000000", "CNY", 6, "元", "百万"},
    {"3千万元", "30000000", "CNY", 7, "元", "千万"},
    {"3亿元", "300000000", "CNY", 8, "元", "亿"},
    {"3十亿元", "3000000000", "CNY", 9, "元", "十亿"},
    {"3万亿元", "3000000000000", "CNY", 12, "元", "万亿"},
    {"3 万亿 元", "3000000000000", "CNY", 12, "元", "万亿"},
    {"0.5万元", "5000", "CNY", 3, "元", "万"},
    // Units: codes in any case, names, symbols, before or after, with or without a space.
    {"HK$3.2 million", "3200000", "HKD", 5, "HK$", "million"},
    {"£12bn", "12000000000", "GBP", 9, "£", "bn"},
    {"₩500 billion", "500000000000", "KRW", 9, "₩", "billion"},
    {"1,000 yen", "1000", "JPY", 0, "yen", ""},
    {"100円", "100", "JPY", 0, "円", ""},
    {"€ 2.5 million", "2500000", "EUR", 5, "€", "million"},
    {"EUR 12", "12", "EUR", 0, "EUR", ""},
    {"12 euros", "12", "EUR", 0, "euros", ""},
    {"12 Euro", "12", "EUR", 0, "Euro", ""},
    {"12 US dollars", "12", "USD", 0, "US dollars", ""},
    {"1.16 billion US dollars", "1160000000", "USD", 7, "US dollars", "billion"},
    {"5 usd", "5", "USD", 0, "usd", ""},
    {"5USD", "5", "USD", 0, "USD", ""},
    {"5bn USD", "5000000000", "USD", 9, "USD", "bn"},
    {"500 renminbi", "500", "CNY", 0, "renminbi", ""},
    {"5 人民币", "5", "CNY", 0, "人民币", ""},
    {"5 won", "5", "KRW", 0, "won", ""},
    {"0.001 BHD", "0.001", "BHD", -3, "BHD", ""},
    {"0.00 USD", "0.00", "USD", -2, "USD", ""},
    {"007 USD", "7", "USD", 0, "USD", ""},
    {"  5 USD  ", "5", "USD", 0, "USD", ""},
    {"\t5 USD", "5", "USD", 0, "USD", ""},
    // Signs.
    {"-US$5", "-5", "USD", 0, "US$", ""},
    {"US$-5", "-5", "USD", 0, "US$", ""},
    {"-5亿元", "-500000000", "CNY", 8, "元", "亿"},
    // Counts.
    {"10 companies", "10", "count", 0, "companies", ""},
    {"3家", "3", "count", 0, "家", ""},
    {"5家企业", "5", "count", 0, "家企业", ""},
    {"2 Projects", "2", "count", 0, "Projects", ""},
    {"1.2 thousand projects", "1200", "count", 2, "projects", "thousand"},
    // Chinese and Japanese numerals: a section's numerals write a whole number ("二十" is 20),
    // a multiplier after it scales it ("二十亿" is 20 × 10^8, written like "20亿").
    {"二十亿元", "2000000000", "CNY", 8, "元", ""},
    {"两千万元", "20000000", "CNY", 4, "元", ""},
    {"百亿元", "10000000000", "CNY", 8, "元", ""},
    {"一千零五元", "1005", "CNY", 0, "元", ""},
    {"十家", "10", "count", 0, "家", ""},
    {"二十五家企业", "25", "count", 0, "家企业", ""},
    {"一百二十三个项目", "123", "count", 0, "个项目", ""},
    // Arabic digits with multipliers, mixed forms, Japanese units.
    {"3.5兆円", "3500000000000", "JPY", 11, "円", "兆"},
    {"2億3千万米ドル", "230000000", "USD", 7, "米ドル", "億3千万"},
    {"9億1千万米ドル", "910000000", "USD", 7, "米ドル", "億1千万"},
    {"1千亿元", "100000000000", "CNY", 11, "元", "千亿"},
    {"1兆2000億円", "1200000000000", "JPY", 8, "円", "兆2000億"},
    {"1亿2千万元", "120000000", "CNY", 7, "元", "亿2千万"},
    {"850亿元人民币", "85000000000", "CNY", 8, "元人民币", "亿"},
    {"5亿港元", "500000000", "HKD", 8, "港元", "亿"},
    {"5亿港币", "500000000", "HKD", 8, "港币", "亿"},
    {"3亿欧元", "300000000", "EUR", 8, "欧元", "亿"},
    {"3亿日元", "300000000", "JPY", 8, "日元", "亿"},
    {"300亿韩元", "30000000000", "KRW", 8, "韩元", "亿"},
    {"2亿英镑", "200000000", "GBP", 8, "英镑", "亿"},
    {"人民币50亿元", "5000000000", "CNY", 8, "元", "亿"},
    {"100億ユーロ", "10000000000", "EUR", 8, "ユーロ", "億"},
    {"3000億ウォン", "300000000000", "KRW", 8, "ウォン", "億"},
    // Full-width digits and point, as Japanese text writes them.
    {"３．５兆円", "3500000000000", "JPY", 11, "円", "兆"},
    {"１２０億円", "12000000000", "JPY", 8, "円", "億"},
};

// Amounts whose unit the text leaves open, read with a default currency.
struct defaulted_amount {
    std::string_view text;
    std::string_view default_code;
    std::string_view value;
    std::string_view code;
    bool assumed;
    std::string_view unit_text;
    friend std::ostream& operator<<(std::ostream& os, const defaulted_amount& c) {
        return os << "'" << c.text << "' with default " << c.default_code << " = " << c.value << " "
                  << c.code << (c.assumed ? " (assumed)" : "") << ", unit '" << c.unit_text << "'";
    }
};

const defaulted_amount defaulted_forms[] = {
    {"5 billion", "CNY", "5000000000", "CNY", true, ""},
    {"5", "CNY", "5", "CNY", true, ""},
    {"5亿", "CNY", "500000000", "CNY", true, ""},
    {"¥5", "CNY", "5", "CNY", true, "¥"},
    {"￥5", "CNY", "5", "CNY", true, "￥"},
    {"¥5", "JPY", "5", "JPY", true, "¥"},
    {"$5", "USD", "5", "USD", true, "$"},
    {"$5", "HKD", "5", "HKD", true, "$"},
    {"Rs. 500 crore", "INR", "5000000000", "INR", true, "Rs."},  // the point is the abbreviation's
    {"Rs 1.5 lakh crore", "PKR", "1500000000000", "PKR", true, "Rs"},
    {"3 billion pesos", "PHP", "3000000000", "PHP", true, "pesos"},
    {"5 dollars", "SGD", "5", "SGD", true, "dollars"},
    // What the text names wins over the default, and is no assumption.
    {"5 yuan", "USD", "5", "CNY", false, "yuan"},
    {"US$5", "CNY", "5", "USD", false, "US$"},
    {"42 projects", "CNY", "42", "count", false, "projects"},
    // An ambiguous symbol settled by an explicit unit in the same amount.
    {"$5 USD", "USD", "5", "USD", false, "USD"},
    {"$5 USD", "HKD", "5", "USD", false, "USD"},
    {"¥100 JPY", "CNY", "100", "JPY", false, "JPY"},
    {"¥5 yuan", "", "5", "CNY", false, "yuan"},
    {"USD 5 dollars", "", "5", "USD", false, "dollars"},
    {"$5 dollars", "USD", "5", "USD", true, "dollars"},
};

// A bad amount: where it goes wrong, what was expected there and what was found.
struct bad_amount {
    std::string_view text;
    std::string_view default_code;  // empty: no default currency
    std::size_t offset;
    std::string_view expected;
    std::string_view found;
    friend std::ostream& operator<<(std::ostream& os, const bad_amount& c) {
        return os << "'" << c.text << "'" << (c.default_code.empty() ? "" : " with default ")
                  << c.default_code << " at " << c.offset << ", expecting " << c.expected
                  << ", found '" << c.found << "'";
    }
};

const bad_amount bad_amounts[] = {
    {"1..2 bn", "", 2, "a digit", "."},
    {"1.", "", 2, "a digit", ""},
    {"1. bn", "", 2, "a digit", " "},
    {"bn", "", 0, "a number or a currency", "bn"},
    {"zork 5", "", 0, "a number or a currency", "zork"},
    {"5 zorkmids", "", 2, "a currency or a count noun", "zorkmids"},
    {"5 yuan USD", "", 2, "a currency or a count noun", "yuan USD"},
    {"5 billion billion yuan", "", 10, "a currency or a count noun", "billion yuan"},
    {"", "", 0, "an amount", ""},
    {"   ", "", 3, "an amount", ""},
    {"-", "", 1, "a digit", ""},
    {"--5 USD", "", 1, "a digit", "-"},
    {"- 5 USD", "", 1, "a digit", " "},
    {"1,23 EUR", "", 4, "a digit (commas group digits in threes)", " "},
    {"1,23,45 EUR", "", 4, "a digit (commas group digits in threes)", ","},  // no last three: not Indian
    {"1,2345 EUR", "", 5, "',' or '.' after a group of three digits", "5"},
    {"12,345,6789 USD", "", 10, "',' or '.' after a group of three digits", "9"},
    {"1, 234 EUR", "", 2, "a digit (commas group digits in threes)", " "},
    {"1234,567 EUR", "", 4, "'.' or a digit (commas group digits in threes)", ","},
    {"$5", "", 0,
     "one currency ('$' could be USD, HKD, AUD, CAD, NZD, SGD, TWD, MXN; no default currency "
     "is given)",
     "$"},
    {"$5", "CNY", 0,
     "one currency ('$' could be USD, HKD, AUD, CAD, NZD, SGD, TWD, MXN; the default currency "
     "CNY is none of them)",
     "$"},
    {"¥5", "EUR", 0,
     "one currency ('¥' could be CNY, JPY; the default currency EUR is none of them)", "¥"},
    {"5 dollars", "", 2,
     "one currency ('dollars' could be USD, HKD, AUD, CAD, NZD, SGD, TWD, MXN; no default "
     "currency is given)",
     "dollars"},
    {"5 billion", "", 9, "a currency or a count noun (no default currency is given)", ""},
    {"5亿", "", 4, "a currency or a count noun (no default currency is given)", ""},
    {"US$5 EUR", "", 5, "nothing more, or the same unit as 'US$'", "EUR"},
    {"USD 5 projects", "", 6, "nothing more, or the same unit as 'USD'", "projects"},
    {"$5 EUR", "USD", 3, "nothing more, or the same unit as '$'", "EUR"},
    {"¥5 USD", "", 4, "nothing more, or the same unit as '¥'", "USD"},
    {"$5 dollars", "", 0,
     "one currency ('$' could be USD, HKD, AUD, CAD, NZD, SGD, TWD, MXN; no default currency "
     "is given)",
     "$"},
    {"USD 5 zork", "", 6, "a currency or a count noun", "zork"},
    // Numerals that write no amount: digit by digit (a year), multipliers out of order.
    {"二〇二三年", "", 3, "a currency or a count noun", "〇二三年"},
    {"3亿万元", "", 4, "a currency or a count noun", "万元"},
    {"亿元", "", 0, "a number or a currency", "亿元"},
};

// What a parse gave, for a failing check's message.
std::string outcome(const std::expected<crossfoot::parsed_amount, crossfoot::parse_error>& r) {
    std::ostringstream os;
    if (r) {
        os << "parsed as " << r->amount;
    } else {
        os << "error " << r.error();
    }
    return os.str();
}

std::string digits(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += static_cast<char>('1' + i % 9);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(amount_parsing)

BOOST_DATA_TEST_CASE(reads_every_written_form, boost::unit_test::data::make(written_forms), c) {
    const auto parsed = parse_amount(c.text);
    BOOST_TEST_REQUIRE(parsed.has_value(), outcome(parsed));
    BOOST_TEST(parsed->amount.value().to_string() == c.value);
    BOOST_TEST(parsed->amount.unit().code() == c.code);
    BOOST_TEST(parsed->amount.precision_exponent() == c.precision_exponent);
    BOOST_TEST(parsed->unit_text == c.unit_text);
    BOOST_TEST(parsed->scale_text == c.scale_text);
    BOOST_TEST(!parsed->unit_assumed);
}

BOOST_DATA_TEST_CASE(reads_every_written_form_alike_with_a_default_currency,
                     boost::unit_test::data::make(written_forms), c) {
    // A unit in the text makes the default irrelevant (JPY is no candidate of any symbol here
    // but ¥, which these forms do not use).
    const auto parsed = parse_amount(c.text, with_default("JPY"));
    BOOST_TEST_REQUIRE(parsed.has_value(), outcome(parsed));
    BOOST_TEST(parsed->amount.value().to_string() == c.value);
    BOOST_TEST(parsed->amount.unit().code() == c.code);
    BOOST_TEST(!parsed->unit_assumed);
}

BOOST_DATA_TEST_CASE(resolves_open_units_through_the_default_currency,
                     boost::unit_test::data::make(defaulted_forms), c) {
    const auto parsed = parse_amount(c.text, with_default(c.default_code));
    BOOST_TEST_REQUIRE(parsed.has_value(), outcome(parsed));
    BOOST_TEST(parsed->amount.value().to_string() == c.value);
    BOOST_TEST(parsed->amount.unit().code() == c.code);
    BOOST_TEST(parsed->unit_assumed == c.assumed);
    BOOST_TEST(parsed->unit_text == c.unit_text);
}

BOOST_DATA_TEST_CASE(reports_offset_and_expectation, boost::unit_test::data::make(bad_amounts), c) {
    const auto parsed = parse_amount(c.text, with_default(c.default_code));
    BOOST_TEST_REQUIRE(!parsed.has_value(), outcome(parsed));
    BOOST_TEST(parsed.error().offset == c.offset);
    BOOST_TEST(parsed.error().expected == c.expected);
    BOOST_TEST(parsed.error().found == c.found);
}

BOOST_AUTO_TEST_CASE(error_message_quotes_what_was_found) {
    const auto parsed = parse_amount("1..2 bn");
    BOOST_TEST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().message() == "expected a digit, found '.'");
    const auto empty = parse_amount("");
    BOOST_TEST_REQUIRE(!empty.has_value());
    BOOST_TEST(empty.error().message() == "expected an amount, found end of input");
}

BOOST_AUTO_TEST_CASE(quotes_a_whole_multibyte_character) {
    const auto parsed = parse_amount("5.元");
    BOOST_TEST_REQUIRE(!parsed.has_value());
    BOOST_TEST(parsed.error().offset == 2U);
    BOOST_TEST(parsed.error().found == "元");
}

BOOST_AUTO_TEST_CASE(refuses_a_number_longer_than_max_amount_digits) {
    const std::string integer = digits(crossfoot::max_amount_digits + 1);
    const std::string fraction = digits(crossfoot::max_amount_digits) + ".5";
    for (const std::string& number : {integer, fraction}) {
        BOOST_TEST_CONTEXT(number.size() << " characters") {
            const auto parsed = parse_amount("USD " + number);
            BOOST_TEST_REQUIRE(!parsed.has_value());
            BOOST_TEST(parsed.error().offset == 4U);
            BOOST_TEST(parsed.error().expected == "a number of at most 1000 digits");
            BOOST_TEST(parsed.error().found == "123456789123...");
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_a_number_of_exactly_max_amount_digits) {
    const std::string integer = digits(crossfoot::max_amount_digits);
    const std::string fraction = digits(crossfoot::max_amount_digits - 1) + ".5";
    for (const std::string& number : {integer, fraction}) {
        BOOST_TEST_CONTEXT(number.size() << " characters") {
            const auto parsed = parse_amount(number + " USD");
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST(parsed->amount.value().to_string() == number);
        }
    }
}

BOOST_AUTO_TEST_CASE(reads_a_45_digit_amount_exactly) {
    const std::string_view wide = "123456789012345678901234567890123456789012345";
    const auto plain = parse_amount(std::string(wide) + " USD");
    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->amount.value().to_string() == wide);
    BOOST_TEST(!plain->amount.value().is_narrow());  // beyond 128 bits

    const auto grouped =
        parse_amount("-123,456,789,012,345,678,901,234,567,890,123,456,789,012,345.67 EUR");
    BOOST_TEST_REQUIRE(grouped.has_value());
    BOOST_TEST(grouped->amount.value().to_string() ==
               "-123456789012345678901234567890123456789012345.67");
    BOOST_TEST(grouped->amount.precision_exponent() == -2);

    const auto scaled = parse_amount(std::string(wide) + "万亿元");
    BOOST_TEST_REQUIRE(scaled.has_value());
    BOOST_TEST(scaled->amount.value().to_string() == std::string(wide) + "000000000000");
    BOOST_TEST(scaled->amount.precision_exponent() == 12);
}

BOOST_AUTO_TEST_CASE(parsing_one_amount_never_changes_the_next) {
    const auto first = parse_amount("¥5", with_default("JPY"));
    const auto bare = parse_amount("¥5");
    const auto second = parse_amount("¥5", with_default("CNY"));
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(!bare.has_value());
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(first->amount.unit().code() == "JPY");
    BOOST_TEST(second->amount.unit().code() == "CNY");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(amount_value)

BOOST_AUTO_TEST_CASE(prints_value_and_unit_code) {
    BOOST_TEST(parse_amount("6.305 billion yuan")->amount.to_string() == "6305000000 CNY");
    BOOST_TEST(parse_amount("42 projects")->amount.to_string() == "42 count");
    std::ostringstream os;
    os << amt("-1204.50", "EUR");
    BOOST_TEST(os.str() == "-1204.50 EUR");
}

BOOST_AUTO_TEST_CASE(precision_exponent_is_that_of_the_last_written_digit) {
    BOOST_TEST(parse_amount("6.305 billion yuan")->amount.precision_exponent() == 6);
    BOOST_TEST(parse_amount("1,234,567.89 EUR")->amount.precision_exponent() == -2);
    BOOST_TEST(parse_amount("5亿元")->amount.precision_exponent() == 8);
    BOOST_TEST(amt("6.3050", "CNY").precision_exponent() == -4);
}

BOOST_AUTO_TEST_CASE(equality_is_by_value_and_unit) {
    BOOST_TEST((amt("2.0", "CNY") == amt("2.00", "CNY")));
    BOOST_TEST((amt("2", "CNY") != amt("2", "USD")));
    BOOST_TEST((amt("2", "count") != amt("3", "count")));
    BOOST_TEST((parse_amount("5亿元")->amount == parse_amount("500 million yuan")->amount));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(amount_totals)

BOOST_AUTO_TEST_CASE(starts_empty) {
    const crossfoot::totals t;
    BOOST_TEST(t.empty());
    BOOST_TEST(t.amounts() == 0U);
    BOOST_TEST(t.entries().empty());
    BOOST_TEST(!t.total(currency("CNY")).has_value());
}

BOOST_AUTO_TEST_CASE(keeps_one_total_per_unit_in_unit_order) {
    crossfoot::totals t;
    t.add(amt("1.16", "USD"));
    t.add(amt("39.7", "CNY"));
    t.add(amt("42", "count"));
    t.add(amt("2", "CNY"));
    t.add(amt("9", "count"));
    t.add(amt("0.5", "EUR"));
    const auto entries = t.entries();
    BOOST_TEST_REQUIRE(entries.size() == 4U);
    const std::string_view codes[] = {"count", "CNY", "EUR", "USD"};
    const std::string_view sums[] = {"51", "41.7", "0.5", "1.16"};
    const std::size_t counts[] = {2, 2, 1, 1};
    for (std::size_t i = 0; i < entries.size(); ++i) {
        BOOST_TEST_CONTEXT("entry " << i) {
            BOOST_TEST(entries[i].unit.code() == codes[i]);
            BOOST_TEST(entries[i].total.to_string() == sums[i]);
            BOOST_TEST(entries[i].amounts == counts[i]);
        }
    }
    BOOST_TEST(t.amounts() == 6U);
    BOOST_TEST(!t.empty());
    BOOST_TEST(t.total(currency("CNY"))->to_string() == "41.7");
    BOOST_TEST(!t.total(currency("JPY")).has_value());
}

BOOST_AUTO_TEST_CASE(sums_each_unit_exactly) {
    crossfoot::totals t;
    for (int i = 0; i < 10; ++i) t.add(amt("0.1", "USD"));
    BOOST_TEST(t.total(currency("USD"))->to_string() == "1.0");
    BOOST_TEST((*t.total(currency("USD")) == decimal(1)));

    t.add(parse_amount("39.7 billion yuan")->amount);
    t.add(amt("0.01", "CNY"));
    t.add(amt("-0.01", "CNY"));
    t.add(amt("0.001", "CNY"));
    BOOST_TEST(t.total(currency("CNY"))->to_string() == "39700000000.001");
}

BOOST_AUTO_TEST_CASE(sums_beyond_128_bits_exactly) {
    crossfoot::totals t;
    const std::string_view big = "99999999999999999999999999999999999999999999";  // 44 digits
    t.add(amt(big, "USD"));
    t.add(amt(big, "USD"));
    t.add(amt("0.02", "USD"));
    BOOST_TEST(t.total(currency("USD"))->to_string() ==
               "199999999999999999999999999999999999999999998.02");
}

BOOST_AUTO_TEST_CASE(counts_zero_and_cancelling_amounts) {
    crossfoot::totals t;
    t.add(amt("5", "EUR"));
    t.add(amt("-5", "EUR"));
    t.add(amt("0", "JPY"));
    BOOST_TEST(t.amounts() == 3U);
    BOOST_TEST(t.total(currency("EUR"))->is_zero());
    BOOST_TEST(t.total(currency("JPY"))->is_zero());
    BOOST_TEST(t.entries().size() == 2U);
}

BOOST_AUTO_TEST_CASE(merge_adds_totals_and_counts) {
    crossfoot::totals a;
    a.add(amt("1.5", "USD"));
    a.add(amt("3", "count"));
    crossfoot::totals b;
    b.add(amt("2.25", "USD"));
    b.add(amt("7", "CNY"));
    b.add(amt("8", "CNY"));
    a.merge(b);
    BOOST_TEST(a.amounts() == 5U);
    const auto entries = a.entries();
    BOOST_TEST_REQUIRE(entries.size() == 3U);
    BOOST_TEST((entries[0] == crossfoot::totals::entry{unit::count(), dec("3"), 1}));
    BOOST_TEST((entries[1] == crossfoot::totals::entry{currency("CNY"), dec("15"), 2}));
    BOOST_TEST((entries[2] == crossfoot::totals::entry{currency("USD"), dec("3.75"), 2}));
    BOOST_TEST(b.amounts() == 3U);  // the merged-in totals are unchanged
}

BOOST_AUTO_TEST_CASE(merge_equals_adding_every_amount_to_one_totals) {
    const std::vector<amount> amounts = {amt("1.1", "USD"), amt("2", "CNY"), amt("3.33", "USD"),
                                         amt("4", "count"), amt("-0.5", "CNY")};
    crossfoot::totals all;
    crossfoot::totals first;
    crossfoot::totals second;
    for (std::size_t i = 0; i < amounts.size(); ++i) {
        all.add(amounts[i]);
        (i < 2 ? first : second).add(amounts[i]);
    }
    first.merge(second);
    BOOST_TEST((first == all));
}

BOOST_AUTO_TEST_CASE(merge_is_associative_and_commutative) {
    crossfoot::totals a;
    a.add(amt("1.16", "USD"));
    a.add(amt("39.7", "CNY"));
    crossfoot::totals b;
    b.add(amt("0.005", "USD"));
    b.add(amt("42", "count"));
    crossfoot::totals c;
    c.add(amt("-2.5", "CNY"));
    c.add(amt("123456789012345678901234567890123456789012345", "EUR"));
    const crossfoot::totals empty;

    const auto merged = [](crossfoot::totals x, const crossfoot::totals& y) {
        x.merge(y);
        return x;
    };
    BOOST_TEST((merged(merged(a, b), c) == merged(a, merged(b, c))));
    BOOST_TEST((merged(a, b) == merged(b, a)));
    BOOST_TEST((merged(a, c) == merged(c, a)));
    BOOST_TEST((merged(merged(c, b), a) == merged(merged(a, b), c)));
    BOOST_TEST((merged(a, empty) == a));
    BOOST_TEST((merged(empty, a) == a));
    BOOST_TEST(merged(merged(a, b), c).amounts() == 6U);
}

BOOST_AUTO_TEST_SUITE_END()
