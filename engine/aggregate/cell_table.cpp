// engine/aggregate/cell_table.cpp: making cells, the totals that do not fit a cell's sum,
// merging tables, and the groups in key order.
// SPDX-License-Identifier: MIT
#include "cell_table.hpp"

#include <boost/sort/spreadsort/string_sort.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>

namespace crossfoot::aggregation {

namespace {

// A 64-bit hash of a longer key, eight bytes at a time. Past the whole words, the last eight
// bytes are taken again, overlapping the word before (the size is in the hash already), so
// that a key of eight bytes or more is read in words only.
std::uint64_t hash_bytes(std::string_view s) {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
    const auto mix = [&h](std::uint64_t word) {
        h = (h ^ word) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    };
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) mix(load8(s.data() + i));
    std::uint64_t tail = 0;
    if (i < s.size() && s.size() >= 8) {
        tail = load8(s.data() + s.size() - 8);
    } else {
        for (std::size_t k = 0; i + k < s.size(); ++k)
            tail |= std::uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
    }
    h = (h ^ tail) * 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 29);
}

}  // namespace

cell_table::probe cell_table::probe_of(std::string_view encoded) {
    // The key's fields, when it has one or two: a key of more does not pack, nor (never
    // made by encode_key_field) one whose sizes do not add up to its length.
    std::array<std::string_view, 2> fields;
    std::size_t count = 0;
    bool whole = true;
    std::string_view rest = encoded;
    while (rest.size() >= sizeof(std::uint32_t) && count < fields.size()) {
        std::uint32_t n = 0;
        std::memcpy(&n, rest.data(), sizeof n);
        rest.remove_prefix(sizeof n);
        if (n > rest.size()) {
            whole = false;
            break;
        }
        fields[count++] = rest.substr(0, n);
        rest.remove_prefix(n);
    }
    if (whole && rest.empty() && count > 0) {
        const packed_key::packed p = packed_key::pack(count, [&](std::size_t k) { return fields[k]; });
        if (p.form != packed_key::hashed) return {p.word, p.form};
    }
    return hashed_probe(encoded);
}

cell_table::probe cell_table::hashed_probe(std::string_view encoded) { return {hash_bytes(encoded), long_key}; }

void cell_table::place(const slot& s) {
    std::size_t i = slot_of(s.word, s.tag);
    while (slots_[i].ref != absent) i = (i + 1) & mask();
    slots_[i] = s;
}

void cell_table::grow() {
    big_vector<slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, slot{});
    --shift_;
    for (const slot& s : old) {
        if (s.ref != absent) place(s);
    }
}

std::uint32_t cell_table::make_group(const probe& p, std::string_view encoded) {
    if (groups_.size() >= absent - 1) throw std::length_error("more than 2^32 - 2 groups in one table");
    const auto size = static_cast<std::uint32_t>(encoded.size());
    const std::uint64_t at = arena_.size();
    arena_.append(reinterpret_cast<const char*>(&size), sizeof size);
    arena_ += encoded;
    if (width_ > 0 && (groups_.size() + 1) * width_ >= dense_bit)
        throw std::length_error("more than 2^31 - 2 dense totals in one table");
    groups_.push_back({at, absent, absent});
    const auto g = static_cast<std::uint32_t>(groups_.size() - 1);
    if (width_ > 0) {
        dense_.resize(dense_.size() + width_);
        name_dense(dense_.data() + std::size_t{g} * width_, dense_units_, width_);
    }
    if (full_with(1)) grow();
    place({p.word, tag_of(p.form, 0, kind_group), g});
    ++used_;
    return g;
}

std::uint32_t cell_table::find_or_make(const probe& p, std::string_view encoded, unit currency, bool converted) {
    const std::uint32_t code = converted ? 0 : code_of(currency);
    if (const std::uint32_t found = find(p, encoded, code, converted); found != absent) return found;
    return make(p, encoded, find_group(p, encoded), currency, converted);
}

