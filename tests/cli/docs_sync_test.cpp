// The tables in docs/ that come from the engine's own schema and metric list, and the examples
// marked in README.md and docs/*.md, must be current: regenerate them with `make docs`
// (scripts/update-docs.sh, scripts/doc-examples.py --update) after changing what they show.
#include <gtest/gtest.h>

#include <cstdio>
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

TEST(DocsSync, EveryMarkedDocExampleIsWhatTheProgramPrints) {
  // scripts/doc-examples.py runs every `<!-- example -->` session of README.md and docs/*.md
  // against this build and compares every `<!-- file: … -->` block with its file; `make docs`
  // rewrites them (--update).
  const std::string command = "python3 " + std::string(POVSIM_SOURCE_DIR) +
                              "/scripts/doc-examples.py " + POVSIM_BINARY + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = ::pclose(pipe);
  EXPECT_EQ(status, 0) << out;
}

}  // namespace
}  // namespace povsim
