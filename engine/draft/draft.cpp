// engine/draft/draft.cpp: the checks a document's own words propose between its figures,
// sentence by sentence.
// SPDX-License-Identifier: MIT
#include <crossfoot/draft.hpp>

#include "core/text.hpp"
#include "core/text_reader.hpp"
#include "document/wrapped_lines.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>
#include <utility>
#include <span>

namespace crossfoot {

namespace {

using namespace std::string_view_literals;

// What a figure can be related to: money with money (in any currency), counts with counts.
enum class figure_class { money, count, percent, change, other };

// "投资额超过50亿元的项目有17个", "超千万美元项目": a bound on money before 项目 or 企业 names
// a class of projects or firms by their size, no sum of money to add up.
bool names_a_size_class(std::string_view text, const mention& m) {
    if (m.kind != mention_kind::money) return false;
    if (m.figure.qualifier != qualifier::over && m.figure.qualifier != qualifier::at_least) return false;
    std::string_view rest = text.substr(std::min(m.at.byte_end, text.size()));
    if (rest.starts_with("的")) rest.remove_prefix("的"sv.size());
    constexpr std::array<std::string_view, 11> nouns = {"项目", "項目", "企业", "企業", "工业项目", "重大项目",
                                                        "重点项目", "产业项目", "外资项目", "内资项目", "大项目"};
    return std::any_of(nouns.begin(), nouns.end(), [&](std::string_view n) { return rest.starts_with(n); });
}

figure_class class_of(const mention& m, std::string_view text) {
    if (m.figure.high) return figure_class::other;  // a range is checked by hand
    if (names_a_size_class(text, m)) return figure_class::other;
    switch (m.kind) {
        case mention_kind::money: return figure_class::money;
        case mention_kind::count: return figure_class::count;
        case mention_kind::percent: return figure_class::percent;
        case mention_kind::change: return figure_class::change;
        default: return figure_class::other;
    }
}

// The length of the semicolon at `i` that ends a clause (';' or '；'), or 0.
std::size_t semicolon_at(std::string_view text, std::size_t i) {
    if (text[i] == ';') return 1;
    return text.substr(i).starts_with("；") ? "；"sv.size() : 0;
}

struct sentence {
    std::size_t begin;
    std::size_t end;
};

using text::is_markup_space;

using documents::goes_on_after;
using documents::wraps_a_sentence;

// A sentence ends at a line's end (unless the line only wraps it), at 。！？, and at . ! ?
// before white space (unless the stop ends an abbreviation the sentence goes on from).
std::vector<sentence> sentences_of(std::string_view text) {
    std::vector<sentence> out;
    std::size_t begin = 0;
    // White space alone is no sentence: the line break after "crore." would stand between
    // it and "These included ..." on the next line, or the next paragraph.
    const auto close = [&](std::size_t end) {
        if (text.substr(begin, end - begin).find_first_not_of(" \t\r\n\f") != std::string_view::npos)
            out.push_back({begin, end});
        begin = end;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' && wraps_a_sentence(text, i)) continue;
        if (c == '\n' || c == '\f') {
            close(i + 1);
        } else if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || is_markup_space(text[i + 1])) &&
                   !(c == '.' && goes_on_after(text, i))) {
            close(i + 1);
        } else {
            for (const std::string_view mark : {"。"sv, "！"sv, "？"sv}) {
                if (text.substr(i).starts_with(mark)) {
                    close(i + mark.size());
                    i += mark.size() - 1;
                    break;
                }
            }
        }
    }
    close(text.size());
    return out;
}

using text::lower;
using text::is_latin_letter;

// Where `word` stands in text[begin, end), as [at, end) pairs: ASCII letters in any case,
// English words whole, and a space in the word matching any run of white space in the text
// ("amounting⏎to" in wrapped text).
std::vector<std::pair<std::size_t, std::size_t>> find_word(std::string_view text, std::size_t begin, std::size_t end,
                                                           std::string_view word) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    const bool latin = is_latin_letter(word.front());
    for (std::size_t i = begin; i + word.size() <= end; ++i) {
        std::size_t t = i;
        bool same = true;
        for (std::size_t k = 0; k < word.size() && same; ++k) {
            if (word[k] == ' ' && t < end && is_markup_space(text[t])) {
                while (t < end && is_markup_space(text[t])) ++t;
                continue;
            }
            same = t < end && lower(text[t]) == word[k];
            ++t;
        }
        if (!same) continue;
        if (latin && ((i > 0 && is_latin_letter(text[i - 1])) || (t < text.size() && is_latin_letter(text[t])))) continue;
        out.emplace_back(i, t);
    }
    return out;
}

