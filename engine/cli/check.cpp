// engine/cli/check.cpp: `crossfoot check`, a thin layer over crossfoot/check.hpp.
// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <crossfoot/check.hpp>

#include <algorithm>
#include <ostream>

namespace crossfoot::cli {

namespace {

constexpr int exit_inconsistent = 1;
constexpr int exit_bad_input = 2;

// Checks one file; returns its exit status.
int check_file(const std::string& path, const check_options& options, bool color,
               std::ostream& out, std::ostream& err) {
    const auto claims = read_claims_file(path);
    if (!claims) {
        print_diagnostics(err, claims.error());
        return exit_bad_input;
    }
    const auto rates = rate_table_for(*claims);
    if (!rates) {
        print_diagnostics(err, rates.error());
        return exit_bad_input;
    }
    const check_report report = run_checks(*claims, *rates);
    out << (options.format == "json" ? format_check_json(report) : format_check_text(report, color));
    return report.any_inconsistent() ? exit_inconsistent : 0;
}

}  // namespace

int run_check(const check_options& options, std::ostream& out, std::ostream& err) {
    const bool color = options.color == "always" || (options.color == "auto" && options.terminal);
    int status = 0;
    for (std::size_t i = 0; i < options.files.size(); ++i) {
        if (i > 0 && options.format == "text") out << '\n';
        status = std::max(status, check_file(options.files[i], options, color, out, err));
    }
    return status;
}

}  // namespace crossfoot::cli
