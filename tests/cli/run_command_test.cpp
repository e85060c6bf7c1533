// `povsim run` and `povsim validate` end to end: the files a run writes, their shape, the
// manifest's keys, and the output directory's life cycle.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/version.hpp"
#include "phases/metrics.hpp"
#include "support/outputs.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::entries;
using testing::ProgramResult;
using testing::read_file;
using testing::run_povsim;
using testing::scenario_file;
using testing::TempDir;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

constexpr std::size_t kRegions = 2;  // in tests/data/small.yaml
constexpr std::size_t kYears = 5;
constexpr std::size_t kReplications = 3;

/// One run of the small scenario at a quarter of its size (500 households), shared by the tests
/// that only read its outputs.
class SmallRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    result_ = new ProgramResult(
        run_povsim({"run", data_file("small.yaml").string(), "--scale", "0.25", "--replications",
                    "3", "--seed", "777", "--threads", "2", "--out", out().string()}));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete dir_;
  }
  static fs::path out() { return *dir_ / "out"; }

  static TempDir* dir_;
  static ProgramResult* result_;
};

TempDir* SmallRun::dir_ = nullptr;
ProgramResult* SmallRun::result_ = nullptr;

TEST_F(SmallRun, SucceedsAndWritesTheFiveFiles) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  EXPECT_EQ(entries(out()),
            (std::vector<std::string>{".povsim-output", "annual.csv", "funds.csv", "manifest.json",
                                      "report.html", "summary.csv"}));
  EXPECT_NE(result_->out.find("return_to_poverty_rate"), std::string::npos) << result_->out;
}

TEST_F(SmallRun, LeavesNoTemporaryDirectoryNextToTheOutput) {
  EXPECT_EQ(entries(dir_->path()), (std::vector<std::string>{"out"}));
}

TEST_F(SmallRun, AnnualCsvHasOneRowPerReplicationYearRegionAndMetric) {
  const auto lines = lines_of(read_file(out() / "annual.csv"));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "replication,year,region,metric,value");
  EXPECT_EQ(lines.size() - 1, kReplications * kYears * (kRegions + 1) * kMetricCount);
  EXPECT_NE(std::find(lines.begin(), lines.end(), "2,2025,all,households,500"), lines.end());
}

TEST_F(SmallRun, SummaryCsvHasOneRowPerYearRegionAndMetricOverAllReplications) {
  const auto lines = lines_of(read_file(out() / "summary.csv"));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "year,region,metric,mean,sd,p05,p50,p95,n");
  EXPECT_EQ(lines.size() - 1, kYears * (kRegions + 1) * kMetricCount);
  for (std::size_t i = 1; i < lines.size(); ++i)
    ASSERT_EQ(lines[i].substr(lines[i].rfind(',') + 1), "3") << lines[i];
}

TEST_F(SmallRun, ManifestHasTheKeysOfTheContract) {
  const auto j = nlohmann::json::parse(read_file(out() / "manifest.json"));
  for (const char* key :
       {"seed", "replications", "threads", "households", "months", "wall_seconds", "peak_rss_bytes",
        "scenario_sha256", "git_commit", "engine_version", "model_version"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["seed"], 777);
  EXPECT_EQ(j["replications"], 3);
  EXPECT_EQ(j["threads"], 2);
  EXPECT_EQ(j["households"], 500);
  EXPECT_EQ(j["months"], 60);
  EXPECT_GE(j["wall_seconds"].get<double>(), 0.0);
  EXPECT_GT(j["peak_rss_bytes"].get<double>(), 0.0);
  const std::string sha = j["scenario_sha256"];
  EXPECT_EQ(sha.size(), 64u);
  EXPECT_EQ(sha.find_first_not_of("0123456789abcdef"), std::string::npos) << sha;
  EXPECT_EQ(j["engine_version"], kVersion);
  EXPECT_EQ(j["git_commit"], kGitCommit);
  EXPECT_EQ(j["model_version"], kModelVersion);
  EXPECT_EQ(std::string(kModelVersion).size(), 64u) << "tests/golden/outputs.sha256 is missing";
}

TEST(RunCommand, RerunReplacesTheEarlierOutputWhole) {
  TempDir dir;
  const auto out = dir / "out";
  const std::vector<std::string> args{
      "run", data_file("small.yaml").string(), "--scale", "0.05", "--out", out.string()};
  ASSERT_EQ(run_povsim(args).exit_code, 0);
  fs::remove(out / "funds.csv");  // what povsim wrote may go; the rerun writes it again
  const ProgramResult again = run_povsim(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(fs::exists(out / "funds.csv"));
  EXPECT_TRUE(fs::exists(out / "annual.csv"));
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"out"}));
}

TEST(RunCommand, RerunKeepsAFileAddedToTheEarlierOutput) {
  TempDir dir;
  const auto out = dir / "out";
  const std::vector<std::string> args{
      "run", data_file("small.yaml").string(), "--scale", "0.05", "--out", out.string()};
  ASSERT_EQ(run_povsim(args).exit_code, 0);
  dir.write("out/notes.txt", "the planner's own notes");
  const ProgramResult again = run_povsim(args);
  EXPECT_EQ(again.exit_code, 2) << again.err;
  EXPECT_NE(again.err.find("notes.txt"), std::string::npos) << again.err;
  EXPECT_EQ(read_file(out / "notes.txt"), "the planner's own notes");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"out"}));
}

TEST(RunCommand, FailedRunLeavesNothingBehind) {
  TempDir dir;
  const ProgramResult r = run_povsim({"run", data_file("small.yaml").string(), "--set",
                                      "shocks.price_sd=high", "--out", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(RunCommand, FailedRunKeepsTheEarlierOutput) {
  TempDir dir;
  const auto out = dir / "out";
  dir.write("out/annual.csv", "earlier");
  const ProgramResult r = run_povsim(
      {"run", data_file("small.yaml").string(), "--set", "seed=x", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(read_file(out / "annual.csv"), "earlier");
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"out"}));
}

TEST(ValidateCommand, AcceptsEveryShippedScenario) {
  int checked = 0;
  for (const auto& e : fs::directory_iterator(scenario_file(""))) {
    if (e.path().extension() != ".yaml") continue;
    const ProgramResult r = run_povsim({"validate", e.path().string()});
    EXPECT_EQ(r.exit_code, 0) << e.path() << "\n" << r.err;
    EXPECT_NE(r.out.find(": ok"), std::string::npos) << r.out;
    ++checked;
  }
  EXPECT_GE(checked, 1);
}

TEST(ValidateCommand, AcceptsTheTestScenario) {
  const ProgramResult r = run_povsim({"validate", data_file("small.yaml").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 regions, 2000 households, 60 months"), std::string::npos) << r.out;
}

TEST(ValidateCommand, WritesNothing) {
  TempDir dir;
  const fs::path previous = fs::current_path();
  fs::current_path(dir.path());  // where `run` would put outputs/ by default
  const ProgramResult r = run_povsim({"validate", data_file("small.yaml").string()});
  fs::current_path(previous);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(entries(dir.path()).empty());
}

TEST(Program, PrintsItsVersion) {
  const ProgramResult r = run_povsim({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find(kVersion), std::string::npos) << r.out;
}

TEST(Program, WithoutACommandIsBadInput) { EXPECT_EQ(run_povsim({}).exit_code, 2); }

TEST(SchemaCommand, ListsRegionKeys) {
  const ProgramResult r = run_povsim({"schema"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("economy.trend_growth"), std::string::npos);
  EXPECT_NE(r.out.find("transfers.dibao.take_up"), std::string::npos);
}

}  // namespace
}  // namespace povsim