// Words that list some of a total's components after it, and those that give the total of
// the figures before them.
constexpr std::array<std::string_view, 12> including_words = {
    "including", "included", "includes", "include", "among them", "among which", "of which",
    "其中", "包括", "このうち", "うち", "内訳"};

// Whether the words before a keyword leave it opening its sentence: nothing, or a pronoun
// that stands for the sentence before ("These included ...", "They include ...").
bool opens_sentence(std::string_view before) {
    const std::string words = text::ascii_lower(text::trim(before));
    return words.empty() || words == "these" || words == "they" || words == "this" || words == "those" ||
           words == "it";
}
constexpr std::array<std::string_view, 8> total_words = {
    "amounting to", "totalling", "totaling", "a combined", "合计", "共计", "总计", "合計"};

struct keyword {
    std::size_t at;
    std::size_t end;
    std::string_view text;
};

std::vector<keyword> keywords_in(std::string_view text, const sentence& s, std::span<const std::string_view> words) {
    std::vector<keyword> out;
    for (const std::string_view w : words) {
        for (const auto& [at, end] : find_word(text, s.begin, s.end, w)) {
            // "このうち" and "うち" are one word: keep the longer.
            const bool inside = std::any_of(out.begin(), out.end(), [&](const keyword& k) { return at >= k.at && at < k.end; });
            // The words as written, unless a line break ran through them.
            const std::string_view written = text.substr(at, end - at);
            const bool one_line = written.size() == w.size() && written.find_first_of("\n\r\t\f") == std::string_view::npos;
            if (!inside) out.push_back({at, end, one_line ? written : w});
        }
    }
    std::sort(out.begin(), out.end(), [](const keyword& a, const keyword& b) { return a.at < b.at; });
    return out;
}

// Whether "include", "includes" or "included" states no parts here: after a form of "be"
// ("five companies ... were included, three of which ...": put in a list), after a negation
// ("does not include $10 billion ...") or after "to" ("was widened to include 5 more
// countries": added, not contained).
bool no_inclusion(std::string_view text, const sentence& s, const keyword& k) {
    if (!k.text.starts_with("includ")) return false;
    std::size_t end = k.at;
    while (end > s.begin && text[end - 1] == ' ') --end;
    std::size_t begin = end;
    while (begin > s.begin && (is_latin_letter(text[begin - 1]) || text[begin - 1] == '\'')) --begin;
    const std::string before = text::ascii_lower(text.substr(begin, end - begin));
    if (before == "not" || before == "never" || before.ends_with("n't") || before == "to") return true;
    return k.text == "included" && (before == "was" || before == "were" || before == "is" || before == "are" ||
                                    before == "be" || before == "been" || before == "being");
}

class drafter {
public:
    drafter(const document& d, const extraction& found, const extract_options& options)
        : text_(d.text), found_(found), currency_(options.default_currency), zhao_power_(options.zhao_power) {
        classes_.reserve(found.mentions.size());
        for (const mention& m : found.mentions) classes_.push_back(class_of(m, text_));
    }

