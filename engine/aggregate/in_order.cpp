// engine/aggregate/in_order.cpp: pieces made on several threads, taken in order.
// SPDX-License-Identifier: MIT
#include "in_order.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace crossfoot::aggregation {

namespace {

// What the threads share: which pieces are made, how many are taken, what failed.
struct progress {
    std::mutex lock;
    std::condition_variable changed;
    std::vector<bool> made;
    std::size_t taken = 0;
    std::exception_ptr failed;

    void fail(std::exception_ptr e) {
        const std::scoped_lock hold(lock);
        if (!failed) failed = std::move(e);
        changed.notify_all();
    }
};

// Makes pieces first, first + step, ...: each once the one `step` before it is taken, so
// that its result's place is free.
void make_every(std::size_t first, std::size_t step, std::size_t pieces, progress& p,
                const std::function<void(std::size_t)>& make) {
    for (std::size_t piece = first; piece < pieces; piece += step) {
        {
            std::unique_lock hold(p.lock);
            p.changed.wait(hold, [&] { return p.failed || piece < p.taken + step; });
            if (p.failed) return;
        }
        try {
            make(piece);
        } catch (...) {
            return p.fail(std::current_exception());
        }
        const std::scoped_lock hold(p.lock);
        p.made[piece] = true;
        p.changed.notify_all();
    }
}

}  // namespace

void in_order(std::size_t pieces, unsigned threads, const std::function<void(std::size_t)>& make,
              const std::function<void(std::size_t)>& take) {
    if (threads <= 1 || pieces <= 1) {
        for (std::size_t piece = 0; piece < pieces; ++piece) {
            make(piece);
            take(piece);
        }
        return;
    }
    const std::size_t step = std::min<std::size_t>(threads, pieces);
    progress p;
    p.made.assign(pieces, false);
    {
        std::vector<std::jthread> making;
        try {
            making.reserve(step);
            for (std::size_t t = 0; t < step; ++t)
                making.emplace_back([&, t] { make_every(t, step, pieces, p, make); });
        } catch (...) {  // a thread that cannot be started: those started stop, and it is thrown
            p.fail(std::current_exception());
        }
        for (std::size_t piece = 0; piece < pieces; ++piece) {
            {
                std::unique_lock hold(p.lock);
                p.changed.wait(hold, [&] { return p.failed || p.made[piece]; });
                if (p.failed) break;
            }
            try {
                take(piece);
            } catch (...) {
                p.fail(std::current_exception());
                break;
            }
            const std::scoped_lock hold(p.lock);
            p.taken = piece + 1;
            p.changed.notify_all();
        }
    }  // joined
    if (p.failed) std::rethrow_exception(p.failed);
}

}  // namespace crossfoot::aggregation
