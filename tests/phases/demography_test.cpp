#include "phases/demography.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "model/own_income.hpp"

namespace povsim {
namespace {

constexpr std::size_t kHouseholds = 100000;

/// 100,000 identical households of one region, demography on with every rate 0 unless a test
/// sets it: each test switches on one passage and checks its share and its effect.
class DemographyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rp_.demography.enabled = true;
    rp_.demography.birth_rate = {{2022, 0.0}};
    region_.params = &rp_;
    region_.region_id = 5;
    month_.offset = 12;
    month_.date = {2022, 1};
    hh_.resize(kHouseholds);
    hh_.region_begin = {0, static_cast<std::uint32_t>(kHouseholds)};
  }
  /// Every household: `size` members of whom `workers` work (strong labour, 10,000 yuan of local
  /// wage each), `elderly` are 60+ and `students` at school.
  void members(int size, int workers, int elderly, int students) {
    for (std::size_t i = 0; i < kHouseholds; ++i) {
      hh_.size[i] = static_cast<std::uint8_t>(size);
      hh_.workers[i] = static_cast<std::uint8_t>(workers);
      hh_.elderly[i] = static_cast<std::uint8_t>(elderly);
      hh_.students[i] = static_cast<std::uint8_t>(students);
      hh_.labour[i] = workers > 0 ? LabourClass::kStrong : LabourClass::kNone;
      hh_.wage_local[i] = 10000.0f * static_cast<float>(workers);
    }
  }
  DemographyTally age(std::size_t begin = 0, std::size_t end = kHouseholds) {
    return age_households(hh_, 0, begin, end, month_, region_, Rng(11, 0));
  }
  /// |observed − expected| within 4 binomial standard deviations.
  static void expect_share(double count, double p) {
    const double sd = std::sqrt(kHouseholds * p * (1 - p));
    EXPECT_NEAR(count, kHouseholds * p, 4 * sd + 1) << "expected share " << p;
  }

  Households hh_;
  RegionParams rp_;
  RegionMonth region_;
  MonthContext month_;
};

TEST_F(DemographyTest, DisabledChangesNothing) {
  members(4, 2, 1, 1);
  rp_.demography.enabled = false;
  rp_.demography.elderly_mortality = 0.5;
  rp_.demography.worker_ageing = 0.5;
  const DemographyTally t = age();
  EXPECT_EQ(t.deaths + t.workers_aged_out + t.births, 0);
  for (std::size_t i = 0; i < kHouseholds; ++i) ASSERT_EQ(hh_.size[i], 4);
}

TEST_F(DemographyTest, ElderlyMembersDieAtTheirRateButNoOneLivingAloneIsRemoved) {
  members(3, 1, 2, 0);
  rp_.demography.elderly_mortality = 0.05;
  const DemographyTally t = age();
  expect_share(t.deaths, 1 - std::pow(0.95, 2));
  std::size_t smaller = 0;
  for (std::size_t i = 0; i < kHouseholds; ++i) {
    if (hh_.size[i] == 2) {
      ++smaller;
      EXPECT_EQ(hh_.elderly[i], 1);
    }
  }
  EXPECT_EQ(static_cast<double>(smaller), t.deaths);

  members(1, 0, 1, 0);
  EXPECT_EQ(age().deaths, 0);
  for (std::size_t i = 0; i < kHouseholds; ++i) ASSERT_EQ(hh_.size[i], 1);
}

TEST_F(DemographyTest, AWorkerWhoTurnsSixtyTakesHisShareOfTheWages) {
  members(4, 2, 0, 0);
  rp_.demography.worker_ageing = 0.1;
  const DemographyTally t = age();
  expect_share(t.workers_aged_out, 1 - std::pow(0.9, 2));
  for (std::size_t i = 0; i < kHouseholds; ++i)
    if (hh_.workers[i] == 1) {
      EXPECT_EQ(hh_.elderly[i], 1);
      EXPECT_FLOAT_EQ(hh_.wage_local[i], 10000.0f);
    }
}

