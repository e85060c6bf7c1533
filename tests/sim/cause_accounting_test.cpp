// Cause accounting on whole runs: attribution follows the shocks that happened, shares add up,
// and the result does not depend on the number of threads.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "phases/causes.hpp"
#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kCounty = std::string(POVSIM_SOURCE_DIR) + "/tests/data/monitoring-county.yaml";

RunResult run(std::vector<std::string> overrides, int threads = 2) {
  overrides.push_back("replications=2");
  const LoadedScenario s = load_scenario(kCounty, {std::move(overrides), 0.5});
  RunSettings settings;
  settings.threads = threads;
  return run_scenario(s.params, settings);
}

/// Sum over replications and years of a metric for region `all`.
double total_of(const RunResult& r, Metric m, int offset = 0) {
  double sum = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) sum += year.back()[static_cast<int>(m) + offset];
  return sum;
}

std::vector<double> by_cause(const RunResult& r, Metric first) {
  std::vector<double> v(kCauseCount);
  for (int c = 0; c < kCauseCount; ++c) v[c] = total_of(r, first, c);
  return v;
}

const std::vector<std::string> kOnlyIllness = {
    "shocks.accident.annual_probability=0", "shocks.business_failure.annual_probability=0",
    "shocks.livestock_loss.annual_probability=0", "shocks.disaster.annual_probability=0",
    "shocks.education_cost_per_student=0", "economy.migrant_job_loss_rate=0",
    "enterprises.enabled=false",
    // Industry projects' failures and outbreaks are business losses.
    "assistance.industry.projects.enabled=false"};

TEST(CauseAccounting, OnlyIllnessMeansIllnessOrChronicLowIncome) {
  // Every shock but illness switched off: no accidents, business or livestock losses, disasters,
  // migrant job losses, schooling costs or enterprises.
  const RunResult r = run(kOnlyIllness);
  for (const Metric first :
       {Metric::kReturnsByCauseChronicLow, Metric::kEntriesByCauseChronicLow}) {
    const auto v = by_cause(r, first);
    std::cout << (first == Metric::kReturnsByCauseChronicLow ? "returns" : "entries")
              << ": illness " << v[static_cast<int>(Cause::kIllness)] << ", chronic "
              << v[static_cast<int>(Cause::kChronicLow)] << "\n";
    EXPECT_GT(v[static_cast<int>(Cause::kIllness)], 0);
    for (int c = 0; c < kCauseCount; ++c)
      if (c != static_cast<int>(Cause::kIllness) && c != static_cast<int>(Cause::kChronicLow)) {
        EXPECT_EQ(v[c], 0) << kCauseNames[c];
      }
  }
  // Entrants are mostly ill: the rule of identification enrols a household under the line only
  // with a risk factor, and without other shocks that is a medical loss or a chronic illness.
  EXPECT_GT(total_of(r, Metric::kEntriesByCauseIllness),
            3 * total_of(r, Metric::kEntriesByCauseChronicLow));
}

TEST(CauseAccounting, RequiringARiskFactorLeavesTheChronicallyPoorUnderTheLine) {
  // With low income alone enough for monitoring, the chronically poor are enrolled and helped;
  // with a risk factor required they are not, while the ill are found sooner. Returns then
  // shift from illness towards chronic low income.
  std::vector<std::string> income_alone = kOnlyIllness;
  income_alone.push_back("monitoring.risk_factor_required=false");
  income_alone.push_back("monitoring.covered_households_secure=false");
  const RunResult rule = run(kOnlyIllness);
  const RunResult alone = run(income_alone);
  auto chronic_share = [](const RunResult& r) {
    const double c = total_of(r, Metric::kReturnsByCauseChronicLow);
    return c / (c + total_of(r, Metric::kReturnsByCauseIllness));
  };
  auto entries_chronic = [](const RunResult& r) {
    const double c = total_of(r, Metric::kEntriesByCauseChronicLow);
    return c / (c + total_of(r, Metric::kEntriesByCauseIllness));
  };
  std::cout << "chronic share of returns, rule vs income alone: " << chronic_share(rule) << " vs "
            << chronic_share(alone) << "; of entries " << entries_chronic(rule) << " vs "
            << entries_chronic(alone) << "\n";
  EXPECT_GT(chronic_share(rule), chronic_share(alone) + 0.05);
  EXPECT_LT(entries_chronic(rule), entries_chronic(alone) - 0.2);
}

TEST(CauseAccounting, ADisasterYearShiftsCausesTowardsDisaster) {
  const RunResult base = run({});
  const RunResult disaster =
      run({"shocks.disaster.annual_probability=1", "shocks.disaster.affected_share=0.6",
           "shocks.disaster.loss_share=0.6", "shocks.disaster.duration_months=12"});
  auto share = [](const RunResult& r) {
    const double d = total_of(r, Metric::kEntriesByCauseDisaster);
    return d / total_of(r, Metric::kNewlyIdentified);
  };
  const double s0 = share(base), s1 = share(disaster);
  std::cout << "share of entrants to monitoring hit by a disaster: " << s0 << " -> " << s1 << "\n";
  EXPECT_GT(s1, s0 + 0.15);
  EXPECT_GT(total_of(disaster, Metric::kReturnsByCauseDisaster),
            2 * total_of(base, Metric::kReturnsByCauseDisaster) + 10);
}

TEST(CauseAccounting, SharesSumToOne) {
  const RunResult r = run({});
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values)
      for (const auto& region : year) {
        double entries = 0, returns = 0;
        for (int c = 0; c < kCauseCount; ++c) {
          entries += region[static_cast<int>(Metric::kEntriesByCauseChronicLow) + c];
          returns += region[static_cast<int>(Metric::kReturnsByCauseChronicLow) + c];
        }
        // Every entrant has exactly one cause.
        EXPECT_EQ(entries, region[static_cast<int>(Metric::kNewlyIdentified)]);
        if (returns > 0) {
          EXPECT_NEAR(region[static_cast<int>(Metric::kReturnsByCauseIllness)] / returns,
                      region[static_cast<int>(Metric::kReturnsShareIllness)], 1e-12);
        }
        if (entries > 0) {
          EXPECT_NEAR(region[static_cast<int>(Metric::kEntriesByCauseIllness)] / entries,
                      region[static_cast<int>(Metric::kEntriesShareIllness)], 1e-12);
        }
      }
}

TEST(CauseAccounting, SameAttributionOnOneAndTwoThreads) {
  const RunResult one = run({}, 1);
  const RunResult two = run({}, 2);
  for (const Metric first : {Metric::kReturnsByCauseChronicLow, Metric::kEntriesByCauseChronicLow})
    EXPECT_EQ(by_cause(one, first), by_cause(two, first));
}

}  // namespace
}  // namespace povsim
