// tests/unit/document_test.cpp: documents as they come — text, web pages and PDFs — read into
// their visible text, and every figure found there traced back to the source's bytes or page.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>
#include <crossfoot/document.hpp>
#include <crossfoot/draft.hpp>

#include "../document/pdf_maker.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

using crossfoot::document_format;
using crossfoot::read_document;
namespace bdata = boost::unit_test::data;

namespace {

struct identified {
    std::string_view bytes;
    document_format format;

    friend std::ostream& operator<<(std::ostream& os, const identified& c) {
        return os << "'" << c.bytes.substr(0, 20) << "' is " << crossfoot::to_string(c.format);
    }
};

const identified identified_files[] = {
    {"%PDF-1.7\n...", document_format::pdf},
    {"<!DOCTYPE html><html>", document_format::html},
    {"<!doctype HTML>\n<p>5 billion yuan</p>", document_format::html},
    {"\xEF\xBB\xBF  \n<html lang=\"zh\">", document_format::html},
    {"<HTML>", document_format::html},
    {"<head><title>t</title></head>", document_format::html},
    {"<body>", document_format::html},
    {"<!-- saved from a browser -->\n<html>", document_format::html},
    {"The fund holds 5 billion yuan.", document_format::text},
    {"<b>not a page", document_format::text},
    {"<htmlx>", document_format::text},
    {" %PDF-1.4", document_format::text},  // a PDF starts at its first byte
};

// The source bytes a mention stands on, for a web page.
std::string_view source_of(std::string_view page, const crossfoot::text_span& at) {
    return page.substr(at.source_begin, at.source_end - at.source_begin);
}

const crossfoot::mention* find_text(const crossfoot::extraction& e, std::string_view text) {
    const auto it = std::find_if(e.mentions.begin(), e.mentions.end(), [&](const auto& m) { return m.text == text; });
    return it == e.mentions.end() ? nullptr : &*it;
}

constexpr std::string_view page = R"(<!DOCTYPE html>
<html><head><title>Hechi  signs
 projects</title><script>var total = "99 billion yuan";</script><style>p { margin: 0 }</style></head>
<body>
<p>Hechi signed five contracted projects, with a total investment of
   9.88 billion yuan (&#36;1.45 billion).</p>
<div hidden>77 billion yuan</div>
<p style="Display: None">66 billion yuan</p>
<span aria-hidden="true">55 billion yuan</span>
<template>44 billion yuan</template>
<table><tr><th>Project</th><th>Investment</th></tr>
<tr><td>A</td><td>1.2 billion yuan</td></tr>
<tr><td>B &amp; C</td><td>1.5&nbsp;billion yuan</td></tr></table>
<pre>a   b
c</pre>
</body></html>
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(documents)

BOOST_DATA_TEST_CASE(are_identified_by_content, bdata::make(identified_files), c) {
    BOOST_TEST((crossfoot::identify_document(c.bytes) == c.format));
}

BOOST_AUTO_TEST_CASE(a_web_page_is_its_visible_text) {
    const auto d = read_document(page);
    BOOST_TEST_REQUIRE(d.has_value(), (d ? "" : d.error().message));
    BOOST_TEST((d->format == document_format::html));
    BOOST_TEST(d->title == "Hechi signs projects");
    BOOST_TEST(d->text ==
               "Hechi signed five contracted projects, with a total investment of 9.88 billion yuan ($1.45 billion).\n"
               "Project\tInvestment\n"
               "A\t1.2 billion yuan\n"
               "B & C\t1.5 billion yuan\n"
               "a   b\nc");
}

BOOST_AUTO_TEST_CASE(figures_of_a_web_page_point_into_its_source) {
    const auto d = read_document(page);
    BOOST_TEST_REQUIRE(d.has_value());
    const auto e = crossfoot::extract_document(*d);
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->format == "html");
    // Nothing hidden, scripted or styled is read.
    for (const auto& m : e->mentions) {
        for (const std::string_view hidden : {"99", "77", "66", "55", "44"})
            BOOST_TEST(m.text.find(hidden) == std::string::npos, m.text << " was read from a hidden element");
    }
    const auto* total = find_text(*e, "9.88 billion yuan");
    BOOST_TEST_REQUIRE(total != nullptr);
    BOOST_TEST(source_of(page, total->at) == "9.88 billion yuan");
    // A character reference is the source of what it stands for.
    const auto* dollars = find_text(*e, "$1.45 billion");
    BOOST_TEST_REQUIRE(dollars != nullptr);
    BOOST_TEST(source_of(page, dollars->at) == "&#36;1.45 billion");
    // A no-break space is a space: the figure keeps its unit.
    const auto* b = find_text(*e, "1.5 billion yuan");
    BOOST_TEST_REQUIRE(b != nullptr);
    BOOST_TEST(source_of(page, b->at) == "1.5&nbsp;billion yuan");
    BOOST_TEST(b->figure.value.unit().code() == "CNY");
    BOOST_TEST(b->at.page == 0U);
}

BOOST_AUTO_TEST_CASE(a_deeply_nested_page_is_read) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<div>";
    deep = "<html><body>" + deep + "3 billion yuan</body></html>";
    const auto d = read_document(deep);
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->text == "3 billion yuan");
}

