#include "core/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace povsim {

std::string YearMonth::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::optional<YearMonth> parse_year_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  YearMonth ym;
  if (std::from_chars(text.data(), text.data() + 4, ym.year).ec != std::errc{}) return std::nullopt;
  if (std::from_chars(text.data() + 5, text.data() + 7, ym.month).ec != std::errc{})
    return std::nullopt;
  if (ym.year < 1900 || ym.year > 2200 || ym.month < 1 || ym.month > 12) return std::nullopt;
  return ym;
}

}  // namespace povsim