    void run(draft& out);

private:
    // The figures (indices into found_.mentions) of a class in [begin, end).
    std::vector<std::size_t> figures_in(std::size_t begin, std::size_t end, figure_class c) const;
    void including(const sentence& s, const sentence* previous, const keyword& k);
    void part_of_which(const sentence& s, const keyword& k);
    void totals(const sentence& s, const keyword& k, bool governed);
    void conversions(const sentence& s);
    void shares(const sentence& s);
    void chinese_shares(const sentence& s);
    void respective_shares(const sentence& s);
    [[nodiscard]] const drafted_check* inclusion_holding(std::size_t part) const;
    [[nodiscard]] std::size_t index_of(const std::string& id) const {
        return static_cast<std::size_t>(std::find(ids_.begin(), ids_.end(), id) - ids_.begin());
    }
    void changes(const sentence& s);
    [[nodiscard]] std::string refusal(const drafted_figure& f) const;
    [[nodiscard]] bool smaller_than_a_part(std::size_t total, const std::vector<std::size_t>& parts) const;
    [[nodiscard]] std::size_t list_end(std::size_t begin, std::size_t end, figure_class c) const;
    void propose(relation r, std::size_t total, const std::vector<std::size_t>& parts, std::string_view words,
                 std::optional<std::size_t> extra = std::nullopt);
    [[nodiscard]] std::string_view between(std::size_t a, std::size_t b) const {
        const std::size_t from = found_.mentions[a].at.byte_end;
        const std::size_t to = found_.mentions[b].at.byte_begin;
        return from <= to ? text_.substr(from, to - from) : std::string_view();
    }

    std::string_view text_;
    const extraction& found_;
    std::optional<unit> currency_;
    std::int32_t zhao_power_ = 12;
    std::vector<std::string> ids_;  // per mention; empty for dates
    std::vector<figure_class> classes_;  // per mention
    std::vector<drafted_check> checks_;
};

std::vector<std::size_t> drafter::figures_in(std::size_t begin, std::size_t end, figure_class c) const {
    // The mentions are in text order: from the first that begins at `begin`, a search; on,
    // while they begin before `end`. A document's many sentences each cost their own figures.
    const auto& ms = found_.mentions;
    auto it = std::lower_bound(ms.begin(), ms.end(), begin,
                               [](const mention& m, std::size_t at) { return m.at.byte_begin < at; });
    std::vector<std::size_t> out;
    for (; it != ms.end() && it->at.byte_begin < end; ++it) {
        const auto i = static_cast<std::size_t>(it - ms.begin());
        if (it->at.byte_end <= end && classes_[i] == c) out.push_back(i);
    }
    return out;
}

void drafter::propose(relation r, std::size_t total, const std::vector<std::size_t>& parts, std::string_view words,
                      std::optional<std::size_t> extra) {
    drafted_check c;
    c.relation = r;
    c.total = ids_[total];
    for (const std::size_t p : parts) c.parts.push_back(ids_[p]);
    if (r == relation::share && extra) c.share = ids_[*extra];
    if (r == relation::change && extra) c.by = ids_[*extra];
    c.proposed_by = std::string(words);
    // The same relation proposed twice (two keywords) is one check.
    const bool known = std::any_of(checks_.begin(), checks_.end(), [&](const drafted_check& k) {
        return k.relation == c.relation && k.total == c.total && k.parts == c.parts;
    });
    if (!known) checks_.push_back(std::move(c));
}

// "a total investment of 39.7 billion yuan, including ... 1.16 billion USD": the parts after
// the word are some of the nearest total of their class before it in the sentence (or, for
// 其中 and "of which" opening a sentence, in the sentence before). A later "amounting to a
// total of X" in the same sentence makes X the total: "including" still governs, as the list
// may be partial.
void drafter::including(const sentence& s, const sentence* previous, const keyword& k) {
    const auto later_totals = keywords_in(text_, {k.end, s.end}, total_words);
    const std::size_t parts_end = later_totals.empty() ? s.end : later_totals.front().at;
    for (const figure_class c : {figure_class::money, figure_class::count}) {
        std::vector<std::size_t> parts = figures_in(k.end, list_end(k.end, parts_end, c), c);
        std::optional<std::size_t> total;
        if (!later_totals.empty()) {
            const auto after = figures_in(later_totals.front().end, s.end, c);
            // "其中超千万美元项目比例较高，共计53个": no figure between the words, so the later
            // one is not their sum but the part itself, of the total before.
            if (parts.empty() && !after.empty()) parts = {after.front()};
            else if (!after.empty()) total = after.front();
        }
        if (parts.empty()) continue;
        if (!total) {
            auto before = figures_in(s.begin, k.at, c);
            const bool opens = opens_sentence(text_.substr(s.begin, k.at - s.begin));
            if (before.empty() && opens && previous != nullptr && k.text != "including")
                before = figures_in(previous->begin, previous->end, c);
            // A figure smaller than one of the parts is no total of them: "多出50万人。其中男性
            // 3459万人" counts a change before the parts, the total stands before it.
            while (!before.empty() && smaller_than_a_part(before.back(), parts)) before.pop_back();
            if (!before.empty()) total = before.back();
        }
        if (total) propose(relation::includes, *total, parts, k.text);
    }
}

