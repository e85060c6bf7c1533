// Inputs that are hostile or merely unusual, through the real program: every one ends as a povsim
// error (exit 2 with the file and place, or exit 1 saying what to do), never a hang, a raw
// library exception or a silently wrong result. docs/reliability.md ("Inputs") lists them.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "support/process.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::ProgramResult;
using testing::run_povsim;
using testing::run_povsim_with;
using testing::scenario_file;
using testing::SpawnOptions;
using testing::TempDir;

std::string bad(const std::string& name) { return data_file("bad/inputs/" + name).string(); }

void expect_bad_input(const ProgramResult& r, const std::vector<std::string>& parts) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  for (const auto& part : parts)
    EXPECT_NE(r.err.find(part), std::string::npos) << "missing `" << part << "` in:\n" << r.err;
}

/// A scenario extending tests/data/small.yaml with `body` appended.
fs::path scenario(const TempDir& dir, const std::string& body, const std::string& name = "s.yaml") {
  return dir.write(name, "extends: " + data_file("small.yaml").string() + "\n" + body);
}

std::string profile(const char* name) {
  return scenario_file(std::string("regions/") + name + ".yaml").string();
}

/// A `regions:` entry of a scenario.
std::string region(const std::string& name, const char* profile_name = "qinxian",
                   const std::string& extra = "") {
  return "  - name: " + name + "\n    households: 200\n    profile: " + profile(profile_name) +
         "\n" + extra;
}

/// Opens a FIFO for writing once povsim waits on it, so that a povsim that blocks reading it
/// gets an end of file instead of hanging the test forever.
class FifoUnblocker {
 public:
  explicit FifoUnblocker(fs::path fifo)
      : thread_([this, fifo = std::move(fifo)] {
          while (!done_) {
            const int fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0) {
              ::close(fd);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
          }
        }) {}
  ~FifoUnblocker() {
    done_ = true;
    thread_.join();
  }

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

TEST(InputSafety, FifoAsExtendsIsRefusedWithoutWaiting) {
  TempDir dir;
  const fs::path fifo = dir / "base.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const fs::path s = dir.write("s.yaml", "extends: base.yaml\n");
  FifoUnblocker unblock(fifo);
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"base.yaml: error: cannot read scenario: it is not a regular file (a FIFO)"});
}

TEST(InputSafety, DeviceAsProfileIsRefused) {
  TempDir dir;
  const fs::path s = dir.write(
      "s.yaml", "extends: " + data_file("small.yaml").string() +
                    "\nregions:\n  - name: x\n    households: 10\n    profile: /dev/zero\n");
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"/dev/zero: error: cannot read region profile: it is not a regular file (a "
                    "character device)"});
}

TEST(InputSafety, DirectoryAsRegionsTableIsRefused) {
  TempDir dir;
  fs::create_directory(dir / "table.csv");
  const fs::path s = dir.write("s.yaml", "extends: " + scenario_file("baseline.yaml").string() +
                                             "\nregions_table: table.csv\n");
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"s.yaml:2:16: error: regions_table: cannot read regions table: it is a "
                    "directory"});
}

TEST(InputSafety, FileAboveTheSizeLimitIsRefused) {
  TempDir dir;
  const fs::path s = scenario(dir, "# " + std::string(5000, 'x') + "\n");
  ::setenv("POVSIM_MAX_INPUT_BYTES", "4096", 1);
  const ProgramResult r = run_povsim({"validate", s.string()});
  ::unsetenv("POVSIM_MAX_INPUT_BYTES");
  expect_bad_input(r, {"s.yaml: error: cannot read scenario: larger than the input limit of 4096 "
                       "bytes (set POVSIM_MAX_INPUT_BYTES to raise it)"});
  // Under the default limit (64 MiB) the same file is fine.
  EXPECT_EQ(run_povsim({"validate", s.string()}).exit_code, 0);
}

TEST(InputSafety, DeepNestingIsAnErrorWithItsPlace) {
  // 3,000 levels: beyond yaml-cpp's own guard, which said only "bad file".
  TempDir dir;
  const fs::path s = scenario(dir, "x: " + std::string(3000, '[') + std::string(3000, ']') + "\n");
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"s.yaml:2:68: error: YAML nested deeper than 64 levels"});
  const fs::path t =
      scenario(dir, "x: " + std::string(100, '[') + std::string(100, ']') + "\n", "t.yaml");
  expect_bad_input(run_povsim({"validate", t.string()}),
                   {"t.yaml:2:68: error: YAML nested deeper than 64 levels"});
}

