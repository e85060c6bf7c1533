#include "output/file_names.hpp"

#include <algorithm>

namespace povsim {

namespace {

/// Length of the valid UTF-8 sequence at s[i] (1–4), or 0 if the bytes there are not one.
std::size_t utf8_length(const std::string& s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n = 0;
  unsigned min = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    n = 2, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, min = 0x10000;
  else
    return 0;
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::string safe_file_name(const std::string& name) {
  constexpr std::size_t kMaxBytes = 120;
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n = utf8_length(name, i);
    std::string piece = n == 0 ? "_" : name.substr(i, n);
    if (n == 1) {
      const unsigned char c = static_cast<unsigned char>(name[i]);
      if (c < 0x20 || c == 0x7F ||
          std::string_view("/\\:*?\"<>|").find(static_cast<char>(c)) != std::string_view::npos)
        piece = "_";
    }
    if (n == 2 && static_cast<unsigned char>(name[i]) == 0xC2 &&
        static_cast<unsigned char>(name[i + 1]) < 0xA0)
      piece = "_";  // C1 control characters
    if (out.size() + piece.size() > kMaxBytes) break;
    out += piece;
    i += n == 0 ? 1 : n;
  }
  if (!out.empty() && out[0] == '.') out[0] = '_';
  if (out.empty()) out = "unnamed";
  return out;
}

std::vector<std::string> distinct_file_names(const std::vector<std::string>& names,
                                             const std::vector<std::string>& reserved) {
  std::vector<std::string> out;
  auto taken = [&](const std::string& n) {
    return std::find(out.begin(), out.end(), n) != out.end() ||
           std::find(reserved.begin(), reserved.end(), n) != reserved.end();
  };
  for (const auto& raw : names) {
    const std::string base = safe_file_name(raw);
    std::string name = base;
    for (int k = 2; taken(name); ++k) name = base + "-" + std::to_string(k);
    out.push_back(name);
  }
  return out;
}

}  // namespace povsim
