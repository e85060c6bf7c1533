#include "model/population.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "scenario/scenario_loader.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;

/// About 50,000 households over the two regions of the small test scenario.
class PopulationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    params_ = new Params(load_scenario(data_file("small.yaml"), {{}, 25.0}).params);
    hh_ = new Households(synthesize_population(*params_, Rng(12345, 0)));
  }
  static void TearDownTestSuite() {
    delete hh_;
    delete params_;
  }

  /// Four standard errors of a share p estimated from n draws: loose enough never to fail by
  /// chance in practice, tight enough to catch a wrong share.
  static double tolerance(double p, double n) { return 4.0 * std::sqrt(p * (1 - p) / n) + 1e-9; }

  static std::size_t begin(std::size_t r) { return hh_->region_begin[r]; }
  static std::size_t end(std::size_t r) { return hh_->region_begin[r + 1]; }
  static bool lifted(std::size_t i) { return hh_->flags[i] & hh_flag::kLifted; }
  static double earned(std::size_t i) {
    return static_cast<double>(hh_->wage_local[i]) + hh_->wage_migrant[i] + hh_->operating[i] +
           hh_->property[i] + hh_->subsidy[i];
  }

  static Params* params_;
  static Households* hh_;
};

Params* PopulationTest::params_ = nullptr;
Households* PopulationTest::hh_ = nullptr;

TEST_F(PopulationTest, RegionsOwnConsecutiveRowsOfTheRequestedSize) {
  ASSERT_EQ(hh_->n_regions(), params_->regions.size());
  EXPECT_EQ(hh_->region_begin[0], 0u);
  for (std::size_t r = 0; r < params_->regions.size(); ++r)
    EXPECT_EQ(end(r) - begin(r), static_cast<std::size_t>(params_->regions[r].households));
  EXPECT_EQ(hh_->n(), 50000u);
}

TEST_F(PopulationTest, HouseholdSizeSharesAreReproduced) {
  for (std::size_t r = 0; r < params_->regions.size(); ++r) {
    const auto& shares = params_->region(0, r).population.household_size_shares;
    std::vector<double> count(shares.size(), 0.0);
    for (std::size_t i = begin(r); i < end(r); ++i) {
      ASSERT_GE(hh_->size[i], 1);
      ASSERT_LE(hh_->size[i], shares.size());
      count[hh_->size[i] - 1u] += 1;
    }
    const double n = static_cast<double>(end(r) - begin(r));
    for (std::size_t k = 0; k < shares.size(); ++k)
      EXPECT_NEAR(count[k] / n, shares[k], tolerance(shares[k], n))
          << "region " << r << " size " << k + 1;
  }
}

TEST_F(PopulationTest, LiftedShareIsReproduced) {
  for (std::size_t r = 0; r < params_->regions.size(); ++r) {
    const double share = params_->region(0, r).population.lifted_share;
    double n_lifted = 0;
    for (std::size_t i = begin(r); i < end(r); ++i) n_lifted += lifted(i);
    const double n = static_cast<double>(end(r) - begin(r));
    EXPECT_NEAR(n_lifted / n, share, tolerance(share, n)) << "region " << r;
  }
}

TEST_F(PopulationTest, LabourClassSharesAreReproducedPerStatus) {
  for (std::size_t r = 0; r < params_->regions.size(); ++r) {
    const PopulationParams& pop = params_->region(0, r).population;
    for (const bool status : {true, false}) {
      const LabourShares& want = status ? pop.labour_lifted : pop.labour_general;
      double n = 0, strong = 0, weak = 0, none = 0;
      for (std::size_t i = begin(r); i < end(r); ++i) {
        if (lifted(i) != status) continue;
        n += 1;
        strong += hh_->labour[i] == LabourClass::kStrong;
        weak += hh_->labour[i] == LabourClass::kWeak;
        none += hh_->labour[i] == LabourClass::kNone;
      }
      ASSERT_GT(n, 1000);
      EXPECT_NEAR(strong / n, want.strong, tolerance(want.strong, n));
      EXPECT_NEAR(weak / n, want.weak, tolerance(want.weak, n));
      EXPECT_NEAR(none / n, want.none, tolerance(want.none, n));
    }
  }
}

TEST_F(PopulationTest, MembersAddUpAndOnlyLabourHouseholdsHaveWorkers) {
  for (std::size_t i = 0; i < hh_->n(); ++i) {
    ASSERT_LE(hh_->workers[i] + hh_->elderly[i] + hh_->students[i], hh_->size[i]);
    if (hh_->labour[i] == LabourClass::kNone) {
      ASSERT_EQ(hh_->workers[i], 0);
      ASSERT_EQ(hh_->wage_local[i], 0.0f);
      ASSERT_EQ(hh_->wage_migrant[i], 0.0f);
    } else {
      ASSERT_GE(hh_->workers[i], 1);
    }
    if (hh_->labour[i] != LabourClass::kStrong) {
      ASSERT_EQ(hh_->wage_migrant[i], 0.0f);
    }
  }
}

