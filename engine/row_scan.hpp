// engine/row_scan.hpp: the rows and fields of quote-free CSV text, found 64 bytes at a time
// (private to the library).
//
// A ledger row is short and its fields shorter, so finding the separators is most of the
// work of reading one. Instead of a search per field, each 64-byte stretch of the text is
// classified once into two bit masks, commas and line feeds, and the rows are read off the
// set bits. Only text without any '"' may be read this way: a quote can hide both.
// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crossfoot::scan {

/// One bit per byte of a 64-byte stretch: where the commas and the line feeds are.
struct separators {
    std::uint64_t commas = 0;
    std::uint64_t line_feeds = 0;
};

[[nodiscard]] inline separators classify(const char* stretch) noexcept {
    separators s;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i line_feed = _mm_set1_epi8('\n');
    for (int i = 0; i < 4; ++i) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(stretch + 16 * i));
        const auto commas = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma)));
        const auto feeds = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, line_feed)));
        s.commas |= std::uint64_t{commas} << (16 * i);
        s.line_feeds |= std::uint64_t{feeds} << (16 * i);
    }
#else
    for (int i = 0; i < 64; ++i) {
        s.commas |= std::uint64_t{stretch[i] == ','} << i;
        s.line_feeds |= std::uint64_t{stretch[i] == '\n'} << i;
    }
#endif
    return s;
}

/// The fields of one row: field i runs from `start[i]` to just before `start[i + 1]`'s
/// comma; the last one ends at `end` (a '\r' before the line feed is not part of it).
/// `count` is how many fields the row has; only the first `max_fields` are located.
struct row {
    const char* const* start;
    std::size_t count;
    const char* end;

    [[nodiscard]] std::string_view field(std::size_t i) const noexcept {
        const char* const last = i + 1 < count ? start[i + 1] - 1 : end;
        return {start[i], static_cast<std::size_t>(last - start[i])};
    }
    [[nodiscard]] std::string_view text() const noexcept {
        return {start[0], static_cast<std::size_t>(end - start[0])};
    }
};

/// Calls `on_row(const row&)` for each line of `text` (which must hold no '"'), in order,
/// including empty lines; stops early when it returns false. Returns how many lines were
/// read. At most `MaxFields` fields of a row are located; `count` says how many it has.
template <std::size_t MaxFields, class OnRow>
std::size_t for_each_row(std::string_view text, OnRow&& on_row) {
    std::array<const char*, MaxFields + 1> start{};
    std::size_t commas = 0;  // in the current row
    std::size_t lines = 0;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    start[0] = begin;

    // Ends the row at the line feed `at`; false to stop.
    const auto finish = [&](const char* at) {
        const char* stop = at;
        if (stop != start[0] && stop[-1] == '\r') --stop;
        ++lines;
        const bool go_on = on_row(row{start.data(), commas + 1, stop});
        commas = 0;
        start[0] = at + 1;
        return go_on;
    };
    const auto read = [&](const char* base, separators s) {
        for (std::uint64_t bits = s.commas | s.line_feeds; bits != 0; bits &= bits - 1) {
            const int at = std::countr_zero(bits);
            if ((s.line_feeds >> at) & 1U) {
                if (!finish(base + at)) return false;
            } else if (++commas <= MaxFields) {
                start[commas] = base + at + 1;
            }
        }
        return true;
    };

    const char* p = begin;
    for (; end - p >= 64; p += 64) {
        if (!read(p, classify(p))) return lines;
    }
    if (p != end) {  // the last stretch, padded with bytes that are neither separator
        std::array<char, 64> tail{};
        std::memcpy(tail.data(), p, static_cast<std::size_t>(end - p));
        if (!read(p, classify(tail.data()))) return lines;
    }
    if (start[0] != end) {  // a last line without a line feed
        ++lines;
        const char* stop = end;
        if (stop[-1] == '\r') --stop;
        on_row(row{start.data(), commas + 1, stop});
    }
    return lines;
}

}  // namespace crossfoot::scan
