// engine/extract/extract.cpp: finding every figure of a text with the figure parser.
// SPDX-License-Identifier: MIT
#include <crossfoot/extract.hpp>

#include "core/figure_words.hpp"
#include "core/numerals.hpp"
#include "core/text.hpp"
#include "core/text_reader.hpp"
#include "core/utf8.hpp"
#include "dates.hpp"
#include "non_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <array>
#include <span>
#include <variant>

namespace crossfoot {

namespace {

using namespace std::string_view_literals;

using extract_text::date_match;
using extract_text::skip_match;

using text::is_digit;
using text::is_latin_letter;
bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80U; }


using text::lower;

// "five" at a word's start; "one" only with a unit after it (it is too often no number).
bool number_word_at(std::string_view text, std::size_t pos) {
    if (pos > 0 && is_latin_letter(text[pos - 1])) return false;
    const char first = lower(text[pos]);
    if (first != 't' && first != 'f' && first != 's' && first != 'e' && first != 'n') return false;
    // "zero" and "one" are too often no number in running text.
    for (const std::string_view w : std::span(numerals::number_words).subspan(2)) {
        if (w.front() != first || text.size() - pos < w.size()) continue;
        bool same = true;
        for (std::size_t i = 1; i < w.size() && same; ++i) same = lower(text[pos + i]) == w[i];
        if (!same) continue;
        const std::size_t end = pos + w.size();
        if (end == text.size() || !is_latin_letter(text[end])) return true;
    }
    return false;
}

// "one-fifth", "two-thirds": a hyphenated fraction names a share; "a fifth" and "half" are too
// often something else in running text.
bool fraction_word_at(std::string_view text, std::size_t pos) {
    if (pos > 0 && is_latin_letter(text[pos - 1])) return false;
    std::size_t hyphen = pos;  // most words have no hyphen after them: no fraction
    while (hyphen < text.size() && is_latin_letter(text[hyphen])) ++hyphen;
    if (hyphen == text.size() || text[hyphen] != '-') return false;
    static const std::vector<std::string_view> hyphenated = [] {
        std::vector<std::string_view> out;
        for (const figure_words::fraction_word& f : figure_words::fractions)
            if (f.text.find('-') != std::string_view::npos) out.push_back(f.text);
        return out;
    }();
    for (const std::string_view w : hyphenated) {
        if (text.size() - pos < w.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < w.size() && same; ++i) same = lower(text[pos + i]) == w[i];
        if (same) return true;
    }
    return false;
}

// Where a number may start: the first digit of a run, a full-width digit, a CJK numeral, an
// English number word.
bool number_starts_at(std::string_view text, std::size_t pos) {
    const char c = text[pos];
    if (is_digit(c)) return pos == 0 || !(is_digit(text[pos - 1]) || ((text[pos - 1] == '.' || text[pos - 1] == ',') && pos >= 2 && is_digit(text[pos - 2])));
    if (is_latin_letter(c)) return number_word_at(text, pos) || fraction_word_at(text, pos);
    if (is_ascii(c)) return false;
    return numerals::starts_cjk_number(text.substr(pos));
}

// Whether a character is a Chinese ideograph or a kana (U+3040 to U+9FFF, lead bytes E3 to E9).
bool cjk_or_kana(std::string_view character) {
    const auto lead = static_cast<unsigned char>(character.empty() ? 0 : character.front());
    return lead >= 0xE3 && lead <= 0xE9;
}

// One character that is a sign, not a letter or a word: "₹", "€", "￥" (not "元").
bool is_sign_character(std::string_view character) {
    return !character.empty() && !is_ascii(character.front()) &&
           character.size() == text::utf8_length(character.front()) && !cjk_or_kana(character);
}

// Where a figure's words may begin before its number: up to five English words ("a decrease
// of more than 15%", "rose by more than 5%"), or up to six Chinese or Japanese characters,
// within the sentence.
std::vector<std::size_t> left_starts(std::string_view text, std::size_t pos) {
    std::vector<std::size_t> out;
    std::size_t at = pos;
    // A unit or sign written against the number ("US$5", "€2.5m", "RMB5", "-4%").
    while (at > 0 && !utf8::continuation(text[at - 1]) && is_ascii(text[at - 1]) &&
           text[at - 1] != ' ' && text[at - 1] != '\n' && text[at - 1] != '(' && text[at - 1] != ',' &&
           text[at - 1] != '.' && text[at - 1] != ';' && text[at - 1] != ':' && text[at - 1] != '"')
        --at;
    if (at < pos) out.push_back(at);
    // A currency's sign a space before the number: "₹ 4.39 lakh crore", "US$ 43.34 billion";
    // a sign, not a letter ("up 73") nor the end of a Chinese word ("单位：亿元 120.5"), and
    // standing on its own.
    if (at == pos && at > 1 && text[at - 1] == ' ') {
        std::size_t p = at - 1;
        while (p > 0 && text[p - 1] == ' ') --p;
        std::size_t symbol = p > 0 ? utf8::previous(text, p) : p;
        const bool sign = symbol < p && (text[symbol] == '$' || is_sign_character(text.substr(symbol, p - symbol)));
        if (sign && text[symbol] == '$') {
            while (symbol > 0 && is_latin_letter(text[symbol - 1])) --symbol;  // US$, HK$, NZ$
        }
        const bool alone = symbol == 0 || text[symbol - 1] == ' ' || text[symbol - 1] == '\n' || text[symbol - 1] == '(';
        if (sign && alone && !currency_candidates(text.substr(symbol, p - symbol)).empty()) out.push_back(symbol);
    }
    if (at > 0 && (text[at - 1] == ' ' || !is_ascii(text[at - 1]))) {
        std::size_t p = at;
        for (int words = 0; words < 5 && p > 0; ++words) {
            while (p > 0 && text[p - 1] == ' ') --p;
            if (p > 1 && text[p - 1] == '.' && is_latin_letter(text[p - 2])) --p;  // "Rs. 500"
            if (p == 0 || !is_latin_letter(text[p - 1])) break;
            while (p > 0 && (is_latin_letter(text[p - 1]) || text[p - 1] == '-' || text[p - 1] == '$')) --p;
            out.push_back(p);
        }
        p = at;
        for (int chars = 0; chars < 6 && p > 0 && !is_ascii(text[p - 1]); ++chars) {
            p = utf8::previous(text, p);
            const std::string_view ch = text.substr(p, text::utf8_length(text[p]));
            if (ch == "，"sv || ch == "。"sv || ch == "、"sv || ch == "；"sv || ch == "："sv ||
                ch == "（"sv || ch == "「"sv || ch == "“"sv)
                break;
            out.push_back(p);
        }
    }
    std::sort(out.begin(), out.end());  // farthest first
    return out;
}

mention_kind kind_of(const written_figure& f) {
    if (f.kind == figure_kind::rate) return mention_kind::rate;
    if (f.high) return mention_kind::range;
    if (f.kind == figure_kind::change) return mention_kind::change;
    if (f.kind == figure_kind::percent) return mention_kind::percent;
    return f.value.unit().is_currency() ? mention_kind::money : mention_kind::count;
}

// "from 101 trillion yuan to 114 trillion yuan", "从…到…": two figures, not a range.
bool after_from(std::string_view text, std::size_t begin) {
    std::size_t end = begin;
    while (end > 0 && text[end - 1] == ' ') --end;
    const std::string_view before = text.substr(0, end);
    return before.ends_with(" from") || before.ends_with("From") || before.ends_with("从") ||
           before.ends_with("由") || before == "from";
}

// The year and month a text has reached, for dates that leave them out ("11日", "5月").
struct date_context {
    int year = 0;
    int month = 0;
    int document_year = 0;  // what 昨年 and 今年 count from
    int era = 0;            // the base year of the last Japanese era named: 1988 after 平成30年度
};

// "29年度" after "平成30年度" is 平成29年度 (2017); "5年度" after "令和6年度" is 令和5年度 (2023).
// A Western year in between ends the era's run. Without an era before, two digits are 20xx
// and one digit no date (nothing to read it in).
std::optional<date_match> in_era(date_match d, date_context& context) {
    if (d.era != 0) context.era = d.era;
    else if (d.era_year == 0 && d.year != 0) context.era = 0;  // "2024年度" ends the era's run
    if (d.era_year == 0) return d;
    if (context.era != 0) {
        d.year = context.era + d.era_year;
        d.era = context.era;
    }
    if (d.year == 0) return std::nullopt;
    return d;
}

// "昨年10月", "今年6月11日", "去年": a year counted from the document's, and perhaps a month and a
// day after it.
std::optional<date_match> relative_year(std::string_view text, std::size_t pos, const date_context& context) {
    if (context.document_year == 0) return std::nullopt;
    constexpr std::pair<std::string_view, int> words[] = {
        {"昨年", -1}, {"去年", -1}, {"今年", 0}, {"本年", 0}, {"来年", 1}, {"明年", 1}};
    for (const auto& [word, offset] : words) {
        if (!text.substr(pos).starts_with(word)) continue;
        const std::size_t after = pos + word.size();
        date_match d{pos, after, context.document_year + offset, 0, 0, 0};
        if (after < text.size() && is_digit(text[after])) {
            if (const auto rest = extract_text::date_at(text, after); rest && rest->begin == after && rest->year == 0) {
                d.month = rest->month;
                d.day = rest->day;
                d.quarter = rest->quarter;
                d.end = rest->end;
            }
        }
        return d;
    }
    return std::nullopt;
}

// "2024-09-26", "2024-09", "2024-Q3", "2024"; parts left out come from the dates before, and a
// part still unknown is written "--": "--09-26".
std::string render(const date_match& d, date_context& context, std::vector<std::string>& notes) {
    int year = d.year;
    int month = d.month;
    if (d.era_year != 0 && d.era != 0) {
        notes.push_back(fmt::format("{}{}年度: the era of the dates before", extract_text::era_name(d.era), d.era_year));
    }
    if (year == 0 && context.year != 0 && (month != 0 || d.day != 0 || d.quarter != 0)) {
        // 2月29日 in a year without one is left without its year
        if (d.day == 0 || month == 0 || extract_text::day_exists(context.year, month, d.day)) {
            year = context.year;
            notes.push_back(fmt::format("year {} from the dates before", year));
        }
    }
    // "31日" after a month of 30 days is left without its month
    if (month == 0 && d.day != 0 && context.month != 0 && extract_text::day_exists(year, context.month, d.day)) {
        month = context.month;
        notes.push_back(fmt::format("month {} from the dates before", month));
    }
    if (year != 0) context.year = year;
    if (month != 0) context.month = month;
    const std::string y = year != 0 ? fmt::format("{:04}", year) : "-";
    if (d.quarter != 0) return fmt::format("{}-Q{}", y, d.quarter);
    if (month == 0 && d.day == 0) return y;
    const std::string m = month != 0 ? fmt::format("{:02}", month) : "??";
    if (d.day == 0) return fmt::format("{}-{}", y, m);
    return fmt::format("{}-{}-{:02}", y, m, d.day);
}

text_span span_of(utf8::char_counter& chars, std::size_t begin, std::size_t end) {
    const std::size_t b = chars.at(begin);
    return {begin, end, b, chars.at(end), 0, begin, end};
}

mention date_mention(std::string_view text, const date_match& d, utf8::char_counter& chars,
                     date_context& context) {
    mention m;
    m.kind = mention_kind::date_text;
    m.at = span_of(chars, d.begin, d.end);
    m.text = std::string(text.substr(d.begin, d.end - d.begin));
    m.when = render(d, context, m.figure.assumptions);
    return m;
}

struct found {
    std::size_t begin;
    std::size_t end;
    written_figure figure;
};

// A currency's name or symbol of one to five characters at the start of `text` ("人民币",
// "美元", "€", "米ドル").
bool currency_named_at(std::string_view text) {
    std::size_t end = 0;
    for (int chars = 0; chars < 5 && end < text.size(); ++chars) {
        end += text::utf8_length(text[end]);
        if (!currency_candidates(text.substr(0, std::min(end, text.size()))).empty()) return true;
    }
    return false;
}

// Can a figure's words begin at `begin`? Its first word must begin a qualifier, a word of
// change, a currency's name or symbol, or "between": the parser is not tried elsewhere.
// Whether the word before `at` is a form of "make" or "take": "making up", "takes up" name a
// share of something, not a rise.
bool after_make_or_take(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end > 0 && text[end - 1] == ' ') --end;
    std::size_t begin = end;
    while (begin > 0 && is_latin_letter(text[begin - 1])) --begin;
    constexpr std::array<std::string_view, 9> verbs = {"make", "makes", "making", "made", "take",
                                                       "takes", "taking", "took", "taken"};
    const std::string before = text::ascii_lower(text.substr(begin, end - begin));
    return std::find(verbs.begin(), verbs.end(), before) != verbs.end();
}

