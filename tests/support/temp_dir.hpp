#pragma once
#include <filesystem>
#include <string>

namespace povsim::testing {

/// A fresh directory under the system temporary directory, removed with everything in it when
/// the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  /// Writes `text` to `name` (creating parent folders) and returns the file's path.
  std::filesystem::path write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

/// The whole content of a file ("" if it cannot be read).
std::string read_file(const std::filesystem::path& file);

/// A file under tests/data/ of the source tree.
std::filesystem::path data_file(const std::string& name);

/// A file under scenarios/ of the source tree.
std::filesystem::path scenario_file(const std::string& name);

}  // namespace povsim::testing