TEST(InputSafety, SecondYamlDocumentIsAnError) {
  expect_bad_input(run_povsim({"validate", bad("second_document.yaml")}),
                   {"second_document.yaml:5:1: error: expected one YAML document, found 2"});
}

TEST(InputSafety, StrayCommaIsASyntaxErrorNotAnEndlessParse) {
  // yaml-cpp 0.7's LoadAll read a `,` outside [ ] or { } as empty documents without end, until
  // memory ran out (found by fuzz_sweep_spec: fuzz/regressions/sweep_spec/). The address-space
  // limit makes a regression fail in seconds instead of taking the machine's memory.
  TempDir dir;
  SpawnOptions limited;
  limited.address_space_limit = 2LL << 30;
  const fs::path first = dir.write("first.yaml", "# a scenario\n,extends: small.yaml\n");
  expect_bad_input(run_povsim_with({"validate", first.string()}, limited),
                   {"first.yaml:2:1: error: YAML syntax error: unexpected `,` outside [ ] or { }"});
  const fs::path after = dir.write("after.yaml", "[1, 2],\n");
  expect_bad_input(run_povsim_with({"validate", after.string()}, limited),
                   {"after.yaml:1:7: error: YAML syntax error: unexpected `,`"});
  // --set values go through the same parser.
  const std::string small = data_file("small.yaml").string();
  expect_bad_input(run_povsim_with({"validate", small, "--set", "seed=,"}, limited),
                   {"--set seed=,", "unexpected `,`"});
  // A comma where YAML allows one is still read, under the same limit.
  const fs::path fine = dir.write("fine.yaml", "extends: " + small + "\nname: \"a, b\"\n");
  EXPECT_EQ(run_povsim_with({"validate", fine.string()}, limited).exit_code, 0);
}

TEST(InputSafety, RegionsSharingARandomStreamAreRefusedUntilOneGetsItsOwn) {
  // FNV-1a("costarring") == FNV-1a("liquid"): both regions drew identical numbers.
  TempDir dir;
  const fs::path s =
      scenario(dir, "regions:\n" + region("costarring") + region("liquid", "bazhou"));
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"s.yaml:6:11: error: regions[1]: region \"liquid\" would draw the same random "
                    "numbers as region \"costarring\"",
                    "give one of them a `stream:` key"});
  const fs::path fixed = scenario(
      dir, "regions:\n" + region("costarring") + region("liquid", "bazhou", "    stream: 7\n"),
      "fixed.yaml");
  EXPECT_EQ(run_povsim({"validate", fixed.string()}).exit_code, 0);
  // The same stream set twice by hand is refused the same way.
  const fs::path twice = scenario(dir,
                                  "regions:\n" + region("a", "qinxian", "    stream: 9\n") +
                                      region("b", "bazhou", "    stream: 9\n"),
                                  "twice.yaml");
  expect_bad_input(run_povsim({"validate", twice.string()}),
                   {"twice.yaml:10:13: error: regions[1]: region \"b\" would draw the same random "
                    "numbers as region \"a\""});
}

TEST(InputSafety, RegionNamesAreValidated) {
  TempDir dir;
  const fs::path s = scenario(dir, "regions:\n" + region("\"\"") + region("\"\"", "bazhou") +
                                       region("\"a\\r\"") + region("ｱ") + region("ア", "bazhou"));
  expect_bad_input(
      run_povsim({"validate", s.string()}),
      {"s.yaml:3:11: error: regions[0].name: expected a non-empty name, found an empty one",
       "s.yaml:6:11: error: regions[1].name: expected a non-empty name",
       "s.yaml:9:11: error: regions[2].name: expected a name without control characters, found "
       "U+000D (a carriage return",
       "s.yaml:15:11: error: regions[4].name: duplicate region name \"ア\" (the same as \"ｱ\" "
       "after Unicode NFKC normalisation)"});
}

TEST(InputSafety, ScenarioNameWithALineBreakIsRefused) {
  TempDir dir;
  const fs::path s = scenario(dir, "name: \"two\\nlines\"\n");
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"s.yaml:2:7: error: name: expected a name without control characters, found "
                    "U+000A (a line break)"});
}

