#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "output/fingerprint.hpp"
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
  // --shard i/N (1 <= i <= N; here shard = i - 1): run only the points p with p % N == shard
  // (keeping their global numbers, so their rows equal the unsharded sweep's) and write them, with
  // shard.json, to `out` for povsim merge.
  int shard = 0;
  int shards = 1;
};

struct SweepOutcome {
  std::size_t points = 0;
  std::size_t run_now = 0;            // points run by this call
  std::size_t resumed = 0;            // points found finished from an earlier call
  bool complete = false;              // all points done and the outputs written
  bool interrupted = false;           // stopped by SIGINT
  std::vector<std::string> warnings;  // on the Sobol indices (sobol_warnings), one per line
};

/// Runs a sweep. Each finished point is kept at once (written, synced, checked, renamed) in
/// OUT.partial/, so an interrupted sweep loses only the points in flight and `resume` skips the
/// finished ones (after checking the fingerprint: the same sweep, or exit 2); without `resume`
/// finished points are never discarded (exit 2). When
/// every point is done, points.csv, results.csv, sobol.csv (method sobol) and manifest.json are
/// written to OUT atomically and OUT.partial/ is removed. A resumed sweep writes the same bytes
/// (but for timings in the manifest) as an uninterrupted one.
SweepOutcome run_sweep(const SweepSpec& spec, const std::filesystem::path& sweep_file,
                       const SweepSettings& settings);

/// Parses a --shard value "i/N" (1 <= i <= N) into 0-based `shard` and `shards`; throws InputError
/// with a clear message otherwise.
void parse_shard(const std::string& text, int& shard, int& shards);

struct MergeSettings {
  std::filesystem::path out;
  int threads = 0;  // recorded in the manifest, as an unsharded sweep records its own
  std::string command_line;
};

/// Joins the outputs of `povsim sweep --shard i/N` (one directory per shard, all N of them) into
/// what the unsharded sweep writes: the same points.csv, results.csv, sobol.csv and report.html
/// byte for byte; in manifest.json only command_line, threads, resumed_points and
/// wall_seconds_this_call can differ. Throws InputError naming missing or mismatched shards.
SweepOutcome merge_sweep_shards(const std::vector<std::filesystem::path>& shard_dirs,
                                const MergeSettings& settings);

/// What decides a sweep's numbers: the engine, the base scenario (resolved), the method, axes,
/// design and indices of `spec`, the seed (after overrides), replications, scale and overrides.
Fingerprint sweep_fingerprint(const SweepSpec& spec, const std::vector<std::string>& overrides,
                              double scale);

/// The scenario overrides of point p: `overrides` (--set, --seed), the sweep's replications, then
/// each axis's value at p — what every point of run_sweep (and the Python interface) loads.
std::vector<std::string> sweep_point_overrides(const SweepSpec& spec, const Design& design,
                                               std::size_t p,
                                               const std::vector<std::string>& overrides);

/// Asks a running sweep to stop after the points in flight (called from a SIGINT handler).
void request_sweep_stop();

}  // namespace povsim
