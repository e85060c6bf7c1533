#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/scenario_loader.hpp"

namespace povsim {

/// One scenario of a paired comparison: its file and the overrides of its own (applied after
/// the common ones, e.g. the levers a planner changed in `povsim serve`).
struct PairedInput {
  std::filesystem::path file;
  std::vector<std::string> overrides;
};

/// Loads the scenarios of a paired comparison on common random numbers: the first with
/// `common.overrides` then its own; every other one also gets the first one's seed and
/// replications last, so replication k of each meets the same luck. Every scenario must have
/// the first one's period (InputError otherwise). What `povsim compare`, `povsim serve` and the
/// Python module's compare() share.
std::vector<LoadedScenario> load_paired(const std::vector<PairedInput>& inputs,
                                        const LoadOptions& common);

}  // namespace povsim
