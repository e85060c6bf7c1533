#include "phases/monitoring.hpp"

#include <gtest/gtest.h>

#include <string>

#include "scenario/scenario_loader.hpp"

namespace povsim {
namespace {

const std::string kBaseline = std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml";

/// A table of n households of `size` persons, each with 12 months of `per_capita` income.
Households table(std::size_t n, int size, double per_capita) {
  Households hh;
  hh.region_begin = {0, static_cast<std::uint32_t>(n)};
  hh.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    hh.size[i] = static_cast<std::uint8_t>(size);
    hh.fill_income_record(i, per_capita / 12.0);
    hh.motivation[i] = 255;
  }
  return hh;
}

/// Lines for a poverty line of 5000 yuan: material loss 500 yuan per person.
RiskLines lines(double monitoring) { return {monitoring, 500}; }

MonitoringParams rule() {
  MonitoringParams p;
  p.expense_shock_window_months = 12;
  p.sudden.income_ceiling = 1.5;
  return p;
}

TEST(AtRisk, IncomeUnderTheMonitoringLine) {
  const MonitoringParams p = rule();
  const Households hh = table(2, 3, 6000);
  EXPECT_NEAR(hh.rolling_per_capita(0), 6000, 12 * kRingYuan);
  EXPECT_TRUE(at_risk(hh, 0, lines(6500), 0, p));
  EXPECT_FALSE(at_risk(hh, 0, lines(5500), 0, p));
}

TEST(AtRisk, RecentExpenseShockAboveTheLineButUnderTheCeiling) {
  const MonitoringParams p = rule();
  Households hh = table(1, 3, 8000);
  hh.event_month[0] = 5;
  hh.mon_flags[0] |= mon_flag::kExpenseShock;
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 10, p));
  EXPECT_FALSE(at_risk(hh, 0, lines(6000), 17, p));  // the window has passed
  hh.mon_flags[0] = 0;                               // a disability record is not an expense shock
  EXPECT_FALSE(at_risk(hh, 0, lines(6000), 10, p));
}

TEST(AtRisk, AShockToAHouseholdThatCanBearItIsNoHardship) {
  MonitoringParams p = rule();
  Households hh = table(1, 3, 20000);  // 3.3 × the line, above the ceiling of 1.5
  hh.event_month[0] = 5;
  hh.mon_flags[0] |= mon_flag::kExpenseShock;
  EXPECT_FALSE(at_risk(hh, 0, lines(6000), 10, p));
  p.sudden.income_ceiling = 4;
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 10, p));
}

TEST(AtRisk, PaidDibaoWithSecureGuaranteesIsNotAtRiskByIncome) {
  MonitoringParams p = rule();
  Households hh = table(1, 3, 4000);
  hh.flags[0] |= hh_flag::kDibao;
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 10, p));  // the rule off: income alone
  p.covered_households_secure = true;
  EXPECT_FALSE(at_risk(hh, 0, lines(6000), 10, p));
  hh.flags[0] |= hh_flag::kDibaoExiting;  // in its 渐退期 the guarantee is ending
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 10, p));
  hh.flags[0] &= static_cast<std::uint8_t>(~hh_flag::kDibaoExiting);
  hh.mon_flags[0] |= mon_flag::kInsecure;  // 三保障 not secure
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 10, p));
  hh.mon_flags[0] = mon_flag::kExpenseShock;  // a shock still makes it 突发
  hh.event_month[0] = 8;
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 10, p));
}

TEST(AtRisk, LowIncomeNeedsARiskFactorWhenTheRuleAsksForOne) {
  MonitoringParams p = rule();
  p.risk_factor_required = true;
  Households hh = table(1, 3, 4000);
  EXPECT_FALSE(at_risk(hh, 0, lines(6000), 10, p));  // merely poor
  hh.cause_month[0] = 2;
  hh.cause_loss[0] = 100;  // 1000 yuan, under 3 × 500
  EXPECT_FALSE(at_risk(hh, 0, lines(6000), 10, p));
  hh.cause_loss[0] = 150;  // 1500 yuan = 3 persons × 500
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 10, p));
  EXPECT_FALSE(at_risk(hh, 0, lines(6000), 14, p));  // recorded 12 months ago: out of the window
  hh.flags[0] |= hh_flag::kChronic;  // a chronically ill member is a factor at any time
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 14, p));
  hh.flags[0] = 0;
  hh.mon_flags[0] |= mon_flag::kInsecure;
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 14, p));
  p.risk_factor_required = false;
  hh.mon_flags[0] = 0;
  EXPECT_TRUE(at_risk(hh, 0, lines(6000), 14, p));
}

