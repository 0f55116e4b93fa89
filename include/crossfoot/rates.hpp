// crossfoot/rates.hpp: dated exchange-rate quotes, look-up policies, derived rates with
// their provenance, and conversion of amounts.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/amount.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/parse_error.hpp>
#include <crossfoot/rounding.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crossfoot {

/// A calendar date (proleptic Gregorian), as the rate sources give them.
using date = std::chrono::year_month_day;

/// Parses `YYYY-MM-DD` (a valid calendar date) and nothing else.
[[nodiscard]] std::expected<date, parse_error> parse_date(std::string_view text);
/// "2024-09-27".
[[nodiscard]] std::string to_string(date d);

/// The days a document's date names: a day, a month, a quarter or a year.
struct date_period {
    enum class length { day, month, quarter, year };
    date first;
    date last;
    length spans = length::day;
    std::string text;  // as written: "2023-07-15", "2023-07", "2023-Q2", "2023"

    friend bool operator==(const date_period&, const date_period&) = default;
};

/// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn` or `YYYY`.
[[nodiscard]] std::expected<date_period, parse_error> parse_period(std::string_view text);

/// One exchange rate as a source states it: 1 `base` = `rate` `quote`, on `on`.
/// A source may give a range instead of (or around) a single figure: [`low`, `high`].
struct rate_quote {
    unit base;
    unit quote;
    decimal rate;
    date on;
    std::string source;  // "ECB euro reference rate", a file name, "claims file"
    std::optional<decimal> low;
    std::optional<decimal> high;
    std::string file;      // where it was read: a path, or empty for built-in quotes
    std::size_t line = 0;  // 1-based line in `file`, 0 when none

    friend bool operator==(const rate_quote&, const rate_quote&) = default;
};

std::ostream& operator<<(std::ostream& os, const rate_quote& q);  // "USD/CNY 7.011113 on ..."

/// How a rate is chosen for a date. Printed with every result.
struct lookup_policy {
    enum class kind {
        exact,           // a quote dated exactly on the date
        on_or_before,    // the latest quote on or before the date, at most max_age_days old
        window_average,  // the mean of the quotes in [date - window_days, date]
        window_range,    // the lowest and highest quotes in [date - window_days, date]
    };
    kind how = kind::on_or_before;
    std::int32_t max_age_days = 7;  // on_or_before: a week covers weekends and holidays
    std::int32_t window_days = 7;   // window policies: how many days before the date
    /// Significant digits and rounding of every derived figure: an inverse, a cross rate
    /// through a pivot, a window mean. Direct quotes are used exactly as given.
    std::int32_t derived_digits = 12;
    rounding derived_rounding = rounding::half_even;
    /// Currencies to triangulate through when no direct quote exists, in order of preference.
    std::vector<unit> pivots = default_pivots();

    [[nodiscard]] static std::vector<unit> default_pivots();  // EUR, USD, CNY
};

/// "on-or-before", "exact", "window-average", "window-range", or nothing.
[[nodiscard]] std::optional<lookup_policy::kind> policy_from_string(std::string_view name);
[[nodiscard]] std::string_view to_string(lookup_policy::kind how);
/// "on-or-before (max age 7 days)", "window-average (7 days before, mean to 12 digits,
/// half_even)".
[[nodiscard]] std::string describe(const lookup_policy& policy);

/// One hop of a rate's path: the quotes it used, and whether they were inverted
/// (a quote of EUR/USD used for USD→EUR).
struct rate_hop {
    unit from;
    unit to;
    std::vector<rate_quote> quotes;  // one, or every quote of a window
    bool inverted = false;
    decimal value;  // the hop's rate from → to
};

/// A rate for a pair and a date, with everything needed to say where it came from.
struct found_rate {
    unit from;
    unit to;
    date requested;
    decimal value;               // 1 from = value to
    std::optional<decimal> low;  // set for window_range and for quotes with a range
    std::optional<decimal> high;
    bool exact = true;           // false when a derivation rounded
    std::vector<rate_hop> path;  // from → ... → to
    lookup_policy policy;

    /// "USD→EUR→CNY".
    [[nodiscard]] std::string path_text() const;
};

/// Why no rate could be given: the pair, the date, and what the table holds nearest.
struct rate_error {
    std::string message;

    friend bool operator==(const rate_error&, const rate_error&) = default;
};

std::ostream& operator<<(std::ostream& os, const rate_error& e);

