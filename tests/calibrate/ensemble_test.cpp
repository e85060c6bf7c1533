// Laplace-approximation draws (the full covariance, the bounds, reproducibility) and the law of
// total variance of VarianceParts.
#include "calibrate/ensemble.hpp"

#include <gtest/gtest.h>

namespace povsim {
namespace {

Eigen::MatrixXd correlated(double sd0, double sd1, double rho) {
  Eigen::MatrixXd s(2, 2);
  s << sd0 * sd0, rho * sd0 * sd1, rho * sd0 * sd1, sd1 * sd1;
  return s;
}

TEST(DrawEnsemble, DrawsCarryTheFullCovarianceNotOnlyItsDiagonal) {
  const Eigen::Vector2d theta(10000, 0.1);
  const Eigen::Vector2d lo(0, -10), hi(20000, 10);  // far away: no truncation
  const auto e = draw_ensemble(theta, correlated(400, 0.02, -0.8), lo, hi, 4000, 7);
  EXPECT_EQ(e.rejected, 0u);
  const Eigen::RowVector2d mean = e.draws.colwise().mean();
  const Eigen::MatrixXd c = e.draws.rowwise() - mean;
  const Eigen::MatrixXd cov = c.transpose() * c / 3999.0;
  const double rho = cov(0, 1) / std::sqrt(cov(0, 0) * cov(1, 1));
  EXPECT_NEAR(mean(0), 10000, 3 * 400 / std::sqrt(4000.0));
  EXPECT_NEAR(std::sqrt(cov(0, 0)), 400, 20);
  EXPECT_NEAR(std::sqrt(cov(1, 1)), 0.02, 0.001);
  EXPECT_NEAR(rho, -0.8, 0.03);
  // Uncorrelated Σ, same draws' normals: no correlation (the test above is not the generator's).
  const auto u = draw_ensemble(theta, correlated(400, 0.02, 0.0), lo, hi, 4000, 7);
  const Eigen::MatrixXd cu = u.draws.rowwise() - u.draws.colwise().mean();
  const Eigen::MatrixXd covu = cu.transpose() * cu / 3999.0;
  EXPECT_LT(std::abs(covu(0, 1) / std::sqrt(covu(0, 0) * covu(1, 1))), 0.05);
}

TEST(DrawEnsemble, RejectsOutsideTheBoundsAndDrawDIsTheSameForAnyN) {
  const Eigen::Vector2d theta(0.0, 0.0);
  const Eigen::Vector2d lo(0.0, -1.0), hi(1.0, 1.0);  // θ̂ on the lower bound of the first
  const auto e = draw_ensemble(theta, correlated(0.3, 0.3, 0.5), lo, hi, 200, 3);
  EXPECT_GT(e.rejected, 50u);  // about half the attempts fall below 0
  EXPECT_EQ(e.clipped, 0u);
  for (Eigen::Index d = 0; d < e.draws.rows(); ++d) {
    EXPECT_GE(e.draws(d, 0), 0.0);
    EXPECT_LE(e.draws(d, 0), 1.0);
    EXPECT_GE(e.draws(d, 1), -1.0);
    EXPECT_LE(e.draws(d, 1), 1.0);
  }
  const auto few = draw_ensemble(theta, correlated(0.3, 0.3, 0.5), lo, hi, 5, 3);
  EXPECT_EQ(few.draws, e.draws.topRows(5));
  const auto other_seed = draw_ensemble(theta, correlated(0.3, 0.3, 0.5), lo, hi, 5, 4);
  EXPECT_NE(other_seed.draws, few.draws);
}

// A box far narrower than the spread: no attempt lands inside, so each draw ends clipped to the
// bounds after max_attempts and is counted, never left outside.
TEST(DrawEnsemble, ADrawThatNeverLandsInsideIsClippedAndCounted) {
  const Eigen::Vector2d theta(0.5, 0.5);
  const Eigen::Vector2d lo(0.5, 0.5), hi(0.5 + 1e-9, 0.5 + 1e-9);
  const auto e = draw_ensemble(theta, correlated(1.0, 1.0, 0.0), lo, hi, 4, 11, 20);
  EXPECT_EQ(e.clipped, 4u);
  EXPECT_EQ(e.rejected, 4u * 20u);
  for (Eigen::Index d = 0; d < e.draws.rows(); ++d)
    for (Eigen::Index k = 0; k < 2; ++k) {
      EXPECT_GE(e.draws(d, k), lo(k));
      EXPECT_LE(e.draws(d, k), hi(k));
    }
}

TEST(VarianceParts, SplitsTheTotalVarianceIntoItsTwoParts) {
  VarianceParts p;
  p.add(0, {1.0, 3.0});  // mean 2, variance 2
  p.add(0, {5.0, 9.0});  // mean 7, variance 8
  const auto r = p.parts(0);
  EXPECT_EQ(r.draws, 2u);
  EXPECT_EQ(r.replications, 2u);
  EXPECT_DOUBLE_EQ(r.mean, 4.5);
  EXPECT_DOUBLE_EQ(r.stochastic, 5.0);  // (2 + 8) / 2
  EXPECT_DOUBLE_EQ(r.parameter, 12.5);  // sample variance of 2 and 7
  EXPECT_DOUBLE_EQ(r.total, 17.5);
  EXPECT_DOUBLE_EQ(r.high - r.mean, 1.96 * std::sqrt(17.5));
  // Equal draws: a parameter part of exactly 0, whatever the rounding of the mean.
  VarianceParts same;
  for (int d = 0; d < 3; ++d) same.add(0, {0.1, 0.7, 0.3});
  EXPECT_EQ(same.parts(0).parameter, 0.0);
  EXPECT_GT(same.parts(0).stochastic, 0.0);
}

}  // namespace
}  // namespace povsim
