// engine/rates/toml_support.cpp: TOML values with positions, and inline rate quotes.
// SPDX-License-Identifier: MIT
#include "toml_support.hpp"

#include "core/numerals.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace crossfoot::toml_support {

source::source(std::string_view text, std::string_view file) : text_(text), file_(file) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines_.push_back(line);
        start = end + 1;
    }
}

diagnostic source::error(const toml::source_region& where, std::string message,
                         std::string code) const {
    const std::size_t line = where.begin.line;
    const std::string_view text =
        line >= 1 && line <= lines_.size() ? lines_[line - 1] : std::string_view();
    // toml++ counts columns in code points from 1, as diagnostics do.
    return {file_, line, static_cast<std::size_t>(where.begin.column), severity::error,
            std::move(message), std::move(code), std::string(text)};
}

namespace {

// The byte where the character at a 1-based code-point column starts; the line's size when
// the line is shorter.
std::size_t byte_of_column(std::string_view line, std::size_t column) {
    std::size_t seen = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0U) == 0x80U) continue;  // continuation
        if (++seen == column) return i;
    }
    return line.size();
}

}  // namespace

diagnostic source::error_in_string(const toml::node& string_node, std::size_t byte_offset,
                                   std::string message, std::string code) const {
    diagnostic d = error(string_node, std::move(message), std::move(code));
    const auto* value = string_node.as_string();
    if (value == nullptr || d.line == 0 || d.line > lines_.size()) return d;
    const std::string_view line = lines_[d.line - 1];
    const std::string_view text = value->get();
    const std::size_t quote = byte_of_column(line, d.column);
    // As written, the value follows the quote byte for byte and the same quote closes it;
    // an escape or a multi-line string breaks that, and the caret stays on the quote.
    const std::string_view written = line.substr(std::min(quote + 1, line.size()));
    if (quote >= line.size() || !written.starts_with(text) || written.size() == text.size() ||
        written[text.size()] != line[quote])
        return d;
    d.column += column_of(text, byte_offset);
    return d;
}

std::expected<toml::table, diagnostic> parse(const source& src) {
    try {
        return toml::parse(src.text(), src.file());
    } catch (const toml::parse_error& e) {
        return std::unexpected(src.error(e.source(), std::string(e.description()), "bad-toml"));
    }
}

std::expected<date, diagnostic> read_date(const source& src, const toml::node& node) {
    if (const auto* d = node.as_date()) {
        const toml::date v = d->get();
        const date out{std::chrono::year{v.year}, std::chrono::month{v.month},
                       std::chrono::day{v.day}};
        if (out.ok()) return out;
    }
    if (const auto* s = node.as_string()) {
        auto parsed = parse_date(s->get());
        if (parsed) return *parsed;
        return std::unexpected(src.error(node, parsed.error().message(), "bad-date"));
    }
    return std::unexpected(src.error(node, "expected a date such as 2024-09-27", "bad-date"));
}

std::expected<decimal, diagnostic> read_decimal(const source& src, const toml::node& node,
                                                std::string_view what) {
    if (const auto* s = node.as_string()) {
        if (const std::size_t digits = numerals::digits_past_limit(s->get()); digits != 0)
            return std::unexpected(src.error(
                node, fmt::format("expected {} of at most {} digits, found {}", what, numerals::max_digits, digits),
                "bad-number"));
        auto parsed = decimal::parse(s->get());
        if (parsed) return *parsed;
        return std::unexpected(src.error(
            node, fmt::format("expected {} as a decimal string: {}", what, parsed.error().message()),
            "bad-number"));
    }
    if (const auto* i = node.as_integer()) return decimal(i->get());
    if (node.is_floating_point()) {
        return std::unexpected(src.error(
            node,
            fmt::format("expected {} as a string such as \"7.011113\"; a TOML float is binary "
                        "and may not hold the digits as written",
                        what),
            "inexact-number"));
    }
    return std::unexpected(src.error(node, fmt::format("expected {} as a decimal string", what),
                                     "bad-number"));
}

namespace {

std::expected<std::pair<unit, unit>, diagnostic> read_pair(const source& src,
                                                           const toml::node& node) {
    const auto* s = node.as_string();
    const std::string text = s != nullptr ? s->get() : std::string();
    const std::size_t slash = text.find('/');
    if (s == nullptr || slash == std::string::npos)
        return std::unexpected(src.error(node, "expected a pair such as \"USD/CNY\"", "bad-pair"));
    const auto base = unit::currency(text.substr(0, slash));
    const auto quote = unit::currency(text.substr(slash + 1));
    if (!base || !quote)
        return std::unexpected(src.error(
            node, fmt::format("expected two ISO 4217 codes in '{}'", text), "unknown-currency"));
    return std::pair{*base, *quote};
}

// Reads an optional decimal field; a bad one is reported and leaves `ok` false.
std::optional<decimal> optional_decimal(const source& src, const toml::table& entry,
                                        std::string_view key, std::vector<diagnostic>& errors,
                                        bool& ok) {
    const toml::node* node = entry.get(key);
    if (node == nullptr) return std::nullopt;
    auto value = read_decimal(src, *node, key);
    if (value) return *value;
    errors.push_back(value.error());
    ok = false;
    return std::nullopt;
}

void read_quote(const source& src, const toml::table& entry, std::vector<rate_quote>& out,
                std::vector<diagnostic>& errors) {
    for (const std::string_view key : {"pair", "rate", "date"}) {
        if (entry.get(key) == nullptr) {
            errors.push_back(src.error(entry, fmt::format("expected '{}' in a rate quote", key),
                                       "bad-rate"));
            return;
        }
    }
    bool ok = true;
    const auto pair = read_pair(src, *entry.get("pair"));
    const auto rate = read_decimal(src, *entry.get("rate"), "a rate");
    const auto on = read_date(src, *entry.get("date"));
    for (const diagnostic* d : {pair ? nullptr : &pair.error(), rate ? nullptr : &rate.error(),
                                on ? nullptr : &on.error()}) {
        if (d != nullptr) errors.push_back(*d);
        ok = ok && d == nullptr;
    }
    const auto low = optional_decimal(src, entry, "low", errors, ok);
    const auto high = optional_decimal(src, entry, "high", errors, ok);
    if (ok && rate->sign() <= 0) {
        errors.push_back(src.error(*entry.get("rate"), "expected a positive rate", "bad-rate"));
        ok = false;
    }
    if (!ok) return;
    const std::string source_name = entry["source"].value_or(std::string(src.file()));
    out.push_back({pair->first, pair->second, *rate, *on, source_name, low, high,
                   std::string(src.file()), entry.source().begin.line});
}

}  // namespace

void read_quotes(const source& src, const toml::array& quotes, std::vector<rate_quote>& out,
                 std::vector<diagnostic>& errors) {
    for (const toml::node& node : quotes) {
        if (const auto* entry = node.as_table()) {
            read_quote(src, *entry, out, errors);
        } else {
            errors.push_back(src.error(node, "expected a rate quote as an inline table", "bad-rate"));
        }
    }
}

}  // namespace crossfoot::toml_support
