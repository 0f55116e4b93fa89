// engine/core/json_writer.hpp: JSON written as it goes, in the layout of nlohmann::json's
// dump(indent) (private to the library). For documents with millions of elements, which as
// json values would take a kilobyte each and most of a run's time; small documents are
// built as json values instead.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crossfoot::json_out {

// Appends `text` as a JSON string: quotes, backslashes and control characters escaped as
// nlohmann::json escapes them; other bytes (UTF-8 text) as they are.
inline void append_string(std::string& out, std::string_view text) {
    out += '"';
    const auto plain = [](char c) { return c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20; };
    std::size_t run = 0;  // bytes that need no escape, appended at once
    while (run < text.size() && plain(text[run])) ++run;
    out += text.substr(0, run);
    for (const char c : text.substr(run)) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                constexpr std::string_view hex = "0123456789abcdef";
                out += "\\u00";
                out += hex[static_cast<unsigned char>(c) >> 4];
                out += hex[static_cast<unsigned char>(c) & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Objects and arrays, each member or element on a line of its own, indented by `indent`
// spaces a level; an empty one as {} or [].
class writer {
public:
    writer(std::string& out, int indent) : out_(out), indent_(static_cast<std::size_t>(indent)) {}

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    // A member's name; its value follows.
    void key(std::string_view name) {
        next();
        append_string(out_, name);
        out_ += ": ";
        after_key_ = true;
    }
    void string(std::string_view value) {
        next();
        append_string(out_, value);
    }
    void number(std::uint64_t value) {
        next();
        out_ += std::to_string(value);
    }
    void null() {
        next();
        out_ += "null";
    }

    // A writer into `out` that goes on from where this one stands, inside the same
    // containers, for a part of the document made apart (on another thread); `after_some`:
    // the innermost container holds something before that part.
    [[nodiscard]] writer part(std::string& out, bool after_some) const {
        writer w(out, static_cast<int>(indent_));
        w.open_ = open_;
        if (!w.open_.empty()) w.open_.back() = !after_some;
        return w;
    }
    // Goes on after parts made apart that put something into the innermost container.
    void after_parts() {
        if (!open_.empty()) open_.back() = false;
    }

private:
    // Before a value: a comma and a new line inside a container, nothing after a key.
    void next() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (open_.empty()) return;
        out_ += open_.back() ? "\n" : ",\n";
        open_.back() = false;
        out_.append(indent_ * open_.size(), ' ');
    }
    void open(char bracket) {
        next();
        out_ += bracket;
        open_.push_back(true);
    }
    void close(char bracket) {
        const bool empty = open_.back();
        open_.pop_back();
        if (!empty) {
            out_ += '\n';
            out_.append(indent_ * open_.size(), ' ');
        }
        out_ += bracket;
    }

    std::string& out_;
    std::size_t indent_;
    std::vector<bool> open_;  // per open container: nothing in it yet
    bool after_key_ = false;
};

}  // namespace crossfoot::json_out
