#include "output/output_dir.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/diagnostics.hpp"
#include "support/outputs.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::entries;
using testing::read_file;
using testing::TempDir;

/// An earlier povsim result at `target` holding `files` (name → content).
void earlier_result(const fs::path& target, const std::map<std::string, std::string>& files) {
  OutputDir out(target);
  for (const auto& [name, content] : files) out.write(name, content);
  out.commit();
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
  EXPECT_TRUE(owned_by_povsim(target));
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
  earlier_result(dir / "results", {{"annual.csv", "old\n"}});
  {
    OutputDir out(dir / "results");
    out.write("annual.csv", "new\n");
  }
  EXPECT_EQ(read_file(dir / "results/annual.csv"), "old\n");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));
}

TEST(OutputDir, ExistingTargetIsReplacedWhole) {
  TempDir dir;
  earlier_result(dir / "results",
                 {{"annual.csv", "old\n"}, {"stale.txt", "from an earlier run\n"}});
  {
    OutputDir out(dir / "results");
    out.write("annual.csv", "new\n");
    out.commit();
  }
  EXPECT_EQ(read_file(dir / "results/annual.csv"), "new\n");
  EXPECT_FALSE(fs::exists(dir / "results/stale.txt"));
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));
}

TEST(OutputDir, EmptyDirectoryIsReplaced) {
  TempDir dir;
  fs::create_directory(dir / "results");
  {
    OutputDir out(dir / "results");
    out.write("x", "1");
    out.commit();
  }
  EXPECT_EQ(read_file(dir / "results/x"), "1");
}

TEST(OutputDir, DirectoryPovsimDidNotWriteIsRefusedAndKept) {
  TempDir dir;
  dir.write("results/notes.txt", "mine");
  EXPECT_THROW(OutputDir out(dir / "results"), InputError);
  EXPECT_EQ(read_file(dir / "results/notes.txt"), "mine");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));
}

TEST(OutputDir, FileAddedToAnEarlierResultMakesItNotPovsims) {
  TempDir dir;
  earlier_result(dir / "results", {{"annual.csv", "old\n"}});
  dir.write("results/sub/notes.txt", "mine");
  EXPECT_FALSE(owned_by_povsim(dir / "results"));
  EXPECT_THROW(OutputDir out(dir / "results"), InputError);
  EXPECT_EQ(read_file(dir / "results/sub/notes.txt"), "mine");
}

TEST(OutputDir, NameLeavingTheDirectoryIsRefused) {
  TempDir dir;
  OutputDir out(dir / "results");
  EXPECT_THROW(out.write("../escape.csv", "x"), std::logic_error);
  EXPECT_THROW(out.write("/tmp/escape.csv", "x"), std::logic_error);
  EXPECT_FALSE(fs::exists(dir / "escape.csv"));
}

TEST(OutputDir, ReplacedResultOfAKilledRunIsPutBack) {
  // Killed between the two renames of the fallback replacement: the target is gone and the old
  // result waits at .results.old-PID-*; the next OutputDir puts it back before anything else.
  TempDir dir;
  earlier_result(dir / "results", {{"annual.csv", "old\n"}});
  fs::rename(dir / "results", dir / ".results.old-999999-0");
  { OutputDir out(dir / "results"); }
  EXPECT_EQ(read_file(dir / "results/annual.csv"), "old\n");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));
}

TEST(OutputDir, StaleTemporariesAreRemovedButNotForeignOnes) {
  TempDir dir;
  // What a killed povsim leaves: its temporary with the marker (nobody holds it any more).
  dir.write(".results.tmp-999999-0/.povsim-output", "{\"schema\": \"povsim-output/1\"}");
  dir.write(".results.tmp-999999-0/annual.csv", "half");
  fs::create_directory(dir / ".results.tmp-999998-0");
  // Not povsim's (no marker), whatever its name: kept.
  dir.write(".results.tmp-1-mine/notes.txt", "mine");
  {
    OutputDir out(dir / "results");
    out.write("x", "1");
    out.commit();
  }
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{".results.tmp-1-mine", "results"}));
  EXPECT_EQ(read_file(dir / ".results.tmp-1-mine/notes.txt"), "mine");
}

TEST(OutputDir, TemporaryOfALiveWriterIsLeftAlone) {
  TempDir dir;
  OutputDir first(dir / "results");
  first.write("a", "1");
  {
    OutputDir second(dir / "results");  // cleans what is stale: not `first`'s temporary
    second.write("b", "2");
    second.commit();
  }
  first.commit();
  EXPECT_EQ(read_file(dir / "results/a"), "1");
  EXPECT_FALSE(fs::exists(dir / "results/b"));
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"results"}));
}

TEST(OutputDir, RootWorkingDirectoryAndInputsAreRefused) {
  TempDir dir;
  EXPECT_THROW(check_output_target("/", {}), InputError);
  EXPECT_THROW(check_output_target(".", {}), InputError);
  EXPECT_THROW(check_output_target(fs::current_path().parent_path(), {}), InputError);
  const fs::path scenario = dir.write("s/x.yaml", "");
  EXPECT_THROW(check_output_target(dir / "s", {"run", {scenario}}), InputError);
  EXPECT_THROW(check_output_target(dir.path(), {"run", {scenario}}), InputError);
  EXPECT_NO_THROW(check_output_target(dir / "s2", {"run", {scenario}}));
  EXPECT_NO_THROW(check_output_target(dir / "s" / "out", {"run", {scenario}}));
}

TEST(OutputDir, SymbolicLinkIsRefused) {
  TempDir dir;
  fs::create_directory(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "link");
  EXPECT_THROW(OutputDir out(dir / "link"), InputError);
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
