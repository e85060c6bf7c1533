#pragma once
#include <vector>

#include "core/rng.hpp"
#include "model/households.hpp"
#include "model/population.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// The state of the year before the period (docs/model.md, "The 2020 starting state"), built once
/// after synthesis and the enterprise links, in place of a flat copy of expected income:
///  - the 12-month income record is a simulated year with the monthly pass's own transitory noise,
///    migrant job spells (from the stationary employment share), illnesses, accidents, business
///    and livestock losses, medical bills after insurance and schooling costs, plus pensions,
///    subsidies, enterprise links and 低保 as assessed at the start; the migrant state at the
///    period's start is that year's last;
///  - the household's own sources (wages, operating, property) are scaled, per status, so that
///    the persons-weighted mean of that record, transfers included, equals the profile's
///    `per_capita_income_2020_lifted` (× `general_to_lifted_income_ratio` for general households);
///  - a lifted household whose record falls under the poverty line of the year before the period
///    redraws its income sources (draw_income_units, attempts 1, 2, …) until it does not: lifted
///    households are drawn conditional on having exited.
/// Every draw is keyed by household, so the result does not depend on threads.
void settle_start_income(Households& hh, const Params& params,
                         const std::vector<RegionMonth>& regions, const IncomeScales& scales,
                         const Rng& rng);

}  // namespace povsim
