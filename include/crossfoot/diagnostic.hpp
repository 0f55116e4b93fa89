// crossfoot/diagnostic.hpp: messages about input, in the form compilers use.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace crossfoot {

enum class severity { error, warning, note };

/// One message about a place in an input: file, 1-based line and column (the column counts
/// code points), what is wrong, and a stable kebab-case code ("bad-amount") documented in
/// docs/diagnostics.md. `source_line` is the input line as written, for the caret display;
/// it may be empty (an argument given on the command line has no file line).
struct diagnostic {
    std::string file;
    std::size_t line = 0;
    std::size_t column = 0;
    crossfoot::severity severity = severity::error;
    std::string message;
    std::string code;
    std::string source_line;

    friend bool operator==(const diagnostic&, const diagnostic&) = default;
};

/// The 1-based column of the character at `byte_offset` in a UTF-8 line: code points are
/// counted, so a column is the same in any editor.
[[nodiscard]] std::size_t column_of(std::string_view line, std::size_t byte_offset) noexcept;

/// Renders the GCC form, then the source line with a caret when there is one:
///
///     ledger.txt:3:3: error: expected a digit, found '.' [bad-amount]
///         3 | 1..2 bn
///           |   ^
[[nodiscard]] std::string format(const diagnostic& d);

std::ostream& operator<<(std::ostream& os, const diagnostic& d);  // format(d)

/// Why the file at `path` cannot be opened for reading, asked after an open failed, in words
/// that follow "cannot open ...: ": "no such file or directory", "too many levels of
/// symbolic links", "not a directory" (a path through a file), "permission denied", "a
/// directory, not a file".
[[nodiscard]] std::string why_not_readable(const std::string& path);

}  // namespace crossfoot
