#include "sweep/design.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "sweep/sobol_indices.hpp"

namespace povsim {
namespace {

std::vector<Axis> unit_axes(int k, double lo = 0, double hi = 1) {
  std::vector<Axis> axes(static_cast<std::size_t>(k));
  for (auto& a : axes) {
    a.min = lo;
    a.max = hi;
  }
  return axes;
}

TEST(GridDesign, CartesianProductLastAxisFastest) {
  std::vector<Axis> axes(2);
  axes[0].values = {1, 2};
  axes[1].values = {10, 20, 30};
  const Design d = grid_design(axes);
  ASSERT_EQ(d.points.rows(), 6);
  EXPECT_EQ(d.points(0, 0), 1);
  EXPECT_EQ(d.points(0, 1), 10);
  EXPECT_EQ(d.points(1, 1), 20);
  EXPECT_EQ(d.points(3, 0), 2);
  EXPECT_EQ(d.points(5, 1), 30);
}

TEST(LhsDesign, EveryStratumOfEveryAxisUsedOnce) {
  const int n = 50;
  const Design d = lhs_design(unit_axes(3), n, 7);
  ASSERT_EQ(d.points.rows(), n);
  for (int j = 0; j < 3; ++j) {
    std::set<int> strata;
    for (int i = 0; i < n; ++i) strata.insert(static_cast<int>(d.points(i, j) * n));
    EXPECT_EQ(strata.size(), static_cast<std::size_t>(n));
  }
  EXPECT_EQ(lhs_design(unit_axes(3), n, 7).points, d.points);  // deterministic by seed
  EXPECT_NE(lhs_design(unit_axes(3), n, 8).points, d.points);
}

TEST(SobolDesign, SaltelliBlocks) {
  const int n = 16, k = 3;
  const Design d = sobol_design(unit_axes(k), n);
  ASSERT_EQ(d.points.rows(), n * (k + 2));
  for (int i = 0; i < k; ++i)
    for (int r = 0; r < n; ++r)
      for (int j = 0; j < k; ++j) {
        const double expected = j == i ? d.points(n + r, j) : d.points(r, j);  // AB_i: B's column i
        EXPECT_EQ(d.points((2 + i) * n + r, j), expected);
      }
}

TEST(SobolDesign, IntegerAxesAreRounded) {
  auto axes = unit_axes(1, 1, 12);
  axes[0].integer = true;
  const Design d = sobol_design(axes, 32);
  for (Eigen::Index r = 0; r < d.points.rows(); ++r)
    EXPECT_EQ(d.points(r, 0), std::round(d.points(r, 0)));
}

TEST(SobolIndices, IshigamiFunctionGivesItsAnalyticIndices) {
  // f = sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1 on [-π, π]³ (a = 7, b = 0.1).
  const int n = 1 << 13, k = 3;
  const Design d = sobol_design(unit_axes(k, -M_PI, M_PI), n);
  Eigen::VectorXd y(d.points.rows());
  for (Eigen::Index r = 0; r < y.size(); ++r) {
    const double x1 = d.points(r, 0), x2 = d.points(r, 1), x3 = d.points(r, 2);
    y(r) = std::sin(x1) + 7 * std::pow(std::sin(x2), 2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
  }
  const auto s = sobol_indices(y, n, k);
  EXPECT_NEAR(s[0].first_order, 0.3139, 0.02);
  EXPECT_NEAR(s[1].first_order, 0.4424, 0.02);
  EXPECT_NEAR(s[2].first_order, 0.0, 0.02);
  EXPECT_NEAR(s[0].total, 0.5576, 0.02);
  EXPECT_NEAR(s[1].total, 0.4424, 0.02);
  EXPECT_NEAR(s[2].total, 0.2437, 0.02);
}

}  // namespace
}  // namespace povsim
