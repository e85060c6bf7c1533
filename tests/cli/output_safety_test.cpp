// Issue 14, output side, through the real program: povsim replaces only what it wrote, refuses
// senseless --out paths before simulating, keeps names inside --out, survives kills between its
// steps, serialises concurrent writers, never counts a partial sweep point finished, and refuses
// to resume or merge results of another configuration (docs/reliability.md, "Outputs").
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/outputs.hpp"
#include "support/process.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::dead_pid;
using testing::entries;
using testing::ProgramResult;
using testing::read_file;
using testing::run_povsim;
using testing::run_povsim_with;
using testing::small_run;
using testing::snapshot;
using testing::Spawned;
using testing::SpawnOptions;
using testing::TempDir;

/// A sweep file like tests/data/sweeps/lhs-small.yaml (12 points) with an absolute base, so a
/// test can edit a copy of it.
fs::path write_sweep(const TempDir& dir, const std::string& name, const std::string& base,
                     const std::string& illness_max = "0.12") {
  return dir.write(name, "schema: povsim-sweep/1\nname: lhs-small\nbase: " + base +
                             "\nmethod: lhs\npoints: 12\nseed: 7\nreplications: 1\naxes:\n"
                             "  - {key: shocks.illness.annual_probability, min: 0.02, max: " +
                             illness_max +
                             "}\n  - {key: economy.trend_growth, min: 0.0, max: 0.1}\n");
}

/// A scenario that is tests/data/small.yaml with `extra` lines (name, seed, …).
fs::path write_scenario(const TempDir& dir, const std::string& name, const std::string& extra) {
  return dir.write(name, "extends: " + data_file("small.yaml").string() + "\n" + extra);
}

fs::path write_calibration(const TempDir& dir) {
  return dir.write(
      "calib.yaml",
      "schema: povsim-calibration/1\nname: quick\nbase: " + data_file("small.yaml").string() +
          "\nreplications: 1\nstarts: 1\nseed: 1\nmax_iterations: 0\n"
          "finite_difference_step: 0.01\nparameters:\n"
          "  - {key: economy.trend_growth, min: 0.0, max: 0.1, start: 0.05}\n"
          "targets:\n  - {metric: return_to_poverty_rate, year: 2022, region: all, "
          "observed: 0.01, sd: 0.002, weight: 1, use: fit}\n");
}

// ---- 1. --out never deletes a directory povsim did not write -------------------------------

TEST(OutputSafety, EveryCommandRefusesADirectoryItDidNotWriteBeforeSimulating) {
  TempDir dir;
  dir.write("notes/plan.txt", "a planner's notes");
  dir.write("notes/sub/data.csv", "1,2,3");
  const auto before = snapshot(dir / "notes");
  const std::string notes = (dir / "notes").string();
  // Two shards to merge, made first (into directories of their own).
  const std::string sweep = data_file("sweeps/lhs-small.yaml").string();
  for (const char* s : {"1/2", "2/2"})
    ASSERT_EQ(run_povsim({"sweep", sweep, "--shard", s, "--scale", "0.05", "--out",
                          (dir / ("shard" + std::string(1, s[0]))).string()})
                  .exit_code,
              0);
  const std::vector<std::vector<std::string>> commands{
      small_run(dir / "notes", 2),
      {"compare", data_file("small.yaml").string(), data_file("small.yaml").string(), "--scale",
       "0.05", "--out", notes},
      {"sweep", sweep, "--scale", "0.05", "--out", notes},
      {"calibrate", write_calibration(dir).string(), "--scale", "0.05", "--out", notes},
      {"merge", (dir / "shard1").string(), (dir / "shard2").string(), "--out", notes},
  };
  for (const auto& args : commands) {
    const ProgramResult r = run_povsim(args);
    EXPECT_EQ(r.exit_code, 2) << args[0] << "\n" << r.err;
    EXPECT_NE(r.err.find(notes + ": error: --out: the directory exists and holds files povsim "
                                 "did not write (plan.txt, sub/data.csv)"),
              std::string::npos)
        << args[0] << "\n"
        << r.err;
    EXPECT_EQ(r.out, "") << args[0];  // refused before simulating: no result printed
    EXPECT_EQ(snapshot(dir / "notes"), before) << args[0];
  }
  EXPECT_FALSE(fs::exists(dir / "notes.partial"));  // the sweep ran no point
  for (const auto& name : entries(dir.path())) EXPECT_NE(name[0], '.') << name;
}