// True when `total` is in the unit of some part and less than it.
bool drafter::smaller_than_a_part(std::size_t total, const std::vector<std::size_t>& parts) const {
    const amount& t = found_.mentions[total].figure.value;
    return std::any_of(parts.begin(), parts.end(), [&](std::size_t p) {
        const amount& a = found_.mentions[p].figure.value;
        return a.unit() == t.unit() && t.value() < a.value();
    });
}

// Where a list of parts that begins at `begin` ends. A first clause (up to ';' or '；') with
// two or more parts is a list by commas, and the semicolon ends it ("其中基础设施1389亿元，房屋
// 建筑4268亿元；地产业务535亿元" lists no 535). A first clause with one part is a list by
// semicolons ("其中，开工项目21个，投资160.8亿元；竣工项目8个，投资19.4亿元"): it goes on while each
// clause has a part, and ends at the first clause without one.
std::size_t drafter::list_end(std::size_t begin, std::size_t end, figure_class c) const {
    const auto clause_end = [&](std::size_t from) {
        for (std::size_t i = from; i < end; ++i)
            if (const std::size_t stop = semicolon_at(text_, i)) return i + stop;
        return end;
    };
    const std::size_t first = std::min(clause_end(begin), end);
    if (figures_in(begin, first, c).size() >= 2) return first;
    std::size_t clause = begin;
    while (clause < end) {
        const std::size_t next = std::min(clause_end(clause), end);
        if (figures_in(clause, next, c).empty()) return clause;
        clause = next;
    }
    return end;
}

// "five companies ..., three of which are from China": the count before "of which" is a part
// of the count before it.
void drafter::part_of_which(const sentence& s, const keyword& k) {
    const auto counts = figures_in(s.begin, k.at, figure_class::count);
    if (counts.size() < 2) return;
    const std::size_t part = counts.back();
    if (!text::trim(text_.substr(found_.mentions[part].at.byte_end, k.at - found_.mentions[part].at.byte_end)).empty())
        return;
    propose(relation::includes, counts[counts.size() - 2], {part}, k.text);
}

// "A and B, amounting to a total of X", "A、B，合计X": X is the sum of the figures of its class
// before the word in the sentence.
void drafter::totals(const sentence& s, const keyword& k, bool governed) {
    if (governed) return;  // "including ... amounting to": proposed as an inclusion
    for (const figure_class c : {figure_class::money, figure_class::count}) {
        const auto after = figures_in(k.end, s.end, c);
        const auto parts = figures_in(s.begin, k.at, c);
        if (after.empty() || parts.size() < 2) continue;
        // "a combined 23 projects" names the sum; "a combined group worth $8 billion" does not.
        if (k.text == "a combined" && !text::trim(text_.substr(k.end, found_.mentions[after.front()].at.byte_begin - k.end)).empty())
            continue;
        propose(relation::sum, after.front(), parts, k.text);
    }
}

// "9.88 billion yuan ($1.45 billion)", "1.16亿美元（约合8.2亿元）": a sum of money and, in
// brackets or after 约合/折合, the same sum in another currency.
void drafter::conversions(const sentence& s) {
    const auto money = figures_in(s.begin, s.end, figure_class::money);
    for (std::size_t i = 0; i + 1 < money.size(); ++i) {
        const mention& a = found_.mentions[money[i]];
        const mention& b = found_.mentions[money[i + 1]];
        if (a.figure.value.unit() == b.figure.value.unit()) continue;
        const std::string gap = text::ascii_lower(text::trim(between(money[i], money[i + 1])));
        const bool bracketed = gap == "(" || gap == "（" || gap == "(about" || gap == "(approximately" ||
                               gap == "(around" || gap == "(roughly" || gap == "(or" || gap == "(约" ||
                               gap == "（约" || gap == "(約" || gap == "（約";
        const bool restated = b.figure.converted && (gap.empty() || gap == "," || gap == "，" || gap == "(" || gap == "（");
        if (!bracketed && !restated) continue;
        propose(relation::converts, money[i], {money[i + 1]}, bracketed ? "(" : b.figure.qualifier_text);
        // The author's own rate: the one rate the document states for the pair.
        std::vector<std::size_t> stated;
        for (std::size_t r = 0; r < found_.mentions.size(); ++r) {
            const mention& m = found_.mentions[r];
            if (m.kind != mention_kind::rate || !m.figure.base) continue;
            const unit quote = m.figure.value.unit();
            const unit base = *m.figure.base;
            const unit x = a.figure.value.unit();
            const unit y = b.figure.value.unit();
            if ((quote == x && base == y) || (quote == y && base == x)) stated.push_back(r);
        }
        if (stated.size() == 1 && !checks_.empty() && checks_.back().relation == relation::converts &&
            checks_.back().total == ids_[money[i]])
            checks_.back().rate = ids_[stated.front()];
    }
}

