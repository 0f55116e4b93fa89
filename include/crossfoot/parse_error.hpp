// crossfoot/parse_error.hpp: where a token failed to parse and what was expected there.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

namespace crossfoot {

/// The failure of a token parser: the byte offset of the first offending character in the
/// text given to the parser, and what was expected there ("a digit", "end of amount").
/// `found` quotes the offending input as written (one character or word; empty at the end).
struct parse_error {
    std::size_t offset = 0;
    std::string expected;
    std::string found;

    /// "expected a digit, found '.'" or "expected a digit, found end of input".
    [[nodiscard]] std::string message() const;

    friend bool operator==(const parse_error&, const parse_error&) = default;
};

std::ostream& operator<<(std::ostream& os, const parse_error& e);  // "at 3: expected ..."

}  // namespace crossfoot
