// engine/core/currency.cpp: units of account, and the English and Chinese names and symbols of
// currencies and countable things.
// SPDX-License-Identifier: MIT
#include <crossfoot/currency.hpp>

#include "text.hpp"

#include <algorithm>
#include <unordered_map>
#include <ostream>
#include <vector>

namespace crossfoot {

namespace {

using text::ascii_lower;
using text::ascii_upper;


// Symbols whose currency depends on the document: resolved through a default currency.
constexpr std::array<std::string_view, 8> dollar_codes = {"USD", "HKD", "AUD", "CAD",
                                                          "NZD", "SGD", "TWD", "MXN"};
constexpr std::array<std::string_view, 2> yen_yuan_codes = {"CNY", "JPY"};
constexpr std::array<std::string_view, 4> rupee_codes = {"INR", "PKR", "LKR", "NPR"};
constexpr std::array<std::string_view, 8> peso_codes = {"MXN", "PHP", "ARS", "CLP", "COP", "UYU", "DOP", "CUP"};
constexpr std::array<std::string_view, 2> peso_sign_codes = {"PHP", "BWP"};
constexpr std::array<std::string_view, 2> krone_codes = {"DKK", "NOK"};
constexpr std::array<std::string_view, 2> dirham_codes = {"AED", "MAD"};
constexpr std::array<std::string_view, 2> riyal_codes = {"SAR", "QAR"};
constexpr std::array<std::string_view, 3> lira_codes = {"TRY", "LBP", "SYP"};

struct alias {
    std::string_view text;  // lower case for ASCII words
    std::string_view code;  // empty: ambiguous, see `ambiguous`
    std::span<const std::string_view> ambiguous;
};

constexpr alias aliases[] = {
    // Chinese yuan (renminbi)
    {"yuan", "CNY", {}},
    {"renminbi", "CNY", {}},
    {"rmb", "CNY", {}},
    {"yuan renminbi", "CNY", {}},
    {"chinese yuan", "CNY", {}},
    {"cn¥", "CNY", {}},
    {"元", "CNY", {}},
    {"人民币", "CNY", {}},
    {"元人民币", "CNY", {}},
    {"人民币元", "CNY", {}},
    {"人民元", "CNY", {}},
    // US dollar
    {"us$", "USD", {}},
    {"us dollar", "USD", {}},
    {"us dollars", "USD", {}},
    {"u.s. dollar", "USD", {}},
    {"u.s. dollars", "USD", {}},
    {"美元", "USD", {}},
    {"美金", "USD", {}},
    {"米ドル", "USD", {}},
    {"米国ドル", "USD", {}},
    // euro
    {"euro", "EUR", {}},
    {"euros", "EUR", {}},
    {"€", "EUR", {}},
    {"欧元", "EUR", {}},
    {"ユーロ", "EUR", {}},
    // Korean won
    {"won", "KRW", {}},
    {"korean won", "KRW", {}},
    {"₩", "KRW", {}},
    {"韩元", "KRW", {}},
    {"韩币", "KRW", {}},
    {"ウォン", "KRW", {}},
    // Japanese yen
    {"yen", "JPY", {}},
    {"japanese yen", "JPY", {}},
    {"jp¥", "JPY", {}},
    {"円", "JPY", {}},
    {"日元", "JPY", {}},
    {"日圆", "JPY", {}},
    // Hong Kong dollar
    {"hk$", "HKD", {}},
    {"hong kong dollar", "HKD", {}},
    {"hong kong dollars", "HKD", {}},
    {"港元", "HKD", {}},
    {"港币", "HKD", {}},
    {"香港ドル", "HKD", {}},
    // pound sterling
    {"£", "GBP", {}},
    {"pound sterling", "GBP", {}},
    {"pounds sterling", "GBP", {}},
    {"sterling", "GBP", {}},
    {"英镑", "GBP", {}},
    {"英ポンド", "GBP", {}},
    // other dollars and symbols that name one currency
    {"a$", "AUD", {}},
    {"c$", "CAD", {}},
    {"s$", "SGD", {}},
    {"nt$", "TWD", {}},
    {"₹", "INR", {}},
    {"swiss franc", "CHF", {}},
    {"swiss francs", "CHF", {}},
    {"澳元", "AUD", {}},
    {"加元", "CAD", {}},
    {"新加坡元", "SGD", {}},
    {"新台币", "TWD", {}},
    {"豪ドル", "AUD", {}},
    // other currencies by name, symbol or the prefix their own press writes ("RM14.75 billion",
    // "Rp 5 trillion"); a name that several countries share is ambiguous, below
    {"ringgit", "MYR", {}},
    {"malaysian ringgit", "MYR", {}},
    {"rm", "MYR", {}},
    {"林吉特", "MYR", {}},
    {"马来西亚林吉特", "MYR", {}},
    {"马币", "MYR", {}},
    {"リンギット", "MYR", {}},
    {"rupiah", "IDR", {}},
    {"indonesian rupiah", "IDR", {}},
    {"rp", "IDR", {}},
    {"印尼盾", "IDR", {}},
    {"印度尼西亚盾", "IDR", {}},
    {"ルピア", "IDR", {}},
    {"indian rupee", "INR", {}},
    {"indian rupees", "INR", {}},
    {"印度卢比", "INR", {}},
    {"インドルピー", "INR", {}},
    {"pakistani rupee", "PKR", {}},
    {"pakistani rupees", "PKR", {}},
    {"sri lankan rupee", "LKR", {}},
    {"sri lankan rupees", "LKR", {}},
    {"nepalese rupee", "NPR", {}},
    {"nepalese rupees", "NPR", {}},
    {"baht", "THB", {}},
    {"thai baht", "THB", {}},
    {"฿", "THB", {}},
    {"泰铢", "THB", {}},
    {"バーツ", "THB", {}},
    {"dong", "VND", {}},
    {"vietnamese dong", "VND", {}},
    {"đồng", "VND", {}},
    {"₫", "VND", {}},
    {"越南盾", "VND", {}},
    {"philippine peso", "PHP", {}},
    {"philippine pesos", "PHP", {}},
    {"₱", "PHP", {}},
    {"菲律宾比索", "PHP", {}},
    {"フィリピンペソ", "PHP", {}},
    {"mexican peso", "MXN", {}},
    {"mexican pesos", "MXN", {}},
    {"墨西哥比索", "MXN", {}},
    {"メキシコペソ", "MXN", {}},
    {"argentine peso", "ARS", {}},
    {"argentine pesos", "ARS", {}},
    {"chilean peso", "CLP", {}},
    {"chilean pesos", "CLP", {}},
    {"colombian peso", "COP", {}},
    {"colombian pesos", "COP", {}},
    {"ruble", "RUB", {}},
    {"rubles", "RUB", {}},
    {"rouble", "RUB", {}},
    {"roubles", "RUB", {}},
    {"russian ruble", "RUB", {}},
    {"russian rubles", "RUB", {}},
    {"russian rouble", "RUB", {}},
    {"russian roubles", "RUB", {}},
    {"₽", "RUB", {}},
    {"卢布", "RUB", {}},
    {"ルーブル", "RUB", {}},
    {"r$", "BRL", {}},
    {"reais", "BRL", {}},
    {"brazilian real", "BRL", {}},
    {"brazilian reais", "BRL", {}},
    {"巴西雷亚尔", "BRL", {}},
    {"雷亚尔", "BRL", {}},
    {"レアル", "BRL", {}},
    {"rand", "ZAR", {}},
    {"r", "ZAR", {}},  // "R1.5 billion": in running text only before a scale
    {"south african rand", "ZAR", {}},
    {"南非兰特", "ZAR", {}},
    {"兰特", "ZAR", {}},
    {"ランド", "ZAR", {}},
    {"lebanese pound", "LBP", {}},
    {"lebanese pounds", "LBP", {}},
    {"lebanese lira", "LBP", {}},
    {"syrian pound", "SYP", {}},
    {"syrian pounds", "SYP", {}},
    {"turkish lira", "TRY", {}},
    {"turkish liras", "TRY", {}},
    {"₺", "TRY", {}},
    {"土耳其里拉", "TRY", {}},
    {"トルコリラ", "TRY", {}},
    {"zloty", "PLN", {}},
    {"zlotys", "PLN", {}},
    {"złoty", "PLN", {}},
    {"złotys", "PLN", {}},
    {"polish zloty", "PLN", {}},
    {"兹罗提", "PLN", {}},
    {"ズロチ", "PLN", {}},
    {"forint", "HUF", {}},
    {"forints", "HUF", {}},
    {"hungarian forint", "HUF", {}},
    {"福林", "HUF", {}},
    {"kronor", "SEK", {}},
    {"swedish krona", "SEK", {}},
    {"swedish kronor", "SEK", {}},
    {"瑞典克朗", "SEK", {}},
    {"スウェーデンクローナ", "SEK", {}},
    {"norwegian krone", "NOK", {}},
    {"norwegian kroner", "NOK", {}},
    {"挪威克朗", "NOK", {}},
    {"ノルウェークローネ", "NOK", {}},
    {"danish krone", "DKK", {}},
    {"danish kroner", "DKK", {}},
    {"丹麦克朗", "DKK", {}},
    {"デンマーククローネ", "DKK", {}},
    {"瑞士法郎", "CHF", {}},
    {"スイスフラン", "CHF", {}},
    {"naira", "NGN", {}},
    {"₦", "NGN", {}},
    {"shekel", "ILS", {}},
    {"shekels", "ILS", {}},
    {"new shekels", "ILS", {}},
    {"nis", "ILS", {}},
    {"₪", "ILS", {}},
    {"uae dirham", "AED", {}},
    {"uae dirhams", "AED", {}},
    {"阿联酋迪拉姆", "AED", {}},
    {"saudi riyal", "SAR", {}},
    {"saudi riyals", "SAR", {}},
    {"沙特里亚尔", "SAR", {}},
    {"qatari riyal", "QAR", {}},
    {"qatari riyals", "QAR", {}},
    {"egyptian pound", "EGP", {}},
    {"egyptian pounds", "EGP", {}},
    {"kenyan shilling", "KES", {}},
    {"kenyan shillings", "KES", {}},
    {"taka", "BDT", {}},
    {"৳", "BDT", {}},
    {"tenge", "KZT", {}},
    {"₸", "KZT", {}},
    {"坚戈", "KZT", {}},
    {"hryvnia", "UAH", {}},
    {"hryvnias", "UAH", {}},
    {"hryvnas", "UAH", {}},
    {"₴", "UAH", {}},
    {"pataca", "MOP", {}},
    {"patacas", "MOP", {}},
    {"澳门元", "MOP", {}},
    {"澳门币", "MOP", {}},
    {"kyat", "MMK", {}},
    {"kyats", "MMK", {}},
    {"riel", "KHR", {}},
    {"riels", "KHR", {}},
    {"australian dollar", "AUD", {}},
    {"australian dollars", "AUD", {}},
    {"澳大利亚元", "AUD", {}},
    {"canadian dollar", "CAD", {}},
    {"canadian dollars", "CAD", {}},
    {"加拿大元", "CAD", {}},
    {"カナダドル", "CAD", {}},
    {"singapore dollar", "SGD", {}},
    {"singapore dollars", "SGD", {}},
    {"シンガポールドル", "SGD", {}},
    {"new zealand dollar", "NZD", {}},
    {"new zealand dollars", "NZD", {}},
    {"nz$", "NZD", {}},
    {"新西兰元", "NZD", {}},
    {"纽元", "NZD", {}},
    {"ニュージーランドドル", "NZD", {}},
    {"new taiwan dollar", "TWD", {}},
    {"new taiwan dollars", "TWD", {}},
    {"taiwan dollar", "TWD", {}},
    {"taiwan dollars", "TWD", {}},
    {"台湾ドル", "TWD", {}},
    // ambiguous: resolved through the caller's default currency
    {"rupee", "", rupee_codes},
    {"rupees", "", rupee_codes},
    {"rs", "", rupee_codes},
    {"rs.", "", rupee_codes},
    {"卢比", "", rupee_codes},
    {"ルピー", "", rupee_codes},
    {"p", "", peso_sign_codes},  // the Philippine press's "P950 billion"; the pula's sign
    {"peso", "", peso_codes},
    {"pesos", "", peso_codes},
    {"比索", "", peso_codes},
    {"ペソ", "", peso_codes},
    {"krone", "", krone_codes},
    {"kroner", "", krone_codes},
    {"dirham", "", dirham_codes},
    {"dirhams", "", dirham_codes},
    {"lira", "", lira_codes},
    {"liras", "", lira_codes},
    {"riyal", "", riyal_codes},
    {"riyals", "", riyal_codes},
    {"$", "", dollar_codes},
    {"dollar", "", dollar_codes},
    {"dollars", "", dollar_codes},
    {"ドル", "", dollar_codes},
    {"¥", "", yen_yuan_codes},
    {"￥", "", yen_yuan_codes},
};

constexpr std::string_view count_nouns[] = {
    "project", "projects", "company", "companies", "institution", "institutions",
    "enterprise", "enterprises", "firm", "firms", "fund", "funds", "bank", "banks",
    "deal", "deals", "contract", "contracts", "item", "items", "investor", "investors",
    "vehicle", "vehicles", "car", "cars", "job", "jobs", "people", "person", "persons",
    "employee", "employees", "factory", "factories", "plant", "plants", "unicorn", "unicorns",
    "country", "countries", "city", "cities", "province", "provinces", "region", "regions",
    "household", "households", "home", "homes", "unit", "units", "school", "schools",
    "hospital", "hospitals", "member", "members", "partner", "partners", "startup",
    "startups", "start-ups", "agreement", "agreements", "loan", "loans", "transaction",
    "transactions", "branch", "branches", "site", "sites", "store", "stores", "product",
    "products", "patent", "patents", "case", "cases", "worker", "workers", "student",
    "students", "visitor", "visitors", "village", "villages", "farm", "farms", "facility",
    "facilities", "organisation", "organisations", "organization", "organizations",
    "count", "个", "项", "家", "个项目", "项目", "家企业", "企业", "家公司", "公司", "家机构",
    "机构", "辆", "人", "名", "个国家", "国家", "座", "所", "户", "件", "宗", "笔", "位", "台",
    "款", "场", "批", "国", "社", "カ国", "か国", "ヵ国", "カ所", "か所", "店", "校", "人次",
};

// Units are built from table codes only; each named code is checked against the table.
std::vector<unit> units_of(std::span<const std::string_view> codes) {
    std::vector<unit> out;
    for (const std::string_view code : codes) out.push_back(unit::currency(code).value());
    return out;
}

// One vector of candidates per alias, built once (the table above is constant).
const std::vector<std::vector<unit>>& alias_units() {
    static const std::vector<std::vector<unit>> table = [] {
        std::vector<std::vector<unit>> out;
        for (const alias& a : aliases) {
            const std::string_view single[] = {a.code};
            out.push_back(a.code.empty() ? units_of(a.ambiguous) : units_of(single));
        }
        return out;
    }();
    return table;
}

// One unit per row of the ISO table, then one per withdrawn code ("HRK", "ROL"), in table
// order, built once: the span returned for an ISO code points into it, so it stays valid
// after later look-ups.
const std::vector<unit>& iso_units() {
    static const std::vector<unit> units = [] {
        std::vector<unit> out;
        for (const currency_info& c : iso4217_currencies()) out.push_back(unit::currency(c.code).value());
        for (const currency_info& c : iso4217_withdrawn_currencies()) out.push_back(unit::currency(c.code).value());
        return out;
    }();
    return units;
}

// The row of the table built by iso_units() for a currency found by find_currency, whichever
// of the two ISO tables holds it.
std::size_t iso_row(const currency_info* info) {
    const auto active = iso4217_currencies();
    if (info >= active.data() && info < active.data() + active.size())
        return static_cast<std::size_t>(info - active.data());
    return active.size() + static_cast<std::size_t>(info - iso4217_withdrawn_currencies().data());
}

std::string join_codes(std::span<const unit> units) {
    std::string out;
    for (const unit& u : units) {
        if (!out.empty()) out += ", ";
        out += u.code();
    }
    return out;
}

}  // namespace

std::optional<unit> unit::currency(std::string_view iso_code) noexcept {
    const currency_info* info = find_currency(iso_code);
    if (info == nullptr) return std::nullopt;
    unit u;
    std::copy_n(info->code.begin(), 3, u.code_.begin());
    return u;
}

std::string_view unit::code() const noexcept {
    if (is_count()) return "count";
    if (is_percent()) return "%";
    if (is_points()) return "pp";
    return {code_.data(), code_.size()};
}

std::optional<std::int32_t> unit::minor_units() const noexcept {
    if (!is_currency()) return 0;
    const currency_info* info = find_currency(code());
    if (info == nullptr || info->minor_units < 0) return std::nullopt;
    return info->minor_units;
}

std::ostream& operator<<(std::ostream& os, const unit& u) { return os << u.code(); }


std::span<const unit> currency_candidates(std::string_view word) {
    if (word.empty() || word.size() > 32 || !may_name_currency(word)) return {};
    if (word.size() == 3) {
        char upper[3];
        for (std::size_t i = 0; i < 3; ++i)
            upper[i] = (word[i] >= 'a' && word[i] <= 'z') ? static_cast<char>(word[i] - 'a' + 'A') : word[i];
        if (const currency_info* info = find_currency(std::string_view(upper, 3))) {
            return std::span<const unit>(iso_units()).subspan(iso_row(info), 1);
        }
    }
    // The aliases in a hash table built once: extraction asks about every word near a number,
    // and most words are none. The word is folded into a small buffer.
    static const std::unordered_map<std::string_view, std::size_t> by_text = [] {
        std::unordered_map<std::string_view, std::size_t> out;
        out.reserve(std::size(aliases) * 2);
        for (std::size_t i = 0; i < std::size(aliases); ++i) out.emplace(aliases[i].text, i);
        return out;
    }();
    char folded[32];
    for (std::size_t i = 0; i < word.size(); ++i)
        folded[i] = (word[i] >= 'A' && word[i] <= 'Z') ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    const auto it = by_text.find(std::string_view(folded, word.size()));
    if (it == by_text.end()) return {};
    return alias_units()[it->second];
}

bool may_name_currency(std::string_view text) noexcept {
    const auto fold = [](char c) {
        return static_cast<unsigned char>(text::lower(c));
    };
    const auto key = [&](std::string_view t) {
        return (std::size_t{fold(t[0])} << 8U) | (t.size() > 1 ? fold(t[1]) : 0U);
    };
    // One bit per pair of first bytes of an ISO code, an alias, and of one-byte symbols.
    static const std::vector<bool> firsts = [&] {
        std::vector<bool> out(std::size_t{1} << 16U);
        for (const alias& a : aliases) {
            out[key(a.text)] = true;
        }
        for (const currency_info& c : iso4217_currencies()) out[key(c.code)] = true;
        for (const currency_info& c : iso4217_withdrawn_currencies()) out[key(c.code)] = true;
        return out;
    }();
    if (text.empty()) return false;
    return firsts[key(text)] || firsts[key(text.substr(0, 1))];
}

std::expected<resolved_unit, std::string> resolve_currency(std::string_view word,
                                                           std::optional<unit> default_currency) {
    const std::span<const unit> candidates = currency_candidates(word);
    if (candidates.empty()) return std::unexpected("'" + std::string(word) + "' names no currency");
    if (candidates.size() == 1) return resolved_unit{candidates.front(), false};
    if (default_currency &&
        std::find(candidates.begin(), candidates.end(), *default_currency) != candidates.end())
        return resolved_unit{*default_currency, true};
    // Japanese writes ドル for the US dollar and names every other dollar (豪ドル, 香港ドル):
    // without a dollar as the default currency it is read as USD, and marked as assumed.
    if (word == "ドル") return resolved_unit{unit::currency("USD").value(), true};
    std::string why = "'" + std::string(word) + "' could be " + join_codes(candidates);
    why += default_currency ? "; the default currency " + std::string(default_currency->code()) +
                                  " is none of them"
                            : "; no default currency is given";
    return std::unexpected(why);
}

bool is_count_noun(std::string_view word) {
    static const std::vector<std::string_view> sorted = [] {
        std::vector<std::string_view> out(std::begin(count_nouns), std::end(count_nouns));
        std::sort(out.begin(), out.end());
        return out;
    }();
    if (word.empty() || word.size() > 32) return false;
    char folded[32];
    for (std::size_t i = 0; i < word.size(); ++i)
        folded[i] = (word[i] >= 'A' && word[i] <= 'Z') ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    return std::binary_search(sorted.begin(), sorted.end(), std::string_view(folded, word.size()));
}

}  // namespace crossfoot
