#include "phases/survey_error.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>

namespace povsim {

namespace {

/// z at the middle of each of 256 equally likely quantiles, Φ⁻¹((k + ½) / 256): computed once
/// and shared (constants, like the normal tables' cell boundaries).
const std::array<double, 256>& quantile_midpoints() {
  static const std::array<double, 256> z = [] {
    const boost::math::normal_distribution<double> normal;
    std::array<double, 256> out{};
    for (int k = 0; k < 256; ++k) out[k] = boost::math::quantile(normal, (k + 0.5) / 256.0);
    return out;
  }();
  return z;
}

}  // namespace

SurveyBand survey_band(const MeasurementErrorParams& e, double line) {
  SurveyBand b;
  b.exact = e.sd == 0 && e.bias == 0;
  if (b.exact) {
    b.surely_below = b.surely_above = line;
    return b;
  }
  // The factors depend on the error alone, not on the line: every region-month of a run asks for
  // the same few, so the last one computed on this thread is kept (256 exp() per region-month
  // would otherwise cost ~13 million calls over the national run).
  thread_local struct {
    bool valid = false;
    double bias = 0, sd = 0;
    std::array<float, 256> factor{};
  } last;
  if (!last.valid || last.bias != e.bias || last.sd != e.sd) {
    const auto& z = quantile_midpoints();
    for (std::size_t k = 0; k < z.size(); ++k)
      last.factor[k] = static_cast<float>(std::exp(e.bias + e.sd * z[k]));
    last.valid = true;
    last.bias = e.bias;
    last.sd = e.sd;
  }
  b.factor = last.factor;
  // The band is as narrow as the table allows: under line / (largest factor) every quantile reads
  // under the line, over line / (smallest) none does (a relative 1e-9 covers the rounding of the
  // product). Outside it the verdict is the exact one, read without the household's error byte.
  const auto [low, high] = std::minmax_element(b.factor.begin(), b.factor.end());
  b.surely_below = line / static_cast<double>(*high) * (1.0 - 1e-9);
  b.surely_above = line / static_cast<double>(*low) * (1.0 + 1e-9);
  return b;
}

}  // namespace povsim
