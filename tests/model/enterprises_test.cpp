// Enterprises and their links: the graph built from the scenario, failure, and the income each
// link kind brings to a household.
#include "model/enterprises.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>

#include "phases/enterprises.hpp"
#include "phases/household_income.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;

/// Only leading enterprises, with round numbers: 1,200 households in 沁县 at 50 per 10,000 are
/// exactly 6 enterprises (stochastic rounding of a whole number).
const std::vector<std::string> kSixLeading{
    "enterprises.leading.per_10000_households=50",
    "enterprises.leading.jobs=10",
    "enterprises.leading.initial_fill=1",
    "enterprises.leading.contract_households=20",
    "enterprises.leading.lease_households=8",
    "enterprises.leading.equity_households=5",
    "enterprises.leading.members=3",
    "enterprises.cooperative.per_10000_households=0",
    "enterprises.workshop.per_10000_households=0",
    "enterprises.park_factory.per_10000_households=0",
    "enterprises.tourism.per_10000_households=0",
};

Params six_leading() { return load_scenario(data_file("small.yaml"), {kSixLeading, 1.0}).params; }

TEST(Enterprises, GraphMatchesTheScenario) {
  const Params params = six_leading();
  Simulation sim(params, 0);
  const RegionEnterprises& ent = sim.enterprises()[0];  // 沁县, 1,200 households
  ASSERT_EQ(ent.n(), 6u);
  EXPECT_EQ(ent.count_links(LinkKind::kEmployment), 6u * 10);
  EXPECT_EQ(ent.count_links(LinkKind::kContract), 6u * 20);
  EXPECT_EQ(ent.count_links(LinkKind::kLease), 6u * 8);
  EXPECT_EQ(ent.count_links(LinkKind::kEquity), 6u * 5);
  EXPECT_EQ(ent.count_links(LinkKind::kMembership), 6u * 3);
  EXPECT_EQ(boost::num_edges(ent.graph), 2 * ent.links.size());  // both directions
  for (std::uint32_t e = 0; e < ent.n(); ++e) {
    EXPECT_EQ(ent.degree_of(e), 10u + 20 + 8 + 5 + 3);
    EXPECT_EQ(ent.filled[e], 10u);
  }
  // The households' columns agree with the graph.
  const Households& hh = sim.households();
  std::size_t employed = 0, linked = 0;
  for (std::size_t i = hh.region_begin[0]; i < hh.region_begin[1]; ++i) {
    if (hh.link_kinds[i] & 1u) ++employed;
    if (hh.flags[i] & hh_flag::kLinked) ++linked;
    EXPECT_EQ(hh.link_kinds[i] != 0, (hh.flags[i] & hh_flag::kLinked) != 0);
  }
  EXPECT_EQ(employed, 60u);  // one job per household at most
  EXPECT_GE(linked, 60u);
}

TEST(Enterprises, FailingOneRemovesExactlyItsEdgesAndItsWorkersSeekJobs) {
  const Params params = six_leading();
  Simulation sim(params, 0);
  RegionEnterprises& ent = sim.enterprises()[0];
  Households& hh = sim.households();
  const std::size_t links_before = ent.links.size();
  const std::uint32_t e = 2;
  const std::size_t degree = ent.degree_of(e);
  std::vector<std::uint32_t> workers;
  for (const Link& l : ent.links)
    if (l.enterprise == e && l.kind == LinkKind::kEmployment) workers.push_back(l.household);
  std::vector<Link> others;
  for (const Link& l : ent.links)
    if (l.enterprise != e) others.push_back(l);

  EXPECT_EQ(fail_enterprise(ent, hh, 0, e, 0, EnterpriseParams{}), degree);
  refresh_links(ent, hh, 0);
  EXPECT_EQ(ent.links.size(), links_before - degree);
  EXPECT_EQ(ent.degree_of(e), 0u);
  EXPECT_EQ(ent.alive[e], 0);
  ASSERT_EQ(ent.links.size(), others.size());
  for (std::size_t k = 0; k < others.size(); ++k) {  // the others, untouched and in order
    EXPECT_EQ(ent.links[k].household, others[k].household);
    EXPECT_EQ(ent.links[k].enterprise, others[k].enterprise);
  }
  auto seekers = ent.seekers;
  std::sort(seekers.begin(), seekers.end());
  std::sort(workers.begin(), workers.end());
  EXPECT_EQ(seekers, workers);
  for (std::uint32_t row : workers) {
    EXPECT_FALSE(hh.link_kinds[row] & 1u);
    EXPECT_TRUE(hh.mon_flags[row] & mon_flag::kLostLinkThisYear);
  }
}

