#include "phases/transfers.hpp"

#include <algorithm>

namespace povsim {

std::size_t dibao_assessment(Households& hh, std::size_t region_begin, std::size_t begin,
                             std::size_t end, const RegionMonth& region, const Rng& rng) {
  const DibaoParams& p = region.params->transfers.dibao;
  std::size_t enrolled = 0;
  for (std::size_t i = begin; i < end; ++i) {
    std::uint8_t& flags = hh.flags[i];
    if (!p.enabled) {
      flags &= static_cast<std::uint8_t>(~hh_flag::kDibao);
      hh.dibao_monthly[i] = 0;
      continue;
    }
    const double income = expected_per_capita_income(hh, i, region);
    const double gap = region.dibao_standard - income;
    if (flags & hh_flag::kDibao) {
      if (income > region.dibao_standard * (1.0 + p.exit_margin)) {
        flags &= static_cast<std::uint8_t>(~hh_flag::kDibao);
        hh.dibao_monthly[i] = 0;
      } else {
        hh.dibao_monthly[i] = static_cast<float>(std::max(0.0, gap) * hh.size[i] / 12.0);
      }
    } else if (gap > 0) {
      // Take-up is a trait of the household (it applies, and is approved, or not), so coverage
      // stays at `take_up` instead of creeping to 1 with repeated assessments.
      const auto u = rng.uniforms(static_cast<std::uint32_t>(i - region_begin), region.region_id,
                                  kSetupMonth, Stream::kDibao);
      if (u[0] < p.take_up) {
        flags |= hh_flag::kDibao;
        hh.dibao_monthly[i] = static_cast<float>(gap * hh.size[i] / 12.0);
      }
    }
    if (flags & hh_flag::kDibao) ++enrolled;
  }
  return enrolled;
}

void seed_income_record(Households& hh, std::size_t begin, std::size_t end,
                        const RegionMonth& region) {
  for (std::size_t i = begin; i < end; ++i) {
    const double monthly =
        expected_per_capita_income(hh, i, region) / 12.0 +
        ((hh.flags[i] & hh_flag::kDibao) ? hh.dibao_monthly[i] / hh.size[i] : 0.0);
    hh.fill_income_record(i, monthly);
  }
}

}  // namespace povsim