// A numeric reference past any character: gumbo decodes it into bytes that are no UTF-8.
// They are read as '?', and a draft of the page reads back (found by fuzz_document:
// fuzz/corpus/document/reference-past-unicode.html).
BOOST_AUTO_TEST_CASE(a_reference_to_no_character_leaves_the_text_well_formed) {
    const std::string page = "<!DOCTYPE html><title>Hechi (&#36666666666666666666666666666666ned)</title>"
                             "<p>It signed 42 projects (&#36666666666666666666666666666666) worth 9.88 billion yuan.</p>";
    const auto d = read_document(page);
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(read_document(d->title).has_value(), d->title);  // plain text: refused unless UTF-8
    BOOST_TEST(read_document(d->text).has_value(), d->text);
    const auto drafted = crossfoot::claims_from_document(page, "page.html");
    BOOST_TEST(drafted.has_value(), (drafted ? "" : drafted.error().front().message));
}

BOOST_AUTO_TEST_CASE(a_page_in_another_charset_is_refused_with_a_way_out) {
    const std::string gb = "<html><head><meta charset=\"GB2312\"></head><body>\xB9\xAB\xCB\xBE</body></html>";
    const auto d = read_document(gb);
    BOOST_TEST_REQUIRE(!d.has_value());
    BOOST_TEST(d.error().code == "bad-utf8");
    BOOST_TEST(d.error().offset == gb.find('\xB9'));
    BOOST_TEST(d.error().message ==
               "expected UTF-8 text, found byte 0xB9 at byte 48; the page declares charset gb2312: "
               "convert it first, as with iconv -f gb2312 -t UTF-8");
}

BOOST_AUTO_TEST_CASE(a_pdf_is_read_page_by_page) {
    const std::string pdf = crossfoot::test::make_pdf(
        {{"Hechi signed five contracted projects with a total", "investment of 9.88 billion yuan."},
         {"The four other projects: 1.2 billion yuan and (1.5 billion yuan)."}},
        "Hechi");
    const auto d = read_document(pdf);
    BOOST_TEST_REQUIRE(d.has_value(), (d ? "" : d.error().message));
    BOOST_TEST((d->format == document_format::pdf));
    BOOST_TEST(d->title == "Hechi");
    BOOST_TEST(d->page_starts.size() == 2U);
    const auto e = crossfoot::extract_document(*d);
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST(e->format == "pdf");
    const auto* total = find_text(*e, "9.88 billion yuan");
    const auto* part = find_text(*e, "1.5 billion yuan");
    BOOST_TEST_REQUIRE(total != nullptr);
    BOOST_TEST_REQUIRE(part != nullptr);
    BOOST_TEST(total->at.page == 1U);
    BOOST_TEST(part->at.page == 2U);
    BOOST_TEST(crossfoot::page_of(*d, d->page_starts[1]) == 2U);
}

BOOST_AUTO_TEST_CASE(a_pdf_s_wrapped_lines_are_joined_again) {
    const std::string pdf = crossfoot::test::make_pdf(
        {{"The city signed projects with a total investment of 9.88 billion", "yuan, including 9 projects.",
          "全市新签约项目51个，总投资329.2", "亿元。", "", "Next paragraph: 5 companies", "",
          "A fund of 9 million U.S.", "dollars came on Jan.", "12 from Dr.", "Li. Then 5 projects."}});
    const auto d = read_document(pdf);
    BOOST_TEST_REQUIRE(d.has_value(), (d ? "" : d.error().message));
    BOOST_TEST(d->text ==
               "The city signed projects with a total investment of 9.88 billion yuan, including 9 projects.\n"
               "全市新签约项目51个，总投资329.2亿元。\n"
               "Next paragraph: 5 companies\n"
               "A fund of 9 million U.S. dollars came on Jan. 12 from Dr. Li. Then 5 projects.");
}