TEST(Enterprises, EntrantsFailingInTheirFirstMonthLeaveNoLinks) {
  std::vector<std::string> overrides = kSixLeading;
  overrides.push_back("enterprises.leading.entry_rate=1");
  overrides.push_back("enterprises.leading.failure_hazard=1");
  const Params params = load_scenario(data_file("small.yaml"), {overrides, 1.0}).params;
  Simulation sim(params, 0);
  for (int m = 0; m < 14; ++m) sim.step_month();  // two Januaries: entry, then failures
  const RegionEnterprises& ent = sim.enterprises()[0];
  EXPECT_GT(ent.n(), 6u);
  const Households& hh = sim.households();
  for (std::size_t i = hh.region_begin[0]; i < hh.region_begin[1]; ++i)
    if (hh.link_kinds[i] != 0) {
      bool live = false;
      for (const Link& l : ent.links) live = live || (l.household == i && ent.alive[l.enterprise]);
      EXPECT_TRUE(live) << "household " << i;
    }
}

TEST(Enterprises, LandLeaseHouseholdGetsRentAndWage) {  // "双薪" (seed 002)
  Households hh;
  hh.resize(3);
  hh.region_begin = {0, 3};
  RegionEnterprises ent;
  ent.n_households = 3;
  const std::uint32_t e = ent.add(EnterpriseKind::kLeading, 5, 2500.0f, -1);
  ent.links.push_back({0, e, LinkKind::kLease, 0, 500.0f});        // rent only
  ent.links.push_back({1, e, LinkKind::kLease, 0, 500.0f});        // rent …
  ent.links.push_back({1, e, LinkKind::kEmployment, 0, 2500.0f});  // … and wage
  refresh_links(ent, hh, 0);
  EXPECT_FLOAT_EQ(hh.link_property[0], 500.0f);
  EXPECT_FLOAT_EQ(hh.link_wage[0], 0.0f);
  EXPECT_FLOAT_EQ(hh.link_property[1], 500.0f);
  EXPECT_FLOAT_EQ(hh.link_wage[1], 2500.0f);
  EXPECT_EQ(hh.link_kinds[2], 0);
  EXPECT_FALSE(hh.flags[2] & hh_flag::kLinked);
  EXPECT_TRUE(hh.flags[1] & hh_flag::kLinked);
}

TEST(Enterprises, ContractPremiumRaisesOperatingIncomeByTheStatedShare) {
  const Params params = six_leading();
  Simulation sim(params, 0);
  const Households& hh = sim.households();
  std::size_t i = 0;
  while (!(hh.contract_premium[i] > 0 && hh.operating[i] > 0 && hh.link_coop[i] == 0)) ++i;
  const double premium = hh.contract_premium[i];
  EXPECT_NEAR(premium, 0.14, 1e-6);  // seed 004
  LognormalTables noise;
  const MonthContext month = month_context(params, 0);
  const std::vector<RegionMonth> regions = schedule_month(params, month, noise);
  const RegionShockState shocks;
  const Rng rng(static_cast<std::uint32_t>(params.seed), 0);
  auto operating_of = [&](float contract) {
    Households copy = hh;  // the same state and draws, with and without the contract
    copy.contract_premium[i] = contract;
    return household_income(copy, 0, i, i + 1, month, regions[0], shocks, {}, rng).totals;
  };
  const IncomeTotals with = operating_of(static_cast<float>(premium));
  const IncomeTotals without = operating_of(0.0f);
  ASSERT_GT(without.operating, 0);
  EXPECT_NEAR(with.operating / without.operating, 1.0 + premium, 1e-6);
  EXPECT_NEAR(with.link_contract, premium * (without.operating - without.link_coop), 1e-6);
}

