// tests/unit/currency_test.cpp: the ISO 4217 table, units of account, and the names and
// symbols that resolve to them.
// SPDX-License-Identifier: MIT
#include <crossfoot/amount.hpp>
#include <crossfoot/currency.hpp>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace {

using crossfoot::unit;

unit currency(std::string_view code) { return unit::currency(code).value(); }

// Boost.Test cannot print std::optional: compare what it holds as text.
std::string shown(std::optional<std::int32_t> minor_units) {
    return minor_units ? std::to_string(*minor_units) : "none";
}

std::vector<std::string> codes_of(std::span<const unit> units) {
    std::vector<std::string> out;
    for (const unit& u : units) out.emplace_back(u.code());
    return out;
}

struct iso_row {
    std::string_view code;
    std::uint16_t numeric;
    std::optional<std::int32_t> minor_units;  // nothing where ISO gives none
    friend std::ostream& operator<<(std::ostream& os, const iso_row& r) {
        return os << r.code << " " << r.numeric << " minor " << shown(r.minor_units);
    }
};
const iso_row iso_rows[] = {
    {"CNY", 156, 2}, {"USD", 840, 2}, {"EUR", 978, 2}, {"JPY", 392, 0}, {"KRW", 410, 0},
    {"HKD", 344, 2}, {"GBP", 826, 2}, {"BHD", 48, 3},  {"CLF", 990, 4}, {"XAU", 959, std::nullopt},
};

// Not codes: wrong case, wrong length, never assigned, or withdrawn long ago (DEM is in no
// rate history crossfoot reads).
const std::string_view not_codes[] = {"cny", "Cny", "cnY", "ZZZ", "", "CN", "CNYY", " CNY", "DEM"};

struct alias_row {
    std::string_view word;
    std::string_view code;
    friend std::ostream& operator<<(std::ostream& os, const alias_row& r) {
        return os << "'" << r.word << "' names " << r.code;
    }
};
// Every alias family of DESIGN.md, Currencies and units, with some case variants.
const alias_row alias_rows[] = {
    {"yuan", "CNY"},         {"Yuan", "CNY"},       {"YUAN", "CNY"},       {"renminbi", "CNY"},
    {"Renminbi", "CNY"},     {"RMB", "CNY"},        {"rmb", "CNY"},        {"元", "CNY"},
    {"人民币", "CNY"},       {"元人民币", "CNY"},   {"CNY", "CNY"},        {"cny", "CNY"},
    {"US$", "USD"},          {"us$", "USD"},        {"USD", "USD"},        {"usd", "USD"},
    {"US dollars", "USD"},   {"us dollars", "USD"}, {"US Dollars", "USD"}, {"US dollar", "USD"},
    {"U.S. dollars", "USD"}, {"美元", "USD"},       {"euro", "EUR"},       {"Euro", "EUR"},
    {"EURO", "EUR"},         {"euros", "EUR"},      {"€", "EUR"},          {"EUR", "EUR"},
    {"欧元", "EUR"},         {"won", "KRW"},        {"Won", "KRW"},        {"₩", "KRW"},
    {"KRW", "KRW"},          {"韩元", "KRW"},       {"yen", "JPY"},        {"Yen", "JPY"},
    {"円", "JPY"},           {"JPY", "JPY"},        {"日元", "JPY"},       {"HK$", "HKD"},
    {"hk$", "HKD"},          {"HKD", "HKD"},        {"港元", "HKD"},       {"£", "GBP"},
    {"GBP", "GBP"},          {"英镑", "GBP"},
    // Other currencies by their names, symbols and the prefixes of their own press.
    {"ringgit", "MYR"},      {"RM", "MYR"},         {"林吉特", "MYR"},     {"rupiah", "IDR"},
    {"Rp", "IDR"},           {"Indian rupees", "INR"}, {"印度卢比", "INR"}, {"Pakistani rupees", "PKR"},
    {"baht", "THB"},         {"฿", "THB"},          {"泰铢", "THB"},       {"dong", "VND"},
    {"đồng", "VND"},         {"₫", "VND"},          {"越南盾", "VND"},     {"₱", "PHP"},
    {"Philippine pesos", "PHP"}, {"Mexican pesos", "MXN"}, {"rubles", "RUB"}, {"roubles", "RUB"},
    {"₽", "RUB"},            {"卢布", "RUB"},       {"R$", "BRL"},         {"reais", "BRL"},
    {"rand", "ZAR"},         {"R", "ZAR"},         {"Turkish lira", "TRY"}, {"₺", "TRY"},        {"zloty", "PLN"},
    {"złoty", "PLN"},        {"forints", "HUF"},    {"kronor", "SEK"},     {"Norwegian kroner", "NOK"},
    {"Danish kroner", "DKK"}, {"瑞士法郎", "CHF"},  {"naira", "NGN"},      {"shekels", "ILS"},
    {"NIS", "ILS"},          {"UAE dirhams", "AED"}, {"Saudi riyals", "SAR"}, {"taka", "BDT"},
    {"tenge", "KZT"},        {"hryvnias", "UAH"},   {"patacas", "MOP"},    {"澳门元", "MOP"},
    {"Australian dollars", "AUD"}, {"Canadian dollars", "CAD"}, {"Singapore dollars", "SGD"},
    {"NZ$", "NZD"},          {"New Taiwan dollars", "TWD"},
};

