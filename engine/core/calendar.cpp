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
  // Every character must be a digit: from_chars alone would accept "2021-1x" as 2021-01.
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  std::from_chars(text.data(), text.data() + 4, ym.year);
  std::from_chars(text.data() + 5, text.data() + 7, ym.month);
  if (ym.year < 1900 || ym.year > 2200 || ym.month < 1 || ym.month > 12) return std::nullopt;
  return ym;
}

}  // namespace povsim
