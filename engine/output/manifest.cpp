#include "output/manifest.hpp"

#include <nlohmann/json.hpp>

#include "core/memory.hpp"
#include "core/version.hpp"
#include "output/tables.hpp"
#include "scenario/schema_table.hpp"

namespace povsim {

namespace {
nlohmann::ordered_json parameters(const Params& params) {
  nlohmann::ordered_json epochs = nlohmann::ordered_json::array();
  for (std::size_t e = 0; e < params.region_params.size(); ++e) {
    nlohmann::ordered_json epoch;
    epoch["from"] = YearMonth::from_index(params.start.index() + params.epoch_start[e]).str();
    nlohmann::ordered_json regions;
    for (std::size_t r = 0; r < params.regions.size(); ++r) {
      SchemaTable table;
      RegionParams copy = params.region_params[e][r];
      describe(table, copy);
      nlohmann::ordered_json values;
      for (const auto& row : table.rows()) values[row.path] = row.value;
      regions[params.regions[r].name] = std::move(values);
    }
    epoch["regions"] = std::move(regions);
    epochs.push_back(std::move(epoch));
  }
  return epochs;
}
}  // namespace

std::string resolved_parameters_json(const Params& params) { return parameters(params).dump(2); }

nlohmann::ordered_json manifest_head(const std::string& command_line) {
  nlohmann::ordered_json j;
  j["engine"] = "povsim";
  j["engine_version"] = kVersion;
  j["model_version"] = kModelVersion;
  j["git_commit"] = kGitCommit;
  j["command_line"] = command_line;
  return j;
}

std::string manifest_json(const ManifestInputs& in) {
  const Params& p = in.scenario->params;
  nlohmann::ordered_json j = manifest_head(in.command_line);
  j["scenario"] = p.name;
  j["scenario_file"] = in.scenario->file;
  j["description"] = p.description;
  if (p.calibration)
    j["calibration"] = {{"fit", p.calibration->fit},
                        {"spec", p.calibration->spec},
                        {"objective", p.calibration->objective},
                        {"engine", p.calibration->engine}};
  j["scenario_sha256"] = in.scenario->resolved_sha256;
  j["warnings"] = in.scenario->warnings;
  j["seed"] = p.seed;
  j["replications"] = p.replications;
  j["threads"] = in.threads;
  j["mpi_ranks"] = in.ranks;
  j["scale"] = in.scale;
  j["overrides"] = in.overrides;
  std::int64_t households = 0;
  for (const auto& r : p.regions) households += r.households;
  j["households"] = households;
  j["months"] = p.months();
  j["period"] = {{"start", p.start.str()}, {"end", p.end.str()}};
  j["regions"] = nlohmann::ordered_json::array();
  for (const auto& r : p.regions) {
    nlohmann::ordered_json region = {
        {"name", r.name}, {"households", r.households}, {"profile", r.profile}};
    if (!r.province.empty()) region["province"] = r.province;  // a region without one has none
    j["regions"].push_back(std::move(region));
  }
  j["wall_seconds"] = in.run->wall_seconds;
  j["peak_rss_bytes"] = peak_rss_bytes();
  const double hm = static_cast<double>(households) * p.months() * p.replications;
  j["household_months_per_second"] = in.run->wall_seconds > 0 ? hm / in.run->wall_seconds : 0.0;
  nlohmann::ordered_json phases;
  for (int k = 0; k < static_cast<int>(Phase::kCount); ++k)
    if (in.run->timer.seconds(static_cast<Phase>(k)) > 0)
      phases[std::string(phase_name(static_cast<Phase>(k)))] =
          in.run->timer.seconds(static_cast<Phase>(k));
  j["phase_seconds"] = std::move(phases);
  j["parameters"] = parameters(p);
  return j.dump(2) + "\n";
}

Fingerprint open_fingerprint(const std::filesystem::path& base, const LoadedScenario& with) {
  std::string problem;
  const auto plain = try_load_scenario(base, {}, problem);
  Fingerprint f;
  f.add("engine", std::string(kVersion) + " (" + kGitCommit + ")");
  f.add("base scenario", plain ? plain->resolved_sha256 : with.resolved_sha256);
  return f;
}

void close_fingerprint(Fingerprint& f, std::int64_t seed, int replications, double scale,
                       const std::vector<std::string>& overrides) {
  f.add("seed", std::to_string(seed));
  f.add("replications", std::to_string(replications));
  f.add("scale", format_value(scale));
  f.add("overrides", nlohmann::json(overrides).dump());
}

}  // namespace povsim
