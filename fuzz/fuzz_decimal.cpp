// fuzz/fuzz_decimal.cpp: the decimal parser on any bytes, and the arithmetic on what it reads
// against an independent exact computation (Boost.Multiprecision's cpp_rational): a + b,
// a - b and a * b agree exactly, and a value prints and parses back to itself.
// SPDX-License-Identifier: MIT
#include <crossfoot/decimal.hpp>

#include <boost/multiprecision/cpp_int.hpp>

#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

// The decimal's exact value as a rational, from its printed form.
cpp_rational rational_of(const std::string& printed) {
    std::string digits;
    std::int64_t scale = 0;
    bool negative = false;
    bool fraction = false;
    for (const char c : printed) {
        if (c == 'E' || c == 'e') break;  // callers pass plain notation only
        if (c == '-') negative = true;
        else if (c == '.') fraction = true;
        else if (c >= '0' && c <= '9') {
            digits += c;
            if (fraction) ++scale;
        }
    }
    // cpp_int reads a leading 0 as octal: the digits go in without them.
    const std::size_t first = std::min(digits.find_first_not_of('0'), digits.size());
    const std::string significant = digits.substr(first);
    cpp_rational r(cpp_int(significant.empty() ? "0" : significant));
    cpp_int ten_power = 1;
    for (std::int64_t i = 0; i < scale; ++i) ten_power *= 10;
    r /= ten_power;
    return negative ? cpp_rational(-r) : r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t split = text.find('|');
    const auto a = crossfoot::decimal::parse(text.substr(0, split));
    if (!a) {
        if (a.error().offset > size) std::abort();
        return 0;
    }
    // Keep each run fast, and to plain notation ("1E+6000" is printed with its exponent).
    if (a->to_string().size() > 400 || a->to_string().find('E') != std::string::npos) return 0;
    if (crossfoot::decimal::parse(a->to_string()) != *a) std::abort();
    if (split == std::string_view::npos) return 0;
    const auto b = crossfoot::decimal::parse(text.substr(split + 1));
    if (!b || b->to_string().size() > 400 || b->to_string().find('E') != std::string::npos) return 0;
    const auto plain = [](const crossfoot::decimal& d) { return d.to_string().find('E') == std::string::npos; };
    if (!plain(*a + *b) || !plain(*a - *b) || !plain(*a * *b)) return 0;
    const cpp_rational ra = rational_of(a->to_string());
    const cpp_rational rb = rational_of(b->to_string());
    if (rational_of((*a + *b).to_string()) != ra + rb) std::abort();
    if (rational_of((*a - *b).to_string()) != ra - rb) std::abort();
    if (rational_of((*a * *b).to_string()) != ra * rb) std::abort();
    return 0;
}
