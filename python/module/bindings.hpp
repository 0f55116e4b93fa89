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

/// Pickles a class at any protocol as protocol 2 does (a call of copyreg.__newobj__, then the
/// state), which protocols 0 and 1 can hold too. pybind11's pickling makes objects the way
/// protocols 2 and later do; asked for 0 or 1, pickle would make one another way, which
/// pybind11 refuses with an exception that ends the interpreter.
template <class Class>
void pickle_at_any_protocol(Class& c) {
    c.def("__reduce_ex__", [](const pybind11::object& self, int protocol) {
        return pybind11::module_::import("builtins").attr("object").attr("__reduce_ex__")(self, protocol < 2 ? 2 : protocol);
    });
}

void bind_amounts(pybind11::module_& m);     // parse_amount, Amount, Rates, convert
void bind_checks(pybind11::module_& m);      // check, check_text
void bind_aggregates(pybind11::module_& m);  // Partial, aggregate_partial, the range steps

}  // namespace crossfoot::python
