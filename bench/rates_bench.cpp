// bench/rates_bench.cpp: loading the ECB's full rate history, and 10^6 look-ups that need
// triangulation through EUR. The loading baseline, Python's csv + decimal, is measured in
// the same run by bench/run-rates-bench.
// SPDX-License-Identifier: MIT
#include "ratio_reporter.hpp"

#include <crossfoot/rates.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::string ecb_path = CROSSFOOT_SHARED_DIR "/data/rates/eurofxref-hist.csv";

const std::string& ecb_text() {
    static const std::string text = [] {
        std::ifstream file(ecb_path, std::ios::binary);
        std::stringstream buffer;
        buffer << file.rdbuf();
        return buffer.str();
    }();
    return text;
}

// Reads the file from memory, as Python's baseline does after its first read.
void load_read(benchmark::State& state) {
    if (ecb_text().empty()) return state.SkipWithError("ECB history absent: ../shared not found");
    std::size_t quotes = 0;
    for (auto _ : state) {
        std::istringstream in(ecb_text());
        auto read = crossfoot::read_rates_csv(in, "eurofxref-hist.csv");
        quotes = read->size();
        benchmark::DoNotOptimize(read);
    }
    state.counters["quotes"] = static_cast<double>(quotes);
    state.SetItemsProcessed(state.iterations());
}

void load_read_and_index(benchmark::State& state) {
    if (ecb_text().empty()) return state.SkipWithError("ECB history absent: ../shared not found");
    for (auto _ : state) {
        std::istringstream in(ecb_text());
        auto read = crossfoot::read_rates_csv(in, "eurofxref-hist.csv");
        crossfoot::rate_table table;
        benchmark::DoNotOptimize(table.add(*read));
    }
    state.SetItemsProcessed(state.iterations());
}

const crossfoot::rate_table& ecb_table() {
    static const crossfoot::rate_table table = [] {
        std::istringstream in(ecb_text());
        crossfoot::rate_table t;
        (void)t.add(crossfoot::read_rates_csv(in, "eurofxref-hist.csv").value());
        return t;
    }();
    return table;
}

struct request {
    crossfoot::unit from;
    crossfoot::unit to;
    crossfoot::date on;
};

// 10^6 look-ups between non-euro currencies on random days of 2010..2024: each needs two
// legs through EUR and one division.
const std::vector<request>& requests() {
    static const std::vector<request> list = [] {
        const char* codes[] = {"USD", "JPY", "KRW", "CNY", "HKD", "GBP"};
        std::mt19937_64 random(20240927);
        std::vector<request> out;
        const std::chrono::sys_days first{std::chrono::year{2010} / 1 / 1};
        for (int i = 0; i < 1'000'000; ++i) {
            const auto a = random() % 6;
            const auto b = (a + 1 + random() % 5) % 6;
            const auto day = first + std::chrono::days{static_cast<int>(random() % 5479)};
            out.push_back({crossfoot::unit::currency(codes[a]).value(),
                           crossfoot::unit::currency(codes[b]).value(), crossfoot::date{day}});
        }
        return out;
    }();
    return list;
}

void lookup_triangulated(benchmark::State& state) {
    if (ecb_text().empty()) return state.SkipWithError("ECB history absent: ../shared not found");
    const crossfoot::lookup_policy policy;
    const auto& table = ecb_table();
    std::size_t found = 0;
    for (auto _ : state) {
        for (const request& r : requests()) found += table.find(r.from, r.to, r.on, policy).has_value();
    }
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(requests().size()));
}

void lookup_direct(benchmark::State& state) {
    if (ecb_text().empty()) return state.SkipWithError("ECB history absent: ../shared not found");
    crossfoot::lookup_policy policy;
    const auto& table = ecb_table();
    const crossfoot::unit euro = crossfoot::unit::currency("EUR").value();
    std::size_t found = 0;
    for (auto _ : state) {
        for (const request& r : requests()) found += table.find(euro, r.to, r.on, policy).has_value();
    }
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(requests().size()));
}

}  // namespace

BENCHMARK(load_read)->Name("load/read_csv")->Unit(benchmark::kMillisecond);
BENCHMARK(load_read_and_index)->Name("load/read_and_index")->Unit(benchmark::kMillisecond);
BENCHMARK(lookup_direct)->Name("lookup/direct_eur")->Unit(benchmark::kMillisecond);
BENCHMARK(lookup_triangulated)->Name("lookup/triangulated")->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    return crossfoot::bench::run_with_ratios(
        argc, argv, {{"load", "load/read_csv"}, {"lookup", "lookup/direct_eur"}});
}
