// crossfoot/aggregate.hpp: exact totals over CSV ledgers, per group and currency, with
// conversion to a reporting currency at each row's date; mergeable partial results.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/amount.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/rates.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// When a converted total is rounded.
enum class convert_rounding {
    row,    // each row's converted amount, half-even to the target's minor units, then summed
    total,  // the exact converted sum, rounded once at the end
};

/// The memory limit for the groups' tables when none is given: a quarter of the machine's
/// physical memory (docs/aggregate.md says why), or 1 GiB when that cannot be read.
[[nodiscard]] std::size_t default_memory_limit() noexcept;

/// What to aggregate and how. Column names refer to the CSV header.
struct aggregate_options {
    std::vector<std::string> group_by;       // columns forming the group key; none: one group
    std::string amount_column = "amount";
    std::string currency_column = "currency";
    std::optional<unit> default_currency;    // used instead of a currency column
    std::string date_column = "date";        // needed when converting at each row's date
    std::optional<unit> target;              // convert to this currency (needs rates)
    std::optional<date> fixed_date;          // convert every row at this date instead
    convert_rounding rounding = convert_rounding::row;
    lookup_policy policy;
    /// The longest header or record read, in bytes: one that runs on further (a file with no
    /// line end, /dev/zero) is an error at its line, not an allocation without bound. The
    /// default, 8 MiB, is over a thousand times a ledger's longest real record and above the
    /// line limits of the CSV readers people use (docs/cli.md).
    std::size_t max_record_bytes = std::size_t{8} << 20U;
    /// The memory the tables of groups may hold, in bytes, all threads together (0: no
    /// limit). Past it, groups are written to disk in key order and merged at the end,
    /// exactly: the result does not depend on it.
    std::size_t memory_limit = default_memory_limit();
    /// Where groups are written past the limit; empty: $TMPDIR, or /tmp.
    std::string spill_directory;
};

/// One group's exact figures.
struct group_totals {
    std::map<unit, decimal> totals;      // per currency, exact
    std::map<unit, std::uint64_t> rows;  // rows per currency
    std::optional<decimal> converted;    // in the target currency, when converting

    friend bool operator==(const group_totals&, const group_totals&) = default;
};

/// One currency's exact total in a group, and the rows it came from.
struct currency_total {
    unit currency;
    decimal total;
    std::uint64_t rows = 0;

    friend bool operator==(const currency_total&, const currency_total&) = default;
};

/// One group as a report reads it: its key's fields, its totals by currency (in code order),
/// and its total converted into the target when there is one. Valid during the visit only.
struct group_view {
    std::span<const std::string_view> key;
    std::span<const currency_total> totals;
    const decimal* converted = nullptr;

    /// The rows the group counted, all currencies together.
    [[nodiscard]] std::uint64_t rows() const noexcept;
};

namespace aggregation {
class cell_table;
class memory_budget;
class spill_run;
}

/// The groups of a partial aggregate: group keys to exact figures. Held compactly, so that
/// millions of groups fit: a key's bytes once, and a few machine words per (group,
/// currency), with totals kept in 128-bit integers while they fit and as decimals beyond.
/// Visited in key order (field by field, each compared byte by byte).
///
/// Its memory may be limited: past the limit, the groups held are written to disk in key
/// order (a run) and the table starts afresh; visiting merges the runs and what is held,
/// adding up equal keys, and looking up or counting groups then reads the runs.
///
/// Tables of other threads may be kept apart in it (keep_apart) rather than merged into one:
/// visiting puts each in key order on a thread of its own and merges them as it goes.
class group_table {
public:
    using key_type = std::vector<std::string>;

    group_table();
    group_table(const group_table& other);
    group_table(group_table&& other);
    group_table& operator=(const group_table& other);
    group_table& operator=(group_table&& other) noexcept;
    ~group_table();

