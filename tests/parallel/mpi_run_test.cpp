// mpirun -n 1/2/3 povsim run: the regions are shared among the ranks and rank 0 writes the bytes
// a single process writes (built only with POVSIM_MPI).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

// 沁县 at 9,000 households is more than one reduction block; the other four are smaller.
const std::vector<std::string> kScenario{data_file("multi-region.yaml").string(), "--set",
                                         "regions.沁县.households=9000"};

/// Runs `mpirun -n ranks povsim run …` (as root too, more ranks than cores allowed).
int mpirun(int ranks, const std::vector<std::string>& args, std::string* output = nullptr) {
  std::string cmd = std::string(POVSIM_MPIEXEC) + " --allow-run-as-root --oversubscribe -n " +
                    std::to_string(ranks) + " " + POVSIM_BINARY + " run";
  for (const auto& a : args) cmd += " '" + a + "'";
  cmd += " 2>&1";
  std::FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return -1;
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = ::pclose(pipe);
  if (output != nullptr) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

class MpiRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const auto r =
        run_povsim(with({"run"}, with(kScenario, {"--out", (*dir_ / "single").string()})));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
  static std::string single(const std::string& file) { return read_file(*dir_ / "single" / file); }
};
TempDir* MpiRun::dir_ = nullptr;

TEST_F(MpiRun, OneTwoAndThreeRanksWriteTheBytesOfOneProcess) {
  for (int ranks : {1, 2, 3}) {
    const auto out = *dir_ / ("n" + std::to_string(ranks));
    std::string log;
    ASSERT_EQ(mpirun(ranks, with(kScenario, {"--out", out.string(), "--threads", "1"}), &log), 0)
        << log;
    EXPECT_GT(single("annual.csv").size(), 1000u);
    EXPECT_TRUE(read_file(out / "annual.csv") == single("annual.csv"))
        << "annual.csv differs with " << ranks << " ranks";
    EXPECT_TRUE(read_file(out / "summary.csv") == single("summary.csv"))
        << "summary.csv differs with " << ranks << " ranks";
    EXPECT_GT(single("funds.csv").size(), 1000u);
    EXPECT_TRUE(read_file(out / "funds.csv") == single("funds.csv"))
        << "funds.csv differs with " << ranks << " ranks";
    EXPECT_NE(read_file(out / "manifest.json").find("\"mpi_ranks\": " + std::to_string(ranks)),
              std::string::npos);
  }
}

TEST_F(MpiRun, RanksCheckpointTheirRegionsAndRestartToTheSameBytes) {
  const auto ck = *dir_ / "ck";
  const auto out = *dir_ / "restarted";
  std::string log;
  ASSERT_EQ(
      mpirun(2,
             with(kScenario, {"--out", out.string(), "--threads", "1", "--checkpoint", ck.string(),
                              "--checkpoint-every", "5", "--stop-at-month", "17"}),
             &log),
      0)
      << log;
  EXPECT_TRUE(std::filesystem::exists(ck / "replication-0.rank-1.ckpt"));
  ASSERT_EQ(
      mpirun(2,
             with(kScenario, {"--out", out.string(), "--threads", "1", "--restart", ck.string()}),
             &log),
      0)
      << log;
  EXPECT_TRUE(read_file(out / "annual.csv") == single("annual.csv"));
  EXPECT_TRUE(read_file(out / "summary.csv") == single("summary.csv"));
  EXPECT_TRUE(read_file(out / "funds.csv") == single("funds.csv"));
  // Another number of ranks cannot use them.
  const auto r =
      run_povsim(with({"run"}, with(kScenario, {"--out", out.string(), "--restart", ck.string()})));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("another number of MPI ranks"), std::string::npos) << r.err;
}

TEST_F(MpiRun, MoreRanksThanRegionsIsABadInput) {
  std::string log;
  EXPECT_NE(mpirun(6, with(kScenario, {"--out", (*dir_ / "six").string(), "--threads", "1"}), &log),
            0);
  EXPECT_NE(log.find("at most one rank per region"), std::string::npos) << log;
}

}  // namespace
}  // namespace povsim
