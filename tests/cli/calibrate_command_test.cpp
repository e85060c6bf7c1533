// povsim calibrate: parameter recovery on model-generated targets, determinism, bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "phases/metrics.hpp"
#include "scenario/scenario_loader.hpp"
#include "sim/runner.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

/// Mean over replications of a metric (region all) at the true parameters.
double truth(const std::vector<std::string>& set, Metric m, int year) {
  const LoadedScenario s = load_scenario(data_file("small.yaml"), {set, 1.0});
  RunSettings rs;
  rs.threads = 2;
  const RunResult r = run_scenario(s.params, rs);
  double sum = 0;
  for (const auto& rep : r.replications)
    for (std::size_t y = 0; y < rep.years.size(); ++y)
      if (rep.years[y] == year) sum += rep.values[y].back()[static_cast<int>(m)];
  return sum / static_cast<double>(r.replications.size());
}

/// A calibration file whose targets are the model's own moments at known parameters.
fs::path recovery_file(const fs::path& dir) {
  const std::vector<std::string> at{"replications=2", "economy.trend_growth=0.08",
                                    "shocks.illness.annual_probability=0.07"};
  std::ostringstream y;
  y << "schema: povsim-calibration/1\nname: recovery\nbase: " << data_file("small.yaml").string()
    << "\nreplications: 2\nstarts: 2\nseed: 3\nmax_iterations: 20\nfinite_difference_step: 0.02\n"
    << "parameters:\n"
    << "  - {key: economy.trend_growth, min: 0.0, max: 0.2, start: 0.03}\n"
    << "  - {key: shocks.illness.annual_probability, min: 0.01, max: 0.15, start: 0.03}\n"
    << "targets:\n";
  for (int year : {2022, 2024}) {
    const double income = truth(at, Metric::kIncomePerCapitaMeanLifted, year);
    const double illness = truth(at, Metric::kIllnessEvents, year);
    y << "  - {metric: income_per_capita_mean_lifted, year: " << year
      << ", region: all, observed: " << income << ", sd: " << 0.01 * income
      << ", weight: 1, use: fit}\n"
      << "  - {metric: illness_events, year: " << year << ", region: all, observed: " << illness
      << ", sd: " << 0.03 * illness << ", weight: 1, use: fit}\n";
  }
  const fs::path file = dir / "recovery.yaml";
  std::ofstream(file) << y.str();
  return file;
}

double fitted(const fs::path& parameters_csv, const std::string& key) {
  std::istringstream in(read_file(parameters_csv));
  for (std::string line; std::getline(in, line);)
    if (line.rfind(key + ",", 0) == 0) {
      std::stringstream ss(line);
      std::string cell;
      std::getline(ss, cell, ',');
      std::getline(ss, cell, ',');
      std::getline(ss, cell, ',');
      return std::stod(cell);
    }
  return -1;
}

