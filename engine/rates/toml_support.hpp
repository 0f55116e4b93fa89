// engine/rates/toml_support.hpp: reading TOML documents with positions for diagnostics (toml++).
// Private to the library.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/diagnostic.hpp>
#include <crossfoot/rates.hpp>

#include <toml++/toml.h>

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::toml_support {

/// A TOML text and its name, for diagnostics with the source line under them.
class source {
public:
    source(std::string_view text, std::string_view file);

    [[nodiscard]] std::string_view file() const noexcept { return file_; }
    [[nodiscard]] std::string_view text() const noexcept { return text_; }
    /// An error at a node's position: file, line, column (code points) and the line itself.
    [[nodiscard]] diagnostic error(const toml::source_region& where, std::string message,
                                   std::string code) const;
    [[nodiscard]] diagnostic error(const toml::node& node, std::string message,
                                   std::string code) const {
        return error(node.source(), std::move(message), std::move(code));
    }
    /// An error at `byte_offset` inside a string value: the column points at that character
    /// when the string is written on one line without escapes, else at its opening quote.
    [[nodiscard]] diagnostic error_in_string(const toml::node& string_node, std::size_t byte_offset,
                                             std::string message, std::string code) const;

private:
    std::string_view text_;
    std::string file_;
    std::vector<std::string_view> lines_;
};

/// Parses the document; a syntax error is one diagnostic (code `bad-toml`).
[[nodiscard]] std::expected<toml::table, diagnostic> parse(const source& src);

/// A date given as a TOML local date or a "YYYY-MM-DD" string.
[[nodiscard]] std::expected<date, diagnostic> read_date(const source& src, const toml::node& node);

/// An exact decimal given as a string ("7.011113") or an integer. A TOML float is refused:
/// it is binary and has already lost the digits as written.
[[nodiscard]] std::expected<decimal, diagnostic> read_decimal(const source& src,
                                                              const toml::node& node,
                                                              std::string_view what);

/// Reads `quotes = [ { pair = "USD/CNY", rate = "7.011113", date = 2024-09-27,
/// source = "...", low = "...", high = "..." }, ... ]`; every bad entry is a diagnostic.
void read_quotes(const source& src, const toml::array& quotes, std::vector<rate_quote>& out,
                 std::vector<diagnostic>& errors);

}  // namespace crossfoot::toml_support
