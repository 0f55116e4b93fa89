// python/module/module.cpp: crossfoot._crossfoot, the compiled half of the crossfoot package.
// SPDX-License-Identifier: MIT
#include "bindings.hpp"
#include "errors.hpp"

#include <pybind11/pybind11.h>

PYBIND11_MODULE(_crossfoot, m) {
    m.doc() = "crossfoot's exact decimal engine: amounts, rates, checks and aggregation.";
    crossfoot::python::register_errors();
    crossfoot::python::bind_amounts(m);
    crossfoot::python::bind_checks(m);
    crossfoot::python::bind_aggregates(m);
}
