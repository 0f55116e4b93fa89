// engine/aggregate/cell_table.hpp: the exact totals of an aggregation, per (group key,
// currency), held compactly (private to the library; the public face is group_table).
//
// A group's key is stored once, in an arena, as its fields each preceded by their length.
// Each (group, currency) is a cell of a few machine words: an int128 sum at one exponent and
// a row count; the rare value that does not fit (an amount of more than 18 digits, a sum past
// int128, an exponent that cannot be matched) goes to a side table of decimals, so totals are
// always exact. A group converted into a target has one more cell for that total. One open-
// addressing index over power-of-two slots finds a cell from (key, currency) in one probe;
// a key of one or two short fields (a code, a date, a date and a code: packed_key.hpp) is
// held exactly in the slot itself, so that the usual key is found without reading the arena.
//
// Dense totals. Once groups come back (the table has counted half again as many rows as it
// has groups) and a currency is held by at least a quarter of them, each group gets a 32-byte
// total in that currency (and the others so chosen, up to eight) at group × their number
// + the currency's: found from the group's slot, without a slot of its own nor a 48-byte
// cell. At 3.3·10^5 (group, currency) totals over 54,810 keys that takes the index from
// 16 MiB to 2 MiB and the totals from 16 MiB to 10.5 MiB a table (docs/benchmarks.md, "Dense
// totals"). The choice is looked at each time the totals made grow by a quarter, from 1,024
// to 2^20, once the table has outgrown the caches, and only ever adds currencies; the table is
// then laid out anew (cell numbers change, which cleared() counts). Groups of one row each (a key
// per row) never turn dense.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>

#include "huge_pages.hpp"
#include "packed_key.hpp"
#include "values.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace crossfoot::aggregation {

// A key's fields as the table stores them: each as a 4-byte length, then its bytes.
inline void encode_key_field(std::string& into, std::string_view field) {
    const auto n = static_cast<std::uint32_t>(field.size());
    into.append(reinterpret_cast<const char*>(&n), sizeof n);
    into += field;
}

// Whether two encoded keys are the same: those of 8 to 32 bytes (a date and a code, two
// codes) compared a word at a time, the last word overlapping the one before, as a call to
// memcmp costs more than the compare itself.
[[nodiscard, gnu::always_inline]] inline bool same_key(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const std::size_t n = a.size();
    if (n < 8 || n > 32) return a == b;
    std::uint64_t differ = load8(a.data() + n - 8) ^ load8(b.data() + n - 8);
    for (std::size_t i = 0; i + 8 < n; i += 8) differ |= load8(a.data() + i) ^ load8(b.data() + i);
    return differ == 0;
}

// Key order on encoded keys: field by field, as std::vector<std::string> orders its fields.
[[nodiscard]] bool key_less(std::string_view a, std::string_view b);

// Calls `field` with each field of an encoded key, in order.
template <class Field>
void for_each_key_field(std::string_view encoded, Field&& field) {
    while (encoded.size() >= sizeof(std::uint32_t)) {
        std::uint32_t n = 0;
        std::memcpy(&n, encoded.data(), sizeof n);
        encoded.remove_prefix(sizeof n);
        field(encoded.substr(0, n));
        encoded.remove_prefix(std::min<std::size_t>(n, encoded.size()));
    }
}

class cell_table {
public:
    static constexpr std::uint32_t absent = static_cast<std::uint32_t>(-1);

    // One currency's exact total and rows in a group, or the group's converted total.
    struct tally {
        detail::packed_int128 sum = 0;  // the coefficients added so far, at `exponent`
        std::uint64_t rows = 0;  // rows added (none for the converted total)
        std::int32_t exponent = 0;
        std::uint8_t flags = 0;
        unit currency;  // the target, for a converted total
    };
    static_assert(sizeof(tally) == 32, "a dense total is half a cache line");
    // A cell: a total with its place among the groups, for a total not held densely.
    struct cell {
        tally t;
        std::uint64_t key_at = 0;  // the group's key, in the arena
        std::uint32_t next = absent;       // the group's next cell
        std::uint32_t converted = absent;  // the group's converted cell, once there is one
    };
    static_assert(sizeof(cell) <= 64, "fetch_cell_lines fetches a cell's first and last lines only");
    static constexpr std::uint8_t has_sum = 1;        // sum and exponent hold terms
    static constexpr std::uint8_t has_rest = 2;       // rest_ holds a decimal for it
    static constexpr std::uint8_t is_converted = 4;   // the group's total in the target
    static constexpr std::uint8_t is_made = 8;        // a dense total that exists
    // What a total holds, as the report and spills read it.
    struct cell_view {
        int128 sum = 0;
        std::uint64_t rows = 0;
        std::int32_t exponent = 0;
        unit currency;
        std::uint8_t flags = 0;
    };

