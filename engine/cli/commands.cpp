#include "cli/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "calibrate/calibration.hpp"
#include "calibrate/ensemble.hpp"
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
                       const std::string& command_line,
                       const ParameterEnsemble* ensemble = nullptr) {
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
  if (ensemble == nullptr) {
    out.write(prefix + "manifest.json", manifest_json(mi));
    return;
  }
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(manifest_json(mi));
  j["parameter_ensemble"] = {{"file", ensemble->file.string()},
                             {"sha256", ensemble->sha256},
                             {"draws", ensemble->values.size()},
                             {"keys", ensemble->keys},
                             {"outputs",
                              "annual.csv, summary.csv and funds.csv are of the scenario as "
                              "given (no draw applied); uncertainty.csv is over the draws"}};
  out.write(prefix + "manifest.json", j.dump(2) + "\n");
}

/// Checks an ensemble against the scenarios before anything runs: each key alone (at the first
/// draw's value) and then each draw whole must load as `--set KEY=VALUE` would apply it.
void check_ensemble(const ParameterEnsemble& e, const std::vector<std::string>& scenarios,
                    const RunFlags& flags) {
  Diagnostics diags;
  const auto trim = [](std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  };
  for (const auto& scenario : scenarios)
    for (std::size_t j = 0; j < e.keys.size(); ++j) {
      std::vector<std::string> o = flags.overrides();
      o.push_back(e.keys[j] + "=" + e.values[0][j]);
      std::string problem;
      if (!try_load_scenario(scenario, {o, flags.scale, flags.strict}, problem))
        diags.error({e.file.string(), 1, e.key_columns[j]}, "header",
                    "expected a key the scenario " + scenario + " accepts, found \"" + e.keys[j] +
                        "\": " + trim(problem));
    }
  diags.throw_if_any();
  for (std::size_t d = 0; d < e.values.size(); ++d)
    for (const auto& scenario : scenarios) {
      std::vector<std::string> o = flags.overrides();
      for (const auto& kv : e.overrides(d)) o.push_back(kv);
      std::string problem;
      if (!try_load_scenario(scenario, {o, flags.scale, flags.strict}, problem)) {
        diags.error({e.file.string(), e.lines[d], 1}, "draw " + e.labels[d],
                    "expected values the scenario " + scenario + " accepts: " + trim(problem));
        break;
      }
    }
  diags.throw_if_any();
}

/// The scenario's overrides with draw d of the ensemble after them.
LoadOptions draw_options(const ParameterEnsemble& e, std::size_t d, const RunFlags& flags) {
  std::vector<std::string> o = flags.overrides();
  for (const auto& kv : e.overrides(d)) o.push_back(kv);
  return {o, flags.scale, flags.strict};
}

/// Index of output region `name` in a run's values (regions, then all), or -1.
int value_row(const Params& p, const std::string& name) {
  if (name == "all") return static_cast<int>(p.regions.size());
  for (std::size_t r = 0; r < p.regions.size(); ++r)
    if (p.regions[r].name == name) return static_cast<int>(r);
  return -1;
}

/// Adds one draw's run to `parts`, cell by cell (year × region × metric); `rows` (when given)
/// receives each cell's leading CSV fields.
void add_run_draw(VarianceParts& parts, const Params& p, const RunResult& run,
                  std::vector<std::string>* rows) {
  std::size_t cell = 0;
  const auto& years = run.replications.front().years;
  std::vector<double> v(run.replications.size());
  for (std::size_t y = 0; y < years.size(); ++y)
    for (const auto& name : output_regions(p)) {
      const auto r = static_cast<std::size_t>(value_row(p, name));
      for (const auto& m : metric_table()) {
        for (std::size_t i = 0; i < run.replications.size(); ++i)
          v[i] = run.replications[i].values[y][r][static_cast<int>(m.id)];
        if (rows)
          rows->push_back(std::to_string(years[y]) + "," + csv_field(name) + "," +
                          std::string(m.name));
        parts.add(cell++, v);
      }
    }
}

/// The same for the paired differences B − A of every scenario against the first.
void add_compare_draw(VarianceParts& parts, const std::vector<LoadedScenario>& loaded,
                      const std::vector<RunResult>& runs, const std::vector<std::string>& names,
                      std::vector<std::string>* rows) {
  std::size_t cell = 0;
  const Params& a = loaded.front().params;
  const auto& years = runs.front().replications.front().years;
  std::vector<double> v(runs.front().replications.size());
  for (std::size_t s = 1; s < loaded.size(); ++s)
    for (std::size_t y = 0; y < years.size(); ++y)
      for (const auto& name : output_regions(a)) {
        const int ia = value_row(a, name);
        const int ib = value_row(loaded[s].params, name);
        if (ia < 0 || ib < 0) continue;  // compared only where both scenarios have the region
        for (const auto& m : metric_table()) {
          const int k = static_cast<int>(m.id);
          for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = runs[s].replications[i].values[y][static_cast<std::size_t>(ib)][k] -
                   runs[0].replications[i].values[y][static_cast<std::size_t>(ia)][k];
          if (rows)
            rows->push_back(csv_field(names[s]) + "," + csv_field(names[0]) + "," +
                            std::to_string(years[y]) + "," + csv_field(name) + "," +
                            std::string(m.name));
          parts.add(cell++, v);
        }
      }
}

