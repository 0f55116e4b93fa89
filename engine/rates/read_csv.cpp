// engine/rates/read_csv.cpp: reading rates from the ECB's wide CSV and from long CSV files.
// SPDX-License-Identifier: MIT
#include <crossfoot/rates.hpp>

#include "core/csv.hpp"
#include "core/numerals.hpp"
#include "sources.hpp"
#include "core/text.hpp"

#include <fmt/format.h>

#include <fstream>
#include <istream>
#include <iterator>

namespace crossfoot {

namespace {

// One line of the file being read, for diagnostics.
struct line_at {
    std::string_view file;
    std::size_t number;
    std::string_view text;
};

diagnostic error_at(const line_at& at, std::size_t offset, std::string message, std::string code) {
    return {std::string(at.file), at.number, column_of(at.text, offset), severity::error,
            std::move(message),   std::move(code), std::string(at.text)};
}

diagnostic field_error(const line_at& at, const csv::field& f, const parse_error& e,
                       std::string code) {
    // A quoted field's text starts after its quote. (A doubled quote inside cannot come
    // before the error: dates and rates hold none.)
    const bool quoted = f.offset < at.text.size() && at.text[f.offset] == '"';
    return error_at(at, f.offset + (quoted ? 1 : 0) + e.offset, e.message(), std::move(code));
}

std::expected<unit, diagnostic> currency_field(const line_at& at, const csv::field& f) {
    if (auto u = unit::currency(f.text)) return *u;
    return std::unexpected(error_at(at, f.offset,
                                    fmt::format("expected an ISO 4217 currency code, found '{}'",
                                                f.text),
                                    "unknown-currency"));
}

std::expected<decimal, diagnostic> rate_field(const line_at& at, const csv::field& f) {
    if (const std::size_t digits = numerals::digits_past_limit(f.text); digits != 0)
        return std::unexpected(error_at(at, f.offset,
                                        fmt::format("expected a rate of at most {} digits, found {}",
                                                    numerals::max_digits, digits),
                                        "bad-rate"));
    auto rate = decimal::parse(f.text);
    if (!rate) return std::unexpected(field_error(at, f, rate.error(), "bad-rate"));
    if (rate->sign() <= 0)
        return std::unexpected(error_at(
            at, f.offset, fmt::format("expected a positive rate, found '{}'", f.text), "bad-rate"));
    return *rate;
}

std::expected<date, diagnostic> date_field(const line_at& at, const csv::field& f) {
    auto d = parse_date(f.text);
    if (!d) return std::unexpected(field_error(at, f, d.error(), "bad-date"));
    return *d;
}

// Reads the lines after the header, one record at a time.
class reader {
public:
    reader(std::istream& input, std::string_view file) : input_(input), file_(file) {}

