// python/module/values.cpp: exact conversions between crossfoot's values and Python's.
// SPDX-License-Identifier: MIT
#include "values.hpp"

#include <crossfoot/currency.hpp>

#include <pybind11/stl.h>

#include <algorithm>
#include <cctype>

namespace crossfoot::python {

namespace {

// Kept for the process's life and never released: releasing it at exit would come after the
// interpreter is gone.
const py::object& decimal_type() {
    static const auto* const type = new py::object(py::module_::import("decimal").attr("Decimal"));
    return *type;
}

}  // namespace

std::string type_name(py::handle value) { return py::str(py::type::handle_of(value).attr("__name__")).cast<std::string>(); }

py::object owned(PyObject* made) {
    if (made == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::object>(made);
}

py::object to_python(const decimal& d) {
    // Decimal's constructor from text is exact, whatever the context's precision. Called
    // through the C API: a report's rows make a million of them.
    const std::string text = d.to_scientific_string();
    const py::object arg = owned(PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size())));
    return owned(PyObject_CallOneArg(decimal_type().ptr(), arg.ptr()));
}

decimal decimal_from_python(py::handle value, const char* what) {
    if (py::isinstance<py::bool_>(value))
        throw py::type_error(std::string(what) + ": expected a decimal.Decimal or an int, found a bool");
    if (py::isinstance<py::int_>(value)) {
        // Through Decimal's exact tuple, as any Decimal: no int-to-text limit, no __str__ of a subclass.
        return decimal_from_python(decimal_type()(py::int_(py::reinterpret_borrow<py::object>(value))), what);
    }
    if (py::isinstance<py::float_>(value))
        throw py::type_error(std::string(what) +
                             ": expected a decimal.Decimal or an int, found a float (a binary fraction has no "
                             "exact decimal value: write Decimal('0.1'), not 0.1)");
    if (!py::isinstance(value, decimal_type()))
        throw py::type_error(std::string(what) + ": expected a decimal.Decimal or an int, found " + type_name(value));
    if (!value.attr("is_finite")().cast<bool>())
        throw py::value_error(std::string(what) + ": expected a finite number, found " +
                              py::str(value).cast<std::string>());
    // The tuple is exact and spares a parse of "1E+9999999999" as text.
    const py::tuple t = value.attr("as_tuple")();
    const auto exponent = t[2].cast<py::int_>();
    const long long e = exponent.cast<long long>();
    if (e < std::numeric_limits<std::int32_t>::min() || e > std::numeric_limits<std::int32_t>::max())
        throw py::value_error(std::string(what) + ": the exponent " + std::to_string(e) +
                              " is beyond crossfoot's range (a 32-bit exponent)");
    std::string digits;
    for (const py::handle digit : t[1].cast<py::tuple>()) digits += static_cast<char>('0' + digit.cast<int>());
    if (digits.empty()) digits = "0";
    const bool negative = t[0].cast<int>() == 1 && digits.find_first_not_of('0') != std::string::npos;
    const auto parsed = decimal::parse_scientific((negative ? "-" : "") + digits + "E" + std::to_string(e));
    if (!parsed) throw py::value_error(std::string(what) + ": " + parsed.error().message());
    return *parsed;
}

date date_from_python(py::handle value, const char* what) {
    std::string text;
    if (py::isinstance<py::str>(value)) {
        text = value.cast<std::string>();
    } else if (py::hasattr(value, "isoformat") && py::hasattr(value, "year")) {
        if (py::hasattr(value, "hour"))
            throw py::type_error(std::string(what) + ": expected a datetime.date or 'YYYY-MM-DD', found a datetime");
        text = value.attr("isoformat")().cast<std::string>();
    } else {
        throw py::type_error(std::string(what) + ": expected a datetime.date or 'YYYY-MM-DD'");
    }
    const auto d = parse_date(text);
    if (!d) throw py::value_error(std::string(what) + ": " + d.error().message() + " in '" + text + "'");
    return *d;
}

unit currency_from_python(const std::string& code, const char* what) {
    std::string upper = code;
    std::ranges::transform(upper, upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const auto u = unit::currency(upper);
    if (!u) throw py::value_error(std::string(what) + ": '" + code + "' is not an ISO 4217 currency code");
    return *u;
}

lookup_policy policy_from_python(const std::string& how, std::int32_t max_age_days, std::int32_t window_days,
                                 std::int32_t digits) {
    const auto kind = policy_from_string(how);
    if (!kind)
        throw py::value_error("policy: expected on-or-before, exact, window-average or window-range, found '" +
                              how + "'");
    if (max_age_days < 0 || window_days < 0) throw py::value_error("policy: days cannot be negative");
    if (digits < 1) throw py::value_error("policy: digits must be at least 1");
    lookup_policy p;
    p.how = *kind;
    p.max_age_days = max_age_days;
    p.window_days = window_days;
    p.derived_digits = digits;
    return p;
}

}  // namespace crossfoot::python
