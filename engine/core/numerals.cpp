// engine/core/numerals.cpp: reading Arabic, CJK and English-word numbers exactly.
// SPDX-License-Identifier: MIT
#include "numerals.hpp"

#include "text.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace crossfoot::numerals {

namespace {

using text::reader;

struct cjk_token {
    std::string_view text;
    enum kind_t { digit, small, big } kind;
    std::int32_t value;  // the digit, or the multiplier's power of ten
};

// Longest first where one token starts another (万亿 before 万).
constexpr std::array<cjk_token, 23> cjk_tokens = {{
    {"万亿", cjk_token::big, 12}, {"萬億", cjk_token::big, 12}, {"〇", cjk_token::digit, 0},
    {"零", cjk_token::digit, 0},   {"一", cjk_token::digit, 1},   {"二", cjk_token::digit, 2},
    {"两", cjk_token::digit, 2},   {"兩", cjk_token::digit, 2},   {"三", cjk_token::digit, 3},
    {"四", cjk_token::digit, 4},   {"五", cjk_token::digit, 5},   {"六", cjk_token::digit, 6},
    {"七", cjk_token::digit, 7},   {"八", cjk_token::digit, 8},   {"九", cjk_token::digit, 9},
    {"十", cjk_token::small, 1},   {"百", cjk_token::small, 2},   {"千", cjk_token::small, 3},
    {"万", cjk_token::big, 4},     {"萬", cjk_token::big, 4},     {"亿", cjk_token::big, 8},
    {"億", cjk_token::big, 8},     {"兆", cjk_token::big, -1},  // 10^zhao_power
}};

// The code point of the three-byte character at the start of `text`, or 0.
char32_t three_byte_char(std::string_view text) {
    if (text.size() < 3) return 0;
    const auto b0 = static_cast<unsigned char>(text[0]);
    if ((b0 & 0xF0U) != 0xE0U) return 0;
    return static_cast<char32_t>(((b0 & 0x0FU) << 12U) | ((static_cast<unsigned char>(text[1]) & 0x3FU) << 6U) |
                                 (static_cast<unsigned char>(text[2]) & 0x3FU));
}

const cjk_token* token_named(std::string_view name) {
    for (const cjk_token& t : cjk_tokens) {
        if (t.text == name) return &t;
    }
    return nullptr;
}

// Decoded once and compared as code points: this runs for every character of CJK text.
const cjk_token* cjk_token_at(std::string_view text) {
    const char32_t c = three_byte_char(text);
    switch (c) {
        case U'〇': case U'零': case U'一': case U'二': case U'两': case U'兩': case U'三':
        case U'四': case U'五': case U'六': case U'七': case U'八': case U'九': case U'十':
        case U'百': case U'千': case U'亿': case U'億': case U'兆':
            return token_named(text.substr(0, 3));
        case U'万':
            return three_byte_char(text.substr(3)) == U'亿' ? token_named("万亿") : token_named("万");
        case U'萬':
            return three_byte_char(text.substr(3)) == U'億' ? token_named("萬億") : token_named("萬");
        default: return nullptr;
    }
}


bool is_word_char(char c) { return text::is_latin_letter(c) || c == '-'; }

// "-point-six", "-point-09": a decimal point read aloud, as broadcast scripts write numbers
// ("15-point-six percent", "eleven-point-09 billion"): the fraction's digits, in digits or
// in the words zero to nine joined by hyphens; nothing (the reader unmoved) otherwise.
std::size_t take_digits(reader& in, std::string& out);

constexpr std::string_view spoken_point = "-point-";

bool at_spoken_point(const reader& in) {
    return text::ascii_lower(in.rest().substr(0, spoken_point.size())) == spoken_point;
}

std::optional<std::string> spoken_fraction(reader& in) {
    const std::size_t start = in.position();
    if (!at_spoken_point(in)) return std::nullopt;
    in.advance(spoken_point.size());
    // Digits, or one of the words zero to nine, appended to `out`.
    const auto take = [](reader& r, std::string& out) {
        if (take_digits(r, out) > 0) return true;
        const std::size_t word_start = r.position();
        const std::string lower = text::ascii_lower(r.take_while(text::is_latin_letter));
        const auto it = std::find(number_words.begin(), number_words.begin() + 10, lower);
        if (lower.empty() || it == number_words.begin() + 10) {
            r.seek(word_start);
            return false;
        }
        out += static_cast<char>('0' + (it - number_words.begin()));
        return true;
    };
    std::string digits;
    if (!take(in, digits)) {
        in.seek(start);
        return std::nullopt;
    }
    while (in.peek() == '-') {  // "point-zero-five"
        reader next = in;
        next.advance(1);
        if (!take(next, digits)) break;
        in = next;
    }
    return digits;
}

// `whole` and then the spoken fraction at the reader, if one is there.
std::optional<decimal> with_spoken_fraction(reader& in, const decimal& whole) {
    if (whole.exponent() != 0) return std::nullopt;
    const std::size_t start = in.position();
    const auto fraction = spoken_fraction(in);
    if (!fraction) return std::nullopt;
    auto value = decimal::parse(whole.to_string() + "." + *fraction);
    if (!value) {
        in.seek(start);
        return std::nullopt;
    }
    return *value;
}

// "five", "Twenty": a whole English word from zero to twenty ("fifteen-point-six" with its
// spoken fraction).
std::optional<numeral> read_number_word(reader& in) {
    const std::size_t start = in.position();
    const std::string_view word = in.take_while(text::is_latin_letter);
    const std::string lower = text::ascii_lower(word);
    const bool spoken = at_spoken_point(in);
    if (!word.empty() && (in.at_end() || !is_word_char(in.peek()) || spoken)) {
        for (std::size_t i = 0; i < number_words.size(); ++i) {
            if (number_words[i] == lower) {
                numeral n;
                n.value = decimal(static_cast<std::int64_t>(i));
                n.word = true;
                if (const auto v = with_spoken_fraction(in, n.value)) n.value = *v;
                else if (spoken) break;
                return n;
            }
        }
    }
    in.seek(start);
    return std::nullopt;
}

// Digits, ASCII or full-width, appended to `out` as ASCII; how many were read.
std::size_t take_digits(reader& in, std::string& out) {
    std::size_t count = 0;
    while (const auto d = digit_at(in.rest())) {
        out += d->first;
        in.advance(d->second);
        ++count;
    }
    return count;
}

bool accept_point(reader& in) { return in.accept('.') || in.accept("．"); }

// Does a comma at the reader begin a group of three digits ("1,234")?
bool group_follows(const reader& in) {
    const std::string_view rest = in.rest();
    return rest.size() >= 4 && rest[0] == ',' && text::is_digit(rest[1]) && text::is_digit(rest[2]) &&
           text::is_digit(rest[3]) && (rest.size() == 4 || !text::is_digit(rest[4]));
}

// How far the groups after a first one of one or two digits go when they are grouped the
// Indian way, in twos and then a last three ("5,00,000", "1,25,00,000"): the bytes from the
// comma at the start of `rest` to the end of the last group; 0 when they are not.
std::size_t indian_groups(std::string_view rest) {
    const auto group_of = [&](std::size_t at, std::size_t n) {
        if (rest.size() < at + 1 + n || rest[at] != ',') return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if (!text::is_digit(rest[at + k])) return false;
        }
        return rest.size() == at + 1 + n || !text::is_digit(rest[at + 1 + n]);
    };
    std::size_t at = 0;
    while (group_of(at, 2)) at += 3;
    if (at == 0 || !group_of(at, 3)) return 0;
    return at + 4;
}

