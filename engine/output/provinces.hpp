#pragma once
#include <span>
#include <string>
#include <string_view>

namespace povsim {

/// One of China's 34 provincial-level divisions, under the names a regions table may give it:
/// the short name (河北, 内蒙古, 新疆 — the form scenarios/data/national-counties.csv uses, and
/// the `name` of the report map's features), the full name (河北省, 内蒙古自治区, 新疆维吾尔自治区)
/// and the English name for the report's `--lang en`.
struct Province {
  std::string_view short_name;
  std::string_view full_name;
  std::string_view english;
};

/// All 34, in the order of their administrative codes (11 北京 … 82 澳门).
std::span<const Province> provinces();

/// The province a region's `province` names, by its short or full name (after trimming spaces;
/// also the full name without its 省/市/自治区 ending, e.g. 广西壮族 or 新疆维吾尔), or nullptr
/// when it names none of the 34 (then the report's map leaves the region out and says so).
const Province* find_province(std::string_view name);

}  // namespace povsim
