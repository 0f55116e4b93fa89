// engine/aggregate.cpp: streaming exact aggregation of CSV ledgers, on one or more threads.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <fmt/format.h>

#include "row_scan.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <deque>
#include <fstream>
#include <istream>
#include <memory>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace crossfoot {

namespace {

// ---- records and fields -------------------------------------------------------------------

// One CSV record: its text (without the line end) and how many lines it spans.
struct record {
    std::string_view text;
    std::size_t lines = 1;
    bool ended = false;  // by a line feed outside quotes, not by the end of the text
};

// The record starting at `pos`; a quoted field may hold line breaks. `unquoted` says the
// text has no quote at all, which spares a scan of each line.
record next_record(std::string_view text, std::size_t& pos, bool unquoted = false) {
    const std::size_t start = pos;
    const char* base = text.data();
    const void* nl = std::memchr(base + pos, '\n', text.size() - pos);
    std::size_t end = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - base)
                                    : text.size();
    record r;
    if (!unquoted && std::memchr(base + start, '"', end - start) != nullptr) {
        bool quoted = false;  // slow path: track quotes across line breaks
        bool may_open = true;  // at a field's start, or just after a closing quote ("")
        for (end = start; end < text.size(); ++end) {
            const char c = text[end];
            if (quoted) {
                if (c == '"') quoted = false;
                if (c == '\n') ++r.lines;
                may_open = c == '"';
                continue;
            }
            if (c == '\n') break;
            if (c == '"' && may_open) quoted = true;
            may_open = c == ',';
        }
    }
    r.ended = end < text.size();
    pos = r.ended ? end + 1 : end;
    std::size_t stop = end;
    if (stop > start && text[stop - 1] == '\r') --stop;
    r.text = text.substr(start, stop - start);
    return r;
}

// Splits a record into fields; quoted fields are unescaped into `scratch`.
class field_splitter {
public:
    // Returns false with the offset of a malformed quote.
    bool split(std::string_view line, std::size_t& error_offset) {
        fields_.clear();
        offsets_.clear();
        std::size_t at = 0;
        while (true) {
            offsets_.push_back(at);
            if (at < line.size() && line[at] == '"') {
                if (!quoted_field(line, at, error_offset)) return false;
            } else {
                // Fields are short: a byte loop beats a call to memchr for each of them.
                std::size_t end = at;
                while (end < line.size() && line[end] != ',') {
                    if (line[end] == '"') {
                        error_offset = end;
                        return false;
                    }
                    ++end;
                }
                fields_.push_back(line.substr(at, end - at));
                at = end;
            }
            if (at >= line.size()) return true;
            ++at;
        }
    }
    // For text known to hold no quote at all: fields are what lies between commas.
    void split_unquoted(std::string_view line) {
        fields_.clear();
        offsets_.clear();
        const char* const begin = line.data();
        const char* const end = begin + line.size();
        for (const char* p = begin;;) {
            const auto* comma = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
            const char* stop = comma != nullptr ? comma : end;
            offsets_.push_back(static_cast<std::size_t>(p - begin));
            fields_.emplace_back(p, static_cast<std::size_t>(stop - p));
            if (comma == nullptr) return;
            p = comma + 1;
        }
    }
    [[nodiscard]] const std::vector<std::string_view>& fields() const { return fields_; }
    [[nodiscard]] std::size_t offset(std::size_t field) const { return offsets_[field]; }

private:
    bool quoted_field(std::string_view line, std::size_t& at, std::size_t& error_offset) {
        if (scratch_.size() <= fields_.size()) scratch_.resize(fields_.size() + 1);
        std::string& out = scratch_[fields_.size()];
        out.clear();
        for (std::size_t i = at + 1; i < line.size(); ++i) {
            if (line[i] != '"') {
                out += line[i];
            } else if (i + 1 < line.size() && line[i + 1] == '"') {
                out += '"';
                ++i;
            } else if (i + 1 == line.size() || line[i + 1] == ',') {
                fields_.push_back(out);
                at = i + 1;
                return true;
            } else {
                error_offset = i + 1;
                return false;
            }
        }
        error_offset = line.size();
        return false;
    }

    std::vector<std::string_view> fields_;
    std::vector<std::size_t> offsets_;
    std::deque<std::string> scratch_;  // stable per field index while a record is read
};

// ---- the columns --------------------------------------------------------------------------

constexpr std::size_t absent = static_cast<std::size_t>(-1);

struct columns {
    std::size_t width = 0;
    std::size_t amount = absent;
    std::size_t currency = absent;
    std::size_t date = absent;
    std::vector<std::size_t> group;
};

std::expected<columns, diagnostic> find_columns(std::string_view header_line,
                                                std::string_view file_name,
                                                const aggregate_options& o) {
    field_splitter split;
    std::size_t bad = 0;
    const auto fail = [&](std::size_t offset, std::string message) {
        return std::unexpected(diagnostic{std::string(file_name), 1, column_of(header_line, offset),
                                          severity::error, std::move(message), "bad-header",
                                          std::string(header_line)});
    };
    if (!split.split(header_line, bad)) return fail(bad, "expected ',' or the end after a quoted name");
    const auto& names = split.fields();
    const auto index = [&](std::string_view name) -> std::size_t {
        const auto it = std::find(names.begin(), names.end(), name);
        return it == names.end() ? absent : static_cast<std::size_t>(it - names.begin());
    };
    columns c;
    c.width = names.size();
    const auto need = [&](std::string_view name, std::size_t& slot) -> std::optional<diagnostic> {
        slot = index(name);
        if (slot != absent) return std::nullopt;
        return fail(header_line.size(), fmt::format("expected a column '{}' in the header", name)).error();
    };
    if (auto e = need(o.amount_column, c.amount)) return std::unexpected(*e);
    if (!o.default_currency) {
        if (auto e = need(o.currency_column, c.currency)) return std::unexpected(*e);
    }
    if (o.target && !o.fixed_date) {
        if (auto e = need(o.date_column, c.date)) return std::unexpected(*e);
    }
    for (const std::string& g : o.group_by) {
        std::size_t slot = absent;
        if (auto e = need(g, slot)) return std::unexpected(*e);
        c.group.push_back(slot);
    }
    return c;
}

