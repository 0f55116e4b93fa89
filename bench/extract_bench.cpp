// bench/extract_bench.cpp: crossfoot::extract over a generated 100 MB text in English,
// Chinese and Japanese with the density of figures of a press release (one figure in about
// 150 bytes), against a plain scan of the same bytes (counting the digits and CJK numerals a
// scanner must at least look at), measured in the same run. MB/s per core: one thread.
// SPDX-License-Identifier: MIT
#include "ratio_reporter.hpp"

#include <crossfoot/extract.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace {

// Sentences written for the benchmark, as press releases word them; {} marks where the
// generator puts a number.
constexpr std::array<std::string_view, 12> sentences = {
    "The group signed {} projects with a total investment of {}.{} billion yuan this week. ",
    "Foreign-funded projects account for about {}.{}% of the total, the organisers said. ",
    "Revenue rose {}.{}% year on year to US${} million in the quarter ended in June. ",
    "The city plans to attract between {} and {} billion euros of new capital by 2030. ",
    "A further fund of {} million yuan was launched to support start-ups in the region. ",
    "全市新签约项目{}个，总投资约{}.{}亿元人民币，其中外资项目超过{}亿美元。",
    "一季度地区生产总值同比增长{}.{}%，比上年同期提高{}.{}个百分点。",
    "该基金规模为{}亿元至{}亿元，将重点投向新能源和智能制造领域。",
    "同社は総額{}億{}千万ドルの投資を発表し、国内で{}社と提携する。",
    "売上高は前年比{}.{}%増の{}兆{}億円となり、過去最高を更新した。",
    "Officials said {} companies from {} countries took part in the two-day event. ",
    "The exchange rate was taken at {}.{} yuan to the dollar for the translation. ",
};

std::string generate(std::size_t bytes) {
    std::mt19937_64 random(20240927);
    std::string out;
    out.reserve(bytes + 256);
    std::size_t line = 0;
    while (out.size() < bytes) {
        const std::string_view s = sentences[random() % sentences.size()];
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '}') {
                out += std::to_string(random() % 900 + 10);
                ++i;
            } else {
                out += s[i];
            }
        }
        // Plain prose between the figures, as a release has.
        out += "The conference brought together experts, investors and officials to discuss "
               "cooperation, innovation and the development of the industry over the coming "
               "years. ";
        if (++line % 4 == 0) out += '\n';
    }
    return out;
}

const std::string& text() {
    static const std::string t = generate(std::size_t{100} << 20U);
    return t;
}

// The baseline: one pass over the bytes that finds every place a number may begin.
void plain_scan(benchmark::State& state) {
    const std::string& t = text();
    for (auto _ : state) {
        std::size_t starts = 0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const auto c = static_cast<unsigned char>(t[i]);
            starts += (c >= '0' && c <= '9') || c >= 0xE3U ? 1U : 0U;
        }
        benchmark::DoNotOptimize(starts);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
}

void extract_figures(benchmark::State& state) {
    const std::string& t = text();
    std::size_t mentions = 0;
    for (auto _ : state) {
        const auto e = crossfoot::extract(t);
        mentions = e ? e->mentions.size() : 0;
        benchmark::DoNotOptimize(mentions);
    }
    state.counters["mentions"] = static_cast<double>(mentions);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t.size()));
}

}  // namespace

BENCHMARK(plain_scan)->Name("text/plain_scan")->Unit(benchmark::kMillisecond);
BENCHMARK(extract_figures)->Name("text/extract")->Unit(benchmark::kMillisecond)->Iterations(1);

int main(int argc, char** argv) {
    return crossfoot::bench::run_with_ratios(argc, argv, {{"text", "text/plain_scan"}});
}