// "1.16 billion USD, or 3% of the total of 39.7 billion yuan": a figure, a percentage of
// another figure of its class.
void drafter::shares(const sentence& s) {
    const auto percents = figures_in(s.begin, s.end, figure_class::percent);
    for (const std::size_t p : percents) {
        const mention& pm = found_.mentions[p];
        std::size_t at = pm.at.byte_end;
        while (at < s.end && text_[at] == ' ') ++at;
        if (!text_.substr(at).starts_with("of ")) continue;
        for (const figure_class c : {figure_class::money, figure_class::count}) {
            const auto after = figures_in(at, s.end, c);
            const auto before = figures_in(s.begin, pm.at.byte_begin, c);
            if (after.empty() || before.empty()) continue;
            // The total follows "of" within a few words; the part comes just before the share.
            if (found_.mentions[after.front()].at.byte_begin - at > 24) continue;
            const std::string gap = text::ascii_lower(text::trim(between(before.back(), p)));
            if (gap != "," && gap != ", or" && gap != "(" && gap != "or" && gap != ", accounting for" &&
                gap != "accounting for" && gap != ", representing" && gap != "representing")
                continue;
            propose(relation::share, after.front(), {before.back()}, "of", p);
        }
    }
}

// "其中城镇常住人口219.37万人，占常住人口的比重为53.09%": a part of a proposed inclusion, then
// 占 and a percentage in the same clause, is that share of the inclusion's total.
void drafter::chinese_shares(const sentence& s) {
    for (const std::size_t p : figures_in(s.begin, s.end, figure_class::percent)) {
        for (const figure_class c : {figure_class::money, figure_class::count}) {
            const auto before = figures_in(s.begin, found_.mentions[p].at.byte_begin, c);
            if (before.empty()) continue;
            const std::string_view gap = between(before.back(), p);
            if (gap.find("占") == std::string_view::npos || gap.find("；") != std::string_view::npos ||
                gap.find(';') != std::string_view::npos || gap.size() > 60)
                continue;
            if (gap.find("分别") != std::string_view::npos) continue;  // respective_shares pairs them
            const drafted_check* inclusion = inclusion_holding(before.back());
            if (inclusion == nullptr) continue;
            const std::size_t total = index_of(inclusion->total);
            if (gap.find("各占") == std::string_view::npos) {
                propose(relation::share, total, {before.back()}, "占", p);
                continue;
            }
            // "男性3459万人，女性3168万人，…各占52.2%和47.8%": the parts and the percentages in
            // order, when there are as many of each.
            const drafted_check found = *inclusion;
            const auto percents = figures_in(found_.mentions[p].at.byte_begin, s.end, figure_class::percent);
            if (percents.size() < found.parts.size()) continue;
            for (std::size_t k = 0; k < found.parts.size(); ++k)
                propose(relation::share, total, {index_of(found.parts[k])}, "各占", percents[k]);
        }
    }
}

// The proposed inclusion that holds the figure `part` as one of its parts, if any.
const drafted_check* drafter::inclusion_holding(std::size_t part) const {
    const auto it = std::find_if(checks_.begin(), checks_.end(), [&](const drafted_check& k) {
        return k.relation == relation::includes && std::find(k.parts.begin(), k.parts.end(), ids_[part]) != k.parts.end();
    });
    return it == checks_.end() ? nullptr : &*it;
}

