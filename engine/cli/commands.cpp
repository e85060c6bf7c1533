#include "cli/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "calibrate/calibration.hpp"
#include "cli/progress.hpp"
#include "core/diagnostics.hpp"
#include "output/compare.hpp"
#include "output/file_names.hpp"
#include "output/manifest.hpp"
#include "output/output_dir.hpp"
#include "output/report.hpp"
#include "output/tables.hpp"
#include "parallel/communicator.hpp"
#include "phases/metrics.hpp"
#include "scenario/paired_load.hpp"
#include "scenario/params_schema.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/schema_table.hpp"
#include "sim/runner.hpp"
#include "sweep/sweep_runner.hpp"
#include "sweep/sweep_spec.hpp"

namespace povsim {

std::vector<std::string> RunFlags::scenario_overrides() const {
  std::vector<std::string> all = set;
  if (seed >= 0) all.push_back("seed=" + std::to_string(seed));
  return all;
}

std::vector<std::string> RunFlags::overrides() const {
  std::vector<std::string> all = scenario_overrides();
  if (replications > 0) all.push_back("replications=" + std::to_string(replications));
  return all;
}

namespace {

/// Warnings of a loaded scenario on stderr (once, by rank 0 under MPI).
void print_warnings(const LoadedScenario& loaded, const RunFlags& flags) {
  if (flags.comm != nullptr && !flags.comm->root()) return;
  for (const auto& w : loaded.warnings) std::fprintf(stderr, "%s\n", w.c_str());
}

RunResult run_with_progress(const Params& params, const RunFlags& flags, const std::string& label,
                            const std::string& scenario_sha256 = {}) {
  const bool root = flags.comm == nullptr || flags.comm->root();
  std::optional<Progress> progress;
  if (root) progress.emplace(label);
  RunSettings settings;
  settings.threads = flags.threads;
  settings.progress = [&](std::uint64_t done, std::uint64_t total) {
    if (progress) progress->update(done, total);
  };
  settings.comm = flags.comm;
  settings.checkpoint_dir = flags.checkpoint;
  settings.checkpoint_every = flags.checkpoint_every;
  settings.restart_dir = flags.restart;
  settings.stop_at_month = flags.stop_at_month;
  settings.scenario_sha256 = scenario_sha256;
  return run_scenario(params, settings);
}

/// annual.csv, summary.csv and manifest.json of one run, under `prefix` in the output directory.
void write_run_outputs(const OutputDir& out, const std::string& prefix,
                       const LoadedScenario& loaded, const RunResult& run, const RunFlags& flags,
                       const std::string& command_line) {
  out.write(prefix + "annual.csv", annual_csv(loaded.params, run));
  out.write(prefix + "summary.csv", summary_csv(loaded.params, run));
  out.write(prefix + "funds.csv", funds_csv(loaded.params, run));
  ManifestInputs mi;
  mi.scenario = &loaded;
  mi.run = &run;
  mi.threads =
      flags.threads > 0 ? flags.threads : static_cast<int>(std::thread::hardware_concurrency());
  mi.ranks = flags.comm != nullptr ? flags.comm->size() : 1;
  mi.scale = flags.scale;
  mi.command_line = command_line;
  mi.overrides = flags.set;
  out.write(prefix + "manifest.json", manifest_json(mi));
}

}  // namespace

int run_command(const std::string& scenario, const RunFlags& flags,
                const std::string& command_line) {
  const LoadedScenario loaded =
      load_scenario(scenario, {flags.overrides(), flags.scale, flags.strict});
  print_warnings(loaded, flags);
  const Params& params = loaded.params;
  const std::string out_path =
      flags.out.empty()
          ? "outputs/" + safe_file_name(std::filesystem::path(scenario).stem().string())
          : flags.out;
  if (!flags.restart.empty() && !std::filesystem::is_directory(flags.restart))
    throw InputError("povsim: error: --restart " + flags.restart +
                     ": no such directory (of checkpoints)\n");
  if (!flags.checkpoint.empty() && std::filesystem::exists(flags.checkpoint) &&
      !std::filesystem::is_directory(flags.checkpoint))
    throw InputError("povsim: error: --checkpoint " + flags.checkpoint +
                     ": expected a directory (povsim writes one checkpoint file per replication "
                     "into it), found a file; name a new or existing directory\n");
  // Under MPI every rank simulates its regions; rank 0 alone has the results and writes them.
  if (flags.comm != nullptr && !flags.comm->root()) {
    run_with_progress(params, flags, {}, loaded.resolved_sha256);
    return 0;
  }
  // Checked and claimed before simulating: a refused --out costs nothing.
  OutputDir out(out_path, {"run", {scenario, flags.checkpoint, flags.restart}});
  const RunResult run =
      run_with_progress(params, flags, "povsim run " + params.name, loaded.resolved_sha256);
  if (run.stopped) {
    std::printf("povsim: %s stopped after %d of %d months; state in %s — continue with --restart\n",
                params.name.c_str(), flags.stop_at_month, params.months(),
                flags.checkpoint.c_str());
    return 0;
  }
  write_run_outputs(out, "", loaded, run, flags, command_line);
  out.write("report.html", report_html(out.file(""), ReportLang::zh));
  out.commit();

  std::int64_t households = 0;
  for (const auto& r : params.regions) households += r.households;
  std::printf("povsim: %s — %lld households × %d months × %d replications in %.2f s\n",
              params.name.c_str(), static_cast<long long>(households), params.months(),
              params.replications, run.wall_seconds);
  std::printf("%s", headline_table(params, run).c_str());
  std::printf("results: %s/{annual.csv,summary.csv,funds.csv,manifest.json,report.html}\n",
              out.target().c_str());
  return 0;
}

int compare_command(const std::vector<std::string>& scenarios, const RunFlags& flags,
                    const std::string& command_line) {
  // Common random numbers: every scenario runs with the first one's seed and replications, so
  // replication k of each meets the same luck.
  std::vector<PairedInput> inputs;
  for (const auto& file : scenarios) inputs.push_back({file, {}});
  const std::vector<LoadedScenario> loaded =
      load_paired(inputs, {flags.overrides(), flags.scale, flags.strict});
  const Params& first = loaded.front().params;
  for (const auto& l : loaded) print_warnings(l, flags);

  // Output folders named after the scenarios, through the one sanitising function (names are
  // data, never paths), made distinct from each other and from the files beside them.
  std::vector<std::string> raw_names;
  for (const auto& l : loaded) raw_names.push_back(l.params.name);
  const std::vector<std::string> names =
      distinct_file_names(raw_names, {"compare.csv", "cost.csv", "report.html", kOutputMarker});
  const std::string out_path =
      flags.out.empty() ? "outputs/" + safe_file_name("compare-" + names[0] + "-vs-" + names[1])
                        : flags.out;
  OutputDir out(out_path, {"compare", {scenarios.begin(), scenarios.end()}});

  std::vector<RunResult> runs;
  for (std::size_t s = 0; s < loaded.size(); ++s)
    runs.push_back(run_with_progress(loaded[s].params, flags,
                                     "povsim compare " + names[s] + " (" + std::to_string(s + 1) +
                                         "/" + std::to_string(loaded.size()) + ")"));
  std::vector<NamedRun> named;
  for (std::size_t s = 0; s < loaded.size(); ++s) {
    write_run_outputs(out, names[s] + "/", loaded[s], runs[s], flags, command_line);
    named.push_back({names[s], &loaded[s].params, &runs[s]});
  }
  out.write("compare.csv", compare_csv(named));
  out.write("cost.csv", cost_csv(named));
  out.write("report.html", report_html(out.file(""), ReportLang::zh));
  out.commit();

  std::printf("povsim compare: %zu scenarios, seed %lld, %d replications each (paired)\n",
              loaded.size(), static_cast<long long>(first.seed), first.replications);
  std::printf("%s", compare_table(named).c_str());
  std::printf("results: %s/{compare.csv,cost.csv,report.html,<scenario>/...}\n",
              out.target().c_str());
  return 0;
}

int sweep_command(const std::string& sweep_file, const RunFlags& flags, bool resume, int stop_after,
                  const std::string& command_line) {
  return sweep_shard_command(sweep_file, flags, resume, stop_after, "", command_line);
}

int merge_command(const std::vector<std::string>& shard_dirs, const std::string& out, int threads,
                  const std::string& command_line) {
  MergeSettings settings;
  settings.out = out;
  settings.threads = threads;
  settings.command_line = command_line;
  std::vector<std::filesystem::path> dirs(shard_dirs.begin(), shard_dirs.end());
  const SweepOutcome o = merge_sweep_shards(dirs, settings);
  for (const auto& w : o.warnings) std::fprintf(stderr, "%s", w.c_str());
  std::printf("povsim merge: %zu shards, %zu points\nresults: %s/{points.csv,results.csv,...}\n",
              dirs.size(), o.points, out.c_str());
  return 0;
}

int sweep_shard_command(const std::string& sweep_file, const RunFlags& flags, bool resume,
                        int stop_after, const std::string& shard, const std::string& command_line) {
  SweepSettings settings;
  if (!shard.empty()) parse_shard(shard, settings.shard, settings.shards);
  const std::vector<std::string> overrides = flags.scenario_overrides();
  SweepSpec spec = load_sweep(sweep_file, overrides, flags.scale);
  if (flags.replications > 0) spec.replications = flags.replications;
  // The base scenario's warnings, as run prints them; under --strict an error before any point.
  print_warnings(load_scenario(spec.base, {overrides, flags.scale, flags.strict}), flags);
  settings.out = flags.out.empty() ? "outputs/" + safe_file_name("sweep-" + spec.name) : flags.out;
  settings.overrides = overrides;
  settings.scale = flags.scale;
  settings.threads = flags.threads;
  settings.resume = resume;
  settings.stop_after = stop_after;
  settings.command_line = command_line;
  Progress progress("povsim sweep " + spec.name, "points");
  settings.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  // Ctrl-C: finish the points in flight (they are kept), start no more.
  std::signal(SIGINT, [](int) { request_sweep_stop(); });
  const SweepOutcome o = run_sweep(spec, sweep_file, settings);
  std::signal(SIGINT, SIG_DFL);
  progress.finish();  // end the progress line before the summary goes to the same terminal
  if (o.complete && settings.shards > 1) {
    std::printf("povsim sweep %s: shard %d/%d (%zu run now, %zu resumed) of %zu points\n",
                spec.name.c_str(), settings.shard + 1, settings.shards, o.run_now, o.resumed,
                o.points);
    std::printf("results: %s/{shard.json,point-*.csv} — join all shards with povsim merge\n",
                settings.out.string().c_str());
    return 0;
  }
  if (o.complete) {
    for (const auto& w : o.warnings) std::fprintf(stderr, "%s", w.c_str());
    std::printf("povsim sweep %s: %zu points (%zu run now, %zu resumed) × %d replications\n",
                spec.name.c_str(), o.points, o.run_now, o.resumed, spec.replications);
    std::printf("results: %s/{points.csv,results.csv,%smanifest.json,report.html}\n",
                settings.out.string().c_str(),
                spec.method == SweepMethod::kSobol ? "sobol.csv," : "");
    return 0;
  }
  std::fprintf(
      stderr,
      "povsim sweep %s: %s after %zu of %zu points; finished points are kept in %s.partial/ "
      "— run again with --resume\n",
      spec.name.c_str(), o.interrupted ? "interrupted" : "stopped", o.resumed + o.run_now, o.points,
      settings.out.string().c_str());
  return o.interrupted ? 1 : 0;
}

int calibrate_command(const std::string& file, const RunFlags& flags,
                      const std::string& command_line) {
  const std::vector<std::string> overrides = flags.scenario_overrides();
  CalibrationSpec spec = load_calibration(file, overrides, flags.scale);
  if (flags.replications > 0) spec.replications = flags.replications;
  // The base scenario's warnings, as run prints them; under --strict an error before fitting.
  print_warnings(load_scenario(spec.base, {overrides, flags.scale, flags.strict}), flags);
  CalibrationSettings settings;
  settings.out =
      flags.out.empty() ? "outputs/" + safe_file_name("calibrate-" + spec.name) : flags.out;
  settings.overrides = overrides;
  settings.scale = flags.scale;
  settings.threads = flags.threads;
  settings.command_line = command_line;
  const auto start = std::chrono::steady_clock::now();
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  settings.progress = [&](std::size_t n) {
    if (!tty) return;
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\rpovsim calibrate %s: %zu model evaluations, %.0f s", spec.name.c_str(),
                 n, s);
  };
  const CalibrationOutcome o = run_calibration(spec, file, settings);
  if (tty) std::fputc('\n', stderr);
  const Eigen::VectorXd se = o.best.standard_errors();
  std::printf(
      "povsim calibrate %s: objective %.6g after %d iterations (start %d of %d), %zu evaluations\n",
      spec.name.c_str(), o.best.objective, o.best.iterations, o.best_start + 1, spec.starts,
      o.evaluations);
  for (std::size_t j = 0; j < spec.parameters.size(); ++j)
    std::printf("  %-50s %12.6g  ± %.3g\n", spec.parameters[j].key.c_str(),
                o.best.theta(static_cast<Eigen::Index>(j)), se(static_cast<Eigen::Index>(j)));
  std::printf("results: %s/{parameters.csv,fit.csv,trace.csv,calibrated.yaml,manifest.json}\n",
              settings.out.string().c_str());
  return 0;
}

