// bench/gen_ledger.cpp: a deterministic ledger of commitments for the aggregation
// benchmarks: `gen_ledger ROWS [csv|ledger|beancount] [SEED]`, to standard output.
//
// CSV columns: id,date,region,sector,currency,amount. 30 regions, 12 sectors, 6 currencies
// (CNY, USD, EUR, KRW, JPY, HKD), amounts written with each currency's minor units, dates
// on the 2024 business days (Monday to Friday) of 2024-01-02 .. 2024-12-31.
// SPDX-License-Identifier: MIT
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct currency {
    std::string_view code;
    int minor_units;
    std::int64_t max_units;  // largest amount, in whole units
};

constexpr std::array<currency, 6> currencies = {{{"CNY", 2, 50'000'000},
                                                 {"USD", 2, 7'000'000},
                                                 {"EUR", 2, 6'000'000},
                                                 {"KRW", 0, 9'000'000'000},
                                                 {"JPY", 0, 1'000'000'000},
                                                 {"HKD", 2, 55'000'000}}};

std::vector<std::string> business_days_2024() {
    using namespace std::chrono;
    std::vector<std::string> out;
    for (sys_days d = sys_days{2024y / January / 2}; d <= sys_days{2024y / December / 31}; d += days{1}) {
        const weekday w{d};
        if (w == Saturday || w == Sunday) continue;
        const year_month_day ymd{d};
        const auto two = [](unsigned n) { return std::string{char('0' + n / 10), char('0' + n % 10)}; };
        out.push_back("2024-" + two(static_cast<unsigned>(ymd.month())) + "-" +
                      two(static_cast<unsigned>(ymd.day())));
    }
    return out;
}

// "1234567" with 2 minor units → "12345.67".
std::string amount_text(std::int64_t minor, int minor_units) {
    std::string digits = std::to_string(minor);  // positive
    const auto units = static_cast<std::size_t>(minor_units);
    if (units == 0) return digits;
    if (digits.size() <= units) digits = std::string(units + 1 - digits.size(), '0') + digits;
    return digits.substr(0, digits.size() - units) + "." + digits.substr(digits.size() - units);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: gen_ledger ROWS [csv|ledger|beancount] [SEED]\n");
        return 2;
    }
    const long long rows = std::atoll(argv[1]);
    const std::string_view form = argc > 2 ? argv[2] : "csv";
    std::mt19937_64 random(argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 20240927ULL);
    const auto days = business_days_2024();
    std::vector<char> buffer(1 << 20);
    std::setvbuf(stdout, buffer.data(), _IOFBF, buffer.size());
    if (form == "csv") std::fputs("id,date,region,sector,currency,amount\n", stdout);
    if (form == "beancount") {
        // Commitments is not one of beancount's root accounts unless it is named one.
        std::fputs("option \"name_expenses\" \"Commitments\"\noption \"operating_currency\" \"CNY\"\n"
                   "2024-01-01 open Assets:Pool\n", stdout);
        for (int r = 0; r < 30; ++r) std::printf("2024-01-01 open Commitments:R%02d\n", r);
    }
    for (long long i = 1; i <= rows; ++i) {
        const auto region = static_cast<int>(random() % 30);
        const auto sector = static_cast<int>(random() % 12);
        const currency& c = currencies[random() % currencies.size()];
        const std::string& day = days[random() % days.size()];
        std::int64_t scale = 1;
        for (int k = 0; k < c.minor_units; ++k) scale *= 10;
        const auto minor = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(c.max_units * scale)) + 1;
        const std::string amount = amount_text(minor, c.minor_units);
        if (form == "csv") {
            std::printf("%lld,%s,R%02d,S%02d,%.*s,%s\n", i, day.c_str(), region, sector,
                        static_cast<int>(c.code.size()), c.code.data(), amount.c_str());
        } else if (form == "ledger") {  // ledger and hledger read the same journal
            std::printf("%s commitment %lld\n    Commitments:R%02d:S%02d    %s %.*s\n    Assets:Pool\n\n",
                        day.c_str(), i, region, sector, amount.c_str(),
                        static_cast<int>(c.code.size()), c.code.data());
        } else {
            std::printf("%s * \"commitment %lld\"\n  Commitments:R%02d    %s %.*s\n  Assets:Pool\n\n",
                        day.c_str(), i, region, amount.c_str(), static_cast<int>(c.code.size()),
                        c.code.data());
        }
    }
    std::fflush(stdout);  // before the buffer goes away
    return 0;
}
