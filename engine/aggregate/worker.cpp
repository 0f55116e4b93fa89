// engine/aggregate/worker.cpp: one thread's aggregation: the integer path for usual rows,
// the decimal path for the rest and for every error.
// SPDX-License-Identifier: MIT
#include "worker.hpp"

#include "cell_table.hpp"
#include "spill.hpp"
#include "tables.hpp"
#include "values.hpp"
#include "core/csv.hpp"
#include "core/utf8.hpp"
#include "row_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

namespace crossfoot::aggregation {

using csv::field_splitter;
using csv::next_record;
using csv::record;

namespace {

// Where field `k` (from 0) of a header line starts: commas inside quotes are no separators.
std::size_t field_offset(std::string_view line, std::size_t k) {
    bool quoted = false;
    std::size_t field = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (field == k) return i;
        if (line[i] == '"') quoted = !quoted;
        else if (line[i] == ',' && !quoted) ++field;
    }
    return line.size();
}

}  // namespace

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
    // Lines that end with a lone CR (old Mac text) read as one long header line: say so.
    if (const std::size_t cr = header_line.find('\r'); cr != std::string_view::npos)
        return fail(cr, "expected lines that end with LF or CRLF, found a lone carriage return (CR)");
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
        if (slot == absent)
            return fail(header_line.size(), fmt::format("expected a column '{}' in the header", name)).error();
        // A name given twice leaves it open which column is meant.
        const auto again = std::find(names.begin() + static_cast<std::ptrdiff_t>(slot) + 1, names.end(), name);
        if (again == names.end()) return std::nullopt;
        const auto second = static_cast<std::size_t>(again - names.begin());
        return fail(field_offset(header_line, second),
                    fmt::format("expected the column '{}' once in the header, found it as fields {} and {}", name,
                                slot + 1, second + 1))
            .error();
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
        // A key column named twice adds nothing to the key, and would name two of the
        // report's columns (two keys of a JSON object) alike.
        if (std::ranges::find(c.group, slot) != c.group.end())
            return fail(field_offset(header_line, slot),
                        fmt::format("expected each group column once, found '{}' twice", g));
        c.group.push_back(slot);
    }
    return c;
}

// A currency a worker has met, with its code packed for comparing in one instruction. (Not
// in the anonymous namespace: worker::state, which has external linkage, holds a vector of it.)
struct known_currency {
    std::uint32_t code;
    crossfoot::unit unit;
};

namespace {

// The most columns a row may have for the fast path; wider ledgers take the general one.
constexpr std::size_t fast_columns = 64;

}  // namespace

// Everything a worker holds. Aligned to a cache line, and so a multiple of one in size: each
// worker's state writes its counters on every row, which must not evict a neighbour's.
class alignas(64) worker::state {
public:
    state(const aggregate_options& o, const columns& c, const rate_table* rates, bool keep_going)
        : options_(o), columns_(c), rates_(rates), keep_going_(keep_going) {
        if (o.target) target_minor_units_ = o.target->minor_units().value_or(0);
        if (o.default_currency) currencies_.push_back({pack_code(o.default_currency->code()), *o.default_currency});
    }

