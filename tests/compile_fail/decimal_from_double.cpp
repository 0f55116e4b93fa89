// tests/compile_fail/decimal_from_double.cpp: binary floating point never becomes a decimal.
// SPDX-License-Identifier: MIT
#include <crossfoot/decimal.hpp>

int main() {
    const crossfoot::decimal exact = crossfoot::decimal::parse("0.1").value();
#ifdef CROSSFOOT_EXPECT_COMPILE_ERROR
    const crossfoot::decimal inexact(0.1);
    (void)inexact;
#endif
    return exact.exponent() == -1 ? 0 : 1;
}
