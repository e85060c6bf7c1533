// scripts/update-validation.sh on a small case: a validation file (max_iterations: 0, no free
// parameters) is evaluated, and its fit table lands between the markers of the document while
// the hand-written text around them stays.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "core/version.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;
using testing::read_file;
using testing::TempDir;

TEST(ValidationDoc, GeneratorWritesTheTableBetweenTheMarkers) {
  TempDir dir;
  const auto doc = dir.write("validation.md",
                             "# Validation\n\nhand-written before\n\n<!-- generated: validation "
                             "-->\nstale table\n<!-- end generated -->\n\nhand-written after\n");
  const auto file = dir.write(
      "small.yaml",
      "schema: povsim-calibration/1\nname: small\nbase: " +
          data_file("monitoring-county.yaml").string() +
          "\nreplications: 2\nstarts: 1\nseed: 1\nmax_iterations: 0\n"
          "finite_difference_step: 0.01\nparameters: []\ntargets:\n"
          "  - {metric: income_per_capita_mean_lifted, year: 2021, region: all, observed: 1000000,"
          " sd: 1, weight: 1, use: holdout, source: \"far off on purpose\"}\n"
          "  - {metric: monitored_share, year: 2022, region: 沁县, observed: 0.5, sd: 0.5, "
          "weight: 1, use: fit, source: \"a band that holds everything\"}\n");
  const std::string command = "POVSIM_VALIDATION_FLAGS='--scale 0.1 --threads 2' '" +
                              std::string(POVSIM_SOURCE_DIR) + "/scripts/update-validation.sh' '" +
                              POVSIM_BINARY + "' '" + doc.string() + "' '" + file.string() +
                              "' > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string text = read_file(doc);
  EXPECT_NE(text.find("hand-written before"), std::string::npos);
  EXPECT_NE(text.find("hand-written after"), std::string::npos);
  EXPECT_EQ(text.find("stale table"), std::string::npos);
  EXPECT_NE(text.find(std::string("model version `") + kModelVersion + "`"), std::string::npos)
      << text;
  // One row per target: the far-off one is outside its band, the wide one inside.
  EXPECT_NE(
      text.find("| `income_per_capita_mean_lifted` | 2021 | all | holdout | — | 1,000,000 (± 2) "),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("| **no** | far off on purpose |"), std::string::npos) << text;
  EXPECT_NE(text.find("| `monitored_share` | 2022 | 沁县 | fit | — | 50.0% (± 100.0%) "),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("| yes | a band that holds everything |"), std::string::npos) << text;
}

}  // namespace
}  // namespace povsim