    // Reads every line of piece number `piece`, `text`, which the caller found to hold no
    // quote, and returns how many lines it held; stops at the first bad row unless keeping
    // going. Nothing if it held a quote after all (a broken promise: the caller throws).
    // `readable` (at or after the end of `text`) is how far bytes may be read ahead.
    std::optional<std::size_t> run_unquoted(std::string_view text, const char* readable, std::size_t piece) {
        readable_ = readable;
        piece_ = piece;
        line_ = 0;
        queued_ = 0;
        const bool fast = columns_.width <= fast_columns;
        // Converting rows look up rates as well: they keep to one row at a time.
        const bool may_fetch_ahead = fast && !options_.target;
        std::size_t stopped_at = 0;  // the line a bad row stopped the piece at
        const char* rest = nullptr;  // where the table outgrew the caches: the row read next
        std::size_t lines = 0;
        // Two scans, each with its own loop: rows one at a time while the table fits the
        // caches, then the rest of the piece fetching ahead. Each loop keeps its row path
        // inlined without the other's (one loop with both cost the few-groups path 22
        // instructions a row, or the other a call a row: docs/benchmarks.md).
        auto end = scan::for_each_row<fast_columns>(text, lines, [&](const scan::row& r) {
            if (may_fetch_ahead && table_.beyond_caches()) {
                rest = r.start[0];
                return false;
            }
            ++line_;
            if (r.end == r.start[0]) return true;  // an empty line
            ++rows_read_;
            if (fast && fits_fast_path(r) && fast_row(r)) return true;
            return general_row(r.text(), line_, stopped_at);
        });
        if (rest != nullptr) {
            const std::size_t before = lines - 1;  // the row not read yet was counted
            const auto fetching_ahead = [&](const scan::row& r) {  // `fast`, as fetching ahead
                ++line_;
                if (r.end == r.start[0]) return true;  // an empty line
                return row_fetching_ahead(r, fits_fast_path(r), stopped_at);
            };
            const auto at = static_cast<std::size_t>(rest - text.data());
            const std::string_view after = text.substr(at);
            end = scan::for_each_row<fast_columns>(after, lines, fetching_ahead);
            lines += before;
            if (end == scan::scan_end::done && !retire_all(stopped_at)) return stopped_at;
        }
        if (end == scan::scan_end::quote) return std::nullopt;
        return end == scan::scan_end::stopped ? stopped_at : lines;
    }

