#pragma once
#include <filesystem>
#include <string>

namespace povsim {

/// An output directory written atomically: files go to a hidden temporary sibling, and
/// `commit()` renames it into place (replacing an older run). Destroyed without commit, the
/// temporary is removed, so readers never see a half-written result.
class OutputDir {
 public:
  /// Creates the temporary directory; throws InputError if `target` cannot be written.
  explicit OutputDir(std::filesystem::path target);
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  std::filesystem::path file(const std::string& name) const { return temp_ / name; }
  const std::filesystem::path& target() const { return target_; }
  /// Writes a file; `name` may contain subdirectories (created as needed).
  void write(const std::string& name, const std::string& content) const;
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

}  // namespace povsim
