#pragma once
#include "core/rng.hpp"
#include "model/households.hpp"
#include "scenario/params.hpp"

namespace povsim {

/// Draws the synthetic population of every region from its profile (epoch 0 parameters).
/// Each household's draws are keyed by (region id, household index), so the result does not
/// depend on threads, and a region keeps its households when other regions change.
Households synthesize_population(const Params& params, const Rng& rng);

}  // namespace povsim
