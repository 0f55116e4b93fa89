// tests/property/aggregate_splits.cpp: a generated ledger aggregated however it is split —
// one file or several, read in windows of any size, on one thread or more, streamed in
// blocks, through the integer fast path or the general decimal path, shards merged in any
// order — always equals per-group totals computed here independently with cpp_int from the
// amounts' text, including sums far beyond 128 bits.
// SPDX-License-Identifier: MIT

#include <crossfoot/aggregate.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>

#include <boost/multiprecision/cpp_int.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using boost::multiprecision::cpp_int;
using crossfoot::aggregate_options;
using crossfoot::partial_aggregate;

constexpr std::int32_t scale = 6;  // every generated amount has at most 6 decimals
constexpr std::array<std::string_view, 4> currencies = {"USD", "EUR", "JPY", "CNY"};

cpp_int integer(std::string_view digits) {
    const std::size_t first = digits.find_first_not_of('0');
    return first == std::string_view::npos ? cpp_int(0) : cpp_int(std::string(digits.substr(first)));
}

cpp_int power_of_ten(std::int32_t n) {
    cpp_int p = 1;
    for (std::int32_t i = 0; i < n; ++i) p *= 10;
    return p;
}

// An amount's text as a multiple of 10^-scale, read here without crossfoot.
cpp_int scaled_value(std::string_view text) {
    const bool negative = text.starts_with('-');
    if (negative) text.remove_prefix(1);
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
    cpp_int v = integer(std::string(whole) + std::string(fraction)) *
                power_of_ten(scale - static_cast<std::int32_t>(fraction.size()));
    return negative ? cpp_int(-v) : v;
}

cpp_int scaled_value(const crossfoot::decimal& d) {
    const std::string digits = d.coefficient_string();
    const bool negative = digits.starts_with('-');
    cpp_int v = integer(negative ? std::string_view(digits).substr(1) : std::string_view(digits));
    const std::int32_t shift = d.exponent() + scale;
    BOOST_TEST_REQUIRE(shift >= 0);  // totals are never finer than their rows
    v *= power_of_ten(shift);
    return negative ? cpp_int(-v) : v;
}

struct expected_totals {
    cpp_int sum;  // × 10^-scale
    std::uint64_t rows = 0;
};

using key = std::vector<std::string>;
using reference = std::map<key, std::map<std::string, expected_totals>>;

struct ledger {
    std::string header;
    std::vector<std::string> rows;  // each with its line feed
    reference by_region_and_desk;

    [[nodiscard]] std::string text() const {
        std::string out = header;
        for (const std::string& r : rows) out += r;
        return out;
    }
};

std::string digits(std::mt19937_64& rng, int count) {
    std::string s;
    for (int i = 0; i < count; ++i) s += static_cast<char>('0' + rng() % 10);
    return s;
}

// Amounts as ledgers write them, and some no ledger should: 1 to 38 digits before the
// point, 0 to 6 after, int64 and int128 limits, signs, zeros.
std::string amount(std::mt19937_64& rng) {
    static const std::array<std::string_view, 6> edges = {
        "9223372036854775807", "-9223372036854775808", "18446744073709551615",
        "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728",
        "0.000000"};
    const auto kind = rng() % 20;
    if (kind == 0) return std::string(edges[rng() % edges.size()]);
    std::string text = rng() % 4 == 0 ? "-" : "";
    const int whole = kind < 15 ? 1 + static_cast<int>(rng() % 9) : 10 + static_cast<int>(rng() % 29);
    text += digits(rng, whole);
    const int fraction = static_cast<int>(rng() % (scale + 1));
    if (fraction > 0) text += "." + digits(rng, fraction);
    return text;
}