// ---- amounts ------------------------------------------------------------------------------

// An amount written `[-]digits[.digits]` with at most 18 digits: coefficient and exponent.
struct plain_amount {
    std::int64_t coefficient = 0;
    std::int32_t exponent = 0;
};

// Eight bytes from `p`, the first in the lowest byte.
std::uint64_t load8(const char* p) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    if constexpr (std::endian::native == std::endian::big) word = std::byteswap(word);
    return word;
}

// Reads such an amount; nothing for any other text (which decimal::parse then reads, or
// refuses with the position of the fault).
std::optional<plain_amount> read_plain_amount(std::string_view text) {
    if (text.empty() || text.size() > 20) return std::nullopt;  // '-', 18 digits and '.' at most
    const char* p = text.data();
    const char* const end = p + text.size();
    const bool negative = *p == '-';
    if (negative) ++p;
    // A byte loop: amounts are short, and eight digits at a time measured no faster. At
    // most 19 digits can be read (the length was checked): no uint64 overflow.
    const auto digit = [](char c) { return static_cast<unsigned char>(c - '0') < 10; };
    std::uint64_t value = 0;
    const char* const first = p;
    for (; p != end && digit(*p); ++p) value = value * 10 + static_cast<unsigned char>(*p - '0');
    if (p == first) return std::nullopt;  // "", "-" and ".5" are refused by parse
    std::int32_t fraction = 0;
    if (p != end) {
        if (*p != '.') return std::nullopt;
        const char* const point = ++p;
        for (; p != end && digit(*p); ++p) value = value * 10 + static_cast<unsigned char>(*p - '0');
        if (p != end || p == point) return std::nullopt;  // "5." is refused by parse
        fraction = static_cast<std::int32_t>(p - point);
    }
    if (p - first - (fraction != 0 ? 1 : 0) > 18) return std::nullopt;
    const auto magnitude = static_cast<std::int64_t>(value);
    return plain_amount{negative ? -magnitude : magnitude, -fraction};
}

std::expected<decimal, parse_error> parse_amount_field(std::string_view text) {
    if (const auto plain = read_plain_amount(text))
        return decimal::scaled(plain->coefficient, plain->exponent);
    return decimal::parse(text);
}

// "YYYY-MM-DD" as (year × 12 + month - 1) × 32 + day: consecutive numbers within a month,
// and a few unused ones between months. 0 for text of any other shape, or a month or day
// out of range (whether the date exists is for parse_date to say).
std::uint32_t day_number(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return 0;
    const auto digits = [&](std::size_t at, std::size_t n) {
        std::uint32_t v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            const auto d = static_cast<std::uint32_t>(static_cast<unsigned char>(text[i]) - '0');
            if (d > 9) return ~0U;
            v = v * 10 + d;
        }
        return v;
    };
    const std::uint32_t year = digits(0, 4);
    const std::uint32_t month = digits(5, 2);
    const std::uint32_t day = digits(8, 2);
    if (year == ~0U || month - 1 >= 12 || day - 1 >= 31) return 0;  // ~0U fails the others too
    return (year * 12 + month - 1) * 32 + day;
}

// A three-letter code packed into an integer, for comparing codes in one instruction.
std::uint32_t pack_code(std::string_view code) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(code[0])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
           static_cast<std::uint32_t>(static_cast<unsigned char>(code[2])) << 16;
}

// ---- exact running totals -----------------------------------------------------------------

using detail::int128;

// 10^n for n in [0, 38].
int128 power_of_ten(std::int32_t n) {
    static constexpr auto powers = [] {
        std::array<int128, 39> p{};
        p[0] = 1;
        for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
        return p;
    }();
    return powers[static_cast<std::size_t>(n)];
}

// coefficient × 10^exponent as a decimal.
decimal make_decimal(int128 coefficient, std::int32_t exponent) {
    return decimal(coefficient) * decimal::scaled(1, exponent);
}

// An exact sum: an int128 of coefficients at one exponent, for the values that share it
// (in a ledger, every amount of a currency is written with the same number of decimals),
// and a decimal for the rest. The int128 is moved into the decimal before it could overflow.
class running_sum {
public:
    void add(std::int64_t coefficient, std::int32_t exponent) { add_wide(coefficient, exponent); }
    void add_wide(int128 coefficient, std::int32_t exponent) {
        if (exponent != exponent_) {
            if (terms_ != 0) {
                rest_ += make_decimal(coefficient, exponent);
                has_rest_ = true;
                return;
            }
            exponent_ = exponent;
        }
        int128 next = 0;
        if (__builtin_add_overflow(sum_, coefficient, &next)) {
            rest_ += make_decimal(sum_, exponent_);
            has_rest_ = true;
            next = coefficient;
        }
        sum_ = next;
        ++terms_;
    }
    void add(const decimal& value) {
        rest_ += value;
        has_rest_ = true;
    }
    [[nodiscard]] bool empty() const { return terms_ == 0 && !has_rest_; }
    [[nodiscard]] decimal value() const {
        if (terms_ == 0) return rest_;
        const decimal fast = make_decimal(sum_, exponent_);
        return has_rest_ ? fast + rest_ : fast;
    }

private:
    int128 sum_ = 0;
    std::int32_t exponent_ = 0;
    std::uint64_t terms_ = 0;
    decimal rest_;
    bool has_rest_ = false;
};

