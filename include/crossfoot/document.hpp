// crossfoot/document.hpp: a document as it comes — plain text, a web page (HTML) or a PDF —
// read into the text a person sees, with the way back from that text to the source: the byte
// of the HTML source each character came from, the page of the PDF it stands on.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/check.hpp>
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/extract.hpp>
#include <crossfoot/parse_error.hpp>

#include <cstddef>
#include <expected>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

enum class document_format { text, html, pdf };

[[nodiscard]] std::string_view to_string(document_format f);  // "text", "html", "pdf"

/// What a file is, by its content: a PDF starts with "%PDF-"; a web page with a doctype, an
/// <html>, <head> or <body> tag, or a comment, after any byte order mark and white space;
/// anything else is text.
[[nodiscard]] document_format identify_document(std::string_view bytes) noexcept;

/// A run of the visible text that stands for bytes of the source one for one from `source`.
struct source_anchor {
    std::size_t text = 0;
    std::size_t source = 0;
};

struct document {
    document_format format = document_format::text;
    std::string title;                   // a web page's <title>, a PDF's Title; may be empty
    std::string text;                    // the visible text, UTF-8
    /// HTML: the source byte of text[t] is anchor.source + (t - anchor.text) for the last
    /// anchor at or before t (inside a character reference, the reference's '&').
    std::vector<source_anchor> anchors;
    /// PDF: the text offset where each page begins, page 1 first.
    std::vector<std::size_t> page_starts;
};

/// Why a document cannot be read, at a byte of the source.
struct document_error {
    std::size_t offset = 0;
    std::string message;
    std::string code;  // "bad-utf8", "empty-file", "bad-pdf", "no-text-layer", "locked-pdf",
                       // "no-file", "too-large"
};

/// The most bytes a document may have, 128 MiB by default: reading one takes memory of a few
/// times its size, and up to 25 times for `extract --format json` (docs/reliability.md);
/// the longest real reports are a few MiB of text, and most PDF reports well under 128 MiB.
inline constexpr std::size_t default_max_document_bytes = std::size_t{128} << 20;

/// The bytes of the file at `path`, or of `input` (a pipe, standard input), read whole up to
/// `max_bytes`: a longer one is an error at that byte (`too-large`), read no further; a file
/// that cannot be opened (`no-file`) says why (why_not_readable).
[[nodiscard]] std::expected<std::string, document_error> read_document_file(
    const std::string& path, std::size_t max_bytes = default_max_document_bytes);
[[nodiscard]] std::expected<std::string, document_error> read_document_stream(
    std::istream& input, std::size_t max_bytes = default_max_document_bytes);

/// The visible text of the document a claims file names in `[document] text` (any format,
/// read as read_document does, at most `max_bytes`), found through path_named_by; empty when
/// it names none. An error is a diagnostic at the claims file's line.
[[nodiscard]] std::expected<std::string, diagnostic> claims_document_text(
    const claims& c, std::size_t max_bytes = default_max_document_bytes);

/// Reads a document of any format into its visible text:
/// - text: as it is (it must be UTF-8), but for the line breaks of a text wrapped at a fixed
///   width that only wrap a sentence ("2 billion⏎yuan"), each made a space (a CR before it
///   too): the text keeps its length, so its offsets are the file's bytes;
/// - HTML (gumbo): scripts, styles, templates, <head> and hidden elements (`hidden`,
///   `aria-hidden="true"`, `display:none` or `visibility:hidden` in `style`) left out; block
///   elements end a line; a table row is a line and its cells are separated by tabs; runs of
///   white space are one space, as a browser shows them, except inside <pre>;
/// - PDF (poppler): each page's text in reading order, pages separated by a form feed; the
///   lines a paragraph was wrapped into are joined again (a break stays after a line that ends
///   a sentence, and becomes a space between Latin words, nothing beside CJK characters).
/// Invalid UTF-8 (in text or HTML), an empty file, a PDF poppler cannot open, a locked PDF and
/// a PDF without a text layer (a scan) are errors.
[[nodiscard]] std::expected<document, document_error> read_document(std::string_view bytes);

/// A diagnostic for `file` at the source byte `offset`: its line and column for text and HTML,
/// 1:1 for a PDF (whose bytes have no lines).
[[nodiscard]] diagnostic document_diagnostic(std::string_view bytes, std::string_view file, std::size_t offset,
                                             std::string message, std::string code);

/// The source byte that the visible text's byte `text_offset` came from: itself for text and
/// PDF (whose bytes are not the text), the HTML source's byte for a web page.
[[nodiscard]] std::size_t source_offset(const document& d, std::size_t text_offset) noexcept;

/// The page (from 1) that the visible text's byte `text_offset` stands on; 0 when the
/// document has no pages.
[[nodiscard]] std::size_t page_of(const document& d, std::size_t text_offset) noexcept;

/// extract() on the document's visible text, each place then given its page (PDF) and its
/// bytes in the HTML source.
[[nodiscard]] std::expected<extraction, parse_error> extract_document(
    const document& d, const extract_options& options = {});

}  // namespace crossfoot
