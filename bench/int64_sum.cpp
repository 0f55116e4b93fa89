// bench/int64_sum.cpp: the floor for T1, a hand-written single-threaded parse-and-sum:
// `int64_sum LEDGER.csv` prints region,currency,total like the T1 reference.
//
// It knows the generated ledger's exact layout (id,date,region,sector,currency,amount, no
// quotes, regions R00..R29, six currencies, at most 18 digits), checks none of it beyond
// that, and sums the amounts as int64 counts of minor units: what a program written for
// this one file, and nothing else, would do.
// SPDX-License-Identifier: MIT
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

namespace {

constexpr std::array<std::string_view, 6> codes = {"CNY", "EUR", "HKD", "JPY", "KRW", "USD"};
constexpr std::array<int, 6> minor_units = {2, 2, 2, 0, 0, 2};

int currency_index(const char* p) {
    for (std::size_t i = 0; i < codes.size(); ++i) {
        if (std::memcmp(p, codes[i].data(), 3) == 0) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: int64_sum LEDGER.csv\n");
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary | std::ios::ate);
    std::string text(static_cast<std::size_t>(file.tellg()), '\0');
    file.seekg(0);
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    std::array<std::array<std::int64_t, 6>, 30> totals{};
    const char* p = text.data() + text.find('\n') + 1;
    const char* const end = text.data() + text.size();
    while (p < end) {
        for (int comma = 0; comma < 2; ++comma) p = static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p))) + 1;
        const int region = (p[1] - '0') * 10 + (p[2] - '0');  // "R07"
        p += 4 + 4;                                            // region and sector
        const int currency = currency_index(p);
        p += 4;
        bool negative = *p == '-';
        if (negative) ++p;
        std::int64_t value = 0;
        for (; p < end && *p != '\n'; ++p) {
            if (*p != '.') value = value * 10 + (*p - '0');
        }
        ++p;
        totals[static_cast<std::size_t>(region)][static_cast<std::size_t>(currency)] += negative ? -value : value;
    }
    std::printf("region,currency,total\n");
    for (std::size_t r = 0; r < totals.size(); ++r) {
        for (std::size_t c = 0; c < codes.size(); ++c) {
            const std::int64_t v = totals[r][c];
            if (v == 0) continue;
            const std::int64_t scale = minor_units[c] == 2 ? 100 : 1;
            if (scale == 1) {
                std::printf("R%02zu,%s,%lld\n", r, codes[c].data(), static_cast<long long>(v));
            } else {
                std::printf("R%02zu,%s,%s%lld.%02lld\n", r, codes[c].data(), v < 0 ? "-" : "",
                            static_cast<long long>((v < 0 ? -v : v) / scale),
                            static_cast<long long>((v < 0 ? -v : v) % scale));
            }
        }
    }
    return 0;
}
