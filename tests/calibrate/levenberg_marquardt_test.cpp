#include "calibrate/levenberg_marquardt.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace povsim {
namespace {

TEST(LevenbergMarquardt, RosenbrockFromTheClassicStart) {
  // Rosenbrock as least squares: r = (10 (y − x²), 1 − x); minimum 0 at (1, 1).
  const auto f = [](const Eigen::VectorXd& t) {
    Eigen::VectorXd r(2);
    r << 10 * (t(1) - t(0) * t(0)), 1 - t(0);
    return r;
  };
  Eigen::VectorXd start(2), lo(2), hi(2);
  start << -1.2, 1.0;
  lo << -5, -5;
  hi << 5, 5;
  LmOptions o;
  o.max_iterations = 200;
  o.relative_step = 1e-7;
  o.tolerance = 1e-14;
  const LmResult r = levenberg_marquardt(serial_batch(f), start, lo, hi, o);
  EXPECT_NEAR(r.theta(0), 1.0, 1e-4);
  EXPECT_NEAR(r.theta(1), 1.0, 1e-4);
  EXPECT_LT(r.objective, 1e-8);
  EXPECT_GT(r.trace.size(), 2u);
  for (std::size_t k = 1; k < r.trace.size(); ++k)
    EXPECT_LT(r.trace[k].objective, r.trace[k - 1].objective);  // accepted steps only go down
}

TEST(LevenbergMarquardt, LinearModelGivesLeastSquaresAndStandardErrors) {
  // y = a + b x observed with sd 0.5: residuals (a + b x_i − y_i) / 0.5.
  const std::vector<double> x{0, 1, 2, 3, 4}, y{1.1, 2.9, 5.2, 6.8, 9.1};
  const auto f = [&](const Eigen::VectorXd& t) {
    Eigen::VectorXd r(5);
    for (int i = 0; i < 5; ++i) r(i) = (t(0) + t(1) * x[i] - y[i]) / 0.5;
    return r;
  };
  Eigen::VectorXd start = Eigen::VectorXd::Zero(2), lo(2), hi(2);
  lo << -10, -10;
  hi << 10, 10;
  const LmResult r = levenberg_marquardt(serial_batch(f), start, lo, hi);
  EXPECT_NEAR(r.theta(0), 1.04, 1e-3);  // ordinary least squares: ȳ − b x̄ = 5.02 − 1.99 × 2
  EXPECT_NEAR(r.theta(1), 1.99, 1e-3);
  const Eigen::VectorXd se = r.standard_errors();
  EXPECT_NEAR(se(1), 0.5 / std::sqrt(10.0), 1e-3);  // sd / sqrt(Σ (x − x̄)²)
}

TEST(LevenbergMarquardt, StaysWithinBounds) {
  const auto f = [](const Eigen::VectorXd& t) {
    Eigen::VectorXd r(1);
    r << t(0) - 3.0;  // unconstrained optimum at 3
    return r;
  };
  Eigen::VectorXd start(1), lo(1), hi(1);
  start << 0;
  lo << -1;
  hi << 2;
  const LmResult r = levenberg_marquardt(serial_batch(f), start, lo, hi);
  EXPECT_NEAR(r.theta(0), 2.0, 1e-9);
}

}  // namespace
}  // namespace povsim
