// engine/report/aggregate_report.cpp: the text, CSV and JSON reports of an aggregation.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <crossfoot/sum.hpp>

#include "aggregate/partial.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <ostream>
#include <sstream>

namespace crossfoot {

namespace {

// Appends a CSV cell: quoted, its quotes doubled, when it holds a comma, a quote or a line break.
void append_csv_cell(std::string& out, std::string_view text) {
    const auto special = [](char c) { return c == ',' || c == '"' || c == '\n' || c == '\r'; };
    if (std::ranges::none_of(text, special)) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// Calls `line` with the cells of every row of the report, in its order: each group's exact
// totals by currency, then its converted total. The cells are views, valid during the call:
// a report of millions of groups makes no string per cell.
template <class Line>
void report_rows(const partial_aggregate& p, bool grouped_digits, Line&& line) {
    std::vector<std::string_view> cells;
    std::string total_text;
    std::array<char, 24> rows_text{};
    const auto emit = [&](const group_view& g, std::string_view currency, const decimal& total,
                          std::uint64_t rows, bool converted) {
        cells.assign(g.key.begin(), g.key.end());
        total_text = total.to_string();
        if (grouped_digits) total_text = group_thousands(total_text);
        const auto written = std::to_chars(rows_text.data(), rows_text.data() + rows_text.size(), rows);
        cells.push_back(currency);
        cells.push_back(total_text);
        cells.emplace_back(rows_text.data(), static_cast<std::size_t>(written.ptr - rows_text.data()));
        cells.push_back(converted ? "converted" : "exact");
        line(cells);
    };
    for_each_finished(p, [&](const group_view& g) {
        for (const currency_total& t : g.totals) emit(g, t.currency.code(), t.total, t.rows, false);
        if (g.converted != nullptr) emit(g, p.target->code(), *g.converted, g.rows(), true);
    });
}

// The report's column names, as views for `line`.
std::vector<std::string_view> header_cells(const std::vector<std::string>& names) {
    return {names.begin(), names.end()};
}

// Text made a piece at a time and written out a megabyte at a time.
void flush_if_big(std::ostream& os, std::string& out) {
    if (out.size() < (std::size_t{1} << 20)) return;
    os << out;
    out.clear();
}

std::string summary(const partial_aggregate& p) {
    return fmt::format("rows read {} = accepted {} + rejected {}\n", p.rows_read, p.rows_accepted(),
                       p.rows_rejected);
}

}  // namespace

void write_aggregate_text(std::ostream& os, const partial_aggregate& p) {
    const auto header = aggregate_columns(p);
    // Two passes over the groups: the widths of the columns, then the lines.
    std::vector<std::size_t> width(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) width[i] = header[i].size();
    // Counted in bytes, at least the columns fmt pads to; a control character is shown as
    // its picture, three bytes for its one.
    const auto bytes_shown = [](std::string_view cell) { return cell.size() + 2 * text::control_count(cell); };
    report_rows(p, true, [&](const std::vector<std::string_view>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) width[i] = std::max(width[i], bytes_shown(cells[i]));
    });
    const std::size_t numeric_from = p.group_by.size() + 1;  // total and rows align right
    std::string out;
    std::string shown;
    const auto line = [&](const std::vector<std::string_view>& cells) {
        const std::size_t start = out.size();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const bool right = i >= numeric_from && i < numeric_from + 2;
            // A key's CR or tab would break the table: shown as its picture.
            const std::string_view cell = text::control_count(cells[i]) != 0 ? (shown = text::visible(cells[i])) : cells[i];
            if (right) fmt::format_to(std::back_inserter(out), "{:>{}}", cell, width[i]);
            else fmt::format_to(std::back_inserter(out), "{:<{}}", cell, width[i]);
            if (i + 1 < cells.size()) out += "  ";
        }
        while (out.size() > start && out.back() == ' ') out.pop_back();
        out += '\n';
        flush_if_big(os, out);
    };
    line(header_cells(header));
    report_rows(p, true, line);
    os << out << summary(p);
}

void write_aggregate_csv(std::ostream& os, const partial_aggregate& p) {
    std::string out;
    const auto line = [&](const std::vector<std::string_view>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i != 0) out += ',';
            append_csv_cell(out, cells[i]);
        }
        out += '\n';
        flush_if_big(os, out);
    };
    line(header_cells(aggregate_columns(p)));
    report_rows(p, false, line);
    os << out;
}

void write_aggregate_json(std::ostream& os, const partial_aggregate& p) {
    std::string out;
    json_out::writer w(out, 2);
    w.begin_object();
    w.key("rows_read");
    w.number(p.rows_read);
    w.key("rows_accepted");
    w.number(p.rows_accepted());
    w.key("rows_rejected");
    w.number(p.rows_rejected);
    w.key("groups");
    w.begin_array();
    for_each_finished(p, [&](const group_view& g) {
        w.begin_object();
        w.key("group");
        w.begin_object();
        for (std::size_t i = 0; i < g.key.size(); ++i) {
            w.key(p.group_by[i]);
            w.string(g.key[i]);
        }
        w.end_object();
        w.key("totals");
        write_totals(w, g);
        if (g.converted != nullptr) {
            w.key("converted");
            w.begin_object();
            w.key("currency");
            w.string(p.target->code());
            w.key("total");
            w.string(g.converted->to_string());
            w.key("rows");
            w.number(g.rows());
            w.end_object();
        }
        w.end_object();
        flush_if_big(os, out);
    });
    w.end_array();
    w.end_object();
    out += '\n';
    os << out;
}

std::string format_aggregate_text(const partial_aggregate& p) {
    std::ostringstream out;
    write_aggregate_text(out, p);
    return std::move(out).str();
}

std::string format_aggregate_csv(const partial_aggregate& p) {
    std::ostringstream out;
    write_aggregate_csv(out, p);
    return std::move(out).str();
}

std::string format_aggregate_json(const partial_aggregate& p) {
    std::ostringstream out;
    write_aggregate_json(out, p);
    return std::move(out).str();
}

}  // namespace crossfoot
