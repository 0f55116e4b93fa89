// crossfoot/check.hpp: claims (a document's figures and the relations between them) and the
// engine that checks each stated total against its components.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/amount.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/figure.hpp>
#include <crossfoot/rates.hpp>
#include <crossfoot/written.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// What the claims are about.
struct document_info {
    std::string title;
    std::optional<date> on;            // dated to a day: rates are taken for it
    std::optional<date_period> period; // or dated to a month, a quarter or a year
    std::optional<unit> currency;      // what bare figures, $ and ¥ mean
    std::string source;
    std::string url;                   // where the document was published
    std::int32_t zhao_power = 12;      // 兆 is 10^12 (money), or 10^6 (the SI prefix)
    /// The document itself (text, HTML or PDF), relative to the claims file, for the web page
    /// report's view of it; confined like rate files.
    std::string text;
    std::size_t text_line = 0;         // where [document] names it
};

/// A figure as the document states it.
struct figure {
    std::string id;
    std::string text;             // as written: "39.7 billion yuan"; empty for a name list
    figure_kind kind = figure_kind::amount;  // an amount, a percentage, a change or a rate
    amount value;                 // exact, in its own unit (see written_figure)
    std::optional<amount> high;   // a range: `value` is its low end
    std::optional<unit> base;     // a stated rate: the currency priced, `value` its price
    bool unit_assumed = false;    // the unit came from the document's default currency
    crossfoot::qualifier qualifier = qualifier::none;
    std::string qualifier_text;   // the qualifier as written: "约", "more than"
    bool converted = false;       // 约合, 折合: the figure restates another's value
    crossfoot::precision precision;
    std::vector<std::string> assumptions;  // readings the parser took: "兆 read as 10^12"
    std::vector<std::string> names;  // a list of named items: its count is the value
    std::string description;
    interval range;               // the values the figure stands for, in its own unit
    std::size_t line = 0;         // where it is defined in the claims file
};

enum class relation { sum, includes, converts, share, change };

[[nodiscard]] std::optional<relation> relation_from_string(std::string_view name);
[[nodiscard]] std::string_view to_string(relation r);

/// A component of a check: a figure id, with weight +1 or −1 (a difference).
struct part_ref {
    std::string id;
    int weight = 1;
};

/// One relation to check between figures.
struct check_spec {
    std::string id;
    crossfoot::relation relation = relation::sum;
    std::string total;               // a figure id
    std::vector<part_ref> parts;     // figure ids
    std::optional<decimal> percent;  // share: the stated percentage, as written
    std::string share;               // share: or the id of a percent figure
    std::string by;                  // change: the id of the change figure ("up 23.3%");
                                     // `total` is the later figure, `parts` the earlier
    std::string rate;                // the id of a stated rate to convert with, if any
    /// Convert at the mean of the reference rates over this period ("at 2021's average rate",
    /// as the document says) instead of at the document's date.
    std::optional<date_period> rate_period;
    /// Take the parts as exact values: only the total's written precision allows for
    /// rounding (the parts are authoritative line items). Default: every figure's own
    /// interval counts, as in XBRL Calculations 1.1.
    bool parts_exact = false;
    std::string description;
    /// A check drafted from a document's words, not yet confirmed by a person: the words that
    /// proposed it ("including", "其中"). Reports mark it; deleting the key confirms it.
    std::string proposed_by;
    std::size_t line = 0;
};

/// How far from the document's date an author's rate may lie and still be "a nearby rate": the
/// range of the reference rates over `days` before the date (or before a period's first day,
/// through its last), widened by `tolerance_percent` on either side. The defaults and the
/// evidence for them are in docs/claims-format.md.
struct nearby_rates {
    std::int32_t days = 7;
    decimal tolerance_percent = decimal::scaled(5, -1);  // 0.5 %
};

