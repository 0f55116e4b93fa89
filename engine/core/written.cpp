// engine/core/written.cpp: parsing a figure as documents write it: amounts, percentages,
// ranges, changes and stated rates, with qualifiers on either side.
// SPDX-License-Identifier: MIT
#include <crossfoot/written.hpp>

#include "amount_reader.hpp"
#include "figure_words.hpp"
#include "numerals.hpp"
#include "text.hpp"
#include "text_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace crossfoot {

namespace {

using amount_reader::quantity;
using amount_reader::unit_text;
using text::reader;
namespace fw = figure_words;

bool is_word_char(char c) { return text::is_latin_letter(c) || text::is_digit(c); }

// Does the rest start with `word`? English words match whole and in any case; Chinese and
// Japanese words match as written.
using text::lower;

bool starts_with_word(std::string_view rest, std::string_view word) {
    if (rest.size() < word.size() || word.empty() || lower(rest.front()) != word.front()) return false;
    if (static_cast<unsigned char>(word.front()) >= 0x80U) return rest.starts_with(word);
    for (std::size_t i = 1; i < word.size(); ++i) {
        if (lower(rest[i]) != word[i]) return false;
    }
    return !(is_word_char(word.back()) && rest.size() > word.size() && is_word_char(rest[word.size()]));
}

// The first bytes (lower case) of the words of a place: most text begins with none of them,
// and the tables need not be searched there.
struct first_bytes {
    std::array<bool, 256> before{};
    std::array<bool, 256> after{};
};

const first_bytes& word_starts() {
    static const first_bytes table = [] {
        first_bytes t;
        const auto mark = [](std::array<bool, 256>& set, std::string_view w) {
            const auto b = static_cast<unsigned char>(w.front());
            set[b] = true;
            if (b >= 'a' && b <= 'z') set[b - 'a' + 'A'] = true;
        };
        for (const auto& w : fw::qualifiers) mark(w.where == fw::place::before ? t.before : t.after, w.text);
        for (const auto& w : fw::changes) mark(w.where == fw::place::before ? t.before : t.after, w.text);
        mark(t.before, "between");
        return t;
    }();
    return table;
}

bool accept_word(reader& in, std::string_view word) {
    if (!starts_with_word(in.rest(), word)) return false;
    in.advance(word.size());
    return true;
}

// What separates the ends of a range.
constexpr std::string_view range_separators[] = {"to", "-", "–", "—", "~", "～", "〜", "至", "到"};
// "7.1 yuan to the dollar": the words between the price and the currency priced.
constexpr std::string_view per_words[] = {"to the", "to one", "to a", "per", "against the",
                                          "for each", "for every", "for one", "a"};
// "1美元兑7.1元人民币", "1ドル=150円": the words between two amounts of a rate.
constexpr std::string_view rate_equals[] = {"兑换", "兑", "=", "＝", "对"};

// One end of an amount, percentage or range: what was read, not yet settled into a unit.
struct end_reading {
    std::size_t start = 0;       // where the number starts (after any prefix unit)
    std::size_t number_end = 0;  // where the number (without its scale) ends
    quantity q;
    std::optional<unit_text> prefix;
    std::optional<unit_text> suffix;
    std::optional<unit> marked;  // percent or points, by "%" or "percentage points"
    bool negative = false;
};

class figure_parser {
public:
    figure_parser(std::string_view text, const figure_parse_options& options)
        : in_(text), options_(options) {}

    std::expected<written_figure, parse_error> parse();
    /// How far the parser read before it stopped.
    [[nodiscard]] std::size_t reached() const { return in_.position(); }

private:
    std::expected<void, parse_error> listed_words(fw::place where);
    std::expected<void, parse_error> set_qualifier(const fw::qualifier_word& w, std::size_t at);
    std::expected<void, parse_error> set_sign(int sign, std::size_t at);
    void read_ratio();
    std::expected<bool, parse_error> pair_rate();
    bool fraction();
    std::expected<bool, parse_error> chinese_percent();
    std::expected<void, parse_error> body();
    std::expected<std::optional<end_reading>, parse_error> read_end(bool allow_count);
    std::expected<bool, parse_error> range_high(end_reading& low);
    std::expected<bool, parse_error> per_rate(const end_reading& price);
    std::expected<bool, parse_error> equals_rate(const end_reading& first);
    std::expected<resolved_unit, parse_error> unit_of(const end_reading& e, bool rate_side);
    std::expected<resolved_unit, parse_error> running_text_unit(const end_reading& e, parse_error why);
    std::expected<void, parse_error> rate_from(const end_reading& price, const end_reading& base,
                                               std::size_t text_start);
    std::expected<void, parse_error> settle(end_reading& low, std::optional<end_reading>& high);
    void finish();

