// engine/document/wrapped_lines.cpp: the line breaks of plain text that only wrap a sentence,
// and the full stops that end an abbreviation.
// SPDX-License-Identifier: MIT
#include "wrapped_lines.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace crossfoot::documents {

namespace {

// Abbreviations a full stop follows inside a sentence: titles, which a name always follows
// ("Dr. Wang"), and words a number follows ("Jan. 12", "No. 3", "approx. 5").
constexpr std::array<std::string_view, 5> titles = {"mr", "mrs", "ms", "dr", "prof"};
constexpr std::array<std::string_view, 15> before_a_number = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "approx"};

// "1. ", "2) ", "3、": a numbered item of a list opens the line.
bool starts_a_list_item(std::string_view line) {
    std::size_t digits = 0;
    while (digits < line.size() && digits < 4 && text::is_digit(line[digits])) ++digits;
    if (digits == 0 || digits > 3) return false;
    const std::string_view rest = line.substr(digits);
    return rest.starts_with(". ") || rest.starts_with(") ") || rest.starts_with("、");
}

}  // namespace

bool goes_on_after(std::string_view text, std::size_t stop) {
    std::size_t next = stop + 1;
    int breaks = 0;
    while (next < text.size() && text::is_markup_space(text[next])) {
        if (text[next] == '\n' && ++breaks == 2) return false;  // a blank line ends a paragraph
        ++next;
    }
    if (next >= text.size()) return false;
    const char c = text[next];
    if (c >= 'a' && c <= 'z') return true;
    std::size_t word = stop;
    while (word > 0 && text::is_latin_letter(text[word - 1])) --word;
    if (word == stop || (word > 0 && text[word - 1] == '.')) return false;  // "5." or "U.S."
    const std::string lowered = text::ascii_lower(text.substr(word, stop - word));
    const auto among = [&](std::span<const std::string_view> words) {
        return std::find(words.begin(), words.end(), lowered) != words.end();
    };
    return among(titles) || (c >= '0' && c <= '9' && among(before_a_number));
}

bool wraps_a_sentence(std::string_view text, std::size_t at) {
    std::size_t last = at;
    while (last > 0 && (text[last - 1] == ' ' || text[last - 1] == '\r')) --last;
    if (last == 0) return false;
    const std::size_t line_start = text.rfind('\n', last - 1) + 1;  // npos + 1 is 0
    if (text.substr(line_start, last - line_start).find('\t') != std::string_view::npos) return false;
    const char end = text[last - 1];
    if (end == '\n') return false;  // a blank line
    if (end == '!' || end == '?' || end == ':' || end == ';' || static_cast<unsigned char>(end) >= 0x80) return false;
    if (end == '.' && !goes_on_after(text, last - 1)) return false;
    std::size_t next = at + 1;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next >= text.size()) return false;
    const bool lower_case = text[next] >= 'a' && text[next] <= 'z';
    // A figure wrapped onto the next line after a word or a comma: "and a⏎1.68 billion yuan".
    const bool figure_goes_on = text[next] >= '0' && text[next] <= '9' && ((end >= 'a' && end <= 'z') || end == ',');
    if (!lower_case && !figure_goes_on) return false;
    if (starts_a_list_item(text.substr(next))) return false;
    const std::size_t next_end = std::min(text.find('\n', next), text.size());
    return text.substr(next, next_end - next).find('\t') == std::string_view::npos;
}

void unwrap_sentences(std::string& text) {
    // Every break judged on the text as written, then joined: a joined line must not change
    // the judgement of the next.
    std::vector<std::size_t> wraps;
    for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1))
        if (wraps_a_sentence(text, at)) wraps.push_back(at);
    for (const std::size_t at : wraps) {
        text[at] = ' ';
        if (at > 0 && text[at - 1] == '\r') text[at - 1] = ' ';
    }
}

}  // namespace crossfoot::documents
