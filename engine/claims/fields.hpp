// engine/claims/fields.hpp: typed fields of a claims file, each wrong one a diagnostic.
// Private to the claims reader.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>

#include "rates/toml_support.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::claims_reader {

/// The file being read and the diagnostics found in it so far. Readers report and go on.
struct context {
    const toml_support::source& src;
    std::vector<diagnostic>& errors;

    void fail(const toml::source_region& where, std::string message, std::string code) const;
    void fail(const toml::node& at, std::string message, std::string code) const {
        fail(at.source(), std::move(message), std::move(code));
    }
    void fail(diagnostic d) const { errors.push_back(std::move(d)); }
};

/// Reports each key of `table` that is not in `known` (code `unknown-key`), suggesting the
/// known key it is a typo of. `where` ends the message: "in [document]", "in figure \"x\"".
void check_keys(const context& ctx, const toml::table& table,
                std::span<const std::string_view> known, std::string_view where);

/// The known word nearest to `word` when it looks like a typo of one (at most two edits
/// away), else empty.
[[nodiscard]] std::string_view nearest(std::string_view word,
                                       std::span<const std::string_view> known);

/// The fields below are absent (nothing, silently) or read; one of the wrong TOML type is
/// reported (code `bad-value`, or `bad-number` for numbers) and gives nothing too.
[[nodiscard]] std::optional<std::string> string_field(const context& ctx, const toml::table& table,
                                                      std::string_view key);
[[nodiscard]] std::optional<bool> bool_field(const context& ctx, const toml::table& table,
                                             std::string_view key);
/// An integer in [low, high].
[[nodiscard]] std::optional<std::int32_t> integer_field(const context& ctx,
                                                        const toml::table& table,
                                                        std::string_view key, std::int32_t low,
                                                        std::int32_t high);
/// A decimal written as a string or an integer; a TOML float is refused (`inexact-number`).
[[nodiscard]] std::optional<decimal> decimal_field(const context& ctx, const toml::table& table,
                                                   std::string_view key);
[[nodiscard]] const toml::array* array_field(const context& ctx, const toml::table& table,
                                             std::string_view key);
/// An array of strings; a non-string entry is reported and skipped.
[[nodiscard]] std::optional<std::vector<std::string>> strings_field(const context& ctx,
                                                                    const toml::table& table,
                                                                    std::string_view key);

/// The table that a top-level key names ([document], [rates], ...), or null when it is
/// absent or not a table (reported).
[[nodiscard]] const toml::table* section(const context& ctx, const toml::table& root,
                                         std::string_view name);

}  // namespace crossfoot::claims_reader
