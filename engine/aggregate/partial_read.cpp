// engine/aggregate/partial_read.cpp: reading a partial aggregate's JSON as it streams, a group
// at a time, so that reading holds no more than its groups' table (which a memory limit bounds).
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include "cell_table.hpp"
#include "partial_group.hpp"
#include "spill.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <istream>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

namespace {

using json = nlohmann::ordered_json;

std::uint64_t read_count(const json& j, std::string_view what) {
    if (!j.is_number_unsigned())
        throw std::invalid_argument(
            fmt::format("{} must be a whole number, found {}", what, j.dump()));
    return j.get<std::uint64_t>();
}

convert_rounding read_rounding(const json& j) {
    if (j == "row") return convert_rounding::row;
    if (j == "total") return convert_rounding::total;
    throw std::invalid_argument(
        fmt::format("rounding must be \"row\" or \"total\", found {}", j.dump()));
}

unit read_unit(const json& j) {
    if (!j.is_string())
        throw std::invalid_argument(fmt::format("expected a currency code, found {}", j.dump()));
    return aggregation::currency_named(j.get_ref<const std::string&>());
}

// The top-level fields a partial has, in the order to_json writes them; any other is passed over.
constexpr std::array<std::string_view, 8> partial_fields = {
    "format", "version", "group_by", "target", "rounding", "rows_read", "rows_rejected", "groups"};

const char* const no_converted_total = "a group has no converted total";
const char* const converted_without_target = "a group has a converted total but there is no target";
const char* const key_unlike_group_by = "a group key does not match group_by";

// Reads a partial from json's events (its SAX interface). Each header field is built as a
// small document of its own, checked and taken, then dropped; each group of "groups" is read
// from its events (partial_group.hpp) and goes into the partial's table as soon as it is
// whole: the whole document is never held. The value of a field crossfoot does not read is
// passed over unbuilt. Keys in the
// order crossfoot writes them (the header, then the groups in key order) are checked as they
// come; a header met after the groups is checked against them at the end. Refuses JSON that
// names a key twice in one object it reads (json's own document would keep one of the two
// silently).
class partial_reader {
public:
    using dom_builder = nlohmann::detail::json_sax_dom_parser<json>;

    explicit partial_reader(partial_aggregate& into) : p_(into) {}

    bool null() {
        if (at_group()) return group_.null(), true;
        return scalar("null", [](dom_builder& b) { return b.null(); });
    }
    bool boolean(bool v) {
        if (at_group()) return group_.boolean(v), true;
        return scalar("a boolean", [&](dom_builder& b) { return b.boolean(v); });
    }
    bool number_integer(json::number_integer_t v) {
        if (at_group()) return group_.number_integer(v), true;
        return scalar("a number", [&](dom_builder& b) { return b.number_integer(v); });
    }
    bool number_unsigned(json::number_unsigned_t v) {
        if (at_group()) return group_.number_unsigned(v), true;
        return scalar("a number", [&](dom_builder& b) { return b.number_unsigned(v); });
    }
    bool number_float(json::number_float_t v, const json::string_t& text) {
        if (at_group()) return group_.number_float(v), true;
        return scalar("a number", [&](dom_builder& b) { return b.number_float(v, text); });
    }
    bool string(json::string_t& v) {
        if (at_group()) return group_.string(v), true;
        return scalar("a string", [&](dom_builder& b) { return b.string(v); });
    }
    bool binary(json::binary_t& v) {
        if (at_group()) return group_.binary(), true;
        return scalar("binary data", [&](dom_builder& b) { return b.binary(v); });
    }
    bool start_object(std::size_t elements) {
        if (at_group()) return group_.start_object(), true;
        if (skipping_) return ++depth_, true;
        if (depth_ == 0) {  // the partial itself
            open_objects_.emplace_back();
            return ++depth_, true;
        }
        if (starts_field_value() && key_ == "groups") throw groups_not_an_array("an object");
        if (starts_ignored_value()) return skipping_ = true, ++depth_, true;
        open_objects_.emplace_back();
        ++depth_;
        return opened([&](dom_builder& b) { return b.start_object(elements); });
    }
    bool end_object() {
        if (group_.reading()) {
            group_.end_object();
            if (!group_.reading()) take_group(group_.value());  // its last event
            return true;
        }
        if (skipping_) return ended_skipped();
        open_objects_.pop_back();
        if (--depth_ == 0) return true;
        return closed([](dom_builder& b) { return b.end_object(); });
    }
    bool start_array(std::size_t elements) {
        if (at_group()) return group_.start_array(), true;
        if (depth_ == 0) throw not_an_object("an array");
        if (skipping_) return ++depth_, true;
        if (starts_ignored_value()) return skipping_ = true, ++depth_, true;
        if (starts_field_value() && key_ == "groups") {  // its groups are taken one by one
            in_groups_ = true;
            return ++depth_, true;
        }
        ++depth_;
        return opened([&](dom_builder& b) { return b.start_array(elements); });
    }
    bool end_array() {
        if (group_.reading()) return group_.end_array(), true;
        if (skipping_) return ended_skipped();
        if (--depth_ == 1 && in_groups_) {
            in_groups_ = false;
            seen_.insert("groups");
            return true;
        }
        return closed([](dom_builder& b) { return b.end_array(); });
    }
    bool key(json::string_t& name) {
        if (group_.reading()) return group_.key(name), true;
        if (skipping_) return true;
        if (!open_objects_.back().insert(name).second)
            throw std::invalid_argument(fmt::format("the key {} appears twice in one object", json(name).dump()));
        if (depth_ == 1) {
            key_ = name;
            return true;
        }
        return builder_->key(name);
    }
    template <class Exception>
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const Exception& e) {
        throw e;
    }

