// engine/report/quote_place.hpp: where a rate quote was read, and a hop of a rate path, as
// reports print them (private to the library).
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

/// A hop's figure as reports print it: the quote, "latest of 6 quotes" or "mean of 6 quotes"
/// for a window, "1 / ..." when it is used inverted.
[[nodiscard]] inline std::string hop_figure(const rate_hop& hop, const lookup_policy& policy) {
    std::string figure = hop.quotes.back().rate.to_string();
    if (hop.quotes.size() > 1)
        figure = fmt::format("{} of {} quotes",
                             policy.how == lookup_policy::kind::window_average ? "mean" : "latest",
                             hop.quotes.size());
    return hop.inverted ? "1 / " + figure : figure;
}

/// The dates of a hop's quotes: "2024-09-27", or "2024-09-20..2024-09-27" for a window.
[[nodiscard]] inline std::string hop_dates(const rate_hop& hop) {
    std::string dates = to_string(hop.quotes.back().on);
    if (hop.quotes.size() > 1) dates = to_string(hop.quotes.front().on) + ".." + dates;
    return dates;
}

}  // namespace crossfoot
