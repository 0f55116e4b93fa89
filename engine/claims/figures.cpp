// engine/claims/figures.cpp: the [figures] section of a claims file: each figure's value,
// unit, qualifier and precision, and then the range it stands for.
// SPDX-License-Identifier: MIT
#include "sections.hpp"

#include <crossfoot/currency.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace crossfoot::claims_reader {

namespace {

constexpr std::array<std::string_view, 8> figure_keys = {
    "text", "value", "unit", "names", "qualifier", "exact", "tolerance", "description"};

// A figure's id as a TOML key, and its table.
struct figure_entry {
    const toml::key* id;
    const toml::node* node;
};

// A TOML table iterates in key order; figures keep the order the file writes them in.
std::vector<figure_entry> in_file_order(const toml::table& figures) {
    std::vector<figure_entry> out;
    for (const auto& [key, node] : figures) out.push_back({&key, &node});
    std::ranges::sort(out, {}, [](const figure_entry& e) {
        return std::pair{e.id->source().begin.line, e.id->source().begin.column};
    });
    return out;
}

std::string where(const figure& f) { return fmt::format("in figure \"{}\"", f.id); }

// A figure's parse error, with how to settle a currency symbol the document's currency does
// not settle ("$1.45 billion" in a document in yuan).
std::string figure_error_message(const parse_error& e, std::string_view text) {
    std::string message = e.message();
    const auto candidates = currency_candidates(e.found);
    if (e.expected.starts_with("one currency (") && candidates.size() > 1)
        message += fmt::format("; say which with the figure's unit, as in {{ text = \"{}\", unit = \"{}\" }}",
                               text, candidates.front().code());
    return message;
}

// Parses a figure as written, with its qualifiers and its form (an amount, a percentage, a
// range, a change, a rate). A bad figure is reported at its offending character inside the
// string.
bool read_text(const context& ctx, const toml::table& spec, std::optional<unit> default_unit,
               std::int32_t zhao_power, figure& f, bool any_count_noun = false) {
    const auto text = string_field(ctx, spec, "text");
    if (!text) return false;
    f.text = *text;
    auto parsed = parse_figure(f.text, {default_unit, zhao_power, any_count_noun});
    if (!parsed) {
        ctx.fail(ctx.src.error_in_string(*spec.get("text"), parsed.error().offset,
                                         figure_error_message(parsed.error(), f.text), "bad-amount"));
        return false;
    }
    f.kind = parsed->kind;
    f.value = parsed->value;
    f.high = parsed->high;
    f.base = parsed->base;
    f.unit_assumed = parsed->unit_assumed;
    f.qualifier = parsed->qualifier;
    f.qualifier_text = parsed->qualifier_text;
    f.converted = parsed->converted;
    f.assumptions = parsed->assumptions;
    if (parsed->tolerance) f.precision.tolerance = parsed->tolerance;
    return true;
}

// 'unit' beside 'text' says what an ambiguous unit means ("$228 billion" in a document in won),
// or that the figure is a count whatever its noun ("3,956 premium smart electric SUVs"): the
// text must then name that unit, or leave it open.
bool read_text_in_unit(const context& ctx, const toml::table& spec, std::int32_t zhao_power,
                       figure& f) {
    const auto code = string_field(ctx, spec, "unit");
    if (!code) return false;
    const auto u = *code == "count" ? std::optional<unit>(unit::count()) : unit::currency(*code);
    if (!u) {
        ctx.fail(*spec.get("unit"),
                 fmt::format("expected 'unit' to be an ISO 4217 currency code such as 'USD', "
                             "found '{}'",
                             *code),
                 "unknown-currency");
        return false;
    }
    const bool count = u->is_count();
    // A count may leave its noun out ("three of which"): the unit says what it counts.
    if (!read_text(ctx, spec, u, zhao_power, f, count)) return false;
    if (f.value.unit() != *u) {
        ctx.fail(*spec.get("unit"),
                 fmt::format("'unit' says {} but the text names {}", *code, f.value.unit().code()),
                 "bad-figure");
        return false;
    }
    f.unit_assumed = false;
    return true;
}

// The unit of a figure given by 'value': its 'unit', else the document's currency, assumed.
std::optional<resolved_unit> value_unit(const context& ctx, const toml::table& spec,
                                        const toml::key& id, std::optional<unit> currency) {
    const toml::node* node = spec.get("unit");
    if (node == nullptr && currency) return resolved_unit{*currency, true};
    if (node == nullptr) {
        ctx.fail(
            id.source(),
            fmt::format("expected 'unit' in figure \"{}\": [document] gives no currency", id.str()),
            "missing-key");
        return std::nullopt;
    }
    const auto code = string_field(ctx, spec, "unit");
    if (code && *code == "count") return resolved_unit{unit::count(), false};
    if (const auto u = code ? unit::currency(*code) : std::nullopt) return resolved_unit{*u, false};
    if (code)
        ctx.fail(*node,
                 fmt::format("expected 'unit' to be 'count' or an ISO 4217 currency code such "
                             "as 'CNY', found '{}'",
                             *code),
                 "unknown-currency");
    return std::nullopt;
}

bool read_value(const context& ctx, const toml::table& spec, const toml::key& id,
                std::optional<unit> currency, figure& f) {
    const auto value = decimal_field(ctx, spec, "value");
    const auto u = value_unit(ctx, spec, id, currency);
    if (!value || !u) return false;
    f.value = amount(*value, u->unit);
    f.unit_assumed = u->assumed;
    return true;
}

bool read_names(const context& ctx, const toml::table& spec, figure& f) {
    auto names = strings_field(ctx, spec, "names");
    if (!names) return false;
    if (names->empty()) {
        ctx.fail(*spec.get("names"), "expected at least one name in 'names'", "bad-value");
        return false;
    }
    f.names = std::move(*names);
    return true;
}

// A list of names is a count: its value is how many names there are, exactly. A text, when
// given, must state the same count.
bool read_named(const context& ctx, const toml::table& spec, figure& f) {
    const bool names_ok = read_names(ctx, spec, f);
    const bool has_text = spec.contains("text");
    if (!(has_text ? read_text(ctx, spec, unit::count(), 12, f) : true) || !names_ok) return false;
    const decimal count(static_cast<std::int64_t>(f.names.size()));
    if (has_text && !(f.value.unit().is_count() && f.value.value() == count)) {
        ctx.fail(*spec.get("text"),
                 fmt::format("expected 'text' to count the {} names, found '{}'", f.names.size(),
                             f.text),
                 "bad-figure");
        return false;
    }
    f.value = amount(count, unit::count());
    f.unit_assumed = false;
    return true;
}

// Reports a key that contradicts the way the figure is given; true when there is none.
bool no_conflict(const context& ctx, const toml::table& spec, std::string_view key, bool conflict,
                 std::string_view why) {
    if (!conflict) return true;
    ctx.fail(*spec.get(key), fmt::format("'{}' cannot be given with {}", key, why), "bad-figure");
    return false;
}

// A figure is given by 'names' (a count), 'text' (as written) or 'value' (with 'unit').
bool read_figure_value(const context& ctx, const toml::key& id, const toml::table& spec,
                       const document_info& document, figure& f) {
    const std::optional<unit> currency = document.currency;
    const bool has_text = spec.contains("text");
    const bool has_value = spec.contains("value");
    const bool has_names = spec.contains("names");
    if (!no_conflict(ctx, spec, "value", has_value && (has_text || has_names),
                     has_text ? "'text'" : "'names'") ||
        !no_conflict(ctx, spec, "unit", spec.contains("unit") && has_names,
                     "'names', which count"))
        return false;
    if (has_names) return read_named(ctx, spec, f);
    if (has_text && spec.contains("unit")) return read_text_in_unit(ctx, spec, document.zhao_power, f);
    if (has_text) return read_text(ctx, spec, currency, document.zhao_power, f);
    if (has_value) return read_value(ctx, spec, id, currency, f);
    ctx.fail(id.source(),
             fmt::format("expected 'text', 'value' or 'names' in figure \"{}\"", id.str()),
             "missing-key");
    return false;
}

// The 'qualifier' key; where the text starts with a qualifier word too, both must agree.
void read_qualifier(const context& ctx, const toml::table& spec, figure& f) {
    const auto word = string_field(ctx, spec, "qualifier");
    if (!word) return;
    const toml::node& node = *spec.get("qualifier");
    const auto q = qualifier_from_string(*word);
    if (!q) {
        ctx.fail(node,
                 fmt::format("unknown qualifier '{}'; expected about, nearly, over, at least, "
                             "up to, under, reaching, none, or their Chinese or Japanese words "
                             "(约, 近, 逾, 以上, 不到 ...)",
                             *word),
                 "unknown-qualifier");
    } else if (f.qualifier != qualifier::none && f.qualifier != *q) {
        ctx.fail(node,
                 fmt::format("'qualifier' says '{}' but the text says '{}'", to_string(*q),
                             to_string(f.qualifier)),
                 "bad-figure");
    } else {
        f.qualifier = *q;
        f.qualifier_text = *word;
    }
}

bool non_negative(const context& ctx, const toml::node& node, const decimal& tolerance) {
    if (tolerance.sign() >= 0) return true;
    ctx.fail(node, "expected a tolerance of zero or more", "bad-figure");
    return false;
}

// "2%": ± that percentage of the value.
void read_percent_tolerance(const context& ctx, const toml::node& node, std::string_view text,
                            figure& f) {
    std::string_view number = text.substr(0, text.size() - 1);
    while (number.ends_with(' ')) number.remove_suffix(1);
    const auto percent = decimal::parse(number);
    if (!percent) {
        ctx.fail(ctx.src.error_in_string(node, percent.error().offset, percent.error().message(),
                                         "bad-amount"));
    } else if (non_negative(ctx, node, *percent)) {
        f.precision.tolerance_percent = *percent;
    }
}

// "0.1 billion": ± that much, in the figure's own unit (a bare number is in that unit).
void read_amount_tolerance(const context& ctx, const toml::node& node, std::string_view text,
                           figure& f) {
    const auto parsed = parse_amount(text, {f.value.unit()});
    if (!parsed) {
        ctx.fail(ctx.src.error_in_string(node, parsed.error().offset, parsed.error().message(),
                                         "bad-amount"));
    } else if (parsed->amount.unit() != f.value.unit()) {
        ctx.fail(node,
                 fmt::format("expected a tolerance in {}, the figure's unit, found {}",
                             f.value.unit().code(), parsed->amount.unit().code()),
                 "bad-figure");
    } else if (non_negative(ctx, node, parsed->amount.value())) {
        f.precision.tolerance = parsed->amount.value();
    }
}

void read_tolerance(const context& ctx, const toml::node& node, figure& f) {
    const auto* text = node.as_string();
    if (text == nullptr) {
        ctx.fail(node, "expected 'tolerance' to be a string such as \"0.1 billion\" or \"2%\"",
                 "bad-value");
    } else if (text->get().ends_with('%')) {
        read_percent_tolerance(ctx, node, text->get(), f);
    } else {
        read_amount_tolerance(ctx, node, text->get(), f);
    }
}

// 'exact' and 'tolerance'. A list of names is exact already; the tolerance is read in the
// figure's unit, so only once its value has been read.
void read_precision(const context& ctx, const toml::table& spec, bool value_ok, figure& f) {
    const auto exact = bool_field(ctx, spec, "exact");
    const bool named = spec.contains("names");
    f.precision.exact = named || exact.value_or(false);
    if (!no_conflict(ctx, spec, "exact", named && exact == false, "'names', which are exact") ||
        !no_conflict(ctx, spec, "tolerance", spec.contains("tolerance") && named,
                     "'names', which are exact") ||
        !no_conflict(ctx, spec, "tolerance", spec.contains("tolerance") && exact == true,
                     "'exact = true'"))
        return;
    if (const toml::node* tolerance = spec.get("tolerance"); tolerance != nullptr && value_ok)
        read_tolerance(ctx, *tolerance, f);
}

figure read_figure(const context& ctx, const figure_entry& entry, const document_info& document) {
    figure f{.id = std::string(entry.id->str()),
             .text = {},
             .value = amount(decimal(), unit::count()),
             .high = {},
             .base = {},
             .qualifier_text = {},
             .precision = {},
             .assumptions = {},
             .names = {},
             .description = {},
             .range = {},
             .line = entry.id->source().begin.line};
    const auto* spec = entry.node->as_table();
    if (spec == nullptr) {
        ctx.fail(*entry.node,
                 fmt::format("expected figure \"{}\" to be a table such as "
                             "{{ text = \"5 billion yuan\" }}",
                             f.id),
                 "bad-value");
        return f;
    }
    check_keys(ctx, *spec, figure_keys, where(f));
    const bool value_ok = read_figure_value(ctx, *entry.id, *spec, document, f);
    read_qualifier(ctx, *spec, f);
    read_precision(ctx, *spec, value_ok, f);
    f.description = string_field(ctx, *spec, "description").value_or("");
    return f;
}

}  // namespace

void read_figures(const context& ctx, const toml::table& root, claims& out) {
    const toml::table* figures = section(ctx, root, "figures");
    if (figures == nullptr) return;
    for (const figure_entry& entry : in_file_order(*figures))
        out.figures.push_back(read_figure(ctx, entry, out.document));
}

void set_ranges(claims& out) {
    for (figure& f : out.figures) {
        f.range = figure_interval(f.value, f.high, f.qualifier, f.precision, out.qualifiers);
    }
}

}  // namespace crossfoot::claims_reader