const std::string_view unknown_words[] = {"zorkmid", "",   " ",       "yuanyuan", "yuan ",
                                          "$$",      "US", "dollarz", "元元",     "billion"};

}  // namespace

BOOST_AUTO_TEST_SUITE(currency_table)

BOOST_AUTO_TEST_CASE(is_sorted_by_code_without_duplicates) {
    const auto table = crossfoot::iso4217_currencies();
    BOOST_TEST_REQUIRE(!table.empty());
    for (std::size_t i = 1; i < table.size(); ++i) {
        BOOST_TEST_CONTEXT("rows " << table[i - 1].code << " and " << table[i].code) {
            BOOST_TEST(table[i - 1].code < table[i].code);
        }
    }
}

BOOST_AUTO_TEST_CASE(numeric_codes_are_unique) {
    std::set<std::uint16_t> seen;
    for (const auto& c : crossfoot::iso4217_currencies()) {
        BOOST_TEST_CONTEXT(c.code << " " << c.numeric) {
            BOOST_TEST(seen.insert(c.numeric).second);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_row_is_found_by_its_code) {
    for (const auto& c : crossfoot::iso4217_currencies()) {
        BOOST_TEST_CONTEXT(c.code) {
            BOOST_TEST(crossfoot::find_currency(c.code) == &c);
            BOOST_TEST(c.code.size() == 3U);
            BOOST_TEST(!c.name.empty());
        }
    }
}

BOOST_DATA_TEST_CASE(gives_numeric_code_and_minor_units, boost::unit_test::data::make(iso_rows),
                     r) {
    const crossfoot::currency_info* info = crossfoot::find_currency(r.code);
    BOOST_TEST_REQUIRE(info != nullptr);
    BOOST_TEST(info->code == r.code);
    BOOST_TEST(info->numeric == r.numeric);
    BOOST_TEST(static_cast<int>(info->minor_units) == (r.minor_units ? *r.minor_units : -1));
    BOOST_TEST(shown(currency(r.code).minor_units()) == shown(r.minor_units));
}

BOOST_AUTO_TEST_CASE(names_are_iso_english_names) {
    BOOST_TEST(crossfoot::find_currency("CNY")->name == "Yuan Renminbi");
    BOOST_TEST(crossfoot::find_currency("USD")->name == "US Dollar");
    BOOST_TEST(crossfoot::find_currency("XAU")->name == "Gold");
}

BOOST_DATA_TEST_CASE(refuses_lower_case_and_unknown_codes, boost::unit_test::data::make(not_codes),
                     code) {
    BOOST_TEST(crossfoot::find_currency(code) == nullptr);
    BOOST_TEST(!unit::currency(code).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(currency_unit)

BOOST_AUTO_TEST_CASE(default_unit_is_count) {
    const unit u;
    BOOST_TEST(u.is_count());
    BOOST_TEST(!u.is_currency());
    BOOST_TEST(u == unit::count());
    BOOST_TEST(u.code() == "count");
    BOOST_TEST(shown(u.minor_units()) == "0");
}

BOOST_AUTO_TEST_CASE(currency_is_not_count) {
    const unit cny = currency("CNY");
    BOOST_TEST(cny.is_currency());
    BOOST_TEST(!cny.is_count());
    BOOST_TEST(cny != unit::count());
    BOOST_TEST(cny.code() == "CNY");
    BOOST_TEST(shown(cny.minor_units()) == "2");
}

BOOST_AUTO_TEST_CASE(equal_codes_make_equal_units) {
    BOOST_TEST(currency("USD") == currency("USD"));
    BOOST_TEST(currency("USD") != currency("HKD"));
}

BOOST_AUTO_TEST_CASE(every_table_code_makes_a_unit_with_that_code) {
    for (const auto& c : crossfoot::iso4217_currencies()) {
        BOOST_TEST_CONTEXT(c.code) {
            const auto u = unit::currency(c.code);
            BOOST_TEST_REQUIRE(u.has_value());
            BOOST_TEST(u->code() == c.code);
            BOOST_TEST(u->is_currency());
        }
    }
}

BOOST_AUTO_TEST_CASE(orders_count_first_then_by_code) {
    std::vector<unit> units = {currency("USD"), currency("AED"), unit::count(),
                               currency("CNY"), currency("ZWG"), currency("EUR")};
    std::sort(units.begin(), units.end());
    const std::vector<std::string> expected = {"count", "AED", "CNY", "EUR", "USD", "ZWG"};
    BOOST_TEST(codes_of(units) == expected, boost::test_tools::per_element());
    BOOST_TEST((unit::count() < currency("AED")));
    BOOST_TEST((currency("CNY") < currency("USD")));
    BOOST_TEST(((currency("USD") <=> currency("USD")) == std::strong_ordering::equal));
}

BOOST_AUTO_TEST_CASE(hashes_consistently_with_equality) {
    const std::hash<unit> hash;
    BOOST_TEST(hash(currency("CNY")) == hash(currency("CNY")));
    BOOST_TEST(hash(unit()) == hash(unit::count()));
    std::unordered_set<unit> set = {currency("CNY"), currency("USD"), unit::count()};
    set.insert(currency("CNY"));
    set.insert(unit());
    BOOST_TEST(set.size() == 3U);
    BOOST_TEST(set.contains(currency("USD")));
    BOOST_TEST(!set.contains(currency("EUR")));
}

BOOST_AUTO_TEST_CASE(prints_its_code) {
    std::ostringstream os;
    os << currency("KRW") << " " << unit::count();
    BOOST_TEST(os.str() == "KRW count");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(currency_names)

BOOST_DATA_TEST_CASE(name_one_currency, boost::unit_test::data::make(alias_rows), r) {
    const auto candidates = crossfoot::currency_candidates(r.word);
    BOOST_TEST_REQUIRE(candidates.size() == 1U);
    BOOST_TEST(candidates.front().code() == r.code);
}

// The quick test never turns away a name the table knows, nor a text that begins with one.
BOOST_DATA_TEST_CASE(may_name_currency_admits_every_name, boost::unit_test::data::make(alias_rows), r) {
    BOOST_TEST(crossfoot::may_name_currency(r.word));
    BOOST_TEST(crossfoot::may_name_currency(std::string(r.word) + "5 billion"));
}

// Found by fuzz_amount: a withdrawn code ("ROL", the old Romanian leu) indexed the table of
// current codes past its end, and `crossfoot sum 'ROL 5'` crashed.
BOOST_AUTO_TEST_CASE(a_withdrawn_code_names_its_currency) {
    for (const auto& c : crossfoot::iso4217_withdrawn_currencies()) {
        const auto candidates = crossfoot::currency_candidates(c.code);
        BOOST_TEST_REQUIRE(candidates.size() == 1U, c.code);
        BOOST_TEST(candidates.front().code() == c.code);
    }
    const auto amount = crossfoot::parse_amount("-ROL5");
    BOOST_TEST_REQUIRE(amount.has_value());
    BOOST_TEST(amount->amount.unit().code() == "ROL");
}

BOOST_AUTO_TEST_CASE(may_name_currency_turns_away_plain_words) {
    BOOST_TEST(crossfoot::may_name_currency("$5"));
    BOOST_TEST(crossfoot::may_name_currency("usd"));
    BOOST_TEST(crossfoot::may_name_currency("¥"));
    BOOST_TEST(!crossfoot::may_name_currency(""));
    BOOST_TEST(!crossfoot::may_name_currency("experts"));
    BOOST_TEST(!crossfoot::may_name_currency("会议"));
}

BOOST_DATA_TEST_CASE(resolve_without_assumption_whatever_the_default,
                     boost::unit_test::data::make(alias_rows), r) {
    const auto alone = crossfoot::resolve_currency(r.word, std::nullopt);
    BOOST_TEST_REQUIRE(alone.has_value());
    BOOST_TEST(alone->unit.code() == r.code);
    BOOST_TEST(!alone->assumed);
    // An unambiguous name wins over the default currency and is not an assumption.
    const auto with_default = crossfoot::resolve_currency(r.word, currency("AUD"));
    BOOST_TEST_REQUIRE(with_default.has_value());
    BOOST_TEST(with_default->unit.code() == r.code);
    BOOST_TEST(!with_default->assumed);
}

BOOST_DATA_TEST_CASE(unknown_words_name_no_currency, boost::unit_test::data::make(unknown_words),
                     word) {
    BOOST_TEST(crossfoot::currency_candidates(word).empty());
    const auto resolved = crossfoot::resolve_currency(word, currency("CNY"));
    BOOST_TEST_REQUIRE(!resolved.has_value());
    BOOST_TEST(resolved.error() == "'" + std::string(word) + "' names no currency");
}

BOOST_AUTO_TEST_CASE(dollar_sign_may_name_several_dollars) {
    const auto candidates = codes_of(crossfoot::currency_candidates("$"));
    BOOST_TEST(candidates.size() > 1U);
    BOOST_TEST(candidates.front() == "USD");  // the usual reading comes first
    for (const std::string_view code : {"USD", "HKD", "AUD", "CAD", "SGD"}) {
        BOOST_TEST_CONTEXT(code) {
            BOOST_TEST(std::ranges::count(candidates, std::string(code)) == 1);
        }
    }
    BOOST_TEST(std::ranges::count(candidates, std::string("CNY")) == 0);
    BOOST_TEST(codes_of(crossfoot::currency_candidates("dollars")) == candidates,
               boost::test_tools::per_element());
}

// A name that several countries' currencies share names them all, and resolves only through
// the default currency: "rupees" are Indian, Pakistani, Sri Lankan or Nepalese.
BOOST_AUTO_TEST_CASE(shared_names_name_every_currency_that_shares_them) {
    const std::vector<std::string> rupees = {"INR", "PKR", "LKR", "NPR"};
    for (const std::string_view word : {"rupees", "Rs", "Rs.", "卢比"})
        BOOST_TEST(codes_of(crossfoot::currency_candidates(word)) == rupees, boost::test_tools::per_element());
    BOOST_TEST(crossfoot::currency_candidates("pesos").size() == 8U);
    BOOST_TEST(crossfoot::currency_candidates("kroner").size() == 2U);
    BOOST_TEST(crossfoot::currency_candidates("lira").size() == 3U);
    const auto alone = crossfoot::resolve_currency("Rs", std::nullopt);
    BOOST_TEST_REQUIRE(!alone.has_value());
    BOOST_TEST(alone.error() == "'Rs' could be INR, PKR, LKR, NPR; no default currency is given");
    const auto indian = crossfoot::resolve_currency("Rs", currency("INR"));
    BOOST_TEST_REQUIRE(indian.has_value());
    BOOST_TEST(indian->unit.code() == "INR");
    BOOST_TEST(indian->assumed);
}

BOOST_AUTO_TEST_CASE(yen_sign_may_name_yuan_or_yen) {
    const std::vector<std::string> expected = {"CNY", "JPY"};
    BOOST_TEST(codes_of(crossfoot::currency_candidates("¥")) == expected,
               boost::test_tools::per_element());
    BOOST_TEST(codes_of(crossfoot::currency_candidates("￥")) == expected,  // full width
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ambiguous_symbol_resolves_through_default_as_an_assumption) {
    const auto yuan = crossfoot::resolve_currency("¥", currency("CNY"));
    BOOST_TEST_REQUIRE(yuan.has_value());
    BOOST_TEST(yuan->unit.code() == "CNY");
    BOOST_TEST(yuan->assumed);

    const auto yen = crossfoot::resolve_currency("¥", currency("JPY"));
    BOOST_TEST_REQUIRE(yen.has_value());
    BOOST_TEST(yen->unit.code() == "JPY");
    BOOST_TEST(yen->assumed);

    const auto hk = crossfoot::resolve_currency("$", currency("HKD"));
    BOOST_TEST_REQUIRE(hk.has_value());
    BOOST_TEST((*hk == crossfoot::resolved_unit{currency("HKD"), true}));
}

BOOST_AUTO_TEST_CASE(ambiguous_symbol_without_default_is_refused_naming_candidates) {
    const auto dollar = crossfoot::resolve_currency("$", std::nullopt);
    BOOST_TEST_REQUIRE(!dollar.has_value());
    BOOST_TEST(dollar.error() ==
               "'$' could be USD, HKD, AUD, CAD, NZD, SGD, TWD, MXN; no default currency is "
               "given");

    const auto yen = crossfoot::resolve_currency("¥", std::nullopt);
    BOOST_TEST_REQUIRE(!yen.has_value());
    BOOST_TEST(yen.error() == "'¥' could be CNY, JPY; no default currency is given");
}

BOOST_AUTO_TEST_CASE(ambiguous_symbol_with_default_not_a_candidate_is_refused) {
    const auto yen = crossfoot::resolve_currency("¥", currency("EUR"));
    BOOST_TEST_REQUIRE(!yen.has_value());
    BOOST_TEST(yen.error() == "'¥' could be CNY, JPY; the default currency EUR is none of them");

    const auto dollar = crossfoot::resolve_currency("$", currency("CNY"));
    BOOST_TEST_REQUIRE(!dollar.has_value());
    BOOST_TEST(dollar.error() ==
               "'$' could be USD, HKD, AUD, CAD, NZD, SGD, TWD, MXN; the default currency CNY "
               "is none of them");

    const auto count = crossfoot::resolve_currency("$", unit::count());
    BOOST_TEST_REQUIRE(!count.has_value());
}

// The span of a single ISO code must not be overwritten by the next look-up.
BOOST_AUTO_TEST_CASE(candidates_stay_valid_after_another_lookup) {
    const auto usd = crossfoot::currency_candidates("USD");
    const auto eur = crossfoot::currency_candidates("eur");
    const auto yuan = crossfoot::currency_candidates("yuan");
    BOOST_TEST_REQUIRE(usd.size() == 1U);
    BOOST_TEST_REQUIRE(eur.size() == 1U);
    BOOST_TEST_REQUIRE(yuan.size() == 1U);
    BOOST_TEST(usd.front().code() == "USD");
    BOOST_TEST(eur.front().code() == "EUR");
    BOOST_TEST(yuan.front().code() == "CNY");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(currency_count_nouns)

BOOST_AUTO_TEST_CASE(recognises_english_and_chinese_count_nouns) {
    for (const std::string_view word :
         {"projects", "project", "Projects", "PROJECTS", "companies", "company", "institutions",
          "enterprises", "funds", "家", "个", "项", "项目", "企业", "公司"}) {
        BOOST_TEST_CONTEXT(word) { BOOST_TEST(crossfoot::is_count_noun(word)); }
    }
}

BOOST_AUTO_TEST_CASE(currencies_and_other_words_are_not_count_nouns) {
    for (const std::string_view word :
         {"yuan", "USD", "元", "billion", "", " projects", "projectss", "foreign-funded"}) {
        BOOST_TEST_CONTEXT(word) { BOOST_TEST(!crossfoot::is_count_noun(word)); }
    }
}

BOOST_AUTO_TEST_SUITE_END()

// Withdrawn codes that rate histories carry are known, but not listed as active.
BOOST_AUTO_TEST_CASE(knows_withdrawn_codes_of_rate_histories) {
    for (const std::string_view code : {"HRK", "CYP", "EEK", "LTL", "LVL", "MTL", "ROL", "SIT",
                                        "SKK", "TRL"}) {
        BOOST_TEST_CONTEXT(code) {
            const crossfoot::currency_info* info = crossfoot::find_currency(code);
            BOOST_TEST_REQUIRE(info != nullptr);
            BOOST_TEST(info->code == code);
            const auto active = crossfoot::iso4217_currencies();
            BOOST_TEST(std::none_of(active.begin(), active.end(),
                                    [&](const auto& c) { return c.code == code; }));
        }
    }
    BOOST_TEST(crossfoot::find_currency("HRK")->numeric == 191);
}
