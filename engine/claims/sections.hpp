// engine/claims/sections.hpp: the readers of a claims file's sections, one file each.
// Private to the claims reader.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/check.hpp>

#include "fields.hpp"

namespace crossfoot::claims_reader {

// Each reader takes the whole document, finds its own section in it (an optional section
// may be absent), fills its part of `out` and reports every problem through `ctx`. The
// order of sections in the file does not matter: figures.cpp reads [document]'s currency
// from `out`, so read_document comes first, and set_ranges runs once [qualifiers] is read.

/// [document]: title, date (required), currency, source.
void read_document(const context& ctx, const toml::table& root, claims& out);

/// [rates]: the look-up policy, rate files and inline quotes.
void read_rates(const context& ctx, const toml::table& root, claims& out);

/// [qualifiers]: the configurable part of the qualifier table.
void read_qualifiers(const context& ctx, const toml::table& root, claims& out);

/// [figures]: every figure in file order, its value, qualifier and precision (not its range).
void read_figures(const context& ctx, const toml::table& root, claims& out);

/// Each figure's range, from its value, qualifier, precision and `out.qualifiers`.
void set_ranges(claims& out);

/// [[checks]]: every relation, its figures resolved against `out.figures`.
void read_checks(const context& ctx, const toml::table& root, claims& out);

}  // namespace crossfoot::claims_reader