bool may_begin_figure(std::string_view text, std::size_t begin) {
    static const std::vector<std::string> first_words = [] {
        std::vector<std::string> out = {"between"};
        const auto first = [](std::string_view phrase) {
            const std::size_t space = phrase.find(' ');
            return std::string(phrase.substr(0, space));
        };
        for (const auto& w : figure_words::qualifiers)
            if (w.where == figure_words::place::before) out.push_back(first(w.text));
        for (const auto& w : figure_words::changes)
            if (w.where == figure_words::place::before) out.push_back(first(w.text));
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }();
    // Chinese and Japanese: a qualifier, a word of change or a currency's name must begin there.
    static const std::vector<std::string_view> cjk_starts = [] {
        std::vector<std::string_view> out;
        for (const auto& w : figure_words::qualifiers)
            if (w.where == figure_words::place::before && !is_ascii(w.text.front())) out.push_back(w.text);
        for (const auto& w : figure_words::changes)
            if (w.where == figure_words::place::before && !is_ascii(w.text.front())) out.push_back(w.text);
        out.push_back("百分之");
        return out;
    }();
    // The first three bytes of each, to reject most characters at once.
    static const std::vector<std::string_view> cjk_firsts = [] {
        std::vector<std::string_view> out;
        for (const std::string_view w : cjk_starts) out.push_back(w.substr(0, std::min<std::size_t>(3, w.size())));
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }();
    const char c = text[begin];
    if (!is_ascii(c)) {
        const std::string_view rest = text.substr(begin);
        if (std::binary_search(cjk_firsts.begin(), cjk_firsts.end(), rest.substr(0, text::utf8_length(c))) &&
            std::any_of(cjk_starts.begin(), cjk_starts.end(), [&](std::string_view w) { return rest.starts_with(w); }))
            return true;
        return currency_named_at(rest);
    }
    if (!is_latin_letter(c)) return true;  // a symbol or a sign: the parser decides
    std::size_t end = begin;
    while (end < text.size() && (is_latin_letter(text[end]) || text[end] == '-')) ++end;
    const std::string word = text::ascii_lower(text.substr(begin, end - begin));
    if (word == "up" && after_make_or_take(text, begin)) return false;  // "making up 73 percent": a share
    if (std::binary_search(first_words.begin(), first_words.end(), word)) return true;
    // A currency written before the number: "US$5", "RMB 5", "USD 5", "euro 5".
    std::size_t sym = end;
    while (sym < text.size() && text[sym] != ' ' && !is_digit(text[sym])) ++sym;
    return !currency_candidates(text.substr(begin, sym - begin)).empty() ||
           !currency_candidates(text.substr(begin, end - begin)).empty();
}

