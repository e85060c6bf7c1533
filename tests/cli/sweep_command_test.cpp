// povsim sweep through the program: designs, Sobol indices, resume and interruption.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

std::vector<std::vector<std::string>> rows(const fs::path& csv) {
  std::vector<std::vector<std::string>> out;
  std::istringstream in(read_file(csv));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    out.push_back(f);
  }
  return out;
}

TEST(SweepCommand, SobolSweepOf64BasePointsReportsIndicesThatSumSensibly) {
  TempDir dir;
  const auto out = dir.path() / "sobol";
  const auto r =
      run_povsim({"sweep", data_file("sweeps/sobol-small.yaml").string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rows(out / "points.csv").size(), 64u * 5u);
  EXPECT_EQ(read_file(out / "sobol.csv").substr(0, 78),
            "metric,year,region,axis,first_order,first_lo,first_hi,total,total_lo,total_hi\n");
  const auto indices = rows(out / "sobol.csv");
  ASSERT_EQ(indices.size(), 6u);  // 2 metrics × 3 axes
  for (const std::string metric : {"detection_lag_mean", "relapsed"}) {
    double first = 0, total = 0;
    for (const auto& f : indices)
      if (f[0] == metric) {
        ASSERT_EQ(f.size(), 10u);
        first += std::stod(f[4]);
        total += std::stod(f[7]);
        EXPECT_GT(std::stod(f[7]), -0.05) << metric << " " << f[3];
        // each interval is ordered, and as wide as 64 base points make it (not a point)
        EXPECT_LT(std::stod(f[5]), std::stod(f[6])) << metric << " " << f[3];
        EXPECT_LT(std::stod(f[8]), std::stod(f[9])) << metric << " " << f[3];
      }
    std::cout << metric << ": sum of first-order " << first << ", of total " << total << "\n";
    EXPECT_GT(first, 0.6) << metric;  // the three axes explain most of the variance …
    EXPECT_LT(first, 1.3) << metric;  // … and not more than all of it, give or take estimation
    EXPECT_GT(total, 0.7 * first) << metric;
  }
  // Grid workers drive the detection lag; the elimination rule does not.
  double workers = 0, elimination = 0;
  for (const auto& f : indices)
    if (f[0] == "detection_lag_mean") {
      if (f[3] == "monitoring.grid.workers_per_1000_households") workers = std::stod(f[7]);
      if (f[3] == "monitoring.risk_elimination_months") elimination = std::stod(f[7]);
    }
  EXPECT_GT(workers, elimination + 0.2);
}

TEST(SweepCommand, ResumedSweepEqualsAnUninterruptedOne) {
  TempDir dir;
  const std::string sweep = data_file("sweeps/lhs-small.yaml").string();
  const auto whole = dir.path() / "whole";
  const auto parts = dir.path() / "parts";
  ASSERT_EQ(run_povsim({"sweep", sweep, "--out", whole.string()}).exit_code, 0);
  const auto first = run_povsim({"sweep", sweep, "--out", parts.string(), "--stop-after", "5"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_FALSE(fs::exists(parts / "results.csv"));
  EXPECT_TRUE(fs::exists(dir.path() / "parts.partial" / "point-4.csv"));
  const auto second = run_povsim({"sweep", sweep, "--out", parts.string(), "--resume"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("7 run now, 5 resumed"), std::string::npos) << second.out;
  for (const char* f : {"points.csv", "results.csv"})
    EXPECT_EQ(read_file(whole / f), read_file(parts / f)) << f;
  EXPECT_FALSE(fs::exists(dir.path() / "parts.partial"));
}

TEST(SweepCommand, InterruptionLeavesFinishedPointsIntact) {
  TempDir dir;
  const auto out = dir.path() / "sig";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl(POVSIM_BINARY, POVSIM_BINARY, "sweep", data_file("sweeps/sobol-small.yaml").c_str(),
            "--out", out.c_str(), "--threads", "1", static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path partial = dir.path() / "sig.partial";
  for (int k = 0; k < 600 && !fs::exists(partial / "point-2.csv"); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_FALSE(fs::exists(out / "results.csv"));
  std::size_t kept = 0;
  for (const auto& e : fs::directory_iterator(partial)) {
    if (e.path().filename() == ".povsim-output") continue;  // povsim's marker
    EXPECT_EQ(e.path().extension(), ".csv") << e.path();    // no half-written point
    EXPECT_FALSE(read_file(e.path()).empty());
    ++kept;
  }
  EXPECT_GE(kept, 3u);
  EXPECT_LT(kept, 320u);
  const auto resumed = run_povsim(
      {"sweep", data_file("sweeps/sobol-small.yaml").string(), "--out", out.string(), "--resume"});
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_TRUE(fs::exists(out / "sobol.csv"));
}

TEST(SweepCommand, BadMethodIsBadInputAtItsPlace) {
  const auto r = run_povsim({"sweep", data_file("sweeps/bad.yaml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find("bad.yaml:4:9: error: method: expected grid, lhs or sobol, found \"sobolx\""),
      std::string::npos)
      << r.err;
}

TEST(SweepCommand, AxisKeyUnknownToTheScenarioIsBadInputAtTheAxis) {
  const auto r = run_povsim({"sweep", data_file("sweeps/bad-axis.yaml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad-axis.yaml:9:5: error: axes[0]: axis "
                       "monitoring.grid.workers_per_100_households at 2 is not a valid scenario "
                       "value"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("did you mean `workers_per_1000_households`?"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace povsim
