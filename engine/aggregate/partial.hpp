// engine/aggregate/partial.hpp: what a partial aggregate's reports share with its JSON form
// (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>

#include "core/json_writer.hpp"

#include <cstdint>

namespace crossfoot {

/// A group's figures as values, from its view.
[[nodiscard]] group_totals figures_of(const group_view& g);

/// Every group of `p` in key order, with converted totals kept exact until the end rounded
/// (as `finished()` rounds them), without a copy of the partial.
void for_each_finished(const partial_aggregate& p, const std::function<void(const group_view&)>& visit);

/// The same, in ranges on up to `threads` threads, as group_table::for_each_range visits.
void for_each_finished_range(const partial_aggregate& p, unsigned threads, std::size_t range_groups,
                             const std::function<void(std::size_t, const group_view&)>& visit,
                             const std::function<void(std::size_t)>& done);

/// Writes a group's exact totals, [{"currency", "total", "rows"}, ...], in both JSON forms
/// (the partial and the report).
void write_totals(json_out::writer& w, const group_view& g);

}  // namespace crossfoot
