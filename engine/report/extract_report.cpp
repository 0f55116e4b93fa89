// engine/report/extract_report.cpp: the table and JSON forms of an extraction.
// SPDX-License-Identifier: MIT
#include <crossfoot/extract.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace crossfoot {

namespace {

using json = nlohmann::ordered_json;

std::string unit_of(const written_figure& f) {
    const unit u = f.value.unit();
    if (f.kind == figure_kind::rate) return fmt::format("{}/{}", f.base->code(), u.code());
    if (u.is_count()) return "count";
    return std::string(u.code());
}

std::string value_of(const mention& m) {
    if (m.kind == mention_kind::date_text) return m.when;
    std::string v = m.figure.value.value().to_string();
    if (m.figure.high) v += ".." + m.figure.high->value().to_string();
    return v;
}

// "10^8": what the last written digit is worth.
std::string precision_of(const mention& m) {
    if (m.kind == mention_kind::date_text) return "";
    if (m.figure.tolerance) return "±" + m.figure.tolerance->to_string();
    return fmt::format("10^{}", m.figure.value.value().exponent());
}

std::string notes_of(const mention& m) {
    std::vector<std::string> notes = m.figure.assumptions;
    if (m.figure.unit_assumed && m.kind == mention_kind::money && notes.empty())
        notes.emplace_back("currency assumed");
    if (m.figure.converted) notes.emplace_back("restates another value");
    return fmt::format("{}", fmt::join(notes, "; "));
}

// A text as a table cell: one longer than 60 bytes (a thousand-digit number passed over) is
// cut to its first 48 and "..."; the JSON report has it whole.
std::string cell(std::string_view text) {
    if (text.size() <= 60) return std::string(text);
    std::size_t cut = 48;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

// The first column: a PDF's page, else the byte of the file (of the HTML source for a web page).
std::string_view place_heading(const extraction& e) { return e.format == "pdf" ? "page" : "byte"; }

std::size_t place_of(const extraction& e, const text_span& at) {
    if (e.format == "pdf") return at.page;
    return e.format == "html" ? at.source_begin : at.byte_begin;
}

}  // namespace

std::string format_extraction_text(const extraction& e, bool explain) {
    std::string out = fmt::format("{:>7}  {:<8} {:<32} {:<24} {:<8} {:<9} {:<7} {}\n", place_heading(e), "kind",
                                  "text", "value", "unit", "qualifier", "digit", "notes");
    for (const mention& m : e.mentions) {
        const bool is_date = m.kind == mention_kind::date_text;
        out += fmt::format("{:>7}  {:<8} {:<32} {:<24} {:<8} {:<9} {:<7} {}\n", place_of(e, m.at),
                           to_string(m.kind), cell(m.text), value_of(m), is_date ? "-" : unit_of(m.figure),
                           is_date ? "" : std::string(to_string(m.figure.qualifier)), precision_of(m),
                           is_date ? "" : notes_of(m));
    }
    out += fmt::format("\n{} mention{}, {} number{} passed over{}\n", e.mentions.size(),
                       e.mentions.size() == 1 ? "" : "s", e.skipped.size(),
                       e.skipped.size() == 1 ? "" : "s", explain || e.skipped.empty() ? "" : " (--explain lists them)");
    if (explain) {
        for (const skipped_number& s : e.skipped)
            out += fmt::format("{:>7}  {:<32} {}\n", place_of(e, s.at), cell(s.text), s.reason);
    }
    return out;
}

std::string format_extraction_json(const extraction& e, std::string_view file) {
    // Places in the visible text; with the page of a PDF and the bytes of a web page's source.
    const auto span = [&e](const text_span& at) {
        json j = {{"bytes", {at.byte_begin, at.byte_end}}, {"chars", {at.char_begin, at.char_end}}};
        if (e.format == "pdf") j["page"] = at.page;
        if (e.format == "html") j["source_bytes"] = {at.source_begin, at.source_end};
        return j;
    };
    json mentions = json::array();
    for (const mention& m : e.mentions) {
        json j = {{"kind", to_string(m.kind)}, {"text", m.text}};
        j.update(span(m.at));
        if (m.kind == mention_kind::date_text) {
            j["date"] = m.when;
        } else {
            const written_figure& f = m.figure;
            j["value"] = f.value.value().to_string();
            if (f.high) j["high"] = f.high->value().to_string();
            j["unit"] = unit_of(f);
            j["unit_assumed"] = f.unit_assumed;
            j["exponent"] = f.value.value().exponent();
            if (f.tolerance) j["tolerance"] = f.tolerance->to_string();
            j["qualifier"] = to_string(f.qualifier);
            if (!f.qualifier_text.empty()) j["qualifier_text"] = f.qualifier_text;
            if (f.converted) j["converted"] = true;
            j["assumptions"] = f.assumptions;
        }
        mentions.push_back(std::move(j));
    }
    json skipped = json::array();
    for (const skipped_number& s : e.skipped) {
        json j = {{"text", s.text}, {"reason", s.reason}};
        j.update(span(s.at));
        skipped.push_back(std::move(j));
    }
    const json doc = {{"schema", "crossfoot-extract/1"},
                      {"file", file},
                      {"format", e.format},
                      {"mentions", mentions},
                      {"skipped", skipped}};
    return doc.dump(2) + "\n";
}

}  // namespace crossfoot
