// engine/cli/rates.cpp: `crossfoot convert` and `crossfoot rates`, thin layers over
// crossfoot/rates.hpp and crossfoot/report.hpp.
// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <crossfoot/report.hpp>

#include <chrono>
#include <ostream>

namespace crossfoot::cli {

namespace {

constexpr int exit_bad_input = 2;

std::optional<lookup_policy> make_policy(const rate_options& options, std::ostream& err) {
    lookup_policy policy;
    const auto how = policy_from_string(options.policy);
    if (!how) {
        err << "crossfoot: error: unknown policy '" << options.policy
            << "'; expected exact, on-or-before, window-average or window-range [bad-policy]\n";
        return std::nullopt;
    }
    policy.how = *how;
    policy.max_age_days = options.max_age_days;
    policy.window_days = options.window_days;
    policy.derived_digits = options.digits;
    return policy;
}

std::optional<date> read_date(const std::string& text, std::string_view option, std::ostream& err) {
    auto d = parse_date(text);
    if (d) return *d;
    err << "crossfoot: error: " << option << " '" << text << "': " << d.error().message()
        << " at column " << d.error().offset + 1 << " [bad-date]\n";
    return std::nullopt;
}

std::optional<unit> read_currency(const std::string& code, std::ostream& err) {
    if (auto u = unit::currency(code)) return u;
    err << "crossfoot: error: '" << code << "' is not an ISO 4217 currency code [unknown-currency]\n";
    return std::nullopt;
}

std::optional<amount> read_amount(const convert_options& options, std::ostream& err) {
    amount_parse_options parse_options;
    if (!options.default_currency.empty()) {
        parse_options.default_currency = read_currency(options.default_currency, err);
        if (!parse_options.default_currency) return std::nullopt;
    }
    auto parsed = parse_amount(options.amount, parse_options);
    if (parsed) return parsed->amount;
    const parse_error& e = parsed.error();
    err << format(diagnostic{"<arguments>", 1, column_of(options.amount, e.offset),
                             severity::error, e.message(), "bad-amount", options.amount});
    return std::nullopt;
}

}  // namespace

void print_diagnostics(std::ostream& err, const std::vector<diagnostic>& diagnostics) {
    for (const diagnostic& d : diagnostics) err << format(d);
}

std::optional<rate_table> load_rate_table(const rate_options& options, std::ostream& err) {
    rate_table table = options.no_builtin ? rate_table() : builtin_rate_table();
    for (const std::string& path : options.files) {
        auto quotes = read_rates_file(path);
        if (!quotes) {
            print_diagnostics(err, quotes.error());
            return std::nullopt;
        }
        if (auto added = table.add(*quotes); !added) {
            print_diagnostics(err, added.error());
            return std::nullopt;
        }
    }
    return table;
}

int run_convert(const convert_options& options, std::ostream& out, std::ostream& err) {
    const auto a = read_amount(options, err);
    const auto to = a ? read_currency(options.to, err) : std::nullopt;
    const auto on = to ? read_date(options.date, "--date", err) : std::nullopt;
    const auto policy = on ? make_policy(options.rates, err) : std::nullopt;
    const auto mode = rounding_from_string(options.rounding);
    if (!policy || !mode) {
        if (policy) err << "crossfoot: error: unknown rounding '" << options.rounding << "' [bad-rounding]\n";
        return exit_bad_input;
    }
    const auto table = load_rate_table(options.rates, err);
    if (!table) return exit_bad_input;
    std::optional<rounding_step> round;
    if (options.round) round = rounding_step{-to->minor_units().value_or(0), *mode};
    auto c = convert(*a, *to, *on, *table, *policy, round);
    if (!c) {
        err << "crossfoot: error: " << c.error().message << " [no-rate]\n";
        return exit_bad_input;
    }
    out << (options.format == "json" ? format_conversion_json(*c) : format_conversion_text(*c));
    return 0;
}

int run_rates(const rates_options& options, std::ostream& out, std::ostream& err) {
    const std::size_t slash = options.pair.find('/');
    if (slash == std::string::npos) {
        err << "crossfoot: error: expected a pair as BASE/QUOTE, found '" << options.pair
            << "' [bad-pair]\n";
        return exit_bad_input;
    }
    const auto base = read_currency(options.pair.substr(0, slash), err);
    const auto quote = base ? read_currency(options.pair.substr(slash + 1), err) : std::nullopt;
    const auto first = quote ? read_date(options.from, "--from", err) : std::nullopt;
    const auto last = first ? read_date(options.to, "--to", err) : std::nullopt;
    auto policy = last ? make_policy(options.rates, err) : std::nullopt;
    if (!policy) return exit_bad_input;
    const auto table = load_rate_table(options.rates, err);
    if (!table) return exit_bad_input;
    // Day by day, the rate each date's own quotes give: direct, inverse or derived.
    lookup_policy per_day = *policy;
    if (per_day.how == lookup_policy::kind::on_or_before) per_day.how = lookup_policy::kind::exact;
    std::vector<found_rate> found;
    for (auto day = std::chrono::sys_days{*first}; day <= std::chrono::sys_days{*last};
         day += std::chrono::days{1}) {
        if (auto r = table->find(*base, *quote, date{day}, per_day)) found.push_back(*r);
    }
    out << (options.format == "json" ? format_rates_json(found) : format_rates_text(found));
    return 0;
}

}  // namespace crossfoot::cli
