#include "parallel/partition.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "parallel/communicator.hpp"
#include "scenario/scenario_loader.hpp"
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

}  // namespace
}  // namespace povsim
