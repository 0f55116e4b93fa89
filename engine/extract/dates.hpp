// engine/extract/dates.hpp: dates and times in running text, found where a number starts
// (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace crossfoot::extract_text {

/// A date found in the text, [begin, end): the parts it writes, 0 for a part it leaves out
/// (a day without its month, a month without its year), for the caller to take from the dates
/// before it.
struct date_match {
    std::size_t begin = 0;
    std::size_t end = 0;
    int year = 0;
    int month = 0;
    int day = 0;
    int quarter = 0;
    int era = 0;       // the base year of the Japanese era it names: 1988 for 平成29年度
    /// "29年度", "5年度": the year of an era the date leaves unwritten, for the caller to read
    /// in the era of the dates before; `year` is then 20xx for two digits, 0 for one.
    int era_year = 0;
};

/// The name of the Japanese era whose base year is `base` (1988: 平成), as date_match::era
/// holds it; empty for any other.
[[nodiscard]] std::string_view era_name(int base);

/// Whether `day` of `month` exists: in `year` when it is given (not 0), in some year when it
/// is not, so that "2月29日" without a year is a date and "September 31" never is.
[[nodiscard]] bool day_exists(int year, int month, int day);

/// The date whose number starts at `pos`: "2024-09-28", "2024年9月26日", "2024年9月", "2024年",
/// "9月26日", "5月", "11日", "1-5月", "前5个月", "一季度", "2022年度", "21年度", "平成29年度",
/// "平成 28 年 8 月 2 日" (spaces, as a PDF's text may hold them, after an era name),
/// "September 26, 2024", "Sept. 27, 2024", "September 2024", "26 September 2024", "Q3 2020",
/// "2022-26". Words before the digits (a month name, 前, 平成, Q) make the date begin there. A
/// bare year is not read here, nor a day its month does not have ("September 31, 2024",
/// "2023-02-29"): that is not a date the text can mean.
[[nodiscard]] std::optional<date_match> date_at(std::string_view text, std::size_t pos);

/// A date written in words at `pos`, a word's start: "first quarter", "second quarter of 2022",
/// "first nine months of 2014", "first 10 months",
/// "Second Quarter 2023", "first half of 2014", "January-June 2014", "July-September".
[[nodiscard]] std::optional<date_match> word_date_at(std::string_view text, std::size_t pos);

/// The end of a time of day whose digits start at `pos` ("10:30", "9:15 a.m."), or nothing.
[[nodiscard]] std::optional<std::size_t> time_at(std::string_view text, std::size_t pos);

}  // namespace crossfoot::extract_text