    // How a key is probed: a key of one or two short fields packed exactly in a word
    // (packed_key.hpp); any other key as a hash of its encoded form, checked against the arena.
    struct probe {
        std::uint64_t word = 0;
        std::uint32_t form = 0;  // the packing's form, or long_key
    };
    static constexpr std::uint32_t long_key = packed_key::hashed;
    [[nodiscard]] static probe probe_of(std::string_view encoded);
    // The probe of a key that does not pack (packed_key::pack said so): its hash.
    [[nodiscard]] static probe hashed_probe(std::string_view encoded);
    // A currency's three letters packed as pack_code packs them: what find takes.
    [[nodiscard]] static std::uint32_t code_of(unit currency) {
        const std::string_view code = currency.code();
        return code.size() == 3 ? pack_code(code) : 0;
    }

    // The cell of (key, currency), the currency given as code_of(it), or of the key's
    // converted total (code 0); absent when not made.
    [[nodiscard, gnu::always_inline]] std::uint32_t find(const probe& p, std::string_view encoded, std::uint32_t code,
                                     bool converted = false) const {
        if (width_ != 0 && !converted) [[unlikely]] {  // out of the way of tables without
            if (const int k = dense_number(code); k >= 0) {
                const std::uint32_t g = find_group(p, encoded);
                if (g == absent) return absent;
                const std::uint32_t t = g * width_ + static_cast<std::uint32_t>(k);
                return (dense_[t].flags & is_made) != 0 ? t | dense_bit : absent;
            }
        }
        const std::uint32_t tag = tag_of(p.form, code, converted ? kind_converted : kind_cell);
        for (std::size_t i = slot_of(p.word, tag); slots_[i].ref != absent; i = (i + 1) & mask()) {
            const slot& s = slots_[i];
            if (s.word == p.word && s.tag == tag && (p.form != long_key || same_key(stored_key(cells_[s.ref].key_at), encoded)))
                return s.ref;
        }
        return absent;
    }
    // The same, and when absent, the key's group in `group` (absent when there is none).
    [[nodiscard]] std::uint32_t find_with_group(const probe& p, std::string_view encoded, std::uint32_t code,
                                                std::uint32_t& group) const {
        const std::uint32_t found = find(p, encoded, code);
        group = found == absent ? find_group(p, encoded) : absent;
        return found;
    }
    // Fetching ahead, for a look-up of (key, currency) a few rows later, in three steps each
    // a little later than the one before (no step reads memory that the one before did not
    // fetch): the slot where the look-up starts; the cell it names; a long key's bytes (for
    // a cell not made yet, the group's slot, then its entry, in the last two). Each step
    // hands the next what it found, so that no slot is hashed or walked twice: the first the
    // slot where the look-up starts (masked when used: the table may have been emptied since,
    // its slots fewer, or grown, the key's start elsewhere: a miss at worst), the second the
    // cell its slots name, which the add then takes without a look-up when is_cell_of says
    // it is the row's. A table changed in between (a group made, the table emptied) costs a
    // miss or a look-up, never a wrong cell.
    // Always inlined: GCC 12 takes a function that only prefetches for one without effects,
    // and drops calls to it.
    // A total held densely is found from its group's slot instead of a slot of its own.
    [[gnu::always_inline]] std::size_t fetch_slots(const probe& p, std::uint32_t code) const {
        const std::size_t at = slot_of(p.word, dense_number(code) >= 0 ? tag_of(p.form, 0, kind_group)
                                                                     : tag_of(p.form, code, kind_cell));
        __builtin_prefetch(&slots_[at]);
        return at;
    }
    // The slots where the look-up of a key's group starts, fetched: with fetch_slots for each
    // of its currencies, what adding a whole group (as a partial's reader does) reads first.
    [[gnu::always_inline]] void fetch_group_slots(const probe& p) const {
        __builtin_prefetch(&slots_[slot_of(p.word, tag_of(p.form, 0, kind_group))]);
    }
    // A cell not made yet is made in its group, which is looked up then: for such a cell the
    // group's slots are fetched instead, and then its entry. Returns the cell as the slots
    // name it (absent when not among the first looked at), for the third step and the add.
    [[gnu::always_inline]] std::uint32_t fetch_cell(const probe& p, std::uint32_t code, std::size_t at) const {
        if (const int k = dense_number(code); k >= 0) {  // the group's slot: its dense total
            const std::uint32_t g = entry_from(at & mask(), p.word, tag_of(p.form, 0, kind_group));
            if (g == absent) return absent;  // a new group: its slot is fetched already
            const std::uint32_t t = g * width_ + static_cast<std::uint32_t>(k);
            __builtin_prefetch(&dense_[t]);
            return t | dense_bit;
        }
        const std::uint32_t c = entry_from(at & mask(), p.word, tag_of(p.form, code, kind_cell));
        if (c != absent) fetch_cell_lines(c);
        else __builtin_prefetch(&slots_[slot_of(p.word, tag_of(p.form, 0, kind_group))]);
        return c;
    }
    // `likely` is what fetch_cell returned: the slots are not walked again. (The table may
    // have been emptied since, by a spill: a cell past its end is not read.)
    [[gnu::always_inline]] void fetch_key(const probe& p, std::uint32_t likely) const {
        if (likely != absent) {
            if (p.form != long_key) return;  // the key is held in the slot
            if (is_dense(likely)) {
                if (width_ > 0 && (likely & ~dense_bit) / width_ < groups_.size())
                    __builtin_prefetch(arena_.data() + groups_[(likely & ~dense_bit) / width_].key_at);
            } else if (likely < cells_.size()) {
                __builtin_prefetch(arena_.data() + cells_[likely].key_at);
            }
        } else if (const std::uint32_t g = likely_entry(p, tag_of(p.form, 0, kind_group)); g != absent) {
            __builtin_prefetch(&groups_[g]);
        }
    }
    // Whether `likely`, which fetch_cell returned for the key `encoded` (probed as `p`) when
    // the table had been emptied `cleared` times, is the key's cell: the slots named it by
    // the key's bytes (a packed key: exactly) or its hash (a long key: its bytes compared now),
    // and cells stay where they are until the table is emptied. Spares the add a look-up.
    // The count moves with the table when tables are swapped: compare it only within one
    // table's life, as a worker's queue, emptied at the end of each piece, does.
    [[nodiscard, gnu::always_inline]] bool is_cell_of(std::uint32_t likely, const probe& p, std::string_view encoded,
                                                      std::uint64_t cleared) const {
        if (likely == absent || cleared != cleared_) return false;
        if (!is_dense(likely)) return p.form != long_key || same_key(stored_key(cells_[likely].key_at), encoded);
        const std::uint32_t t = likely & ~dense_bit;
        return (dense_[t].flags & is_made) != 0 &&
               (p.form != long_key || same_key(key_at(t / width_), encoded));
    }
    // How many times the table has been emptied, or its totals laid out anew (which moves
    // them: a cell number found before is not the same cell after).
    [[nodiscard]] std::uint64_t cleared() const { return cleared_; }
    // Whether the table has outgrown the caches, so that a look-up is a miss or two and
    // fetching ahead pays for its bookkeeping: more than 2^15 slots (512 KiB, half of this
    // machine's L2 cache; docs/benchmarks.md). Below that a look-up mostly hits.
    [[nodiscard]] bool beyond_caches() const { return slots_.size() > (std::size_t{1} << 15); }

