// povsim compare through the program: paired runs, per-scenario outputs and compare.csv.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::run_povsim;
using testing::TempDir;

TEST(CompareCommand, EarlyWithdrawalRaisesReturnToPovertyWithAnIntervalExcludingZero) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "cmp";
  const auto r = run_povsim({"compare", src + "/scenarios/baseline.yaml",
                             src + "/scenarios/early-withdrawal.yaml", "--out", out.string(),
                             "--replications", "6", "--scale", "0.5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(out / "baseline" / "annual.csv"));
  EXPECT_TRUE(std::filesystem::exists(out / "early-withdrawal" / "manifest.json"));
  std::ifstream csv(out / "compare.csv");
  std::string line;
  int checked = 0;
  while (std::getline(csv, line)) {
    if (line.rfind("early-withdrawal,baseline,", 0) != 0) continue;
    if (line.find(",all,return_to_poverty_rate,") == std::string::npos) continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    ASSERT_EQ(f.size(), 12u);
    const int year = std::stoi(f[2]);
    const double low = std::stod(f[9]);
    if (year == 2021) {
      EXPECT_EQ(std::stod(f[7]), 0.0);  // same policy in 2021, same random numbers: no difference
    } else {
      EXPECT_GT(low, 0.0) << line;  // withdrawal from 2022 raises the rate, interval above zero
    }
    ++checked;
  }
  EXPECT_EQ(checked, 5);
  EXPECT_NE(r.out.find("early-withdrawal"), std::string::npos);
}

TEST(CompareCommand, NeedsTwoScenarios) {
  const auto r =
      run_povsim({"compare", std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CompareCommand, BadSecondScenarioIsBadInputAndWritesNothing) {
  TempDir dir;
  const auto out = dir.path() / "cmp";
  const auto r = run_povsim({"compare", std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml",
                             std::string(POVSIM_SOURCE_DIR) + "/tests/data/bad/unknown_key.yaml",
                             "--out", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown_key.yaml:6:7:"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace povsim
