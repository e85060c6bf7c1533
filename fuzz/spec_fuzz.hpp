#pragma once
// The sweep and calibration targets: their readers take a path and resolve `base:` against it,
// so each input is written to a copy of the shipped tree on tmpfs (once per process), into the
// directory its `#@ ` line names when that is a directory of the tree, else `default_dir`.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include "fuzz_input.hpp"

namespace povsim::fuzz {

inline std::filesystem::path place_spec(const std::uint8_t* data, std::size_t size,
                                        const std::string& default_dir) {
  namespace fs = std::filesystem;
  static const fs::path tree = [] {
    const fs::path t = scratch_dir() / "tree";
    for (const auto& [rel, text] : source_tree()) write_file(t / rel, text);
    return t;
  }();
  static const std::set<std::string> dirs = [] {
    std::set<std::string> d;
    for (const auto& entry : source_tree())
      d.insert(fs::path(entry.first).parent_path().generic_string());
    return d;
  }();
  const FuzzInput in = split_input({reinterpret_cast<const char*>(data), size});
  // Only directories the tree has (compared as text: a path with a NUL byte or `..` is not
  // one), so the input never chooses where on disk it is written.
  std::string dir = fs::path(in.path).parent_path().generic_string();
  if (!dirs.contains(dir)) dir = default_dir;
  const fs::path file = tree / dir / "fuzz-input.yaml";
  write_file(file, in.text);
  return file;
}

}  // namespace povsim::fuzz