    // The same, made (with nothing in it) when absent; `encoded` is the key, which the
    // probe was made from.
    std::uint32_t find_or_make(const probe& p, std::string_view encoded, unit currency, bool converted = false);
    // Adds a group's total in one currency and the rows it came from, the cell made when
    // absent; and a group's converted total. What adding a whole group (a partial's reader,
    // group_table::add) does for each of its figures.
    void add_total(const probe& p, std::string_view encoded, unit currency, const decimal& total, std::uint64_t rows);
    void add_converted(const probe& p, std::string_view encoded, const decimal& total);
    // A cell not in the table, made in `group` (absent: the key's group is made too).
    std::uint32_t make(const probe& p, std::string_view encoded, std::uint32_t group, unit currency, bool converted);
    // The group of a key, or absent. Inlined into find, which every row of a dense currency
    // takes.
    [[nodiscard, gnu::always_inline]] std::uint32_t find_group(const probe& p, std::string_view encoded) const {
        const std::uint32_t tag = tag_of(p.form, 0, kind_group);
        for (std::size_t i = slot_of(p.word, tag); slots_[i].ref != absent; i = (i + 1) & mask()) {
            const slot& s = slots_[i];
            if (s.word == p.word && s.tag == tag && (p.form != long_key || same_key(key_at(s.ref), encoded)))
                return s.ref;
        }
        return absent;
    }

