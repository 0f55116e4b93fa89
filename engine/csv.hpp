// engine/csv.hpp: splitting one CSV record into fields (RFC 4180), keeping each field's
// byte offset for diagnostics. Private to the library.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::csv {

struct field {
    std::string text;         // unquoted: "a ""b""" becomes a "b"
    std::size_t offset = 0;   // byte offset of the field's first character in the line
};

/// Why a record could not be split: the offset and what was expected there.
struct split_error {
    std::size_t offset = 0;
    std::string expected;
};

/// Splits one record (without its line end) on commas. Quoted fields may hold commas and
/// doubled quotes; a quote must close before the next comma or the end.
[[nodiscard]] std::expected<std::vector<field>, split_error> split(std::string_view line);

}  // namespace crossfoot::csv
