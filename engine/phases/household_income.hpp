#pragma once
#include <cstddef>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// What one block of households earned, spent and suffered this month (yuan, counts).
struct IncomeTotals {
  double wage_local = 0;
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
  void add(const IncomeTotals& o);
};

/// Phases 5–6 fused into one pass over households [begin, end) of one region (labour market
/// transitions of migrant workers, income by source with growth and noise, idiosyncratic shocks,
/// pensions and 低保 payments, and the income record). One pass keeps memory traffic to a single
/// sweep over the columns; the draws are keyed per household so the split into blocks is free.
IncomeTotals household_income(Households& hh, std::size_t region_begin, std::size_t begin,
                              std::size_t end, const MonthContext& month, const RegionMonth& region,
                              const RegionShockState& shocks, const Rng& rng);

}  // namespace povsim
