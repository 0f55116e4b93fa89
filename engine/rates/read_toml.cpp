// engine/rates/read_toml.cpp: rate quotes written inline in TOML.
// SPDX-License-Identifier: MIT
#include <crossfoot/rates.hpp>

#include "toml_support.hpp"

namespace crossfoot {

std::expected<std::vector<rate_quote>, std::vector<diagnostic>> read_rates_toml(
    std::string_view text, std::string_view file_name) {
    const toml_support::source src(text, file_name);
    auto document = toml_support::parse(src);
    if (!document) return std::unexpected(std::vector<diagnostic>{document.error()});
    const toml::node* quotes = document->get("quotes");
    if (quotes == nullptr) {
        if (const auto* rates = document->get_as<toml::table>("rates")) quotes = rates->get("quotes");
    }
    std::vector<rate_quote> out;
    std::vector<diagnostic> errors;
    if (quotes == nullptr) {
        errors.push_back({std::string(file_name), 1, 1, severity::error,
                          "expected an array 'quotes', at the top level or in [rates]",
                          "bad-rate-file", {}});
    } else if (const auto* list = quotes->as_array()) {
        toml_support::read_quotes(src, *list, out, errors);
    } else {
        errors.push_back(src.error(*quotes, "expected 'quotes' to be an array", "bad-rate-file"));
    }
    if (!errors.empty()) return std::unexpected(std::move(errors));
    return out;
}

}  // namespace crossfoot
