// engine/document/pdf.cpp: a PDF's text, page by page, by poppler's C++ library.
// SPDX-License-Identifier: MIT
#include "readers.hpp"
#include "wrapped_lines.hpp"

#include "core/utf8.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <fmt/format.h>

#include <algorithm>
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

// The last character of a UTF-8 text before `end`, and the first from `begin`.
std::string_view last_char(std::string_view s, std::size_t end) {
    std::size_t b = end;
    while (b > 0 && (static_cast<unsigned char>(s[b - 1]) & 0xC0U) == 0x80U) --b;
    return b > 0 ? s.substr(b - 1, end - b + 1) : std::string_view();
}

// Chinese or Japanese text: a character from U+3000 to U+9FFF (lead bytes E3 to E9), or a
// full-width form (EF BC, EF BD).
bool cjk(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if (c >= 0xE3U && c <= 0xE9U) return true;
        if (c == 0xEFU && i + 1 < line.size() &&
            (static_cast<unsigned char>(line[i + 1]) == 0xBCU || static_cast<unsigned char>(line[i + 1]) == 0xBDU))
            return true;
    }
    return false;
}

bool ends_sentence(std::string_view c) {
    return c == "." || c == "!" || c == "?" || c == ":" || c == "\xE3\x80\x82" /* 。 */ ||
           c == "\xEF\xBC\x81" /* ！ */ || c == "\xEF\xBC\x9F" /* ？ */ || c == "\xEF\xBC\x9A" /* ： */ ||
           c == "\xEF\xBC\x9B" /* ； */;
}

// Whether the full stop that ends `out` ends an abbreviation the sentence goes on from on the
// next line ("9 million U.S.⏎dollars", "Jan.⏎12"): judged on the word before it and the line.
bool goes_on(std::string_view out, std::string_view line) {
    const std::size_t cut = out.find_last_of(" \n", out.size() - 1);
    const std::string_view word = out.substr(cut == std::string_view::npos ? 0 : cut + 1);
    std::string probe(word);
    probe += ' ';
    probe += line.substr(0, std::min<std::size_t>(line.size(), 8));
    return goes_on_after(probe, word.size() - 1);
}

// A page's lines as poppler gives them, with the lines a paragraph was wrapped into joined
// again: "9.88 billion\nyuan" is one figure. A line that ends a sentence (. ! ? : 。 ！ ？ ：
// ；) or is empty keeps its break; otherwise the break becomes nothing in a line of Chinese or
// Japanese ("329.2\n亿元" is 329.2亿元) and a space between Latin words.
std::string join_wrapped_lines(std::string_view page) {
    std::string out;
    std::size_t begin = 0;
    while (begin <= page.size()) {
        std::size_t end = page.find('\n', begin);
        if (end == std::string_view::npos) end = page.size();
        std::string_view line = page.substr(begin, end - begin);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
        if (!out.empty() && out.back() != '\n') {
            const std::string_view before = last_char(out, out.size());
            const std::size_t last_break = out.rfind('\n');
            const bool wide = cjk(std::string_view(out).substr(last_break == std::string::npos ? 0 : last_break)) ||
                              (!line.empty() && static_cast<unsigned char>(line.front()) >= 0x80U);
            if (line.empty() || (ends_sentence(before) && !(before == "." && goes_on(out, line)))) {
                out += '\n';
            } else if (!wide) {
                out += ' ';
            }
        }
        out += line;
        if (line.empty() && !out.empty() && out.back() != '\n') out += '\n';
        if (end == page.size()) break;
        begin = end + 1;
    }
    return out;
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
}

}  // namespace

std::expected<document, document_error> read_pdf(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        return std::unexpected(document_error{0, "expected a PDF under 2 GiB", "bad-pdf"});
    // A PDF ends with %%EOF (readers look for it in the last kilobyte). Without it the file was
    // cut short: poppler would rebuild what it can and drop the rest without a word.
    const std::size_t tail = bytes.size() > 1024 ? bytes.size() - 1024 : 0;
    if (bytes.find("%%EOF", tail) == std::string_view::npos)
        return std::unexpected(document_error{
            bytes.size(),
            fmt::format("expected a complete PDF, found no %%EOF before its end at byte {}: the file is truncated",
                        bytes.size()),
            "bad-pdf"});
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
        // poppler ends a page with a form feed; the reader puts one between pages itself.
        while (!text.empty() && (text.back() == '\f' || text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
            text.pop_back();
        out.text += join_wrapped_lines(text);
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
