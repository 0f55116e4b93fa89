// engine/extract/dates.hpp: dates and times in running text, found where a number starts
// (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace crossfoot::extract_text {

/// A date found in the text: [begin, end) and the date as "2024-09-26", "2024-09", "2024" or
/// "--09-26" (a day without its year).
struct date_match {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string date;
};

/// The date whose digits start at `pos`: "2024-09-28", "2024年9月26日", "2024年9月", "2024年",
/// "9月26日", "September 26, 2024", "Sept. 27, 2024", "September 2024", "26 September 2024".
/// A month name before the digits makes the date begin there. A bare year is not read here.
[[nodiscard]] std::optional<date_match> date_at(std::string_view text, std::size_t pos);

/// The end of a time of day whose digits start at `pos` ("10:30", "9:15 a.m."), or nothing.
[[nodiscard]] std::optional<std::size_t> time_at(std::string_view text, std::size_t pos);

}  // namespace crossfoot::extract_text
