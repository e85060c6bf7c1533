// Directional tests of 突发 from every shock and of monitoring that errs and waits, on paired runs
// (same seed, same households) of a county-sized population: each key must move its outcome the
// way it should.
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
  const LoadedScenario s = load_scenario(kCounty, {std::move(overrides), 1.0});
  RunSettings settings;
  settings.threads = 2;
  return run_scenario(s.params, settings);
}

/// Sums over replications and years of two metrics of region `all`, as their ratio.
double ratio_of(const RunResult& r, Metric num, Metric den) {
  double a = 0, b = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) {
      a += year.back()[static_cast<int>(num)];
      b += year.back()[static_cast<int>(den)];
    }
  return b > 0 ? a / b : 0.0;
}

/// Mean over replications and years of a metric of region `all`.
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

TEST(ShockDirection, ADisasterEveryYearRaisesTheSuddenShareOfEntrants) {
  const RunResult base = run({});
  const RunResult disaster =
      run({"shocks.disaster.annual_probability=1", "shocks.disaster.affected_share=0.6",
           "shocks.disaster.loss_share=0.6", "shocks.disaster.duration_months=12"});
  const double s_base = ratio_of(base, Metric::kEntriesSudden, Metric::kNewlyIdentified);
  const double s_dis = ratio_of(disaster, Metric::kEntriesSudden, Metric::kNewlyIdentified);
  const double d_base = ratio_of(base, Metric::kEntriesByCauseDisaster, Metric::kNewlyIdentified);
  const double d_dis =
      ratio_of(disaster, Metric::kEntriesByCauseDisaster, Metric::kNewlyIdentified);
  std::cout << "突发 share of entrants " << s_base << " -> " << s_dis << "; disaster cause "
            << d_base << " -> " << d_dis << "\n";
  EXPECT_GT(s_dis, s_base + 0.05);
  EXPECT_GT(d_dis, d_base * 2);
}

TEST(ShockDirection, IncomeDropsMakeSuddenHardshipBeyondMedicalBills) {
  const RunResult bills_only = run({"monitoring.sudden.income_drops=false"});
  const RunResult every = run({});
  const double s_bills = ratio_of(bills_only, Metric::kEntriesSudden, Metric::kNewlyIdentified);
  const double s_every = ratio_of(every, Metric::kEntriesSudden, Metric::kNewlyIdentified);
  const double relief_bills = mean_of(bills_only, Metric::kAssistedRiskRelief);
  const double relief_every = mean_of(every, Metric::kAssistedRiskRelief);
  std::cout << "突发 share, bills only vs every shock: " << s_bills << " vs " << s_every
            << "; risk-relief payouts " << relief_bills << " vs " << relief_every << "\n";
  EXPECT_GT(s_every, s_bills * 1.5);
  EXPECT_GT(relief_every, relief_bills);
}

TEST(ShockDirection, SuddenHouseholdsClearInTheirFirstYearOnlyWhenTheKeysAllow) {
  // A ceiling of 100 keeps every shock a hardship for its whole window, so the window alone
  // decides how long a 突发 household stays at risk (the baseline's 1.5 ends it earlier for a
  // household whose income recovers).
  const RunResult slow =
      run({"monitoring.expense_shock_window_months=12", "monitoring.sudden.clearance_months=6",
           "monitoring.sudden.income_ceiling=100"});
  const RunResult fast =
      run({"monitoring.expense_shock_window_months=6", "monitoring.sudden.clearance_months=3",
           "monitoring.sudden.income_ceiling=100"});
  const double slow_share = mean_of(slow, Metric::kSuddenClearedFirstYearShare);
  const double fast_share = mean_of(fast, Metric::kSuddenClearedFirstYearShare);
  std::cout << "突发 cleared within the first year, 12+6 vs 6+3 months: " << slow_share << " vs "
            << fast_share << "\n";
  // 12 months of shock and 6 stable ones: 17 months at the least, so almost none within a year.
  EXPECT_LT(slow_share, 0.01);
  EXPECT_GT(fast_share, 0.1);
}

TEST(MonitoringErrorDirection, MeasurementErrorRaisesBothErrorRates) {
  const RunResult exact = run({"monitoring.measurement.sd=0"});
  const RunResult noisy = run({"monitoring.measurement.sd=0.3"});
  const double in_exact = mean_of(exact, Metric::kInclusionError);
  const double in_noisy = mean_of(noisy, Metric::kInclusionError);
  const double ex_exact = mean_of(exact, Metric::kExclusionError);
  const double ex_noisy = mean_of(noisy, Metric::kExclusionError);
  std::cout << "inclusion error " << in_exact << " -> " << in_noisy << "; exclusion error "
            << ex_exact << " -> " << ex_noisy << "\n";
  EXPECT_GT(in_noisy, in_exact + 0.05);
  EXPECT_GT(ex_noisy, ex_exact + 0.02);
}

TEST(MonitoringErrorDirection, LowerApprovalCapacityLengthensTheTimeToIdentification) {
  const RunResult ample = run({"monitoring.procedure.cases_per_cadre_per_month=2"});
  const RunResult scarce = run({"monitoring.procedure.cases_per_cadre_per_month=0.1"});
  const RunResult instant =
      run({"monitoring.procedure.months=0", "monitoring.procedure.cases_per_cadre_per_month=0"});
  const double lag_ample = mean_of(ample, Metric::kDetectionLagMean);
  const double lag_scarce = mean_of(scarce, Metric::kDetectionLagMean);
  const double lag_instant = mean_of(instant, Metric::kDetectionLagMean);
  std::cout << "time to identification, instant / 2 / 0.1 cases per cadre-month: " << lag_instant
            << " / " << lag_ample << " / " << lag_scarce << " months\n";
  EXPECT_GT(lag_ample, lag_instant + 0.5);  // the procedure's month
  EXPECT_GT(lag_scarce, lag_ample + 0.5);   // the queue
  EXPECT_GT(mean_of(scarce, Metric::kAwaitingApproval), mean_of(ample, Metric::kAwaitingApproval));
}

}  // namespace
}  // namespace povsim
