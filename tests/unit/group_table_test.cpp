// tests/unit/group_table_test.cpp: the groups of a partial aggregate held compactly: key order
// (field by field, byte by byte, NUL bytes and prefixes included), exact sums across int128
// and exponents, merging; and the memory limit: groups written to disk and merged back give
// the same groups, the same reports and the same partial, byte for byte, whatever the limit,
// the threads and the reader (text, stream, file).
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <crossfoot/currency.hpp>
#include <crossfoot/decimal.hpp>

#include "aggregate_support.hpp"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using crossfoot::aggregate_options;
using crossfoot::convert_rounding;
using crossfoot::decimal;
using crossfoot::group_table;
using crossfoot::group_totals;
using crossfoot::group_view;
using crossfoot::partial_aggregate;
using crossfoot::testing::builtin;
using crossfoot::testing::converting;
using crossfoot::testing::currency;
using crossfoot::testing::grouped_by;
using crossfoot::testing::key;

decimal dec(std::string_view text) { return decimal::parse(text).value(); }

group_totals one(std::string_view code, std::string_view total, std::uint64_t rows) {
    group_totals g;
    g.totals[currency(code)] = dec(total);
    g.rows[currency(code)] = rows;
    return g;
}

// The keys of a table in the order it visits them.
std::vector<key> keys_of(const group_table& t) {
    std::vector<key> out;
    t.for_each([&](const group_view& g) { out.emplace_back(g.key.begin(), g.key.end()); });
    return out;
}

// A ledger of `rows` rows over about `keys` keys of two columns, amounts with 0 to 3 decimals
// (mixed within a currency), some negative, some of 20 digits; deterministic.
std::string ledger(std::size_t rows, std::size_t keys, unsigned seed, std::size_t currencies = 4) {
    std::mt19937_64 random(seed);
    std::string text = "desk,book,currency,amount,date\n";
    const char* const codes[] = {"USD", "JPY", "EUR", "CNY", "GBP", "CHF", "HKD"};
    for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t k = random() % keys;
        std::string amount = std::to_string(random() % 1'000'000);
        const auto decimals = static_cast<std::size_t>(random() % 4);
        if (decimals > 0 && amount.size() > decimals) amount.insert(amount.size() - decimals, ".");
        if (random() % 50 == 0) amount = "98765432109876543210";  // past the integer path
        if (random() % 7 == 0) amount = "-" + amount;
        text += "d" + std::to_string(k % 97) + ",b" + std::to_string(k) + "," + codes[random() % currencies] + "," + amount +
                ",2024-03-0" + std::to_string(1 + random() % 5) + "\n";
    }
    return text;
}

// Key fields that a key packed into one word (engine/aggregate/packed_key.hpp) must keep
// apart: dates of the shape dddd-dd-dd, calendar dates or not, next to texts one byte from
// that shape (among them a byte with only a digit's high half, or only its low half, beside
// the date it would read as were only the other half checked); short fields of every size
// from 0 to 9 bytes, prefixes of one another, ending in bytes that are zero in a word (a NUL,
// when `with_nul`: a table's own keys may hold one, a ledger's may not); UTF-8 of two to four
// bytes. Each pair of them is a key of its own.
std::vector<std::string> fields_that_pack(bool with_nul) {
    std::vector<std::string> fields = {
        "2024-01-02", "2024-01-20", "2024-10-02", "2024-02-01", "0000-00-00", "9999-99-99", "2024-13-99",
        "0001-01-01", "1024-01-02", "3289-11-35", "2024-01-2",  "2024/01/02", "2024-01-0a", "20240102",   "2024-01-020",
        " 2024-01-0", "2024-1-02",  "2024-01-0:", "2024-01-10", "2024-01-0?", "2024-01-15", "p024-01-02",
        "0024-01-02", "2024-0/-02", "",           "a",          "ab",         "abc",        "abcd",
        "abcde",      "abcdef",     "abcdefg",    "abcdefgh",   "abcdefghi",  "b",          "ba",
        "bc",         "cab",        "0",          "00",         "000",        "0000",       "\x01",
        "\x01\x01", "a\x01",     "\xC3\xA9", "x\xE2\x82\xAC", "\xF0\x9F\x92\xB6", "R1", "R12", "R123"};
    if (with_nul) {
        for (const char* f : {"a", "ab", "abc", ""}) fields.push_back(std::string(f) + '\0');
        fields.push_back(std::string("\0a", 2));
    }
    for (int i = 0; i < 60; ++i) fields.push_back("R" + std::to_string(i * 7));
    return fields;
}

// Converting every row at one date the built-in rates hold.
aggregate_options at_one_date(aggregate_options o) {
    o.fixed_date = crossfoot::testing::day("2024-09-02");
    return o;
}

