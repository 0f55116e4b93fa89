// engine/report/quote_place.hpp: where a rate quote was read, as reports print it (private to
// the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/rates.hpp>

#include <fmt/format.h>

#include <string>

namespace crossfoot {

/// "rates.csv:12", or "built-in" for the built-in table.
[[nodiscard]] inline std::string quote_place(const rate_quote& q) {
    return q.file.empty() ? std::string("built-in") : fmt::format("{}:{}", q.file, q.line);
}

}  // namespace crossfoot
