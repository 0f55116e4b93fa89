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

// The command line's rate settings; nothing when --rate-tolerance is no percentage.
std::optional<rate_settings> settings_of(const check_options& options, std::ostream& err) {
    rate_settings s;
    s.files = options.rate_files;
    s.no_builtin = options.no_builtin;
    if (options.policy) s.policy = policy_from_string(*options.policy);
    s.max_age_days = options.max_age_days;
    s.window_days = options.window_days;
    s.nearby_days = options.nearby_days;
    if (options.rate_tolerance) {
        const auto t = decimal::parse(*options.rate_tolerance);
        if (!t || t->sign() < 0 || *t > decimal(100)) {
            err << "crossfoot: --rate-tolerance: expected a percentage from 0 to 100, found '"
                << *options.rate_tolerance << "'\n";
            return std::nullopt;
        }
        s.rate_tolerance = *t;
    }
    return s;
}

// Checks one file; returns its exit status.
int check_file(const std::string& path, const check_options& options, bool color,
               std::ostream& out, std::ostream& err) {
    auto claims = read_claims_file(path);
    if (!claims) {
        print_diagnostics(err, claims.error());
        return exit_bad_input;
    }
    const auto settings = settings_of(options, err);
    if (!settings) return exit_bad_input;
    apply_rate_settings(*claims, *settings);
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
