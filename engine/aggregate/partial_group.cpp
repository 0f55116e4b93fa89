// engine/aggregate/partial_group.cpp: one group of a partial's "groups" from the parser's events.
// SPDX-License-Identifier: MIT
#include "partial_group.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace crossfoot::aggregation {

namespace {

using json = partial_group_reader::json;

// The fields a group and one of its totals read, by bit; any other is passed over.
constexpr unsigned key_bit = 1;
constexpr unsigned totals_bit = 2;
constexpr unsigned converted_bit = 4;
constexpr unsigned currency_bit = 1;
constexpr unsigned total_bit = 2;
constexpr unsigned rows_bit = 4;

decimal decimal_named(std::string_view text, std::string_view what) {
    if (text.size() > max_partial_decimal_chars)
        throw std::invalid_argument(fmt::format("{} must be a decimal of at most {} characters, found {}", what,
                                                max_partial_decimal_chars, text.size()));
    auto d = decimal::parse(text);
    if (!d) throw std::invalid_argument(fmt::format("{}: {}", what, d.error().message()));
    return *d;
}

std::invalid_argument named_twice(std::string_view name) {
    return std::invalid_argument(fmt::format("the key {} appears twice in one object", json(name).dump()));
}

}  // namespace

unit currency_named(const std::string& code) {
    const auto u = unit::currency(code);
    if (!u) throw std::invalid_argument("unknown currency '" + code + "'");
    return *u;
}

void partial_group_reader::refuse(std::string_view kind, const std::string& shown) const {
    const auto says = [&]() -> std::string {
        switch (where_) {
        case place::outside: return fmt::format("a group must be a JSON object, found {}", kind);
        case place::key: return fmt::format("a group key must be an array of strings, found {}", kind);
        case place::totals: return fmt::format("each of a group's totals must be an object, found {}", kind);
        case place::group:
            if (field_ == field::key) return fmt::format("a group key must be an array of strings, found {}", kind);
            if (field_ == field::totals) return fmt::format("a group's totals must be an array, found {}", kind);
            return "converted must be a decimal string";
        case place::total:
            if (field_ == field::currency) return fmt::format("expected a currency code, found {}", shown);
            if (field_ == field::total) return "total must be a decimal string";
            return fmt::format("rows must be a whole number, found {}", shown);
        case place::passed_over: break;
        }
        return "unexpected JSON in a group";  // not reached: a value passed over is never refused
    };
    throw std::invalid_argument(says());
}

bool partial_group_reader::scalar_passed_over() const {
    return where_ == place::passed_over || ((where_ == place::group || where_ == place::total) && field_ == field::other);
}

bool partial_group_reader::container_passed_over() {
    if (where_ == place::passed_over) {
        ++passed_depth_;
        return true;
    }
    if (scalar_passed_over()) {
        return_to_ = where_;
        where_ = place::passed_over;
        passed_depth_ = 1;
        return true;
    }
    return false;
}

void partial_group_reader::null() {
    if (!scalar_passed_over()) refuse("null", "null");
}

void partial_group_reader::boolean(bool v) {
    if (!scalar_passed_over()) refuse("a boolean", v ? "true" : "false");
}

void partial_group_reader::number_integer(json::number_integer_t v) {
    // The parser reads an integer written with a minus sign as one, -0 too.
    if (!scalar_passed_over()) refuse("a number", v == 0 ? "-0" : json(v).dump());
}

void partial_group_reader::number_unsigned(json::number_unsigned_t v) {
    if (where_ == place::total && field_ == field::rows) {
        total_.rows = v;
        return;
    }
    if (!scalar_passed_over()) refuse("a number", json(v).dump());
}

void partial_group_reader::number_float(json::number_float_t v) {
    if (!scalar_passed_over()) refuse("a number", json(v).dump());
}

void partial_group_reader::binary() {
    if (!scalar_passed_over()) refuse("binary data", "binary data");
}

