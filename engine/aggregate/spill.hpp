// engine/aggregate/spill.hpp: groups written to disk when they outgrow the memory given to
// them, and read back in key order (private to the library).
//
// A run is one table's groups, sorted by key, in a file of the spill directory that is
// unlinked as soon as it is made: it goes when the run does, and a crash leaves nothing
// behind. The runs of a table and the table itself are merged group by group, in key
// order, by merge_groups; equal keys from several runs are added up exactly.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/aggregate.hpp>

#include "cell_table.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace crossfoot::aggregation {

// A run that cannot be written or read back: the message names the file and the reason.
class spill_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What every reader of groups says when they cannot be held past the memory limit: a run
// that cannot be written or read back, or memory that cannot be had.
[[nodiscard]] inline std::string cannot_hold_on_disk(const spill_error& e) {
    return std::string("cannot hold the groups on disk past the memory limit: ") + e.what();
}
inline constexpr const char* out_of_memory_for_groups =
    "out of memory while holding the groups: set a lower memory limit (--memory-limit)";

// Where runs go when no folder is given: $TMPDIR, or /tmp.
[[nodiscard]] std::string default_spill_directory();

// One cell of a group as a run holds it.
struct spilled_cell {
    unit currency;
    bool converted = false;
    std::uint8_t flags = 0;  // cell_table's has_sum and has_rest
    int128 sum = 0;
    std::int32_t exponent = 0;
    std::uint64_t rows = 0;
    decimal rest;
};

// One group as a run holds it: its encoded key and its cells.
struct spilled_group {
    std::string key;
    std::vector<spilled_cell> cells;
};

class spill_run {
public:
    // Writes `table`'s groups in key order to a new file in `directory`; a failure (no such
    // directory, a full disk) throws std::system_error that says which file.
    static std::shared_ptr<const spill_run> write(const cell_table& table, const std::string& directory);
    // Writes groups given in key order, one at a time, to a new file.
    class writer {
    public:
        explicit writer(const std::string& directory);
        writer(const writer&) = delete;
        writer& operator=(const writer&) = delete;
        ~writer();
        void add(const spilled_group& g);
        std::shared_ptr<const spill_run> finish();

    private:
        void cell(const spilled_cell& c);
        void flush();
        template <class T>
        void put(const T& value) {
            bytes_.append(reinterpret_cast<const char*>(&value), sizeof value);
        }
        int fd_ = -1;
        std::string path_;
        std::string bytes_;
        std::uint64_t written_ = 0;
    };
    spill_run(const spill_run&) = delete;
    spill_run& operator=(const spill_run&) = delete;
    ~spill_run();

    [[nodiscard]] std::uint64_t bytes() const { return size_; }

    // Reads a run's groups in order, a buffer at a time; any number may read one run at once.
    class reader {
    public:
        explicit reader(const spill_run& run);
        // The next group, or false at the end.
        bool next(spilled_group& into);

    private:
        bool fill(std::size_t wanted);
        template <class T>
        T take();

        const spill_run& run_;
        std::uint64_t offset_ = 0;  // of the buffer's end in the file
        std::vector<char> buffer_;
        std::size_t at_ = 0;
    };

private:
    spill_run(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
    int fd_;
    std::uint64_t size_;
};

// Calls `visit` with every group of `table` and of `runs`, in key order, the figures of equal
// keys added up; each group's cells by currency code, the converted one last.
void merge_groups(const cell_table& table, const std::vector<std::shared_ptr<const spill_run>>& runs,
                  const std::function<void(const spilled_group&)>& visit);

// The group's view, as the reports read it: totals per currency, the converted total.
void view_spilled(const spilled_group& g, const std::function<void(const group_view&)>& visit);

}  // namespace crossfoot::aggregation
