// python/module/str_buffer.cpp: a stream buffer that writes straight into a Python str.
// SPDX-License-Identifier: MIT
#include "str_buffer.hpp"
#include "values.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <utility>

namespace crossfoot::python {

namespace py = pybind11;

namespace {

// Small, as most texts are (a pickled partial of a few groups); a long one grows by doubling.
constexpr std::size_t first_capacity = std::size_t{64} << 10;

// The bytes of [s, s + n) or-ed together, eight at a time: its top bit is set when one of
// them is not ASCII.
unsigned char or_of(const char* s, std::size_t n) {
    std::uint64_t all = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, s + i, sizeof word);
        all |= word;
    }
    for (; i < n; ++i) all |= static_cast<unsigned char>(s[i]);
    all |= all >> 32;
    all |= all >> 16;
    all |= all >> 8;
    return static_cast<unsigned char>(all);
}

}  // namespace

// A new str of first_capacity ASCII characters, their bytes to be written.
str_buffer::str_buffer()
    : str_(owned(PyUnicode_New(static_cast<Py_ssize_t>(first_capacity), 127))), capacity_(first_capacity) {
    data_ = reinterpret_cast<char*>(PyUnicode_1BYTE_DATA(str_.ptr()));
}

str_buffer::~str_buffer() = default;

void str_buffer::reserve(std::size_t bytes) {
    if (bytes <= capacity_) return;
    const std::size_t capacity = std::max(bytes, capacity_ * 2);
    const py::gil_scoped_acquire locked;
    // The str is this object's alone (one reference, never hashed), so the interpreter
    // resizes it in place, by reallocation. On failure it is left as it was, still ours.
    PyObject* resized = str_.release().ptr();
    const int failed = PyUnicode_Resize(&resized, static_cast<Py_ssize_t>(capacity));
    str_ = py::reinterpret_steal<py::object>(resized);
    if (failed != 0) {
        // A C++ error, which pybind11 turns into MemoryError, and which (unlike a Python
        // error) may cross the code that runs without the lock.
        PyErr_Clear();
        throw std::bad_alloc();
    }
    data_ = reinterpret_cast<char*>(PyUnicode_1BYTE_DATA(resized));
    capacity_ = capacity;
}

std::streamsize str_buffer::xsputn(const char* s, std::streamsize n) {
    const auto count = static_cast<std::size_t>(n);
    reserve(size_ + count);
    high_ |= or_of(s, count);
    std::memcpy(data_ + size_, s, count);
    size_ += count;
    return n;
}

str_buffer::int_type str_buffer::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    xsputn(&byte, 1);
    return c;
}

py::str str_buffer::take() {
    PyObject* text = str_.release().ptr();
    const std::size_t size = std::exchange(size_, 0);
    data_ = nullptr;
    capacity_ = 0;
    if ((high_ & 0x80) != 0) {
        // Not ASCII: the bytes are UTF-8, decoded into a str of the kind they need.
        const auto written = py::reinterpret_steal<py::object>(text);
        return py::str(owned(PyUnicode_DecodeUTF8(reinterpret_cast<const char*>(PyUnicode_1BYTE_DATA(text)),
                                                  static_cast<Py_ssize_t>(size), "strict")));
    }
    const int failed = PyUnicode_Resize(&text, static_cast<Py_ssize_t>(size));
    auto taken = py::reinterpret_steal<py::str>(text);
    if (failed != 0) throw py::error_already_set();
    return taken;
}

}  // namespace crossfoot::python
