// engine/report/aggregate_report.cpp: the text, CSV and JSON reports of an aggregation.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <crossfoot/sum.hpp>

#include "aggregate/huge_pages.hpp"
#include "aggregate/partial.hpp"
#include "core/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <optional>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

// fmt writes straight into a contiguous container it knows, and a character at a time into
// any other: the range text's string is one.
template <>
struct fmt::is_contiguous<crossfoot::aggregation::big_string> : std::true_type {};

namespace crossfoot {

namespace {

// The bytes that make a CSV cell quoted: a comma, a quote, a line break.
constexpr std::array<bool, 256> csv_special = [] {
    std::array<bool, 256> special{};
    for (const char c : {',', '"', '\n', '\r'}) special[static_cast<unsigned char>(c)] = true;
    return special;
}();

// Whether a CSV cell must be quoted: every byte looked up, without a branch on each.
bool needs_quotes(std::string_view text) {
    bool special = false;
    for (const char c : text) special |= csv_special[static_cast<unsigned char>(c)];
    return special;
}

// Appends a CSV cell: quoted, its quotes doubled, when it holds a comma, a quote or a line break.
template <class Text>
void append_csv_cell(Text& out, std::string_view text) {
    if (!needs_quotes(text)) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

// Calls `row(currency, total, rows, kind)` for each row of a group's report: its exact totals
// by currency ("exact"), then its total converted into `p`'s target ("converted").
template <class Row>
void for_each_row_of(const partial_aggregate& p, const group_view& g, Row&& row) {
    for (const currency_total& t : g.totals)
        row(t.currency.code(), t.total, t.rows, std::string_view("exact"));
    if (g.converted != nullptr)
        row(p.target->code(), *g.converted, g.rows(), std::string_view("converted"));
}

// A row count's digits, written into `room`.
std::string_view count_text(std::array<char, 24>& room, std::uint64_t rows) {
    const auto written = std::to_chars(room.data(), room.data() + room.size(), rows);
    return {room.data(), static_cast<std::size_t>(written.ptr - room.data())};
}

// The cells of a group's rows of the table report (totals with their thousands grouped), as
// views valid during a call to `line`: a report of millions of groups makes no string per
// cell. One per thread.
class row_cells {
public:
    // Calls `line` with the cells of each row of `g` (for_each_row_of).
    template <class Line>
    void of(const partial_aggregate& p, const group_view& g, Line&& line) {
        const auto row = [&](std::string_view currency, const decimal& total, std::uint64_t rows,
                             std::string_view kind) {
            cells_.assign(g.key.begin(), g.key.end());
            total_text_ = group_thousands(total.to_string());
            cells_.push_back(currency);
            cells_.push_back(total_text_);
            cells_.push_back(count_text(rows_text_, rows));
            cells_.push_back(kind);
            line(cells_);
        };
        for_each_row_of(p, g, row);
    }

private:
    std::vector<std::string_view> cells_;
    std::string total_text_;
    std::array<char, 24> rows_text_{};
};

// A thread's own `T`, on cache lines of its own: threads that write theirs side by side in a
// vector (a string's size on every append) would otherwise take the line from one another.
template <class T>
struct alignas(64) own {
    T value;
};

// Groups per range of the key order that one thread makes the text of (for_each_range): a
// few megabytes of text at most, held until the ranges before it are written.
constexpr std::size_t range_groups = std::size_t{1} << 13;

// A range's text: megabytes with many groups, held in huge pages (huge_pages.hpp) as the
// group tables are, where in 4 KiB pages each first write of a page faulted (a CSV report of
// 3.3·10^5 totals: a quarter of the run's faults, docs/benchmarks.md).
using range_text = aggregation::big_string;
// A range's text past this size is given room for a whole huge-page block at once, rather
// than growing through the sizes below it page fault by page fault (at 10^6 rows by
// date,region, 3.1·10^5 totals: ~500 faults a run). JSON's std::string is reserved alike:
// fewer copies as it grows, if no fewer faults.
constexpr std::size_t reserve_text_past = std::size_t{64} << 10;

// Text made a range at a time on each of `threads` threads: `make(range, out, group)` appends
// a group's text to its range's `out` (a `Text`); `end(range)` is called once a range is made,
// on this thread, before its text is written to `os`. The ranges are written in key order, so
// that at most `threads` ranges' text is held at once; `range % threads` tells a thread's state.
template <class Text, class Make, class End>
void write_in_ranges(std::ostream& os, const partial_aggregate& p, unsigned threads, Make&& make, End&& end) {
    std::vector<own<Text>> text(threads);
    for_each_finished_range(
        p, threads, range_groups,
        [&](std::size_t range, const group_view& g) {
            Text& out = text[range % threads].value;
            make(range, out, g);
            if (out.size() > reserve_text_past && out.capacity() < aggregation::huge_block_from)
                out.reserve(aggregation::huge_block_from);
        },
        [&](std::size_t range) {
            end(range);
            const Text& made = text[range % threads].value;
            os.write(made.data(), static_cast<std::streamsize>(made.size()));
            text[range % threads].value.clear();
        });
}

// Appends `prefix` as it is (cells already joined, with their last comma), then `cells` as the
// rest of one CSV line, none of them quoted: sized once and copied in, a memcpy a cell, where
// appending each cell and comma checked the string's room every time.
template <class Text, class Cells>
void append_plain_line(Text& out, std::string_view prefix, const Cells& cells) {
    std::size_t bytes = prefix.size() + cells.size();  // the commas and the line feed
    for (const std::string_view cell : cells) bytes += cell.size();
    const std::size_t at = out.size();
    out.resize(at + bytes);  // grows the string geometrically (GCC 12's resize_and_overwrite does not)
    char* p = out.data() + at;
    if (!prefix.empty()) std::memcpy(p, prefix.data(), prefix.size());
    p += prefix.size();
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i].empty()) std::memcpy(p, cells[i].data(), cells[i].size());
        p += cells[i].size();
        *p++ = i + 1 < cells.size() ? ',' : '\n';
    }
}

