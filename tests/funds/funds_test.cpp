// The fund ledger: conservation to the fen over random scenarios, funds.csv's closing identity,
// determinism across thread counts, the 昌吉 2023 figures, and the directions of the mechanisms
// the funds pay for (paired runs: same seed, one rule changed).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "funds/ledger.hpp"
#include "output/compare.hpp"
#include "output/tables.hpp"
#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kSmall = std::string(POVSIM_SOURCE_DIR) + "/tests/data/small.yaml";
const std::string kChangji = std::string(POVSIM_SOURCE_DIR) + "/scenarios/changji-2023.yaml";

RunResult run(const std::string& file, std::vector<std::string> overrides, double scale = 1.0,
              int threads = 2) {
  const LoadedScenario s = load_scenario(file, {std::move(overrides), scale});
  RunSettings settings;
  settings.threads = threads;
  return run_scenario(s.params, settings);
}

std::string csv_of(const std::string& file, std::vector<std::string> overrides, int threads) {
  const LoadedScenario s = load_scenario(file, {std::move(overrides), 1.0});
  RunSettings settings;
  settings.threads = threads;
  return funds_csv(s.params, run_scenario(s.params, settings));
}

/// "123.45" → 12345 fen, exactly.
Fen parse_fen(const std::string& text) {
  const auto dot = text.find('.');
  EXPECT_NE(dot, std::string::npos) << text;
  EXPECT_EQ(text.size() - dot, 3u) << "two decimals: " << text;
  const bool negative = text[0] == '-';
  const Fen whole = std::stoll(text.substr(negative ? 1 : 0, dot - (negative ? 1 : 0)));
  const Fen cents = std::stoll(text.substr(dot + 1));
  return (negative ? -1 : 1) * (whole * 100 + cents);
}

double mean_of(const RunResult& r, Metric m) {
  double sum = 0;
  std::size_t n = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) {
      sum += year.back()[static_cast<int>(m)];
      ++n;
    }
  return sum / static_cast<double>(n);
}

/// Random fund rules on the small scenario: sources, shares (a random split of 1), fixed
/// amounts, carry-over flags, micro-credit and consumption, and whether funds are on at all.
std::vector<std::string> random_rules(std::mt19937_64& g) {
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::string> o{"replications=1", "seed=" + std::to_string(g() % 100000)};
  if (u(g) < 0.2) return o;  // funds off: the programme budgets as the one source
  o.push_back("funds.enabled=true");
  for (const char* s : {"central", "provincial", "county", "paired", "donations"})
    if (u(g) < 0.7) {
      o.push_back(std::string("funds.sources.") + s +
                  ".per_household=" + std::to_string(u(g) * 300));
      o.push_back(std::string("funds.sources.") + s + ".yuan=" + std::to_string(u(g) * 1e5));
    }
  const char* accounts[] = {
      "industry",         "employment", "infrastructure", "risk_relief",         "public_jobs",
      "training",         "medical",    "dibao",          "microcredit_subsidy", "consumption",
      "risk_compensation"};
  std::vector<double> w(11);
  double total = 0;
  for (double& x : w) total += (x = u(g) < 0.3 ? 0.0 : u(g) + 1e-3);
  double assigned = 0;
  for (int k = 0; k < 11; ++k) {
    const double share = k == 10 ? std::max(0.0, 1.0 - assigned) : w[k] / total;
    if (k < 10) {
      // Rounded down to 6 decimals so that the last share makes the sum exactly 1.
      const double s = std::floor(share * 1e6) / 1e6;
      assigned += s;
      o.push_back(std::string("funds.accounts.") + accounts[k] + ".share=" + std::to_string(s));
    } else {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.9f", share);
      o.push_back(std::string("funds.accounts.") + accounts[k] + ".share=" + buf);
    }
    if (u(g) < 0.3) o.push_back(std::string("funds.accounts.") + accounts[k] + ".carry_over=true");
  }
  o.push_back("funds.enterprise_share_of_industry=" + std::to_string(u(g)));
  o.push_back("funds.enterprise_extra_jobs=" + std::to_string(static_cast<int>(u(g) * 10)));
  o.push_back("funds.consumption_per_household=" + std::to_string(u(g) * 1000));
  if (u(g) < 0.6) {
    o.push_back("funds.microcredit.enabled=true");
    o.push_back("funds.microcredit.new_loans_per_1000_households=" + std::to_string(u(g) * 60));
    o.push_back("funds.microcredit.loan=50000");
    o.push_back("funds.microcredit.interest_rate=0.0435");
    o.push_back("funds.microcredit.interest_subsidy_share=" + std::to_string(u(g)));
    o.push_back("funds.microcredit.return_rate=0.1");
    o.push_back("funds.microcredit.default_probability=" + std::to_string(u(g) * 0.2));
    o.push_back("funds.microcredit.shock_default_multiplier=5");
    o.push_back("funds.microcredit.compensation_share=" + std::to_string(u(g)));
  }
  return o;
}

