// engine/aggregate/aggregate.cpp: streaming exact aggregation of CSV ledgers, on one or more threads.
// SPDX-License-Identifier: MIT
#include <crossfoot/aggregate.hpp>
#include <crossfoot/csv_ranges.hpp>

#include "csv_scan.hpp"
#include "memory_budget.hpp"
#include "row_scan.hpp"
#include "spill.hpp"
#include "worker.hpp"
#include "core/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <new>
#include <system_error>
#include <cstring>
#include <fstream>
#include <istream>
#include <memory>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace crossfoot {

namespace {

using aggregation::bad_row;
using aggregation::columns;
using aggregation::find_columns;
using aggregation::worker;
using csv::last_record_end;
using csv::next_record;
using csv::record;

// Splits `body` into about `n` pieces at line starts.
std::vector<std::string_view> pieces(std::string_view body, unsigned n) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (unsigned i = 1; i <= n && start < body.size(); ++i) {
        std::size_t end = i == n ? body.size() : std::max(start, body.size() * i / n);
        if (end < body.size()) {
            const void* nl = std::memchr(body.data() + end, '\n', body.size() - end);
            end = nl != nullptr
                      ? static_cast<std::size_t>(static_cast<const char*>(nl) - body.data()) + 1
                      : body.size();
        }
        out.push_back(body.substr(start, end - start));
        start = end;
    }
    return out;
}


}  // namespace