    reader in_;
    figure_parse_options options_;
    written_figure out_;
    int sign_ = 0;
    bool change_ = false;
    bool between_ = false;
    bool times_ = false;                 // "1.28倍": the value is already the change
    std::string_view ratio_word_;        // 前年比 and its kin, when the text wrote one
};

std::expected<void, parse_error> figure_parser::set_qualifier(const fw::qualifier_word& w,
                                                              std::size_t at) {
    if (w.converted) out_.converted = true;
    if (w.q == qualifier::none) return {};
    if (out_.qualifier != qualifier::none && out_.qualifier != w.q)
        return std::unexpected(in_.error_at(at, "one qualifier (the figure already says '" +
                                                    out_.qualifier_text + "')",
                                            w.text));
    out_.qualifier = w.q;
    if (out_.qualifier_text.empty()) out_.qualifier_text = w.text;
    return {};
}

std::expected<void, parse_error> figure_parser::set_sign(int sign, std::size_t at) {
    change_ = true;
    if (sign == 0) return {};
    if (sign_ != 0 && sign_ != sign)
        return std::unexpected(in_.error_at(at, "one direction of change", text::character_at(in_.text(), at)));
    sign_ = sign;
    return {};
}

// Whether a year stands next ("by 2030"): four digits from 1900 to 2100, then no digit,
// percent sign, or decimal point or thousands separator before a digit.
bool year_follows(reader in) {
    in.skip_spaces();
    const std::string_view rest = in.rest();
    if (rest.size() < 4 || !std::all_of(rest.begin(), rest.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    const int year = (rest[0] - '0') * 1000 + (rest[1] - '0') * 100 + (rest[2] - '0') * 10 + (rest[3] - '0');
    if (year < 1900 || year > 2100) return false;
    const auto digit_at = [&](std::size_t i) { return i < rest.size() && rest[i] >= '0' && rest[i] <= '9'; };
    if (digit_at(4) || (rest.size() > 4 && rest[4] == '%')) return false;
    return !(rest.size() > 4 && (rest[4] == '.' || rest[4] == ',') && digit_at(5));  // "2030.5", "2,030,000"
}

// The longest word of a place that the reader stands at, among the qualifiers and the words
// of change ("up to 3 billion" is a bound, not "up" and then "to 3 billion"). Moves past it.
struct listed_word {
    const fw::qualifier_word* qualifier = nullptr;
    const fw::change_word* change = nullptr;
};

std::optional<listed_word> accept_listed(reader& in, fw::place where) {
    listed_word best;
    std::size_t longest = 0;
    for (const fw::qualifier_word& w : fw::qualifiers) {
        if (w.where == where && w.text.size() > longest && starts_with_word(in.rest(), w.text)) {
            best = {&w, nullptr};
            longest = w.text.size();
        }
    }
    for (const fw::change_word& w : fw::changes) {
        if (w.where == where && w.text.size() > longest && starts_with_word(in.rest(), w.text)) {
            best = {nullptr, &w};
            longest = w.text.size();
        }
    }
    if (longest == 0) return std::nullopt;
    in.advance(longest);
    return best;
}

// Qualifiers and words of change (and "between" before the number), in any order: before the
// number "about", 约, "up", 同比增长; after it 左右, 以上, "or more", 増, "year on year".
std::expected<void, parse_error> figure_parser::listed_words(fw::place where) {
    const auto& starts = where == fw::place::before ? word_starts().before : word_starts().after;
    for (;;) {
        const std::size_t before_spaces = in_.position();
        in_.skip_spaces();
        const std::size_t at = in_.position();
        if (in_.at_end() || !starts[static_cast<unsigned char>(in_.peek())]) {
            in_.seek(before_spaces);
            return {};
        }
        if (where == fw::place::before && accept_word(in_, "between")) {
            between_ = true;
            continue;
        }
        const auto w = accept_listed(in_, where);
        if (!w) {
            in_.seek(before_spaces);
            return {};
        }
        if (auto ok = w->qualifier != nullptr ? set_qualifier(*w->qualifier, at) : set_sign(w->change->sign, at);
            !ok)
            return ok;
        if (w->change != nullptr && w->change->ratio) ratio_word_ = w->change->text;
        // "falls by 47.7 per cent": "by" may follow an English word of change, unless a year
        // does ("to rise by 2030").
        if (w->change != nullptr && w->change->sign != 0 && text::is_latin_letter(w->change->text.front())) {
            const std::size_t before_by = in_.position();
            in_.skip_spaces();
            if (!accept_word(in_, "by") || year_follows(in_)) in_.seek(before_by);
        }
    }
}

// "USD/CNY 7.1", "USD/CNY = 7.1", "USD/CNY at 7.1".
std::expected<bool, parse_error> figure_parser::pair_rate() {
    const std::string_view rest = in_.rest();
    if (rest.size() < 7 || rest[3] != '/') return false;
    const auto base = unit::currency(text::ascii_upper(rest.substr(0, 3)));
    const auto quote = unit::currency(text::ascii_upper(rest.substr(4, 3)));
    if (!base || !quote) return false;
    in_.advance(7);
    in_.skip_spaces();
    if (!(in_.accept('=') || in_.accept("＝") || in_.accept(':') || accept_word(in_, "at")))
        in_.skip_spaces();
    in_.skip_spaces();
    auto q = amount_reader::read_quantity(in_, {.zhao_power = options_.zhao_power, .words = false, .running_text = options_.running_text});
    if (!q) return std::unexpected(q.error());
    if (!*q) return std::unexpected(in_.error("a rate"));
    out_.kind = figure_kind::rate;
    out_.base = *base;
    out_.value = amount((*q)->value, *quote);
    out_.unit_text = std::string(rest.substr(0, 7));
    return true;
}

// "one-fifth", "a third", "half", "one in five": a share as a simple fraction.
bool figure_parser::fraction() {
    for (const fw::fraction_word& f : fw::fractions) {
        if (!accept_word(in_, f.text)) continue;
        const decimal exact = divide(decimal(100 * f.numerator), decimal(f.denominator), -4).value();
        out_.kind = figure_kind::percent;
        out_.value = amount(exact.reduce(), unit::percent());
        out_.tolerance = decimal::scaled(5, -1);
        out_.unit_text = std::string(f.text);
        return true;
    }
    return false;
}

// "百分之五十": a percentage in Chinese words.
std::expected<bool, parse_error> figure_parser::chinese_percent() {
    if (!in_.accept("百分之")) return false;
    auto q = amount_reader::read_quantity(in_, {.zhao_power = options_.zhao_power, .words = false, .running_text = options_.running_text});
    if (!q) return std::unexpected(q.error());
    if (!*q) return std::unexpected(in_.error("a number after 百分之"));
    out_.kind = figure_kind::percent;
    out_.value = amount((*q)->value, unit::percent());
    out_.unit_text = "百分之";
    return true;
}

// A sign, a unit before the number, the number and its scale, then "%" or "percentage points"
// or a unit after it.
std::expected<std::optional<end_reading>, parse_error> figure_parser::read_end(bool allow_count) {
    end_reading e;
    const std::size_t start = in_.position();
    if (in_.accept('-') || in_.accept("−")) e.negative = true;
    else if (in_.accept('+')) {
        if (auto ok = set_sign(1, start); !ok) return std::unexpected(ok.error());
    }
    // A number word ("five companies") is no unit written before a number.
    e.start = in_.position();
    auto q = amount_reader::read_quantity(in_, {.zhao_power = options_.zhao_power, .words = true, .running_text = options_.running_text});
    if (!q) return std::unexpected(q.error());
    if (!*q) {
        auto prefix = amount_reader::read_prefix_unit(in_, options_.running_text);
        if (!prefix) {
            in_.seek(start);
            return std::nullopt;
        }
        e.prefix = *prefix;
        if (!e.negative && (in_.accept('-') || in_.accept("−"))) e.negative = true;
        e.start = in_.position();
        q = amount_reader::read_quantity(in_, {.zhao_power = options_.zhao_power, .words = false, .running_text = options_.running_text});
        if (!q) return std::unexpected(q.error());
        if (!*q) {
            in_.seek(start);
            return std::nullopt;
        }
    }
    e.q = std::move(**q);
    e.number_end = in_.position();
    if (e.q.number.more) {
        if (auto ok = set_qualifier({"余", qualifier::over, fw::place::after}, e.number_end); !ok)
            return std::unexpected(ok.error());
    }
    const std::size_t after_number = in_.position();
    in_.skip_spaces();
    for (const std::string_view mark : fw::point_marks) {
        if (accept_word(in_, mark)) {
            e.marked = unit::points();
            return e;
        }
    }
    for (const std::string_view mark : fw::percent_marks) {
        if (accept_word(in_, mark)) {
            e.marked = unit::percent();
            return e;
        }
    }
    if (in_.accept("割")) {  // Japanese: tenths, "3割" is 30%
        e.q.value = e.q.value * decimal::scaled(1, 1);
        e.marked = unit::percent();
        return e;
    }
    if (in_.accept("倍")) {  // "1.28倍": to 1.28 times, a change of +28%
        e.q.value = (e.q.value - decimal(1)) * decimal::scaled(1, 2);
        e.marked = unit::percent();
        change_ = true;
        times_ = true;
        return e;
    }
    in_.seek(after_number);
    e.suffix = amount_reader::read_suffix_unit(in_, allow_count && !e.prefix, options_.any_count_noun,
                                               options_.running_text);
    return e;
}

// The unit an end names (by a unit before or after its number), or the default currency.
std::expected<resolved_unit, parse_error> figure_parser::unit_of(const end_reading& e,
                                                                 bool rate_side) {
    if (options_.any_count_noun && e.suffix && !e.prefix && currency_candidates(e.suffix->text).empty())
        return resolved_unit{unit::count(), false};
    if (options_.running_text && !e.prefix && !e.suffix) return running_text_unit(e, in_.error("a unit"));
    auto u = amount_reader::settle_unit(in_, e.prefix, e.suffix, {options_.default_currency});
    if (!u && options_.running_text) return running_text_unit(e, u.error());
    if (u || !rate_side || (!e.suffix && !e.prefix)) return u;
    // In a rate, "the dollar" is the US dollar unless the document's currency is a dollar.
    const unit_text& written = e.suffix ? *e.suffix : *e.prefix;
    const auto candidates = currency_candidates(written.text);
    const auto usd = unit::currency("USD");
    if (std::find(candidates.begin(), candidates.end(), *usd) == candidates.end()) return u;
    out_.assumptions.push_back(fmt::format("'{}' read as US dollars", written.text));
    return resolved_unit{*usd, true};
}

// In running text a figure needs no unit: a bare number counts something ("nine fields"), and
// an ambiguous symbol takes its conventional reading, noted as an assumption: $ and dollars
// the US dollar, ¥ the yen or the yuan as the options say.
std::expected<resolved_unit, parse_error> figure_parser::running_text_unit(const end_reading& e,
                                                                           parse_error why) {
    if (!e.prefix && !e.suffix) {
        if (options_.default_currency && (!e.q.scale_text.empty() || e.q.number.large) &&
            !e.q.number.word)
            return resolved_unit{*options_.default_currency, true};
        return resolved_unit{unit::count(), true};
    }
    const unit_text& written = e.suffix ? *e.suffix : *e.prefix;
    const auto candidates = currency_candidates(written.text);
    const auto has = [&](std::string_view code) {
        const auto u = unit::currency(code);
        return std::find(candidates.begin(), candidates.end(), *u) != candidates.end();
    };
    std::optional<unit> reading;
    if (has("USD")) reading = unit::currency("USD");
    else if (has("JPY") && has("CNY")) reading = options_.yen_sign;
    if (!reading) return std::unexpected(why);
    out_.assumptions.push_back(fmt::format("'{}' read as {}", written.text, reading->code()));
    return resolved_unit{*reading, true};
}

// "3 to 5 billion", "1.5-2 billion yuan", "30亿至50亿元", "between 3 and 5 billion".
std::expected<bool, parse_error> figure_parser::range_high(end_reading& low) {
    const std::size_t start = in_.position();
    if (!options_.ranges) return false;
    in_.skip_spaces();
    bool separated = between_ && accept_word(in_, "and");
    for (const std::string_view sep : range_separators) {
        if (separated) break;
        separated = accept_word(in_, sep);
    }
    if (!separated) {
        in_.seek(start);
        return false;
    }
    in_.skip_spaces();
    auto high = read_end(true);
    if (!high) return std::unexpected(high.error());
    if (!*high) {
        in_.seek(start);
        return false;
    }
    std::optional<end_reading> h = std::move(*high);
    const auto currency_of = [&](const end_reading& e) -> std::optional<unit> {
        if (!e.prefix && !e.suffix) return std::nullopt;
        auto u = amount_reader::settle_unit(in_, e.prefix, e.suffix, {options_.default_currency});
        if (!u || !u->unit.is_currency()) return std::nullopt;
        return u->unit;
    };
    const auto low_unit = currency_of(low);
    const auto high_unit = currency_of(*h);
    if (!between_ && low_unit && high_unit && *low_unit != *high_unit) {
        if (auto ok = rate_from(low, *h, start); !ok) return std::unexpected(ok.error());
        return true;
    }
    end_reading attempt = low;  // settling may give the low end the high end's scale
    const std::size_t assumptions = out_.assumptions.size();
    if (auto ok = settle(attempt, h); !ok) {
        // In running text "fell 23.1 percent to $3 billion" is two figures, not a range.
        if (!options_.running_text) return std::unexpected(ok.error());
        in_.seek(start);
        out_.assumptions.resize(assumptions);
        return false;
    }
    low = std::move(attempt);
    return true;
}

// "7.1 yuan to the dollar", "1,350 won per US dollar".
std::expected<bool, parse_error> figure_parser::per_rate(const end_reading& price) {
    if (!price.suffix && !price.prefix) return false;
    const std::size_t start = in_.position();
    in_.skip_spaces();
    for (const std::string_view word : per_words) {
        if (!accept_word(in_, word)) continue;
        const auto base_text = amount_reader::read_suffix_unit(in_, false, false, options_.running_text);
        if (!base_text) break;
        end_reading base_end;
        base_end.suffix = base_text;
        auto quote = unit_of(price, false);
        if (!quote) return std::unexpected(quote.error());
        auto base = unit_of(base_end, true);
        if (!base) return std::unexpected(base.error());
        out_.kind = figure_kind::rate;
        out_.base = base->unit;
        out_.value = amount(price.negative ? -price.q.value : price.q.value, quote->unit);
        out_.unit_text = std::string(price.suffix ? price.suffix->text : price.prefix->text) +
                         " " + std::string(word) + " " + std::string(base_text->text);
        return true;
    }
    in_.seek(start);
    return false;
}

// "1美元兑7.1元人民币", "1ドル=150円", "100日元兑4.9元": the second amount is the price of the
// first, which must be 1 or a power of ten of its unit.
std::expected<bool, parse_error> figure_parser::equals_rate(const end_reading& first) {
    const std::size_t start = in_.position();
    in_.skip_spaces();
    bool equals = false;
    for (const std::string_view word : rate_equals) {
        if ((equals = in_.accept(word))) break;
    }
    if (!equals) {
        in_.seek(start);
        return false;
    }
    in_.skip_spaces();
    auto second = read_end(false);
    if (!second) return std::unexpected(second.error());
    if (!*second) return std::unexpected(in_.error("the price, an amount of a currency"));
    if (auto ok = rate_from(**second, first, start); !ok) return std::unexpected(ok.error());
    return true;
}

// A rate from the price (an amount of the quote currency) of 1, 10, 100 ... units of the base.
std::expected<void, parse_error> figure_parser::rate_from(const end_reading& price,
                                                          const end_reading& base_end,
                                                          std::size_t text_start) {
    auto base = unit_of(base_end, true);
    if (!base) return std::unexpected(base.error());
    auto quote = unit_of(price, true);
    if (!quote) return std::unexpected(quote.error());
    const decimal units = base_end.q.value.reduce();
    if (units != decimal::scaled(1, units.exponent()) || units.exponent() < 0)
        return std::unexpected(in_.error_at(base_end.start, "1, 10, 100 ... units of the currency priced",
                                            in_.text().substr(base_end.start, base_end.number_end - base_end.start)));
    out_.kind = figure_kind::rate;
    out_.base = base->unit;
    out_.value = amount(price.q.value * decimal::scaled(1, -units.exponent()), quote->unit);
    out_.unit_assumed = base->assumed || quote->assumed;
    out_.unit_text = std::string(text::trim(in_.text().substr(text_start, in_.position() - text_start)));
    return {};
}

// Settles one end, or both ends of a range, into `out_`: a low end without a scale or unit
// takes the high end's ("30至50亿元" is 30亿 to 50亿元).
std::expected<void, parse_error> figure_parser::settle(end_reading& low,
                                                       std::optional<end_reading>& high) {
    if (high && low.q.scale_text.empty() && !low.q.number.cjk && !high->q.scale_text.empty()) {
        const std::string inherited = std::string(in_.text().substr(low.start, low.number_end - low.start)) +
                                      (high->q.number.cjk ? "" : " ") + high->q.scale_text;
        reader again(inherited);
        auto q = amount_reader::read_quantity(again, {.zhao_power = options_.zhao_power, .words = true, .running_text = options_.running_text});
        if (q && *q && again.at_end()) low.q = std::move(**q);
    }
    // An end names its unit by a mark ("%"), by a unit word, or not at all (it takes the other's).
    const auto named = [](const end_reading& e) { return e.prefix || e.suffix; };
    if (high && ((low.marked && (high->marked != low.marked && (high->marked || named(*high)))) ||
                 (high->marked && named(low))))
        return std::unexpected(in_.error_at(high->start, "both ends of the range in one unit",
                                            text::character_at(in_.text(), high->start)));
    const std::optional<unit> low_mark = low.marked ? low.marked : (high ? high->marked : std::nullopt);
    unit u = unit::count();
    if (low_mark) {
        u = *low_mark;
        out_.unit_text = std::string(u.code());
    } else {
        const end_reading& named_end = (!named(low) && high) ? *high : low;
        auto resolved = unit_of(named_end, false);
        if (!resolved) return std::unexpected(resolved.error());
        if (high && named(*high) && named(low)) {
            auto other = unit_of(*high, false);
            if (!other) return std::unexpected(other.error());
            if (other->unit != resolved->unit)
                return std::unexpected(in_.error_at(high->start, "both ends of the range in one unit",
                                                    text::character_at(in_.text(), high->start)));
        }
        u = resolved->unit;
        out_.unit_assumed = resolved->assumed;
        out_.unit_text = std::string(named_end.suffix ? named_end.suffix->text
                                                      : (named_end.prefix ? named_end.prefix->text : ""));
    }
    out_.kind = u.is_percent() ? figure_kind::percent
                               : (u.is_points() ? figure_kind::change : figure_kind::amount);
    out_.value = amount(low.negative ? -low.q.value : low.q.value, u);
    if (high) out_.high = amount(high->negative ? -high->q.value : high->q.value, u);
    out_.scale_text = high ? high->q.scale_text : low.q.scale_text;
    if ((low.q.number.zhao || (high && high->q.number.zhao)))
        out_.assumptions.push_back(fmt::format("兆 read as 10^{}", options_.zhao_power));
    // A minus on a percentage is a fall, which a word of change may already have said the
    // other way ("rose -12.5%"): refused as two directions, like "rose fell".
    if (low.negative && out_.kind == figure_kind::percent) {
        if (auto ok = set_sign(-1, low.start); !ok) return std::unexpected(ok.error());
    }
    return {};
}

std::expected<void, parse_error> figure_parser::body() {
    if (auto pair = pair_rate(); !pair || *pair) return pair ? std::expected<void, parse_error>{}
                                                            : std::unexpected(pair.error());
    if (fraction()) return {};
    if (auto chinese = chinese_percent(); !chinese || *chinese)
        return chinese ? std::expected<void, parse_error>{} : std::unexpected(chinese.error());
    auto low = read_end(true);
    if (!low) return std::unexpected(low.error());
    if (!*low) return std::unexpected(in_.error("a number"));
    if (auto range = range_high(**low); !range || *range)
        return range ? std::expected<void, parse_error>{} : std::unexpected(range.error());
    if (!(*low)->marked) {
        // In running text a rate that does not read ("27国对华投资": 对 is "towards" there) is
        // no rate: the figure ends before it.
        const std::size_t before_rate = in_.position();
        const std::size_t assumptions = out_.assumptions.size();
        const bool assumed = out_.unit_assumed;
        const auto no_rate = [&](const parse_error& e) -> std::expected<bool, parse_error> {
            if (!options_.running_text) return std::unexpected(e);
            // A rate writes out_ only once both its amounts are read: undo what it wrote.
            in_.seek(before_rate);
            out_.kind = figure_kind::amount;
            out_.base.reset();
            out_.unit_assumed = assumed;
            out_.assumptions.resize(assumptions);
            return false;
        };
        auto per = per_rate(**low);
        if (!per) per = no_rate(per.error());
        if (!per) return std::unexpected(per.error());
        if (*per) return {};
        auto equals = equals_rate(**low);
        if (!equals) equals = no_rate(equals.error());
        if (!equals) return std::unexpected(equals.error());
        if (*equals) return {};
    }
    std::optional<end_reading> none;
    return settle(**low, none);
}

// A change is signed: down is negative. A percentage with a direction is a change.
void figure_parser::finish() {
    if (!change_ || out_.kind == figure_kind::rate || out_.kind == figure_kind::amount) return;
    if (out_.kind == figure_kind::percent) out_.kind = figure_kind::change;
    read_ratio();
    if (sign_ < 0 && out_.value.value().sign() > 0) {
        out_.value = amount(-out_.value.value(), out_.value.unit());
        if (out_.high) out_.high = amount(-out_.high->value(), out_.high->unit());
    }
}

// "前年比101.9%" with no 増 or 減 states the figure as a share of the year before, as Japanese
// statistics do: the change is the share less 100%.
void figure_parser::read_ratio() {
    if (ratio_word_.empty() || sign_ != 0 || times_ || out_.value.unit() != unit::percent()) return;
    const decimal whole(100);
    out_.value = amount(out_.value.value() - whole, out_.value.unit());
    if (out_.high) out_.high = amount(out_.high->value() - whole, out_.high->unit());
    out_.assumptions.push_back(fmt::format("'{}' with no 増 or 減 read as a share of the year before: "
                                           "the change is the share less 100%",
                                           ratio_word_));
}

std::expected<written_figure, parse_error> figure_parser::parse() {
    in_.skip_spaces();
    if (in_.at_end()) return std::unexpected(in_.error("a figure"));
    if (auto ok = listed_words(fw::place::before); !ok) return std::unexpected(ok.error());
    in_.skip_spaces();
    if (auto ok = body(); !ok) return std::unexpected(ok.error());
    if (auto ok = listed_words(fw::place::after); !ok) return std::unexpected(ok.error());
    if (!options_.running_text) {  // a figure as written is the whole text
        in_.skip_spaces();
        if (!in_.at_end())
            return std::unexpected(in_.error_at(in_.position(), "a currency or a count noun",
                                                text::trim(in_.rest())));
    }
    finish();
    return out_;
}

}  // namespace

std::string_view to_string(figure_kind k) {
    switch (k) {
        case figure_kind::amount: return "amount";
        case figure_kind::percent: return "percent";
        case figure_kind::change: return "change";
        case figure_kind::rate: return "rate";
    }
    return "amount";
}

std::expected<written_figure, parse_error> parse_figure(std::string_view text,
                                                        const figure_parse_options& options) {
    // A plain amount reads as parse_amount reads it, errors included; the richer forms are
    // tried when it is not one, and the error of whichever read further is reported.
    auto plain = parse_amount(text, {options.default_currency, options.zhao_power});
    if (plain) {
        written_figure f;
        f.value = plain->amount;
        f.unit_assumed = plain->unit_assumed;
        f.unit_text = plain->unit_text;
        f.scale_text = plain->scale_text;
        if (text.find("兆") != std::string_view::npos)
            f.assumptions.push_back(fmt::format("兆 read as 10^{}", options.zhao_power));
        return f;
    }
    figure_parser parser(text, options);
    auto rich = parser.parse();
    if (rich || std::max(rich.error().offset, parser.reached()) > plain.error().offset) return rich;
    return std::unexpected(plain.error());
}

std::expected<std::pair<written_figure, std::size_t>, parse_error> read_figure_prefix(
    std::string_view text, const figure_parse_options& options) {
    figure_parse_options running = options;
    running.running_text = true;
    figure_parser parser(text, running);
    auto f = parser.parse();
    if (!f) return std::unexpected(std::move(f.error()));
    return std::pair{std::move(*f), parser.reached()};
}

interval written_interval(const written_figure& f, const precision& p,
                          const qualifier_table& table) {
    precision own = p;
    if (!own.exact && !own.tolerance && !own.tolerance_percent) own.tolerance = f.tolerance;
    return figure_interval(f.value, f.high, f.qualifier, own, table);
}

}  // namespace crossfoot
