// Demography on whole paired runs (same seed, same households): the population it produces and
// the direction of its effect on the return-to-poverty rate.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kSmall = std::string(POVSIM_SOURCE_DIR) + "/tests/data/small.yaml";

RunResult run(std::vector<std::string> overrides) {
  overrides.push_back("replications=4");
  const LoadedScenario s = load_scenario(kSmall, {std::move(overrides), 5.0});  // 10,000 households
  RunSettings settings;
  settings.threads = 2;
  return run_scenario(s.params, settings);
}

/// Metric m of region `all` in year index y, averaged over replications.
double at(const RunResult& r, Metric m, std::size_t y) {
  double sum = 0;
  for (const auto& rep : r.replications) sum += rep.values[y].back()[static_cast<int>(m)];
  return sum / static_cast<double>(r.replications.size());
}

TEST(DemographyDirection, ThePopulationAgesAndShrinksAndPensionsGrowPerPerson) {
  const RunResult off = run({"demography.enabled=false"});
  const RunResult on = run({"demography.enabled=true"});
  const std::size_t last = on.replications.front().years.size() - 1;
  using M = Metric;
  EXPECT_EQ(at(off, M::kPeople, 0), at(off, M::kPeople, last));  // frozen without it
  EXPECT_EQ(at(off, M::kDeaths, 0) + at(off, M::kBirths, last), 0.0);
  // The baseline's rates: about 7 deaths and 6 births per 1,000 persons a year, more members
  // leaving than born, so the population falls by roughly 1% a year.
  const double people = at(on, M::kPeople, 0);
  EXPECT_NEAR(at(on, M::kDeaths, 0) / people, 0.007, 0.002);
  EXPECT_NEAR(at(on, M::kBirths, 0) / people, 0.006, 0.002);
  const double fall = 1.0 - at(on, M::kPeople, last) / at(off, M::kPeople, last);
  std::cout << "persons " << at(off, M::kPeople, last) << " -> " << at(on, M::kPeople, last)
            << " by the last year\n";
  EXPECT_GT(fall, 0.01);
  EXPECT_LT(fall, 0.10);
  // Workers who turn 60 become pensioners, and households whose last worker stops have no
  // labour left: the no-labour share rises more than disabilities alone raise it.
  EXPECT_GT(at(on, M::kPensionPerCapita, last), 1.05 * at(off, M::kPensionPerCapita, last));
  std::cout << "no-labour share " << at(off, M::kNoLabourShare, last) << " -> "
            << at(on, M::kNoLabourShare, last) << " by the last year\n";
  EXPECT_GT(at(on, M::kNoLabourShare, last) - at(on, M::kNoLabourShare, 0),
            at(off, M::kNoLabourShare, last) - at(off, M::kNoLabourShare, 0) + 0.01);
}

TEST(DemographyDirection, WorkersAgeingFasterRaisesTheReturnRate) {
  // The last worker of a household takes its wages with him: at 10% a year instead of 2.5%, more
  // formerly poor households lose their earner.
  const RunResult slow = run({"demography.enabled=true", "demography.worker_ageing=0.025"});
  const RunResult fast = run({"demography.enabled=true", "demography.worker_ageing=0.10"});
  double rise = 0;
  for (std::size_t y = 1; y < slow.replications.front().years.size(); ++y)
    rise += at(fast, Metric::kReturnToPovertyRate, y) - at(slow, Metric::kReturnToPovertyRate, y);
  std::cout << "return rate summed over 2022-2025: +" << rise << "\n";
  EXPECT_GT(rise, 0.004);  // at least +0.1 pp a year on average
  EXPECT_GT(at(fast, Metric::kWorkersAgedOut, 1), 3.0 * at(slow, Metric::kWorkersAgedOut, 1));
}

}  // namespace
}  // namespace povsim