// value × 10^-drop, rounded half-even; drop in [1, 38].
int128 drop_digits_half_even(int128 value, std::int32_t drop) {
    using uint128 = detail::uint128;
    const bool negative = value < 0;
    const uint128 magnitude = negative ? uint128{0} - static_cast<uint128>(value) : static_cast<uint128>(value);
    const uint128 divisor = static_cast<uint128>(power_of_ten(drop));
    uint128 quotient = 0;
    uint128 remainder = 0;
    if ((magnitude >> 64) == 0 && (divisor >> 64) == 0) {  // one machine division
        const auto m = static_cast<std::uint64_t>(magnitude);
        const auto d = static_cast<std::uint64_t>(divisor);
        quotient = m / d;
        remainder = m % d;
    } else {
        quotient = magnitude / divisor;
        remainder = magnitude - quotient * divisor;
    }
    const uint128 twice = remainder * 2;  // remainder < divisor <= 10^38: no overflow
    if (twice > divisor || (twice == divisor && (quotient & 1U) != 0)) ++quotient;
    const auto q = static_cast<int128>(quotient);
    return negative ? -q : q;
}

// ---- one worker ---------------------------------------------------------------------------

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

// A currency a worker has met, with its code packed for comparing in one instruction.
struct known_currency {
    std::uint32_t code;
    crossfoot::unit unit;
};

// One currency's rows within a group.
struct cell {
    running_sum total;
    std::uint64_t rows = 0;  // 0: not a row yet (none is counted until it is good)
    std::uint32_t group = 0;
    std::uint32_t currency = 0;  // the worker's number for it
};

struct running_group {
    std::vector<std::string> key;
    std::vector<std::uint32_t> cells;  // by currency number: the cell's number + 1, or 0
    running_sum converted;
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

// A bad row, found by a worker: the line is relative to the worker's first line.
struct bad_row {
    std::size_t line;  // within its piece
    std::size_t column;
    std::string message;
    std::string code;
    std::string text;
    std::size_t piece = 0;  // of the body, in order
};

// The most columns a row may have for the fast path; wider ledgers take the general one.
constexpr std::size_t fast_columns = 64;

// What one thread adds up. A worker reads pieces of a body, in any order, and keeps for the
// whole input what it has looked up (currencies, rates); its totals go into a partial after
// each body. Aligned to a cache line: workers sit side by side in a vector, and each writes
// its counters on every row, which must not evict a neighbour's.
class alignas(64) worker {
public:
    worker(const aggregate_options& o, const columns& c, const rate_table* rates, bool keep_going)
        : options_(o), columns_(c), rates_(rates), keep_going_(keep_going) {
        if (o.target) target_minor_units_ = o.target->minor_units().value_or(0);
        if (o.default_currency) currencies_.push_back({pack_code(o.default_currency->code()), *o.default_currency});
    }

    // Reads every line of piece number `piece`, `text`, taken to hold no quote, and returns
    // how many lines it held; stops at the first bad row unless keeping going. Nothing when
    // the text turns out to hold a quote after all: what was read is then of no use.
    // `readable` (at or after the end of `text`) is how far bytes may be read ahead.
    std::optional<std::size_t> run_unquoted(std::string_view text, const char* readable, std::size_t piece) {
        readable_ = readable;
        piece_ = piece;
        line_ = 0;
        const bool fast = columns_.width <= fast_columns;
        std::size_t lines = 0;
        const auto end = scan::for_each_row<fast_columns>(text, lines, [&](const scan::row& r) {
            ++line_;
            if (r.end == r.start[0]) return true;  // an empty line
            ++rows_read_;
            if (fast && r.count == columns_.width && fast_row(r)) return true;
            return row(r.text(), line_, true) || keep_going_;
        });
        if (end == scan::scan_end::quote) return std::nullopt;
        return lines;
    }

    // Reads every record of `text` as RFC 4180 with quotes and returns how many lines it
    // held; stops at the first bad one unless keeping going.
    std::size_t run_quoted(std::string_view text) {
        piece_ = 0;
        std::size_t pos = 0;
        std::size_t line = 0;
        while (pos < text.size()) {
            const record r = next_record(text, pos, false);
            ++line;
            const std::size_t first = line;
            line += r.lines - 1;
            if (r.text.empty()) continue;
            ++rows_read_;
            if (!row(r.text, first, false) && !keep_going_) break;
        }
        return line;
    }

    // True once a bad row has stopped this worker.
    [[nodiscard]] bool stopped() const { return !keep_going_ && !bad_.empty(); }
    [[nodiscard]] std::uint64_t rows_read() const { return rows_read_; }
    [[nodiscard]] const std::vector<bad_row>& bad() const { return bad_; }

    // Adds the totals into `p` and starts afresh, keeping what was looked up.
    void take(partial_aggregate& p) {
        into(p);
        discard();
    }
    // Forgets the totals, the bad rows and the count of rows read.
    void discard() {
        groups_.clear();
        index_ = group_index();
        cells_.clear();
        cells_by_key_ = cell_index();
        bad_.clear();
        rows_read_ = 0;
    }

private:
    void into(partial_aggregate& p) const {
        for (const cell& c : cells_) {
            if (c.rows == 0) continue;
            group_totals& t = p.groups[groups_[c.group].key];
            t.totals[currencies_[c.currency].unit] += c.total.value();
            t.rows[currencies_[c.currency].unit] += c.rows;
        }
        for (const running_group& g : groups_) {
            if (g.converted.empty()) continue;
            group_totals& t = p.groups[g.key];
            t.converted = t.converted.value_or(decimal()) + g.converted.value();
        }
    }

