// tests/document/pdf_maker.hpp: small PDFs written by the tests — pages of lines of any
// UTF-8 text, or pages that only draw (as a scan has no text layer) — with a correct
// cross-reference table, so that no binary fixture is committed. The text is set in a
// composite font (Type0, Identity-H) whose ToUnicode map gives each glyph its character, as
// PDF makers write Chinese and Japanese; no font program is embedded, so a viewer shows
// whatever font it has, but the text layer is exact.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <cstddef>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace crossfoot::test {

namespace pdf_detail {

// The code points of a UTF-8 string (the tests pass valid UTF-8).
inline std::vector<std::uint32_t> code_points(const std::string& s) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80U ? 1 : c < 0xE0U ? 2 : c < 0xF0U ? 3 : 4;
        std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1FU) : len == 3 ? (c & 0x0FU) : (c & 0x07U);
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6U) | (static_cast<unsigned char>(s[i + k]) & 0x3FU);
        out.push_back(cp);
        i += len;
    }
    return out;
}

inline std::string hex4(std::uint32_t v) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>(v & 0xFFFFU));
    return buffer;
}

// A code point as UTF-16 hex, for the ToUnicode map.
inline std::string utf16_hex(std::uint32_t cp) {
    if (cp < 0x10000U) return hex4(cp);
    const std::uint32_t v = cp - 0x10000U;
    return hex4(0xD800U + (v >> 10U)) + hex4(0xDC00U + (v & 0x3FFU));
}


constexpr std::size_t width = 90;       // columns; a CJK character takes two
constexpr std::size_t page_lines = 55;

inline std::size_t columns(std::uint32_t cp) { return cp >= 0x1100U ? 2 : 1; }

inline std::string utf8(std::uint32_t cp) {
    std::string out;
    if (cp < 0x80U) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800U) {
        out += static_cast<char>(0xC0U | (cp >> 6U));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    } else if (cp < 0x10000U) {
        out += static_cast<char>(0xE0U | (cp >> 12U));
        out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    } else {
        out += static_cast<char>(0xF0U | (cp >> 18U));
        out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
        out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
        out += static_cast<char>(0x80U | (cp & 0x3FU));
    }
    return out;
}

// One paragraph wrapped into lines of at most `width` columns.
inline std::vector<std::string> wrap(const std::string& paragraph) {
    std::vector<std::string> lines;
    std::vector<std::uint32_t> line;
    std::size_t used = 0;
    for (const std::uint32_t cp : code_points(paragraph)) {
        if (used + columns(cp) > width) {
            std::vector<std::uint32_t> rest;
            // Break at the last space, or before a run of Latin letters and digits ("329.2" is
            // not cut), or here.
            for (std::size_t k = line.size(); k > 0; --k) {
                if (line[k - 1] == ' ' && cp != ' ') {
                    rest.assign(line.begin() + static_cast<std::ptrdiff_t>(k), line.end());
                    line.resize(k - 1);
                    break;
                }
                if (line[k - 1] >= 0x80U) {
                    if (k < line.size() && cp < 0x80U && cp != ' ') {
                        rest.assign(line.begin() + static_cast<std::ptrdiff_t>(k), line.end());
                        line.resize(k);
                    }
                    break;
                }
            }
            std::string text;
            for (const std::uint32_t c : line) text += utf8(c);
            lines.push_back(text);
            line = rest;
            used = 0;
            for (const std::uint32_t c : line) used += columns(c);
            if (cp == ' ') continue;
        }
        line.push_back(cp);
        used += columns(cp);
    }
    std::string text;
    for (const std::uint32_t c : line) text += utf8(c);
    if (!text.empty()) lines.push_back(text);
    return lines;
}

}  // namespace pdf_detail

