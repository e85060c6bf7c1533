// Places keep their own parameters (issue 16, item 8): the layers `defaults:` (where a profile is
// silent), the profile, `overrides:` (over every profile), run through the real program on
// scenarios/seed-places.yaml and read back from manifest.json.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/diagnostics.hpp"
#include "scenario/config_tree.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::ProgramResult;
using testing::read_file;
using testing::run_povsim;
using testing::scenario_file;
using testing::TempDir;

/// A scalar as the manifest and a profile both may write it ("0.70" and "0.7" are one number).
bool same_scalar(const std::string& a, const std::string& b) {
  if (a == b) return true;
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a.c_str(), &end_a);
  const double y = std::strtod(b.c_str(), &end_b);
  return end_a != a.c_str() && *end_a == 0 && end_b != b.c_str() && *end_b == 0 && x == y;
}

/// Whether `manifest` (a value parsed from manifest.json's text) holds what `profile` says: every
/// key the profile writes, recursively; extra manifest keys (from the defaults) are fine.
bool holds(const ConfigNode& manifest, const ConfigNode& profile, const std::string& path,
           std::vector<std::string>& problems) {
  if (profile.is_map()) {
    if (!manifest.is_map()) {
      problems.push_back(path + ": expected a mapping");
      return false;
    }
    bool ok = true;
    for (const auto& [k, v] : profile.map) {
      const ConfigNode* m = manifest.find(k);
      if (!m) {
        problems.push_back(path + "." + k + ": missing");
        ok = false;
      } else {
        ok = holds(*m, v, path + "." + k, problems) && ok;
      }
    }
    return ok;
  }
  if (profile.is_seq()) {
    bool ok = manifest.is_seq() && manifest.seq.size() == profile.seq.size();
    for (std::size_t i = 0; ok && i < profile.seq.size(); ++i)
      ok = holds(manifest.seq[i], profile.seq[i], path + "[" + std::to_string(i) + "]", problems);
    if (!ok) problems.push_back(path + ": lists differ");
    return ok;
  }
  if (!manifest.is_scalar() || !same_scalar(manifest.scalar, profile.scalar)) {
    problems.push_back(path + ": manifest " + manifest.describe() + ", profile " +
                       profile.describe());
    return false;
  }
  return true;
}

/// The region's manifest parameters (flat dotted paths whose values are YAML text) as one tree.
ConfigNode manifest_tree(const nlohmann::json& values) {
  ConfigNode root;
  root.kind = ConfigNode::Kind::kMap;
  Diagnostics diags;
  for (const auto& [path, text] : values.items()) {
    ConfigNode value = parse_yaml_text(text.get<std::string>(), "manifest", diags);
    set_path(root, path, std::move(value), {}, diags);
  }
  EXPECT_TRUE(diags.empty());
  return root;
}

struct SeedPlacesRun {
  ProgramResult result;
  nlohmann::json regions;  // manifest.json's parameters of the first epoch, by region name
};

/// seed-places at a small size, two simulated months: enough for the manifest.
SeedPlacesRun run_seed_places(const TempDir& dir, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"run",
                                scenario_file("seed-places.yaml").string(),
                                "--scale",
                                "0.02",
                                "--replications",
                                "1",
                                "--set",
                                "period.end=2021-02",
                                "--out",
                                (dir / "out").string()};
  args.insert(args.end(), extra.begin(), extra.end());
  SeedPlacesRun run{run_povsim(args), {}};
  if (run.result.exit_code == 0)
    run.regions =
        nlohmann::json::parse(read_file(dir / "out" / "manifest.json"))["parameters"][0]["regions"];
  return run;
}

