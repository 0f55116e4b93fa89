// engine/document/html.cpp: a web page's visible text, by gumbo's parse tree, with the HTML
// source byte of each character.
// SPDX-License-Identifier: MIT
#include "readers.hpp"

#include "core/text_reader.hpp"
#include "core/utf8.hpp"
#include "core/text.hpp"

#include <gumbo.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <vector>

namespace crossfoot::documents {

namespace {

using text::is_markup_space;

// Elements whose content no reader sees.
bool unseen(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_OBJECT: return true;
        default: return false;
    }
}

// Elements that begin and end a line of their own.
bool block(GumboTag tag) {
    constexpr std::array blocks = {
        GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,  GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BR,
        GUMBO_TAG_CAPTION, GUMBO_TAG_DD,      GUMBO_TAG_DIV,    GUMBO_TAG_DL,         GUMBO_TAG_DT,
        GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER, GUMBO_TAG_FORM,
        GUMBO_TAG_H1,      GUMBO_TAG_H2,      GUMBO_TAG_H3,     GUMBO_TAG_H4,         GUMBO_TAG_H5,
        GUMBO_TAG_H6,      GUMBO_TAG_HEADER,  GUMBO_TAG_HR,     GUMBO_TAG_LI,         GUMBO_TAG_MAIN,
        GUMBO_TAG_NAV,     GUMBO_TAG_OL,      GUMBO_TAG_P,      GUMBO_TAG_PRE,        GUMBO_TAG_SECTION,
        GUMBO_TAG_TABLE,   GUMBO_TAG_TBODY,   GUMBO_TAG_THEAD,  GUMBO_TAG_TFOOT,      GUMBO_TAG_TR,
        GUMBO_TAG_UL,      GUMBO_TAG_BODY,
    };
    return std::find(blocks.begin(), blocks.end(), tag) != blocks.end();
}

std::string folded_without_spaces(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (is_markup_space(c)) continue;
        out += text::lower(c);
    }
    return out;
}

// `hidden`, aria-hidden="true", or a style that hides the element.
bool hidden(const GumboElement& e) {
    if (gumbo_get_attribute(&e.attributes, "hidden") != nullptr) return true;
    if (const GumboAttribute* aria = gumbo_get_attribute(&e.attributes, "aria-hidden");
        aria != nullptr && folded_without_spaces(aria->value) == "true")
        return true;
    if (const GumboAttribute* style = gumbo_get_attribute(&e.attributes, "style")) {
        const std::string s = folded_without_spaces(style->value);
        return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
    }
    return false;
}

// The visible text as it is built: each byte with the source byte it came from, white space
// collapsed as a browser shows it.
class text_builder {
public:
    explicit text_builder(document& out) : out_(out) {}

    // One byte of the text, from the source byte `source`.
    void put(char c, std::size_t source) {
        const std::size_t t = out_.text.size();
        if (out_.anchors.empty() || out_.anchors.back().source + (t - out_.anchors.back().text) != source)
            out_.anchors.push_back({t, source});
        out_.text.push_back(c);
    }

    // A run of text: white space is one space, except inside <pre>.
    void put_visible(char c, std::size_t source, bool preformatted) {
        if (!preformatted && is_markup_space(c)) {
            if (!space_pending_) space_source_ = source;
            space_pending_ = true;
            return;
        }
        if (space_pending_ && !at_line_start()) put(' ', space_source_);
        space_pending_ = false;
        put(c, source);
    }

    void end_line(std::size_t source) {
        space_pending_ = false;
        if (!at_line_start()) put('\n', source);
    }

    void cell_break(std::size_t source) {
        space_pending_ = false;
        if (!at_line_start()) put('\t', source);
    }

private:
    [[nodiscard]] bool at_line_start() const { return out_.text.empty() || out_.text.back() == '\n'; }

    document& out_;
    bool space_pending_ = false;
    std::size_t space_source_ = 0;
};

// A no-break space ("&nbsp;", U+00A0) is a space to a reader: "1.5&nbsp;billion yuan".
constexpr std::string_view no_break_space = "\xC2\xA0";

// A text node: its decoded text walked beside its source, so that each byte keeps its place;
// a character reference ("&amp;", "&#165;") maps to its '&'.
void put_text(text_builder& b, const GumboText& t, bool preformatted) {
    const std::string_view decoded(t.text);
    const std::string_view source(t.original_text.data, t.original_text.length);
    const std::size_t base = t.start_pos.offset;
    std::size_t i = 0;
    std::size_t j = 0;
    while (j < decoded.size()) {
        if (i < source.size() && source[i] == '&' && decoded[j] != '&') {
            std::size_t k = i + 1;
            while (k < source.size() && k - i < 40 && (std::isalnum(static_cast<unsigned char>(source[k])) != 0 || source[k] == '#'))
                ++k;
            if (k < source.size() && source[k] == ';') ++k;
            const std::size_t len = std::min(text::utf8_length(decoded[j]), decoded.size() - j);
            if (decoded.substr(j, len) == no_break_space) {
                b.put_visible(' ', base + i, preformatted);
            } else {
                for (std::size_t n = 0; n < len; ++n) b.put_visible(decoded[j + n], base + i, preformatted);
            }
            i = k;
            j += len;
            continue;
        }
        if (decoded.substr(j, 2) == no_break_space && source.substr(i, 2) == no_break_space) {
            b.put_visible(' ', base + i, preformatted);
            i += 2;
            j += 2;
            continue;
        }
        if (i < source.size() && source[i] == '\r' && decoded[j] != '\r') {
            ++i;
            continue;
        }
        const std::size_t at = base + std::min(i, source.empty() ? 0 : source.size() - 1);
        b.put_visible(decoded[j], at, preformatted);
        if (i < source.size() && source[i] == decoded[j]) ++i;
        ++j;
    }
}

