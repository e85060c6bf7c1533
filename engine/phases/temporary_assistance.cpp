#include "phases/temporary_assistance.hpp"

#include <algorithm>

namespace povsim {

TemporaryAssistanceTally temporary_assistance(Households& hh,
                                              std::span<const std::uint32_t> candidates,
                                              const MonthContext& month, const RegionMonth& region,
                                              Budgets& budgets) {
  TemporaryAssistanceTally t;
  const TemporaryAssistanceParams& p = region.params->transfers.temporary_assistance;
  if (!p.enabled) return t;
  const auto now = static_cast<std::int16_t>(month.offset);
  const double standard = region.dibao_standard;
  for (const std::uint32_t i : candidates) {
    // A shock leaves its month in cause_month.
    if (hh.cause_month[i] != now) continue;
    if (hh.flags[i] & hh_flag::kDibao) continue;
    const double gap = standard - hh.rolling_per_capita(i);
    if (gap <= 0) continue;
    const double yuan = std::min(p.max_payment, gap * hh.size[i] * p.months_covered / 12.0);
    if (yuan < 0.01 || !budgets.spend(Programme::kSocialAssistance, yuan)) continue;
    // The ledger moved whole fen; the household receives exactly that.
    credit_income(hh, i, month, static_cast<double>(to_fen(yuan)) / 100.0);
    t.households += 1;
    t.yuan += static_cast<double>(to_fen(yuan)) / 100.0;
  }
  return t;
}

}  // namespace povsim
