#pragma once
#include <filesystem>
#include <optional>
#include <string>
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

}  // namespace povsim
