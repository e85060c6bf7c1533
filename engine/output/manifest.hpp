#pragma once
#include <string>

#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"

namespace povsim {

struct ManifestInputs {
  const LoadedScenario* scenario = nullptr;
  const RunResult* run = nullptr;
  int threads = 0;
  int ranks = 1;  // MPI ranks (each with `threads` threads)
  double scale = 1.0;
  std::string command_line;
};

/// manifest.json: what was run (engine, commit, scenario hash, every resolved parameter) and
/// what it cost (wall seconds, peak RSS, seconds per phase).
std::string manifest_json(const ManifestInputs& in);

/// Every resolved region parameter of every policy epoch as {epoch: {region: {key: value}}}.
std::string resolved_parameters_json(const Params& params);

}  // namespace povsim
