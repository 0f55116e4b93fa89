// engine/cli/main.cpp: the crossfoot command. It only wires CLI11 to the subcommands;
// every behaviour is a library call.
// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <unistd.h>
#include <iostream>

namespace {

constexpr int exit_usage = 2;
constexpr int exit_internal = 3;

void add_sum(CLI::App& app, crossfoot::cli::sum_options& options) {
    CLI::App* sum = app.add_subcommand(
        "sum", "Sum amounts exactly, per currency: arguments, files, or standard input");
    sum->add_option("amounts", options.amounts,
                    "Amounts as written, e.g. \"39.7 billion yuan\" \"US$1.16bn\"");
    sum->add_option("-f,--file", options.files, "Read one amount per line ('-' is stdin)");
    sum->add_option("-c,--default-currency", options.default_currency,
                    "ISO code for bare figures and for $ and ¥ (e.g. CNY)");
    sum->add_option("--format", options.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}));
}

void add_rate_options(CLI::App& command, crossfoot::cli::rate_options& options) {
    command.add_option("-r,--rates", options.files,
                       "Rate files (ECB CSV or date,base,quote,rate[,source]), after the built-in table");
    command.add_flag("--no-builtin-rates", options.no_builtin, "Leave out the built-in rates");
    command.add_option("--policy", options.policy, "Look-up policy")
        ->check(CLI::IsMember({"exact", "on-or-before", "window-average", "window-range"}))
        ->capture_default_str();
    command.add_option("--max-age", options.max_age_days, "on-or-before: oldest quote, in days")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command.add_option("--window", options.window_days, "window policies: days before the date")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    command.add_option("--digits", options.digits, "significant digits of derived rates")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
}

void add_convert(CLI::App& app, crossfoot::cli::convert_options& options) {
    CLI::App* convert = app.add_subcommand(
        "convert", "Convert an amount at a dated exchange rate, showing the rate's provenance");
    convert->add_option("amount", options.amount, "The amount as written, e.g. \"1.16 billion USD\"")
        ->required();
    convert->add_option("--to", options.to, "Target currency (ISO code)")->required();
    convert->add_option("--date", options.date, "Date of the rate, YYYY-MM-DD")->required();
    convert->add_option("-c,--default-currency", options.default_currency,
                        "ISO code for a bare figure and for $ and ¥");
    convert->add_flag("--round", options.round, "Also round to the target's minor units");
    convert->add_option("--rounding", options.rounding, "Rounding mode for --round")
        ->capture_default_str();
    CLI::Option* format = convert->add_option("--format", options.format, "Output format")
                              ->check(CLI::IsMember({"text", "json"}));
    convert->add_flag_callback("--json", [&options] { options.format = "json"; },
                               "The same as --format json")
        ->excludes(format);
    add_rate_options(*convert, options.rates);
}

void add_rates(CLI::App& app, crossfoot::cli::rates_options& options) {
    CLI::App* rates = app.add_subcommand(
        "rates", "List the rates a table gives for a pair, day by day (direct and derived)");
    rates->add_option("pair", options.pair, "BASE/QUOTE, e.g. USD/CNY")->required();
    rates->add_option("--from", options.from, "First date, YYYY-MM-DD")->required();
    rates->add_option("--to", options.to, "Last date, YYYY-MM-DD")->required();
    CLI::Option* format = rates->add_option("--format", options.format, "Output format")
                              ->check(CLI::IsMember({"text", "json"}));
    rates->add_flag_callback("--json", [&options] { options.format = "json"; },
                             "The same as --format json")
        ->excludes(format);
    add_rate_options(*rates, options.rates);
}

