// povsim run --checkpoint/--restart: a run stopped and restarted writes the bytes of one that
// never stopped; checkpoints of another run or damaged ones are refused (exit 2).
#include <gtest/gtest.h>

#include <fstream>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

std::vector<std::string> run_args(const std::filesystem::path& out,
                                  std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"run", data_file("multi-region.yaml").string(), "--out",
                                out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

class RestartTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const auto r = run_povsim(run_args(*dir_ / "whole"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;

  /// Stops at `month` (checkpoints every `every` months), restarts, and compares the outputs.
  void stop_and_restart(int month, int every) {
    const auto ck = *dir_ / ("ck" + std::to_string(month));
    const auto out = *dir_ / ("out" + std::to_string(month));
    auto r = run_povsim(
        run_args(out, {"--checkpoint", ck.string(), "--checkpoint-every", std::to_string(every),
                       "--stop-at-month", std::to_string(month)}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("stopped after"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(out / "annual.csv")) << "no results from a stopped run";
    EXPECT_TRUE(std::filesystem::exists(ck / "replication-0.ckpt"));
    EXPECT_TRUE(std::filesystem::exists(ck / "replication-1.ckpt"));
    r = run_povsim(run_args(out, {"--restart", ck.string()}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(read_file(out / "annual.csv") == read_file(*dir_ / "whole/annual.csv"))
        << "annual.csv after a restart at month " << month << " differs";
    EXPECT_TRUE(read_file(out / "summary.csv") == read_file(*dir_ / "whole/summary.csv"))
        << "summary.csv after a restart at month " << month << " differs";
    EXPECT_TRUE(read_file(out / "funds.csv") == read_file(*dir_ / "whole/funds.csv"))
        << "funds.csv after a restart at month " << month << " differs";
  }
};
TempDir* RestartTest::dir_ = nullptr;

TEST_F(RestartTest, InJanuaryIsByteIdentical) { stop_and_restart(24, 6); }
TEST_F(RestartTest, MidYearIsByteIdentical) { stop_and_restart(17, 5); }
TEST_F(RestartTest, NearTheEndIsByteIdentical) { stop_and_restart(59, 7); }

TEST_F(RestartTest, CheckpointingDoesNotChangeTheOutputs) {
  const auto out = *dir_ / "ckpt-on";
  const auto r = run_povsim(
      run_args(out, {"--checkpoint", (*dir_ / "ck-on").string(), "--checkpoint-every", "12"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(read_file(out / "annual.csv") == read_file(*dir_ / "whole/annual.csv"));
  // A restart from the final checkpoints only writes the results again.
  const auto again = *dir_ / "again";
  const auto r2 = run_povsim(run_args(again, {"--restart", (*dir_ / "ck-on").string()}));
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_TRUE(read_file(again / "annual.csv") == read_file(*dir_ / "whole/annual.csv"));
}

TEST_F(RestartTest, AnotherSeedOrScenarioIsRefused) {
  const auto ck = *dir_ / "ck-seed";
  auto r = run_povsim(run_args(*dir_ / "o", {"--checkpoint", ck.string(), "--checkpoint-every", "6",
                                             "--stop-at-month", "6"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_povsim(run_args(*dir_ / "o", {"--restart", ck.string(), "--seed", "77"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("belongs to another run"), std::string::npos) << r.err;
  r = run_povsim(
      run_args(*dir_ / "o", {"--restart", ck.string(), "--set", "regions.沁县.households=901"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("scenario"), std::string::npos) << r.err;
}

TEST_F(RestartTest, CorruptCheckpointIsRefused) {
  const auto ck = *dir_ / "ck-bad";
  auto r = run_povsim(run_args(*dir_ / "o", {"--checkpoint", ck.string(), "--checkpoint-every", "6",
                                             "--stop-at-month", "6"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto file = ck / "replication-1.ckpt";
  std::string bytes = read_file(file);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
  std::ofstream(file, std::ios::binary) << bytes;
  r = run_povsim(run_args(*dir_ / "o", {"--restart", ck.string()}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("replication-1.ckpt: error: checkpoint corrupt"), std::string::npos)
      << r.err;
  std::ofstream(file, std::ios::binary) << bytes.substr(0, 1000);
  r = run_povsim(run_args(*dir_ / "o", {"--restart", ck.string()}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("truncated"), std::string::npos) << r.err;
}

TEST_F(RestartTest, FlagsAreChecked) {
  auto r = run_povsim(run_args(*dir_ / "o", {"--checkpoint", (*dir_ / "x").string()}));
  EXPECT_EQ(r.exit_code, 2) << "--checkpoint needs --checkpoint-every";
  r = run_povsim(run_args(*dir_ / "o", {"--restart", (*dir_ / "missing").string()}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no such directory"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace povsim
