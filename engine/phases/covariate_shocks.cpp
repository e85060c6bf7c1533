#include "phases/covariate_shocks.hpp"

#include <cmath>

namespace povsim {

void covariate_shocks(const MonthContext& month, const std::vector<RegionMonth>& regions,
                      const Rng& rng, std::vector<RegionShockState>& state) {
  const auto offset = static_cast<std::uint32_t>(month.offset);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const ShockParams& p = regions[r].params->shocks;
    RegionShockState& s = state[r];
    if (month.date.month == 1 || month.offset == 0) {
      // Prices are drawn per calendar year: the counter is the year, not the month.
      const auto u = rng.uniforms(0, regions[r].region_id,
                                  static_cast<std::uint32_t>(month.date.year), Stream::kPrice);
      s.price_multiplier = at_year(p.price_level, month.date.year) *
                           lognormal_unit_mean(Rng::normals(u[0], u[1])[0],
                                               std::sqrt(std::expm1(p.price_sd * p.price_sd)));
      s.disasters = 0;
    }
    const auto u = rng.uniforms(0, regions[r].region_id, offset, Stream::kDisaster, 1);
    if (!s.disaster_active(month.offset) &&
        u[0] < monthly_probability(p.disaster.annual_probability)) {
      s.disaster_start = month.offset;
      s.disaster_until = month.offset + p.disaster.duration_months - 1;
      ++s.disasters;
    }
  }
}

}  // namespace povsim
