// fuzz/fuzz_extract.cpp: text extraction on any bytes: invalid UTF-8 is an error at an offset
// inside the text; otherwise every mention and skipped number lies inside the text, in order.
// SPDX-License-Identifier: MIT
#include <crossfoot/extract.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto found = crossfoot::extract(text);
    if (!found) {
        if (found.error().offset >= size) std::abort();
        return 0;
    }
    std::size_t last = 0;
    for (const auto& m : found->mentions) {
        if (m.at.byte_begin > m.at.byte_end || m.at.byte_end > size || m.at.byte_begin < last) std::abort();
        if (text.substr(m.at.byte_begin, m.at.byte_end - m.at.byte_begin) != m.text) std::abort();
        last = m.at.byte_begin;
    }
    for (const auto& s : found->skipped)
        if (s.at.byte_end > size) std::abort();
    (void)crossfoot::format_extraction_json(*found, "fuzz.txt");
    return 0;
}