    bool next() {
        while (std::getline(input_, text_)) {
            ++number_;
            if (!text_.empty() && text_.back() == '\r') text_.pop_back();
            if (number_ == 1 && text_.starts_with("\xEF\xBB\xBF")) text_.erase(0, 3);
            if (!text_.empty()) return true;
        }
        return false;
    }
    [[nodiscard]] line_at at() const { return {file_, number_, text_}; }
    [[nodiscard]] std::expected<std::vector<csv::field>, diagnostic> fields() const {
        auto f = csv::split(text_);
        if (!f) return std::unexpected(error_at(at(), f.error().offset,
                                                "expected " + f.error().expected, "bad-rate-file"));
        return *f;
    }

private:
    std::istream& input_;
    std::string_view file_;
    std::string text_;
    std::size_t number_ = 0;
};

struct result {
    std::vector<rate_quote> quotes;
    std::vector<diagnostic> errors;
};

// A record must have as many fields as the header.
bool check_width(const line_at& at, std::size_t want, std::size_t have, result& out) {
    if (have == want) return true;
    out.errors.push_back(error_at(at, at.text.size(),
                                  fmt::format("expected {} fields as in the header, found {}",
                                              want, have),
                                  "bad-rate-file"));
    return false;
}

// ECB wide form: Date,USD,JPY,...  with units per 1 EUR; "N/A" or empty means no rate.
std::vector<std::optional<unit>> ecb_columns(const line_at& at,
                                             const std::vector<csv::field>& header, result& out) {
    std::vector<std::optional<unit>> columns(header.size());
    for (std::size_t i = 1; i < header.size(); ++i) {
        if (header[i].text.empty() && i + 1 == header.size()) continue;  // the trailing comma
        auto u = currency_field(at, header[i]);
        if (u) {
            columns[i] = *u;
        } else {
            out.errors.push_back(u.error());
        }
    }
    return columns;
}

void read_ecb_row(const line_at& at, const std::vector<csv::field>& fields,
                  const std::vector<csv::field>& header,
                  const std::vector<std::optional<unit>>& columns, result& out) {
    const auto on = date_field(at, fields[0]);
    if (!on) return out.errors.push_back(on.error());
    const unit euro = unit::currency("EUR").value();
    for (std::size_t i = 1; i < fields.size(); ++i) {
        const std::string& text = fields[i].text;
        if (text.empty() || text == "N/A") continue;
        if (!columns[i]) {
            // An unknown currency was reported once, at the header; not again on every row.
            if (!header[i].text.empty()) continue;
            out.errors.push_back(error_at(at, fields[i].offset,
                                          "expected no value in a column without a currency",
                                          "bad-rate-file"));
            continue;
        }
        auto rate = rate_field(at, fields[i]);
        if (!rate) {
            out.errors.push_back(rate.error());
            continue;
        }
        out.quotes.push_back({euro, *columns[i], *rate, *on, std::string(ecb_source), {}, {},
                              std::string(at.file), at.number});
    }
}

void read_ecb(reader& in, const std::vector<csv::field>& header, result& out) {
    const auto columns = ecb_columns(in.at(), header, out);
    while (in.next()) {
        auto fields = in.fields();
        if (!fields) {
            out.errors.push_back(fields.error());
            continue;
        }
        if (check_width(in.at(), header.size(), fields->size(), out))
            read_ecb_row(in.at(), *fields, header, columns, out);
    }
}

// Long form: date,base,quote,rate[,source].
void read_long_row(const line_at& at, const std::vector<csv::field>& f, result& out) {
    const auto on = date_field(at, f[0]);
    const auto base = currency_field(at, f[1]);
    const auto quote = currency_field(at, f[2]);
    const auto rate = rate_field(at, f[3]);
    bool ok = true;
    for (const diagnostic* d : {on ? nullptr : &on.error(), base ? nullptr : &base.error(),
                                quote ? nullptr : &quote.error(), rate ? nullptr : &rate.error()}) {
        if (d != nullptr) out.errors.push_back(*d);
        ok = ok && d == nullptr;
    }
    if (!ok) return;
    const std::string source = f.size() > 4 && !f[4].text.empty() ? f[4].text : std::string(at.file);
    out.quotes.push_back({*base, *quote, *rate, *on, source, {}, {}, std::string(at.file), at.number});
}

void read_long(reader& in, std::size_t width, result& out) {
    while (in.next()) {
        auto fields = in.fields();
        if (!fields) {
            out.errors.push_back(fields.error());
            continue;
        }
        if (check_width(in.at(), width, fields->size(), out)) read_long_row(in.at(), *fields, out);
    }
}

bool is_long_header(const std::vector<csv::field>& header) {
    constexpr std::string_view names[] = {"date", "base", "quote", "rate", "source"};
    if (header.size() != 4 && header.size() != 5) return false;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (crossfoot::text::ascii_lower(header[i].text) != names[i]) return false;
    }
    return true;
}

}  // namespace

std::expected<std::vector<rate_quote>, std::vector<diagnostic>> read_rates_csv(
    std::istream& input, std::string_view file_name) {
    reader in(input, file_name);
    result out;
    if (!in.next()) {
        return std::unexpected(std::vector<diagnostic>{
            {std::string(file_name), 1, 1, severity::error,
             "expected a header: Date,USD,... (ECB) or date,base,quote,rate[,source]",
             "bad-rate-file", {}}});
    }
    auto header = in.fields();
    if (!header) return std::unexpected(std::vector<diagnostic>{header.error()});
    if (is_long_header(*header)) {
        read_long(in, header->size(), out);
    } else if (!header->empty() && (*header)[0].text == "Date" && header->size() > 1) {
        read_ecb(in, *header, out);
    } else {
        out.errors.push_back(error_at(
            in.at(), 0, "expected a header: Date,USD,... (ECB) or date,base,quote,rate[,source]",
            "bad-rate-file"));
    }
    if (!out.errors.empty()) return std::unexpected(std::move(out.errors));
    return std::move(out.quotes);
}

std::expected<std::vector<rate_quote>, std::vector<diagnostic>> read_rates_file(
    const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::unexpected(std::vector<diagnostic>{
            {path, 0, 0, severity::error, "cannot open the file for reading: " + why_not_readable(path), "no-file", {}}});
    }
    if (!path.ends_with(".toml")) return read_rates_csv(file, path);
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    return read_rates_toml(text, path);
}

}  // namespace crossfoot