namespace {

diagnostic whole_file_error(std::string_view file_name, std::string message, std::string code) {
    return {std::string(file_name), 1, 1, severity::error, std::move(message), std::move(code), {}};
}

// Runs a reader, turning what it throws when the groups cannot be held (a spill file that
// cannot be written or read back, memory that cannot be had) into the input's error.
template <class Read>
std::expected<void, diagnostic> guarded(std::string_view file_name, Read&& read) {
    try {
        return read();
    } catch (const aggregation::spill_error& e) {
        return std::unexpected(whole_file_error(file_name, aggregation::cannot_hold_on_disk(e), "spill-failed"));
    } catch (const std::bad_alloc&) {
        return std::unexpected(whole_file_error(file_name, aggregation::out_of_memory_for_groups, "out-of-memory"));
    }
}

// Where groups go past the memory limit.
std::string spill_directory(const aggregate_options& options) {
    return options.spill_directory.empty() ? aggregation::default_spill_directory() : options.spill_directory;
}

// What each table may hold beyond its draw on the memory limit: below it a run would be
// written for every few groups, each a file of its own.
constexpr std::size_t least_per_table = std::size_t{64} << 10;

// A fresh partial takes the options' grouping, target and rounding; one that holds rows
// already must have been made with the same, since what is read is added to it.
std::expected<void, diagnostic> prepare(partial_aggregate& into, const aggregate_options& options,
                                        std::string_view file_name) {
    // A partial without a limit of its own (fresh, read from JSON, merged) takes the options':
    // a budget that the threads' tables will share with it.
    if (!into.groups.budget() && options.memory_limit != 0)
        into.groups.share_memory(std::make_shared<aggregation::memory_budget>(options.memory_limit, least_per_table),
                                 spill_directory(options));
    if (into.groups.empty() && into.rows_read == 0) {
        into.group_by = options.group_by;
        into.target = options.target;
        into.rounding = options.rounding;
        return {};
    }
    const partial_aggregate empty{options.group_by, options.target, options.rounding, {}, 0, 0};
    partial_aggregate probe{into.group_by, into.target, into.rounding, {}, 0, 0};
    if (auto merged = probe.merge(empty); !merged)
        return std::unexpected(whole_file_error(file_name, merged.error(), "bad-merge"));
    return {};
}

// One worker per thread, for a whole input, their tables drawing on the partial's budget.
std::vector<worker> make_workers(const aggregate_options& options, const columns& cols,
                                 const rate_table* rates, bool keep_going, unsigned threads,
                                 const partial_aggregate& into) {
    std::vector<worker> workers;
    workers.reserve(std::max(1U, threads));
    for (unsigned i = 0; i < std::max(1U, threads); ++i) {
        workers.emplace_back(options, cols, rates, keep_going);
        workers.back().share_memory(into.groups.budget(), spill_directory(options));
    }
    return workers;
}

// The rows read and refused so far in an input, added to the partial with its totals.
struct row_counts {
    std::uint64_t read = 0;
    std::uint64_t rejected = 0;
};

// At the end of an input: the workers' totals and the rows they counted, into the partial;
// so that a partial never counts rows whose totals it does not hold.
void take_totals(std::vector<worker>& workers, const row_counts& counts, partial_aggregate& into) {
    for (worker& w : workers) w.take(into.groups);
    into.rows_read += counts.read;
    into.rows_rejected += counts.rejected;
}

// Pieces of at least this size, and a few per thread: a thread that is done early takes
// another piece instead of waiting for the slowest at the end of the body.
constexpr std::size_t smallest_piece = std::size_t{64} << 10;
constexpr unsigned pieces_per_thread = 8;

// `text` cut at line starts into pieces for the workers: one for a single worker; else a few
// per worker, none much smaller than smallest_piece.
std::vector<std::string_view> pieces_for(std::string_view text, const std::vector<worker>& workers) {
    if (workers.size() == 1) return pieces(text, 1);
    return pieces(text, static_cast<unsigned>(std::min<std::size_t>(workers.size() * pieces_per_thread,
                                                                     text.size() / smallest_piece + 1)));
}

// Runs `work(worker)` on every worker, each on a thread of its own but the first; an
// exception on any (a spill file that cannot be written, memory that cannot be had) is
// thrown again here, once all are done.
template <class Work>
void on_every_worker(std::vector<worker>& workers, std::size_t wanted, Work&& work) {
    std::vector<std::exception_ptr> failed(workers.size());
    const auto run_one = [&](std::size_t t) {
        try {
            work(workers[t]);
        } catch (...) {
            failed[t] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> running;
        for (std::size_t t = 1; t < workers.size() && t < wanted; ++t) running.emplace_back(run_one, t);
        run_one(0);
    }  // joined
    for (const std::exception_ptr& e : failed) {
        if (e) std::rethrow_exception(e);
    }
}

// Where `body` first holds a NUL byte or a quote (its size when nowhere), looked for on
// every thread: a NUL is refused, and from a quote on the text is read as quoted CSV.
std::size_t special_at(std::string_view body, std::vector<worker>& workers) {
    const auto parts = pieces_for(body, workers);
    std::vector<std::size_t> found(parts.size(), std::string_view::npos);
    std::atomic<std::size_t> next{0};
    on_every_worker(workers, parts.size(), [&](worker&) {
        for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < parts.size();
             i = next.fetch_add(1, std::memory_order_relaxed))
            found[i] = scan::find_nul_or_quote(parts[i]);
    });
    std::size_t offset = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (found[i] != std::string_view::npos) return offset + found[i];
        offset += parts[i].size();
    }
    return offset;
}

// A NUL byte is no part of a text ledger: binary data, or a file in UTF-16. Refused at its
// place rather than kept inside a group's name, where it would not show.
diagnostic nul_byte(std::string_view body, std::size_t at, std::size_t first_line, std::string_view file_name) {
    const std::string_view before = body.substr(0, at);
    const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    return diagnostic{std::string(file_name),
                      first_line + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
                      column_of(body.substr(line_start), at - line_start), severity::error,
                      "expected text, found a NUL byte (binary data, or text in UTF-16?)", "bad-row", {}};
}

// Reads the quote-free `text`'s lines, cut into pieces at line starts that the workers take
// in turn; the lines each piece held go into `piece_lines`.
void read_unquoted(std::string_view text, const char* readable, std::vector<worker>& workers,
                   std::vector<std::size_t>& piece_lines) {
    const auto parts = pieces_for(text, workers);
    piece_lines.assign(parts.size(), 0);
    std::atomic<std::size_t> next{0};
    on_every_worker(workers, parts.size(), [&](worker& w) {
        while (!w.stopped()) {
            const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= parts.size()) return;
            const auto lines = w.run_unquoted(parts[i], readable, i);
            if (!lines) throw std::logic_error("a quote in text that was found to hold none");
            piece_lines[i] = *lines;
        }
    });
}

