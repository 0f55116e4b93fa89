// engine/core/text.hpp: ASCII case folding for names and codes (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace crossfoot::text {

/// `text` with A-Z folded to a-z; other bytes (UTF-8 included) unchanged.
[[nodiscard]] inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// `text` with a-z folded to A-Z; other bytes unchanged.
[[nodiscard]] inline std::string ascii_upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

}  // namespace crossfoot::text
