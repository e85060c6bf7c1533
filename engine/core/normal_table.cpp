#include "core/normal_table.hpp"

#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace povsim {

namespace {
/// Standard normal cell boundaries b_k = Φ⁻¹(k / cells); the infinite ends are replaced by
/// extrapolating through the outermost cell centres, keeping the table symmetric.
std::array<double, QuantileTable::kCells + 1> normal_bounds() {
  constexpr int n = QuantileTable::kCells;
  const boost::math::normal_distribution<double> normal;
  std::array<double, n + 1> bound{};
  for (int k = 1; k < n; ++k) bound[k] = boost::math::quantile(normal, k / static_cast<double>(n));
  bound[0] = 2.0 * boost::math::quantile(normal, 0.5 / n) - bound[1];
  bound[n] = -bound[0];
  return bound;
}
}  // namespace

QuantileTable QuantileTable::normal() {
  const auto bound = normal_bounds();
  QuantileTable t;
  for (int k = 0; k < kCells; ++k) {
    t.base_[k] = bound[k];
    t.slope_[k] = bound[k + 1] - bound[k];
  }
  return t;
}

QuantileTable QuantileTable::lognormal_unit_mean(double sigma) {
  const auto bound = normal_bounds();
  QuantileTable t;
  for (int k = 0; k < kCells; ++k) {
    const double lo = std::exp(sigma * bound[k] - 0.5 * sigma * sigma);
    const double hi = std::exp(sigma * bound[k + 1] - 0.5 * sigma * sigma);
    t.base_[k] = lo;
    t.slope_[k] = hi - lo;
  }
  const double m = t.mean();
  for (int k = 0; k < kCells; ++k) {
    t.base_[k] /= m;
    t.slope_[k] /= m;
  }
  return t;
}

double QuantileTable::mean() const {
  double sum = 0;
  for (int k = 0; k < kCells; ++k) sum += base_[k] + 0.5 * slope_[k];
  return sum / kCells;
}

const QuantileTable& LognormalTables::get(double sigma) {
  auto& slot = tables_[sigma];
  if (!slot) slot = std::make_unique<QuantileTable>(QuantileTable::lognormal_unit_mean(sigma));
  return *slot;
}

}  // namespace povsim
