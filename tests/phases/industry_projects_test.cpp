#include "phases/industry_projects.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "funds/ledger.hpp"
#include "scenario/scenario_loader.hpp"

namespace povsim {
namespace {

const std::string kBaseline = std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml";

/// n formerly poor households with strong labour, none with a project, in one region whose
/// industry account holds `yuan`.
struct Fixture {
  LoadedScenario s = load_scenario(kBaseline);
  LognormalTables tables;
  RegionParams rp = s.params.region(0, 0);
  RegionMonth region;
  RegionShockState shocks;
  Households hh;
  RegionLedger ledger;
  Rng rng{7, 0};

  Fixture(std::size_t n, double yuan) {
    region = schedule_month(s.params, month_context(s.params, 0), tables)[0];
    region.params = &rp;
    hh.region_begin = {0, static_cast<std::uint32_t>(n)};
    hh.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      hh.size[i] = 3;
      hh.workers[i] = 1;
      hh.labour[i] = LabourClass::kStrong;
      hh.flags[i] = hh_flag::kLifted;
    }
    ledger.post(0, FundAccount::kExternal, FundAccount::kIndustry, to_fen(yuan));
  }
  IndustryProjectParams& projects() { return rp.assistance.industry.projects; }
  /// Only kind `k` is bought, with no failures or outbreaks unless a test sets them.
  ProjectKindParams& only(int k) {
    IndustryProjectParams& p = projects();
    for (int j = 1; j <= kProjectKinds; ++j) {
      ProjectKindParams& kp = project_kind_params(p, j);
      kp.share = j == k ? 1.0 : 0.0;
      kp.failure_hazard = 0;
      kp.disease.annual_probability = 0;
    }
    return project_kind_params(p, k);
  }
  MonthContext month(int t) const { return month_context(s.params, t); }
  ProjectTally buy(int t, const std::vector<std::uint32_t>& monitored = {}) {
    Budgets b{&ledger, t};
    return buy_projects(hh, 0, hh.n(), monitored, month(t), region, b, rng);
  }
  ProjectTally produce(int t) {
    return produce_projects(hh, 0, 0, hh.n(), month(t), region, shocks, rng);
  }
};

// Recipients earn nothing from a project before its lag has passed, and from then on earn it as
// operating income; households without one earn nothing from projects at all.
TEST(IndustryProjects, IncomeStartsAfterTheLagAndNotBefore) {
  Fixture f(200, 1000 * 100.0);  // 100 poultry projects of 1,000 yuan
  ProjectKindParams& poultry = f.only(2);
  ASSERT_EQ(poultry.season_months, 12);
  const ProjectTally bought = f.buy(0);
  // January's share of the account: a twelfth of it (8 projects), the rest kept for later months.
  EXPECT_EQ(bought.started, 8);
  EXPECT_DOUBLE_EQ(bought.invested_yuan, 8000);
  for (int t = 0; t < poultry.lag_months; ++t) {
    const ProjectTally p = f.produce(t);
    EXPECT_EQ(p.income_yuan, 0) << "month " << t;
  }
  double recipients = 0, others = 0;
  for (std::size_t i = 0; i < f.hh.n(); ++i)
    (f.hh.project_kind[i] ? recipients : others) += f.hh.ytd_net[i];
  EXPECT_EQ(recipients, 0);
  const ProjectTally first = f.produce(poultry.lag_months);
  // 8 flocks of 100 birds at 20 yuan a bird a year, a twelfth a month, at a price factor of 1.
  EXPECT_NEAR(first.income_yuan, 8 * 100 * 20 / 12.0, 1e-6);
  EXPECT_EQ(first.producing_months, 8);
  for (std::size_t i = 0; i < f.hh.n(); ++i)
    (f.hh.project_kind[i] ? recipients : others) += f.hh.ytd_net[i];
  EXPECT_NEAR(recipients, first.income_yuan, 1e-3);
  EXPECT_EQ(others, 0);
}

// A seasonal kind pays only in its season, and a herd grows towards its cap.
TEST(IndustryProjects, SeasonAndHerdGrowth) {
  Fixture f(20, 6000 * 12.0);
  ProjectKindParams& sheep = f.only(1);
  sheep.lag_months = 0;
  f.buy(0);  // January: one flock of 9 head
  double outside = 0, inside = 0;
  for (int t = 0; t < 12; ++t) {
    const ProjectTally p = f.produce(t);
    const int calendar = f.month(t).date.month;
    const bool season =
        calendar >= sheep.season_start && calendar < sheep.season_start + sheep.season_months;
    (season ? inside : outside) += p.income_yuan;
  }
  EXPECT_EQ(outside, 0);
  EXPECT_GT(inside, 0);
  float herd = 0;
  for (std::size_t i = 0; i < f.hh.n(); ++i) herd = std::max(herd, f.hh.project_units[i]);
  EXPECT_NEAR(herd, sheep.units * (1 + sheep.growth), 1e-3);  // a year of growth
}

// Paired: the same households and draws, with a price collapse, frequent outbreaks, and a
// disaster in force.
TEST(IndustryProjects, PriceDiseaseAndDisasterShocksLowerProjectIncome) {
  auto run = [](double price, double outbreaks_per_year, bool disaster) {
    Fixture f(400, 6000 * 400.0);
    ProjectKindParams& sheep = f.only(1);
    sheep.disease.annual_probability = outbreaks_per_year;
    if (disaster) {  // a region-wide disaster over the whole run (the household pass's draw)
      f.shocks.disaster_start = 0;
      f.shocks.disaster_until = 1000;
    }
    double income = 0;
    for (int t = 0; t < 36; ++t) {
      f.shocks.price_multiplier = price;
      income += f.produce(t).income_yuan;
      f.buy(t);
    }
    return income;
  };
  const double base = run(1.0, 0.0, false);
  const double collapse = run(0.7, 0.0, false);
  const double disease = run(1.0, 0.9, false);
  const double disaster = run(1.0, 0.0, true);
  ASSERT_GT(base, 0);
  // Livestock income follows the farm-gate price one for one (price_elasticity 1).
  EXPECT_NEAR(collapse / base, 0.7, 1e-9);
  EXPECT_LT(disease, 0.9 * base);
  // About affected_share of the households lose loss_share of it.
  const RegionParams& rp = Fixture(1, 0).rp;
  const double expected = 1.0 - rp.shocks.disaster.affected_share * rp.shocks.disaster.loss_share;
  EXPECT_NEAR(disaster / base, expected, 0.05);
  std::printf(
      "project income over 36 months: base %.0f, price x0.7 %.0f, outbreaks 0.9/year %.0f, "
      "disaster all along %.0f (expected x%.2f)\n",
      base, collapse, disease, disaster, expected);
}

// A failed project stops producing for good; the household keeps its record of the measure.
TEST(IndustryProjects, FailureStopsIncome) {
  Fixture f(50, 1000 * 600.0);
  ProjectKindParams& poultry = f.only(2);
  poultry.failure_hazard = 1.0;  // fails in its first months, almost surely
  poultry.lag_months = 0;
  f.buy(11);  // December: all of the account may be spent
  double failures = 0;
  for (int t = 12; t < 12 + 36; ++t) failures += f.produce(t).failures;
  EXPECT_EQ(failures, 50);
  EXPECT_EQ(f.produce(48).income_yuan, 0);
  for (std::size_t i = 0; i < f.hh.n(); ++i) EXPECT_TRUE(f.hh.project_kind[i] & kProjectFailed);
}

// Monitored households are served first; households without labour, with a live project or
// with one-off industry support are not served; one whose project failed may get a new one.
TEST(IndustryProjects, EligibilityAndPriority) {
  Fixture f(100, 1000 * 3.0);
  f.only(2);
  f.hh.flags[5] = 0;                       // a general household…
  f.hh.category[5] = Category::kMarginal;  // … monitored as 边缘易致贫户
  f.hh.labour[0] = LabourClass::kNone;
  f.hh.mon_flags[1] |= mon_flag::kIndustry;
  f.hh.project_kind[2] = static_cast<std::uint8_t>(ProjectKind::kCourtyard) | kProjectFailed;
  f.hh.project_kind[3] = static_cast<std::uint8_t>(ProjectKind::kCourtyard);
  f.hh.project_start[3] = 0;
  f.buy(11, {5});  // December: the whole account may be spent (3 projects)
  const auto poultry = static_cast<std::uint8_t>(ProjectKind::kPoultry);
  EXPECT_EQ(f.hh.project_kind[5], poultry);
  EXPECT_EQ(f.hh.project_kind[0], 0);
  EXPECT_EQ(f.hh.project_kind[1], 0);
  EXPECT_EQ(f.hh.project_kind[2], poultry);
  EXPECT_EQ(f.hh.project_start[2], 11);
  EXPECT_EQ(f.hh.project_kind[3], static_cast<std::uint8_t>(ProjectKind::kCourtyard));
  EXPECT_EQ(f.hh.project_start[3], 0);
  EXPECT_EQ(f.hh.project_kind[4], poultry);
  EXPECT_EQ(f.hh.project_kind[6], 0);  // the money ran out
}

// Among monitored households the lowest 12-month income comes first, whatever the list order.
TEST(IndustryProjects, PoorestMonitoredFirst) {
  Fixture f(10, 1000 * 1.0);  // one project
  f.only(2);
  for (std::uint32_t i : {3u, 7u}) f.hh.category[i] = Category::kUnstable;
  f.hh.fill_income_record(3, 300);
  f.hh.fill_income_record(7, 200);
  f.buy(11, {3, 7});
  EXPECT_EQ(f.hh.project_kind[3], 0);
  EXPECT_NE(f.hh.project_kind[7], 0);
}

// Paired budgets over a year: more industry money covers more households and leaves less
// unspent at the year's end (money not spent in a month stays for the next).
TEST(IndustryProjects, HigherBudgetRaisesCoverageAndLowersLapse) {
  auto year = [](double yuan, double& covered, double& unspent) {
    Fixture f(2000, yuan);
    for (std::size_t i = 0; i < f.hh.n(); i += 2) f.hh.flags[i] = 0;  // half formerly poor
    for (int t = 0; t < 12; ++t) {
      f.produce(t);
      f.buy(t);
    }
    covered = 0;
    for (std::size_t i = 0; i < f.hh.n(); ++i) covered += f.hh.project_kind[i] != 0;
    covered /= 1000.0;
    unspent = static_cast<double>(f.ledger.left(FundAccount::kIndustry)) / 100.0;
  };
  double low_cover = 0, low_left = 0, high_cover = 0, high_left = 0, glut_cover = 0, glut_left = 0;
  year(1.0e6, low_cover, low_left);
  year(3.0e6, high_cover, high_left);
  year(2.0e7, glut_cover, glut_left);  // more than every formerly poor household can use
  EXPECT_GT(high_cover, low_cover);
  EXPECT_LT(low_left, 6000);  // at most one project's cost left
  EXPECT_LT(high_left, 6000);
  EXPECT_EQ(glut_cover, 1.0);
  EXPECT_GT(glut_left, 1.0e7);
  std::printf(
      "coverage of 1,000 formerly poor households: %.3f (1.0e6 yuan), %.3f (3.0e6), "
      "%.3f (2.0e7); unspent %.0f, %.0f, %.0f yuan\n",
      low_cover, high_cover, glut_cover, low_left, high_left, glut_left);
}

}  // namespace
}  // namespace povsim
