// engine/extract/dates.cpp: recognising dates and times around a number.
// SPDX-License-Identifier: MIT
#include "dates.hpp"

#include "core/numerals.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <span>

namespace crossfoot::extract_text {

namespace {

using namespace std::string_view_literals;

using text::is_digit;
using text::is_latin_letter;

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
    if (word.size() < 3 || word.size() > 9) return std::nullopt;
    char lower[9];
    for (std::size_t i = 0; i < word.size(); ++i)
        lower[i] = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    const std::string_view key(lower, word.size());
    for (const month_name& m : months) {
        if (m.text == key) return m.month;
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
    return date_match{pos, pos + 10, year.value, m.value, d.value, 0};
}

// The spaces a PDF's text may hold inside a CJK date ("平成 28 年 8 月 2 日"), from `at` on.
std::size_t past_spaces(std::string_view text, std::size_t at) {
    while (at < text.size() && text[at] == ' ') ++at;
    return at;
}

struct japanese_era {
    std::string_view name;
    int base;  // the year before its first: 平成1年 is 1989
};

constexpr std::array<japanese_era, 3> eras = {{{"平成", 1988}, {"令和", 2018}, {"昭和", 1925}}};

// The era named just before the digits at `pos`, over spaces, and where its name begins.
std::optional<std::pair<japanese_era, std::size_t>> era_before(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    while (end > 0 && text[end - 1] == ' ') --end;
    for (const japanese_era& e : eras) {
        if (end >= e.name.size() && text.substr(end - e.name.size(), e.name.size()) == e.name)
            return std::pair{e, end - e.name.size()};
    }
    return std::nullopt;
}

// A CJK year: "2024年", "2022年度", after an era name "平成29年度"; "29年度" and "5年度" without
// their era are read in the era of the dates before (`era_year`), 20xx for two digits when none
// was named (a company's "21年度"). Sets `at` past the year; fills the date's year, era and
// begin.
bool cjk_year(std::string_view text, std::size_t pos, const digits& first, std::size_t& at, date_match& out) {
    at = past_spaces(text, pos + first.count);
    if (!accept(text, at, "年")) return false;
    const bool fiscal = accept(text, at, "度");
    if (const auto era = era_before(text, pos)) {
        out.year = era->first.base + first.value;
        out.era = era->first.base;
        out.begin = era->second;
        return true;
    }
    if (at != pos + first.count + (fiscal ? "年度"sv.size() : "年"sv.size())) return false;  // spaces: only after an era
    if (first.count == 4 && plausible_year(first.value)) {
        out.year = first.value;
        return true;
    }
    // "21年度", "5年度": a fiscal year of an era left unwritten; "10年" alone is ten years.
    if (fiscal && first.count <= 2 && first.value >= 1) {
        out.era_year = first.value;
        out.year = first.count == 2 ? 2000 + first.value : 0;
        return true;
    }
    return false;
}

// "1-5月", "1～5月", "1至5月": the months up to the last.
std::optional<std::pair<std::size_t, int>> month_span(std::string_view text, std::size_t at) {
    for (const std::string_view dash : {"-"sv, "—"sv, "～"sv, "~"sv, "至"sv, "到"sv, "－"sv}) {
        std::size_t p = at;
        if (!accept(text, p, dash)) continue;
        const digits last = digits_at(text, p);
        p += last.count;
        if (last.count == 0 || last.value < 1 || last.value > 12 || !accept(text, p, "月")) return std::nullopt;
        return std::pair{p, last.value};
    }
    return std::nullopt;
}

// "2024年9月26日", "2024年9月", "2024年", "9月26日", "5月", "5月末", "11日", "1-5月", "前5个月".
std::optional<date_match> cjk_date(std::string_view text, std::size_t pos, const digits& first) {
    std::size_t at = 0;
    date_match out{pos, pos, 0, 0, 0, 0};
    if (cjk_year(text, pos, first, at, out)) {
        out.end = at;
        const std::size_t month_at = out.era != 0 ? past_spaces(text, at) : at;
        const digits m = digits_at(text, month_at);
        std::size_t after_month = month_at + m.count;
        if (out.era != 0) after_month = past_spaces(text, after_month);
        if (m.count == 0 || m.value < 1 || m.value > 12) return out;
        if (const auto span = month_span(text, after_month)) {  // "2020年1-5月"; 1-12月 is the year
            out.month = m.value == 1 && span->second == 12 ? 0 : span->second;
            out.end = span->first;
            return out;
        }
        if (!accept(text, after_month, "月")) return out;
        out.month = m.value;
        out.end = after_month;
        const std::size_t day_at = out.era != 0 ? past_spaces(text, after_month) : after_month;
        const digits d = digits_at(text, day_at);
        std::size_t after_day = day_at + d.count;
        if (out.era != 0) after_day = past_spaces(text, after_day);
        if (d.count == 0 || d.value < 1 || d.value > 31 ||
            !(accept(text, after_day, "日") || accept(text, after_day, "号")))
            return out;
        out.day = d.value;
        out.end = after_day;
        return out;
    }
    at = pos + first.count;
    if (first.count <= 2 && first.value >= 1 && first.value <= 12) {
        if (const auto span = month_span(text, at)) {
            out.month = span->second;
            out.end = span->first;
            return out;
        }
    }
    const bool before = pos >= std::string_view("前").size() && text.substr(pos - 3, 3) == "前";
    if (before && first.value >= 1 && first.value <= 12) {  // "前5月", "前4个月"
        std::size_t p = at;
        accept(text, p, "个");
        if (accept(text, p, "月") || accept(text, p, "ヶ月") || accept(text, p, "カ月")) {
            out.begin = pos - 3;
            out.month = first.value;
            out.end = p;
            return out;
        }
    }
    if (first.count <= 2 && first.value >= 1 && first.value <= 12 && accept(text, at, "月")) {
        out.month = first.value;
        out.end = at;
        const digits d = digits_at(text, at);
        std::size_t after_day = at + d.count;
        if (d.count > 0 && d.value >= 1 && d.value <= 31 &&
            (accept(text, after_day, "日") || accept(text, after_day, "号"))) {
            out.day = d.value;
            out.end = after_day;
        }
        return out;
    }
    if (first.count <= 2 && first.value >= 1 && first.value <= 31 &&
        (accept(text, at, "日") || accept(text, at, "号"))) {
        out.day = first.value;
        out.end = at;
        return out;
    }
    return std::nullopt;
}

// The English word just before `pos` (over spaces and a full stop): its start and text.
std::optional<std::pair<std::size_t, std::string_view>> word_before(std::string_view text,
                                                                     std::size_t pos) {
    std::size_t end = pos;
    while (end > 0 && text[end - 1] == ' ') --end;
    if (end == pos) return std::nullopt;
    if (end > 0 && text[end - 1] == '.') --end;
    std::size_t start = end;
    while (start > 0 && is_latin_letter(text[start - 1])) --start;
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
    if (after < text.size() && (is_digit(text[after]) || is_latin_letter(text[after]))) return std::nullopt;
    if (first.count == 4 && plausible_year(first.value))
        return date_match{before->first, after, first.value, *month, 0, 0};
    if (first.count > 2 || first.value < 1 || first.value > 31) return std::nullopt;
    int year = 0;
    const std::size_t end = year_after(text, after, year);
    return date_match{before->first, end, year, *month, first.value, 0};
}

// "26 September 2024", "26 Sept".
std::optional<date_match> day_first(std::string_view text, std::size_t pos, const digits& first) {
    if (first.count > 2 || first.value < 1 || first.value > 31) return std::nullopt;
    std::size_t at = pos + first.count;
    if (at >= text.size() || text[at] != ' ') return std::nullopt;
    ++at;
    std::size_t end = at;
    while (end < text.size() && is_latin_letter(text[end])) ++end;
    const auto month = month_of(text.substr(at, end - at));
    if (!month) return std::nullopt;
    if (end < text.size() && text[end] == '.') ++end;
    int year = 0;
    const std::size_t with_year = year_after(text, end, year);
    return date_match{pos, with_year, year, *month, first.value, 0};
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
    return date_match{pos, at + second.count, first.value, 0, 0, 0};
}

// "一季度", "第三季度", "1季度", "第1四半期": a quarter (its year from the dates before).
std::optional<date_match> cjk_quarter(std::string_view text, std::size_t pos) {
    constexpr std::pair<std::string_view, int> numbers[] = {
        {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"1", 1}, {"2", 2}, {"3", 3}, {"4", 4}};
    for (const auto& [n, q] : numbers) {
        std::size_t at = pos;
        if (!accept(text, at, n)) continue;
        if (!(accept(text, at, "季度") || accept(text, at, "四半期"))) return std::nullopt;
        const std::size_t begin = pos >= 3 && text.substr(pos - 3, 3) == "第" ? pos - 3 : pos;
        return date_match{begin, at, 0, 0, 0, q};
    }
    return std::nullopt;
}

// "Q3", "Q3 2020", "2020 Q3" (the year before is read as its own date).
std::optional<date_match> q_quarter(std::string_view text, std::size_t pos, const digits& first) {
    if (pos == 0 || text[pos - 1] != 'Q' || first.count != 1 || first.value < 1 || first.value > 4)
        return std::nullopt;
    if (pos >= 2 && is_latin_letter(text[pos - 2])) return std::nullopt;
    std::size_t at = pos + 1;
    if (at < text.size() && (is_digit(text[at]) || is_latin_letter(text[at]))) return std::nullopt;
    int year = 0;
    const std::size_t end = year_after(text, at, year);
    return date_match{pos - 1, end, year, 0, 0, first.value};
}

}  // namespace

bool day_exists(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return false;
    const std::chrono::year y{year != 0 ? year : 2000};  // 2000: a leap year, for 29 February
    return day <= static_cast<int>(unsigned{(y / std::chrono::month{static_cast<unsigned>(month)} / std::chrono::last).day()});
}

namespace {

std::optional<date_match> any_date_at(std::string_view text, std::size_t pos) {
    if (auto q = cjk_quarter(text, pos)) return q;
    const digits first = digits_at(text, pos);
    if (first.count == 0) return std::nullopt;
    if (auto q = q_quarter(text, pos, first)) return q;
    if (auto d = iso_date(text, pos, first)) return d;
    if (auto d = year_span(text, pos, first)) return d;
    if (auto d = cjk_date(text, pos, first)) return d;
    if (auto d = month_first(text, pos, first)) return d;
    return day_first(text, pos, first);
}

}  // namespace

std::string_view era_name(int base) {
    const auto it = std::find_if(eras.begin(), eras.end(), [&](const japanese_era& e) { return e.base == base; });
    return it == eras.end() ? std::string_view() : it->name;
}

std::optional<date_match> date_at(std::string_view text, std::size_t pos) {
    auto d = any_date_at(text, pos);
    if (d && d->month != 0 && d->day != 0 && !day_exists(d->year, d->month, d->day)) return std::nullopt;
    return d;
}

namespace {

std::string_view word_at(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    while (end < text.size() && is_latin_letter(text[end])) ++end;
    return text.substr(pos, end - pos);
}

// " of 2022", " 2023": the year after a quarter or a half.
std::size_t year_of(std::string_view text, std::size_t at, int& year) {
    std::size_t p = at;
    if (text.substr(p).starts_with(" of ")) p += 3;
    const std::size_t end = year_after(text, p, year);
    return year != 0 ? end : at;
}

// "first nine months of 2014", "first 10 months", "first three quarters": a period from the
// year's start, read as the year (as "January-September 2014" is). `at` is past "first ".
std::optional<date_match> first_months(std::string_view text, std::size_t pos, std::size_t at) {
    const digits d = digits_at(text, at);
    std::size_t after = at + d.count;
    if (d.count == 0) {  // "two" to "twelve"
        const std::string lower = text::ascii_lower(word_at(text, at));
        const auto counts = std::span(numerals::number_words).subspan(2, 11);
        if (std::find(counts.begin(), counts.end(), lower) == counts.end()) return std::nullopt;
        after = at + lower.size();
    } else if (d.count > 2 || d.value < 2 || d.value > 12) {
        return std::nullopt;
    }
    if (after >= text.size() || text[after] != ' ') return std::nullopt;
    const std::string unit = text::ascii_lower(word_at(text, after + 1));
    if (unit != "months" && unit != "quarters") return std::nullopt;
    int year = 0;
    const std::size_t end = year_of(text, after + 1 + unit.size(), year);
    return date_match{pos, end, year, 0, 0, 0};
}

std::optional<date_match> quarter_words(std::string_view text, std::size_t pos) {
    constexpr std::pair<std::string_view, int> ordinals[] = {{"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}};
    const std::string_view written = word_at(text, pos);
    if (written.size() < 5 || written.size() > 6) return std::nullopt;  // no ordinal above
    const std::string lower = text::ascii_lower(written);
    for (const auto& [word, n] : ordinals) {
        if (lower != word) continue;
        std::size_t at = pos + word.size();
        if (at >= text.size() || (text[at] != ' ' && text[at] != '-')) return std::nullopt;
        ++at;
        const std::string next = text::ascii_lower(word_at(text, at));
        if (next == "quarter") {
            int year = 0;
            const std::size_t end = year_of(text, at + next.size(), year);
            return date_match{pos, end, year, 0, 0, n};
        }
        if (next == "half" && n <= 2) {
            int year = 0;
            const std::size_t end = year_of(text, at + next.size(), year);
            return date_match{pos, end, year, 0, 0, 0};
        }
        if (n == 1) return first_months(text, pos, at);
        return std::nullopt;
    }
    return std::nullopt;
}

// "January-June 2014", "July-September": a quarter when it spans one, else the year.
std::optional<date_match> month_words(std::string_view text, std::size_t pos) {
    const std::string_view first = word_at(text, pos);
    if (first.size() < 3) return std::nullopt;
    std::size_t at = pos + first.size();
    bool joined = false;
    for (const std::string_view dash : {"-"sv, "–"sv, " to "sv, "—"sv}) {
        if (accept(text, at, dash)) {
            joined = true;
            break;
        }
    }
    if (!joined) return std::nullopt;  // most words are joined to nothing: asked first
    const auto from = month_of(first);
    if (!from) return std::nullopt;
    const std::string_view second = word_at(text, at);
    const auto to = month_of(second);
    if (!to || second.size() < 3 || *to <= *from) return std::nullopt;
    int year = 0;
    const std::size_t end = year_after(text, at + second.size(), year);
    const bool quarter = (*from - 1) % 3 == 0 && *to == *from + 2;
    return date_match{pos, end, year, 0, 0, quarter ? (*from + 2) / 3 : 0};
}

}  // namespace

std::optional<date_match> word_date_at(std::string_view text, std::size_t pos) {
    if (pos > 0 && is_latin_letter(text[pos - 1])) return std::nullopt;
    // Only ordinals (first ... fourth) and month names begin these dates.
    const char c = static_cast<char>(text[pos] | 0x20);
    if (c != 'f' && c != 's' && c != 't' && c != 'j' && c != 'm' && c != 'a' && c != 'o' && c != 'n' && c != 'd')
        return std::nullopt;
    if (auto q = quarter_words(text, pos)) return q;
    return month_words(text, pos);
}

std::optional<std::size_t> time_at(std::string_view text, std::size_t pos) {
    const digits h = digits_at(text, pos);
    std::size_t at = pos + h.count;
    if (h.count == 0 || h.count > 2 || h.value > 24 || at >= text.size() || text[at] != ':')
        return std::nullopt;
    const digits m = digits_at(text, at + 1);
    if (m.count != 2 || m.value > 59) return std::nullopt;
    at += 3;
    if (at + 2 < text.size() && text[at] == ':') {  // "15:53:07": seconds
        const digits sec = digits_at(text, at + 1);
        if (sec.count == 2 && sec.value <= 60) at += 3;
    }
    std::size_t p = at;
    while (p < text.size() && text[p] == ' ') ++p;
    for (const std::string_view suffix : {"a.m."sv, "p.m."sv, "am"sv, "pm"sv, "AM"sv, "PM"sv}) {
        if (text.substr(p).starts_with(suffix)) return p + suffix.size();
    }
    return at;
}

}  // namespace crossfoot::extract_text
