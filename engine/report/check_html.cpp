// engine/report/check_html.cpp: the report of `crossfoot check --format html`: one
// self-contained web page, readable without scripts, on a phone and in print.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include "check_chart.hpp"
#include "check_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

namespace {

using charts::escape;

// Colours pass WCAG AA contrast on white; the word and the symbol say the verdict as well,
// so that nothing is told by colour alone.
constexpr std::string_view style = R"css(
:root { color-scheme: light; --ok: #1a7f37; --round: #0b6e75; --near: #6639ba; --bad: #cf222e;
        --unknown: #57606a; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 16px; color: var(--ink); line-height: 1.45;
       font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
.facts { color: var(--muted); margin: 0 0 .75rem; overflow-wrap: anywhere; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: .5rem 0 1rem; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px; }
.verdict { font-weight: 600; white-space: nowrap; }
.v-consistent { --v: var(--ok); } .v-rounding { --v: var(--round); } .v-nearby { --v: var(--near); }
.v-inconsistent { --v: var(--bad); } .v-unverifiable { --v: var(--unknown); }
.verdict, .counts li { color: var(--v, var(--ink)); }
table.checks { border-collapse: collapse; width: 100%; }
table.checks th, table.checks td { text-align: left; vertical-align: top; padding: 6px 8px;
       border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
table.checks td.n { width: 2.5em; color: var(--muted); }
section.check { border: 1px solid var(--line); border-left: 6px solid var(--v); border-radius: 6px;
       padding: 12px; margin: 12px 0; break-inside: avoid; }
.summary { margin: .25rem 0 .5rem; } .note { color: var(--muted); margin: .25rem 0; }
svg.chart { display: block; width: 100%; max-width: 720px; height: auto; margin: 8px 0;
       font-size: 12px; font-family: inherit; }
svg .label, svg .tick, svg .note { fill: var(--ink); }
svg .tick.end, svg .note.end, svg .note.inside { text-anchor: end; } svg .note.inside { fill: #fff; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .band.total { fill: #0969da; fill-opacity: .25; } svg .band.parts { fill: #bf8700; fill-opacity: .3; }
svg .value.total { fill: #0969da; } svg .value.parts { fill: #9a6700; }
svg .part { fill: #8c959f; } svg .part.minus { fill: #bc4c00; }
svg .gap { fill: var(--v); } svg .open { fill-opacity: .6; }
pre.arithmetic { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 8px;
       border-radius: 6px; font-size: .85rem; margin: .5rem 0 0; }
.document-text { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line);
       border-radius: 6px; padding: 12px; }
mark { background: none; border-bottom: 3px solid var(--v, var(--line)); color: inherit; padding: 0 1px; }
mark.v-consistent, mark.v-rounding, mark.v-nearby, mark.v-inconsistent, mark.v-unverifiable {
       background: color-mix(in srgb, var(--v) 14%, white); }
sup.refs { font-size: .7rem; } sup.refs a { margin-left: 2px; }
a { color: #0969da; }
@media (max-width: 600px) {
  body { padding: 10px; }
  table.checks thead { display: none; }
  table.checks tr { display: block; border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.checks td { display: block; border: none; padding: 2px 0; }
  table.checks td.n { display: inline; }
  svg.chart { font-size: 16px; }
  pre.arithmetic { font-size: .75rem; }
}
@media print {
  body { max-width: none; } a { color: inherit; text-decoration: none; }
  section.check, .document-text { break-inside: avoid-page; }
}
)css";

std::string_view verdict_class(verdict v) {
    switch (v) {
        case verdict::consistent: return "v-consistent";
        case verdict::consistent_within_rounding: return "v-rounding";
        case verdict::consistent_at_nearby_rate: return "v-nearby";
        case verdict::inconsistent: return "v-inconsistent";
        case verdict::unverifiable: return "v-unverifiable";
    }
    return "v-unverifiable";
}

std::string_view verdict_symbol(verdict v) {
    switch (v) {
        case verdict::consistent: return "✓";
        case verdict::consistent_within_rounding: return "≈";
        case verdict::consistent_at_nearby_rate: return "~";
        case verdict::inconsistent: return "✗";
        case verdict::unverifiable: return "?";
    }
    return "?";
}

// How bad a verdict is, for the worst of a figure's checks.
int badness(verdict v) {
    switch (v) {
        case verdict::consistent: return 0;
        case verdict::consistent_within_rounding: return 1;
        case verdict::consistent_at_nearby_rate: return 2;
        case verdict::unverifiable: return 3;
        case verdict::inconsistent: return 4;
    }
    return 3;
}

std::string verdict_badge(verdict v) {
    return fmt::format("<span class=\"verdict {}\">{} {}</span>", verdict_class(v), verdict_symbol(v),
                       escape(to_string(v)));
}

// Anchors are numbered: ids in claims files may hold any character.
std::string check_anchor(std::size_t doc, std::size_t check) { return fmt::format("d{}-c{}", doc, check + 1); }
std::string figure_anchor(std::size_t doc, std::size_t fig) { return fmt::format("d{}-f{}", doc, fig + 1); }

// The figures a check takes part in: its total, its parts, the stated share or change, the
// stated rate.
std::vector<std::string_view> figure_ids(const check_spec& s) {
    std::vector<std::string_view> ids = {s.total};
    for (const part_ref& p : s.parts) ids.push_back(p.id);
    for (const std::string_view extra : {std::string_view(s.share), std::string_view(s.by), std::string_view(s.rate)})
        if (!extra.empty()) ids.push_back(extra);
    return ids;
}

// The checks each figure takes part in, by figure id.
std::map<std::string, std::vector<std::size_t>, std::less<>> checks_by_figure(const check_report& report) {
    std::map<std::string, std::vector<std::size_t>, std::less<>> out;
    for (std::size_t i = 0; i < report.results.size(); ++i) {
        for (const std::string_view id : figure_ids(*report.results[i].spec)) {
            std::vector<std::size_t>& list = out[std::string(id)];
            if (list.empty() || list.back() != i) list.push_back(i);
        }
    }
    return out;
}

std::string header_html(const check_report& report, std::size_t doc) {
    const claims& c = *report.claims;
    const document_info& d = c.document;
    std::string out = fmt::format("<header><h2 id=\"d{}\">{}</h2>\n", doc, escape(d.title.empty() ? c.file : d.title));
    std::vector<std::string> facts;
    if (d.on) facts.push_back(to_string(*d.on));
    if (d.period) facts.push_back(escape(d.period->text));
    if (!d.source.empty()) facts.push_back(escape(d.source));
    if (d.currency) facts.push_back(fmt::format("bare figures in {}", d.currency->code()));
    // A link only to a web address: any other scheme (javascript:) stays text.
    if (d.url.starts_with("https://") || d.url.starts_with("http://"))
        facts.push_back(fmt::format("<a href=\"{}\">{}</a>", escape(d.url), escape(d.url)));
    else if (!d.url.empty())
        facts.push_back(escape(d.url));
    facts.push_back("claims: " + escape(c.file));
    out += fmt::format("<p class=\"facts\">{}</p>\n", fmt::join(facts, " · "));
    out += "<ul class=\"counts\">";
    for (const verdict v : {verdict::consistent, verdict::consistent_within_rounding, verdict::consistent_at_nearby_rate,
                            verdict::inconsistent, verdict::unverifiable}) {
        out += fmt::format("<li class=\"{}\">{} {} {}</li>", verdict_class(v), verdict_symbol(v), report.count(v),
                           escape(to_string(v)));
    }
    return out + "</ul></header>\n";
}

std::string summary_table(const check_report& report, std::size_t doc) {
    std::string out = "<table class=\"checks\"><thead><tr><th>#</th><th>check</th><th>verdict</th><th>what it found</th>"
                      "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < report.results.size(); ++i) {
        const check_result& r = report.results[i];
        const std::string proposed =
            r.spec->proposed_by.empty()
                ? ""
                : fmt::format(" <span class=\"note\">(proposed by ‘{}’)</span>", escape(r.spec->proposed_by));
        out += fmt::format("<tr class=\"{}\"><td class=\"n\">{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td>"
                           "<td>{}{}</td></tr>\n",
                           verdict_class(r.verdict), i + 1, check_anchor(doc, i), escape(r.spec->id),
                           verdict_badge(r.verdict), escape(r.summary), proposed);
    }
    return out + "</tbody></table>\n";
}

std::string check_section(const check_result& r, const claims& c, std::size_t doc, std::size_t i,
                          const std::map<std::string, std::size_t, std::less<>>& marked) {
    std::string out = fmt::format("<section class=\"check {}\" id=\"{}\"><h3>{}. {} {}</h3>\n", verdict_class(r.verdict),
                                  check_anchor(doc, i), i + 1, escape(r.spec->id), verdict_badge(r.verdict));
    out += fmt::format("<p class=\"summary\">{}</p>\n", escape(r.summary));
    if (!r.spec->description.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", escape(r.spec->description));
    if (!r.spec->proposed_by.empty())
        out += fmt::format("<p class=\"note\">Proposed by the words ‘{}’: not yet confirmed by a person.</p>\n",
                           escape(r.spec->proposed_by));
    out += charts::check_chart(r);
    std::vector<std::string> links;
    for (const std::string_view id : figure_ids(*r.spec)) {
        const auto at = marked.find(id);
        if (at != marked.end())
            links.push_back(fmt::format("<a href=\"#{}\">{}</a>", figure_anchor(doc, at->second), escape(id)));
    }
    if (!links.empty()) out += fmt::format("<p class=\"note\">In the text: {}</p>\n", fmt::join(links, ", "));
    out += fmt::format("<pre class=\"arithmetic\">{}</pre>\n", escape(check_detail_text(r, c)));
    return out + "</section>\n";
}

// Where each figure's words stand in the text: the first place of its text not taken by a
// figure before it. Figures whose words are not found are left out.
struct placed_figure {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t figure = 0;  // index in the claims' figures
};

std::vector<placed_figure> place_figures(const claims& c, std::string_view text) {
    std::vector<placed_figure> placed;
    for (std::size_t f = 0; f < c.figures.size(); ++f) {
        const std::string& words = c.figures[f].text;
        if (words.empty()) continue;
        for (std::size_t at = text.find(words); at != std::string_view::npos; at = text.find(words, at + 1)) {
            const bool taken = std::any_of(placed.begin(), placed.end(), [&](const placed_figure& p) {
                return at < p.end && p.begin < at + words.size();
            });
            if (!taken) {
                placed.push_back({at, at + words.size(), f});
                break;
            }
        }
    }
    std::sort(placed.begin(), placed.end(), [](const placed_figure& a, const placed_figure& b) { return a.begin < b.begin; });
    return placed;
}

std::string document_section(const check_report& report, std::string_view text, std::size_t doc,
                             const std::vector<placed_figure>& placed) {
    const claims& c = *report.claims;
    const auto by_figure = checks_by_figure(report);
    std::string out = "<section class=\"document\"><h3>The document, its figures marked</h3>\n"
                      "<div class=\"document-text\">";
    std::size_t pos = 0;
    for (const placed_figure& p : placed) {
        const figure& f = c.figures[p.figure];
        out += escape(text.substr(pos, p.begin - pos));
        const auto checks = by_figure.find(f.id);
        std::string css = "v-none";
        std::string refs;
        if (checks != by_figure.end()) {
            verdict worst = verdict::consistent;
            for (const std::size_t i : checks->second) {
                const verdict v = report.results[i].verdict;
                if (badness(v) > badness(worst)) worst = v;
                refs += fmt::format("<a href=\"#{}\">{}</a>", check_anchor(doc, i), i + 1);
            }
            css = verdict_class(worst);
        }
        out += fmt::format("<mark class=\"{}\" id=\"{}\" title=\"{}\">{}</mark>", css, figure_anchor(doc, p.figure),
                           escape(f.id), escape(text.substr(p.begin, p.end - p.begin)));
        if (!refs.empty()) out += fmt::format("<sup class=\"refs\">{}</sup>", refs);
        pos = p.end;
    }
    out += escape(text.substr(pos)) + "</div>\n";
    std::vector<bool> found(c.figures.size());
    for (const placed_figure& p : placed) found[p.figure] = true;
    std::vector<std::string> missing;
    for (std::size_t f = 0; f < c.figures.size(); ++f) {
        if (!found[f] && !c.figures[f].text.empty())
            missing.push_back(fmt::format("<li>{} “{}”</li>", escape(c.figures[f].id), escape(c.figures[f].text)));
    }
    if (!missing.empty())
        out += fmt::format("<p>Figures of the claims file not found in the text:</p><ul>{}</ul>\n", fmt::join(missing, ""));
    return out + "</section>\n";
}

std::string document_article(const checked_document& d, std::size_t doc) {
    const check_report& report = *d.report;
    std::string out = "<article>\n" + header_html(report, doc) + summary_table(report, doc);
    const std::vector<placed_figure> placed = d.text.empty() ? std::vector<placed_figure>{}
                                                             : place_figures(*report.claims, d.text);
    std::map<std::string, std::size_t, std::less<>> marked;
    for (const placed_figure& p : placed) marked.emplace(report.claims->figures[p.figure].id, p.figure);
    for (std::size_t i = 0; i < report.results.size(); ++i)
        out += check_section(report.results[i], *report.claims, doc, i, marked);
    if (!d.text.empty()) out += document_section(report, d.text, doc, placed);
    return out + "</article>\n";
}

}  // namespace

std::string format_check_html(const std::vector<checked_document>& documents) {
    std::string title = "crossfoot check";
    if (documents.size() == 1) {
        const claims& c = *documents.front().report->claims;
        title += ": " + (c.document.title.empty() ? c.file : c.document.title);
    }
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        "<title>{}</title>\n<style>{}</style></head>\n<body>\n<h1>crossfoot check</h1>\n",
        escape(title), style);
    for (std::size_t i = 0; i < documents.size(); ++i) out += document_article(documents[i], i + 1);
    out += "<footer class=\"note\"><p>Every figure in this report is exact. ✓ consistent · ≈ consistent within "
           "rounding · ~ consistent at a nearby rate · ✗ inconsistent · ? unverifiable.</p></footer>\n";
    return out + "</body></html>\n";
}

}  // namespace crossfoot
