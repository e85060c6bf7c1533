// The YAML list-size limit (kMaxYamlListSize, docs/outputs.md "Limits") through the real
// program: a list one entry over the limit is refused at its place, before anything runs.
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

/// A flow list of `n` zeros: `[0,0,…,0]`.
std::string zeros(std::size_t n) {
  std::string list = "[";
  for (std::size_t i = 0; i < n; ++i) list += i == 0 ? "0" : ",0";
  return list + "]";
}

TEST(InputLimits, AListOverOneMillionEntriesIsAnErrorWithItsPlace) {
  TempDir dir;
  const fs::path s = dir.write(
      "s.yaml", "extends: " + data_file("small.yaml").string() + "\nx: " + zeros(1'000'001) + "\n");
  const fs::path out = dir / "out";
  const ProgramResult r = run_povsim({"run", s.string(), "--out", out.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("s.yaml:2:4: error: expected at most 1000000 entries in a list, found "
                       "1000001"),
            std::string::npos)
      << r.err.substr(0, 2000);
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace povsim