void add_check(CLI::App& app, crossfoot::cli::check_options& options) {
    CLI::App* check = app.add_subcommand(
        "check", "Check the totals a claims file states against their components");
    check->add_option("files", options.files,
                      "Claims files (*.toml), or documents (text, HTML, PDF) whose checks are drafted from their words")
        ->required()
        ->check(CLI::ExistingFile);
    check->add_option("--draft", options.draft, "Write the claims drafted from a document to this file");
    check->add_flag("--claims", options.claims, "Read every file as a claims file, whatever its name");
    check->add_option("--confine", options.confine,
                      "Refuse any file a claims file names outside this folder (claims from strangers)");
    check->add_option("-c,--default-currency", options.default_currency,
                      "Documents: ISO code for bare amounts with a scale and for $ and ¥");
    check->add_option("--date", options.date, "Documents: the document's date (YYYY, YYYY-MM or YYYY-MM-DD)");
    check->add_option("--max-document-bytes", options.max_document_bytes,
                      "Documents: the largest read, in bytes; a longer one is an error")
        ->capture_default_str();
    check->add_option("--format", options.format, "Output format")
        ->check(CLI::IsMember({"text", "json", "html"}));
    check->add_option("--color", options.color, "Colour the verdicts")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    check->add_option("-r,--rates", options.rate_files,
                      "Rate files (ECB CSV or date,base,quote,rate[,source]), after the claims file's");
    check->add_flag("--no-builtin-rates", options.no_builtin, "Leave out the built-in rates");
    check->add_option("--policy", options.policy, "Look-up policy, over the claims file's")
        ->check(CLI::IsMember({"exact", "on-or-before", "window-average", "window-range"}));
    check->add_option("--max-age", options.max_age_days, "on-or-before: oldest quote, in days")
        ->check(CLI::NonNegativeNumber);
    check->add_option("--window", options.window_days, "window policies: days before the date")
        ->check(CLI::NonNegativeNumber);
    check->add_option("--nearby-days", options.nearby_days,
                      "a nearby rate: days before the date (default 7)")
        ->check(CLI::NonNegativeNumber);
    check->add_option("--rate-tolerance", options.rate_tolerance,
                      "a nearby rate: percent around the nearby rates (default 0.5)");
}

