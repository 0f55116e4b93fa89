// tests/documents/documents_test.cpp: the real-document set. Every document's claims file
// reads, and every check's verdict is the hand verdict of its expected.tsv, or the verdict
// disagreements.tsv records with the side that is wrong.
// SPDX-License-Identifier: MIT
#include <crossfoot/check.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path documents = fs::path(CROSSFOOT_SOURCE_DIR) / "tests" / "documents";

std::vector<std::vector<std::string>> tsv_rows(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line.starts_with('#')) continue;
        std::vector<std::string> cells;
        std::istringstream fields(line);
        for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
        rows.push_back(std::move(cells));
    }
    return rows;
}

std::vector<fs::path> document_folders() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(documents)) {
        if (entry.is_directory()) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// (document, check) → (hand verdict, crossfoot verdict).
using key = std::pair<std::string, std::string>;
std::map<key, std::pair<std::string, std::string>> recorded_disagreements() {
    std::map<key, std::pair<std::string, std::string>> out;
    for (const auto& row : tsv_rows(documents / "disagreements.tsv")) {
        BOOST_TEST_REQUIRE(row.size() == 6U);
        BOOST_TEST((row[4] == "crossfoot" || row[4] == "hand"), "wrong side: " << row[4]);
        out[{row[0], row[1]}] = {row[2], row[3]};
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(real_documents)

BOOST_AUTO_TEST_CASE(the_set_has_documents_in_three_languages) {
    std::set<std::string> languages;
    std::size_t count = 0;
    for (const fs::path& folder : document_folders()) {
        ++count;
        languages.insert(folder.filename().string().substr(0, 2));
        for (const char* file : {"document.txt", "claims.toml", "expected.tsv"})
            BOOST_TEST(fs::exists(folder / file), folder.filename() << " lacks " << file);
    }
    BOOST_TEST(count >= 30U);
    BOOST_TEST((languages == std::set<std::string>{"en", "ja", "zh"}));
}

BOOST_AUTO_TEST_CASE(every_verdict_is_the_hand_verdict_or_a_recorded_disagreement) {
    auto disagreements = recorded_disagreements();
    std::size_t checks = 0;
    std::size_t agree = 0;
    for (const fs::path& folder : document_folders()) {
        const std::string name = folder.filename().string();
        BOOST_TEST_CONTEXT(name) {
            auto claims = crossfoot::read_claims_file((folder / "claims.toml").string());
            BOOST_TEST_REQUIRE(claims.has_value(), "the claims file does not read");
            auto rates = crossfoot::rate_table_for(*claims);
            BOOST_TEST_REQUIRE(rates.has_value(), "its rates do not read");
            const crossfoot::check_report report = crossfoot::run_checks(*claims, *rates);
            std::map<std::string, std::string> hand;
            for (const auto& row : tsv_rows(folder / "expected.tsv")) {
                if (row.at(0) == "check") hand[row.at(1)] = row.at(2);
            }
            BOOST_TEST(hand.size() == report.results.size(), "a check without a hand verdict");
            for (const crossfoot::check_result& r : report.results) {
                ++checks;
                const std::string& id = r.spec->id;
                const std::string got(crossfoot::to_string(r.verdict));
                BOOST_TEST_REQUIRE(hand.contains(id), id << " has no hand verdict");
                const auto recorded = disagreements.find({name, id});
                if (recorded == disagreements.end()) {
                    BOOST_TEST(got == hand[id], id << ": " << r.summary);
                    agree += got == hand[id] ? 1U : 0U;
                } else {
                    BOOST_TEST(recorded->second.first == hand[id], id << ": hand verdict changed");
                    BOOST_TEST(recorded->second.second == got, id << ": now " << got << ": " << r.summary);
                    disagreements.erase(recorded);
                }
            }
        }
    }
    BOOST_TEST(disagreements.empty(), "disagreements.tsv names checks that do not exist");
    BOOST_TEST_MESSAGE(agree << " of " << checks << " verdicts agree with the hand verdicts");
}

BOOST_AUTO_TEST_SUITE_END()