TEST_F(PopulationTest, PerCapitaIncomeOfLiftedHouseholdsEqualsTheProfile) {
  for (std::size_t r = 0; r < params_->regions.size(); ++r) {
    const EconomyParams& eco = params_->region(0, r).economy;
    double income = 0, persons = 0;
    for (std::size_t i = begin(r); i < end(r); ++i) {
      if (!lifted(i)) continue;
      income += earned(i);
      persons += hh_->size[i];
    }
    EXPECT_NEAR(income / persons, eco.per_capita_income_2020_lifted,
                1e-4 * eco.per_capita_income_2020_lifted)
        << "region " << r;
  }
}

TEST_F(PopulationTest, PerCapitaIncomeOfGeneralHouseholdsFollowsTheRatio) {
  for (std::size_t r = 0; r < params_->regions.size(); ++r) {
    const EconomyParams& eco = params_->region(0, r).economy;
    double income = 0, persons = 0;
    for (std::size_t i = begin(r); i < end(r); ++i) {
      if (lifted(i)) continue;
      income += earned(i);
      persons += hh_->size[i];
    }
    const double want = eco.per_capita_income_2020_lifted * eco.general_to_lifted_income_ratio;
    EXPECT_NEAR(income / persons, want, 1e-4 * want) << "region " << r;
  }
}

TEST_F(PopulationTest, IncomeSourceSharesAreReproduced) {
  for (std::size_t r = 0; r < params_->regions.size(); ++r) {
    const EconomyParams& eco = params_->region(0, r).economy;
    const std::array<double, 5> want{eco.wage_local.share, eco.wage_migrant.share,
                                     eco.operating.share, eco.property.share, eco.subsidy.share};
    for (const bool status : {true, false}) {
      std::array<double, 5> by_source{};
      double total = 0;
      for (std::size_t i = begin(r); i < end(r); ++i) {
        if (lifted(i) != status) continue;
        const std::array<double, 5> x{hh_->wage_local[i], hh_->wage_migrant[i], hh_->operating[i],
                                      hh_->property[i], hh_->subsidy[i]};
        for (int s = 0; s < 5; ++s) by_source[s] += x[s];
        total += earned(i);
      }
      for (int s = 0; s < 5; ++s)
        EXPECT_NEAR(by_source[s] / total, want[s], 1e-4) << "region " << r << " source " << s;
    }
  }
}

TEST_F(PopulationTest, SourceParticipationIsReproduced) {
  // Subsidies are paid to everyone; property income to a `participation` share of households.
  for (std::size_t r = 0; r < params_->regions.size(); ++r) {
    const EconomyParams& eco = params_->region(0, r).economy;
    double with_property = 0;
    for (std::size_t i = begin(r); i < end(r); ++i) {
      with_property += hh_->property[i] > 0;
      if (eco.subsidy.participation == 1.0) {
        ASSERT_GT(hh_->subsidy[i], 0.0f);
      }
    }
    const double n = static_cast<double>(end(r) - begin(r));
    EXPECT_NEAR(with_property / n, eco.property.participation,
                tolerance(eco.property.participation, n));
  }
}

TEST_F(PopulationTest, SameSeedGivesTheSamePopulation) {
  const Households again = synthesize_population(*params_, Rng(12345, 0));
  EXPECT_EQ(again.size, hh_->size);
  EXPECT_EQ(again.flags, hh_->flags);
  EXPECT_EQ(again.wage_local, hh_->wage_local);
  EXPECT_EQ(again.operating, hh_->operating);
}

TEST_F(PopulationTest, OtherReplicationGivesAnotherPopulation) {
  const Households other = synthesize_population(*params_, Rng(12345, 1));
  EXPECT_NE(other.size, hh_->size);
  EXPECT_NE(other.wage_local, hh_->wage_local);
}

TEST(Population, RegionKeepsItsHouseholdsWhenAnotherRegionChanges) {
  const Params a =
      load_scenario(data_file("small.yaml"), {{"regions.0.households=300"}, 1.0}).params;
  const Params b =
      load_scenario(data_file("small.yaml"), {{"regions.0.households=500"}, 1.0}).params;
  const Households ha = synthesize_population(a, Rng(1, 0));
  const Households hb = synthesize_population(b, Rng(1, 0));
  // Region 1 has the same households in both; only its row offset moved.
  const std::size_t n1 = static_cast<std::size_t>(a.regions[1].households);
  for (std::size_t k = 0; k < n1; ++k) {
    ASSERT_EQ(ha.size[ha.region_begin[1] + k], hb.size[hb.region_begin[1] + k]);
    ASSERT_EQ(ha.flags[ha.region_begin[1] + k], hb.flags[hb.region_begin[1] + k]);
  }
}

}  // namespace
}  // namespace povsim