TEST(InputSafety, NamesOfSpacesAloneAreRefused) {
  TempDir dir;
  // An ASCII space and an ideographic space (U+3000, as a Chinese input method types it).
  const fs::path s =
      scenario(dir, "name: \"  \"\nregions:\n" + region("\"\u3000\"") + region("ok", "bazhou"));
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"s.yaml:2:7: error: name: expected a name with a visible character, found "
                    "only spaces",
                    "s.yaml:4:11: error: regions[0].name: expected a name with a visible "
                    "character, found only spaces"});
}

TEST(InputSafety, PolicyWithAnEmptyRegionListIsAnError) {
  TempDir dir;
  const fs::path s = scenario(dir,
                              "policy:\n  - from: 2022-01\n    until: 2022-12\n    regions: []\n"
                              "    set: {transfers: {dibao: {take_up: 0}}}\n");
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"s.yaml:5:14: error: policy[0].regions: expected at least one region name, "
                    "found an empty list"});
}

TEST(InputSafety, GbkFileIsRefusedWithTheConversionToDo) {
  TempDir dir;
  // "沁县" in GBK: C7DF CFD8.
  const fs::path s = scenario(dir,
                              "regions:\n  - name: \xC7\xDF\xCF\xD8\n    households: 10\n"
                              "    profile: " +
                                  profile("qinxian") + "\n");
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"s.yaml:3:11: error: not UTF-8 (byte 0xC7)", "iconv -f GBK -t UTF-8"});
  const fs::path csv = dir.write(
      "gbk.csv", "county,province,households,profile\n\xC7\xDF,P,10," + profile("qinxian") + "\n");
  const fs::path t = dir.write("t.yaml", "extends: " + scenario_file("baseline.yaml").string() +
                                             "\nregions_table: gbk.csv\n");
  expect_bad_input(run_povsim({"validate", t.string()}),
                   {csv.string() + ":2:1: error: regions_table: not UTF-8 (byte 0xC7)",
                    "iconv -f GBK -t UTF-8"});
}

TEST(InputSafety, NonUtf8CommandLineValuesAreRefusedBeforeRunning) {
  TempDir dir;
  const std::string small = data_file("small.yaml").string();
  expect_bad_input(run_povsim({"run", small, "--out", (dir / "\xC7\xDF").string()}),
                   {"povsim: error: argument 4 is not UTF-8"});
  expect_bad_input(run_povsim({"validate", small, "--set", "name=\xC7\xDF"}),
                   {"povsim: error: argument 4 is not UTF-8"});
  EXPECT_FALSE(fs::exists(dir / "\xC7\xDF"));
}

