// bench/ratio_reporter.hpp: Google Benchmark's console output, then a table of each
// benchmark's time per item against a named baseline of the same run.
// SPDX-License-Identifier: MIT
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace crossfoot::bench {

/// Groups are the part of a benchmark's name before the first '/': "sum/decimal" is in the
/// group "sum"; each group names its baseline ("sum" → "sum/int128_raw").
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    explicit ratio_reporter(std::map<std::string, std::string> baselines)
        : baselines_(std::move(baselines)) {}

    void ReportRuns(const std::vector<Run>& runs) override;
    void Finalize() override;

private:
    struct measured {
        std::string name;
        long double ns_per_item = 0;  // a timing, never a value: ratios are for display
    };
    std::map<std::string, std::string> baselines_;
    std::vector<measured> results_;
};

/// Runs the registered benchmarks with the ratio table at the end.
int run_with_ratios(int argc, char** argv, std::map<std::string, std::string> baselines);

}  // namespace crossfoot::bench