TEST(PlaceParameters, EachSeedPlaceRunsWithItsProfilesValues) {
  TempDir dir;
  const SeedPlacesRun run = run_seed_places(dir);
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  const std::vector<std::pair<std::string, std::string>> places{{"鸡心梁村", "changji-mulei.yaml"},
                                                                {"南疆县", "nanjiang.yaml"},
                                                                {"博湖县", "bazhou.yaml"},
                                                                {"兵团团场", "bingtuan.yaml"},
                                                                {"沁县", "qinxian.yaml"}};
  for (const auto& [name, profile_file] : places) {
    ASSERT_TRUE(run.regions.contains(name)) << name;
    Diagnostics diags;
    ConfigNode profile = load_yaml_file(scenario_file("regions/" + profile_file), diags);
    ASSERT_TRUE(diags.empty()) << profile_file;
    profile.erase("description");
    profile.erase("sources");
    std::vector<std::string> problems;
    EXPECT_TRUE(holds(manifest_tree(run.regions[name]), profile, name, problems))
        << ::testing::PrintToString(problems);
  }
  // The values the old top-level blocks used to flatten: each place its own.
  const auto value = [&](const char* region, const char* key) {
    return std::stod(run.regions[region][key].get<std::string>());
  };
  EXPECT_EQ(value("南疆县", "monitoring.grid.screenings_per_month"), 4.33);
  EXPECT_EQ(value("鸡心梁村", "monitoring.grid.screenings_per_month"), 1);
  EXPECT_EQ(value("博湖县", "monitoring.pairing.cadres_per_1000_households"), 150);
  EXPECT_EQ(value("兵团团场", "monitoring.pairing.cadres_per_1000_households"), 25);
  EXPECT_EQ(value("沁县", "labour.transport_subsidy.budget_per_household"), 5.2);
  for (const char* other : {"鸡心梁村", "南疆县", "博湖县", "兵团团场"})
    EXPECT_EQ(value(other, "labour.transport_subsidy.budget_per_household"), 0) << other;
}

TEST(PlaceParameters, SetOnARegionBlockOverridesEveryProfileAndDefaultsOnlyTheSilentOnes) {
  TempDir over_dir, default_dir;
  const SeedPlacesRun over =
      run_seed_places(over_dir, {"--set", "monitoring.grid.screenings_per_month=2"});
  const SeedPlacesRun def =
      run_seed_places(default_dir, {"--set", "defaults.monitoring.grid.screenings_per_month=2"});
  ASSERT_EQ(over.result.exit_code, 0) << over.result.err;
  ASSERT_EQ(def.result.exit_code, 0) << def.result.err;
  const auto screenings = [](const SeedPlacesRun& r, const char* region) {
    return std::stod(r.regions[region]["monitoring.grid.screenings_per_month"].get<std::string>());
  };
  for (const char* region : {"鸡心梁村", "南疆县", "博湖县", "兵团团场", "沁县"})
    EXPECT_EQ(screenings(over, region), 2) << region;
  EXPECT_EQ(screenings(def, "南疆县"), 4.33);  // its profile's own
  EXPECT_EQ(screenings(def, "鸡心梁村"), 1);
  EXPECT_EQ(screenings(def, "兵团团场"), 2);  // its profile is silent
  EXPECT_EQ(screenings(def, "沁县"), 2);
}

TEST(PlaceParameters, ARegionBlockAtTheTopLevelIsRefusedAtItsPlace) {
  TempDir dir;
  const fs::path file = dir.write(
      "old-style.yaml", "schema: povsim/1\nextends: " + scenario_file("seed-places.yaml").string() +
                            "\nname: old-style\nmonitoring:\n  enabled: false\n");
  const ProgramResult r = run_povsim({"validate", file.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("old-style.yaml:4:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("monitoring: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("defaults.monitoring"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("overrides.monitoring"), std::string::npos) << r.err;
  // The same change under `overrides:` is accepted.
  const fs::path fixed = dir.write(
      "new-style.yaml", "schema: povsim/1\nextends: " + scenario_file("seed-places.yaml").string() +
                            "\nname: new-style\noverrides:\n  monitoring:\n"
                            "    enabled: false\n");
  const ProgramResult ok = run_povsim({"validate", fixed.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST(PlaceParameters, OverridesAcceptRegionBlocksOnly) {
  TempDir dir;
  const fs::path file = dir.write(
      "bad.yaml", "schema: povsim/1\nextends: " + scenario_file("seed-places.yaml").string() +
                      "\nname: bad\noverrides:\n  replications: 3\n");
  const ProgramResult r = run_povsim({"validate", file.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("bad.yaml:5:17"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("overrides.replications"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("expected a region-level block"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace povsim
