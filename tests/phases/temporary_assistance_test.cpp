#include "phases/temporary_assistance.hpp"

#include <gtest/gtest.h>

namespace povsim {
namespace {

constexpr double kStandard = 6000;  // yuan/person/year

class TemporaryAssistanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rp_.transfers.temporary_assistance = {true, 3.0, 3000.0};
    region_.params = &rp_;
    region_.dibao_standard = kStandard;
    month_.offset = 5;
    month_.date = {2021, 6};
    hh_.resize(3);
    hh_.region_begin = {0, 3};
    for (std::size_t i = 0; i < 3; ++i) {
      hh_.size[i] = 2;
      hh_.fill_income_record(i, 4032.0 / 12);  // 4,032 a person a year (whole record units)
    }
    ledger_.post(0, FundAccount::kExternal, FundAccount::kDibao, to_fen(100000));
  }
  TemporaryAssistanceTally pay() {
    Budgets budgets{&ledger_, month_.offset};
    // Every row a candidate: the phase itself picks those with a loss this month.
    const std::vector<std::uint32_t> rows{0, 1, 2};
    return temporary_assistance(hh_, rows, month_, region_, budgets);
  }
  Households hh_;
  RegionParams rp_;
  RegionMonth region_;
  MonthContext month_;
  RegionLedger ledger_;
};

TEST_F(TemporaryAssistanceTest, PaysAHouseholdAShockLeftUnderTheStandardFromTheDibaoAccount) {
  hh_.cause_month[1] = 5;  // a loss this month
  hh_.cause_month[2] = 4;  // last month's: paid then, not again
  const float ytd = hh_.ytd_net[1];
  const TemporaryAssistanceTally t = pay();
  EXPECT_EQ(t.households, 1);
  const double expected = (kStandard - 4032) * 2 * 3 / 12.0;  // 3 months of the gap: 984
  EXPECT_NEAR(t.yuan, expected, 0.01);
  EXPECT_NEAR(hh_.ytd_net[1] - ytd, expected, 0.01);
  EXPECT_EQ(ledger_.left(FundAccount::kDibao), to_fen(100000) - to_fen(expected));
  EXPECT_EQ(ledger_.paid[static_cast<int>(FundAccount::kDibao)], to_fen(expected));
}

TEST_F(TemporaryAssistanceTest, SkipsHouseholdsOnDibaoOrAboveTheStandardAndCapsThePayment) {
  for (std::size_t i = 0; i < 3; ++i) hh_.cause_month[i] = 5;
  hh_.flags[0] |= hh_flag::kDibao;
  hh_.fill_income_record(1, 7000.0 / 12);
  rp_.transfers.temporary_assistance.max_payment = 400;
  const TemporaryAssistanceTally t = pay();
  EXPECT_EQ(t.households, 1);
  EXPECT_NEAR(t.yuan, 400, 1e-9);
}

TEST_F(TemporaryAssistanceTest, PaysNothingWhenOffOrWhenTheAccountIsEmpty) {
  hh_.cause_month[1] = 5;
  rp_.transfers.temporary_assistance.enabled = false;
  EXPECT_EQ(pay().households, 0);
  rp_.transfers.temporary_assistance.enabled = true;
  ledger_.spend(0, FundAccount::kDibao, FundAccount::kHouseholds,
                ledger_.left(FundAccount::kDibao));
  EXPECT_EQ(pay().households, 0);
}

}  // namespace
}  // namespace povsim
