#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
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
  /// The processes of the run (nullptr: this one alone). Under MPI each rank simulates a block of
  /// regions (partition_regions) and rank 0 receives the whole run's results; the other ranks'
  /// RunResult holds no values. Replications then run one after another.
  const Communicator* comm = nullptr;
  /// Checkpoints: every `checkpoint_every` months (and when a replication ends) each replication
  /// saves its state in `checkpoint_dir` (sim/checkpoint.hpp); 0 = never.
  std::filesystem::path checkpoint_dir;
  int checkpoint_every = 0;
  /// Resume each replication from its checkpoint in this directory (those without one start
  /// from the beginning).
  std::filesystem::path restart_dir;
  /// Stop every replication once it has simulated this many months of the period (after saving
  /// its checkpoint), to be continued with restart_dir; 0 = run to the end.
  int stop_at_month = 0;
  /// What checkpoints are checked against: LoadedScenario::resolved_sha256.
  std::string scenario_sha256;
};

struct RunResult {
  std::vector<ReplicationResult> replications;  // in replication order
  bool stopped = false;  // stop_at_month came first: results incomplete, state in checkpoints
  double wall_seconds = 0;
  PhaseTimer timer;  // summed over replications
};

/// Bytes a run of `params` needs with `concurrent` replications side by side (results of every
/// replication, the populations in memory at once): checked against the memory available before
/// a run starts.
std::uint64_t estimate_run_bytes(const Params& params, std::size_t concurrent);

/// Runs every replication of the scenario. Replications run side by side when there is room;
/// each one's numbers depend only on (seed, replication), never on scheduling.
RunResult run_scenario(const Params& params, const RunSettings& settings);

}  // namespace povsim