/// Everything a claims file says.
struct claims {
    std::string file;
    /// The folder that the files it names are relative to; empty: the claims file's own. Set
    /// it for claims read from text that has no file (read_claims of a string).
    std::string folder;
    document_info document;
    lookup_policy policy;
    std::vector<std::string> rate_files;  // relative to the claims file (or absolute)
    std::size_t rate_files_line = 0;      // where [rates] names them
    /// Claims from strangers: when set, every file the claims file names must lie inside this
    /// folder once `..` and symbolic links are resolved; rate_table_for refuses any other
    /// without opening it. The caller's own files (caller_rate_files) are not confined.
    std::string confined_to;
    std::vector<std::string> caller_rate_files;  // added by the caller: read as given, last
    bool builtin_rates = true;            // the built-in table comes first
    std::vector<rate_quote> quotes;       // written inline
    nearby_rates nearby;
    qualifier_table qualifiers;
    std::vector<figure> figures;
    std::vector<check_spec> checks;

    /// The figure with this id, or null. O(log n) once index_figures() has run after the
    /// last change to `figures` (read_claims does); a linear search otherwise.
    [[nodiscard]] const figure* find(std::string_view id) const;
    /// Indexes `figures` by id for find().
    void index_figures();

private:
    std::map<std::string, std::size_t, std::less<>> by_id_;
};

/// Reads a claims file's text (TOML; the format is docs/claims-format.md). Every problem is
/// a diagnostic with file, line and column: a syntax error, an unknown key, a duplicate id,
/// an unparseable amount, an unknown figure in a check, a relation without parts, ...
[[nodiscard]] std::expected<claims, std::vector<diagnostic>> read_claims(std::string_view text,
                                                                        std::string_view file_name);
/// Reads a claims file from disk.
[[nodiscard]] std::expected<claims, std::vector<diagnostic>> read_claims_file(
    const std::string& path);

/// The table the claims are checked with: the built-in rates (unless `builtin_rates` is
/// false), then the claims' rate files (relative to the claims file's folder), then its inline
/// quotes.
[[nodiscard]] std::expected<rate_table, std::vector<diagnostic>> rate_table_for(const claims& c);

/// The path of a file that a claims file names on line `line`: relative to the claims file's
/// folder (or `c.folder`), and refused (`outside-confinement`, without opening it) when the claims are
/// confined to a folder it lies outside of once `..` and symbolic links are resolved.
[[nodiscard]] std::expected<std::string, diagnostic> path_named_by(const claims& c, std::string_view file,
                                                                   std::size_t line);

/// Rate settings a caller puts over a claims file's own (the CLI's --rates, --policy, ...).
struct rate_settings {
    std::vector<std::string> files;  // added after the claims file's, relative to the caller
    bool no_builtin = false;
    std::optional<lookup_policy::kind> policy;
    std::optional<std::int32_t> max_age_days;
    std::optional<std::int32_t> window_days;
    std::optional<std::int32_t> nearby_days;
    std::optional<decimal> rate_tolerance;  // percent
};

/// Puts `s` over the settings of `c`.
void apply_rate_settings(claims& c, const rate_settings& s);

enum class verdict {
    consistent,
    consistent_within_rounding,
    consistent_at_nearby_rate,  // a conversion holds at a reference rate near the date, not its own
    inconsistent,
    unverifiable
};

[[nodiscard]] std::string_view to_string(verdict v);  // "consistent within rounding"

/// A figure brought into the check's unit.
struct converted_figure {
    const figure* source = nullptr;
    int weight = 1;
    decimal value;                          // exact, in the check's unit
    interval range;                         // in the check's unit
    std::optional<found_rate> rate;         // when it was converted at a reference rate
    const figure* stated_rate = nullptr;    // when it was converted at a rate the text states
};

/// Subsets of the document's figures that would make up a stated total.
struct explanation {
    struct subset {
        std::vector<std::string> ids;
        decimal total;
        decimal difference;  // stated total − this subset's sum
    };
    std::vector<subset> matching;  // sums within the total's interval
    std::vector<subset> nearest;   // when none matches: the closest sums
};