    // A row whose amount, currency, date and rate are all of the usual kind, added up in
    // integers; false, having added nothing, for any other row (its cell may have been made:
    // a cell without rows is not reported).
    bool fast_row(const scan::row& r) {
        const auto amount = read_plain_amount(r.field(columns_.amount));
        if (!amount) return false;
        const std::uint32_t found = cell_of(r);
        if (found == cell_index::absent) return false;
        cell& t = cells_[found];
        int128 converted = 0;
        if (options_.target) {
            const auto c = convert_fast(r, t.currency, *amount);
            if (!c) return false;
            converted = *c;
        }
        t.total.add(amount->coefficient, amount->exponent);
        ++t.rows;
        if (options_.target) {
            running_group& g = groups_[t.group];
            if (options_.rounding == convert_rounding::row) {
                g.converted.add_wide(converted, -target_minor_units_);
            } else {
                g.converted.add_wide(converted, amount->exponent + last_rate_exponent_);
            }
        }
        return true;
    }

    // The row's amount in the target currency as an integer: rounded to the target's minor
    // units, or the exact product (its exponent left in last_rate_exponent_ + the amount's).
    std::optional<int128> convert_fast(const scan::row& r, std::size_t currency, plain_amount amount) {
        std::uint32_t day = 0;
        if (!options_.fixed_date) {
            day = day_number(r.field(columns_.date));
            if (day == 0) return std::nullopt;
        }
        rate_memo::rate* const found = rate_memo_.slot(currency, day);
        if (found == nullptr) return std::nullopt;
        if (!found->known) {
            const auto looked_up = lookup_rate(currencies_[currency].unit,
                                               options_.fixed_date ? std::string_view() : r.field(columns_.date));
            if (!looked_up || looked_up->digits() > 18) return std::nullopt;  // the general path says why
            *found = {static_cast<std::int64_t>(std::stoll(looked_up->coefficient_string())), looked_up->exponent(), true};
        }
        const int128 product = int128{amount.coefficient} * found->coefficient;  // < 10^36
        last_rate_exponent_ = found->exponent;
        if (options_.rounding == convert_rounding::total) return product;
        const std::int32_t exponent = amount.exponent + found->exponent;
        const std::int32_t target = -target_minor_units_;
        if (exponent == target) return product;
        if (exponent > target) {  // more digits than the product has: exact
            if (exponent - target > 2) return std::nullopt;  // the general path: no overflow
            return product * power_of_ten(exponent - target);
        }
        if (target - exponent > 38) return std::nullopt;
        return drop_digits_half_even(product, target - exponent);
    }

    // The rate for a currency and a date as written (or the fixed date), from the table;
    // nothing when the date or the rate is missing.
    std::optional<decimal> lookup_rate(unit u, std::string_view date_text) {
        date on{};
        if (options_.fixed_date) {
            on = *options_.fixed_date;
        } else {
            const auto d = parse_date(date_text);
            if (!d) return std::nullopt;
            on = *d;
        }
        auto found = rates_->find(u, *options_.target, on, options_.policy);
        if (!found) return std::nullopt;
        return found->value;
    }

    bool reject(std::string_view line, std::size_t line_number, std::size_t offset,
                std::string message, std::string code) {
        bad_.push_back({line_number, column_of(line, offset), std::move(message), std::move(code),
                        std::string(line), piece_});
        return false;
    }

    // The group's key as one string: the field itself for one column; otherwise each field
    // preceded by its length, so that no two different keys can read the same.
    template <class Field>
    std::string_view key_of(const Field& field) {
        if (columns_.group.size() == 1) return field(columns_.group[0]);
        key_.clear();
        for (const std::size_t c : columns_.group) {
            const std::string_view f = field(c);
            const auto n = static_cast<std::uint32_t>(f.size());
            key_.append(reinterpret_cast<const char*>(&n), sizeof n);
            key_ += f;
        }
        return key_;
    }

    // The number of the cell for the row's group and currency, made on first use; absent
    // for a currency not met before (the general path checks it). A short key of one column
    // and the code are looked up as integers where they can be.
    std::uint32_t cell_of(const scan::row& r) {
        std::uint32_t code = 0;
        if (columns_.currency != absent) {
            const std::string_view text = r.field(columns_.currency);
            if (text.size() != 3) return cell_index::absent;
            code = pack_code(text);
        } else {
            code = currencies_[0].code;  // the default currency
        }
        std::uint64_t word = 0;
        std::uint32_t tag = 0;
        const bool short_key = columns_.group.size() == 1 && [&] {
            const std::string_view key = r.field(columns_.group[0]);
            if (key.size() > 8 || readable_ - key.data() < 8) return false;
            const std::size_t n = key.size();
            word = load8(key.data()) & (n == 8 ? ~0ULL : (std::uint64_t{1} << (8 * n)) - 1);
            tag = static_cast<std::uint32_t>(n) | code << 8;
            return true;
        }();
        if (short_key) {
            if (const std::uint32_t found = cells_by_key_.find(word, tag); found != cell_index::absent)
                return found;
        }
        std::size_t currency = 0;
        while (currency < currencies_.size() && currencies_[currency].code != code) ++currency;
        if (currency == currencies_.size()) return cell_index::absent;
        const std::uint32_t made = cell_for(group_of([&](std::size_t i) { return r.field(i); }), currency);
        if (short_key) cells_by_key_.insert(word, tag, made);
        return made;
    }

