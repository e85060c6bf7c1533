#include "phases/schedule.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace povsim {
namespace {

TEST(MonthlyProbability, CompoundsBackToTheAnnualProbabilityOverTwelveMonths) {
  for (double annual : {0.0, 1e-6, 0.01, 0.05, 0.3, 0.5, 0.9, 0.999}) {
    const double m = monthly_probability(annual);
    EXPECT_GE(m, 0.0);
    EXPECT_LE(m, annual);
    EXPECT_NEAR(1.0 - std::pow(1.0 - m, 12), annual, 1e-12) << annual;
  }
}

TEST(MonthlyProbability, CertainEventIsCertainEveryMonth) {
  EXPECT_EQ(monthly_probability(1.0), 1.0);
}

/// A two-epoch scenario with one region: epoch 1 starts in 2023-01 (offset 24).
Params two_epoch_params() {
  Params p;
  p.start = {2021, 1};
  p.end = {2025, 12};
  p.regions = {RegionSpec{"a", 10, "", 77, ""}};
  p.epoch_start = {0, 24};
  RegionParams early;
  early.economy.trend_growth = {{2021, 0.10}, {2022, 0.05}, {2023, 0.0}, {2024, 0.0}, {2025, 0.0}};
  early.shocks.illness.annual_probability = 0.05;
  early.shocks.accident.annual_probability = 0.01;
  early.transfers.pension_per_elderly = {
      {2021, 1200}, {2022, 2400}, {2023, 3600}, {2024, 4800}, {2025, 6000}};
  early.transfers.dibao.standard = {
      {2021, 5000}, {2022, 5500}, {2023, 6000}, {2024, 6500}, {2025, 7000}};
  early.lines.poverty = {{2021, 4000}, {2022, 4100}, {2023, 4200}, {2024, 4300}, {2025, 4400}};
  early.lines.monitoring = {{2021, 6000}, {2022, 6500}, {2023, 7000}, {2024, 7500}, {2025, 8000}};
  RegionParams later = early;
  later.shocks.illness.annual_probability = 0.2;
  p.region_params = {{early}, {later}};
  return p;
}

TEST(MonthContext, GivesTheCalendarMonthAndPolicyEpoch) {
  const Params p = two_epoch_params();
  const MonthContext first = month_context(p, 0);
  EXPECT_EQ(first.date, (YearMonth{2021, 1}));
  EXPECT_EQ(first.epoch, 0);
  EXPECT_FALSE(first.year_end());
  const MonthContext dec = month_context(p, 23);
  EXPECT_EQ(dec.date, (YearMonth{2022, 12}));
  EXPECT_EQ(dec.epoch, 0);
  EXPECT_TRUE(dec.year_end());
  const MonthContext jan = month_context(p, 24);
  EXPECT_EQ(jan.date, (YearMonth{2023, 1}));
  EXPECT_EQ(jan.epoch, 1);
}

TEST(ScheduleMonth, UsesTheYearsValues) {
  const Params p = two_epoch_params();
  LognormalTables noise;
  const auto m2022 = schedule_month(p, month_context(p, 13), noise);  // 2022-02
  ASSERT_EQ(m2022.size(), 1u);
  // Year Y's growth reaches capacities in January of Y (and at the period's first month), so
  // year Y's income is (1 + g_Y) times year Y-1's.
  const auto jan2022 = schedule_month(p, month_context(p, 12), noise);
  EXPECT_DOUBLE_EQ(jan2022[0].january_growth,
                   1.0 + at_year(p.region(0, 0).economy.trend_growth, 2022));
  EXPECT_DOUBLE_EQ(schedule_month(p, month_context(p, 0), noise)[0].january_growth,
                   1.0 + at_year(p.region(0, 0).economy.trend_growth, 2021));
  EXPECT_DOUBLE_EQ(m2022[0].pension_monthly, 200.0);
  EXPECT_EQ(m2022[0].dibao_standard, 5500);
  EXPECT_EQ(m2022[0].poverty_line, 4100);
  EXPECT_EQ(m2022[0].monitoring_line, 6500);
  EXPECT_EQ(m2022[0].region_id, 77u);
}

TEST(ScheduleMonth, UsesTheEpochsParameters) {
  const Params p = two_epoch_params();
  LognormalTables noise;
  const auto before = schedule_month(p, month_context(p, 23), noise);
  const auto after = schedule_month(p, month_context(p, 24), noise);
  EXPECT_DOUBLE_EQ(before[0].illness_p, monthly_probability(0.05));
  EXPECT_DOUBLE_EQ(after[0].illness_p, monthly_probability(0.2));
  EXPECT_EQ(after[0].params, &p.region_params[1][0]);
}

}  // namespace
}  // namespace povsim
