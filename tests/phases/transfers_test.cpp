#include "phases/transfers.hpp"

#include <gtest/gtest.h>

namespace povsim {
namespace {

constexpr double kStandard = 6000;  // yuan/person/year

/// Households of one region, each of two persons with only local wages, and the 低保 rules.
class DibaoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rp_.transfers.dibao.enabled = true;
    rp_.transfers.dibao.take_up = 1.0;
    rp_.transfers.dibao.exit_margin = 0.2;
    region_.params = &rp_;
    region_.region_id = 3;
    region_.dibao_standard = kStandard;
    region_.pension_monthly = 0;
    resize(1);
  }

  void resize(std::size_t n) {
    hh_.resize(n);
    hh_.region_begin = {0, static_cast<std::uint32_t>(n)};
    for (std::size_t i = 0; i < n; ++i) hh_.size[i] = 2;
  }
  void set_per_capita_income(std::size_t i, double yuan) {
    hh_.wage_local[i] = static_cast<float>(yuan * hh_.size[i]);
  }
  std::size_t assess() { return dibao_assessment(hh_, 0, 0, hh_.n(), region_, Rng(9, 0)); }
  bool enrolled(std::size_t i) const { return hh_.flags[i] & hh_flag::kDibao; }

  Households hh_;
  RegionParams rp_;
  RegionMonth region_;
};

TEST_F(DibaoTest, EnrolsAnEligibleHouseholdThatTakesUpAndPaysTheGap) {
  set_per_capita_income(0, 4000);
  EXPECT_EQ(assess(), 1u);
  EXPECT_TRUE(enrolled(0));
  EXPECT_NEAR(hh_.dibao_monthly[0], (kStandard - 4000) * 2 / 12.0, 1e-3);
}

TEST_F(DibaoTest, DoesNotEnrolAHouseholdAtOrAboveTheStandard) {
  for (double income : {kStandard, kStandard + 100}) {
    set_per_capita_income(0, income);
    EXPECT_EQ(assess(), 0u);
    EXPECT_FALSE(enrolled(0));
    EXPECT_EQ(hh_.dibao_monthly[0], 0.0f);
  }
}

TEST_F(DibaoTest, DoesNotEnrolWhenNobodyTakesUp) {
  rp_.transfers.dibao.take_up = 0.0;
  set_per_capita_income(0, 1000);
  EXPECT_EQ(assess(), 0u);
  EXPECT_FALSE(enrolled(0));
}

TEST_F(DibaoTest, PaymentFollowsTheGapAtEachAssessment) {
  set_per_capita_income(0, 4000);
  assess();
  set_per_capita_income(0, 5000);
  assess();
  EXPECT_TRUE(enrolled(0));
  EXPECT_NEAR(hh_.dibao_monthly[0], (kStandard - 5000) * 2 / 12.0, 1e-3);
}

TEST_F(DibaoTest, StaysEnrolledWithoutPaymentBetweenStandardAndExitThreshold) {
  set_per_capita_income(0, 4000);
  assess();
  set_per_capita_income(0, kStandard * 1.1);  // above the standard, below standard × 1.2
  EXPECT_EQ(assess(), 1u);
  EXPECT_TRUE(enrolled(0));
  EXPECT_EQ(hh_.dibao_monthly[0], 0.0f);
}

TEST_F(DibaoTest, LeavesAboveStandardTimesOnePlusMargin) {
  set_per_capita_income(0, 4000);
  assess();
  set_per_capita_income(0, kStandard * 1.25);
  EXPECT_EQ(assess(), 0u);
  EXPECT_FALSE(enrolled(0));
  EXPECT_EQ(hh_.dibao_monthly[0], 0.0f);
}

TEST_F(DibaoTest, DisabledProgrammeEndsEveryEnrolment) {
  set_per_capita_income(0, 4000);
  assess();
  rp_.transfers.dibao.enabled = false;
  EXPECT_EQ(assess(), 0u);
  EXPECT_FALSE(enrolled(0));
  EXPECT_EQ(hh_.dibao_monthly[0], 0.0f);
}

TEST_F(DibaoTest, TakeUpShareIsReproducedAndStableAcrossAssessments) {
  const std::size_t n = 20000;
  resize(n);
  rp_.transfers.dibao.take_up = 0.6;
  for (std::size_t i = 0; i < n; ++i) set_per_capita_income(i, 3000);
  const std::size_t first = assess();
  EXPECT_NEAR(static_cast<double>(first) / n, 0.6, 0.015);  // 4 standard errors
  const std::vector<std::uint8_t> flags = hh_.flags;
  EXPECT_EQ(assess(), first);  // take-up is a trait: assessing again enrols nobody new
  EXPECT_EQ(hh_.flags, flags);
}

