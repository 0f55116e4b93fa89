// engine/extract/non_figures.hpp: numbers in running text that are no figure, and why
// (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace crossfoot::extract_text {

struct skip_match {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string reason;
};

/// Before reading a figure at the number starting at `pos`: an ordinal ("2nd", "第三届"), a name
/// of numbers joined by "+" ("5+5+1"), a phone number, list numbering at a line's start, a page
/// number ("1/2 ページ", "page 3 of 10"), or digits that belong to a name or code ("A380",
/// "COVID-19", "H.10").
[[nodiscard]] std::optional<skip_match> non_figure_at(std::string_view text, std::size_t pos);

/// At a word's start: a web address ("https://example.com/2020/09/27/a-45b-deal.html",
/// "www.example.cn/1105.htm") that holds a digit, to its first space or closing bracket.
[[nodiscard]] std::optional<skip_match> web_address_at(std::string_view text, std::size_t pos);

/// Whether a Latin scale word follows the number at `pos` ("950 billion", "203B",
/// "623.5-million").
[[nodiscard]] bool scale_follows(std::string_view text, std::size_t pos);

/// After a figure read over [begin, end): why it is no figure — a per-share price, a physical
/// quantity (power, energy, area, length, mass) — or nothing.
[[nodiscard]] std::optional<std::string> non_figure_around(std::string_view text,
                                                           std::size_t begin, std::size_t end);

}  // namespace crossfoot::extract_text
