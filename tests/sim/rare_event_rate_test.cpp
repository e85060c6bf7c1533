// Rare idiosyncratic events share one monthly uniform (at most one event per household-month);
// the annual frequency of each must still match its stated annual probability.
#include <gtest/gtest.h>

#include <string>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

TEST(RareEvents, AnnualFrequencyMatchesTheStatedProbability) {
  const std::string file = std::string(POVSIM_SOURCE_DIR) + "/tests/data/small.yaml";
  const LoadedScenario s = load_scenario(
      file, {{"shocks.illness.annual_probability=0.06", "shocks.chronic_illness_multiplier=1",
              "shocks.elderly_illness_multiplier=0", "shocks.accident.annual_probability=0.02",
              "shocks.accident.disability_probability=0", "shocks.illness.disability_probability=0",
              "replications=2"},
             10.0});
  RunSettings settings;
  settings.threads = 2;
  const RunResult r = run_scenario(s.params, settings);
  double illness = 0, accident = 0, household_years = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) {
      const MetricValues& all = year.back();
      illness += all[static_cast<int>(Metric::kIllnessEvents)];
      accident += all[static_cast<int>(Metric::kAccidentEvents)];
      household_years += all[static_cast<int>(Metric::kHouseholds)];
    }
  // Events per household-year: 1 − (1 − p)^(1/12) per month, twelve months (≈ p for small p).
  const double se_illness = std::sqrt(0.06 / household_years);
  EXPECT_NEAR(illness / household_years, 0.0618, 4 * se_illness + 0.001);
  EXPECT_NEAR(accident / household_years, 0.0202, 4 * std::sqrt(0.02 / household_years) + 0.0005);
}

}  // namespace
}  // namespace povsim
