#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.hpp"
#include "scenario/config_tree.hpp"
#include "scenario/params_schema.hpp"

namespace povsim {

/// Reads one mapping of a ConfigNode tree into a parameter struct through its `describe()`:
/// every key required, typed and range-checked, unknown keys reported with a did-you-mean.
/// Problems go to `Diagnostics`; reading goes on so that all of them are reported at once.
class SchemaReader {
 public:
  SchemaReader(const ConfigNode& node, std::string path, Diagnostics& diags, int first_year,
               int last_year);

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
    const ConfigNode* node = take(key);
    if (!node) return;
    if (!node->is_map()) {
      type_error(*node, key, "a mapping");
      return;
    }
    SchemaReader child(*node, join(key), diags_, first_year_, last_year_);
    describe(child, sub);
    child.finish();
  }

  /// A cross-field rule; reported at `key` only if the fields it reads were valid.
  void constraint(std::string_view key, bool ok, const std::string& message);

  /// Marks keys that another reader validates (e.g. region blocks at the scenario's top level).
  void skip(std::string_view key);
  /// Reports keys that no field, section or skip claimed.
  void finish();

  /// Number parsing shared with --set handling and sweep files.
  static bool parse_double(const std::string& text, double& out);
  static bool parse_int(const std::string& text, std::int64_t& out);

 private:
  const ConfigNode* take(std::string_view key);
  std::string join(std::string_view key) const;
  void type_error(const ConfigNode& node, std::string_view key, const std::string& expected);
  bool read_number(const ConfigNode& node, std::string_view key, Range range, bool integer,
                   double& out);

  const ConfigNode& node_;
  std::string path_;
  Diagnostics& diags_;
  int first_year_;
  int last_year_;
  std::size_t errors_at_start_;
  std::vector<std::string> known_;
};

}  // namespace povsim
