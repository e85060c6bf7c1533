#include "phases/assistance.hpp"

#include <gtest/gtest.h>

#include <string>

#include "funds/fund_state.hpp"
#include "scenario/scenario_loader.hpp"

namespace povsim {
namespace {

const std::string kBaseline = std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml";

struct Fixture {
  LoadedScenario s = load_scenario(kBaseline);
  LognormalTables tables;
  RegionParams rp = s.params.region(0, 0);
  MonthContext month = month_context(s.params, 0);
  RegionMonth region;
  Households hh;
  RegionEnterprises ent;  // none unless a test adds them

  explicit Fixture(std::size_t n) {
    ent.n_households = static_cast<std::uint32_t>(n);
    rp.assistance.take_up = 1.0;
    // The one-off industry support these tests check is offered only with projects off.
    rp.assistance.industry.projects.enabled = false;
    region = schedule_month(s.params, month, tables)[0];
    region.params = &rp;
    hh.region_begin = {0, static_cast<std::uint32_t>(n)};
    hh.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      hh.size[i] = 3;
      hh.workers[i] = 1;
      hh.motivation[i] = 255;
      hh.category[i] = Category::kUnstable;
      hh.fill_income_record(i, 3000 / 12.0);
    }
  }
  std::vector<std::uint32_t> all() const {
    std::vector<std::uint32_t> v(hh.n());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<std::uint32_t>(i);
    return v;
  }
  /// Standing offers of all(), as the household pass would have worked them out.
  std::vector<std::uint8_t> offers() const { return standing_offers(hh, all(), region); }
};

/// Programme money for a test: a ledger whose accounts hold the given yuan.
struct TestBudgets {
  RegionLedger ledger;
  Budgets view{&ledger, 0};
  void set(FundAccount a, double yuan) {
    ledger.post(0, FundAccount::kExternal, a, to_fen(yuan) - ledger.left(a));
  }
  void fill(double yuan) {
    for (FundAccount a : {FundAccount::kEmployment, FundAccount::kTraining, FundAccount::kIndustry,
                          FundAccount::kPublicJobs, FundAccount::kMedical, FundAccount::kDibao,
                          FundAccount::kRiskRelief})
      set(a, yuan);
  }
};

TEST(Assistance, ByLabourCapacity) {
  Fixture f(3);
  f.hh.labour = {LabourClass::kStrong, LabourClass::kWeak, LabourClass::kNone};
  f.hh.workers[2] = 0;
  TestBudgets budgets;
  budgets.fill(1e9);
  const AssistanceTally t =
      assist(f.hh, f.ent, 0, f.all(), f.offers(), f.month, f.region, budgets.view, Rng(1, 0));
  // Strong labour: a job, training and an industry (产业 + 就业 双保险).
  EXPECT_TRUE(f.hh.mon_flags[0] & mon_flag::kPlaced);
  EXPECT_TRUE(f.hh.mon_flags[0] & mon_flag::kTrained);
  EXPECT_TRUE(f.hh.mon_flags[0] & mon_flag::kIndustry);
  // No enterprise vacancy in the region: the job is migrant work (点对点 transfer employment).
  EXPECT_TRUE(f.hh.flags[0] & hh_flag::kMigrantEmployed);
  EXPECT_GE(f.hh.wage_migrant[0], f.rp.assistance.employment.annual_wage);
  EXPECT_EQ(t.placed_transfer, 1);
  EXPECT_EQ(t.placed_local, 0);
  // Weak labour: a 公益性岗位 post and an industry.
  EXPECT_EQ(f.hh.public_job_months_left[1], f.rp.assistance.public_jobs.term_months);
  EXPECT_TRUE(f.hh.mon_flags[1] & mon_flag::kIndustry);
  // No labour: 兜底.
  EXPECT_TRUE(f.hh.flags[2] & hh_flag::kDibao);
  EXPECT_GT(f.hh.dibao_monthly[2], 0);
  EXPECT_EQ(t.households[static_cast<int>(Programme::kEmployment)], 1);
  EXPECT_EQ(t.households[static_cast<int>(Programme::kPublicJobs)], 1);
  EXPECT_EQ(t.households[static_cast<int>(Programme::kSocialAssistance)], 1);
}

// With industry projects on, the industry account buys projects (phases/industry_projects.hpp)
// and assistance offers no one-off industry support; with them off it does.
TEST(Assistance, IndustrySupportOnlyWithProjectsOff) {
  for (const bool projects : {false, true}) {
    Fixture f(2);
    f.rp.assistance.industry.projects.enabled = projects;
    f.hh.labour = {LabourClass::kStrong, LabourClass::kWeak};
    TestBudgets budgets;
    budgets.fill(1e9);
    const AssistanceTally t =
        assist(f.hh, f.ent, 0, f.all(), f.offers(), f.month, f.region, budgets.view, Rng(1, 0));
    EXPECT_EQ(t.households[static_cast<int>(Programme::kIndustry)], projects ? 0 : 2);
    EXPECT_EQ(static_cast<bool>(f.hh.mon_flags[1] & mon_flag::kIndustry), !projects);
  }
}

TEST(Assistance, PlacementTakesALocalVacancyFirstThenTransferThenNothing) {
  Fixture f(3);
  for (std::size_t i = 0; i < 3; ++i) {
    f.hh.labour[i] = LabourClass::kStrong;
    f.hh.mon_flags[i] = mon_flag::kTrained | mon_flag::kIndustry;  // only a job is left to offer
  }
  f.ent.add(EnterpriseKind::kWorkshop, 1, 2500.0f, -1);  // one open slot
  TestBudgets budgets;
  budgets.fill(1e9);
  AssistanceTally t =
      assist(f.hh, f.ent, 0, f.all(), f.offers(), f.month, f.region, budgets.view, Rng(1, 0));
  EXPECT_EQ(t.placed_local, 1);
  EXPECT_EQ(t.placed_transfer, 2);
  EXPECT_EQ(f.ent.filled[0], 1u);
  int local = 0;
  for (std::size_t i = 0; i < 3; ++i)
    if (f.hh.link_kinds[i] & 1u) {
      ++local;
      EXPECT_FLOAT_EQ(f.hh.link_wage[i], 2500.0f);
      EXPECT_FALSE(f.hh.flags[i] & hh_flag::kMigrantEmployed);
    }
  EXPECT_EQ(local, 1);

  // Without transfer employment and with the slot taken, nobody is placed and nothing is spent.
  Fixture g(2);
  for (std::size_t i = 0; i < 2; ++i) {
    g.hh.labour[i] = LabourClass::kStrong;
    g.hh.mon_flags[i] = mon_flag::kTrained | mon_flag::kIndustry;
  }
  g.rp.assistance.employment.transfer = false;
  TestBudgets more;
  more.fill(1e9);
  t = assist(g.hh, g.ent, 0, g.all(), g.offers(), g.month, g.region, more.view, Rng(1, 0));
  EXPECT_EQ(t.placed_local + t.placed_transfer, 0);
  EXPECT_EQ(t.yuan[static_cast<int>(Programme::kEmployment)], 0);
  EXPECT_FALSE(g.hh.mon_flags[0] & mon_flag::kPlaced);
}

TEST(Assistance, BudgetLimitsHelpAndTheMostSevereComeFirst) {
  Fixture f(10);
  for (std::size_t i = 0; i < 10; ++i) {
    f.hh.labour[i] = LabourClass::kWeak;
    f.hh.mon_flags[i] = mon_flag::kIndustry;  // only a 公益性岗位 post is left to offer
  }
  // Household 7 is the poorest (red alert); the others are yellow.
  f.hh.fill_income_record(7, 1000 / 12.0);
  for (std::size_t i = 0; i < 10; ++i)
    if (i != 7) f.hh.fill_income_record(i, 5800 / 12.0);
  TestBudgets budgets;
  const double post =
      f.rp.assistance.public_jobs.monthly_wage * f.rp.assistance.public_jobs.term_months;
  budgets.set(FundAccount::kPublicJobs, 2.5 * post);
  const AssistanceTally t =
      assist(f.hh, f.ent, 0, f.all(), f.offers(), f.month, f.region, budgets.view, Rng(1, 0));
  EXPECT_EQ(t.households[static_cast<int>(Programme::kPublicJobs)], 2);
  EXPECT_GT(f.hh.public_job_months_left[7], 0);  // red first
  EXPECT_NEAR(budgets.view.left(Programme::kPublicJobs), 0.5 * post, 1e-6);
  // The two posts went to households, recorded in the ledger in fen.
  EXPECT_EQ(budgets.ledger.left(FundAccount::kHouseholds), to_fen(2 * post));
  int denied = 0;
  for (std::size_t i = 0; i < 10; ++i)
    denied += (f.hh.mon_flags[i] & mon_flag::kDeniedThisYear) ? 1 : 0;
  EXPECT_EQ(denied, 8);
}

TEST(Assistance, AllocationIsDeterministic) {
  auto once = [] {
    Fixture f(200);
    for (std::size_t i = 0; i < 200; ++i) f.hh.labour[i] = LabourClass::kWeak;
    TestBudgets budgets;
    budgets.set(FundAccount::kPublicJobs, 30 * f.rp.assistance.public_jobs.monthly_wage *
                                              f.rp.assistance.public_jobs.term_months);
    assist(f.hh, f.ent, 0, f.all(), f.offers(), f.month, f.region, budgets.view, Rng(7, 3));
    return f.hh.public_job_months_left;
  };
  const auto a = once();
  EXPECT_EQ(a, once());
  EXPECT_EQ(std::count_if(a.begin(), a.end(), [](auto m) { return m > 0; }), 30);
}

TEST(MedicalAssistance, ClaimsPaidInOrderWhileTheBudgetLasts) {
  Fixture f(3);
  TestBudgets budgets;
  budgets.set(FundAccount::kMedical, 1500);
  const AssistanceTally t =
      settle_medical_claims(f.hh, {{0, 1000.0f}, {1, 1000.0f}, {2, 400.0f}}, f.month, budgets.view);
  EXPECT_EQ(t.households[static_cast<int>(Programme::kMedical)], 2);  // claims 0 and 2
  EXPECT_FLOAT_EQ(f.hh.ytd_net[0], 1000.0f);
  EXPECT_FLOAT_EQ(f.hh.ytd_net[1], 0.0f);
  EXPECT_FLOAT_EQ(f.hh.ytd_net[2], 400.0f);
  EXPECT_TRUE(f.hh.mon_flags[1] & mon_flag::kDeniedThisYear);
}

TEST(Budgets, ProgrammeBudgetsAreOneSourceWhenFundsAreOff) {
  RegionParams rp;
  rp.assistance.risk_relief.budget_per_household = 200;  // 200万 for 10,000 households (seed 002)
  FundState fs;
  appropriate(fs, rp, 10000, 2021, 0, 1.0, true);
  EXPECT_EQ(fs.ledger.left(FundAccount::kRiskRelief), 200'000'000);  // fen
  EXPECT_EQ(fs.ledger.inflow[static_cast<int>(FundAccount::kProgrammeBudgets)], 200'000'000);
}

}  // namespace
}  // namespace povsim