void cell_table::add_total(const probe& p, std::string_view encoded, unit currency, const decimal& total,
                           std::uint64_t rows) {
    const std::uint32_t c = find_or_make(p, encoded, currency);
    add(c, total);
    count(c, rows);
}

void cell_table::add_converted(const probe& p, std::string_view encoded, const decimal& total) {
    add(find_or_make(p, encoded, unit::count(), true), total);
}

std::uint32_t cell_table::make(const probe& p, std::string_view encoded, std::uint32_t group, unit currency,
                               bool converted) {
    const std::uint32_t g = group != absent ? group : make_group(p, encoded);
    const int k = converted ? -1 : dense_number(code_of(currency));
    const std::uint32_t made = k >= 0 ? make_dense(g, static_cast<std::uint32_t>(k)) : make_cell(p, g, currency, converted);
    if (converted) return made;
    const std::uint64_t before = cleared_;
    note_made(currency);
    // Laid out anew, the total has moved (its group has not): found again.
    return cleared_ == before ? made : find(p, encoded, code_of(currency));
}

std::uint32_t cell_table::make_dense(std::uint32_t g, std::uint32_t k) {
    const std::uint32_t t = g * width_ + k;
    dense_[t].flags |= is_made;
    return t | dense_bit;
}

std::uint32_t cell_table::make_cell(const probe& p, std::uint32_t g, unit currency, bool converted) {
    if (cells_.size() >= dense_bit - 1) throw std::length_error("more than 2^31 - 2 cells in one table");
    const auto c = static_cast<std::uint32_t>(cells_.size());
    cell made;
    made.key_at = groups_[g].key_at;
    made.t.currency = currency;
    made.t.flags = converted ? is_converted : 0;
    // The group's cells form a list from its first; each currency cell knows the converted
    // one, as the group's entry does, so that a new cell learns it without reading the cell
    // before it (a cache miss per cell made, with many groups).
    made.next = groups_[g].first_cell;
    if (!converted) made.converted = groups_[g].converted;
    groups_[g].first_cell = c;
    cells_.push_back(made);
    if (converted) {
        groups_[g].converted = c;
        for (std::uint32_t k = cells_[c].next; k != absent; k = cells_[k].next) cells_[k].converted = c;
    }
    if (full_with(1)) grow();
    place({p.word, cell_tag(p.form, currency, converted), c});
    ++used_;
    return c;
}

void cell_table::add_slow(std::uint32_t c, int128 coefficient, std::int32_t exponent) {
    tally& x = sums(c);
    if ((x.flags & has_sum) == 0) {
        x.sum = coefficient;
        x.exponent = exponent;
        x.flags |= has_sum;
        return;
    }
    // The sum takes the smaller exponent, as a decimal sum does, when the value still fits.
    int128 sum = x.sum;
    int128 term = coefficient;
    const std::int32_t low = std::min(x.exponent, exponent);
    const auto scale = [](int128& v, std::int64_t by) {
        return by == 0 || (by > 0 && by <= 38 && !__builtin_mul_overflow(v, power_of_ten(static_cast<std::int32_t>(by)), &v));
    };
    int128 next = 0;
    if (scale(sum, std::int64_t{x.exponent} - low) && scale(term, std::int64_t{exponent} - low) &&
        !__builtin_add_overflow(sum, term, &next)) {
        x.sum = next;
        x.exponent = low;
        return;
    }
    if (x.exponent == exponent) {  // the sum is full: it goes to the rest, and starts again
        add_rest(c, decimal::from_narrow(x.sum, x.exponent));
        x.sum = coefficient;
        return;
    }
    add_rest(c, decimal::from_narrow(coefficient, exponent));
}

void cell_table::add(std::uint32_t c, const decimal& value) {
    if (const auto narrow = value.narrow_coefficient()) {
        add(c, *narrow, value.exponent());
        return;
    }
    add_rest(c, value);
}

void cell_table::add_rest(std::uint32_t c, const decimal& value) {
    tally& x = sums(c);
    if ((x.flags & has_rest) == 0) {
        rest_.insert_or_assign(c, value);
        x.flags |= has_rest;
        return;
    }
    rest_.at(c) += value;
}

