// fuzz/fuzz_document.cpp: a document of any bytes (text, HTML or PDF by its content) read,
// extracted and drafted into claims: an error or claims that read back, never anything else.
// SPDX-License-Identifier: MIT
#include <crossfoot/draft.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto doc = crossfoot::read_document(bytes);
    if (!doc) return 0;
    for (std::size_t t = 0; t < doc->text.size(); t += 97) {
        if (doc->format == crossfoot::document_format::html && crossfoot::source_offset(*doc, t) > size) std::abort();
    }
    // A drafted claims file always reads back: a figure it cannot take is commented out.
    const auto claims = crossfoot::claims_from_document(bytes, "fuzz.txt");
    if (!claims) {
        for (const auto& d : claims.error())
            if (d.file != "fuzz.txt") std::abort();
    }
    return 0;
}