    // The checks that need the whole document: every header field there, the groups
    // agreeing with a header met after them, and the rows adding up.
    void finish() {
        add_pending();
        for (const std::string_view name : partial_fields) {
            if (!seen_.contains(name)) throw std::invalid_argument(fmt::format("key '{}' not found", name));
        }
        if (p_.target ? groups_without_converted_ : groups_with_converted_)
            throw std::invalid_argument(p_.target ? no_converted_total : converted_without_target);
        if (groups_ != 0 && (least_key_size_ != p_.group_by.size() || most_key_size_ != p_.group_by.size()))
            throw std::invalid_argument(key_unlike_group_by);  // group_by met after the groups
        if (p_.rows_rejected > p_.rows_read)
            throw std::invalid_argument(fmt::format("rows_rejected {} is more than rows_read {}",
                                                    p_.rows_rejected, p_.rows_read));
        if (counted_at_end_ && p_.groups.size() != groups_)
            throw std::invalid_argument("a group appears twice (met out of key order, past the memory limit)");
        if (rows_overflow_ || rows_in_groups_ != p_.rows_accepted())
            throw std::invalid_argument(fmt::format("the groups hold {} rows, not the {} accepted",
                                                    rows_overflow_ ? "more than 2^64 - 1" : std::to_string(rows_in_groups_),
                                                    p_.rows_accepted()));
    }

private:
    static std::invalid_argument not_an_object(std::string_view found) {
        return std::invalid_argument(fmt::format("a partial aggregate is a JSON object, found {}", found));
    }
    static std::invalid_argument groups_not_an_array(std::string_view found) {
        return std::invalid_argument(fmt::format("groups must be an array, found {}", found));
    }
    // Whether the next event starts the value of a top-level field, and whether that field
    // is one crossfoot does not read: its value is passed over without being built (nor its
    // keys checked), so that no field holds memory outside the groups' table.
    [[nodiscard]] bool starts_field_value() const { return depth_ == 1 && !building(); }
    [[nodiscard]] bool starts_ignored_value() const {
        return starts_field_value() && std::ranges::find(partial_fields, key_) == partial_fields.end();
    }
    bool ended_skipped() {
        if (--depth_ == 1) skipping_ = false;
        return true;
    }
    // Whether the next event (one that begins a value) belongs to an element of "groups".
    [[nodiscard]] bool at_group() const { return group_.reading() || (in_groups_ && depth_ == 2); }
    [[nodiscard]] bool building() const { return builder_.has_value(); }
    // A value begun at depth `from` (the depth of the container holding it).
    void begin(std::size_t from) {
        builder_.emplace(value_);  // value_ is null: take() leaves it so
        built_from_ = from;
    }
    // A value that is neither object nor array: `kind` names it for an error.
    template <class Event>
    bool scalar(std::string_view kind, Event&& event) {
        if (depth_ == 0) throw not_an_object(kind);
        if (skipping_ || starts_ignored_value()) return true;
        if (starts_field_value() && key_ == "groups") throw groups_not_an_array(kind);
        const bool whole = !building();
        if (whole) begin(depth_);
        const bool ok = event(*builder_);
        if (whole) take();
        return ok;
    }
    // An object or array opened (depth_ counts it already).
    template <class Event>
    bool opened(Event&& event) {
        if (!building()) begin(depth_ - 1);
        return event(*builder_);
    }
    // An object or array closed (depth_ no longer counts it).
    template <class Event>
    bool closed(Event&& event) {
        const bool ok = event(*builder_);
        if (depth_ == built_from_) take();
        return ok;
    }
    // A whole field of the header ("groups" itself is an array, read a group at a time).
    void take() {
        builder_.reset();
        take_field(key_, value_);
        value_ = json();
    }

