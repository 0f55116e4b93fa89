// engine/aggregate/group_table.cpp: the public face of the cell table: groups by key, their
// figures as group_totals, and every group in key order.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include "cell_table.hpp"
#include "in_order.hpp"
#include "memory_budget.hpp"
#include "partial.hpp"
#include "spill.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <stdexcept>
#include <thread>

namespace crossfoot {

using aggregation::cell_table;

namespace {

std::string encoded(const group_table::key_type& key) {
    std::string out;
    for (const std::string& field : key) aggregation::encode_key_field(out, field);
    return out;
}

// What viewing a group needs, kept from group to group.
struct view_scratch {
    std::vector<std::uint32_t> cells;
    std::vector<currency_total> totals;
    std::vector<std::string_view> key;
};

// Calls `visit` with a group's view.
template <class Visit>
void view_group(const cell_table& t, std::uint32_t g, view_scratch& scratch, Visit&& visit) {
    t.cells_of(g, scratch.cells);
    scratch.totals.clear();
    std::optional<decimal> converted;
    for (const std::uint32_t c : scratch.cells) {
        const cell_table::cell_view x = t.at(c);
        if ((x.flags & cell_table::is_converted) != 0) converted = t.total(c);
        else scratch.totals.push_back({x.currency, t.total(c), x.rows});
    }
    scratch.key.clear();
    aggregation::for_each_key_field(t.key_at(g), [&](std::string_view field) { scratch.key.push_back(field); });
    visit(group_view{scratch.key, scratch.totals, converted ? &*converted : nullptr});
}

// One key's figures added up over several tables, read from each table's cells: a
// currency's sums at one exponent are added as integers, and its decimal made once at the
// end, where viewing each table's group and adding the decimals made one a table and added
// them (3.3·10^5 totals over two tables' 54,810 keys: 5,700 instructions a key for the walk,
// docs/benchmarks.md). A sum with a rest, at another exponent, or that would overflow is
// added as decimals, exactly as before.
struct summed_figures {
    struct pending {
        unit currency;
        detail::int128 sum = 0;  // while `in_sum`: the total is sum × 10^exponent
        std::int32_t exponent = 0;
        bool in_sum = false;
        decimal total;  // otherwise
        std::uint64_t rows = 0;
    };
    std::vector<pending> parts;
    std::vector<currency_total> totals;  // in currency order, made by view
    std::optional<decimal> converted;

    void clear() {
        parts.clear();
        converted.reset();
    }
    // Adds the cells of group `g` of `t` (`cells` for scratch).
    void add(const cell_table& t, std::uint32_t g, std::vector<std::uint32_t>& cells) {
        t.cells_of(g, cells);
        for (const std::uint32_t c : cells) {
            const cell_table::cell_view x = t.at(c);
            if ((x.flags & cell_table::is_converted) != 0) {
                converted = converted ? *converted + t.total(c) : t.total(c);
                continue;
            }
            const bool in_sum =
                (x.flags & cell_table::has_sum) != 0 && (x.flags & cell_table::has_rest) == 0;
            const auto same = std::ranges::find(parts, x.currency, &pending::currency);
            if (same == parts.end()) {
                if (in_sum) {
                    parts.push_back({x.currency, x.sum, x.exponent, true, decimal(), x.rows});
                } else {
                    parts.push_back({x.currency, 0, 0, false, t.total(c), x.rows});
                }
                continue;
            }
            same->rows += x.rows;
            detail::int128 sum = 0;
            if (same->in_sum && in_sum && same->exponent == x.exponent &&
                !__builtin_add_overflow(same->sum, x.sum, &sum)) {
                same->sum = sum;
                continue;
            }
            same->total = total_of(*same) + t.total(c);
            same->in_sum = false;
        }
    }
    [[nodiscard]] static decimal total_of(const pending& p) {
        return p.in_sum ? decimal::from_narrow(p.sum, p.exponent) : p.total;
    }
    [[nodiscard]] group_view view(std::span<const std::string_view> key) {
        totals.clear();
        for (const pending& p : parts) totals.push_back({p.currency, total_of(p), p.rows});
        // In currency order already when the tables after the first bring no currency of
        // their own (cells_of gives each table's in that order).
        if (!std::ranges::is_sorted(totals, {}, &currency_total::currency))
            std::ranges::sort(totals, {}, &currency_total::currency);
        return {key, totals, converted ? &*converted : nullptr};
    }
};

// Each table's groups in key order, each table put in order on a thread of its own (the
// first on this one).
std::vector<std::vector<std::uint32_t>> orders_of(const std::vector<const cell_table*>& tables) {
    std::vector<std::vector<std::uint32_t>> orders(tables.size());
    std::vector<std::exception_ptr> failed(tables.size());
    {
        std::vector<std::jthread> sorting;
        for (std::size_t t = 1; t < tables.size(); ++t) {
            sorting.emplace_back([&, t] {
                try {
                    orders[t] = tables[t]->ordered_groups();
                } catch (...) {
                    failed[t] = std::current_exception();
                }
            });
        }
        orders[0] = tables[0]->ordered_groups();
    }  // joined
    for (const std::exception_ptr& e : failed) {
        if (e) std::rethrow_exception(e);
    }
    return orders;
}

// A stretch of the key order: in each table, the groups of its order from begin to end.
struct key_range {
    std::vector<std::size_t> begin;
    std::vector<std::size_t> end;
};

// Where the ranges of the key order start in each table's order: starts[t][k] for range k,
// and last the table's end.
struct range_starts {
    std::vector<std::vector<std::size_t>> starts;

