// engine/extract/non_figures.cpp: the numbers of running text that state no figure.
// SPDX-License-Identifier: MIT
#include "non_figures.hpp"

#include <crossfoot/currency.hpp>

#include "core/text_reader.hpp"
#include "core/utf8.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>

namespace crossfoot::extract_text {

bool scale_follows(std::string_view text, std::size_t pos) {
    using text::is_digit;
    using text::is_latin_letter;
    std::size_t at = pos;
    while (at < text.size() && (is_digit(text[at]) || text[at] == ',' || text[at] == '.')) ++at;
    if (at < text.size() && (text[at] == ' ' || text[at] == '-')) ++at;
    std::size_t end = at;
    while (end < text.size() && is_latin_letter(text[end])) ++end;
    const std::string word = text::ascii_lower(text.substr(at, end - at));
    for (const std::string_view scale : {"thousand", "million", "billion", "trillion", "k", "m", "mn", "mln", "mil",
                                         "b", "bn", "bln", "bil", "tn", "trln"})
        if (word == scale) return true;
    return false;
}


namespace {

using namespace std::string_view_literals;

using text::is_digit;
using text::is_latin_letter;

std::size_t digits_end(std::string_view text, std::size_t pos) {
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    return pos;
}

struct unit_word {
    std::string_view text;
    bool latin;  // matched as a whole word, in any case
};

constexpr std::array<unit_word, 36> physical_units = {{
    {"square metres", true}, {"square meters", true}, {"square kilometres", true},
    {"square kilometers", true}, {"sq m", true}, {"hectares", true}, {"acres", true},
    {"megawatts", true}, {"gigawatts", true}, {"kilowatts", true}, {"kilometres", true},
    {"kilometers", true}, {"tonnes", true}, {"tons", true}, {"kWh", true}, {"MWh", true},
    {"GWh", true}, {"TWh", true}, {"MW", true}, {"GW", true}, {"kW", true}, {"km", true},
    {"km²", false}, {"m²", false}, {"㎡", false}, {"平方公里", false}, {"平方米", false},
    {"公顷", false}, {"千瓦时", false}, {"千瓦", false}, {"瓦", false}, {"吨", false},
    {"公里", false}, {"亩", false}, {"兆瓦", false}, {"万平方米", false},
}};

bool starts_with_unit(std::string_view rest, const unit_word& u) {
    if (!rest.starts_with(u.text)) return false;
    if (!u.latin) return true;
    return rest.size() == u.text.size() || !is_latin_letter(rest[u.text.size()]);
}


// "2nd", "21st", "4th".
std::optional<skip_match> ordinal(std::string_view text, std::size_t pos, std::size_t end) {
    for (const std::string_view suffix : {"st"sv, "nd"sv, "rd"sv, "th"sv}) {
        if (!text.substr(end).starts_with(suffix)) continue;
        const std::size_t after = end + 2;
        if (after < text.size() && is_latin_letter(text[after])) return std::nullopt;
        return skip_match{pos, after, "an ordinal"};
    }
    return std::nullopt;
}

// "第三届", "第3名": 第 before the number.
std::optional<skip_match> cjk_ordinal(std::string_view text, std::size_t pos) {
    constexpr std::string_view di = "第";
    if (pos < di.size() || text.substr(pos - di.size(), di.size()) != di) return std::nullopt;
    std::size_t end = pos;
    while (end < text.size()) {
        const std::size_t len = text::utf8_length(text[end]);
        const std::string_view ch = text.substr(end, len);
        if (is_digit(text[end]) || ch == "一" || ch == "二" || ch == "三" || ch == "四" ||
            ch == "五" || ch == "六" || ch == "七" || ch == "八" || ch == "九" || ch == "十" ||
            ch == "百")
            end += len;
        else
            break;
    }
    return skip_match{pos - di.size(), end, "an ordinal"};
}

// "5+5+1": numbers joined by "+" name a plan or a fund, they add nothing.
std::optional<skip_match> joined_by_plus(std::string_view text, std::size_t pos, std::size_t end) {
    if (end + 1 >= text.size() || text[end] != '+' || !is_digit(text[end + 1])) return std::nullopt;
    std::size_t at = end;
    while (at + 1 < text.size() && text[at] == '+' && is_digit(text[at + 1])) at = digits_end(text, at + 1);
    return skip_match{pos, at, "a name of numbers joined by '+'"};
}

// "+86 519 8888 1234", "0519-8888-1234", "(010) 6512 3456": groups of digits, eight or more in
// all, joined by spaces or hyphens.
std::optional<skip_match> phone_number(std::string_view text, std::size_t pos, std::size_t end) {
    std::size_t begin = pos;
    if (begin > 0 && text[begin - 1] == '+') --begin;
    if (begin > 0 && text[begin - 1] == '(') --begin;
    std::size_t total = end - pos;
    std::size_t groups = 1;
    std::size_t at = end;
    if (at < text.size() && text[at] == ')') ++at;
    while (at + 1 < text.size() && (text[at] == ' ' || text[at] == '-') && is_digit(text[at + 1])) {
        const std::size_t next = digits_end(text, at + 1);
        if (next - at - 1 < 2 || next - at - 1 > 4) break;
        total += next - at - 1;
        ++groups;
        at = next;
    }
    const bool plus = begin < pos && text[begin] == '+';
    if (total >= 8 && (groups >= 3 || (plus && groups >= 2)))
        return skip_match{begin, at, "a phone number"};
    return std::nullopt;
}

// "1." "2)" "3、" at a line's start.
std::optional<skip_match> list_number(std::string_view text, std::size_t pos, std::size_t end) {
    std::size_t line = pos;
    while (line > 0 && (text[line - 1] == ' ' || text[line - 1] == '\t' || text[line - 1] == '('))
        --line;
    if (line > 0 && text[line - 1] != '\n') return std::nullopt;
    if (end - pos > 2 || end >= text.size()) return std::nullopt;
    const std::string_view rest = text.substr(end);
    for (const std::string_view mark : {". "sv, ") "sv, "、"sv, "．"sv}) {
        if (rest.starts_with(mark)) return skip_match{line, end + mark.size(), "list numbering"};
    }
    return std::nullopt;
}

// "A380", "COVID-19", "H.10": digits attached to a name.
std::optional<skip_match> in_a_code(std::string_view text, std::size_t pos, std::size_t end) {
    if (pos == 0) return std::nullopt;
    const char before = text[pos - 1];
    const bool attached = is_latin_letter(before) ||
                          ((before == '-' || before == '.') && pos >= 2 && is_latin_letter(text[pos - 2]) &&
                           !(pos >= 3 && text.substr(pos - 3, 3) == "US$"));
    if (!attached) return std::nullopt;
    std::size_t begin = pos - 1;
    while (begin > 0 && (is_latin_letter(text[begin - 1]) || text[begin - 1] == '-' || text[begin - 1] == '.')) --begin;
    // A currency written against the number ("RMB5", "USD5") is no code; a one-letter sign
    // is one only before a scale ("P950 billion", "R1.5 billion"; not "P500", "R1").
    const std::string_view letters = text.substr(begin, pos - begin);
    if (!currency_candidates(letters).empty() && (letters.size() > 1 || scale_follows(text, pos))) return std::nullopt;
    return skip_match{begin, end, "part of a name or code"};
}

// Rankings and stock indices named by a number: "Fortune 500 companies", "Fortune Global 500",
// "S&P 500", "FTSE 100". The number names the list, even before a counted noun: the 500 of
// "12 projects from Fortune 500 companies" is no count of companies.
constexpr std::array<std::string_view, 16> list_names = {
    "Fortune", "Global", "World", "Forbes", "S&P", "FTSE", "Nasdaq", "NASDAQ",
    "Russell", "Nikkei", "CSI", "DAX", "CAC", "STOXX", "Stoxx", "ASX"};

std::optional<skip_match> in_a_list_name(std::string_view text, std::size_t pos, std::size_t end) {
    if (pos < 2 || text[pos - 1] != ' ') return std::nullopt;
    std::size_t word = pos - 1;
    while (word > 0 && (is_latin_letter(text[word - 1]) || text[word - 1] == '&')) --word;
    if (word > 0 && is_latin_letter(text[word - 1])) return std::nullopt;
    const std::string_view name = text.substr(word, pos - 1 - word);
    if (std::find(list_names.begin(), list_names.end(), name) == list_names.end()) return std::nullopt;
    if (end + 1 < text.size() && (text[end] == '.' || text[end] == ',') && is_digit(text[end + 1]))
        return std::nullopt;  // "World 5,000", "Global 1.5": a figure goes on
    // "Global 5 billion yuan of orders": a scale, a currency or a percentage makes it a figure.
    std::size_t at = end;
    while (at < text.size() && text[at] == ' ') ++at;
    std::size_t word_end = at;
    while (word_end < text.size() && (is_latin_letter(text[word_end]) || text[word_end] == '$')) ++word_end;
    const std::string_view next = text.substr(at, word_end - at);
    for (const std::string_view scale : {"thousand"sv, "million"sv, "billion"sv, "trillion"sv, "mn"sv, "bn"sv, "m"sv,
                                         "b"sv, "k"sv, "percent"sv, "per"sv, "pct"sv})
        if (next == scale) return std::nullopt;
    if (at < text.size() && (text[at] == '%' || !currency_candidates(next).empty() ||
                             !currency_candidates(text.substr(at, 3)).empty()))
        return std::nullopt;
    return skip_match{pos, end, "part of a name"};
}

// "世界500强", "中国企业500强", "前10强": a number before 强 names a ranking, not a count. (The
// Japanese 強 after a number is "just over": "100強" is a qualifier, read as such.)
std::optional<skip_match> ranking(std::string_view text, std::size_t end) {
    constexpr std::string_view strong = "强";
    if (text.substr(end).starts_with(strong)) return skip_match{0, end + strong.size(), "a ranking (…强)"};
    return std::nullopt;
}

// "1/2 ページ", "2/5页", "1/2 page": the page a web page or print shows of how many.
std::optional<skip_match> page_of_pages(std::string_view text, std::size_t pos, std::size_t end) {
    if (end + 1 >= text.size() || text[end] != '/' || !is_digit(text[end + 1])) return std::nullopt;
    const std::size_t last = digits_end(text, end + 1);
    std::size_t at = last;
    while (at < text.size() && text[at] == ' ') ++at;
    const std::string_view rest = text.substr(at);
    for (const std::string_view word : {"ページ"sv, "页"sv, "頁"sv, "page"sv, "Page"sv}) {
        if (rest.starts_with(word)) return skip_match{pos, last, "a page number"};
    }
    return std::nullopt;
}

// A web address ends at a space, a line's end, a closing bracket or a full-width character.
bool ends_web_address(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= ' ' || u >= 0x80U || c == ')' || c == ']' || c == '>' || c == '"' || c == '\'';
}

}  // namespace

std::optional<skip_match> web_address_at(std::string_view text, std::size_t pos) {
    const std::string_view rest = text.substr(pos);
    if (!rest.starts_with("http://") && !rest.starts_with("https://") && !rest.starts_with("www."))
        return std::nullopt;
    std::size_t end = pos;
    bool digit = false;
    for (; end < text.size() && !ends_web_address(text[end]); ++end) {
        if (is_digit(text[end])) digit = true;
    }
    // A sentence's full stop or comma after the address is not part of it.
    while (end > pos && (text[end - 1] == '.' || text[end - 1] == ',')) --end;
    if (!digit) return std::nullopt;
    return skip_match{pos, end, "a web address"};
}

// "股票代码：300310", "code 300310": a security's code.
std::optional<skip_match> security_code(std::string_view text, std::size_t pos) {
    std::size_t at = pos;
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == ':')) --at;
    for (const std::string_view word : {"代码："sv, "代码"sv, "代號"sv, "コード"sv, "code"sv, "Code"sv}) {
        if (text.substr(0, at).ends_with(word)) return skip_match{pos, digits_end(text, pos), "a code"};
    }
    return std::nullopt;
}

