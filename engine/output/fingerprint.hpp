#pragma once
// What a sweep or a calibration is: the hash of everything that decides its numbers. Stored in
// its manifest.json (and in a sweep's DIR.partial/ and shard.json), so that --resume and merge
// can refuse to join results of different configurations and name what differs.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/sha256.hpp"

namespace povsim {

struct Fingerprint {
  /// (component, value) in a fixed order: engine, base scenario, spec, seed, replications,
  /// scale, overrides.
  std::vector<std::pair<std::string, std::string>> components;

  void add(const std::string& name, const std::string& value) {
    components.emplace_back(name, value);
  }
  /// SHA-256 over every component (name and value).
  std::string sha256() const;
  /// {"sha256": …, "components": {name: value, …}}
  nlohmann::ordered_json json() const;
  /// The inverse of json(); an empty fingerprint if `j` is not one.
  static Fingerprint from_json(const nlohmann::json& j);
  /// The components that differ between `earlier` and this one, as "name (was A, now B)"
  /// joined by "; " ("" if none). A component missing on one side differs.
  std::string differences_from(const Fingerprint& earlier) const;
};

}  // namespace povsim
