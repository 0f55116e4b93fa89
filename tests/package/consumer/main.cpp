// tests/package/consumer/main.cpp: sums two written amounts through the installed library.
// SPDX-License-Identifier: MIT
#include <crossfoot/crossfoot.hpp>

#include <iostream>

int main() {
    crossfoot::totals sum;
    for (const char* text : {"2 billion yuan", "1.68 billion yuan"}) {
        auto parsed = crossfoot::parse_amount(text);
        if (!parsed) return 1;
        sum.add(parsed->amount);
    }
    const auto total = sum.total(crossfoot::unit::currency("CNY").value());
    std::cout << "total: " << *total << " CNY\n";
    return *total == crossfoot::decimal::parse("3680000000").value() ? 0 : 1;
}