/// What a failed conversion's implied rate matches in the rate history: averages over calendar
/// periods ending on or before the document's date, then single days within a year before it.
/// It explains; it never changes the verdict.
struct rate_explanation {
    struct match {
        std::string period;      // "2023 average", "2023-03-14"
        date first;
        date last;
        decimal rate;            // the reference rate (a mean of daily rates for a period)
        decimal deviation_percent;  // implied against it
        bool holds = false;      // the figures' intervals allow this rate
    };
    unit base;                   // the rates are units of `quote` per `base`, as markets quote
    unit quote;
    interval implied;            // the rates the figures allow
    std::vector<match> periods;  // the closest period averages, those that hold first
    std::vector<match> days;     // the closest single days within a year before the date
    std::size_t days_searched = 0;
    std::size_t days_holding = 0;  // single days whose rate the figures allow
};

/// The outcome of one check, with the arithmetic that led to it.
struct check_result {
    const check_spec* spec = nullptr;
    crossfoot::verdict verdict = verdict::unverifiable;
    std::string summary;                    // one line a newcomer understands
    unit in;                                // the unit the arithmetic is done in
    std::optional<converted_figure> total;
    std::vector<converted_figure> parts;
    std::optional<decimal> parts_sum;       // exact Σ weight × part
    std::optional<interval> parts_range;
    std::optional<decimal> difference;      // total − Σ parts, exact
    std::optional<interval> remainder;      // includes: total − parts as an interval
    // converts: rates as markets quote the pair (market_pair: won per dollar, dollars per
    // euro), whichever figure is the total
    std::optional<decimal> implied_rate;       // what the two figures imply
    std::optional<decimal> reference_rate;     // the document's date's reference (or stated) rate
    std::optional<decimal> deviation_percent;  // implied against reference
    std::optional<decimal> nearby_low;      // consistent at a nearby rate: the reference rates
    std::optional<decimal> nearby_high;     // over the window, widened by the tolerance
    std::optional<rate_explanation> rate_explained;  // an inconsistent conversion
    std::optional<decimal> share_percent;   // share: part / total × 100
    std::optional<decimal> change_percent;  // change: (to − from) / from × 100, or to − from
                                            // in points between two percentages
    const figure* stated = nullptr;         // share, change: the percent figure checked
    std::optional<explanation> explained;   // inconsistent sums
    /// consistent within rounding: what allowed the difference, when the written digits alone
    /// do not: "'about' on signed_total", "the range of reference rates". Empty otherwise.
    std::vector<std::string> widened_by;
    std::string reason;                     // unverifiable: what was missing
};

/// All checks of a claims file, in file order.
struct check_report {
    const crossfoot::claims* claims = nullptr;
    std::vector<check_result> results;

    [[nodiscard]] std::size_t count(verdict v) const;
    [[nodiscard]] bool any_inconsistent() const { return count(verdict::inconsistent) > 0; }
};

/// Checks every relation of `c`, converting parts into the total's unit at the document's
/// date with `rates` and `c.policy`. A missing rate makes that check unverifiable: it is
/// never guessed. The report refers to `c`, which must outlive it.
[[nodiscard]] check_report run_checks(const claims& c, const rate_table& rates);

/// The report a newcomer reads at a glance: one line per check with its verdict, then the
/// arithmetic (exact sums, intervals, difference, rates with provenance). `color` adds ANSI
/// colours to the verdicts.
[[nodiscard]] std::string format_check_text(const check_report& report, bool color = false);
/// The same as JSON, schema in docs/claims-format.md ("crossfoot-check/1").
[[nodiscard]] std::string format_check_json(const check_report& report);

/// A report for the web page, with the visible text of the document it checks when that is
/// known (a document checked directly, or a claims file's `[document] text`).
struct checked_document {
    const check_report* report = nullptr;
    std::string text;
};

/// The reports as one self-contained web page (docs/report-html.md): no script, no request
/// for anything outside it, readable on a phone and in print. The count of each verdict, a
/// row per check with its verdict as a word and a colour, then each check drawn as SVG in its
/// unit with the exact arithmetic beside it, and the document's text with every figure marked
/// by the worst verdict of the checks it takes part in. Everything taken from input is
/// escaped.
[[nodiscard]] std::string format_check_html(const std::vector<checked_document>& documents);

}  // namespace crossfoot
