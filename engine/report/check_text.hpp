// engine/report/check_text.hpp: pieces of the text report that the web page shows as they
// are (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/check.hpp>

#include <string>

namespace crossfoot {

/// A check's arithmetic as the text report writes it: its figures with their values and
/// intervals, rates with their provenance, the sum, the difference, explanations, the verdict.
[[nodiscard]] std::string check_detail_text(const check_result& r, const claims& c);

/// What follows a value of unit `u` in the reports: " CNY" after money, nothing after a count,
/// "%" and " points" after percentages.
[[nodiscard]] std::string check_unit_label(unit u);

}  // namespace crossfoot
