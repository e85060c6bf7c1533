// Parameter ensembles end to end: calibrate writes ensemble.csv; run and compare --parameters run
// every draw on common random numbers and split each interval into its stochastic and parameter
// parts (uncertainty.csv).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string c; std::getline(ss, c, ',');) out.push_back(c);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

/// The row of uncertainty.csv whose leading fields are `lead` (e.g. "2024,all,metric"), as a map
/// column → value.
std::map<std::string, std::string> row(const fs::path& csv, const std::string& lead) {
  std::istringstream in(read_file(csv));
  std::string header;
  std::getline(in, header);
  const auto names = cells(header);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(lead + ",", 0) == 0) {
      const auto values = cells(line);
      std::map<std::string, std::string> m;
      for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) m[names[i]] = values[i];
      return m;
    }
  return {};
}

fs::path calibration_file(const fs::path& dir, const std::string& draws) {
  const fs::path file = dir / "ens.yaml";
  std::ofstream(file) << "schema: povsim-calibration/1\nname: ens\nbase: "
                      << data_file("small.yaml").string()
                      << "\nreplications: 2\nstarts: 1\nseed: 5\nmax_iterations: 3\n"
                         "finite_difference_step: 0.02\nensemble_draws: "
                      << draws
                      << "\nparameters:\n"
                         "  - {key: economy.per_capita_income_2020_lifted, min: 8000, max: 14000, "
                         "start: 10740}\n"
                         "  - {key: economy.trend_growth, min: 0.0, max: 0.3, start: 0.08}\n"
                         "targets:\n"
                         "  - {metric: income_per_capita_mean_lifted, year: 2022, region: all, "
                         "observed: 12500, sd: 300, weight: 1, use: fit}\n"
                         "  - {metric: income_per_capita_mean_lifted, year: 2024, region: all, "
                         "observed: 14500, sd: 300, weight: 1, use: fit}\n";
  return file;
}

TEST(EnsembleCommand, CalibrateWritesDrawsInsideTheBoundsTheSameAtOneAndTwoThreads) {
  TempDir dir;
  const fs::path file = calibration_file(dir.path(), "12");
  const auto two = dir.path() / "two", one = dir.path() / "one";
  auto r = run_povsim({"calibrate", file.string(), "--out", two.string(), "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(
      run_povsim({"calibrate", file.string(), "--out", one.string(), "--threads", "1"}).exit_code,
      0);
  const std::string csv = read_file(two / "ensemble.csv");
  EXPECT_EQ(csv, read_file(one / "ensemble.csv"));
  std::cout << csv;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "draw,economy.per_capita_income_2020_lifted,economy.trend_growth");
  int rows = 0;
  std::vector<double> growth;
  while (std::getline(in, line)) {
    const auto c = cells(line);
    ASSERT_EQ(c.size(), 3u) << line;
    EXPECT_EQ(c[0], std::to_string(rows));
    const double level = std::stod(c[1]), g = std::stod(c[2]);
    EXPECT_GE(level, 8000);
    EXPECT_LE(level, 14000);
    EXPECT_GE(g, 0.0);
    EXPECT_LE(g, 0.3);
    growth.push_back(g);
    ++rows;
  }
  EXPECT_EQ(rows, 12);
  // Draws, not twelve copies of the fit.
  EXPECT_NE(*std::min_element(growth.begin(), growth.end()),
            *std::max_element(growth.begin(), growth.end()));
  const std::string manifest = read_file(two / "manifest.json");
  EXPECT_NE(manifest.find("\"ensemble\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"draws\": 12"), std::string::npos) << manifest;

  // ensemble_draws: 0 writes none.
  const auto none = dir.path() / "none";
  ASSERT_EQ(
      run_povsim({"calibrate", calibration_file(dir.path(), "0").string(), "--out", none.string()})
          .exit_code,
      0);
  EXPECT_FALSE(fs::exists(none / "ensemble.csv"));
}

