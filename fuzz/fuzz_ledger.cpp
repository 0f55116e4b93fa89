// fuzz/fuzz_ledger.cpp: a CSV ledger of any bytes, aggregated with rows passed on, one thread
// and two: both end the same way, with the same totals (the work split across threads and the
// quote-aware and plain scans must agree).
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const run one = aggregate(text, 1);
    const run two = aggregate(text, 2);
    if (one.ok != two.ok) std::abort();
    if (one.ok && (!(one.result == two.result) || one.rejected != two.rejected)) std::abort();
    return 0;
}
