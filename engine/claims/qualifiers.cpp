// engine/claims/qualifiers.cpp: the [qualifiers] section of a claims file, the configurable
// part of the qualifier table.
// SPDX-License-Identifier: MIT
#include "sections.hpp"

#include <fmt/format.h>

#include <array>

namespace crossfoot::claims_reader {

namespace {

constexpr std::array<std::string_view, 4> qualifier_keys = {"about", "about_limit", "nearly",
                                                            "reaching"};

// A percentage in [0, 100]: "about" and "nearly" widen a figure by this much of it.
void read_percent(const context& ctx, const toml::table& table, std::string_view key,
                  decimal& out) {
    const auto value = decimal_field(ctx, table, key);
    if (!value) return;
    if (value->sign() >= 0 && *value <= decimal(100)) {
        out = *value;
        return;
    }
    ctx.fail(*table.get(key),
             fmt::format("expected '{}' to be a percentage from 0 to 100, found {}", key,
                         value->to_string()),
             "bad-number");
}

// "about": "last-digit" (± one unit of the last non-zero written digit, at most 'about_limit'
// percent of the value) or a percentage (± that much of the value).
void read_about(const context& ctx, const toml::table& table, qualifier_table& out) {
    const toml::node* node = table.get("about");
    if (node == nullptr) {
        read_percent(ctx, table, "about_limit", out.about_percent);
        return;
    }
    if (table.contains("about_limit") && !(node->is_string() && node->as_string()->get() == "last-digit")) {
        ctx.fail(*table.get("about_limit"),
                 "'about_limit' bounds the last-digit rule; 'about' as a percentage is its own width",
                 "bad-value");
    }
    if (const auto* word = node->as_string(); word != nullptr && word->get() == "last-digit") {
        out.about = about_rule::last_digit;
        read_percent(ctx, table, "about_limit", out.about_percent);
        return;
    }
    read_percent(ctx, table, "about", out.about_percent);
    out.about = about_rule::percent;
}

void read_reaching(const context& ctx, const toml::table& table, qualifier_table& out) {
    const auto reading = string_field(ctx, table, "reaching");
    if (!reading) return;
    if (*reading == "at-least" || *reading == "as-written") {
        out.reaching =
            *reading == "at-least" ? reaching_reading::at_least : reaching_reading::as_written;
        return;
    }
    ctx.fail(
        *table.get("reaching"),
        fmt::format("expected 'reaching' to be 'at-least' or 'as-written', found '{}'", *reading),
        "bad-value");
}

}  // namespace

void read_qualifiers(const context& ctx, const toml::table& root, claims& out) {
    const toml::table* qualifiers = section(ctx, root, "qualifiers");
    if (qualifiers == nullptr) return;
    check_keys(ctx, *qualifiers, qualifier_keys, "in [qualifiers]");
    read_about(ctx, *qualifiers, out.qualifiers);
    read_percent(ctx, *qualifiers, "nearly", out.qualifiers.nearly_percent);
    read_reaching(ctx, *qualifiers, out.qualifiers);
}

}  // namespace crossfoot::claims_reader
