#include "phases/household_income.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/normal_table.hpp"
#include "phases/assistance.hpp"
#include "phases/monitoring.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"

namespace povsim {
namespace {

const std::string kBaseline = std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml";

/// The baseline's second region (博湖县, 2,000 households at this scale) after `months` simulated
/// months, and the next month's context.
struct PassFixture {
  Params params = load_scenario(kBaseline, {{"replications=1"}, 0.2}).params;
  Simulation sim{params, 0};
  LognormalTables noise;
  MonthContext month;
  std::vector<RegionMonth> regions;
  ScreeningRates rates;

  explicit PassFixture(int months) {
    for (int m = 0; m < months; ++m) sim.step_month();
    month = month_context(params, months);
    regions = schedule_month(params, month, noise);
    const Households& hh = sim.households();
    std::size_t monitored = 0;
    for (std::size_t i = begin(); i < end(); ++i) monitored += hh.category[i] != Category::kNone;
    rates = screening_rates(regions[1].params->monitoring, end() - begin(), monitored);
  }
  std::size_t begin() const { return sim.households().region_begin[1]; }
  std::size_t end() const { return sim.households().region_begin[2]; }
  HouseholdBlock pass(Households& hh, std::size_t b, std::size_t e) const {
    return household_income(hh, begin(), b, e, month, regions[1], RegionShockState{}, rates,
                            Rng(static_cast<std::uint32_t>(params.seed), 0));
  }
};

TEST(HouseholdPass, ListsEveryMonitoredHouseholdWithItsStandingOffers) {
  PassFixture f(14);
  Households hh = f.sim.households();
  const HouseholdBlock block = f.pass(hh, f.begin(), f.end());
  const MonitoringBlock& s = block.screened;
  ASSERT_EQ(s.monitored.size(), s.offers.size());
  ASSERT_GT(s.tally.newly_identified, 0);  // screening ran and found households this month
  std::vector<std::uint32_t> expected;
  for (std::size_t i = f.begin(); i < f.end(); ++i)
    if (hh.category[i] != Category::kNone) expected.push_back(static_cast<std::uint32_t>(i));
  EXPECT_EQ(s.monitored, expected);  // all monitored households, ascending, and only those
  // The offers are those of the household's state at the end of the pass.
  EXPECT_EQ(s.offers, standing_offers(hh, s.monitored, f.regions[1]));
  std::size_t with_offers = 0;
  for (std::uint8_t o : s.offers) with_offers += (o & kStandingProgrammes) != 0;
  EXPECT_GT(with_offers, 0u);
  EXPECT_LT(with_offers, s.offers.size());  // some have had all they can have
}

TEST(HouseholdPass, ScreeningIsTheSameWhateverTheBlocks) {
  PassFixture f(14);
  Households whole = f.sim.households();
  Households split = f.sim.households();
  const HouseholdBlock one = f.pass(whole, f.begin(), f.end());
  // Block edges that cut through chunks of 256 households.
  const std::size_t cut = f.begin() + 1000;
  HouseholdBlock parts = f.pass(split, f.begin(), cut);
  parts.add(f.pass(split, cut, cut + 1));
  parts.add(f.pass(split, cut + 1, f.end()));
  EXPECT_EQ(one.screened.monitored, parts.screened.monitored);
  EXPECT_EQ(one.screened.offers, parts.screened.offers);
  EXPECT_EQ(one.screened.tally.newly_identified, parts.screened.tally.newly_identified);
  EXPECT_EQ(one.screened.tally.by_channel, parts.screened.tally.by_channel);
  EXPECT_EQ(one.screened.tally.lag_months, parts.screened.tally.lag_months);
  EXPECT_EQ(whole.category, split.category);
  EXPECT_EQ(whole.risk_since, split.risk_since);
}

TEST(HouseholdPass, ScreeningMatchesIdentifyRiskOnTheMarkedHouseholds) {
  PassFixture f(14);
  Households fused = f.sim.households();
  Households apart = f.sim.households();
  const HouseholdBlock block = f.pass(fused, f.begin(), f.end());
  // The same pass with monitoring switched off marks households without screening them
  // (categories stay as they were); identify_risk then screens them all in one list, not chunk
  // by chunk.
  RegionParams off = *f.regions[1].params;
  off.monitoring.enabled = false;
  RegionMonth region_off = f.regions[1];
  region_off.params = &off;
  household_income(apart, f.begin(), f.begin(), f.end(), f.month, region_off, RegionShockState{},
                   {}, Rng(static_cast<std::uint32_t>(f.params.seed), 0));
  std::vector<std::uint32_t> marked;
  for (std::size_t i = f.begin(); i < f.end(); ++i)
    if (apart.category[i] != Category::kNone || apart.risk_since[i] != kNever)
      marked.push_back(static_cast<std::uint32_t>(i));
  MonitoringBlock later;
  identify_risk(apart, f.begin(), marked, f.month, f.regions[1], f.rates,
                Rng(static_cast<std::uint32_t>(f.params.seed), 0), later);
  EXPECT_EQ(block.screened.monitored, later.monitored);
  EXPECT_EQ(block.screened.tally.newly_identified, later.tally.newly_identified);
  EXPECT_EQ(fused.category, apart.category);
}

}  // namespace
}  // namespace povsim