// Digits grouped by commas in threes ("1,234,567"), or the Indian way ("12,34,567"); the
// digits without the commas.
std::expected<std::string, parse_error> read_integer_part(reader& in, bool running_text) {
    std::string digits;
    const std::size_t first = take_digits(in, digits);
    if (first == 0) return std::unexpected(in.error("a digit"));
    if (in.peek() != ',') return digits;
    if (const std::size_t indian = first <= 2 ? indian_groups(in.rest()) : 0; indian != 0) {
        for (const char c : in.rest().substr(0, indian)) {
            if (c != ',') digits += c;
        }
        in.advance(indian);
        return digits;
    }
    if (running_text && (first > 3 || !group_follows(in))) return digits;
    if (first > 3)
        return std::unexpected(in.error("'.' or a digit (commas group digits in threes)"));
    while (running_text ? group_follows(in) && in.accept(',') : in.accept(',')) {
        const std::size_t group_start = in.position();
        std::string group;
        const std::size_t n = take_digits(in, group);
        if (n != 3) {
            in.seek(group_start);
            for (std::size_t i = 0; i < std::min<std::size_t>(n, 3); ++i)
                in.advance(digit_at(in.rest())->second);
            return std::unexpected(in.error(n < 3 ? "a digit (commas group digits in threes)"
                                                  : "',' or '.' after a group of three digits"));
        }
        digits += group;
    }
    return digits;
}

