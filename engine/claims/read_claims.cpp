// engine/claims/read_claims.cpp: reading a claims file (TOML, docs/claims-format.md) into
// `claims`, and the rate table its checks use.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include "sections.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

namespace crossfoot {

namespace {

constexpr std::array<std::string_view, 5> top_level_keys = {"document", "rates", "qualifiers",
                                                            "figures", "checks"};

constexpr std::array<std::pair<relation, std::string_view>, 5> relation_names = {{
    {relation::sum, "sum"},
    {relation::includes, "includes"},
    {relation::converts, "converts"},
    {relation::share, "share"},
    {relation::change, "change"},
}};

// Every section is read whatever the others hold, so that one run reports every problem.
// [document] goes first (figures take its currency) and the ranges last (they take
// [qualifiers]), whatever order the file writes the sections in.
void read_sections(const claims_reader::context& ctx, const toml::table& root, claims& out) {
    claims_reader::check_keys(ctx, root, top_level_keys, "at the top level");
    claims_reader::read_document(ctx, root, out);
    claims_reader::read_rates(ctx, root, out);
    claims_reader::read_qualifiers(ctx, root, out);
    claims_reader::read_figures(ctx, root, out);
    out.index_figures();
    claims_reader::read_checks(ctx, root, out);
    claims_reader::set_ranges(out);
}

// Diagnostics in the order of the file, whichever section found them.
void sort_by_place(std::vector<diagnostic>& errors) {
    std::ranges::stable_sort(errors, {}, [](const diagnostic& d) {
        return std::pair{d.line, d.column};
    });
}

// Adds quotes to the table; a conflict, or the failure to read them, adds diagnostics.
void add_quotes(rate_table& table,
                const std::expected<std::vector<rate_quote>, std::vector<diagnostic>>& quotes,
                std::vector<diagnostic>& errors) {
    if (!quotes) {
        errors.insert(errors.end(), quotes.error().begin(), quotes.error().end());
        return;
    }
    auto added = table.add(*quotes);
    if (!added) errors.insert(errors.end(), added.error().begin(), added.error().end());
}

}  // namespace

std::optional<relation> relation_from_string(std::string_view name) {
    for (const auto& [r, text] : relation_names) {
        if (text == name) return r;
    }
    return std::nullopt;
}

std::string_view to_string(relation r) {
    for (const auto& [k, text] : relation_names) {
        if (k == r) return text;
    }
    return "sum";
}

const figure* claims::find(std::string_view id) const {
    if (by_id_.size() == figures.size()) {
        const auto it = by_id_.find(id);
        if (it == by_id_.end()) return nullptr;
        if (it->second < figures.size() && figures[it->second].id == id) return &figures[it->second];
    }
    const auto found = std::ranges::find(figures, id, &figure::id);  // the index is stale
    return found == figures.end() ? nullptr : &*found;
}

void claims::index_figures() {
    by_id_.clear();
    for (std::size_t i = 0; i < figures.size(); ++i) by_id_.emplace(figures[i].id, i);
}

std::expected<claims, std::vector<diagnostic>> read_claims(std::string_view text,
                                                           std::string_view file_name) {
    const toml_support::source src(text, file_name);
    const auto root = toml_support::parse(src);
    if (!root) return std::unexpected(std::vector<diagnostic>{root.error()});
    std::vector<diagnostic> errors;
    claims out;
    out.file = std::string(file_name);
    read_sections(claims_reader::context{src, errors}, *root, out);
    if (errors.empty()) return out;
    sort_by_place(errors);
    return std::unexpected(std::move(errors));
}

std::expected<claims, std::vector<diagnostic>> read_claims_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::unexpected(std::vector<diagnostic>{
            {path, 0, 0, severity::error, "cannot open the file for reading: " + why_not_readable(path), "no-file", {}}});
    }
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    return read_claims(text, path);
}

namespace {

// Whether `file` lies inside `root` once ".." and symbolic links are resolved.
bool inside(const std::filesystem::path& root, const std::filesystem::path& file) {
    std::error_code error;
    const std::filesystem::path r = std::filesystem::weakly_canonical(std::filesystem::absolute(root), error);
    if (error) return false;
    const std::filesystem::path f = std::filesystem::weakly_canonical(std::filesystem::absolute(file), error);
    if (error) return false;
    const auto [in_root, in_file] = std::mismatch(r.begin(), r.end(), f.begin(), f.end());
    return in_root == r.end();
}

}  // namespace

std::expected<std::string, diagnostic> path_named_by(const claims& c, std::string_view file, std::size_t line) {
    const std::filesystem::path folder =
        c.folder.empty() ? std::filesystem::path(c.file).parent_path() : std::filesystem::path(c.folder);
    const std::filesystem::path path = folder / file;
    if (!c.confined_to.empty() && !inside(c.confined_to, path)) {
        return std::unexpected(diagnostic{c.file, std::max<std::size_t>(line, 1), 1, severity::error,
                                          fmt::format("refused '{}': it lies outside '{}', the folder the claims are "
                                                      "confined to",
                                                      file, c.confined_to),
                                          "outside-confinement", {}});
    }
    return path.string();
}

std::expected<rate_table, std::vector<diagnostic>> rate_table_for(const claims& c) {
    rate_table table = c.builtin_rates ? builtin_rate_table() : rate_table();
    std::vector<diagnostic> errors;
    for (const std::string& file : c.rate_files) {
        const auto path = path_named_by(c, file, c.rate_files_line);
        if (!path) {
            errors.push_back(path.error());
            continue;
        }
        add_quotes(table, read_rates_file(*path), errors);
    }
    for (const std::string& file : c.caller_rate_files) add_quotes(table, read_rates_file(file), errors);
    add_quotes(table, c.quotes, errors);
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return table;
}

void apply_rate_settings(claims& c, const rate_settings& s) {
    // The caller's files are relative to the caller, the claims file's to its folder.
    c.caller_rate_files.insert(c.caller_rate_files.end(), s.files.begin(), s.files.end());
    if (s.no_builtin) c.builtin_rates = false;
    if (s.policy) c.policy.how = *s.policy;
    if (s.max_age_days) c.policy.max_age_days = *s.max_age_days;
    if (s.window_days) c.policy.window_days = *s.window_days;
    if (s.nearby_days) c.nearby.days = *s.nearby_days;
    if (s.rate_tolerance) c.nearby.tolerance_percent = *s.rate_tolerance;
}

}  // namespace crossfoot
