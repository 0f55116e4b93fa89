// engine/cli/commands.hpp: the CLI's subcommands, each taking its streams as parameters so
// that tests need no process. Exit codes: 0 fine, 1 inconsistent, 2 bad input or usage.
// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
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

}  // namespace crossfoot::cli
