// engine/document/readers.hpp: one reader per format, each giving the visible text and its way
// back to the source (private to the library).
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/document.hpp>

#include <expected>
#include <string_view>

namespace crossfoot::documents {

/// A web page's visible text, by gumbo's parse tree; the bytes must be UTF-8.
[[nodiscard]] std::expected<document, document_error> read_html(std::string_view bytes);

/// A PDF's text, page by page, by poppler.
[[nodiscard]] std::expected<document, document_error> read_pdf(std::string_view bytes);

}  // namespace crossfoot::documents
