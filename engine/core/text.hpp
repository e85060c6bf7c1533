#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace povsim {

/// Byte offset of the first byte that does not belong to well-formed UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF are ill-formed), or npos when all of `text` is.
std::size_t first_invalid_utf8(std::string_view text);

/// 1-based line and column (in bytes) of `offset` in `text`.
struct TextPlace {
  int line = 1;
  int column = 1;
};
TextPlace place_of(std::string_view text, std::size_t offset);

/// What is wrong with `text` as a name of a region, scenario or other thing povsim writes into
/// its outputs, or "" when nothing is: it must be non-empty, valid UTF-8, and hold no control
/// character (U+0000–U+001F, U+007F–U+009F, including \r and \n) and no line or paragraph
/// separator (U+2028, U+2029).
std::string name_problem(std::string_view text);

/// The Unicode NFKC normal form of valid UTF-8 `text`: names whose forms are equal look alike
/// (composed and decomposed 县, full-width and ASCII letters) and count as the same name.
std::string nfkc(std::string_view text);

/// A message telling how to convert a file that is not UTF-8 (e.g. a CSV saved by Excel in GBK).
std::string not_utf8_message(std::string_view text, std::size_t offset);

}  // namespace povsim