    // The number of the cell for a group (by number) and a currency, made on first use.
    std::uint32_t cell_for(std::size_t group, std::size_t currency) {
        std::vector<std::uint32_t>& cells = groups_[group].cells;
        if (currency >= cells.size()) cells.resize(currency + 1, 0);
        if (cells[currency] == 0) {
            cells_.push_back({{}, 0, static_cast<std::uint32_t>(group), static_cast<std::uint32_t>(currency)});
            cells[currency] = static_cast<std::uint32_t>(cells_.size());
        }
        return cells[currency] - 1;
    }

    // The number of the row's group, made on first use.
    template <class Field>
    std::size_t group_of(const Field& field) {
        const std::string_view key = key_of(field);
        if (const std::size_t found = index_.find(key); found != group_index::absent_group) return found;
        running_group g;
        for (const std::size_t c : columns_.group) g.key.emplace_back(field(c));
        index_.insert(key, groups_.size());
        groups_.push_back(std::move(g));
        return groups_.size() - 1;
    }

    // The worker's number for a currency code, checked against ISO 4217 the first time.
    std::optional<std::size_t> currency_of(std::string_view code) {
        if (code.size() != 3) return std::nullopt;
        const std::uint32_t packed = pack_code(code);
        for (std::size_t i = 0; i < currencies_.size(); ++i) {
            if (currencies_[i].code == packed) return i;
        }
        const auto u = unit::currency(code);
        if (!u) return std::nullopt;
        currencies_.push_back({packed, *u});
        return currencies_.size() - 1;
    }

    // The rate from `u` to the target for a row's date as written, from a per-worker cache
    // keyed by the currency and the date's text: a ledger has few of each, so the date is
    // parsed and the table searched once per pair, not once per row.
    std::expected<decimal, bad_row> rate_for(unit u, std::string_view date_text,
                                              std::string_view line, std::size_t number) {
        char key[32];
        const std::size_t n = std::min(date_text.size(), sizeof key - 3);
        std::memcpy(key, u.code().data(), 3);
        if (n > 0) std::memcpy(key + 3, date_text.data(), n);  // a fixed date has no text
        const std::string_view k(key, n + 3);
        if (const auto it = rate_cache_.find(k); it != rate_cache_.end()) return it->second;
        date on{};
        if (options_.fixed_date) {
            on = *options_.fixed_date;
        } else {
            auto d = parse_date(date_text);
            if (!d)
                return std::unexpected(bad_row{number, column_of(line, splitter_.offset(columns_.date) + d.error().offset),
                                               "date: " + d.error().message(), "bad-date", {}});
            on = *d;
        }
        auto found = rates_->find(u, *options_.target, on, options_.policy);
        if (!found)
            return std::unexpected(bad_row{number, column_of(line, splitter_.offset(options_.fixed_date ? 0 : columns_.date)),
                                           found.error().message, "no-rate", {}});
        rate_cache_.emplace(std::string(k), found->value);
        return found->value;
    }

    // The row's amount in the target currency, rounded per row when asked; nothing on error.
    std::optional<decimal> convert(std::string_view line, std::size_t number,
                                   const std::vector<std::string_view>& f, unit u,
                                   const decimal& value) {
        const std::string_view date_text = options_.fixed_date ? std::string_view() : f[columns_.date];
        auto rate = rate_for(u, date_text, line, number);
        if (!rate) {
            bad_row b = std::move(rate.error());
            b.text = std::string(line);
            b.piece = piece_;
            bad_.push_back(std::move(b));
            return std::nullopt;
        }
        decimal converted = value * *rate;
        if (options_.rounding == convert_rounding::row)
            converted = converted.quantize(-target_minor_units_, rounding::half_even);
        return converted;
    }

    // Any row: split, checked field by field, added up in decimals; false (with the reason
    // recorded) for a bad one.
    bool row(std::string_view line, std::size_t number, bool unquoted) {
        std::size_t bad_quote = 0;
        if (unquoted) {
            splitter_.split_unquoted(line);
        } else if (!splitter_.split(line, bad_quote)) {
            return reject(line, number, bad_quote,
                          "expected ',' or the end of the line after a quoted field", "bad-row");
        }
        const auto& f = splitter_.fields();
        if (f.size() != columns_.width)
            return reject(line, number, line.size(),
                          fmt::format("expected {} fields as in the header, found {}", columns_.width,
                                      f.size()),
                          "bad-row");
        auto value = parse_amount_field(f[columns_.amount]);
        if (!value)
            return reject(line, number, splitter_.offset(columns_.amount) + value.error().offset,
                          "amount: " + value.error().message(), "bad-amount");
        std::optional<std::size_t> currency = 0;  // the default currency, when there is no column
        if (columns_.currency != absent) {
            currency = currency_of(f[columns_.currency]);
            if (!currency)
                return reject(line, number, splitter_.offset(columns_.currency),
                              fmt::format("expected an ISO 4217 currency code, found '{}'",
                                          f[columns_.currency]),
                              "unknown-currency");
        }
        std::optional<decimal> converted;
        if (options_.target) {
            converted = convert(line, number, f, currencies_[*currency].unit, *value);
            if (!converted) return false;
        }
        const std::size_t group = group_of([&](std::size_t i) { return f[i]; });  // a good row only
        cell& t = cells_[cell_for(group, *currency)];
        t.total.add(*value);
        ++t.rows;
        if (converted) groups_[group].converted.add(*converted);
        return true;
    }

