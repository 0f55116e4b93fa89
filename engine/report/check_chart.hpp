// engine/report/check_chart.hpp: a check drawn as SVG in its own unit, for the HTML report
// (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/check.hpp>

#include <string>
#include <string_view>

namespace crossfoot::charts {

/// `text` with &, <, >, " and ' written as character references.
[[nodiscard]] std::string escape(std::string_view text);

/// The check as one or two SVG drawings: for a sum or an inclusion, the parts as a waterfall
/// beside the total's interval and the parts' sum, the difference or unexplained remainder
/// marked, and a close-up of the two intervals when they are too near to tell apart; for a
/// conversion, the implied rate against the reference rate and the band of nearby rates; for a
/// share or a change, the stated percentage's interval and the computed one. Every element
/// has its exact value in a <title>; an interval without an end runs to the edge as an arrow.
/// Empty for an unverifiable check.
[[nodiscard]] std::string check_chart(const check_result& r);

}  // namespace crossfoot::charts
