#include "scenario/scenario_loader.hpp"

#include <gtest/gtest.h>

#include "core/diagnostics.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::scenario_file;
using testing::TempDir;

/// The text of the InputError that loading throws ("" and a test failure if it loads).
std::string load_error(const fs::path& file, const LoadOptions& options = {}) {
  try {
    load_scenario(file, options);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << file << " loaded without error";
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// How often `part` occurs in `text`.
int occurrences(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

/// A scenario in a temporary directory that extends tests/data/small.yaml.
fs::path small_variant(const TempDir& dir, const std::string& body,
                       const std::string& name = "variant.yaml") {
  return dir.write(name, "extends: " + data_file("small.yaml").string() + "\n" + body);
}

std::size_t region_index(const Params& p, const std::string& name) {
  for (std::size_t r = 0; r < p.regions.size(); ++r)
    if (p.regions[r].name == name) return r;
  ADD_FAILURE() << "no region " << name;
  return 0;
}

TEST(ScenarioLoader, LoadsTheSmallTestScenario) {
  const LoadedScenario s = load_scenario(data_file("small.yaml"));
  const Params& p = s.params;
  EXPECT_EQ(p.schema, "povsim/1");
  EXPECT_EQ(p.name, "small");
  ASSERT_EQ(p.regions.size(), 2u);
  EXPECT_EQ(p.regions[0].name, "沁县");
  EXPECT_EQ(p.regions[0].households, 1200);
  EXPECT_EQ(p.regions[1].households, 800);
  EXPECT_EQ(p.replications, 2);
  EXPECT_EQ(p.months(), 60);
  ASSERT_EQ(p.epoch_start, (std::vector<int>{0}));
  ASSERT_EQ(p.region_params.size(), 1u);
  ASSERT_EQ(p.region_params[0].size(), 2u);
  EXPECT_EQ(s.resolved_sha256.size(), 64u);
}

TEST(ScenarioLoader, ExtendsChainMergesBaseFirst) {
  TempDir dir;
  // small.yaml extends baseline.yaml; middle.yaml extends small.yaml; top.yaml extends middle.
  dir.write("middle.yaml",
            "extends: " + data_file("small.yaml").string() + "\nseed: 11\nreplications: 3\n");
  const auto top = dir.write("top.yaml", "extends: middle.yaml\nreplications: 4\nname: top\n");
  const Params p = load_scenario(top).params;
  EXPECT_EQ(p.seed, 11);         // from middle
  EXPECT_EQ(p.replications, 4);  // top wins over middle and small
  EXPECT_EQ(p.name, "top");
  EXPECT_EQ(p.regions.size(), 2u);  // from small
  EXPECT_EQ(p.description, "baseline parameters on 2,000 households in two regions");
}

TEST(ScenarioLoader, CircularExtendsIsAnErrorAtTheExtendsThatClosesTheCircle) {
  TempDir dir;
  const auto a = dir.write("a.yaml", "# a\nextends: b.yaml\n");
  dir.write("b.yaml", "extends: a.yaml\n");
  const std::string error = load_error(a);
  EXPECT_TRUE(contains(error, (dir / "b.yaml").string() + ":1:10: error: extends: circular"))
      << error;
}

TEST(ScenarioLoader, ExtendingItselfIsCircular) {
  TempDir dir;
  const std::string error = load_error(dir.write("self.yaml", "extends: self.yaml\n"));
  EXPECT_TRUE(contains(error, "self.yaml:1:10: error: extends: circular")) << error;
}

TEST(ScenarioLoader, MissingExtendsTargetIsAnError) {
  TempDir dir;
  const std::string error = load_error(dir.write("x.yaml", "extends: nowhere.yaml\n"));
  EXPECT_TRUE(contains(error, "x.yaml:1:10: error: extends: expected an existing scenario file"))
      << error;
}

TEST(ScenarioLoader, ProfilesResolveRelativeToTheFileThatNamesThem) {
  TempDir dir;
  // Regions inherited from the baseline name "regions/…" relative to scenarios/, not to here.
  const auto inherits = dir.write("deep/down/inherits.yaml",
                                  "extends: " + scenario_file("baseline.yaml").string() + "\n");
  EXPECT_EQ(load_scenario(inherits).params.regions.size(), 3u);
  // A region written here names its profile relative to here.
  fs::copy_file(scenario_file("regions/qinxian.yaml"), dir / "deep/my-profile.yaml");
  const auto own =
      dir.write("deep/own.yaml", "extends: " + scenario_file("baseline.yaml").string() +
                                     "\nregions:\n  - {name: a, households: 10, profile: "
                                     "my-profile.yaml}\n");
  EXPECT_EQ(load_scenario(own).params.regions[0].profile, "my-profile.yaml");
}

TEST(ScenarioLoader, MissingProfileIsAnErrorAtTheProfileKey) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "regions:\n  - name: a\n    households: 10\n"
                                  "    profile: absent.yaml\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error,
                       "variant.yaml:5:14: error: regions[0].profile: expected an existing "
                       "region profile file, found \"absent.yaml\""))
      << error;
}

