// engine/aggregate/huge_pages.hpp: an allocator that offers the group tables' large arrays to
// the kernel as transparent huge pages (private to the library).
//
// With many groups a look-up lands anywhere in arrays of tens or hundreds of megabytes, and
// with 4 KiB pages nearly every one also misses the TLB. Backed by 2 MiB pages the same arrays
// need 512 times fewer translations: on the benchmark's machine `--by date,region` over 10^7
// rows (3.3·10^5 cells) took 11 % less time and `--by id` over 10^6 rows 16 % less
// (docs/benchmarks.md#many-groups). Blocks of at least 1 MiB are mapped on their own, aligned
// to 2 MiB and advised with MADV_HUGEPAGE, which is what the kernel's default policy
// ("madvise") asks for; blocks from 256 KiB are mapped on their own in small pages, brought
// in at once; smaller ones come from operator new. Where the kernel has huge pages
// off the advice is ignored and nothing changes but the alignment; the environment variable
// CROSSFOOT_HUGE_PAGES=0 turns the advice off.
//
// Why from 1 MiB, not 2: each first write of a 4 KiB page is a page fault, and on the
// benchmark's machine (a virtual one) a fault costs about 11 µs, 0.37 GB/s of fresh memory,
// where a 2 MiB page already freed once by the kernel comes at 15 GB/s or more. A block
// between 1 and 2 MiB (a table's arena, slots, or totals on their way up, doubling) took 256
// to 512 faults; as one huge page it takes one, for at most twice its size resident (counted
// so by the memory limit). `--by date,region` over 10^7 rows (3.3·10^5 totals, 2 threads):
// 9,446 faults → 7,378 and 0.488 → 0.460 s; from 256 KiB (up to 8 times the size resident)
// 5,656 faults and 0.455 s (docs/benchmarks.md, "Page faults").
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include <sys/mman.h>

namespace crossfoot::aggregation {

inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;
// The smallest block mapped on its own as huge pages: a block from here takes at most twice
// its size resident.
inline constexpr std::size_t huge_block_from = std::size_t{1} << 20;
// The smallest block mapped on its own in 4 KiB pages, all brought in by the one call that
// maps it (MAP_POPULATE) rather than by a fault each at its first write: 64 to 256 faults
// saved a block, the pages filled at about twice the speed (0.67 against 0.37 GB/s measured
// on the benchmark's machine), and nothing resident that the memory limit does not count
// (it counts a block's whole size). At 10^6 rows by date,region (3.1·10^5 totals, whose
// tables' arrays mostly stay below 1 MiB) 0.189–0.198 → 0.183–0.185 s (docs/benchmarks.md).
inline constexpr std::size_t populated_block_from = std::size_t{256} << 10;

// `bytes` rounded up to whole 2 MiB pages: what a block mapped as huge pages takes.
constexpr std::size_t huge_rounded(std::size_t bytes) {
    return (bytes + huge_page_bytes - 1) & ~(huge_page_bytes - 1);
}

// Whether large blocks are advised as huge pages: unless CROSSFOOT_HUGE_PAGES is "0".
inline bool huge_pages_wanted() {
    static const bool wanted = [] {
        const char* v = std::getenv("CROSSFOOT_HUGE_PAGES");
        return v == nullptr || std::strcmp(v, "0") != 0;
    }();
    return wanted;
}

// A block of `bytes` (at least huge_block_from) mapped on its own, 2 MiB-aligned and advised.
inline void* map_huge(std::size_t bytes) {
    const std::size_t rounded = huge_rounded(bytes);
    // Mapped with a page to spare, then trimmed, so that the block starts on a 2 MiB line.
    void* const mapped = ::mmap(nullptr, rounded + huge_page_bytes, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    auto* const raw = static_cast<char*>(mapped);
    const std::size_t lead = (huge_page_bytes - reinterpret_cast<std::uintptr_t>(raw) % huge_page_bytes) % huge_page_bytes;
    if (lead != 0) ::munmap(raw, lead);
    if (huge_page_bytes - lead != 0) ::munmap(raw + lead + rounded, huge_page_bytes - lead);
    if (huge_pages_wanted()) ::madvise(raw + lead, rounded, MADV_HUGEPAGE);  // advice: failure changes nothing
    return raw + lead;
}

inline void unmap_huge(void* at, std::size_t bytes) {
    ::munmap(at, huge_rounded(bytes));
}

// A block of `bytes` (from populated_block_from to huge_block_from) mapped on its own, its
// pages brought in at once.
inline void* map_populated(std::size_t bytes) {
    void* const mapped = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (mapped == MAP_FAILED) throw std::bad_alloc();
    return mapped;
}

template <class T>
struct huge_page_allocator {
    using value_type = T;

    huge_page_allocator() = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}  // NOLINT: converting, as allocators are

    [[nodiscard]] T* allocate(std::size_t n) {
        if (n > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (bytes < populated_block_from) return std::allocator<T>().allocate(n);
        if (bytes < huge_block_from) return static_cast<T*>(map_populated(bytes));
        return static_cast<T*>(map_huge(bytes));
    }
    void deallocate(T* p, std::size_t n) noexcept {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < populated_block_from) std::allocator<T>().deallocate(p, n);
        else if (bytes < huge_block_from) ::munmap(p, bytes);
        else unmap_huge(p, bytes);
    }
    template <class U>
    bool operator==(const huge_page_allocator<U>&) const noexcept {
        return true;
    }
};

// The tables' large arrays.
template <class T>
using big_vector = std::vector<T, huge_page_allocator<T>>;
using big_string = std::basic_string<char, std::char_traits<char>, huge_page_allocator<char>>;

}  // namespace crossfoot::aggregation
