// Bootstrap intervals of the Sobol' indices on functions whose indices are known analytically.
#include "sweep/sobol_indices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "core/rng.hpp"
#include "sweep/design.hpp"

namespace povsim {
namespace {

std::vector<Axis> axes_on(int k, double lo, double hi) {
  std::vector<Axis> axes(static_cast<std::size_t>(k));
  for (auto& a : axes) {
    a.min = lo;
    a.max = hi;
  }
  return axes;
}

double ishigami(double x1, double x2, double x3) {
  return std::sin(x1) + 7 * std::pow(std::sin(x2), 2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

/// A Saltelli layout (A, B, AB_1 … AB_k) from independent uniform A and B drawn with Philox:
/// plain Monte Carlo, so repeated draws give independent estimates whose spread the bootstrap
/// must reproduce (the Sobol' sequence of the engine is deterministic).
Eigen::MatrixXd random_saltelli(int n, int k, std::uint32_t seed) {
  const Rng rng(seed, 0);
  Eigen::MatrixXd a(n, k), b(n, k);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < k; ++i) {
      const auto u = rng.uniforms(static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(i), 0,
                                  Stream::kSweep);
      a(j, i) = u[0];
      b(j, i) = u[1];
    }
  Eigen::MatrixXd out(static_cast<Eigen::Index>(n) * (k + 2), k);
  out.topRows(n) = a;
  out.middleRows(n, n) = b;
  for (int i = 0; i < k; ++i) {
    Eigen::MatrixXd ab = a;
    ab.col(i) = b.col(i);
    out.middleRows(static_cast<Eigen::Index>(2 + i) * n, n) = ab;
  }
  return out;
}

TEST(SobolIntervals, IshigamiIntervalsCoverTheAnalyticIndicesAndAreNarrow) {
  const int n = 1024, k = 3;
  const Design d = sobol_design(axes_on(k, -M_PI, M_PI), n);
  Eigen::VectorXd y(d.points.rows());
  for (Eigen::Index r = 0; r < y.size(); ++r)
    y(r) = ishigami(d.points(r, 0), d.points(r, 1), d.points(r, 2));
  const auto s = sobol_indices_with_intervals(y, n, k);
  const double first[] = {0.3139, 0.4424, 0.0}, total[] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < k; ++i) {
    const SobolIndex& x = s[static_cast<std::size_t>(i)];
    EXPECT_LE(x.first_lo, first[i]) << "axis " << i;
    EXPECT_GE(x.first_hi, first[i]) << "axis " << i;
    EXPECT_LE(x.total_lo, total[i]) << "axis " << i;
    EXPECT_GE(x.total_hi, total[i]) << "axis " << i;
    // not covering by being uninformative: every interval at 1,024 base points is narrow
    EXPECT_LT(x.first_hi - x.first_lo, 0.25) << "axis " << i;
    EXPECT_LT(x.total_hi - x.total_lo, 0.25) << "axis " << i;
    EXPECT_GT(x.first_hi - x.first_lo, 0.0) << "axis " << i;
    std::cout << "axis " << i << ": S " << x.first_order << " [" << x.first_lo << ", " << x.first_hi
              << "], ST " << x.total << " [" << x.total_lo << ", " << x.total_hi << "]\n";
  }
  EXPECT_TRUE(sobol_warnings("ishigami", {"x1", "x2", "x3"}, s, n).empty());
}

TEST(SobolIntervals, LinearModelIntervalsCoverTheTruthAtAboutTheirLevel) {
  // y = x1 + 2 x2 + 3 x3 on [0, 1]³: S_i = ST_i = a_i² / Σ a_j² = 1/14, 4/14, 9/14.
  const int n = 256, k = 3, repeats = 40;
  const double truth[] = {1.0 / 14, 4.0 / 14, 9.0 / 14};
  int covered_first = 0, covered_total = 0;
  for (int rep = 0; rep < repeats; ++rep) {
    const Eigen::MatrixXd x = random_saltelli(n, k, 100 + static_cast<std::uint32_t>(rep));
    const Eigen::VectorXd y = x.col(0) + 2 * x.col(1) + 3 * x.col(2);
    BootstrapOptions o;
    o.seed = static_cast<std::uint32_t>(rep);
    const auto s = sobol_indices_with_intervals(y, n, k, o);
    for (int i = 0; i < k; ++i) {
      const SobolIndex& e = s[static_cast<std::size_t>(i)];
      covered_first += e.first_lo <= truth[i] && truth[i] <= e.first_hi;
      covered_total += e.total_lo <= truth[i] && truth[i] <= e.total_hi;
    }
  }
  std::cout << "covered: first-order " << covered_first << ", total " << covered_total
            << " of 120\n";
  // 95% intervals over 120 (repeat, axis) pairs: about 114 expected; 102 is 3 sd below.
  EXPECT_GE(covered_first, 102) << "first-order coverage " << covered_first << " of 120";
  EXPECT_GE(covered_total, 102) << "total coverage " << covered_total << " of 120";
  EXPECT_LE(covered_first, 120);
}

TEST(SobolIntervals, SameSeedSameIntervalsOtherSeedOthers) {
  const int n = 128, k = 3;
  const Eigen::MatrixXd x = random_saltelli(n, k, 7);
  const Eigen::VectorXd y = x.col(0) + 2 * x.col(1).array().square().matrix() + x.col(2);
  BootstrapOptions o;
  o.seed = 5;
  const auto a = sobol_indices_with_intervals(y, n, k, o);
  const auto b = sobol_indices_with_intervals(y, n, k, o);
  o.seed = 6;
  const auto c = sobol_indices_with_intervals(y, n, k, o);
  const auto plain = sobol_indices(y, n, k);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a[i].first_lo, b[i].first_lo);
    EXPECT_EQ(a[i].total_hi, b[i].total_hi);
    EXPECT_NE(a[i].first_lo, c[i].first_lo);
    EXPECT_EQ(a[i].first_order, plain[i].first_order);  // the estimates are not resampled
    EXPECT_EQ(a[i].total, plain[i].total);
  }
}

