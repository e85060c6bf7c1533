#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

#include "model/households.hpp"
#include "phases/assistance.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// 临时救助 paid in a year (for the metrics).
struct TemporaryAssistanceTally {
  double households = 0;
  double yuan = 0;
  void add(const TemporaryAssistanceTally& o) {
    households += o.households;
    yuan += o.yuan;
  }
};

/// 临时救助 (part of phase 8): a household not on 低保 that suffered a loss this month (a cause
/// recorded this month: illness, accident, disaster, job loss, business or livestock, enterprise
/// failure) and whose 12-month per-capita income is now under the 低保 standard is paid, once,
/// `months_covered` months of its gap (at most `max_payment`), from the social-assistance (兜底)
/// account of the ledger while it has money, in household order. 低保 reaches such a household
/// only at the next review; this bridges the gap until then. `candidates` (ascending rows) holds
/// at least every household with a loss recorded this month: the household pass lists them
/// (HouseholdBlock::losses), so this phase does not sweep the region.
TemporaryAssistanceTally temporary_assistance(Households& hh,
                                              std::span<const std::uint32_t> candidates,
                                              const MonthContext& month, const RegionMonth& region,
                                              Budgets& budgets);

}  // namespace povsim
