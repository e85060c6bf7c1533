#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "scenario/params.hpp"
#include "sim/simulation.hpp"

namespace povsim {

struct RunSettings {
  int threads = 0;  // 0 = all cores
  /// Already inside a parallel region that set the thread limit (e.g. a sweep's points).
  bool nested = false;
  /// Called from worker threads with (household-months done, household-months total).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

struct RunResult {
  std::vector<ReplicationResult> replications;  // in replication order
  double wall_seconds = 0;
  PhaseTimer timer;  // summed over replications
};

/// Runs every replication of the scenario. Replications run side by side when there is room;
/// each one's numbers depend only on (seed, replication), never on scheduling.
RunResult run_scenario(const Params& params, const RunSettings& settings);

}  // namespace povsim