// A number that no figure could be read at, and why: "3 billion pesos" without a default
// currency among the pesos. Listed with what was passed over, not read as a count.
struct unread {
    std::size_t begin;
    std::size_t end;
    std::string reason;
};

// From `begin` over the words the figure would take with the first of the currencies as the
// default ("Rs 5,000 crore", "Rs ５０ crore", "3 billion pesos"), and at least past the word
// the parser stopped at and the number's first character.
unread unread_at(std::string_view text, std::size_t begin, std::size_t pos, const parse_error& e,
                 const figure_parse_options& options) {
    std::size_t end = std::max(begin + e.offset + e.found.size(), pos + text::utf8_length(text[pos]));
    figure_parse_options one = options;
    one.default_currency = currency_candidates(e.found).front();
    if (const auto f = read_figure_prefix(text.substr(begin), one)) {
        std::size_t read = begin + f->second;
        while (read > end && (text[read - 1] == ' ' || text[read - 1] == '\t')) --read;
        end = std::max(end, read);
    }
    return {begin, end, e.message()};
}

// Whether text[begin, pos) is a currency that names several ("Rs", "rupees"): a figure that
// it does not resolve for is not the count that the number alone would read as.
bool ambiguous_currency_before(std::string_view text, std::size_t begin, std::size_t pos) {
    return currency_candidates(text::trim(text.substr(begin, pos - begin))).size() > 1;
}

