// fuzz/fuzz_claims.cpp: a claims file's text: read it, and when it reads, check it with the
// built-in rates; every error is a diagnostic with a line inside the text.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto claims = crossfoot::read_claims(text, "fuzz.toml");
    if (!claims) {
        const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
        for (const auto& d : claims.error())
            if (d.file == "fuzz.toml" && d.line > lines + 1) std::abort();
        return 0;
    }
    if (!claims->rate_files.empty()) return 0;  // no files are read from fuzzed names
    const auto rates = crossfoot::rate_table_for(*claims);
    if (!rates) return 0;
    const auto report = crossfoot::run_checks(*claims, *rates);
    (void)crossfoot::format_check_text(report);
    (void)crossfoot::format_check_json(report);
    return 0;
}
