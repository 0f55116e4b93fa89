// fuzz/fuzz_partial.cpp: the partial-aggregate reader behind `crossfoot merge` on any bytes;
// a partial it accepts writes out and reads back to the same partial.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto partial = crossfoot::partial_from_json(text);
    if (!partial) return 0;
    const auto again = crossfoot::partial_from_json(crossfoot::to_json(*partial));
    if (!again || !(*again == *partial)) std::abort();
    return 0;
}
