// python/module/str_buffer.hpp: a stream buffer that writes straight into a Python str.
//
// A report of millions of groups is hundreds of megabytes. Written to a std::string, it was
// copied each time the string outgrew its memory and then once more, checked as UTF-8, into
// the str: 2.0 s for 10^6 groups as JSON (190 MB), where the CLI writes the same report in a
// fraction of that. Here the bytes go into the str's own memory as they are written; it
// grows by reallocation, which for blocks this large the C library does by remapping pages
// rather than copying them, so the text is written once and its memory touched once. A
// text that is not ASCII (a key in another script) is decoded as UTF-8 at the end, once.
//
// It is written without the interpreter's lock (the report is made on other threads too);
// the lock is taken only to grow the str, by the one thread that writes.
// SPDX-License-Identifier: MIT
#pragma once

#include <pybind11/pybind11.h>

#include <cstddef>
#include <ios>
#include <ostream>
#include <streambuf>

namespace crossfoot::python {

class str_buffer : public std::streambuf {
public:
    str_buffer();  // holds the interpreter's lock
    str_buffer(const str_buffer&) = delete;
    str_buffer& operator=(const str_buffer&) = delete;
    ~str_buffer() override;  // holds the interpreter's lock

    // The text written, as a str; holds the interpreter's lock. Once only: nothing may be
    // written after.
    [[nodiscard]] pybind11::str take();

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int_type overflow(int_type c) override;

private:
    void reserve(std::size_t bytes);

    pybind11::object str_;  // a str of capacity_ ASCII characters, size_ of them written
    char* data_ = nullptr;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
    unsigned char high_ = 0;  // every byte written, or-ed: 0x80 set once one is not ASCII
};

// What `write(std::ostream&)` writes, as a str, written without the interpreter's lock (the
// caller holds it): `write` must touch no Python object.
template <class Write>
[[nodiscard]] pybind11::str str_written(Write&& write) {
    str_buffer text;
    {
        const pybind11::gil_scoped_release unlocked;
        std::ostream out(&text);
        out.exceptions(std::ios::badbit);  // a failure to grow the str is thrown, not lost
        write(out);
    }
    return text.take();
}

}  // namespace crossfoot::python