TEST(EnsembleCommand, BadEnsembleDrawsIsBadInputAtItsLine) {
  TempDir dir;
  const auto r = run_povsim({"calibrate", calibration_file(dir.path(), "-3").string(), "--out",
                             (dir.path() / "x").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ens.yaml:9:17: error: ensemble_draws"), std::string::npos) << r.err;
}

fs::path write(const fs::path& file, const std::string& text) {
  std::ofstream(file) << text;
  return file;
}

constexpr const char* kIncome = "2024,all,income_per_capita_mean_lifted";

TEST(EnsembleCommand, RunSplitsTheIntervalIntoStochasticAndParameterParts) {
  TempDir dir;
  const std::string scenario = data_file("small.yaml").string();
  const fs::path differ =
      write(dir.path() / "differ.csv", "draw,economy.trend_growth\n0,0.04\n1,0.12\n");
  const fs::path same =
      write(dir.path() / "same.csv", "draw,economy.trend_growth\n0,0.08\n1,0.08\n");
  const auto a = dir.path() / "differ", b = dir.path() / "same";
  auto r = run_povsim({"run", scenario, "--out", a.string(), "--parameters", differ.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = run_povsim({"run", scenario, "--out", b.string(), "--parameters", same.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const auto d = row(a / "uncertainty.csv", kIncome);
  const auto s = row(b / "uncertainty.csv", kIncome);
  ASSERT_FALSE(d.empty());
  ASSERT_FALSE(s.empty());
  std::cout << "differing draws: mean " << d.at("mean") << " stochastic_var "
            << d.at("stochastic_var") << " parameter_var " << d.at("parameter_var")
            << " parameter_share " << d.at("parameter_share") << "\n"
            << "identical draws: mean " << s.at("mean") << " stochastic_var "
            << s.at("stochastic_var") << " parameter_var " << s.at("parameter_var") << "\n";
  EXPECT_EQ(d.at("draws"), "2");
  EXPECT_EQ(d.at("replications"), "2");
  EXPECT_GT(std::stod(d.at("parameter_var")), 0.0);
  EXPECT_GT(std::stod(d.at("parameter_var")), std::stod(d.at("stochastic_var")));
  EXPECT_EQ(s.at("parameter_var"), "0");
  EXPECT_GT(std::stod(s.at("stochastic_var")), 0.0);
  // Faster growth, higher 2024 income: the differing draws' mean lies between theirs.
  EXPECT_LT(std::stod(d.at("low")), std::stod(d.at("mean")));
  EXPECT_GT(std::stod(d.at("high")), std::stod(d.at("mean")));

  // The usual files are those of the scenario as given; the manifest records the ensemble.
  EXPECT_TRUE(fs::exists(a / "annual.csv"));
  const std::string manifest = read_file(a / "manifest.json");
  EXPECT_NE(manifest.find("\"draws\": 2"), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"sha256\": \""), std::string::npos) << manifest;

  // Draws on 1 and 2 threads: the same table to the byte.
  const auto t1 = dir.path() / "t1";
  ASSERT_EQ(run_povsim({"run", scenario, "--out", t1.string(), "--parameters", differ.string(),
                        "--threads", "1"})
                .exit_code,
            0);
  EXPECT_EQ(read_file(a / "uncertainty.csv"), read_file(t1 / "uncertainty.csv"));
}

TEST(EnsembleCommand, BadParameterFilesAreBadInputAtTheirLine) {
  TempDir dir;
  const std::string scenario = data_file("small.yaml").string();
  const auto fails = [&](const std::string& name, const std::string& text,
                         const std::string& expected) {
    const fs::path file = write(dir.path() / name, text);
    const auto out = dir.path() / ("out-" + name);
    const auto r =
        run_povsim({"run", scenario, "--out", out.string(), "--parameters", file.string()});
    EXPECT_EQ(r.exit_code, 2) << name;
    EXPECT_NE(r.err.find(expected), std::string::npos) << name << "\n" << r.err;
    EXPECT_FALSE(fs::exists(out)) << name;
  };
  fails("empty.csv", "", "empty.csv:1:1: error: header: expected the header draw,<key1>");
  fails("header.csv", "run,economy.trend_growth\n0,0.1\n",
        "header.csv:1:1: error: header: expected the header draw,<key1>,<key2>,…, found \"run\"");
  fails("unknown.csv", "draw,economy.trend_growht\n0,0.1\n",
        "unknown.csv:1:6: error: header: expected a key the scenario");
  fails("region.csv", "draw,regions.0.households\n0,10\n",
        "region.csv:1:6: error: header: expected a region-level scenario key");
  fails("number.csv", "draw,economy.trend_growth\n0,0.1\n1,fast\n",
        "number.csv:3:3: error: economy.trend_growth: expected a number, found \"fast\"");
  fails("cells.csv", "draw,economy.trend_growth\n0,0.1,0.2\n",
        "cells.csv:2:1: error: draw: expected 2 cells");
  fails("rows.csv", "draw,economy.trend_growth\n", "rows.csv:1:1: error: draw: expected at least");
  fails("range.csv", "draw,economy.trend_growth\n0,0.1\n1,7\n",
        "range.csv:3:1: error: draw 1: expected values the scenario");
  // Every draw runs from the start: checkpoints would hold one draw's state only.
  const fs::path good = write(dir.path() / "good.csv", "draw,economy.trend_growth\n0,0.1\n");
  const auto r = run_povsim({"run", scenario, "--parameters", good.string(), "--checkpoint",
                             (dir.path() / "ck").string(), "--checkpoint-every", "12", "--out",
                             (dir.path() / "ck-out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot be combined with --checkpoint"), std::string::npos) << r.err;
}

TEST(EnsembleCommand, CompareReportsTheDifferencesPerDrawOnTheSameSeeds) {
  TempDir dir;
  const fs::path b = write(dir.path() / "withdrawal.yaml",
                           "schema: povsim/1\nextends: " + data_file("small.yaml").string() +
                               "\nname: withdrawal\npolicy:\n  - from: 2022-01\n    until: "
                               "2025-12\n    description: monitoring ends\n    set:\n"
                               "      monitoring: {enabled: false}\n");
  const fs::path differ =
      write(dir.path() / "differ.csv", "draw,economy.trend_growth\n0,0.04\n1,0.12\n");
  const auto out = dir.path() / "cmp";
  const auto r = run_povsim({"compare", data_file("small.yaml").string(), b.string(), "--out",
                             out.string(), "--parameters", differ.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto m = row(out / "uncertainty.csv", "withdrawal,small,2024,all,return_to_poverty_rate");
  ASSERT_FALSE(m.empty()) << read_file(out / "uncertainty.csv").substr(0, 400);
  std::cout << "withdrawal − small, return_to_poverty_rate 2024: mean " << m.at("mean") << " ["
            << m.at("low") << ", " << m.at("high") << "] stochastic_var " << m.at("stochastic_var")
            << " parameter_var " << m.at("parameter_var") << "\n";
  EXPECT_EQ(m.at("draws"), "2");
  EXPECT_GT(std::stod(m.at("total_var")), 0.0);
  EXPECT_TRUE(fs::exists(out / "compare.csv"));
  EXPECT_NE(read_file(out / "withdrawal" / "manifest.json").find("\"parameter_ensemble\""),
            std::string::npos);
}

}  // namespace
}  // namespace povsim
