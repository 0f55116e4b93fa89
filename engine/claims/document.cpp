// engine/claims/document.cpp: the [document] section of a claims file.
// SPDX-License-Identifier: MIT
#include "sections.hpp"

#include <fmt/format.h>

#include <array>

namespace crossfoot::claims_reader {

namespace {

constexpr std::array<std::string_view, 7> document_keys = {"title", "date", "currency", "source",
                                                           "url",   "text", "zhao_power"};

// A day (a TOML date or "2024-09-27"), a month ("2023-07"), a quarter ("2023-Q2") or a year
// ("2023", or the integer 2023). Without a date, checks that need a rate are unverifiable.
void read_date(const context& ctx, const toml::table& document, claims& out) {
    const toml::node* node = document.get("date");
    if (node == nullptr) return;
    if (node->is_date()) {
        auto on = toml_support::read_date(ctx.src, *node);
        if (!on) return ctx.fail(on.error());
        out.document.on = *on;
        return;
    }
    std::string text;
    if (const auto* year = node->as_integer()) text = std::to_string(year->get());
    else if (const auto* str = node->as_string()) text = str->get();
    else
        return ctx.fail(*node, "expected 'date' to be a date such as 2024-09-27, \"2023-07\", "
                               "\"2023-Q2\" or \"2023\"", "bad-date");
    auto period = parse_period(text);
    if (!period) {
        if (node->is_string())
            return ctx.fail(ctx.src.error_in_string(*node, period.error().offset,
                                                    period.error().message(), "bad-date"));
        return ctx.fail(*node, period.error().message(), "bad-date");
    }
    if (period->spans == date_period::length::day)
        out.document.on = period->first;
    else
        out.document.period = std::move(*period);
}

// 兆: 12 (10^12, money in Japanese, Taiwanese and Hong Kong usage) or 6 (the SI prefix).
void read_zhao(const context& ctx, const toml::table& document, claims& out) {
    const auto power = integer_field(ctx, document, "zhao_power", 6, 12);
    if (!power) return;
    if (*power == 12 || *power == 6) {
        out.document.zhao_power = *power;
        return;
    }
    ctx.fail(*document.get("zhao_power"),
             fmt::format("expected 'zhao_power' to be 12 (兆 = 10^12) or 6 (兆 = 10^6), found {}",
                         *power),
             "bad-number");
}

void read_currency(const context& ctx, const toml::table& document, claims& out) {
    const auto code = string_field(ctx, document, "currency");
    if (!code) return;
    if (auto u = unit::currency(*code)) {
        out.document.currency = *u;
        return;
    }
    ctx.fail(*document.get("currency"),
             fmt::format("expected an ISO 4217 currency code such as 'CNY', found '{}'", *code),
             "unknown-currency");
}

}  // namespace

void read_document(const context& ctx, const toml::table& root, claims& out) {
    const toml::table* document = section(ctx, root, "document");
    if (document == nullptr) {
        if (root.get("document") == nullptr)
            ctx.fail(toml::source_region{{1, 1}, {1, 1}, nullptr},
                     "expected a [document] table", "missing-key");
        return;
    }
    check_keys(ctx, *document, document_keys, "in [document]");
    out.document.title = string_field(ctx, *document, "title").value_or("");
    out.document.source = string_field(ctx, *document, "source").value_or("");
    out.document.url = string_field(ctx, *document, "url").value_or("");
    out.document.text = string_field(ctx, *document, "text").value_or("");
    if (const toml::node* text = document->get("text")) out.document.text_line = text->source().begin.line;
    read_date(ctx, *document, out);
    read_currency(ctx, *document, out);
    read_zhao(ctx, *document, out);
}

}  // namespace crossfoot::claims_reader