// Aggregates whole records of `body`, whose first line is `first_line` of the file; bytes
// up to `readable` may be read ahead. The text before the line of the first quote is read
// on every thread, in pieces; from that line on (a quote may hide a line break inside a
// field) as quoted CSV, on one. The totals stay with the workers; the rows read and
// rejected go into `into`. Returns how many lines the body held.
// `special` is where the body first holds a NUL or a quote, as special_at finds it (or
// anything past that, when it is cut before it).
std::expected<std::size_t, diagnostic> process_body(std::string_view body, const char* readable, std::size_t special,
                                                    std::size_t first_line, std::string_view file_name,
                                                    std::vector<worker>& workers, row_counts& counts,
                                                    const reject_sink& rejects) {
    special = std::min(special, body.size());
    const void* nul = special < body.size() && body[special] == '\0'
                          ? body.data() + special
                          : (special < body.size() ? std::memchr(body.data() + special, '\0', body.size() - special) : nullptr);
    if (nul != nullptr)
        return std::unexpected(nul_byte(body, static_cast<std::size_t>(static_cast<const char*>(nul) - body.data()), first_line, file_name));
    const std::size_t quoted_from = special == body.size() ? special : body.rfind('\n', special) + 1;  // npos + 1 is 0
    for (worker& w : workers) w.next_body();
    std::vector<std::size_t> piece_lines;
    if (quoted_from > 0) read_unquoted(body.substr(0, quoted_from), readable, workers, piece_lines);
    if (quoted_from < body.size()) piece_lines.push_back(workers[0].run_quoted(body.substr(quoted_from), piece_lines.size()));
    // Bad rows in the order of the file: by piece, then by line.
    std::vector<const bad_row*> bad;
    for (const worker& w : workers) {
        for (const bad_row& b : w.bad()) bad.push_back(&b);
    }
    std::ranges::stable_sort(bad, {}, [](const bad_row* b) { return std::pair(b->piece, b->line); });
    std::vector<std::size_t> piece_first(piece_lines.size() + 1, first_line);
    for (std::size_t i = 0; i < piece_lines.size(); ++i) piece_first[i + 1] = piece_first[i] + piece_lines[i];
    for (const bad_row* b : bad) {
        diagnostic d{std::string(file_name), piece_first[b->piece] + b->line - 1, b->column,
                     severity::error, b->message, b->code, b->text};
        if (!rejects) return std::unexpected(std::move(d));
        rejects(d);
        ++counts.rejected;
    }
    for (const worker& w : workers) counts.read += w.rows_read();
    return piece_first.back() - first_line;
}

}  // namespace

namespace {

// The header at the start of `text` (after a byte-order mark): the columns, and where the
// body starts and on which line.
struct header_read {
    columns cols;
    std::size_t body = 0;  // offset in text
    std::size_t first_line = 2;
};

// Whether the header at the start of `text` ends inside it: if not, and more text may
// follow, it must be read with more text.
bool header_is_whole(std::string_view text) {
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    return next_record(text, pos).ended;
}

std::expected<header_read, diagnostic> read_header_at(std::string_view text, std::string_view file_name,
                                                      const aggregate_options& options,
                                                      const rate_table* rates) {
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    if (pos == text.size())
        return std::unexpected(whole_file_error(file_name, "expected a header line", "bad-header"));
    const record header = next_record(text, pos);
    if (options.target && rates == nullptr)
        return std::unexpected(whole_file_error(file_name, "converting needs a rate table", "no-rate"));
    auto cols = find_columns(header.text, file_name, options);
    if (!cols) return std::unexpected(cols.error());
    return header_read{std::move(*cols), pos, header.lines + 1};
}

}  // namespace

std::size_t default_memory_limit() noexcept {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return std::size_t{1} << 30;
    return static_cast<std::size_t>(pages) / 4 * static_cast<std::size_t>(page);
}

