// engine/claims/checks.cpp: the [[checks]] of a claims file: each relation between figures,
// its figures resolved, and the rules of each relation.
// SPDX-License-Identifier: MIT
#include "sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <unordered_map>

namespace crossfoot::claims_reader {

namespace {

constexpr std::array<std::string_view, 7> check_keys_known = {
    "id", "relation", "total", "parts", "percent", "description", "parts_exact"};

std::string where(const check_spec& spec) {
    return spec.id.empty() ? std::string("in [[checks]]") : fmt::format("in check \"{}\"", spec.id);
}

// Reports an id that names no figure, suggesting the figure a typo meant.
void require_figure(const context& ctx, const toml::node& at, std::string_view id,
                    const claims& out) {
    if (out.find(id) != nullptr) return;
    std::vector<std::string_view> ids;
    for (const figure& f : out.figures) ids.emplace_back(f.id);
    const std::string_view meant = nearest(id, ids);
    ctx.fail(at,
             meant.empty()
                 ? fmt::format("no figure \"{}\" in [figures]", id)
                 : fmt::format("no figure \"{}\" in [figures]; did you mean \"{}\"?", id, meant),
             "unknown-figure");
}

// A required string field; true when it was there (well typed or not).
bool require(const context& ctx, const toml::table& entry, std::string_view key,
             const check_spec& spec, std::string_view what) {
    if (entry.contains(key)) return true;
    ctx.fail(entry, fmt::format("expected '{}' {}: {}", key, where(spec), what), "missing-key");
    return false;
}

// Ids seen so far and the line of each: a duplicate names the first.
using seen_ids = std::unordered_map<std::string, std::size_t>;

void read_id(const context& ctx, const toml::table& entry, seen_ids& seen, check_spec& spec) {
    if (!require(ctx, entry, "id", spec, "a name for the check")) return;
    const auto id = string_field(ctx, entry, "id");
    if (!id) return;
    spec.id = *id;
    const auto [first, added] = seen.emplace(*id, spec.line);
    if (added) return;
    ctx.fail(*entry.get("id"),
             fmt::format("duplicate check id \"{}\"; the first is on line {}", *id, first->second),
             "duplicate-id");
}

std::optional<relation> read_relation(const context& ctx, const toml::table& entry,
                                      check_spec& spec) {
    if (!require(ctx, entry, "relation", spec, "sum, includes, converts or share"))
        return std::nullopt;
    const auto name = string_field(ctx, entry, "relation");
    if (!name) return std::nullopt;
    const auto r = relation_from_string(*name);
    if (r) {
        spec.relation = *r;
    } else {
        ctx.fail(
            *entry.get("relation"),
            fmt::format("unknown relation '{}'; expected sum, includes, converts or share", *name),
            "unknown-relation");
    }
    return r;
}

void read_total(const context& ctx, const toml::table& entry, const claims& out, check_spec& spec) {
    if (!require(ctx, entry, "total", spec, "the figure that the parts make up")) return;
    const auto total = string_field(ctx, entry, "total");
    if (!total) return;
    spec.total = *total;
    require_figure(ctx, *entry.get("total"), *total, out);
}

// "id" adds the figure, "-id" subtracts it.
void read_part(const context& ctx, const toml::node& node, const claims& out, check_spec& spec) {
    const auto* text = node.as_string();
    if (text == nullptr) {
        ctx.fail(node, "expected 'parts' to hold figure ids", "bad-value");
        return;
    }
    const std::string_view id = text->get();
    part_ref part{std::string(id), 1};
    if (id.starts_with('-')) part = {std::string(id.substr(1)), -1};
    require_figure(ctx, node, part.id, out);
    spec.parts.push_back(std::move(part));
}

void read_parts(const context& ctx, const toml::table& entry, const claims& out, check_spec& spec) {
    if (!entry.contains("parts")) {
        ctx.fail(
            entry,
            fmt::format("expected 'parts' {}: the figures to check against the total", where(spec)),
            "missing-parts");
        return;
    }
    const toml::array* parts = array_field(ctx, entry, "parts");
    if (parts != nullptr && parts->empty())
        ctx.fail(*parts, "expected at least one figure in 'parts'", "missing-parts");
    if (parts == nullptr) return;
    for (const toml::node& part : *parts) read_part(ctx, part, out, spec);
}

// 'percent' is the stated percentage of a share, and of nothing else.
void check_percent(const context& ctx, const toml::table& entry, relation r,
                   const check_spec& spec) {
    if (r == relation::share && !entry.contains("percent")) {
        ctx.fail(entry,
                 fmt::format("expected 'percent' {}: the percentage a share states", where(spec)),
                 "bad-check");
    } else if (r != relation::share && entry.contains("percent")) {
        ctx.fail(
            *entry.get("percent"),
            fmt::format("'percent' belongs to a share check, not to relation '{}'", to_string(r)),
            "bad-check");
    }
}

// A part is subtracted ("-id") only in a sum.
void check_weights(const context& ctx, const toml::table& entry, relation r) {
    const auto* parts = entry.get_as<toml::array>("parts");
    if (r == relation::sum || parts == nullptr) return;
    for (const toml::node& part : *parts) {
        const auto* id = part.as_string();
        if (id == nullptr || !id->get().starts_with('-')) continue;
        ctx.fail(part,
                 fmt::format("a part can be subtracted ('{}') only in a sum, not in relation '{}'",
                             id->get(), to_string(r)),
                 "bad-check");
    }
}

// A converts check compares the total with one part: the same value in another currency.
void check_converts(const context& ctx, const toml::table& entry, relation r) {
    const auto* parts = entry.get_as<toml::array>("parts");
    if (r != relation::converts || parts == nullptr || parts->size() <= 1) return;
    ctx.fail(*parts,
             fmt::format("expected exactly one part in a converts check, found {}", parts->size()),
             "bad-check");
}

check_spec read_check(const context& ctx, const toml::table& entry, const claims& out,
                      seen_ids& seen) {
    check_spec spec;
    spec.line = entry.source().begin.line;
    read_id(ctx, entry, seen, spec);
    check_keys(ctx, entry, check_keys_known, where(spec));
    const auto r = read_relation(ctx, entry, spec);
    read_total(ctx, entry, out, spec);
    read_parts(ctx, entry, out, spec);
    spec.percent = decimal_field(ctx, entry, "percent");
    spec.description = string_field(ctx, entry, "description").value_or("");
    spec.parts_exact = bool_field(ctx, entry, "parts_exact").value_or(false);
    if (r) {
        check_percent(ctx, entry, *r, spec);
        check_weights(ctx, entry, *r);
        check_converts(ctx, entry, *r);
    }
    return spec;
}

}  // namespace

void read_checks(const context& ctx, const toml::table& root, claims& out) {
    seen_ids seen;
    const toml::node* checks = root.get("checks");
    if (checks == nullptr) return;
    const auto* list = checks->as_array();
    if (list == nullptr) {
        ctx.fail(*checks, "expected [[checks]], an array of tables", "bad-value");
        return;
    }
    for (const toml::node& entry : *list) {
        if (const auto* table = entry.as_table()) {
            out.checks.push_back(read_check(ctx, *table, out, seen));
        } else {
            ctx.fail(entry, "expected each check to be a table", "bad-value");
        }
    }
}

}  // namespace crossfoot::claims_reader
