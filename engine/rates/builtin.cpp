// engine/rates/builtin.cpp: the built-in reference rates, enough for the bundled examples.
// SPDX-License-Identifier: MIT
//
// Facts from the European Central Bank's euro foreign exchange reference rates: units of each
// currency per 1 EUR, every TARGET business day of September 2024.
#include <crossfoot/rates.hpp>

#include "sources.hpp"

#include <array>
#include <string_view>

namespace crossfoot {

namespace {

struct ecb_day {
    std::string_view date;
    std::array<std::string_view, 6> per_euro;  // ecb_currencies, in order
};

constexpr std::array<std::string_view, 6> ecb_currencies = {"USD", "JPY", "KRW", "CNY", "HKD", "GBP"};

// clang-format off
constexpr ecb_day september_2024[] = {
    {"2024-09-02", {"1.1061", "162.56", "1481.32", "7.8677", "8.6239", "0.84218"}},
    {"2024-09-03", {"1.1035", "161.26", "1481.23", "7.8614", "8.605", "0.84085"}},
    {"2024-09-04", {"1.105", "160.26", "1481.5", "7.8648", "8.6174", "0.84248"}},
    {"2024-09-05", {"1.1097", "159.2", "1481.54", "7.8739", "8.6493", "0.84318"}},
    {"2024-09-06", {"1.1103", "158.93", "1477.3", "7.865", "8.6526", "0.84293"}},
    {"2024-09-09", {"1.1043", "158.53", "1485.48", "7.8589", "8.6101", "0.84365"}},
    {"2024-09-10", {"1.1031", "157.81", "1480.59", "7.853", "8.6004", "0.84265"}},
    {"2024-09-11", {"1.1043", "156.6", "1478.5", "7.8534", "8.6106", "0.84375"}},
    {"2024-09-12", {"1.1016", "157.02", "1477.3", "7.8441", "8.5945", "0.8446"}},
    {"2024-09-13", {"1.1081", "156.17", "1474.21", "7.8634", "8.6411", "0.84475"}},
    {"2024-09-16", {"1.1126", "155.66", "1467.42", "7.8953", "8.6723", "0.84278"}},
    {"2024-09-17", {"1.1139", "156.71", "1467.66", "7.9046", "8.6796", "0.84278"}},
    {"2024-09-18", {"1.1124", "157.94", "1473.65", "7.8797", "8.6692", "0.84225"}},
    {"2024-09-19", {"1.1156", "159.53", "1481.57", "7.8827", "8.6952", "0.83953"}},
    {"2024-09-20", {"1.1166", "161.08", "1491.51", "7.8776", "8.7022", "0.8391"}},
    {"2024-09-23", {"1.1119", "159.58", "1486.62", "7.8438", "8.6576", "0.83518"}},
    {"2024-09-24", {"1.1133", "160.14", "1485.87", "7.829", "8.6668", "0.8322"}},
    {"2024-09-25", {"1.1194", "161.49", "1489.46", "7.8692", "8.716", "0.83653"}},
    {"2024-09-26", {"1.1155", "160.78", "1478.62", "7.8213", "8.6773", "0.83428"}},
    {"2024-09-27", {"1.1158", "159.63", "1462.76", "7.823", "8.6737", "0.83338"}},
    {"2024-09-30", {"1.1196", "159.82", "1469.11", "7.8511", "8.6933", "0.83543"}},
};
// clang-format on

std::vector<rate_quote> build() {
    const unit euro = unit::currency("EUR").value();
    std::vector<rate_quote> quotes;
    for (const ecb_day& day : september_2024) {
        for (std::size_t i = 0; i < ecb_currencies.size(); ++i) {
            quotes.push_back({euro, unit::currency(ecb_currencies[i]).value(),
                              decimal::parse(day.per_euro[i]).value(),
                              parse_date(day.date).value(), std::string(ecb_source), {}, {},
                              {}, 0});
        }
    }
    return quotes;
}

}  // namespace

std::span<const rate_quote> builtin_rates() {
    static const std::vector<rate_quote> quotes = build();
    return quotes;
}

rate_table builtin_rate_table() {
    rate_table table;
    (void)table.add(builtin_rates());  // the built-in quotes never conflict (a test checks)
    return table;
}

}  // namespace crossfoot
