#pragma once
// Looking at what a povsim command left on disk, and the small run the output tests repeat.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace povsim::testing {

/// The names in `dir` (not recursive), sorted.
std::vector<std::string> entries(const std::filesystem::path& dir);

/// Every regular file under `dir` (relative path → content), to check that nothing changed.
std::map<std::string, std::string> snapshot(const std::filesystem::path& dir);

/// `povsim run` of tests/data/small.yaml at --scale 0.05 on one thread into `out`: the quickest
/// real result, for tests about where and how results are written.
std::vector<std::string> small_run(const std::filesystem::path& out, int replications);

}  // namespace povsim::testing
