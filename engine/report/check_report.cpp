// engine/report/check_report.cpp: the text and JSON reports of `crossfoot check`.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include <crossfoot/sum.hpp>

#include "check/rate_history.hpp"
#include "check_text.hpp"
#include "quote_place.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace crossfoot {

namespace {

using json = nlohmann::ordered_json;

std::string grouped(const decimal& d) { return group_thousands(d.to_string()); }

// " CNY" after a money figure; nothing after a count; "%" and " points" after percentages.
std::string unit_label(unit u) {
    if (u.is_count()) return "";
    if (u.is_percent()) return "%";
    if (u.is_points()) return " points";
    return " " + std::string(u.code());
}

std::string paint(std::string_view text, verdict v, bool color) {
    if (!color) return std::string(text);
    const std::string_view code = v == verdict::consistent                   ? "32"
                                  : v == verdict::consistent_within_rounding ? "36"
                                  : v == verdict::consistent_at_nearby_rate  ? "34"
                                  : v == verdict::inconsistent               ? "1;31"
                                                                             : "33";
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

std::string figure_text(const figure& f) {
    if (!f.names.empty()) return fmt::format("{} named: {}", f.names.size(), fmt::join(f.names, ", "));
    if (f.text.empty()) return fmt::format("(value {}{})", f.value.value().to_string(), unit_label(f.value.unit()));
    return fmt::format("\"{}\"", f.text);
}

// One hop as `crossfoot convert` prints it: the figure (a quote, 1 / a quote, the latest or
// mean of a window's quotes), the pair and its dates, the source and where it was read.
std::string hop_text(const rate_hop& hop, const lookup_policy& policy) {
    const rate_quote& q = hop.quotes.back();
    return fmt::format("{}→{} {} {}/{} {} ({}, {})", hop.from.code(), hop.to.code(),
                       hop_figure(hop, policy), q.base.code(), q.quote.code(), hop_dates(hop),
                       q.source, quote_place(q));
}

std::string rate_text(const found_rate& r) {
    std::string hops;
    for (const rate_hop& hop : r.path) hops += (hops.empty() ? "" : "; ") + hop_text(hop, r.policy);
    std::string range;
    if (r.low || r.high)
        range = fmt::format(", range [{}, {}]", r.low ? r.low->to_string() : "-∞",
                            r.high ? r.high->to_string() : "∞");
    return fmt::format("rate {} = {}{}{}: {}", r.path_text(), r.value.to_string(),
                       r.exact ? "" : fmt::format(" ({} digits)", r.policy.derived_digits), range, hops);
}

// "1 USD = 7.1 CNY" for a stated rate.
std::string stated_rate_text(const figure& rate) {
    return fmt::format("1 {} = {} {}", rate.base->code(), rate.value.value().to_string(),
                       rate.value.unit().code());
}

// The written value, and a range's high end.
std::string value_text(const figure& src) {
    std::string out = grouped(src.value.value()) + unit_label(src.value.unit());
    if (src.high) out += " to " + grouped(src.high->value()) + unit_label(src.high->unit());
    return out;
}

std::string figure_block(std::string_view label, const converted_figure& f, unit in) {
    const figure& src = *f.source;
    std::string out = fmt::format("  {:<10} {} {}{}\n", label, src.id, figure_text(src),
                                  src.unit_assumed ? " (currency assumed)" : "");
    out += fmt::format("  {:<10} = {}", "", value_text(src));
    if (f.rate) out += fmt::format(" × {} = {}{}", f.rate->value.to_string(), grouped(f.value), unit_label(in));
    if (f.stated_rate != nullptr)
        out += fmt::format(" at {} = {}{}", f.stated_rate->id, grouped(f.value), unit_label(in));
    out += fmt::format(", stands for {}\n", f.range.to_string(true));
    for (const std::string& a : src.assumptions) out += fmt::format("  {:<10} {}\n", "", a);
    if (f.rate) out += fmt::format("  {:<10} {}\n", "", rate_text(*f.rate));
    if (f.stated_rate != nullptr)
        out += fmt::format("  {:<10} the document's rate {} \"{}\": {}, stands for {}\n", "",
                           f.stated_rate->id, f.stated_rate->text, stated_rate_text(*f.stated_rate),
                           f.stated_rate->range.to_string(true));
    return out;
}

// What allowed a difference: the written digits, or the qualifiers and rate ranges named.
std::string allowance(const check_result& r) {
    if (r.widened_by.empty()) return "what the written digits allow";
    return fmt::format("what {} allow{}", fmt::join(r.widened_by, " and "),
                       r.widened_by.size() == 1 && !r.widened_by.front().starts_with("the range") ? "s" : "");
}

std::string verdict_sentence(const check_result& r, const claims& c) {
    const std::string diff = r.difference ? grouped(r.difference->abs()) : "";
    const std::string unit_suffix = unit_label(r.in);
    const relation rel = r.spec->relation;
    switch (r.verdict) {
        case verdict::consistent:
            return rel == relation::includes ? "the parts fit within the total"
                                             : "the figures agree exactly";
        case verdict::consistent_within_rounding:
            if (rel == relation::includes)
                return fmt::format("the parts exceed the total by {}{}, within {}", diff,
                                   unit_suffix, allowance(r));
            if (rel == relation::share || rel == relation::change)
                return fmt::format("computed and stated differ by {} points, within {}", diff,
                                   allowance(r));
            return fmt::format("they differ by {}{}, within {}", diff, unit_suffix, allowance(r));
        case verdict::consistent_at_nearby_rate:
            if (r.spec->rate_period)
                return fmt::format("at the mean of the reference rates of {}, within {}%",
                                   r.spec->rate_period->text, c.nearby.tolerance_percent.to_string());
            return fmt::format("not at the reference rate of the document's date, but at a "
                               "reference rate of the {} days before it, within {}%",
                               c.nearby.days, c.nearby.tolerance_percent.to_string());
        case verdict::inconsistent:
            if (rel == relation::includes)
                return "even the smallest values the parts stand for exceed the largest total";
            if (rel == relation::share || rel == relation::change)
                return fmt::format("computed and stated differ by {} points, more than the "
                                   "written digits allow", diff);
            return fmt::format("they differ by {}{}, more than the written digits allow", diff,
                               unit_suffix);
        case verdict::unverifiable: return r.reason;
    }
    return {};
}

// Implied and reference rates of a conversion, as markets quote the pair (won per dollar,
// dollars per euro), whichever figure is the total.
std::string rate_block(const check_result& r) {
    const converted_figure& part = r.parts.front();
    const auto [base, quote] = market_pair(part.source->value.unit(), r.in);
    std::string reference = "1";
    if (part.rate && r.reference_rate) reference = "reference " + r.reference_rate->to_string();
    if (part.stated_rate != nullptr) reference = "stated " + stated_rate_text(*part.stated_rate);
    std::string out = fmt::format("  {:<10} implied {} {} per {}, {}, {}% from it\n", "rate",
                                  r.implied_rate->to_string(), quote.code(), base.code(), reference,
                                  r.deviation_percent ? r.deviation_percent->to_string() : "?");
    if (r.nearby_low && r.nearby_high)
        out += fmt::format("  {:<10} nearby reference rates with the tolerance: {} to {} {} per {}\n", "",
                           r.nearby_low->to_string(), r.nearby_high->to_string(), quote.code(), base.code());
    return out;
}

std::string match_line(const rate_explanation::match& m, const rate_explanation& e) {
    return fmt::format("\n  {:<10}   {}: {} {} per {}, implied {}% from it{}", "", m.period,
                       m.rate.to_string(), e.quote.code(), e.base.code(), m.deviation_percent.to_string(),
                       m.holds ? ", which the figures allow" : "");
}

std::string rate_explanation_block(const rate_explanation& e) {
    std::string out = fmt::format("  {:<10} the figures allow {} {} per {}; in the rate history:",
                                  "history", e.implied.to_string(), e.quote.code(), e.base.code());
    for (const auto& m : e.periods) out += match_line(m, e);
    out += fmt::format("\n  {:<10}   {} of {} single days in the year before allow it{}", "",
                       e.days_holding, e.days_searched, e.days_holding == 0 ? "; the nearest:" : ":");
    for (const auto& m : e.days) out += match_line(m, e);
    return out + "\n";
}

std::string subsets_text(const explanation& e, unit in) {
    const auto list = [&](const std::vector<explanation::subset>& subsets) {
        std::string out;
        for (const auto& s : subsets) {
            out += fmt::format("\n  {:<10}   {} = {}{} (off by {})", "", fmt::join(s.ids, " + "),
                               grouped(s.total), unit_label(in), grouped(s.difference));
        }
        return out;
    };
    if (!e.matching.empty())
        return fmt::format("  {:<10} figures of the document that make up the total within "
                           "rounding:{}\n", "subsets", list(e.matching));
    return fmt::format("  {:<10} no set of the document's figures makes up the total within "
                       "rounding; the nearest:{}\n", "subsets", list(e.nearest));
}

std::string detail_block(const check_result& r, const claims& c, bool color) {
    const check_spec& spec = *r.spec;
    std::string out = fmt::format("\n{} ({})\n", spec.id, to_string(spec.relation));
    if (!spec.description.empty()) out += fmt::format("  {}\n", spec.description);
    if (!spec.proposed_by.empty())
        out += fmt::format("  proposed by the words '{}': confirm it by deleting proposed_by\n", spec.proposed_by);
    if (r.total) out += figure_block("total", *r.total, r.in);
    for (const converted_figure& p : r.parts) out += figure_block(p.weight < 0 ? "minus" : "part", p, r.in);
    if (r.parts_sum)
        out += fmt::format("  {:<10} {}{}, stands for {}\n", "parts sum", grouped(*r.parts_sum),
                           unit_label(r.in), r.parts_range->to_string(true));
    if (r.remainder)
        out += fmt::format("  {:<10} {}{} unexplained, within {}\n", "remainder",
                           grouped(*r.difference), unit_label(r.in), r.remainder->to_string(true));
    if (r.implied_rate) out += rate_block(r);
    if (r.rate_explained) out += rate_explanation_block(*r.rate_explained);
    const auto stated_block = [&](std::string_view label, const decimal& computed, unit u) {
        std::string block = fmt::format("  {:<10} {}{} computed", label, computed.to_string(), unit_label(u));
        if (r.stated != nullptr)
            block += fmt::format("; stated {} {}, stands for {}", r.stated->id, figure_text(*r.stated),
                                 r.stated->range.to_string(true));
        else
            block += fmt::format(", {}% stated", spec.percent->to_string());
        return block + "\n";
    };
    if (r.share_percent) out += stated_block("share", *r.share_percent, unit::percent());
    if (r.change_percent)
        out += stated_block("change", *r.change_percent, r.stated->value.unit());
    if (r.explained) out += subsets_text(*r.explained, r.in);
    return out + fmt::format("  {:<10} {}: {}\n", "verdict", paint(to_string(r.verdict), r.verdict, color),
                             verdict_sentence(r, c));
}

std::string header(const check_report& report) {
    const document_info& d = report.claims->document;
    std::string out = fmt::format("crossfoot check: {}\n", d.title.empty() ? report.claims->file : d.title);
    std::vector<std::string> facts;
    if (d.on) facts.push_back(to_string(*d.on));
    if (d.period) facts.push_back(d.period->text);
    if (!d.source.empty()) facts.push_back(d.source);
    if (d.currency) facts.push_back(fmt::format("bare figures in {}", d.currency->code()));
    if (!facts.empty()) out += fmt::format("document: {}\n", fmt::join(facts, "; "));
    if (!d.url.empty()) out += fmt::format("source:   {}\n", d.url);
    return out + fmt::format("claims:   {}\n\n", report.claims->file);
}

std::string totals_line(const check_report& report) {
    return fmt::format("{} check{}: {} consistent, {} consistent within rounding, {} consistent at "
                       "a nearby rate, {} inconsistent, {} unverifiable\n",
                       report.results.size(), report.results.size() == 1 ? "" : "s",
                       report.count(verdict::consistent),
                       report.count(verdict::consistent_within_rounding),
                       report.count(verdict::consistent_at_nearby_rate),
                       report.count(verdict::inconsistent), report.count(verdict::unverifiable));
}

}  // namespace

std::string check_detail_text(const check_result& r, const claims& c) { return detail_block(r, c, false); }

std::string check_unit_label(unit u) { return unit_label(u); }

std::string format_check_text(const check_report& report, bool color) {
    std::string out = header(report);
    std::size_t id_width = 2;
    for (const check_result& r : report.results) id_width = std::max(id_width, r.spec->id.size());
    for (const check_result& r : report.results) {
        const std::string word(to_string(r.verdict));
        const std::string proposed =
            r.spec->proposed_by.empty() ? "" : fmt::format(" (proposed by '{}')", r.spec->proposed_by);
        out += fmt::format("{}{}  {:<{}}  {}{}\n", paint(word, r.verdict, color),
                           std::string(28 - word.size(), ' '), r.spec->id, id_width, r.summary, proposed);
    }
    out += "\n" + totals_line(report);
    for (const check_result& r : report.results) out += detail_block(r, *report.claims, color);
    return out;
}

namespace {

json interval_json(const interval& i) {
    json j = json::object();
    j["low"] = i.low ? json(i.low->to_string()) : json(nullptr);
    j["high"] = i.high ? json(i.high->to_string()) : json(nullptr);
    j["low_open"] = i.low_open;
    j["high_open"] = i.high_open;
    return j;
}

json conversion_rate_json(const found_rate& r) {
    json path = json::array();
    for (const rate_hop& hop : r.path) {
        const rate_quote& q = hop.quotes.back();
        path.push_back({{"from", hop.from.code()},
                        {"to", hop.to.code()},
                        {"inverted", hop.inverted},
                        {"rate", hop.value.to_string()},
                        {"quotes", hop.quotes.size()},
                        {"quote", {{"pair", fmt::format("{}/{}", q.base.code(), q.quote.code())},
                                   {"rate", q.rate.to_string()},
                                   {"date", to_string(q.on)},
                                   {"source", q.source},
                                   {"file", q.file},
                                   {"line", q.line}}}});
    }
    return {{"value", r.value.to_string()}, {"exact", r.exact}, {"date", to_string(r.requested)},
            {"policy", describe(r.policy)}, {"path", path}};
}

json converted_json(const converted_figure& f) {
    const figure& src = *f.source;
    json j = {{"figure", src.id},        {"text", src.text},
              {"value", src.value.value().to_string()}, {"unit", src.value.unit().code()},
              {"weight", f.weight},      {"converted", f.value.to_string()},
              {"range", interval_json(f.range)}};
    if (f.rate) j["rate"] = conversion_rate_json(*f.rate);
    if (f.stated_rate != nullptr)
        j["stated_rate"] = {{"figure", f.stated_rate->id},
                            {"base", f.stated_rate->base->code()},
                            {"quote", f.stated_rate->value.unit().code()},
                            {"value", f.stated_rate->value.value().to_string()},
                            {"range", interval_json(f.stated_rate->range)}};
    return j;
}

json subsets_json(const std::vector<explanation::subset>& subsets) {
    json list = json::array();
    for (const auto& s : subsets)
        list.push_back({{"figures", s.ids}, {"total", s.total.to_string()},
                        {"difference", s.difference.to_string()}});
    return list;
}

json result_json(const check_result& r) {
    json j = {{"id", r.spec->id},
              {"relation", to_string(r.spec->relation)},
              {"description", r.spec->description},
              {"verdict", to_string(r.verdict)},
              {"summary", r.summary}};
    if (!r.spec->proposed_by.empty()) j["proposed_by"] = r.spec->proposed_by;
    if (r.verdict == verdict::unverifiable) {
        j["reason"] = r.reason;
        return j;
    }
    j["unit"] = r.in.code();
    j["total"] = converted_json(*r.total);
    j["parts"] = json::array();
    for (const converted_figure& p : r.parts) j["parts"].push_back(converted_json(p));
    j["parts_sum"] = r.parts_sum->to_string();
    j["parts_range"] = interval_json(*r.parts_range);
    j["difference"] = r.difference->to_string();
    if (r.remainder) j["remainder"] = interval_json(*r.remainder);
    if (r.implied_rate) j["implied_rate"] = r.implied_rate->to_string();
    if (r.reference_rate) j["reference_rate"] = r.reference_rate->to_string();
    if (r.deviation_percent) j["deviation_percent"] = r.deviation_percent->to_string();
    if (r.implied_rate) {
        const unit from = r.parts.front().source->value.unit();
        const auto [base, quote] = market_pair(from, r.in);
        j["pair"] = fmt::format("{}/{}", base.code(), quote.code());
    }
    if (r.nearby_low && r.nearby_high) {
        j["nearby"] = {{"low", r.nearby_low->to_string()}, {"high", r.nearby_high->to_string()}};
    }
    if (r.rate_explained) {
        const rate_explanation& e = *r.rate_explained;
        const auto matches = [](const std::vector<rate_explanation::match>& list) {
            json out = json::array();
            for (const auto& m : list)
                out.push_back({{"period", m.period}, {"first", to_string(m.first)}, {"last", to_string(m.last)},
                               {"rate", m.rate.to_string()}, {"deviation_percent", m.deviation_percent.to_string()},
                               {"holds", m.holds}});
            return out;
        };
        j["rate_explanation"] = {{"pair", fmt::format("{}/{}", e.base.code(), e.quote.code())},
                                 {"implied", interval_json(e.implied)},
                                 {"periods", matches(e.periods)},
                                 {"days", matches(e.days)},
                                 {"days_searched", e.days_searched},
                                 {"days_holding", e.days_holding}};
    }
    if (r.share_percent) j["share_percent"] = r.share_percent->to_string();
    if (r.change_percent) j["change"] = r.change_percent->to_string();
    if (r.stated != nullptr) j["stated"] = r.stated->id;
    if (!r.widened_by.empty()) j["widened_by"] = r.widened_by;
    if (r.explained)
        j["explanation"] = {{"matching", subsets_json(r.explained->matching)},
                            {"nearest", subsets_json(r.explained->nearest)}};
    return j;
}

json figure_json(const figure& f) {
    json j = {{"id", f.id},
              {"text", f.text},
              {"value", f.value.value().to_string()},
              {"unit", f.value.unit().code()},
              {"qualifier", to_string(f.qualifier)},
              {"unit_assumed", f.unit_assumed},
              {"range", interval_json(f.range)}};
    if (f.kind != figure_kind::amount) j["kind"] = to_string(f.kind);
    if (f.high) j["high"] = f.high->value().to_string();
    if (f.base) j["base"] = f.base->code();
    if (!f.qualifier_text.empty()) j["qualifier_text"] = f.qualifier_text;
    if (f.converted) j["converted"] = true;
    if (!f.assumptions.empty()) j["assumptions"] = f.assumptions;
    if (!f.names.empty()) j["names"] = f.names;
    return j;
}

}  // namespace

std::string format_check_json(const check_report& report) {
    const claims& c = *report.claims;
    json checks = json::array();
    for (const check_result& r : report.results) checks.push_back(result_json(r));
    json figures = json::array();
    for (const figure& f : c.figures) figures.push_back(figure_json(f));
    const json doc = {
        {"schema", "crossfoot-check/2"},
        {"claims_file", c.file},
        {"document", {{"title", c.document.title},
                      {"date", c.document.on ? json(to_string(*c.document.on))
                                             : (c.document.period ? json(c.document.period->text) : json(nullptr))},
                      {"currency", c.document.currency ? json(c.document.currency->code()) : json(nullptr)},
                      {"source", c.document.source}}},
        {"summary", {{"checks", report.results.size()},
                     {"consistent", report.count(verdict::consistent)},
                     {"consistent_within_rounding", report.count(verdict::consistent_within_rounding)},
                     {"consistent_at_nearby_rate", report.count(verdict::consistent_at_nearby_rate)},
                     {"inconsistent", report.count(verdict::inconsistent)},
                     {"unverifiable", report.count(verdict::unverifiable)}}},
        {"checks", checks},
        {"figures", figures}};
    return doc.dump(2) + "\n";
}

}  // namespace crossfoot
