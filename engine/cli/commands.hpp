#pragma once
#include <string>
#include <vector>

namespace povsim {

class Communicator;

/// Flags shared by every command that runs simulations.
struct RunFlags {
  std::string out;
  int threads = 0;
  long long seed = -1;
  int replications = 0;
  double scale = 1.0;
  std::vector<std::string> set;
  /// run and compare: a parameter ensemble (ensemble.csv), each draw run as --set would apply it.
  std::string parameters;
  bool strict = false;  // warnings about implausible input are errors
  /// run only: checkpoints (sim/checkpoint.hpp) and the MPI ranks of the run.
  std::string checkpoint;
  int checkpoint_every = 0;
  int stop_at_month = 0;
  std::string restart;
  const Communicator* comm = nullptr;
  /// --set and --seed as scenario overrides (what sweep and calibrate apply to every run).
  std::vector<std::string> scenario_overrides() const;
  /// The same plus --replications (run, compare, validate).
  std::vector<std::string> overrides() const;
};

int run_command(const std::string& scenario, const RunFlags& flags,
                const std::string& command_line);
/// Paired runs on common random numbers; differences of every scenario against the first.
int compare_command(const std::vector<std::string>& scenarios, const RunFlags& flags,
                    const std::string& command_line);
/// Parameter sweeps (grid, Latin hypercube, Sobol with Saltelli indices), resumable.
int sweep_command(const std::string& sweep_file, const RunFlags& flags, bool resume, int stop_after,
                  const std::string& command_line);
/// One shard i/N of a sweep (--shard), written for merge_command.
int sweep_shard_command(const std::string& sweep_file, const RunFlags& flags, bool resume,
                        int stop_after, const std::string& shard, const std::string& command_line);
/// Joins the outputs of all N shards of a sweep into what the unsharded sweep writes.
int merge_command(const std::vector<std::string>& shard_dirs, const std::string& out, int threads,
                  const std::string& command_line);
/// Method of simulated moments: fits parameters to targets (Levenberg–Marquardt, multi-start).
int calibrate_command(const std::string& file, const RunFlags& flags,
                      const std::string& command_line);
int validate_command(const std::string& scenario, const RunFlags& flags);
/// The key list (tab-separated; with `with_values`, a fifth column of `scenario`'s first region's
/// values) or, with `markdown`, the table of docs/parameters.md.
int schema_command(bool markdown, const std::string& scenario, bool with_values);
int metrics_command();
/// (Re)writes DIR/report.html from the results in DIR (a run or a compare).
int report_command(const std::string& dir, const std::string& lang);

/// The parameter table of docs/parameters.md, with the values of `scenario`'s first region.
std::string schema_markdown(const std::string& scenario);
/// The metric table of docs/outputs.md.
std::string metrics_markdown();

}  // namespace povsim
