// engine/aggregate/worker.hpp: what one thread of an aggregation does (private to the
// library): the columns a header names, and a worker that reads pieces of CSV text into
// exact totals, by the integer path for usual rows and by decimals for the rest.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/rates.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::aggregation {

constexpr std::size_t absent = static_cast<std::size_t>(-1);

struct columns {
    std::size_t width = 0;
    std::size_t amount = absent;
    std::size_t currency = absent;
    std::size_t date = absent;
    std::vector<std::size_t> group;
};

// The columns the options need, found by name in the header line (line 1 of `file_name`).
std::expected<columns, diagnostic> find_columns(std::string_view header_line,
                                                std::string_view file_name,
                                                const aggregate_options& o);

// A bad row, found by a worker: the line is relative to the worker's first line.
struct bad_row {
    std::size_t line;  // within its piece
    std::size_t column;
    std::string message;
    std::string code;
    std::string text;
    std::size_t piece = 0;  // of the body, in order
};

// What one thread adds up. A worker reads pieces of a body, in any order, and keeps for the
// whole input what it has looked up (currencies, rates); its totals go into a partial after
// each body.
class worker {
public:
    worker(const aggregate_options& options, const columns& cols, const rate_table* rates,
           bool keep_going);
    worker(worker&&) noexcept;
    worker& operator=(worker&&) noexcept;
    ~worker();

    // Reads every line of piece number `piece`, `text`, which the caller found to hold no
    // quote, and returns how many lines it held; stops at the first bad row unless keeping
    // going. Nothing if it held a quote after all (a broken promise: the caller throws).
    // `readable` (at or after the end of `text`) is how far bytes may be read ahead.
    std::optional<std::size_t> run_unquoted(std::string_view text, const char* readable, std::size_t piece);
    // Reads every record of `text` as RFC 4180 with quotes and returns how many lines it
    // held; stops at the first bad one unless keeping going. `piece` orders its bad rows
    // after those of the pieces before it.
    std::size_t run_quoted(std::string_view text, std::size_t piece);

    // True once a bad row has stopped this worker.
    [[nodiscard]] bool stopped() const;
    [[nodiscard]] std::uint64_t rows_read() const;
    [[nodiscard]] const std::vector<bad_row>& bad() const;

    // Adds the totals of every body read so far into `into` and starts afresh, keeping what
    // was looked up.
    void take(group_table& into);
    // Holds its groups within `budget`, shared with the other tables of the aggregation
    // (none: no limit), writing the rest to `directory`.
    void share_memory(const std::shared_ptr<memory_budget>& budget, const std::string& directory);
    // Forgets the bad rows and the count of rows read, for the next body; keeps the totals.
    void next_body();

private:
    class state;
    std::unique_ptr<state> state_;
};

}  // namespace crossfoot::aggregation
