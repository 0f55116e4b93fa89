// fuzz/fuzz_rates.cpp: the rate-file loaders on any bytes: the CSV reader (ECB wide and long
// forms) and the TOML quotes reader return quotes or diagnostics, nothing else.
// SPDX-License-Identifier: MIT
#include <crossfoot/rates.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::istringstream input(text);
    const auto csv = crossfoot::read_rates_csv(input, "fuzz.csv");
    if (csv) {
        crossfoot::rate_table table;
        (void)table.add(*csv);
    }
    (void)crossfoot::read_rates_toml(text, "fuzz.toml");
    return 0;
}
