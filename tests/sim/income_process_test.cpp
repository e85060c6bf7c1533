// The income process over the period (phases/household_income.cpp, phases/schedule.cpp): a
// persistent component with persistence below 1 keeps the spread of incomes narrower than the
// random walk, and year Y's trend growth shows in year Y's annual income.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

std::vector<std::vector<double>> yearly(const std::vector<std::string>& overrides, Metric metric) {
  const std::string file = std::string(POVSIM_SOURCE_DIR) + "/tests/data/small.yaml";
  std::vector<std::string> all = overrides;
  all.push_back("replications=1");
  const LoadedScenario s = load_scenario(file, {all, 4.0});
  RunSettings settings;
  settings.threads = 2;
  const RunResult r = run_scenario(s.params, settings);
  std::vector<std::vector<double>> out;
  for (const auto& year : r.replications[0].values)
    out.push_back({year.back()[static_cast<int>(metric)]});
  return out;
}

std::vector<double> p90_over_p10(const std::vector<std::string>& overrides) {
  const auto p10 = yearly(overrides, Metric::kIncomePerCapitaP10);
  const auto p90 = yearly(overrides, Metric::kIncomePerCapitaP90);
  std::vector<double> ratio;
  for (std::size_t y = 0; y < p10.size(); ++y) ratio.push_back(p90[y][0] / p10[y][0]);
  return ratio;
}

// Persistence 0.6 against the random walk (1.0), the same innovations: the p90/p10 ratio of
// per-capita income is lower in every year after the first, and the gap widens.
TEST(IncomeProcess, PersistenceBelowOneCompressesTheSpreadAgainstTheRandomWalk) {
  const auto walk = p90_over_p10({"economy.permanent_persistence=1.0"});
  const auto ar1 = p90_over_p10({"economy.permanent_persistence=0.6"});
  ASSERT_EQ(walk.size(), ar1.size());
  ASSERT_GE(walk.size(), 5u);
  for (std::size_t y = 1; y < walk.size(); ++y) EXPECT_LT(ar1[y], walk[y]) << "year " << y;
  EXPECT_GT(walk.back() - ar1.back(), walk[1] - ar1[1]);
}

// A 30 % growth in 2022 alone (other years 0) shows in 2022's annual income of the lifted, not
// in 2023's: 2022 / 2021 − 1 is near 0.3, and 2023 / 2022 − 1 near 0.
TEST(IncomeProcess, GrowthOfYearYShowsInYearYsIncome) {
  const auto income =
      yearly({"economy.trend_growth={2021: 0, 2022: 0.3, 2023: 0, 2024: 0, 2025: 0}",
              "economy.permanent_sd=0"},
             Metric::kIncomePerCapitaMeanLifted);
  ASSERT_GE(income.size(), 3u);
  EXPECT_GT(income[1][0] / income[0][0] - 1.0, 0.2);
  EXPECT_LT(std::abs(income[2][0] / income[1][0] - 1.0), 0.05);
}

}  // namespace
}  // namespace povsim