// [digits [. digits]], exactly, with the written exponent.
std::expected<decimal, parse_error> read_arabic(reader& in, bool running_text) {
    const std::size_t start = in.position();
    auto integer = read_integer_part(in, running_text);
    if (!integer) return std::unexpected(integer.error());
    std::string text = std::move(*integer);
    std::size_t digit_count = text.size();
    const std::size_t before_point = in.position();
    if (accept_point(in)) {
        std::string fraction;
        if (take_digits(in, fraction) == 0) {
            if (running_text) {  // "in 2024." ends a sentence
                in.seek(before_point);
                return decimal::parse(text).value();
            }
            return std::unexpected(in.error("a digit"));
        }
        digit_count += fraction.size();
        text.append(".").append(fraction);
    }
    if (digit_count > max_digits)
        return std::unexpected(in.error_at(
            start, "a number of at most " + std::to_string(max_digits) + " digits",
            text.substr(0, 12) + "..."));
    return decimal::parse(text).value();  // digits and one point: always valid
}

// A CJK number, or the CJK multipliers after an Arabic one: sections of digits and small
// multipliers (十百千), each closed by a big one (万亿兆), largest first.
class cjk_number {
public:
    explicit cjk_number(std::int32_t zhao_power) : zhao_power_(zhao_power) {}

    // An Arabic number ("2000" in "2000万"), whose multipliers shift its written precision.
    void set_arabic(decimal d) {
        current_ = std::move(d);
        current_is_numeral_ = false;
    }
    // A CJK digit: the numerals of one section write a whole number ("二十" is 20, exactly).
    void set_numeral(std::int64_t digit) {
        current_ = decimal(digit);
        current_is_numeral_ = true;
    }
    [[nodiscard]] bool has_current() const { return current_.has_value(); }

    // 十百千: the pending digit (or an implied 一) at that place. After Arabic digits it is a
    // scale ("3千" is 3 × 10^3, its last digit worth 10^3); after a numeral, part of the number.
    void small(std::int32_t power) {
        std::int64_t place = 1;
        for (std::int32_t i = 0; i < power; ++i) place *= 10;
        if (current_ && !current_is_numeral_)
            add(section_, *current_ * decimal::scaled(1, power));
        else
            add(section_, current_.value_or(decimal(1)) * decimal(place));
        current_.reset();
    }
    // 万亿兆: closes the section; false when it would not be largest first ("3亿万").
    bool big(std::int32_t power) {
        if (power < 0) power = zhao_power_;
        if (last_big_ && power >= *last_big_) return false;
        std::optional<decimal> section = section_;
        if (current_) add(section, *current_);
        if (!section) return false;  // nothing to multiply: "3亿万" is no number
        add(total_, *section * decimal::scaled(1, power));
        section_.reset();
        current_.reset();
        last_big_ = power;
        return true;
    }
    [[nodiscard]] bool empty() const { return !total_ && !section_ && !current_; }
    [[nodiscard]] decimal value() const {
        std::optional<decimal> v = total_;
        if (section_) add(v, *section_);
        if (current_) add(v, *current_);
        return v.value_or(decimal());
    }

private:
    static void add(std::optional<decimal>& into, const decimal& d) {
        into = into ? *into + d : d;
    }
    std::int32_t zhao_power_;
    std::optional<decimal> total_;
    std::optional<decimal> section_;
    std::optional<decimal> current_;
    bool current_is_numeral_ = false;
    std::optional<std::int32_t> last_big_;
};