void add_extract(CLI::App& app, crossfoot::cli::extract_options_cli& o) {
    CLI::App* command = app.add_subcommand(
        "extract", "Find every figure of a text, web page or PDF: amounts, counts, percentages, ranges, "
                   "changes, rates and dates");
    command->add_option("file", o.file, "The text ('-' is standard input)")->required();
    command->add_option("--draft", o.draft,
                        "Also write a claims file: every figure, and the checks the text's words propose");
    command->add_option("--format", o.format, "Output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    command->add_flag("--explain", o.explain, "Also list the numbers passed over, and why");
    command->add_option("-c,--default-currency", o.default_currency,
                        "ISO code for bare amounts with a scale and for $ and ¥");
    command->add_option("--date", o.date,
                        "The document's date (YYYY, YYYY-MM or YYYY-MM-DD), for dates that leave "
                        "out their year or month");
    command->add_option("--zhao-power", o.zhao_power, "兆 before a currency: 12 or 6")
        ->check(CLI::IsMember({6, 12}))
        ->capture_default_str();
    command->add_option("--max-document-bytes", o.max_document_bytes,
                        "The largest document read, in bytes; a longer one is an error")
        ->capture_default_str();
}

void add_aggregate(CLI::App& app, crossfoot::cli::aggregate_options_cli& o) {
    CLI::App* command = app.add_subcommand(
        "aggregate", "Exact totals per group and currency over CSV ledgers, optionally converted");
    command->add_option("files", o.files, "CSV files with a header; '-' is standard input")->required();
    command->add_option("--by", o.by, "Columns to group by, comma-separated");
    command->add_option("--amount", o.amount, "Amount column")->capture_default_str();
    command->add_option("--currency", o.currency, "Currency column")->capture_default_str();
    command->add_option("--currency-default", o.currency_default, "Currency of every row (no column)");
    command->add_option("--date", o.date, "Date column, for conversion")->capture_default_str();
    command->add_option("--to", o.to, "Convert into this currency at each row's date");
    command->add_option("--at", o.at, "Convert every row at this date instead, YYYY-MM-DD");
    command->add_option("--round", o.round, "Round each converted row, or the converted total")
        ->check(CLI::IsMember({"row", "total"}))
        ->capture_default_str();
    command->add_option("--format", o.format, "Output format")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    command->add_option("--threads", o.threads, "Threads (0: every core)")->capture_default_str();
    command->add_option("--max-record-bytes", o.max_record_bytes,
                        "The longest header or record, in bytes; one that runs on past it is an error")
        ->capture_default_str();
    command->add_option("--memory-limit", o.memory_limit,
                        "Memory for the groups, e.g. 512MiB (0: no limit; default: a quarter of physical memory); "
                        "past it, groups are written to disk and merged, exactly")
        ->transform(CLI::AsSizeValue(false));
    command->add_option("--spill-dir", o.spill_dir, "Where groups go past the memory limit (default: $TMPDIR or /tmp)");
    command->add_option("--rejects", o.rejects, "Write bad rows here with the reason, and go on");
    command->add_option("--partial", o.partial, "Also write the exact partial aggregate (JSON)");
    add_rate_options(*command, o.rates);
}

void add_merge(CLI::App& app, crossfoot::cli::merge_options& o) {
    CLI::App* command = app.add_subcommand("merge", "Combine partial aggregates (--partial files)");
    command->add_option("files", o.files, "Partial aggregates (JSON)")->required()->check(CLI::ExistingFile);
    command->add_option("--format", o.format, "Output format")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    command->add_option("--partial", o.partial, "Also write the merged partial aggregate (JSON)");
    command->add_option("--threads", o.threads, "Threads that write the report (0: every core)")->capture_default_str();
    command->add_option("--memory-limit", o.memory_limit,
                        "Memory for the groups, e.g. 512MiB (0: no limit; default: a quarter of physical memory); "
                        "past it, groups are written to disk and merged, exactly")
        ->transform(CLI::AsSizeValue(false));
    command->add_option("--spill-dir", o.spill_dir, "Where groups go past the memory limit (default: $TMPDIR or /tmp)");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"crossfoot: exact, currency-aware sums and consistency checks", "crossfoot"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "crossfoot 0.1.0");
    crossfoot::cli::sum_options sum_options;
    add_sum(app, sum_options);
    crossfoot::cli::convert_options convert_options;
    add_convert(app, convert_options);
    crossfoot::cli::rates_options rates_options;
    add_rates(app, rates_options);
    crossfoot::cli::check_options check_options;
    check_options.terminal = isatty(STDOUT_FILENO) != 0;
    add_check(app, check_options);
    crossfoot::cli::extract_options_cli extract_options;
    add_extract(app, extract_options);
    crossfoot::cli::aggregate_options_cli aggregate_options;
    aggregate_options.terminal = isatty(STDERR_FILENO) != 0;
    add_aggregate(app, aggregate_options);
    crossfoot::cli::merge_options merge_options;
    merge_options.terminal = isatty(STDERR_FILENO) != 0;
    add_merge(app, merge_options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : exit_usage;
    }
    try {
        if (app.got_subcommand("sum"))
            return crossfoot::cli::run_sum(sum_options, std::cin, std::cout, std::cerr);
        if (app.got_subcommand("aggregate"))
            return crossfoot::cli::run_aggregate(aggregate_options, std::cin, std::cout, std::cerr);
        if (app.got_subcommand("merge"))
            return crossfoot::cli::run_merge(merge_options, std::cout, std::cerr);
        if (app.got_subcommand("check"))
            return crossfoot::cli::run_check(check_options, std::cout, std::cerr);
        if (app.got_subcommand("extract"))
            return crossfoot::cli::run_extract(extract_options, std::cin, std::cout, std::cerr);
        if (app.got_subcommand("convert"))
            return crossfoot::cli::run_convert(convert_options, std::cout, std::cerr);
        if (app.got_subcommand("rates"))
            return crossfoot::cli::run_rates(rates_options, std::cout, std::cerr);
        return exit_usage;
    } catch (const std::exception& e) {
        std::cerr << "crossfoot: internal error: " << e.what() << '\n';
        return exit_internal;
    }
}
