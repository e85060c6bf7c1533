// The tables in docs/ that come from the engine's own schema and metric list must be current:
// regenerate them with `make docs` (scripts/update-docs.sh) after changing either.
#include <gtest/gtest.h>

#include <string>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::read_file;
using testing::run_povsim;

std::string generated_block(const std::string& doc, const std::string& name) {
  const std::string begin = "<!-- generated: " + name + " -->\n";
  const auto b = doc.find(begin);
  const auto e = doc.find("<!-- end generated -->", b);
  if (b == std::string::npos || e == std::string::npos) return "";
  return doc.substr(b + begin.size(), e - b - begin.size());
}

TEST(DocsSync, ParameterTableMatchesTheSchema) {
  const auto r = run_povsim({"schema", "--markdown", "--values",
                             std::string(POVSIM_SOURCE_DIR) + "/scenarios/baseline.yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      generated_block(read_file(std::string(POVSIM_SOURCE_DIR) + "/docs/parameters.md"), "schema"),
      r.out)
      << "docs/parameters.md is stale: run `make docs`";
}

TEST(DocsSync, MetricTableMatchesTheEngine) {
  const auto r = run_povsim({"metrics"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      generated_block(read_file(std::string(POVSIM_SOURCE_DIR) + "/docs/outputs.md"), "metrics"),
      r.out)
      << "docs/outputs.md is stale: run `make docs`";
}

}  // namespace
}  // namespace povsim
