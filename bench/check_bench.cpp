// bench/check_bench.cpp: checking a generated claims file with 10^4 figures and 10^4 checks.
// The baseline is reading the same text with toml++ alone, measured in the same run.
// SPDX-License-Identifier: MIT
#include "ratio_reporter.hpp"

#include <crossfoot/check.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdint>
#include <random>
#include <string>

namespace {

constexpr int groups = 2'500;  // 4 figures and 4 checks each: 10^4 of both

// Each group: three parts (one in USD), and a total stated consistently, within rounding,
// or wrongly (one group in ten), with sum, includes, converts and share checks over them.
std::string generate() {
    std::mt19937_64 random(20240927);
    std::string figures;
    std::string checks;
    for (int g = 0; g < groups; ++g) {
        const auto a = static_cast<std::int64_t>(random() % 9'000 + 1'000);  // tens of millions
        const auto b = static_cast<std::int64_t>(random() % 9'000 + 1'000);
        const auto usd = static_cast<std::int64_t>(random() % 900 + 100);
        // In yuan: a and b are in units of 10^4 yuan; USD→CNY on 2024-09-27 is 7.0111131...
        const std::int64_t yuan = (a + b) * 10'000 + usd * 7'011'113;
        const std::int64_t wrong = g % 10 == 9 ? 5'000'000 : 0;  // one group in ten
        const std::int64_t stated = (yuan + wrong) / 100;         // in units of 100 yuan
        figures += fmt::format("a{0} = {{ text = \"{1}.{2:02} million yuan\" }}\n", g, a / 100, a % 100);
        figures += fmt::format("b{0} = {{ text = \"{1}.{2:02} million yuan\" }}\n", g, b / 100, b % 100);
        figures += fmt::format("u{0} = {{ text = \"US${1} million\" }}\n", g, usd);
        figures += fmt::format("t{0} = {{ text = \"{1}.{2:04} million yuan\" }}\n", g,
                               stated / 10'000, stated % 10'000);
        checks += fmt::format("[[checks]]\nid = \"sum{0}\"\nrelation = \"sum\"\ntotal = \"t{0}\"\n"
                              "parts = [\"a{0}\", \"b{0}\", \"u{0}\"]\n\n", g);
        checks += fmt::format("[[checks]]\nid = \"inc{0}\"\nrelation = \"includes\"\ntotal = \"t{0}\"\n"
                              "parts = [\"a{0}\", \"u{0}\"]\n\n", g);
        checks += fmt::format("[[checks]]\nid = \"diff{0}\"\nrelation = \"sum\"\ntotal = \"a{0}\"\n"
                              "parts = [\"t{0}\", \"-b{0}\", \"-u{0}\"]\n\n", g);
        checks += fmt::format("[[checks]]\nid = \"share{0}\"\nrelation = \"share\"\ntotal = \"t{0}\"\n"
                              "parts = [\"a{0}\"]\npercent = \"{1}\"\n\n", g, a * 1'000'000 / yuan);
    }
    return "[document]\ntitle = \"generated\"\ndate = 2024-09-27\ncurrency = \"CNY\"\n\n"
           "[figures]\n" + figures + "\n" + checks;
}

const std::string& claims_text() {
    static const std::string text = generate();
    return text;
}

void toml_parse_only(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(toml::parse(claims_text()));
    state.SetItemsProcessed(state.iterations());
}

void read_claims_only(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(crossfoot::read_claims(claims_text(), "generated.toml"));
    state.SetItemsProcessed(state.iterations());
}

void read_and_check(benchmark::State& state) {
    std::size_t inconsistent = 0;
    for (auto _ : state) {
        const auto claims = crossfoot::read_claims(claims_text(), "generated.toml");
        const auto rates = crossfoot::rate_table_for(*claims);
        const auto report = crossfoot::run_checks(*claims, *rates);
        inconsistent = report.count(crossfoot::verdict::inconsistent);
        benchmark::DoNotOptimize(report);
    }
    state.counters["inconsistent"] = static_cast<double>(inconsistent);
    state.SetItemsProcessed(state.iterations());
}

void read_check_and_report(benchmark::State& state) {
    for (auto _ : state) {
        const auto claims = crossfoot::read_claims(claims_text(), "generated.toml");
        const auto rates = crossfoot::rate_table_for(*claims);
        const auto report = crossfoot::run_checks(*claims, *rates);
        benchmark::DoNotOptimize(crossfoot::format_check_text(report));
    }
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(toml_parse_only)->Name("claims/toml_parse_only")->Unit(benchmark::kMillisecond);
BENCHMARK(read_claims_only)->Name("claims/read_claims")->Unit(benchmark::kMillisecond);
BENCHMARK(read_and_check)->Name("claims/read_and_check")->Unit(benchmark::kMillisecond);
BENCHMARK(read_check_and_report)->Name("claims/read_check_and_text_report")->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    return crossfoot::bench::run_with_ratios(argc, argv, {{"claims", "claims/toml_parse_only"}});
}
