#pragma once
#include <cstddef>
#include <vector>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/monitoring.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// What one block of households earned, spent and suffered this month (yuan, counts).
struct IncomeTotals {
  double wage_local = 0;
  double wage_public = 0;  // 公益性岗位
  double wage_migrant = 0;
  double operating = 0;
  double property = 0;
  double subsidy = 0;
  double pension = 0;
  double dibao = 0;
  double medical_out_of_pocket = 0;
  double schooling = 0;
  double illness_events = 0;
  double accident_events = 0;
  double business_failures = 0;
  double livestock_losses = 0;
  double disaster_hit_months = 0;
  double disabilities = 0;
  double expense_shocks = 0;
  // Parts of the sources above that came through enterprise links.
  double link_wage = 0;      // in wage_local
  double link_contract = 0;  // in operating: the contract premium
  double link_coop = 0;      // in operating: cooperative membership
  double link_property = 0;  // in property: land rent and dividends
  void add(const IncomeTotals& o);
};

/// Cost left to the household after basic and critical-illness insurance (the first two layers).
double after_insurance(double cost, const MedicalInsuranceParams& m);

/// Cost left after insurance that medical assistance (third layer) would cover, if its budget
/// allows; settled per region in household order after the pass.
struct MedicalClaim {
  std::uint32_t household = 0;
  float amount = 0;  // yuan
};

struct HouseholdBlock {
  IncomeTotals totals;
  std::vector<MedicalClaim> claims;
  /// Phase 7 run on each household monitored or at risk after this month's income: the
  /// households monitored now, their standing offers, and what screening found.
  MonitoringBlock screened;
  /// Lifted households that found migrant work this month while the transport subsidy ran.
  std::vector<std::uint32_t> movers;
  /// Households with a loss recorded this month (cause_month), for 临时救助.
  std::vector<std::uint32_t> losses;
  void add(const HouseholdBlock& o) {
    totals.add(o.totals);
    claims.insert(claims.end(), o.claims.begin(), o.claims.end());
    screened.add(o.screened);
    movers.insert(movers.end(), o.movers.begin(), o.movers.end());
    losses.insert(losses.end(), o.losses.begin(), o.losses.end());
  }
};

/// Phases 5–7 fused into one pass over households [begin, end) of one region (labour market
/// transitions of migrant workers, income by source with growth and noise, idiosyncratic shocks,
/// pensions and 低保 payments, the income record, then screening of the households at risk with
/// this month's `rates`). One pass keeps memory traffic to a single sweep over the columns; the
/// draws are keyed per household so the split into blocks is free.
HouseholdBlock household_income(Households& hh, std::size_t region_begin, std::size_t begin,
                                std::size_t end, const MonthContext& month,
                                const RegionMonth& region, const RegionShockState& shocks,
                                const ScreeningRates& rates, const Rng& rng);

}  // namespace povsim
