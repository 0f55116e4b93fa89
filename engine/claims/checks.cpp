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

constexpr std::array<std::string_view, 14> check_keys_known = {
    "id",   "relation", "total", "parts",       "percent",     "share",       "from",
    "to",   "by",       "rate",  "rate_period", "description", "parts_exact", "proposed_by"};

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
    if (!require(ctx, entry, "relation", spec, "sum, includes, converts, share or change"))
        return std::nullopt;
    const auto name = string_field(ctx, entry, "relation");
    if (!name) return std::nullopt;
    const auto r = relation_from_string(*name);
    if (r) {
        spec.relation = *r;
    } else {
        ctx.fail(
            *entry.get("relation"),
            fmt::format("unknown relation '{}'; expected sum, includes, converts, share or change",
                        *name),
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

// A figure id in `key` that must name a figure of one of the `kinds`; its id, or nothing.
std::optional<std::string> figure_of_kind(const context& ctx, const toml::table& entry,
                                          std::string_view key, const claims& out,
                                          std::initializer_list<figure_kind> kinds,
                                          std::string_view what) {
    const auto id = string_field(ctx, entry, key);
    if (!id) return std::nullopt;
    const toml::node& at = *entry.get(key);
    require_figure(ctx, at, *id, out);
    const figure* f = out.find(*id);
    if (f == nullptr) return std::nullopt;
    if (std::ranges::find(kinds, f->kind) == kinds.end()) {
        ctx.fail(at, fmt::format("expected '{}' to name {}; \"{}\" is {} \"{}\"", key, what, *id,
                                 to_string(f->kind) == std::string_view("amount") ? "an amount" : (
                                     "a " + std::string(to_string(f->kind))), f->text),
                 "bad-check");
        return std::nullopt;
    }
    return id;
}

// A share states its percentage as 'percent' ("18.5") or as a percent figure ('share').
void read_share(const context& ctx, const toml::table& entry, relation r, const claims& out,
                check_spec& spec) {
    const bool has_percent = entry.contains("percent");
    const bool has_share = entry.contains("share");
    if (r != relation::share) {
        for (const std::string_view key : {"percent", "share"}) {
            if (entry.contains(key))
                ctx.fail(*entry.get(key),
                         fmt::format("'{}' belongs to a share check, not to relation '{}'", key,
                                     to_string(r)),
                         "bad-check");
        }
        return;
    }
    if (has_percent == has_share) {
        ctx.fail(has_share ? *entry.get("share") : static_cast<const toml::node&>(entry),
                 fmt::format("expected either 'percent' or 'share' {}: the percentage a share "
                             "states",
                             where(spec)),
                 "bad-check");
        return;
    }
    if (has_share) {
        spec.share = figure_of_kind(ctx, entry, "share", out, {figure_kind::percent},
                                    "a percentage such as \"18.5%\"")
                         .value_or("");
    } else if (spec.percent && spec.percent->sign() < 0) {
        ctx.fail(*entry.get("percent"),
                 fmt::format("expected a share of zero or more, found {}", spec.percent->to_string()),
                 "bad-number");
    }
}

// A change names the earlier figure ('from'), the later ('to') and the change ('by'); it has
// no 'total' or 'parts'. Points ("+1.7 percentage points") relate two percentages.
void read_change(const context& ctx, const toml::table& entry, relation r, const claims& out,
                 check_spec& spec) {
    if (r != relation::change) {
        for (const std::string_view key : {"from", "to", "by"}) {
            if (entry.contains(key))
                ctx.fail(*entry.get(key),
                         fmt::format("'{}' belongs to a change check, not to relation '{}'", key,
                                     to_string(r)),
                         "bad-check");
        }
        return;
    }
    for (const std::string_view key : {"total", "parts"}) {
        if (entry.contains(key))
            ctx.fail(*entry.get(key),
                     fmt::format("a change check names 'from', 'to' and 'by', not '{}'", key),
                     "bad-check");
    }
    bool complete = true;
    for (const auto& [key, what] : {std::pair{"from", "the earlier figure"},
                                    std::pair{"to", "the later figure"},
                                    std::pair{"by", "the change, such as \"up 23.3%\""}})
        complete = require(ctx, entry, key, spec, what) && complete;
    if (!complete) return;
    const auto from = string_field(ctx, entry, "from");
    const auto to = string_field(ctx, entry, "to");
    if (from) require_figure(ctx, *entry.get("from"), *from, out);
    if (to) require_figure(ctx, *entry.get("to"), *to, out);
    const auto by = figure_of_kind(ctx, entry, "by", out,
                                   {figure_kind::change, figure_kind::percent},
                                   "a change such as \"up 23.3%\" or \"+1.7 percentage points\"");
    if (!from || !to || !by) return;
    spec.total = *to;
    spec.parts = {part_ref{*from, 1}};
    spec.by = *by;
    const figure* f = out.find(*from);
    const figure* t = out.find(*to);
    if (out.find(*by)->value.unit().is_points() && f != nullptr && t != nullptr &&
        !(f->value.unit().is_percent() && t->value.unit().is_percent()))
        ctx.fail(*entry.get("by"),
                 "a change in percentage points relates two percentages; 'from' and 'to' must be "
                 "percentages",
                 "bad-check");
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

// "2021", "2023-Q2", "2023-07": convert at the mean of that period's reference rates; not with
// a stated rate.
void read_rate_period(const context& ctx, const toml::table& entry, check_spec& spec) {
    const auto text = string_field(ctx, entry, "rate_period");
    if (!text) return;
    const toml::node& at = *entry.get("rate_period");
    auto period = parse_period(*text);
    if (!period) {
        ctx.fail(ctx.src.error_in_string(at, period.error().offset, period.error().message(), "bad-date"));
        return;
    }
    if (!spec.rate.empty()) {
        ctx.fail(at, "'rate_period' and 'rate' name two rates for one check; give one", "bad-check");
        return;
    }
    spec.rate_period = std::move(*period);
}

check_spec read_check(const context& ctx, const toml::table& entry, const claims& out,
                      seen_ids& seen) {
    check_spec spec;
    spec.line = entry.source().begin.line;
    read_id(ctx, entry, seen, spec);
    check_keys(ctx, entry, check_keys_known, where(spec));
    const auto r = read_relation(ctx, entry, spec);
    if (r != relation::change) {
        read_total(ctx, entry, out, spec);
        read_parts(ctx, entry, out, spec);
    }
    spec.percent = decimal_field(ctx, entry, "percent");
    spec.description = string_field(ctx, entry, "description").value_or("");
    spec.proposed_by = string_field(ctx, entry, "proposed_by").value_or("");
    spec.parts_exact = bool_field(ctx, entry, "parts_exact").value_or(false);
    if (entry.contains("rate"))
        spec.rate = figure_of_kind(ctx, entry, "rate", out, {figure_kind::rate},
                                   "a stated rate such as \"7.1 yuan to the dollar\"")
                        .value_or("");
    read_rate_period(ctx, entry, spec);
    if (r) {
        read_share(ctx, entry, *r, out, spec);
        read_change(ctx, entry, *r, out, spec);
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