TEST_F(DemographyTest, TheLastWorkerAgesOutWithTheWagesUnlessHeHoldsAnEnterpriseJob) {
  members(2, 1, 0, 0);
  rp_.demography.worker_ageing = 0.2;
  for (std::size_t i = 0; i < kHouseholds; i += 2) {  // every other household holds a job
    hh_.flags[i] |= hh_flag::kLinked;
    hh_.link_kinds[i] = kEmploymentLinkBit;
  }
  for (std::size_t i = 1; i < kHouseholds; i += 2) {
    hh_.flags[i] |= hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed;
    hh_.wage_migrant[i] = 5000;
  }
  const DemographyTally t = age();
  std::size_t stopped = 0;
  for (std::size_t i = 0; i < kHouseholds; ++i) {
    if (i % 2 == 0) {
      ASSERT_EQ(hh_.workers[i], 1);
    } else if (hh_.workers[i] == 0) {
      ++stopped;
      EXPECT_EQ(hh_.labour[i], LabourClass::kNone);
      EXPECT_EQ(hh_.wage_local[i] + hh_.wage_migrant[i], 0.0f);
      EXPECT_FALSE(hh_.flags[i] & hh_flag::kMigrantAttached);
    }
  }
  EXPECT_EQ(static_cast<double>(stopped), t.workers_aged_out);
  EXPECT_NEAR(t.workers_aged_out, kHouseholds / 2 * 0.2, 4 * std::sqrt(kHouseholds / 2 * 0.16));
}

TEST_F(DemographyTest, SchoolLeaversMoveOutOrWorkAtTheHouseholdsWagePerWorker) {
  members(4, 2, 0, 2);
  rp_.demography.school_leaving = 0.3;
  rp_.demography.school_leaver_moves_out = 0.25;
  const DemographyTally t = age();
  const double p = 1 - std::pow(0.7, 2);
  expect_share(t.school_leavers + t.moved_out, p);
  EXPECT_NEAR(t.moved_out / (t.school_leavers + t.moved_out), 0.25, 0.015);
  for (std::size_t i = 0; i < kHouseholds; ++i) {
    if (hh_.workers[i] == 3) {
      EXPECT_EQ(hh_.students[i], 1);
      EXPECT_FLOAT_EQ(hh_.wage_local[i], 30000.0f);  // 20,000 for two workers, one more alike
    }
    if (hh_.size[i] == 3) {
      EXPECT_EQ(hh_.students[i], 1);
    }
  }
}

TEST_F(DemographyTest, ASchoolLeaverInAHouseholdWithoutWorkersEarnsTheEntryWage) {
  members(2, 0, 1, 1);
  rp_.demography.school_leaving = 0.5;
  rp_.demography.entry_wage = 18000;
  age();
  std::size_t working = 0;
  for (std::size_t i = 0; i < kHouseholds; ++i)
    if (hh_.workers[i] == 1) {
      ++working;
      EXPECT_EQ(hh_.labour[i], LabourClass::kStrong);
      EXPECT_FLOAT_EQ(hh_.wage_local[i], 18000.0f);
    }
  expect_share(static_cast<double>(working), 0.5);
}

TEST_F(DemographyTest, BirthsComeToHouseholdsWithAWorkerAtTheRatePerMember) {
  members(3, 1, 0, 0);
  rp_.demography.birth_rate = {{2022, 0.02}};
  const DemographyTally t = age();
  expect_share(t.births, 0.06);
  members(3, 0, 3, 0);
  EXPECT_EQ(age().births, 0);  // no worker
}

TEST_F(DemographyTest, PreSchoolChildrenStartSchool) {
  members(4, 2, 0, 0);  // two members of no other stage: pre-school children
  rp_.demography.school_entry = 0.2;
  const DemographyTally t = age();
  expect_share(t.school_starts, 1 - 0.8 * 0.8);
  members(2, 1, 1, 0);  // no child
  EXPECT_EQ(age().school_starts, 0);
}

TEST_F(DemographyTest, TheOutcomeDoesNotDependOnHowHouseholdsAreSplitIntoBlocks) {
  rp_.demography.elderly_mortality = 0.1;
  rp_.demography.worker_ageing = 0.1;
  rp_.demography.school_leaving = 0.2;
  rp_.demography.school_leaver_moves_out = 0.5;
  rp_.demography.school_entry = 0.2;
  rp_.demography.birth_rate = {{2022, 0.02}};
  members(5, 2, 1, 1);
  const DemographyTally whole = age();
  const std::vector<std::uint8_t> size(hh_.size.begin(), hh_.size.end());
  members(5, 2, 1, 1);
  DemographyTally parts = age(0, 777);
  parts.add(age(777, 50001));
  parts.add(age(50001, kHouseholds));
  EXPECT_EQ(whole.deaths, parts.deaths);
  EXPECT_EQ(whole.births, parts.births);
  EXPECT_EQ(whole.moved_out, parts.moved_out);
  for (std::size_t i = 0; i < kHouseholds; ++i) ASSERT_EQ(hh_.size[i], size[i]);
}

}  // namespace
}  // namespace povsim
