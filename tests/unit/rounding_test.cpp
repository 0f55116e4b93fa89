// tests/unit/rounding_test.cpp: every rounding mode on ties, near-ties and signs, and the
// names of the modes.
// SPDX-License-Identifier: MIT

#include <crossfoot/decimal.hpp>
#include <crossfoot/rounding.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>

namespace {

using crossfoot::decimal;
using crossfoot::rounding;
namespace data = boost::unit_test::data;

struct rounded {
    rounding mode;
    std::string_view input, expected;  // rounded to exponent 0
    friend std::ostream& operator<<(std::ostream& os, const rounded& c) {
        return os << c.input << " " << c.mode << " is " << c.expected;
    }
};

// Worked out by hand, one block per mode, the inputs always in this order.
const std::string_view inputs[] = {"2.5", "3.5",  "-2.5", "-3.5", "2.4", "-2.4",
                                   "2.6", "-2.6", "0.5",  "-0.5", "1.0"};

const rounded rounded_values[] = {
    {rounding::half_even, "2.5", "2"},   {rounding::half_even, "3.5", "4"},
    {rounding::half_even, "-2.5", "-2"}, {rounding::half_even, "-3.5", "-4"},
    {rounding::half_even, "2.4", "2"},   {rounding::half_even, "-2.4", "-2"},
    {rounding::half_even, "2.6", "3"},   {rounding::half_even, "-2.6", "-3"},
    {rounding::half_even, "0.5", "0"},   {rounding::half_even, "-0.5", "0"},
    {rounding::half_even, "1.0", "1"},

    {rounding::half_up, "2.5", "3"},     {rounding::half_up, "3.5", "4"},
    {rounding::half_up, "-2.5", "-3"},   {rounding::half_up, "-3.5", "-4"},
    {rounding::half_up, "2.4", "2"},     {rounding::half_up, "-2.4", "-2"},
    {rounding::half_up, "2.6", "3"},     {rounding::half_up, "-2.6", "-3"},
    {rounding::half_up, "0.5", "1"},     {rounding::half_up, "-0.5", "-1"},
    {rounding::half_up, "1.0", "1"},

    {rounding::half_down, "2.5", "2"},   {rounding::half_down, "3.5", "3"},
    {rounding::half_down, "-2.5", "-2"}, {rounding::half_down, "-3.5", "-3"},
    {rounding::half_down, "2.4", "2"},   {rounding::half_down, "-2.4", "-2"},
    {rounding::half_down, "2.6", "3"},   {rounding::half_down, "-2.6", "-3"},
    {rounding::half_down, "0.5", "0"},   {rounding::half_down, "-0.5", "0"},
    {rounding::half_down, "1.0", "1"},

    {rounding::up, "2.5", "3"},          {rounding::up, "3.5", "4"},
    {rounding::up, "-2.5", "-3"},        {rounding::up, "-3.5", "-4"},
    {rounding::up, "2.4", "3"},          {rounding::up, "-2.4", "-3"},
    {rounding::up, "2.6", "3"},          {rounding::up, "-2.6", "-3"},
    {rounding::up, "0.5", "1"},          {rounding::up, "-0.5", "-1"},
    {rounding::up, "1.0", "1"},

    {rounding::down, "2.5", "2"},        {rounding::down, "3.5", "3"},
    {rounding::down, "-2.5", "-2"},      {rounding::down, "-3.5", "-3"},
    {rounding::down, "2.4", "2"},        {rounding::down, "-2.4", "-2"},
    {rounding::down, "2.6", "2"},        {rounding::down, "-2.6", "-2"},
    {rounding::down, "0.5", "0"},        {rounding::down, "-0.5", "0"},
    {rounding::down, "1.0", "1"},

    {rounding::ceiling, "2.5", "3"},     {rounding::ceiling, "3.5", "4"},
    {rounding::ceiling, "-2.5", "-2"},   {rounding::ceiling, "-3.5", "-3"},
    {rounding::ceiling, "2.4", "3"},     {rounding::ceiling, "-2.4", "-2"},
    {rounding::ceiling, "2.6", "3"},     {rounding::ceiling, "-2.6", "-2"},
    {rounding::ceiling, "0.5", "1"},     {rounding::ceiling, "-0.5", "0"},
    {rounding::ceiling, "1.0", "1"},

    {rounding::floor, "2.5", "2"},       {rounding::floor, "3.5", "3"},
    {rounding::floor, "-2.5", "-3"},     {rounding::floor, "-3.5", "-4"},
    {rounding::floor, "2.4", "2"},       {rounding::floor, "-2.4", "-3"},
    {rounding::floor, "2.6", "2"},       {rounding::floor, "-2.6", "-3"},
    {rounding::floor, "0.5", "0"},       {rounding::floor, "-0.5", "-1"},
    {rounding::floor, "1.0", "1"},
};

struct named {
    rounding mode;
    std::string_view name;
    friend std::ostream& operator<<(std::ostream& os, const named& c) { return os << c.name; }
};

const named names[] = {
    {rounding::half_even, "half_even"}, {rounding::half_up, "half_up"},
    {rounding::half_down, "half_down"}, {rounding::up, "up"},
    {rounding::down, "down"},           {rounding::ceiling, "ceiling"},
    {rounding::floor, "floor"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rounding_modes)

BOOST_DATA_TEST_CASE(quantize_rounds_to_integer, data::make(rounded_values), c) {
    const decimal result = decimal::parse(c.input).value().quantize(0, c.mode);
    BOOST_TEST(result.to_scientific_string() == c.expected);
    BOOST_TEST(result.exponent() == 0);
}

// The same rounding reached through division: input × 10 / 10 at exponent 0.
BOOST_DATA_TEST_CASE(divide_rounds_like_quantize, data::make(rounded_values), c) {
    const decimal tenfold = decimal::parse(c.input).value() * decimal(10);
    const auto result = crossfoot::divide(tenfold, decimal(10), 0, c.mode);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->to_scientific_string() == c.expected);
}

BOOST_AUTO_TEST_CASE(table_has_every_mode_and_input_once) {
    for (const rounding mode : crossfoot::all_roundings) {
        BOOST_TEST_CONTEXT(mode) {
            std::multiset<std::string_view> seen;
            for (const rounded& row : rounded_values) {
                if (row.mode == mode) seen.insert(row.input);
            }
            BOOST_TEST(seen.size() == std::size(inputs));
            for (const std::string_view input : inputs) {
                BOOST_TEST_CONTEXT(input) { BOOST_TEST(seen.count(input) == 1U); }
            }
        }
    }
    BOOST_TEST(std::size(rounded_values) == crossfoot::all_roundings.size() * std::size(inputs));
}

BOOST_AUTO_TEST_CASE(all_roundings_lists_each_mode_in_declaration_order) {
    const std::set<rounding> distinct(crossfoot::all_roundings.begin(),
                                      crossfoot::all_roundings.end());
    BOOST_TEST(distinct.size() == crossfoot::all_roundings.size());
    for (std::size_t i = 0; i < crossfoot::all_roundings.size(); ++i) {
        BOOST_TEST(static_cast<std::size_t>(crossfoot::all_roundings[i]) == i);
    }
    BOOST_TEST(std::size(names) == crossfoot::all_roundings.size());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rounding_names)

BOOST_DATA_TEST_CASE(names_round_trip, data::make(names), c) {
    BOOST_TEST(crossfoot::to_string(c.mode) == c.name);
    std::ostringstream os;
    os << c.mode;
    BOOST_TEST(os.str() == c.name);
    const std::optional<rounding> parsed = crossfoot::rounding_from_string(c.name);
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST((*parsed == c.mode));
}

BOOST_DATA_TEST_CASE(accepts_hyphen_for_underscore, data::make(names), c) {
    std::string hyphenated(c.name);
    std::replace(hyphenated.begin(), hyphenated.end(), '_', '-');
    const std::optional<rounding> parsed = crossfoot::rounding_from_string(hyphenated);
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST((*parsed == c.mode));
}

BOOST_AUTO_TEST_CASE(refuses_unknown_names) {
    for (const std::string_view name :
         {"nearest", "", "half", "halfeven", "half even", "half_even ", " half_even", "HALF_EVEN",
          "round_up", "half__even", "truncate", "banker"}) {
        BOOST_TEST_CONTEXT("'" << name << "'") {
            BOOST_TEST(!crossfoot::rounding_from_string(name).has_value());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