TEST(Alert, FourColoursByRatioToTheLine) {
  const AlertParams a{1.0, 0.85, 0.67};
  EXPECT_EQ(alert_of(7000, 6000, a), Alert::kGreen);
  EXPECT_EQ(alert_of(5500, 6000, a), Alert::kYellow);
  EXPECT_EQ(alert_of(4500, 6000, a), Alert::kOrange);
  EXPECT_EQ(alert_of(3000, 6000, a), Alert::kRed);
}

TEST(ScreeningRates, CapacityGoesFirstToMonitoredHouseholds) {
  MonitoringParams p;
  p.enabled = true;
  p.grid = {20.4, 49, 1, 1.0};  // seed 000: 12 workers × 49 visits ≈ 589 households
  EXPECT_NEAR(screening_rates(p, 589, 0).grid, 1.0, 1e-3);
  // A caseload of monitored households leaves less for screening the rest.
  EXPECT_NEAR(screening_rates(p, 589, 100).grid, (589.6 - 100) / 589, 1e-2);
  p.grid.screenings_per_month = 4;  // weekly rounds with a quarter of the coverage each
  p.grid.households_per_worker_per_screening = 49.0 / 4;
  EXPECT_NEAR(screening_rates(p, 589, 0).grid, 1 - std::pow(0.75, 4), 1e-2);
  p.enabled = false;
  EXPECT_EQ(screening_rates(p, 589, 0).grid, 0.0);
}

TEST(IdentifyRisk, FoundHouseholdsEnterTheirCategoryAndLagIsCounted) {
  const LoadedScenario s = load_scenario(kBaseline);
  LognormalTables tables;
  RegionParams rp = s.params.region(0, 0);
  rp.monitoring.self_report_probability = 1.0;  // everyone at risk reports at once
  rp.monitoring.procedure.months = 0;  // approved when found: the procedure has its own tests
  rp.monitoring.measurement.sd = 0;
  MonthContext month = month_context(s.params, 3);
  RegionMonth region = schedule_month(s.params, month, tables)[0];
  region.params = &rp;

  Households hh = table(3, 3, 2000);  // all far under the line
  hh.flags[0] = hh_flag::kLifted;
  hh.risk_since[0] = 1;  // at risk since month 1: lag 2
  hh.mon_flags[2] = mon_flag::kExpenseShock | mon_flag::kWasEliminated;
  hh.event_month[2] = 3;
  MonitoringBlock b;
  identify_risk(hh, 0, std::vector<std::uint32_t>{0, 1, 2}, month, region, {}, Rng(1, 0), b);
  EXPECT_EQ(hh.category[0], Category::kUnstable);
  EXPECT_EQ(hh.category[1], Category::kMarginal);
  EXPECT_EQ(hh.category[2], Category::kSudden);
  EXPECT_EQ(b.tally.newly_identified, 3);
  EXPECT_EQ(b.tally.by_channel[static_cast<int>(Channel::kSelfReport)], 3);
  EXPECT_EQ(b.tally.lag_months, 2);
  EXPECT_EQ(b.tally.relapsed, 1);
  EXPECT_EQ(b.monitored.size(), 3u);
}

TEST(IdentifyRisk, NobodyIsFoundWhenMonitoringIsOff) {
  const LoadedScenario s = load_scenario(kBaseline, {{"monitoring.enabled=false"}, 1.0});
  LognormalTables tables;
  const MonthContext month = month_context(s.params, 0);
  const RegionMonth region = schedule_month(s.params, month, tables)[0];
  Households hh = table(50, 3, 1000);
  MonitoringBlock b;
  identify_risk(hh, 0, std::vector<std::uint32_t>{0, 1, 2, 3}, month, region,
                screening_rates(region.params->monitoring, 50, 0), Rng(1, 0), b);
  EXPECT_EQ(b.tally.newly_identified, 0);
  EXPECT_EQ(hh.risk_since[0], 0);  // the risk is still dated, for the lag once found
}

}  // namespace
}  // namespace povsim