    const aggregate_options& options_;
    const columns& columns_;
    const rate_table* rates_;
    bool keep_going_;
    field_splitter splitter_;
    std::string key_;
    group_index index_;
    std::vector<running_group> groups_;
    std::vector<cell> cells_;
    cell_index cells_by_key_;
    std::vector<known_currency> currencies_;  // numbered as met; the default one first
    std::unordered_map<std::string, decimal, transparent_hash, key_equal> rate_cache_;
    rate_memo rate_memo_;
    std::int32_t last_rate_exponent_ = 0;
    std::int32_t target_minor_units_ = 0;
    std::vector<bad_row> bad_;
    std::uint64_t rows_read_ = 0;
    std::size_t piece_ = 0;
    std::size_t line_ = 0;  // within the piece
    const char* readable_ = nullptr;
};

// Splits `body` into about `n` pieces at line starts.
std::vector<std::string_view> pieces(std::string_view body, unsigned n) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (unsigned i = 1; i <= n && start < body.size(); ++i) {
        std::size_t end = i == n ? body.size() : std::max(start, body.size() * i / n);
        if (end < body.size()) {
            const void* nl = std::memchr(body.data() + end, '\n', body.size() - end);
            end = nl != nullptr
                      ? static_cast<std::size_t>(static_cast<const char*>(nl) - body.data()) + 1
                      : body.size();
        }
        out.push_back(body.substr(start, end - start));
        start = end;
    }
    return out;
}


}  // namespace

namespace {

diagnostic whole_file_error(std::string_view file_name, std::string message, std::string code) {
    return {std::string(file_name), 1, 1, severity::error, std::move(message), std::move(code), {}};
}

// A fresh partial takes the options' grouping, target and rounding.
void prepare(partial_aggregate& into, const aggregate_options& options) {
    if (!into.groups.empty() || into.rows_read != 0) return;
    into.group_by = options.group_by;
    into.target = options.target;
    into.rounding = options.rounding;
}

// What reading a body came to: how many lines it held, or that it holds a quote after all.
struct body_read {
    std::size_t lines = 0;
    bool holds_quote = false;
};

// One worker per thread, for a whole input.
std::vector<worker> make_workers(const aggregate_options& options, const columns& cols,
                                 const rate_table* rates, bool keep_going, unsigned threads) {
    std::vector<worker> workers;
    workers.reserve(std::max(1U, threads));
    for (unsigned i = 0; i < std::max(1U, threads); ++i) workers.emplace_back(options, cols, rates, keep_going);
    return workers;
}

// Pieces of at least this size, and a few per thread: a thread that is done early takes
// another piece instead of waiting for the slowest at the end of the body.
constexpr std::size_t smallest_piece = std::size_t{64} << 10;
constexpr unsigned pieces_per_thread = 8;

// Aggregates whole records of `body`, whose first line is `first_line` of the file; bytes
// up to `readable` may be read ahead. Text taken to hold no quote is cut into pieces at
// line starts, which the workers take in turn; when it does hold one (a quote may hide a
// line break inside a field), nothing is added and the caller reads it again as quoted
// text, on one thread.
std::expected<body_read, diagnostic> process_body(std::string_view body, const char* readable,
                                                  bool quoted, std::size_t first_line,
                                                  std::string_view file_name,
                                                  const aggregate_options& options,
                                                  std::vector<worker>& workers,
                                                  partial_aggregate& into,
                                                  const reject_sink& rejects) {
    std::vector<std::size_t> piece_lines;
    if (quoted) {
        piece_lines.push_back(workers[0].run_quoted(body));
    } else {
        const auto wanted = std::min<std::size_t>(workers.size() * pieces_per_thread,
                                                  body.size() / smallest_piece + 1);
        const auto parts = pieces(body, static_cast<unsigned>(workers.size() == 1 ? 1 : wanted));
        piece_lines.assign(parts.size(), 0);
        std::atomic<std::size_t> next{0};
        std::atomic<bool> holds_quote{false};
        const auto work = [&](worker& w) {
            while (!holds_quote.load(std::memory_order_relaxed) && !w.stopped()) {
                const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
                if (i >= parts.size()) return;
                const auto lines = w.run_unquoted(parts[i], readable, i);
                if (!lines) holds_quote = true;
                else piece_lines[i] = *lines;
            }
        };
        {
            std::vector<std::jthread> running;
            for (std::size_t t = 1; t < workers.size() && t < parts.size(); ++t)
                running.emplace_back([&, t] { work(workers[t]); });
            work(workers[0]);
        }  // joined
        if (holds_quote) {
            for (worker& w : workers) w.discard();
            return body_read{0, true};
        }
    }
    // Bad rows in the order of the file: by piece, then by line.
    std::vector<const bad_row*> bad;
    for (const worker& w : workers) {
        for (const bad_row& b : w.bad()) bad.push_back(&b);
    }
    std::ranges::stable_sort(bad, {}, [](const bad_row* b) { return std::pair(b->piece, b->line); });
    std::vector<std::size_t> piece_first(piece_lines.size() + 1, first_line);
    for (std::size_t i = 0; i < piece_lines.size(); ++i) piece_first[i + 1] = piece_first[i] + piece_lines[i];
    partial_aggregate result{options.group_by, options.target, options.rounding, {}, 0, 0};
    for (const bad_row* b : bad) {
        diagnostic d{std::string(file_name), piece_first[b->piece] + b->line - 1, b->column,
                     severity::error, b->message, b->code, b->text};
        if (!rejects) return std::unexpected(std::move(d));
        rejects(d);
        ++result.rows_rejected;
    }
    for (worker& w : workers) {
        result.rows_read += w.rows_read();
        w.take(result);
    }
    prepare(into, options);
    if (auto merged = into.merge(result); !merged)
        return std::unexpected(whole_file_error(file_name, merged.error(), "bad-merge"));
    return body_read{piece_first.back() - first_line, false};
}

std::expected<columns, diagnostic> read_header(std::string_view header_line,
                                               std::string_view file_name,
                                               const aggregate_options& options,
                                               const rate_table* rates) {
    if (options.target && rates == nullptr)
        return std::unexpected(whole_file_error(file_name, "converting needs a rate table", "no-rate"));
    return find_columns(header_line, file_name, options);
}

// The end of the last whole record in `block` (which starts at a record's start): after its
// last line break outside quotes; 0 when there is none.
std::size_t last_record_end(std::string_view block) {
    if (std::memchr(block.data(), '"', block.size()) == nullptr) {
        const std::size_t nl = block.rfind('\n');
        return nl == std::string_view::npos ? 0 : nl + 1;
    }
    bool quoted = false;
    bool may_open = true;
    std::size_t end = 0;
    for (std::size_t i = 0; i < block.size(); ++i) {
        const char c = block[i];
        if (quoted) {
            if (c == '"') quoted = false;
            may_open = c == '"';
            continue;
        }
        if (c == '\n') end = i + 1;
        if (c == '"' && may_open) quoted = true;
        may_open = c == ',' || c == '\n';
    }
    return end;
}

}  // namespace