decimal cell_table::total(std::uint32_t c) const {
    const tally& x = sums(c);
    const bool rest = (x.flags & has_rest) != 0;
    if ((x.flags & has_sum) == 0) return rest ? rest_.at(c) : decimal();
    const int128 sum = x.sum;
    const decimal fast = decimal::from_narrow(sum, x.exponent);
    return rest ? fast + rest_.at(c) : fast;
}

void cell_table::merge(const cell_table& other) {
    // Total by total, in the other table's order (its cells, then its dense totals), so that
    // its totals, keys and sums are read as a stream. Here each look-up is a miss or three
    // in a large table: fetched `ahead` totals before it is made, in three steps as a worker
    // fetches ahead (its slots; the total they name; a long key's bytes), the probes kept
    // meanwhile. (Group by group, following each group's list of cells, the merge of two
    // tables of 3.3·10^5 cells took 67 ms of the single-threaded end of `--by date,region`
    // over 10^7 rows; docs/benchmarks.md.) The totals are laid out anew, if at all, at the
    // end: a table may be merged with itself, and is then read while it is written.
    constexpr std::size_t ahead = 24;
    struct coming {
        probe p;
        std::uint32_t code = 0;  // 0 for a converted total
        bool converted = false;
        std::size_t at = 0;  // where its look-up starts
    };
    std::vector<std::uint32_t> ids;
    ids.reserve(other.cells_.size() + other.dense_.size());
    for (std::uint32_t c = 0; c < other.cells_.size(); ++c) ids.push_back(c);
    for (std::uint32_t t = 0; t < other.dense_.size(); ++t) {
        if ((other.dense_[t].flags & is_made) != 0) ids.push_back(t | dense_bit);
    }
    const bool held = hold_layout_;
    hold_layout_ = true;
    std::array<coming, ahead> ring{};
    std::array<std::uint32_t, ahead> likely{};
    const std::size_t n = ids.size();
    const auto start = [&](std::size_t i) {
        const tally& from = other.sums(ids[i]);
        const bool converted = (from.flags & is_converted) != 0;
        coming& x = ring[i % ahead];
        x.p = probe_of(other.key_of_cell(ids[i]));
        x.code = converted ? 0 : code_of(from.currency);
        x.converted = converted;
        if (converted) {
            x.at = slot_of(x.p.word, cell_tag(x.p.form, from.currency, true));
            __builtin_prefetch(&slots_[x.at]);
        } else {
            x.at = fetch_slots(x.p, x.code);
        }
    };
    // The later steps written out in the loop, not as lambdas: GCC 12 takes a function that
    // only prefetches for one without effects and drops calls to it (cell_table.hpp); `start`
    // stays a lambda, as it also writes the ring. (Unlike a worker, the merge does not fetch
    // a group's entry for a total not made yet: merged tables mostly share their groups.)
    for (std::size_t i = 0; i < std::min(ahead, n); ++i) start(i);
    for (std::size_t i = 0; i < n; ++i) {
        const coming x = ring[i % ahead];
        if (i + ahead < n) start(i + ahead);
        if (i + 2 * ahead / 3 < n) {  // the total
            const coming& y = ring[(i + 2 * ahead / 3) % ahead];
            likely[(i + 2 * ahead / 3) % ahead] =
                y.converted ? absent : fetch_cell(y.p, y.code, y.at);
        }
        if (i + ahead / 3 < n) {  // a long key's bytes
            const coming& y = ring[(i + ahead / 3) % ahead];
            if (!y.converted) fetch_key(y.p, likely[(i + ahead / 3) % ahead]);
        }
        // The total and its wide part by value: a table merged with itself changes the total
        // it reads from (a sum past int128 moves into its wide part as it is added).
        const std::uint32_t id = ids[i];
        const tally from = other.sums(id);
        const std::optional<decimal> rest =
            (from.flags & has_rest) != 0 ? std::optional(other.rest_.at(id)) : std::nullopt;
        const std::string_view key = other.key_of_cell(id);  // merged with itself: no group is made
        std::uint32_t into = find(x.p, key, x.code, x.converted);
        if (into == absent) into = make(x.p, key, find_group(x.p, key), from.currency, x.converted);
        if ((from.flags & has_sum) != 0) add(into, int128{from.sum}, from.exponent);
        if (rest) add_rest(into, *rest);
        count(into, from.rows);
    }
    hold_layout_ = held;
    if (!held) reconsider(false);  // merged whole: no group is on its way
}

