// engine/aggregate/tables.hpp: the look-up tables of aggregation (private to the library):
// group keys to group numbers, (short key, currency) to the cell a row is added to, and a
// memo of rates by currency and day. Open addressing over power-of-two tables, since a
// ledger has few groups and one look-up per row.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::aggregation {

struct key_equal {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i) {  // keys are short: no call to memcmp
            if (a[i] != b[i]) return false;
        }
        return true;
    }
};

struct transparent_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
        return std::hash<std::string_view>{}(s);
    }
};

// (group key of up to 8 bytes, currency code) to the cell's number, so that the usual row
// finds where it is added with one probe: open addressing as in group_index.
class cell_index {
public:
    static constexpr std::uint32_t absent = static_cast<std::uint32_t>(-1);

    // `word`: the key's bytes, the first in the lowest byte; `tag`: its size | code << 8.
    [[nodiscard]] std::uint32_t find(std::uint64_t word, std::uint32_t tag) const {
        for (std::size_t i = slot_of(word, tag); slots_[i].cell != absent; i = (i + 1) & mask()) {
            if (slots_[i].word == word && slots_[i].tag == tag) return slots_[i].cell;
        }
        return absent;
    }
    void insert(std::uint64_t word, std::uint32_t tag, std::uint32_t cell) {  // not present
        if ((count_ + 1) * 4 > slots_.size()) {
            std::vector<slot> old = std::move(slots_);
            slots_.assign(old.size() * 2, slot{});
            for (const slot& s : old) {
                if (s.cell != absent) place(s);
            }
        }
        place({word, tag, cell});
        ++count_;
    }

private:
    struct slot {
        std::uint64_t word = 0;
        std::uint32_t tag = 0;
        std::uint32_t cell = absent;
    };
    [[nodiscard]] std::size_t mask() const { return slots_.size() - 1; }
    [[nodiscard]] std::size_t slot_of(std::uint64_t word, std::uint32_t tag) const {
        const std::uint64_t h = (word ^ (std::uint64_t{tag} << 29)) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h ^ (h >> 32)) & mask();
    }
    void place(const slot& s) {
        std::size_t i = slot_of(s.word, s.tag);
        while (slots_[i].cell != absent) i = (i + 1) & mask();
        slots_[i] = s;
    }

    std::vector<slot> slots_ = std::vector<slot>(256);
    std::size_t count_ = 0;
};

// Group keys to group numbers: open addressing with linear probing over a power-of-two
// table. A ledger has few groups and a look-up per row, so this stays in cache and costs a
// few instructions, where a node-based map costs a division and a chase. A key of up to 8
// bytes (a region, a sector code) is held and compared as one integer.
class group_index {
public:
    static constexpr std::size_t absent_group = static_cast<std::size_t>(-1);