TEST(FundConservation, EveryYuanIsAccountedForToTheFenOverRandomScenarios) {
  std::mt19937_64 g(20240601);
  for (int trial = 0; trial < 24; ++trial) {
    const std::vector<std::string> o = random_rules(g);
    const LoadedScenario s = load_scenario(kSmall, {o, 0.5});
    RunSettings settings;
    settings.threads = 2;
    const RunResult r = run_scenario(s.params, settings);
    for (const auto& rep : r.replications) {
      // Per region: what entered = what households, enterprises and outlays received + what
      // lapsed + what is still in the accounts at the end, to the fen.
      std::vector<std::array<Fen, kFundAccountCount>> last(s.params.regions.size());
      std::vector<Fen> entered(s.params.regions.size(), 0);
      std::vector<std::array<Fen, kFundAccountCount>> prev_closing(s.params.regions.size());
      for (const FundYearRow& f : rep.funds) {
        ASSERT_EQ(f.opening + f.inflow - f.outflow, f.closing);
        ASSERT_GE(f.closing, 0) << fund_account_name(f.account);
        const auto k = static_cast<std::size_t>(f.account);
        ASSERT_EQ(f.opening, prev_closing[f.region][k]) << "opening = last year's closing";
        prev_closing[f.region][k] = f.closing;
        if (is_source(f.account)) entered[f.region] += f.inflow;
        last[f.region][k] = f.closing;
      }
      for (std::size_t reg = 0; reg < last.size(); ++reg) {
        Fen held = 0;
        for (int k = 0; k < kFundAccountCount; ++k) held += last[reg][static_cast<std::size_t>(k)];
        ASSERT_EQ(entered[reg], held) << "trial " << trial << " region " << reg;
        ASSERT_GT(entered[reg], 0);
        Fen sources_left = 0;
        for (int k = 0; k <= static_cast<int>(FundAccount::kPool); ++k)
          sources_left += last[reg][static_cast<std::size_t>(k)];
        ASSERT_EQ(sources_left, 0) << "sources and the pool are fully allocated";
      }
    }
  }
}

TEST(FundsCsv, EveryRowSatisfiesTheClosingIdentityAndAllSumsTheRegions) {
  const std::string csv = csv_of(
      kSmall,
      {"replications=1", "funds.enabled=true", "funds.sources.central.per_household=400",
       "funds.accounts.industry.share=0.6", "funds.accounts.risk_relief.share=0.3",
       "funds.accounts.risk_relief.carry_over=true", "funds.accounts.infrastructure.share=0.1"},
      2);
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "replication,year,region,account,opening,inflow,outflow,closing");
  std::size_t rows = 0;
  std::map<std::string, Fen> regions_sum, all_sum;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
    ASSERT_EQ(f.size(), 8u) << line;
    const Fen opening = parse_fen(f[4]), inflow = parse_fen(f[5]), outflow = parse_fen(f[6]),
              closing = parse_fen(f[7]);
    ASSERT_EQ(opening + inflow - outflow, closing) << line;
    const std::string key = f[1] + "," + f[3];
    (f[2] == "all" ? all_sum : regions_sum)[key] += closing;
    ++rows;
  }
  EXPECT_EQ(regions_sum, all_sum);
  EXPECT_EQ(rows, 5u * 3u * static_cast<std::size_t>(kFundAccountCount));  // 2 regions + all
  EXPECT_NE(csv.find(",all,infrastructure,"), std::string::npos);
}