// Appends `cells` joined by commas, each quoted where it must be.
template <class Text, class Cells>
void append_csv_cells(Text& out, const Cells& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i != 0) out += ',';
        append_csv_cell(out, cells[i]);
    }
}

// Appends a CSV line of `cells`, each quoted where it must be.
template <class Text>
void append_csv_line(Text& out, std::span<const std::string_view> cells) {
    if (std::ranges::none_of(cells, needs_quotes)) {
        append_plain_line(out, {}, cells);
        return;
    }
    append_csv_cells(out, cells);
    out += '\n';
}

// A group's CSV lines, appended to a range's text: the key's cells made once (quoted where they
// must be) and put before each of its rows' currency, total, rows and kind. A total and a row
// count are digits, a point and a sign, and the kind a word: never quoted; a currency code is
// checked. (Each line had been a vector of cells, the key's among them, checked for quoting
// byte by byte: the CSV report of 3.1·10^5 totals took 1,565 instructions a line, 1,175 with
// this writer; docs/benchmarks.md.) One per thread.
class csv_group_lines {
public:
    template <class Text>
    void append(Text& out, const partial_aggregate& p, const group_view& g) {
        key_.clear();
        append_csv_cells(key_, g.key);
        if (!g.key.empty()) key_ += ',';  // a group of no key column has no key cell
        const auto row = [&](std::string_view currency, const decimal& total, std::uint64_t rows,
                             std::string_view kind) {
            const std::array<std::string_view, 4> cells{cell_of_currency(currency),
                                                        cell_of_total(total),
                                                        count_text(rows_text_, rows), kind};
            append_plain_line(out, key_, cells);
        };
        for_each_row_of(p, g, row);
    }

private:
    // A currency code as its cell: quoted should it need it.
    std::string_view cell_of_currency(std::string_view code) {
        if (!needs_quotes(code)) return code;
        currency_.clear();
        append_csv_cell(currency_, code);
        return currency_;
    }
    // A total's text, written with decimal::to_chars (a string for one too long for the buffer).
    std::string_view cell_of_total(const decimal& total) {
        const auto written =
            total.to_chars(total_text_.data(), total_text_.data() + total_text_.size());
        if (written.ec != std::errc{}) return total_ = total.to_string();
        return {total_text_.data(), static_cast<std::size_t>(written.ptr - total_text_.data())};
    }

    std::string key_;       // the key's cells, each followed by a comma
    std::string currency_;  // a currency code that must be quoted, quoted
    std::array<char, 64> total_text_{};
    std::string total_;  // a total too long for total_text_
    std::array<char, 24> rows_text_{};
};

// The report's column names, as views for `line`.
std::vector<std::string_view> header_cells(const std::vector<std::string>& names) {
    return {names.begin(), names.end()};
}

std::string summary(const partial_aggregate& p) {
    return fmt::format("rows read {} = accepted {} + rejected {}\n", p.rows_read, p.rows_accepted(),
                       p.rows_rejected);
}

}  // namespace

