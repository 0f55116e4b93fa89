// fuzz/fuzz_partial.cpp: the partial-aggregate reader behind `crossfoot merge` on any bytes;
// read from a stream (as `crossfoot merge` reads files) it says what it says on the same text,
// and a partial it accepts writes out and reads back to the same partial.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto partial = crossfoot::partial_from_json(text);
    std::istringstream in{std::string(text)};
    const auto streamed = crossfoot::partial_from_json(in);
    if (partial.has_value() != streamed.has_value()) std::abort();
    if (!partial) {
        if (streamed.error() != partial.error()) std::abort();
        return 0;
    }
    if (!(*streamed == *partial)) std::abort();
    const auto again = crossfoot::partial_from_json(crossfoot::to_json(*partial));
    if (!again || !(*again == *partial)) std::abort();
    return 0;
}