// Reads CJK numerals and multipliers into `n`, after an Arabic number or from scratch.
// Stops before anything that cannot continue the number.
void read_cjk(reader& in, cjk_number& n, numeral& out, bool running_text) {
    std::size_t multipliers_start = in.position();
    bool more_allowed = n.has_current();
    while (!in.at_end()) {
        const std::size_t here = in.position();
        if (more_allowed && (in.accept("余") || in.accept("多"))) {
            out.more = true;
            more_allowed = false;
            continue;
        }
        if (!n.has_current() && digit_at(in.rest()) && !n.empty()) {
            auto arabic = read_arabic(in, running_text);  // "2億3千万": Arabic digits after a multiplier
            if (!arabic) {
                in.seek(here);
                break;
            }
            n.set_arabic(*arabic);
            more_allowed = true;
            continue;
        }
        const cjk_token* t = cjk_token_at(in.rest());
        if (t == nullptr) break;
        if (t->kind == cjk_token::digit) {
            if (n.has_current()) break;  // two digits in a row: a year or a code, not an amount
            in.advance(t->text.size());
            if (t->value != 0) n.set_numeral(t->value);
            more_allowed = false;
        } else if (t->kind == cjk_token::small) {
            in.advance(t->text.size());
            n.small(t->value);
            more_allowed = true;
        } else {
            if (n.empty() || !n.big(t->value)) break;
            in.advance(t->text.size());
            if (t->value < 0) out.zhao = true;
            out.large = true;
            more_allowed = true;
        }
        out.cjk = true;
    }
    if (out.multipliers.empty() && in.position() > multipliers_start)
        out.multipliers = std::string(in.text().substr(multipliers_start, in.position() - multipliers_start));
}

}  // namespace

std::optional<std::pair<char, std::size_t>> digit_at(std::string_view text) {
    if (!text.empty() && text::is_digit(text.front())) return std::pair{text.front(), std::size_t{1}};
    // U+FF10..U+FF19, full-width digits: EF BC 90..99.
    if (text.size() >= 3 && text[0] == '\xEF' && text[1] == '\xBC' &&
        static_cast<unsigned char>(text[2]) >= 0x90U && static_cast<unsigned char>(text[2]) <= 0x99U)
        return std::pair{static_cast<char>('0' + (static_cast<unsigned char>(text[2]) - 0x90U)),
                         std::size_t{3}};
    return std::nullopt;
}

bool starts_cjk_number(std::string_view text) {
    const cjk_token* t = cjk_token_at(text);
    return (t != nullptr && t->kind != cjk_token::big) ||
           (digit_at(text) && !text::is_digit(text.front()));
}

std::expected<std::optional<numeral>, parse_error> read_numeral(reader& in,
                                                                const numeral_options& options) {
    const std::size_t start = in.position();
    numeral out;
    cjk_number n(options.zhao_power);
    if (digit_at(in.rest())) {
        auto arabic = read_arabic(in, options.running_text);
        if (!arabic) return std::unexpected(arabic.error());
        if (const auto spoken = with_spoken_fraction(in, *arabic)) {  // "15-point-six"
            out.value = *spoken;
            return out;
        }
        n.set_arabic(*arabic);
        // A space may stand between Arabic digits and their multiplier: "3 万亿".
        const std::size_t after_digits = in.position();
        in.skip_spaces();
        read_cjk(in, n, out, options.running_text);
        if (!out.cjk && !out.more) in.seek(after_digits);  // the digits alone
        out.value = n.value();
        return out;
    }
    if (options.words) {
        if (auto word = read_number_word(in)) return word;
    }
    const cjk_token* first = cjk_token_at(in.rest());
    if (first == nullptr || first->kind == cjk_token::big) return std::nullopt;
    read_cjk(in, n, out, options.running_text);
    if (n.empty()) {
        in.seek(start);
        return std::nullopt;
    }
    out.multipliers.clear();
    out.value = n.value();
    return out;
}

}  // namespace crossfoot::numerals
