// The national scenario: 832 counties from a regions table, and the table's validation.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>

#include "core/diagnostics.hpp"
#include "scenario/scenario_loader.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_povsim;
using testing::scenario_file;
using testing::TempDir;

std::int64_t total_households(const Params& p) {
  std::int64_t n = 0;
  for (const auto& r : p.regions) n += r.households;
  return n;
}

TEST(NationalScenario, TableLoads832CountiesAndThirtyMillionHouseholds) {
  const LoadedScenario s = load_scenario(scenario_file("national.yaml"));
  ASSERT_EQ(s.params.regions.size(), 832u);
  EXPECT_EQ(total_households(s.params), 30'000'000);
  std::set<std::string> names;
  for (const auto& r : s.params.regions) {
    names.insert(r.name);
    EXPECT_GE(r.households, 36'057);
    EXPECT_LE(r.households, 36'058);
  }
  EXPECT_EQ(names.size(), 832u);
  EXPECT_EQ(s.params.regions.front().name, "河北-01");
  EXPECT_EQ(s.params.regions.back().name, "新疆-32");
  // Profiles by province: Xinjiang's counties get the 南疆 profile (lower 2020 incomes) and every
  // household is a formerly poor one.
  const RegionParams& hebei = s.params.region(0, 0);
  const RegionParams& xinjiang = s.params.region(0, 831);
  EXPECT_LT(xinjiang.economy.per_capita_income_2020_lifted,
            hebei.economy.per_capita_income_2020_lifted);
  EXPECT_EQ(hebei.population.lifted_share, 1.0);
  EXPECT_EQ(xinjiang.population.lifted_share, 1.0);

  const LoadedScenario small = load_scenario(scenario_file("national.yaml"), {{}, 0.001});
  EXPECT_EQ(small.params.regions.size(), 832u);
  EXPECT_EQ(total_households(small.params), 832 * 36);  // 36.058 → 36 per county
}

TEST(NationalScenario, ScaledRunIsQuickCompleteAndThreadIndependent) {
  TempDir dir;
  const auto one = dir / "t1", two = dir / "t2";
  const std::string file = scenario_file("national.yaml").string();
  auto r = run_povsim({"run", file, "--scale", "0.001", "--threads", "1", "--out", one.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("29952 households × 60 months"), std::string::npos) << r.out;
  r = run_povsim({"run", file, "--scale", "0.001", "--threads", "2", "--out", two.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string annual = read_file(one / "annual.csv");
  EXPECT_EQ(annual, read_file(two / "annual.csv"));
  EXPECT_EQ(read_file(one / "summary.csv"), read_file(two / "summary.csv"));
  // Every county and the aggregate report each year.
  for (const std::string region : {"河北-01", "云南-88", "新疆-32", "all"})
    EXPECT_NE(annual.find("0,2025," + region + ",households,"), std::string::npos) << region;
  EXPECT_NE(annual.find("0,2025,all,households,29952\n"), std::string::npos);
}

/// A scenario in `dir` whose regions come from `table` (profiles found from the repository).
fs::path scenario_with_table(const TempDir& dir, const std::string& table) {
  dir.write("counties.csv", table);
  return dir.write("s.yaml",
                   "schema: povsim/1\nextends: " + scenario_file("baseline.yaml").string() +
                       "\nname: t\nregions_table: counties.csv\n");
}

std::string load_error(const fs::path& file) {
  try {
    load_scenario(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(NationalScenario, TableProblemsNameFileLineAndColumn) {
  TempDir dir;
  const std::string profile = scenario_file("regions/qinxian.yaml").string();
  const std::string csv = (dir / "counties.csv").string();

  // A households cell that is not a positive whole number: the second data row is line 4, as its
  // path says.
  auto s = scenario_with_table(dir, "# comment\ncounty,province,households,profile\nA,P,10," +
                                        profile + "\nB,P,ten," + profile + "\n");
  std::string err = load_error(s);
  EXPECT_NE(err.find(csv + ":4:5: error: regions_table[line 4].households: expected a positive "
                           "whole number of households, found \"ten\""),
            std::string::npos)
      << err;

  // Columns in another order are fine; an empty cell is not.
  s = scenario_with_table(
      dir, "province,county,profile,households\nP,A," + profile + ",10\nP,," + profile + ",5\n");
  err = load_error(s);
  EXPECT_NE(err.find(csv + ":3:3: error: regions_table[line 3].county: expected a value"),
            std::string::npos)
      << err;

  // A missing column, an unknown one, a short row.
  s = scenario_with_table(dir, "county,households,profile,size\nA,10," + profile + ",3\n");
  err = load_error(s);
  EXPECT_NE(err.find(csv + ":1:1: error: regions_table: expected a header with the column "
                           "`province`"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("unknown column `size`"), std::string::npos) << err;
  s = scenario_with_table(dir, "county,province,households,profile\nA,P,10\n");
  err = load_error(s);
  EXPECT_NE(err.find(csv + ":2:1: error: regions_table[line 2]: expected 4 cells like the header, "
                           "found 3"),
            std::string::npos)
      << err;

  // A profile that does not exist and a duplicate county point at their rows.
  s = scenario_with_table(
      dir, "county,province,households,profile\nA,P,10,nowhere.yaml\nA,P,5," + profile + "\n");
  err = load_error(s);
  EXPECT_NE(err.find(csv + ":2:8: error: regions[0].profile: expected an existing region "
                           "profile file"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(csv + ":3:1: error: regions[1].name: duplicate region name \"A\""),
            std::string::npos)
      << err;

  // Through the program: exit code 2 and the same message.
  s = scenario_with_table(dir, "county,province,households,profile\nA,P,-3," + profile + "\n");
  const auto r = run_povsim({"validate", s.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(csv + ":2:5: error: regions_table[line 2].households"), std::string::npos)
      << r.err;

  // A missing table, and a table next to a regions list.
  const auto missing =
      dir.write("m.yaml", "schema: povsim/1\nextends: " + scenario_file("baseline.yaml").string() +
                              "\nname: t\nregions_table: none.csv\n");
  EXPECT_NE(load_error(missing).find(
                "m.yaml:4:16: error: regions_table: cannot read regions table: no such file"),
            std::string::npos)
      << load_error(missing);
  const auto both = dir.write("b.yaml",
                              "schema: povsim/1\nname: t\nperiod: {start: 2021-01, end: "
                              "2021-12}\nregions_table: counties.csv\nregions: []\n");
  EXPECT_NE(load_error(both).find("expected either `regions` or `regions_table`"),
            std::string::npos)
      << load_error(both);
}

TEST(NationalScenario, EachCountyCarriesItsProvinceFromTheTable) {
  const LoadedScenario s = load_scenario(scenario_file("national.yaml"));
  std::set<std::string> provinces;
  for (const auto& r : s.params.regions) {
    EXPECT_FALSE(r.province.empty()) << r.name;
    // County names are PROVINCE-NN: the table's province column says the same.
    EXPECT_EQ(r.name.substr(0, r.name.rfind('-')), r.province) << r.name;
    provinces.insert(r.province);
  }
  EXPECT_EQ(provinces.size(), 22u);
  EXPECT_EQ(s.params.regions.front().province, "河北");
}

TEST(NationalScenario, ProvinceIsKeptAsWrittenInATableOrYamlAndOptionalInYaml) {
  TempDir dir;
  const std::string profile = scenario_file("regions/qinxian.yaml").string();
  auto s = scenario_with_table(dir, "county,province,households,profile\nA,内蒙古自治区,10," +
                                        profile + "\nB, 甘肃 ,5," + profile + "\n");
  LoadedScenario loaded = load_scenario(s);
  ASSERT_EQ(loaded.params.regions.size(), 2u);
  EXPECT_EQ(loaded.params.regions[0].province, "内蒙古自治区");
  EXPECT_EQ(loaded.params.regions[1].province, "甘肃");  // the table trims cells
  // In YAML a region may name its province; without the key it has none.
  const auto yaml = dir.write(
      "y.yaml", "schema: povsim/1\nextends: " + scenario_file("baseline.yaml").string() +
                    "\nname: y\nregions:\n  - {name: a, households: 10, profile: " + profile +
                    ", province: 山西}\n  - {name: b, households: 10, profile: " + profile + "}\n");
  loaded = load_scenario(yaml);
  ASSERT_EQ(loaded.params.regions.size(), 2u);
  EXPECT_EQ(loaded.params.regions[0].province, "山西");
  EXPECT_EQ(loaded.params.regions[1].province, "");
  // A province that is not a name: an error at the key.
  const auto bad = dir.write(
      "bad.yaml", "schema: povsim/1\nextends: " + scenario_file("baseline.yaml").string() +
                      "\nname: y\nregions:\n  - {name: a, households: 10, profile: " + profile +
                      ", province: [1, 2]}\n");
  const std::string err = load_error(bad);
  EXPECT_NE(err.find("bad.yaml:5:"), std::string::npos) << err;
  EXPECT_NE(err.find("regions[0].province: expected the name of the province the region belongs "
                     "to, found "),
            std::string::npos)
      << err;
}

}  // namespace
}  // namespace povsim
