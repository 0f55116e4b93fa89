// engine/core/utf8.cpp: UTF-8 validation and code point offsets.
// SPDX-License-Identifier: MIT
#include "utf8.hpp"

namespace crossfoot::utf8 {

namespace {

unsigned byte_at(std::string_view text, std::size_t i) { return static_cast<unsigned char>(text[i]); }

// The length of the well-formed sequence at `i`, or 0 (Unicode table 3-7).
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const unsigned b = byte_at(text, i);
    if (b < 0x80U) return 1;
    const auto in = [&](std::size_t k, unsigned low, unsigned high) {
        return i + k < text.size() && byte_at(text, i + k) >= low && byte_at(text, i + k) <= high;
    };
    if (b >= 0xC2U && b <= 0xDFU) return in(1, 0x80, 0xBF) ? 2 : 0;
    if (b == 0xE0U) return in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
    if ((b >= 0xE1U && b <= 0xECU) || b == 0xEEU || b == 0xEFU)
        return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
    if (b == 0xEDU) return in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
    if (b == 0xF0U) return in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    if (b >= 0xF1U && b <= 0xF3U)
        return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    if (b == 0xF4U) return in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    return 0;
}

}  // namespace

std::optional<std::size_t> first_invalid(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        // ASCII eight bytes at a time: the common case of English text and markup.
        while (i + 8 <= text.size()) {
            unsigned long long word = 0;
            for (std::size_t k = 0; k < 8; ++k)
                word |= static_cast<unsigned long long>(byte_at(text, i + k)) << (8 * k);
            if ((word & 0x8080808080808080ULL) != 0) break;
            i += 8;
        }
        if (i >= text.size()) break;
        const std::size_t n = sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

std::size_t char_counter::at(std::size_t byte) {
    for (; byte_ < byte && byte_ < text_.size(); ++byte_) {
        if (!continuation(text_[byte_])) ++chars_;
    }
    return chars_;
}

void replace_invalid(std::string& text, char with) {
    std::size_t from = 0;
    while (const auto bad = first_invalid(std::string_view(text).substr(from))) {
        text[from + *bad] = with;
        from += *bad + 1;
    }
}

}  // namespace crossfoot::utf8
