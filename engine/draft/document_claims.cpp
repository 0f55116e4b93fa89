// engine/draft/document_claims.cpp: from a document's bytes to claims in one step.
// SPDX-License-Identifier: MIT
#include <crossfoot/draft.hpp>

#include <string>

namespace crossfoot {

namespace {

// The 1-based line and column (in code points) of a byte of `text`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
            ++column;
        }
    }
    return {line, column};
}

diagnostic error_at(std::string_view bytes, std::string_view name, std::size_t offset, std::string message,
                    std::string code) {
    const bool lines = identify_document(bytes) != document_format::pdf;
    const auto [line, column] = lines ? line_column(bytes, offset) : std::pair<std::size_t, std::size_t>{1, 1};
    return diagnostic{std::string(name), line, column, severity::error, std::move(message), std::move(code), {}};
}

}  // namespace

std::expected<document_claims, std::vector<diagnostic>> claims_from_document(std::string_view bytes,
                                                                             std::string_view name,
                                                                             const extract_options& options) {
    auto doc = read_document(bytes);
    if (!doc) return std::unexpected(std::vector{error_at(bytes, name, doc.error().offset, doc.error().message, doc.error().code)});
    auto found = extract_document(*doc, options);
    if (!found)
        return std::unexpected(std::vector{error_at(bytes, name, source_offset(*doc, found.error().offset),
                                                    found.error().message(), "bad-utf8")});
    // The draft points into out.found's mentions: moving `out` moves the vector's storage, so
    // the pointers stay good.
    document_claims out;
    out.found = std::move(*found);
    out.drafted = draft_claims(*doc, out.found, options);
    out.toml = format_draft_toml(out.drafted, name);
    auto read = read_claims(out.toml, std::string(name) + " (drafted)");
    if (!read) return std::unexpected(read.error());
    out.claims = std::move(*read);
    return out;
}

}  // namespace crossfoot