namespace {

// The header at the start of `text` (after a byte-order mark): the columns, and where the
// body starts and on which line.
struct header_read {
    columns cols;
    std::size_t body = 0;  // offset in text
    std::size_t first_line = 2;
};

// Whether the header at the start of `text` ends inside it: if not, and more text may
// follow, it must be read with more text.
bool header_is_whole(std::string_view text) {
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    return next_record(text, pos).ended;
}

std::expected<header_read, diagnostic> read_header_at(std::string_view text, std::string_view file_name,
                                                      const aggregate_options& options,
                                                      const rate_table* rates) {
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (pos == text.size())
        return std::unexpected(whole_file_error(file_name, "expected a header line", "bad-header"));
    const record header = next_record(text, pos);
    auto cols = read_header(header.text, file_name, options, rates);
    if (!cols) return std::unexpected(cols.error());
    return header_read{std::move(*cols), pos, header.lines + 1};
}

}  // namespace

std::expected<void, diagnostic> aggregate_csv(std::string_view text, std::string_view file_name,
                                              const aggregate_options& options,
                                              const rate_table* rates, partial_aggregate& into,
                                              const reject_sink& rejects, unsigned threads) {
    const auto header = read_header_at(text, file_name, options, rates);
    if (!header) return std::unexpected(header.error());
    const std::string_view body = text.substr(header->body);
    const char* const readable = body.data() + body.size();
    auto workers = make_workers(options, header->cols, rates, static_cast<bool>(rejects), threads);
    for (const bool quoted : {false, true}) {
        auto done = process_body(body, readable, quoted, header->first_line, file_name, options,
                                 workers, into, rejects);
        if (!done) return std::unexpected(done.error());
        if (!done->holds_quote) break;
    }
    return {};
}

namespace {

// The input, a block at a time, read on a thread of its own while the block before is
// aggregated. Each block is handed over after the unfinished record of the one before.
class block_reader {
public:
    block_reader(std::istream& input, std::size_t block_bytes)
        : input_(input), block_(block_bytes), headroom_(std::max<std::size_t>(block_bytes / 16, 4096)) {
        for (buffer& b : buffers_) b.bytes = std::make_unique_for_overwrite<char[]>(headroom_ + block_);
        fill(buffers_[0]);
    }
    block_reader(const block_reader&) = delete;
    block_reader& operator=(const block_reader&) = delete;
    ~block_reader() = default;  // the jthread joins

    // The next block after `carried` (which may be empty), and whether it is the last. The
    // view stays valid until the next call.
    std::pair<std::string_view, bool> next(std::string_view carried) {
        if (ahead_.joinable()) ahead_.join();
        buffer& b = buffers_[current_];
        const bool last = b.got < block_;
        std::string_view text;
        if (carried.size() <= headroom_) {
            char* const data = b.bytes.get() + headroom_;
            std::memmove(data - carried.size(), carried.data(), carried.size());
            text = {data - carried.size(), carried.size() + b.got};
        } else {  // a record longer than the headroom: joined in a string of its own
            joined_.assign(carried);
            joined_.append(b.bytes.get() + headroom_, b.got);
            text = joined_;
        }
        current_ ^= 1;
        if (!last) ahead_ = std::jthread([this] { fill(buffers_[current_]); });
        return {text, last};
    }

private:
    struct buffer {
        std::unique_ptr<char[]> bytes;  // headroom, then the block
        std::size_t got = 0;
    };
    void fill(buffer& b) {
        input_.read(b.bytes.get() + headroom_, static_cast<std::streamsize>(block_));
        b.got = static_cast<std::size_t>(input_.gcount());
    }

    std::istream& input_;
    std::size_t block_;
    std::size_t headroom_;
    std::array<buffer, 2> buffers_;
    std::size_t current_ = 0;
    std::string joined_;
    std::jthread ahead_;
};

}  // namespace

