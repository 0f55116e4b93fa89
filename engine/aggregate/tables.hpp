// engine/aggregate/tables.hpp: the look-up tables of aggregation besides the totals
// (private to the library): transparent string keys, and a memo of rates by currency and
// day. The totals are in cell_table.hpp.
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