void cell_table::note_made(unit currency) {
    ++made_;
    const auto it = std::ranges::find(made_of_, currency, &std::pair<unit, std::uint64_t>::first);
    if (it == made_of_.end()) made_of_.push_back({currency, 1});
    else ++it->second;
    if (made_ >= next_check_ && !hold_layout_) {
        next_check_ = made_ + made_ / check_every_part;
        reconsider(true);
    }
}

bool cell_table::held_by_a_quarter(std::uint64_t totals) const {
    return totals * 4 >= groups_.size();
}

std::size_t cell_table::currencies_held_by_a_quarter() const {
    return static_cast<std::size_t>(std::ranges::count_if(
        made_of_,
        [&](const std::pair<unit, std::uint64_t>& m) { return held_by_a_quarter(m.second); }));
}

void cell_table::reconsider(bool growing) {
    // Once groups come back (half again as many rows as groups), dense: the currencies at
    // least a quarter of the groups hold, most held first, at most eight; laid out anew only
    // when that makes more of them dense (a total once dense stays so).
    // Not while the table fits the caches, where a look-up hits anyway and finding a dense
    // total's number costs a little more (1,000 regions: 4 %); nor past 2^20 totals, where
    // laying them out anew costs more than it saves (docs/benchmarks.md).
    if (!beyond_caches() || made_ > most_made_to_lay_out) return;
    std::vector<std::pair<unit, std::uint64_t>> held;
    for (const auto& m : made_of_) {
        if (held_by_a_quarter(m.second)) held.push_back(m);
    }
    std::ranges::sort(held, [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (held.size() > most_dense) held.resize(most_dense);
    if (held.size() <= width_ || groups_.size() * held.size() >= dense_bit) return;
    // The rows counted, added up here rather than on every row, and only once the currencies
    // would change (a table laid out dense stops here at every later check).
    std::uint64_t rows = 0;
    for (const cell& c : cells_) rows += c.t.rows;
    for (const tally& t : dense_) rows += t.rows;
    if (rows * come_back_den < come_back_num * std::uint64_t{groups_.size()}) return;
    std::vector<unit> dense;
    for (std::uint32_t k = 0; k < width_; ++k) dense.push_back(dense_units_[k]);  // they stay first
    for (const auto& h : held) {
        if (std::ranges::find(dense, h.first) == dense.end() && dense.size() < most_dense) dense.push_back(h.first);
    }
    if (dense.size() > width_) lay_out(dense, growing);
}

void cell_table::lay_out(const std::vector<unit>& dense, bool growing) {
    // Every group's totals gathered and placed anew: the dense currencies' in the new dense
    // array, the others (and converted totals) as cells, a group's cells together; the index
    // rebuilt with the groups' slots and the cells'. Cell numbers change: cleared_ counts it.
    const auto w = static_cast<std::uint32_t>(dense.size());
    // The old index is not read while the totals are gathered: its memory goes first, so
    // that the new arrays stand beside the old cells only.
    slots_ = big_vector<slot>();
    std::array<std::uint32_t, most_dense> codes{};
    std::array<unit, most_dense> units{};
    for (std::uint32_t k = 0; k < w; ++k) {
        codes[k] = code_of(dense[k]);
        units[k] = dense[k];
    }
    // While groups still come, room for as many again: the table is laid out early, and the
    // dense array would otherwise be copied whole at the next group.
    big_vector<tally> new_dense;
    new_dense.reserve(groups_.size() * w * (growing ? 2 : 1));
    new_dense.resize(groups_.size() * w);
    for (std::size_t g = 0; g < groups_.size(); ++g) name_dense(new_dense.data() + g * w, units, w);
    // The cells that stay cells (converted totals, currencies not dense), counted first so
    // that their array is made at its size (grown by doubling it could hold twice that).
    big_vector<cell> new_cells;
    new_cells.reserve(static_cast<std::size_t>(std::ranges::count_if(cells_, [&](const cell& c) {
        return (c.t.flags & is_converted) != 0 || number_among(codes, w, code_of(c.t.currency)) < 0;
    })));
    std::unordered_map<std::uint32_t, decimal> new_rest;
    std::vector<std::uint32_t> mine;
    // Group by group, their lists of cells fetched a few groups ahead (visit_in_order).
    std::vector<std::uint32_t> all(groups_.size());
    std::iota(all.begin(), all.end(), 0U);
    visit_in_order(all, [&](std::uint32_t g) {
        cells_of(g, mine);
        group_entry& e = groups_[g];
        e.first_cell = absent;
        e.converted = absent;
        std::uint32_t converted_cell = absent;
        const std::size_t first_new = new_cells.size();
        for (const std::uint32_t c : mine) {
            const tally& x = sums(c);
            const bool converted = (x.flags & is_converted) != 0;
            std::uint32_t to = absent;
            const int k = converted ? -1 : number_among(codes, w, code_of(x.currency));
            if (k >= 0) {
                to = g * w + static_cast<std::uint32_t>(k);
                new_dense[to] = x;
                new_dense[to].flags |= is_made;
                to |= dense_bit;
            } else {
                to = static_cast<std::uint32_t>(new_cells.size());
                cell made;
                made.t = x;
                made.key_at = e.key_at;
                made.next = e.first_cell;
                e.first_cell = to;
                new_cells.push_back(made);
                if (converted) converted_cell = to;
            }
            if ((x.flags & has_rest) != 0) new_rest.emplace(to, rest_.at(c));
        }
        e.converted = converted_cell;
        for (std::size_t c = first_new; c < new_cells.size(); ++c) {
            if ((new_cells[c].t.flags & is_converted) == 0) new_cells[c].converted = converted_cell;
        }
    });
    cells_ = std::move(new_cells);
    dense_ = std::move(new_dense);
    rest_ = std::move(new_rest);
    width_ = w;
    dense_codes_ = codes;
    dense_units_ = units;
    std::iota(dense_in_order_.begin(), dense_in_order_.begin() + w, 0U);
    std::sort(dense_in_order_.begin(), dense_in_order_.begin() + w,
              [&](std::uint32_t a, std::uint32_t b) { return units[a] < units[b]; });
    // The index: a slot for each group and each cell, as few slots as the load allows.
    used_ = groups_.size() + cells_.size();
    std::size_t slots = 64;
    while (too_full(used_, slots)) slots *= 2;
    slots_ = big_vector<slot>(slots, slot{});  // a new array: the old one's memory goes
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(slots));
    for (std::uint32_t g = 0; g < groups_.size(); ++g) {
        const probe p = probe_of(key_at(g));
        place({p.word, tag_of(p.form, 0, kind_group), g});
        for (std::uint32_t c = groups_[g].first_cell; c != absent; c = cells_[c].next) {
            const tally& x = cells_[c].t;
            place({p.word, cell_tag(p.form, x.currency, (x.flags & is_converted) != 0), c});
        }
    }
    ++cleared_;
}

bool key_less(std::string_view a, std::string_view b) {
    while (!a.empty() && !b.empty()) {
        std::uint32_t na = 0;
        std::uint32_t nb = 0;
        std::memcpy(&na, a.data(), sizeof na);
        std::memcpy(&nb, b.data(), sizeof nb);
        const std::string_view fa = a.substr(sizeof na, na);
        const std::string_view fb = b.substr(sizeof nb, nb);
        if (const int c = fa.compare(fb); c != 0) return c < 0;
        a.remove_prefix(sizeof na + na);
        b.remove_prefix(sizeof nb + nb);
    }
    return a.empty() && !b.empty();
}

namespace {

// The first 24 bytes of a key in an encoding whose byte order is the key order: each field's
// bytes (a NUL as 00 01), then 00 00. Keys in the order of these prefixes are in key order;
// equal prefixes are compared in full, which reads both keys from the arena, a cache miss
// each when there are many: 24 bytes hold a date, a code and most of a third field
// (`2024-09-27`, `R37`, `S47`), where 16 stopped before the third.
struct order_prefix {
    std::uint64_t first = 0;
    std::uint64_t second = 0;
    std::uint64_t third = 0;
    auto operator<=>(const order_prefix&) const = default;
};

order_prefix prefix_of(std::string_view encoded) {
    std::array<unsigned char, 24> bytes{};
    std::size_t n = 0;
    const auto put = [&](unsigned char b) {
        if (n < bytes.size()) bytes[n++] = b;
    };
    for_each_key_field(encoded, [&](std::string_view field) {
        for (std::size_t i = 0; i < field.size() && n < bytes.size(); ++i) {
            const auto b = static_cast<unsigned char>(field[i]);
            put(b);
            if (b == 0) put(1);
        }
        put(0);
        put(0);
    });
    const auto word = [&](std::size_t from) {  // the first byte the most significant
        std::uint64_t w = 0;
        std::memcpy(&w, bytes.data() + from, sizeof w);
        static_assert(std::endian::native == std::endian::big ||
                      std::endian::native == std::endian::little);
        return std::endian::native == std::endian::big ? w : std::byteswap(w);
    };
    return {word(0), word(8), word(16)};
}

// Byte `i` of a prefix, from the first.
[[gnu::always_inline]] inline unsigned char byte_of(const order_prefix& p, std::size_t i) {
    const std::uint64_t word = i < 8 ? p.first : (i < 16 ? p.second : p.third);
    return static_cast<unsigned char>(word >> (8 * (7 - i % 8)));
}

struct order_entry {
    order_prefix prefix;
    std::uint32_t group = 0;
};
using order_entries = std::vector<order_entry, huge_page_allocator<order_entry>>;

// The bytes of the prefixes that are not the same in every entry, first to last.
std::vector<std::size_t> varying_bytes(const order_entries& order) {
    std::array<std::uint64_t, 3> any{};
    std::array<std::uint64_t, 3> every{~0ULL, ~0ULL, ~0ULL};
    for (const order_entry& e : order) {
        any[0] |= e.prefix.first;
        any[1] |= e.prefix.second;
        any[2] |= e.prefix.third;
        every[0] &= e.prefix.first;
        every[1] &= e.prefix.second;
        every[2] &= e.prefix.third;
    }
    const order_prefix differ{any[0] ^ every[0], any[1] ^ every[1], any[2] ^ every[2]};
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < sizeof(order_prefix); ++i) {
        if (byte_of(differ, i) != 0) out.push_back(i);
    }
    return out;
}

// Past this many varying bytes or groups, string_sort: a pass of counting reads and writes
// every entry, where string_sort's buckets soon fit the caches. Ordering one table's groups
// (docs/benchmarks.md, "Ordering the groups"): 5.5·10^4 groups of a date and a code, 7 bytes
// varying, 6–8 → 3–5 ms; 6.6·10^5 of three columns, 9 bytes, 78–99 → 38–42 ms; 10^6 numbers,
// 7 bytes, 88–132 → 65–198 ms (no better); 5·10^6 numbers (two tables at once), 450–530 →
// 880–1,070 ms.
constexpr std::size_t most_counting_passes = 10;
constexpr std::size_t most_counted_groups = std::size_t{1} << 20;

// Puts `order` in the order of its prefixes, a stable pass of counting for each byte that
// varies, last byte first (a byte that never varies orders nothing); the counts of every pass
// made in one read. False, leaving it as it is, past most_counting_passes or most_counted_groups.
bool sorted_by_counting(order_entries& order) {
    if (order.size() < 2) return true;
    if (order.size() > most_counted_groups) return false;
    const std::vector<std::size_t> bytes = varying_bytes(order);
    if (bytes.size() > most_counting_passes) return false;
    if (bytes.empty()) return true;
    std::vector<std::array<std::uint32_t, 256>> starts(bytes.size());  // counts, then starts
    for (const order_entry& e : order) {
        for (std::size_t k = 0; k < bytes.size(); ++k) ++starts[k][byte_of(e.prefix, bytes[k])];
    }
    for (auto& s : starts) std::exclusive_scan(s.begin(), s.end(), s.begin(), 0U);
    order_entries other(order.size());
    for (std::size_t k = bytes.size(); k-- > 0;) {
        std::array<std::uint32_t, 256>& at = starts[k];
        for (const order_entry& e : order) other[at[byte_of(e.prefix, bytes[k])]++] = e;
        order.swap(other);
    }
    return true;
}

}  // namespace

