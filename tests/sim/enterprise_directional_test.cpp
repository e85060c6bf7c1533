// Directional tests of enterprises and the labour market on paired runs (same seed, same
// households): enterprise failures, a migrant-demand shock and the contract premium must move the
// outcomes the way they should.
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kSmall = std::string(POVSIM_SOURCE_DIR) + "/tests/data/small.yaml";
const std::string kLockdown = std::string(POVSIM_SOURCE_DIR) + "/tests/data/lockdown-2022.yaml";

RunResult run(const std::string& file, std::vector<std::string> overrides, int threads = 2) {
  const LoadedScenario s = load_scenario(file, {std::move(overrides), 5.0});  // 10,000 households
  RunSettings settings;
  settings.threads = threads;
  return run_scenario(s.params, settings);
}

/// Metric m of region `all` in year index y, averaged over replications.
double at(const RunResult& r, Metric m, std::size_t y) {
  double sum = 0;
  for (const auto& rep : r.replications) sum += rep.values[y].back()[static_cast<int>(m)];
  return sum / static_cast<double>(r.replications.size());
}

double mean_of(const RunResult& r, Metric m) {
  double sum = 0;
  const std::size_t years = r.replications.front().years.size();
  for (std::size_t y = 0; y < years; ++y) sum += at(r, m, y);
  return sum / static_cast<double>(years);
}

std::vector<std::string> hazard(double h) {
  std::vector<std::string> out;
  for (const char* kind : {"leading", "cooperative", "workshop", "park_factory", "tourism"}) {
    out.push_back(std::string("enterprises.") + kind + ".failure_hazard=" + std::to_string(h));
    out.push_back(std::string("enterprises.") + kind + ".entry_rate=0");
  }
  // Industry projects' own failures and outbreaks are losses of another kind, beside the point
  // here (on 10,000 households the rise is a dozen persons).
  out.push_back("assistance.industry.projects.enabled=false");
  return out;
}

TEST(EnterpriseDirection, HigherFailureHazardRaisesReturnToPovertyAmongLinkedHouseholds) {
  const RunResult low = run(kSmall, hazard(0.0));
  const RunResult high = run(kSmall, hazard(0.5));
  const double rate_low = mean_of(low, Metric::kReturnToPovertyRate);
  const double rate_high = mean_of(high, Metric::kReturnToPovertyRate);
  // Poor lifted persons, summed over years: the rise must come from households that lost links.
  const double people = mean_of(low, Metric::kPeopleLifted);
  const double rise = (rate_high - rate_low) * people * 5;
  const double poor_lost = mean_of(high, Metric::kPoorLostLink) * 5;
  std::cout << "return rate " << rate_low << " -> " << rate_high << "; poor persons +" << rise
            << ", of whom in households that lost a link at most " << poor_lost << "\n";
  EXPECT_EQ(mean_of(low, Metric::kEnterprisesFailed), 0.0);
  EXPECT_GT(mean_of(high, Metric::kEnterprisesFailed), 0.0);
  EXPECT_GT(rate_high, rate_low);
  EXPECT_GT(poor_lost, 0.0);
  // Concentrated, not confined: failures also thin the vacancies that job seekers and
  // assistance placements would have taken, so a little of the rise falls on other households.
  EXPECT_GT(poor_lost, 0.5 * rise);
  EXPECT_LT(mean_of(high, Metric::kLinkWagePerCapita), mean_of(low, Metric::kLinkWagePerCapita));
}

TEST(EnterpriseDirection, FailuresRaiseTheReturnRateOfLinkedHouseholdsTwiceAsMuchAsOthers) {
  // The same households are linked in both runs (links are drawn before any failure, on the same
  // draws); failures end their links, and with them income carved out of their own. Linked
  // lifted households are a few hundred: eight replications keep the comparison out of the noise.
  auto replicated = [](std::vector<std::string> o) {
    o.push_back("replications=8");
    return o;
  };
  const RunResult low = run(kSmall, replicated(hazard(0.0)));
  const RunResult high = run(kSmall, replicated(hazard(0.5)));
  const double linked =
      mean_of(high, Metric::kReturnRateLinked) - mean_of(low, Metric::kReturnRateLinked);
  const double others =
      mean_of(high, Metric::kReturnRateUnlinked) - mean_of(low, Metric::kReturnRateUnlinked);
  std::cout << "return rate of linked lifted households " << mean_of(low, Metric::kReturnRateLinked)
            << " -> " << mean_of(high, Metric::kReturnRateLinked) << " (" << linked
            << "), of the others " << mean_of(low, Metric::kReturnRateUnlinked) << " -> "
            << mean_of(high, Metric::kReturnRateUnlinked) << " (" << others << ")\n";
  EXPECT_GT(linked, 0.0);
  EXPECT_GE(linked, 2.0 * others);
}