std::expected<void, diagnostic> aggregate_csv(std::string_view text, std::string_view file_name,
                                              const aggregate_options& options,
                                              const rate_table* rates, partial_aggregate& into,
                                              const reject_sink& rejects, unsigned threads) {
    return guarded(file_name, [&]() -> std::expected<void, diagnostic> {
        const auto header = read_header_at(text, file_name, options, rates);
        if (!header) return std::unexpected(header.error());
        if (auto ready = prepare(into, options, file_name); !ready) return std::unexpected(ready.error());
        const std::string_view body = text.substr(header->body);
        const char* const readable = body.data() + body.size();
        auto workers = make_workers(options, header->cols, rates, static_cast<bool>(rejects), threads, into);
        row_counts counts;
        auto done = process_body(body, readable, special_at(body, workers), header->first_line, file_name, workers,
                                 counts, rejects);
        if (!done) return std::unexpected(done.error());
        take_totals(workers, counts, into);
        return {};
    });
}

namespace {

// The input, a block at a time, read on a thread of its own while the block before is
// aggregated. Each block is handed over after the unfinished record of the one before.
class block_reader {
public:
    block_reader(std::istream& input, std::size_t block_bytes)
        : input_(input), block_(block_bytes), headroom_(std::max<std::size_t>(block_bytes / 16, 4096)) {
        for (buffer& b : buffers_) b.bytes = std::make_unique_for_overwrite<char[]>(headroom_ + block_);
        fill(buffers_[0]);
    }
    block_reader(const block_reader&) = delete;
    block_reader& operator=(const block_reader&) = delete;
    ~block_reader() = default;  // the jthread joins

    // The next block after `carried` (which may be empty), and whether it is the last. The
    // view stays valid until the next call.
    std::pair<std::string_view, bool> next(std::string_view carried) {
        if (ahead_.joinable()) ahead_.join();
        buffer& b = buffers_[current_];
        const bool last = b.got < block_;
        std::string_view text;
        if (carried.size() <= headroom_) {
            char* const data = b.bytes.get() + headroom_;
            std::memmove(data - carried.size(), carried.data(), carried.size());
            text = {data - carried.size(), carried.size() + b.got};
        } else {  // a record longer than the headroom: joined in a string of its own
            joined_.assign(carried);
            joined_.append(b.bytes.get() + headroom_, b.got);
            text = joined_;
        }
        current_ ^= 1;
        if (!last) ahead_ = std::jthread([this] { fill(buffers_[current_]); });
        return {text, last};
    }

private:
    struct buffer {
        std::unique_ptr<char[]> bytes;  // headroom, then the block
        std::size_t got = 0;
    };
    void fill(buffer& b) {
        input_.read(b.bytes.get() + headroom_, static_cast<std::streamsize>(block_));
        b.got = static_cast<std::size_t>(input_.gcount());
    }

    std::istream& input_;
    std::size_t block_;
    std::size_t headroom_;
    std::array<buffer, 2> buffers_;
    std::size_t current_ = 0;
    std::string joined_;
    std::jthread ahead_;
};

// What the stream and the file readers share: the header, read once it is whole; a worker
// per thread; and each window's whole records, with the line they start on.
class window_reader {
public:
    window_reader(std::string_view file_name, const aggregate_options& options,
                  const rate_table* rates, partial_aggregate& into, const reject_sink& rejects,
                  unsigned threads)
        : file_name_(file_name), options_(options), rates_(rates), into_(into),
          rejects_(rejects), threads_(threads) {}
    window_reader(const window_reader&) = delete;  // the workers refer to header_
    window_reader& operator=(const window_reader&) = delete;
    ~window_reader() = default;

    // Reads the header at the start of `text` unless it was read before, and returns how
    // many bytes it took (0 once read); nothing when it is not whole and more text follows.
    std::expected<std::optional<std::size_t>, diagnostic> header(std::string_view text, bool last) {
        if (header_) return std::size_t{0};
        if (!last && !header_is_whole(text)) return std::nullopt;
        auto read = read_header_at(text, file_name_, options_, rates_);
        if (!read) return std::unexpected(read.error());
        header_ = std::move(*read);
        if (auto ready = prepare(into_, options_, file_name_); !ready) return std::unexpected(ready.error());
        workers_ = make_workers(options_, header_->cols, rates_, static_cast<bool>(rejects_), threads_, into_);
        next_line_ = header_->first_line;
        return header_->body;
    }

