// engine/aggregate/partial.cpp: merging partial aggregates, and their JSON form.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include "cell_table.hpp"
#include "partial.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace crossfoot {

namespace {

using json = nlohmann::ordered_json;

std::string_view rounding_name(convert_rounding r) {
    return r == convert_rounding::row ? "row" : "total";
}

std::string target_name(const std::optional<unit>& target) {
    return target ? std::string(target->code()) : std::string("nothing");
}

}  // namespace

namespace {

// Calls `visit` with a group, its converted total rounded when `p` keeps it exact until the end.
template <class Visit>
void finished(const partial_aggregate& p, const group_view& g, Visit&& visit) {
    if (!p.target || p.rounding != convert_rounding::total || g.converted == nullptr) return visit(g);
    const decimal rounded = g.converted->quantize(-p.target->minor_units().value_or(0), rounding::half_even);
    visit(group_view{g.key, g.totals, &rounded});
}

}  // namespace

void for_each_finished(const partial_aggregate& p, const std::function<void(const group_view&)>& visit) {
    p.groups.for_each([&](const group_view& g) { finished(p, g, visit); });
}

void for_each_finished_range(const partial_aggregate& p, unsigned threads, std::size_t range_groups,
                             const std::function<void(std::size_t, const group_view&)>& visit,
                             const std::function<void(std::size_t)>& done) {
    p.groups.for_each_range(
        threads, range_groups,
        [&](std::size_t range, const group_view& g) {
            finished(p, g, [&](const group_view& f) { visit(range, f); });
        },
        done);
}

std::vector<aggregate_row> aggregate_rows(const partial_aggregate& p) {
    std::vector<aggregate_row> out;
    for_each_finished(p, [&](const group_view& g) {
        const std::vector<std::string> key(g.key.begin(), g.key.end());
        for (const currency_total& t : g.totals) out.push_back({key, t.currency, t.total, t.rows, false});
        if (g.converted != nullptr) out.push_back({key, *p.target, *g.converted, g.rows(), true});
    });
    return out;
}

std::vector<std::string> aggregate_columns(const partial_aggregate& p) {
    std::vector<std::string> h = p.group_by;
    h.insert(h.end(), {"currency", "total", "rows", "kind"});
    return h;
}

std::expected<void, std::string> partial_aggregate::merge(const partial_aggregate& other) {
    if (other.group_by != group_by)
        return std::unexpected(fmt::format("cannot merge partials grouped by ({}) and ({})",
                                           fmt::join(group_by, ", "),
                                           fmt::join(other.group_by, ", ")));
    if (other.target != target)
        return std::unexpected(fmt::format("cannot merge partials converted to {} and to {}",
                                           target_name(target), target_name(other.target)));
    // Checked even without a target, as documented: otherwise a.merge(b) and b.merge(a)
    // would keep different roundings, and merging would not be commutative.
    if (other.rounding != rounding)
        return std::unexpected(fmt::format("cannot merge partials rounded per {} and per {}",
                                           rounding_name(rounding), rounding_name(other.rounding)));
    groups.merge(other.groups);
    rows_read += other.rows_read;
    rows_rejected += other.rows_rejected;
    return {};
}

partial_aggregate partial_aggregate::finished() const {
    if (!target || rounding != convert_rounding::total) return *this;
    if (groups.runs() == 0) {
        partial_aggregate out = *this;
        out.groups.cells().round_converted(-target->minor_units().value_or(0));
        return out;
    }
    // Groups on disk are read back once, rounded, into a table drawing on the same budget
    // (not a copy of this one, which would hold its groups twice).
    partial_aggregate out{group_by, target, rounding, {}, rows_read, rows_rejected};
    out.groups.share_memory(groups.budget(), groups.spill_directory());
    for_each_finished(*this,
                      [&](const group_view& g) { out.groups.add({g.key.begin(), g.key.end()}, figures_of(g)); });
    return out;
}

// ---- JSON -------------------------------------------------------------------------------

