// engine/cli/check.cpp: `crossfoot check`, a thin layer over crossfoot/check.hpp.
// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <crossfoot/check.hpp>
#include <crossfoot/draft.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
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

// A file is a claims file by its name (*.toml) or by --claims; anything else is a document.
bool is_claims_file(const std::string& path, const check_options& options) {
    return options.claims || path.ends_with(".toml") || path.ends_with(".TOML");
}

// A document's claims, drafted from its words, with the document's visible text; the draft
// written to --draft.
std::optional<document_claims> document_claims_of(const std::string& path, const check_options& options,
                                                  std::ostream& err) {
    const auto read = read_document_file(path, options.max_document_bytes);
    if (!read) {
        print_diagnostics(err, {diagnostic{path, 1, 1, severity::error, read.error().message, read.error().code, {}}});
        return std::nullopt;
    }
    const std::string& bytes = *read;
    const auto settings = extract_settings(options.default_currency, 12, options.date, err);
    if (!settings) return std::nullopt;
    auto drafted = claims_from_document(bytes, path, *settings);
    if (!drafted) {
        print_diagnostics(err, drafted.error());
        return std::nullopt;
    }
    if (!options.draft.empty()) {
        std::ofstream draft(options.draft, std::ios::binary);
        draft << drafted->toml;
        if (!draft) {
            err << "crossfoot: --draft: cannot write '" << options.draft << "'\n";
            return std::nullopt;
        }
    }
    return std::move(*drafted);
}

// One file checked: its claims (on the heap, since the report points into them), the report,
// and the document's text when the web page shows it.
struct checked_file {
    std::unique_ptr<claims> claims_read;
    check_report report;
    std::string text;
};

// Checks one file; nothing (its diagnostics written) when it cannot be read.
std::optional<checked_file> check_file(const std::string& path, const check_options& options, std::ostream& err) {
    checked_file out;
    if (is_claims_file(path, options)) {
        auto read = read_claims_file(path);
        if (!read) {
            print_diagnostics(err, read.error());
            return std::nullopt;
        }
        out.claims_read = std::make_unique<claims>(std::move(*read));
    } else {
        auto drafted = document_claims_of(path, options, err);
        if (!drafted) return std::nullopt;
        out.claims_read = std::make_unique<claims>(std::move(drafted->claims));
        out.text = std::move(drafted->text);
    }
    claims& c = *out.claims_read;
    const auto settings = settings_of(options, err);
    if (!settings) return std::nullopt;
    apply_rate_settings(c, *settings);
    c.confined_to = options.confine;
    const auto rates = rate_table_for(c);
    if (!rates) {
        print_diagnostics(err, rates.error());
        return std::nullopt;
    }
    if (options.format == "html" && out.text.empty()) {
        auto text = claims_document_text(c, options.max_document_bytes);
        if (!text) {
            print_diagnostics(err, {text.error()});
            return std::nullopt;
        }
        out.text = std::move(*text);
    }
    out.report = run_checks(c, *rates);
    return out;
}

}  // namespace

int run_check(const check_options& options, std::ostream& out, std::ostream& err) {
    const bool color = options.color == "always" || (options.color == "auto" && options.terminal);
    int status = 0;
    std::vector<checked_file> checked;  // for the web page: every file's report on one page
    for (std::size_t i = 0; i < options.files.size(); ++i) {
        auto file = check_file(options.files[i], options, err);
        if (!file) {
            status = exit_bad_input;
            continue;
        }
        if (file->report.any_inconsistent()) status = std::max(status, exit_inconsistent);
        if (options.format == "html") {
            checked.push_back(std::move(*file));
            continue;
        }
        if (i > 0 && options.format == "text") out << '\n';
        out << (options.format == "json" ? format_check_json(file->report) : format_check_text(file->report, color));
    }
    if (options.format == "html" && !checked.empty()) {
        std::vector<checked_document> pages;
        for (const checked_file& f : checked) pages.push_back({&f.report, f.text});
        out << format_check_html(pages);
    }
    return status;
}

}  // namespace crossfoot::cli
