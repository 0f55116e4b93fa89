// engine/document/wrapped_lines.hpp: where plain text wrapped at a fixed width breaks a
// sentence over lines, and a full stop that ends an abbreviation, not a sentence (private to
// the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crossfoot::documents {

/// Whether the sentence goes on after the full stop at `stop`, which then ends an
/// abbreviation: before a word in lower case ("U.S. dollars", "Co. and", "e.g. the"), after
/// Mr, Mrs, Ms, Dr or Prof, or after a month's abbreviation, No., Nos. or approx. before a
/// number ("Jan. 12"). Edited prose starts no sentence in lower case. A blank line after the
/// stop ends the sentence whatever follows.
[[nodiscard]] bool goes_on_after(std::string_view text, std::size_t stop);

/// Whether the line break at `at` only wraps a sentence, as plain text wrapped at 72 or 80
/// columns does ("a fund of 2 billion⏎yuan and a⏎venture fund of 1.68 billion yuan"): the
/// line ends without a stop (goes_on_after aside), colon or semicolon, the next one goes on
/// in lower case, or with a figure after a word or a comma (not a list item's number, "1. "),
/// and neither holds a tab. Table rows (cells separated by tabs), headings, blank lines, list
/// items and lines that start anew stay apart.
[[nodiscard]] bool wraps_a_sentence(std::string_view text, std::size_t at);

/// Each line break of `text` that only wraps a sentence made a space, with a carriage return
/// before it: the text keeps its length, so an offset into it is the same byte of the file.
void unwrap_sentences(std::string& text);

}  // namespace crossfoot::documents