ledger generate(std::uint64_t seed, std::size_t count) {
    std::mt19937_64 rng(seed);
    ledger l;
    l.header = "id,region,desk,currency,amount\n";
    for (std::size_t i = 0; i < count; ++i) {
        const std::string region = "region-" + std::to_string(rng() % 7);
        const std::string desk = std::string(1, static_cast<char>('a' + rng() % 5));
        const std::string code(currencies[rng() % currencies.size()]);
        const std::string a = amount(rng);
        l.rows.push_back(std::to_string(i) + "," + region + "," + desk + "," + code + "," + a + "\n");
        expected_totals& t = l.by_region_and_desk[{region, desk}][code];
        t.sum += scaled_value(a);
        ++t.rows;
    }
    return l;
}

// The same totals grouped by fewer columns: the region alone, or nothing.
reference coarser(const reference& r, std::size_t columns) {
    reference out;
    for (const auto& [k, per_code] : r) {
        const key shorter(k.begin(), k.begin() + static_cast<std::ptrdiff_t>(columns));
        for (const auto& [code, t] : per_code) {
            expected_totals& o = out[shorter][code];
            o.sum += t.sum;
            o.rows += t.rows;
        }
    }
    return out;
}

void equals_reference(const partial_aggregate& p, const reference& expected, std::size_t rows) {
    BOOST_TEST(p.rows_read == rows);
    BOOST_TEST(p.rows_rejected == 0U);
    BOOST_TEST_REQUIRE(p.groups.size() == expected.size());
    for (const auto& [k, per_code] : expected) {
        const auto group = p.groups.find(k);
        BOOST_TEST_REQUIRE(group.has_value());
        BOOST_TEST_REQUIRE(group->totals.size() == per_code.size());
        for (const auto& [code, t] : per_code) {
            const crossfoot::unit u = crossfoot::unit::currency(code).value();
            BOOST_TEST_CONTEXT((k.empty() ? std::string("(all)") : k.front()) << " " << code) {
                BOOST_TEST(scaled_value(group->totals.at(u)) == t.sum);
                BOOST_TEST(group->rows.at(u) == t.rows);
            }
        }
    }
}

aggregate_options by(key columns) {
    aggregate_options o;
    o.group_by = std::move(columns);
    return o;
}