std::vector<std::uint32_t> cell_table::ordered_groups() const {
    // Tens of megabytes with millions of groups: in huge pages, a fault per 2 MiB instead of
    // per 4 KiB (half the time of ordering 1.7·10^6 groups went to faults).
    order_entries order(groups_.size());
    for (std::uint32_t g = 0; g < groups_.size(); ++g) order[g] = {prefix_of(key_at(g)), g};
    // By the prefixes' bytes first: a pass of counting for each byte that varies, when few
    // do (a date and a code) among at most 2^20 groups; else with Boost's string_sort, a
    // radix sort while buckets are large and comparisons below that (on 10^6 groups ~510
    // instructions a group, where std::sort on the same prefixes took ~720;
    // docs/benchmarks.md).
    if (!sorted_by_counting(order)) {
        const auto byte_at = [](const order_entry& e, std::size_t i) {
            return byte_of(e.prefix, i);
        };
        const auto length = [](const order_entry&) { return sizeof(order_prefix); };
        const auto by_prefix = [](const order_entry& a, const order_entry& b) {
            return a.prefix < b.prefix;
        };
        boost::sort::spreadsort::string_sort(order.begin(), order.end(), byte_at, length,
                                             by_prefix);
    }
    // Then each run of equal prefixes in full.
    const auto in_full = [&](const order_entry& a, const order_entry& b) {
        return key_less(key_at(a.group), key_at(b.group));
    };
    for (auto run = order.begin(); run != order.end();) {
        const auto end = std::find_if(
            run + 1, order.end(), [&](const order_entry& e) { return e.prefix != run->prefix; });
        if (end - run > 1) std::sort(run, end, in_full);
        run = end;
    }
    std::vector<std::uint32_t> out(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) out[i] = order[i].group;
    return out;
}

