#include "core/normal_table.hpp"

#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace povsim {

namespace {
/// Standard normal cell boundaries b_k = Φ⁻¹(k / cells); the infinite ends are replaced by
/// extrapolating through the outermost cell centres, keeping the table symmetric. Computed once
/// (1,024 inverse-erf evaluations) and shared: every region's tables start from them.
const std::array<double, QuantileTable::kCells + 1>& normal_bounds() {
  static const std::array<double, QuantileTable::kCells + 1> bounds = [] {
    constexpr int n = QuantileTable::kCells;
    const boost::math::normal_distribution<double> normal;
    std::array<double, n + 1> bound{};
    for (int k = 1; k < n; ++k)
      bound[k] = boost::math::quantile(normal, k / static_cast<double>(n));
    bound[0] = 2.0 * boost::math::quantile(normal, 0.5 / n) - bound[1];
    bound[n] = -bound[0];
    return bound;
  }();
  return bounds;
}
}  // namespace

QuantileTable QuantileTable::normal() {
  const auto& bound = normal_bounds();
  QuantileTable t;
  for (int k = 0; k < kCells; ++k)
    t.cells_[k] = {static_cast<float>(bound[k]), static_cast<float>(bound[k + 1] - bound[k])};
  return t;
}

QuantileTable QuantileTable::lognormal_unit_mean(double sigma) {
  const auto& bound = normal_bounds();
  std::array<double, kCells + 1> value{};
  double mean = 0;  // of the piecewise-linear distribution, so the factor averages exactly 1
  for (int k = 0; k <= kCells; ++k) value[k] = std::exp(sigma * bound[k] - 0.5 * sigma * sigma);
  for (int k = 0; k < kCells; ++k) mean += 0.5 * (value[k] + value[k + 1]) / kCells;
  QuantileTable t;
  for (int k = 0; k < kCells; ++k)
    t.cells_[k] = {static_cast<float>(value[k] / mean),
                   static_cast<float>((value[k + 1] - value[k]) / mean)};
  return t;
}

double QuantileTable::mean() const {
  double sum = 0;
  for (const Cell& c : cells_) sum += static_cast<double>(c.base) + 0.5 * c.slope;
  return sum / kCells;
}

const QuantileTable& LognormalTables::get(double sigma) {
  auto& slot = tables_[sigma];
  if (!slot) slot = std::make_unique<QuantileTable>(QuantileTable::lognormal_unit_mean(sigma));
  return *slot;
}

}  // namespace povsim
