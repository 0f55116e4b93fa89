// engine/cli/extract.cpp: `crossfoot extract`, a thin layer over crossfoot/extract.hpp.
// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <crossfoot/diagnostic.hpp>
#include <crossfoot/document.hpp>
#include <crossfoot/draft.hpp>
#include <crossfoot/extract.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace crossfoot::cli {

namespace {

constexpr int exit_bad_input = 2;

// The document's bytes, at most --max-document-bytes; nothing (and its diagnostic) when it
// cannot be read.
std::optional<std::string> read_all(const std::string& file, std::size_t max_bytes, std::istream& in,
                                    std::ostream& err) {
    auto bytes = file == "-" ? read_document_stream(in, max_bytes) : read_document_file(file, max_bytes);
    if (!bytes) {
        const std::string name = file == "-" ? "<stdin>" : file;
        print_diagnostics(err, {diagnostic{name, 1, 1, severity::error, bytes.error().message, bytes.error().code, {}}});
        return std::nullopt;
    }
    return std::move(*bytes);
}

}  // namespace

std::optional<extract_options> extract_settings(const std::string& default_currency, int zhao_power,
                                                const std::string& date, std::ostream& err) {
    extract_options settings;
    if (!default_currency.empty()) {
        settings.default_currency = unit::currency(default_currency);
        if (!settings.default_currency) {
            err << "crossfoot: --default-currency: expected an ISO 4217 code such as CNY, found '"
                << default_currency << "'\n";
            return std::nullopt;
        }
    }
    settings.zhao_power = zhao_power;
    if (!date.empty()) {
        auto dated = parse_period(date);
        if (!dated) {
            err << "crossfoot: --date: " << dated.error().message() << '\n';
            return std::nullopt;
        }
        settings.dated = std::move(*dated);
    }
    return settings;
}

int run_extract(const extract_options_cli& options, std::istream& in, std::ostream& out,
                std::ostream& err) {
    const auto bytes = read_all(options.file, options.max_document_bytes, in, err);
    if (!bytes) return exit_bad_input;
    const std::string name = options.file == "-" ? "<stdin>" : options.file;
    // Text, a web page or a PDF, by its content.
    const auto doc = read_document(*bytes);
    if (!doc) {
        print_diagnostics(err, {document_diagnostic(*bytes, name, doc.error().offset, doc.error().message, doc.error().code)});
        return exit_bad_input;
    }
    const auto settings = extract_settings(options.default_currency, options.zhao_power, options.date, err);
    if (!settings) return exit_bad_input;
    const auto found = extract_document(*doc, *settings);
    if (!found) {  // the text was checked when it was read
        print_diagnostics(err, {document_diagnostic(*bytes, name, source_offset(*doc, found.error().offset),
                                                     found.error().message(), "bad-utf8")});
        return exit_bad_input;
    }
    if (!options.draft.empty()) {
        std::ofstream draft_file(options.draft, std::ios::binary);
        draft_file << format_draft_toml(draft_claims(*doc, *found, *settings), name);
        if (!draft_file) {
            err << "crossfoot: --draft: cannot write '" << options.draft << "'\n";
            return exit_bad_input;
        }
    }
    out << (options.format == "json" ? format_extraction_json(*found, name)
                                     : format_extraction_text(*found, options.explain));
    return 0;
}

}  // namespace crossfoot::cli
