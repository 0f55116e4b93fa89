// python/module/amounts.cpp: amounts as people write them, rate tables and conversion.
// SPDX-License-Identifier: MIT
#include "bindings.hpp"
#include "errors.hpp"
#include "values.hpp"

#include <crossfoot/amount.hpp>
#include <crossfoot/report.hpp>

#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace crossfoot::python {

namespace {

std::shared_ptr<const rate_table> load(const std::vector<std::string>& files, bool builtin) {
    auto table = std::make_shared<rate_table>(builtin ? builtin_rate_table() : rate_table());
    for (const std::string& path : files) {
        auto quotes = read_rates_file(path);
        if (!quotes) throw diagnostics_error(quotes.error());
        if (auto added = table->add(*quotes); !added) throw diagnostics_error(added.error());
    }
    return table;
}

parsed_amount parse(const std::string& text, const std::optional<std::string>& default_currency, int zhao_power) {
    amount_parse_options options;
    if (default_currency) options.default_currency = currency_from_python(*default_currency, "default_currency");
    options.zhao_power = zhao_power;
    auto parsed = parse_amount(text, options);
    if (!parsed) {
        const parse_error& e = parsed.error();
        throw diagnostics_error({diagnostic{"<amount>", 1, column_of(text, e.offset), severity::error, e.message(),
                                            "bad-amount", text}});
    }
    return *parsed;
}

// An amount given to convert: an Amount, its text, or (value, currency).
amount amount_from_python(py::handle value) {
    if (py::isinstance<parsed_amount>(value)) return value.cast<const parsed_amount&>().amount;
    if (py::isinstance<py::str>(value)) return parse(value.cast<std::string>(), std::nullopt, 12).amount;
    if (py::isinstance<py::tuple>(value) && py::len(value) == 2) {
        const py::tuple t = py::reinterpret_borrow<py::tuple>(value);
        return amount(decimal_from_python(t[0], "amount"), currency_from_python(t[1].cast<std::string>(), "amount"));
    }
    throw py::type_error("amount: expected a crossfoot.Amount, a text such as '1.16 billion USD', or "
                         "(Decimal, 'USD')");
}

}  // namespace

std::vector<std::string> paths_from_python(py::handle value) {
    const py::object fspath = py::module_::import("os").attr("fspath");
    std::vector<std::string> out;
    if (py::isinstance<py::str>(value) || py::hasattr(value, "__fspath__")) {
        out.push_back(fspath(value).cast<std::string>());
        return out;
    }
    for (const py::handle item : value) out.push_back(fspath(item).cast<std::string>());
    return out;
}

std::shared_ptr<const rate_table> rates_from_python(py::handle value) {
    if (value.is_none()) {
        static const auto builtin = std::make_shared<const rate_table>(builtin_rate_table());
        return builtin;
    }
    if (py::isinstance<rates>(value)) return value.cast<const rates&>().table;
    return load(paths_from_python(value), true);
}

void bind_amounts(py::module_& m) {
    py::class_<parsed_amount> amount_class(m, "Amount", "An exact amount in one unit, as a text wrote it.");
    amount_class.def_property_readonly("value", [](const parsed_amount& a) { return to_python(a.amount.value()); },
                               "The exact value, a decimal.Decimal whose exponent is the last written digit's.")
        .def_property_readonly("unit", [](const parsed_amount& a) { return std::string(a.amount.unit().code()); },
                               "An ISO 4217 code, 'count', '%' or 'pp'.")
        .def_property_readonly("precision_exponent", [](const parsed_amount& a) { return a.amount.precision_exponent(); })
        .def_readonly("unit_assumed", &parsed_amount::unit_assumed)
        .def_readonly("unit_text", &parsed_amount::unit_text)
        .def_readonly("scale_text", &parsed_amount::scale_text)
        .def("__eq__", [](const parsed_amount& a, const parsed_amount& b) { return a.amount == b.amount; })
        .def("__hash__", [](const parsed_amount& a) { return std::hash<decimal>{}(a.amount.value()); })
        .def("__str__", [](const parsed_amount& a) { return a.amount.to_string(); })
        .def("__repr__", [](const parsed_amount& a) {
            return "Amount('" + a.amount.value().to_scientific_string() + "', '" + std::string(a.amount.unit().code()) + "')";
        });
    pickle_at_any_protocol(amount_class);  // not picklable: a TypeError at every protocol

    m.def(
        "sum",
        [](const py::iterable& values) {
            std::vector<decimal> all;
            for (const py::handle v : values) all.push_back(decimal_from_python(v, "sum"));
            return to_python(crossfoot::sum(all));
        },
        py::arg("values"),
        "The exact sum of Decimals (or ints), whatever the decimal context's precision, with the "
        "smallest exponent among them.");

    m.def("parse_amount", &parse, py::arg("text"), py::arg("default_currency") = py::none(),
          py::arg("zhao_power") = 12,
          "Reads an amount as people write it: '39.7 billion yuan', 'US$1.16bn', '3.97万亿元'.");

    py::class_<rates> rates_class(m, "Rates", "A table of dated exchange rates: the built-in ECB rates and rate files.");
    rates_class
        .def(py::init([](py::object files, bool builtin) {
                 const auto paths = files.is_none() ? std::vector<std::string>{} : paths_from_python(files);
                 return rates{load(paths, builtin), paths, builtin};
             }),
             py::arg("files") = py::none(), py::arg("builtin") = true)
        .def_readonly("files", &rates::files)
        .def_readonly("builtin", &rates::builtin)
        // Pickled as what it was made of: each process reads the files again.
        .def(py::pickle([](const rates& r) { return py::make_tuple(r.files, r.builtin); },
                        [](const py::tuple& t) {
                            const auto files = t[0].cast<std::vector<std::string>>();
                            const bool builtin = t[1].cast<bool>();
                            return rates{load(files, builtin), files, builtin};
                        }))
        .def("__len__", [](const rates& r) { return r.table->size(); })
        .def("__repr__", [](const rates& r) { return "Rates(" + std::to_string(r.table->size()) + " quotes)"; });
    pickle_at_any_protocol(rates_class);

    m.def(
        "_convert_json",
        [](py::handle amount_value, const std::string& to, py::handle on, py::handle table, const std::string& policy,
           std::int32_t max_age_days, std::int32_t window_days, std::int32_t digits, bool round) {
            const amount a = amount_from_python(amount_value);
            const unit target = currency_from_python(to, "to");
            const date day = date_from_python(on, "date");
            const auto chosen = policy_from_python(policy, max_age_days, window_days, digits);
            const auto rate_table = rates_from_python(table);
            std::optional<rounding_step> step;
            if (round) step = rounding_step{-target.minor_units().value_or(0), rounding::half_even};
            const auto c = convert(a, target, day, *rate_table, chosen, step);
            if (!c) fail("<convert>", c.error().message, "no-rate");
            return format_conversion_json(*c);
        },
        py::arg("amount"), py::arg("to"), py::arg("date"), py::arg("rates"), py::arg("policy"),
        py::arg("max_age_days"), py::arg("window_days"), py::arg("digits"), py::arg("round"));
}

}  // namespace crossfoot::python
