#include "core/csv.hpp"

namespace povsim {

namespace {

bool blank(char c) { return c == ' ' || c == '\t'; }

[[noreturn]] void bad(const std::string& file, int line, int column, const std::string& what) {
  throw CsvError({file, line, column}, what);
}

}  // namespace

std::vector<CsvRecord> parse_csv_records(std::string_view text, const std::string& file,
                                         const CsvOptions& options) {
  std::vector<CsvRecord> records;
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  int line = 1;
  std::size_t line_start = 0;  // offset of the current line's first byte, for columns
  const auto column = [&](std::size_t at) { return static_cast<int>(at - line_start) + 1; };
  while (i < text.size()) {
    // Blank lines, and comments before the header.
    std::size_t j = i;
    while (j < text.size() && blank(text[j])) ++j;
    const bool empty_line = j == text.size() || text[j] == '\n' || text[j] == '\r';
    const bool comment =
        options.leading_comments && records.empty() && j < text.size() && text[j] == '#';
    if (empty_line || comment) {
      while (j < text.size() && text[j] != '\n') ++j;
      i = j + 1;
      ++line;
      line_start = i;
      continue;
    }
    CsvRecord record;
    record.line = line;
    while (true) {
      std::size_t start = i;
      if (options.trim)
        while (start < text.size() && blank(text[start])) ++start;
      std::string cell;
      std::size_t end = start;
      const int cell_column = column(start);
      if (start < text.size() && text[start] == '"') {
        const int open_line = line;
        std::size_t k = start + 1;
        while (true) {
          if (k >= text.size())
            bad(file, open_line, cell_column,
                "a quoted cell is not closed (expected a closing \", found the end of the file)");
          if (text[k] == '"') {
            if (k + 1 < text.size() && text[k + 1] == '"') {
              cell += '"';
              k += 2;
              continue;
            }
            ++k;
            break;
          }
          if (text[k] == '\n') {
            ++line;
            line_start = k + 1;
          }
          cell += text[k++];
        }
        end = k;
        if (options.trim)
          while (end < text.size() && blank(text[end])) ++end;
        if (end < text.size() && text[end] != ',' && text[end] != '\n' && text[end] != '\r')
          bad(file, line, column(end),
              "expected a comma or the end of the line after a quoted cell, found text (write a "
              "quote inside a quoted cell as \"\")");
      } else {
        while (end < text.size() && text[end] != ',' && text[end] != '\n' && text[end] != '\r')
          ++end;
        std::size_t stop = end;
        if (options.trim)
          while (stop > start && blank(text[stop - 1])) --stop;
        cell.assign(text.substr(start, stop - start));
      }
      record.cells.push_back(std::move(cell));
      record.columns.push_back(cell_column);
      if (end < text.size() && text[end] == ',') {
        i = end + 1;
        continue;
      }
      // End of the record: CRLF, LF, a lone CR, or the end of the text.
      i = end;
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') ++i;
      ++line;
      line_start = i;
      break;
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace povsim
