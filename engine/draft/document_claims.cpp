// engine/draft/document_claims.cpp: from a document's bytes to claims in one step.
// SPDX-License-Identifier: MIT
#include <crossfoot/draft.hpp>

#include <string>

namespace crossfoot {


std::expected<document_claims, std::vector<diagnostic>> claims_from_document(std::string_view bytes,
                                                                             std::string_view name,
                                                                             const extract_options& options) {
    auto doc = read_document(bytes);
    if (!doc) return std::unexpected(std::vector{document_diagnostic(bytes, name, doc.error().offset, doc.error().message, doc.error().code)});
    auto found = extract_document(*doc, options);
    if (!found)
        return std::unexpected(std::vector{document_diagnostic(bytes, name, source_offset(*doc, found.error().offset),
                                                    found.error().message(), "bad-utf8")});
    // The draft points into out.found's mentions: moving `out` moves the vector's storage, so
    // the pointers stay good.
    document_claims out;
    out.text = doc->text;
    out.found = std::move(*found);
    out.drafted = draft_claims(*doc, out.found, options);
    out.toml = format_draft_toml(out.drafted, name);
    auto read = read_claims(out.toml, std::string(name) + " (drafted)");
    if (!read) return std::unexpected(read.error());
    out.claims = std::move(*read);
    return out;
}

}  // namespace crossfoot
