// engine/aggregate/memory_budget.hpp: the memory limit of an aggregation, shared by every table
// of groups that takes part in it (private to the library).
//
// Each thread's table and the result's draw from one budget as they grow and give back what
// they free, so that one table may hold most of the limit while the others hold little: a
// run that groups many keys on one thread and few on another spills only when the groups of
// all of them together pass the limit, not when one passes an equal share of it.
// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstddef>

namespace crossfoot::aggregation {

class memory_budget {
public:
    /// `limit` bytes in all; each table may hold `least_per_table` bytes more without
    /// drawing on it, so that a small limit does not make a run of every few groups.
    explicit memory_budget(std::size_t limit, std::size_t least_per_table = 0) noexcept
        : limit_(limit), least_per_table_(least_per_table) {}
    memory_budget(const memory_budget&) = delete;
    memory_budget& operator=(const memory_budget&) = delete;

    /// Takes `bytes` more; false, taking nothing, when fewer than that are left.
    bool take(std::size_t bytes) noexcept {
        std::size_t used = used_.load(std::memory_order_relaxed);
        do {
            if (bytes > limit_ || used > limit_ - bytes) return false;
        } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
        return true;
    }
    /// Takes `bytes` whether or not they are left (a copy of a table, which must be held).
    void force(std::size_t bytes) noexcept { used_.fetch_add(bytes, std::memory_order_relaxed); }
    /// Gives back bytes taken before.
    void give_back(std::size_t bytes) noexcept { used_.fetch_sub(bytes, std::memory_order_relaxed); }

    [[nodiscard]] std::size_t limit() const noexcept { return limit_; }
    [[nodiscard]] std::size_t least_per_table() const noexcept { return least_per_table_; }
    [[nodiscard]] std::size_t used() const noexcept { return used_.load(std::memory_order_relaxed); }

private:
    const std::size_t limit_;
    const std::size_t least_per_table_;
    std::atomic<std::size_t> used_{0};
};

}  // namespace crossfoot::aggregation
