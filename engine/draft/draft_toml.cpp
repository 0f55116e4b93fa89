// engine/draft/draft_toml.cpp: a draft written as a claims file a person reviews.
// SPDX-License-Identifier: MIT
#include <crossfoot/draft.hpp>

#include "core/text_reader.hpp"

#include <fmt/format.h>

namespace crossfoot {

namespace {

// A TOML basic string: quotes, backslashes and control characters escaped.
std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20U || u == 0x7FU) {
            out += fmt::format("\\u{:04X}", u);
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// At most `limit` bytes, cut at a character's start, white space and control characters as
// single spaces (a TOML comment may hold no control character).
std::string one_line(std::string_view s, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t len = std::min(text::utf8_length(s[i]), s.size() - i);
        if (out.size() + len > limit) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20U || c == 0x7FU) {  // line breaks, tabs and any control character: TOML
            if (!out.empty() && out.back() != ' ') out += ' ';  // comments may hold none
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string date_value(std::string_view date) {
    if (date.size() == 10) return std::string(date);  // a day: a TOML date
    return quoted(date);
}

std::string id_list(const std::vector<std::string>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i > 0 ? ", " : "") + quoted(ids[i]);
    return out + "]";
}

}  // namespace

std::string format_draft_toml(const draft& d, std::string_view source) {
    std::string out = fmt::format(
        "# Claims drafted by crossfoot from {}: every figure the text states, each after the\n"
        "# sentence it stands in, and the checks the text's own words propose (proposed_by).\n"
        "# Review them: delete proposed_by to confirm a check, delete a check the words do not\n"
        "# mean, and add the relations the text leaves unsaid.\n\n",
        one_line(source, 200));
    out += "[document]\n";
    out += "title = " + quoted(one_line(d.title, 200)) + "\n";
    if (!d.date.empty()) out += "date = " + date_value(d.date) + "\n";
    if (d.currency) out += "currency = " + quoted(d.currency->code()) + "\n";
    out += "source = " + quoted(one_line(source, 200)) + "\n";
    out += "\n[figures]\n";
    std::string_view last_context;
    for (const drafted_figure& f : d.figures) {
        if (f.context != last_context) out += "# " + one_line(f.context, 240) + "\n";
        last_context = f.context;
        std::string line = f.id + " = { text = " + quoted(f.from->text);
        if (!f.unit.empty()) line += ", unit = " + quoted(f.unit);
        line += " }";
        if (f.refused.empty()) {
            out += line + "\n";
        } else {
            out += "# " + line + "   <- not readable as a claims figure: " + one_line(f.refused, 160) + "\n";
        }
    }
    for (const drafted_check& c : d.checks) {
        out += "\n[[checks]]\n";
        out += "id = " + quoted(c.id) + "\n";
        out += "relation = " + quoted(to_string(c.relation)) + "\n";
        if (c.relation == relation::change) {
            out += "from = " + quoted(c.parts.front()) + "\n";
            out += "to = " + quoted(c.total) + "\n";
            out += "by = " + quoted(c.by) + "\n";
        } else {
            out += "total = " + quoted(c.total) + "\n";
            out += "parts = " + id_list(c.parts) + "\n";
            if (!c.share.empty()) out += "share = " + quoted(c.share) + "\n";
            if (!c.rate.empty()) out += "rate = " + quoted(c.rate) + "\n";
        }
        out += "proposed_by = " + quoted(c.proposed_by) + "\n";
    }
    return out;
}

}  // namespace crossfoot