    [[nodiscard]] std::size_t find(std::string_view key) const {
        if (key.size() <= 8) return find_short(pack(key), key.size());
        const std::uint64_t h = long_hash(key);
        for (std::size_t i = slot_of(h); slots_[i].used(); i = (i + 1) & mask()) {
            if (slots_[i].word == h && key_equal{}(keys_[slots_[i].group], key)) return slots_[i].group;
        }
        return absent_group;
    }
    // A key of `size` <= 8 bytes, given as `word`: its bytes, the first in the lowest byte.
    [[nodiscard]] std::size_t find_short(std::uint64_t word, std::size_t size) const {
        for (std::size_t i = slot_of(mix(word, size)); slots_[i].used(); i = (i + 1) & mask()) {
            if (slots_[i].word == word && slots_[i].size == size) return slots_[i].group;
        }
        return absent_group;
    }
    void insert(std::string_view key, std::size_t group) {  // key not present
        if ((keys_.size() + 1) * 4 > slots_.size()) grow();  // sparse: a probe is one compare
        keys_.resize(std::max(keys_.size(), group + 1));
        keys_[group] = std::string(key);
        const auto size = static_cast<std::uint32_t>(std::min<std::size_t>(key.size(), long_key));
        place({key.size() <= 8 ? pack(key) : long_hash(key), size, static_cast<std::uint32_t>(group)});
    }

private:
    static constexpr std::uint32_t unused = static_cast<std::uint32_t>(-1);
    static constexpr std::uint32_t long_key = 9;  // the size recorded for any longer key
    struct slot {
        std::uint64_t word = 0;  // the key's bytes, or a hash of a longer key
        std::uint32_t size = unused;
        std::uint32_t group = 0;
        [[nodiscard]] bool used() const { return size != unused; }
    };
    static std::uint64_t pack(std::string_view key) {
        std::uint64_t word = 0;
        for (std::size_t i = 0; i < key.size(); ++i)
            word |= std::uint64_t{static_cast<unsigned char>(key[i])} << (8 * i);
        return word;
    }
    static std::uint64_t mix(std::uint64_t word, std::size_t size) {
        const std::uint64_t h = (word ^ size) * 0x9E3779B97F4A7C15ULL;
        return h ^ (h >> 32);
    }
    static std::uint64_t long_hash(std::string_view key) {  // FNV-1a
        std::uint64_t h = 14695981039346656037ULL;
        for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        return h ^ (h >> 29);
    }
    [[nodiscard]] std::size_t mask() const { return slots_.size() - 1; }
    [[nodiscard]] std::size_t slot_of(std::uint64_t h) const { return static_cast<std::size_t>(h) & mask(); }
    [[nodiscard]] std::uint64_t hash_of(const slot& s) const {
        return s.size == long_key ? s.word : mix(s.word, s.size);
    }
    void place(const slot& s) {
        std::size_t i = slot_of(hash_of(s));
        while (slots_[i].used()) i = (i + 1) & mask();
        slots_[i] = s;
    }
    void grow() {
        std::vector<slot> old = std::move(slots_);
        slots_.assign(old.size() * 2, slot{});
        for (const slot& s : old) {
            if (s.used()) place(s);
        }
    }

    std::vector<slot> slots_ = std::vector<slot>(256);
    std::vector<std::string> keys_;
};

// Rates already looked up, by the worker's number for the currency and the day_number of
// the date: a slot for each day of the years met so far, so that after the first rows
// every row's rate is one load from a table that stays in cache.
class rate_memo {
public:
    struct rate {
        std::int64_t coefficient = 0;
        std::int32_t exponent = 0;
        bool known = false;
    };

    // The slot for a currency on a day (0: the fixed date); nothing for a day more than
    // `kept_years` away from the others, which is then not kept.
    rate* slot(std::size_t currency, std::uint32_t day) {
        if (currency >= kept_.size()) kept_.resize(currency + 1);
        days& d = kept_[currency];
        if (day == 0) return &d.fixed;
        if (day - d.first < d.slots.size()) return &d.slots[day - d.first];  // wraps below first
        return widen(d, day);
    }

private:
    static constexpr std::uint32_t year = 12 * 32;  // day numbers in a year
    static constexpr std::uint32_t kept_years = 400;
    struct days {
        std::uint32_t first = 0;  // the day number of slots[0], at the start of a year
        std::vector<rate> slots;
        rate fixed;
    };
    static rate* widen(days& d, std::uint32_t day) {
        const std::uint32_t from = day / year * year;
        if (d.slots.empty()) {
            d.first = from;
            d.slots.resize(year);
            return &d.slots[day - from];
        }
        const std::uint32_t first = std::min(d.first, from);
        const std::uint32_t end = std::max(d.first + static_cast<std::uint32_t>(d.slots.size()), from + year);
        if (end - first > kept_years * year) return nullptr;
        std::vector<rate> wider(end - first);
        std::copy(d.slots.begin(), d.slots.end(), wider.begin() + (d.first - first));
        d.first = first;
        d.slots = std::move(wider);
        return &d.slots[day - first];
    }

    std::vector<days> kept_;
};

}  // namespace crossfoot::aggregation