// Whether a figure was not read for want of one currency: the word it stopped at names
// several ("3 billion pesos"). Other failures (a number word in "three-day") are no figure.
bool unresolved_currency(const parse_error& e) {
    // The parser's words when a unit names several currencies and none is chosen; a sign
    // with no number after it ("$零9") is no figure at all.
    if (!e.expected.starts_with("one currency (")) return false;
    // A short prefix names a currency only with a capital first ("Rs", "P"): "p 5" does not.
    const bool short_lower = e.found.size() <= 3 && !e.found.empty() && e.found.front() >= 'a' && e.found.front() <= 'z';
    return !short_lower && currency_candidates(e.found).size() > 1;
}

// Chinese and Japanese write a currency's name after the number ("150亿卢布"); before it only
// these (and signs). Another name before a number is part of a word: "张福林3年前" is no
// forint, "レアル2得点" no real.
bool cjk_name_before_number(std::string_view text, std::size_t begin, std::size_t pos) {
    const std::string_view word = text::trim(text.substr(begin, pos - begin));
    if (word.empty() || !cjk_or_kana(word)) return false;
    constexpr std::array<std::string_view, 8> written_before = {"人民币", "美元", "港币", "港元",
                                                                "欧元", "日元", "英镑", "韩元"};
    return std::find(written_before.begin(), written_before.end(), word) == written_before.end() &&
           !currency_candidates(word).empty();
}

// A currency's one-letter sign ("P" for the peso, "R" for the rand) before a number is one
// only before a scale: "P950 billion" and "R1.5 billion" are money, "P500" and "R1" codes.
bool sign_without_scale(std::string_view text, std::size_t begin, std::size_t pos) {
    return (text[begin] == 'P' || text[begin] == 'R') &&
           text.substr(begin + 1, pos - begin - 1).find_first_not_of(' ') == std::string_view::npos &&
           !extract_text::scale_follows(text, pos);
}

