// engine/check/rate_history.hpp: what a failed conversion's implied rate matches in the rate
// history, and the direction markets quote a pair in (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/check.hpp>

#include <utility>

namespace crossfoot {

/// The pair as markets quote it: (base, quote), a price of one base in quote currency — euros
/// first, then pounds, Australian and New Zealand dollars, US dollars, ... ("USD/KRW", won per
/// dollar; "EUR/USD", dollars per euro).
[[nodiscard]] std::pair<unit, unit> market_pair(unit a, unit b);

/// `rate` (units of `to` per `from`) in the market's direction for the pair.
[[nodiscard]] decimal in_market_direction(const decimal& rate, unit from, unit to);

/// The values a figure stands for in a conversion: "about" (约合, 折合) says that it was
/// converted, not how wide it is, so an "about" figure stands for its rounding alone.
[[nodiscard]] interval as_converted(const figure& f, const qualifier_table& table);

/// For an inconsistent conversion `r`: the calendar-period averages and single days within a
/// year before the document's date whose rates the figures allow, or else come nearest.
[[nodiscard]] rate_explanation explain_rate(const claims& c, const rate_table& rates,
                                            const check_result& r);

}  // namespace crossfoot
