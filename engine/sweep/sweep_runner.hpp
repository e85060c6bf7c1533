#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sweep/sweep_spec.hpp"

namespace povsim {

struct SweepSettings {
  std::filesystem::path out;
  std::vector<std::string> overrides;  // --set, applied to every point
  double scale = 1.0;
  int threads = 0;
  bool resume = false;
  int stop_after = 0;  // run at most this many new points, then stop (0 = all)
  std::function<void(std::size_t done, std::size_t total)> progress;
  std::string command_line;
};

struct SweepOutcome {
  std::size_t points = 0;
  std::size_t run_now = 0;   // points run by this call
  std::size_t resumed = 0;   // points found finished from an earlier call
  bool complete = false;     // all points done and the outputs written
  bool interrupted = false;  // stopped by SIGINT
};

/// Runs a sweep. Each finished point is kept at once (atomically) in OUT.partial/, so an
/// interrupted sweep loses only the points in flight and `resume` skips the finished ones; when
/// every point is done, points.csv, results.csv, sobol.csv (method sobol) and manifest.json are
/// written to OUT atomically and OUT.partial/ is removed. A resumed sweep writes the same bytes
/// (but for timings in the manifest) as an uninterrupted one.
SweepOutcome run_sweep(const SweepSpec& spec, const std::filesystem::path& sweep_file,
                       const SweepSettings& settings);

/// Asks a running sweep to stop after the points in flight (called from a SIGINT handler).
void request_sweep_stop();

}  // namespace povsim