TEST(FundsCsv, IsTheSameWhateverTheThreadCount) {
  const std::vector<std::string> o{"funds.enabled=true",
                                   "funds.sources.central.per_household=500",
                                   "funds.accounts.industry.share=0.5",
                                   "funds.accounts.consumption.share=0.2",
                                   "funds.accounts.microcredit_subsidy.share=0.1",
                                   "funds.accounts.risk_compensation.share=0.2",
                                   "funds.consumption_per_household=600",
                                   "funds.enterprise_share_of_industry=0.5",
                                   "funds.microcredit.enabled=true",
                                   "funds.microcredit.new_loans_per_1000_households=30",
                                   "funds.microcredit.loan=50000",
                                   "funds.microcredit.interest_rate=0.0435",
                                   "funds.microcredit.interest_subsidy_share=1",
                                   "funds.microcredit.return_rate=0.1",
                                   "funds.microcredit.default_probability=0.05",
                                   "funds.microcredit.compensation_share=0.8"};
  EXPECT_EQ(csv_of(kSmall, o, 1), csv_of(kSmall, o, 2));
}

TEST(FundsCsv, Changji2023ShowsTheSeedFigures) {
  // 16,361万 central funds and 12,212万 of them to industry (seed 000), to the fen.
  const LoadedScenario s = load_scenario(kChangji, {{"replications=1"}, 0.02});
  RunSettings settings;
  settings.threads = 2;
  const std::string csv = funds_csv(s.params, run_scenario(s.params, settings));
  EXPECT_NE(csv.find("0,2023,昌吉州,central,0.00,163610000.00,163610000.00,0.00"),
            std::string::npos);
  EXPECT_NE(csv.find("0,2023,昌吉州,industry,0.00,122120000.00,"), std::string::npos);
  EXPECT_NE(csv.find("0,2022,昌吉州,industry,0.00,106411944.00,"), std::string::npos);
}

// --- Directions, on paired runs (same seed and households, one rule changed) -----------------

/// Central funds of 360 yuan per household with industry at `industry` and the rest in the
/// baseline's proportions (as in scenarios/industry-share-40.yaml and -75.yaml).
std::vector<std::string> industry_share(double industry) {
  const double rest = 1.0 - industry;
  char buf[4][64];
  std::snprintf(buf[0], 64, "funds.accounts.employment.share=%.9f", rest * 30 / 310);
  std::snprintf(buf[1], 64, "funds.accounts.training.share=%.9f", rest * 20 / 310);
  std::snprintf(buf[2], 64, "funds.accounts.public_jobs.share=%.9f", rest * 60 / 310);
  std::snprintf(buf[3], 64, "funds.accounts.risk_relief.share=%.9f",
                1.0 - industry -
                    (std::floor(rest * 30 / 310 * 1e9) + std::floor(rest * 20 / 310 * 1e9) +
                     std::floor(rest * 60 / 310 * 1e9)) /
                        1e9);
  return {"funds.enabled=true",
          "funds.sources.central.per_household=360",
          "funds.sources.county.per_household=150",
          "funds.accounts.medical.fixed_per_household=100",
          "funds.accounts.dibao.fixed_per_household=50",
          "funds.accounts.industry.share=" + std::to_string(industry),
          buf[0],
          buf[1],
          buf[2],
          buf[3],
          "funds.enterprise_share_of_industry=0.25",
          "funds.enterprise_extra_jobs=5",
          "replications=4"};
}