/// Runs January of year `y` (offset 12·y) of the six-leading world's 沁县 through the enterprise
/// phase with the given farm-gate price swing; no failures.
struct RevenueWorld {
  Params params;
  std::unique_ptr<Simulation> sim;
  LognormalTables noise;
  FundState funds;
  explicit RevenueWorld(std::vector<std::string> extra) {
    std::vector<std::string> keys = kSixLeading;
    keys.push_back("enterprises.leading.failure_hazard=0");
    keys.push_back("enterprises.leading.entry_rate=0");
    keys.insert(keys.end(), extra.begin(), extra.end());
    params = load_scenario(data_file("small.yaml"), {keys, 1.0}).params;
    sim = std::make_unique<Simulation>(params, 0);
  }
  RegionEnterprises& ent() { return sim->enterprises()[0]; }
  void january(int year, double price) {
    const MonthContext month = month_context(params, 12 * year);
    const std::vector<RegionMonth> regions = schedule_month(params, month, noise);
    EnterpriseTally tally;
    enterprise_month(ent(), sim->households(), 0, month, regions[0],
                     Rng(static_cast<std::uint32_t>(params.seed), 0), price, tally, funds);
  }
};

TEST(EnterpriseRevenue, CarriesOverWithPersistenceAndMovesWithTheSectorAndPrices) {
  RevenueWorld w({"enterprises.revenue_persistence=0.5", "enterprises.idiosyncratic_revenue_sd=0",
                  "enterprises.price_elasticity=0.8"});
  w.january(0, 1.0);
  const std::vector<float> first = w.ent().revenue;
  ASSERT_EQ(first.size(), 6u);
  for (const float r : first) EXPECT_FLOAT_EQ(r, first[0]);  // one sector, no own shocks
  EXPECT_NE(first[0], 0.0f);
  w.january(1, 1.0);
  const float sector_2022 = w.ent().revenue[0] - 0.5f * first[0];
  // The same year's draws again with prices 30% down: revenue lower by 0.8 × log(0.7).
  RevenueWorld v({"enterprises.revenue_persistence=0.5", "enterprises.idiosyncratic_revenue_sd=0",
                  "enterprises.price_elasticity=0.8"});
  v.january(0, 1.0);
  v.january(1, 0.7);
  EXPECT_NEAR(v.ent().revenue[0], 0.5 * first[0] + sector_2022 + 0.8 * std::log(0.7), 1e-5);
}

TEST(EnterpriseRevenue, OwnShocksSpreadEnterprisesAndDividendsCanFollowRevenue) {
  RevenueWorld w({"enterprises.idiosyncratic_revenue_sd=0.3",
                  "enterprises.dividend_revenue_elasticity=1",
                  "enterprises.leading.share_value=1200", "enterprises.leading.dividend_rate=0.1"});
  w.january(0, 1.0);
  const RegionEnterprises& ent = w.ent();
  EXPECT_NE(ent.revenue[0], ent.revenue[1]);
  std::size_t equity = 0;
  for (const Link& l : ent.links) {
    if (l.kind != LinkKind::kEquity) continue;
    ++equity;
    EXPECT_NEAR(l.amount, 1200 * 0.1 / 12.0 * std::exp(ent.revenue[l.enterprise]), 1e-4);
  }
  EXPECT_EQ(equity, 6u * 5);
}

TEST(EnterpriseRevenue, LowRevenueRaisesTheFailureHazard) {
  auto failures = [](double price) {
    std::vector<std::string> keys = kSixLeading;
    keys[0] = "enterprises.leading.per_10000_households=2000";  // 240 enterprises
    keys.push_back("enterprises.leading.failure_hazard=0.3");
    keys.push_back("enterprises.leading.entry_rate=0");
    keys.push_back("enterprises.price_elasticity=1");
    keys.push_back("enterprises.hazard_elasticity=2");
    const Params params = load_scenario(data_file("small.yaml"), {keys, 1.0}).params;
    Simulation sim(params, 0);
    LognormalTables noise;
    EnterpriseTally tally;
    FundState funds;
    for (int m = 0; m < 12; ++m) {
      const MonthContext month = month_context(params, m);
      const std::vector<RegionMonth> regions = schedule_month(params, month, noise);
      enterprise_month(sim.enterprises()[0], sim.households(), 0, month, regions[0],
                       Rng(static_cast<std::uint32_t>(params.seed), 0), price, tally, funds);
    }
    return tally.failed;
  };
  const double normal = failures(1.0);
  const double slump = failures(0.6);  // prices 40% down: log revenue −0.51, hazard × 2.8
  std::cout << "failures in a year: " << normal << " at normal prices, " << slump
            << " in a price slump\n";
  EXPECT_GT(slump, 1.8 * normal);
}

}  // namespace
}  // namespace povsim
