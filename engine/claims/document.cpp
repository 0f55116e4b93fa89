// engine/claims/document.cpp: the [document] section of a claims file.
// SPDX-License-Identifier: MIT
#include "sections.hpp"

#include <fmt/format.h>

#include <array>

namespace crossfoot::claims_reader {

namespace {

constexpr std::array<std::string_view, 4> document_keys = {"title", "date", "currency", "source"};

void read_date(const context& ctx, const toml::table& document, claims& out) {
    const toml::node* node = document.get("date");
    if (node == nullptr) {
        ctx.fail(document, "expected 'date' in [document]: rates are taken for it", "missing-key");
        return;
    }
    auto on = toml_support::read_date(ctx.src, *node);
    if (on) {
        out.document.on = *on;
    } else {
        ctx.fail(on.error());
    }
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
                     "expected a [document] table with a 'date'", "missing-key");
        return;
    }
    check_keys(ctx, *document, document_keys, "in [document]");
    out.document.title = string_field(ctx, *document, "title").value_or("");
    out.document.source = string_field(ctx, *document, "source").value_or("");
    read_date(ctx, *document, out);
    read_currency(ctx, *document, out);
}

}  // namespace crossfoot::claims_reader