TEST(FundDirection, HigherIndustryShareKeepsMoreEnterprisesAliveWithMoreJobs) {
  const RunResult low = run(kSmall, industry_share(0.40), 5.0);
  const RunResult high = run(kSmall, industry_share(0.75), 5.0);
  const double subsidy_low = mean_of(low, Metric::kEnterpriseSubsidyYuan);
  const double subsidy_high = mean_of(high, Metric::kEnterpriseSubsidyYuan);
  const double failed_low = mean_of(low, Metric::kEnterprisesFailed);
  const double failed_high = mean_of(high, Metric::kEnterprisesFailed);
  const double alive_low = mean_of(low, Metric::kEnterprisesAlive);
  const double alive_high = mean_of(high, Metric::kEnterprisesAlive);
  const double jobs_low = mean_of(low, Metric::kJobsFilled);
  const double jobs_high = mean_of(high, Metric::kJobsFilled);
  std::cout << "industry 40% vs 75%: subsidies " << subsidy_low << " vs " << subsidy_high
            << ", failures/year " << failed_low << " vs " << failed_high << ", alive " << alive_low
            << " vs " << alive_high << ", hires/year " << jobs_low << " vs " << jobs_high << "\n";
  // 0.25 × 75% vs 0.25 × 40% of 360 yuan per household: 1.9 times the money on offer, paid
  // out until every living enterprise is subsidised (at 75% every one is); at 40% the remainder
  // below one subsidy pays one more by lottery, so the gap is smaller than the money's.
  EXPECT_GT(subsidy_high, 1.1 * subsidy_low);
  EXPECT_LT(failed_high, failed_low);
  EXPECT_GT(alive_high, alive_low);
  EXPECT_GT(jobs_high, jobs_low);
}

TEST(FundDirection, NoRiskReliefFundRaisesReturnToPovertyAmongShockedHouseholds) {
  std::vector<std::string> with = industry_share(0.40);
  std::vector<std::string> without = with;
  for (auto& o : without)
    if (o.rfind("funds.accounts.risk_relief.share=", 0) == 0) {
      o = "funds.accounts.risk_relief.share=0";
      break;
    }
  for (auto& o : without)
    if (o.rfind("funds.accounts.public_jobs.share=", 0) == 0) {  // takes relief's share
      char buf[64];
      std::snprintf(
          buf, sizeof buf, "funds.accounts.public_jobs.share=%.9f",
          0.6 - (std::floor(0.6 * 30 / 310 * 1e9) + std::floor(0.6 * 20 / 310 * 1e9)) / 1e9);
      o = buf;
      break;
    }
  const RunResult a = run(kSmall, with, 5.0);
  const RunResult b = run(kSmall, without, 5.0);
  const double rate_with = mean_of(a, Metric::kReturnRateShocked);
  const double rate_without = mean_of(b, Metric::kReturnRateShocked);
  std::cout << "return rate among shocked lifted households, with vs without a relief fund: "
            << rate_with << " vs " << rate_without << "; relief paid "
            << mean_of(a, Metric::kSpentRiskRelief) << " vs "
            << mean_of(b, Metric::kSpentRiskRelief) << "\n";
  EXPECT_GT(mean_of(a, Metric::kSpentRiskRelief), 0.0);
  EXPECT_EQ(mean_of(b, Metric::kSpentRiskRelief), 0.0);
  EXPECT_GT(rate_without, rate_with * 1.05);
}

std::vector<std::string> microcredit(bool on) {
  return {"funds.enabled=true",
          "funds.sources.central.per_household=400",
          "funds.accounts.industry.share=0.5",
          "funds.accounts.microcredit_subsidy.share=0.3",
          "funds.accounts.risk_compensation.share=0.2",
          std::string("funds.microcredit.enabled=") + (on ? "true" : "false"),
          "funds.microcredit.new_loans_per_1000_households=21.9",
          "funds.microcredit.loan=50000",
          "funds.microcredit.term_months=36",
          "funds.microcredit.interest_rate=0.0435",
          "funds.microcredit.interest_subsidy_share=1",
          "funds.microcredit.return_rate=0.1",
          "funds.microcredit.default_probability=0.02",
          "funds.microcredit.shock_default_multiplier=10",
          "funds.microcredit.compensation_share=0.8",
          "replications=4"};
}