// The figure that covers the number at `pos`, read from the farthest start that gives one;
// unread when the number itself gives none, or an ambiguous currency before it does not
// resolve.
std::variant<std::monostate, found, unread> figure_at(std::string_view text, std::size_t pos, std::size_t floor,
                                                      const figure_parse_options& options) {
    std::vector<std::size_t> starts = left_starts(text, pos);
    starts.push_back(pos);
    for (const std::size_t begin : starts) {
        if (begin < floor) continue;  // the words of the figure before
        if (begin < pos && (!may_begin_figure(text, begin) || sign_without_scale(text, begin, pos) ||
                            cjk_name_before_number(text, begin, pos)))
            continue;
        auto f = read_figure_prefix(text.substr(begin), options);
        if (!f && unresolved_currency(f.error()) && (begin == pos || ambiguous_currency_before(text, begin, pos)))
            return unread_at(text, begin, pos, f.error(), options);
        // "from X to Y" is a change; and "2035 to 5 billion yuan", low above high, no range
        if (f && f->first.high &&
            (after_from(text, begin) || (f->first.high->unit() == f->first.value.unit() &&
                                          f->first.high->value() < f->first.value.value()))) {
            figure_parse_options single = options;
            single.ranges = false;
            f = read_figure_prefix(text.substr(begin), single);
        }
        if (!f || begin + f->second <= pos) continue;
        std::size_t end = begin + f->second;
        while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
        std::size_t first = begin;
        while (first < end && (text[first] == ' ' || text[first] == '\t')) ++first;
        return found{first, end, std::move(f->first)};
    }
    return std::monostate{};
}

// A change written as a ratio in words: "doubled" is up about 100%, "halved" down about 50%,
// "tripled" up about 200%, "ten-fold" or "10-fold" up about 900%; "more than doubled" is up
// more than 100%, "nearly tripled" up nearly 200%. Read as the change written in figures
// would be, "about" taking its usual reading (docs/claims-format.md).
std::optional<found> ratio_words_at(std::string_view text, std::size_t pos, const figure_parse_options& options) {
    // This runs at every word: one that is no qualifier, ratio verb or "...fold" is passed over
    // at once.
    std::size_t first_end = pos;
    while (first_end < text.size() && (is_latin_letter(text[first_end]) || is_digit(text[first_end]) || text[first_end] == '-'))
        ++first_end;
    const std::size_t first_length = first_end - pos;
    if (first_length < 4 || first_length > 12) return std::nullopt;
    // Each of those ends with e, r, y, t or d ("more", "over", "nearly", "about", "doubled",
    // "ten-fold").
    const char end_char = text::lower(text[first_end - 1]);
    if (end_char != 'e' && end_char != 'r' && end_char != 'y' && end_char != 't' && end_char != 'd') return std::nullopt;
    std::array<char, 40> lowered{};
    const std::size_t n_window = std::min<std::size_t>(lowered.size(), text.size() - pos);
    for (std::size_t i = 0; i < n_window; ++i) lowered[i] = text::lower(text[pos + i]);
    const std::string_view window(lowered.data(), n_window);
    const std::string_view first = window.substr(0, first_length);
    constexpr std::array<std::string_view, 12> openers = {"more", "over", "nearly", "almost", "about", "roughly",
                                                          "some", "doubled", "halved", "tripled", "trebled", "quadrupled"};
    if (!first.ends_with("fold") && std::find(openers.begin(), openers.end(), first) == openers.end())
        return std::nullopt;
    std::size_t at = 0;
    std::string_view qualifier = "about";
    constexpr std::pair<std::string_view, std::string_view> qualifiers[] = {
        {"more than ", "more than"}, {"over ", "more than"}, {"nearly ", "nearly"}, {"almost ", "nearly"},
        {"about ", "about"},         {"roughly ", "about"},   {"some ", "about"}};
    for (const auto& [written, reading] : qualifiers) {
        if (window.starts_with(written)) {
            at = written.size();
            qualifier = reading;
            break;
        }
    }
    const std::string_view rest = window.substr(at);
    std::optional<int> percent;  // the change, in percent of the base
    std::size_t length = 0;
    constexpr std::pair<std::string_view, int> verbs[] = {
        {"doubled", 100}, {"halved", -50}, {"tripled", 200}, {"trebled", 200}, {"quadrupled", 300}};
    for (const auto& [verb, change] : verbs) {
        if (rest.starts_with(verb)) {
            percent = change;
            length = verb.size();
            break;
        }
    }
    if (!percent) {  // "ten-fold", "10-fold", "tenfold"
        const auto fold_at = [&](std::size_t i) {
            const std::string_view fold = rest.substr(i);
            return fold.starts_with("-fold") ? std::size_t{5} : fold.starts_with("fold") ? std::size_t{4} : std::size_t{0};
        };
        std::size_t n_end = 0;
        int n = 0;
        while (n_end < rest.size() && n_end < 3 && is_digit(rest[n_end])) n = n * 10 + (rest[n_end++] - '0');
        if (n_end == 0) {
            for (std::size_t w = 2; w < numerals::number_words.size(); ++w) {
                if (rest.starts_with(numerals::number_words[w]) && fold_at(numerals::number_words[w].size()) != 0) {
                    n = static_cast<int>(w);
                    n_end = numerals::number_words[w].size();
                }
            }
        }
        const std::size_t fold_length = fold_at(n_end);
        if (n_end == 0 || fold_length == 0 || n < 2) return std::nullopt;
        percent = (n - 1) * 100;
        length = n_end + fold_length;
    }
    const std::size_t end = pos + at + length;
    if (end < text.size() && is_latin_letter(text[end])) return std::nullopt;  // "doubledown"
    if (at + length > window.size()) return std::nullopt;
    const std::string written = fmt::format("{} {} {}%", *percent < 0 ? "down" : "up", qualifier, std::abs(*percent));
    auto f = read_figure_prefix(written, options);
    if (!f || f->second != written.size()) return std::nullopt;
    return found{pos, end, std::move(f->first)};
}

