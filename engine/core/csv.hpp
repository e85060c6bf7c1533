#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.hpp"

namespace povsim {

/// Malformed CSV (a quote left open, text after a closing quote): bad input at `origin`.
class CsvError : public InputError {
 public:
  CsvError(Origin origin, std::string problem)
      : InputError(origin.file + ":" + std::to_string(origin.line) + ":" +
                   std::to_string(origin.column) + ": error: " + problem + "\n"),
        origin_(std::move(origin)),
        problem_(std::move(problem)) {}
  const Origin& origin() const { return origin_; }
  const std::string& problem() const { return problem_; }

 private:
  Origin origin_;
  std::string problem_;
};

/// One CSV record with the 1-based line and column where each cell starts.
struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
  std::vector<int> columns;
};

struct CsvOptions {
  /// Lines whose first non-blank character is `#` before the first record (the header) are
  /// comments. After it every line is data, so a cell like `#1村` is a name, not a comment.
  bool leading_comments = false;
  /// Spaces and tabs around an unquoted cell are dropped (hand-written tables align columns).
  bool trim = false;
};

/// Splits CSV text into records (RFC 4180: a cell in double quotes may hold commas, line breaks
/// and `""` for a quote; the quotes are not part of the cell). A UTF-8 byte-order mark at the
/// start is skipped, CRLF and LF both end a record, blank lines are skipped. A quote left open
/// or text after a closing quote is bad input: CsvError `file:line:col: error: …`.
std::vector<CsvRecord> parse_csv_records(std::string_view text, const std::string& file,
                                         const CsvOptions& options = {});

}  // namespace povsim
