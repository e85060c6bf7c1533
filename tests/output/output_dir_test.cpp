#include "output/output_dir.hpp"

#include <gtest/gtest.h>

#include "core/diagnostics.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::TempDir;

/// Names of everything in `dir`.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OutputDir, FilesAppearInTheTargetOnlyAtCommit) {
  TempDir dir;
  const fs::path target = dir / "results";
  {
    OutputDir out(target);
    out.write("annual.csv", "a\n");
    out.write("summary.csv", "s\n");
    EXPECT_FALSE(fs::exists(target));
    out.commit();
  }
  EXPECT_EQ(read_file(target / "annual.csv"), "a\n");
  EXPECT_EQ(read_file(target / "summary.csv"), "s\n");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));  // no temporary left
}

TEST(OutputDir, WithoutCommitNothingIsLeft) {
  TempDir dir;
  {
    OutputDir out(dir / "results");
    out.write("annual.csv", "half");
  }
  EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(OutputDir, UncommittedRunLeavesAnEarlierResultUntouched) {
  TempDir dir;
  dir.write("results/annual.csv", "old\n");
  {
    OutputDir out(dir / "results");
    out.write("annual.csv", "new\n");
  }
  EXPECT_EQ(read_file(dir / "results/annual.csv"), "old\n");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));
}

TEST(OutputDir, ExistingTargetIsReplacedWhole) {
  TempDir dir;
  dir.write("results/annual.csv", "old\n");
  dir.write("results/stale.txt", "from an earlier run\n");
  {
    OutputDir out(dir / "results");
    out.write("annual.csv", "new\n");
    out.commit();
  }
  EXPECT_EQ(read_file(dir / "results/annual.csv"), "new\n");
  EXPECT_FALSE(fs::exists(dir / "results/stale.txt"));
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));
}

TEST(OutputDir, CreatesMissingParentDirectories) {
  TempDir dir;
  {
    OutputDir out(dir / "a/b/results/");
    out.write("x", "1");
    out.commit();
  }
  EXPECT_EQ(read_file(dir / "a/b/results/x"), "1");
}

TEST(OutputDir, TargetThatIsAFileIsBadInputAndKept) {
  TempDir dir;
  const fs::path file = dir.write("results", "precious");
  EXPECT_THROW(OutputDir out(file), InputError);
  EXPECT_EQ(read_file(file), "precious");
}

TEST(OutputDir, ParentThatIsAFileIsBadInput) {
  TempDir dir;
  const fs::path file = dir.write("plain-file", "");
  EXPECT_THROW(OutputDir out(file / "results"), InputError);
}

}  // namespace
}  // namespace povsim
