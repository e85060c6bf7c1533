#pragma once
// What the fuzz targets share: the tree of shipped inputs (scenarios/ and tests/data/, read once)
// and the layout of a fuzz input that stands for several files.
//
// A fuzz input is the text of one file, optionally preceded by lines that say where it lives and
// what else changes (all are YAML comments, so a seed stays a valid file):
//   #@ scenarios/x.yaml      the input's path in the tree (default: scenarios/fuzz-input.yaml)
//   #@set KEY=VALUE          a --set override (the scenario loader only)
// and followed by further files of the tree, each after a line
//   #@file tests/data/y.yaml
// (the scenario loader only: it reads its files through LoadOptions::read_file).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace povsim::fuzz {

/// The shipped inputs: path relative to the source tree → contents.
const std::map<std::string, std::string>& source_tree();

struct FuzzInput {
  std::string path = "scenarios/fuzz-input.yaml";  // relative to the tree
  std::vector<std::string> overrides;
  std::string text;                          // the input file itself
  std::map<std::string, std::string> extra;  // further files, relative path → contents
};

FuzzInput split_input(std::string_view data);

/// A directory of its own under /dev/shm (tmpfs: no disk writes per iteration), removed at exit.
const std::filesystem::path& scratch_dir();

/// Writes `text` to `file`, creating its directory.
void write_file(const std::filesystem::path& file, std::string_view text);

}  // namespace povsim::fuzz