    [[nodiscard]] std::size_t size() const;  // groups (with runs on disk, they are read)
    [[nodiscard]] bool empty() const noexcept;
    [[nodiscard]] bool contains(const key_type& key) const;
    /// A group's figures, or nothing when there is no such group.
    [[nodiscard]] std::optional<group_totals> find(const key_type& key) const;
    /// A group's figures; std::out_of_range when there is no such group.
    [[nodiscard]] group_totals at(const key_type& key) const;
    /// Adds `figures` into the group of `key`, made when absent.
    void add(const key_type& key, const group_totals& figures);
    /// Adds every group of `other` into this one.
    void merge(const group_table& other);
    /// Calls `visit` with every group, in key order.
    void for_each(const std::function<void(const group_view&)>& visit) const;
    /// Visits every group as for_each does, on up to `threads` threads (0 is taken as 1): the
    /// key order is cut into consecutive ranges of `range_groups` groups or a few more (none
    /// empty; at most an eighth of `range_groups` more per table kept apart), and
    /// `visit(range, group)` is called with each range's groups in key order, ranges on
    /// different threads at once (the calling thread among them, between its calls to
    /// `done`). `done(range)` is called on the calling thread, in range
    /// order, once all of a range's groups are visited; range `r + threads` is begun only
    /// after done(r), so that a caller holds the work of `threads` ranges at most, at
    /// `range % threads`. A table with runs on disk is visited on this thread alone.
    void for_each_range(unsigned threads, std::size_t range_groups,
                        const std::function<void(std::size_t, const group_view&)>& visit,
                        const std::function<void(std::size_t)>& done) const;
    /// Bytes of memory the table holds (not counting its runs on disk).
    [[nodiscard]] std::size_t memory_bytes() const noexcept;
    /// Holds at most about `bytes` in memory (0: no limit), writing runs into `directory`.
    void limit_memory(std::size_t bytes, std::string directory);
    /// Holds its groups within `budget`, which other tables share (none: no limit), writing
    /// runs into `directory`.
    void share_memory(std::shared_ptr<aggregation::memory_budget> budget, std::string directory);
    /// How many runs it has written to disk.
    [[nodiscard]] std::size_t runs() const noexcept { return runs_.size(); }
    /// Its limit (0: none), the budget it draws on, and where its runs go (empty: $TMPDIR
    /// or /tmp).
    [[nodiscard]] std::size_t memory_limit() const noexcept;
    [[nodiscard]] const std::shared_ptr<aggregation::memory_budget>& budget() const noexcept { return budget_; }
    [[nodiscard]] const std::string& spill_directory() const noexcept { return directory_; }

    /// The table itself, for the library's readers: the tables kept apart merged into it
    /// first; the const one is without them.
    [[nodiscard]] aggregation::cell_table& cells();
    [[nodiscard]] const aggregation::cell_table& cells() const noexcept { return *cells_; }
    /// Takes runs written elsewhere (by a reader's threads) as its own.
    void add_runs(const std::vector<std::shared_ptr<const aggregation::spill_run>>& runs);
    /// Writes what it holds as a run when that is past its limit; true when it did.
    bool spill_if_full();
    /// Trades the groups it holds in memory (not its runs) with `other`'s, each table's
    /// share of the budget going with them.
    void swap_held(group_table& other) noexcept;
    /// Takes the groups `other` holds in memory (leaving it empty), with its share of the
    /// budget: kept apart when both hold `least_groups` or more and draw on one budget,
    /// merged otherwise. The default is where a merge on one thread starts to cost more
    /// than sorting apart on threads of their own and walking the tables side by side for
    /// the report (measured in docs/benchmarks.md).
    static constexpr std::size_t least_groups_apart = std::size_t{1} << 12;
    void keep_apart(group_table& other, std::size_t least_groups = least_groups_apart);
    /// Forgets every group and run; keeps the limit.
    void clear();