partial_aggregate run_csv(const std::string& text, aggregate_options options, std::size_t limit, unsigned threads) {
    options.memory_limit = limit;
    partial_aggregate p;
    const auto done = crossfoot::aggregate_csv(text, "ledger.csv", options, &builtin(), p, {}, threads);
    BOOST_TEST_REQUIRE(done.has_value(), (done ? std::string() : format(done.error())));
    return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(group_table_order)

BOOST_AUTO_TEST_CASE(visits_groups_in_key_order_field_by_field) {
    group_table t;
    // Inserted out of order; a field that is a prefix of another comes first, a NUL byte is
    // a byte like any other, bytes above 0x7F after ASCII, and the first field decides first.
    const std::vector<key> keys = {{"b", "a"}, {"a", "zz"}, {"ab", ""}, {"a", "z"}, {"a", ""},
                                   {std::string("a\0b", 3), "x"}, {"\xC3\xA9t\xC3\xA9", "a"}, {"a", std::string("z\0", 2)},
                                   {"aaaaaaaaaaaaaaaaaaaa", "q"}, {"aaaaaaaaaaaaaaaaaaab", "a"}, {"aaaaaaaaaaaaaaaaaaaa", "p"}};
    for (const key& k : keys) t.add(k, one("USD", "1", 1));
    std::vector<key> expected = keys;
    std::ranges::sort(expected);  // std::vector<std::string>'s order is the one wanted
    BOOST_TEST((keys_of(t) == expected));
    BOOST_TEST(t.size() == keys.size());
}

// Many keys put in order by their 24-byte prefixes, ties broken in full: keys of one to three
// fields over a few bytes (NUL and 0xFF among them), many sharing their first 24 bytes or
// more, some packed into a word (a date, a short code) and some not; the order is
// std::vector<std::string>'s.
BOOST_AUTO_TEST_CASE(many_keys_in_key_order_field_by_field) {
    std::mt19937_64 random(23);
    const std::string alphabet("\0\x01-09aAz\x7F\x80\xFF", 12);
    const auto field = [&] {
        std::string f;
        switch (random() % 4) {
        case 0: f = "2024-0" + std::to_string(1 + random() % 9) + "-1" + std::to_string(random() % 10); break;
        case 1: f = std::string(20 + random() % 10, 'q'); break;  // long shared starts
        default: break;
        }
        for (auto n = random() % 6; n > 0; --n) f += alphabet[random() % alphabet.size()];
        return f;
    };
    group_table t;
    std::vector<key> keys;
    for (int i = 0; i < 30'000; ++i) {
        key k;
        for (auto n = 1 + random() % 3; n > 0; --n) k.push_back(field());
        keys.push_back(k);
        t.add(k, one("USD", "1", 1));
    }
    std::ranges::sort(keys);
    keys.erase(std::ranges::unique(keys).begin(), keys.end());
    BOOST_TEST_REQUIRE(keys.size() > 10'000U);
    BOOST_TEST((keys_of(t) == keys));
}

// Keys whose 24-byte prefixes differ in a few bytes only (a date and a short code: the month,
// the day and the code's bytes, 7 bytes) are put in order by a pass of counting per such
// byte, the last byte first: codes of different lengths, a NUL, 0xFF, an empty code; keys
// alike in their first 24 bytes (a date and a long code, 4 bytes), told apart in full; and
// keys of three fields that differ in the prefix's third word too (a date, R0x and S0y: bytes
// 14 and 19 among 6). Either way the order is std::vector<std::string>'s, as for keys that
// differ everywhere (the test before).
BOOST_AUTO_TEST_CASE(keys_differing_in_few_bytes_in_key_order) {
    {
        group_table t;
        std::vector<key> keys;
        for (int day = 28; day >= 1; day -= 2) {
            for (const char x : {'9', '0', '5'}) {
                for (const char y : {'7', '1', '3', '0'}) {
                    keys.push_back(
                        {"2024-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day),
                         std::string("R0") + x, std::string("S0") + y});
                    t.add(keys.back(), one("USD", "1", 1));
                }
            }
        }
        std::ranges::sort(keys);
        BOOST_TEST((keys_of(t) == keys));
    }
    const std::vector<std::string> codes = {
        "", "A", "AB", std::string("A\0", 2), "B", "\xFF", std::string(1, '\0')};
    const std::vector<std::string> long_codes = {
        std::string(14, 'Q') + "b", std::string(14, 'Q') + "a",
        std::string(14, 'Q') + std::string(1, '\0'), std::string(14, 'Q')};
    for (const auto* set : {&codes, &long_codes}) {
        group_table t;
        std::vector<key> keys;
        for (int month = 12; month >= 1; --month) {
            for (int day = 28; day >= 1; day -= 3) {
                const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
                const std::string date = "2024-" + two(month) + "-" + two(day);
                for (const std::string& code : *set) {
                    keys.push_back({date, code});
                    t.add(keys.back(), one("USD", "1", 1));
                }
            }
        }
        std::ranges::sort(keys);
        BOOST_TEST((keys_of(t) == keys));
    }
}

BOOST_AUTO_TEST_CASE(adds_equal_keys_and_keeps_currencies_apart) {
    group_table t;
    t.add({"north"}, one("USD", "1.50", 1));
    t.add({"north"}, one("USD", "2.5", 2));
    t.add({"north"}, one("JPY", "300", 1));
    t.add({"south"}, one("USD", "-0.000", 1));
    BOOST_TEST(t.size() == 2U);
    const group_totals north = t.at({"north"});
    BOOST_TEST(north.totals.at(currency("USD")).to_string() == "4.00");  // the smaller exponent, as decimal sums
    BOOST_TEST(north.rows.at(currency("USD")) == 3U);
    BOOST_TEST(north.totals.at(currency("JPY")).to_string() == "300");
    BOOST_TEST(t.at({"south"}).totals.at(currency("USD")).to_string() == "0.000");
    BOOST_TEST(!t.find({"west"}).has_value());
    BOOST_CHECK_THROW((void)t.at({"west"}), std::out_of_range);
}

// Keys held as one word, not hashed: no two of them may meet. Every pair of fields_that_pack
// is a key of two fields with a total of its own, and every field a key of one; the table
// holds each apart, with its own total, in key order.
BOOST_AUTO_TEST_CASE(keys_held_in_a_word_never_meet) {
    const std::vector<std::string> fields = fields_that_pack(true);
    group_table t;
    std::map<key, std::string> expected;
    std::size_t n = 0;
    const auto add = [&](const key& k) {
        const std::string total = std::to_string(++n);
        t.add(k, one("USD", total, 1));
        expected.emplace(k, total);
    };
    for (const std::string& a : fields) {
        add({a});
        for (const std::string& b : fields) add({a, b});
    }
    BOOST_TEST_REQUIRE(expected.size() == n);  // the fields are all different
    BOOST_TEST(t.size() == n);
    std::map<key, std::string> held;
    t.for_each([&](const group_view& g) {
        held.emplace(key(g.key.begin(), g.key.end()), g.totals[0].total.to_string());
    });
    BOOST_TEST((held == expected));
    std::vector<key> in_order;
    for (const auto& [k, total] : expected) in_order.push_back(k);
    BOOST_TEST((keys_of(t) == in_order));
}

BOOST_AUTO_TEST_CASE(sums_exactly_past_int128_and_across_exponents) {
    group_table t;
    const decimal big = dec("99999999999999999999999999999999999999");  // 38 digits, near int128's top
    for (int i = 0; i < 5; ++i) t.add({"k"}, [&] {
            group_totals g;
            g.totals[currency("USD")] = big;
            g.rows[currency("USD")] = 1;
            return g;
        }());
    t.add({"k"}, one("USD", "0.001", 1));
    group_totals thousand;
    thousand.totals[currency("USD")] = decimal::parse_scientific("1E+3").value();
    thousand.rows[currency("USD")] = 1;
    t.add({"k"}, thousand);
    const decimal expected = big + big + big + big + big + dec("0.001") + decimal::parse_scientific("1E+3").value();
    BOOST_TEST(t.at({"k"}).totals.at(currency("USD")) == expected);
    BOOST_TEST(t.at({"k"}).totals.at(currency("USD")).to_string() == expected.to_string());
}

BOOST_AUTO_TEST_CASE(merges_tables_as_if_added_in_one) {
    group_table a;
    group_table b;
    group_table both;
    for (int i = 0; i < 1000; ++i) {
        const key k = {"g" + std::to_string(i % 37), std::to_string(i % 5)};
        const group_totals g = one(i % 2 == 0 ? "USD" : "EUR", std::to_string(i) + ".25", 1);
        (i % 3 == 0 ? a : b).add(k, g);
        both.add(k, g);
    }
    group_table merged = a;
    merged.merge(b);
    BOOST_TEST((merged == both));
    BOOST_TEST(!(merged == a));
}

// A merge goes cell by cell, fetching ahead: converted totals, sums past int128 and cells
// made in a group the merge itself made all come out as one table adding them up would.
BOOST_AUTO_TEST_CASE(merges_converted_totals_and_wide_sums_as_if_added_in_one) {
    group_table a;
    group_table b;
    group_table both;
    for (int i = 0; i < 3000; ++i) {
        const key k = {"desk-" + std::to_string(i % 53), "2024-09-" + std::to_string(10 + i % 7)};
        group_totals g = one(i % 3 == 0 ? "USD" : (i % 3 == 1 ? "EUR" : "JPY"),
                             i % 17 == 0 ? "1701411834604692317316873037158841057270000001" : std::to_string(i) + ".5", 1);
        if (i % 2 == 0) g.converted = dec(std::to_string(i) + ".125");
        (i % 5 < 2 ? a : b).add(k, g);
        both.add(k, g);
    }
    group_table merged = a;
    merged.merge(b);
    BOOST_TEST((merged == both));
    BOOST_TEST(keys_of(merged) == keys_of(both));
    group_table other_way = b;
    other_way.merge(a);
    BOOST_TEST((other_way == both));
}

// Large tables of other threads are kept apart, not merged: visiting, counting, looking up,
// comparing, copying and every change after must see the groups a merge would have made,
// keys in both tables added up.
BOOST_AUTO_TEST_CASE(tables_kept_apart_read_as_one_merged_table) {
    constexpr int groups = 7'000;  // past the size below which a table is merged instead
    constexpr std::size_t least_groups = group_table::least_groups_apart;  // keep_apart's default
    static_assert(std::size_t{groups} >= least_groups);
    group_table a;
    group_table b;
    group_table both;
    for (int i = 0; i < 2 * groups; ++i) {
        // a holds 0 .. groups - 1, b the odd keys from groups / 2 on: a quarter in both.
        const int id = i < groups ? i : groups / 2 + 2 * (i - groups) + 1;
        const key k = {"k" + std::to_string(id % 1000), std::to_string(id)};
        const group_totals g = one(id % 3 == 0 ? "USD" : "JPY", std::to_string(i) + ".5", 1);
        (i < groups ? a : b).add(k, g);
        both.add(k, g);
    }
    group_table merged = a;
    merged.merge(b);
    BOOST_TEST_REQUIRE((merged == both));
    a.keep_apart(b, least_groups);
    BOOST_TEST(b.empty());
    BOOST_TEST(b.size() == 0U);
    BOOST_TEST(a.size() == both.size());
    BOOST_TEST((a == both));
    BOOST_TEST((both == a));
    BOOST_TEST(keys_of(a) == keys_of(both));
    partial_aggregate apart;
    partial_aggregate one_table;
    apart.group_by = one_table.group_by = {"desk", "book"};
    apart.groups = a;  // a copy keeps them apart
    one_table.groups = both;
    BOOST_TEST(crossfoot::format_aggregate_csv(apart) == crossfoot::format_aggregate_csv(one_table));
    BOOST_TEST(crossfoot::to_json(apart) == crossfoot::to_json(one_table));
    for (const int id : {0, groups / 2 + 1, groups / 2 + 2, groups - 1, groups + 1, 2 * groups}) {
        const key k = {"k" + std::to_string(id % 1000), std::to_string(id)};
        BOOST_TEST_CONTEXT("key " << id) {
            BOOST_TEST(a.contains(k) == both.contains(k));
            if (both.contains(k)) BOOST_TEST((a.at(k) == both.at(k)));
        }
    }
    // Merged into another table, and changed after (the tables apart merged first).
    group_table more = both;
    more.merge(a);
    group_table twice = both;
    twice.merge(both);
    BOOST_TEST((more == twice));
    group_table changed = a;
    changed.add({"k1", "1"}, one("EUR", "1", 1));
    group_table changed_too = both;
    changed_too.add({"k1", "1"}, one("EUR", "1", 1));
    BOOST_TEST((changed == changed_too));
    BOOST_TEST(!(changed == a));
    // Over a small limit, the tables apart go to disk as runs and read back the same.
    group_table limited = a;
    limited.limit_memory(std::size_t{256} << 10, "");
    BOOST_TEST(limited.runs() > 0U);
    BOOST_TEST(keys_of(limited) == keys_of(a));
    BOOST_TEST((limited == a));
    a.clear();
    BOOST_TEST(a.empty());
}

// Small tables kept apart all the same (least_groups 0), three of them with keys in common:
// the threads that sort them, and the walk that adds up their keys, small enough for TSan
// (unit.group_table_threads).
BOOST_AUTO_TEST_CASE(small_tables_kept_apart_read_as_one_merged_table) {
    std::vector<group_table> parts(3);
    group_table both;
    for (int i = 0; i < 6000; ++i) {
        const key k = {"k" + std::to_string(i % 4000)};
        const group_totals g = one(i % 2 == 0 ? "USD" : "EUR", std::to_string(i) + ".25", 1);
        parts[static_cast<std::size_t>(i % 3)].add(k, g);
        both.add(k, g);
    }
    parts[0].keep_apart(parts[1], 0);
    parts[0].keep_apart(parts[2], 0);
    BOOST_TEST(parts[1].empty());
    BOOST_TEST(parts[0].size() == both.size());
    BOOST_TEST(keys_of(parts[0]) == keys_of(both));
    BOOST_TEST((parts[0] == both));
}

// A group as text: its key's fields, then its totals by currency and its converted total.
std::string described(const group_view& g) {
    std::string out;
    for (const std::string_view field : g.key) out.append(field).append("|");
    for (const auto& t : g.totals) out.append(t.currency.code()).append("=").append(t.total.to_string()).append("/").append(std::to_string(t.rows)).append(" ");
    if (g.converted != nullptr) out.append("conv=").append(g.converted->to_string());
    return out;
}

// Tables kept apart add a key's totals up exactly whatever they hold: sums at different
// exponents, a total past what a cell's integer holds (kept beside it as a decimal), sums
// that would overflow if added as integers, converted totals; the same as one table.
BOOST_AUTO_TEST_CASE(tables_kept_apart_add_up_every_kind_of_total) {
    const std::array<std::string_view, 7> amounts = {
        "7", "1.25", "0.001", "-3.5", "123456789012345678901234567890",
        "99999999999999999999999999999999999.9", "-99999999999999999999999999999999999.9"};
    std::vector<group_table> parts(3);
    group_table both;
    for (int i = 0; i < 3000; ++i) {
        const key k = {"k" + std::to_string(i % 500)};
        const auto kind = static_cast<std::size_t>(i / 3 + i / 500) % amounts.size();
        group_totals g = one(i % 2 == 0 ? "USD" : "EUR", amounts[kind], 1);
        if (i % 5 == 0) g.converted = dec(amounts[(kind + 1) % amounts.size()]);
        parts[static_cast<std::size_t>(i % 3)].add(k, g);
        both.add(k, g);
    }
    parts[0].keep_apart(parts[1], 0);
    parts[0].keep_apart(parts[2], 0);
    std::vector<std::string> apart;
    std::vector<std::string> one_table;
    parts[0].for_each([&](const group_view& g) { apart.push_back(described(g)); });
    both.for_each([&](const group_view& g) { one_table.push_back(described(g)); });
    BOOST_TEST(apart == one_table, boost::test_tools::per_element());
    BOOST_TEST((parts[0] == both));
    for (int i = 0; i < 500; i += 7) {
        const key k = {"k" + std::to_string(i)};
        BOOST_TEST((parts[0].at(k) == both.at(k)));
    }
}

// Every group of `t` visited in ranges: what for_each_range hands to each range, and in
// what order the ranges are done. Checks the contract as it goes: ranges are done in order,
// on the calling thread (which walks ranges too), each after its groups. A range begun
// before the one `threads` before it was done would put its groups into that one's slot,
// and the groups put back together would not be in order.
std::vector<std::vector<std::string>> in_ranges(const group_table& t, unsigned threads, std::size_t range_groups) {
    std::vector<std::vector<std::string>> slots(threads);
    std::vector<std::vector<std::string>> done;
    const std::thread::id caller = std::this_thread::get_id();
    t.for_each_range(
        threads, range_groups,
        [&](std::size_t range, const group_view& g) {
            slots[range % threads].push_back(described(g));
        },
        [&](std::size_t range) {
            BOOST_TEST_REQUIRE((std::this_thread::get_id() == caller));
            BOOST_TEST_REQUIRE(range == done.size());
            done.push_back(std::move(slots[range % threads]));
            slots[range % threads].clear();
        });
    for (const auto& slot : slots) BOOST_TEST(slot.empty());
    return done;
}

// for_each_range cuts the key order into ranges that threads walk at once: put back
// together, the same groups with the same figures as one walk, whatever the threads and the
// size of the ranges; one table, tables kept apart with keys in common (a key of several
// tables falls whole into one range), and runs on disk. Small enough for TSan
// (unit.group_table_threads).
BOOST_AUTO_TEST_CASE(visits_in_ranges_as_in_one_walk) {
    std::vector<group_table> parts(3);
    group_table one_table;
    for (int i = 0; i < 5000; ++i) {
        const key k = {"k" + std::to_string(i % 3500), std::to_string(i % 7)};
        const group_totals g = one(i % 2 == 0 ? "USD" : "EUR", std::to_string(i) + ".25", 1);
        parts[static_cast<std::size_t>(i % 3)].add(k, g);
        one_table.add(k, g);
    }
    group_table apart = parts[0];
    apart.keep_apart(parts[1], 0);
    apart.keep_apart(parts[2], 0);
    group_table limited = one_table;
    limited.limit_memory(std::size_t{24} << 10, "");
    BOOST_TEST_REQUIRE(limited.runs() > 0U);
    std::vector<std::string> whole;
    one_table.for_each([&](const group_view& g) { whole.push_back(described(g)); });
    for (const group_table* t : {&one_table, &apart, &limited}) {
        for (const unsigned threads : {1U, 2U, 3U}) {
            for (const std::size_t range_groups : {std::size_t{1}, std::size_t{7}, std::size_t{500}, std::size_t{1} << 20}) {
                BOOST_TEST_CONTEXT("table " << (t == &one_table ? "one" : t == &apart ? "apart" : "with runs") << ", "
                                            << threads << " threads, ranges of " << range_groups) {
                    const auto ranges = in_ranges(*t, threads, range_groups);
                    std::vector<std::string> joined;
                    for (const auto& r : ranges) {
                        BOOST_TEST(!r.empty());
                        // Three tables kept apart: an eighth of range_groups more each.
                        const std::size_t more = t == &apart ? 6 * std::max<std::size_t>(1, range_groups / 16) : 0;
                        BOOST_TEST(r.size() <= range_groups + more);
                        joined.insert(joined.end(), r.begin(), r.end());
                    }
                    BOOST_TEST(joined == whole);
                    if (range_groups == 500) BOOST_TEST(ranges.size() > 3U);
                }
            }
        }
    }
    group_table empty;
    BOOST_TEST(in_ranges(empty, 2, 10).empty());
}

// Checks that `t`, two tables kept apart, is visited in ranges of at most `range_groups` groups
// and an eighth of that more per table, all `groups` of it.
void check_two_tables_ranges(const group_table& t, std::size_t range_groups, std::size_t groups) {
    BOOST_TEST_CONTEXT("ranges of " << range_groups) {
        std::size_t visited = 0;
        for (const auto& r : in_ranges(t, 2, range_groups)) {
            BOOST_TEST(r.size() <= range_groups + 4 * (range_groups / 16));
            visited += r.size();
        }
        BOOST_TEST(visited == groups);
    }
}

// Tables whose keys do not interleave evenly (one holds keys of a few prefixes, the other
// of every prefix): the ranges stay near their size all the same, so that the text a
// report holds for a range stays small.
BOOST_AUTO_TEST_CASE(ranges_stay_small_whatever_the_tables_hold) {
    group_table a;
    group_table b;
    for (int i = 0; i < 3000; ++i) {
        a.add({"a" + std::to_string(i)}, one("USD", "1", 1));
        b.add({std::string(1, static_cast<char>('b' + i % 20)) + std::to_string(i)}, one("USD", "2", 1));
    }
    a.keep_apart(b, 0);
    for (const std::size_t range_groups : {std::size_t{16}, std::size_t{160}, std::size_t{1000}})
        check_two_tables_ranges(a, range_groups, 6000);
}

// Tables that sample the same keys: one holds every id, the other every even id and one more
// key after each. Each key sampled in both counts twice, so that a range does not grow with
// the number of tables that share its keys.
BOOST_AUTO_TEST_CASE(ranges_stay_small_when_tables_share_keys) {
    group_table a;
    group_table b;
    for (int i = 0; i < 4000; ++i) {
        const std::string id = "k" + std::to_string(10000 + i);
        a.add({id}, one("USD", "1", 1));
        if (i % 2 != 0) continue;
        b.add({id}, one("USD", "1", 1));
        b.add({id + "a"}, one("EUR", "1", 1));
    }
    a.keep_apart(b, 0);
    for (const std::size_t range_groups : {std::size_t{32}, std::size_t{320}}) check_two_tables_ranges(a, range_groups, 6000);
    // Two ranges on three threads: the third thread has nothing to do.
    BOOST_TEST(in_ranges(a, 3, 4000).size() == 2U);
}

// What a visit or a done throws comes out of for_each_range, the threads stopped.
BOOST_AUTO_TEST_CASE(a_failure_in_a_range_stops_the_walk) {
    group_table one_table;
    std::vector<group_table> parts(2);
    for (int i = 0; i < 2000; ++i) {
        one_table.add({"k" + std::to_string(i)}, one("USD", "1", 1));
        parts[static_cast<std::size_t>(i % 2)].add({"k" + std::to_string(i)}, one("USD", "1", 1));
    }
    group_table apart = parts[0];
    apart.keep_apart(parts[1], 0);
    group_table limited = one_table;
    limited.limit_memory(std::size_t{24} << 10, "");
    BOOST_TEST_REQUIRE(limited.runs() > 0U);
    for (const group_table* t : {&one_table, &apart, &limited}) {
        for (const unsigned threads : {1U, 2U}) {
            BOOST_CHECK_THROW(t->for_each_range(
                                  threads, 100,
                                  [](std::size_t range, const group_view&) {
                                      if (range == 5) throw std::runtime_error("visit");
                                  },
                                  [](std::size_t) {}),
                              std::runtime_error);
            std::size_t done = 0;
            BOOST_CHECK_THROW(t->for_each_range(
                                  threads, 100, [](std::size_t, const group_view&) {},
                                  [&](std::size_t range) {
                                      if (range == 3) throw std::runtime_error("done");
                                      ++done;
                                  }),
                              std::runtime_error);
            BOOST_TEST(done == 3U);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(memory_limit)

// On two threads each worker's table holds some 9,000 groups, so the result keeps one apart
// and visits both side by side: the same output as one thread, converted totals rounded once
// after the tables' figures are added up.
BOOST_AUTO_TEST_CASE(aggregation_keeps_large_tables_apart_with_the_same_output) {
    const std::string text = ledger(18'000, 1'000'000, 17);
    for (const aggregate_options& options :
         {grouped_by({"desk", "book"}), at_one_date(converting({"book"}, "USD", convert_rounding::total))}) {
        const partial_aggregate reference = run_csv(text, options, 0, 1);
        // The report of each rounds the converted totals as it walks; finished() rounds them
        // into a partial, compared group by group (its report would say no more, and under
        // the sanitizers each report of many groups takes seconds).
        const partial_aggregate p = run_csv(text, options, 0, 2);
        BOOST_TEST(crossfoot::format_aggregate_csv(p) == crossfoot::format_aggregate_csv(reference));
        BOOST_TEST(crossfoot::format_aggregate_csv(p, 2) == crossfoot::format_aggregate_csv(reference));
        BOOST_TEST(crossfoot::to_json(p) == crossfoot::to_json(reference));
        BOOST_TEST((p.finished() == reference.finished()));
    }
}

BOOST_AUTO_TEST_CASE(a_table_past_its_limit_writes_runs_and_visits_the_same_groups) {
    group_table limited;
    limited.limit_memory(16 << 10, std::filesystem::temp_directory_path().string());
    group_table unlimited;
    std::mt19937_64 random(7);
    for (int i = 0; i < 20000; ++i) {
        const key k = {"k" + std::to_string(random() % 3000)};
        const group_totals g = one(random() % 2 == 0 ? "USD" : "JPY", std::to_string(random() % 100000), 1);
        limited.add(k, g);
        unlimited.add(k, g);
    }
    BOOST_TEST(limited.runs() > 1U);
    BOOST_TEST(limited.memory_bytes() <= std::size_t{16 << 10} + 4096);
    BOOST_TEST(unlimited.runs() == 0U);
    BOOST_TEST((limited == unlimited));
    BOOST_TEST(limited.size() == unlimited.size());
    BOOST_TEST((keys_of(limited) == keys_of(unlimited)));
    const key some = {"k123"};
    BOOST_TEST((limited.find(some) == unlimited.find(some)));
    group_table copy = limited;  // runs are shared, and read by either
    copy.merge(unlimited);
    group_table doubled = unlimited;
    doubled.merge(unlimited);
    BOOST_TEST((copy == doubled));
}

BOOST_AUTO_TEST_CASE(a_table_merged_with_itself_holds_its_groups_twice) {
    group_table t;
    t.limit_memory(1, std::filesystem::temp_directory_path().string());
    group_table plain;
    for (int i = 0; i < 40; ++i) {
        t.add({"k" + std::to_string(i % 7)}, one("EUR", "2.5", 1));
        plain.add({"k" + std::to_string(i % 7)}, one("EUR", "5.0", 2));
    }
    BOOST_TEST(t.runs() > 0U);
    t.merge(t);  // its runs are read from while it takes them
    BOOST_TEST((t == plain));
}

// In memory too: a sum that doubling takes past int128 moves into the cell's wide part as
// the cell is merged, and is counted twice, not three times.
BOOST_AUTO_TEST_CASE(a_table_merged_with_itself_in_memory_holds_its_groups_twice) {
    const std::string near_top = "170141183460469231731687303715884105727";  // 2^127 - 1
    group_table t;
    t.add({"k"}, one("JPY", near_top, 1));
    t.add({"k", "2024-09-27"}, one("EUR", "2.5", 3));
    t.merge(t);
    BOOST_TEST(t.runs() == 0U);
    BOOST_TEST(t.at({"k"}).totals.at(currency("JPY")) == dec(near_top) + dec(near_top));
    BOOST_TEST(t.at({"k"}).rows.at(currency("JPY")) == 2U);
    BOOST_TEST(t.at({"k", "2024-09-27"}).totals.at(currency("EUR")) == dec("5.0"));
}

BOOST_AUTO_TEST_CASE(a_full_integer_sum_goes_on_exactly) {
    group_table t;
    const decimal near_top = dec("170141183460469231731687303715884105727");  // 2^127 - 1
    group_totals g;
    g.totals[currency("JPY")] = near_top;
    g.rows[currency("JPY")] = 1;
    for (int i = 0; i < 4; ++i) t.add({"k"}, g);
    t.add({"k"}, one("JPY", "1", 1));
    BOOST_TEST(t.at({"k"}).totals.at(currency("JPY")) == near_top + near_top + near_top + near_top + dec("1"));
}

BOOST_AUTO_TEST_CASE(many_runs_are_merged_into_one) {
    group_table t;
    t.limit_memory(1, std::filesystem::temp_directory_path().string());  // a run per group added
    group_table plain;
    for (int i = 0; i < 300; ++i) {
        t.add({"k" + std::to_string(i % 50)}, one("EUR", "1.5", 1));
        plain.add({"k" + std::to_string(i % 50)}, one("EUR", "1.5", 1));
    }
    BOOST_TEST(t.runs() <= 64U);
    BOOST_TEST((t == plain));
}

BOOST_AUTO_TEST_CASE(aggregation_is_byte_identical_whatever_the_limit_and_threads) {
    const std::string text = ledger(8000, 3000, 11);  // 27 runs of it: kept small for the sanitizers
    for (const aggregate_options& options :
         {grouped_by({"desk", "book"}), grouped_by({"book"}), at_one_date(converting({"desk"}, "USD", convert_rounding::total))}) {
        const partial_aggregate reference = run_csv(text, options, 0, 1);
        const std::string csv = crossfoot::format_aggregate_csv(reference);
        const std::string json = crossfoot::to_json(reference);
        const std::string report_json = crossfoot::format_aggregate_json(reference);
        const std::string text_report = crossfoot::format_aggregate_text(reference);
        for (const std::size_t limit : {std::size_t{0}, std::size_t{256} << 10, std::size_t{24} << 10}) {
            for (const unsigned threads : {1U, 2U, 3U}) {
                BOOST_TEST_CONTEXT("limit " << limit << ", " << threads << " threads") {
                    const partial_aggregate p = run_csv(text, options, limit, threads);
                    BOOST_TEST(crossfoot::format_aggregate_csv(p) == csv);
                    BOOST_TEST(crossfoot::to_json(p) == json);
                    BOOST_TEST(crossfoot::format_aggregate_json(p) == report_json);
                    BOOST_TEST(crossfoot::format_aggregate_text(p) == text_report);
                    BOOST_TEST(crossfoot::format_aggregate_csv(p, threads) == csv);
                    BOOST_TEST(crossfoot::format_aggregate_json(p, threads) == report_json);
                    BOOST_TEST(crossfoot::format_aggregate_text(p, threads) == text_report);
                    BOOST_TEST((p == reference));
                    BOOST_TEST((p.finished() == reference.finished()));
                    if (limit == (std::size_t{24} << 10) && options.group_by.size() == 2) BOOST_TEST(p.groups.runs() > 0U);
                }
            }
        }
    }
}

// Groups that come back, each in most of the ledger's currencies, are held densely once the
// table has seen half again as many rows as groups: the table lays its totals out anew while rows
// keep coming (on each thread, with fetching ahead past 2^15 slots, between spills), and
// from then on finds a total from its group's slot. Every total and row count equals one
// added up here, row by row, in decimals, whatever the limit and the threads: keys of two
// columns (hashed, checked against the stored key) and of one (held in the slot), amounts
// of 0 to 3 decimals mixed within a currency and of 20 digits (past the integer path); and
// merged into a copy and into itself, twice each total. Each check was seen to fail with a
// dense total's rows lost when laid out anew, or a merge that passed over dense totals; and
// the run crashed with the check on the table's count of clears and layouts taken out. A
// group's totals come in currency order, though the dense ones are laid out most held first;
// and so with a converted total beside them.
BOOST_AUTO_TEST_CASE(totals_held_densely_are_the_totals_added_up_row_by_row) {
    // Each (book, currency)'s total and rows, added up here row by row in decimals.
    using added_up =
        std::map<std::pair<std::string, std::string>, std::pair<decimal, std::uint64_t>>;
    const auto add_up = [](const std::string& ledger_text) {
        added_up sums;
        std::istringstream lines(ledger_text);
        std::string line;
        std::getline(lines, line);  // the header
        while (std::getline(lines, line)) {
            std::vector<std::string> f;
            std::stringstream fields(line);
            for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
            auto& [total, rows] = sums[{f[1], f[2]}];
            total += dec(f[3]);
            ++rows;
        }
        return sums;
    };
    // Seven currencies, each held by most keys: all dense, past the first four.
    const std::string text = ledger(200000, 40000, 19, 7);
    const added_up expected = add_up(text);
    for (const std::vector<std::string>& by :
         {std::vector<std::string>{"desk", "book"}, std::vector<std::string>{"book"}}) {
        // desk is book's number modulo 97: grouping by both or by book alone makes the same
        // groups, keyed differently.
        // The whole key as the row had it: its desk too, when grouped by both.
        const auto key_is_the_rows = [&](const group_view& g) {
            const std::string book(g.key.back());
            return g.key.size() == by.size() &&
                   (by.size() == 1 || g.key.front() == "d" + std::to_string(std::stoul(book.substr(1)) % 97));
        };
        const aggregate_options options = grouped_by(by);
        const partial_aggregate unlimited = run_csv(text, options, 0, 1);
        const std::size_t held = unlimited.groups.memory_bytes();
        for (const std::size_t limit : {std::size_t{0}, held / 3}) {
            for (const unsigned threads : {1U, 2U}) {
                BOOST_TEST_CONTEXT(by.size() << " key columns, limit " << limit << ", " << threads << " threads") {
                    const partial_aggregate p = run_csv(text, options, limit, threads);
                    if (limit != 0) BOOST_TEST(p.groups.runs() > 0U);
                    std::size_t seen = 0;
                    bool all_equal = true;
                    p.groups.for_each([&](const group_view& g) {
                        const std::string book(g.key.back());
                        all_equal = all_equal && key_is_the_rows(g) &&
                                    std::ranges::is_sorted(g.totals, {},
                                                           &crossfoot::currency_total::currency);
                        for (const crossfoot::currency_total& t : g.totals) {
                            const auto it = expected.find({book, std::string(t.currency.code())});
                            if (it == expected.end() || it->second.first != t.total || it->second.second != t.rows) {
                                all_equal = false;
                                BOOST_TEST_MESSAGE("differs: " << book << " " << t.currency.code() << " " << t.total.to_string());
                            }
                            ++seen;
                        }
                    });
                    BOOST_TEST(all_equal);
                    BOOST_TEST(seen == expected.size());
                    if (limit != 0 || threads != 2) continue;
                    // Merged: into a copy, and into itself (read while it is written), the
                    // dense totals of one table added into the other's, kept-apart tables first.
                    group_table copy = p.groups;
                    copy.merge(p.groups);
                    group_table self = p.groups;
                    self.merge(self);
                    for (const group_table* t : {&copy, &self}) {
                        bool doubled = true;
                        std::size_t seen_twice = 0;
                        t->for_each([&](const group_view& g) {
                            const std::string book(g.key.back());
                            doubled = doubled && key_is_the_rows(g);
                            for (const crossfoot::currency_total& x : g.totals) {
                                const auto it = expected.find({book, std::string(x.currency.code())});
                                doubled = doubled && it != expected.end() && x.total == it->second.first + it->second.first &&
                                          x.rows == 2 * it->second.second;
                                ++seen_twice;
                            }
                        });
                        BOOST_TEST(doubled);
                        BOOST_TEST(seen_twice == expected.size());
                    }
                }
            }
        }
    }
    // Converted too, every row at one date (the four currencies the built-in rates hold):
    // each group's dense totals and, after them, its converted total (a cell).
    const std::string four = ledger(200000, 40000, 19, 4);
    const added_up expected_four = add_up(four);
    const partial_aggregate converted =
        run_csv(four, at_one_date(converting({"book"}, "USD", convert_rounding::total)), 0, 2);
    bool as_added = true;
    std::size_t with_converted = 0;
    converted.groups.for_each([&](const group_view& g) {
        as_added =
            as_added && std::ranges::is_sorted(g.totals, {}, &crossfoot::currency_total::currency);
        for (const crossfoot::currency_total& t : g.totals) {
            const auto it =
                expected_four.find({std::string(g.key.back()), std::string(t.currency.code())});
            as_added = as_added && it != expected_four.end() && it->second.first == t.total &&
                       it->second.second == t.rows;
        }
        with_converted += g.converted != nullptr ? 1U : 0U;
    });
    BOOST_TEST(as_added);
    BOOST_TEST(with_converted == converted.groups.size());
}

// The reports of tens of thousands of groups, made on one to three threads a range of the
// key order each (8,192 groups a range): byte-identical, with and without converted totals,
// read with and without runs on disk.
BOOST_AUTO_TEST_CASE(reports_are_byte_identical_whatever_their_threads) {
    const std::string text = ledger(40000, 30000, 13);
    for (const aggregate_options& options :
         {grouped_by({"desk", "book"}), at_one_date(converting({"book"}, "USD", convert_rounding::total))}) {
        const partial_aggregate reference = run_csv(text, options, 0, 1);
        BOOST_TEST_REQUIRE(reference.groups.size() > 2U * 8192U);
        const std::string csv = crossfoot::format_aggregate_csv(reference);
        const std::string json = crossfoot::format_aggregate_json(reference);
        const std::string table = crossfoot::format_aggregate_text(reference);
        for (const std::size_t limit : {std::size_t{0}, std::size_t{256} << 10}) {
            const partial_aggregate p = run_csv(text, options, limit, 2);
            if (limit != 0) BOOST_TEST(p.groups.runs() > 0U);
            for (const unsigned threads : {1U, 2U, 3U}) {
                BOOST_TEST_CONTEXT("limit " << limit << ", report on " << threads << " threads") {
                    BOOST_TEST(crossfoot::format_aggregate_csv(p, threads) == csv);
                    BOOST_TEST(crossfoot::format_aggregate_json(p, threads) == json);
                    BOOST_TEST(crossfoot::format_aggregate_text(p, threads) == table);
                }
            }
        }
    }
}

// The limit is one budget for every table of a run, not an equal share each: on one thread
// the worker's table may take nearly all of it, and it hands what it takes to the result's
// table with its groups. The table is laid out dense near its end, when it needs about 3.25
// times what it holds after (the new arrays beside the old): four times that is room for it,
// an equal share of it between the two tables (half) is not.
BOOST_AUTO_TEST_CASE(one_table_may_take_most_of_the_limit) {
    const std::string text = ledger(20000, 6000, 13);
    const aggregate_options options = grouped_by({"desk", "book"});
    const partial_aggregate unlimited = run_csv(text, options, 0, 1);
    const std::size_t held = unlimited.groups.memory_bytes();
    BOOST_TEST_REQUIRE(run_csv(text, options, 2 * held, 1).groups.runs() > 0U);
    const partial_aggregate limited = run_csv(text, options, 4 * held, 1);
    BOOST_TEST(limited.groups.runs() == 0U);
    BOOST_TEST(crossfoot::format_aggregate_csv(limited) == crossfoot::format_aggregate_csv(unlimited));
    // A fraction of what it holds, and the same groups go through runs on disk.
    const partial_aggregate spilled = run_csv(text, options, held / 2, 1);
    BOOST_TEST(spilled.groups.runs() > 0U);
    BOOST_TEST(crossfoot::format_aggregate_csv(spilled) == crossfoot::format_aggregate_csv(unlimited));
}

// A worker fetching ahead holds, for each queued row, the cell the slots named a few rows
// before; a spill empties the table in between. 12,000 short keys (held in the slots, so
// nothing else would catch a stale cell) in 4 currencies; one thread reads one piece. The
// unlimited table holds 6.5 MiB (measured in a release build), so the limit is about 3.2
// MiB: by a count by hand, the table passes 2^15 slots (16,384 entries, about 2.7 MiB), where
// fetching ahead starts for the rest of the piece, before its first spill, and then spills
// several times with rows queued. Each row's cell must be found again in the emptied table,
// not taken from before: with that check taken out, this crashed on a cell past the end of
// the emptied table. (A change to how bytes are counted or to the 2^15 threshold may need
// new sizes here. Two threads share the budget and spill earlier; one thread carries it.)
BOOST_AUTO_TEST_CASE(a_spill_while_fetching_ahead_changes_nothing) {
    const std::string text = ledger(80000, 12000, 17);
    const aggregate_options options = grouped_by({"book"});
    const partial_aggregate unlimited = run_csv(text, options, 0, 1);
    const std::size_t held = unlimited.groups.memory_bytes();
    for (const unsigned threads : {1U, 2U}) {
        BOOST_TEST_CONTEXT(threads << " threads") {
            const partial_aggregate spilled = run_csv(text, options, held / 2, threads);
            BOOST_TEST(spilled.groups.runs() > 1U);
            BOOST_TEST(crossfoot::format_aggregate_csv(spilled) == crossfoot::format_aggregate_csv(unlimited));
            BOOST_TEST((spilled == unlimited));
        }
    }
}

// The same through a ledger, where the worker packs a row's key from its fields (fetching
// ahead for the keys of two columns: about 12,000 keys in one currency, past 2^15 slots), and
// a table packs its stored keys again when it merges, spills and reads its runs back: every
// key a group of its own with its own total, on one thread and two, with and without a limit
// that spills. Grouped by one column (its short fields read as a word, 9-byte fields and
// dates packed), by two, and by three (hashed) for the paths beside.
BOOST_AUTO_TEST_CASE(keys_held_in_a_word_never_meet_in_a_ledger) {
    const std::vector<std::string> fields = fields_that_pack(false);
    std::string text = "a,b,c,currency,amount\n";
    const std::vector<key> groupings = {{"a"}, {"a", "b"}, {"a", "b", "c"}};
    std::vector<std::map<key, std::pair<decimal, std::uint64_t>>> expected(groupings.size());
    std::size_t n = 0;
    for (int pass = 0; pass < 2; ++pass) {
        for (const std::string& a : fields) {
            for (const std::string& b : fields) {
                ++n;
                const std::string amount = std::to_string(n % 1000) + "." + std::to_string(n % 10);
                const std::string c = n % 3 == 0 ? "x" : "";
                text += a + "," + b + "," + c + ",USD," + amount + "\n";
                for (const key& k : {key{a}, key{a, b}, key{a, b, c}}) {
                    auto& [total, rows] = expected[k.size() - 1].try_emplace(k, dec("0"), 0).first->second;
                    total = total + dec(amount);
                    ++rows;
                }
            }
        }
    }
    for (std::size_t i = 0; i < groupings.size(); ++i) {
        const aggregate_options options = grouped_by(groupings[i]);
        // A third of what the groups hold: the keys of two and three columns spill (the ~110
        // keys of one column are too few to).
        std::vector<std::size_t> limits = {0};
        if (groupings[i].size() > 1) limits.push_back(run_csv(text, options, 0, 1).groups.memory_bytes() / 3);
        for (const std::size_t limit : limits) {
            for (const unsigned threads : {1U, 2U}) {
                BOOST_TEST_CONTEXT(groupings[i].size() << " columns, limit " << limit << ", " << threads << " threads") {
                    const partial_aggregate p = run_csv(text, options, limit, threads);
                    if (limit > 0) BOOST_TEST(p.groups.runs() > 0U);
                    std::map<key, std::pair<decimal, std::uint64_t>> found;
                    p.groups.for_each([&](const group_view& g) {
                        BOOST_TEST(g.totals.size() == 1U);
                        found.emplace(key(g.key.begin(), g.key.end()), std::pair(g.totals[0].total, g.rows()));
                    });
                    BOOST_TEST(found.size() == expected[i].size());
                    BOOST_TEST((found == expected[i]));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(streams_and_files_spill_alike) {
    const std::string text = ledger(30000, 15000, 5);
    const aggregate_options base = grouped_by({"desk", "book"});
    const partial_aggregate reference = run_csv(text, base, 0, 2);
    aggregate_options options = base;
    options.memory_limit = 32 << 10;
    partial_aggregate streamed;
    std::istringstream input(text);
    BOOST_TEST_REQUIRE(crossfoot::aggregate_stream(input, "ledger.csv", options, &builtin(), streamed, {}, 2, {}, 4096)
                           .has_value());
    BOOST_TEST((streamed == reference));
    const auto path = std::filesystem::temp_directory_path() / ("crossfoot-spill-test-" + std::to_string(::getpid()) + ".csv");
    std::ofstream(path, std::ios::binary) << text;
    partial_aggregate filed;
    BOOST_TEST_REQUIRE(crossfoot::aggregate_file(path.string(), "ledger.csv", options, &builtin(), filed, {}, 2, {}, 8192)
                           .has_value());
    std::filesystem::remove(path);
    BOOST_TEST((filed == reference));
    BOOST_TEST(filed.groups.runs() > 0U);
}

BOOST_AUTO_TEST_CASE(a_spill_directory_that_cannot_be_written_is_the_inputs_error) {
    aggregate_options options = grouped_by({"book"});
    options.memory_limit = 1;
    options.spill_directory = "/nonexistent/crossfoot";
    partial_aggregate p;
    const auto done = crossfoot::aggregate_csv(ledger(2000, 1000, 3), "ledger.csv", options, &builtin(), p, {}, 2);
    BOOST_TEST_REQUIRE(!done.has_value());
    BOOST_TEST(done.error().code == "spill-failed");
    BOOST_TEST(done.error().file == "ledger.csv");
    BOOST_TEST(done.error().message.find("/nonexistent/crossfoot") != std::string::npos, done.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