TEST(OutputSafety, DefaultOutputsDirectoryIsProtectedToo) {
  TempDir dir;
  dir.write("outputs/small/mine.txt", "not povsim's");
  SpawnOptions in_dir;
  in_dir.cwd = dir.path();
  const ProgramResult r = run_povsim_with(
      {"run", data_file("small.yaml").string(), "--scale", "0.05", "--replications", "1"}, in_dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("outputs/small: error: --out:"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "outputs/small/mine.txt"), "not povsim's");
}

TEST(OutputSafety, SenselessPathsAreRefusedBeforeSimulating) {
  TempDir dir;
  const fs::path scenario = write_scenario(dir, "scenarios/mine/s.yaml", "name: mine\n");
  dir.write("work/keep.txt", "keep");
  fs::create_directories(dir / "work/sub");
  dir.write("afile", "a file");
  SpawnOptions in_sub;
  in_sub.cwd = dir / "work/sub";
  const std::vector<std::pair<std::string, std::string>> cases{
      {".", "is the working directory"},
      {"/", "refusing the root directory"},
      {"..", "contains the working directory"},
      {(dir / "scenarios/mine").string(), "is the directory"},
      {(dir / "scenarios").string(), "contains the directory"},
      {(dir / "afile").string(), "expected a directory, found a file"},
  };
  for (const auto& [out, why] : cases) {
    const auto t0 = std::chrono::steady_clock::now();
    // A sweep would take seconds to simulate: refused up front, nothing runs.
    const std::string sweep = write_sweep(dir, "sweep.yaml", scenario.string()).string();
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"run", scenario.string(), "--out", out}, {"sweep", sweep, "--out", out}}) {
      const ProgramResult r = run_povsim_with(args, in_sub);
      EXPECT_EQ(r.exit_code, 2) << out << "\n" << r.err;
      EXPECT_NE(r.err.find(why), std::string::npos) << out << "\n" << r.err;
      EXPECT_EQ(r.out, "") << out;
    }
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 20)
        << out;
  }
  EXPECT_EQ(read_file(dir / "work/keep.txt"), "keep");
  EXPECT_EQ(read_file(dir / "afile"), "a file");
  EXPECT_TRUE(fs::exists(scenario));
  EXPECT_EQ(entries(dir / "work/sub"), std::vector<std::string>{});
}

// ---- 2. compare: scenario names never become paths unsanitised -----------------------------