    [[nodiscard]] std::size_t size() const { return starts.empty() ? 0 : starts[0].size() - 1; }
    [[nodiscard]] key_range operator[](std::size_t k) const {
        key_range r;
        for (const auto& s : starts) {
            r.begin.push_back(s[k]);
            r.end.push_back(s[k + 1]);
        }
        return r;
    }
};

// The groups of `range`, in key order, the figures of a key found in several tables added up.
// The walk takes the least next key of all, fetching ahead in each table as visit_in_order
// does.
void walk(const std::vector<const cell_table*>& tables, const std::vector<std::vector<std::uint32_t>>& orders,
          const key_range& range, const std::function<void(const group_view&)>& visit) {
    view_scratch scratch;
    if (tables.size() == 1) {
        for (std::size_t i = range.begin[0]; i < range.end[0]; ++i) {
            tables[0]->fetch_for_visit(orders[0], i);
            view_group(*tables[0], orders[0][i], scratch, visit);
        }
        return;
    }
    std::vector<std::size_t> at = range.begin;
    const auto key_of = [&](std::size_t t) { return tables[t]->key_at(orders[t][at[t]]); };
    summed_figures sum;
    std::vector<std::string_view> fields;  // a key found in several tables
    std::vector<std::size_t> same;
    for (;;) {
        std::size_t least = tables.size();
        for (std::size_t t = 0; t < tables.size(); ++t) {
            if (at[t] < range.end[t] && (least == tables.size() || aggregation::key_less(key_of(t), key_of(least))))
                least = t;
        }
        if (least == tables.size()) return;
        same.clear();
        for (std::size_t t = 0; t < tables.size(); ++t) {
            if (at[t] < range.end[t] && (t == least || key_of(t) == key_of(least))) same.push_back(t);
        }
        if (same.size() == 1) {
            view_group(*tables[least], orders[least][at[least]], scratch, visit);
        } else {
            sum.clear();
            for (const std::size_t t : same) sum.add(*tables[t], orders[t][at[t]], scratch.cells);
            fields.clear();
            aggregation::for_each_key_field(key_of(least), [&](std::string_view field) { fields.push_back(field); });
            visit(sum.view(fields));
        }
        for (const std::size_t t : same) tables[t]->fetch_for_visit(orders[t], ++at[t]);
    }
}

// Keys sampled from each table for cutting the key order into ranges: one every
// range_groups / samples_per_range groups of each.
constexpr std::size_t samples_per_range = 16;

// The key order cut into ranges of about `range_groups` groups, none empty. Every table's order
// is sampled at a stride, the samples put in key order, and a range starts at about every
// samples_per_range-th of them (found in every table's order by binary search), each copy of a
// key sampled in several tables counted, the cut moved past them to a new key: a range then
// holds at most range_groups groups plus a stride or two per table, however the tables' keys
// interleave or repeat, and a key found in several tables falls whole into one range.
range_starts ranges_of(const std::vector<const cell_table*>& tables, const std::vector<std::vector<std::uint32_t>>& orders,
                       std::size_t range_groups) {
    const std::size_t stride = std::max<std::size_t>(1, range_groups / samples_per_range);
    const std::size_t per_range = std::max<std::size_t>(1, range_groups / stride);
    std::vector<std::string_view> samples;
    for (std::size_t t = 0; t < orders.size(); ++t) {
        for (std::size_t i = 0; i < orders[t].size(); i += stride) samples.push_back(tables[t]->key_at(orders[t][i]));
    }
    if (samples.empty()) return {};
    std::ranges::sort(samples, aggregation::key_less);
    range_starts out{std::vector<std::vector<std::size_t>>(orders.size(), std::vector<std::size_t>{0})};
    for (std::size_t cut = per_range; cut < samples.size(); cut += per_range) {
        while (cut < samples.size() && samples[cut] == samples[cut - 1]) ++cut;  // a key apart from the last
        if (cut == samples.size()) break;
        for (std::size_t t = 0; t < orders.size(); ++t) {
            const auto from = orders[t].begin() + static_cast<std::ptrdiff_t>(out.starts[t].back());
            const auto found = std::lower_bound(from, orders[t].end(), samples[cut], [&](std::uint32_t g, std::string_view key) {
                return aggregation::key_less(tables[t]->key_at(g), key);
            });
            out.starts[t].push_back(static_cast<std::size_t>(found - orders[t].begin()));
        }
    }
    for (std::size_t t = 0; t < orders.size(); ++t) out.starts[t].push_back(orders[t].size());
    return out;
}

}  // namespace

group_totals figures_of(const group_view& v) {
    group_totals g;
    for (const currency_total& t : v.totals) {
        g.totals.emplace(t.currency, t.total);
        g.rows.emplace(t.currency, t.rows);
    }
    if (v.converted != nullptr) g.converted = *v.converted;
    return g;
}

std::uint64_t group_view::rows() const noexcept {
    std::uint64_t n = 0;
    for (const currency_total& t : totals) n += t.rows;
    return n;
}

group_table::group_table() : cells_(std::make_unique<cell_table>()) {}
// A copy holds as much again: it draws on a budget of its own, of the same limit.
group_table::group_table(const group_table& other)
    : cells_(std::make_unique<cell_table>(*other.cells_)), runs_(other.runs_), directory_(other.directory_) {
    for (const auto& t : other.apart_) apart_.push_back(std::make_unique<cell_table>(*t));
    if (other.budget_) {
        budget_ = std::make_shared<aggregation::memory_budget>(other.budget_->limit(), other.budget_->least_per_table());
        held_ = other.held_;
        budget_->force(held_);
    }
}
group_table::group_table(group_table&& other)
    : cells_(std::exchange(other.cells_, std::make_unique<cell_table>())), apart_(std::move(other.apart_)),
      runs_(std::move(other.runs_)), budget_(other.budget_), held_(std::exchange(other.held_, 0)), directory_(std::move(other.directory_)) {}
group_table& group_table::operator=(const group_table& other) {
    if (this != &other) *this = group_table(other);
    return *this;
}
group_table& group_table::operator=(group_table&& other) noexcept {
    std::swap(cells_, other.cells_);
    std::swap(runs_, other.runs_);
    std::swap(apart_, other.apart_);
    std::swap(budget_, other.budget_);
    std::swap(held_, other.held_);
    std::swap(directory_, other.directory_);
    return *this;
}
group_table::~group_table() { release(); }

namespace {

// Every group of a table with runs, merged, as views.
void for_each_merged(const cell_table& t, const std::vector<std::shared_ptr<const aggregation::spill_run>>& runs,
                     const std::function<void(const group_view&)>& visit) {
    aggregation::merge_groups(t, runs, [&](const aggregation::spilled_group& g) { aggregation::view_spilled(g, visit); });
}

// Past this many runs, the smaller half are merged into one, so that a table holds few files
// open and each group is rewritten a few times at most, not once per merge.
constexpr std::size_t most_runs = 64;

}  // namespace

std::size_t group_table::size() const {
    if (!apart_.empty()) {
        std::size_t n = 0;
        for_each([&](const group_view&) { ++n; });
        return n;
    }
    if (runs_.empty()) return cells_->group_count();
    std::size_t n = 0;
    aggregation::merge_groups(*cells_, runs_, [&](const aggregation::spilled_group&) { ++n; });
    return n;
}
bool group_table::empty() const noexcept {
    return cells_->group_count() == 0 && runs_.empty() &&
           std::ranges::all_of(apart_, [](const auto& t) { return t->group_count() == 0; });
}
std::size_t group_table::memory_bytes() const noexcept {
    std::size_t bytes = sizeof(cell_table) + cells_->bytes();
    for (const auto& t : apart_) bytes += sizeof(cell_table) + t->bytes();
    return bytes;
}

void group_table::limit_memory(std::size_t bytes, std::string directory) {
    share_memory(bytes == 0 ? nullptr : std::make_shared<aggregation::memory_budget>(bytes), std::move(directory));
}

void group_table::share_memory(std::shared_ptr<aggregation::memory_budget> budget, std::string directory) {
    release();
    budget_ = std::move(budget);
    directory_ = std::move(directory);
    spill_if_full();
}

std::size_t group_table::memory_limit() const noexcept { return budget_ ? budget_->limit() : 0; }

// What the groups held take while the table grows for one more, and while they are put in
// key order.
std::size_t group_table::needed() const noexcept {
    std::size_t bytes = cells_->bytes_while_growing() + cells_->bytes_to_order();
    for (const auto& t : apart_) bytes += t->bytes() + t->bytes_to_order();
    return bytes;
}

std::size_t group_table::draw_for(std::size_t bytes) const noexcept {
    const std::size_t least = budget_->least_per_table();
    return bytes > least ? bytes - least : 0;
}

bool group_table::hold(std::size_t bytes) noexcept {
    if (!budget_) return true;
    const std::size_t draw = draw_for(bytes);
    if (draw <= held_) return true;
    const std::size_t more = draw - held_;
    // An eighth more than needed, when there is room for it, so that a growing table draws
    // on the shared budget seldom rather than for each new group.
    for (const std::size_t taken : {more + draw / 8, more}) {
        if (budget_->take(taken)) {
            held_ += taken;
            return true;
        }
    }
    return false;
}

void group_table::settle() noexcept {
    if (!budget_) return;
    const std::size_t draw = draw_for(needed());
    if (held_ <= draw) return;
    budget_->give_back(held_ - draw);
    held_ = draw;
}

void group_table::release() noexcept {
    if (budget_) budget_->give_back(held_);
    held_ = 0;
}

void group_table::spill() {
    if (cells_->group_count() != 0) runs_.push_back(aggregation::spill_run::write(*cells_, directory_));
    for (const auto& t : apart_) {
        if (t->group_count() != 0) runs_.push_back(aggregation::spill_run::write(*t, directory_));
    }
    apart_.clear();
    cells_->clear();
    settle();
    merge_smaller_runs();
}

void group_table::merge_smaller_runs() {
    if (runs_.size() <= most_runs) return;
    std::ranges::sort(runs_, {}, [](const auto& run) { return run->bytes(); });
    const auto half = static_cast<std::ptrdiff_t>(runs_.size() / 2);
    const std::vector<std::shared_ptr<const aggregation::spill_run>> smaller(runs_.begin(), runs_.begin() + half);
    const cell_table none;
    aggregation::spill_run::writer merged(directory_);
    aggregation::merge_groups(none, smaller, [&](const aggregation::spilled_group& g) { merged.add(g); });
    runs_.erase(runs_.begin(), runs_.begin() + half);
    runs_.push_back(merged.finish());
}

void group_table::clear() {
    cells_->clear();
    apart_.clear();
    runs_.clear();
    settle();
}

bool group_table::spill_if_full() {
    if (hold(needed())) return false;
    spill();
    return true;
}

void group_table::swap_held(group_table& other) noexcept {
    std::swap(*cells_, *other.cells_);  // the objects, not the pointers: a worker keeps a reference
    std::swap(apart_, other.apart_);
    if (budget_ == other.budget_) {
        std::swap(held_, other.held_);
        return;
    }
    // Budgets apart: each table draws afresh for what it now holds, past its budget if it must.
    release();
    other.release();
    for (group_table* t : {this, &other}) {
        if (t->budget_ && !t->hold(t->needed())) {
            t->held_ = t->draw_for(t->needed());
            t->budget_->force(t->held_);
        }
    }
}

void group_table::add_runs(const std::vector<std::shared_ptr<const aggregation::spill_run>>& runs) {
    if (!runs.empty()) fold();  // no tables apart beside runs
    const auto taken = runs;  // a copy: `runs` may be this table's own
    runs_.insert(runs_.end(), taken.begin(), taken.end());
    merge_smaller_runs();
}

bool group_table::contains(const key_type& key) const { return find(key).has_value(); }

std::optional<group_totals> group_table::find(const key_type& key) const {
    const std::string k = encoded(key);
    std::optional<group_totals> out;
    if (!apart_.empty()) {  // the key's figures in each table, added up
        const cell_table::probe p = cell_table::probe_of(k);
        summed_figures sum;
        view_scratch scratch;
        bool found = false;
        for (const cell_table* t : tables()) {
            const std::uint32_t g = t->find_group(p, k);
            if (g == cell_table::absent) continue;
            found = true;
            sum.add(*t, g, scratch.cells);
        }
        if (!found) return std::nullopt;
        const std::vector<std::string_view> fields(key.begin(), key.end());
        return figures_of(sum.view(fields));
    }
    if (!runs_.empty()) {
        for_each_merged(*cells_, runs_, [&](const group_view& v) {
            if (!out && std::ranges::equal(v.key, key)) out = figures_of(v);
        });
        return out;
    }
    const std::uint32_t g = cells_->find_group(cell_table::probe_of(k), k);
    if (g == cell_table::absent) return std::nullopt;
    view_scratch scratch;
    view_group(*cells_, g, scratch, [&](const group_view& v) { out = figures_of(v); });
    return out;
}

group_totals group_table::at(const key_type& key) const {
    auto found = find(key);
    if (!found) throw std::out_of_range("group_table::at: no such group");
    return std::move(*found);
}

void group_table::add(const key_type& key, const group_totals& figures) {
    fold();
    const std::string k = encoded(key);
    const auto probe = cell_table::probe_of(k);
    for (const auto& [u, total] : figures.totals) {
        const auto rows = figures.rows.find(u);
        cells_->add_total(probe, k, u, total, rows == figures.rows.end() ? 0 : rows->second);
    }
    if (figures.converted) cells_->add_converted(probe, k, *figures.converted);
    spill_if_full();
}

void group_table::merge(const group_table& other) {
    fold();
    add_runs(other.runs_);
    merge_table(*other.cells_);
    for (const auto& t : other.apart_) merge_table(*t);
}

void group_table::merge_table(const cell_table& other) {
    if (!hold(needed() + other.bytes())) {
        // Not both in memory: the other's groups go to disk as they are.
        if (other.group_count() != 0) add_runs({aggregation::spill_run::write(other, directory_)});
        return;
    }
    cells_->merge(other);
    spill_if_full();
}

// At most this many tables apart (one per worker, for some inputs); more are merged.
constexpr std::size_t most_kept_apart = 16;

// Worth keeping apart (least_groups; least_groups_apart, 4,096, by default): a table whose
// merge, on one thread after the workers, would take longer than putting it in key order on
// a thread of its own and walking it beside the others, on every thread, for the report;
// below that a merge is a millisecond or two.
void group_table::keep_apart(group_table& other, std::size_t least_groups) {
    if (other.cells_->group_count() < least_groups || cells_->group_count() < least_groups ||
        !runs_.empty() || !other.runs_.empty() || !other.apart_.empty() || apart_.size() >= most_kept_apart ||
        budget_ != other.budget_) {
        merge(other);
        other.clear();
        return;
    }
    auto taken = std::make_unique<cell_table>();
    std::swap(*taken, *other.cells_);  // the object stays: a worker keeps a reference to it
    apart_.push_back(std::move(taken));
    held_ += std::exchange(other.held_, 0);  // one budget: the bytes drawn go with the groups
}

void group_table::fold() {
    if (apart_.empty()) return;
    while (!apart_.empty()) {  // one at a time: should memory run out, no table is lost
        cells_->merge(*apart_.back());
        apart_.pop_back();
    }
    settle();
}

std::vector<const cell_table*> group_table::tables() const {
    std::vector<const cell_table*> out{cells_.get()};
    for (const auto& t : apart_) out.push_back(t.get());
    return out;
}

cell_table& group_table::cells() {
    fold();
    return *cells_;
}

void group_table::for_each(const std::function<void(const group_view&)>& visit) const {
    // One range of them all, on this thread.
    for_each_range(1, std::numeric_limits<std::size_t>::max(), [&](std::size_t, const group_view& g) { visit(g); },
                   [](std::size_t) {});
}

void group_table::for_each_range(unsigned threads, std::size_t range_groups,
                                 const std::function<void(std::size_t, const group_view&)>& visit,
                                 const std::function<void(std::size_t)>& done) const {
    threads = std::max(1U, threads);
    if (!runs_.empty()) {  // merged as read: cut into ranges as it goes, on this thread
        std::size_t range = 0;
        std::size_t in_range = 0;
        for_each_merged(*cells_, runs_, [&](const group_view& g) {
            visit(range, g);
            if (++in_range < range_groups) return;
            done(range++);
            in_range = 0;
        });
        if (in_range != 0) done(range);
        return;
    }
    const auto all = tables();
    const auto orders = orders_of(all);
    const auto ranges = ranges_of(all, orders, range_groups);
    aggregation::in_order(ranges.size(), threads,
                          [&](std::size_t k) { walk(all, orders, ranges[k], [&](const group_view& g) { visit(k, g); }); },
                          done);
}

namespace {

// A group as plain values, for comparing tables that have runs.
struct plain_group {
    std::vector<std::string> key;
    std::vector<currency_total> totals;
    std::optional<decimal> converted;
    friend bool operator==(const plain_group&, const plain_group&) = default;
};

std::vector<plain_group> plain_groups(const group_table& t) {
    std::vector<plain_group> out;
    t.for_each([&](const group_view& g) {
        out.push_back({{g.key.begin(), g.key.end()},
                       {g.totals.begin(), g.totals.end()},
                       g.converted != nullptr ? std::optional<decimal>(*g.converted) : std::nullopt});
    });
    return out;
}

}  // namespace

bool operator==(const group_table& a, const group_table& b) {
    if (a.runs() != 0 || b.runs() != 0 || !a.apart_.empty() || !b.apart_.empty()) return plain_groups(a) == plain_groups(b);
    if (a.size() != b.size()) return false;
    const cell_table& ta = a.cells();
    const cell_table& tb = b.cells();
    view_scratch mine;
    view_scratch theirs;
    for (std::uint32_t g = 0; g < ta.group_count(); ++g) {
        const std::string_view key = ta.key_at(g);
        const std::uint32_t h = tb.find_group(cell_table::probe_of(key), key);
        if (h == cell_table::absent) return false;
        bool same = false;
        view_group(ta, g, mine, [&](const group_view& x) {
            view_group(tb, h, theirs, [&](const group_view& y) {
                same = std::ranges::equal(x.totals, y.totals) && (x.converted == nullptr) == (y.converted == nullptr) &&
                       (x.converted == nullptr || *x.converted == *y.converted);
            });
        });
        if (!same) return false;
    }
    return true;
}

}  // namespace crossfoot
