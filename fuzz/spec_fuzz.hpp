#pragma once
// The sweep and calibration targets: their readers take a path and resolve `base:` against it,
// so each input is written to a copy of the shipped tree on tmpfs (once per process), into the
// directory its `#@ ` line names when that is a directory of the tree, else `default_dir`.
#include <cstddef>
#include <cstdint>
#include <filesystem>
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
  const FuzzInput in = split_input({reinterpret_cast<const char*>(data), size});
  // Only directories the tree has: the input never chooses where on disk it is written.
  std::string dir = fs::path(in.path).parent_path().lexically_normal().generic_string();
  if (dir.empty() || dir.starts_with("..") || dir.starts_with("/") || !fs::is_directory(tree / dir))
    dir = default_dir;
  const fs::path file = tree / dir / "fuzz-input.yaml";
  write_file(file, in.text);
  return file;
}

}  // namespace povsim::fuzz