std::expected<void, diagnostic> aggregate_stream(std::istream& input, std::string_view file_name,
                                                 const aggregate_options& options,
                                                 const rate_table* rates, partial_aggregate& into,
                                                 const reject_sink& rejects, unsigned threads,
                                                 const progress_sink& progress,
                                                 std::size_t block_bytes) {
    block_reader reader(input, std::max<std::size_t>(block_bytes, 1));
    std::optional<header_read> header;
    std::vector<worker> workers;
    std::string carried;  // an unfinished record from the block before
    std::size_t next_line = 1;
    std::uint64_t done = 0;
    while (true) {
        auto [block, last] = reader.next(carried);
        if (!header) {  // the header is read with the first block that holds all of it
            if (!last && !header_is_whole(block)) {
                carried.assign(block);
                continue;
            }
            auto h = read_header_at(block, file_name, options, rates);
            if (!h) return std::unexpected(h.error());
            header = std::move(*h);
            workers = make_workers(options, header->cols, rates, static_cast<bool>(rejects), threads);
            prepare(into, options);
            block.remove_prefix(header->body);
            done = header->body;
            next_line = header->first_line;
        }
        const char* const readable = block.data() + block.size();
        // Taken to hold no quote, the block ends after its last line feed; if it holds one,
        // it ends after the last line feed outside quotes, and is read again.
        std::size_t end = block.size();
        if (!last) {
            const std::size_t line_feed = block.rfind('\n');
            end = line_feed == std::string_view::npos ? 0 : line_feed + 1;
        }
        auto lines = process_body(block.substr(0, end), readable, false, next_line, file_name,
                                  options, workers, into, rejects);
        if (lines && lines->holds_quote) {
            if (!last) end = last_record_end(block);
            lines = process_body(block.substr(0, end), readable, true, next_line, file_name,
                                 options, workers, into, rejects);
        }
        if (!lines) return std::unexpected(lines.error());
        next_line += lines->lines;
        done += end;
        if (progress) progress(done);
        if (last) return {};
        carried.assign(block.substr(end));
    }
}

namespace {

// A read-only memory map of part of a file, unmapped when it goes.
class mapping {
public:
    mapping(int fd, std::size_t offset, std::size_t length) : length_(length) {
        void* const at = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(offset));
        if (at == MAP_FAILED) return;
        data_ = static_cast<const char*>(at);
        ::madvise(at, length, MADV_SEQUENTIAL);
    }
    mapping(const mapping&) = delete;
    mapping& operator=(const mapping&) = delete;
    ~mapping() {
        if (data_ != nullptr) ::munmap(const_cast<char*>(data_), length_);
    }
    [[nodiscard]] const char* data() const { return data_; }

private:
    const char* data_ = nullptr;
    std::size_t length_;
};

// An open file descriptor, closed when it goes.
struct descriptor {
    int fd;
    explicit descriptor(const char* path) : fd(::open(path, O_RDONLY | O_CLOEXEC)) {}
    descriptor(const descriptor&) = delete;
    descriptor& operator=(const descriptor&) = delete;
    ~descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

std::expected<void, diagnostic> aggregate_file(const std::string& path, std::string_view file_name,
                                               const aggregate_options& options,
                                               const rate_table* rates, partial_aggregate& into,
                                               const reject_sink& rejects, unsigned threads,
                                               const progress_sink& progress,
                                               std::size_t window_bytes) {
    const auto cannot_open = [&] {
        return std::unexpected(whole_file_error(file_name, fmt::format("cannot open '{}' for reading", path), "no-file"));
    };
    // What the path is, before opening it: a pipe is opened once only, by the stream that
    // reads it (opening a pipe waits for a writer, which may have come and gone).
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return cannot_open();
    if (S_ISDIR(status.st_mode))
        return std::unexpected(whole_file_error(file_name, fmt::format("'{}' is a directory, not a file", path), "no-file"));
    const auto by_stream = [&]() -> std::expected<void, diagnostic> {
        std::ifstream input(path, std::ios::binary);
        if (!input) return cannot_open();
        return aggregate_stream(input, file_name, options, rates, into, rejects, threads, progress);
    };
    if (!S_ISREG(status.st_mode) || status.st_size == 0) return by_stream();  // a pipe, a device
    const descriptor file(path.c_str());
    if (file.fd < 0) return cannot_open();
    if (::fstat(file.fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size == 0)
        return by_stream();  // changed since: read it as it is now
    const auto size = static_cast<std::size_t>(status.st_size);
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::size_t window = std::max(window_bytes, page);
    std::optional<header_read> header;
    std::optional<std::vector<worker>> workers;
    std::size_t pos = 0;  // where the next record starts in the file
    std::size_t next_line = 1;
    while (pos < size) {
        const std::size_t from = pos / page * page;
        const std::size_t to = std::min(size, pos + window);
        const mapping map(file.fd, from, to - from);
        if (map.data() == nullptr) {
            if (pos == 0) return by_stream();
            return std::unexpected(whole_file_error(file_name, fmt::format("cannot map '{}' into memory", path), "no-file"));
        }
        std::string_view text(map.data() + (pos - from), to - pos);
        const bool last = to == size;
        if (!header) {  // the header must be whole in the first window
            if (!last && !header_is_whole(text)) {
                window *= 2;
                continue;
            }
            auto h = read_header_at(text, file_name, options, rates);
            if (!h) return std::unexpected(h.error());
            header = std::move(*h);
            workers = make_workers(options, header->cols, rates, static_cast<bool>(rejects), threads);
            prepare(into, options);
            text.remove_prefix(header->body);
            pos += header->body;
            next_line = header->first_line;
        }
        const char* const readable = text.data() + text.size();
        // As in aggregate_stream: up to the last line feed, or, if the text holds a quote,
        // the last one outside quotes; a window without a whole record is made larger.
        std::size_t end = text.size();
        if (!last) {
            const std::size_t line_feed = text.rfind('\n');
            end = line_feed == std::string_view::npos ? 0 : line_feed + 1;
        }
        auto lines = process_body(text.substr(0, end), readable, false, next_line, file_name,
                                  options, *workers, into, rejects);
        if (lines && lines->holds_quote) {
            if (!last) end = last_record_end(text);
            lines = process_body(text.substr(0, end), readable, true, next_line, file_name,
                                 options, *workers, into, rejects);
        }
        if (!lines) return std::unexpected(lines.error());
        if (end == 0 && !last) {
            window *= 2;
            continue;
        }
        next_line += lines->lines;
        pos += end;
        if (progress) progress(pos);
        if (last) break;
    }
    return {};
}

}  // namespace crossfoot
