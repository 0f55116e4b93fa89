// engine/core/sum.cpp: summing amounts from lines or arguments, and the sum reports.
// SPDX-License-Identifier: MIT
#include <crossfoot/sum.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <istream>

namespace crossfoot {

namespace {

bool is_skipped(std::string_view line) {
    const std::size_t first = line.find_first_not_of(" \t");
    return first == std::string_view::npos || line[first] == '#';
}

void add_one(std::string_view text, std::string_view source, std::size_t line,
             std::string_view source_line, const amount_parse_options& options,
             sum_report& report) {
    auto parsed = parse_amount(text, options);
    if (parsed) {
        report.totals.add(parsed->amount);
        if (parsed->unit_assumed) ++report.assumed;
        return;
    }
    const parse_error& e = parsed.error();
    report.errors.push_back({std::string(source), line, column_of(source_line, e.offset),
                             severity::error, e.message(), "bad-amount",
                             std::string(source_line)});
}

}  // namespace

void sum_lines(std::istream& input, std::string_view source_name,
               const amount_parse_options& options, sum_report& report) {
    std::string line;
    std::size_t number = 0;
    while (std::getline(input, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF files
        if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
        if (is_skipped(line)) continue;
        add_one(line, source_name, number, line, options, report);
    }
}

void sum_arguments(std::span<const std::string> arguments, const amount_parse_options& options,
                   sum_report& report) {
    std::size_t position = 0;
    for (const std::string& argument : arguments) {
        add_one(argument, "<arguments>", ++position, argument, options, report);
    }
}

std::string group_thousands(std::string_view plain) {
    const std::size_t sign = plain.starts_with('-') ? 1 : 0;
    const std::size_t point = std::min(plain.find('.'), plain.size());
    std::string out(plain.substr(0, sign));
    for (std::size_t i = sign; i < point; ++i) {
        if (i > sign && (point - i) % 3 == 0) out += ',';
        out += plain[i];
    }
    return out.append(plain.substr(point));
}

std::string format_sum_text(const sum_report& report) {
    const auto entries = report.totals.entries();
    std::vector<std::string> shown;
    std::size_t width = std::string_view("total").size();
    for (const auto& e : entries) {
        shown.push_back(group_thousands(e.total.to_string()));
        width = std::max(width, shown.back().size());
    }
    std::string out = fmt::format("{:<6} {:>{}} {:>8}\n", "unit", "total", width, "amounts");
    for (std::size_t i = 0; i < entries.size(); ++i) {
        out += fmt::format("{:<6} {:>{}} {:>8}\n", entries[i].unit.code(), shown[i], width,
                           entries[i].amounts);
    }
    const std::size_t n = report.totals.amounts();
    out += fmt::format("{} amount{} in {} unit{}", n, n == 1 ? "" : "s", entries.size(),
                       entries.size() == 1 ? "" : "s");
    if (report.assumed > 0)
        out += fmt::format("; {} with the default currency assumed", report.assumed);
    return out + "\n";
}

std::string format_sum_json(const sum_report& report) {
    nlohmann::ordered_json totals = nlohmann::ordered_json::array();
    for (const auto& e : report.totals.entries()) {
        totals.push_back({{"unit", e.unit.code()},
                          {"total", e.total.to_string()},
                          {"amounts", e.amounts}});
    }
    const nlohmann::ordered_json doc = {{"totals", totals},
                                        {"amounts", report.totals.amounts()},
                                        {"assumed", report.assumed}};
    return doc.dump(2) + "\n";
}

}  // namespace crossfoot
