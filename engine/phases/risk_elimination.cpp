#include "phases/risk_elimination.hpp"

#include <algorithm>
#include <span>

namespace povsim {

MonitoringTally eliminate_risk(Households& hh, std::size_t region_begin,
                               std::span<const std::uint32_t> monitored, const MonthContext& month,
                               const RegionMonth& region, const Rng& rng) {
  const MonitoringParams& p = region.params->monitoring;
  const RiskLines lines = risk_lines(region);
  const auto gain =
      static_cast<int>(p.motivation.incentives ? p.motivation.monthly_gain * 255.0 + 0.5 : 0);
  const SurveyBand& band = region.survey;
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
    const RiskReading risk = read_risk(hh, i, lines, month.offset, p, band);
    if (risk.surveyed) {
      // The category is re-read at each review: a new shock makes the household 突发; a 突发
      // household whose shock has passed but whose income stays under the line is read again
      // as 脱贫不稳定户 or 边缘易致贫户.
      if (risk.sudden)
        hh.category[i] = Category::kSudden;
      else if (hh.category[i] == Category::kSudden)
        hh.category[i] =
            (hh.flags[i] & hh_flag::kLifted) ? Category::kUnstable : Category::kMarginal;
      hh.months_above[i] = 0;
      continue;
    }
    if (hh.months_above[i] < 255) ++hh.months_above[i];
    const int required =
        hh.category[i] == Category::kSudden ? p.sudden.clearance_months : p.risk_elimination_months;
    if (hh.months_above[i] >= required && !(f & mon_flag::kInsecure)) {
      t.eliminated_by_category[static_cast<int>(hh.category[i])] += 1;
      if (hh.category[i] == Category::kSudden && hh.risk_since[i] != kNever &&
          month.offset - hh.risk_since[i] < 12)
        t.sudden_cleared_first_year += 1;
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
