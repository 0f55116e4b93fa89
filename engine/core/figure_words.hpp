// engine/core/figure_words.hpp: the words around a written figure, in English, Chinese and
// Japanese: qualifiers, the words of a change, and the markers of percentages and percentage
// points (private to the library). One table each, read by the qualifier functions of
// figure.cpp and the figure parser.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/figure.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace crossfoot::figure_words {

/// Where a word stands: before the number ("about 5", "约5"), after it ("5亿左右"), or either.
enum class place { before, after };

struct qualifier_word {
    std::string_view text;  // lower case for English
    qualifier q;
    place where;
    bool converted = false;  // 约合, 折合, "equivalent to": the figure restates another's value
};

// Longest first within a place, so that "no more than" is not read as "more than", nor 约合
// as 约. English words are matched whole, in any case.
inline constexpr qualifier_word qualifiers[] = {
    // English, before
    {"approximately", qualifier::about, place::before},
    {"in excess of", qualifier::over, place::before},
    {"equivalent to", qualifier::none, place::before, true},
    {"no more than", qualifier::up_to, place::before},
    {"an estimated", qualifier::about, place::before},
    {"fewer than", qualifier::under, place::before},
    {"upwards of", qualifier::over, place::before},
    {"as much as", qualifier::up_to, place::before},
    {"as many as", qualifier::up_to, place::before},
    {"just under", qualifier::under, place::before},
    {"more than", qualifier::over, place::before},
    {"less than", qualifier::under, place::before},
    {"exceeding", qualifier::over, place::before},
    {"estimated", qualifier::about, place::before},
    {"just over", qualifier::over, place::before},
    {"well over", qualifier::over, place::before},
    {"close to", qualifier::nearly, place::before},
    {"at least", qualifier::at_least, place::before},
    {"reaching", qualifier::reaching, place::before},
    {"at most", qualifier::up_to, place::before},
    {"roughly", qualifier::about, place::before},
    {"around", qualifier::about, place::before},
    {"nearly", qualifier::nearly, place::before},
    {"almost", qualifier::nearly, place::before},
    {"about", qualifier::about, place::before},
    {"above", qualifier::over, place::before},
    {"below", qualifier::under, place::before},
    {"under", qualifier::under, place::before},
    {"up to", qualifier::up_to, place::before},
    {"some", qualifier::about, place::before},
    {"over", qualifier::over, place::before},
    // Chinese and Japanese, before
    {"约合", qualifier::about, place::before, true},
    {"折合", qualifier::none, place::before, true},
    {"大约", qualifier::about, place::before},
    {"将近", qualifier::nearly, place::before},
    {"接近", qualifier::nearly, place::before},
    {"超过", qualifier::over, place::before},
    {"多于", qualifier::over, place::before},
    {"高于", qualifier::over, place::before},
    {"不到", qualifier::under, place::before},
    {"不足", qualifier::under, place::before},
    {"低于", qualifier::under, place::before},
    {"少于", qualifier::under, place::before},
    {"至少", qualifier::at_least, place::before},
    {"最多", qualifier::up_to, place::before},
    {"达到", qualifier::reaching, place::before},
    {"高达", qualifier::reaching, place::before},
    {"突破", qualifier::over, place::before},
    {"およそ", qualifier::about, place::before},
    {"约", qualifier::about, place::before},
    {"約", qualifier::about, place::before},
    {"近", qualifier::nearly, place::before},
    {"逾", qualifier::over, place::before},
    {"超", qualifier::over, place::before},
    {"达", qualifier::reaching, place::before},
    // English, after
    {"or more", qualifier::at_least, place::after},
    {"or less", qualifier::up_to, place::after},
    {"or so", qualifier::about, place::after},
    // Chinese and Japanese, after
    {"左右", qualifier::about, place::after},
    {"上下", qualifier::about, place::after},
    {"前后", qualifier::about, place::after},
    {"以上", qualifier::at_least, place::after},
    {"以下", qualifier::up_to, place::after},
    {"以内", qualifier::up_to, place::after},
    {"余り", qualifier::over, place::after},
    {"程度", qualifier::about, place::after},
    {"前後", qualifier::about, place::after},
    {"近く", qualifier::nearly, place::after},
    {"未満", qualifier::under, place::after},
    {"余", qualifier::over, place::after},
    {"多", qualifier::over, place::after},
    {"強", qualifier::over, place::after},
    {"弱", qualifier::nearly, place::after},
    {"超", qualifier::over, place::after},
};

/// A change's direction: up (+1) or down (−1); 0 for words that only say it is a change
/// ("year on year", 同比, 前年比). A `ratio` word with no direction beside it states the
/// figure as a share of the year before: "前年比101.9%" is up 1.9%, "前年比99.6%" down 0.4%.
struct change_word {
    std::string_view text;
    int sign;
    place where;
    bool ratio = false;
};