    void take_field(const std::string& name, const json& value) {
        seen_.insert(name);
        if (name == "format") {
            if (value != "crossfoot-partial") throw std::invalid_argument("not a crossfoot partial aggregate");
        } else if (name == "version") {
            if (value != partial_aggregate::format_version)
                throw std::invalid_argument(fmt::format("format version {} is not {}", value.dump(),
                                                        partial_aggregate::format_version));
        } else if (name == "group_by") {
            p_.group_by = value.get<std::vector<std::string>>();
            for (auto column = p_.group_by.begin(); column != p_.group_by.end(); ++column) {
                if (std::find(p_.group_by.begin(), column, *column) != column)
                    throw std::invalid_argument(fmt::format("group_by names the column '{}' twice", *column));
            }
        } else if (name == "target") {
            if (!value.is_null()) p_.target = read_unit(value);
        } else if (name == "rounding") {
            p_.rounding = read_rounding(value);
        } else if (name == "rows_read") {
            p_.rows_read = read_count(value, "rows_read");
        } else if (name == "rows_rejected") {
            p_.rows_rejected = read_count(value, "rows_rejected");
        }
    }

    void take_group(aggregation::partial_group_reader::group& g) {
        if (seen_.contains("group_by") && g.key.size() != p_.group_by.size())
            throw std::invalid_argument(key_unlike_group_by);
        // A key after every key before it (crossfoot writes them in key order) cannot have
        // been met: only a key out of that order is looked up, in memory. Once groups are on
        // disk a look-up reads them all: then the groups are counted once at the end instead.
        const bool in_order = groups_ == 0 || greatest_key_ < g.key;
        if (!in_order) {
            add_pending();  // the groups before it in the table, or on disk
            if (p_.groups.runs() != 0) {
                counted_at_end_ = true;
            } else if (p_.groups.contains(g.key)) {
                throw std::invalid_argument(fmt::format("the group {} appears twice", json(g.key).dump()));
            }
        }
        if (seen_.contains("target") && g.converted.has_value() != p_.target.has_value())
            throw std::invalid_argument(p_.target ? no_converted_total : converted_without_target);
        (g.converted ? groups_with_converted_ : groups_without_converted_) = true;
        for (const currency_total& t : g.totals)
            rows_overflow_ = rows_overflow_ || __builtin_add_overflow(rows_in_groups_, t.rows, &rows_in_groups_);
        least_key_size_ = groups_ == 0 ? g.key.size() : std::min(least_key_size_, g.key.size());
        most_key_size_ = std::max(most_key_size_, g.key.size());
        queue_group(g);
        // The greatest key so far; the reader's buffers take the one it replaces.
        if (in_order) std::swap(greatest_key_, g.key);
        ++groups_;
    }

