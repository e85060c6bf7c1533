// Reproducibility through the program: annual.csv depends only on scenario and seed.
#include <gtest/gtest.h>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

/// Runs the small scenario (two regions, 11,800 households — 沁县 alone is more than one
/// reduction block — and two replications) and returns annual.csv.
std::string annual_csv(const TempDir& dir, const std::string& name,
                       std::vector<std::string> extra) {
  const auto out = dir / name;
  std::vector<std::string> args{"run",   data_file("small.yaml").string(), "--out", out.string(),
                                "--set", "regions.沁县.households=11000"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_povsim(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = read_file(out / "annual.csv");
  EXPECT_GT(csv.size(), 1000u);
  return csv;
}

TEST(Determinism, AnnualCsvIsIdenticalForOneTwoAndFourThreads) {
  TempDir dir;
  const std::string one = annual_csv(dir, "t1", {"--threads", "1"});
  const std::string two = annual_csv(dir, "t2", {"--threads", "2"});
  const std::string four = annual_csv(dir, "t4", {"--threads", "4"});
  EXPECT_TRUE(one == two) << "annual.csv differs between 1 and 2 threads";
  EXPECT_TRUE(one == four) << "annual.csv differs between 1 and 4 threads";
}

TEST(Determinism, FundsCsvWithFundsOnIsIdenticalForOneAndTwoThreads) {
  TempDir dir;
  const std::vector<std::string> funds{
      "--set", "funds.enabled=true",
      "--set", "funds.sources.central.per_household=500",
      "--set", "funds.accounts.industry.share=0.6",
      "--set", "funds.accounts.consumption.share=0.2",
      "--set", "funds.accounts.microcredit_subsidy.share=0.2",
      "--set", "funds.consumption_per_household=600",
      "--set", "funds.microcredit.enabled=true",
      "--set", "funds.microcredit.new_loans_per_1000_households=40",
      "--set", "funds.microcredit.loan=50000",
      "--set", "funds.microcredit.interest_rate=0.0475",
      "--set", "funds.microcredit.interest_subsidy_share=1",
      "--set", "funds.microcredit.default_probability=0.05"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), funds.begin(), funds.end());
    return extra;
  };
  EXPECT_TRUE(annual_csv(dir, "f1", with({"--threads", "1"})) ==
              annual_csv(dir, "f2", with({"--threads", "2"})));
  const std::string one = read_file(dir / "f1/funds.csv");
  EXPECT_GT(one.size(), 1000u);
  EXPECT_TRUE(one == read_file(dir / "f2/funds.csv"))
      << "funds.csv differs between 1 and 2 threads";
}

TEST(Determinism, SameSeedGivesTheSameBytes) {
  TempDir dir;
  const std::string first = annual_csv(dir, "a", {"--seed", "99"});
  const std::string second = annual_csv(dir, "b", {"--seed", "99"});
  EXPECT_TRUE(first == second) << "two runs with seed 99 differ";
  EXPECT_EQ(read_file(dir / "a/summary.csv"), read_file(dir / "b/summary.csv"));
}

TEST(Determinism, DifferentSeedGivesDifferentBytes) {
  TempDir dir;
  const std::string a = annual_csv(dir, "a", {"--seed", "1"});
  const std::string b = annual_csv(dir, "b", {"--seed", "2"});
  EXPECT_FALSE(a == b) << "seeds 1 and 2 gave the same annual.csv";
}

}  // namespace
}  // namespace povsim
