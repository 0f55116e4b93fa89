// engine/core/amount.cpp: parsing written amounts, and per-unit totals.
// SPDX-License-Identifier: MIT
#include <crossfoot/amount.hpp>

#include "amount_reader.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace crossfoot {

namespace amount_reader {

namespace {

using text::ascii_lower;
using text::is_latin_letter;
using text::is_space;
using text::reader;

struct scale_word {
    std::string_view text;
    std::int32_t power;
};

// Matched as whole words, in any case. Chinese and Japanese multipliers are numerals. The
// Indian lakh (10^5) and crore (10^7), and the Malaysian press's "bil" and "mil" ("RM83bil").
constexpr std::array<scale_word, 22> latin_scales = {{{"thousand", 3},
                                                      {"k", 3},
                                                      {"million", 6},
                                                      {"mn", 6},
                                                      {"mln", 6},
                                                      {"m", 6},
                                                      {"billion", 9},
                                                      {"bn", 9},
                                                      {"bln", 9},
                                                      {"b", 9},
                                                      {"trillion", 12},
                                                      {"tn", 12},
                                                      {"trln", 12},
                                                      {"lakh", 5},
                                                      {"lakhs", 5},
                                                      {"lac", 5},
                                                      {"lacs", 5},
                                                      {"crore", 7},
                                                      {"crores", 7},
                                                      {"cr", 7},
                                                      {"mil", 6},
                                                      {"bil", 9}}};

// One Latin scale word after the number; the reader is left where it was when there is none.
std::optional<scale_word> read_one_latin_scale(reader& in) {
    const std::size_t start = in.position();
    in.skip_spaces();
    // "a $1.5-billion deal", "P14.6-billion": a hyphen joins a scale word of four letters or
    // more (not "5-m", "A-1-B").
    const bool hyphen = in.position() == start && in.peek() == '-' && in.rest().size() > 1 &&
                        is_latin_letter(in.rest()[1]);
    if (hyphen) in.advance(1);
    const std::string_view word = in.take_while(is_latin_letter);
    const std::string lower = ascii_lower(word);
    const bool whole_word = (in.at_end() || !is_latin_letter(in.peek())) && (!hyphen || word.size() >= 4);
    // "RM83bil", "RM500mil" glued to the number ("a 6 mil sheet" is six thousandths of an
    // inch); "cr" in lower case ("24 CR" are credits).
    const bool glued = in.text().data() + start == word.data();
    const bool allowed = ((lower != "mil" && lower != "bil") || glued) && (lower != "cr" || word == "cr");
    for (const scale_word& s : latin_scales) {
        if (whole_word && allowed && s.text == lower) return scale_word{word, s.power};
    }
    in.seek(start);
    return std::nullopt;
}

// The Latin scale after the number: one word, or a thousand or a lakh of crores ("1.5 lakh
// crore", 1.5 × 10^12, as Indian budgets write it); its text is the words as written.
std::optional<scale_word> read_latin_scale(reader& in) {
    const auto first = read_one_latin_scale(in);
    const bool of_crores = first && (first->power == 5 || ascii_lower(first->text) == "thousand");  // not "5k crore"
    if (!of_crores) return first;
    const std::size_t after_first = in.position();
    if (const auto crore = read_one_latin_scale(in); crore && crore->power == 7) {
        const auto from = static_cast<std::size_t>(first->text.data() - in.text().data());
        return scale_word{in.text().substr(from, in.position() - from), first->power + crore->power};
    }
    in.seek(after_first);
    return first;
}

// Signs written only before the number ("R1.5 billion", "P950 billion", "Rs 500", "RM5",
// "Rp 5"): after one they name no currency ("10 R packages", "the 3 Rs").
bool written_before_only(std::string_view word) {
    const std::string lower = ascii_lower(word);
    return lower == "r" || lower == "p" || lower == "rs" || lower == "rs." || lower == "rm" || lower == "rp";
}

// Where a unit written before the number ends: at the number, a space, a sign or a point.
bool ends_prefix_unit(std::string_view rest) {
    const char c = rest.front();
    return text::is_digit(c) || is_space(c) || c == '-' || c == '.' ||
           numerals::starts_cjk_number(rest);
}

// The most bytes a unit after the number may take ("foreign-funded projects").
constexpr std::size_t max_suffix_unit = 64;

// The ends at which a suffix unit may stop: after a whole Latin word or symbol, or after any
// character that is not Latin (CJK units have no spaces: "元人民币"), longest first.
std::vector<std::size_t> unit_ends(std::string_view rest) {
    std::vector<std::size_t> ends;
    std::size_t i = 0;
    while (i < rest.size() && i < max_suffix_unit) {
        const std::size_t len = text::utf8_length(rest[i]);
        i = std::min(rest.size(), i + len);
        const bool latin_here = len == 1 && (is_latin_letter(rest[i - 1]) || rest[i - 1] == '-');
        const bool latin_next = i < rest.size() && (is_latin_letter(rest[i]) || rest[i] == '-');
        if (!(latin_here && latin_next)) ends.push_back(i);
    }
    std::reverse(ends.begin(), ends.end());
    return ends;
}

// Words only (letters, hyphens, spaces) before the count noun: "foreign-funded projects".
bool plain_words(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return is_latin_letter(c) || c == '-' || is_space(c);
    });
}

