// engine/aggregate/partial_group.hpp: one group of a partial aggregate's "groups", read from
// the JSON parser's events as they come, without building a document (private to the
// library; partial_read.cpp reads the rest of the partial).
//
// A partial of a million groups is some fifteen million events: each group built as a
// document of its own, and the keys of each of its objects kept in a set to find one named
// twice, cost as much as the parsing itself. Here a group's key, totals and converted total
// go straight into buffers kept from group to group, and the names of an object are checked
// against the few it may have.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::aggregation {

// The longest decimal a partial may hold. Totals of amounts of up to 1,000 digits, converted
// at rates of up to 1,000, stay far below it; a longer one is refused rather than read in
// time that grows with the square of its length.
constexpr std::size_t max_partial_decimal_chars = 10000;

// The currency of a code, or std::invalid_argument naming it.
[[nodiscard]] unit currency_named(const std::string& code);

class partial_group_reader {
public:
    using json = nlohmann::ordered_json;

    // A group as read: its key's fields, its totals in the order given, its converted total.
    struct group {
        std::vector<std::string> key;
        std::vector<currency_total> totals;
        std::optional<decimal> converted;
    };

    // The events of one element of "groups", from its first (which must open an object) to
    // its last. Each throws std::invalid_argument, saying what was expected, at the first
    // event that does not fit a group; values of fields it does not read are passed over.
    void null();
    void boolean(bool v);
    void number_integer(json::number_integer_t v);
    void number_unsigned(json::number_unsigned_t v);
    void number_float(json::number_float_t v);
    void string(json::string_t& v);
    void binary();
    void start_object();
    void end_object();
    void start_array();
    void end_array();
    void key(const json::string_t& name);

    // Whether an element has begun and its last event not come yet: once an event that was
    // part of one leaves this false, the element is whole, and value() is that group until
    // the next element's first event.
    [[nodiscard]] bool reading() const { return where_ != place::outside; }
    [[nodiscard]] group& value() { return group_; }

private:
    // Where the next event falls: outside an element, in a group's object, in its key's array,
    // in its totals' array, in one of the totals' objects, or within a value passed over.
    enum class place : std::uint8_t { outside, group, key, totals, total, passed_over };
    // The field whose value comes next.
    enum class field : std::uint8_t { key, totals, converted, currency, total, rows, other };

    // A value that is not what its place wants: `kind` names it ("a string"), `shown` is
    // how the messages that quote a value show it (the JSON text of a scalar, else `kind`).
    [[noreturn]] void refuse(std::string_view kind, const std::string& shown) const;
    // A scalar where a value is wanted but none of those read (in a field passed over).
    [[nodiscard]] bool scalar_passed_over() const;
    // A container opening where a value is passed over: true when it was.
    bool container_passed_over();
    void begin_group();
    void end_total();
    void end_group();

    place where_ = place::outside;
    field field_ = field::other;
    place return_to_ = place::outside;  // after a value passed over
    std::size_t passed_depth_ = 0;       // containers open within it
    // The fields of the group's object and of the total being read met so far: those read
    // by bit, the others by name, to find a name given twice in one object.
    unsigned group_named_ = 0;
    unsigned total_named_ = 0;
    std::set<std::string, std::less<>> group_other_names_;
    std::set<std::string, std::less<>> total_other_names_;
    group group_;
    std::size_t key_fields_ = 0;  // fields of group_.key in use (the vector's strings are kept)
    currency_total total_;
};

}  // namespace crossfoot::aggregation
