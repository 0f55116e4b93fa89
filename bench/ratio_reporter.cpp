// bench/ratio_reporter.cpp: ratios of time per item against a baseline of the same run.
// SPDX-License-Identifier: MIT
#include "ratio_reporter.hpp"

#include <cstdio>

namespace crossfoot::bench {

namespace {

std::string group_of(const std::string& name) { return name.substr(0, name.find('/')); }

}  // namespace

void ratio_reporter::ReportRuns(const std::vector<Run>& runs) {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
        // One figure per benchmark: the run itself, or the median of repetitions.
        const bool usable = run.run_type == Run::RT_Iteration || run.aggregate_name == "median";
        if (!usable || run.error_occurred) continue;
        const auto items = run.counters.find("items_per_second");
        if (items == run.counters.end() || items->second.value <= 0) continue;
        const std::string name = run.run_name.str();
        std::erase_if(results_, [&](const measured& m) { return m.name == name; });
        results_.push_back({name, 1e9L / items->second.value});
    }
}

void ratio_reporter::Finalize() {
    ConsoleReporter::Finalize();
    std::printf("\n%-40s %14s  %s\n", "benchmark", "ns per item", "ratio to baseline");
    for (const measured& m : results_) {
        const auto baseline_name = baselines_.find(group_of(m.name));
        const measured* baseline = nullptr;
        for (const measured& candidate : results_) {
            if (baseline_name != baselines_.end() && candidate.name == baseline_name->second)
                baseline = &candidate;
        }
        if (baseline == nullptr) {
            std::printf("%-40s %14.3Lf  (no baseline measured)\n", m.name.c_str(), m.ns_per_item);
            continue;
        }
        std::printf("%-40s %14.3Lf  %.2Lfx %s\n", m.name.c_str(), m.ns_per_item,
                    m.ns_per_item / baseline->ns_per_item, baseline->name.c_str());
    }
}

int run_with_ratios(int argc, char** argv, std::map<std::string, std::string> baselines) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    ratio_reporter reporter(std::move(baselines));
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}

}  // namespace crossfoot::bench
