#include "output/compare.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"

namespace povsim {
namespace {

TEST(PairedDifference, MeanSdAndTInterval) {
  const Difference d = paired_difference({1, 2, 3, 4}, {2, 4, 4, 6});  // differences 1, 2, 1, 2
  EXPECT_DOUBLE_EQ(d.mean, 1.5);
  EXPECT_NEAR(d.sd, 0.5773502692, 1e-9);
  // t(0.975, 3) = 3.182446305
  EXPECT_NEAR(d.high - d.mean, 3.182446305 * 0.5773502692 / 2, 1e-8);
  EXPECT_NEAR(d.mean - d.low, d.high - d.mean, 1e-12);
  EXPECT_EQ(d.n, 4u);
}

TEST(UnpairedDifference, WelchInterval) {
  const Difference d = unpaired_difference({1, 2, 3, 4}, {2, 4, 4, 6});
  EXPECT_DOUBLE_EQ(d.mean, 1.5);
  // Both variances 1.6667 and 2.6667; se = sqrt((1.6667 + 2.6667) / 4) = 1.0408, df ≈ 5.69.
  const double se = std::sqrt((5.0 / 3 + 8.0 / 3) / 4);
  EXPECT_GT(d.high - d.mean, 2.45 * se);
  EXPECT_LT(d.high - d.mean, 2.60 * se);
}

struct Runs {
  LoadedScenario a, b;
  RunResult ra, rb;
};

Runs run_pair() {
  const std::string dir = std::string(POVSIM_SOURCE_DIR);
  Runs r{load_scenario(dir + "/tests/data/small.yaml", {{"replications=12"}, 1.0}),
         load_scenario(dir + "/tests/data/small.yaml",
                       {{"replications=12", "monitoring.grid.workers_per_1000_households=0",
                         "monitoring.pairing.cadres_per_1000_households=0"},
                        1.0}),
         {},
         {}};
  RunSettings settings;
  settings.threads = 2;
  r.ra = run_scenario(r.a.params, settings);
  r.rb = run_scenario(r.b.params, settings);
  return r;
}

TEST(Compare, PairingOnCommonRandomNumbersNarrowsTheInterval) {
  const Runs r = run_pair();
  const int k = static_cast<int>(Metric::kReturnToPovertyRate);
  const std::size_t all = r.a.params.regions.size();
  double paired_width = 0, unpaired_width = 0;
  for (std::size_t y = 0; y < r.ra.replications.front().years.size(); ++y) {
    std::vector<double> va, vb;
    for (std::size_t rep = 0; rep < r.ra.replications.size(); ++rep) {
      va.push_back(r.ra.replications[rep].values[y][all][k]);
      vb.push_back(r.rb.replications[rep].values[y][all][k]);
    }
    const Difference p = paired_difference(va, vb);
    const Difference u = unpaired_difference(va, vb);
    EXPECT_NEAR(p.mean, u.mean, 1e-12);  // the same mean, summed in a different order
    EXPECT_LT(p.high - p.low, u.high - u.low) << "year " << y;
    paired_width += p.high - p.low;
    unpaired_width += u.high - u.low;
  }
  std::cout << "mean 95% interval width, paired vs unpaired: " << paired_width / 5 << " vs "
            << unpaired_width / 5 << "\n";
  EXPECT_LT(paired_width, 0.75 * unpaired_width);  // about 0.5 on these runs
}

TEST(Compare, CsvHasOneRowPerScenarioYearRegionAndMetric) {
  const Runs r = run_pair();
  const std::string csv = compare_csv({{"a", &r.a.params, &r.ra}, {"b", &r.b.params, &r.rb}});
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line,
            "scenario,baseline,year,region,metric,mean_a,mean_b,diff_mean,diff_sd,diff_low,"
            "diff_high,n");
  std::size_t rows = 0;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, 5 * (r.a.params.regions.size() + 1) * static_cast<std::size_t>(kMetricCount));
  EXPECT_NE(compare_table({{"a", &r.a.params, &r.ra}, {"b", &r.b.params, &r.rb}}).find("2025"),
            std::string::npos);
}

}  // namespace
}  // namespace povsim