// The end of a run of more digits (with separators) than a number may have, starting at
// `pos`; `pos` itself when there is none. Such a run is no figure, and reading it again from
// each of its digits would take time that grows with its square.
std::size_t end_of_long_number(std::string_view text, std::size_t pos) {
    std::size_t end = pos;
    std::size_t digits = 0;
    while (end < text.size() && (is_digit(text[end]) || text[end] == ',' || text[end] == '.')) {
        if (is_digit(text[end])) ++digits;
        ++end;
    }
    return digits > numerals::max_digits ? end : pos;
}

// A bare figure: no unit, no scale, no percentage.
bool bare(const written_figure& f) {
    return f.kind == figure_kind::amount && f.value.unit().is_count() && f.unit_text.empty() &&
           f.scale_text.empty() && !f.high;
}

// A four-digit whole number from 1900 to 2100, written without a comma, scale or currency
// word: a year ("in 2014 Chinese investors", "2023 NIO"), even when a noun follows it. The
// figure is cut back to the year's four digits.
bool read_as_year(std::string_view text, found& f) {
    const bool digits_only = f.end - f.begin >= 4 && is_digit(text[f.begin]) &&
                             std::all_of(text.begin() + static_cast<std::ptrdiff_t>(f.begin),
                                         text.begin() + static_cast<std::ptrdiff_t>(f.begin + 4), is_digit) &&
                             (f.begin + 4 == text.size() || !is_digit(text[f.begin + 4])) &&
                             (f.begin + 4 == text.size() || (text[f.begin + 4] != '.' && text[f.begin + 4] != ','));
    const bool word_after = f.figure.kind == figure_kind::amount && f.figure.scale_text.empty() && !f.figure.high &&
                            f.figure.qualifier == qualifier::none &&
                            (f.figure.value.unit().is_count() || f.figure.unit_text.size() == 3);
    if (digits_only && word_after && f.end > f.begin + 4) {
        const decimal& v = f.figure.value.value();
        if (v >= decimal(1900) && v <= decimal(2100)) {
            f.end = f.begin + 4;
            return true;
        }
    }
    if (!bare(f.figure) || f.end - f.begin != 4) return false;
    const decimal& v = f.figure.value.value();
    if (v < decimal(1900) || v > decimal(2100) || v.exponent() != 0) return false;
    return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(f.begin),
                       text.begin() + static_cast<std::ptrdiff_t>(f.end), is_digit);
}

// "Hurun 100", "Route 66": a bare number after a capitalised word names a list (the rankings
// and indices of non_figures.cpp, "Fortune 500 companies", are found before, counted noun or not).
bool in_a_name(std::string_view text, const found& f) {
    if (!bare(f.figure) || f.begin < 2 || text[f.begin - 1] != ' ') return false;
    if (!is_digit(text[f.begin])) return false;
    std::size_t w = f.begin - 1;
    while (w > 0 && is_latin_letter(text[w - 1])) --w;
    return w < f.begin - 1 && text[w] >= 'A' && text[w] <= 'Z' &&
           (w == 0 || text[w - 1] == ' ');
}

// Bare CJK numerals ("一带一路", "统一") are words, not figures: a CJK number needs a unit, a
// multiplier or a percentage.
bool cjk_word(std::string_view text, const found& f) {
    return !is_ascii(text[f.begin]) && !numerals::digit_at(text.substr(f.begin)) && bare(f.figure) &&
           f.figure.qualifier == qualifier::none;
}


bool has_kana(std::string_view text) {
    // Hiragana and katakana: U+3040..U+30FF, E3 81 80 .. E3 83 BF.
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        if (text[i] == '\xE3' && (text[i + 1] == '\x81' || text[i + 1] == '\x82' || text[i + 1] == '\x83'))
            return true;
    }
    return false;
}

