// bench/gen_ledger.cpp: a deterministic ledger of commitments for the aggregation
// benchmarks, to standard output:
//
//     gen_ledger ROWS [csv|ledger|beancount] [SEED] [--dates N] [--regions N] [--sectors N]
//
// CSV columns: id,date,region,sector,currency,amount. By default 30 regions, 12 sectors, 6
// currencies (CNY, USD, EUR, KRW, JPY, HKD), amounts written with each currency's minor
// units, dates on the 2024 business days (Monday to Friday) of 2024-01-02 .. 2024-12-31.
// The options set how many distinct values a key column takes, for benchmarks of many
// groups: --dates N takes N consecutive days from 2020-01-01 instead, --regions and
// --sectors N values (R00.., S00.., as many digits as needed). The id column is distinct
// on every row.
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

// N consecutive days from 2020-01-01.
std::vector<std::string> days_from_2020(std::uint64_t n) {
    using namespace std::chrono;
    std::vector<std::string> out;
    for (sys_days d = sys_days{2020y / January / 1}; out.size() < n; d += days{1}) {
        const year_month_day ymd{d};
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        out.emplace_back(text);
    }
    return out;
}

struct shape {
    std::uint64_t dates = 0;  // 0: the 2024 business days
    std::uint64_t regions = 30;
    std::uint64_t sectors = 12;
};

int usage() {
    std::fprintf(stderr, "usage: gen_ledger ROWS [csv|ledger|beancount] [SEED] [--dates N] [--regions N] [--sectors N]\n");
    return 2;
}

// A count of at least 1 (dates: at most 10^6, which still fit in four-digit years).
bool read_count(const char* text, std::uint64_t limit, std::uint64_t& into) {
    const std::string_view s(text);
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), into);
    return error == std::errc() && end == s.data() + s.size() && into >= 1 && into <= limit;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> positional;
    shape sh;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--dates" || a == "--regions" || a == "--sectors") {
            if (i + 1 >= argc) return usage();
            std::uint64_t& slot = a == "--dates" ? sh.dates : a == "--regions" ? sh.regions : sh.sectors;
            if (!read_count(argv[++i], a == "--dates" ? 1'000'000 : 1'000'000'000'000, slot)) return usage();
        } else if (a.starts_with("--")) {
            return usage();
        } else {
            positional.push_back(a);
        }
    }
    if (positional.empty() || positional.size() > 3) return usage();
    const long long rows = std::atoll(positional[0].data());
    const std::string_view form = positional.size() > 1 ? positional[1] : "csv";
    std::mt19937_64 random(positional.size() > 2 ? std::strtoull(positional[2].data(), nullptr, 10) : 20240927ULL);
    const auto days = sh.dates == 0 ? business_days_2024() : days_from_2020(sh.dates);
    std::vector<char> buffer(1 << 20);
    std::setvbuf(stdout, buffer.data(), _IOFBF, buffer.size());
    if (form == "csv") std::fputs("id,date,region,sector,currency,amount\n", stdout);
    if (form == "beancount") {
        // Commitments is not one of beancount's root accounts unless it is named one.
        std::fputs("option \"name_expenses\" \"Commitments\"\noption \"operating_currency\" \"CNY\"\n"
                   "2024-01-01 open Assets:Pool\n", stdout);
        for (std::uint64_t r = 0; r < sh.regions; ++r) std::printf("2024-01-01 open Commitments:R%02llu\n", static_cast<unsigned long long>(r));
    }
    for (long long i = 1; i <= rows; ++i) {
        const auto region = static_cast<unsigned long long>(random() % sh.regions);
        const auto sector = static_cast<unsigned long long>(random() % sh.sectors);
        const currency& c = currencies[random() % currencies.size()];
        const std::string& day = days[random() % days.size()];
        std::int64_t scale = 1;
        for (int k = 0; k < c.minor_units; ++k) scale *= 10;
        const auto minor = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(c.max_units * scale)) + 1;
        const std::string amount = amount_text(minor, c.minor_units);
        if (form == "csv") {
            std::printf("%lld,%s,R%02llu,S%02llu,%.*s,%s\n", i, day.c_str(), region, sector,
                        static_cast<int>(c.code.size()), c.code.data(), amount.c_str());
        } else if (form == "ledger") {  // ledger and hledger read the same journal
            std::printf("%s commitment %lld\n    Commitments:R%02llu:S%02llu    %s %.*s\n    Assets:Pool\n\n",
                        day.c_str(), i, region, sector, amount.c_str(),
                        static_cast<int>(c.code.size()), c.code.data());
        } else {
            std::printf("%s * \"commitment %lld\"\n  Commitments:R%02llu    %s %.*s\n  Assets:Pool\n\n",
                        day.c_str(), i, region, amount.c_str(), static_cast<int>(c.code.size()),
                        c.code.data());
        }
    }
    std::fflush(stdout);  // before the buffer goes away
    return 0;
}