    // Adds to a cell: coefficient × 10^exponent, a decimal, rows.
    void add(std::uint32_t c, int128 coefficient, std::int32_t exponent) {
        add_to(sums(c), c, coefficient, exponent);
    }
    void add(std::uint32_t c, const decimal& value);
    void count(std::uint32_t c, std::uint64_t rows) { sums(c).rows += rows; }
    // One row's amount, coefficient × 10^exponent, added and counted: what the fast path
    // does for every row, the cell found once for both.
    [[gnu::always_inline]] void add_row(std::uint32_t c, int128 coefficient, std::int32_t exponent) {
        tally& x = sums(c);
        ++x.rows;
        add_to(x, c, coefficient, exponent);
    }

    [[nodiscard]] cell_view at(std::uint32_t c) const {
        const tally& x = sums(c);
        return {int128{x.sum}, x.rows, x.exponent, x.currency, x.flags};
    }
    // The converted total of a cell's group, absent when it has none.
    [[nodiscard]] std::uint32_t converted_of(std::uint32_t c) const {
        return is_dense(c) ? groups_[(c & ~dense_bit) / width_].converted : cells_[c].converted;
    }
    [[nodiscard]] decimal total(std::uint32_t c) const;
    [[nodiscard]] std::string_view key_at(std::uint32_t group) const { return stored_key(groups_[group].key_at); }
    [[nodiscard]] std::string_view key_of_cell(std::uint32_t c) const {
        return is_dense(c) ? key_at((c & ~dense_bit) / width_) : stored_key(cells_[c].key_at);
    }
    [[nodiscard]] std::size_t group_count() const { return groups_.size(); }
    // Bytes held, for the memory a table takes; and the most it would hold while its arrays
    // grow for one more group and cell (the old and the new array side by side).
    [[nodiscard]] std::size_t bytes() const;
    [[nodiscard]] std::size_t bytes_while_growing() const;
    // Bytes that putting the groups in key order takes beside the table (ordered_groups).
    [[nodiscard]] std::size_t bytes_to_order() const;
    // The part of a cell's total that is not in its sum (has_rest).
    [[nodiscard]] const decimal& rest_of(std::uint32_t c) const { return rest_.at(c); }

