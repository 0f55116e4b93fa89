// engine/rates/sources.hpp: names of rate sources that more than one reader gives (private
// to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace crossfoot {

/// The ECB's euro reference rates, built in or loaded from the ECB's file: both must name
/// the source alike, since a rate table tells quotes apart by date and source.
inline constexpr std::string_view ecb_source = "ECB euro reference rate";

}  // namespace crossfoot