TEST(CalibrateCommand, RecoversKnownParametersFromTheirOwnMoments) {
  TempDir dir;
  const fs::path file = recovery_file(dir.path());
  const auto out = dir.path() / "fit";
  const auto r = run_povsim({"calibrate", file.string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::cout << r.out;
  EXPECT_NEAR(fitted(out / "parameters.csv", "economy.trend_growth"), 0.08, 0.01);
  EXPECT_NEAR(fitted(out / "parameters.csv", "shocks.illness.annual_probability"), 0.07, 0.01);
  EXPECT_NE(read_file(out / "fit.csv").find(",yes,"), std::string::npos);
  EXPECT_NE(read_file(out / "calibrated.yaml").find("extends: "), std::string::npos);
  // The calibrated scenario is a valid scenario.
  EXPECT_EQ(run_povsim({"validate", (out / "calibrated.yaml").string()}).exit_code, 0);

  // Same file and seed: the same fitted parameters at 1 and 2 threads, to the byte.
  const auto one = dir.path() / "fit1";
  ASSERT_EQ(
      run_povsim({"calibrate", file.string(), "--out", one.string(), "--threads", "1"}).exit_code,
      0);
  EXPECT_EQ(read_file(out / "parameters.csv"), read_file(one / "parameters.csv"));
  EXPECT_EQ(read_file(out / "trace.csv"), read_file(one / "trace.csv"));
}

TEST(CalibrateCommand, BadCalibrationFileReportsEveryProblemAtItsPlace) {
  const auto r = run_povsim({"calibrate", data_file("calibration/bad.yaml").string()});
  EXPECT_EQ(r.exit_code, 2);
  for (const char* part :
       {"bad.yaml:11:61: error: parameters[1].max: expected a bound above min (0.2), found 0.1",
        "bad.yaml:13:14: error: targets[0].metric: unknown metric \"return_to_povety_rate\" (did "
        "you mean `return_to_poverty_rate`?)"})
    EXPECT_NE(r.err.find(part), std::string::npos) << part << "\n" << r.err;
}

TEST(CalibrateCommand, UnknownParameterKeyIsBadInputAtTheParameter) {
  TempDir dir;
  const fs::path file = dir.path() / "key.yaml";
  std::ofstream(file) << "schema: povsim-calibration/1\nname: key\nbase: "
                      << data_file("small.yaml").string()
                      << "\nreplications: 1\nstarts: 1\nseed: 1\nmax_iterations: 5\n"
                         "finite_difference_step: 0.01\nparameters:\n"
                         "  - {key: economy.trend_growht, min: 0.0, max: 0.2, start: 0.1}\n"
                         "targets:\n  - {metric: poverty_rate, year: 2022, region: all, observed: "
                         "0.01, sd: 0.002, weight: 1, use: fit}\n";
  const auto r = run_povsim({"calibrate", file.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("key.yaml:10:5: error: parameters[0]: parameter economy.trend_growht"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("did you mean `trend_growth`?"), std::string::npos) << r.err;
}

TEST(CalibrateCommand, TargetPopulationAndDateAreCheckedAndShown) {
  TempDir dir;
  const auto spec = [&](const std::string& extra) {
    const fs::path file = dir.path() / "pop.yaml";
    std::ofstream(file)
        << "schema: povsim-calibration/1\nname: pop\nbase: " << data_file("small.yaml").string()
        << "\nreplications: 1\nstarts: 1\nseed: 1\nmax_iterations: 0\n"
           "finite_difference_step: 0.01\nparameters: []\n"
           "targets:\n  - {metric: poverty_rate, year: 2022, region: all, observed: "
           "0.01, sd: 0.002, weight: 1, use: holdout, "
        << extra << "}\n";
    return file;
  };
  auto r = run_povsim({"calibrate", spec("population: poor_people, observed_at: 2024-13").string(),
                       "--out", (dir.path() / "bad").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("pop.yaml:11:117: error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("targets[0].population: expected one of formerly_poor, monitored, "
                       "rural_residents, model_population, found \"poor_people\""),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("targets[0].observed_at: expected a date YYYY or YYYY-MM, found "
                       "\"2024-13\""),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "bad"));

  const fs::path out = dir.path() / "good";
  r = run_povsim({"calibrate", spec("population: formerly_poor, observed_at: \"2024-09\"").string(),
                  "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(out / "fit.md").find("| formerly poor, 2024-09 |"), std::string::npos)
      << read_file(out / "fit.md");
  EXPECT_NE(read_file(out / "fit.csv").find(",formerly_poor,2024-09\n"), std::string::npos)
      << read_file(out / "fit.csv");
}

TEST(CalibrateCommand, CalibratedScenarioNamesItsFitInTheRunManifestAndReport) {
  TempDir dir;
  const fs::path file = dir.path() / "stamp.yaml";
  std::ofstream(file) << "schema: povsim-calibration/1\nname: stamp\nbase: "
                      << data_file("small.yaml").string()
                      << "\nreplications: 1\nstarts: 1\nseed: 1\nmax_iterations: 0\n"
                         "finite_difference_step: 0.01\nparameters:\n"
                         "  - {key: economy.trend_growth, min: 0.0, max: 0.2, start: 0.06}\n"
                         "targets:\n  - {metric: poverty_rate, year: 2022, region: all, observed: "
                         "0.01, sd: 0.002, weight: 1, use: fit}\n";
  const fs::path fit = dir.path() / "fit";
  auto r = run_povsim({"calibrate", file.string(), "--out", fit.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The fit's id is the start of the calibration's fingerprint: it leads back to this directory.
  const nlohmann::json fit_manifest = nlohmann::json::parse(read_file(fit / "manifest.json"));
  const std::string id = fit_manifest["fingerprint"]["sha256"].get<std::string>().substr(0, 12);
  const std::string yaml = read_file(fit / "calibrated.yaml");
  EXPECT_NE(yaml.find("calibration:\n  fit: " + id + "\n  spec: " + file.generic_string()),
            std::string::npos)
      << yaml;

  const fs::path run = dir.path() / "run";
  r = run_povsim({"run", (fit / "calibrated.yaml").string(), "--out", run.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json m = nlohmann::json::parse(read_file(run / "manifest.json"));
  ASSERT_TRUE(m.contains("calibration")) << m.dump(2);
  EXPECT_EQ(m["calibration"]["fit"], id);
  EXPECT_EQ(m["calibration"]["spec"], file.generic_string());
  const double objective = fit_manifest["objective"].get<double>();
  EXPECT_NEAR(m["calibration"]["objective"].get<double>(), objective, 1e-8 * objective);
  // The report's header reads it (its rendering is checked in the browser test).
  EXPECT_NE(read_file(run / "report.html").find("\"fit\":\"" + id + "\""), std::string::npos);

  // A scenario without the block stays a projection: no calibration in its manifest.
  const fs::path plain = dir.path() / "plain";
  r = run_povsim({"run", data_file("small.yaml").string(), "--out", plain.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(nlohmann::json::parse(read_file(plain / "manifest.json")).contains("calibration"));
}

}  // namespace
}  // namespace povsim
