// crossfoot/report.hpp: text and JSON renderings of conversions and rate listings.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/rates.hpp>

#include <string>
#include <vector>

namespace crossfoot {

/// The conversion, the rate with its path, each quote's date and source, and the policy:
///
///     1160000000 USD on 2024-09-27
///       = 8132891199.1436 CNY
///     rate    1 USD = 7.01111310271 CNY (derived: 12 significant digits, half_even)
///     path    USD→EUR→CNY
///       USD→EUR  1 / 1.1158  EUR/USD 2024-09-27  ECB euro reference rate (built-in)
///       EUR→CNY  7.823       EUR/CNY 2024-09-27  ECB euro reference rate (built-in)
///     policy  on-or-before (max age 7 days)
[[nodiscard]] std::string format_conversion_text(const conversion& c);

/// The same as JSON; every figure is an exact decimal string. Schema in docs/rates.md.
[[nodiscard]] std::string format_conversion_json(const conversion& c);

/// One line per rate: date, value, exactness and path.
[[nodiscard]] std::string format_rates_text(const std::vector<found_rate>& rates);
[[nodiscard]] std::string format_rates_json(const std::vector<found_rate>& rates);

}  // namespace crossfoot