TEST(FundDirection, MicrocreditRaisesOperatingIncomeAndDefaultsRiseInADisasterYear) {
  const RunResult off = run(kSmall, microcredit(false), 5.0);
  const RunResult on = run(kSmall, microcredit(true), 5.0);
  const double op_off = mean_of(off, Metric::kOperatingPerCapita);
  const double op_on = mean_of(on, Metric::kOperatingPerCapita);
  const double loans = mean_of(on, Metric::kMicrocreditHouseholds);
  const double people = mean_of(on, Metric::kPeople);
  std::cout << "operating income per capita without vs with micro-credit: " << op_off << " vs "
            << op_on << " (" << loans << " borrowers, balance "
            << mean_of(on, Metric::kMicrocreditBalance) << ")\n";
  EXPECT_EQ(mean_of(off, Metric::kMicrocreditHouseholds), 0.0);
  EXPECT_GT(loans, 0.0);
  // Each borrower adds 50,000 × 10% = 5,000 yuan a year; the mean over the years lies between
  // a third and all of the year-end stock's worth.
  const double expected = loans * 5000 / people;
  EXPECT_GT(op_on - op_off, expected / 3);
  EXPECT_LT(op_on - op_off, expected * 1.5);

  // A disaster every year that hits most households: defaults rise by the shock multiplier.
  std::vector<std::string> shocked = microcredit(true);
  for (const char* o : {"shocks.disaster.annual_probability=1",
                        "shocks.disaster.affected_share=0.9", "shocks.disaster.duration_months=12"})
    shocked.push_back(o);
  const RunResult hit = run(kSmall, shocked, 5.0);
  const double rate_calm =
      mean_of(on, Metric::kMicrocreditDefaults) / mean_of(on, Metric::kMicrocreditHouseholds);
  const double rate_hit =
      mean_of(hit, Metric::kMicrocreditDefaults) / mean_of(hit, Metric::kMicrocreditHouseholds);
  std::cout << "defaults per borrower, calm vs disaster years: " << rate_calm << " vs " << rate_hit
            << "; compensated " << mean_of(hit, Metric::kMicrocreditCompensatedYuan) << "\n";
  EXPECT_GT(rate_hit, 2.5 * rate_calm);
  EXPECT_GT(mean_of(hit, Metric::kMicrocreditCompensatedYuan), 0.0);
}

}  // namespace
}  // namespace povsim

