// Directional tests of 低保, 特困 and 临时救助 on paired runs (same seed, same households).
#include <gtest/gtest.h>

#include <iostream>
#include <string>
#include <vector>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kCounty = std::string(POVSIM_SOURCE_DIR) + "/tests/data/monitoring-county.yaml";

RunResult run(std::vector<std::string> overrides) {
  overrides.push_back("replications=2");
  const LoadedScenario s = load_scenario(kCounty, {std::move(overrides), 1.0});
  RunSettings settings;
  settings.threads = 2;
  return run_scenario(s.params, settings);
}

/// Sum over replications and years of a metric for region `all`.
double total_of(const RunResult& r, Metric m) {
  double sum = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values) sum += year.back()[static_cast<int>(m)];
  return sum;
}

/// Sum over replications and years of households of a labour class on 低保.
double no_labour_on_dibao(const RunResult& r) {
  double sum = 0;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values)
      sum += year.back()[static_cast<int>(Metric::kDibaoShareNoLabour)] *
             year.back()[static_cast<int>(Metric::kDibaoHouseholds)];
  return sum;
}

TEST(DibaoDirection, NeedBasedTargetingCoversMoreNoLabourHouseholdsAtNoHigherCost) {
  // 特困 off in both, so that the two rules differ only in 低保's targeting.
  const RunResult need = run({"transfers.tekun.enabled=false"});
  const RunResult blind =
      run({"transfers.tekun.enabled=false", "transfers.dibao.need_based=false",
           "transfers.dibao.gradual_exit=false", "transfers.dibao.take_up=0.6"});
  const double cost_need = total_of(need, Metric::kDibaoPerCapita);
  const double cost_blind = total_of(blind, Metric::kDibaoPerCapita);
  const double none_need = no_labour_on_dibao(need);
  const double none_blind = no_labour_on_dibao(blind);
  std::cout << "no-labour households on 低保 " << none_blind << " -> " << none_need
            << "; 低保 per capita " << cost_blind << " -> " << cost_need << "\n";
  // With the simulated 2020 start and every shock making 突发: ≈ 5,070 → 5,860 no-labour
  // households at a cost per person within 1% of the need-blind rule's.
  EXPECT_GT(none_need, none_blind * 1.1);
  EXPECT_LE(cost_need, cost_blind * 1.03);
  EXPECT_LT(total_of(need, Metric::kDibaoShareStrongLabour),
            total_of(blind, Metric::kDibaoShareStrongLabour) * 0.5);
}

TEST(DibaoDirection, RaisingTheTekunStandardRaisesTekunSpending) {
  const RunResult base = run({});
  const RunResult high =
      run({"transfers.tekun.standard={2021: 12000, 2022: 12500, 2023: 13000, 2024: 13500, 2025: "
           "14000}"});
  const double spent_base = total_of(base, Metric::kTekunAnnualYuan);
  const double spent_high = total_of(high, Metric::kTekunAnnualYuan);
  std::cout << "特困 annual payments " << spent_base << " -> " << spent_high << "\n";
  EXPECT_GT(spent_base, 0);
  EXPECT_GT(spent_high, spent_base * 1.2);
}

TEST(DibaoDirection, AShockYearProducesTemporaryAssistanceAndOffPaysNone) {
  const RunResult base = run({});
  const RunResult off = run({"transfers.temporary_assistance.enabled=false"});
  const RunResult shock = run({"shocks.illness.annual_probability=0.3"});
  const double paid_base = total_of(base, Metric::kTemporaryAssistanceYuan);
  const double paid_shock = total_of(shock, Metric::kTemporaryAssistanceYuan);
  std::cout << "临时救助 yuan " << paid_base << " -> " << paid_shock << " with more illness\n";
  EXPECT_GT(total_of(base, Metric::kTemporaryAssistanceHouseholds), 0);
  EXPECT_EQ(total_of(off, Metric::kTemporaryAssistanceHouseholds), 0);
  EXPECT_GT(paid_shock, paid_base * 1.2);
}

}  // namespace
}  // namespace povsim