TEST(OutputSafety, CompareKeepsEveryScenarioNameInsideOut) {
  TempDir dir;
  const fs::path outside = dir / "outside";
  std::vector<std::string> args{"compare"};
  for (const std::string& name : {std::string("\"../../x\""), "\"" + outside.string() + "\"",
                                  std::string("\"a/b\""), std::string("\"a_b\"")})
    args.push_back(
        write_scenario(dir, "s" + std::to_string(args.size()) + ".yaml", "name: " + name + "\n")
            .string());
  const fs::path out = dir / "deep/er/cmp";
  args.insert(args.end(), {"--scale", "0.05", "--replications", "2", "--out", out.string()});
  const ProgramResult r = run_povsim(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // `a/b` and `a_b` meet as a_b: two distinct folders.
  std::string absolute = outside.string();
  std::replace(absolute.begin(), absolute.end(), '/', '_');
  std::vector<std::string> expected{".povsim-output", "_._.._x",     absolute,   "a_b",
                                    "a_b-2",          "compare.csv", "cost.csv", "report.html"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(entries(out), expected);
  for (const auto& e : fs::directory_iterator(out))
    if (e.is_directory()) {
      EXPECT_TRUE(fs::exists(e.path() / "summary.csv")) << e.path();
    }
  std::size_t folders = 0;
  for (const auto& e : fs::directory_iterator(out)) folders += e.is_directory() ? 1 : 0;
  EXPECT_EQ(folders, 4u);
  EXPECT_TRUE(fs::is_directory(out / "_._.._x"));
  EXPECT_TRUE(fs::is_directory(out / "a_b"));
  EXPECT_TRUE(fs::is_directory(out / "a_b-2"));
  EXPECT_FALSE(fs::exists(outside));
  EXPECT_FALSE(fs::exists(dir / "x"));
  EXPECT_FALSE(fs::exists(dir / "deep/x"));
  // Only the scenarios, the output tree and nothing else in the test's directory.
  for (const auto& name : entries(dir.path()))
    EXPECT_TRUE(name == "deep" || name.rfind("s", 0) == 0) << name;
  // The report finds every scenario's folder again.
  const ProgramResult report = run_povsim({"report", out.string(), "--lang", "en"});
  EXPECT_EQ(report.exit_code, 0) << report.err;
}

TEST(OutputSafety, CompareWithSetNameOrAnEmptyNameStaysInsideOut) {
  TempDir dir;
  const fs::path out = dir / "cmp";
  const ProgramResult set =
      run_povsim({"compare", data_file("small.yaml").string(), data_file("small.yaml").string(),
                  "--set", "name=" + (dir / "elsewhere").string(), "--scale", "0.05",
                  "--replications", "2", "--out", out.string()});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_FALSE(fs::exists(dir / "elsewhere"));
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"cmp"});

  const fs::path empty = write_scenario(dir, "empty.yaml", "name: \"\"\n");
  const fs::path out2 = dir / "cmp2";
  const ProgramResult r = run_povsim({"compare", empty.string(), empty.string(), "--scale", "0.05",
                                      "--replications", "2", "--out", out2.string()});
  // An empty name may be refused as bad input; if it is accepted, it stays inside --out.
  if (r.exit_code == 0) {
    EXPECT_TRUE(fs::is_directory(out2 / "unnamed")) << r.out;
    EXPECT_TRUE(fs::is_directory(out2 / "unnamed-2")) << r.out;
  } else {
    EXPECT_EQ(r.exit_code, 2) << r.err;
  }
  EXPECT_FALSE(fs::exists("/annual.csv"));
  for (const auto& name : entries(dir.path()))
    EXPECT_TRUE(name == "cmp" || name == "cmp2" || name == "empty.yaml") << name;
}

// ---- 3. replacement: kills, recovery, concurrent writers ----------------------------------

TEST(OutputSafety, ResultLostBetweenTwoRenamesIsPutBackByTheNextRun) {
  TempDir dir;
  const fs::path out = dir / "out";
  ASSERT_EQ(run_povsim(small_run(out, 2)).exit_code, 0);
  const auto before = snapshot(out);
  // What a kill between "rename DIR away" and "rename the new one in" leaves.
  const std::string old = ".out.old-" + std::to_string(dead_pid()) + "-0";
  fs::rename(out, dir / old);
  // A run that stops at a checkpoint writes no result, so what is left is what recovery did.
  const ProgramResult r = run_povsim({"run", data_file("small.yaml").string(), "--scale", "0.05",
                                      "--checkpoint", (dir / "ck").string(), "--checkpoint-every",
                                      "12", "--stop-at-month", "12", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(snapshot(out), before);
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"ck", "out"}));
}

