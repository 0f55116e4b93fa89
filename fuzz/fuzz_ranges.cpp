// fuzz/fuzz_ranges.cpp: a CSV file of any bytes, aggregated whole and in byte ranges (scanned
// apart, chained, each range read on its own): both end the same way, with the same totals
// and the same bad rows at the same lines. The first input byte sets the range size, 1 to 64
// bytes, made longer where that would cut the file into more than 16 ranges: each range opens
// and maps the file twice, and unmapping took some 40 % of the time at up to 64 ranges (a
// long input in 1-byte ranges ran at a few inputs a second; the saved corpus replayed at
// about 190 inputs a second with up to 64 ranges, 300-460 with up to 16; docs/reliability.md).
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>
#include <crossfoot/csv_ranges.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace {

using reject = std::tuple<std::size_t, std::size_t, std::string>;

struct run {
    bool ok = false;
    crossfoot::partial_aggregate result;
    std::vector<reject> rejects;
};

crossfoot::aggregate_options options() {
    crossfoot::aggregate_options o;
    o.group_by = {"region"};
    o.max_record_bytes = 1 << 16;
    return o;
}

crossfoot::reject_sink sink_into(run& out) {
    return [&out](const crossfoot::diagnostic& d) { out.rejects.emplace_back(d.line, d.column, d.code); };
}

run whole(const std::string& path) {
    run out;
    out.ok = crossfoot::aggregate_file(path, "fuzz.csv", options(), nullptr, out.result, sink_into(out)).has_value();
    return out;
}

run in_ranges(const std::string& path, std::uint64_t size, std::uint64_t range_bytes) {
    run out;
    out.result.group_by = options().group_by;
    std::vector<crossfoot::csv_range_scan> scans;
    for (const auto& [begin, end] : crossfoot::nominal_ranges(size, range_bytes)) {
        auto scan = crossfoot::scan_csv_range(path, "fuzz.csv", begin, end);
        if (!scan) std::abort();  // the file is there and regular: a scan cannot fail
        scans.push_back(*scan);
    }
    const auto positions = crossfoot::chain_csv_scans(scans, "fuzz.csv");
    if (!positions) std::abort();  // nothing changed the file
    for (std::size_t i = 0; i < scans.size(); ++i) {
        crossfoot::partial_aggregate piece;
        const crossfoot::csv_range range{scans[i].begin, scans[i].end, (*positions)[i], (*positions)[i + 1],
                                         scans[i].version};
        if (!crossfoot::aggregate_csv_range(path, "fuzz.csv", range, options(), nullptr, piece, sink_into(out)))
            return out;
        if (!out.result.merge(piece)) std::abort();
    }
    out.ok = true;
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    constexpr std::uint64_t most_ranges = 16;
    const std::uint64_t range_bytes = std::max<std::uint64_t>(1 + data[0] % 64, (text.size() + most_ranges - 1) / most_ranges);
    const int fd = ::memfd_create("fuzz.csv", MFD_CLOEXEC);
    if (fd < 0) return 0;
    if (::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        ::close(fd);
        return 0;
    }
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    const run one = whole(path);
    const run cut = in_ranges(path, text.size(), range_bytes);
    ::close(fd);
    if (one.ok != cut.ok) std::abort();
    if (one.ok && (one.result != cut.result || one.rejects != cut.rejects)) std::abort();
    return 0;
}
