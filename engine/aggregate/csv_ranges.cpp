// engine/aggregate/csv_ranges.cpp: scanning byte ranges of a CSV file apart and chaining the
// scans into exact cut points.
// SPDX-License-Identifier: MIT
#include <crossfoot/csv_ranges.hpp>

#include "csv_scan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <memory>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace crossfoot {

namespace aggregation {

namespace {

constexpr std::size_t read_block = std::size_t{1} << 20;

// Reads up to `length` bytes at `offset`; fewer only at the end of the file.
std::expected<std::size_t, std::string> read_at(int fd, char* into, std::size_t length, std::uint64_t offset) {
    std::size_t got = 0;
    while (got < length) {
        const ssize_t n = ::pread(fd, into + got, length - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::unexpected(std::string(std::strerror(errno)));
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    return got;
}

}  // namespace

csv_file_version version_of(const struct stat& status) {
    return {static_cast<std::uint64_t>(status.st_size),
            static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec};
}

std::size_t byte_order_mark_end(int fd) {
    char head[3] = {};
    const auto got = read_at(fd, head, sizeof head, 0);
    return got && *got == 3 && std::string_view(head, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

std::expected<record_start, std::string> next_record_start(int fd, std::uint64_t from, csv_position at,
                                                           std::uint64_t size) {
    record_start found{from, at.line};
    csv_state state = at.state;
    if (state == csv_state::line_start) return found;
    // No bigger than what is left of the file: a range of a small file reads a few bytes.
    const auto block = static_cast<std::size_t>(std::min<std::uint64_t>(read_block, size - std::min(from, size)));
    const auto buffer = std::make_unique_for_overwrite<char[]>(block);
    while (state != csv_state::line_start && found.offset < size) {
        const auto got = read_at(fd, buffer.get(), std::min<std::uint64_t>(block, size - found.offset),
                                 found.offset);
        if (!got) return std::unexpected(got.error());
        if (*got == 0) break;  // the file is shorter than it was
        std::size_t i = 0;
        for (; i < *got && state != csv_state::line_start; ++i) {
            state = step(state, buffer[i]);
            if (buffer[i] == '\n') ++found.line;
        }
        found.offset += i;
    }
    if (state != csv_state::line_start) found.offset = size;
    return found;
}

}  // namespace aggregation

namespace {

diagnostic file_error(std::string_view file_name, std::string message) {
    return {std::string(file_name), 1, 1, severity::error, std::move(message), "no-file", {}};
}

// How many bytes of `block` are line feeds, and whether one is a quote, sixteen bytes at a
// time in one pass: GCC 12 vectorises no loop at -O2, and a byte loop (or a pass for each)
// would make the scan the slowest step of a distributed run.
struct block_bytes {
    std::uint64_t line_feeds = 0;
    bool quote = false;
};

block_bytes count_bytes(std::string_view block) {
    using bytes16 = unsigned char __attribute__((vector_size(16)));
    bytes16 feed;
    bytes16 quote;
    for (int k = 0; k < 16; ++k) {
        feed[k] = '\n';
        quote[k] = '"';
    }
    block_bytes out;
    bytes16 quotes{};
    std::size_t i = 0;
    while (block.size() - i >= 16) {
        bytes16 counts{};  // per lane, at most 255 before it is added up
        const std::size_t rounds = std::min<std::size_t>((block.size() - i) / 16, 255);
        for (std::size_t r = 0; r < rounds; ++r, i += 16) {
            bytes16 chunk;
            std::memcpy(&chunk, block.data() + i, sizeof chunk);
            counts -= std::bit_cast<bytes16>(chunk == feed);  // a match is all ones: -(-1) = +1
            quotes |= std::bit_cast<bytes16>(chunk == quote);
        }
        for (int k = 0; k < 16; ++k) out.line_feeds += counts[k];
    }
    for (int k = 0; k < 16; ++k) out.quote = out.quote || quotes[k] != 0;
    for (; i < block.size(); ++i) {
        out.line_feeds += block[i] == '\n' ? 1U : 0U;
        out.quote = out.quote || block[i] == '"';
    }
    return out;
}

// What one block does to each of the four states, and its line feeds: with no quote in it,
// an unquoted state ends where the block's last byte puts it, and a quoted one stays quoted.
void scan_block(std::string_view block, std::array<csv_state, 4>& states, std::uint64_t& line_feeds) {
    if (block.empty()) return;
    const block_bytes counted = count_bytes(block);
    line_feeds += counted.line_feeds;
    if (!counted.quote) {
        const csv_state last = aggregation::step(csv_state::in_field, block.back());
        for (csv_state& s : states)
            if (s != csv_state::quoted) s = last;
        return;
    }
    for (const char c : block)
        for (csv_state& s : states) s = aggregation::step(s, c);
}

}  // namespace

std::expected<csv_range_scan, diagnostic> scan_csv_range(const std::string& path, std::string_view file_name,
                                                         std::uint64_t begin, std::uint64_t end) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(file_error(file_name, fmt::format("cannot open '{}' for reading: {}", path,
                                                                 why_not_readable(path))));
    const std::unique_ptr<int, void (*)(int*)> closer(new int(fd), [](int* f) {
        ::close(*f);
        delete f;
    });
    struct stat status {};
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode))
        return std::unexpected(file_error(file_name, fmt::format("'{}' is not a regular file: a range of it cannot be read", path)));
    const auto size = static_cast<std::uint64_t>(status.st_size);
    csv_range_scan scan{.begin = begin,
                        .end = std::min(std::max(begin, end), size),
                        .after = {csv_state::line_start, csv_state::field_start, csv_state::in_field, csv_state::quoted},
                        .line_feeds = 0,
                        .version = aggregation::version_of(status)};
    // The reader skips a byte-order mark before the header: so does the scan.
    const std::uint64_t first = std::max<std::uint64_t>(begin, aggregation::byte_order_mark_end(fd));
    // Mapped a window at a time and read in place: a copy would cost more than the scan.
    const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
    constexpr std::uint64_t window = std::uint64_t{32} << 20;
    for (std::uint64_t at = first; at < scan.end;) {
        const std::uint64_t from = at / page * page;
        const std::uint64_t to = std::min(scan.end, from + window);
        void* const mapped = ::mmap(nullptr, to - from, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(from));
        if (mapped == MAP_FAILED)
            return std::unexpected(file_error(file_name, fmt::format("cannot map '{}' into memory: {}", path, std::strerror(errno))));
        ::madvise(mapped, to - from, MADV_SEQUENTIAL);
        scan_block({static_cast<const char*>(mapped) + (at - from), to - at}, scan.after, scan.line_feeds);
        ::munmap(mapped, to - from);
        at = to;
    }
    return scan;
}

std::expected<std::vector<csv_position>, diagnostic> chain_csv_scans(std::span<const csv_range_scan> scans,
                                                                     std::string_view file_name) {
    const auto refuse = [&](std::string message, std::string code) {
        return std::unexpected(diagnostic{std::string(file_name), 1, 1, severity::error, std::move(message),
                                          std::move(code), {}});
    };
    std::vector<csv_position> out{csv_position{}};
    out.reserve(scans.size() + 1);
    std::uint64_t expected_begin = 0;
    for (const csv_range_scan& s : scans) {
        if (s.begin != expected_begin)
            return refuse(fmt::format("expected a range that begins at byte {}, found one that begins at {}",
                                      expected_begin, s.begin),
                          "bad-ranges");
        if (s.version != scans.front().version)
            return refuse(fmt::format("the file changed while its ranges were scanned ({} bytes, then {})",
                                      scans.front().version.size, s.version.size),
                          "file-changed");
        const csv_position& before = out.back();
        out.push_back({s.after[static_cast<std::size_t>(before.state)], before.line + s.line_feeds});
        expected_begin = s.end;
    }
    if (!scans.empty() && expected_begin != scans.back().version.size)
        return refuse(fmt::format("expected ranges up to the file's end at byte {}, found them ending at {}: it "
                                  "changed after it was cut",
                                  scans.back().version.size, expected_begin),
                      "file-changed");
    return out;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> nominal_ranges(std::uint64_t size, std::uint64_t range_bytes) {
    const std::uint64_t n = std::max<std::uint64_t>(1, (size + std::max<std::uint64_t>(range_bytes, 1) - 1) /
                                                           std::max<std::uint64_t>(range_bytes, 1));
    std::vector<std::pair<std::uint64_t, std::uint64_t>> out;
    out.reserve(n);
    std::uint64_t begin = 0;
    for (std::uint64_t i = 1; i <= n; ++i) {
        // i * size / n, without overflow for any file size and range count below 2^32.
        const std::uint64_t end = size / n * i + size % n * i / n;
        out.emplace_back(begin, end);
        begin = end;
    }
    return out;
}

}  // namespace crossfoot