// "100 MW", "10,000 square metres", "50兆瓦": a number and a unit of physical quantity.
std::optional<skip_match> physical_quantity(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    while (end < text.size() && (is_digit(text[end]) || text[end] == ',' || text[end] == '.')) ++end;
    while (end > pos && (text[end - 1] == ',' || text[end - 1] == '.')) --end;
    std::size_t at = end;
    while (at < text.size() && text[at] == ' ') ++at;
    const std::string_view rest = text.substr(at);
    for (const unit_word& u : physical_units) {
        if (starts_with_unit(rest, u))
            return skip_match{pos, at + u.text.size(), "a physical quantity (" + std::string(u.text) + ")"};
    }
    return std::nullopt;
}

std::optional<skip_match> non_figure_at(std::string_view text, std::size_t pos) {
    if (auto m = cjk_ordinal(text, pos)) return m;
    if (auto m = security_code(text, pos)) return m;
    if (pos < text.size() && is_digit(text[pos])) {
        if (auto m = physical_quantity(text, pos)) return m;
    }
    if (pos >= text.size() || !is_digit(text[pos])) return std::nullopt;
    const std::size_t end = digits_end(text, pos);
    if (auto m = ordinal(text, pos, end)) return m;
    if (auto m = joined_by_plus(text, pos, end)) return m;
    if (auto m = phone_number(text, pos, end)) return m;
    if (auto m = list_number(text, pos, end)) return m;
    if (auto m = page_of_pages(text, pos, end)) return m;
    if (auto m = in_a_list_name(text, pos, end)) return m;
    if (auto m = ranking(text, end)) {
        m->begin = pos;
        return m;
    }
    return in_a_code(text, pos, end);
}

std::optional<std::string> non_figure_around(std::string_view text, std::size_t begin,
                                             std::size_t end) {
    constexpr std::string_view per_share_before = "每股";
    if (begin >= per_share_before.size() &&
        text.substr(begin - per_share_before.size(), per_share_before.size()) == per_share_before)
        return "a per-share price";
    std::size_t at = end;
    while (at < text.size() && text[at] == ' ') ++at;
    const std::string_view rest = text.substr(at);
    for (const std::string_view share : {"per share"sv, "a share"sv, "/share"sv, "per ADS"sv}) {
        if (rest.starts_with(share)) return "a per-share price";
    }
    // "兆瓦" after a number the reader took with 兆 as 10^12: the 瓦 shows it was power.
    for (const unit_word& u : physical_units) {
        if (starts_with_unit(rest, u)) return "a physical quantity (" + std::string(u.text) + ")";
    }
    return std::nullopt;
}

}  // namespace crossfoot::extract_text