void cell_table::cells_of(std::uint32_t group, std::vector<std::uint32_t>& out) const {
    out.clear();
    // The dense totals in currency order already; a group with no cell besides (most, in a
    // table laid out dense) needs no sorting.
    for (std::uint32_t i = 0; i < width_; ++i) {
        const std::uint32_t t = group * width_ + dense_in_order_[i];
        if ((dense_[t].flags & is_made) != 0) out.push_back(t | dense_bit);
    }
    if (groups_[group].first_cell == absent) return;
    for (std::uint32_t c = groups_[group].first_cell; c != absent; c = cells_[c].next) out.push_back(c);
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
        const tally& x = sums(a);
        const tally& y = sums(b);
        const bool ca = (x.flags & is_converted) != 0;
        const bool cb = (y.flags & is_converted) != 0;
        if (ca != cb) return cb;
        return x.currency < y.currency;
    };
    for (std::size_t i = 1; i < out.size(); ++i) {  // a group has a few cells: insertion sort
        for (std::size_t k = i; k > 0 && before(out[k], out[k - 1]); --k) std::swap(out[k], out[k - 1]);
    }
}

void cell_table::set(std::uint32_t c, const decimal& value) {
    sums(c).flags &= static_cast<std::uint8_t>(~(has_sum | has_rest));
    rest_.erase(c);
    add(c, value);
}

