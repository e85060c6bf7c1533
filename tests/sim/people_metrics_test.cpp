// Persons beside households and the monitoring stock and flow on whole multi-region runs: the
// identities that must hold exactly, and the pairs that bound one count by another.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kMulti = std::string(POVSIM_SOURCE_DIR) + "/tests/data/multi-region.yaml";

RunResult run(std::vector<std::string> overrides) {
  overrides.push_back("replications=2");
  const LoadedScenario s = load_scenario(kMulti, {std::move(overrides), 1.0});
  RunSettings settings;
  settings.threads = 2;
  return run_scenario(s.params, settings);
}

double at(const std::vector<MetricValues>& year, std::size_t region, Metric m) {
  return year[region][static_cast<int>(m)];
}

TEST(PeopleMetrics, StockAndFlowIdentityHoldsInEveryRegionAndYear) {
  // With demography, a monitored household's persons change in January (births, deaths, moves),
  // after December's closing stock and before the year's opening one: then every identity holds
  // but the persons' carry-over from one year to the next.
  for (const bool demography : {false, true}) {
    SCOPED_TRACE(demography ? "demography on" : "demography off");
    const RunResult r = run({demography ? "demography.enabled=true" : "demography.enabled=false"});
    double entries = 0, exits = 0;
    for (const auto& rep : r.replications) {
      for (std::size_t y = 0; y < rep.values.size(); ++y) {
        const auto& year = rep.values[y];
        ASSERT_EQ(year.size(), 6u);  // five regions and all
        for (std::size_t g = 0; g < year.size(); ++g) {
          using M = Metric;
          EXPECT_EQ(at(year, g, M::kMonitoredHouseholds), at(year, g, M::kMonitoredOpening) +
                                                              at(year, g, M::kNewlyIdentified) -
                                                              at(year, g, M::kRiskEliminated))
              << "year " << rep.years[y] << " region " << g;
          EXPECT_EQ(at(year, g, M::kMonitoredPeople), at(year, g, M::kMonitoredOpeningPeople) +
                                                          at(year, g, M::kNewlyIdentifiedPeople) -
                                                          at(year, g, M::kEliminatedPeople))
              << "year " << rep.years[y] << " region " << g;
          // Entries by category add up to the entries, in households and persons.
          EXPECT_EQ(at(year, g, M::kEntriesUnstable) + at(year, g, M::kEntriesMarginal) +
                        at(year, g, M::kEntriesSudden),
                    at(year, g, M::kNewlyIdentified));
          EXPECT_EQ(at(year, g, M::kEntriesUnstablePeople) +
                        at(year, g, M::kEntriesMarginalPeople) +
                        at(year, g, M::kEntriesSuddenPeople),
                    at(year, g, M::kNewlyIdentifiedPeople));
          EXPECT_NEAR(at(year, g, M::kEntriesSudden),
                      at(year, g, M::kEntriesShareSudden) * at(year, g, M::kNewlyIdentified), 1e-9);
          // A year's opening stock is the previous year's closing stock.
          if (y > 0) {
            EXPECT_EQ(at(year, g, M::kMonitoredOpening),
                      at(rep.values[y - 1], g, M::kMonitoredHouseholds));
            if (!demography) {
              EXPECT_EQ(at(year, g, M::kMonitoredOpeningPeople),
                        at(rep.values[y - 1], g, M::kMonitoredPeople));
            }
          }
          // Persons are at least households, at most six per household (the largest size drawn)
          // or, with births, a few more.
          for (auto [people, households] :
               {std::pair{M::kMonitoredPeople, M::kMonitoredHouseholds},
                std::pair{M::kNewlyIdentifiedPeople, M::kNewlyIdentified},
                std::pair{M::kEliminatedPeople, M::kRiskEliminated},
                std::pair{M::kPoorPeople, M::kPoorHouseholds},
                std::pair{M::kAtRiskPeople, M::kAtRiskHouseholds},
                std::pair{M::kMonitoredOpeningPeople, M::kMonitoredOpening}}) {
            EXPECT_GE(at(year, g, people), at(year, g, households));
            EXPECT_LE(at(year, g, people), (demography ? 9 : 6) * at(year, g, households));
          }
          EXPECT_LE(at(year, g, M::kHouseholdsLifted), at(year, g, M::kHouseholds));
          EXPECT_DOUBLE_EQ(
              at(year, g, M::kMonitoredShareOfLifted),
              at(year, g, M::kMonitoredHouseholds) / at(year, g, M::kHouseholdsLifted));
        }
        entries += at(year, 5, Metric::kNewlyIdentified);
        exits += at(year, 5, Metric::kRiskEliminated);
      }
    }
    // The identity is not vacuous: households enter and leave monitoring.
    EXPECT_GT(entries, 100);
    EXPECT_GT(exits, 50);
  }
}

TEST(PeopleMetrics, PersonsEqualHouseholdsWhenEveryHouseholdHasOneMember) {
  // The scenario's population block applies to every region's profile.
  const RunResult r = run({"population.household_size_shares=[1]"});
  using M = Metric;
  double monitored = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values)
      for (std::size_t g = 0; g < year.size(); ++g) {
        EXPECT_EQ(at(year, g, M::kPeople), at(year, g, M::kHouseholds));
        EXPECT_EQ(at(year, g, M::kMonitoredPeople), at(year, g, M::kMonitoredHouseholds));
        EXPECT_EQ(at(year, g, M::kNewlyIdentifiedPeople), at(year, g, M::kNewlyIdentified));
        EXPECT_EQ(at(year, g, M::kEliminatedPeople), at(year, g, M::kRiskEliminated));
        EXPECT_EQ(at(year, g, M::kPoorPeople), at(year, g, M::kPoorHouseholds));
        EXPECT_EQ(at(year, g, M::kAtRiskPeople), at(year, g, M::kAtRiskHouseholds));
        EXPECT_EQ(at(year, g, M::kMonitoredOpeningPeople), at(year, g, M::kMonitoredOpening));
        monitored += at(year, g, M::kMonitoredHouseholds);
      }
  EXPECT_GT(monitored, 0);
}

}  // namespace
}  // namespace povsim
