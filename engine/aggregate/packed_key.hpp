// engine/aggregate/packed_key.hpp: a group key of one or two short fields held exactly in one
// 64-bit word (private to the library).
//
// The keys a ledger is grouped by are mostly short: a code, a date, a date and a code, two
// codes. Held in a word by their bytes instead of hashed, such a key is found in the group
// index by comparing that word: no key is built for a row, nothing is hashed, and the stored
// key is never read to rule out a collision, which with many groups is a cache miss a row
// saved (docs/aggregate.md). The packing is exact: within a form no two different keys give
// the same word, and the form goes into the index's tag beside the word, so that keys of
// different forms never meet.
//
//   form   fields                                       word
//   0–8    one field of that many bytes                 its bytes, the first lowest
//   10     one date                                     its number
//   11     a date, then a field of at most 4 bytes      date | size << 27 | bytes << 30
//   12     a field of at most 4 bytes, then a date      the same, the fields swapped
//   13     two fields of at most 7 bytes together       size1 | size2 << 3 | bytes1 << 6 | bytes2 after
//   14     two dates                                    date1 | date2 << 27
//   9      any other key: hashed, and checked against the stored key
//
// A date here is any field of the shape dddd-dd-dd (digits and two hyphens, not checked as a
// calendar date), numbered by its eight digits read as one number, below 10^8 < 2^27: one
// number for each such text, and none for any other.
// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace crossfoot::aggregation::packed_key {

// The form of a key that does not pack: hashed.
inline constexpr std::uint32_t hashed = 9;
// How many forms there are (0 to 14).
inline constexpr std::uint32_t forms = 15;

struct packed {
    std::uint64_t word = 0;
    std::uint32_t form = hashed;
};

// A field of the shape dddd-dd-dd as the number its digits make, or -1 for any other field.
// Its eight digits are gathered into one word, checked as digits and combined a pair, then a
// quadruple, at a time (three multiplications in place of eight steps that each test a digit):
// every key of a row grouped by date goes through here.
[[nodiscard, gnu::always_inline]] inline std::int64_t date_number(std::string_view field) {
    if (field.size() != 10 || field[4] != '-' || field[7] != '-') return -1;
    std::uint32_t year = 0;
    std::uint16_t month = 0;
    std::uint16_t day = 0;
    std::memcpy(&year, field.data(), sizeof year);
    std::memcpy(&month, field.data() + 5, sizeof month);
    std::memcpy(&day, field.data() + 8, sizeof day);
    // The digits' bytes, the first lowest.
    static_assert(std::endian::native == std::endian::little, "the first digit is the lowest byte");
    const std::uint64_t bytes = year | std::uint64_t{month} << 32 | std::uint64_t{day} << 48;
    constexpr std::uint64_t each = 0x0101010101010101ULL;  // one in every byte
    const std::uint64_t low = bytes & (each * 0x0F);
    // A byte is a digit when its high half is 3 and its low half at most 9 (adding 6 to that
    // half carries into the high half only past 9; no half carries into the next byte).
    if ((bytes & (each * 0xF0)) != each * 0x30 || ((low + each * 6) & (each * 0xF0)) != 0) return -1;
    std::uint64_t n = (low * 10 + (low >> 8)) & 0x00FF00FF00FF00FFULL;  // pairs, each < 100
    n = (n * 100 + (n >> 16)) & 0x0000FFFF0000FFFFULL;                  // quadruples, < 10^4
    n = (n * 10000 + (n >> 32)) & 0xFFFFFFFFULL;                        // all eight, < 10^8
    return static_cast<std::int64_t>(n);
}

// N (1, 2 or 4) bytes at `p` as a number, the first lowest.
template <std::size_t N>
[[nodiscard, gnu::always_inline]] inline std::uint64_t load_bytes(const char* p) {
    static_assert(std::endian::native == std::endian::little, "the first byte is the lowest");
    using word = std::conditional_t<N == 4, std::uint32_t,
                                    std::conditional_t<N == 2, std::uint16_t, std::uint8_t>>;
    word v = 0;
    std::memcpy(&v, p, N);
    return v;
}

// A field's bytes in a word, the first in the lowest byte (at most 8 bytes). Two loads that
// overlap when the size is not their sum (a byte or two read twice, OR-ed in the same place)
// instead of a step per byte: every row grouped by a short code goes through here.
[[nodiscard, gnu::always_inline]] inline std::uint64_t bytes_of(std::string_view field) {
    const char* const p = field.data();
    const std::size_t n = field.size();
    if (n >= 4) return load_bytes<4>(p) | load_bytes<4>(p + n - 4) << (8 * (n - 4));
    if (n >= 2) return load_bytes<2>(p) | load_bytes<2>(p + n - 2) << (8 * (n - 2));
    return n == 1 ? load_bytes<1>(p) : 0;
}

// The key of `fields` fields, `field(k)` the k-th, packed; form `hashed` when it does not pack.
template <class Field>
[[nodiscard, gnu::always_inline]] inline packed pack(std::size_t fields, const Field& field) {
    constexpr unsigned date_bits = 27;
    static_assert(99'999'999 < std::uint64_t{1} << date_bits, "a date's number fits its bits");
    if (fields == 1) {
        const std::string_view a = field(0);
        if (a.size() <= 8) return {bytes_of(a), static_cast<std::uint32_t>(a.size())};
        if (const std::int64_t d = date_number(a); d >= 0) return {static_cast<std::uint64_t>(d), 10};
        return {};
    }
    if (fields != 2) return {};
    const std::string_view a = field(0);
    const std::string_view b = field(1);
    const std::int64_t da = date_number(a);
    const std::int64_t db = date_number(b);
    if (da >= 0 && db >= 0) return {static_cast<std::uint64_t>(da) | static_cast<std::uint64_t>(db) << date_bits, 14};
    if (da >= 0 && b.size() <= 4)
        return {static_cast<std::uint64_t>(da) | b.size() << date_bits | bytes_of(b) << (date_bits + 3), 11};
    if (db >= 0 && a.size() <= 4)
        return {static_cast<std::uint64_t>(db) | a.size() << date_bits | bytes_of(a) << (date_bits + 3), 12};
    if (a.size() + b.size() <= 7)  // neither a date, then
        return {a.size() | b.size() << 3 | bytes_of(a) << 6 | bytes_of(b) << (6 + 8 * a.size()), 13};
    return {};
}

}  // namespace crossfoot::aggregation::packed_key
