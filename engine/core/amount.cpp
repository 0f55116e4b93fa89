// engine/core/amount.cpp: parsing written amounts, and per-unit totals.
// SPDX-License-Identifier: MIT
#include <crossfoot/amount.hpp>

#include "text.hpp"

#include <algorithm>
#include <array>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace crossfoot {

namespace {

using text::ascii_lower;

struct scale_word {
    std::string_view text;
    std::int32_t power;
};

// Matched as whole words, in any case.
constexpr std::array<scale_word, 10> latin_scales = {{{"thousand", 3},
                                                      {"k", 3},
                                                      {"million", 6},
                                                      {"mn", 6},
                                                      {"m", 6},
                                                      {"billion", 9},
                                                      {"bn", 9},
                                                      {"b", 9},
                                                      {"trillion", 12},
                                                      {"tn", 12}}};
// Matched as prefixes of what follows the number, longest first (万亿 before 万).
constexpr std::array<scale_word, 7> chinese_scales = {{{"万亿", 12},
                                                       {"十亿", 9},
                                                       {"千万", 7},
                                                       {"百万", 6},
                                                       {"亿", 8},
                                                       {"万", 4},
                                                       {"千", 3}}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_latin_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The whole UTF-8 character at `pos`, for quoting in an error; empty at the end.
std::string character_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return {};
    std::size_t end = pos + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) ++end;
    return std::string(text.substr(pos, end - pos));
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

class reader {
public:
    explicit reader(std::string_view text) : text_(text) {}

    [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[pos_]; }
    [[nodiscard]] std::size_t position() const { return pos_; }
    [[nodiscard]] std::string_view rest() const { return text_.substr(pos_); }
    void advance(std::size_t n) { pos_ += n; }
    void seek(std::size_t pos) { pos_ = pos; }
    void skip_spaces() {
        while (!at_end() && is_space(peek())) ++pos_;
    }
    bool accept(char c) {
        if (peek() != c || at_end()) return false;
        ++pos_;
        return true;
    }
    std::string_view take_while(bool (*keep)(char)) {
        const std::size_t start = pos_;
        while (!at_end() && keep(peek())) ++pos_;
        return text_.substr(start, pos_ - start);
    }
    [[nodiscard]] parse_error error(std::string expected) const {
        return {pos_, std::move(expected), character_at(text_, pos_)};
    }
    [[nodiscard]] parse_error error_at(std::size_t pos, std::string expected,
                                       std::string_view found) const {
        return {pos, std::move(expected), std::string(found)};
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

struct unit_text {
    std::string_view text;
    std::size_t offset = 0;
};

bool ends_prefix_unit(char c) { return is_digit(c) || is_space(c) || c == '-' || c == '.'; }
bool is_not_prefix_end(char c) { return !ends_prefix_unit(c); }

// A unit written before the number: "US$", "€", "RMB ", "USD ".
std::expected<std::optional<unit_text>, parse_error> read_prefix_unit(reader& in) {
    if (in.at_end() || ends_prefix_unit(in.peek())) return std::nullopt;
    const std::size_t start = in.position();
    const std::string_view word = in.take_while(is_not_prefix_end);
    if (currency_candidates(word).empty())
        return std::unexpected(in.error_at(start, "a number or a currency", word));
    in.skip_spaces();
    return unit_text{word, start};
}

// Digits, optionally grouped by commas in threes; returns them without the commas.
std::expected<std::string, parse_error> read_integer_part(reader& in) {
    const std::string_view first = in.take_while(is_digit);
    if (first.empty()) return std::unexpected(in.error("a digit"));
    std::string digits(first);
    if (in.peek() != ',') return digits;
    if (first.size() > 3)
        return std::unexpected(in.error("'.' or a digit (commas group digits in threes)"));
    while (in.accept(',')) {
        const std::size_t group_start = in.position();
        const std::string_view group = in.take_while(is_digit);
        if (group.size() != 3) {
            in.seek(group_start + std::min<std::size_t>(group.size(), 3));
            return std::unexpected(
                in.error(group.size() < 3 ? "a digit (commas group digits in threes)"
                                          : "',' or '.' after a group of three digits"));
        }
        digits += group;
    }
    return digits;
}

// [-] digits [. digits], as an exact decimal with the written exponent.
std::expected<decimal, parse_error> read_number(reader& in) {
    const std::size_t start = in.position();
    auto integer = read_integer_part(in);
    if (!integer) return std::unexpected(integer.error());
    std::string text = std::move(*integer);
    std::size_t digit_count = text.size();  // the point is no digit
    if (in.accept('.')) {
        const std::string_view fraction = in.take_while(is_digit);
        if (fraction.empty()) return std::unexpected(in.error("a digit"));
        digit_count += fraction.size();
        text.append(".").append(fraction);
    }
    if (digit_count > max_amount_digits)
        return std::unexpected(in.error_at(
            start, "a number of at most " + std::to_string(max_amount_digits) + " digits",
            text.substr(0, 12) + "..."));
    return decimal::parse(text).value();  // digits and one point: always valid
}

std::optional<scale_word> read_chinese_scale(reader& in) {
    for (const scale_word& s : chinese_scales) {
        if (in.rest().starts_with(s.text)) {
            in.advance(s.text.size());
            return scale_word{s.text, s.power};
        }
    }
    return std::nullopt;
}

// A scale word after the number; the reader is left where it was when there is none.
std::optional<scale_word> read_scale(reader& in) {
    const std::size_t start = in.position();
    in.skip_spaces();
    if (auto chinese = read_chinese_scale(in)) return chinese;
    const std::string_view word = in.take_while(is_latin_letter);
    const std::string lower = ascii_lower(word);
    const bool whole_word = in.at_end() || !is_latin_letter(in.peek());
    for (const scale_word& s : latin_scales) {
        if (whole_word && s.text == lower) return scale_word{word, s.power};
    }
    in.seek(start);
    return std::nullopt;
}

bool names_count(std::string_view text) {
    if (is_count_noun(text)) return true;
    const std::size_t space = text.find_last_of(" \t");
    return space != std::string_view::npos && is_count_noun(text.substr(space + 1));
}

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

}  // namespace

std::string amount::to_string() const {
    return value_.to_string() + " " + std::string(unit_.code());
}

std::ostream& operator<<(std::ostream& os, const amount& a) { return os << a.to_string(); }

std::expected<parsed_amount, parse_error> parse_amount(std::string_view text,
                                                       const amount_parse_options& options) {
    reader in(text);
    in.skip_spaces();
    if (in.at_end()) return std::unexpected(in.error("an amount"));
    bool negative = in.accept('-');
    auto prefix = read_prefix_unit(in);
    if (!prefix) return std::unexpected(prefix.error());
    if (!negative) negative = in.accept('-');
    auto number = read_number(in);
    if (!number) return std::unexpected(number.error());
    const std::optional<scale_word> scale = read_scale(in);
    in.skip_spaces();
    std::optional<unit_text> suffix;
    if (!in.at_end()) suffix = unit_text{trim(in.rest()), in.position()};
    auto unit = settle_unit(in, *prefix, suffix, options);
    if (!unit) return std::unexpected(unit.error());

    decimal value = scale ? *number * decimal::scaled(1, scale->power) : *number;
    if (negative) value = -value;
    std::string written_unit = suffix ? std::string(suffix->text)
                                      : (*prefix ? std::string((*prefix)->text) : std::string());
    return parsed_amount{amount(std::move(value), unit->unit), unit->assumed,
                         std::move(written_unit),
                         scale ? std::string(scale->text) : std::string()};
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
