// tests/unit/aggregate_support.hpp: the small helpers the aggregation tests share: a
// currency by code, a date by text, the built-in rate table, and the options for grouping
// and converting.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>
#include <crossfoot/currency.hpp>
#include <crossfoot/rates.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crossfoot::testing {

using key = std::vector<std::string>;

inline unit currency(std::string_view code) { return unit::currency(code).value(); }

inline date day(std::string_view text) { return parse_date(text).value(); }

inline const rate_table& builtin() {
    static const rate_table table = builtin_rate_table();
    return table;
}

inline aggregate_options grouped_by(key columns) {
    aggregate_options o;
    o.group_by = std::move(columns);
    return o;
}

inline aggregate_options converting(key columns, std::string_view target, convert_rounding r) {
    aggregate_options o = grouped_by(std::move(columns));
    o.target = currency(target);
    o.rounding = r;
    return o;
}

}  // namespace crossfoot::testing