TEST(SobolIntervals, WarnsOnIndicesOutsideTheUnitIntervalAndOnTooFewBasePoints) {
  const int n = 200, k = 2;
  const Eigen::MatrixXd x = random_saltelli(n, k, 11);
  Eigen::VectorXd y = x.col(0) + x.col(1);
  // AB_1 anticorrelated with B: S_1 = mean(f_B (f_AB1 − f_A)) / V is about −3, far below 0.
  const double mean_b = y.segment(n, n).mean();
  for (int j = 0; j < n; ++j) y(2 * n + j) = y(j) - 3 * (y(n + j) - mean_b);
  const auto s = sobol_indices_with_intervals(y, n, k);
  ASSERT_LT(s[0].first_hi, 0.0);
  const auto w = sobol_warnings("m", {"a.key", "b.key"}, s, n);
  ASSERT_FALSE(w.empty());
  EXPECT_NE(w[0].find("m: first-order index of a.key is -"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("outside [0, 1] beyond its interval"), std::string::npos) << w[0];

  // 16 base points: warned whatever the indices
  const Eigen::MatrixXd few = random_saltelli(16, k, 12);
  const Eigen::VectorXd yf = few.col(0) + few.col(1);
  const auto wf =
      sobol_warnings("m", {"a.key", "b.key"}, sobol_indices_with_intervals(yf, 16, k), 16);
  ASSERT_FALSE(wf.empty());
  EXPECT_NE(wf[0].find("only 16 base points"), std::string::npos) << wf[0];
}

TEST(SobolIntervals, PureNoiseGivesWideIntervalsAndAWarning) {
  // An output unrelated to the axes (simulation noise alone): every total index is near 1 for
  // every axis, which alone looks plausible; the intervals' width is what gives it away.
  const int n = 64, k = 3;
  const Rng rng(3, 0);
  Eigen::VectorXd y(n * (k + 2));
  for (Eigen::Index r = 0; r < y.size(); ++r)
    y(r) = rng.uniforms(static_cast<std::uint32_t>(r), 0, 0, Stream::kSweep)[0];
  const auto s = sobol_indices_with_intervals(y, n, k);
  const auto w = sobol_warnings("noise", {"a", "b", "c"}, s, n);
  EXPECT_FALSE(w.empty());
}

}  // namespace
}  // namespace povsim
