// Directional tests of 防返贫动态监测 and 帮扶 on paired runs (same seed, same households):
// each policy lever must move the outcomes the way, and roughly by the size, it should.
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
const std::string kVillage = std::string(POVSIM_SOURCE_DIR) + "/tests/data/village-jixinliang.yaml";

RunResult run(const std::string& file, std::vector<std::string> overrides) {
  const LoadedScenario s = load_scenario(file, {std::move(overrides), 1.0});
  RunSettings settings;
  settings.threads = 2;
  return run_scenario(s.params, settings);
}

/// Mean over replications and years of a metric for region `all`.
double mean_of(const RunResult& r, Metric m) {
  double sum = 0;
  int n = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) {
      sum += year.back()[static_cast<int>(m)];
      ++n;
    }
  return sum / n;
}

/// Sum over replications and years of a metric for region `all`.
double total_of(const RunResult& r, Metric m) {
  double sum = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) sum += year.back()[static_cast<int>(m)];
  return sum;
}

const std::vector<std::string> kNoCadres{"monitoring.grid.workers_per_1000_households=0",
                                         "monitoring.pairing.cadres_per_1000_households=0"};

TEST(MonitoringDirection, NoCadreScreeningLengthensLagAndRaisesReturnToPoverty) {
  const RunResult base = run(kCounty, {});
  const RunResult none = run(kCounty, kNoCadres);
  const double lag_base = mean_of(base, Metric::kDetectionLagMean);
  const double lag_none = mean_of(none, Metric::kDetectionLagMean);
  const double rate_base = mean_of(base, Metric::kReturnToPovertyRate);
  const double rate_none = mean_of(none, Metric::kReturnToPovertyRate);
  std::cout << "detection lag " << lag_base << " -> " << lag_none << " months; return rate "
            << rate_base << " -> " << rate_none << "\n";
  EXPECT_GT(lag_none, lag_base + 1.0);  // months
  EXPECT_GT(rate_none, rate_base * 1.05);
  EXPECT_LT(total_of(none, Metric::kIdentifiedGrid), 1.0);
}

TEST(MonitoringDirection, MoreGridWorkersShortenTheLag) {
  // Few workers with a small caseload each; then four times as many.
  const std::vector<std::string> thin{"monitoring.grid.workers_per_1000_households=3",
                                      "monitoring.grid.households_per_worker_per_screening=30",
                                      "monitoring.pairing.cadres_per_1000_households=0",
                                      // Screening alone: no survey error, no procedure.
                                      "monitoring.measurement.sd=0",
                                      "monitoring.procedure.months=0"};
  std::vector<std::string> thick = thin;
  thick[0] = "monitoring.grid.workers_per_1000_households=12";
  const double lag_thin = mean_of(run(kCounty, thin), Metric::kDetectionLagMean);
  const double lag_thick = mean_of(run(kCounty, thick), Metric::kDetectionLagMean);
  std::cout << "detection lag with 3 vs 12 workers per 1,000 households: " << lag_thin << " vs "
            << lag_thick << " months\n";
  EXPECT_LT(lag_thick, lag_thin * 0.8);
}

TEST(MonitoringDirection, EarlyRiskEliminationMeansMoreRelapse) {
  const RunResult fast = run(
      kCounty, {"monitoring.risk_elimination_months=3", "monitoring.sudden.clearance_months=3"});
  const RunResult slow = run(
      kCounty, {"monitoring.risk_elimination_months=12", "monitoring.sudden.clearance_months=12"});
  const double relapse_fast = total_of(fast, Metric::kRelapsed);
  const double relapse_slow = total_of(slow, Metric::kRelapsed);
  std::cout << "relapses after 3- vs 12-month elimination: " << relapse_fast << " vs "
            << relapse_slow << "\n";
  EXPECT_GT(relapse_fast, relapse_slow * 1.5);
  EXPECT_GT(total_of(fast, Metric::kRiskEliminated), total_of(slow, Metric::kRiskEliminated));
}

TEST(MonitoringDirection, HalvingPublicJobsRaisesWeakLabourReturnToPoverty) {
  const RunResult full = run(kCounty, {});
  const RunResult half = run(kCounty, {"assistance.public_jobs.budget_per_household=30"});
  const double rate_full = mean_of(full, Metric::kReturnRateWeakLabour);
  const double rate_half = mean_of(half, Metric::kReturnRateWeakLabour);
  std::cout << "weak-labour return rate, full vs half 公益性岗位 budget: " << rate_full << " vs "
            << rate_half << "\n";
  EXPECT_LT(total_of(half, Metric::kAssistedPublicJobs),
            0.6 * total_of(full, Metric::kAssistedPublicJobs));
  EXPECT_GT(rate_half, rate_full);
}

