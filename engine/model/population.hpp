#pragma once
#include <array>
#include <vector>

#include "core/normal_table.hpp"
#include "core/rng.hpp"
#include "model/households.hpp"
#include "scenario/params.hpp"

namespace povsim {

inline constexpr int kIncomeSources = 5;
using IncomeUnits = std::array<float, kIncomeSources>;
using SourceSpreads = std::array<const QuantileTable*, kIncomeSources>;
/// Per region: yuan per unit of the source draws, [status: 0 lifted, 1 general][source].
using IncomeScales = std::vector<std::array<std::array<float, kIncomeSources>, 2>>;

/// Draws the synthetic population of every region from its profile (epoch 0 parameters).
/// Each household's draws are keyed by (region id, household index), so the result does not
/// depend on threads, and a region keeps its households when other regions change.
/// `scales`, if given, receives each region's yuan per unit of the source draws, by status
/// (0 lifted, 1 general) and source, for redraws made later (start_income.hpp).
Households synthesize_population(const Params& params, const Rng& rng,
                                 IncomeScales* scales = nullptr);

/// The five income sources in column order: wage_local, wage_migrant, operating, property, subsidy.
std::array<const IncomeSourceParams*, kIncomeSources> income_sources(const EconomyParams& eco);

/// Each source's tabulated lognormal spread (mean 1), from `tables`.
SourceSpreads source_spreads(const EconomyParams& eco, LognormalTables& tables);

/// Household i's five sources in unnormalised units (participation × eligible units × spread),
/// from its composition. Attempt 0 is the synthesis draw; attempts 1, 2, … are independent
/// redraws of the same household (the exit-conditioned start, phases/start_income.hpp).
IncomeUnits draw_income_units(const Households& hh, std::size_t i, std::uint32_t local,
                              std::uint32_t region_id, const EconomyParams& eco,
                              const SourceSpreads& spread, std::uint32_t attempt, const Rng& rng);

}  // namespace povsim
