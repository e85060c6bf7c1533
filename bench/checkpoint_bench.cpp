// Checkpoint benchmark: the bench-1m world after `--months` months is saved (best of --repeats)
// and loaded back into a fresh simulation; seconds, bytes, bytes per household and throughput as
// JSON. The loaded simulation then runs one more month beside the original and both must agree.
//
//   povsim_bench_checkpoint [OUT.json] [--scenario FILE] [--months N] [--dir DIR]

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/version.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/checkpoint.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

int main(int argc, char** argv) {
  std::string out = "checkpoint.json";
  std::string scenario = std::string(POVSIM_SOURCE_DIR) + "/scenarios/bench-1m.yaml";
  std::string dir = fs::temp_directory_path().string();
  int months = 18;
  int repeats = 3;
  CLI::App app{"povsim checkpoint benchmark: write and read time and size"};
  app.add_option("out", out, "JSON output");
  app.add_option("--scenario", scenario, "scenario")->check(CLI::ExistingFile);
  app.add_option("--months", months, "months simulated before the checkpoint")
      ->check(CLI::Range(0, 60));
  app.add_option("--repeats", repeats, "writes and reads timed (best kept)")
      ->check(CLI::Range(1, 20));
  app.add_option("--dir", dir, "directory for the checkpoint file");
  CLI11_PARSE(app, argc, argv);

  using clock = std::chrono::steady_clock;
  auto seconds = [](clock::time_point a) {
    return std::chrono::duration<double>(clock::now() - a).count();
  };
  const povsim::LoadedScenario loaded = povsim::load_scenario(scenario);
  const povsim::Params& params = loaded.params;
  povsim::CheckpointIdentity id;
  id.scenario_sha256 = loaded.resolved_sha256;
  id.seed = static_cast<std::uint64_t>(params.seed);
  id.region_end = params.regions.size();
  for (const auto& r : params.regions) id.households += static_cast<std::uint64_t>(r.households);
  id.months = params.months();

  povsim::Simulation sim(params, 0);
  while (sim.month() < months) sim.step_month();
  const fs::path file = fs::path(dir) / ("povsim-bench-" + std::to_string(::getpid()) + ".ckpt");
  double write_best = 1e300, read_best = 1e300;
  for (int k = 0; k < repeats; ++k) {
    auto t = clock::now();
    povsim::save_checkpoint(file, id, sim);
    write_best = std::min(write_best, seconds(t));
  }
  const auto bytes = fs::file_size(file);
  std::optional<povsim::Simulation> loaded_sim;
  for (int k = 0; k < repeats; ++k) {
    loaded_sim.emplace(params, 0, povsim::single_process(), povsim::Simulation::Unbuilt{});
    auto t = clock::now();
    povsim::load_checkpoint(file, id, *loaded_sim);
    read_best = std::min(read_best, seconds(t));
  }
  fs::remove(file);
  // The restored state must continue exactly as the original.
  while (!sim.done() && sim.month() < months + 12) {
    sim.step_month();
    loaded_sim->step_month();
  }
  const auto& a = sim.partial_result().values;
  const auto& b = loaded_sim->partial_result().values;
  bool same = a.size() == b.size();
  for (std::size_t y = 0; same && y < a.size(); ++y)
    for (std::size_t r = 0; same && r < a[y].size(); ++r)
      same = std::memcmp(a[y][r].data(), b[y][r].data(), sizeof(povsim::MetricValues)) == 0;

  const double hh = static_cast<double>(id.households);
  json j;
  j["engine"] = povsim::kVersion;
  j["commit"] = povsim::kGitCommit;
  j["scenario"] = params.name;
  j["households"] = id.households;
  j["months_before_checkpoint"] = months;
  j["bytes"] = bytes;
  j["bytes_per_household"] = static_cast<double>(bytes) / hh;
  j["household_state_bytes_per_household"] = povsim::Households::bytes_per_household();
  j["write_seconds"] = write_best;
  j["read_seconds"] = read_best;
  j["write_mib_per_second"] = static_cast<double>(bytes) / write_best / (1 << 20);
  j["read_mib_per_second"] = static_cast<double>(bytes) / read_best / (1 << 20);
  j["restored_run_identical"] = same;
  std::ofstream(out) << j.dump(2) << "\n";
  std::printf("%s\n", j.dump(2).c_str());
  return same ? 0 : 1;
}