    // Adds every cell of `other` into this one.
    void merge(const cell_table& other);
    // The groups in key order: by their fields, each compared byte by byte as unsigned, a
    // field that is a prefix of another first.
    [[nodiscard]] std::vector<std::uint32_t> ordered_groups() const;
    // A group's cells, into `out`: its currencies in code order, then its converted total.
    void cells_of(std::uint32_t group, std::vector<std::uint32_t>& out) const;
    // Calls `visit(group)` for each group of `order` (ordered_groups()), fetching the groups
    // further on into the cache meanwhile: their entries, then their cells and keys.
    // The walk jumps about the table, a miss or three a group; known ahead, those misses
    // overlap instead of following one another.
    template <class Visit>
    void visit_in_order(const std::vector<std::uint32_t>& order, Visit&& visit) const {
        for (std::size_t i = 0; i < order.size(); ++i) {
            fetch_for_visit(order, i);
            visit(order[i]);
        }
    }
    // What visit_in_order fetches as it comes to the group at `i` of `order`: the entries of
    // the groups 16 further on, the first cells and keys of those 8 further on, the second
    // cells of those 7 further on, and so on to the seventh cell.
    [[gnu::always_inline]] void fetch_for_visit(const std::vector<std::uint32_t>& order, std::size_t i) const {
        constexpr std::size_t entry_ahead = 16;
        constexpr std::size_t cells_ahead = 8;
        if (i + entry_ahead < order.size()) __builtin_prefetch(&groups_[order[i + entry_ahead]]);
        if (i + cells_ahead < order.size()) {
            const std::uint32_t g = order[i + cells_ahead];
            const group_entry& e = groups_[g];
            if (e.first_cell != absent) fetch_cell_lines(e.first_cell);
            __builtin_prefetch(arena_.data() + e.key_at);
            const auto* dense = reinterpret_cast<const char*>(dense_.data() + std::size_t{g} * width_);
            for (std::size_t b = 0; b < width_ * sizeof(tally); b += 64) __builtin_prefetch(dense + b);
        }
        // A group's cells are a list, each found from the one before: the cell k steps down
        // the list of the group cells_ahead - k further on, the one before it fetched a group ago.
        for (std::size_t k = 1; k + 1 < cells_ahead; ++k) {
            if (i + cells_ahead - k >= order.size()) continue;
            std::uint32_t c = groups_[order[i + cells_ahead - k]].first_cell;
            for (std::size_t step = 0; step < k && c != absent; ++step) c = cells_[c].next;
            if (c != absent) fetch_cell_lines(c);
        }
    }
    // Sets a cell's total to `value`.
    void set(std::uint32_t c, const decimal& value);
    // Rounds every converted total half-even to `exponent`.
    void round_converted(std::int32_t exponent);
    void clear();

private:
    // Totals held densely: each group has a total in each of the table's first `width_`
    // currencies (those most groups hold), at group × width_ + the currency's number, found
    // from the group's slot; their cell numbers have the top bit set. Other totals are cells
    // with a slot each.
    static constexpr std::uint32_t dense_bit = 0x80000000U;
    static constexpr std::uint32_t most_dense = 8;
    [[nodiscard]] static bool is_dense(std::uint32_t c) { return (c & dense_bit) != 0; }
    [[nodiscard]] tally& sums(std::uint32_t c) { return is_dense(c) ? dense_[c & ~dense_bit] : cells_[c].t; }
    [[nodiscard]] const tally& sums(std::uint32_t c) const {
        return is_dense(c) ? dense_[c & ~dense_bit] : cells_[c].t;
    }
    // The number of a currency (code_of) among the first `width` of `codes`, or -1; among
    // the dense ones. All eight compared at once, without a branch on which one matches: a
    // ledger's rows come in their currencies in no order, and a loop that stopped at the
    // row's currency was mispredicted on most rows, twice a row while fetching ahead (at
    // 3.3·10^5 dense totals 0.81 → 0.72 s, docs/benchmarks.md "A dense total's number without a
    // branch").
    [[nodiscard, gnu::always_inline]] static int number_among(const std::array<std::uint32_t, most_dense>& codes,
                                                              std::uint32_t width, std::uint32_t code) {
#if defined(__SSE2__)
        static_assert(most_dense == 8, "the codes are two vectors of four");
        const __m128i c = _mm_set1_epi32(static_cast<int>(code));
        const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(codes.data()));
        const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(codes.data() + 4));
        const unsigned bits = (static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(lo, c)))) |
                               static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(hi, c)))) << 4) &
                              ((1U << width) - 1);
        const int k = std::countr_zero(bits | (1U << most_dense));
        return k == static_cast<int>(most_dense) ? -1 : k;
#else
        for (std::uint32_t k = 0; k < width; ++k) {
            if (codes[k] == code) return static_cast<int>(k);
        }
        return -1;
