// engine/aggregate/spill.cpp: runs of groups on disk, written in key order and merged back.
// SPDX-License-Identifier: MIT
#include "spill.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <queue>
#include <cstdlib>
#include <tuple>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

namespace crossfoot::aggregation {

std::string default_spill_directory() {
    const char* const tmp = std::getenv("TMPDIR");
    return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

namespace {

// A new file in `directory`, unlinked at once: it lasts as long as its descriptor.
std::pair<int, std::string> unlinked_file(const std::string& directory) {
    const std::string folder = directory.empty() ? default_spill_directory() : directory;
    std::string path = folder + "/crossfoot-spill-XXXXXX";
    const int fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd < 0) throw spill_error("cannot make a spill file in " + folder + ": " + std::strerror(errno));
    ::unlink(path.c_str());
    return {fd, path};
}

// A group of the table as a run holds it.
void group_of(const cell_table& t, std::uint32_t g, std::vector<std::uint32_t>& cells, spilled_group& out) {
    out.key.assign(t.key_at(g));
    t.cells_of(g, cells);
    out.cells.clear();
    for (const std::uint32_t c : cells) {
        const cell_table::cell_view x = t.at(c);
        spilled_cell s;
        s.currency = x.currency;
        s.converted = (x.flags & cell_table::is_converted) != 0;
        s.flags = static_cast<std::uint8_t>(x.flags & (cell_table::has_sum | cell_table::has_rest));
        s.sum = x.sum;
        s.exponent = x.exponent;
        s.rows = x.rows;
        if ((x.flags & cell_table::has_rest) != 0) s.rest = t.rest_of(c);
        out.cells.push_back(std::move(s));
    }
}

// A cell's total, as cell_table::total makes it.
decimal value_of(const spilled_cell& c) {
    const bool rest = (c.flags & cell_table::has_rest) != 0;
    if ((c.flags & cell_table::has_sum) == 0) return rest ? c.rest : decimal();
    const decimal fast = decimal::from_narrow(c.sum, c.exponent);
    return rest ? fast + c.rest : fast;
}

}  // namespace

// A group's record: its key's size and bytes, its number of cells, then each cell: flags
// (1 converted, 2 a sum, 4 a decimal rest), the currency's three letters, the exponent, the
// 16-byte sum, the rows, and the rest as a scientific string with its size.
spill_run::writer::writer(const std::string& directory) { std::tie(fd_, path_) = unlinked_file(directory); }

spill_run::writer::~writer() {
    if (fd_ >= 0) ::close(fd_);
}

void spill_run::writer::add(const spilled_group& g) {
    put(static_cast<std::uint32_t>(g.key.size()));
    bytes_ += g.key;
    put(static_cast<std::uint32_t>(g.cells.size()));
    for (const spilled_cell& c : g.cells) cell(c);
    if (bytes_.size() >= (std::size_t{1} << 20)) flush();
}

void spill_run::writer::cell(const spilled_cell& c) {
    const auto flags = static_cast<std::uint8_t>((c.converted ? 1 : 0) | ((c.flags & cell_table::has_sum) != 0 ? 2 : 0) |
                                                 ((c.flags & cell_table::has_rest) != 0 ? 4 : 0));
    put(flags);
    const std::string_view code = c.converted ? std::string_view("\0\0\0", 3) : c.currency.code();
    bytes_.append(code.data(), 3);
    put(c.exponent);
    put(c.sum);
    put(c.rows);
    if ((flags & 4) != 0) {
        const std::string rest = c.rest.to_scientific_string();
        put(static_cast<std::uint32_t>(rest.size()));
        bytes_ += rest;
    }
}

void spill_run::writer::flush() {
    const char* p = bytes_.data();
    std::size_t left = bytes_.size();
    while (left > 0) {
        const ssize_t n = ::write(fd_, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw spill_error("cannot write the spill file " + path_ + ": " + std::strerror(n < 0 ? errno : ENOSPC));
        p += n;
        left -= static_cast<std::size_t>(n);
        written_ += static_cast<std::uint64_t>(n);
    }
    bytes_.clear();
}

std::shared_ptr<const spill_run> spill_run::writer::finish() {
    flush();
    std::shared_ptr<const spill_run> run(new spill_run(fd_, written_));
    fd_ = -1;
    return run;
}

std::shared_ptr<const spill_run> spill_run::write(const cell_table& table, const std::string& directory) {
    writer out(directory);
    std::vector<std::uint32_t> cells;
    spilled_group g;
    table.visit_in_order(table.ordered_groups(), [&](std::uint32_t group) {
        group_of(table, group, cells, g);
        out.add(g);
    });
    return out.finish();
}

spill_run::~spill_run() { ::close(fd_); }

spill_run::reader::reader(const spill_run& run) : run_(run) {}

// At least `wanted` bytes from at_ in the buffer, unless the file ends first.
bool spill_run::reader::fill(std::size_t wanted) {
    if (buffer_.size() - at_ >= wanted) return true;
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(at_));
    at_ = 0;
    while (buffer_.size() < wanted && offset_ < run_.size_) {
        const std::size_t chunk = std::max<std::size_t>(wanted - buffer_.size(), std::size_t{256} << 10);
        const std::size_t had = buffer_.size();
        buffer_.resize(had + chunk);
        const ssize_t n = ::pread(run_.fd_, buffer_.data() + had, chunk, static_cast<off_t>(offset_));
        if (n < 0 && errno == EINTR) {
            buffer_.resize(had);
            continue;
        }
        if (n <= 0) throw spill_error(std::string("cannot read back a spill file: ") + std::strerror(n < 0 ? errno : EIO));
        buffer_.resize(had + static_cast<std::size_t>(n));
        offset_ += static_cast<std::uint64_t>(n);
    }
    return buffer_.size() >= wanted;
}

template <class T>
T spill_run::reader::take() {
    if (!fill(sizeof(T))) throw spill_error("a spill file ends inside a group");
    T value;
    std::memcpy(&value, buffer_.data() + at_, sizeof value);
    at_ += sizeof value;
    return value;
}

bool spill_run::reader::next(spilled_group& into) {
    if (!fill(1)) return false;
    const auto key_size = take<std::uint32_t>();
    if (!fill(key_size)) throw spill_error("a spill file ends inside a key");
    into.key.assign(buffer_.data() + at_, key_size);
    at_ += key_size;
    const auto cells = take<std::uint32_t>();
    into.cells.resize(cells);
    for (spilled_cell& c : into.cells) {
        const auto flags = take<std::uint8_t>();
        const auto code = take<std::array<char, 3>>();
        c.converted = (flags & 1) != 0;
        const auto currency = unit::currency(std::string_view(code.data(), 3));
        if (!c.converted && !currency) throw spill_error("a spill file holds an unknown currency");
        c.currency = c.converted ? unit::count() : *currency;
        c.flags = static_cast<std::uint8_t>(((flags & 2) != 0 ? cell_table::has_sum : 0) |
                                            ((flags & 4) != 0 ? cell_table::has_rest : 0));
        c.exponent = take<std::int32_t>();
        c.sum = take<int128>();
        c.rows = take<std::uint64_t>();
        c.rest = decimal();
        if ((flags & 4) != 0) {
            const auto size = take<std::uint32_t>();
            if (!fill(size)) throw spill_error("a spill file ends inside a total");
            const auto rest = decimal::parse_scientific(std::string_view(buffer_.data() + at_, size));
            if (!rest) throw spill_error("a spill file holds a total that is not a number");
            c.rest = *rest;
            at_ += size;
        }
    }
    return true;
}

namespace {

// Adds `c` into the group being merged: into the cell of its currency (or the converted one).
void add_cell(spilled_group& into, const spilled_cell& c) {
    const auto same = std::ranges::find_if(into.cells, [&](const spilled_cell& x) {
        return x.converted == c.converted && (c.converted || x.currency == c.currency);
    });
    if (same == into.cells.end()) {
        spilled_cell made;
        made.currency = c.currency;
        made.converted = c.converted;
        made.flags = cell_table::has_rest;
        made.rest = value_of(c);
        made.rows = c.rows;
        into.cells.push_back(std::move(made));
        return;
    }
    same->rest += value_of(c);
    same->rows += c.rows;
}

}  // namespace

void merge_groups(const cell_table& table, const std::vector<std::shared_ptr<const spill_run>>& runs,
                  const std::function<void(const spilled_group&)>& visit) {
    // Source 0 is the table, in key order; the others are the runs.
    const std::vector<std::uint32_t> order = table.ordered_groups();
    std::size_t table_at = 0;
    std::vector<std::uint32_t> cells;
    std::vector<spill_run::reader> readers;
    for (const auto& run : runs) readers.emplace_back(*run);
    std::vector<spilled_group> current(runs.size() + 1);
    const auto advance = [&](std::size_t source) {
        if (source == 0) {
            if (table_at == order.size()) return false;
            group_of(table, order[table_at++], cells, current[0]);
            return true;
        }
        return readers[source - 1].next(current[source]);
    };
    const auto later = [&](std::size_t a, std::size_t b) { return key_less(current[b].key, current[a].key); };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heap(later);
    for (std::size_t s = 0; s < current.size(); ++s) {
        if (advance(s)) heap.push(s);
    }
    spilled_group merged;
    while (!heap.empty()) {
        merged.key = current[heap.top()].key;
        merged.cells.clear();
        while (!heap.empty() && current[heap.top()].key == merged.key) {
            const std::size_t s = heap.top();
            heap.pop();
            for (const spilled_cell& c : current[s].cells) add_cell(merged, c);
            if (advance(s)) heap.push(s);
        }
        std::ranges::sort(merged.cells, [](const spilled_cell& a, const spilled_cell& b) {
            if (a.converted != b.converted) return b.converted;
            return a.currency < b.currency;
        });
        visit(merged);
    }
}

void view_spilled(const spilled_group& g, const std::function<void(const group_view&)>& visit) {
    std::vector<currency_total> totals;
    std::optional<decimal> converted;
    for (const spilled_cell& c : g.cells) {
        if (c.converted) converted = value_of(c);
        else totals.push_back({c.currency, value_of(c), c.rows});
    }
    std::vector<std::string_view> key;
    for_each_key_field(g.key, [&](std::string_view field) { key.push_back(field); });
    visit(group_view{key, totals, converted ? &*converted : nullptr});
}

}  // namespace crossfoot::aggregation
