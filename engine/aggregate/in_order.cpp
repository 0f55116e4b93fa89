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

// What the threads share: the next piece to make, which are made, how many are taken, what
// failed. A piece is begun only while fewer than `window` (at most the caller's `threads`)
// pieces are made or being made and not yet taken, so that their results' places (piece %
// threads) are free.
struct progress {
    std::mutex lock;
    std::condition_variable changed;
    std::vector<bool> made;
    std::size_t next = 0;
    std::size_t taken = 0;
    std::size_t window = 1;
    std::exception_ptr failed;

    void fail(std::exception_ptr e) {
        const std::scoped_lock hold(lock);
        if (!failed) failed = std::move(e);
        changed.notify_all();
    }
    // The next piece that may be begun now, if any (the lock held).
    [[nodiscard]] bool may_begin() const { return next < made.size() && next < taken + window; }
};

// Makes pieces as they come free until none is left or one fails.
void make_pieces(progress& p, const std::function<void(std::size_t)>& make) {
    for (;;) {
        std::size_t piece = 0;
        {
            std::unique_lock hold(p.lock);
            p.changed.wait(hold,
                           [&] { return p.failed || p.next >= p.made.size() || p.may_begin(); });
            if (p.failed || p.next >= p.made.size()) return;
            piece = p.next++;
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
    progress p;
    p.made.assign(pieces, false);
    p.window = std::min<std::size_t>(threads, pieces);
    {
        // window - 1 makers beside this thread, which makes pieces too and takes them all: on a
        // machine with as many cores as threads, a taker of its own would take a core from the
        // makers each time it woke (a report's second thread was idle half the time so).
        std::vector<std::jthread> making;
        try {
            making.reserve(p.window - 1);
            for (std::size_t t = 1; t < p.window; ++t)
                making.emplace_back([&] { make_pieces(p, make); });
        } catch (...) {  // a thread that cannot be started: those started stop, and it is thrown
            p.fail(std::current_exception());
        }
        for (;;) {
            std::size_t piece = 0;
            bool to_take = false;
            {
                std::unique_lock hold(p.lock);
                p.changed.wait(hold, [&] {
                    return p.failed || p.taken == pieces || p.made[p.taken] || p.may_begin();
                });
                if (p.failed || p.taken == pieces) break;
                to_take = p.made[p.taken];
                piece = to_take ? p.taken : p.next++;
            }
            try {
                (to_take ? take : make)(piece);
            } catch (...) {
                p.fail(std::current_exception());
                break;
            }
            const std::scoped_lock hold(p.lock);
            if (to_take) {
                p.taken = piece + 1;
            } else {
                p.made[piece] = true;
            }
            p.changed.notify_all();
        }
    }  // joined
    if (p.failed) std::rethrow_exception(p.failed);
}

}  // namespace crossfoot::aggregation