struct visit {
    const GumboNode* node;
    bool leaving;
    bool preformatted;
};

std::string title_of(const GumboNode* root) {
    std::vector<const GumboNode*> stack = {root};
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (n->type != GUMBO_NODE_ELEMENT) continue;
        const GumboElement& e = n->v.element;
        if (e.tag == GUMBO_TAG_TITLE) {
            std::string out;
            for (unsigned i = 0; i < e.children.length; ++i) {
                const auto* c = static_cast<const GumboNode*>(e.children.data[i]);
                if (c->type == GUMBO_NODE_TEXT) out += c->v.text.text;
            }
            std::string collapsed;
            for (const char c : out) {
                if (is_markup_space(c)) {
                    if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' ';
                } else {
                    collapsed += c;
                }
            }
            while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
            return collapsed;
        }
        for (unsigned i = e.children.length; i > 0; --i)
            stack.push_back(static_cast<const GumboNode*>(e.children.data[i - 1]));
    }
    return {};
}

// The tree walked without recursion: a page nested ten thousand deep is still read.
void walk(const GumboNode* root, document& out) {
    text_builder b(out);
    std::vector<visit> stack = {{root, false, false}};
    std::vector<unsigned> cells;  // cells begun in each open table row
    while (!stack.empty()) {
        const visit v = stack.back();
        stack.pop_back();
        const GumboNode* n = v.node;
        switch (n->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_CDATA:
            case GUMBO_NODE_WHITESPACE: put_text(b, n->v.text, v.preformatted); continue;
            case GUMBO_NODE_COMMENT: continue;
            case GUMBO_NODE_DOCUMENT: {
                const GumboDocument& d = n->v.document;
                for (unsigned i = d.children.length; i > 0; --i)
                    stack.push_back({static_cast<const GumboNode*>(d.children.data[i - 1]), false, false});
                continue;
            }
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE: break;
        }
        const GumboElement& e = n->v.element;
        if (v.leaving) {
            if (e.tag == GUMBO_TAG_TR && !cells.empty()) cells.pop_back();
            if (block(e.tag)) b.end_line(e.end_pos.offset);
            continue;
        }
        if (unseen(e.tag) || hidden(e)) continue;
        if (block(e.tag)) b.end_line(e.start_pos.offset);
        if (e.tag == GUMBO_TAG_TR) cells.push_back(0);
        if ((e.tag == GUMBO_TAG_TD || e.tag == GUMBO_TAG_TH) && !cells.empty() && cells.back()++ > 0)
            b.cell_break(e.start_pos.offset);
        const bool pre = v.preformatted || e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_TEXTAREA;
        stack.push_back({n, true, pre});
        for (unsigned i = e.children.length; i > 0; --i)
            stack.push_back({static_cast<const GumboNode*>(e.children.data[i - 1]), false, pre});
    }
    while (!out.text.empty() && (out.text.back() == '\n' || out.text.back() == ' ')) out.text.pop_back();
    while (!out.anchors.empty() && out.anchors.back().text >= out.text.size() && out.anchors.size() > 1)
        out.anchors.pop_back();
}

// The charset a page declares in its first kilobytes, lower case, or "".
std::string declared_charset(std::string_view bytes) {
    std::string head;
    for (const char c : bytes.substr(0, 4096)) head += text::lower(c);
    const std::size_t at = head.find("charset=");
    if (at == std::string::npos) return {};
    std::size_t begin = at + 8;
    while (begin < head.size() && (head[begin] == '"' || head[begin] == '\'')) ++begin;
    std::size_t end = begin;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) != 0 || head[end] == '-' || head[end] == '_'))
        ++end;
    return head.substr(begin, end - begin);
}

}  // namespace

std::expected<document, document_error> read_html(std::string_view bytes) {
    if (const auto bad = utf8::first_invalid(bytes)) {
        std::string message = fmt::format("expected UTF-8 text, found byte 0x{:02X} at byte {}",
                                          static_cast<unsigned char>(bytes[*bad]), *bad);
        const std::string charset = declared_charset(bytes);
        if (!charset.empty() && charset != "utf-8" && charset != "utf8")
            message += fmt::format("; the page declares charset {}: convert it first, as with iconv -f {} -t UTF-8",
                                   charset, charset);
        return std::unexpected(document_error{*bad, std::move(message), "bad-utf8"});
    }
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;  // parse errors are the page's, not the reader's: not kept
    const auto destroy = [options](GumboOutput* o) { gumbo_destroy_output(&options, o); };
    const std::unique_ptr<GumboOutput, decltype(destroy)> parsed(
        gumbo_parse_with_options(&options, bytes.data(), bytes.size()), destroy);
    document out;
    out.format = document_format::html;
    out.title = title_of(parsed->root);
    walk(parsed->document, out);
    // gumbo decodes a numeric reference past any character ("&#36666666666") into bytes that
    // are no UTF-8: each becomes '?', the text keeping its length and its anchors.
    utf8::replace_invalid(out.title);
    utf8::replace_invalid(out.text);
    return out;
}

}  // namespace crossfoot::documents
