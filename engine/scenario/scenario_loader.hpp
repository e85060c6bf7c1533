#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/config_tree.hpp"
#include "scenario/params.hpp"

namespace povsim {

/// Run-time choices that reshape a scenario before validation.
struct LoadOptions {
  std::vector<std::string> overrides;  // "key.path=value", applied in order after extends
  double scale = 1.0;                  // multiplies every region's household count
  bool strict = false;                 // warnings are errors (--strict)
  FileReader read_file = {};  // serves the scenario's files (extends, profiles, table); empty: disk
};

struct LoadedScenario {
  Params params;
  std::string file;
  /// SHA-256 of the canonical text of the merged scenario (extends, profiles, --set) and of every
  /// region's parameters in every policy epoch.
  std::string resolved_sha256;
  /// Valid but implausible input (`file:line:col: warning: …`), for stderr and manifest.json.
  std::vector<std::string> warnings;
};

/// Loads, merges and validates a scenario. Throws InputError listing every problem found.
LoadedScenario load_scenario(const std::filesystem::path& file, const LoadOptions& options = {});

/// load_scenario for a trial (e.g. a sweep axis or calibration bound): on bad input, returns
/// nothing and sets `problem` to the first diagnostic line instead of throwing.
std::optional<LoadedScenario> try_load_scenario(const std::filesystem::path& file,
                                                const LoadOptions& options, std::string& problem);

/// The region-level top-level keys (validated per region, may appear in scenario and profile).
const std::vector<std::string>& region_block_keys();

/// Whether `key` names a region-level block (population, economy, …).
bool is_region_block(std::string_view key);

/// The scenario key a --set path (also a sweep or calibration key) addresses. A path that starts
/// with a region-level block (`monitoring.grid.screenings_per_month`) is short for
/// `overrides.…`: a value given on the command line is explicit, so it holds in every region over
/// its profile. `defaults.…`, `overrides.…` and `regions.NAME.overrides.…` address those layers.
std::string set_target(const std::string& key);

}  // namespace povsim
