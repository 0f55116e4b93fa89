// fuzz/fuzz_amount.cpp: the amount parser on any bytes: it returns an amount or an error at
// an offset inside the input, never anything else; a parsed amount prints and parses again to
// the same value.
// SPDX-License-Identifier: MIT
#include <crossfoot/amount.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = crossfoot::parse_amount(text, {crossfoot::unit::currency("CNY")});
    if (!parsed) {
        if (parsed.error().offset > size) std::abort();
        return 0;
    }
    const crossfoot::decimal& value = parsed->amount.value();
    const auto again = crossfoot::decimal::parse(value.to_string());
    if (!again || *again != value) std::abort();
    return 0;
}