TEST(MonitoringDirection, ZeroAssistanceBudgetEqualsTheNoPolicyCounterfactual) {
  const std::vector<std::string> zero{
      "assistance.employment.budget_per_household=0", "assistance.training.budget_per_household=0",
      "assistance.industry.budget_per_household=0", "assistance.public_jobs.budget_per_household=0",
      "assistance.social_assistance.budget_per_household=0",
      "assistance.medical.budget_per_household=0", "assistance.risk_relief.budget_per_household=0",
      // Priority for monitored households at enterprise vacancies, and in the links new
      // enterprises draw (利益联结), is help too.
      "labour.priority_monitored_lifted=false", "enterprises.leading.priority_share=0",
      "enterprises.cooperative.priority_share=0", "enterprises.workshop.priority_share=0",
      "enterprises.park_factory.priority_share=0", "enterprises.tourism.priority_share=0"};
  std::vector<std::string> no_policy = zero;
  no_policy.push_back("monitoring.enabled=false");
  const RunResult found_not_helped = run(kCounty, zero);
  const RunResult counterfactual = run(kCounty, no_policy);
  EXPECT_GT(total_of(found_not_helped, Metric::kNewlyIdentified), 0.0);
  EXPECT_EQ(total_of(counterfactual, Metric::kNewlyIdentified), 0.0);
  // Finding households without the means to help them changes no one's income: every
  // replication-year's rate is the same to the last bit.
  for (std::size_t k = 0; k < found_not_helped.replications.size(); ++k)
    for (std::size_t y = 0; y < found_not_helped.replications[k].values.size(); ++y)
      EXPECT_EQ(found_not_helped.replications[k]
                    .values[y]
                    .back()[static_cast<int>(Metric::kReturnToPovertyRate)],
                counterfactual.replications[k]
                    .values[y]
                    .back()[static_cast<int>(Metric::kReturnToPovertyRate)]);
  // And helping does lower it.
  EXPECT_LT(mean_of(run(kCounty, {}), Metric::kReturnToPovertyRate),
            mean_of(counterfactual, Metric::kReturnToPovertyRate));
}

TEST(MonitoringDirection, DepartmentScreeningFindsHouseholdsOtherwiseMissed) {
  std::vector<std::string> without = kNoCadres;
  without.push_back("monitoring.department.enabled=false");
  std::vector<std::string> with = kNoCadres;
  const RunResult a = run(kCounty, without);
  const RunResult b = run(kCounty, with);
  EXPECT_EQ(total_of(a, Metric::kIdentifiedDepartment), 0.0);
  EXPECT_GT(total_of(b, Metric::kIdentifiedDepartment), 0.0);
  EXPECT_LT(mean_of(b, Metric::kDetectionLagMean), mean_of(a, Metric::kDetectionLagMean));
}

TEST(SeedVillage, JixinliangScreenedMonthlyByTwelveGridWorkers) {
  const LoadedScenario s = load_scenario(kVillage);
  ASSERT_EQ(s.params.regions.size(), 1u);
  EXPECT_EQ(s.params.regions[0].households, 589);
  // Screening alone: no survey error, approval the month a household is found.
  const RunResult r =
      run(kVillage, {"monitoring.procedure.months=0", "monitoring.measurement.sd=0"});
  const double lag = mean_of(r, Metric::kDetectionLagMean);
  const double by_grid = total_of(r, Metric::kIdentifiedGrid);
  const double found = total_of(r, Metric::kNewlyIdentified);
  const double monitored = mean_of(r, Metric::kMonitoredHouseholds);
  std::cout << "鸡心梁村 (589 households, 12 grid workers, monthly screening): mean detection lag "
            << lag << " months; " << by_grid / found * 100 << "% found by grid workers; "
            << monitored << " households monitored in December on average\n";
  // With every household visited each month, risk is found within about a month, and mostly by
  // the grid workers rather than by self-report or department data.
  EXPECT_LT(lag, 1.0);
  EXPECT_GT(by_grid / found, 0.5);
  EXPECT_GT(monitored, 0.0);
}

TEST(MonitoringDirection, MoreCadresPairMoreMonitoredHouseholdsAndLowerTheRate) {
  const RunResult few = run(kCounty, {"monitoring.pairing.cadres_per_1000_households=5"});
  const RunResult many = run(kCounty, {"monitoring.pairing.cadres_per_1000_households=80"});
  const double paired_few = mean_of(few, Metric::kMonitoredPaired);
  const double paired_many = mean_of(many, Metric::kMonitoredPaired);
  const double monitored = mean_of(many, Metric::kMonitoredHouseholds);
  std::cout << "monitored households paired " << paired_few << " -> " << paired_many << " of "
            << monitored << "; handovers " << mean_of(few, Metric::kPairHandovers) << "; rate "
            << mean_of(few, Metric::kReturnToPovertyRate) << " -> "
            << mean_of(many, Metric::kReturnToPovertyRate) << "\n";
  // Capacity binds: 5 cadres per 1,000 households × 2 households each = 1% of households.
  EXPECT_LT(paired_few, 0.5 * monitored);
  EXPECT_GT(paired_many, 2 * paired_few);
  EXPECT_GT(mean_of(few, Metric::kPairHandovers), 0.0);
  EXPECT_LT(mean_of(many, Metric::kDetectionLagMean), mean_of(few, Metric::kDetectionLagMean));
  EXPECT_LT(mean_of(many, Metric::kReturnToPovertyRate),
            mean_of(few, Metric::kReturnToPovertyRate));
}

}  // namespace
}  // namespace povsim