/// A PDF whose page i shows pages[i], one string per line; an empty page draws a rectangle.
inline std::string make_pdf(const std::vector<std::vector<std::string>>& pages, const std::string& title = {}) {
    using namespace pdf_detail;
    // Glyph ids from 1, one per character, in the order they first appear.
    std::map<std::uint32_t, std::uint32_t> glyphs;
    for (const auto& page : pages)
        for (const std::string& line : page)
            for (const std::uint32_t cp : code_points(line)) glyphs.emplace(cp, 0U);
    std::uint32_t next = 1;
    for (auto& [cp, glyph] : glyphs) glyph = next++;

    std::vector<std::string> objects;  // object n is objects[n - 1]
    const std::size_t page_count = pages.size();
    // 1 catalog, 2 page tree, 3 font, 4 info, 5 descendant font, 6 ToUnicode, then per page
    // the page and its content.
    constexpr std::size_t first_page = 7;
    std::string kids;
    for (std::size_t i = 0; i < page_count; ++i) kids += std::to_string(first_page + 2 * i) + " 0 R ";
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_count) + " >>");
    objects.push_back("<< /Type /Font /Subtype /Type0 /BaseFont /TestSans /Encoding /Identity-H "
                      "/DescendantFonts [5 0 R] /ToUnicode 6 0 R >>");
    std::string info_title;
    for (const std::uint32_t cp : code_points(title)) info_title += utf16_hex(cp);
    objects.push_back("<< /Title <FEFF" + info_title + "> >>");
    objects.push_back("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestSans /CIDToGIDMap /Identity "
                      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                      "/FontDescriptor << /Type /FontDescriptor /FontName /TestSans /Flags 4 "
                      "/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 "
                      "/CapHeight 700 /StemV 80 >> /DW 600 >>");
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Test-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::pair<std::uint32_t, std::uint32_t>> mapping(glyphs.begin(), glyphs.end());
    for (std::size_t at = 0; at < mapping.size(); at += 100) {
        const std::size_t n = std::min<std::size_t>(100, mapping.size() - at);
        cmap += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = at; k < at + n; ++k)
            cmap += "<" + hex4(mapping[k].second) + "> <" + utf16_hex(mapping[k].first) + ">\n";
        cmap += "endbfchar\n";
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    objects.push_back("<< /Length " + std::to_string(cmap.size()) + " >>\nstream\n" + cmap + "endstream");
    for (std::size_t i = 0; i < page_count; ++i) {
        std::string content;
        if (pages[i].empty()) {
            content = "0.5 g 72 72 400 600 re f\n";
        } else {
            content = "BT /F1 10 Tf 36 760 Td 13 TL\n";
            for (const std::string& line : pages[i]) {
                std::string codes;
                for (const std::uint32_t cp : code_points(line)) codes += hex4(glyphs.at(cp));
                content += "<" + codes + "> Tj T*\n";
            }
            content += "ET\n";
        }
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                          "/Contents " + std::to_string(first_page + 1 + 2 * i) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream");
    }
    std::string out = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t n = 0; n < objects.size(); ++n) {
        offsets.push_back(out.size());
        out += std::to_string(n + 1) + " 0 obj\n" + objects[n] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const std::size_t offset : offsets) {
        std::string digits = std::to_string(offset);
        out += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
    }
    out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 4 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
}

/// A text as a PDF maker sets it: each line a paragraph, wrapped to the page's width (about
/// 90 Latin characters, 45 Chinese or Japanese ones, at a space where there is one, never inside
/// a run of Latin letters and digits), a blank line after each, 55 lines a page.
inline std::string make_pdf_from_text(const std::string& text) {
    std::vector<std::vector<std::string>> pages(1);
    const auto put = [&](const std::string& line) {
        if (pages.back().size() == pdf_detail::page_lines) pages.emplace_back();
        pages.back().push_back(line);
    };
    std::size_t begin = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        for (const std::string& line : pdf_detail::wrap(text.substr(begin, end - begin))) put(line);
        put("");
        begin = end + 1;
    }
    return make_pdf(pages);
}

}  // namespace crossfoot::test
