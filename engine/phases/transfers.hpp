#pragma once
#include <cstddef>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// Per-capita income a household can expect over a year from its current capacities, pensions
/// and subsidies (not 低保 itself): the figure 低保 assessment and monitoring look at.
double expected_per_capita_income(const Households& hh, std::size_t i, const RegionMonth& region);

/// 低保/特困 assessment (part of phase 6), run every `assessment_interval_months`: eligible
/// households (expected income under the standard) that take up (a share `take_up`) receive
/// the gap; enrolled households above standard × (1 + exit_margin) leave. Returns enrolled count.
std::size_t dibao_assessment(Households& hh, std::size_t region_begin, std::size_t begin,
                             std::size_t end, const RegionMonth& region, const Rng& rng);

/// Fills the 12-month income record with the year before the period (expected income with
/// pensions and 低保 as assessed at the start), so monitoring begins from a full year.
void seed_income_record(Households& hh, std::size_t begin, std::size_t end,
                        const RegionMonth& region);

}  // namespace povsim