TEST(ScenarioLoader, ScenarioOverridesBeatProfilesForEveryRegion) {
  TempDir dir;
  const Params p =
      load_scenario(small_variant(dir, "overrides: {economy: {permanent_sd: 0.31}}\n")).params;
  for (const auto& rp : p.region_params[0]) EXPECT_EQ(rp.economy.permanent_sd, 0.31);
}

TEST(ScenarioLoader, ProfilesSpecialiseDefaultsAndScenarioOverridesBeatBoth) {
  // baseline.yaml's defaults: workshops with 30 jobs; 沁县's profile: the asparagus workshop with
  // 200 (seed 004); 博湖县's profile says nothing about workshops.
  const Params p = load_scenario(data_file("small.yaml")).params;
  const std::size_t qin = region_index(p, "沁县"), bo = region_index(p, "博湖县");
  EXPECT_EQ(p.region(0, qin).enterprises.workshop.jobs, 200);
  EXPECT_EQ(p.region(0, bo).enterprises.workshop.jobs, 30);
  EXPECT_EQ(p.region(0, qin).enterprises.workshop.failure_hazard,
            p.region(0, bo).enterprises.workshop.failure_hazard);  // from the defaults
  TempDir dir;
  const Params q =
      load_scenario(small_variant(dir, "overrides: {enterprises: {workshop: {jobs: 7}}}\n")).params;
  for (const auto& rp : q.region_params[0]) EXPECT_EQ(rp.enterprises.workshop.jobs, 7);
}

TEST(ScenarioLoader, DefaultsAcceptRegionBlocksOnly) {
  TempDir dir;
  const std::string err =
      load_error(small_variant(dir, "defaults:\n  enterprises: {enabled: true}\n  regions: 3\n"));
  EXPECT_TRUE(contains(err, "variant.yaml:4:12")) << err;
  EXPECT_TRUE(contains(err, "defaults.regions")) << err;
  EXPECT_TRUE(contains(err, "expected a region-level block")) << err;
}

TEST(ScenarioLoader, RegionOverridesApplyToThatRegionOnly) {
  TempDir dir;
  const auto file =
      small_variant(dir,
                    "regions:\n"
                    "  - name: a\n    households: 10\n    profile: " +
                        scenario_file("regions/qinxian.yaml").string() +
                        "\n    overrides: {shocks: {illness: {annual_probability: 0.2}}}\n"
                        "  - name: b\n    households: 10\n    profile: " +
                        scenario_file("regions/qinxian.yaml").string() + "\n");
  const Params p = load_scenario(file).params;
  const Params base = load_scenario(data_file("small.yaml")).params;
  EXPECT_EQ(p.region(0, 0).shocks.illness.annual_probability, 0.2);
  EXPECT_EQ(p.region(0, 1).shocks.illness.annual_probability,
            base.region(0, 0).shocks.illness.annual_probability);
}

