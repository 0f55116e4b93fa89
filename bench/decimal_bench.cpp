// bench/decimal_bench.cpp: summing 10^7 amounts with crossfoot's decimal against a raw
// __int128 loop (the floor), Boost cpp_int and cpp_dec_float_50; parsing throughput of
// decimals and written amounts against std::from_chars.
// SPDX-License-Identifier: MIT
#include "ratio_reporter.hpp"

#include <crossfoot/amount.hpp>
#include <crossfoot/decimal.hpp>

#include <benchmark/benchmark.h>
#include <boost/multiprecision/cpp_dec_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include <charconv>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

__extension__ using int128 = __int128;
using dec_float_50 = boost::multiprecision::cpp_dec_float_50;
using boost::multiprecision::cpp_int;

constexpr std::size_t ledger_size = 10'000'000;
constexpr std::size_t cache_block = 10'000;  // 240 KB of decimals: stays in L2
constexpr std::uint64_t seed = 20240927;

// Amounts in cents: up to a billion in either sign, two decimals, as a ledger holds them.
const std::vector<std::int64_t>& cents(std::size_t n) {
    static std::vector<std::int64_t> values;
    if (values.size() != n) {
        std::mt19937_64 random(seed);
        std::uniform_int_distribution<std::int64_t> pick(-100'000'000'000, 100'000'000'000);
        values.resize(n);
        for (auto& v : values) v = pick(random);
    }
    return values;
}

std::vector<std::string> cents_text(std::size_t n) {
    std::vector<std::string> out;
    for (const std::int64_t c : cents(n)) {
        std::string digits = std::to_string(c < 0 ? -c : c);
        if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
        digits.insert(digits.size() - 2, ".");
        out.push_back((c < 0 ? "-" : "") + digits);
    }
    return out;
}

template <class Number, class Make>
std::vector<Number> make_values(std::size_t n, Make make) {
    std::vector<Number> out;
    out.reserve(n);
    for (const std::int64_t c : cents(n)) out.push_back(make(c));
    return out;
}

void set_items(benchmark::State& state, std::size_t per_iteration) {
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(per_iteration));
}

// crossfoot::sum over the whole column, `passes` times.
void kernel_loop(benchmark::State& state, const std::vector<crossfoot::decimal>& values,
                 std::size_t passes) {
    for (auto _ : state) {
        crossfoot::decimal total;
        for (std::size_t pass = 0; pass < passes; ++pass) total += crossfoot::sum(values);
        benchmark::DoNotOptimize(total);
    }
    set_items(state, values.size() * passes);
}

template <class Number>
void sum_loop(benchmark::State& state, const std::vector<Number>& values, std::size_t passes) {
    for (auto _ : state) {
        Number total{};
        for (std::size_t pass = 0; pass < passes; ++pass) {
            for (const Number& v : values) total += v;
        }
        benchmark::DoNotOptimize(total);
    }
    set_items(state, values.size() * passes);
}

crossfoot::decimal decimal_cents(std::int64_t c) { return crossfoot::decimal::scaled(c, -2); }

// 10^7 distinct amounts: reads the whole column each pass, as a ledger sum does.
void sum_int128_raw(benchmark::State& state) {
    static const auto values = make_values<int128>(ledger_size, [](std::int64_t c) { return int128{c}; });
    sum_loop(state, values, 1);
}
const std::vector<crossfoot::decimal>& ledger_decimals() {
    static const auto values = make_values<crossfoot::decimal>(ledger_size, decimal_cents);
    return values;
}
void sum_decimal_operator(benchmark::State& state) { sum_loop(state, ledger_decimals(), 1); }
void sum_decimal_sum(benchmark::State& state) { kernel_loop(state, ledger_decimals(), 1); }
void sum_cpp_int(benchmark::State& state) {
    static const auto values = make_values<cpp_int>(ledger_size, [](std::int64_t c) { return cpp_int(c); });
    sum_loop(state, values, 1);
}
void sum_cpp_dec_float_50(benchmark::State& state) {
    static const auto values =
        make_values<dec_float_50>(ledger_size, [](std::int64_t c) { return dec_float_50(c) / 100; });
    sum_loop(state, values, 1);
}
// Mixed exponents (whole units and cents): every add rescales one side.
const std::vector<crossfoot::decimal>& mixed_decimals() {
    static const auto values = make_values<crossfoot::decimal>(ledger_size, [](std::int64_t c) {
        return c % 2 == 0 ? crossfoot::decimal(c / 100) : decimal_cents(c);
    });
    return values;
}
void sum_mixed_operator(benchmark::State& state) { sum_loop(state, mixed_decimals(), 1); }
void sum_mixed_sum(benchmark::State& state) { kernel_loop(state, mixed_decimals(), 1); }