TEST(InputSafety, RegionsTableReadsQuotedCellsAndHashNames) {
  TempDir dir;
  dir.write("t.csv",
            "# comments come before the header\ncounty,province,households,profile\n"
            "#1村,P,10," +
                profile("qinxian") + "\n\"Qin, \"\"x\"\"\",P,5," + profile("bazhou") + "\n");
  const fs::path s = dir.write("s.yaml", "extends: " + scenario_file("baseline.yaml").string() +
                                             "\nregions_table: t.csv\nreplications: 1\n");
  const fs::path out = dir / "out";
  const ProgramResult r = run_povsim({"run", s.string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string annual = testing::read_file(out / "annual.csv");
  EXPECT_NE(annual.find("\n0,2021,#1村,"), std::string::npos);
  // The name is `Qin, "x"`; the CSV writer quotes it again as RFC 4180 asks.
  EXPECT_NE(annual.find("\n0,2021,\"Qin, \"\"x\"\"\","), std::string::npos);
  // An unclosed quote is reported where it opens.
  dir.write("u.csv",
            "county,province,households,profile\n\"open,P,10," + profile("qinxian") + "\n");
  const fs::path u = dir.write(
      "u.yaml", "extends: " + scenario_file("baseline.yaml").string() + "\nregions_table: u.csv\n");
  expect_bad_input(run_povsim({"validate", u.string()}),
                   {"u.csv:2:1: error: regions_table: a quoted cell is not closed"});
}

TEST(InputSafety, SobolIndicesOfAnUnknownRegionAreAnError) {
  TempDir dir;
  const fs::path s = dir.write(
      "s.yaml", "schema: povsim-sweep/1\nname: s\nbase: " + data_file("small.yaml").string() +
                    "\nmethod: sobol\npoints: 4\nseed: 1\nreplications: 1\naxes:\n"
                    "  - {key: economy.trend_growth, min: 0.01, max: 0.05}\nindices:\n"
                    "  metrics: [relapsed]\n  year: 2025\n  region: 沁具\n");
  expect_bad_input(run_povsim({"sweep", s.string(), "--out", (dir / "o").string()}),
                   {"s.yaml:13:11: error: indices.region: expected `all` or a region of the base "
                    "scenario, found \"沁具\""});
  EXPECT_FALSE(fs::exists(dir / "o"));
}

TEST(InputSafety, GridTooLargeToCountIsRefused) {
  // 64 axes of 2 values: 2^64 points wrapped to 0 and the sweep "finished" with exit 0.
  TempDir dir;
  std::string axes;
  for (int i = 0; i < 64; ++i) axes += "  - {key: economy.trend_growth, values: [0.01, 0.02]}\n";
  const fs::path s = dir.write(
      "g.yaml", "schema: povsim-sweep/1\nname: g\nbase: " + data_file("small.yaml").string() +
                    "\nmethod: grid\nseed: 1\nreplications: 1\naxes:\n" + axes);
  expect_bad_input(
      run_povsim({"sweep", s.string(), "--out", (dir / "o").string()}),
      {"g.yaml:8:3: error: axes: the design has more than 2^64 points", "limit of 1000000"});
  // 21 axes of 2 values count fine but exceed the limit.
  axes.clear();
  for (int i = 0; i < 21; ++i) axes += "  - {key: economy.trend_growth, values: [0.01, 0.02]}\n";
  const fs::path t = dir.write(
      "t.yaml", "schema: povsim-sweep/1\nname: t\nbase: " + data_file("small.yaml").string() +
                    "\nmethod: grid\nseed: 1\nreplications: 1\naxes:\n" + axes);
  expect_bad_input(run_povsim({"sweep", t.string(), "--out", (dir / "o").string()}),
                   {"t.yaml:8:3: error: axes: the design has 2097152 points (2 × 2 ×"});
  EXPECT_FALSE(fs::exists(dir / "o"));
}

TEST(InputSafety, CheckpointPathThatIsAFileIsBadInput) {
  TempDir dir;
  const fs::path file = dir.write("ckpt", "not a directory");
  expect_bad_input(
      run_povsim({"run", data_file("small.yaml").string(), "--scale", "0.05", "--checkpoint",
                  file.string(), "--checkpoint-every", "12", "--out", (dir / "o").string()}),
      {"povsim: error: --checkpoint " + file.string() + ": expected a directory"});
  EXPECT_EQ(testing::read_file(file), "not a directory");
}

TEST(InputSafety, ReportOnAnEditedCsvNamesFileLineAndColumn) {
  TempDir dir;
  const fs::path out = dir / "o";
  ASSERT_EQ(run_povsim({"run", data_file("small.yaml").string(), "--scale", "0.05",
                        "--replications", "1", "--out", out.string()})
                .exit_code,
            0);
  std::string summary = testing::read_file(out / "summary.csv");
  // The mean of the first row the report charts (region all) becomes text.
  const std::size_t row = summary.find("\n2021,all,return_to_poverty_rate,") + 1;
  ASSERT_NE(row, 0u);
  const int line = 1 + static_cast<int>(std::count(summary.begin(), summary.begin() + row, '\n'));
  const std::size_t cell = summary.find(',', summary.find(',', summary.find(',', row) + 1) + 1) + 1;
  summary.replace(cell, summary.find(',', cell) - cell, "abc");
  dir.write("o/summary.csv", summary);
  expect_bad_input(run_povsim({"report", out.string()}),
                   {"summary.csv:" + std::to_string(line) +
                    ": error: column mean: expected a number, found \"abc\""});
}

TEST(InputSafety, CraftedShardJsonIsBadInputNamingTheKey) {
  TempDir dir;
  dir.write("s1/shard.json", "{}");
  expect_bad_input(
      run_povsim({"merge", (dir / "s1").string(), "--out", (dir / "m").string()}),
      {"shard.json: error: sweep: expected a string, found nothing (expected the shard.json "
       "written by povsim sweep --shard)"});
  dir.write("s2/shard.json",
            R"({"sweep": "s", "sweep_file": "a", "sweep_file_absolute": "/a", "base": "b",
                "shard": 1, "shards": -4, "points": 3, "replications": 1, "scale": 1,
                "overrides": []})");
  expect_bad_input(run_povsim({"merge", (dir / "s2").string(), "--out", (dir / "m").string()}),
                   {"shard.json: error: shards: expected a whole number, found -4"});
  dir.write("s3/shard.json", "[1, 2]");
  expect_bad_input(run_povsim({"merge", (dir / "s3").string(), "--out", (dir / "m").string()}),
                   {"shard.json: error: (top level): expected a JSON object"});
}

TEST(InputSafety, FundAmountsTooLargeForTheLedgerAreAnError) {
  // Every value inside its range, but 10^9 households × 10^7 yuan each overflowed the 64-bit fen
  // sums of check_fund_rules (signed overflow, undefined behaviour).
  TempDir dir;
  const fs::path s = scenario(
      dir,
      "regions:\n  - name: big\n    households: 1000000000\n    profile: " + profile("qinxian") +
          "\noverrides:\n funds:\n  enabled: true\n  sources:\n    central: {yuan: 0, "
          "per_household: 10000000}\n  accounts:\n    industry: {share: 1, fixed_per_household: "
          "10000000}\n");
  expect_bad_input(run_povsim({"validate", s.string()}),
                   {"error: funds.sources: sources of 2021 sum to 1e+16 yuan, more than povsim's "
                    "limit of 1e15 yuan a year and region"});
}

TEST(InputSafety, RunThatCannotFitInMemoryIsRefusedBeforeItStarts) {
  // 100,000 replications (the documented maximum) under a 3 GB address-space limit: refused at
  // once with the estimate, instead of std::bad_alloc after minutes of simulation.
  TempDir dir;
  const std::string command = "ulimit -v 3000000; exec " + std::string(POVSIM_BINARY) + " run " +
                              data_file("small.yaml").string() +
                              " --scale 0.05 --replications 100000 --out " + (dir / "o").string() +
                              " 2>" + (dir / "err").string();
  const auto start = std::chrono::steady_clock::now();
  const int status = std::system(command.c_str());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  const std::string err = testing::read_file(dir / "err");
  EXPECT_NE(err.find("povsim: error: this run needs about "), std::string::npos) << err;
  EXPECT_NE(err.find("100000 replications"), std::string::npos) << err;
  EXPECT_NE(err.find("run fewer --replications"), std::string::npos) << err;
  EXPECT_LT(seconds, 30);
}

TEST(InputSafety, TenThousandErrorsAreReportedQuickly) {
  // Reporting them was quadratic: 10,000 took 38 s.
  TempDir dir;
  std::string body;
  for (int i = 0; i < 10000; ++i) body += "unknown_" + std::to_string(i) + ": 1\n";
  const fs::path s = scenario(dir, body);
  const auto start = std::chrono::steady_clock::now();
  const ProgramResult r = run_povsim({"validate", s.string()});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  expect_bad_input(r, {"s.yaml:10001:1: error: unknown_9999: unknown key"});
  EXPECT_LT(seconds, 10);
}

TEST(InputSafety, FormulaLikeNamesAreNeutralisedInCsvOutputs) {
  TempDir dir;
  const fs::path s = scenario(dir, "regions:\n" + region("\"=HYPERLINK(\\\"http://x\\\")\"") +
                                       region("\"-2+3\"", "bazhou") + region("\"@cmd\"", "bazhou"));
  const fs::path out = dir / "o";
  const ProgramResult r = run_povsim(
      {"run", s.string(), "--scale", "0.05", "--replications", "1", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* table : {"annual.csv", "summary.csv", "funds.csv"}) {
    const std::string text = testing::read_file(out / table);
    EXPECT_NE(text.find(",\"'=HYPERLINK(\"\"http://x\"\")\","), std::string::npos) << table;
    EXPECT_NE(text.find(",'-2+3,"), std::string::npos) << table;
    EXPECT_NE(text.find(",'@cmd,"), std::string::npos) << table;
    EXPECT_EQ(text.find(",=HYPERLINK"), std::string::npos) << table;
    EXPECT_EQ(text.find(",-2+3,"), std::string::npos) << table;
  }
  // report.html reads the names back as they were.
  EXPECT_NE(testing::read_file(out / "report.html").find("@cmd"), std::string::npos);
}

TEST(InputSafety, CalibrationNameCannotAddKeysToCalibratedYaml) {
  TempDir dir;
  const fs::path file = dir.write(
      "c.yaml", "schema: povsim-calibration/1\nname: \"x: 1\\nseed: 5 # {a: b}\"\nbase: " +
                    data_file("small.yaml").string() +
                    "\nreplications: 1\nstarts: 1\nseed: 1\nmax_iterations: 1\n"
                    "finite_difference_step: 0.02\nparameters:\n"
                    "  - {key: economy.trend_growth, min: 0.0, max: 0.2, start: 0.05}\n"
                    "targets:\n  - {metric: poverty_rate, year: 2022, region: all, observed: "
                    "0.01, sd: 0.002, weight: 1, use: fit}\n");
  const fs::path out = dir / "fit";
  const ProgramResult r =
      run_povsim({"calibrate", file.string(), "--scale", "0.05", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string yaml = testing::read_file(out / "calibrated.yaml");
  EXPECT_EQ(yaml.find("\nseed: 5"), std::string::npos) << yaml;
  // The name stays one value: the scenario is valid, and a name with a line break in it is
  // refused as a scenario name, at its place.
  const ProgramResult v = run_povsim({"validate", (out / "calibrated.yaml").string()});
  EXPECT_EQ(v.exit_code, 2) << v.err;
  EXPECT_NE(v.err.find("calibrated.yaml:5:7: error: name: expected a name without control "
                       "characters, found U+000A"),
            std::string::npos)
      << v.err << yaml;
}

TEST(InputWarnings, MonitoringLineBelowThePovertyLineIsAWarningAndAnErrorUnderStrict) {
  TempDir dir;
  const fs::path s = scenario(dir,
                              "overrides:\n  lines:\n    monitoring: {2021: 3000, 2022: 3000, "
                              "2023: 3000, 2024: 3000, 2025: 3000}\n");
  const std::string part =
      "s.yaml:4:24: warning: lines.monitoring: the monitoring line of 2021 (3000 "
      "yuan/person/year) is below the poverty line";
  const ProgramResult v = run_povsim({"validate", s.string()});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  EXPECT_NE(v.err.find(part), std::string::npos) << v.err;
  // Recorded in the manifest of a run.
  const fs::path out = dir / "o";
  const ProgramResult r = run_povsim(
      {"run", s.string(), "--scale", "0.05", "--replications", "1", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(part), std::string::npos) << r.err;
  EXPECT_NE(testing::read_file(out / "manifest.json").find("\"warnings\": [\n    \""),
            std::string::npos);
  // An error under --strict, before anything runs.
  const fs::path strict_out = dir / "strict";
  expect_bad_input(run_povsim({"run", s.string(), "--strict", "--out", strict_out.string()}),
                   {"s.yaml:4:24: error: lines.monitoring: the monitoring line of 2021",
                    "(a warning; an error under --strict)"});
  EXPECT_FALSE(fs::exists(strict_out));
  // A shipped scenario has no warning: --strict accepts it.
  EXPECT_EQ(run_povsim({"validate", scenario_file("baseline.yaml").string(), "--strict"}).exit_code,
            0);
}

TEST(InputWarnings, ImplausibleAmountsAreWarnings) {
  TempDir dir;
  const fs::path s = scenario(
      dir,
      "overrides:\n  transfers:\n    dibao:\n      standard: {2021: 450, 2022: 460, 2023: 470, "
      "2024: 480, 2025: 490}\n  assistance:\n    industry:\n      budget_per_household: 60000\n");
  const ProgramResult v = run_povsim({"validate", s.string()});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  for (const char* part :
       {"s.yaml:5:24: warning: transfers.dibao.standard: 450 yuan/person/year in 2021 looks like "
        "a monthly amount",
        "s.yaml:8:29: warning: assistance: programme budgets add up to 60460 yuan per household"})
    EXPECT_NE(v.err.find(part), std::string::npos) << part << "\n" << v.err;
}

TEST(InputWarnings, SetShadowedByAPolicyAndBudgetsTooSmallForTheScaleAreWarnings) {
  // taper-2024.yaml's policy sets assistance.public_jobs.budget_per_household in 2024.
  const ProgramResult v =
      run_povsim({"validate", scenario_file("taper-2024.yaml").string(), "--set",
                  "assistance.public_jobs.budget_per_household=40", "--scale", "0.01"});
  EXPECT_EQ(v.exit_code, 0) << v.err;
  for (const char* part : {"--set assistance.public_jobs.budget_per_household=40: warning: "
                           "assistance.public_jobs.budget_per_household: policy[",
                           "sets the same key from", "buys less than one post (9600 yuan)"})
    EXPECT_NE(v.err.find(part), std::string::npos) << part << "\n" << v.err;
}

}  // namespace
}  // namespace povsim