// Every document of the real-document set reads the same as text, as a web page made from
// it and as a PDF made from it (wrapped and paginated): the same figures, in the same order.
BOOST_AUTO_TEST_CASE(the_document_set_reads_alike_in_every_format) {
    const std::filesystem::path set = std::filesystem::path(CROSSFOOT_SOURCE_DIR) / "tests/documents";
    std::size_t documents = 0;
    for (const auto& entry : std::filesystem::directory_iterator(set)) {
        const auto path = entry.path() / "document.txt";
        if (!std::filesystem::exists(path)) continue;
        ++documents;
        std::ifstream in(path, std::ios::binary);
        const std::string text(std::istreambuf_iterator<char>(in), {});
        std::string page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>\n";
        std::size_t begin = 0;
        while (begin < text.size()) {
            std::size_t end = text.find('\n', begin);
            if (end == std::string::npos) end = text.size();
            std::string line;
            for (const char c : text.substr(begin, end - begin)) {
                if (c == '<') line += "&lt;";
                else if (c == '&') line += "&amp;";
                else line += c;
            }
            page += "<p>" + line + "</p>\n";
            begin = end + 1;
        }
        page += "</body></html>\n";
        const auto figures = [](std::string_view bytes) {
            std::vector<std::string> out;
            const auto d = read_document(bytes);
            if (!d) return std::vector<std::string>{"unreadable: " + d.error().message};
            const auto e = crossfoot::extract_document(*d);
            if (!e) return std::vector<std::string>{"unextractable"};
            for (const auto& m : e->mentions) {
                if (m.kind == crossfoot::mention_kind::date_text) continue;
                out.push_back(std::string(crossfoot::to_string(m.kind)) + " " + m.figure.value.value().to_string() + " " +
                              std::string(m.figure.value.unit().code()));
            }
            return out;
        };
        const auto as_text = figures(text);
        BOOST_TEST(!as_text.empty(), path);
        BOOST_TEST(figures(page) == as_text, boost::test_tools::per_element());
        BOOST_TEST(figures(crossfoot::test::make_pdf_from_text(text)) == as_text, boost::test_tools::per_element());
    }
    BOOST_TEST(documents == 32U);
}

BOOST_AUTO_TEST_CASE(a_pdf_without_text_is_a_scan) {
    const auto d = read_document(crossfoot::test::make_pdf({{}, {}}));
    BOOST_TEST_REQUIRE(!d.has_value());
    BOOST_TEST(d.error().code == "no-text-layer");
    BOOST_TEST(d.error().message ==
               "expected a PDF with a text layer, found 2 pages without text (a scan: run OCR on it first)");
}

BOOST_AUTO_TEST_CASE(a_truncated_pdf_is_refused) {
    const std::string pdf = crossfoot::test::make_pdf({{"5 billion yuan"}});
    const auto d = read_document(pdf.substr(0, 200));
    BOOST_TEST_REQUIRE(!d.has_value());
    BOOST_TEST(d.error().code == "bad-pdf");
    BOOST_TEST(d.error().offset == 200U);
    BOOST_TEST(d.error().message == "expected a complete PDF, found no %%EOF before its end at byte 200: the file is truncated");
    // Cut after its last page's text but before its end: still refused, nothing dropped.
    const auto late = read_document(pdf.substr(0, pdf.size() - 10));
    BOOST_TEST_REQUIRE(!late.has_value());
    BOOST_TEST(late.error().code == "bad-pdf");
    // A damaged file that still ends as a PDF does is refused by poppler.
    const auto damaged = read_document("%PDF-1.4\nnothing of a PDF here\n%%EOF\n");
    BOOST_TEST_REQUIRE(!damaged.has_value());
    BOOST_TEST(damaged.error().message == "expected a PDF that can be read, found a damaged or truncated file");
}

BOOST_AUTO_TEST_CASE(text_is_read_as_it_is) {
    const std::string_view text = "The fund holds 5 billion yuan.";
    const auto d = read_document(text);
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->text == text);
    BOOST_TEST(crossfoot::source_offset(*d, 15) == 15U);
    BOOST_TEST(crossfoot::page_of(*d, 15) == 0U);
    const auto e = crossfoot::extract_document(*d);
    BOOST_TEST_REQUIRE(e.has_value());
    BOOST_TEST_REQUIRE(e->mentions.size() == 1U);
    BOOST_TEST(e->mentions[0].at.source_begin == 15U);
    BOOST_TEST(e->mentions[0].at.source_end == 29U);
}

