#include "scenario/regions_table.hpp"

#include <array>
#include <charconv>
#include <string>
#include <vector>

#include "core/csv.hpp"
#include "core/input_file.hpp"
#include "core/text.hpp"

namespace povsim {

namespace {

constexpr std::array<const char*, 4> kColumns{"county", "province", "households", "profile"};
/// Optional: the region's random stream id (the `stream` key of a region in YAML).
constexpr const char* kStreamColumn = "stream";

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
  const std::string file = table.string();
  std::vector<CsvRecord> records;
  try {
    const std::string text = read_input_text(table, "regions table", read);
    if (const std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
      const TextPlace at = place_of(text, bad);
      diags.error({file, at.line, at.column}, "regions_table", not_utf8_message(text, bad));
      return regions;
    }
    records = parse_csv_records(text, file, {.leading_comments = true, .trim = true});
  } catch (const InputFileError& e) {
    diags.error(named_at, "regions_table", e.reason());
    return regions;
  } catch (const CsvError& e) {
    diags.error(e.origin(), "regions_table", e.problem());
    return regions;
  }
  const std::size_t problems_before = diags.reported();
  std::array<int, kColumns.size()> index{};  // column of each required field in the header
  int stream_index = -1;
  const bool have_header = !records.empty();
  std::size_t width = 0;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const CsvRecord& cells = records[r];
    const int line_no = cells.line;
    if (r == 0) {
      width = cells.cells.size();
      std::string header;
      for (const auto& c : cells.cells) header += (header.empty() ? "" : ",") + c;
      for (std::size_t k = 0; k < kColumns.size(); ++k) {
        index[k] = -1;
        for (std::size_t c = 0; c < cells.cells.size(); ++c)
          if (cells.cells[c] == kColumns[k]) index[k] = static_cast<int>(c);
        if (index[k] < 0)
          diags.error({file, line_no, 1}, "regions_table",
                      std::string("expected a header with the column `") + kColumns[k] +
                          "` (columns: county, province, households, profile), found \"" + header +
                          "\"");
      }
      for (std::size_t c = 0; c < cells.cells.size(); ++c) {
        bool known = cells.cells[c] == kStreamColumn;
        if (known) stream_index = static_cast<int>(c);
        for (const char* k : kColumns) known = known || cells.cells[c] == k;
        if (!known)
          diags.error({file, line_no, cells.columns[c]}, "regions_table",
                      "unknown column `" + cells.cells[c] +
                          "` (columns: county, province, households, profile; optional: stream)");
      }
      if (diags.reported() != problems_before) return regions;
      continue;
    }
    // Rows are named by their line in the file, where a spreadsheet user finds them.
    const std::string path = "regions_table[line " + std::to_string(line_no) + "]";
    if (cells.cells.size() != width) {
      diags.error({file, line_no, 1}, path,
                  "expected " + std::to_string(width) + " cells like the header, found " +
                      std::to_string(cells.cells.size()));
      continue;
    }
    ConfigNode item;
    item.kind = ConfigNode::Kind::kMap;
    item.origin = {file, line_no, 1};
    bool ok = true;
    for (std::size_t k = 0; k < kColumns.size(); ++k) {
      const auto c = static_cast<std::size_t>(index[k]);
      const Origin at{file, line_no, cells.columns[c]};
      const std::string& text = cells.cells[c];
      if (text.empty()) {
        diags.error(at, path + "." + kColumns[k], "expected a value, found an empty cell");
        ok = false;
        continue;
      }
      if (std::string(kColumns[k]) == "households") {
        std::int64_t n = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || n < 1 || n > 1'000'000'000) {
          diags.error(at, path + ".households",
                      "expected a positive whole number of households, found \"" + text + "\"");
          ok = false;
          continue;
        }
      }
      // county is the region's name; province, households and profile keep their keys.
      const char* key = std::string(kColumns[k]) == "county" ? "name" : kColumns[k];
      item.map.emplace_back(key, scalar(text, at));
    }
    if (stream_index >= 0) {
      const auto c = static_cast<std::size_t>(stream_index);
      // An empty stream cell keeps the id derived from the name.
      if (!cells.cells[c].empty())
        item.map.emplace_back(kStreamColumn,
                              scalar(cells.cells[c], {file, line_no, cells.columns[c]}));
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