    // A group taken, added to the partial's table `ahead` groups later: meanwhile the slots
    // where its look-ups start are fetched, so that with many groups (a miss or two each) the
    // misses of several groups overlap instead of following one another. Its totals are
    // traded with the group's, which the next group empties.
    void queue_group(aggregation::partial_group_reader::group& g) {
        using aggregation::cell_table;
        if (pending_count_ == ahead) add_oldest();
        pending_group& q = pending_[(pending_first_ + pending_count_) % ahead];
        q.encoded.clear();
        for (const std::string& field : g.key) aggregation::encode_key_field(q.encoded, field);
        q.probe = cell_table::probe_of(q.encoded);
        std::swap(q.totals, g.totals);
        q.converted = std::move(g.converted);
        const cell_table& table = p_.groups.cells();
        table.fetch_group_slots(q.probe);
        for (const currency_total& t : q.totals) table.fetch_slots(q.probe, cell_table::code_of(t.currency));
        ++pending_count_;
    }

    // Adds the group queued first into the partial's table, as group_table::add would from a
    // group_totals, without building one.
    void add_oldest() {
        const pending_group& q = pending_[pending_first_];
        pending_first_ = (pending_first_ + 1) % ahead;
        --pending_count_;
        aggregation::cell_table& table = p_.groups.cells();
        for (const currency_total& t : q.totals) table.add_total(q.probe, q.encoded, t.currency, t.total, t.rows);
        if (q.converted) table.add_converted(q.probe, q.encoded, *q.converted);
        p_.groups.spill_if_full();
    }
    void add_pending() {
        while (pending_count_ > 0) add_oldest();
    }

    partial_aggregate& p_;
    std::size_t depth_ = 0;  // objects and arrays open
    std::string key_;         // the top-level field being read
    bool in_groups_ = false;  // within the array of "groups"
    bool skipping_ = false;   // within the value of a field not read
    std::optional<dom_builder> builder_;  // the header field being built, if any
    aggregation::partial_group_reader group_;  // the group being read, if any
    // Groups taken and not yet added (queue_group). 4, 8 and 16 ahead read a partial of 10^6
    // groups alike, some 12-16 % faster than none (docs/benchmarks.md).
    static constexpr std::size_t ahead = 8;
    struct pending_group {
        std::string encoded;  // its key, as the table stores keys
        aggregation::cell_table::probe probe;
        std::vector<currency_total> totals;
        std::optional<decimal> converted;
    };
    std::array<pending_group, ahead> pending_{};
    std::size_t pending_first_ = 0;
    std::size_t pending_count_ = 0;
    json value_;
    std::size_t built_from_ = 0;
    std::vector<std::set<std::string>> open_objects_;  // the keys of each object open
    std::set<std::string, std::less<>> seen_;           // the top-level fields read
    std::vector<std::string> greatest_key_;
    std::size_t groups_ = 0;
    std::size_t least_key_size_ = 0;
    std::size_t most_key_size_ = 0;
    bool groups_with_converted_ = false;
    bool groups_without_converted_ = false;
    std::uint64_t rows_in_groups_ = 0;
    bool rows_overflow_ = false;
    bool counted_at_end_ = false;  // a key out of order, not looked up: groups counted in finish
};

// json's messages begin with their own code, "[json.exception.parse_error.101] ": left out.
std::string without_json_code(std::string message) {
    if (message.starts_with("[json.exception.")) {
        const std::size_t end = message.find("] ");
        if (end != std::string::npos) message.erase(0, end + 2);
    }
    return message;
}

template <class Input>
std::expected<partial_aggregate, std::string> read_partial(Input&& input, const group_table* memory) {
    partial_aggregate p;
    if (memory != nullptr && memory->budget()) p.groups.share_memory(memory->budget(), memory->spill_directory());
    try {
        partial_reader reader(p);
        json::sax_parse(std::forward<Input>(input), &reader);
        reader.finish();
        return p;
    } catch (const aggregation::spill_error& e) {
        return std::unexpected(aggregation::cannot_hold_on_disk(e));
    } catch (const std::bad_alloc&) {
        return std::unexpected(aggregation::out_of_memory_for_groups);
    } catch (const std::exception& e) {  // json's parse and type errors, and ours
        return std::unexpected(without_json_code(e.what()));
    }
}

}  // namespace

std::expected<partial_aggregate, std::string> partial_from_json(std::string_view text) {
    return read_partial(text, nullptr);
}

std::expected<partial_aggregate, std::string> partial_from_json(std::istream& in, const group_table* memory) {
    return read_partial(in, memory);
}

}  // namespace crossfoot