    // Aggregates the whole records at the start of `text` (all of it when it is the last)
    // and returns where they end: 0 when it holds none. Without a quote, they end after its
    // last line feed; with one, after the last line feed outside quotes.
    std::expected<std::size_t, diagnostic> records(std::string_view text, bool last) {
        const char* const readable = text.data() + text.size();
        std::size_t end = text.size();
        if (!last) {
            const std::size_t line_feed = text.rfind('\n');
            end = line_feed == std::string_view::npos ? 0 : line_feed + 1;
        }
        // Whole records end after the last line feed outside quotes: if a quote comes before
        // the last line feed, it may hide that one.
        const std::size_t special = special_at(text.substr(0, end), workers_);
        if (!last && special < end && text[special] == '"') end = last_record_end(text);
        auto lines = process_body(text.substr(0, end), readable, special, next_line_, file_name_, workers_, counts_,
                                  rejects_);
        if (!lines) return std::unexpected(lines.error());
        next_line_ += *lines;
        return end;
    }

    // At the end of the input: the totals of every window, into the partial.
    void finish() { take_totals(workers_, counts_, into_); }

    // Goes on at another record of the file, which starts on `line`.
    void continue_at_line(std::size_t line) { next_line_ = line; }

    // A header or record that runs on past the limit: the error at the line it starts on.
    [[nodiscard]] diagnostic too_long() const {
        const std::size_t line = header_ ? next_line_ : 1;
        return diagnostic{std::string(file_name_), line, 1, severity::error,
                          fmt::format("expected a {} of at most {} bytes (--max-record-bytes), found one that runs on "
                                      "past it",
                                      header_ ? "record" : "header", options_.max_record_bytes),
                          "record-too-long", {}};
    }

private:
    std::string_view file_name_;
    const aggregate_options& options_;
    const rate_table* rates_;
    partial_aggregate& into_;
    const reject_sink& rejects_;
    unsigned threads_;
    std::optional<header_read> header_;
    std::vector<worker> workers_;
    row_counts counts_;
    std::size_t next_line_ = 1;
};

}  // namespace

std::expected<void, diagnostic> aggregate_stream(std::istream& input, std::string_view file_name,
                                                 const aggregate_options& options,
                                                 const rate_table* rates, partial_aggregate& into,
                                                 const reject_sink& rejects, unsigned threads,
                                                 const progress_sink& progress,
                                                 std::size_t block_bytes) {
    return guarded(file_name, [&]() -> std::expected<void, diagnostic> {
        window_reader reader(file_name, options, rates, into, rejects, threads);
        block_reader blocks(input, std::max<std::size_t>(block_bytes, 1));
        std::string carried;  // an unfinished record (or header) from the block before
        std::uint64_t done = 0;
        while (true) {
            auto [block, last] = blocks.next(carried);
            const auto header = reader.header(block, last);
            if (!header) return std::unexpected(header.error());
            if (!*header) {  // read with the next block
                if (block.size() > options.max_record_bytes) return std::unexpected(reader.too_long());
                carried.assign(block);
                continue;
            }
            block.remove_prefix(**header);
            done += **header;
            const auto end = reader.records(block, last);
            if (!end) return std::unexpected(end.error());
            done += *end;
            if (progress) progress(done);
            if (last) {
                reader.finish();
                return {};
            }
            if (block.size() - *end > options.max_record_bytes) return std::unexpected(reader.too_long());
            carried.assign(block.substr(*end));
        }
    });
}

