// engine/report/rates_report.cpp: text and JSON renderings of conversions and rate listings.
// SPDX-License-Identifier: MIT
#include <crossfoot/report.hpp>

#include <crossfoot/sum.hpp>

#include "quote_place.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace crossfoot {

namespace {

using json = nlohmann::ordered_json;

std::string derivation(const found_rate& r) {
    if (r.exact) return r.path.size() > 1 || (r.path.size() == 1 && r.path[0].inverted)
                            ? "derived, exact"
                            : "as quoted";
    return fmt::format("derived: {} significant digits, {}", r.policy.derived_digits,
                       to_string(r.policy.derived_rounding));
}

std::string hop_line(const rate_hop& hop, const lookup_policy& policy) {
    const rate_quote& q = hop.quotes.back();
    return fmt::format("  {}→{}  {:<20}  {}/{} {}  {} ({})\n", hop.from.code(), hop.to.code(),
                       hop_figure(hop, policy), q.base.code(), q.quote.code(), hop_dates(hop),
                       q.source, quote_place(q));
}

json quote_json(const rate_quote& q) {
    json j = {{"base", q.base.code()},   {"quote", q.quote.code()},
              {"rate", q.rate.to_string()}, {"date", to_string(q.on)},
              {"source", q.source}};
    if (q.low) j["low"] = q.low->to_string();
    if (q.high) j["high"] = q.high->to_string();
    if (!q.file.empty()) {
        j["file"] = q.file;
        j["line"] = q.line;
    }
    return j;
}

json rate_json(const found_rate& r) {
    json path = json::array();
    for (const rate_hop& hop : r.path) {
        json quotes = json::array();
        for (const rate_quote& q : hop.quotes) quotes.push_back(quote_json(q));
        path.push_back({{"from", hop.from.code()},
                        {"to", hop.to.code()},
                        {"inverted", hop.inverted},
                        {"rate", hop.value.to_string()},
                        {"quotes", quotes}});
    }
    json j = {{"from", r.from.code()}, {"to", r.to.code()}, {"date", to_string(r.requested)},
              {"rate", r.value.to_string()}, {"exact", r.exact}};
    if (r.low) j["low"] = r.low->to_string();
    if (r.high) j["high"] = r.high->to_string();
    j["path"] = path;
    j["policy"] = {{"name", to_string(r.policy.how)},
                   {"description", describe(r.policy)},
                   {"derived_digits", r.policy.derived_digits},
                   {"derived_rounding", to_string(r.policy.derived_rounding)}};
    return j;
}

}  // namespace

std::string format_conversion_text(const conversion& c) {
    const found_rate& r = c.rate;
    std::string out = fmt::format("{} {} on {}\n  = {} {}\n", c.original.value().to_string(),
                                  c.original.unit().code(), to_string(r.requested),
                                  group_thousands(c.exact.value().to_string()), c.exact.unit().code());
    if (c.rounded)
        out += fmt::format("  ≈ {} {} rounded\n", group_thousands(c.rounded->value().to_string()),
                           c.rounded->unit().code());
    if (c.low && c.high)
        out += fmt::format("  within [{}, {}] {}\n", group_thousands(c.low->to_string()),
                           group_thousands(c.high->to_string()), c.exact.unit().code());
    out += fmt::format("rate    1 {} = {} {} ({})\n", r.from.code(), r.value.to_string(),
                       r.to.code(), derivation(r));
    if (r.low && r.high)
        out += fmt::format("range   [{}, {}]\n", r.low->to_string(), r.high->to_string());
    out += fmt::format("path    {}\n", r.path_text());
    for (const rate_hop& hop : r.path) out += hop_line(hop, r.policy);
    return out + fmt::format("policy  {}\n", describe(r.policy));
}

std::string format_conversion_json(const conversion& c) {
    json j = {{"amount", {{"value", c.original.value().to_string()},
                          {"unit", c.original.unit().code()}}},
              {"to", c.exact.unit().code()},
              {"result", c.exact.value().to_string()}};
    if (c.rounded) j["rounded"] = c.rounded->value().to_string();
    if (c.low) j["low"] = c.low->to_string();
    if (c.high) j["high"] = c.high->to_string();
    j["rate"] = rate_json(c.rate);
    return j.dump(2) + "\n";
}

std::string format_rates_text(const std::vector<found_rate>& rates) {
    std::string out = fmt::format("{:<8} {:<10}  {:<18} {:<14} {}\n", "pair", "date", "rate",
                                  "path", "derivation");
    for (const found_rate& r : rates) {
        out += fmt::format("{:<8} {}  {:<18} {:<14} {}\n",
                           fmt::format("{}/{}", r.from.code(), r.to.code()), to_string(r.requested),
                           r.value.to_string(), r.path_text(), derivation(r));
    }
    return out;
}

std::string format_rates_json(const std::vector<found_rate>& rates) {
    json list = json::array();
    for (const found_rate& r : rates) list.push_back(rate_json(r));
    return list.dump(2) + "\n";
}

}  // namespace crossfoot
