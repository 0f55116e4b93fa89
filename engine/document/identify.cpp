// engine/document/identify.cpp: what a file is, by its first bytes.
// SPDX-License-Identifier: MIT
#include <crossfoot/document.hpp>

#include "core/text.hpp"

#include <array>

namespace crossfoot {

namespace {

using text::is_markup_space;

using text::lower;

bool starts_with_folded(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (lower(text[i]) != prefix[i]) return false;
    }
    return true;
}

}  // namespace

std::string_view to_string(document_format f) {
    switch (f) {
        case document_format::text: return "text";
        case document_format::html: return "html";
        case document_format::pdf: return "pdf";
    }
    return "text";
}

document_format identify_document(std::string_view bytes) noexcept {
    if (bytes.starts_with("%PDF-")) return document_format::pdf;
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    std::size_t at = 0;
    while (at < bytes.size() && is_markup_space(bytes[at])) ++at;
    const std::string_view rest = bytes.substr(at);
    // A page may start with a comment before its doctype; text seldom starts with "<!--".
    constexpr std::array<std::string_view, 5> openings = {"<!doctype html", "<html", "<head", "<body",
                                                          "<!--"};
    for (const std::string_view opening : openings) {
        if (!starts_with_folded(rest, opening)) continue;
        const std::size_t after = opening.size();
        if (opening == "<!--" || after == rest.size() || is_markup_space(rest[after]) || rest[after] == '>')
            return document_format::html;
    }
    return document_format::text;
}

}  // namespace crossfoot