void write_totals(json_out::writer& w, const group_view& g) {
    w.begin_array();
    for (const currency_total& t : g.totals) {
        w.begin_object();
        w.key("currency");
        w.string(t.currency.code());
        w.key("total");
        w.string(t.total.to_string());
        w.key("rows");
        w.number(t.rows);
        w.end_object();
    }
    w.end_array();
}

namespace {

void write_group(json_out::writer& w, const group_view& g) {
    w.begin_object();
    w.key("key");
    w.begin_array();
    for (const std::string_view field : g.key) w.string(field);
    w.end_array();
    w.key("totals");
    write_totals(w, g);
    if (g.converted != nullptr) {
        w.key("converted");
        w.string(g.converted->to_string());
    }
    w.end_object();
}

}  // namespace

void write_json(std::ostream& os, const partial_aggregate& p) {
    std::string out;
    json_out::writer w(out, 1);
    w.begin_object();
    w.key("format");
    w.string("crossfoot-partial");
    w.key("version");
    w.number(partial_aggregate::format_version);
    w.key("group_by");
    w.begin_array();
    for (const std::string& column : p.group_by) w.string(column);
    w.end_array();
    w.key("target");
    if (p.target) {
        w.string(p.target->code());
    } else {
        w.null();
    }
    w.key("rounding");
    w.string(rounding_name(p.rounding));
    w.key("rows_read");
    w.number(p.rows_read);
    w.key("rows_rejected");
    w.number(p.rows_rejected);
    w.key("groups");
    w.begin_array();
    p.groups.for_each([&](const group_view& g) {
        write_group(w, g);
        if (out.size() >= (std::size_t{1} << 20)) {
            os << out;
            out.clear();
        }
    });
    w.end_array();
    w.end_object();
    out += '\n';
    os << out;
}

std::string to_json(const partial_aggregate& p) {
    std::ostringstream out;
    write_json(out, p);
    return std::move(out).str();
}

namespace {

// The longest decimal a partial may hold. Totals of amounts of up to 1,000 digits, converted
// at rates of up to 1,000, stay far below it; a longer one is refused rather than read in
// time that grows with the square of its length.
constexpr std::size_t max_decimal_chars = 10000;

decimal read_decimal(const json& j, std::string_view what) {
    if (!j.is_string())
        throw std::invalid_argument(fmt::format("{} must be a decimal string", what));
    const auto& text = j.get_ref<const std::string&>();
    if (text.size() > max_decimal_chars)
        throw std::invalid_argument(fmt::format("{} must be a decimal of at most {} characters, found {}",
                                                what, max_decimal_chars, text.size()));
    auto d = decimal::parse(text);
    if (!d) throw std::invalid_argument(fmt::format("{}: {}", what, d.error().message()));
    return *d;
}

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
    const auto u = unit::currency(j.get<std::string>());
    if (!u) throw std::invalid_argument("unknown currency '" + j.get<std::string>() + "'");
    return *u;
}

// A converted total goes with a target, in every group, and only then.
group_totals read_group(const json& entry, const std::optional<unit>& target) {
    group_totals g;
    if (entry.at("totals").empty())
        throw std::invalid_argument("a group has no totals: every group holds at least one currency's");
    for (const json& t : entry.at("totals")) {
        const unit u = read_unit(t.at("currency"));
        if (g.totals.contains(u))
            throw std::invalid_argument(
                fmt::format("currency {} appears twice in a group", u.code()));
        g.totals[u] = read_decimal(t.at("total"), "total");
        g.rows[u] = read_count(t.at("rows"), "rows");
    }
    if (entry.contains("converted") != target.has_value())
        throw std::invalid_argument(target
                                        ? "a group has no converted total"
                                        : "a group has a converted total but there is no target");
    if (target) g.converted = read_decimal(entry.at("converted"), "converted");
    return g;
}