// Plain text wrapped at a fixed width: a break inside a sentence is read as a space, so that a
// figure cut by it is one figure; a break after a stop, in a table row (tabs) or before a line
// that starts anew stays. The text keeps its length: offsets are still the file's bytes.
BOOST_AUTO_TEST_CASE(a_text_s_wrapped_lines_are_read_as_one) {
    const std::string_view text =
        "Funds signed\n"
        "The city signed a fund of 2 billion\r\nyuan and one of 3\nbillion yuan from the U.S.\n"
        "and 9 million U.S.\ndollars from Dr. Li.\n"
        "Fund A\t2 billion\nfund B\t5\n"
        "Revenue was 5 million.\nthen it fell.\n"
        "Main results\n1. Revenue grew\n2. Profit rose 5%.\n\niPhone sales rose 3%.";
    const auto d = read_document(text);
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(d->text ==
               "Funds signed\n"
               "The city signed a fund of 2 billion  yuan and one of 3 billion yuan from the U.S. "
               "and 9 million U.S. dollars from Dr. Li.\n"
               "Fund A\t2 billion\nfund B\t5\n"
               "Revenue was 5 million. then it fell.\n"
               "Main results\n1. Revenue grew\n2. Profit rose 5%.\n\niPhone sales rose 3%.");
    const auto e = crossfoot::extract_document(*d);
    BOOST_TEST_REQUIRE(e.has_value());
    std::vector<std::string> found;
    for (const auto& m : e->mentions) found.push_back(m.text + " " + std::string(m.figure.value.unit().code()));
    const std::vector<std::string> expected = {"2 billion  yuan CNY", "3 billion yuan CNY", "9 million U.S. dollars USD",
                                               "2 billion count", "5 count", "5 million count", "rose 5% %",
                                               "rose 3% %"};
    BOOST_TEST(found == expected, boost::test_tools::per_element());
    BOOST_TEST(text.substr(e->mentions[1].at.source_begin, 3) == "3\nb");
}

BOOST_AUTO_TEST_CASE(empty_and_invalid_input_is_refused_at_its_place) {
    const auto empty = read_document("");
    BOOST_TEST_REQUIRE(!empty.has_value());
    BOOST_TEST(empty.error().code == "empty-file");
    const auto bad = read_document("39.7 billion yuan\n\xFF here");
    BOOST_TEST_REQUIRE(!bad.has_value());
    BOOST_TEST(bad.error().code == "bad-utf8");
    BOOST_TEST(bad.error().offset == 18U);
    BOOST_TEST(bad.error().message == "expected UTF-8 text, found byte 0xFF at byte 18");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(document_files)

BOOST_AUTO_TEST_CASE(reads_a_stream_up_to_the_limit_and_no_further) {
    std::istringstream exact(std::string(100, 'x'));
    const auto read = crossfoot::read_document_stream(exact, 100);
    BOOST_TEST_REQUIRE(read.has_value());
    BOOST_TEST(read->size() == 100U);
    std::istringstream longer(std::string(200000, 'x'));
    const auto refused = crossfoot::read_document_stream(longer, 100000);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(refused.error().code == "too-large");
    BOOST_TEST(refused.error().offset == 100000U);
    BOOST_TEST(refused.error().message ==
               "expected a document of at most 100000 bytes (--max-document-bytes), found more");
    // Read no further than a block past the limit: the rest of the stream is left.
    BOOST_TEST(longer.tellg() <= std::streampos(100000 + 65536));
}

BOOST_AUTO_TEST_CASE(says_why_a_file_cannot_be_read) {
    const auto missing = crossfoot::read_document_file("/nonexistent/crossfoot/document.txt");
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST(missing.error().code == "no-file");
    BOOST_TEST(missing.error().message == "cannot open the file for reading: no such file or directory");
    const std::string folder = std::filesystem::temp_directory_path().string();
    const auto directory = crossfoot::read_document_file(folder);
    BOOST_TEST_REQUIRE(!directory.has_value());
    BOOST_TEST(directory.error().message == "'" + folder + "' is a directory, not a file");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(claims_document_text)

// The document a claims file names is read as a document (a web page to its visible text),
// relative to the claims file, and refused outside the folder the claims are confined to.
BOOST_AUTO_TEST_CASE(reads_the_named_document_and_keeps_to_the_confinement) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "crossfoot-document-text";
    std::filesystem::create_directories(dir / "claims");
    std::ofstream(dir / "claims" / "release.html") << "<html><body><p>Funds of 2 billion yuan.</p></body></html>";
    std::ofstream(dir / "secret.txt") << "not for strangers";
    const auto claims_naming = [&](const std::string& file) {
        auto c = crossfoot::read_claims("[document]\ntitle = \"T\"\ntext = \"" + file + "\"\n",
                                        (dir / "claims" / "claims.toml").string());
        BOOST_TEST_REQUIRE(c.has_value());
        c->confined_to = (dir / "claims").string();
        return std::move(*c);
    };
    const auto text = crossfoot::claims_document_text(claims_naming("release.html"));
    BOOST_TEST_REQUIRE(text.has_value());
    BOOST_TEST(*text == "Funds of 2 billion yuan.");
    const auto outside = crossfoot::claims_document_text(claims_naming("../secret.txt"));
    BOOST_TEST_REQUIRE(!outside.has_value());
    BOOST_TEST(outside.error().code == "outside-confinement");
    BOOST_TEST(outside.error().line == 3U);
    const auto missing = crossfoot::claims_document_text(claims_naming("absent.txt"));
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST(missing.error().code == "no-file");
    BOOST_TEST(missing.error().message ==
               "[document] text 'absent.txt': cannot open the file for reading: no such file or directory");
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
