// engine/core/files.cpp: why a file could not be opened.
// SPDX-License-Identifier: MIT
#include <crossfoot/diagnostic.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <system_error>

namespace crossfoot {

namespace {

// The system's words for an error, with a small first letter, as in the rest of a message.
std::string reason(int error) {
    std::string text = std::generic_category().message(error);
    if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

}  // namespace

std::string why_not_readable(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return reason(errno);
    if (S_ISDIR(status.st_mode)) return "a directory, not a file";
    if (::access(path.c_str(), R_OK) != 0) return reason(errno);
    return "the system refused it";  // it was readable a moment later
}

}  // namespace crossfoot