void write_aggregate_text(std::ostream& os, const partial_aggregate& p, unsigned threads) {
    threads = std::max(1U, threads);
    const auto header = aggregate_columns(p);
    // Two passes over the groups: the widths of the columns, then the lines.
    // Counted in bytes, at least the columns fmt pads to; a control character is shown as
    // its picture, three bytes for its one.
    const auto bytes_shown = [](std::string_view cell) { return cell.size() + 2 * text::control_count(cell); };
    std::vector<own<std::vector<std::size_t>>> widths(threads, {std::vector<std::size_t>(header.size())});
    for (std::size_t i = 0; i < header.size(); ++i) widths[0].value[i] = header[i].size();
    std::vector<own<row_cells>> rows(threads, {row_cells()});
    for_each_finished_range(
        p, threads, range_groups,
        [&](std::size_t range, const group_view& g) {
            std::vector<std::size_t>& width = widths[range % threads].value;
            rows[range % threads].value.of(p, g, [&](const std::vector<std::string_view>& cells) {
                for (std::size_t i = 0; i < cells.size(); ++i) width[i] = std::max(width[i], bytes_shown(cells[i]));
            });
        },
        [](std::size_t) {});
    std::vector<std::size_t> width = widths[0].value;
    for (const auto& w : widths) std::ranges::transform(width, w.value, width.begin(), [](std::size_t a, std::size_t b) { return std::max(a, b); });
    const std::size_t numeric_from = p.group_by.size() + 1;  // total and rows align right
    std::vector<own<std::string>> shown(threads);
    const auto line = [&](auto& out, std::string& picture,
                          const std::vector<std::string_view>& cells) {
        const std::size_t start = out.size();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const bool right = i >= numeric_from && i < numeric_from + 2;
            // A key's CR or tab would break the table: shown as its picture.
            const std::string_view cell = text::control_count(cells[i]) != 0 ? (picture = text::visible(cells[i])) : cells[i];
            if (right) fmt::format_to(std::back_inserter(out), "{:>{}}", cell, width[i]);
            else fmt::format_to(std::back_inserter(out), "{:<{}}", cell, width[i]);
            if (i + 1 < cells.size()) out += "  ";
        }
        while (out.size() > start && out.back() == ' ') out.pop_back();
        out += '\n';
    };
    std::string out;
    line(out, shown[0].value, header_cells(header));
    os << out;
    write_in_ranges<range_text>(
        os, p, threads,
        [&](std::size_t range, range_text& text, const group_view& g) {
            const std::size_t slot = range % threads;
            rows[slot].value.of(p, g, [&](const std::vector<std::string_view>& cells) { line(text, shown[slot].value, cells); });
        },
        [](std::size_t) {});
    os << summary(p);
}

void write_aggregate_csv(std::ostream& os, const partial_aggregate& p, unsigned threads) {
    threads = std::max(1U, threads);
    std::string out;
    append_csv_line(out, header_cells(aggregate_columns(p)));
    os << out;
    std::vector<own<csv_group_lines>> lines(threads);
    write_in_ranges<range_text>(
        os, p, threads,
        [&](std::size_t range, range_text& text, const group_view& g) {
            lines[range % threads].value.append(text, p, g);
        },
        [](std::size_t) {});
}

// A group of the report in JSON.
void write_group(json_out::writer& w, const partial_aggregate& p, const group_view& g) {
    w.begin_object();
    w.key("group");
    w.begin_object();
    for (std::size_t i = 0; i < g.key.size(); ++i) {
        w.key(p.group_by[i]);
        w.string(g.key[i]);
    }
    w.end_object();
    w.key("totals");
    write_totals(w, g);
    if (g.converted != nullptr) {
        w.key("converted");
        w.begin_object();
        w.key("currency");
        w.string(p.target->code());
        w.key("total");
        w.string(g.converted->to_string());
        w.key("rows");
        w.number(g.rows());
        w.end_object();
    }
    w.end_object();
}

void write_aggregate_json(std::ostream& os, const partial_aggregate& p, unsigned threads) {
    threads = std::max(1U, threads);
    std::string out;
    json_out::writer w(out, 2);
    w.begin_object();
    w.key("rows_read");
    w.number(p.rows_read);
    w.key("rows_accepted");
    w.number(p.rows_accepted());
    w.key("rows_rejected");
    w.number(p.rows_rejected);
    w.key("groups");
    w.begin_array();
    os << out;
    out.clear();
    // Each range's writer goes on inside the array, made at its first group; every range
    // before it holds a group (for_each_range makes no empty range).
    std::vector<own<std::optional<json_out::writer>>> parts(threads);
    bool some = false;
    write_in_ranges<std::string>(
        os, p, threads,
        [&](std::size_t range, std::string& text, const group_view& g) {
            std::optional<json_out::writer>& part = parts[range % threads].value;
            if (!part) part.emplace(w.part(text, range != 0));
            write_group(*part, p, g);
        },
        [&](std::size_t range) {
            some = some || parts[range % threads].value.has_value();
            parts[range % threads].value.reset();
        });
    if (some) w.after_parts();
    w.end_array();
    w.end_object();
    out += '\n';
    os << out;
}

std::string format_aggregate_text(const partial_aggregate& p, unsigned threads) {
    std::ostringstream out;
    write_aggregate_text(out, p, threads);
    return std::move(out).str();
}

std::string format_aggregate_csv(const partial_aggregate& p, unsigned threads) {
    std::ostringstream out;
    write_aggregate_csv(out, p, threads);
    return std::move(out).str();
}

std::string format_aggregate_json(const partial_aggregate& p, unsigned threads) {
    std::ostringstream out;
    write_aggregate_json(out, p, threads);
    return std::move(out).str();
}

}  // namespace crossfoot