void cell_table::round_converted(std::int32_t exponent) {
    for (std::uint32_t c = 0; c < cells_.size(); ++c) {  // converted totals are never dense
        tally& x = cells_[c].t;
        if ((x.flags & is_converted) == 0) continue;
        // The usual total, in the sum alone with more digits than wanted: rounded in integers.
        if ((x.flags & (has_sum | has_rest)) == has_sum && x.exponent < exponent &&
            std::int64_t{exponent} - x.exponent <= 38) {
            const int128 sum = x.sum;
            x.sum = drop_digits_half_even(sum, exponent - x.exponent);
            x.exponent = exponent;
            continue;
        }
        set(c, total(c).quantize(exponent, rounding::half_even));
    }
}

namespace {

// The memory an array of `bytes` may hold resident: a block mapped as huge pages is counted to
// its last 2 MiB page, which the first write into it brings in whole.
std::size_t resident(std::size_t bytes) {
    return bytes < huge_block_from ? bytes : huge_rounded(bytes);
}

}  // namespace

std::size_t cell_table::bytes_to_order() const {
    // The entries (whole huge pages from 1 MiB), the array a pass of counting writes and the
    // counts while the groups are few enough for it, and the list made from the entries: more
    // than the peak, where the second array is gone before the list is made.
    const std::size_t n = groups_.size();
    const std::size_t entries = resident(n * sizeof(order_entry));
    const std::size_t counting =
        n <= most_counted_groups ? entries + most_counting_passes * 256 * sizeof(std::uint32_t) : 0;
    return entries + counting + n * sizeof(std::uint32_t);
}

