#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostics.hpp"

namespace povsim {

/// A YAML document as a plain tree in which every node remembers the file, line and column it
/// came from, so that merged scenarios (extends, profiles, --set) still report exact places.
struct ConfigNode {
  enum class Kind { kNull, kScalar, kMap, kSequence };
  Kind kind = Kind::kNull;
  std::string scalar;
  std::vector<std::pair<std::string, ConfigNode>> map;  // file order
  std::vector<ConfigNode> seq;
  Origin origin;
  Origin key_origin;  // where the key naming this node stands (maps only)

  // Defined out of line, where ConfigNode is complete: `map` holds pairs of ConfigNode, and
  // clang with libstdc++ rejects instantiating them inside the class (GCC accepts it).
  ConfigNode();
  ConfigNode(const ConfigNode&);
  ConfigNode(ConfigNode&&) noexcept;
  ConfigNode& operator=(const ConfigNode&);
  ConfigNode& operator=(ConfigNode&&) noexcept;
  ~ConfigNode();

  bool is_map() const { return kind == Kind::kMap; }
  bool is_seq() const { return kind == Kind::kSequence; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  const ConfigNode* find(std::string_view key) const;
  ConfigNode* find(std::string_view key);
  /// Removes `key` from a map; returns whether it was there.
  bool erase(std::string_view key);
  /// A short description of what this node is, for "found …" in messages.
  std::string describe() const;
};

/// Reads an input file whole; nothing when it cannot be read. Empty (the default everywhere):
/// read from disk. The fuzzers serve a virtual tree of files through it.
using FileReader = std::function<std::optional<std::string>(const std::filesystem::path&)>;

/// Whether `file` can be read: through `read` when given, else on disk.
bool input_exists(const std::filesystem::path& file, const FileReader& read);

/// Reads a YAML file. Syntax errors, an empty document and duplicate keys are reported in
/// `diags` with their positions; returns a null node then.
ConfigNode load_yaml_file(const std::filesystem::path& file, Diagnostics& diags,
                          const FileReader& read = {});

/// Parses YAML text (for --set values and tests); `origin_name` stands in for the file name.
ConfigNode parse_yaml_text(const std::string& text, const std::string& origin_name,
                           Diagnostics& diags, int column_offset = 0);

/// Deep-merges `over` onto `base`: maps merge key by key, anything else is replaced.
void merge_into(ConfigNode& base, const ConfigNode& over);

/// Sets a dotted key path to `value`, creating maps on the way. A path segment addresses a list
/// element by its `name` field or by its index. Returns false (with a diagnostic) when a segment
/// cannot be followed.
bool set_path(ConfigNode& root, const std::string& dotted, ConfigNode value, const Origin& origin,
              Diagnostics& diags);

/// Splits "a.b.c" into segments.
std::vector<std::string> split_path(const std::string& dotted);

/// Converts the tree to JSON-like text for hashing or display (keys in file order).
std::string to_canonical_string(const ConfigNode& node);

}  // namespace povsim
