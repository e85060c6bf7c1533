#include "sim/runner.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "scenario/scenario_loader.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;

constexpr int kRtp = static_cast<int>(Metric::kReturnToPovertyRate);

Params load_small(std::vector<std::string> overrides, double scale) {
  return load_scenario(data_file("small.yaml"), {std::move(overrides), scale}).params;
}

/// return_to_poverty_rate of region `all`, per replication and year.
std::vector<std::vector<double>> rtp_all(const Params& params) {
  const RunResult run = run_scenario(params, RunSettings{});
  const std::size_t all = params.regions.size();
  std::vector<std::vector<double>> out;
  for (const auto& rep : run.replications) {
    std::vector<double> years;
    for (const auto& year : rep.values) years.push_back(year[all][kRtp]);
    out.push_back(years);
  }
  return out;
}

/// Mean return-to-poverty rate of region `all` over replications and years.
double mean_rtp(const Params& params) {
  double sum = 0;
  int n = 0;
  for (const auto& rep : rtp_all(params))
    for (double x : rep) sum += x, ++n;
  return sum / n;
}

/// Paired runs for the directional tests: the small scenario scaled to 20,000 households, the
/// whole period, three replications, the same seed for both arms (common random numbers).
std::vector<std::string> paired(std::vector<std::string> overrides) {
  overrides.insert(overrides.begin(), {"seed=20240601", "replications=3"});
  return overrides;
}
constexpr double kPairedScale = 10.0;

TEST(Runner, ProducesEveryYearAndRegionForEveryReplication) {
  const Params p = load_small({"period.end=2022-06", "replications=3"}, 0.1);
  const RunResult run = run_scenario(p, RunSettings{});
  ASSERT_EQ(run.replications.size(), 3u);
  for (std::size_t r = 0; r < 3; ++r) {
    const auto& rep = run.replications[r];
    EXPECT_EQ(rep.replication, r);
    EXPECT_EQ(rep.years, (std::vector<int>{2021, 2022}));
    ASSERT_EQ(rep.values.size(), 2u);
    EXPECT_EQ(rep.values[0].size(), p.regions.size() + 1);
    EXPECT_EQ(rep.households, 200u);
    EXPECT_EQ(rep.values[0][p.regions.size()][static_cast<int>(Metric::kHouseholds)], 200);
  }
}

TEST(Runner, ResultsDoNotDependOnTheThreadCount) {
  // One region above the reduction block size, so households are split into several blocks.
  const Params p = load_small({"period.end=2021-12", "regions.0.households=20000"}, 1.0);
  RunSettings one;
  one.threads = 1;
  RunSettings two;
  two.threads = 2;
  const RunResult a = run_scenario(p, one);
  const RunResult b = run_scenario(p, two);
  ASSERT_EQ(a.replications.size(), b.replications.size());
  for (std::size_t r = 0; r < a.replications.size(); ++r)
    EXPECT_EQ(a.replications[r].values, b.replications[r].values) << "replication " << r;
}

TEST(Runner, ReportsProgressUpToTheTotal) {
  const Params p = load_small({"period.end=2021-12"}, 0.1);
  std::atomic<std::uint64_t> last{0}, total{0};
  RunSettings settings;
  settings.progress = [&](std::uint64_t done, std::uint64_t all) {
    std::uint64_t seen = last.load();
    while (done > seen && !last.compare_exchange_weak(seen, done)) {
    }
    total = all;
  };
  run_scenario(p, settings);
  EXPECT_EQ(total.load(), 200u * 12u * 2u);  // households × months × replications
  EXPECT_EQ(last.load(), total.load());
}

// Directional tests: each changes one mechanism on the same seed and checks the direction and a
// minimum size of the effect on the return-to-poverty rate (region `all`, mean over three
// replications and five years). The minimum is both relative (the level of the rate moves as the
// model grows) and absolute (a tiny rate could double by chance); both lie well below what the
// baseline parameters give (in the comments) so that recalibrating does not break the tests,
// yet each fails if its mechanism stops working.