inline constexpr change_word changes[] = {
    // English, before
    {"an increase of", 1, place::before},
    {"a decrease of", -1, place::before},
    {"year-on-year", 0, place::before},
    {"a decline of", -1, place::before},
    {"a growth of", 1, place::before},
    {"a rise of", 1, place::before},
    {"a drop of", -1, place::before},
    {"growth of", 1, place::before},
    {"increased", 1, place::before},
    {"decreased", -1, place::before},
    {"declined", -1, place::before},
    {"dropped", -1, place::before},
    {"rising", 1, place::before},
    {"rose", 1, place::before},
    {"grew", 1, place::before},
    {"fell", -1, place::before},
    {"up", 1, place::before},
    {"down", -1, place::before},
    // The verbs of wire copy and budget papers. Any English word of change may be followed by
    // "by" (listed_words takes it, but not before a year: "expected to rise by 2030"):
    // "jumped 38 percent", "falls by 47.7 per cent", "is to rise 5.2 percent".
    {"rises", 1, place::before},
    {"rise", 1, place::before},
    {"risen", 1, place::before},
    {"increases", 1, place::before},
    {"increasing", 1, place::before},
    {"grows", 1, place::before},
    {"grow", 1, place::before},
    {"growing", 1, place::before},
    {"grown", 1, place::before},
    {"jumped", 1, place::before},
    {"jumps", 1, place::before},
    {"climbed", 1, place::before},
    {"climbs", 1, place::before},
    {"climb", 1, place::before},
    {"soared", 1, place::before},
    {"soars", 1, place::before},
    {"soaring", 1, place::before},
    {"surged", 1, place::before},
    {"surges", 1, place::before},
    {"surging", 1, place::before},
    {"spiked", 1, place::before},
    {"skyrocketed", 1, place::before},
    {"expanded", 1, place::before},
    {"went up", 1, place::before},
    {"goes up", 1, place::before},
    {"falls", -1, place::before},
    {"falling", -1, place::before},
    {"fallen", -1, place::before},
    {"decreases", -1, place::before},
    {"decreasing", -1, place::before},
    {"declines", -1, place::before},
    {"declining", -1, place::before},
    {"drops", -1, place::before},
    {"slipped", -1, place::before},
    {"slips", -1, place::before},
    {"slid", -1, place::before},
    {"slides", -1, place::before},
    {"shrank", -1, place::before},
    {"shrinks", -1, place::before},
    {"shrunk", -1, place::before},
    {"plunged", -1, place::before},
    {"plunges", -1, place::before},
    {"plummeted", -1, place::before},
    {"tumbled", -1, place::before},
    {"sank", -1, place::before},
    {"contracted", -1, place::before},
    {"went down", -1, place::before},
    {"goes down", -1, place::before},
    // Chinese and Japanese, before
    {"同比增长", 1, place::before},
    {"同比增加", 1, place::before},
    {"同比提高", 1, place::before},
    {"同比上升", 1, place::before},
    {"同比下降", -1, place::before},
    {"同比减少", -1, place::before},
    {"同比降低", -1, place::before},
    {"前年同期比", 0, place::before, true},
    {"前年度比", 0, place::before, true},
    {"前年比", 0, place::before, true},
    {"增长", 1, place::before},
    {"增加", 1, place::before},
    {"提高", 1, place::before},
    {"上升", 1, place::before},
    {"上涨", 1, place::before},
    {"下降", -1, place::before},
    {"减少", -1, place::before},
    {"降低", -1, place::before},
    {"下滑", -1, place::before},
    {"回落", -1, place::before},
    {"向下拉动", -1, place::before},
    {"拉动", 1, place::before},
    {"收窄", 1, place::before},
    {"同比", 0, place::before},
    // English, after
    {"year on year", 0, place::after},
    {"year-on-year", 0, place::after},
    {"higher", 1, place::after},
    {"lower", -1, place::after},
    {"y/y", 0, place::after},
    {"yoy", 0, place::after},
    // Japanese, after
    {"の増加", 1, place::after},
    {"の減少", -1, place::after},
    {"増加", 1, place::after},
    {"減少", -1, place::after},
    {"上昇", 1, place::after},
    {"低下", -1, place::after},
    {"増", 1, place::after},
    {"減", -1, place::after},
};

/// A share written as a simple fraction: "one-fifth" is 1/5, "one in four" 1/4.
struct fraction_word {
    std::string_view text;
    std::int64_t numerator;
    std::int64_t denominator;
};

inline constexpr fraction_word fractions[] = {
    {"three-quarters", 3, 4}, {"three quarters", 3, 4}, {"two-thirds", 2, 3},
    {"two thirds", 2, 3},     {"two-fifths", 2, 5},     {"one-quarter", 1, 4},
    {"one quarter", 1, 4},    {"a quarter", 1, 4},      {"one-third", 1, 3},
    {"one third", 1, 3},      {"a third", 1, 3},        {"one-fifth", 1, 5},
    {"one fifth", 1, 5},      {"a fifth", 1, 5},        {"one-tenth", 1, 10},
    {"one tenth", 1, 10},     {"a tenth", 1, 10},       {"one-half", 1, 2},
    {"one half", 1, 2},       {"a half", 1, 2},         {"half", 1, 2},
    {"one in three", 1, 3},   {"one in four", 1, 4},    {"one in five", 1, 5},
    {"one in ten", 1, 10},
};

/// After the number: a percentage, or percentage points (the unit of a change of a share).
inline constexpr std::string_view percent_marks[] = {"per cent", "percent", "pct", "%", "％"};
inline constexpr std::string_view point_marks[] = {
    "percentage points", "percentage point", "percent points", "个百分点", "百分点",
    "ポイント", "ppts", "ppt", "pp", "pts"};

}  // namespace crossfoot::figure_words
