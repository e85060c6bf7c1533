#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace povsim {

/// A calendar month; `index()` counts months since year 0 so differences are month counts.
struct YearMonth {
  int year = 0;
  int month = 1;  // 1..12
  int index() const { return year * 12 + (month - 1); }
  static YearMonth from_index(int index) { return {index / 12, index % 12 + 1}; }
  std::string str() const;
  auto operator<=>(const YearMonth&) const = default;
};

/// Parses "YYYY-MM"; nullopt if malformed.
std::optional<YearMonth> parse_year_month(std::string_view text);

}  // namespace povsim
