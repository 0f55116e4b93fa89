// tests/document/make_test_pdf.cpp: a text file as a PDF, set as a PDF maker sets it: lines
// wrapped to the page's width (about 90 Latin characters, 45 Chinese or Japanese ones, at a
// space where there is one), 55 lines a page, a blank line between paragraphs. For measuring
// crossfoot on PDFs made from the real-document set (tests/documents/measure-draft --as pdf).
//
//   make_test_pdf TEXT_FILE > FILE.pdf
// SPDX-License-Identifier: MIT
#include "pdf_maker.hpp"

#include <fstream>
#include <iostream>
#include <iterator>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_test_pdf TEXT_FILE > FILE.pdf\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "make_test_pdf: cannot read " << argv[1] << "\n";
        return 2;
    }
    const std::string text(std::istreambuf_iterator<char>(in), {});
    std::cout << crossfoot::test::make_pdf_from_text(text);
    return 0;
}