namespace {

// A read-only memory map of part of a file, unmapped when it goes.
class mapping {
public:
    mapping(int fd, std::size_t offset, std::size_t length) : length_(length) {
        void* const at = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(offset));
        if (at == MAP_FAILED) return;
        data_ = static_cast<const char*>(at);
        ::madvise(at, length, MADV_SEQUENTIAL);
    }
    mapping(const mapping&) = delete;
    mapping& operator=(const mapping&) = delete;
    ~mapping() {
        if (data_ != nullptr) ::munmap(const_cast<char*>(data_), length_);
    }
    [[nodiscard]] const char* data() const { return data_; }

private:
    const char* data_ = nullptr;
    std::size_t length_;
};

// An open file descriptor, closed when it goes.
struct descriptor {
    int fd;
    explicit descriptor(const char* path) : fd(::open(path, O_RDONLY | O_CLOEXEC)) {}
    descriptor(const descriptor&) = delete;
    descriptor& operator=(const descriptor&) = delete;
    ~descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

namespace {

// Maps [from, to) of `fd` a window at a time; a window that holds no whole header or record
// grows. The header is read at the first window unless it was read before.
class mapped_reader {
public:
    mapped_reader(int fd, std::string_view path, std::string_view file_name, const aggregate_options& options,
                  window_reader& reader, std::size_t window_bytes)
        : fd_(fd), path_(path), file_name_(file_name), options_(options), reader_(reader),
          page_(static_cast<std::size_t>(::sysconf(_SC_PAGESIZE))), window_(std::max(window_bytes, page_)) {}

    // Reads [pos, stop): the header if it is not read yet, then records. Nothing when the
    // first window cannot be mapped at byte 0 (the caller reads the file as a stream).
    std::expected<bool, diagnostic> read(std::size_t pos, std::size_t stop, bool header_only,
                                         const progress_sink& progress) {
        while (pos < stop) {
            const std::size_t from = pos / page_ * page_;
            const std::size_t to = std::min(stop, pos + window_);
            const mapping map(fd_, from, to - from);
            if (map.data() == nullptr) {
                if (pos == 0) return false;
                return std::unexpected(whole_file_error(file_name_, fmt::format("cannot map '{}' into memory", path_), "no-file"));
            }
            std::string_view text(map.data() + (pos - from), to - pos);
            const bool last = to == stop;
            // A window without the whole header, or without a whole record, is made larger.
            const auto header = reader_.header(text, last);
            if (!header) return std::unexpected(header.error());
            if (!*header) {
                if (text.size() > options_.max_record_bytes) return std::unexpected(reader_.too_long());
                window_ *= 2;
                continue;
            }
            text.remove_prefix(**header);
            pos += **header;
            header_end_ = std::max(header_end_, pos);
            if (header_only) return true;
            const auto end = reader_.records(text, last);
            if (!end) return std::unexpected(end.error());
            if (*end == 0 && !last) {
                if (text.size() > options_.max_record_bytes) return std::unexpected(reader_.too_long());
                window_ *= 2;
                continue;
            }
            pos += *end;
            if (progress) progress(pos);
            if (last) break;
        }
        return true;
    }