    /// The same groups with the same figures.
    friend bool operator==(const group_table& a, const group_table& b);

private:
    void spill();
    void merge_smaller_runs();
    [[nodiscard]] std::size_t needed() const noexcept;
    // What holding `bytes` draws on the budget (it has one): past what a table holds free.
    [[nodiscard]] std::size_t draw_for(std::size_t bytes) const noexcept;
    // Takes from the budget what holding `bytes` needs beyond what is held; false when the
    // budget has not got it.
    bool hold(std::size_t bytes) noexcept;
    // Gives back what the groups held no longer need.
    void settle() noexcept;
    void release() noexcept;
    // Merges the tables kept apart into cells_: before anything but visiting, counting and
    // looking up.
    void fold();
    // Adds a table's groups: in memory when the budget allows, else as a run.
    void merge_table(const aggregation::cell_table& other);
    // cells_, then the tables kept apart.
    [[nodiscard]] std::vector<const aggregation::cell_table*> tables() const;

    std::unique_ptr<aggregation::cell_table> cells_;
    // Tables taken whole from other threads, each merged with cells_ only when visited; none
    // while there are runs.
    std::vector<std::unique_ptr<aggregation::cell_table>> apart_;
    std::vector<std::shared_ptr<const aggregation::spill_run>> runs_;  // each in key order
    std::shared_ptr<aggregation::memory_budget> budget_;  // none: no limit
    std::size_t held_ = 0;  // bytes taken from the budget
    std::string directory_;
};

/// An exact, serialisable partial aggregate: what one process computed over some rows.
/// Merging is associative and commutative, so shards can be aggregated anywhere and merged
/// in any order with the same result as a single run.
struct partial_aggregate {
    static constexpr int format_version = 1;

    std::vector<std::string> group_by;
    std::optional<unit> target;
    convert_rounding rounding = convert_rounding::row;
    group_table groups;  // visited in key order: output is deterministic
    std::uint64_t rows_read = 0;
    std::uint64_t rows_rejected = 0;

    [[nodiscard]] std::uint64_t rows_accepted() const noexcept { return rows_read - rows_rejected; }

    /// Adds `other` into this one. Fails (and changes nothing) when the two were made with
    /// different grouping, target or rounding. Fails too, with part of `other` added, when
    /// the groups cannot be held: a spill file that cannot be written past the memory limit,
    /// or memory that cannot be had; this partial is then not to be used.
    std::expected<void, std::string> merge(const partial_aggregate& other);

    /// Rounds converted totals that are kept exact until the end (`convert_rounding::total`).
    [[nodiscard]] partial_aggregate finished() const;

    friend bool operator==(const partial_aggregate&, const partial_aggregate&) = default;
};

/// The partial as JSON (`{"format": "crossfoot-partial", "version": 1, ...}`), every figure an
/// exact decimal string; and back. Reading checks the format, version and every field.
[[nodiscard]] std::string to_json(const partial_aggregate& p);
/// The same JSON written to `out` as it is made: millions of groups need no string of their own.
void write_json(std::ostream& out, const partial_aggregate& p);
[[nodiscard]] std::expected<partial_aggregate, std::string> partial_from_json(std::string_view text);
/// The same, read from `in` as it streams, a group at a time: reading holds the partial's
/// groups and no copy of the text or of the document. Its groups' table draws on `memory`'s
/// budget when given (a table given limit_memory or share_memory: a merge's), so that past
/// the limit they go to disk as an aggregation's do; without it, memory is not limited.
/// Keys in the order to_json writes them are checked as they come, and the first fault in
/// the document is the one reported; a group met twice is found by looking it up only when
/// it comes out of key order.
[[nodiscard]] std::expected<partial_aggregate, std::string> partial_from_json(std::istream& in,
                                                                             const group_table* memory = nullptr);

std::ostream& operator<<(std::ostream& os, const partial_aggregate& p);  // to_json(p)

/// Where rows that cannot be used go: the diagnostic names the file, line and column, says
/// why, and holds the line as written. Without a sink, the first bad row stops the run.
using reject_sink = std::function<void(const diagnostic& why)>;

