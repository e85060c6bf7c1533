#include "parallel/partition.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "parallel/communicator.hpp"
#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/simulation.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

std::int64_t block(const std::vector<std::int64_t>& hh, std::size_t b, std::size_t e) {
  std::int64_t s = 0;
  for (std::size_t r = b; r < e; ++r) s += hh[r];
  return s;
}

TEST(Partition, OneRankHoldsEverything) {
  EXPECT_EQ(partition_regions({5, 7, 9}, 1), (std::vector<std::size_t>{0, 3}));
}

TEST(Partition, BlocksAreContiguousNonEmptyAndBalancedByHouseholds) {
  const std::vector<std::int64_t> hh{900, 250, 600, 200, 600};
  // Two ranks: 1,275 each is the target; 900+250 = 1,150 is closer than 1,750.
  EXPECT_EQ(partition_regions(hh, 2), (std::vector<std::size_t>{0, 2, 5}));
  // Three: targets 850 and 1,700 → boundaries after 900 and after 900+250+600 = 1,750.
  EXPECT_EQ(partition_regions(hh, 3), (std::vector<std::size_t>{0, 1, 3, 5}));
  for (int ranks = 1; ranks <= 5; ++ranks) {
    const auto b = partition_regions(hh, ranks);
    ASSERT_EQ(b.size(), static_cast<std::size_t>(ranks) + 1);
    EXPECT_EQ(b.front(), 0u);
    EXPECT_EQ(b.back(), hh.size());
    for (int k = 0; k < ranks; ++k) EXPECT_LT(b[k], b[k + 1]) << "rank " << k << " is empty";
  }
}

TEST(Partition, ManyEqualRegionsSplitEvenly) {
  const std::vector<std::int64_t> hh(832, 36000);
  const auto b = partition_regions(hh, 16);
  for (int k = 0; k < 16; ++k) {
    const std::int64_t load = block(hh, b[k], b[k + 1]);
    EXPECT_NEAR(static_cast<double>(load), 832.0 * 36000 / 16, 36000.0);
  }
}

TEST(Partition, OneHugeRegionGetsARankOfItsOwn) {
  const auto b = partition_regions({10, 10, 1000, 10, 10}, 3);
  EXPECT_EQ(b, (std::vector<std::size_t>{0, 2, 3, 5}));
}

TEST(Partition, MoreRanksThanRegionsIsRefused) {
  EXPECT_THROW(partition_regions({1, 2}, 3), std::invalid_argument);
}

TEST(Partition, SliceKeepsRegionNamesIdsAndParameters) {
  const Params p = load_scenario(testing::data_file("multi-region.yaml")).params;
  const Params s = slice_regions(p, 1, 3);
  ASSERT_EQ(s.regions.size(), 2u);
  EXPECT_EQ(s.regions[0].name, p.regions[1].name);
  EXPECT_EQ(s.regions[1].stable_id, p.regions[2].stable_id);
  for (std::size_t e = 0; e < p.region_params.size(); ++e) {
    ASSERT_EQ(s.region_params[e].size(), 2u);
    EXPECT_EQ(s.region_params[e][1].economy.permanent_sd,
              p.region_params[e][2].economy.permanent_sd);
  }
}

TEST(Communicator, SingleProcessGatherIsTheIdentity) {
  const std::vector<double> rows{1.5, 2.5};
  EXPECT_EQ(gather_rows(single_process(), rows), rows);
  EXPECT_TRUE(single_process().root());
  EXPECT_EQ(single_process().size(), 1);
}

TEST(YearClose, RegionsThenAllEqualsCloseYearBitForBit) {
  // What MPI ranks do (close_regions on their blocks, close_all on rank 0) must give the bits of
  // one process, whatever the blocks.
  const Params p = load_scenario(testing::data_file("multi-region.yaml")).params;
  Simulation sim(p, 0);
  while (sim.month() < 11) sim.step_month();  // November: the year's income is in ytd_net
  LognormalTables noise;
  const MonthContext dec = month_context(p, 11);
  const std::vector<RegionMonth> regions = schedule_month(p, dec, noise);
  std::vector<YearFlows> flows(p.regions.size());
  for (std::size_t r = 0; r < flows.size(); ++r) {
    flows[r].months = 12;
    flows[r].income.wage_local = 1000.0 / static_cast<double>(r + 3);
  }
  Households one = sim.households();
  const std::vector<MetricValues> expected = close_year(one, regions, flows, dec);

  Households split = sim.households();
  std::vector<YearTally> tallies;
  std::vector<float> per_capita;
  std::vector<MetricValues> values = close_regions(split, regions, flows, dec, tallies, per_capita);
  ASSERT_EQ(tallies.size(), p.regions.size());
  ASSERT_EQ(per_capita.size(), split.n());
  // Rank order of the incomes must not matter for the quantiles: reverse them.
  std::reverse(per_capita.begin(), per_capita.end());
  values.push_back(close_all(tallies, flows, per_capita));
  ASSERT_EQ(values.size(), expected.size());
  for (std::size_t r = 0; r < values.size(); ++r)
    for (int m = 0; m < kMetricCount; ++m)
      EXPECT_EQ(values[r][m], expected[r][m]) << "region " << r << " metric " << m;
  EXPECT_GT(expected.back()[static_cast<int>(Metric::kIncomePerCapitaP50)], 0.0);
}

}  // namespace
}  // namespace povsim
