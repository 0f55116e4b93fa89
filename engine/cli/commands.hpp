// engine/cli/commands.hpp: the CLI's subcommands, each taking its streams as parameters so
// that tests need no process. Exit codes: 0 fine, 1 inconsistent, 2 bad input or usage.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/document.hpp>
#include <crossfoot/extract.hpp>
#include <crossfoot/rates.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace crossfoot::cli {

struct sum_options {
    std::vector<std::string> amounts;  // given on the command line
    std::vector<std::string> files;    // one amount per line; "-" is standard input
    std::string default_currency;      // ISO code; empty: none
    std::string format = "text";       // text | json
};

/// `crossfoot sum`: reads the arguments, else the files, else standard input.
int run_sum(const sum_options& options, std::istream& in, std::ostream& out, std::ostream& err);

/// Where rates come from and how they are looked up; shared by convert and rates.
struct rate_options {
    std::vector<std::string> files;  // CSV files, added after the built-in table
    bool no_builtin = false;
    std::string policy = "on-or-before";
    int max_age_days = 7;
    int window_days = 7;
    int digits = 12;
};

/// Prints each diagnostic in the GCC form with its caret line.
void print_diagnostics(std::ostream& err, const std::vector<diagnostic>& diagnostics);

/// The built-in table (unless left out), then each rate file; prints every diagnostic and
/// gives nothing when a file is bad. Shared by convert, rates and aggregate.
std::optional<rate_table> load_rate_table(const rate_options& options, std::ostream& err);

struct convert_options {
    std::string amount;
    std::string to;
    std::string date;
    std::string default_currency;
    bool round = false;  // to the target currency's minor units
    std::string rounding = "half_even";
    std::string format = "text";
    rate_options rates;
};

/// `crossfoot convert`: an amount into another currency at a dated rate, with provenance.
int run_convert(const convert_options& options, std::ostream& out, std::ostream& err);

struct rates_options {
    std::string pair;  // "USD/CNY"
    std::string from;
    std::string to;
    std::string format = "text";
    rate_options rates;
};

/// `crossfoot rates`: the rates a table gives for a pair, day by day.
int run_rates(const rates_options& options, std::ostream& out, std::ostream& err);

struct check_options {
    std::vector<std::string> files;
    std::string format = "text";  // text | json
    std::string color = "auto";   // auto | always | never
    bool terminal = false;        // standard output is a terminal (for --color auto)
    // Put over each claims file's [rates]; unset ones leave the file's settings.
    std::vector<std::string> rate_files;
    bool no_builtin = false;
    std::optional<std::string> policy;
    std::optional<int> max_age_days;
    std::optional<int> window_days;
    std::optional<int> nearby_days;
    std::optional<std::string> rate_tolerance;  // a percentage, as a decimal string
    // Documents (any file that is not *.toml, unless --claims): the draft is written here.
    std::string draft;
    bool claims = false;                 // every file is a claims file, whatever its name
    std::string confine;                 // claims files may name files only inside this folder
    std::string default_currency;        // for documents: bare amounts, $ and ¥
    std::string date;                    // for documents: YYYY[-MM[-DD]]
    std::size_t max_document_bytes = default_max_document_bytes;
};

/// The library's extract options from the command line's; nothing (and a message) when a code
/// or date is bad.
std::optional<extract_options> extract_settings(const std::string& default_currency, int zhao_power,
                                                const std::string& date, std::ostream& err);

/// `crossfoot check`: 0 nothing inconsistent, 1 something inconsistent, 2 bad input.
int run_check(const check_options& options, std::ostream& out, std::ostream& err);

struct extract_options_cli {
    std::string file;                  // '-' is standard input
    std::string format = "text";       // text | json
    bool explain = false;              // list the numbers passed over, and why
    std::string default_currency;      // ISO code for bare amounts and $ and ¥
    int zhao_power = 12;
    std::string date;                  // the document's date: YYYY[-MM[-DD]]; empty: none
    std::string draft;                 // write a drafted claims file here; empty: none
    std::size_t max_document_bytes = default_max_document_bytes;
};

/// `crossfoot extract`: 0 read, 2 bad input (a missing, empty or non-UTF-8 file).
int run_extract(const extract_options_cli& options, std::istream& in, std::ostream& out,
                std::ostream& err);

struct aggregate_options_cli {
    std::vector<std::string> files;  // "-" is standard input
    std::string by;                  // comma-separated column names
    std::string amount = "amount";
    std::string currency = "currency";
    std::string currency_default;
    std::string date = "date";
    std::string to;                  // target currency
    std::string at;                  // a fixed date for every row's conversion
    std::string round = "row";       // row | total
    std::string format = "table";    // table | csv | json
    unsigned threads = 0;            // 0: every core
    std::size_t max_record_bytes = std::size_t{8} << 20U;  // the longest header or record
    std::optional<std::size_t> memory_limit;  // the groups' tables; none: the library's default
    std::string spill_dir;           // where groups go past it; empty: $TMPDIR or /tmp
    std::string rejects;             // file for bad rows; empty: stop at the first
    std::string partial;             // write the partial aggregate here
    bool terminal = false;           // standard error is a terminal: show progress
    rate_options rates;
};

/// `crossfoot aggregate`: exact totals per group and currency over CSV ledgers.
int run_aggregate(const aggregate_options_cli& options, std::istream& in, std::ostream& out,
                  std::ostream& err);

struct merge_options {
    std::vector<std::string> files;
    std::string format = "table";
    std::string partial;
    unsigned threads = 0;  // that write the report; 0: every core
    std::optional<std::size_t> memory_limit;  // the groups' tables; none: the library's default
    std::string spill_dir;
    bool terminal = false;  // standard error is a terminal: show progress
};

/// `crossfoot merge`: combines partial aggregates into one.
int run_merge(const merge_options& options, std::ostream& out, std::ostream& err);

}  // namespace crossfoot::cli