// "2332、33953和46268亿元": figures listed before one that names its scale and unit share them.
void share_list_units(std::string_view text, std::vector<mention>& mentions,
                      const figure_parse_options& options) {
    constexpr std::array<std::string_view, 6> joiners = {"、", "和", "及", "与", ",", "，"};
    for (std::size_t i = mentions.size(); i-- > 1;) {
        const mention& last = mentions[i];
        if (last.kind != mention_kind::money || last.figure.scale_text.empty()) continue;
        for (std::size_t j = i; j-- > 0;) {
            mention& m = mentions[j];
            const std::string_view gap =
                text.substr(m.at.byte_end, mentions[j + 1].at.byte_begin - m.at.byte_end);
            if (m.kind != mention_kind::count || !bare(m.figure) ||
                std::find(joiners.begin(), joiners.end(), text::trim(gap)) == joiners.end())
                break;
            auto again = parse_figure(m.text + last.figure.scale_text + last.figure.unit_text, options);
            if (!again) break;
            m.figure = std::move(*again);
            m.kind = mention_kind::money;
            m.figure.unit_assumed = true;
            m.figure.assumptions.push_back(fmt::format("scale and unit of '{}'", last.text));
        }
    }
}

// "7.8:35.4:56.8": three or more numbers joined by colons that add up to 100 are the shares of
// a structure, in percent.
void read_structures(std::string_view text, std::vector<mention>& mentions) {
    std::size_t i = 0;
    while (i < mentions.size()) {
        std::size_t j = i;
        decimal total = mentions[i].figure.value.value();
        while (j + 1 < mentions.size() && mentions[j].kind == mention_kind::count && bare(mentions[j].figure) &&
               mentions[j + 1].kind == mention_kind::count && bare(mentions[j + 1].figure)) {
            const std::string_view gap =
                text.substr(mentions[j].at.byte_end, mentions[j + 1].at.byte_begin - mentions[j].at.byte_end);
            if (gap != ":" && gap != "：") break;
            ++j;
            total += mentions[j].figure.value.value();
        }
        if (j >= i + 2 && mentions[i].kind == mention_kind::count && (total - decimal(100)).abs() <= decimal::scaled(2, -1)) {
            for (std::size_t k = i; k <= j; ++k) {
                mention& m = mentions[k];
                m.kind = mention_kind::percent;
                m.figure.kind = figure_kind::percent;
                m.figure.value = amount(m.figure.value.value(), unit::percent());
                m.figure.unit_assumed = true;
                m.figure.assumptions.emplace_back("a share of a structure whose parts add up to 100");
            }
        }
        i = j + 1;
    }
}

}  // namespace

std::string_view to_string(mention_kind k) {
    switch (k) {
        case mention_kind::money: return "money";
        case mention_kind::count: return "count";
        case mention_kind::percent: return "percent";
        case mention_kind::change: return "change";
        case mention_kind::range: return "range";
        case mention_kind::rate: return "rate";
        case mention_kind::date_text: return "date";
    }
    return "count";
}

