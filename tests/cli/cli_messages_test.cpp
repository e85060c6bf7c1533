// What the program says about itself: unknown commands, --help's defaults, schema --values,
// sweep progress on a terminal, suggestions for misspelt region names, cost.csv's NA.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <sstream>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::data_file;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> f;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, sep)) f.push_back(cell);
  if (!line.empty() && line.back() == sep) f.push_back("");
  return f;
}

TEST(CliMessages, UnknownCommandIsNamedWithTheCommandsAndExitCode2) {
  const auto r = run_povsim({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("povsim: error: unknown command `frobnicate`; the commands are: run, "
                       "compare, sweep, merge, calibrate, validate, schema, metrics, report"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("A subcommand is required"), std::string::npos) << r.err;
}

TEST(CliMessages, MisspeltCommandGetsASuggestion) {
  const auto r = run_povsim({"swep", data_file("sweeps/lhs-small.yaml").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command `swep` (did you mean `sweep`?)"), std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(CliMessages, NoCommandAtAllStillSaysOneIsRequired) {
  const auto r = run_povsim({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("A subcommand is required"), std::string::npos) << r.err;
}

TEST(CliMessages, HelpShowsEachCommandsOwnDefaultOut) {
  const std::pair<const char*, const char*> expected[] = {
      {"run", "output directory (default outputs/<scenario file name>)"},
      {"compare", "output directory (default outputs/compare-<name of A>-vs-<name of B>)"},
      {"sweep", "output directory (default outputs/sweep-<sweep name>)"},
      {"calibrate", "output directory (default outputs/calibrate-<calibration name>)"}};
  for (const auto& [command, text] : expected) {
    const auto r = run_povsim({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find(text), std::string::npos) << command << ":\n" << r.out;
  }
}

TEST(CliMessages, SchemaValuesAddsAColumnOfTheScenariosValues) {
  const auto plain = lines_of(run_povsim({"schema"}).out);
  const auto r = run_povsim({"schema", "--values", data_file("small.yaml").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto with = lines_of(r.out);
  ASSERT_EQ(with.size(), plain.size());
  ASSERT_FALSE(with.empty());
  for (std::size_t i = 0; i < with.size(); ++i) {
    EXPECT_EQ(with[i].rfind(plain[i] + "\t", 0), 0u) << with[i];
    EXPECT_EQ(split(plain[i], '\t').size(), 4u) << plain[i];
    EXPECT_EQ(split(with[i], '\t').size(), 5u) << with[i];
  }
  // small.yaml's first region is 沁县: its profile's elimination rule, as the markdown shows it
  const std::string md =
      run_povsim({"schema", "--markdown", "--values", data_file("small.yaml").string()}).out;
  bool found = false;
  for (const auto& line : with)
    if (line.rfind("monitoring.risk_elimination_months\t", 0) == 0) {
      const std::string value = split(line, '\t').back();
      EXPECT_FALSE(value.empty());
      EXPECT_NE(md.find("`monitoring.risk_elimination_months` |"), std::string::npos);
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(CliMessages, SchemaValuesOfABadScenarioIsBadInput) {
  const auto r = run_povsim({"schema", "--values", data_file("no-such.yaml").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(CliMessages, MisspeltRegionInSetGetsASuggestion) {
  const auto r = run_povsim(
      {"validate", data_file("small.yaml").string(), "--set", "regions.沁具.households=10"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--set regions.沁具.households=10: error: regions.沁具: expected the name "
                       "or index of a list element, found \"沁具\" (did you mean `沁县`?)"),
            std::string::npos)
      << r.err;
  const auto far = run_povsim(
      {"validate", data_file("small.yaml").string(), "--set", "regions.nowhere.households=10"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(CliMessages, CostCsvSaysWhyACostIsNA) {
  TempDir dir;
  // A scenario against itself keeps nobody out of poverty: every cost is NA, each with its note.
  const auto r =
      run_povsim({"compare", data_file("small.yaml").string(), data_file("small.yaml").string(),
                  "--scale", "0.1", "--replications", "1", "--out", (dir / "c").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = lines_of(read_file(dir / "c" / "cost.csv"));
  ASSERT_GT(rows.size(), 1u);
  EXPECT_EQ(rows[0],
            "scenario,baseline,year,region,spending_diff,kept_out_of_poverty,cost_per_household,"
            "note");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto f = split(rows[i], ',');
    ASSERT_EQ(f.size(), 8u) << rows[i];
    EXPECT_EQ(f[6], "NA") << rows[i];
    EXPECT_EQ(f[7].rfind("NA: no household kept out of poverty", 0), 0u) << rows[i];
  }
}

/// Runs povsim with stdout and stderr on one pseudo-terminal (as in an interactive shell) and
/// returns everything it wrote there.
std::string run_on_terminal(const std::vector<std::string>& args, int& exit_code) {
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    std::vector<std::string> text{POVSIM_BINARY};
    text.insert(text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : text) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(POVSIM_BINARY, argv.data());
    ::_exit(127);
  }
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited and the terminal is closed
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST(CliMessages, SweepProgressCountsPointsAndEndsItsLineBeforeTheSummary) {
  TempDir dir;
  int code = -1;
  const auto start = std::chrono::steady_clock::now();
  // 320 runs of 2,000 households: several seconds, so the progress line (shown after 2 s) appears
  const std::string text = run_on_terminal({"sweep", data_file("sweeps/sobol-small.yaml").string(),
                                            "--out", (dir / "s").string(), "--threads", "2"},
                                           code);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(code, 0) << text;
  const auto at = text.find("povsim sweep sobol-small: 320 points");
  ASSERT_NE(at, std::string::npos) << text;
  if (text.find("\rpovsim sweep sobol-small:") == std::string::npos && seconds < 2.5)
    GTEST_SKIP() << "the sweep took " << seconds << " s, too short for a progress line";
  EXPECT_NE(text.find(" points/s  elapsed"), std::string::npos) << text;
  EXPECT_EQ(text.find("household-months/s"), std::string::npos) << text;
  // the summary starts a line of its own (a terminal turns \n into \r\n)
  ASSERT_GT(at, 0u);
  EXPECT_EQ(text[at - 1], '\n') << text;
}

}  // namespace
}  // namespace povsim
