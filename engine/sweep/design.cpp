#include "sweep/design.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/rng.hpp"

namespace povsim {

Eigen::MatrixXd scale_to_axes(const Eigen::MatrixXd& unit, const std::vector<Axis>& axes) {
  Eigen::MatrixXd out(unit.rows(), unit.cols());
  for (Eigen::Index j = 0; j < unit.cols(); ++j) {
    const Axis& a = axes[static_cast<std::size_t>(j)];
    for (Eigen::Index r = 0; r < unit.rows(); ++r) {
      double x = a.min + unit(r, j) * (a.max - a.min);
      if (a.integer) x = std::clamp(std::round(x), std::ceil(a.min), std::floor(a.max));
      out(r, j) = x;
    }
  }
  return out;
}

Design grid_design(const std::vector<Axis>& axes) {
  std::size_t n = 1;
  for (const auto& a : axes) n *= a.values.size();
  Design d;
  d.points.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(axes.size()));
  for (std::size_t p = 0; p < n; ++p) {
    std::size_t rest = p;
    for (std::size_t j = axes.size(); j-- > 0;) {
      const auto& v = axes[j].values;
      d.points(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(j)) = v[rest % v.size()];
      rest /= v.size();
    }
    d.origin.push_back({'P', -1, static_cast<int>(p)});
  }
  return d;
}

Design lhs_design(const std::vector<Axis>& axes, int n, std::uint32_t seed) {
  const Rng rng(seed, 0);
  Eigen::MatrixXd unit(n, static_cast<Eigen::Index>(axes.size()));
  for (std::size_t j = 0; j < axes.size(); ++j) {
    // A random permutation of the strata (sort by a keyed random word: deterministic).
    std::vector<std::pair<std::uint32_t, int>> keyed(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
      keyed[static_cast<std::size_t>(i)] = {
          rng.words(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), 0,
                    Stream::kSweep)[0],
          i};
    std::sort(keyed.begin(), keyed.end());
    for (int i = 0; i < n; ++i) {
      const double u = rng.uniforms(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j), 1,
                                    Stream::kSweep)[0];
      unit(i, static_cast<Eigen::Index>(j)) = (keyed[static_cast<std::size_t>(i)].second + u) / n;
    }
  }
  Design d;
  d.points = scale_to_axes(unit, axes);
  for (int i = 0; i < n; ++i) d.origin.push_back({'P', -1, i});
  return d;
}

Design sobol_design(const std::vector<Axis>& axes, int n) {
  const auto k = static_cast<Eigen::Index>(axes.size());
  boost::random::sobol engine(static_cast<std::size_t>(2 * k));
  engine.discard(static_cast<std::uintmax_t>(2 * k));  // skip the all-zero first point
  Eigen::MatrixXd a(n, k), b(n, k);
  const double scale = 1.0 / (static_cast<double>(engine.max()) + 1.0);
  for (int r = 0; r < n; ++r) {
    for (Eigen::Index j = 0; j < k; ++j) a(r, j) = static_cast<double>(engine()) * scale;
    for (Eigen::Index j = 0; j < k; ++j) b(r, j) = static_cast<double>(engine()) * scale;
  }
  Eigen::MatrixXd unit(n * (k + 2), k);
  unit.topRows(n) = a;
  unit.middleRows(n, n) = b;
  Design d;
  for (int r = 0; r < n; ++r) d.origin.push_back({'A', -1, r});
  for (int r = 0; r < n; ++r) d.origin.push_back({'B', -1, r});
  for (Eigen::Index i = 0; i < k; ++i) {
    Eigen::MatrixXd ab = a;
    ab.col(i) = b.col(i);
    unit.middleRows((2 + i) * n, n) = ab;
    for (int r = 0; r < n; ++r) d.origin.push_back({'C', static_cast<int>(i), r});
  }
  d.points = scale_to_axes(unit, axes);
  d.base_points = n;
  return d;
}

}  // namespace povsim