namespace povsim {
namespace {

TEST(CostPerHousehold, SpendingOverHouseholdsKeptOutOfPovertyAgainstNoSpending) {
  const std::string none = std::string(POVSIM_SOURCE_DIR) + "/scenarios/no-spending.yaml";
  const LoadedScenario a = load_scenario(none, {{"replications=4"}, 0.2});
  const LoadedScenario b = load_scenario(
      std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml", {{"replications=4"}, 0.2});
  RunSettings settings;
  settings.threads = 2;
  const RunResult ra = run_scenario(a.params, settings);
  const RunResult rb = run_scenario(b.params, settings);
  const std::string csv = cost_csv({{"no-spending", &a.params, &ra}, {"baseline", &b.params, &rb}});
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line,
            "scenario,baseline,year,region,spending_diff,kept_out_of_poverty,cost_per_household,"
            "note");
  bool found = false;
  while (std::getline(in, line)) {
    if (line.rfind("baseline,no-spending,all,all,", 0) != 0) continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string cell; std::getline(ls, cell, ',');) f.push_back(cell);
    ASSERT_EQ(f.size(), 7u);
    const double spending = std::stod(f[4]), kept = std::stod(f[5]), cost = std::stod(f[6]);
    std::cout << line << "\n";
    // The no-spending run spends nothing: the difference is the baseline's whole spending.
    double spent = 0;
    for (const auto& rep : rb.replications)
      for (const auto& y : rep.values) spent += y.back()[static_cast<int>(Metric::kFundsSpent)];
    EXPECT_NEAR(spending, spent / static_cast<double>(rb.replications.size()), 1e-6 * spent);
    EXPECT_GT(kept, 0.0);
    EXPECT_NEAR(cost, spending / kept, 1e-6 * cost);
    found = true;
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace povsim

namespace povsim {
namespace {

// 小额信贷 with two sides: in a disaster year more investments fail, more loans fall into arrears
// (逾期) and their repayments out of income push more borrowers under the line; an extension
// (展期) defers the repayments past the shock.
std::vector<std::string> microcredit_on() {
  return {"funds.microcredit.enabled=true",
          "funds.microcredit.new_loans_per_1000_households=60",
          "funds.microcredit.loan=30000",
          "funds.microcredit.term_months=36",
          "funds.microcredit.interest_rate=0.0475",
          "funds.microcredit.interest_subsidy_share=1",
          "funds.microcredit.return_rate=0.1",
          "funds.microcredit.default_probability=0.02",
          "funds.microcredit.shock_default_multiplier=5",
          "funds.microcredit.compensation_share=0.8",
          "funds.microcredit.arrears_repayment_share=0.3",
          "funds.microcredit.arrears_max_months=12",
          "funds.microcredit.extension_months=0"};
}

std::vector<std::string> with_disasters(std::vector<std::string> o, double probability) {
  o.push_back("shocks.disaster.annual_probability=" + std::to_string(probability));
  o.push_back("shocks.disaster.affected_share=0.6");
  o.push_back("shocks.disaster.duration_months=12");
  return o;
}

double total_of(const RunResult& r, Metric m) {
  double sum = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) sum += year.back()[static_cast<int>(m)];
  return sum / static_cast<double>(r.replications.size());
}

TEST(MicrocreditDirection, DisastersRaiseArrearsAndTheReturnRateOfBorrowers) {
  const RunResult calm = run(kSmall, with_disasters(microcredit_on(), 0.0), 5.0);
  const RunResult hit = run(kSmall, with_disasters(microcredit_on(), 1.0), 5.0);
  const double arrears_calm = total_of(calm, Metric::kMicrocreditArrears);
  const double arrears_hit = total_of(hit, Metric::kMicrocreditArrears);
  const double rate_calm = mean_of(calm, Metric::kReturnRateBorrowers);
  const double rate_hit = mean_of(hit, Metric::kReturnRateBorrowers);
  std::cout << "loans into arrears over the period " << arrears_calm << " -> " << arrears_hit
            << ", repaid from income " << total_of(calm, Metric::kMicrocreditArrearsYuan) << " -> "
            << total_of(hit, Metric::kMicrocreditArrearsYuan) << " yuan; borrowers' return rate "
            << rate_calm << " -> " << rate_hit << "\n";
  EXPECT_GT(arrears_hit, 1.5 * arrears_calm);
  EXPECT_GT(total_of(hit, Metric::kMicrocreditArrearsYuan),
            total_of(calm, Metric::kMicrocreditArrearsYuan));
  EXPECT_GT(rate_hit, rate_calm);
}

TEST(MicrocreditDirection, ArrearsCostTheBorrowerAndAnExtensionDefersThem) {
  // Without repayment from income (the loan written off at once) arrears cost the household
  // nothing but the lost investment; with it, borrowers fall under the line more often.
  std::vector<std::string> free_default = with_disasters(microcredit_on(), 0.5);
  free_default.push_back("funds.microcredit.arrears_repayment_share=0");
  free_default.push_back("funds.microcredit.arrears_max_months=0");
  const RunResult costless = run(kSmall, free_default, 5.0);
  const RunResult costly = run(kSmall, with_disasters(microcredit_on(), 0.5), 5.0);
  std::vector<std::string> extended = with_disasters(microcredit_on(), 0.5);
  extended.push_back("funds.microcredit.extension_months=12");
  const RunResult grace = run(kSmall, extended, 5.0);
  std::cout << "borrowers' return rate: written off at once "
            << mean_of(costless, Metric::kReturnRateBorrowers) << ", repaid from income "
            << mean_of(costly, Metric::kReturnRateBorrowers) << ", with a 12-month 展期 "
            << mean_of(grace, Metric::kReturnRateBorrowers) << "; extended "
            << total_of(grace, Metric::kMicrocreditExtended) << " loans\n";
  EXPECT_EQ(total_of(costless, Metric::kMicrocreditArrearsYuan), 0.0);
  EXPECT_GT(mean_of(costly, Metric::kReturnRateBorrowers),
            mean_of(costless, Metric::kReturnRateBorrowers));
  EXPECT_GT(total_of(grace, Metric::kMicrocreditExtended), 0.0);
  EXPECT_EQ(total_of(costly, Metric::kMicrocreditExtended), 0.0);
}

}  // namespace
}  // namespace povsim
