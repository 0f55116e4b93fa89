// python/module/bindings.hpp: what each file of the module adds to it.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/rates.hpp>

#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <vector>

namespace crossfoot::python {

/// crossfoot.Rates: a rate table, shared by the calls it is given to.
struct rates {
    std::shared_ptr<const rate_table> table;
    std::vector<std::string> files;  // what it was read from, for pickling
    bool builtin = true;
};

/// The paths a `paths=` or `files=` argument names: a str or os.PathLike, or an iterable of them.
[[nodiscard]] std::vector<std::string> paths_from_python(pybind11::handle value);

/// The table that a `rates=` argument names: a Rates, None (the built-in table), a path, or
/// a list of paths read after the built-in table.
[[nodiscard]] std::shared_ptr<const rate_table> rates_from_python(pybind11::handle value);

void bind_amounts(pybind11::module_& m);     // parse_amount, Amount, Rates, convert
void bind_checks(pybind11::module_& m);      // check, check_text
void bind_aggregates(pybind11::module_& m);  // Partial, aggregate_partial, the range steps

}  // namespace crossfoot::python
