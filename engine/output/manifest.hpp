#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "output/fingerprint.hpp"

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
  /// The --set KEY=VALUE arguments as given, for the report's header (the command line alone
  /// would have to be parsed again to find them).
  std::vector<std::string> overrides;
};

/// The fields every manifest (run, sweep, calibration) opens with: engine, engine_version,
/// model_version, git_commit and command_line, in that order.
nlohmann::ordered_json manifest_head(const std::string& command_line);

/// manifest.json: what was run (engine, commit, scenario hash, every resolved parameter) and
/// what it cost (wall seconds, peak RSS, seconds per phase).
std::string manifest_json(const ManifestInputs& in);

/// The fingerprint components a sweep and a calibration open with: the engine and the base
/// scenario as its file (and what it extends) resolves, before --set and --scale (the base with
/// them when it does not load without them).
Fingerprint open_fingerprint(const std::filesystem::path& base, const LoadedScenario& with);

/// The components they close with: the seed of the runs, replications, scale and overrides.
void close_fingerprint(Fingerprint& f, std::int64_t seed, int replications, double scale,
                       const std::vector<std::string>& overrides);

/// Every resolved region parameter of every policy epoch as {epoch: {region: {key: value}}}.
std::string resolved_parameters_json(const Params& params);

}  // namespace povsim
