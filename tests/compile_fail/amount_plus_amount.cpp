// tests/compile_fail/amount_plus_amount.cpp: amounts of different units cannot be added;
// sums go through crossfoot::totals.
// SPDX-License-Identifier: MIT
#include <crossfoot/amount.hpp>

int main() {
    const crossfoot::amount yuan(crossfoot::decimal(2), crossfoot::unit::currency("CNY").value());
    const crossfoot::amount dollars(crossfoot::decimal(1), crossfoot::unit::currency("USD").value());
    crossfoot::totals sum;
    sum.add(yuan);
    sum.add(dollars);
#ifdef CROSSFOOT_EXPECT_COMPILE_ERROR
    const auto mixed = yuan + dollars;
    (void)mixed;
#endif
    return sum.entries().size() == 2 ? 0 : 1;
}
