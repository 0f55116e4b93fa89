// engine/report/aggregate_report.cpp: the text, CSV and JSON reports of an aggregation.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <crossfoot/sum.hpp>

#include "aggregate/partial.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace crossfoot {

namespace {

using json = nlohmann::ordered_json;

}  // namespace

namespace {

struct table_row {
    std::vector<std::string> cells;
};

// The report's rows as text; `input` as given (aggregate_rows rounds what is kept exact).
std::vector<table_row> rows_of(const partial_aggregate& input, bool grouped_digits) {
    std::vector<table_row> out;
    for (aggregate_row& row : aggregate_rows(input)) {
        const std::string total = row.total.to_string();
        table_row r{std::move(row.key)};
        r.cells.insert(r.cells.end(), {std::string(row.currency.code()), grouped_digits ? group_thousands(total) : total,
                                       std::to_string(row.rows), row.converted ? "converted" : "exact"});
        out.push_back(std::move(r));
    }
    return out;
}

std::string csv_cell(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

}  // namespace

std::string format_aggregate_text(const partial_aggregate& input) {
    const partial_aggregate p = input.finished();
    const auto header = aggregate_columns(p);
    const auto rows = rows_of(input, true);
    std::vector<std::size_t> width(header.size());
    for (std::size_t i = 0; i < header.size(); ++i) width[i] = header[i].size();
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.cells.size(); ++i)
            width[i] = std::max(width[i], r.cells[i].size());
    const std::size_t numeric_from = p.group_by.size() + 1;  // total and rows align right
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const bool right = i >= numeric_from && i < numeric_from + 2;
            out += right ? fmt::format("{:>{}}", cells[i], width[i])
                         : fmt::format("{:<{}}", cells[i], width[i]);
            out += i + 1 < cells.size() ? "  " : "";
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(header);
    for (const auto& r : rows) out += line(r.cells);
    return out + fmt::format("rows read {} = accepted {} + rejected {}\n", p.rows_read,
                             p.rows_accepted(), p.rows_rejected);
}

std::string format_aggregate_csv(const partial_aggregate& input) {
    const partial_aggregate p = input.finished();
    std::string out;
    const auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
        out += "\n";
    };
    line(aggregate_columns(p));
    for (const auto& r : rows_of(input, false)) line(r.cells);
    return out;
}

std::string format_aggregate_json(const partial_aggregate& input) {
    const partial_aggregate p = input.finished();
    json groups = json::array();
    for (const auto& [key, g] : p.groups) {
        json k = json::object();
        for (std::size_t i = 0; i < key.size(); ++i) k[p.group_by[i]] = key[i];
        const json totals = totals_json(g);
        json entry = {{"group", k}, {"totals", totals}};
        if (g.converted)
            entry["converted"] = {{"currency", p.target->code()},
                                  {"total", g.converted->to_string()},
                                  {"rows", group_rows(g)}};
        groups.push_back(entry);
    }
    const json doc = {{"rows_read", p.rows_read},
                      {"rows_accepted", p.rows_accepted()},
                      {"rows_rejected", p.rows_rejected},
                      {"groups", groups}};
    return doc.dump(2) + "\n";
}

}  // namespace crossfoot
