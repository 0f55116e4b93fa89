// engine/aggregate/partial.hpp: what a partial aggregate's reports share with its JSON form
// (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>

namespace crossfoot {

/// The rows a group counted, all currencies together.
[[nodiscard]] std::uint64_t group_rows(const group_totals& g);

/// [{"currency", "total", "rows"}, ...]: a group's exact totals, in both JSON forms (the
/// partial and the report).
[[nodiscard]] nlohmann::ordered_json totals_json(const group_totals& g);

}  // namespace crossfoot
