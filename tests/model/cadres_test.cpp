#include "model/cadres.hpp"

#include <gtest/gtest.h>

#include "model/households.hpp"

namespace povsim {
namespace {

struct Fixture {
  Households hh;
  PairingParams p;
  explicit Fixture(std::size_t n) {
    hh.resize(n);
    hh.region_begin = {0, static_cast<std::uint32_t>(n)};
    p.cadres_per_1000_households = 20;  // 2 cadres per 100 households
    p.households_per_cadre = 2;
  }
  std::size_t paired() const {
    std::size_t k = 0;
    for (std::size_t i = 0; i < hh.n(); ++i) k += (hh.mon_flags[i] & mon_flag::kPaired) ? 1 : 0;
    return k;
  }
};

TEST(Cadres, InitialPairingsStopAtCapacity) {
  Fixture f(100);
  for (std::size_t i = 0; i < 10; ++i) f.hh.mon_flags[i] = mon_flag::kPaired;  // 10 want a cadre
  const RegionCadres c = synthesize_cadres(f.hh, 0, 100, f.p, 0, Rng(1, 0));
  ASSERT_EQ(c.n(), 2u);
  EXPECT_EQ(c.total_capacity(), 4u);
  EXPECT_EQ(c.pairs.size(), 4u);
  EXPECT_EQ(f.paired(), 4u);  // the rest lost the flag: no cadre had room
  for (std::size_t k = 0; k < c.n(); ++k) EXPECT_LE(c.load[k], c.capacity[k]);
}

TEST(Cadres, CapacityAveragesHouseholdsPerCadre) {
  Fixture f(100000);
  f.p.households_per_cadre = 2.4;
  const RegionCadres c = synthesize_cadres(f.hh, 0, 100000, f.p, 3, Rng(2, 0));
  EXPECT_EQ(c.n(), 2000u);
  EXPECT_NEAR(static_cast<double>(c.total_capacity()) / 2000.0, 2.4, 0.05);
}

TEST(Cadres, MonitoredHouseholdsTakeFreeRoomThenHandoversFromUnmonitored) {
  Fixture f(100);
  f.hh.mon_flags[0] = mon_flag::kPaired;  // one pairing from the start, not monitored
  RegionCadres c = synthesize_cadres(f.hh, 0, 100, f.p, 0, Rng(1, 0));
  std::vector<std::uint32_t> monitored{10, 11, 12, 13, 14};
  for (const auto i : monitored) f.hh.category[i] = Category::kUnstable;
  const std::size_t handovers = pair_monitored(c, f.hh, 0, monitored);
  // Capacity 4: three free places, then household 0 hands over its cadre; 14 stays unpaired.
  EXPECT_EQ(handovers, 1u);
  EXPECT_FALSE(f.hh.mon_flags[0] & mon_flag::kPaired);
  for (const std::uint32_t i : {10u, 11u, 12u, 13u})
    EXPECT_TRUE(f.hh.mon_flags[i] & mon_flag::kPaired);
  EXPECT_FALSE(f.hh.mon_flags[14] & mon_flag::kPaired);
  EXPECT_EQ(f.paired(), 4u);
  EXPECT_EQ(pair_monitored(c, f.hh, 0, monitored), 0u);  // every cadre looks after monitored ones
  for (std::size_t k = 0; k < c.n(); ++k) EXPECT_LE(c.load[k], c.capacity[k]);
}

}  // namespace
}  // namespace povsim
