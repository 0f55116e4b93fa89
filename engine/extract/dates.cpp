// engine/extract/dates.cpp: recognising dates and times around a number.
// SPDX-License-Identifier: MIT
#include "dates.hpp"

#include "core/text.hpp"

#include <fmt/format.h>

#include <array>

namespace crossfoot::extract_text {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct month_name {
    std::string_view text;
    int month;
};

constexpr std::array<month_name, 25> months = {{
    {"january", 1},  {"february", 2}, {"march", 3},     {"april", 4},    {"may", 5},
    {"june", 6},     {"july", 7},     {"august", 8},    {"september", 9}, {"october", 10},
    {"november", 11}, {"december", 12}, {"jan", 1},     {"feb", 2},      {"mar", 3},
    {"apr", 4},      {"jun", 6},      {"jul", 7},       {"aug", 8},      {"sep", 9},
    {"sept", 9},     {"oct", 10},     {"nov", 11},      {"dec", 12},     {"febr", 2},
}};

std::optional<int> month_of(std::string_view word) {
    const std::string lower = text::ascii_lower(word);
    for (const month_name& m : months) {
        if (m.text == lower) return m.month;
    }
    return std::nullopt;
}

// The ASCII digits at `pos` and their value; 0 digits when none.
struct digits {
    std::size_t count = 0;
    int value = 0;
};

digits digits_at(std::string_view text, std::size_t pos) {
    digits d;
    while (pos + d.count < text.size() && is_digit(text[pos + d.count]) && d.count < 9) {
        d.value = d.value * 10 + (text[pos + d.count] - '0');
        ++d.count;
    }
    return d;
}

bool accept(std::string_view text, std::size_t& pos, std::string_view word) {
    if (text.substr(pos).starts_with(word)) {
        pos += word.size();
        return true;
    }
    return false;
}

bool plausible_year(int y) { return y >= 1900 && y <= 2100; }

// "2024-09-28".
std::optional<date_match> iso_date(std::string_view text, std::size_t pos, const digits& year) {
    if (year.count != 4 || pos + 10 > text.size() || text[pos + 4] != '-' || text[pos + 7] != '-')
        return std::nullopt;
    const digits m = digits_at(text, pos + 5);
    const digits d = digits_at(text, pos + 8);
    if (m.count != 2 || d.count != 2 || m.value < 1 || m.value > 12 || d.value < 1 || d.value > 31)
        return std::nullopt;
    if (pos + 10 < text.size() && is_digit(text[pos + 10])) return std::nullopt;
    return date_match{pos, pos + 10, std::string(text.substr(pos, 10))};
}

// "2024年9月26日", "2024年9月", "2024年", "9月26日".
std::optional<date_match> cjk_date(std::string_view text, std::size_t pos, const digits& first) {
    std::size_t at = pos + first.count;
    int year = 0;
    if (accept(text, at, "年")) {
        if (!plausible_year(first.value) || first.count != 4) return std::nullopt;
        year = first.value;
        const digits m = digits_at(text, at);
        std::size_t after_month = at + m.count;
        if (m.count == 0 || m.value < 1 || m.value > 12 || !accept(text, after_month, "月"))
            return date_match{pos, at, fmt::format("{:04}", year)};
        const digits d = digits_at(text, after_month);
        std::size_t after_day = after_month + d.count;
        if (d.count == 0 || d.value < 1 || d.value > 31 ||
            !(accept(text, after_day, "日") || accept(text, after_day, "号")))
            return date_match{pos, after_month, fmt::format("{:04}-{:02}", year, m.value)};
        return date_match{pos, after_day, fmt::format("{:04}-{:02}-{:02}", year, m.value, d.value)};
    }
    if (first.count > 2 || first.value < 1 || first.value > 12 || !accept(text, at, "月"))
        return std::nullopt;
    const digits d = digits_at(text, at);
    std::size_t after_day = at + d.count;
    if (d.count == 0 || d.value < 1 || d.value > 31 ||
        !(accept(text, after_day, "日") || accept(text, after_day, "号")))
        return std::nullopt;  // "9月" alone: a month of an unknown year, left as it is
    return date_match{pos, after_day, fmt::format("--{:02}-{:02}", first.value, d.value)};
}

// The English word just before `pos` (over spaces and a full stop): its start and text.
std::optional<std::pair<std::size_t, std::string_view>> word_before(std::string_view text,
                                                                     std::size_t pos) {
    std::size_t end = pos;
    while (end > 0 && text[end - 1] == ' ') --end;
    if (end == pos) return std::nullopt;
    if (end > 0 && text[end - 1] == '.') --end;
    std::size_t start = end;
    while (start > 0 && is_letter(text[start - 1])) --start;
    if (start == end) return std::nullopt;
    return std::pair{start, text.substr(start, end - start)};
}

// ", 2024" or " 2024" after a day.
std::size_t year_after(std::string_view text, std::size_t at, int& year) {
    std::size_t p = at;
    accept(text, p, ",");
    while (p < text.size() && text[p] == ' ') ++p;
    const digits y = digits_at(text, p);
    if (y.count == 4 && plausible_year(y.value) && (p + 4 >= text.size() || !is_digit(text[p + 4]))) {
        year = y.value;
        return p + 4;
    }
    return at;
}

// "September 26", "Sept. 27, 2024", "September 2024".
std::optional<date_match> month_first(std::string_view text, std::size_t pos, const digits& first) {
    const auto before = word_before(text, pos);
    if (!before) return std::nullopt;
    const auto month = month_of(before->second);
    if (!month) return std::nullopt;
    const std::size_t after = pos + first.count;
    if (after < text.size() && (is_digit(text[after]) || is_letter(text[after]))) return std::nullopt;
    if (first.count == 4 && plausible_year(first.value))
        return date_match{before->first, after, fmt::format("{:04}-{:02}", first.value, *month)};
    if (first.count > 2 || first.value < 1 || first.value > 31) return std::nullopt;
    int year = 0;
    const std::size_t end = year_after(text, after, year);
    if (year == 0)
        return date_match{before->first, after, fmt::format("--{:02}-{:02}", *month, first.value)};
    return date_match{before->first, end, fmt::format("{:04}-{:02}-{:02}", year, *month, first.value)};
}

// "26 September 2024", "26 Sept".
std::optional<date_match> day_first(std::string_view text, std::size_t pos, const digits& first) {
    if (first.count > 2 || first.value < 1 || first.value > 31) return std::nullopt;
    std::size_t at = pos + first.count;
    if (at >= text.size() || text[at] != ' ') return std::nullopt;
    ++at;
    std::size_t end = at;
    while (end < text.size() && is_letter(text[end])) ++end;
    const auto month = month_of(text.substr(at, end - at));
    if (!month) return std::nullopt;
    if (end < text.size() && text[end] == '.') ++end;
    int year = 0;
    const std::size_t with_year = year_after(text, end, year);
    if (year == 0) return date_match{pos, end, fmt::format("--{:02}-{:02}", *month, first.value)};
    return date_match{pos, with_year, fmt::format("{:04}-{:02}-{:02}", year, *month, first.value)};
}

// "2022-26", "2022-2026", "2014-15": years, not a range of figures.
std::optional<date_match> year_span(std::string_view text, std::size_t pos, const digits& first) {
    if (first.count != 4 || !plausible_year(first.value)) return std::nullopt;
    std::size_t at = pos + 4;
    if (at >= text.size() || (text[at] != '-' && text.substr(at).rfind("–", 0) != 0)) return std::nullopt;
    at += text[at] == '-' ? 1 : std::string_view("–").size();
    const digits second = digits_at(text, at);
    if (second.count != 2 && second.count != 4) return std::nullopt;
    if (at + second.count < text.size() && (is_digit(text[at + second.count]) || text[at + second.count] == '-'))
        return std::nullopt;
    return date_match{pos, at + second.count, fmt::format("{:04}", first.value)};
}

}  // namespace

std::optional<date_match> date_at(std::string_view text, std::size_t pos) {
    const digits first = digits_at(text, pos);
    if (first.count == 0) return std::nullopt;
    if (auto d = iso_date(text, pos, first)) return d;
    if (auto d = year_span(text, pos, first)) return d;
    if (auto d = cjk_date(text, pos, first)) return d;
    if (auto d = month_first(text, pos, first)) return d;
    return day_first(text, pos, first);
}

std::optional<std::size_t> time_at(std::string_view text, std::size_t pos) {
    const digits h = digits_at(text, pos);
    std::size_t at = pos + h.count;
    if (h.count == 0 || h.count > 2 || h.value > 24 || at >= text.size() || text[at] != ':')
        return std::nullopt;
    const digits m = digits_at(text, at + 1);
    if (m.count != 2 || m.value > 59) return std::nullopt;
    at += 3;
    std::size_t p = at;
    while (p < text.size() && text[p] == ' ') ++p;
    for (const std::string_view suffix : {"a.m.", "p.m.", "am", "pm", "AM", "PM"}) {
        if (text.substr(p).starts_with(suffix)) return p + suffix.size();
    }
    return at;
}

}  // namespace crossfoot::extract_text