    // Reads every record of `text` as RFC 4180 with quotes and returns how many lines it
    // held; stops at the first bad one unless keeping going.
    std::size_t run_quoted(std::string_view text, std::size_t piece) {
        piece_ = piece;
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

    // Adds the totals into `into` and starts afresh, keeping what was looked up.
    void take(group_table& into) {
        if (into.empty() && groups_.runs() == 0) into.swap_held(groups_);
        else into.keep_apart(groups_);  // large tables not merged, but visited side by side
        groups_.clear();
    }
    // Holds its groups within `budget` (none: no limit), writing the rest to `directory`.
    void share_memory(const std::shared_ptr<memory_budget>& budget, const std::string& directory) {
        groups_.share_memory(budget, directory);
    }
    // Forgets the bad rows and the count of rows read, for the next body.
    void next_body() {
        bad_.clear();
        rows_read_ = 0;
    }

private:
    // ---- Fetching ahead -----------------------------------------------------------------
    // Once the table has outgrown the caches, each row's look-up is a chain of misses (its
    // slots, its cell, its key), and one row's chain waits for the last row's. So the fast
    // path takes a row in two steps: `queue` reads its amount, currency and key and asks
    // the memory for its slots; `retire`, `lookahead` rows later, adds it as fast_row would,
    // to the cell its slots named a few rows before when that is still its cell, else after
    // a look-up. In between, as later rows come in, its cell and then its key are fetched.
    // Rows are retired in order, and a row the fast path cannot finish goes to the general
    // path then, in its turn: the same rows meet the table, and the same bad rows are found
    // at the same lines, as one row at a time (unit.aggregate_paths). What a row holds of the
    // table between the steps is safe across a spill, which empties it (unit.group_table):
    // the slot where its look-up starts is masked to the table's slots when used, and costs
    // a miss at worst; the cell is taken only if the table has not been emptied since. A
    // queue never outlives its piece (retire_all, or a stop, empties it), and the worker's
    // table is swapped with another only between bodies (take), so the count of times it
    // was emptied is compared within one table's life. Taking that cell instead of looking
    // the row up again, and hashing and walking the slots once, took the steps' own cost
    // (measured on a table in the first-level cache, fetching ahead forced) from 0.25 s to
    // 0.11 s over 10^7 rows on one thread (docs/benchmarks.md).
    static constexpr std::size_t lookahead = 16;  // docs/benchmarks.md: 8, 16 and 32 tried
    struct queued_row {
        std::array<const char*, fast_columns + 1> start{};
        std::size_t count = 0;
        const char* end = nullptr;
        std::size_t line = 0;
        plain_amount amount;
        std::uint32_t code = 0;
        cell_table::probe probe;
        std::size_t slot = 0;  // where its look-up starts, as the first step found it
        std::uint32_t likely = cell_table::absent;  // the cell its slots named at the second step
        std::uint64_t cleared = 0;  // the table's count of clears when `likely` was found
        std::string key;  // built, or empty for a key packed in the probe
        [[nodiscard]] scan::row row() const { return {start.data(), count, end}; }
    };
    // A row's field starts, kept for its retire: those of a row of at most eight fields (most
    // ledgers) copied as a block of that size, a few stores, where a copy of just its count
    // calls memmove. The scan's row has room for that many, used or not.
    static void copy_starts(const scan::row& r, queued_row& q) {
        constexpr std::size_t block = 8;
        static_assert(block <= fast_columns + 1, "the scan's row holds the block");
        if (r.count <= block) std::memcpy(q.start.data(), r.start, block * sizeof(const char*));
        else std::copy_n(r.start, r.count, q.start.begin());
        q.count = r.count;
    }

    // Whether a row of a ledger narrow enough for the fast path may take it: as many fields
    // as the header, within the size limit.
    [[gnu::always_inline]] bool fits_fast_path(const scan::row& r) const {
        return r.count == columns_.width &&
               static_cast<std::size_t>(r.end - r.start[0]) <= options_.max_record_bytes;
    }
    // A row read while fetching ahead: queued when usual, else after the rows queued before
    // it, down the general path. False when a bad row stops the piece.
    [[gnu::always_inline]] bool row_fetching_ahead(const scan::row& r, bool usual,
                                                   std::size_t& stopped_at) {
        if (!retire_oldest_if_full(stopped_at)) return false;
        if (usual && queue(r)) return true;
        if (!retire_all(stopped_at)) return false;
        ++rows_read_;
        return general_row(r.text(), line_, stopped_at);
    }
    // A row down the general path; false, with its line in `stopped_at`, when it is bad and
    // stops the piece.
    bool general_row(std::string_view text, std::size_t line, std::size_t& stopped_at) {
        if (row(text, line, true) || keep_going_) return true;
        stopped_at = line;
        return false;
    }

    // Queues a usual row, having fetched its slots; false (queueing nothing) for a row the
    // fast path does not take.
    [[gnu::always_inline]] bool queue(const scan::row& r) {
        const auto usual = usual_fields(r);
        if (!usual) return false;
        queued_row& q = queue_[(queue_first_ + queued_) % lookahead];
        copy_starts(r, q);
        q.end = r.end;
        q.line = line_;
        q.amount = usual->amount;
        q.code = usual->code;
        q.probe = probe_row(r, q.key);
        q.slot = table_.fetch_slots(q.probe, q.code);
        q.likely = cell_table::absent;
        ++queued_;
        if (queued_ > lookahead / 3) {
            queued_row& middle = queue_[(queue_first_ + queued_ - 1 - lookahead / 3) % lookahead];
            middle.likely = table_.fetch_cell(middle.probe, middle.code, middle.slot);
            middle.cleared = table_.cleared();
        }
        if (queued_ > 2 * lookahead / 3) {
            const queued_row& late = queue_[(queue_first_ + queued_ - 1 - 2 * lookahead / 3) % lookahead];
            table_.fetch_key(late.probe, late.likely);
        }
        return true;
    }
    // Looks up and adds the oldest queued row, or sends it down the general path; false
    // when a bad row stops the piece (its line in `stopped_at`).
    [[gnu::always_inline]] bool retire(std::size_t& stopped_at) {
        queued_row& q = queue_[queue_first_];
        queue_first_ = (queue_first_ + 1) % lookahead;
        --queued_;
        ++rows_read_;
        if (q.key.empty()) key_.clear();  // a packed key, held in the probe
        else std::swap(key_, q.key);
        probe_ = q.probe;
        // The cell the second step found, when it is the row's (most rows): no look-up.
        const std::uint32_t found =
            table_.is_cell_of(q.likely, q.probe, key_, q.cleared) ? q.likely : look_up(q.code);
        // Fetching ahead converts nothing: a cell found is all the add needs of the row.
        if (found != cell_table::absent) {
            table_.add_row(found, q.amount.coefficient, q.amount.exponent);
            return true;
        }
        const scan::row r = q.row();
        if (add_fast(r, q.code, q.amount, found) || general_row(r.text(), q.line, stopped_at)) return true;
        queued_ = 0;  // the piece stops here: the rows after it are not read
        return false;
    }
    [[gnu::always_inline]] bool retire_oldest_if_full(std::size_t& stopped_at) {
        return queued_ < lookahead || retire(stopped_at);
    }
    bool retire_all(std::size_t& stopped_at) {
        while (queued_ > 0) {
            if (!retire(stopped_at)) return false;
        }
        return true;
    }

    // A row's amount, and its currency code packed (the default currency's without a
    // currency column), when both are of the kind the fast path reads; nothing otherwise.
    struct usual_row {
        plain_amount amount;
        std::uint32_t code = 0;
    };
    [[gnu::always_inline]] std::optional<usual_row> usual_fields(const scan::row& r) const {
        const auto amount = read_plain_amount(r.field(columns_.amount));
        if (!amount) return std::nullopt;
        if (columns_.currency == absent) return usual_row{*amount, currencies_.empty() ? 0 : currencies_[0].code};
        const std::string_view text = r.field(columns_.currency);
        if (text.size() != 3) return std::nullopt;
        return usual_row{*amount, pack_code(text)};
    }

    // A row whose amount, currency, date and rate are all of the usual kind, added up in
    // integers; false, having added nothing, for any other row.
    bool fast_row(const scan::row& r) {
        const auto usual = usual_fields(r);
        if (!usual) return false;
        probe_ = probe_row(r, key_);
        return add_fast(r, usual->code, usual->amount, look_up(usual->code));
    }

    // The rest of fast_row, once the row's cell has been looked up (`found`, absent when
    // not made yet; key_, probe_ and group_ as the look-up left them).
    [[gnu::always_inline]] bool add_fast(const scan::row& r, std::uint32_t code, plain_amount amount,
                                         std::uint32_t found) {
        // A cell is made only for a currency the general path checked against ISO 4217, and
        // only once the row is known to be good.
        std::size_t currency = absent;
        if (found == cell_table::absent || options_.target) {
            currency = currency_number(code);
            if (currency == absent) return false;
        }
        int128 converted = 0;
        if (options_.target) {
            const auto c = convert_fast(r, currency, amount);
            if (!c) return false;
            converted = *c;
        }
        if (found == cell_table::absent) {
            const auto field = [&](std::size_t i) { return r.field(i); };
            const unit u = currencies_[currency].unit;
            found = key_.empty() && !columns_.group.empty() ? packed_cell_for(field, code, u)
                                                            : make_cell(field, u);
            if (found == cell_table::absent) return false;
        }
        table_.add_row(found, amount.coefficient, amount.exponent);
        if (options_.target) {
            const std::int32_t exponent = options_.rounding == convert_rounding::row
                                              ? -target_minor_units_
                                              : amount.exponent + last_rate_exponent_;
            table_.add(converted_of(found), converted, exponent);
        }
        return true;
    }

    // The worker's number for a currency met before, by its packed code; absent for another.
    [[nodiscard]] std::size_t currency_number(std::uint32_t code) const {
        for (std::size_t i = 0; i < currencies_.size(); ++i) {
            if (currencies_[i].code == code) return i;
        }
        return absent;
    }

    // The group's converted cell, made: once per group.
    [[gnu::noinline]] std::uint32_t converted_of_made(std::uint32_t c) {
        const std::string key(table_.key_of_cell(c));
        return table_.find_or_make(cell_table::probe_of(key), key, unit::count(), true);
    }
    std::uint32_t converted_of(std::uint32_t c) {
        if (const std::uint32_t found = table_.converted_of(c); found != cell_table::absent) return found;
        return converted_of_made(c);
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

    // Why there is no rate for a row: where in its date field, what, and the code.
    struct rate_failure {
        std::size_t offset = 0;
        std::string message;
        std::string code;
    };
    // The rate for a currency and a date as written (or the fixed date), from the table,
    // for both paths; the general one turns a failure into the row's diagnostic.
    std::expected<decimal, rate_failure> lookup_rate(unit u, std::string_view date_text) const {
        date on{};
        if (options_.fixed_date) {
            on = *options_.fixed_date;
        } else {
            const auto d = parse_date(date_text);
            if (!d) return std::unexpected(rate_failure{d.error().offset, "date: " + d.error().message(), "bad-date"});
            on = *d;
        }
        auto found = rates_->find(u, *options_.target, on, options_.policy);
        if (!found) return std::unexpected(rate_failure{0, std::move(found.error().message), "no-rate"});
        return found->value;
    }

    bool reject(std::string_view line, std::size_t line_number, std::size_t offset,
                std::string message, std::string code) {
        bad_.push_back({line_number, column_of(line, offset), std::move(message), std::move(code),
                        std::string(line), piece_});
        return false;
    }

    // A row whose key holds bytes that are not UTF-8, refused at the first of them.
    bool reject_key(std::string_view line, std::size_t number) {
        const auto& f = splitter_.fields();
        for (const std::size_t c : columns_.group) {
            if (const auto bad = utf8::first_invalid(f[c])) {
                const std::size_t start = splitter_.offset(c);  // a quoted field's quote
                const std::size_t content = start + (start < line.size() && line[start] == '"' ? 1 : 0);
                return reject(line, number, content + *bad,
                              fmt::format("expected UTF-8 text in a group column, found byte 0x{:02X}",
                                          static_cast<unsigned char>(f[c][*bad])),
                              "bad-utf8");
            }
        }
        return reject(line, number, 0, "expected UTF-8 text in the group columns", "bad-utf8");
    }

    // The group's key as the table keeps it, in key_: each field preceded by its length, so
    // that no two different keys can read the same.
    template <class Field>
    std::string_view key_of(const Field& field) {
        encode_key(field, key_);
        return key_;
    }
    template <class Field>
    void encode_key(const Field& field, std::string& into) const {
        into.clear();
        for (const std::size_t c : columns_.group) encode_key_field(into, field(c));
    }

    // The cell for the key in key_ and probe_ (probe_row's) and a currency (its packed code),
    // absent when not made yet: a key packed in the probe by its word, any other checked
    // against the arena, its group kept in group_ for making the cell next.
    [[gnu::always_inline]] std::uint32_t look_up(std::uint32_t code) {
        if (key_.empty()) return table_.find(probe_, {}, code);  // a packed key: its word
        return table_.find_with_group(probe_, key_, code, group_);
    }
    // The probe for a row's key: a key that packs (packed_key.hpp) by its bytes, `key` left
    // empty; any other built in `key`, and hashed.
    [[gnu::always_inline]] cell_table::probe probe_row(const scan::row& r, std::string& key) const {
        const std::size_t fields = columns_.group.size();
        if (fields == 1) {  // the usual short key: one load, not a byte at a time
            const std::string_view field = r.field(columns_.group[0]);
            if (field.size() <= 8 && readable_ - field.data() >= 8) {
                const std::size_t n = field.size();
                key.clear();  // not built
                return {load8(field.data()) & (n == 8 ? ~0ULL : (std::uint64_t{1} << (8 * n)) - 1),
                        static_cast<std::uint32_t>(n)};
            }
        }
        if (fields == 1 || fields == 2) {
            // Inlined, as the look-up around it: a call per field cost 16 instructions a row.
            const auto field = [&] [[gnu::always_inline]] (std::size_t k) {
                return r.field(columns_.group[k]);
            };
            const packed_key::packed p = packed_key::pack(fields, field);
            if (p.form != packed_key::hashed) {
                key.clear();  // not built
                return {p.word, p.form};
            }
        }
        encode_key([&](std::size_t i) { return r.field(i); }, key);
        return cell_table::hashed_probe(key);
    }

    // The cell for a row's group and currency, made on first use; absent when the key is
    // new and a field of it is not UTF-8 (the general path refuses the row and says where).
    template <class Field>
    [[gnu::noinline]] std::uint32_t cell_for(const Field& field, std::uint32_t code, unit currency) {
        key_of(field);
        probe_ = cell_table::probe_of(key_);
        if (const std::uint32_t found = table_.find_with_group(probe_, key_, code, group_); found != cell_table::absent)
            return found;
        return make_cell(field, currency);
    }

    // The cell, not in the table, for a key packed in probe_ (key_ not built) and a currency.
    // Most such cells are a new currency's in a group already there (with dense totals, its
    // total flagged as made): that group is found by the probe alone and the cell made in it,
    // without building the key's bytes, packing them again and looking the cell up twice more
    // (1,110 instructions a cell made before, docs/benchmarks.md). A new group, or one a
    // spill has just emptied, is made as cell_for makes it.
    template <class Field>
    [[gnu::noinline]] std::uint32_t packed_cell_for(const Field& field, std::uint32_t code,
                                                    unit currency) {
        group_ = table_.find_group(probe_, {});
        if (group_ == cell_table::absent || groups_.spill_if_full())
            return cell_for(field, code, currency);
        return table_.make(probe_, {}, group_, currency, false);
    }

    // The cell, not in the table, for the key in key_ (probe_, whose group the look-up just
    // before found, group_) and a currency.
    template <class Field>
    [[gnu::noinline]] std::uint32_t make_cell(const Field& field, unit currency) {
        // Before the cell is made: spilling empties the table, and the group with it.
        const std::uint32_t group = groups_.spill_if_full() ? cell_table::absent : group_;
        if (group == cell_table::absent) {
            for (const std::size_t c : columns_.group) {
                if (utf8::first_invalid(field(c))) return cell_table::absent;
            }
        }
        return table_.make(probe_, key_, group, currency, false);
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
        auto found = lookup_rate(u, date_text);
        if (!found) {
            rate_failure& why = found.error();
            const std::size_t field = options_.fixed_date ? 0 : columns_.date;
            return std::unexpected(bad_row{number, column_of(line, splitter_.offset(field) + why.offset),
                                           std::move(why.message), std::move(why.code), {}});
        }
        rate_cache_.emplace(std::string(k), *found);
        return *found;
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
        if (line.size() > options_.max_record_bytes)
            return reject(line, number, options_.max_record_bytes,
                          fmt::format("expected a record of at most {} bytes (--max-record-bytes), found {}",
                                      options_.max_record_bytes, line.size()),
                          "record-too-long");
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
        const known_currency& k = currencies_[*currency];
        const std::uint32_t c = cell_for([&](std::size_t i) { return f[i]; }, k.code, k.unit);  // a good row only
        if (c == cell_table::absent) return reject_key(line, number);
        table_.add(c, *value);
        table_.count(c, 1);
        if (converted) table_.add(converted_of(c), *converted);
        return true;
    }

    const aggregate_options& options_;
    const columns& columns_;
    const rate_table* rates_;
    bool keep_going_;
    field_splitter splitter_;
    std::string key_;
    cell_table::probe probe_;  // key_'s
    std::uint32_t group_ = cell_table::absent;  // key_'s group, as its last look-up found it
    group_table groups_;
    cell_table& table_ = groups_.cells();  // groups_ is never assigned: the reference holds
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
    std::array<queued_row, lookahead> queue_;  // rows between queue and retire, a ring
    std::size_t queue_first_ = 0;
    std::size_t queued_ = 0;
};

worker::worker(const aggregate_options& options, const columns& cols, const rate_table* rates,
               bool keep_going)
    : state_(std::make_unique<state>(options, cols, rates, keep_going)) {}
worker::worker(worker&&) noexcept = default;
worker& worker::operator=(worker&&) noexcept = default;
worker::~worker() = default;

std::optional<std::size_t> worker::run_unquoted(std::string_view text, const char* readable,
                                                std::size_t piece) {
    return state_->run_unquoted(text, readable, piece);
}
std::size_t worker::run_quoted(std::string_view text, std::size_t piece) { return state_->run_quoted(text, piece); }
bool worker::stopped() const { return state_->stopped(); }
std::uint64_t worker::rows_read() const { return state_->rows_read(); }
const std::vector<bad_row>& worker::bad() const { return state_->bad(); }
void worker::take(group_table& into) { state_->take(into); }
void worker::share_memory(const std::shared_ptr<memory_budget>& budget, const std::string& directory) {
    state_->share_memory(budget, directory);
}
void worker::next_body() { state_->next_body(); }

}  // namespace crossfoot::aggregation
