#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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

/// Limits on YAML that povsim reads (docs/scenarios.md, "Limits"): deeper nesting or longer lists
/// than any real scenario has are refused before they cost time or memory.
inline constexpr int kMaxYamlDepth = 64;
inline constexpr std::size_t kMaxYamlListSize = 1'000'000;

/// Reads an input file whole; nothing when it cannot be read. Empty (the default everywhere):
/// read from disk through read_input_file. The fuzzers serve a virtual tree of files through it.
using FileReader = std::function<std::optional<std::string>(const std::filesystem::path&)>;

/// Whether `file` can be read: through `read` when given, else on disk.
bool input_exists(const std::filesystem::path& file, const FileReader& read);

/// A user's file whole: through `read` when given (InputFileError "no such file" when it serves
/// nothing), else read_input_file (regular files only, size-limited). `what` names its role.
std::string read_input_text(const std::filesystem::path& file, std::string_view what,
                            const FileReader& read);

/// Reads a YAML file (through read_input_text; `what` names its role in messages). A file that
/// cannot be read, is not UTF-8, is nested too deep, holds more than one document, has syntax
/// errors, duplicate keys or is empty is reported in `diags` with its position; returns a null
/// node then.
ConfigNode load_yaml_file(const std::filesystem::path& file, Diagnostics& diags,
                          std::string_view what = "YAML file", const FileReader& read = {});

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
