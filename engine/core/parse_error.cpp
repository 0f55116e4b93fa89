// engine/core/parse_error.cpp: the wording of token parse errors.
// SPDX-License-Identifier: MIT
#include <crossfoot/parse_error.hpp>

#include <ostream>

namespace crossfoot {

std::string parse_error::message() const {
    std::string text = "expected " + expected + ", found ";
    text += found.empty() ? std::string("end of input") : "'" + found + "'";
    return text;
}

std::ostream& operator<<(std::ostream& os, const parse_error& e) {
    return os << "at " << e.offset << ": " << e.message();
}

}  // namespace crossfoot