std::expected<extraction, parse_error> extract(std::string_view text, const extract_options& options) {
    if (const auto bad = utf8::first_invalid(text))
        return std::unexpected(parse_error{*bad, "UTF-8 text", fmt::format("byte 0x{:02X}",
                                                                          static_cast<unsigned char>(text[*bad]))});
    figure_parse_options parse_options;
    parse_options.default_currency = options.default_currency;
    parse_options.zhao_power = options.zhao_power;
    parse_options.running_text = true;
    const bool japanese = has_kana(text);
    parse_options.yen_sign = options.yen_sign ? options.yen_sign
                                              : (japanese ? unit::currency("JPY") : unit::currency("CNY"));
    extraction out;
    out.mentions.reserve(text.size() / 128);
    date_context context;
    std::size_t unread_end = 0;  // the end of the last figure listed as unread
    if (options.dated) {
        context.year = static_cast<int>(options.dated->first.year());
        context.document_year = context.year;
        if (options.dated->spans != date_period::length::year)
            context.month = static_cast<int>(static_cast<unsigned>(options.dated->first.month()));
    }
    utf8::char_counter chars(text);
    std::size_t pos = 0;
    while (pos < text.size()) {
        // Inside a word nothing starts: skip to its end at once.
        if (is_latin_letter(text[pos]) && pos > 0 && is_latin_letter(text[pos - 1])) {
            while (pos < text.size() && is_latin_letter(text[pos])) ++pos;
            continue;
        }
        if ((is_latin_letter(text[pos]) || is_digit(text[pos])) &&
            (pos == 0 || !(is_digit(text[pos - 1]) || text[pos - 1] == '.' || text[pos - 1] == ','))) {
            if (auto r = ratio_words_at(text, pos, parse_options)) {
                mention m;
                m.kind = kind_of(r->figure);
                m.at = span_of(chars, r->begin, r->end);
                m.text = std::string(text.substr(r->begin, r->end - r->begin));
                m.figure = std::move(r->figure);
                out.mentions.push_back(std::move(m));
                pos = r->end;
                continue;
            }
        }
        if (!number_starts_at(text, pos)) {
            if (!is_ascii(text[pos])) {
                if (const auto d = relative_year(text, pos, context)) {
                    const date_context before = context;  // "去年1-2月" does not move the text's year
                    out.mentions.push_back(date_mention(text, *d, chars, context));
                    context = before;
                    pos = d->end;
                    continue;
                }
            }
            if (is_latin_letter(text[pos]) && (pos == 0 || !is_latin_letter(text[pos - 1]))) {
                if (const auto w = extract_text::web_address_at(text, pos)) {
                    out.skipped.push_back({span_of(chars, w->begin, w->end),
                                           std::string(text.substr(w->begin, w->end - w->begin)), w->reason});
                    pos = w->end;
                    continue;
                }
                if (const auto d = extract_text::word_date_at(text, pos)) {
                    out.mentions.push_back(date_mention(text, *d, chars, context));
                    pos = d->end;
                    continue;
                }
            }
            pos += text::utf8_length(text[pos]);
            continue;
        }
        if (auto d = extract_text::date_at(text, pos); d && d->begin >= (out.mentions.empty() ? 0 : out.mentions.back().at.byte_end)) {
            if (const auto dated = in_era(*d, context)) {
                out.mentions.push_back(date_mention(text, *dated, chars, context));
                pos = dated->end;
                continue;
            }
        }
        if (const auto t = extract_text::time_at(text, pos)) {
            out.skipped.push_back({span_of(chars, pos, *t), std::string(text.substr(pos, *t - pos)), "a time of day"});
            pos = *t;
            continue;
        }
        if (const auto s = extract_text::non_figure_at(text, pos)) {
            const std::size_t begin = std::max(s->begin, out.mentions.empty() ? std::size_t{0} : out.mentions.back().at.byte_end);
            out.skipped.push_back({span_of(chars, begin, s->end), std::string(text.substr(begin, s->end - begin)), s->reason});
            pos = std::max(s->end, pos + 1);
            continue;
        }
        // A figure's words do not reach into the figure before, read or unread.
        const std::size_t floor = std::max(out.mentions.empty() ? 0 : out.mentions.back().at.byte_end, unread_end);
        auto at = figure_at(text, pos, floor, parse_options);
        found* f = std::get_if<found>(&at);
        if (f == nullptr) {
            if (const std::size_t end = end_of_long_number(text, pos); end != pos) {
                out.skipped.push_back({span_of(chars, pos, end), std::string(text.substr(pos, end - pos)),
                                       fmt::format("a number of more than {} digits", numerals::max_digits)});
                pos = end;
                continue;
            }
            if (const unread* u = std::get_if<unread>(&at)) {
                const std::size_t end = std::max(u->end, pos + text::utf8_length(text[pos]));
                out.skipped.push_back({span_of(chars, u->begin, end),
                                       std::string(text.substr(u->begin, end - u->begin)), u->reason});
                pos = end;
                unread_end = end;
                continue;
            }
            pos += text::utf8_length(text[pos]);
            continue;
        }
        std::optional<std::string> reason = extract_text::non_figure_around(text, f->begin, f->end);
        const bool year = !reason && read_as_year(text, *f);  // may cut the figure to its year
        if (!reason && !year && in_a_name(text, *f)) reason = "part of a name";
        // Japanese writes a rank as "3位"; Chinese counts people with 位 ("5位专家").
        if (!reason && japanese && f->figure.unit_text == "位") reason = "a rank";
        const std::string written(text.substr(f->begin, f->end - f->begin));
        if (reason) {
            out.skipped.push_back({span_of(chars, f->begin, f->end), written, *reason});
        } else if (year) {
            mention m;
            m.kind = mention_kind::date_text;
            m.at = span_of(chars, f->begin, f->end);
            m.text = written;
            m.when = written;
            context.year = std::stoi(written);
            context.era = 0;
            out.mentions.push_back(std::move(m));
        } else if (!cjk_word(text, *f)) {
            mention m;
            m.kind = kind_of(f->figure);
            m.at = span_of(chars, f->begin, f->end);
            m.text = written;
            m.figure = std::move(f->figure);
            out.mentions.push_back(std::move(m));
        }
        pos = std::max(f->end, pos + 1);
    }
    share_list_units(text, out.mentions, parse_options);
    read_structures(text, out.mentions);
    return out;
}

}  // namespace crossfoot
