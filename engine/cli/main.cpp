// engine/cli/main.cpp: the crossfoot command. It only wires CLI11 to the subcommands;
// every behaviour is a library call.
// SPDX-License-Identifier: MIT
#include "commands.hpp"

#include <CLI/CLI.hpp>

#include <exception>
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

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"crossfoot: exact, currency-aware sums and consistency checks", "crossfoot"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "crossfoot 0.1.0");
    crossfoot::cli::sum_options sum_options;
    add_sum(app, sum_options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : exit_usage;
    }
    try {
        if (app.got_subcommand("sum"))
            return crossfoot::cli::run_sum(sum_options, std::cin, std::cout, std::cerr);
        return exit_usage;
    } catch (const std::exception& e) {
        std::cerr << "crossfoot: internal error: " << e.what() << '\n';
        return exit_internal;
    }
}
