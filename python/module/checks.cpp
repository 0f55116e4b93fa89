// python/module/checks.cpp: claims files and documents checked, with the report as the CLI's
// JSON gives it.
// SPDX-License-Identifier: MIT
#include "bindings.hpp"
#include "errors.hpp"
#include "values.hpp"

#include <crossfoot/check.hpp>
#include <crossfoot/document.hpp>
#include <crossfoot/draft.hpp>

#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace crossfoot::python {

namespace {

struct check_settings {
    std::vector<std::string> rate_files;
    bool builtin_rates = true;
    std::string confine;
    std::optional<std::string> policy;
    std::optional<std::string> default_currency;
    std::optional<std::string> date;
};

std::string checked(claims c, const check_settings& s) {
    rate_settings r;
    r.files = s.rate_files;
    r.no_builtin = !s.builtin_rates;
    if (s.policy) {
        r.policy = policy_from_string(*s.policy);
        if (!r.policy) throw py::value_error("policy: unknown policy '" + *s.policy + "'");
    }
    apply_rate_settings(c, r);
    c.confined_to = s.confine;
    const auto table = rate_table_for(c);
    if (!table) throw diagnostics_error(table.error());
    return format_check_json(run_checks(c, *table));
}

extract_options document_settings(const check_settings& s) {
    extract_options options;
    if (s.default_currency) options.default_currency = currency_from_python(*s.default_currency, "default_currency");
    if (s.date) {
        auto period = parse_period(*s.date);
        if (!period) throw py::value_error("date: " + period.error().message() + " in '" + *s.date + "'");
        options.dated = std::move(*period);
    }
    return options;
}

std::string check_path(const std::string& path, bool as_claims, const check_settings& s) {
    if (as_claims || path.ends_with(".toml") || path.ends_with(".TOML")) {
        auto c = read_claims_file(path);
        if (!c) throw diagnostics_error(c.error());
        return checked(std::move(*c), s);
    }
    const auto bytes = read_document_file(path, default_max_document_bytes);
    if (!bytes) fail(path, bytes.error().message, bytes.error().code);
    auto drafted = claims_from_document(*bytes, path, document_settings(s));
    if (!drafted) throw diagnostics_error(drafted.error());
    return checked(std::move(drafted->claims), s);
}

}  // namespace

void bind_checks(py::module_& m) {
    m.def(
        "_check_json",
        [](const std::string& path, bool as_claims, std::vector<std::string> rate_files, bool builtin_rates,
           std::string confine, std::optional<std::string> policy, std::optional<std::string> default_currency,
           std::optional<std::string> date) {
            const check_settings s{std::move(rate_files), builtin_rates, std::move(confine),
                                   std::move(policy), std::move(default_currency), std::move(date)};
            // Nothing below touches Python: an exception is translated once the GIL is back.
            const py::gil_scoped_release unlocked;
            return check_path(path, as_claims, s);
        },
        py::arg("path"), py::arg("as_claims"), py::arg("rate_files"), py::arg("builtin_rates"), py::arg("confine"),
        py::arg("policy"), py::arg("default_currency"), py::arg("date"));

    m.def(
        "_check_text_json",
        [](const std::string& text, const std::string& base_dir, const std::string& name,
           std::vector<std::string> rate_files, bool builtin_rates, std::string confine,
           std::optional<std::string> policy) {
            auto c = read_claims(text, name);
            if (!c) throw diagnostics_error(c.error());
            c->folder = base_dir;
            const check_settings s{std::move(rate_files), builtin_rates, std::move(confine), std::move(policy), {}, {}};
            return checked(std::move(*c), s);
        },
        py::arg("text"), py::arg("base_dir"), py::arg("name"), py::arg("rate_files"), py::arg("builtin_rates"),
        py::arg("confine"), py::arg("policy"));
}

}  // namespace crossfoot::python
