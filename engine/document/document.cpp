// engine/document/document.cpp: a document of any format into its visible text, and places in
// that text back to the source.
// SPDX-License-Identifier: MIT
#include <crossfoot/document.hpp>

#include "core/utf8.hpp"
#include "readers.hpp"
#include "wrapped_lines.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace crossfoot {

std::expected<document, document_error> read_document(std::string_view bytes) {
    if (bytes.empty()) return std::unexpected(document_error{0, "expected text, found an empty file", "empty-file"});
    switch (identify_document(bytes)) {
        case document_format::pdf: return documents::read_pdf(bytes);
        case document_format::html: return documents::read_html(bytes);
        case document_format::text: break;
    }
    if (const auto bad = utf8::first_invalid(bytes))
        return std::unexpected(document_error{
            *bad, fmt::format("expected UTF-8 text, found byte 0x{:02X} at byte {}", static_cast<unsigned char>(bytes[*bad]), *bad),
            "bad-utf8"});
    document out;
    out.text = std::string(bytes);
    documents::unwrap_sentences(out.text);
    return out;
}

diagnostic document_diagnostic(std::string_view bytes, std::string_view file, std::size_t offset,
                               std::string message, std::string code) {
    std::size_t line = 1;
    std::size_t column = 1;
    if (identify_document(bytes) != document_format::pdf) {
        const std::string_view before = bytes.substr(0, std::min(offset, bytes.size()));
        const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
        line += static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
        column = column_of(bytes.substr(line_start), offset - line_start);
    }
    return diagnostic{std::string(file), line, column, severity::error, std::move(message), std::move(code), {}};
}

std::size_t source_offset(const document& d, std::size_t text_offset) noexcept {
    if (d.format != document_format::html || d.anchors.empty()) return text_offset;
    auto it = std::upper_bound(d.anchors.begin(), d.anchors.end(), text_offset,
                               [](std::size_t t, const source_anchor& a) { return t < a.text; });
    if (it != d.anchors.begin()) --it;
    return it->source + (text_offset - std::min(text_offset, it->text));
}

std::size_t page_of(const document& d, std::size_t text_offset) noexcept {
    const auto it = std::upper_bound(d.page_starts.begin(), d.page_starts.end(), text_offset);
    return static_cast<std::size_t>(it - d.page_starts.begin());
}

namespace {

void place(const document& d, text_span& at) {
    at.page = page_of(d, at.byte_begin);
    at.source_begin = source_offset(d, at.byte_begin);
    at.source_end = at.byte_end > at.byte_begin ? source_offset(d, at.byte_end - 1) + 1 : at.source_begin;
}

}  // namespace

std::expected<extraction, parse_error> extract_document(const document& d, const extract_options& options) {
    auto found = extract(d.text, options);
    if (!found) return found;
    for (mention& m : found->mentions) place(d, m.at);
    for (skipped_number& s : found->skipped) place(d, s.at);
    found->format = std::string(to_string(d.format));
    return found;
}

}  // namespace crossfoot
