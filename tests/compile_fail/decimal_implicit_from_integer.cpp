// tests/compile_fail/decimal_implicit_from_integer.cpp: an integer becomes a decimal only
// when asked to (the constructor is explicit), so no arithmetic mixes them silently.
// SPDX-License-Identifier: MIT
#include <crossfoot/decimal.hpp>

int main() {
    const crossfoot::decimal asked(5);
#ifdef CROSSFOOT_EXPECT_COMPILE_ERROR
    const crossfoot::decimal silent = 5;
    (void)silent;
#endif
    return asked.is_zero() ? 1 : 0;
}