// Words that do not describe what is counted: "1.5 billion into a car" counts no cars.
constexpr std::string_view function_words[] = {
    "a", "an", "the", "of", "to", "in", "into", "for", "from", "with", "and", "or", "on", "at",
    "by", "as", "than", "towards", "toward", "per", "its", "their", "this", "that", "which", "who"};

bool describes_the_noun(std::string_view words) {
    std::size_t start = 0;
    while (start < words.size()) {
        std::size_t end = words.find(' ', start);
        if (end == std::string_view::npos) end = words.size();
        const std::string word = ascii_lower(words.substr(start, end - start));
        if (std::find(std::begin(function_words), std::end(function_words), word) != std::end(function_words))
            return false;
        start = end + 1;
    }
    return true;
}

// In running text an ISO code names a currency only in capitals: "top 10" is no Tongan paʻanga;
// and a prefix of one or two letters only with a capital first: "RM5", "Rp 5", "Rs. 5",
// "P950 billion", not "rm5" or "5 p".
bool names_currency_in_text(std::string_view word) {
    if (currency_candidates(word).empty()) return false;
    const std::string_view letters = word.ends_with('.') ? word.substr(0, word.size() - 1) : word;
    if (ascii_lower(letters) == "rs") return letters == "Rs";  // not "RS 6", an Audi
    if (ascii_lower(word) == "dong") return word == "dong";   // "300 Dong villages": a people
    if (letters.size() <= 2 && std::all_of(letters.begin(), letters.end(), is_latin_letter))
        return letters.front() >= 'A' && letters.front() <= 'Z';
    const bool code_like = word.size() == 3 && std::all_of(word.begin(), word.end(), is_latin_letter);
    if (!code_like) return true;
    const bool capitals = std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    const std::string lower = ascii_lower(word);
    return capitals || lower == "won" || lower == "yen" || lower == "rmb";
}

}  // namespace

bool names_count(std::string_view text) {
    if (is_count_noun(text)) return true;
    const std::size_t space = text.find_last_of(" \t");
    return space != std::string_view::npos && is_count_noun(text.substr(space + 1)) &&
           plain_words(text.substr(0, space));
}

std::expected<std::optional<unit_text>, parse_error> read_prefix_unit(reader& in, bool running_text) {
    if (in.at_end() || ends_prefix_unit(in.rest())) return std::nullopt;
    const std::size_t start = in.position();
    while (!in.at_end() && !ends_prefix_unit(in.rest())) in.advance(text::utf8_length(in.peek()));
    std::string_view word = in.text().substr(start, in.position() - start);
    // An abbreviation's point belongs to it: "Rs. 500" (the point is no decimal point).
    if (in.peek() == '.' && in.rest().size() > 1 && !text::is_digit(in.rest()[1])) {
        const std::string_view dotted = in.text().substr(start, word.size() + 1);
        if (!currency_candidates(dotted).empty()) {
            in.advance(1);
            word = dotted;
        }
    }
    if (running_text ? !names_currency_in_text(word) : currency_candidates(word).empty())
        return std::unexpected(in.error_at(start, "a number or a currency", word));
    in.skip_spaces();
    return unit_text{word, start};
}

