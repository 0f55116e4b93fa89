// crossfoot/detail/coefficient.hpp: the integer behind a decimal (not for direct use).
// SPDX-License-Identifier: MIT
#pragma once

#include <utility>

namespace crossfoot::detail {

__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;

/// Holds an arbitrary-precision integer; defined in the library's sources, so that no
/// Boost type reaches a public signature.
struct wide_int;

/// An exact integer: a native 128-bit value while it fits, an arbitrary-precision one
/// (Boost.Multiprecision `cpp_int`) once it does not. Invariant: `wide_` is set only for
/// values outside the range of `int128`, so every value has exactly one representation.
class coefficient {
public:
    coefficient() noexcept = default;
    explicit coefficient(int128 value) noexcept : narrow_(value) {}
    /// Takes ownership of a heap-allocated wide value (demoting it when it fits).
    explicit coefficient(wide_int* owned) noexcept;

    coefficient(const coefficient& other) : narrow_(other.narrow_) {
        if (other.wide_ != nullptr) wide_ = clone(*other.wide_);
    }
    coefficient(coefficient&& other) noexcept
        : narrow_(other.narrow_), wide_(std::exchange(other.wide_, nullptr)) {}
    coefficient& operator=(const coefficient& other) {
        if (this != &other) *this = coefficient(other);
        return *this;
    }
    coefficient& operator=(coefficient&& other) noexcept {
        std::swap(narrow_, other.narrow_);
        std::swap(wide_, other.wide_);
        return *this;
    }
    ~coefficient() {
        if (wide_ != nullptr) destroy(wide_);
    }

    [[nodiscard]] bool is_narrow() const noexcept { return wide_ == nullptr; }
    /// The value; only meaningful when `is_narrow()`.
    [[nodiscard]] int128 narrow() const noexcept { return narrow_; }
    /// The wide value, or null when the value is narrow.
    [[nodiscard]] const wide_int* wide() const noexcept { return wide_; }

    /// Adds `rhs` when both are narrow and the sum does not overflow; otherwise changes
    /// nothing and returns false (the caller takes the wide path).
    [[nodiscard]] bool try_add_narrow(const coefficient& rhs) noexcept {
        int128 sum = 0;
        if (wide_ != nullptr || rhs.wide_ != nullptr ||
            __builtin_add_overflow(narrow_, rhs.narrow_, &sum))
            return false;
        narrow_ = sum;
        return true;
    }
    [[nodiscard]] bool try_sub_narrow(const coefficient& rhs) noexcept {
        int128 difference = 0;
        if (wide_ != nullptr || rhs.wide_ != nullptr ||
            __builtin_sub_overflow(narrow_, rhs.narrow_, &difference))
            return false;
        narrow_ = difference;
        return true;
    }

private:
    static wide_int* clone(const wide_int& w);
    static void destroy(wide_int* w) noexcept;

    int128 narrow_ = 0;
    wide_int* wide_ = nullptr;
};

}  // namespace crossfoot::detail
