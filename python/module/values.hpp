// python/module/values.hpp: crossfoot's values as Python's own and back, exactly: decimal as
// decimal.Decimal, units as ISO codes, dates as datetime.date.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/decimal.hpp>
#include <crossfoot/rates.hpp>

#include <pybind11/pybind11.h>

#include <optional>
#include <string>

namespace crossfoot::python {

namespace py = pybind11;

/// The new reference a call of Python's C API returned, owned; when it returned none, the
/// Python error it set, thrown.
[[nodiscard]] py::object owned(PyObject* made);

/// The name of a value's type, as a TypeError says what it was given ("int").
[[nodiscard]] std::string type_name(py::handle value);

/// An argument's value as T, or a TypeError that names the argument, what it takes and the
/// type it was given (pybind11's own cast error names neither).
template <class T>
[[nodiscard]] T argument(const py::handle value, const char* name, const char* expected) {
    try {
        return value.cast<T>();
    } catch (const py::cast_error&) {
        throw py::type_error(std::string(name) + ": expected " + expected + ", found " + type_name(value));
    }
}

/// decimal.Decimal with every digit and the exponent: 6.305 stays Decimal('6.305').
[[nodiscard]] py::object to_python(const decimal& d);

/// A Decimal or an int, exactly. A float is a TypeError (it has no exact decimal value);
/// NaN, infinities and exponents beyond crossfoot's 32-bit range are a ValueError;
/// Decimal('-0') is 0.
[[nodiscard]] decimal decimal_from_python(py::handle value, const char* what);

/// A datetime.date or "YYYY-MM-DD".
[[nodiscard]] date date_from_python(py::handle value, const char* what);

/// An ISO 4217 code ("USD"), any case; anything else is a ValueError naming `what`.
[[nodiscard]] unit currency_from_python(const std::string& code, const char* what);

/// A lookup policy from its name ("on-or-before") and the keyword settings.
[[nodiscard]] lookup_policy policy_from_python(const std::string& how, std::int32_t max_age_days,
                                               std::int32_t window_days, std::int32_t digits);

}  // namespace crossfoot::python
