// engine/document/pdf.cpp: a PDF's text, page by page, by poppler's C++ library.
// SPDX-License-Identifier: MIT
#include "readers.hpp"

#include "extract/utf8.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <fmt/format.h>

#include <climits>
#include <memory>

namespace crossfoot::documents {

namespace {

// poppler writes what it finds wrong in a file to standard error; the reader says it instead.
void quiet(const std::string& /*message*/, void* /*closure*/) {}

std::string utf8_of(const poppler::ustring& s) {
    const poppler::byte_array bytes = s.to_utf8();
    return {bytes.begin(), bytes.end()};
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
}

}  // namespace

std::expected<document, document_error> read_pdf(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        return std::unexpected(document_error{0, "expected a PDF under 2 GiB", "bad-pdf"});
    poppler::set_debug_error_function(quiet, nullptr);
    const std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!pdf)
        return std::unexpected(document_error{
            0, "expected a PDF that can be read, found a damaged or truncated file", "bad-pdf"});
    if (pdf->is_locked())
        return std::unexpected(document_error{0, "expected a PDF that opens without a password", "locked-pdf"});
    document out;
    out.format = document_format::pdf;
    out.title = utf8_of(pdf->info_key("Title"));
    if (utf8::first_invalid(out.title)) out.title.clear();
    const int pages = pdf->pages();
    for (int i = 0; i < pages; ++i) {
        const std::unique_ptr<poppler::page> page(pdf->create_page(i));
        if (i > 0) out.text += '\f';
        out.page_starts.push_back(out.text.size());
        if (!page) continue;
        std::string text = utf8_of(page->text());
        if (const auto bad = utf8::first_invalid(text))
            return std::unexpected(document_error{0, fmt::format("expected UTF-8 text on page {}, found byte 0x{:02X}", i + 1,
                                                                 static_cast<unsigned char>(text[*bad])),
                                                  "bad-pdf"});
        out.text += text;
    }
    if (blank(out.text))
        return std::unexpected(document_error{
            0,
            fmt::format("expected a PDF with a text layer, found {} page{} without text (a scan: run OCR on it first)",
                        pages, pages == 1 ? "" : "s"),
            "no-text-layer"});
    return out;
}

}  // namespace crossfoot::documents
