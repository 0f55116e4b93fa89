// python/module/errors.hpp: crossfoot's diagnostics raised as crossfoot.Error, which carries
// each diagnostic's file, line, column and code.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/diagnostic.hpp>

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace crossfoot::python {

/// Thrown by the bindings; translated into crossfoot.Error.
class diagnostics_error : public std::runtime_error {
public:
    explicit diagnostics_error(std::vector<diagnostic> list);
    [[nodiscard]] const std::vector<diagnostic>& diagnostics() const { return list_; }

private:
    std::vector<diagnostic> list_;
};

/// A diagnostic about no file: a message and its code.
[[noreturn]] void fail(std::string file, std::string message, std::string code);

/// crossfoot.Diagnostic for `d`.
[[nodiscard]] pybind11::object to_python(const diagnostic& d);

/// Registers the translation into crossfoot.errors.Error.
void register_errors();

}  // namespace crossfoot::python