TEST(OutputSafety, TemporariesOfKilledRunsAreRemovedAndForeignOnesKept) {
  TempDir dir;
  const fs::path out = dir / "out";
  const std::string pid = std::to_string(dead_pid());
  // A run killed while writing, one killed right after creating its temporary, one killed
  // after swapping (its temporary holds the replaced result).
  dir.write(".out.tmp-" + pid + "-1/.povsim-output", R"({"schema": "povsim-output/1"})");
  dir.write(".out.tmp-" + pid + "-1/annual.csv", "half a file");
  fs::create_directory(dir / (".out.tmp-" + pid + "-2"));
  ASSERT_EQ(run_povsim(small_run(dir / "older", 2)).exit_code, 0);
  fs::rename(dir / "older", dir / (".out.tmp-" + pid + "-3"));
  // Same pattern, but not povsim's (no marker): never removed.
  dir.write(".out.tmp-" + pid + "-4/mine.txt", "mine");
  const ProgramResult r = run_povsim(small_run(out, 2));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{".out.tmp-" + pid + "-4", "out"}));
  EXPECT_EQ(read_file(dir / (".out.tmp-" + pid + "-4/mine.txt")), "mine");
}

TEST(OutputSafety, KillAtAnyInstantLeavesTheOldOrTheNewResult) {
  TempDir dir;
  const fs::path out = dir / "out";
  ASSERT_EQ(run_povsim(small_run(out, 2)).exit_code, 0);
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(run_povsim(small_run(dir / "timing", 2)).exit_code, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fs::remove_all(dir / "timing");
  for (int k = 0; k < 12; ++k) {
    Spawned run(small_run(out, 2));
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds * (k + 0.5) / 12.0));
    run.kill(SIGKILL);
    run.wait();
    ASSERT_TRUE(fs::is_regular_file(out / "annual.csv")) << "after a kill at step " << k;
    const auto marker = nlohmann::json::parse(read_file(out / ".povsim-output"));
    for (const auto& f : marker["files"])
      EXPECT_TRUE(fs::is_regular_file(out / f.get<std::string>())) << f;
    EXPECT_TRUE(nlohmann::json::accept(read_file(out / "manifest.json")));
  }
  ASSERT_EQ(run_povsim(small_run(out, 2)).exit_code, 0);
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"out"});  // all debris cleaned
}

TEST(OutputSafety, ConcurrentRunsIntoOneOutAllSucceed) {
  TempDir dir;
  const fs::path out = dir / "out";
  // Tiny runs, so that their replacements collide (before, a third to a half of them failed).
  const std::vector<std::string> tiny{"run",
                                      data_file("small.yaml").string(),
                                      "--scale",
                                      "0.01",
                                      "--replications",
                                      "1",
                                      "--threads",
                                      "1",
                                      "--out",
                                      out.string()};
  for (int round = 0; round < 2; ++round) {
    std::vector<std::unique_ptr<Spawned>> runs;
    for (int k = 0; k < 24; ++k) runs.push_back(std::make_unique<Spawned>(tiny));
    int ok = 0;
    for (auto& r : runs) {
      const ProgramResult res = r->wait();
      EXPECT_EQ(res.exit_code, 0) << res.err;
      ok += res.exit_code == 0 ? 1 : 0;
    }
    EXPECT_EQ(ok, 24);
  }
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"out"});
  EXPECT_EQ(entries(out),
            (std::vector<std::string>{".povsim-output", "annual.csv", "funds.csv", "manifest.json",
                                      "report.html", "summary.csv"}));
}

TEST(OutputSafety, SecondSweepIntoTheSameOutIsRefusedBeforeItRunsAPoint) {
  TempDir dir;
  const fs::path out = dir / "sw";
  Spawned first({"sweep", data_file("sweeps/sobol-small.yaml").string(), "--threads", "1", "--out",
                 out.string()});
  for (int k = 0; k < 1500 && !fs::exists(dir / "sw.partial/point-0.csv"); ++k)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_TRUE(fs::exists(dir / "sw.partial/point-0.csv"));
  const ProgramResult second = run_povsim(
      {"sweep", data_file("sweeps/sobol-small.yaml").string(), "--resume", "--out", out.string()});
  EXPECT_EQ(second.exit_code, 2) << second.err;
  EXPECT_NE(second.err.find("another povsim is running a sweep into"), std::string::npos)
      << second.err;
  first.kill(SIGINT);
  EXPECT_EQ(first.wait().exit_code, 1);
}