TEST(EnterpriseDirection, WagesThatFollowRevenueCutWhatJobsPay) {
  // A 2022 collapse of farm-gate prices to 0.5 cuts enterprise revenue (price_elasticity 0.5):
  // with wages following revenue, the jobs kept pay less; with fixed wages they pay as before.
  const std::string collapse = "shocks.price_level={2021: 1, 2022: 0.5, 2023: 1, 2024: 1, 2025: 1}";
  auto with = [&](double elasticity) {
    return run(kSmall, {collapse, "enterprises.layoff_elasticity=0",
                        "enterprises.wage_revenue_elasticity=" + std::to_string(elasticity)});
  };
  const RunResult fixed = with(0.0);
  const RunResult follow = with(1.0);
  const double wage_fixed = at(fixed, Metric::kLinkWagePerCapita, 1);
  const double wage_follow = at(follow, Metric::kLinkWagePerCapita, 1);
  std::cout << "2022 enterprise wages per person " << wage_fixed << " -> " << wage_follow << "\n";
  EXPECT_GT(wage_fixed, 0.0);
  // log revenue ≈ 0.5 × log 0.5 = −0.35 on top of last year's: wages × ≈ 0.7, not more than 0.9.
  EXPECT_LT(wage_follow, 0.9 * wage_fixed);
  EXPECT_GT(wage_follow, 0.4 * wage_fixed);
  // The same jobs (no lay-offs): the cut lowers linked households' income, so their return rate
  // does not fall.
  EXPECT_GE(at(follow, Metric::kReturnRateLinked, 1), at(fixed, Metric::kReturnRateLinked, 1));
}

TEST(EnterpriseDirection, APriceCollapseHurtsOtherFarmersMoreThanContractFarmers) {
  // Contract farming buys at no less than the normal price (保底收购): a 2022 price collapse
  // lowers the other farms' income, not the contract households'.
  const std::string collapse = "shocks.price_level={2021: 1, 2022: 0.5, 2023: 1, 2024: 1, 2025: 1}";
  const RunResult base = run(kSmall, {});
  const RunResult hit = run(kSmall, {collapse});
  auto drop = [&](Metric m) { return 1.0 - at(hit, m, 1) / at(base, m, 1); };
  const double contract = drop(Metric::kIncomePerCapitaContract);
  const double other = drop(Metric::kIncomePerCapitaOtherFarms);
  std::cout << "2022 income drop from a price collapse: contract farmers " << contract
            << ", other farmers " << other << "\n";
  EXPECT_GT(other, 0.02);
  EXPECT_GT(other, 2.0 * contract);
  // Without the guarantee, contract farmers are hit like the others.
  const RunResult bare = run(kSmall, {"enterprises.contract_price_floor=0"});
  const RunResult bare_hit = run(kSmall, {"enterprises.contract_price_floor=0", collapse});
  const double unprotected = 1.0 - at(bare_hit, Metric::kIncomePerCapitaContract, 1) /
                                       at(bare, Metric::kIncomePerCapitaContract, 1);
  std::cout << "… contract farmers without the floor price " << unprotected << "\n";
  EXPECT_GT(unprotected, 2.0 * contract);
}

TEST(EnterpriseDirection, RevenueFallsLayWorkersOff) {
  // A sector-wide fall (a large revenue swing) lays off workers at living enterprises; without
  // the elasticity only failures do.
  std::vector<std::string> swings = hazard(0.0);
  for (const char* kind : {"leading", "cooperative", "workshop", "park_factory", "tourism"})
    swings.push_back(std::string("enterprises.") + kind + ".revenue_sd=0.5");
  std::vector<std::string> rigid = swings;
  rigid.push_back("enterprises.layoff_elasticity=0");
  const RunResult flexible = run(kSmall, swings);
  const RunResult fixed = run(kSmall, rigid);
  std::cout << "workers laid off a year " << mean_of(fixed, Metric::kWorkersLaidOff) << " -> "
            << mean_of(flexible, Metric::kWorkersLaidOff) << "; households that lost a link "
            << mean_of(flexible, Metric::kHouseholdsLostLink) << ", their return rate "
            << mean_of(flexible, Metric::kReturnRateLostLink) << " (all lifted "
            << mean_of(flexible, Metric::kReturnToPovertyRate) << ")\n";
  EXPECT_EQ(mean_of(fixed, Metric::kWorkersLaidOff), 0.0);
  EXPECT_GT(mean_of(flexible, Metric::kWorkersLaidOff), 0.0);
  EXPECT_GT(mean_of(flexible, Metric::kReturnRateLostLink),
            mean_of(flexible, Metric::kReturnToPovertyRate));
}

