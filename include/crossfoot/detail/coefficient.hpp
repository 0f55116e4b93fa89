// crossfoot/detail/coefficient.hpp: the integer behind a decimal (not for direct use).
// SPDX-License-Identifier: MIT
#pragma once

#include <utility>

namespace crossfoot::detail {

__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;
// The same type at 8-byte alignment, so that a decimal packs into 24 bytes: summing a
// column of decimals then reads 1.5 times the bytes of a column of plain int128, not 2 or 3.
__extension__ typedef __int128 packed_int128 __attribute__((aligned(8)));

/// Holds an arbitrary-precision integer; defined in the library's sources, so that no
/// Boost type reaches a public signature.
struct wide_int;

/// An exact integer: a native 128-bit value while it fits, an arbitrary-precision one
/// (Boost.Multiprecision `cpp_int`, on the heap) once it does not. Invariant: the value is
/// wide only when it is outside the range of `int128`, so every value has one representation.
class coefficient {
public:
    coefficient() noexcept : narrow_(0) {}
    explicit coefficient(int128 value) noexcept : narrow_(value) {}
    /// Takes ownership of a heap-allocated wide value (demoting it when it fits).
    explicit coefficient(wide_int* owned) noexcept;

    coefficient(const coefficient& other) : narrow_(other.narrow_), is_wide_(other.is_wide_) {
        if (is_wide_) wide_ = clone(*other.wide_);
    }
    coefficient(coefficient&& other) noexcept
        : narrow_(other.narrow_), is_wide_(std::exchange(other.is_wide_, false)) {}
    coefficient& operator=(const coefficient& other) {
        if (this != &other) *this = coefficient(other);
        return *this;
    }
    coefficient& operator=(coefficient&& other) noexcept {
        // By value: a reference to the packed member would be a misaligned int128&. The
        // pointer, when wide, lives in these same bytes and moves with them.
        const int128 mine = narrow_;
        narrow_ = other.narrow_;
        other.narrow_ = mine;
        std::swap(is_wide_, other.is_wide_);
        return *this;
    }
    ~coefficient() {
        if (is_wide_) destroy(wide_);
    }

    [[nodiscard]] bool is_narrow() const noexcept { return !is_wide_; }
    /// The value; only meaningful when `is_narrow()`.
    [[nodiscard]] int128 narrow() const noexcept { return narrow_; }
    /// The wide value, or null when the value is narrow.
    [[nodiscard]] const wide_int* wide() const noexcept { return is_wide_ ? wide_ : nullptr; }

    /// Adds `rhs` when both are narrow and the sum does not overflow; otherwise changes
    /// nothing and returns false (the caller takes the wide path).
    [[nodiscard]] bool try_add_narrow(const coefficient& rhs) noexcept {
        int128 sum = 0;
        if (is_wide_ || rhs.is_wide_ || __builtin_add_overflow(narrow(), rhs.narrow(), &sum))
            return false;
        narrow_ = sum;
        return true;
    }
    [[nodiscard]] bool try_sub_narrow(const coefficient& rhs) noexcept {
        int128 difference = 0;
        if (is_wide_ || rhs.is_wide_ ||
            __builtin_sub_overflow(narrow(), rhs.narrow(), &difference))
            return false;
        narrow_ = difference;
        return true;
    }

private:
    static wide_int* clone(const wide_int& w);
    static void destroy(wide_int* w) noexcept;

    union {
        packed_int128 narrow_;
        wide_int* wide_;
    };
    bool is_wide_ = false;
};

}  // namespace crossfoot::detail
