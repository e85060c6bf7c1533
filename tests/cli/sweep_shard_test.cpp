// povsim sweep --shard i/N and povsim merge: the merged shards equal the unsharded sweep.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

/// The manifest without the fields that describe the call rather than the results.
nlohmann::json manifest_results(const fs::path& p) {
  nlohmann::json j = nlohmann::json::parse(read_file(p));
  for (const char* k : {"command_line", "threads", "resumed_points", "wall_seconds_this_call"})
    j.erase(k);
  return j;
}

void expect_same_sweep(const fs::path& whole, const fs::path& merged) {
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(whole)) {
    const std::string name = e.path().filename().string();
    ASSERT_TRUE(fs::exists(merged / name)) << name;
    if (name == "manifest.json") {
      EXPECT_EQ(manifest_results(e.path()), manifest_results(merged / name));
    } else if (name != ".povsim-output") {  // povsim's marker: which command wrote it, and when
      EXPECT_TRUE(read_file(e.path()) == read_file(merged / name)) << name << " differs";
    }
    ++files;
  }
  std::size_t merged_files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(merged)) ++merged_files;
  EXPECT_EQ(files, merged_files);
}

TEST(SweepShard, ThreeShardsOfAnLhsSweepMergeIntoTheUnshardedOutputs) {
  TempDir dir;
  const std::string sweep = data_file("sweeps/lhs-small.yaml").string();
  const auto whole = dir.path() / "whole";
  ASSERT_EQ(run_povsim({"sweep", sweep, "--out", whole.string(), "--threads", "2"}).exit_code, 0);
  std::vector<std::string> merge{"merge"};
  for (int i = 0; i < 3; ++i) {
    const auto out = dir.path() / ("shard" + std::to_string(i));
    // Different thread counts per shard: the numbers must not depend on them.
    const auto r = run_povsim({"sweep", sweep, "--shard", std::to_string(i + 1) + "/3", "--out",
                               out.string(), "--threads", std::to_string(1 + i % 2)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(out / "shard.json"));
    EXPECT_TRUE(fs::exists(out / ("point-" + std::to_string(i) + ".csv")));  // p % 3 == i
    EXPECT_FALSE(fs::exists(out / ("point-" + std::to_string((i + 1) % 3) + ".csv")));
    EXPECT_FALSE(fs::exists(out / "results.csv"));
    merge.push_back(out.string());
  }
  // Shards may be given in any order.
  std::swap(merge[1], merge[3]);
  const auto merged = dir.path() / "merged";
  merge.insert(merge.end(), {"--out", merged.string(), "--threads", "2"});
  const auto r = run_povsim(merge);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_same_sweep(whole, merged);
  EXPECT_FALSE(fs::exists(dir.path() / "merged.merging"));
}

TEST(SweepShard, SobolIndicesComputedAfterTheMergeEqualTheUnshardedOnes) {
  TempDir dir;
  const std::string sweep = data_file("sweeps/sobol-small.yaml").string();
  const auto whole = dir.path() / "whole";
  ASSERT_EQ(run_povsim({"sweep", sweep, "--out", whole.string(), "--threads", "2"}).exit_code, 0);
  const auto a = dir.path() / "a", b = dir.path() / "b";
  ASSERT_EQ(run_povsim({"sweep", sweep, "--shard", "1/2", "--out", a.string(), "--threads", "2"})
                .exit_code,
            0);
  ASSERT_EQ(run_povsim({"sweep", sweep, "--shard", "2/2", "--out", b.string(), "--threads", "2"})
                .exit_code,
            0);
  const auto merged = dir.path() / "merged";
  const auto r =
      run_povsim({"merge", a.string(), b.string(), "--out", merged.string(), "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(merged / "sobol.csv"));
  EXPECT_GT(read_file(merged / "sobol.csv").size(), 100u);
  expect_same_sweep(whole, merged);
}

TEST(SweepShard, BadShardSpecsAreRejectedWithExitCode2) {
  TempDir dir;
  const std::string sweep = data_file("sweeps/lhs-small.yaml").string();
  for (const std::string spec : {"0/2", "3/2", "0/0", "x", "1", "1/2/3", "a/2", "1/b", "1/"}) {
    const auto r =
        run_povsim({"sweep", sweep, "--shard", spec, "--out", (dir.path() / "o").string()});
    EXPECT_EQ(r.exit_code, 2) << spec;
    EXPECT_NE(r.err.find("--shard"), std::string::npos) << spec << ": " << r.err;
  }
  const auto r =
      run_povsim({"sweep", sweep, "--shard", "3/2", "--out", (dir.path() / "o").string()});
  EXPECT_NE(r.err.find("numbered 1 to 2"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "o"));
}

TEST(SweepShard, MergeOfIncompleteOrMismatchedShardsNamesWhatIsWrong) {
  TempDir dir;
  const std::string sweep = data_file("sweeps/lhs-small.yaml").string();
  const auto s0 = dir.path() / "s0", s1 = dir.path() / "s1", s2 = dir.path() / "s2";
  ASSERT_EQ(run_povsim({"sweep", sweep, "--shard", "1/3", "--out", s0.string()}).exit_code, 0);
  ASSERT_EQ(run_povsim({"sweep", sweep, "--shard", "2/3", "--out", s1.string()}).exit_code, 0);
  const auto out = (dir.path() / "merged").string();

  auto r = run_povsim({"merge", s0.string(), s1.string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing shard(s) 3/3"), std::string::npos) << r.err;

  r = run_povsim({"merge", s0.string(), s0.string(), s1.string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("given twice"), std::string::npos) << r.err;

  // An unfinished shard (stopped after one point) has no shard.json yet.
  ASSERT_EQ(
      run_povsim({"sweep", sweep, "--shard", "3/3", "--out", s2.string(), "--stop-after", "1"})
          .exit_code,
      0);
  r = run_povsim({"merge", s0.string(), s1.string(), s2.string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(s2.string() + ": error: not a finished sweep shard"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("--resume"), std::string::npos) << r.err;
  ASSERT_EQ(
      run_povsim({"sweep", sweep, "--shard", "3/3", "--out", s2.string(), "--resume"}).exit_code,
      0);

  // A point file lost from a shard.
  fs::rename(s1 / "point-4.csv", dir.path() / "kept.csv");
  r = run_povsim({"merge", s0.string(), s1.string(), s2.string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("point 4 is missing"), std::string::npos) << r.err;
  fs::rename(dir.path() / "kept.csv", s1 / "point-4.csv");

  // A shard of the same sweep run with other settings (a different scale).
  const auto other = dir.path() / "other";
  ASSERT_EQ(
      run_povsim({"sweep", sweep, "--shard", "3/3", "--out", other.string(), "--scale", "0.5"})
          .exit_code,
      0);
  r = run_povsim({"merge", s0.string(), s1.string(), other.string(), "--out", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("scale"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not of the same sweep"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));

  r = run_povsim({"merge", s0.string(), s1.string(), s2.string(), "--out", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace povsim
