// What a regions table costs to load: a county table grows to thousands of rows, and each row must
// stay cheap (a few KB, well under a millisecond), not a copy of the whole merged scenario.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::scenario_file;
using testing::TempDir;

struct Usage {
  int exit_code = -1;
  double cpu_seconds = 0;  // user + system: what the load itself costs, not the machine's load
  long peak_rss_kb = 0;
};

/// Runs `povsim validate FILE` and reads this one child's resource use (wait4, so that other
/// children of the test do not count).
Usage validate_usage(const fs::path& scenario) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    const std::string file = scenario.string();
    execl(POVSIM_BINARY, POVSIM_BINARY, "validate", file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  Usage u;
  if (pid < 0) return u;
  int status = 0;
  rusage ru{};
  if (wait4(pid, &status, 0, &ru) != pid) return u;
  if (WIFEXITED(status)) u.exit_code = WEXITSTATUS(status);
  u.cpu_seconds = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                  static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  u.peak_rss_kb = ru.ru_maxrss;
  return u;
}

/// A scenario over a generated table of `rows` counties on the shipped profiles.
fs::path table_scenario(const TempDir& dir, int rows) {
  const std::vector<std::string> profiles{"qinxian", "bazhou", "nanjiang"};
  std::string csv = "county,province,households,profile\n";
  for (int i = 0; i < rows; ++i)
    csv += "county-" + std::to_string(i) + ",P" + std::to_string(i % 31) + ",1000," +
           scenario_file("regions/" + profiles[i % 3] + ".yaml").string() + "\n";
  dir.write("table.csv", csv);
  return dir.write("s.yaml", "extends: " + scenario_file("baseline.yaml").string() +
                                 "\nregions_table: table.csv\n");
}

TEST(RegionsTableCost, TwoThousandRowsValidateInLittleMemoryAndTime) {
  TempDir small_dir, big_dir;
  const Usage small = validate_usage(table_scenario(small_dir, 10));
  const Usage big = validate_usage(table_scenario(big_dir, 2000));
  ASSERT_EQ(small.exit_code, 0);
  ASSERT_EQ(big.exit_code, 0);
  // Per row: ~16 KB today (the row itself and the checked parameters the simulation keeps);
  // a copy of the merged tree per row was ~160 KB (~330 MB here). The bound is far from both, so
  // neither noise nor a loaded machine decides it.
  const double kb_per_row = static_cast<double>(big.peak_rss_kb - small.peak_rss_kb) / 1990.0;
  EXPECT_LT(kb_per_row, 40.0) << "peak RSS " << small.peak_rss_kb << " KB at 10 rows, "
                              << big.peak_rss_kb << " KB at 2000 rows";
  // CPU time, not wall time, so that other work on the machine does not count: ~0.7 s today,
  // ~3.6 s when every row parsed the built-in YAML again and copied the merged tree.
  EXPECT_LT(big.cpu_seconds, 2.0) << "validating 2000 rows took " << big.cpu_seconds << " s CPU";
}

}  // namespace
}  // namespace povsim
