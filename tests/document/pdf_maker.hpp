// tests/document/pdf_maker.hpp: small PDFs written by the tests — pages of ASCII lines in
// Helvetica, or pages that only draw (as a scan has no text layer) — with a correct
// cross-reference table, so that no binary fixture is committed.
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace crossfoot::test {

/// A PDF whose page i shows pages[i], one string per line; an empty page draws a rectangle.
inline std::string make_pdf(const std::vector<std::vector<std::string>>& pages, const std::string& title = {}) {
    std::vector<std::string> objects;  // object n is objects[n - 1]
    const std::size_t page_count = pages.size();
    // 1: catalog, 2: page tree, 3: font, 4: info, then per page: the page and its content.
    std::string kids;
    for (std::size_t i = 0; i < page_count; ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_count) + " >>");
    objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    objects.push_back("<< /Title (" + title + ") >>");
    for (std::size_t i = 0; i < page_count; ++i) {
        std::string content;
        if (pages[i].empty()) {
            content = "0.5 g 72 72 400 600 re f\n";
        } else {
            content = "BT /F1 12 Tf 72 720 Td 16 TL\n";
            for (const std::string& line : pages[i]) {
                std::string escaped;
                for (const char c : line) {
                    if (c == '(' || c == ')' || c == '\\') escaped += '\\';
                    escaped += c;
                }
                content += "(" + escaped + ") Tj T*\n";
            }
            content += "ET\n";
        }
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                          "/Contents " + std::to_string(6 + 2 * i) + " 0 R >>");
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

}  // namespace crossfoot::test