TEST(Directional, MoreIllnessRaisesTheReturnToPovertyRate) {
  const double low =
      mean_rtp(load_small(paired({"shocks.illness.annual_probability=0.02"}), kPairedScale));
  const double high =
      mean_rtp(load_small(paired({"shocks.illness.annual_probability=0.15"}), kPairedScale));
  // Baseline parameters: about 0.2% → 4%.
  EXPECT_GT(high, 2.0 * low) << "low " << low << " high " << high;
  EXPECT_GT(high - low, 0.005) << "low " << low << " high " << high;
}

TEST(Directional, LowerIncomeGrowthRaisesTheReturnToPovertyRate) {
  const double fast = mean_rtp(load_small(paired({"economy.trend_growth=0.10"}), kPairedScale));
  const double slow = mean_rtp(load_small(paired({"economy.trend_growth=-0.05"}), kPairedScale));
  // Baseline parameters: about 0.7% → 1.3% (低保 and assistance cushion most of the fall).
  EXPECT_GT(slow, 1.25 * fast) << "fast " << fast << " slow " << slow;
  EXPECT_GT(slow - fast, 0.002) << "fast " << fast << " slow " << slow;
}

TEST(Directional, WithoutDibaoTheReturnToPovertyRateRises) {
  const double with = mean_rtp(load_small(paired({}), kPairedScale));
  const double without =
      mean_rtp(load_small(paired({"transfers.dibao.enabled=false"}), kPairedScale));
  // Baseline parameters: about 0.6% → 1.8%. The 低保 standard lies above the poverty line, but
  // the means test enrols about 10% of households (mostly without labour), so ending it moves
  // fewer households than the need-blind rule's 17% did (≈ 9% then).
  EXPECT_GT(without, 2.0 * with) << "with " << with << " without " << without;
  EXPECT_GT(without - with, 0.008) << "with " << with << " without " << without;
}

TEST(Directional, FrequentSevereDisastersRaiseTheReturnToPovertyRate) {
  const double calm =
      mean_rtp(load_small(paired({"shocks.disaster.annual_probability=0"}), kPairedScale));
  const double stormy = mean_rtp(load_small(
      paired({"shocks.disaster.annual_probability=1", "shocks.disaster.affected_share=0.8",
              "shocks.disaster.loss_share=0.8", "shocks.disaster.duration_months=12"}),
      kPairedScale));
  // Baseline parameters: about 0.7% → 9%.
  EXPECT_GT(stormy, 2.0 * calm) << "calm " << calm << " stormy " << stormy;
  EXPECT_GT(stormy - calm, 0.01) << "calm " << calm << " stormy " << stormy;
}

/// Sample sd over replications of the return-to-poverty rate (region `all`), averaged over years.
double replication_sd(const Params& params) {
  const auto runs = rtp_all(params);
  const std::size_t years = runs.front().size();
  double sd_sum = 0;
  for (std::size_t y = 0; y < years; ++y) {
    double mean = 0, ss = 0;
    for (const auto& rep : runs) mean += rep[y];
    mean /= static_cast<double>(runs.size());
    for (const auto& rep : runs) ss += (rep[y] - mean) * (rep[y] - mean);
    sd_sum += std::sqrt(ss / static_cast<double>(runs.size() - 1));
  }
  return sd_sum / static_cast<double>(years);
}

TEST(Replications, SpreadShrinksWithTheSquareRootOfHouseholds) {
  // Covariate shocks (regional disasters and price swings) are switched off: they move every
  // household of a region together, so their spread does not shrink with more households.
  const std::vector<std::string> overrides{"replications=20", "period.end=2022-12",
                                           "shocks.disaster.annual_probability=0",
                                           "shocks.price_sd=0"};
  const double sd_small = replication_sd(load_small(overrides, 0.25));  // 500 households
  const double sd_large = replication_sd(load_small(overrides, 4.0));   // 8,000 households
  ASSERT_GT(sd_small, 0);
  // 16 times the households: expect about 1/4 of the spread (1/sqrt(16)); the bounds allow for
  // the sampling error of an sd estimated from 20 replications.
  EXPECT_LT(sd_large / sd_small, 0.5) << "sd " << sd_small << " → " << sd_large;
  EXPECT_GT(sd_large / sd_small, 0.1) << "sd " << sd_small << " → " << sd_large;
}

}  // namespace
}  // namespace povsim
