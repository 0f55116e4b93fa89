// engine/claims/fields.cpp: typed fields of a claims file, each wrong one a diagnostic.
// SPDX-License-Identifier: MIT
#include "fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace crossfoot::claims_reader {

namespace {

// Levenshtein distance, for suggesting the key a typo meant.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
        }
    }
    return row[b.size()];
}

std::string unknown_key_message(std::string_view key, std::span<const std::string_view> known,
                                std::string_view where) {
    const std::string_view meant = nearest(key, known);
    if (!meant.empty())
        return fmt::format("unknown key '{}' {}; did you mean '{}'?", key, where, meant);
    return fmt::format("unknown key '{}' {}; expected {}", key, where, fmt::join(known, ", "));
}

}  // namespace

void context::fail(const toml::source_region& where, std::string message, std::string code) const {
    errors.push_back(src.error(where, std::move(message), std::move(code)));
}

std::string_view nearest(std::string_view word, std::span<const std::string_view> known) {
    std::string_view best;
    std::size_t best_distance = 3;  // more than two edits is not a typo
    for (const std::string_view candidate : known) {
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance && d < word.size()) {
            best = candidate;
            best_distance = d;
        }
    }
    return best;
}

void check_keys(const context& ctx, const toml::table& table,
                std::span<const std::string_view> known, std::string_view where) {
    for (const auto& [key, value] : table) {
        if (std::ranges::find(known, key.str()) != known.end()) continue;
        ctx.fail(key.source(), unknown_key_message(key.str(), known, where), "unknown-key");
    }
}

std::optional<std::string> string_field(const context& ctx, const toml::table& table,
                                        std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (const auto* s = node->as_string()) return s->get();
    ctx.fail(*node, fmt::format("expected '{}' to be a string", key), "bad-value");
    return std::nullopt;
}

std::optional<bool> bool_field(const context& ctx, const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    if (const auto* b = node->as_boolean()) return b->get();
    ctx.fail(*node, fmt::format("expected '{}' to be true or false", key), "bad-value");
    return std::nullopt;
}

std::optional<std::int32_t> integer_field(const context& ctx, const toml::table& table,
                                          std::string_view key, std::int32_t low,
                                          std::int32_t high) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    const auto* i = node->as_integer();
    if (i != nullptr && i->get() >= low && i->get() <= high)
        return static_cast<std::int32_t>(i->get());
    ctx.fail(*node, fmt::format("expected '{}' to be a whole number from {} to {}", key, low, high),
             "bad-number");
    return std::nullopt;
}

std::optional<decimal> decimal_field(const context& ctx, const toml::table& table,
                                     std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return std::nullopt;
    auto value = toml_support::read_decimal(ctx.src, *node, fmt::format("'{}'", key));
    if (value) return *value;
    ctx.fail(value.error());
    return std::nullopt;
}

const toml::array* array_field(const context& ctx, const toml::table& table, std::string_view key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return nullptr;
    if (const auto* a = node->as_array()) return a;
    ctx.fail(*node, fmt::format("expected '{}' to be an array", key), "bad-value");
    return nullptr;
}

std::optional<std::vector<std::string>> strings_field(const context& ctx, const toml::table& table,
                                                      std::string_view key) {
    const toml::array* array = array_field(ctx, table, key);
    if (array == nullptr) return std::nullopt;
    std::vector<std::string> out;
    for (const toml::node& entry : *array) {
        if (const auto* s = entry.as_string()) {
            out.push_back(s->get());
        } else {
            ctx.fail(entry, fmt::format("expected '{}' to hold strings", key), "bad-value");
        }
    }
    return out;
}

const toml::table* section(const context& ctx, const toml::table& root, std::string_view name) {
    const toml::node* node = root.get(name);
    if (node == nullptr) return nullptr;
    if (const auto* t = node->as_table()) return t;
    ctx.fail(*node, fmt::format("expected [{}] to be a table", name), "bad-value");
    return nullptr;
}

}  // namespace crossfoot::claims_reader