// Every accepted row is in exactly one group and currency.
void check_rows(const partial_aggregate& p) {
    if (p.rows_rejected > p.rows_read)
        throw std::invalid_argument(fmt::format("rows_rejected {} is more than rows_read {}",
                                                p.rows_rejected, p.rows_read));
    std::uint64_t in_groups = 0;
    p.groups.for_each([&](const group_view& g) { in_groups += g.rows(); });
    if (in_groups != p.rows_accepted())
        throw std::invalid_argument(fmt::format("the groups hold {} rows, not the {} accepted",
                                                in_groups, p.rows_accepted()));
}

partial_aggregate read_partial(const json& doc) {
    if (doc.at("format") != "crossfoot-partial")
        throw std::invalid_argument("not a crossfoot partial aggregate");
    if (doc.at("version") != partial_aggregate::format_version)
        throw std::invalid_argument(fmt::format("format version {} is not {}",
                                                doc.at("version").dump(),
                                                partial_aggregate::format_version));
    partial_aggregate p;
    p.group_by = doc.at("group_by").get<std::vector<std::string>>();
    for (auto column = p.group_by.begin(); column != p.group_by.end(); ++column) {
        if (std::find(p.group_by.begin(), column, *column) != column)
            throw std::invalid_argument(fmt::format("group_by names the column '{}' twice", *column));
    }
    if (!doc.at("target").is_null()) p.target = read_unit(doc.at("target"));
    p.rounding = read_rounding(doc.at("rounding"));
    p.rows_read = read_count(doc.at("rows_read"), "rows_read");
    p.rows_rejected = read_count(doc.at("rows_rejected"), "rows_rejected");
    for (const json& entry : doc.at("groups")) {
        auto key = entry.at("key").get<std::vector<std::string>>();
        if (key.size() != p.group_by.size())
            throw std::invalid_argument("a group key does not match group_by");
        if (p.groups.contains(key))
            throw std::invalid_argument(
                fmt::format("the group {} appears twice", entry.at("key").dump()));
        p.groups.add(key, read_group(entry, p.target));
    }
    check_rows(p);
    return p;
}

}  // namespace

namespace {

// Builds the document as json's own reader does, but refuses JSON that names a key twice in one
// object (the reader would keep one of the two silently). json's parser with a callback did
// the same check but took minutes on a partial of 10^6 groups; its event reader with this
// handler reads it in about a second.
class without_duplicate_keys : public nlohmann::detail::json_sax_dom_parser<json> {
public:
    using json_sax_dom_parser::json_sax_dom_parser;

    bool start_object(std::size_t elements) {
        open_objects_.emplace_back();
        return json_sax_dom_parser::start_object(elements);
    }
    bool end_object() {
        open_objects_.pop_back();
        return json_sax_dom_parser::end_object();
    }
    bool key(string_t& name) {
        if (!open_objects_.back().insert(name).second)
            throw std::invalid_argument(fmt::format("the key {} appears twice in one object", json(name).dump()));
        return json_sax_dom_parser::key(name);
    }

private:
    std::vector<std::set<std::string>> open_objects_;
};

json parse_without_duplicate_keys(std::string_view text) {
    json parsed;
    without_duplicate_keys reader(parsed);
    json::sax_parse(text, &reader);
    return parsed;
}

// json's messages begin with their own code, "[json.exception.parse_error.101] ": left out.
std::string without_json_code(std::string message) {
    if (message.starts_with("[json.exception.")) {
        const std::size_t end = message.find("] ");
        if (end != std::string::npos) message.erase(0, end + 2);
    }
    return message;
}

}  // namespace

std::expected<partial_aggregate, std::string> partial_from_json(std::string_view text) {
    try {
        return read_partial(parse_without_duplicate_keys(text));
    } catch (const std::exception& e) {  // json's parse, type and key errors, and ours
        return std::unexpected(without_json_code(e.what()));
    }
}

std::ostream& operator<<(std::ostream& os, const partial_aggregate& p) {
    write_json(os, p);
    return os;
}

}  // namespace crossfoot