#endif
    }
    [[nodiscard, gnu::always_inline]] int dense_number(std::uint32_t code) const {
        return number_among(dense_codes_, width_, code);
    }
    // The index tag of a cell (not a dense total): its currency's, or the converted kind.
    [[nodiscard]] static std::uint32_t cell_tag(std::uint32_t form, unit currency, bool converted) {
        return converted ? tag_of(form, 0, kind_converted) : tag_of(form, code_of(currency), kind_cell);
    }
    // make's two kinds: a dense total of group `g` in dense currency `k`; a cell.
    std::uint32_t make_dense(std::uint32_t g, std::uint32_t k);
    std::uint32_t make_cell(const probe& p, std::uint32_t g, unit currency, bool converted);
    // Counts a total made (not a converted one), and lays the totals out anew when the
    // currencies most groups hold have changed.
    void note_made(unit currency);
    // Groups come back once the rows counted are come_back_num / come_back_den times the
    // groups (a third of the rows falling into groups made before); looked at each time the
    // totals made grow by a quarter (check_every_part). At 10^6 rows by date,region each
    // thread's table was laid out at 131,072 totals with twice as many rows and checks at
    // doublings, its cells and their index 14 MiB by then; now at 56,815, 6.6 MiB
    // (docs/benchmarks.md, "Laid out dense sooner").
    static constexpr std::uint64_t come_back_num = 3;
    static constexpr std::uint64_t come_back_den = 2;
    static constexpr std::uint64_t check_every_part = 4;
    // Past this many totals the table is not laid out anew: that costs more than it saves.
    static constexpr std::uint64_t most_made_to_lay_out = std::uint64_t{1} << 20;
    // `growing`: groups may still come (a total was made), rather than a merge's end.
    void reconsider(bool growing);
    void lay_out(const std::vector<unit>& dense, bool growing);
    // Whether a currency of this many totals is held by at least a quarter of the groups,
    // as reconsider asks of a currency it makes dense; and how many currencies are (what its
    // memory estimate counts).
    [[nodiscard]] bool held_by_a_quarter(std::uint64_t totals) const;
    [[nodiscard]] std::size_t currencies_held_by_a_quarter() const;

    static constexpr std::uint32_t kind_cell = 0;
    static constexpr std::uint32_t kind_converted = 1;
    static constexpr std::uint32_t kind_group = 2;
    struct slot {
        std::uint64_t word = 0;  // a packed key, or another key's hash
        std::uint32_t tag = 0;   // form | kind << 4 | currency code << 8
        std::uint32_t ref = absent;  // the cell, or the group for kind_group
    };
    struct group_entry {
        std::uint64_t key_at = 0;  // in the arena: a 4-byte size, then the encoded key
        std::uint32_t first_cell = absent;
        std::uint32_t converted = absent;  // its converted cell, once there is one
    };
    static_assert(sizeof(group_entry) == 16, "the converted cell fills the entry's padding");
    static_assert(packed_key::forms <= 16, "a key's form takes the tag's low four bits");
    static std::uint32_t tag_of(std::uint32_t form, std::uint32_t code, std::uint32_t kind) {
        return form | kind << 4 | code << 8;
    }
    [[nodiscard]] std::size_t mask() const { return slots_.size() - 1; }
    // Fibonacci hashing: the top bits of the product, which depend on every bit of the key
    // (the low bits of a product depend on the low bits of its factors only). The tag (kind
    // and currency) spreads a key's entries apart, so that the usual look-up is a compare or
    // two in one cache line. (A long key's entries once all started at one slot, so that a
    // look-up missing a cell met the group's entry on the way: the look-ups that find their
    // cell, nearly all, then read two or three lines of slots, 1.93 s against 2.83 s at 55k
    // keys of two columns, docs/benchmarks.md.)
    [[nodiscard]] std::size_t slot_of(std::uint64_t word, std::uint32_t tag) const {
        const std::uint64_t h = (word ^ (std::uint64_t{tag} * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h >> shift_);
    }
    // Fetches both cache lines a cell may lie on: cells are 48 bytes, so half of them cross a
    // line, and a row's add reads the cell from its sum to its flags (docs/benchmarks.md).
    // The steps after it read its key_at and next, which may lie on the second line: fetched
    // too, as the rule for fetching ahead wants. Always inlined, as fetch_slots is.
    [[gnu::always_inline]] void fetch_cell_lines(std::uint32_t c) const {
        __builtin_prefetch(&cells_[c]);
        __builtin_prefetch(reinterpret_cast<const char*>(&cells_[c]) + sizeof(cell) - 1);
    }
    // The entry of (key, kind and currency) as its slots name it, by its tag, without checking
    // a long key's bytes (absent when not among the first slots looked at).
    [[nodiscard]] std::uint32_t likely_entry(const probe& p, std::uint32_t tag) const {
        return entry_from(slot_of(p.word, tag), p.word, tag);
    }
    // The entry of (word, tag) among the 16 slots from `i` on, or absent.
    [[nodiscard, gnu::always_inline]] std::uint32_t entry_from(std::size_t i, std::uint64_t word, std::uint32_t tag) const {
        constexpr int looked_at = 16;
        for (int n = 0; n < looked_at && slots_[i].ref != absent; ++n, i = (i + 1) & mask()) {
            if (slots_[i].word == word && slots_[i].tag == tag) return slots_[i].ref;
        }
        return absent;
    }
    [[nodiscard]] std::string_view stored_key(std::uint64_t at) const {
        std::uint32_t size = 0;
        std::memcpy(&size, arena_.data() + at, sizeof size);
        return {arena_.data() + at + sizeof size, size};
    }
    void place(const slot& s);
    void grow();
    // Whether `more` entries would fill the slots past what a look-up walks cheaply: half of
    // them up to 2^20 slots (16 MiB), three quarters beyond, where halving a table that big
    // saves more misses than the longer walks cost (docs/benchmarks.md).
    [[nodiscard]] bool full_with(std::size_t more) const { return too_full(used_ + more, slots_.size()); }
    [[nodiscard]] static bool too_full(std::size_t entries, std::size_t slots) {
        constexpr std::size_t half_full_up_to = std::size_t{1} << 20;
        return slots <= half_full_up_to ? entries * 2 > slots : entries * 4 > slots * 3;
    }
    std::uint32_t make_group(const probe& p, std::string_view encoded);
    // Names the currencies of a group's `width` dense totals, from `totals` on: theirs
    // whether made or not, as the report and spills read a total's currency from it.
    static void name_dense(tally* totals, const std::array<unit, most_dense>& units, std::uint32_t width) {
        for (std::uint32_t k = 0; k < width; ++k) totals[k].currency = units[k];
    }
    // Adds coefficient × 10^exponent to cell c's total x: in place when it is at that exponent
    // and does not overflow (nearly always), else add_slow.
    [[gnu::always_inline]] void add_to(tally& x, std::uint32_t c, int128 coefficient,
                                       std::int32_t exponent) {
        int128 sum = x.sum;  // by value: the member is only 8-byte aligned
        if ((x.flags & has_sum) != 0 && x.exponent == exponent &&
            !__builtin_add_overflow(sum, coefficient, &sum)) {
            x.sum = sum;
            return;
        }
        add_slow(c, coefficient, exponent);
    }
    void add_slow(std::uint32_t c, int128 coefficient, std::int32_t exponent);
    void add_rest(std::uint32_t c, const decimal& value);

    big_vector<slot> slots_ = big_vector<slot>(64);
    unsigned shift_ = 64 - 6;  // 64 - log2 of the slots
    std::size_t used_ = 0;
    big_vector<cell> cells_;
    big_vector<group_entry> groups_;
    big_string arena_;
    std::unordered_map<std::uint32_t, decimal> rest_;  // by cell: what does not fit its sum
    std::uint64_t cleared_ = 0;  // times emptied or laid out anew (clear keeps and counts it)
    std::uint32_t width_ = 0;    // currencies held densely
    std::array<std::uint32_t, most_dense> dense_codes_{};
    std::array<unit, most_dense> dense_units_{};
    std::array<std::uint32_t, most_dense> dense_in_order_{};  // the dense numbers by currency
    big_vector<tally> dense_;    // width_ totals a group
    std::vector<std::pair<unit, std::uint64_t>> made_of_;  // totals made, by currency
    std::uint64_t made_ = 0;     // totals made (converted ones aside)
    std::uint64_t next_check_ = std::uint64_t{1} << 10;  // when to look at made_of_ again
    bool hold_layout_ = false;   // while merging: laid out at the end
};

}  // namespace crossfoot::aggregation
