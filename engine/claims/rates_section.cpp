// engine/claims/rates_section.cpp: the [rates] section of a claims file: the look-up policy,
// rate files and inline quotes.
// SPDX-License-Identifier: MIT
#include "sections.hpp"

#include <crossfoot/rounding.hpp>

#include <fmt/format.h>

#include <array>

namespace crossfoot::claims_reader {

namespace {

constexpr std::array<std::string_view, 10> rates_keys = {
    "policy", "max_age_days", "window_days", "digits",      "rounding",
    "pivots", "files",        "quotes",      "nearby_days", "rate_tolerance"};

constexpr std::int32_t max_days = 36525;   // a century: more is a typo
constexpr std::int32_t max_digits = 1000;  // as many as a written amount may have

void read_policy_kind(const context& ctx, const toml::table& rates, lookup_policy& policy) {
    const auto name = string_field(ctx, rates, "policy");
    if (!name) return;
    if (auto how = policy_from_string(*name)) {
        policy.how = *how;
        return;
    }
    ctx.fail(*rates.get("policy"),
             fmt::format("unknown policy '{}'; expected exact, on-or-before, window-average or "
                         "window-range",
                         *name),
             "unknown-policy");
}

void read_rounding(const context& ctx, const toml::table& rates, lookup_policy& policy) {
    const auto name = string_field(ctx, rates, "rounding");
    if (!name) return;
    if (auto mode = rounding_from_string(*name)) {
        policy.derived_rounding = *mode;
        return;
    }
    ctx.fail(*rates.get("rounding"),
             fmt::format("unknown rounding '{}'; expected half-even, half-up, half-down, up, "
                         "down, ceiling or floor",
                         *name),
             "bad-value");
}

void read_pivot(const context& ctx, const toml::node& entry, lookup_policy& policy) {
    const auto* code = entry.as_string();
    const auto u = code != nullptr ? unit::currency(code->get()) : std::nullopt;
    if (u) {
        policy.pivots.push_back(*u);
        return;
    }
    ctx.fail(entry, "expected 'pivots' to hold ISO 4217 currency codes such as 'EUR'",
             "unknown-currency");
}

void read_pivots(const context& ctx, const toml::table& rates, lookup_policy& policy) {
    const toml::array* pivots = array_field(ctx, rates, "pivots");
    if (pivots == nullptr) return;
    policy.pivots.clear();
    for (const toml::node& entry : *pivots) read_pivot(ctx, entry, policy);
}

void read_policy(const context& ctx, const toml::table& rates, lookup_policy& policy) {
    read_policy_kind(ctx, rates, policy);
    policy.max_age_days =
        integer_field(ctx, rates, "max_age_days", 0, max_days).value_or(policy.max_age_days);
    policy.window_days =
        integer_field(ctx, rates, "window_days", 0, max_days).value_or(policy.window_days);
    policy.derived_digits =
        integer_field(ctx, rates, "digits", 1, max_digits).value_or(policy.derived_digits);
    read_rounding(ctx, rates, policy);
    read_pivots(ctx, rates, policy);
}

// The ladder's nearby rates: how many days before the date, and the tolerance around them
// (a percentage from 0 to 100).
void read_nearby(const context& ctx, const toml::table& rates, nearby_rates& out) {
    out.days = integer_field(ctx, rates, "nearby_days", 0, max_days).value_or(out.days);
    const auto tolerance = decimal_field(ctx, rates, "rate_tolerance");
    if (!tolerance) return;
    if (tolerance->sign() >= 0 && *tolerance <= decimal(100)) {
        out.tolerance_percent = *tolerance;
        return;
    }
    ctx.fail(*rates.get("rate_tolerance"),
             fmt::format("expected 'rate_tolerance' to be a percentage from 0 to 100, found {}",
                         tolerance->to_string()),
             "bad-number");
}

}  // namespace

void read_rates(const context& ctx, const toml::table& root, claims& out) {
    const toml::table* rates = section(ctx, root, "rates");
    if (rates == nullptr) return;
    check_keys(ctx, *rates, rates_keys, "in [rates]");
    read_policy(ctx, *rates, out.policy);
    read_nearby(ctx, *rates, out.nearby);
    out.rate_files = strings_field(ctx, *rates, "files").value_or(std::vector<std::string>{});
    if (const toml::node* files = rates->get("files")) out.rate_files_line = files->source().begin.line;
    if (const toml::array* quotes = array_field(ctx, *rates, "quotes"))
        toml_support::read_quotes(ctx.src, *quotes, out.quotes, ctx.errors);
}

}  // namespace crossfoot::claims_reader
