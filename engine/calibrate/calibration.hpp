#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "calibrate/levenberg_marquardt.hpp"
#include "output/fingerprint.hpp"

namespace povsim {

struct CalibrationParameter {
  std::string key;  // a region-level scenario key path (applied to every region)
  double min = 0, max = 0, start = 0;
};

struct CalibrationTarget {
  std::string metric;
  int year = 0;
  std::string region;
  double observed = 0;
  double sd = 0;  // its uncertainty; the band is observed ± 2 sd
  double weight = 1;
  bool fit = true;  // false: held out, reported but not fitted
  std::string source;
  // What the published figure counts (formerly_poor, monitored, rural_residents,
  // model_population; empty when the file does not say) and when it was observed ("2024-09"):
  // shown beside the model's value so that a mismatch of population or date is visible.
  std::string population;
  std::string observed_at;
};

/// A calibration file (schema povsim-calibration/1), validated.
struct CalibrationSpec {
  std::string name;
  std::filesystem::path base;
  int replications = 0;
  int starts = 1;  // the given start plus starts − 1 Latin-hypercube starts
  std::int64_t seed = 0;
  int max_iterations = 0;
  double finite_difference_step = 0;  // share of each parameter's range
  int ensemble_draws = 20;            // rows of ensemble.csv (0: none), from N(θ̂, (JᵀWJ)⁻¹)
  std::vector<CalibrationParameter> parameters;
  std::vector<CalibrationTarget> targets;
};

CalibrationSpec load_calibration(const std::filesystem::path& file,
                                 const std::vector<std::string>& overrides, double scale);

struct CalibrationSettings {
  std::filesystem::path out;
  std::vector<std::string> overrides;
  double scale = 1.0;
  int threads = 0;
  std::function<void(std::size_t evaluations)> progress;
  std::string command_line;
};

struct CalibrationOutcome {
  LmResult best;
  int best_start = 0;
  std::size_t evaluations = 0;
};

/// What decides a calibration's numbers: the engine, the base scenario (resolved), the
/// parameters, targets and method of `spec`, the seed, replications, scale and overrides.
Fingerprint calibration_fingerprint(const CalibrationSpec& spec,
                                    const std::vector<std::string>& overrides, double scale);

/// Method of simulated moments on common random numbers (every evaluation runs the base
/// scenario's seed and replications, so the objective is smooth in the parameters):
/// Levenberg–Marquardt from each start, Jacobian evaluations in parallel. Writes parameters.csv,
/// fit.csv, trace.csv, calibrated.yaml (extends the base), ensemble.csv (when there is a
/// covariance and ensemble_draws > 0) and manifest.json to `out` atomically.
CalibrationOutcome run_calibration(const CalibrationSpec& spec, const std::filesystem::path& file,
                                   const CalibrationSettings& settings);

}  // namespace povsim
