// The warnings tier (implausible but valid input) for sweep and calibrate: the base scenario's
// warnings are printed once, as run prints them, and --strict makes them errors before anything
// runs or is written.
#include <gtest/gtest.h>

#include <string>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::ProgramResult;
using testing::run_povsim;
using testing::TempDir;

constexpr const char* kWarning =
    "s.yaml:4:24: warning: lines.monitoring: the monitoring line of 2021 (3000 "
    "yuan/person/year) is below the poverty line";
constexpr const char* kStrictError =
    "s.yaml:4:24: error: lines.monitoring: the monitoring line of 2021";

/// tests/data/small.yaml with a monitoring line below the poverty line (one warning).
fs::path warned_base(const TempDir& dir) {
  return dir.write(
      "s.yaml", "extends: " + data_file("small.yaml").string() +
                    "\noverrides:\n  lines:\n    monitoring: {2021: 3000, 2022: 3000, 2023: 3000, "
                    "2024: 3000, 2025: 3000}\n");
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

void expect_warned_then_refused(const std::string& command, const fs::path& spec,
                                const TempDir& dir) {
  const fs::path out = dir / "out";
  const ProgramResult r = run_povsim(
      {command, spec.string(), "--scale", "0.05", "--threads", "1", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count(r.err, kWarning), 1u) << r.err;  // once, not once per trial load of an axis

  const fs::path strict_out = dir / "strict";
  const ProgramResult s = run_povsim({command, spec.string(), "--scale", "0.05", "--threads", "1",
                                      "--strict", "--out", strict_out.string()});
  EXPECT_EQ(s.exit_code, 2) << s.err;
  EXPECT_NE(s.err.find(kStrictError), std::string::npos) << s.err;
  EXPECT_NE(s.err.find("(a warning; an error under --strict)"), std::string::npos) << s.err;
  EXPECT_FALSE(fs::exists(strict_out));
}

TEST(WarningsTier, SweepPrintsItsBaseScenariosWarningsAndStrictRefusesThem) {
  TempDir dir;
  const fs::path base = warned_base(dir);
  const fs::path spec =
      dir.write("w.yaml", "schema: povsim-sweep/1\nname: w\nbase: " + base.string() +
                              "\nmethod: lhs\npoints: 2\nseed: 7\nreplications: 1\naxes:\n"
                              "  - {key: economy.trend_growth, min: 0.0, max: 0.1}\n");
  expect_warned_then_refused("sweep", spec, dir);
}

TEST(WarningsTier, CalibratePrintsItsBaseScenariosWarningsAndStrictRefusesThem) {
  TempDir dir;
  const fs::path base = warned_base(dir);
  const fs::path spec = dir.write(
      "c.yaml", "schema: povsim-calibration/1\nname: c\nbase: " + base.string() +
                    "\nreplications: 1\nstarts: 1\nseed: 1\nmax_iterations: 1\n"
                    "finite_difference_step: 0.02\nparameters:\n"
                    "  - {key: economy.trend_growth, min: 0.0, max: 0.2, start: 0.05}\n"
                    "targets:\n  - {metric: poverty_rate, year: 2022, region: all, observed: "
                    "0.01, sd: 0.002, weight: 1, use: fit}\n");
  expect_warned_then_refused("calibrate", spec, dir);
}

}  // namespace
}  // namespace povsim
