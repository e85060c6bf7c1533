// The cause-accounting rule: the largest loss of the last 12 months, schooling costs if larger,
// chronic low income if neither is material.
#include "phases/causes.hpp"

#include <gtest/gtest.h>

namespace povsim {
namespace {

Households one_household() {
  Households hh;
  hh.resize(1);
  hh.size[0] = 3;
  return hh;
}

TEST(Causes, NoLossIsChronicLowIncome) {
  const Households hh = one_household();
  EXPECT_EQ(main_cause(hh, 0, 11, 0.0, 100.0), Cause::kChronicLow);
}

TEST(Causes, TheLargestLossOfTheWindowWins) {
  Households hh = one_household();
  record_loss(hh, 0, Cause::kJobLoss, 3000, 2);
  record_loss(hh, 0, Cause::kIllness, 8000, 4);
  record_loss(hh, 0, Cause::kDisaster, 5000, 6);  // smaller: the illness stays
  EXPECT_EQ(main_cause(hh, 0, 11, 0.0, 100.0), Cause::kIllness);
  EXPECT_NEAR(hh.cause_loss[0] * kCauseLossYuan, 8000, kCauseLossYuan);
  // Twelve months after the illness it no longer explains anything; a later loss replaces it.
  EXPECT_EQ(main_cause(hh, 0, 4 + kCauseWindowMonths, 0.0, 100.0), Cause::kChronicLow);
  record_loss(hh, 0, Cause::kBusinessLivestock, 500, 4 + kCauseWindowMonths);
  EXPECT_EQ(main_cause(hh, 0, 4 + kCauseWindowMonths, 0.0, 100.0), Cause::kBusinessLivestock);
}

TEST(Causes, SchoolingCostsWinOverASmallerLossAndSmallLossesAreNotCauses) {
  Households hh = one_household();
  record_loss(hh, 0, Cause::kAccident, 900, 5);
  EXPECT_EQ(main_cause(hh, 0, 11, 2000.0, 1000.0), Cause::kEducation);
  EXPECT_EQ(main_cause(hh, 0, 11, 0.0, 1000.0), Cause::kChronicLow);  // 900 < 1,000: immaterial
  EXPECT_EQ(main_cause(hh, 0, 11, 0.0, 800.0), Cause::kAccident);
}

TEST(Causes, LossesSaturateInsteadOfWrapping) {
  Households hh = one_household();
  record_loss(hh, 0, Cause::kIllness, 1e9, 0);
  EXPECT_EQ(hh.cause_loss[0], 65535);
  record_loss(hh, 0, Cause::kAccident, -5, 1);  // not a loss
  EXPECT_EQ(static_cast<Cause>(hh.cause[0]), Cause::kIllness);
}

}  // namespace
}  // namespace povsim
