// engine/cli/sum.cpp: `crossfoot sum`, a thin layer over crossfoot/sum.hpp.
// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <crossfoot/sum.hpp>

#include <fstream>
#include <iostream>

namespace crossfoot::cli {

namespace {

constexpr int exit_bad_input = 2;

bool read_file(const std::string& path, std::istream& stdin_stream,
               const amount_parse_options& options, sum_report& report, std::ostream& err) {
    if (path == "-") {
        sum_lines(stdin_stream, "<stdin>", options, report);
        return true;
    }
    std::ifstream file(path);
    if (!file) {
        err << "crossfoot: error: cannot open '" << path << "' for reading: " << why_not_readable(path)
            << " [no-file]\n";
        return false;
    }
    sum_lines(file, path, options, report);
    return true;
}

}  // namespace

int run_sum(const sum_options& options, std::istream& in, std::ostream& out, std::ostream& err) {
    amount_parse_options parse_options;
    if (!options.default_currency.empty()) {
        parse_options.default_currency = unit::currency(options.default_currency);
        if (!parse_options.default_currency) {
            err << "crossfoot: error: '" << options.default_currency
                << "' is not an ISO 4217 currency code [unknown-currency]\n";
            return exit_bad_input;
        }
    }
    sum_report report;
    sum_arguments(options.amounts, parse_options, report);
    for (const std::string& path : options.files) {
        if (!read_file(path, in, parse_options, report, err)) return exit_bad_input;
    }
    if (options.amounts.empty() && options.files.empty()) sum_lines(in, "<stdin>", parse_options, report);

    for (const diagnostic& d : report.errors) err << format(d);
    if (!report.ok()) {
        err << "crossfoot: " << report.errors.size() << " bad amount"
            << (report.errors.size() == 1 ? "" : "s") << "; no total is printed\n";
        return exit_bad_input;
    }
    out << (options.format == "json" ? format_sum_json(report) : format_sum_text(report));
    return 0;
}

}  // namespace crossfoot::cli
