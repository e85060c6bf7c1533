#include "cli/commands.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/progress.hpp"
#include "output/manifest.hpp"
#include "output/output_dir.hpp"
#include "output/tables.hpp"
#include "phases/metrics.hpp"
#include "scenario/params_schema.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/schema_table.hpp"
#include "sim/runner.hpp"

namespace povsim {

std::vector<std::string> RunFlags::overrides() const {
  std::vector<std::string> all = set;
  if (seed >= 0) all.push_back("seed=" + std::to_string(seed));
  if (replications > 0) all.push_back("replications=" + std::to_string(replications));
  return all;
}

int run_command(const std::string& scenario, const RunFlags& flags,
                const std::string& command_line) {
  const LoadedScenario loaded = load_scenario(scenario, {flags.overrides(), flags.scale});
  const Params& params = loaded.params;
  const std::string out_path =
      flags.out.empty() ? "outputs/" + std::filesystem::path(scenario).stem().string() : flags.out;
  OutputDir out(out_path);

  Progress progress("povsim run " + params.name);
  RunSettings settings;
  settings.threads = flags.threads;
  settings.progress = [&](std::uint64_t done, std::uint64_t total) {
    progress.update(done, total);
  };
  const RunResult run = run_scenario(params, settings);

  out.write("annual.csv", annual_csv(params, run));
  out.write("summary.csv", summary_csv(params, run));
  ManifestInputs mi;
  mi.scenario = &loaded;
  mi.run = &run;
  mi.threads =
      flags.threads > 0 ? flags.threads : static_cast<int>(std::thread::hardware_concurrency());
  mi.scale = flags.scale;
  mi.command_line = command_line;
  out.write("manifest.json", manifest_json(mi));
  out.commit();

  std::int64_t households = 0;
  for (const auto& r : params.regions) households += r.households;
  std::printf("povsim: %s — %lld households × %d months × %d replications in %.2f s\n",
              params.name.c_str(), static_cast<long long>(households), params.months(),
              params.replications, run.wall_seconds);
  std::printf("%s", headline_table(params, run).c_str());
  std::printf("results: %s/{annual.csv,summary.csv,manifest.json}\n", out.target().c_str());
  return 0;
}

int validate_command(const std::string& scenario, const RunFlags& flags) {
  const LoadedScenario loaded = load_scenario(scenario, {flags.overrides(), flags.scale});
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

int metrics_command() {
  std::printf("%s", metrics_markdown().c_str());
  return 0;
}

int schema_command(bool markdown, const std::string& scenario) {
  if (markdown) {
    std::printf("%s", schema_markdown(scenario).c_str());
    return 0;
  }
  RegionParams empty;
  SchemaTable table;
  describe(table, empty);
  for (const auto& row : table.rows())
    std::printf("%s\t%s\t%s\t%s\n", row.path.c_str(), row.type.c_str(), row.unit.c_str(),
                row.range.c_str());
  return 0;
}

}  // namespace povsim
