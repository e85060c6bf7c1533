#include "support/outputs.hpp"

#include <algorithm>

#include "support/temp_dir.hpp"

namespace povsim::testing {

namespace fs = std::filesystem;

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[e.path().lexically_relative(dir).string()] = read_file(e.path());
  return files;
}

std::vector<std::string> small_run(const fs::path& out, int replications) {
  return {"run",
          data_file("small.yaml").string(),
          "--scale",
          "0.05",
          "--replications",
          std::to_string(replications),
          "--threads",
          "1",
          "--out",
          out.string()};
}

}  // namespace povsim::testing
