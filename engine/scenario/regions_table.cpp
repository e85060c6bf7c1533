#include "scenario/regions_table.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace povsim {

namespace {

constexpr std::array<const char*, 4> kColumns{"county", "province", "households", "profile"};

/// Cells of one line and the 1-based column at which each starts (no quoting: a cell holding a
/// quote or comma is not supported, and none is needed for names and paths).
struct Cells {
  std::vector<std::string> text;
  std::vector<int> column;
};

Cells split(const std::string& line) {
  Cells c;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    std::string cell =
        line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // Trim spaces around a cell.
    const std::size_t b = cell.find_first_not_of(" \t");
    const std::size_t e = cell.find_last_not_of(" \t");
    c.text.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    c.column.push_back(static_cast<int>(start + (b == std::string::npos ? 0 : b)) + 1);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return c;
}

ConfigNode scalar(const std::string& text, const Origin& origin) {
  ConfigNode n;
  n.kind = ConfigNode::Kind::kScalar;
  n.scalar = text;
  n.origin = origin;
  n.key_origin = origin;
  return n;
}

}  // namespace

// One pass over the rows with every check in place, so each problem keeps its line and column;
// splitting it waits for the single CSV reader of issue 15.
// NOLINTNEXTLINE(readability-function-cognitive-complexity)
ConfigNode read_regions_table(const std::filesystem::path& table, const Origin& named_at,
                              Diagnostics& diags, const FileReader& read) {
  ConfigNode regions;
  regions.kind = ConfigNode::Kind::kSequence;
  regions.origin = named_at;
  std::optional<std::string> served;
  if (read) served = read(table);
  std::istringstream served_text(served.value_or(""));
  std::ifstream disk;
  if (!read) disk.open(table, std::ios::binary);
  std::istream& in = read ? static_cast<std::istream&>(served_text) : disk;
  if (read ? !served : !disk) {
    diags.error(named_at, "regions_table",
                "expected a readable CSV file, found nothing at " + table.string());
    return regions;
  }
  const std::string file = table.string();
  const std::size_t problems_before = diags.reported();
  std::array<int, kColumns.size()> index{};  // column of each required field in the header
  bool have_header = false;
  std::size_t width = 0;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
    if (line.find_first_not_of(" \t") == std::string::npos || line.starts_with("#")) continue;
    const Cells cells = split(line);
    if (!have_header) {
      have_header = true;
      width = cells.text.size();
      for (std::size_t k = 0; k < kColumns.size(); ++k) {
        index[k] = -1;
        for (std::size_t c = 0; c < cells.text.size(); ++c)
          if (cells.text[c] == kColumns[k]) index[k] = static_cast<int>(c);
        if (index[k] < 0)
          diags.error({file, line_no, 1}, "regions_table",
                      std::string("expected a header with the column `") + kColumns[k] +
                          "` (columns: county, province, households, profile), found \"" + line +
                          "\"");
      }
      for (std::size_t c = 0; c < cells.text.size(); ++c) {
        bool known = false;
        for (const char* k : kColumns) known = known || cells.text[c] == k;
        if (!known)
          diags.error({file, line_no, cells.column[c]}, "regions_table",
                      "unknown column `" + cells.text[c] +
                          "` (columns: county, province, households, profile)");
      }
      if (diags.reported() != problems_before) return regions;
      continue;
    }
    const std::string path = "regions_table[row " + std::to_string(regions.seq.size() + 1) + "]";
    if (cells.text.size() != width) {
      diags.error({file, line_no, 1}, path,
                  "expected " + std::to_string(width) + " cells like the header, found " +
                      std::to_string(cells.text.size()));
      continue;
    }
    ConfigNode item;
    item.kind = ConfigNode::Kind::kMap;
    item.origin = {file, line_no, 1};
    bool ok = true;
    for (std::size_t k = 0; k < kColumns.size(); ++k) {
      const auto c = static_cast<std::size_t>(index[k]);
      const Origin at{file, line_no, cells.column[c]};
      const std::string& text = cells.text[c];
      if (text.empty()) {
        diags.error(at, path + "." + kColumns[k], "expected a value, found an empty cell");
        ok = false;
        continue;
      }
      if (std::string(kColumns[k]) == "households") {
        const bool digits = text.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || text.size() > 10 || std::stoll(text) < 1) {
          diags.error(at, path + ".households",
                      "expected a positive whole number of households, found \"" + text + "\"");
          ok = false;
          continue;
        }
      }
      if (std::string(kColumns[k]) == "province") continue;  // documents the row only
      const char* key = std::string(kColumns[k]) == "county" ? "name" : kColumns[k];
      item.map.emplace_back(key, scalar(text, at));
    }
    if (ok) regions.seq.push_back(std::move(item));
  }
  if (!have_header)
    diags.error({file, 1, 1}, "regions_table",
                "expected a header (county, province, households, profile) and rows, found an "
                "empty table");
  else if (regions.seq.empty() && diags.reported() == problems_before)
    diags.error({file, 1, 1}, "regions_table", "expected at least one region row, found none");
  return regions;
}

}  // namespace povsim
