#pragma once
#include <Eigen/Dense>
#include <functional>
#include <vector>

namespace povsim {

/// Residuals r(θ) of a least-squares problem (already scaled by their uncertainty and weight).
using ResidualFunction = std::function<Eigen::VectorXd(const Eigen::VectorXd&)>;
/// Evaluates several parameter vectors at once (e.g. in parallel); results in the same order.
using BatchResidualFunction =
    std::function<std::vector<Eigen::VectorXd>(const std::vector<Eigen::VectorXd>&)>;

struct LmOptions {
  int max_iterations = 50;
  double relative_step = 1e-3;  // finite-difference step, as a share of each bound's width
  double tolerance = 1e-8;      // stop when the objective falls by less than this (relative)
  double initial_lambda = 1e-3;
};

struct LmIteration {
  int iteration = 0;
  double objective = 0;  // Σ r²
  double lambda = 0;
  Eigen::VectorXd theta;
};

struct LmResult {
  Eigen::VectorXd theta;
  Eigen::VectorXd residuals;
  Eigen::MatrixXd jacobian;  // at theta
  double objective = 0;
  int iterations = 0;
  bool converged = false;
  std::vector<LmIteration> trace;
  /// Approximate standard errors from (JᵀJ)⁻¹ (residuals scaled by their sd), NaN if singular.
  Eigen::VectorXd standard_errors() const;
  /// The full (JᵀJ)⁻¹ of which standard_errors() are the diagonal's roots; empty when there is no
  /// Jacobian or JᵀJ is singular.
  Eigen::MatrixXd covariance() const;
};

/// Levenberg–Marquardt within box bounds (steps are clipped to them) on a forward-difference
/// Jacobian whose k extra evaluations go to `batch` together (so they can run in parallel).
LmResult levenberg_marquardt(const BatchResidualFunction& batch, Eigen::VectorXd theta,
                             const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                             const LmOptions& options = {});

/// Convenience for a serial residual function.
BatchResidualFunction serial_batch(const ResidualFunction& f);

}  // namespace povsim