TEST(ScenarioLoader, PolicyEpochsSplitThePeriodAtFromAndUntil) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "policy:\n  - from: 2023-01\n    until: 2023-06\n"
                                  "    set: {transfers: {dibao: {take_up: 0.5}}}\n");
  const Params p = load_scenario(file).params;
  // 2021-01 is offset 0; 2023-01 is offset 24; the month after 2023-06 is offset 30.
  ASSERT_EQ(p.epoch_start, (std::vector<int>{0, 24, 30}));
  ASSERT_EQ(p.region_params.size(), 3u);
  const double before = p.region(0, 0).transfers.dibao.take_up;
  EXPECT_NE(before, 0.5);
  for (std::size_t r = 0; r < p.regions.size(); ++r) {
    EXPECT_EQ(p.region(1, r).transfers.dibao.take_up, 0.5);
    EXPECT_EQ(p.region(2, r).transfers.dibao.take_up, before);
  }
  EXPECT_EQ(p.epoch_of(23), 0);
  EXPECT_EQ(p.epoch_of(24), 1);
  EXPECT_EQ(p.epoch_of(29), 1);
  EXPECT_EQ(p.epoch_of(30), 2);
  EXPECT_EQ(p.epoch_of(59), 2);
}

TEST(ScenarioLoader, PolicyRunningToTheEndOfThePeriodAddsOneEpoch) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "policy:\n  - from: 2024-01\n    until: 2030-12\n"
                                  "    set: {transfers: {dibao: {enabled: false}}}\n");
  const Params p = load_scenario(file).params;
  ASSERT_EQ(p.epoch_start, (std::vector<int>{0, 36}));
  EXPECT_TRUE(p.region(0, 0).transfers.dibao.enabled);
  EXPECT_FALSE(p.region(1, 0).transfers.dibao.enabled);
}

TEST(ScenarioLoader, PolicyLimitedToNamedRegions) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "policy:\n  - from: 2022-01\n    until: 2022-12\n"
                                  "    regions: [博湖县]\n"
                                  "    set: {shocks: {price_sd: 0.5}}\n");
  const Params p = load_scenario(file).params;
  const std::size_t bohu = region_index(p, "博湖县");
  const std::size_t qin = region_index(p, "沁县");
  EXPECT_EQ(p.region(1, bohu).shocks.price_sd, 0.5);
  EXPECT_NE(p.region(1, qin).shocks.price_sd, 0.5);
}

TEST(ScenarioLoader, PolicyNamingAnUnknownRegionIsAnError) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "policy:\n  - from: 2022-01\n    until: 2022-12\n"
                                  "    regions: [nowhere]\n"
                                  "    set: {shocks: {price_sd: 0.5}}\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "variant.yaml:5:15: error: policy[0].regions: unknown region"))
      << error;
}

TEST(ScenarioLoader, PolicyCannotChangeThePopulation) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "policy:\n  - from: 2022-01\n    until: 2022-12\n"
                                  "    set:\n      population: {lifted_share: 0.5}\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "variant.yaml:6:7: error: policy[0].set.population:")) << error;
}

TEST(ScenarioLoader, PolicyUntilBeforeFromIsAnError) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "policy:\n  - from: 2022-06\n    until: 2022-01\n"
                                  "    set: {shocks: {price_sd: 0.5}}\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error,
                       "variant.yaml:4:12: error: policy[0].until: expected a month not "
                       "before `from` (2022-06), found 2022-01"))
      << error;
}

TEST(ScenarioLoader, UnknownKeyInAPolicyIsReportedWhereThePolicyWritesIt) {
  TempDir dir;
  const auto file = small_variant(dir,
                                  "policy:\n  - from: 2022-01\n    until: 2022-12\n"
                                  "    set:\n      shocks: {prise_sd: 0.5}\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error,
                       "variant.yaml:6:16: error: shocks.prise_sd: unknown key (did you "
                       "mean `price_sd`?)"))
      << error;
}

TEST(ScenarioLoader, PeriodEndBeforeStartIsAnError) {
  TempDir dir;
  const auto file = small_variant(dir, "period: {start: 2023-01, end: 2022-12}\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error,
                       "variant.yaml:2:31: error: period.end: expected a month not before "
                       "period.start (2023-01), found 2022-12"))
      << error;
}

TEST(ScenarioLoader, PeriodMayStartAndEndInAnyMonth) {
  TempDir dir;
  const Params p =
      load_scenario(small_variant(dir, "period: {start: 2022-03, end: 2023-02}\n")).params;
  EXPECT_EQ(p.months(), 12);
  EXPECT_EQ(p.start, (YearMonth{2022, 3}));
}

