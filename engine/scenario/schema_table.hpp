#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/params_schema.hpp"

namespace povsim {

/// One scenario key as documentation and as a resolved value.
struct SchemaRow {
  std::string path;
  std::string type;
  std::string unit;
  std::string range;
  std::string value;  // the value in the instance walked
  std::string text;
  std::string text_zh;  // the description in Chinese (empty if the key has none)
  bool lever = false;   // a policy lever (scenario/levers.hpp)
};

/// Walks a parameter struct through `describe()` and lists every key with its value: the
/// source of docs/parameters.md and of the resolved parameters in manifest.json.
class SchemaTable {
 public:
  explicit SchemaTable(std::string prefix = "") : prefix_(std::move(prefix)) {}

  void field(std::string_view key, double& value, Range range, Doc doc);
  void field(std::string_view key, int& value, Range range, Doc doc);
  void field(std::string_view key, std::int64_t& value, Range range, Doc doc);
  void field(std::string_view key, bool& value, Doc doc);
  void field(std::string_view key, std::string& value, Doc doc);
  void field(std::string_view key, YearMonth& value, Doc doc);
  void field(std::string_view key, YearSeries& value, Range range, Doc doc);
  void field(std::string_view key, std::vector<double>& value, Range range, Doc doc);
  template <class S>
  void section(std::string_view key, S& sub, const char* /*text*/,
               const char* /*zh: the text in Chinese*/ = nullptr) {
    SchemaTable child(join(key));
    describe(child, sub);
    for (auto& row : child.rows_) rows_.push_back(std::move(row));
    constraints_.insert(constraints_.end(), child.constraints_.begin(), child.constraints_.end());
  }
  void constraint(std::string_view key, bool ok, const std::string& message);
  void skip(std::string_view) {}
  void finish() {}

  const std::vector<SchemaRow>& rows() const { return rows_; }
  const std::vector<std::string>& constraints() const { return constraints_; }

  /// The markdown table of docs/parameters.md.
  static std::string markdown(const std::vector<SchemaRow>& rows);

 private:
  std::string join(std::string_view key) const;
  void add(std::string_view key, std::string type, Doc doc, std::string range, std::string value);
  std::string prefix_;
  std::vector<SchemaRow> rows_;
  std::vector<std::string> constraints_;
};

std::string format_number(double x);

}  // namespace povsim