/// Any number of quotes, searchable by pair and date in O(log n).
///
/// Quotes of the same pair, date and source must agree: a second, different one is a
/// conflict. Where several sources quote a pair on a date, the one added last wins (so a
/// claims file's own rates override a rates file, which overrides the built-in table).
class rate_table {
public:
    /// Adds quotes; on a conflict nothing is added and each conflict is a diagnostic that
    /// names both quotes' places (code `conflicting-rate`).
    std::expected<void, std::vector<diagnostic>> add(std::span<const rate_quote> quotes);

    /// The rate for one unit of `from` in `to` on `on`: a direct quote, its inverse, or a
    /// cross rate through one of the policy's pivots. Preference: direct, then fewest hops,
    /// then the freshest stalest quote, then pivot order. The same unit gives 1 exactly.
    [[nodiscard]] std::expected<found_rate, rate_error> find(unit from, unit to, date on,
                                                             const lookup_policy& policy) const;

    /// Every direct quote of `base`/`quote` dated within [first, last], oldest first.
    [[nodiscard]] std::vector<rate_quote> quotes(unit base, unit quote, date first,
                                                 date last) const;
    /// The pairs the table quotes directly, each once.
    [[nodiscard]] std::vector<std::pair<unit, unit>> pairs() const;
    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    /// The quotes of base/quote that `policy` takes for `on`: one, or one per date of a window
    /// (where sources overlap on a date, the one added last). Empty when none qualifies.
    [[nodiscard]] std::vector<rate_quote> chosen(unit base, unit quote, date on,
                                                 const lookup_policy& policy) const;

    /// Why find() found nothing: the pair, date, policy and the nearest quotes of every pair
    /// that could have served.
    [[nodiscard]] std::string no_rate_message(unit from, unit to, date on,
                                              const lookup_policy& policy) const;

    struct stored {
        rate_quote quote;
        std::size_t sequence;  // order added: the later wins between sources
    };
    std::map<std::pair<unit, unit>, std::vector<stored>> by_pair_;  // each sorted by date
    std::size_t size_ = 0;
    std::size_t next_sequence_ = 0;  // the number the next quote added gets
};

/// The built-in reference rates: the ECB's euro reference rates for USD, JPY, KRW, CNY, HKD
/// and GBP on every business day of September 2024, enough for the bundled examples.
/// Other pairs are derived through EUR.
[[nodiscard]] std::span<const rate_quote> builtin_rates();

/// A table holding the built-in rates.
[[nodiscard]] rate_table builtin_rate_table();

/// Reads rates in either CSV form, telling them apart by the header:
/// - the ECB's wide form: `Date,USD,JPY,...` with units of each currency per 1 EUR, `N/A`
///   for no rate, rows in any date order, a trailing comma tolerated;
/// - the long form: `date,base,quote,rate[,source]`, one quote per line.
/// Every bad line is a diagnostic naming the file, line and column (codes `bad-rate-file`,
/// `bad-date`, `bad-rate`, `unknown-currency`); nothing is returned unless all lines are good.
[[nodiscard]] std::expected<std::vector<rate_quote>, std::vector<diagnostic>> read_rates_csv(
    std::istream& input, std::string_view file_name);

/// Reads inline quotes from a TOML document, as claims files write them: an array `quotes`
/// at the top level or in a `[rates]` table, each entry
/// `{ pair = "USD/CNY", rate = "7.011113", date = 2024-09-27, source = "...", low = "...",
/// high = "..." }`. Rates are strings (or integers), never TOML floats, which are binary.
[[nodiscard]] std::expected<std::vector<rate_quote>, std::vector<diagnostic>> read_rates_toml(
    std::string_view text, std::string_view file_name);

/// Reads a rates file: TOML when its name ends in ".toml", CSV otherwise. A file that cannot
/// be opened is a diagnostic too (code `no-file`).
[[nodiscard]] std::expected<std::vector<rate_quote>, std::vector<diagnostic>> read_rates_file(
    const std::string& path);

/// How to round a converted amount, when it should be rounded at all.
struct rounding_step {
    std::int32_t exponent;  // e.g. -2 for cents
    rounding mode = rounding::half_even;
};

/// An amount converted into another unit, with the rate and its provenance.
struct conversion {
    amount original;
    amount exact;                     // original × rate, every digit
    std::optional<amount> rounded;    // when a rounding_step was asked for
    std::optional<decimal> low;       // the exact product at the rate's low and high
    std::optional<decimal> high;
    found_rate rate;
};

/// Converts `a` into `to` at the rate for `on`. Fails when there is no rate (never guessed),
/// or when `a` is a count.
[[nodiscard]] std::expected<conversion, rate_error> convert(
    const amount& a, unit to, date on, const rate_table& table, const lookup_policy& policy,
    std::optional<rounding_step> round = std::nullopt);

}  // namespace crossfoot
