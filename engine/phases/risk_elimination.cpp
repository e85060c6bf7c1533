#include "phases/risk_elimination.hpp"

#include <algorithm>
#include <span>

namespace povsim {

MonitoringTally eliminate_risk(Households& hh, std::size_t region_begin,
                               std::span<const std::uint32_t> monitored, const MonthContext& month,
                               const RegionMonth& region, const Rng& rng) {
  const MonitoringParams& p = region.params->monitoring;
  const double line = region.monitoring_line;
  const auto gain =
      static_cast<int>(p.motivation.incentives ? p.motivation.monthly_gain * 255.0 + 0.5 : 0);
  MonitoringTally t;
  for (std::uint32_t i : monitored) {
    std::uint16_t& f = hh.mon_flags[i];
    if (f & mon_flag::kInsecure) {
      const auto u = rng.uniforms(i - static_cast<std::uint32_t>(region_begin), region.region_id,
                                  static_cast<std::uint32_t>(month.offset), Stream::kMonitoring, 1);
      if (u[0] < p.guarantee_fix_rate) f &= static_cast<std::uint16_t>(~mon_flag::kInsecure);
    }
    if (gain > 0)
      hh.motivation[i] = static_cast<std::uint8_t>(std::min(255, hh.motivation[i] + gain));
    if (at_risk(hh, i, line, month.offset, p)) {
      hh.months_above[i] = 0;
      continue;
    }
    if (hh.months_above[i] < 255) ++hh.months_above[i];
    if (hh.months_above[i] >= p.risk_elimination_months && !(f & mon_flag::kInsecure)) {
      hh.category[i] = Category::kNone;
      hh.months_above[i] = 0;
      hh.risk_since[i] = kNever;
      f |= mon_flag::kWasEliminated;
      t.eliminated += 1;
      t.eliminated_people += hh.size[i];
    }
  }
  return t;
}

}  // namespace povsim