std::size_t cell_table::bytes() const {
    return resident(slots_.capacity() * sizeof(slot)) + resident(cells_.capacity() * sizeof(cell)) +
           resident(groups_.capacity() * sizeof(group_entry)) +
           resident(arena_.capacity() + 1) +  // a string allocates room for its terminator too
           resident(dense_.capacity() * sizeof(tally)) + rest_.size() * (sizeof(decimal) + 32) +
           made_of_.capacity() * sizeof(made_of_[0]);
}

std::size_t cell_table::bytes_while_growing() const {
    const auto next = [](std::size_t size, std::size_t capacity, std::size_t each) {
        return size < capacity ? 0 : resident(std::max<std::size_t>(capacity, 1) * 2 * each);  // the new array
    };
    std::size_t extra = next(cells_.size(), cells_.capacity(), sizeof(cell)) +
                        next(groups_.size(), groups_.capacity(), sizeof(group_entry)) +
                        next(arena_.size() + 64, arena_.capacity(), 1) +
                        next(dense_.size() + width_, dense_.capacity(), sizeof(tally));
    if (full_with(2)) extra += resident(slots_.size() * 2 * sizeof(slot));
    // Laying the totals out anew, at the next total made, when reconsider may: the new arrays
    // beside the old, the dense one as wide as the currencies a quarter of the groups hold
    // allow (and with room for as many groups again), the cells that stay cells at most all
    // of them, the index, the list of groups.
    // (Asked on every total made: the currencies counted only at a check.)
    const bool at_a_check = made_ + 1 >= next_check_ && made_ + 1 <= most_made_to_lay_out &&
                            (beyond_caches() || full_with(2));
    const std::size_t held = at_a_check ? currencies_held_by_a_quarter() : 0;
    if (held > width_) {
        const std::size_t width = std::min<std::size_t>(most_dense, width_ + held);
        extra += resident(groups_.size() * width * 2 * sizeof(tally)) +
                 resident(cells_.size() * sizeof(cell)) + resident(slots_.size() * sizeof(slot)) +
                 groups_.size() * sizeof(std::uint32_t);
    }
    return bytes() + extra;
}

void cell_table::clear() {
    const std::uint64_t cleared = cleared_ + 1;
    *this = cell_table();
    cleared_ = cleared;
}

}  // namespace crossfoot::aggregation