std::string uncertainty_csv(const std::string& columns, const VarianceParts& parts,
                            const std::vector<std::string>& rows) {
  std::string out = columns + "," + variance_parts_columns() + "\n";
  for (std::size_t c = 0; c < rows.size(); ++c)
    out += rows[c] + "," + variance_parts_fields(parts.parts(c)) + "\n";
  return out;
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
  std::optional<ParameterEnsemble> ensemble;
  if (!flags.parameters.empty()) {
    if (!flags.checkpoint.empty() || !flags.restart.empty() ||
        (flags.comm != nullptr && flags.comm->size() > 1))
      throw InputError(
          "povsim: error: --parameters runs every draw from the start in one process; it "
          "cannot be combined with --checkpoint, --restart or MPI ranks\n");
    ensemble = load_parameter_ensemble(flags.parameters);
    check_ensemble(*ensemble, {scenario}, flags);
  }
  // Checked and claimed before simulating: a refused --out costs nothing.
  OutputDir out(out_path, {"run", {scenario, flags.checkpoint, flags.restart, flags.parameters}});
  const RunResult run =
      run_with_progress(params, flags, "povsim run " + params.name, loaded.resolved_sha256);
  if (run.stopped) {
    std::printf("povsim: %s stopped after %d of %d months; state in %s — continue with --restart\n",
                params.name.c_str(), flags.stop_at_month, params.months(),
                flags.checkpoint.c_str());
    return 0;
  }
  write_run_outputs(out, "", loaded, run, flags, command_line, ensemble ? &*ensemble : nullptr);
  if (ensemble) {
    // One draw at a time, each on the scenario's seed and replications (common random numbers):
    // only two numbers per draw and cell are kept.
    VarianceParts parts;
    std::vector<std::string> rows;
    const std::size_t n = ensemble->values.size();
    for (std::size_t d = 0; d < n; ++d) {
      const LoadedScenario drawn = load_scenario(scenario, draw_options(*ensemble, d, flags));
      const RunResult r = run_with_progress(
          drawn.params, flags,
          "povsim run " + params.name + " draw " + std::to_string(d + 1) + "/" + std::to_string(n));
      add_run_draw(parts, drawn.params, r, d == 0 ? &rows : nullptr);
    }
    out.write("uncertainty.csv", uncertainty_csv("year,region,metric", parts, rows));
  }
  out.write("report.html", report_html(out.file(""), ReportLang::zh));
  out.commit();

  std::int64_t households = 0;
  for (const auto& r : params.regions) households += r.households;
  std::printf("povsim: %s — %lld households × %d months × %d replications in %.2f s\n",
              params.name.c_str(), static_cast<long long>(households), params.months(),
              params.replications, run.wall_seconds);
  std::printf("%s", headline_table(params, run).c_str());
  std::printf("results: %s/{annual.csv,summary.csv,funds.csv,manifest.json,report.html%s}\n",
              out.target().c_str(), ensemble ? ",uncertainty.csv" : "");
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
  std::optional<ParameterEnsemble> ensemble;
  if (!flags.parameters.empty()) {
    ensemble = load_parameter_ensemble(flags.parameters);
    check_ensemble(*ensemble, scenarios, flags);
  }
  std::vector<std::filesystem::path> inputs_used(scenarios.begin(), scenarios.end());
  if (ensemble) inputs_used.push_back(flags.parameters);
  OutputDir out(out_path, {"compare", inputs_used});

  std::vector<RunResult> runs;
  for (std::size_t s = 0; s < loaded.size(); ++s)
    runs.push_back(run_with_progress(loaded[s].params, flags,
                                     "povsim compare " + names[s] + " (" + std::to_string(s + 1) +
                                         "/" + std::to_string(loaded.size()) + ")"));
  std::vector<NamedRun> named;
  for (std::size_t s = 0; s < loaded.size(); ++s) {
    write_run_outputs(out, names[s] + "/", loaded[s], runs[s], flags, command_line,
                      ensemble ? &*ensemble : nullptr);
    named.push_back({names[s], &loaded[s].params, &runs[s]});
  }
  out.write("compare.csv", compare_csv(named));
  if (ensemble) {
    // Per draw: every scenario with the draw's values, paired on the same seeds; one draw's
    // runs in memory at a time.
    VarianceParts parts;
    std::vector<std::string> rows;
    const std::size_t n = ensemble->values.size();
    for (std::size_t d = 0; d < n; ++d) {
      const std::vector<LoadedScenario> drawn =
          load_paired(inputs, draw_options(*ensemble, d, flags));
      std::vector<RunResult> draw_runs;
      for (std::size_t s = 0; s < drawn.size(); ++s)
        draw_runs.push_back(run_with_progress(drawn[s].params, flags,
                                              "povsim compare " + names[s] + " draw " +
                                                  std::to_string(d + 1) + "/" + std::to_string(n)));
      add_compare_draw(parts, drawn, draw_runs, names, d == 0 ? &rows : nullptr);
    }
    out.write("uncertainty.csv",
              uncertainty_csv("scenario,baseline,year,region,metric", parts, rows));
  }
  out.write("cost.csv", cost_csv(named));
  out.write("report.html", report_html(out.file(""), ReportLang::zh));
  out.commit();

  std::printf("povsim compare: %zu scenarios, seed %lld, %d replications each (paired)\n",
              loaded.size(), static_cast<long long>(first.seed), first.replications);
  std::printf("%s", compare_table(named).c_str());
  std::printf("results: %s/{compare.csv,cost.csv,report.html,%s<scenario>/...}\n",
              out.target().c_str(), ensemble ? "uncertainty.csv," : "");
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
  std::printf(
      "results: %s/{parameters.csv,fit.csv,trace.csv,calibrated.yaml,ensemble.csv,manifest.json}\n",
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
