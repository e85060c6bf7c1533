#include "phases/starting_caseload.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace povsim {

namespace {

/// The `share` of `rows` with the lowest 12-month income, lowest first (ties by row, so the
/// choice does not depend on the sort's implementation).
void keep_most_at_risk(const Households& hh, std::vector<std::uint32_t>& rows, double share) {
  const auto k = static_cast<std::size_t>(std::llround(share * static_cast<double>(rows.size())));
  const auto lower = [&](std::uint32_t a, std::uint32_t b) {
    return hh.income_sum[a] != hh.income_sum[b] ? hh.income_sum[a] < hh.income_sum[b] : a < b;
  };
  std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(k), rows.end(), lower);
  rows.resize(k);
}

}  // namespace

std::size_t place_starting_caseload(Households& hh, std::size_t begin, std::size_t end,
                                    const RegionMonth& region, const Rng& rng) {
  const MonitoringParams& mon = region.params->monitoring;
  const StartingCaseloadParams& p = mon.starting_caseload;
  if (!mon.enabled || (p.share_of_lifted <= 0 && p.share_of_general <= 0)) return 0;
  std::vector<std::uint32_t> lifted, general;
  for (std::size_t i = begin; i < end; ++i)
    ((hh.flags[i] & hh_flag::kLifted) ? lifted : general).push_back(static_cast<std::uint32_t>(i));
  keep_most_at_risk(hh, lifted, p.share_of_lifted);
  keep_most_at_risk(hh, general, p.share_of_general);
  const int max_above = std::max(0, mon.risk_elimination_months - 1);
  const auto place = [&](std::uint32_t i, Category usual) {
    const auto u = rng.uniforms(i - static_cast<std::uint32_t>(begin), region.region_id,
                                kSetupMonth, Stream::kStartingCaseload);
    hh.category[i] = u[0] < p.sudden_share ? Category::kSudden : usual;
    const int months = std::min(p.max_months, 1 + static_cast<int>(u[1] * p.max_months));
    hh.risk_since[i] = static_cast<std::int16_t>(-1 - months);
    const bool below = hh.rolling_per_capita(i) < region.monitoring_line;
    const int above_cap = std::min(months, max_above);
    hh.months_above[i] = below ? 0
                               : static_cast<std::uint8_t>(
                                     std::min(above_cap, static_cast<int>(u[2] * (above_cap + 1))));
    if (u[3] < p.assisted_share)
      hh.mon_flags[i] |= u[3] < 0.5 * p.assisted_share ? mon_flag::kTrained : mon_flag::kIndustry;
  };
  for (const std::uint32_t i : lifted) place(i, Category::kUnstable);
  for (const std::uint32_t i : general) place(i, Category::kMarginal);
  return lifted.size() + general.size();
}

}  // namespace povsim