TEST(OutputSafety, SweepKeepsAPartialFolderItDidNotWrite) {
  // DIR.partial/ is povsim's working folder for DIR; one without its marker is someone else's.
  TempDir dir;
  dir.write("sw.partial/point-0.csv", "someone else's file\n");
  const ProgramResult r = run_povsim(
      {"sweep", data_file("sweeps/lhs-small.yaml").string(), "--out", (dir / "sw").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("sw.partial: error: exists without povsim's .povsim-output marker"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(dir / "sw.partial/point-0.csv"), "someone else's file\n");
  EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"sw.partial"});
}

// ---- 4. sweep point files are checked; a partial point is never counted finished -----------

/// The rows of point p in a finished sweep's results.csv.
std::string rows_of_point(const std::string& results, std::size_t p) {
  std::istringstream in(results);
  std::string line, rows;
  std::getline(in, line);
  const std::string prefix = std::to_string(p) + ",";
  while (std::getline(in, line))
    if (line.rfind(prefix, 0) == 0) rows += line + "\n";
  return rows;
}

/// Every point file in `partial` equals that point's rows in the uninterrupted `results`.
std::size_t expect_whole_points(const fs::path& partial, const std::string& results) {
  std::size_t n = 0;
  if (!fs::exists(partial)) return 0;
  for (const auto& e : fs::directory_iterator(partial)) {
    const std::string name = e.path().filename().string();
    if (name == ".povsim-output") continue;
    EXPECT_TRUE(name.rfind("point-", 0) == 0 && e.path().extension() == ".csv") << name;
    if (name.rfind("point-", 0) != 0) continue;
    const std::size_t p = std::stoul(name.substr(6));
    EXPECT_EQ(read_file(e.path()), rows_of_point(results, p)) << name << " is not whole";
    ++n;
  }
  return n;
}

