// crossfoot/draft.hpp: a claims file drafted from a document — one figure per mention and the
// checks that the document's own words propose ("including", "amounting to a total of", 其中,
// 合计, "(about $1.45 billion)", "3% of") — for a person to review, or to check at once.
// SPDX-License-Identifier: MIT
#pragma once

#include <crossfoot/check.hpp>
#include <crossfoot/document.hpp>
#include <crossfoot/extract.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot {

/// One figure of the draft: a mention of the document (dates are not figures).
struct drafted_figure {
    std::string id;                // "f3"
    const mention* from = nullptr; // the mention, in the extraction the draft was made from
    std::string unit;              // what the claims file must be told: "USD" for '$' read as
                                   // USD, "count" for a count; empty when the text says it
    std::string context;           // the sentence around it, for a person reviewing the draft
    /// Why a claims file cannot take the mention as written (the parse error), or empty. Such
    /// a figure is written commented out, and no check is proposed with it.
    std::string refused;
};

/// One check the words of the document propose.
struct drafted_check {
    std::string id;                // "includes-1"
    crossfoot::relation relation = relation::includes;
    std::string total;             // figure ids, as in a claims file
    std::vector<std::string> parts;
    std::string share;             // share: the percent figure
    std::string by;                // change: the change figure; total is `to`, parts[0] `from`
    std::string rate;              // converts: the rate the document states for the pair, if one
    std::string proposed_by;       // the words that proposed it, as written
};

struct draft {
    std::string title;             // the document's title, or its first line
    std::string date;              // its first date with a year: "2024-09-27", "2024-09", "2024"
    std::optional<unit> currency;  // the default currency the extraction was told
    std::vector<drafted_figure> figures;
    std::vector<drafted_check> checks;
};

/// Drafts claims from a document and the figures extract_document found in it. The mentions
/// of `found` must outlive the draft.
[[nodiscard]] draft draft_claims(const document& d, const extraction& found,
                                 const extract_options& options = {});

/// A document turned into claims in one step: the draft, as TOML, and the claims read from
/// it (each check carrying the words that proposed it).
struct document_claims {
    std::string text;  // the document's visible text
    draft drafted;
    extraction found;
    std::string toml;
    crossfoot::claims claims;
};

/// Reads a document of any format (read_document), extracts its figures, drafts the checks its
/// words propose and reads the draft as a claims file named `name`. A document that cannot be
/// read is a diagnostic at its line and column (its page for a PDF).
[[nodiscard]] std::expected<document_claims, std::vector<diagnostic>> claims_from_document(
    std::string_view bytes, std::string_view name, const extract_options& options = {});

/// The draft as a claims file (docs/claims-format.md) that read_claims accepts: a comment per
/// figure with its context, each check with `proposed_by`. `source` names the document.
[[nodiscard]] std::string format_draft_toml(const draft& d, std::string_view source);

}  // namespace crossfoot
