// python/module/errors.cpp: diagnostics into crossfoot.Error.
// SPDX-License-Identifier: MIT
#include "errors.hpp"

namespace crossfoot::python {

namespace py = pybind11;

diagnostics_error::diagnostics_error(std::vector<diagnostic> list)
    : std::runtime_error(list.empty() ? std::string("crossfoot error") : format(list.front())), list_(std::move(list)) {}

void fail(std::string file, std::string message, std::string code) {
    throw diagnostics_error({diagnostic{std::move(file), 1, 1, severity::error, std::move(message), std::move(code), {}}});
}

namespace {

// Text of a diagnostic as a str: a message quotes the input, which may hold bytes that are not
// UTF-8 (a ledger in Latin-1, a binary file); those are shown as \xff rather than failing the
// error itself with a UnicodeDecodeError.
py::str shown(const std::string& text) {
    PyObject* const s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "backslashreplace");
    if (s == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(s);
}

}  // namespace

py::object to_python(const diagnostic& d) {
    static const char* const names[] = {"error", "warning", "note"};
    const py::object type = py::module_::import("crossfoot.errors").attr("Diagnostic");
    return type(shown(d.file), d.line, d.column, names[static_cast<int>(d.severity)], shown(d.message), d.code,
                shown(d.source_line));
}

void register_errors() {
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const diagnostics_error& e) {
            py::list items;
            for (const diagnostic& d : e.diagnostics()) items.append(to_python(d));
            const py::object type = py::module_::import("crossfoot.errors").attr("Error");
            const py::object error = type(items);
            PyErr_SetObject(type.ptr(), error.ptr());
        }
    });
}

}  // namespace crossfoot::python
