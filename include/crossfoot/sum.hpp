// crossfoot/sum.hpp: summing written amounts line by line, with every bad line reported.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/amount.hpp>
#include <crossfoot/diagnostic.hpp>

#include <cstddef>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// The exact per-unit totals of a list of amounts, and a diagnostic for each amount that
/// did not parse. A sum with errors is incomplete: callers should not present its totals
/// as the answer.
struct sum_report {
    crossfoot::totals totals;
    std::vector<diagnostic> errors;
    std::size_t assumed = 0;  // amounts whose unit came from the default currency

    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }
};

/// Adds one amount per line of `input` to `report`. Blank lines and lines whose first
/// non-blank character is '#' are skipped. Each bad line gives a diagnostic naming
/// `source_name`, the line and the column, code `bad-amount`; reading goes on, so every bad
/// line is reported.
void sum_lines(std::istream& input, std::string_view source_name,
               const amount_parse_options& options, sum_report& report);

/// Adds each argument as one amount; a bad one is reported as `<arguments>:N:COLUMN`, N
/// being its 1-based position.
void sum_arguments(std::span<const std::string> arguments, const amount_parse_options& options,
                   sum_report& report);

/// The text report: one row per unit (code, exact total with digit grouping, number of
/// amounts) and a closing line with the number of amounts.
[[nodiscard]] std::string format_sum_text(const sum_report& report);

/// The JSON report: {"totals": [{"unit", "total", "amounts"}], "amounts", "assumed"}; totals
/// are exact decimal strings, never JSON numbers.
[[nodiscard]] std::string format_sum_json(const sum_report& report);

/// "1234567.89" → "1,234,567.89"; the sign and fraction are kept.
[[nodiscard]] std::string group_thousands(std::string_view plain);

}  // namespace crossfoot