/// Aggregates CSV text (RFC 4180: header by name, quoted fields, CRLF, a UTF-8 BOM) into
/// `into`. `threads` > 1 splits the text at line boundaries and aggregates the pieces in
/// parallel (from the line of the first quote on, a piece is read on one thread, since a
/// quoted field may hold a line break).
/// A bad row (missing field, unparseable amount or date, unknown currency, no rate for its
/// date) is a diagnostic with the file, line and column: without `rejects` it stops the run
/// and is returned; with it, it is passed on, counted, and the run goes on.
[[nodiscard]] std::expected<void, diagnostic> aggregate_csv(
    std::string_view text, std::string_view file_name, const aggregate_options& options,
    const rate_table* rates, partial_aggregate& into, const reject_sink& rejects = {},
    unsigned threads = 1);

/// Told how many bytes of input have been read, after each block.
using progress_sink = std::function<void(std::uint64_t bytes)>;

/// The same as aggregate_csv, reading `input` in blocks of `block_bytes` (whole records per
/// block), so that memory grows with the number of groups, not with the rows: two buffers
/// of a block each, one filled on a thread of its own while the other is aggregated.
[[nodiscard]] std::expected<void, diagnostic> aggregate_stream(
    std::istream& input, std::string_view file_name, const aggregate_options& options,
    const rate_table* rates, partial_aggregate& into, const reject_sink& rejects = {},
    unsigned threads = 1, const progress_sink& progress = {},
    std::size_t block_bytes = std::size_t{16} << 20);

/// The same for the file at `path`, named `file_name` in diagnostics: a regular file is
/// mapped into memory a window of `window_bytes` at a time, so that the threads read it in
/// place with no copy, and memory still grows with the groups, not the rows; anything else
/// (a pipe, a device) is read through aggregate_stream. The file must not shrink meanwhile.
[[nodiscard]] std::expected<void, diagnostic> aggregate_file(
    const std::string& path, std::string_view file_name, const aggregate_options& options,
    const rate_table* rates, partial_aggregate& into, const reject_sink& rejects = {},
    unsigned threads = 1, const progress_sink& progress = {},
    std::size_t window_bytes = std::size_t{32} << 20);

/// One row of the report: the group's key, a currency, its total and rows, and whether it is
/// the group's total converted into the target.
struct aggregate_row {
    std::vector<std::string> key;
    unit currency;
    decimal total;
    std::uint64_t rows = 0;
    bool converted = false;
};

/// The report's rows in its order: each group's exact totals by currency, then its converted
/// total; totals kept exact until the end are rounded first (`finished()`).
[[nodiscard]] std::vector<aggregate_row> aggregate_rows(const partial_aggregate& p);

/// One row of the report as a view, valid during the call that gives it.
struct aggregate_row_view {
    std::span<const std::string_view> key;
    unit currency;
    const decimal* total = nullptr;
    std::uint64_t rows = 0;
    bool converted = false;
};

/// Calls `visit` with each of the rows aggregate_rows holds, in the same order, without
/// holding them: for a caller that turns millions of rows into objects of its own.
void for_each_aggregate_row(const partial_aggregate& p, const std::function<void(const aggregate_row_view&)>& visit);

/// The report's header: the grouping columns, then currency, total, rows and kind.
[[nodiscard]] std::vector<std::string> aggregate_columns(const partial_aggregate& p);

/// The report: per group, per currency exact totals and row counts, and the converted total.
/// Its text is made on up to `threads` threads, a range of the key order each, and is the
/// same byte for byte whatever their number.
[[nodiscard]] std::string format_aggregate_text(const partial_aggregate& p, unsigned threads = 1);
[[nodiscard]] std::string format_aggregate_csv(const partial_aggregate& p, unsigned threads = 1);
[[nodiscard]] std::string format_aggregate_json(const partial_aggregate& p, unsigned threads = 1);
/// The same reports written to `out` as they are made, a range of some thousands of groups
/// at a time.
void write_aggregate_text(std::ostream& out, const partial_aggregate& p, unsigned threads = 1);
void write_aggregate_csv(std::ostream& out, const partial_aggregate& p, unsigned threads = 1);
void write_aggregate_json(std::ostream& out, const partial_aggregate& p, unsigned threads = 1);

}  // namespace crossfoot