// "合同项目20项，利用外资2.09亿美元，分别占签约项目总数和利用外资数的38%和41%": 分别
// ("respectively") pairs the figures of its clause before it with the percentages after it, in
// order, each a share of the total of the proposed inclusion that holds it. Nothing is proposed
// unless each of those figures is such a part and there are as many percentages.
void drafter::respective_shares(const sentence& s) {
    const auto words = find_word(text_, s.begin, s.end, "分别");
    if (words.empty()) return;
    // The sentence's clauses, between semicolons: [starts[k], ends[k]).
    std::vector<std::size_t> starts{s.begin};
    std::vector<std::size_t> ends;
    for (std::size_t i = s.begin; i < s.end; ++i) {
        const std::size_t stop = semicolon_at(text_, i);
        if (stop == 0) continue;
        ends.push_back(i);
        starts.push_back(i + stop);
        i += stop - 1;
    }
    ends.push_back(s.end);
    for (const auto& [at, end] : words) {
        const auto c = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin()) - 1;
        const std::size_t clause = starts[c];
        const std::size_t clause_end = ends[c];
        std::vector<std::size_t> parts = figures_in(clause, at, figure_class::money);
        const auto counts = figures_in(clause, at, figure_class::count);
        parts.insert(parts.end(), counts.begin(), counts.end());
        std::sort(parts.begin(), parts.end());  // mentions are in the text's order
        const auto percents = figures_in(end, clause_end, figure_class::percent);
        if (parts.empty() || parts.size() != percents.size()) continue;
        const bool all_parts = std::all_of(parts.begin(), parts.end(), [&](std::size_t p) { return inclusion_holding(p) != nullptr; });
        if (!all_parts) continue;
        for (std::size_t k = 0; k < parts.size(); ++k)
            propose(relation::share, index_of(inclusion_holding(parts[k])->total), {parts[k]}, "分别", percents[k]);
    }
}

// "rose 12% to 5.6 billion yuan from 5 billion yuan": a change with the figure before and after.
void drafter::changes(const sentence& s) {
    const auto changes = figures_in(s.begin, s.end, figure_class::change);
    if (changes.size() != 1) return;
    for (const figure_class c : {figure_class::money, figure_class::count}) {
        const auto figures = figures_in(s.begin, s.end, c);
        if (figures.size() != 2) continue;
        std::optional<std::size_t> from;
        std::optional<std::size_t> to;
        for (const std::size_t f : figures) {
            std::size_t at = found_.mentions[f].at.byte_begin;
            while (at > s.begin && text_[at - 1] == ' ') --at;
            const std::string before = text::ascii_lower(text_.substr(s.begin, at - s.begin));
            if (before.ends_with("from")) from = f;
            else if (before.ends_with("to")) to = f;
        }
        if (from && to) propose(relation::change, *to, {*from}, "from ... to", changes.front());
    }
}

