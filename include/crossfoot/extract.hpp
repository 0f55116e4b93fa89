// crossfoot/extract.hpp: every figure in a text, found exactly: money amounts, counts,
// percentages, ranges, changes, stated exchange rates and dates, in English, Chinese and
// Japanese, each with its place, its exact value and what was assumed to read it.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/currency.hpp>
#include <crossfoot/parse_error.hpp>
#include <crossfoot/rates.hpp>
#include <crossfoot/written.hpp>

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// What a mention states.
enum class mention_kind { money, count, percent, change, range, rate, date_text };

[[nodiscard]] std::string_view to_string(mention_kind k);  // "money", "count", ...

/// Where a piece of text stands: bytes and Unicode code points from the start, end exclusive.
struct text_span {
    std::size_t byte_begin = 0;
    std::size_t byte_end = 0;
    std::size_t char_begin = 0;
    std::size_t char_end = 0;
    /// In a document read by read_document (crossfoot/document.hpp): the page of a PDF, from 1
    /// (0 otherwise), and the bytes of a web page's HTML source the text came from (equal to
    /// the text's bytes otherwise).
    std::size_t page = 0;
    std::size_t source_begin = 0;
    std::size_t source_end = 0;
};

/// One figure (or date) of the text.
struct mention {
    mention_kind kind = mention_kind::count;
    text_span at;
    std::string text;        // as written
    /// Everything but a date: value, unit, a range's high end, a rate's base, the qualifier and
    /// the readings assumed ('$' read as USD, 兆 read as 10^12, a unit taken from a list).
    written_figure figure;
    std::string when;        // a date: "2024-09-26", "2024-09", "2024", or "--09-26" without a year
};

/// A number that is not a figure, and why: a year inside a name, a time, an ordinal, a phone
/// number, list numbering, a name such as "5+5+1", a per-share price, a physical quantity.
struct skipped_number {
    text_span at;
    std::string text;
    std::string reason;
};

struct extract_options {
    /// What bare amounts with a scale ("36.57亿") and ambiguous symbols mean; without it, $ and
    /// dollars are read as US dollars and ¥ as `yen_sign`, each noted as an assumption.
    std::optional<unit> default_currency;
    std::optional<unit> yen_sign;  // nothing: JPY in Japanese text (kana), CNY otherwise
    std::int32_t zhao_power = 12;  // 兆 before a currency
    /// The document's date, for dates that leave out their year or month ("9月26日", "11日",
    /// "Q1") before the text names them; later dates take those of the dates before them.
    std::optional<date_period> dated;
};

struct extraction {
    std::vector<mention> mentions;        // in text order
    std::vector<skipped_number> skipped;  // in text order
    std::string format = "text";          // what was read: "text", "html" or "pdf"
};

/// Finds every figure of a UTF-8 text. Invalid UTF-8 is an error at its byte offset; nothing
/// else is: text that is no figure is passed over, numbers that are no figure are listed in
/// `skipped` with the reason. Linear in the text.
[[nodiscard]] std::expected<extraction, parse_error> extract(std::string_view text,
                                                             const extract_options& options = {});

/// A table a person reads: one line per mention with its offset, kind, text as written, exact
/// value and unit, qualifier and assumptions; with `explain`, the skipped numbers and why.
[[nodiscard]] std::string format_extraction_text(const extraction& e, bool explain = false);

/// The same as JSON, schema "crossfoot-extract/1" (docs/extract.md); every number an exact
/// decimal string.
[[nodiscard]] std::string format_extraction_json(const extraction& e, std::string_view file);

}  // namespace crossfoot
