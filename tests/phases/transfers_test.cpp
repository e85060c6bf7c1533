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

}  // namespace
}  // namespace povsim