// The same number of additions over a block that stays in cache: the arithmetic alone.
void in_cache_int128_raw(benchmark::State& state) {
    static const auto values = make_values<int128>(cache_block, [](std::int64_t c) { return int128{c}; });
    sum_loop(state, values, ledger_size / cache_block);
}
const std::vector<crossfoot::decimal>& block_decimals() {
    static const auto values = make_values<crossfoot::decimal>(cache_block, decimal_cents);
    return values;
}
void in_cache_decimal_operator(benchmark::State& state) {
    sum_loop(state, block_decimals(), ledger_size / cache_block);
}
void in_cache_decimal_sum(benchmark::State& state) {
    kernel_loop(state, block_decimals(), ledger_size / cache_block);
}

void parse_from_chars_int64(benchmark::State& state) {
    static const auto texts = cents_text(100'000);
    for (auto _ : state) {
        for (const std::string& t : texts) {
            // The same digits without the point: the floor for reading a number.
            std::int64_t whole = 0;
            std::int64_t fraction = 0;
            const auto point = t.find('.');
            std::from_chars(t.data(), t.data() + point, whole);
            std::from_chars(t.data() + point + 1, t.data() + t.size(), fraction);
            benchmark::DoNotOptimize(whole);
            benchmark::DoNotOptimize(fraction);
        }
    }
    set_items(state, texts.size());
}
void parse_decimal(benchmark::State& state) {
    static const auto texts = cents_text(100'000);
    for (auto _ : state) {
        for (const std::string& t : texts) benchmark::DoNotOptimize(crossfoot::decimal::parse(t));
    }
    set_items(state, texts.size());
}
void parse_amount_written(benchmark::State& state) {
    static const std::vector<std::string> texts = [] {
        const char* forms[] = {"39.7 billion yuan", "US$1.16bn", "1,234,567.89 EUR",
                               "50亿元人民币",     "RMB 5 bn",  "-3.5 million CNY",
                               "€2.5m",             "42 projects"};
        std::vector<std::string> out;
        for (int i = 0; i < 12'500; ++i) {
            for (const char* f : forms) out.emplace_back(f);
        }
        return out;
    }();
    for (auto _ : state) {
        for (const std::string& t : texts) benchmark::DoNotOptimize(crossfoot::parse_amount(t));
    }
    set_items(state, texts.size());
}

}  // namespace

BENCHMARK(sum_int128_raw)->Name("sum/int128_raw")->Unit(benchmark::kMillisecond);
BENCHMARK(sum_decimal_sum)->Name("sum/decimal_sum")->Unit(benchmark::kMillisecond);
BENCHMARK(sum_decimal_operator)->Name("sum/decimal_operator")->Unit(benchmark::kMillisecond);
BENCHMARK(sum_mixed_sum)->Name("sum/mixed_exponents_sum")->Unit(benchmark::kMillisecond);
BENCHMARK(sum_mixed_operator)->Name("sum/mixed_exponents_operator")->Unit(benchmark::kMillisecond);
BENCHMARK(sum_cpp_int)->Name("sum/cpp_int")->Unit(benchmark::kMillisecond);
BENCHMARK(sum_cpp_dec_float_50)->Name("sum/cpp_dec_float_50")->Unit(benchmark::kMillisecond);
BENCHMARK(in_cache_int128_raw)->Name("in_cache/int128_raw")->Unit(benchmark::kMillisecond);
BENCHMARK(in_cache_decimal_sum)->Name("in_cache/decimal_sum")->Unit(benchmark::kMillisecond);
BENCHMARK(in_cache_decimal_operator)->Name("in_cache/decimal_operator")->Unit(benchmark::kMillisecond);
BENCHMARK(parse_from_chars_int64)->Name("parse/from_chars_int64")->Unit(benchmark::kMillisecond);
BENCHMARK(parse_decimal)->Name("parse/decimal")->Unit(benchmark::kMillisecond);
BENCHMARK(parse_amount_written)->Name("parse/amount_written")->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
    return crossfoot::bench::run_with_ratios(
        argc, argv,
        {{"sum", "sum/int128_raw"},
         {"in_cache", "in_cache/int128_raw"},
         {"parse", "parse/from_chars_int64"}});
}