TEST_F(DibaoTest, AssessmentOfABlockTouchesOnlyThatBlock) {
  resize(4);
  for (std::size_t i = 0; i < 4; ++i) set_per_capita_income(i, 1000);
  dibao_assessment(hh_, 0, 1, 3, region_, Rng(9, 0));
  EXPECT_FALSE(enrolled(0));
  EXPECT_TRUE(enrolled(1));
  EXPECT_TRUE(enrolled(2));
  EXPECT_FALSE(enrolled(3));
}

TEST(ExpectedPerCapitaIncome, CountsMigrantWagesOnlyWhileEmployedAndAddsPensions) {
  Households hh;
  hh.resize(1);
  hh.region_begin = {0, 1};
  hh.size[0] = 4;
  hh.elderly[0] = 1;
  hh.wage_local[0] = 4000;
  hh.wage_migrant[0] = 8000;
  hh.operating[0] = 2000;
  hh.property[0] = 1000;
  hh.subsidy[0] = 1000;
  hh.dibao_monthly[0] = 500;  // 低保 itself is not counted
  hh.flags[0] = hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed | hh_flag::kDibao;
  RegionParams rp;
  RegionMonth region;
  region.params = &rp;
  region.pension_monthly = 100;
  EXPECT_DOUBLE_EQ(expected_per_capita_income(hh, 0, region), (16000 + 1200) / 4.0);
  hh.flags[0] = hh_flag::kMigrantAttached;  // lost the job
  EXPECT_DOUBLE_EQ(expected_per_capita_income(hh, 0, region), (8000 + 1200) / 4.0);
}

TEST(ExpectedPerCapitaIncome, CountsEnterpriseLinksOfLinkedHouseholds) {
  Households hh;
  hh.resize(1);
  hh.region_begin = {0, 1};
  hh.size[0] = 2;
  hh.operating[0] = 10000;
  hh.link_wage[0] = 2000;    // a workshop job, yuan/month
  hh.link_coop[0] = 100;     // cooperative gains, yuan/month
  hh.link_property[0] = 50;  // rent and dividends, yuan/month
  hh.contract_premium[0] = 0.14f;
  RegionParams rp;
  RegionMonth region;
  region.params = &rp;
  EXPECT_DOUBLE_EQ(expected_per_capita_income(hh, 0, region), 10000 / 2.0);  // not linked
  hh.flags[0] = hh_flag::kLinked;
  const double premium = 10000.0 * static_cast<double>(0.14f);
  EXPECT_DOUBLE_EQ(expected_per_capita_income(hh, 0, region),
                   (10000 + 12.0 * 2150 + premium) / 2.0);
}

/// The 民政 means test and 特困 (need_based), on the same households.
class NeedBasedDibaoTest : public DibaoTest {
 protected:
  void SetUp() override {
    DibaoTest::SetUp();
    DibaoParams& p = rp_.transfers.dibao;
    p.need_based = true;
    p.assessment_interval_months = 6;
    p.imputed_wage_strong = 18000;
    p.imputed_wage_weak = 6000;
    p.asset_property_limit = 3000;
    p.application_gap_scale = 0.3;
    p.priority_application = 1.0;
    rp_.transfers.tekun.enabled = true;
    region_.tekun_standard = kTekunStandard;
  }
  static constexpr double kTekunStandard = 7800;
  std::size_t review(std::uint32_t month) {
    return dibao_assessment(hh_, 0, 0, hh_.n(), region_, Rng(9, 0), month);
  }
  bool tekun(std::size_t i) const { return hh_.flags[i] & hh_flag::kTekun; }
};

TEST_F(NeedBasedDibaoTest, CountsAnImputedWageForAbleBodiedWorkers) {
  set_per_capita_income(0, 2000);
  hh_.labour[0] = LabourClass::kStrong;
  hh_.workers[0] = 1;  // 18,000 / 2 persons = 9,000 > the standard
  EXPECT_EQ(review(0), 0u);
  EXPECT_FALSE(enrolled(0));
  hh_.flags[0] |= hh_flag::kChronic;  // a seriously ill household is spared the imputation
  EXPECT_EQ(review(6), 1u);
  EXPECT_NEAR(hh_.dibao_monthly[0], (kStandard - 2000) * 2 / 12.0, 1e-3);
}

