// engine/aggregate/partial.cpp: merging partial aggregates, and writing their JSON form
// (partial_read.cpp reads it).
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include "cell_table.hpp"
#include "partial.hpp"
#include "spill.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace crossfoot {

namespace {

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

void for_each_aggregate_row(const partial_aggregate& p, const std::function<void(const aggregate_row_view&)>& visit) {
    for_each_finished(p, [&](const group_view& g) {
        for (const currency_total& t : g.totals) visit({g.key, t.currency, &t.total, t.rows, false});
        if (g.converted != nullptr) visit({g.key, *p.target, g.converted, g.rows(), true});
    });
}

std::vector<aggregate_row> aggregate_rows(const partial_aggregate& p) {
    std::vector<aggregate_row> out;
    out.reserve(p.groups.size());  // a row or more a group
    for_each_aggregate_row(p, [&](const aggregate_row_view& r) {
        out.push_back({{r.key.begin(), r.key.end()}, r.currency, *r.total, r.rows, r.converted});
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
    try {
        groups.merge(other.groups);
    } catch (const aggregation::spill_error& e) {
        return std::unexpected(aggregation::cannot_hold_on_disk(e));
    } catch (const std::bad_alloc&) {
        return std::unexpected(aggregation::out_of_memory_for_groups);
    }
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

std::ostream& operator<<(std::ostream& os, const partial_aggregate& p) {
    write_json(os, p);
    return os;
}

}  // namespace crossfoot