// A directory of its own under the system's temporary directory, removed at the end.
class scratch {
public:
    scratch() {
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() /
               ("crossfoot-splits-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(dir_);
    }
    scratch(const scratch&) = delete;
    scratch& operator=(const scratch&) = delete;
    ~scratch() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    std::string write(const std::string& name, const std::string& text) const {
        const std::filesystem::path path = dir_ / name;
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }

private:
    std::filesystem::path dir_;
};

// The rows cut at `count` - 1 random places, each piece a ledger with the header.
std::vector<std::string> shards(const ledger& l, std::size_t count, std::mt19937_64& rng) {
    std::vector<std::size_t> cuts = {0, l.rows.size()};
    for (std::size_t i = 1; i < count; ++i) cuts.push_back(rng() % l.rows.size());
    std::sort(cuts.begin(), cuts.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        std::string text = l.header;
        for (std::size_t r = cuts[i]; r < cuts[i + 1]; ++r) text += l.rows[r];
        out.push_back(std::move(text));
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(aggregate_splits)

const std::size_t row_count = 12000;  // ~600 KB: several windows and thread pieces

BOOST_AUTO_TEST_CASE(one_file_in_any_window_on_any_threads) {
    const ledger l = generate(0x5b1175U, row_count);
    const scratch dir;
    const std::string path = dir.write("ledger.csv", l.text());
    for (const std::size_t columns : {0U, 1U, 2U}) {
        const key all = {"region", "desk"};
        const aggregate_options o = by(key(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(columns)));
        const reference expected = coarser(l.by_region_and_desk, columns);
        for (const unsigned threads : {1U, 2U, 3U}) {
            for (const std::size_t window : {std::size_t{4096}, std::size_t{65536}, std::size_t{32} << 20}) {
                BOOST_TEST_CONTEXT(columns << " key columns, " << threads << " threads, window "
                                           << window) {
                    partial_aggregate p;
                    const auto done = crossfoot::aggregate_file(path, "ledger.csv", o, nullptr, p,
                                                                {}, threads, {}, window);
                    BOOST_TEST_REQUIRE(done.has_value());
                    equals_reference(p, expected, l.rows.size());
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(shards_read_into_one_partial_or_merged_in_any_order) {
    const ledger l = generate(0x5b1176U, row_count);
    std::mt19937_64 rng(0x5b1177U);
    const scratch dir;
    const aggregate_options o = by({"region", "desk"});
    for (const std::size_t count : {2U, 3U, 7U}) {
        const std::vector<std::string> pieces = shards(l, count, rng);
        std::vector<std::string> paths;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            paths.push_back(dir.write("shard-" + std::to_string(count) + "-" + std::to_string(i) + ".csv",
                                      pieces[i]));
        }
        BOOST_TEST_CONTEXT(count << " shards") {
            partial_aggregate together;
            std::vector<partial_aggregate> apart(pieces.size());
            for (std::size_t i = 0; i < paths.size(); ++i) {
                BOOST_TEST_REQUIRE(crossfoot::aggregate_file(paths[i], paths[i], o, nullptr, together,
                                                             {}, 2, {}, 4096)
                                       .has_value());
                BOOST_TEST_REQUIRE(crossfoot::aggregate_file(paths[i], paths[i], o, nullptr, apart[i],
                                                             {}, 1)
                                       .has_value());
            }
            equals_reference(together, l.by_region_and_desk, l.rows.size());
            std::vector<std::size_t> order(apart.size());
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
            for (int shuffle = 0; shuffle < 3; ++shuffle) {
                std::shuffle(order.begin(), order.end(), rng);
                // Merged as JSON, as shards made elsewhere arrive.
                partial_aggregate merged = crossfoot::partial_from_json(crossfoot::to_json(apart[order[0]])).value();
                for (std::size_t i = 1; i < order.size(); ++i) {
                    const auto other = crossfoot::partial_from_json(crossfoot::to_json(apart[order[i]]));
                    BOOST_TEST_REQUIRE(other.has_value());
                    BOOST_TEST_REQUIRE(merged.merge(*other).has_value());
                }
                equals_reference(merged, l.by_region_and_desk, l.rows.size());
                BOOST_TEST(merged == together);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(streams_in_blocks_and_the_general_path_agree) {
    const ledger l = generate(0x5b1178U, row_count);
    const aggregate_options o = by({"region", "desk"});
    const std::string text = l.text();
    for (const std::size_t block : {std::size_t{1000}, std::size_t{65536}}) {
        for (const unsigned threads : {1U, 2U}) {
            BOOST_TEST_CONTEXT("blocks of " << block << ", " << threads << " threads") {
                std::istringstream in(text);
                partial_aggregate p;
                BOOST_TEST_REQUIRE(crossfoot::aggregate_stream(in, "-", o, nullptr, p, {}, threads, {}, block)
                                       .has_value());
                equals_reference(p, l.by_region_and_desk, l.rows.size());
            }
        }
    }
    // A quoted id in the last row sends the whole ledger down the decimal path.
    std::string general = l.header;
    for (std::size_t i = 0; i + 1 < l.rows.size(); ++i) general += l.rows[i];
    general += '"' + l.rows.back().substr(0, l.rows.back().find(',')) + '"' +
               l.rows.back().substr(l.rows.back().find(','));
    for (const unsigned threads : {1U, 2U}) {
        BOOST_TEST_CONTEXT("general path, " << threads << " threads") {
            partial_aggregate p;
            BOOST_TEST_REQUIRE(crossfoot::aggregate_csv(general, "quoted.csv", o, nullptr, p, {}, threads)
                                   .has_value());
            equals_reference(p, l.by_region_and_desk, l.rows.size());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