TEST(EnterpriseDirection, MigrantDemandShockIn2022RaisesThat2022RateAndFades) {
  const RunResult base = run(kSmall, {});
  const RunResult shock = run(kLockdown, {});
  const double d2022 =
      at(shock, Metric::kReturnToPovertyRate, 1) - at(base, Metric::kReturnToPovertyRate, 1);
  const double d2025 =
      at(shock, Metric::kReturnToPovertyRate, 4) - at(base, Metric::kReturnToPovertyRate, 4);
  std::cout << "return rate difference 2022 " << d2022 << ", 2025 " << d2025 << "\n";
  EXPECT_LT(at(shock, Metric::kWageMigrantPerCapita, 1),
            at(base, Metric::kWageMigrantPerCapita, 1));
  EXPECT_EQ(at(shock, Metric::kReturnToPovertyRate, 0), at(base, Metric::kReturnToPovertyRate, 0));
  EXPECT_GT(d2022, 0.0);
  EXPECT_LT(std::abs(d2025), d2022 / 2);
}

TEST(EnterpriseDirection, TransportSubsidyMovesLiftedWorkersIntoMigrantWorkWithinItsBudget) {
  const RunResult none = run(kSmall, {"labour.transport_subsidy.budget_per_household=0"});
  const RunResult some = run(kSmall, {"labour.transport_subsidy.budget_per_household=50",
                                      "labour.transport_subsidy.finding_rate_gain=1"});
  const double households = mean_of(some, Metric::kHouseholds);
  const double amount = 500;  // baseline.yaml
  for (std::size_t y = 0; y < 5; ++y) {
    EXPECT_EQ(at(none, Metric::kTransportSubsidyYuan, y), 0.0);
    const double paid = at(some, Metric::kTransportSubsidyYuan, y);
    EXPECT_GT(paid, 0.0) << "year " << y;
    EXPECT_LE(paid, 50 * households) << "year " << y;  // never beyond the year's budget
    EXPECT_DOUBLE_EQ(paid, amount * at(some, Metric::kTransportSubsidyWorkers, y));
    EXPECT_GT(at(some, Metric::kLiftedMigrantWorkers, y),
              at(none, Metric::kLiftedMigrantWorkers, y))
        << "year " << y;
  }
  std::cout << "lifted migrant workers (2025) " << at(none, Metric::kLiftedMigrantWorkers, 4)
            << " -> " << at(some, Metric::kLiftedMigrantWorkers, 4) << "; return rate "
            << mean_of(none, Metric::kReturnToPovertyRate) << " -> "
            << mean_of(some, Metric::kReturnToPovertyRate) << "\n";
  EXPECT_GT(mean_of(some, Metric::kWageMigrantPerCapita),
            mean_of(none, Metric::kWageMigrantPerCapita));
  EXPECT_LE(mean_of(some, Metric::kReturnToPovertyRate),
            mean_of(none, Metric::kReturnToPovertyRate));
}

TEST(EnterpriseDirection, RemovingTheContractPremiumLowersOperatingIncome) {
  const RunResult with = run(kSmall, {});
  const RunResult without = run(kSmall, {"enterprises.leading.contract_premium=0"});
  for (std::size_t y = 0; y < 5; ++y) {
    EXPECT_LT(at(without, Metric::kOperatingPerCapita, y), at(with, Metric::kOperatingPerCapita, y))
        << "year " << y;
    EXPECT_EQ(at(without, Metric::kLinkContractPerCapita, y), 0.0);
  }
}

TEST(EnterpriseDirection, LabourMarketIsIndependentOfThreads) {
  const RunResult one = run(kSmall, {}, 1);
  const RunResult two = run(kSmall, {}, 2);
  ASSERT_EQ(one.replications.size(), two.replications.size());
  for (std::size_t r = 0; r < one.replications.size(); ++r)
    EXPECT_EQ(one.replications[r].values, two.replications[r].values);
  EXPECT_GT(mean_of(one, Metric::kJobsFilled), 0.0);
}

}  // namespace
}  // namespace povsim