TEST_F(NeedBasedDibaoTest, WeakLabourPaysTheGapToTheImputedIncome) {
  set_per_capita_income(0, 1000);
  hh_.labour[0] = LabourClass::kWeak;
  hh_.workers[0] = 1;  // assessed at 6,000 / 2 = 3,000
  EXPECT_EQ(review(0), 1u);
  EXPECT_NEAR(hh_.dibao_monthly[0], (kStandard - 3000) * 2 / 12.0, 1e-3);
}

TEST_F(NeedBasedDibaoTest, PropertyAboveTheAssetLimitFails) {
  hh_.labour[0] = LabourClass::kNone;
  hh_.workers[0] = 0;
  hh_.flags[0] = hh_flag::kMigrantAttached;  // not 特困
  hh_.property[0] = 2 * 3500;                // 3,500 a person > 3,000
  EXPECT_EQ(review(0), 0u);
}

TEST_F(NeedBasedDibaoTest, NoLabourNoEarnerNoSupporterIsTekunPaidItsStandardInFull) {
  set_per_capita_income(0, 1500);
  hh_.labour[0] = LabourClass::kNone;
  hh_.workers[0] = 0;
  EXPECT_EQ(review(0), 1u);
  EXPECT_TRUE(tekun(0));
  EXPECT_NEAR(hh_.dibao_monthly[0], kTekunStandard * 2 / 12.0, 1e-3);
  // A migrant member supports it: reviewed as 低保, paid the gap.
  hh_.flags[0] |= hh_flag::kMigrantAttached;
  EXPECT_EQ(review(6), 1u);
  EXPECT_FALSE(tekun(0));
  EXPECT_NEAR(hh_.dibao_monthly[0], (kStandard - 1500) * 2 / 12.0, 1e-3);
}

TEST_F(NeedBasedDibaoTest, AHouseholdWithAMemberBoundToSupportTheOthersIsNotTekun) {
  rp_.transfers.tekun.max_household_size = 2;
  resize(2);
  for (std::size_t i = 0; i < 2; ++i) {
    hh_.labour[i] = LabourClass::kNone;
    hh_.workers[i] = 0;
  }
  hh_.size[1] = 4;  // four members without labour: bound to support one another, so 低保
  set_per_capita_income(0, 1500);
  set_per_capita_income(1, 1500);
  EXPECT_EQ(review(0), 2u);
  EXPECT_TRUE(tekun(0));
  EXPECT_FALSE(tekun(1));
  EXPECT_NEAR(hh_.dibao_monthly[0], kTekunStandard * hh_.size[0] / 12.0, 1e-3);
  EXPECT_NEAR(hh_.dibao_monthly[1], (kStandard - 1500) * 4 / 12.0, 1e-3);
  // With no limit the same household is 特困 and paid the 特困 standard in full.
  rp_.transfers.tekun.max_household_size = 0;
  EXPECT_EQ(review(6), 2u);
  EXPECT_TRUE(tekun(1));
  EXPECT_NEAR(hh_.dibao_monthly[1], kTekunStandard * 4 / 12.0, 1e-3);
}

TEST_F(NeedBasedDibaoTest, ApplicationsGrowWithTheGap) {
  rp_.transfers.dibao.priority_application = 0;
  resize(4000);
  for (std::size_t i = 0; i < 4000; ++i) {
    hh_.labour[i] = LabourClass::kWeak;  // no priority, no imputation (no workers)
    set_per_capita_income(i, i < 2000 ? kStandard * 0.9 : kStandard * 0.3);
  }
  review(6);  // one review, not the setup's year of them
  int small = 0, large = 0;
  for (std::size_t i = 0; i < 4000; ++i) (i < 2000 ? small : large) += enrolled(i);
  // 1 − e^(−0.1/0.3) ≈ 0.28 against 1 − e^(−0.7/0.3) ≈ 0.90.
  EXPECT_NEAR(small / 2000.0, 0.28, 0.04);
  EXPECT_NEAR(large / 2000.0, 0.90, 0.03);
}

TEST_F(NeedBasedDibaoTest, GradualExitPaysUntilTheNextReview) {
  rp_.transfers.dibao.gradual_exit = true;
  hh_.labour[0] = LabourClass::kWeak;  // not 特困
  set_per_capita_income(0, 4000);
  review(0);
  const float paid = hh_.dibao_monthly[0];
  set_per_capita_income(0, kStandard * 1.5);
  EXPECT_EQ(review(6), 1u);  // 渐退期
  EXPECT_EQ(hh_.dibao_monthly[0], paid);
  EXPECT_EQ(review(12), 0u);
  EXPECT_FALSE(enrolled(0));
  EXPECT_EQ(hh_.dibao_monthly[0], 0.0f);
}

}  // namespace
}  // namespace povsim
