#include "calibrate/levenberg_marquardt.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace povsim {

BatchResidualFunction serial_batch(const ResidualFunction& f) {
  return [f](const std::vector<Eigen::VectorXd>& thetas) {
    std::vector<Eigen::VectorXd> out;
    for (const auto& t : thetas) out.push_back(f(t));
    return out;
  };
}

Eigen::VectorXd LmResult::standard_errors() const {
  if (jacobian.cols() != theta.size() || jacobian.rows() == 0)  // no Jacobian (evaluation only)
    return Eigen::VectorXd::Constant(theta.size(), std::numeric_limits<double>::quiet_NaN());
  const Eigen::MatrixXd jtj = jacobian.transpose() * jacobian;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(jtj);
  if (!lu.isInvertible())
    return Eigen::VectorXd::Constant(theta.size(), std::numeric_limits<double>::quiet_NaN());
  return lu.inverse().diagonal().cwiseSqrt();
}

Eigen::MatrixXd LmResult::covariance() const {
  if (jacobian.cols() != theta.size() || jacobian.rows() == 0) return {};
  const Eigen::MatrixXd jtj = jacobian.transpose() * jacobian;
  Eigen::FullPivLU<Eigen::MatrixXd> lu(jtj);
  if (!lu.isInvertible()) return {};
  return lu.inverse();
}

namespace {

Eigen::VectorXd clip(Eigen::VectorXd t, const Eigen::VectorXd& lo, const Eigen::VectorXd& hi) {
  return t.cwiseMax(lo).cwiseMin(hi);
}

/// Forward differences; a parameter at its upper bound steps down instead.
Eigen::MatrixXd jacobian_at(const BatchResidualFunction& batch, const Eigen::VectorXd& theta,
                            const Eigen::VectorXd& r0, const Eigen::VectorXd& lower,
                            const Eigen::VectorXd& upper, double relative_step) {
  const auto k = theta.size();
  std::vector<Eigen::VectorXd> probes;
  std::vector<double> steps;
  for (Eigen::Index j = 0; j < k; ++j) {
    double h = relative_step * (upper(j) - lower(j));
    if (h == 0) h = relative_step * std::max(1.0, std::abs(theta(j)));
    if (theta(j) + h > upper(j)) h = -h;
    Eigen::VectorXd t = theta;
    t(j) += h;
    probes.push_back(t);
    steps.push_back(h);
  }
  const auto r = batch(probes);
  Eigen::MatrixXd jac(r0.size(), k);
  for (Eigen::Index j = 0; j < k; ++j)
    jac.col(j) = (r[static_cast<std::size_t>(j)] - r0) / steps[static_cast<std::size_t>(j)];
  return jac;
}

}  // namespace

LmResult levenberg_marquardt(const BatchResidualFunction& batch, Eigen::VectorXd theta,
                             const Eigen::VectorXd& lower, const Eigen::VectorXd& upper,
                             const LmOptions& options) {
  LmResult out;
  theta = clip(theta, lower, upper);
  Eigen::VectorXd r = batch({theta}).front();
  double objective = r.squaredNorm();
  double lambda = options.initial_lambda;
  out.trace.push_back({0, objective, lambda, theta});
  Eigen::MatrixXd jac = jacobian_at(batch, theta, r, lower, upper, options.relative_step);
  for (int it = 1; it <= options.max_iterations; ++it) {
    out.iterations = it;
    const Eigen::MatrixXd jtj = jac.transpose() * jac;
    const Eigen::VectorXd g = jac.transpose() * r;
    bool improved = false;
    // Raise the damping until a step lowers the objective (or the steps vanish).
    while (lambda < 1e12) {
      Eigen::MatrixXd a = jtj;
      a.diagonal() += lambda * jtj.diagonal().cwiseMax(1e-12);
      const Eigen::VectorXd step = a.ldlt().solve(-g);
      const Eigen::VectorXd candidate = clip(theta + step, lower, upper);
      if ((candidate - theta).norm() <= 1e-14 * (1.0 + theta.norm())) break;
      const Eigen::VectorXd rc = batch({candidate}).front();
      const double oc = rc.squaredNorm();
      if (oc < objective) {
        const double drop = (objective - oc) / std::max(objective, 1e-300);
        theta = candidate;
        r = rc;
        objective = oc;
        lambda = std::max(lambda / 10.0, 1e-12);
        improved = true;
        out.trace.push_back({it, objective, lambda, theta});
        if (drop < options.tolerance) out.converged = true;
        break;
      }
      lambda *= 10.0;
    }
    if (!improved || out.converged || objective < 1e-30) {
      out.converged = true;
      break;
    }
    jac = jacobian_at(batch, theta, r, lower, upper, options.relative_step);
  }
  out.theta = theta;
  out.residuals = r;
  out.objective = objective;
  out.jacobian = jacobian_at(batch, theta, r, lower, upper, options.relative_step);
  return out;
}

}  // namespace povsim