void partial_group_reader::string(json::string_t& v) {
    if (where_ == place::key) {  // the parser's buffer traded for a field's: no copy, no allocation
        if (key_fields_ < group_.key.size()) std::swap(group_.key[key_fields_], v);
        else group_.key.push_back(std::move(v));
        ++key_fields_;
        return;
    }
    if (where_ == place::total && field_ == field::currency) {
        total_.currency = currency_named(v);
        return;
    }
    if (where_ == place::total && field_ == field::total) {
        total_.total = decimal_named(v, "total");
        return;
    }
    if (where_ == place::group && field_ == field::converted) {
        group_.converted = decimal_named(v, "converted");
        return;
    }
    if (!scalar_passed_over()) refuse("a string", json(v).dump());
}

void partial_group_reader::start_object() {
    if (where_ == place::outside) return begin_group();
    if (container_passed_over()) return;
    if (where_ != place::totals) refuse("an object", "an object");
    where_ = place::total;
    total_named_ = 0;
    total_other_names_.clear();
    total_ = currency_total{};
}

void partial_group_reader::start_array() {
    if (container_passed_over()) return;
    if (where_ == place::group && field_ == field::key) {
        where_ = place::key;
    } else if (where_ == place::group && field_ == field::totals) {
        where_ = place::totals;
    } else {
        refuse("an array", "an array");
    }
}

void partial_group_reader::end_object() {
    if (where_ == place::passed_over) {
        if (--passed_depth_ == 0) where_ = return_to_;
        return;
    }
    if (where_ == place::total) return end_total();
    end_group();  // the parser pairs each end with its start: here the group's own
}

void partial_group_reader::end_array() {
    if (where_ == place::passed_over) {
        if (--passed_depth_ == 0) where_ = return_to_;
        return;
    }
    where_ = place::group;  // the end of the key's or the totals' array
}

void partial_group_reader::key(const json::string_t& name) {
    if (where_ == place::passed_over) return;
    const bool in_group = where_ == place::group;
    unsigned bit = 0;
    if (in_group) {
        if (name == "key") field_ = field::key, bit = key_bit;
        else if (name == "totals") field_ = field::totals, bit = totals_bit;
        else if (name == "converted") field_ = field::converted, bit = converted_bit;
        else field_ = field::other;
    } else {  // in one of the totals
        if (name == "currency") field_ = field::currency, bit = currency_bit;
        else if (name == "total") field_ = field::total, bit = total_bit;
        else if (name == "rows") field_ = field::rows, bit = rows_bit;
        else field_ = field::other;
    }
    unsigned& named = in_group ? group_named_ : total_named_;
    auto& others = in_group ? group_other_names_ : total_other_names_;
    if (bit == 0) {
        if (!others.insert(name).second) throw named_twice(name);
        return;
    }
    if ((named & bit) != 0) throw named_twice(name);
    named |= bit;
}

void partial_group_reader::begin_group() {
    where_ = place::group;
    group_named_ = 0;
    group_other_names_.clear();
    key_fields_ = 0;
    group_.totals.clear();
    group_.converted.reset();
}

void partial_group_reader::end_total() {
    for (const auto& [bit, name] : {std::pair{currency_bit, "currency"}, {total_bit, "total"}, {rows_bit, "rows"}}) {
        if ((total_named_ & bit) == 0) throw std::invalid_argument(fmt::format("a group's total has no '{}'", name));
    }
    const auto same = [&](const currency_total& t) { return t.currency == total_.currency; };
    if (std::ranges::any_of(group_.totals, same))
        throw std::invalid_argument(fmt::format("currency {} appears twice in a group", total_.currency.code()));
    group_.totals.push_back(std::move(total_));
    where_ = place::totals;
}

void partial_group_reader::end_group() {
    if ((group_named_ & key_bit) == 0) throw std::invalid_argument("a group has no 'key'");
    if ((group_named_ & totals_bit) == 0) throw std::invalid_argument("a group has no 'totals'");
    if (group_.totals.empty())
        throw std::invalid_argument("a group has no totals: every group holds at least one currency's");
    group_.key.resize(key_fields_);
    where_ = place::outside;
}

}  // namespace crossfoot::aggregation
