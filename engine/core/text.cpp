#include "core/text.hpp"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <cstdint>
#include <cstdio>
#include <vector>

namespace povsim {

namespace {

/// Decodes one code point at `i`; returns its length in bytes, or 0 when ill-formed.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  std::size_t n = 0;
  std::uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

TextPlace place_of(std::string_view text, std::size_t offset) {
  TextPlace p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::string name_problem(std::string_view text) {
  if (text.empty()) return "expected a non-empty name, found an empty one";
  std::size_t i = 0;
  bool visible = false;  // a name of spaces alone prints as nothing in a table or a file name
  while (i < text.size()) {
    std::uint32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (n == 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
      return std::string("expected a UTF-8 name, found the byte ") + hex + " at byte " +
             std::to_string(i + 1) + " (is the file in GBK? convert it with iconv -f GBK -t UTF-8)";
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
      return std::string("expected a name without control characters, found ") + code +
             (cp == '\r'   ? " (a carriage return: save the file with Unix line ends)"
              : cp == '\n' ? " (a line break)"
              : cp == '\t' ? " (a tab)"
                           : "") +
             " at byte " + std::to_string(i + 1);
    }
    visible |= cp != ' ' && cp != 0xA0 && cp != 0x3000;
    i += n;
  }
  if (!visible) return "expected a name with a visible character, found only spaces";
  return "";
}

std::string nfkc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2* norm = unorm2_getNFKCInstance(&status);
  if (U_FAILURE(status)) return std::string(text);
  std::vector<UChar> wide(text.size() + 1);
  int32_t wide_len = 0;
  u_strFromUTF8(wide.data(), static_cast<int32_t>(wide.size()), &wide_len, text.data(),
                static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) return std::string(text);
  // NFKC can grow a string (a ligature becomes letters): ask for the size, then normalise.
  std::vector<UChar> normal(static_cast<std::size_t>(wide_len) * 4 + 16);
  int32_t normal_len = unorm2_normalize(norm, wide.data(), wide_len, normal.data(),
                                        static_cast<int32_t>(normal.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    normal.resize(static_cast<std::size_t>(normal_len));
    normal_len = unorm2_normalize(norm, wide.data(), wide_len, normal.data(),
                                  static_cast<int32_t>(normal.size()), &status);
  }
  if (U_FAILURE(status)) return std::string(text);
  std::string out(static_cast<std::size_t>(normal_len) * 3 + 1, '\0');
  int32_t out_len = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &out_len, normal.data(), normal_len,
              &status);
  if (U_FAILURE(status)) return std::string(text);
  out.resize(static_cast<std::size_t>(out_len));
  return out;
}

std::string not_utf8_message(std::string_view text, std::size_t offset) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[offset]));
  return std::string("not UTF-8 (byte ") + hex +
         "); povsim reads UTF-8 only: convert the file, e.g. iconv -f GBK -t UTF-8 FILE > "
         "FILE.utf8 for a file saved in GBK (as Excel saves CSV on Chinese Windows)";
}

}  // namespace povsim