TEST(OutputSafety, SweepThatCannotWriteAPointEndsWithExit1AndCountsNoPartialPoint) {
  TempDir dir;
  const std::string sweep = data_file("sweeps/lhs-small.yaml").string();
  ASSERT_EQ(run_povsim({"sweep", sweep, "--out", (dir / "whole").string()}).exit_code, 0);
  const std::string whole = read_file(dir / "whole/results.csv");
  // A file size limit below one point's size (130 KB): every point write fails part way.
  SpawnOptions limited;
  limited.file_size_limit = 64 * 1024;
  const fs::path out = dir / "sw";
  const ProgramResult r = run_povsim_with({"sweep", sweep, "--out", out.string()}, limited);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  EXPECT_EQ(expect_whole_points(dir / "sw.partial", whole), 0u);
  EXPECT_FALSE(fs::exists(out / "results.csv"));
  const ProgramResult resumed = run_povsim({"sweep", sweep, "--out", out.string(), "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(read_file(out / "results.csv"), whole);
}

/// A tmpfs mounted for the test (root only), unmounted at the end.
struct SmallDisk {
  fs::path at;
  bool mounted = false;
  SmallDisk(const fs::path& where, const std::string& size) : at(where) {
    fs::create_directories(at);
    mounted = ::mount("tmpfs", at.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  bool grow(const std::string& size) const {
    return ::mount("tmpfs", at.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted) ::umount2(at.c_str(), MNT_DETACH);
  }
};

TEST(OutputSafety, SweepOnAFullDiskKeepsOnlyWholePointsAndResumes) {
  TempDir dir;
  const SmallDisk disk(dir / "disk", "600k");
  if (!disk.mounted) GTEST_SKIP() << "cannot mount a tmpfs here (needs root)";
  const std::string sweep = data_file("sweeps/lhs-small.yaml").string();
  ASSERT_EQ(run_povsim({"sweep", sweep, "--out", (dir / "whole").string()}).exit_code, 0);
  const std::string whole = read_file(dir / "whole/results.csv");
  const fs::path out = dir / "disk/sw";
  const ProgramResult r = run_povsim({"sweep", sweep, "--threads", "1", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
  const std::size_t kept = expect_whole_points(dir / "disk/sw.partial", whole);
  EXPECT_GE(kept, 1u);
  EXPECT_LT(kept, 12u);
  ASSERT_TRUE(disk.grow("16m"));
  const ProgramResult resumed = run_povsim({"sweep", sweep, "--out", out.string(), "--resume"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find(std::to_string(kept) + " resumed"), std::string::npos) << resumed.out;
  EXPECT_EQ(read_file(out / "results.csv"), whole);
}

TEST(OutputSafety, EditedPointFileIsBadInputAtItsLineAndColumn) {
  // A finished point whose mean was edited into text: the Sobol indices read it through the
  // CSV reader (core/csv.hpp), so the error names point-0.csv, its line and the cell's column.
  TempDir dir;
  const fs::path sweep =
      dir.write("sobol.yaml",
                "schema: povsim-sweep/1\nname: tiny\nbase: " + data_file("small.yaml").string() +
                    "\nmethod: sobol\npoints: 2\nseed: 1\nreplications: 1\naxes:\n"
                    "  - {key: economy.trend_growth, min: 0.0, max: 0.1}\n"
                    "indices:\n  metrics: [relapsed]\n  year: 2025\n  region: all\n");
  const fs::path out = dir / "sw";
  const std::vector<std::string> args{"sweep", sweep.string(), "--threads",
                                      "1",     "--out",        out.string()};
  std::vector<std::string> first = args;
  first.insert(first.end(), {"--stop-after", "1"});
  ASSERT_EQ(run_povsim(first).exit_code, 0);
  const fs::path point = dir / "sw.partial/point-0.csv";
  std::istringstream in(read_file(point));
  std::string edited;
  int line = 0, bad_line = 0, bad_column = 0;
  for (std::string row; std::getline(in, row);) {
    ++line;
    // point,year,region,metric,mean,...: the mean of the row the indices use
    if (bad_line == 0 && row.find(",2025,all,relapsed,") != std::string::npos) {
      const std::size_t at = row.find(",relapsed,") + 10;
      row = row.substr(0, at) + "many" + row.substr(row.find(',', at));
      bad_line = line;
      bad_column = static_cast<int>(at) + 1;
    }
    edited += row + "\n";
  }
  ASSERT_GT(bad_line, 0);
  dir.write("sw.partial/point-0.csv", edited);
  std::vector<std::string> resume = args;
  resume.push_back("--resume");
  const ProgramResult r = run_povsim(resume);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("point-0.csv:" + std::to_string(bad_line) + ":" +
                       std::to_string(bad_column) + ": error: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("column mean: expected a number, found \"many\""), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(out / "results.csv"));
}

// ---- 5. fingerprints: --resume and merge refuse another configuration ---------------------

TEST(OutputSafety, ResumeOfAnotherConfigurationIsRefusedNamingWhatDiffers) {
  TempDir dir;
  const fs::path base = write_scenario(dir, "base.yaml", "seed: 11\n");
  const fs::path sweep = write_sweep(dir, "sweep.yaml", base.string());
  const fs::path out = dir / "sw";
  const std::vector<std::string> first{"sweep", sweep.string(), "--out", out.string()};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = first;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  ASSERT_EQ(run_povsim(with({"--stop-after", "3"})).exit_code, 0);
  const auto partial = snapshot(dir / "sw.partial");
  auto refused = [&](const std::vector<std::string>& args, const std::string& component) {
    const ProgramResult r = run_povsim(args);
    EXPECT_EQ(r.exit_code, 2) << component << "\n" << r.err;
    EXPECT_NE(r.err.find("--resume: the finished points are of a different sweep: "),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(component + " (was "), std::string::npos) << component << "\n" << r.err;
    EXPECT_EQ(snapshot(dir / "sw.partial"), partial) << component;
  };
  refused(with({"--resume", "--scale", "0.5"}), "scale");
  refused(with({"--resume", "--set", "monitoring.enabled=false"}), "overrides");
  refused(with({"--resume", "--seed", "5"}), "seed");
  refused(with({"--resume", "--replications", "2"}), "replications");
  write_sweep(dir, "sweep.yaml", base.string(), "0.2");  // an edited axis
  refused(with({"--resume"}), "axes");
  write_sweep(dir, "sweep.yaml", base.string());
  write_scenario(dir, "base.yaml", "seed: 11\noverrides:\n  economy:\n    trend_growth: 0.01\n");
  refused(with({"--resume"}), "base scenario");
  write_scenario(dir, "base.yaml", "seed: 11\n");
  // Without --resume, finished points are not discarded.
  const ProgramResult again = run_povsim(first);
  EXPECT_EQ(again.exit_code, 2) << again.err;
  EXPECT_NE(again.err.find("holds 3 finished points of an earlier call; pass --resume"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(snapshot(dir / "sw.partial"), partial);
  // The same sweep resumes, and its manifest carries the fingerprint.
  const ProgramResult resumed = run_povsim(with({"--resume"}));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("9 run now, 3 resumed"), std::string::npos) << resumed.out;
  const auto m = nlohmann::json::parse(read_file(out / "manifest.json"));
  EXPECT_EQ(m["fingerprint"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(m["fingerprint"]["components"]["seed"], "11");
  EXPECT_FALSE(fs::exists(dir / "sw.partial"));
}

TEST(OutputSafety, MergeOfShardsOfDifferentSweepsIsRefused) {
  TempDir dir;
  const fs::path base = write_scenario(dir, "base.yaml", "seed: 11\n");
  const fs::path sweep = write_sweep(dir, "sweep.yaml", base.string());
  auto shard = [&](const std::string& s, const std::string& out) {
    return run_povsim(
        {"sweep", sweep.string(), "--shard", s, "--scale", "0.05", "--out", (dir / out).string()});
  };
  ASSERT_EQ(shard("1/2", "a").exit_code, 0);
  write_sweep(dir, "sweep.yaml", base.string(), "0.2");  // the axes change between the shards
  ASSERT_EQ(shard("2/2", "b").exit_code, 0);
  const ProgramResult r = run_povsim(
      {"merge", (dir / "a").string(), (dir / "b").string(), "--out", (dir / "m").string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("not the same sweep as"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("axes (was "), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "m"));
  // Shards of one sweep whose base scenario changed afterwards: refused too.
  ASSERT_EQ(shard("1/2", "a2").exit_code, 0);
  write_scenario(dir, "base.yaml", "seed: 12\n");
  const ProgramResult later = run_povsim(
      {"merge", (dir / "a2").string(), (dir / "b").string(), "--out", (dir / "m").string()});
  EXPECT_EQ(later.exit_code, 2) << later.err;
}

TEST(OutputSafety, CalibrationManifestCarriesAFingerprint) {
  TempDir dir;
  const fs::path out = dir / "cal";
  const ProgramResult r = run_povsim(
      {"calibrate", write_calibration(dir).string(), "--scale", "0.05", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto m = nlohmann::json::parse(read_file(out / "manifest.json"));
  EXPECT_EQ(m["fingerprint"]["sha256"].get<std::string>().size(), 64u);
  for (const char* c : {"engine", "base scenario", "parameters", "targets", "seed", "replications",
                        "scale", "overrides"})
    EXPECT_TRUE(m["fingerprint"]["components"].contains(c)) << c;
}

}  // namespace
}  // namespace povsim