int validate_command(const std::string& scenario, const RunFlags& flags) {
  const LoadedScenario loaded =
      load_scenario(scenario, {flags.overrides(), flags.scale, flags.strict});
  print_warnings(loaded, flags);
  std::int64_t households = 0;
  for (const auto& r : loaded.params.regions) households += r.households;
  std::printf(
      "%s: ok — scenario \"%s\", %zu regions, %lld households, %d months, %zu policy epochs\n",
      scenario.c_str(), loaded.params.name.c_str(), loaded.params.regions.size(),
      static_cast<long long>(households), loaded.params.months(), loaded.params.epoch_start.size());
  return 0;
}

std::string schema_markdown(const std::string& scenario) {
  const LoadedScenario loaded = load_scenario(scenario);
  RegionParams values = loaded.params.region(0, 0);
  SchemaTable table;
  describe(table, values);
  return SchemaTable::markdown(table.rows());
}

std::string metrics_markdown() {
  std::string out = "| metric | unit | definition |\n|---|---|---|\n";
  for (const auto& m : metric_table())
    out += "| `" + std::string(m.name) + "` | " + std::string(m.unit) + " | " +
           std::string(m.definition) + " |\n";
  return out;
}

int report_command(const std::string& dir, const std::string& lang) {
  const std::filesystem::path path(dir);
  write_report(path, parse_report_lang(lang));
  std::printf("report: %s\n", (path / "report.html").c_str());
  return 0;
}

int metrics_command() {
  std::printf("%s", metrics_markdown().c_str());
  return 0;
}

int schema_command(bool markdown, const std::string& scenario, bool with_values) {
  if (markdown) {
    std::printf("%s", schema_markdown(scenario).c_str());
    return 0;
  }
  RegionParams values;
  if (with_values) values = load_scenario(scenario).params.region(0, 0);
  SchemaTable table;
  describe(table, values);
  for (const auto& row : table.rows()) {
    std::printf("%s\t%s\t%s\t%s", row.path.c_str(), row.type.c_str(), row.unit.c_str(),
                row.range.c_str());
    if (with_values) std::printf("\t%s", row.value.c_str());
    std::printf("\n");
  }
  return 0;
}

}  // namespace povsim