std::expected<std::optional<quantity>, parse_error> read_quantity(
    reader& in, const numerals::numeral_options& options) {
    auto number = numerals::read_numeral(in, options);
    if (!number) return std::unexpected(number.error());
    if (!*number) return std::nullopt;
    quantity q{(*number)->value, (*number)->multipliers, **number};
    if (!q.number.cjk) {
        if (const auto scale = read_latin_scale(in)) {
            q.value = q.value * decimal::scaled(1, scale->power);
            q.scale_text = std::string(scale->text);
        }
    }
    return q;
}

std::optional<unit_text> read_suffix_unit(reader& in, bool allow_count, bool any_count_noun,
                                          bool running_text) {
    const std::size_t start = in.position();
    in.skip_spaces();
    // "a 638.7 trillion-won budget": a hyphen may join the scale and the unit.
    if (in.position() == start && in.peek() == '-' && in.rest().size() > 1 &&
        is_latin_letter(in.rest()[1]))
        in.advance(1);
    // In running text a unit is short: the longest currency name or counted phrase is well
    // under 40 bytes, and the rest of the sentence is not searched.
    const std::string_view rest = running_text ? in.rest().substr(0, 40) : in.rest();
    const std::vector<std::size_t> ends = unit_ends(rest);
    const auto take = [&](std::size_t end) {
        const std::size_t offset = in.position();
        in.advance(end);
        return unit_text{text::trim(rest.substr(0, end)), offset};
    };
    const auto whole = [&](std::size_t end) {
        return text::trim(rest.substr(0, end)).size() == end;  // no trailing space
    };
    if (running_text) {
        // In running text the unit is what follows the number, not the rest of the sentence:
        // a currency first ("3 billion yuan Li Auto component base project" is yuan), then the
        // nearest count noun after at most three plain words ("326 well-known Korean
        // enterprises").
        for (const std::size_t end : ends) {
            const std::string_view candidate = rest.substr(0, end);
            if (whole(end) && !written_before_only(candidate) && names_currency_in_text(candidate)) return take(end);
        }
        if (!allow_count) {
            in.seek(start);
            return std::nullopt;
        }
        // One word (a CJK counter has no spaces: "家企业" before "家"), longest first; then
        // phrases, shortest first.
        for (const std::size_t end : ends) {
            const std::string_view candidate = rest.substr(0, end);
            if (whole(end) && candidate.find(' ') == std::string_view::npos && names_count(candidate))
                return take(end);
        }
        for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
            const std::string_view candidate = rest.substr(0, *it);
            if (!whole(*it)) continue;
            if (std::count(candidate.begin(), candidate.end(), ' ') > 3) break;
            const std::size_t last_space = candidate.find_last_of(' ');
            const bool described = last_space == std::string_view::npos ||
                                   describes_the_noun(candidate.substr(0, last_space));
            if (described && names_count(candidate)) return take(*it);
        }
        in.seek(start);
        return std::nullopt;
    }
    for (const std::size_t end : ends) {
        const std::string_view candidate = text::trim(rest.substr(0, end));
        if (candidate.size() != end) continue;  // a trailing space: the shorter end is tried
        const bool words = any_count_noun && allow_count && !candidate.empty() &&
                           plain_words(candidate) && is_latin_letter(candidate.back());
        if (!currency_candidates(candidate).empty() || (allow_count && names_count(candidate)) ||
            words)
            return take(end);
    }
    in.seek(start);
    return std::nullopt;
}

