// Directional tests of industry projects (phases/industry_projects.hpp) on paired runs (same
// seed, same households): the industry budget buys projects, their income is operating income,
// and money that finds a project does not lapse.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kCounty = std::string(POVSIM_SOURCE_DIR) + "/tests/data/monitoring-county.yaml";

RunResult run(std::vector<std::string> overrides) {
  overrides.push_back("replications=2");
  const LoadedScenario s = load_scenario(kCounty, {std::move(overrides), 0.5});
  RunSettings settings;
  settings.threads = 2;
  return run_scenario(s.params, settings);
}

/// Metric m of region `all` in year index y, averaged over replications.
double at_year(const RunResult& r, Metric m, std::size_t y) {
  double sum = 0;
  for (const auto& rep : r.replications) sum += rep.values[y].back()[static_cast<int>(m)];
  return sum / static_cast<double>(r.replications.size());
}

TEST(IndustryProjectsDirection, HigherBudgetRaisesCoverageProjectAndOperatingIncome) {
  const RunResult low = run({"assistance.industry.budget_per_household=50"});
  const RunResult high = run({"assistance.industry.budget_per_household=200"});
  const std::size_t last = low.replications[0].values.size() - 1;
  const double cover_low = at_year(low, Metric::kIndustryCoverage, last);
  const double cover_high = at_year(high, Metric::kIndustryCoverage, last);
  const double income_low = at_year(low, Metric::kProjectIncomeYuan, last);
  const double income_high = at_year(high, Metric::kProjectIncomeYuan, last);
  const double operating_low = at_year(low, Metric::kOperatingPerCapita, last);
  const double operating_high = at_year(high, Metric::kOperatingPerCapita, last);
  std::cout << "industry budget 50 -> 200 yuan/household: coverage " << cover_low << " -> "
            << cover_high << ", project income " << income_low << " -> " << income_high
            << " yuan, operating income per capita " << operating_low << " -> " << operating_high
            << "\n";
  EXPECT_GT(cover_high, cover_low + 0.1);
  EXPECT_GT(income_high, 2.5 * income_low);
  EXPECT_GT(operating_high, operating_low);
  // Funds off: the industry account's money is the budget (households × budget) plus the
  // enterprise subsidies' own budget; projects absorb nearly all of the larger budget.
  for (const RunResult* r : {&low, &high})
    for (std::size_t y = 0; y <= last; ++y) {
      const double invested = at_year(*r, Metric::kProjectInvestmentYuan, y);
      const double budget = at_year(*r, Metric::kHouseholds, y) * (r == &low ? 50.0 : 200.0);
      EXPECT_GT(invested, 0.9 * budget) << "year " << y;
    }
}

TEST(IndustryProjectsDirection, ProjectsSpendTheIndustryAccountThatOneOffSupportLeaves) {
  // With funds on and industry at 75% of central funds, one-off support reaches only monitored
  // households; projects reach the formerly poor as well, so less of the account lapses.
  const std::vector<std::string> funds{
      "funds.enabled=true",
      "funds.sources.central.per_household=600",
      "funds.accounts.industry.share=0.75",
      "funds.accounts.risk_relief.share=0.25",
  };
  std::vector<std::string> off = funds;
  off.push_back("assistance.industry.projects.enabled=false");
  const RunResult with = run(funds);
  const RunResult without = run(off);
  double spent_with = 0, spent_without = 0, lapsed_with = 0, lapsed_without = 0;
  for (std::size_t y = 0; y < with.replications[0].values.size(); ++y) {
    spent_with += at_year(with, Metric::kSpentIndustry, y);
    spent_without += at_year(without, Metric::kSpentIndustry, y);
    lapsed_with += at_year(with, Metric::kFundsLapsed, y);
    lapsed_without += at_year(without, Metric::kFundsLapsed, y);
  }
  std::cout << "industry spending " << spent_without << " -> " << spent_with << " yuan, lapsed "
            << lapsed_without << " -> " << lapsed_with << " yuan (one-off support -> projects)\n";
  EXPECT_GT(spent_with, 1.05 * spent_without);
  EXPECT_LT(lapsed_with, 0.8 * lapsed_without);
}

}  // namespace
}  // namespace povsim
