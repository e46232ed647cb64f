#pragma once
// Standard base64 (RFC 4648, with padding), for binary state inside JSON session files.
#include <optional>
#include <string>

namespace reglab {

std::string toBase64(const std::string& bytes);
// nullopt when `text` is not base64 (a wrong character, length or padding).
std::optional<std::string> fromBase64(const std::string& text);

} // namespace reglab