void drafter::run(draft& out) {
    std::size_t n = 0;
    for (const mention& m : found_.mentions) {
        ids_.push_back(m.kind == mention_kind::date_text ? std::string() : fmt::format("f{}", ++n));
    }
    const auto all = sentences_of(text_);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const sentence& s = all[i];
        const sentence* previous = i > 0 ? &all[i - 1] : nullptr;
        auto includes = keywords_in(text_, s, including_words);
        std::erase_if(includes, [&](const keyword& k) { return no_inclusion(text_, s, k); });
        for (const keyword& k : includes) {
            if (k.text == "of which" || k.text == "among which") part_of_which(s, k);
            including(s, previous, k);
        }
        for (const keyword& k : keywords_in(text_, s, total_words)) {
            const bool governed = std::any_of(includes.begin(), includes.end(), [&](const keyword& w) { return w.at < k.at; });
            totals(s, k, governed);
        }
        conversions(s);
        shares(s);
        chinese_shares(s);
        respective_shares(s);
        changes(s);
    }
    out.checks = std::move(checks_);
    for (std::size_t i = 0; i < found_.mentions.size(); ++i) {
        const mention& m = found_.mentions[i];
        if (ids_[i].empty()) continue;
        drafted_figure f;
        f.id = ids_[i];
        f.from = &m;
        if (m.figure.value.unit().is_count()) f.unit = "count";
        else if (m.figure.unit_assumed && m.figure.value.unit().is_currency()) f.unit = std::string(m.figure.value.unit().code());
        const auto s = std::upper_bound(all.begin(), all.end(), m.at.byte_begin,
                                        [](std::size_t at, const sentence& x) { return at < x.end; });
        if (s != all.end()) f.context = std::string(text::trim(text_.substr(s->begin, s->end - s->begin)));
        f.refused = refusal(f);
        out.figures.push_back(std::move(f));
    }
    // A check with a figure a claims file cannot take is not proposed.
    std::unordered_set<std::string> readable;
    for (const drafted_figure& f : out.figures)
        if (f.refused.empty()) readable.insert(f.id);
    std::erase_if(out.checks, [&](const drafted_check& c) {
        const auto refused = [&](const std::string& id) { return !readable.contains(id); };
        return refused(c.total) || std::any_of(c.parts.begin(), c.parts.end(), refused) ||
               (!c.rate.empty() && refused(c.rate)) ||
               (!c.share.empty() && refused(c.share)) || (!c.by.empty() && refused(c.by));
    });
    std::map<relation, std::size_t> numbers;  // ids in order, once the refused are gone
    for (drafted_check& c : out.checks) c.id = fmt::format("{}-{}", to_string(c.relation), ++numbers[c.relation]);
}

// What a claims file would say of the figure as drafted: read_claims reads a figure's text
// with its unit (or the document's currency) as the default and, for a count, any noun.
std::string drafter::refusal(const drafted_figure& f) const {
    figure_parse_options o;
    o.default_currency = currency_;
    o.zhao_power = zhao_power_;
    if (f.unit == "count") {
        o.any_count_noun = true;
        o.default_currency = unit::count();
    } else if (!f.unit.empty()) {
        o.default_currency = unit::currency(f.unit);
    }
    const auto parsed = parse_figure(f.from->text, o);
    return parsed ? std::string() : parsed.error().message();
}

// A text's title: its first line, when that stands alone as a headline (it does not wrap and
// is no longer than 120 bytes: "U.S. Firms Sign 42 Projects"); else its first sentence (of a
// wrapped or joined paragraph), cut at a word before 120 bytes.
std::string title_of_text(std::string_view text) {
    const std::size_t line_end = std::min(text.find('\n'), text.size());
    if ((line_end == text.size() || !wraps_a_sentence(text, line_end)) && line_end <= 120)
        return std::string(text::trim(text.substr(0, line_end)));
    const std::vector<sentence> all = sentences_of(text.substr(0, std::min<std::size_t>(text.size(), 4096)));
    if (all.empty()) return {};
    std::string title;
    for (const char c : text.substr(all.front().begin, all.front().end - all.front().begin)) {
        title += (c == '\n' || c == '\r') ? ' ' : c;
    }
    title = std::string(text::trim(title));
    if (title.size() > 120) {
        std::size_t cut = title.rfind(' ', 119);
        if (cut == std::string::npos || cut == 0) cut = 119;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0U) == 0x80U) --cut;
        title = title.substr(0, cut) + "…";
    }
    return title;
}

}  // namespace

draft draft_claims(const document& d, const extraction& found, const extract_options& options) {
    draft out;
    out.currency = options.default_currency;
    out.title = d.title;
    if (out.title.empty()) out.title = title_of_text(d.text);
    // The document's date: the caller's, else its first full date, else its first month or
    // quarter, else its first year ("Fund launch, 2024 ... On September 26, 2024" is dated
    // 2024-09-26). A date missing its month ("2020-??-01": 1号 after a year) is none of these.
    if (options.dated) out.date = options.dated->text;  // the date the caller gives wins
    for (const std::size_t length : {std::size_t{10}, std::size_t{7}, std::size_t{4}}) {
        if (!out.date.empty()) break;
        for (const mention& m : found.mentions) {
            if (m.kind == mention_kind::date_text && !m.when.starts_with("-") && m.when.size() == length &&
                m.when.find('?') == std::string::npos) {
                out.date = m.when;
                break;
            }
        }
        if (!out.date.empty()) break;
    }
    drafter(d, found, options).run(out);
    return out;
}

}  // namespace crossfoot
