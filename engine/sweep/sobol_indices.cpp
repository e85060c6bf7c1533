#include "sweep/sobol_indices.hpp"

namespace povsim {

std::vector<SobolIndex> sobol_indices(const Eigen::VectorXd& y, int n, int k) {
  const Eigen::VectorXd fa = y.segment(0, n);
  const Eigen::VectorXd fb = y.segment(n, n);
  Eigen::VectorXd both(2 * n);
  both << fa, fb;
  const double mean = both.mean();
  const double variance = (both.array() - mean).square().sum() / (2.0 * n - 1.0);
  std::vector<SobolIndex> out(static_cast<std::size_t>(k));
  if (variance <= 0) return out;
  for (int i = 0; i < k; ++i) {
    const Eigen::VectorXd fab = y.segment((2 + i) * n, n);
    out[static_cast<std::size_t>(i)].first_order =
        (fb.array() * (fab - fa).array()).mean() / variance;
    out[static_cast<std::size_t>(i)].total = (fa - fab).array().square().mean() / (2.0 * variance);
  }
  return out;
}

}  // namespace povsim
