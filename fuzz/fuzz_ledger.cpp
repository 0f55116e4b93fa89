// fuzz/fuzz_ledger.cpp: a CSV ledger of any bytes, aggregated with rows passed on, one thread
// and two: both end the same way, with the same totals (the work split across threads and the
// quote-aware and plain scans must agree). A ledger without quotes is read by the integer fast
// path; the same ledger with the first field of its first row quoted is read by the general
// decimal path, and the two must agree as well.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct run {
    bool ok = false;
    crossfoot::partial_aggregate result;
    std::size_t rejected = 0;
};

run aggregate(std::string_view text, unsigned threads) {
    crossfoot::aggregate_options options;
    options.group_by = {"region"};
    options.max_record_bytes = 1 << 16;
    run out;
    const crossfoot::reject_sink sink = [&out](const crossfoot::diagnostic&) { ++out.rejected; };
    out.ok = crossfoot::aggregate_csv(text, "fuzz.csv", options, nullptr, out.result, sink, threads).has_value();
    return out;
}

bool same(const run& a, const run& b) {
    return a.ok == b.ok && (!a.ok || (a.result == b.result && a.rejected == b.rejected));
}

// The text with the first field of its second line in quotes, which sends the ledger down the
// general path; empty when the text has a quote already or that field is empty. The field
// runs to the next comma or line feed: a CR is part of it unless it ends the line (before a
// line feed or at the end of the text), so a lone CR moves inside the quotes with its field.
std::string with_a_quoted_field(std::string_view text) {
    if (text.find('"') != std::string_view::npos) return {};
    const std::size_t header_end = text.find('\n');
    if (header_end == std::string_view::npos) return {};
    const std::size_t start = header_end + 1;
    std::size_t end = std::min(text.find_first_of(",\n", start), text.size());
    if (end > start && text[end - 1] == '\r' && (end == text.size() || text[end] == '\n')) --end;
    if (end == start) return {};
    std::string out(text.substr(0, start));
    out += '"';
    out += text.substr(start, end - start);
    out += '"';
    out += text.substr(end);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const run one = aggregate(text, 1);
    const run two = aggregate(text, 2);
    if (!same(one, two)) std::abort();
    const std::string general = with_a_quoted_field(text);
    if (!general.empty() && !same(one, aggregate(general, 1))) std::abort();
    return 0;
}