    // Where the header ends in the file, once read here.
    [[nodiscard]] std::size_t header_end() const { return header_end_; }

private:
    int fd_;
    std::string_view path_;
    std::string_view file_name_;
    const aggregate_options& options_;
    window_reader& reader_;
    std::size_t page_;
    std::size_t window_;
    std::size_t header_end_ = 0;
};

}  // namespace

std::expected<void, diagnostic> aggregate_file(const std::string& path, std::string_view file_name,
                                               const aggregate_options& options,
                                               const rate_table* rates, partial_aggregate& into,
                                               const reject_sink& rejects, unsigned threads,
                                               const progress_sink& progress,
                                               std::size_t window_bytes) {
    return guarded(file_name, [&]() -> std::expected<void, diagnostic> {
        const auto cannot_open = [&] {
            return std::unexpected(whole_file_error(file_name, fmt::format("cannot open '{}' for reading: {}", path, why_not_readable(path)), "no-file"));
        };
        // What the path is, before opening it: a pipe is opened once only, by the stream that
        // reads it (opening a pipe waits for a writer, which may have come and gone).
        struct stat status {};
        if (::stat(path.c_str(), &status) != 0) return cannot_open();
        if (S_ISDIR(status.st_mode))
            return std::unexpected(whole_file_error(file_name, fmt::format("'{}' is a directory, not a file", path), "no-file"));
        const auto by_stream = [&]() -> std::expected<void, diagnostic> {
            std::ifstream input(path, std::ios::binary);
            if (!input) return cannot_open();
            return aggregate_stream(input, file_name, options, rates, into, rejects, threads, progress);
        };
        if (!S_ISREG(status.st_mode) || status.st_size == 0) return by_stream();  // a pipe, a device
        const descriptor file(path.c_str());
        if (file.fd < 0) return cannot_open();
        if (::fstat(file.fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size == 0)
            return by_stream();  // changed since: read it as it is now
        window_reader reader(file_name, options, rates, into, rejects, threads);
        mapped_reader mapped(file.fd, path, file_name, options, reader, window_bytes);
        const auto read = mapped.read(0, static_cast<std::size_t>(status.st_size), false, progress);
        if (!read) return std::unexpected(read.error());
        if (!*read) return by_stream();
        reader.finish();
        return {};
    });
}

std::expected<void, diagnostic> aggregate_csv_range(const std::string& path, std::string_view file_name,
                                                    const csv_range& range, const aggregate_options& options,
                                                    const rate_table* rates, partial_aggregate& into,
                                                    const reject_sink& rejects, unsigned threads) {
    return guarded(file_name, [&]() -> std::expected<void, diagnostic> {
        const descriptor file(path.c_str());
        struct stat status {};
        if (file.fd < 0)
            return std::unexpected(whole_file_error(file_name, fmt::format("cannot open '{}' for reading: {}", path, why_not_readable(path)), "no-file"));
        if (::fstat(file.fd, &status) != 0 || !S_ISREG(status.st_mode) || status.st_size == 0)
            return std::unexpected(whole_file_error(file_name, fmt::format("'{}' is not a regular file with a header: a range of it cannot be read", path), "no-file"));
        if (const csv_file_version now = aggregation::version_of(status); now != range.version)
            return std::unexpected(whole_file_error(
                file_name,
                fmt::format("'{}' changed after its ranges were scanned ({} bytes then, {} now): its cut points no "
                            "longer hold",
                            path, range.version.size, now.size),
                "file-changed"));
        const auto size = static_cast<std::uint64_t>(status.st_size);
        window_reader reader(file_name, options, rates, into, rejects, threads);
        mapped_reader mapped(file.fd, path, file_name, options, reader, std::size_t{32} << 20);
        const auto header = mapped.read(0, size, true, {});
        if (!header) return std::unexpected(header.error());
        if (!*header) return std::unexpected(whole_file_error(file_name, fmt::format("cannot map '{}' into memory", path), "no-file"));
        // The records that start in the range: from the first record start at or after its
        // beginning to the first at or after its end, neither inside the header. Both ends are
        // found the same way, so that neighbouring ranges meet exactly.
        const auto cannot_read = [&](const std::string& why) {
            return std::unexpected(whole_file_error(file_name, fmt::format("cannot read '{}': {}", path, why), "no-file"));
        };
        const std::uint64_t header_end = mapped.header_end();
        const auto start_at = [&](std::uint64_t offset, const csv_position& at) -> std::expected<aggregation::record_start, std::string> {
            if (offset <= header_end) return aggregation::record_start{header_end, 0};
            if (offset >= size) return aggregation::record_start{size, 0};
            return aggregation::next_record_start(file.fd, offset, at, size);
        };
        const auto first = start_at(range.begin, range.at_begin);
        if (!first) return cannot_read(first.error());
        const auto last = start_at(range.end, range.at_end);
        if (!last) return cannot_read(last.error());
        const std::uint64_t stop = last->offset;
        if (first->offset >= stop) return {};
        if (first->line != 0) reader.continue_at_line(first->line);  // 0: the header's own next line
        const auto read = mapped.read(first->offset, stop, false, {});
        if (!read) return std::unexpected(read.error());
        reader.finish();
        return {};
    });
}

}  // namespace crossfoot
