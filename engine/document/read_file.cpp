// engine/document/read_file.cpp: a document's bytes from a file or a stream, read whole up to
// a limit.
// SPDX-License-Identifier: MIT
#include <crossfoot/diagnostic.hpp>
#include <crossfoot/document.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <istream>

namespace crossfoot {

std::expected<std::string, document_error> read_document_stream(std::istream& input, std::size_t max_bytes) {
    std::string bytes;
    std::array<char, 1 << 16> block{};
    while (input) {
        input.read(block.data(), static_cast<std::streamsize>(block.size()));
        const auto got = static_cast<std::size_t>(input.gcount());
        if (bytes.size() + got > max_bytes) {
            return std::unexpected(document_error{
                max_bytes,
                fmt::format("expected a document of at most {} bytes (--max-document-bytes), found more", max_bytes),
                "too-large"});
        }
        bytes.append(block.data(), got);
    }
    if (input.bad()) return std::unexpected(document_error{bytes.size(), "the input could not be read to its end", "no-file"});
    return bytes;
}

std::expected<std::string, document_error> read_document_file(const std::string& path, std::size_t max_bytes) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
        return std::unexpected(document_error{0, "'" + path + "' is a directory, not a file", "no-file"});
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return std::unexpected(document_error{0, "cannot open the file for reading: " + why_not_readable(path), "no-file"});
    return read_document_stream(file, max_bytes);
}

std::expected<std::string, diagnostic> claims_document_text(const claims& c, std::size_t max_bytes) {
    if (c.document.text.empty()) return std::string();
    const auto path = path_named_by(c, c.document.text, c.document.text_line);
    if (!path) return std::unexpected(path.error());
    const auto fail = [&](const std::string& message, const std::string& code) {
        return std::unexpected(diagnostic{c.file, std::max<std::size_t>(c.document.text_line, 1), 1, severity::error,
                                          fmt::format("[document] text '{}': {}", c.document.text, message), code, {}});
    };
    const auto bytes = read_document_file(*path, max_bytes);
    if (!bytes) return fail(bytes.error().message, bytes.error().code);
    auto doc = read_document(*bytes);
    if (!doc) return fail(doc.error().message, doc.error().code);
    return std::move(doc->text);
}

}  // namespace crossfoot