TEST(ScenarioLoader, YearSeriesOverrideReplacesOnlyTheYearsItNames) {
  TempDir dir;
  const Params base = load_scenario(data_file("small.yaml")).params;
  const Params p =
      load_scenario(small_variant(dir, "overrides: {lines: {poverty: {2023: 5000}}}\n")).params;
  EXPECT_EQ(at_year(p.region(0, 0).lines.poverty, 2023), 5000);
  EXPECT_EQ(at_year(p.region(0, 0).lines.poverty, 2022),
            at_year(base.region(0, 0).lines.poverty, 2022));
}

TEST(ScenarioLoader, DuplicateRegionNameIsAnError) {
  TempDir dir;
  const std::string profile = scenario_file("regions/qinxian.yaml").string();
  const auto file =
      small_variant(dir, "regions:\n  - {name: a, households: 1, profile: " + profile +
                             "}\n  - {name: a, households: 2, profile: " + profile + "}\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "variant.yaml:4:12: error: regions[1].name: duplicate region name"))
      << error;
}

TEST(ScenarioLoader, RegionNamedAllIsAnError) {
  TempDir dir;
  const auto file = small_variant(dir, "regions:\n  - {name: all, households: 1, profile: " +
                                           scenario_file("regions/qinxian.yaml").string() + "}\n");
  EXPECT_TRUE(contains(load_error(file), "regions[0].name: \"all\" is reserved"));
}

TEST(ScenarioLoader, ProblemInABlockSharedByAllRegionsIsReportedOnce) {
  TempDir dir;
  const auto file = small_variant(dir, "overrides: {shocks: {price_sd: -1}}\n");
  const std::string error = load_error(file);
  EXPECT_EQ(occurrences(error, "shocks.price_sd"), 1) << error;
}

TEST(ScenarioLoader, InvalidSharedFieldDoesNotAlsoReportItsConstraint) {
  TempDir dir;
  const auto file = small_variant(
      dir, "overrides:\n  population:\n    labour_lifted: {strong: lots, weak: 0.2, none: 0.2}\n");
  const std::string error = load_error(file);
  EXPECT_EQ(occurrences(error, "error:"), 1) << error;
  EXPECT_TRUE(contains(error, "variant.yaml:4:29: error: population.labour_lifted.strong:"))
      << error;
}

TEST(ScenarioLoader, SetOverridesAKeyForEveryRegionAndYear) {
  const Params p =
      load_scenario(data_file("small.yaml"), {{"economy.trend_growth=0.01"}, 1.0}).params;
  for (const auto& rp : p.region_params[0])
    for (int y = 2021; y <= 2025; ++y) EXPECT_EQ(at_year(rp.economy.trend_growth, y), 0.01);
}

TEST(ScenarioLoader, SetAddressesARegionByName) {
  const Params p =
      load_scenario(data_file("small.yaml"), {{"regions.博湖县.households=77"}, 1.0}).params;
  EXPECT_EQ(p.regions[region_index(p, "博湖县")].households, 77);
  EXPECT_EQ(p.regions[region_index(p, "沁县")].households, 1200);
}

TEST(ScenarioLoader, SetAddressesARegionByIndex) {
  const Params p = load_scenario(data_file("small.yaml"), {{"regions.0.households=5"}, 1.0}).params;
  EXPECT_EQ(p.regions[0].households, 5);
}

TEST(ScenarioLoader, LaterSetWinsOverEarlierSet) {
  const Params p = load_scenario(data_file("small.yaml"), {{"seed=1", "seed=2"}, 1.0}).params;
  EXPECT_EQ(p.seed, 2);
}

TEST(ScenarioLoader, SetUnknownKeyIsAnErrorNamingTheArgument) {
  const std::string error =
      load_error(data_file("small.yaml"), {{"shocks.illness.anual_probability=0.1"}, 1.0});
  EXPECT_TRUE(contains(error,
                       "--set shocks.illness.anual_probability=0.1: error: "
                       "shocks.illness.anual_probability: unknown key (did you mean "
                       "`annual_probability`?)"))
      << error;
}

TEST(ScenarioLoader, SetBadValueIsAnErrorNamingTheArgument) {
  const std::string error =
      load_error(data_file("small.yaml"), {{"economy.trend_growth=fast"}, 1.0});
  EXPECT_TRUE(contains(error,
                       "--set economy.trend_growth=fast: error: economy.trend_growth: "
                       "expected a number in [-0.5, 1], found \"fast\""))
      << error;
}

TEST(ScenarioLoader, SetWithoutValueIsAnError) {
  EXPECT_TRUE(contains(load_error(data_file("small.yaml"), {{"seed"}, 1.0}), "expected KEY=VALUE"));
  EXPECT_TRUE(contains(load_error(data_file("small.yaml"), {{"seed="}, 1.0}),
                       "expected a value after `=`"));
}

TEST(ScenarioLoader, SetUnknownRegionIsAnError) {
  const std::string error =
      load_error(data_file("small.yaml"), {{"regions.nowhere.households=5"}, 1.0});
  EXPECT_TRUE(contains(error, "--set regions.nowhere.households=5: error: regions.nowhere:"))
      << error;
}

TEST(ScenarioLoader, SetProfileResolvesRelativeToTheWorkingDirectory) {
  const fs::path previous = fs::current_path();
  fs::current_path(POVSIM_SOURCE_DIR);
  const std::string override = "regions.0.profile=scenarios/regions/bazhou.yaml";
  LoadedScenario s;
  EXPECT_NO_THROW(s = load_scenario(data_file("small.yaml"), {{override}, 1.0}));
  fs::current_path(previous);
  EXPECT_EQ(s.params.regions[0].profile, "scenarios/regions/bazhou.yaml");
}

TEST(ScenarioLoader, ScaleMultipliesEveryRegionsHouseholds) {
  const Params p = load_scenario(data_file("small.yaml"), {{}, 2.5}).params;
  EXPECT_EQ(p.regions[0].households, 3000);
  EXPECT_EQ(p.regions[1].households, 2000);
}

TEST(ScenarioLoader, ScaleKeepsAtLeastOneHousehold) {
  const Params p = load_scenario(data_file("small.yaml"), {{}, 1e-6}).params;
  EXPECT_EQ(p.regions[0].households, 1);
  EXPECT_EQ(p.regions[1].households, 1);
}

TEST(ScenarioLoader, ResolvedHashFollowsTheParameters) {
  const auto a = load_scenario(data_file("small.yaml"));
  const auto b = load_scenario(data_file("small.yaml"));
  const auto c = load_scenario(data_file("small.yaml"), {{"shocks.price_sd=0.2"}, 1.0});
  EXPECT_EQ(a.resolved_sha256, b.resolved_sha256);
  EXPECT_NE(a.resolved_sha256, c.resolved_sha256);
}

TEST(ScenarioLoader, WrongSchemaVersionIsAnError) {
  TempDir dir;
  const std::string error = load_error(small_variant(dir, "schema: povsim/9\n"));
  EXPECT_TRUE(contains(error, "variant.yaml:2:9: error: schema: expected \"povsim/1\"")) << error;
}

TEST(ScenarioLoader, MissingTopLevelKeyIsAnError) {
  TempDir dir;
  const auto file =
      dir.write("bare.yaml",
                "schema: povsim/1\nname: x\ndescription: y\nreplications: 1\n"
                "period: {start: 2021-01, end: 2021-12}\noutputs: {per_region: true}\n"
                "regions:\n  - {name: a, households: 1, profile: " +
                    scenario_file("regions/qinxian.yaml").string() + "}\n");
  const std::string error = load_error(file);
  EXPECT_TRUE(contains(error, "bare.yaml:1:1: error: (top level): missing required key `seed`"))
      << error;
}

TEST(ScenarioLoader, EveryProblemInAFileIsReported) {
  TempDir dir;
  const std::string error = load_error(small_variant(
      dir, "overrides:\n  transfers: {dibao: {take_up: lots}}\n  shocks: {price_sd: -0.1}\n"));
  EXPECT_TRUE(contains(error, "variant.yaml:3:32: error: transfers.dibao.take_up:")) << error;
  EXPECT_TRUE(contains(error, "variant.yaml:4:22: error: shocks.price_sd:")) << error;
}

}  // namespace
}  // namespace povsim
