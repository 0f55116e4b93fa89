// engine/aggregate/in_order.hpp: pieces of work done on several threads, their results taken
// in order on the calling thread (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <functional>

namespace crossfoot::aggregation {

// Calls `make(piece)` for every piece from 0 to `pieces` - 1 on up to `threads` threads (the
// calling one among them, each taking the next piece as it comes free), and `take(piece)` on
// the calling thread, in piece order, once that piece is made. At most `threads` pieces are
// being made or made and not yet taken, so that a caller holds that many results (piece %
// threads says which). With one thread, or one piece, all on the calling thread.
// What `make` or `take` throws stops the work and is thrown again here.
void in_order(std::size_t pieces, unsigned threads, const std::function<void(std::size_t)>& make,
              const std::function<void(std::size_t)>& take);

}  // namespace crossfoot::aggregation
