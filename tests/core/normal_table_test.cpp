#include "core/normal_table.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/rng.hpp"

namespace povsim {
namespace {

/// Moments of a table over many Philox words.
std::pair<double, double> moments(const QuantileTable& t) {
  const Rng rng(1, 0);
  double sum = 0, sum2 = 0;
  const int n = 400000;
  for (int k = 0; k < n; ++k) {
    const double x = t(rng.words(static_cast<std::uint32_t>(k), 0, 0, Stream::kIncomeMonthly)[0]);
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, std::sqrt(sum2 / n - mean * mean)};
}

TEST(QuantileTable, NormalHasMeanZeroAndUnitSpread) {
  const QuantileTable t = QuantileTable::normal();
  EXPECT_NEAR(t.mean(), 0.0, 1e-6);
  const auto [mean, sd] = moments(t);
  EXPECT_NEAR(mean, 0.0, 0.005);
  EXPECT_NEAR(sd, 1.0, 0.01);  // tails cut at about ±3.3 sd lose under 1% of the spread
  EXPECT_NEAR(t(0x80000000u), 0.0, 1e-3);     // the median
  EXPECT_NEAR(t(0xE6666666u), 1.2816, 2e-3);  // the 90th percentile
}

TEST(QuantileTable, LognormalFactorAveragesExactlyOne) {
  for (double sigma : {0.05, 0.2, 0.6}) {
    const QuantileTable t = QuantileTable::lognormal_unit_mean(sigma);
    EXPECT_NEAR(t.mean(), 1.0, 1e-6) << sigma;
    const auto [mean, sd] = moments(t);
    EXPECT_NEAR(mean, 1.0, 0.003) << sigma;
    EXPECT_NEAR(sd, std::sqrt(std::exp(sigma * sigma) - 1.0), 0.03 * sigma + 0.002) << sigma;
  }
}

TEST(LognormalTables, OneTablePerSigma) {
  LognormalTables tables;
  EXPECT_EQ(&tables.get(0.2), &tables.get(0.2));
  EXPECT_NE(&tables.get(0.2), &tables.get(0.3));
}

}  // namespace
}  // namespace povsim