namespace {

// Resolves the unit written before or after the number.
std::expected<resolved_unit, parse_error> resolve_unit(const reader& in, const unit_text& written,
                                                       const amount_parse_options& options,
                                                       bool allow_count) {
    if (allow_count && names_count(written.text)) return resolved_unit{unit::count(), false};
    if (currency_candidates(written.text).empty()) {
        return std::unexpected(in.error_at(
            written.offset, allow_count ? "a currency or a count noun" : "a currency",
            written.text));
    }
    auto resolved = resolve_currency(written.text, options.default_currency);
    if (!resolved)
        return std::unexpected(
            in.error_at(written.offset, "one currency (" + resolved.error() + ")", written.text));
    return *resolved;
}

// A unit both before and after the number ("US$5 USD", "¥100 JPY", "USD 5 dollars"): the two
// must be able to name the same currency, and one that only the pair names ("$5 USD" is USD)
// is no assumption.
std::expected<resolved_unit, parse_error> settle_both(const reader& in, const unit_text& prefix,
                                                      const unit_text& suffix,
                                                      const amount_parse_options& options) {
    const std::span<const unit> after = currency_candidates(suffix.text);
    if (after.empty() && !names_count(suffix.text)) {
        return std::unexpected(
            in.error_at(suffix.offset, "a currency or a count noun", suffix.text));
    }
    const auto conflict = [&] {
        return std::unexpected(in.error_at(
            suffix.offset, "nothing more, or the same unit as '" + std::string(prefix.text) + "'",
            suffix.text));
    };
    std::vector<unit> common;
    for (const unit& u : currency_candidates(prefix.text)) {
        if (std::ranges::find(after, u) != after.end()) common.push_back(u);
    }
    if (common.empty()) return conflict();
    if (common.size() == 1) return resolved_unit{common.front(), false};
    auto resolved = resolve_unit(in, prefix, options, false);  // "$5 dollars": still ambiguous
    if (resolved && std::ranges::find(common, resolved->unit) == common.end()) return conflict();
    return resolved;
}

}  // namespace

std::expected<resolved_unit, parse_error> settle_unit(const reader& in,
                                                      const std::optional<unit_text>& prefix,
                                                      const std::optional<unit_text>& suffix,
                                                      const amount_parse_options& options) {
    if (prefix && suffix) return settle_both(in, *prefix, *suffix, options);
    if (prefix) return resolve_unit(in, *prefix, options, false);
    if (suffix) return resolve_unit(in, *suffix, options, true);
    if (options.default_currency) return resolved_unit{*options.default_currency, true};
    return std::unexpected(in.error("a currency or a count noun (no default currency is given)"));
}

}  // namespace amount_reader

std::string amount::to_string() const {
    return value_.to_string() + " " + std::string(unit_.code());
}

std::ostream& operator<<(std::ostream& os, const amount& a) { return os << a.to_string(); }

std::expected<parsed_amount, parse_error> parse_amount(std::string_view text,
                                                       const amount_parse_options& options) {
    using namespace amount_reader;
    text::reader in(text);
    in.skip_spaces();
    if (in.at_end()) return std::unexpected(in.error("an amount"));
    bool negative = in.accept('-');
    auto prefix = read_prefix_unit(in);
    if (!prefix) return std::unexpected(prefix.error());
    if (!negative) negative = in.accept('-');
    auto q = read_quantity(in, {.zhao_power = options.zhao_power, .words = false});
    if (!q) return std::unexpected(q.error());
    if (!*q) return std::unexpected(in.error("a digit"));
    if ((*q)->number.more)
        return std::unexpected(in.error_at(in.position(), "a number without 余 or 多 (a figure's "
                                                          "text may say it)", ""));
    in.skip_spaces();
    // The whole rest is the unit: "5 yuan USD" is one bad unit, not "yuan" and then "USD".
    std::optional<unit_text> suffix;
    if (!in.at_end()) suffix = unit_text{text::trim(in.rest()), in.position()};
    auto unit = settle_unit(in, *prefix, suffix, options);
    if (!unit) return std::unexpected(unit.error());

    decimal value = std::move((*q)->value);
    if (negative) value = -value;
    std::string written_unit = suffix ? std::string(suffix->text)
                                      : (*prefix ? std::string((*prefix)->text) : std::string());
    return parsed_amount{amount(std::move(value), unit->unit), unit->assumed,
                         std::move(written_unit), std::move((*q)->scale_text)};
}

void totals::add(const amount& a) {
    running& r = by_unit_[a.unit()];
    r.total += a.value();
    ++r.amounts;
    ++amounts_;
}

void totals::merge(const totals& other) {
    for (const auto& [u, r] : other.by_unit_) {
        running& mine = by_unit_[u];
        mine.total += r.total;
        mine.amounts += r.amounts;
    }
    amounts_ += other.amounts_;
}

std::optional<decimal> totals::total(crossfoot::unit u) const {
    const auto it = by_unit_.find(u);
    if (it == by_unit_.end()) return std::nullopt;
    return it->second.total;
}

std::vector<totals::entry> totals::entries() const {
    std::vector<entry> out;
    out.reserve(by_unit_.size());
    for (const auto& [u, r] : by_unit_) out.push_back({u, r.total, r.amounts});
    return out;
}

}  // namespace crossfoot
