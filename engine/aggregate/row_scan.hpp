// engine/aggregate/row_scan.hpp: the rows and fields of quote-free CSV text, found 64 bytes at a time
// (private to the library).
//
// A ledger row is short and its fields shorter, so finding the separators is most of the
// work of reading one. Instead of a search per field, each 64-byte stretch of the text is
// classified once into bit masks, commas and line feeds, and the rows are read off the set
// bits. Only text without any '"' may be read this way, since a quote can hide both: the
// scan stops at the first stretch that holds one.
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

/// One bit per byte of a 64-byte stretch: where the commas, line feeds and quotes are.
struct separators {
    std::uint64_t commas = 0;
    std::uint64_t line_feeds = 0;
    std::uint64_t quotes = 0;
};

[[nodiscard]] inline separators classify(const char* stretch) noexcept {
    separators s;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i line_feed = _mm_set1_epi8('\n');
    const __m128i quote = _mm_set1_epi8('"');
    const auto mask = [](__m128i bytes, __m128i of) {
        return std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, of)))};
    };
    for (int i = 0; i < 4; ++i) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(stretch + 16 * i));
        s.commas |= mask(bytes, comma) << (16 * i);
        s.line_feeds |= mask(bytes, line_feed) << (16 * i);
        s.quotes |= mask(bytes, quote) << (16 * i);
    }
#else
    for (int i = 0; i < 64; ++i) {
        s.commas |= std::uint64_t{stretch[i] == ','} << i;
        s.line_feeds |= std::uint64_t{stretch[i] == '\n'} << i;
        s.quotes |= std::uint64_t{stretch[i] == '"'} << i;
    }
#endif
    return s;
}

/// Where `text` first holds a NUL byte or a quote, or npos: the two bytes that the row scan
/// cannot read past, looked for 64 bytes at a time before it starts.
[[nodiscard]] inline std::size_t find_nul_or_quote(std::string_view text) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i zero = _mm_setzero_si128();
    for (; i + 64 <= text.size(); i += 64) {
        __m128i any = zero;
        for (int k = 0; k < 4; ++k) {
            const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 16 * k));
            any = _mm_or_si128(any, _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, zero)));
        }
        if (_mm_movemask_epi8(any) != 0) break;  // in these 64 bytes: found below
    }
#endif
    for (; i < text.size(); ++i) {
        if (text[i] == '"' || text[i] == '\0') return i;
    }
    return std::string_view::npos;
}

/// The fields of one row: field i runs from `start[i]` to just before `start[i + 1]`'s
/// comma; the last one ends at `end` (a '\r' before the line feed is not part of it).
/// `count` is how many fields the row has; only the first `max_fields` are located.
struct row {
    // for_each_row's MaxFields + 1 starts, zeroed at first, the first `count` of them this
    // row's: a reader may copy more of them than the row has (a worker copies eight).
    const char* const* start;
    std::size_t count;
    const char* end;

    [[nodiscard, gnu::always_inline]] std::string_view field(std::size_t i) const noexcept {
        const char* const last = i + 1 < count ? start[i + 1] - 1 : end;
        return {start[i], static_cast<std::size_t>(last - start[i])};
    }
    [[nodiscard]] std::string_view text() const noexcept {
        return {start[0], static_cast<std::size_t>(end - start[0])};
    }
};

/// How a scan ended.
enum class scan_end {
    done,     // every line was read
    stopped,  // on_row said to stop
    quote,    // a '"' was found: the text must be read as RFC 4180 with quotes instead
};

/// Calls `on_row(const row&)` for each line of `text`, in order, including empty lines;
/// stops early when it returns false, or at the first stretch of text holding a '"'
/// (having called `on_row` for the lines before it). `lines` counts the lines read. At most
/// `MaxFields` fields of a row are located; `count` says how many it has.
template <std::size_t MaxFields, class OnRow>
scan_end for_each_row(std::string_view text, std::size_t& lines, OnRow&& on_row) {
    std::array<const char*, MaxFields + 1> start{};
    std::size_t commas = 0;  // in the current row
    lines = 0;
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
        const separators s = classify(p);
        if (s.quotes != 0) return scan_end::quote;
        if (!read(p, s)) return scan_end::stopped;
    }
    if (p != end) {  // the last stretch, padded with bytes that are none of those
        std::array<char, 64> tail{};
        std::memcpy(tail.data(), p, static_cast<std::size_t>(end - p));
        const separators s = classify(tail.data());
        if (s.quotes != 0) return scan_end::quote;
        if (!read(p, s)) return scan_end::stopped;
    }
    if (start[0] != end) {  // a last line without a line feed
        ++lines;
        const char* stop = end;
        if (stop[-1] == '\r') --stop;
        if (!on_row(row{start.data(), commas + 1, stop})) return scan_end::stopped;
    }
    return scan_end::done;
}

}  // namespace crossfoot::scan
