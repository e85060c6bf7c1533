// Property test of issue 14 (output side): for a random sequence (fixed seed) of runs and
// compares, SIGKILLs at random instants, concurrent writers into one --out and writes that fail
// (RLIMIT_FSIZE, and a small tmpfs when the test may mount one), every pre-existing file outside
// povsim's outputs stays intact and every output directory holds exactly one complete result.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "support/outputs.hpp"
#include "support/process.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::entries;
using testing::ProgramResult;
using testing::read_file;
using testing::snapshot;
using testing::Spawned;
using testing::SpawnOptions;
using testing::TempDir;

/// "" if `dir` holds one complete result of povsim run or compare, else what is wrong.
std::string incomplete(const fs::path& dir) {
  if (!fs::is_directory(fs::symlink_status(dir))) return "no directory";
  const nlohmann::json marker =
      nlohmann::json::parse(read_file(dir / ".povsim-output"), nullptr, false);
  if (!marker.is_object() || marker.value("schema", "") != "povsim-output/1" ||
      !marker.contains("files"))
    return "no complete marker";
  std::set<std::string> listed, found;
  for (const auto& f : marker["files"]) listed.insert(f.get<std::string>());
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = e.path().lexically_relative(dir).generic_string();
    if (rel == ".povsim-output") continue;
    found.insert(rel);
    const std::string text = read_file(e.path());
    if (text.empty() || (e.path().extension() == ".csv" && text.back() != '\n'))
      return rel + " is cut short";
    if (e.path().filename() == "manifest.json" && !nlohmann::json::accept(text))
      return rel + " does not parse";
  }
  if (listed != found) return "the marker's list differs from the files";
  std::vector<std::string> expected;
  if (marker["command"] == "run") {
    expected = {"annual.csv", "funds.csv", "manifest.json", "report.html", "summary.csv"};
  } else if (marker["command"] == "compare") {
    expected = {"compare.csv", "cost.csv", "report.html"};
    for (const char* sub : {"small", "small-2"})
      for (const char* f : {"annual.csv", "funds.csv", "manifest.json", "summary.csv"})
        expected.push_back(std::string(sub) + "/" + f);
  } else {
    return "written by " + marker["command"].dump();
  }
  for (const auto& f : expected)
    if (found.count(f) == 0) return f + " is missing";
  return "";
}

struct SmallDisk {
  fs::path at;
  bool mounted = false;
  SmallDisk(const fs::path& where, const std::string& size) : at(where) {
    fs::create_directories(at);
    mounted = ::mount("tmpfs", at.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted) ::umount2(at.c_str(), MNT_DETACH);
  }
};

TEST(OutputsProperty, RandomRunsKillsConcurrentWritersAndFullDisksLeaveOneCompleteResult) {
  TempDir root;
  // What the user had before: notes, a folder povsim must refuse as --out, a look-alike of
  // povsim's temporaries that is not povsim's.
  root.write("precious/notes.txt", "a planner's notes\n");
  root.write("precious/sub/data.csv", "1,2,3\n");
  root.write("foreign/plan.txt", "not povsim's\n");
  root.write(".o0.tmp-1-mine/keep.txt", "mine\n");
  const auto before = snapshot(root.path());
  // A full disk: a 1.5 MB tmpfs holds one result (1.2 MB) but not a second beside it.
  const SmallDisk disk(root / "disk", "1500k");
  std::vector<fs::path> targets{root / "o0", root / "o1", root / "foreign"};
  if (disk.mounted) targets.push_back(root / "disk/o2");
  const std::size_t foreign = 2;

  auto command = [&](const fs::path& out, bool compare) {
    std::vector<std::string> a{compare ? "compare" : "run", data_file("small.yaml").string()};
    if (compare) a.push_back(data_file("small.yaml").string());
    a.insert(a.end(),
             {"--scale", "0.01", "--replications", "1", "--threads", "1", "--out", out.string()});
    return a;
  };
  const auto t0 = std::chrono::steady_clock::now();
  {
    Spawned timing(command(root / "o1", false));
    ASSERT_EQ(timing.wait().exit_code, 0);
  }
  const double run_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<bool> written(targets.size(), false);
  written[1] = true;

  std::mt19937 rng(20261201);
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  int kills = 0, concurrent = 0, limited = 0, succeeded = 0, refused = 0, failed_writes = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(40);
  for (int step = 0; step < 30 && std::chrono::steady_clock::now() < deadline; ++step) {
    const std::size_t t = rng() % targets.size();
    const int kind = static_cast<int>(rng() % 4);
    const int writers = kind == 2 ? 2 + static_cast<int>(rng() % 4) : 1;
    std::vector<std::unique_ptr<Spawned>> procs;
    std::vector<bool> killed;
    for (int w = 0; w < writers; ++w) {
      SpawnOptions o;
      if (kind == 3) {
        o.file_size_limit = static_cast<long long>(uniform(1e3, 1.2e6));
        ++limited;
      }
      procs.push_back(std::make_unique<Spawned>(command(targets[t], rng() % 4 == 0), o));
      killed.push_back(kind == 1 || (kind == 2 && rng() % 3 == 0));
    }
    concurrent += writers > 1 ? 1 : 0;
    for (std::size_t w = 0; w < procs.size(); ++w)
      if (killed[w]) {
        std::this_thread::sleep_for(std::chrono::duration<double>(uniform(0, 1.2 * run_seconds)));
        procs[w]->kill(SIGKILL);
        ++kills;
      }
    for (auto& p : procs) {
      const ProgramResult r = p->wait();
      if (t == foreign) {
        EXPECT_TRUE(r.exit_code == 2 || r.exit_code == -1) << "step " << step << ": " << r.err;
        refused += r.exit_code == 2 ? 1 : 0;
        continue;
      }
      // A run ends well, is killed, or fails to write (exit 1: a file size limit, a full disk).
      EXPECT_TRUE(r.exit_code == 0 || r.exit_code == -1 || r.exit_code == 1)
          << "step " << step << ": exit " << r.exit_code << "\n"
          << r.err;
      if (r.exit_code == 1) {
        EXPECT_NE(r.err.find("cannot write"), std::string::npos) << "step " << step << r.err;
        ++failed_writes;
      }
      if (r.exit_code == 0) {
        written[t] = true;
        ++succeeded;
      }
    }
    // Invariants after every step.
    for (const auto& [file, content] : before)
      ASSERT_EQ(read_file(root / file), content) << file << " changed at step " << step;
    for (std::size_t k = 0; k < targets.size(); ++k) {
      if (k == foreign) continue;
      // Once a result was written, it is there and whole after anything; before, any result
      // there is whole.
      if (written[k] || fs::exists(targets[k])) {
        ASSERT_EQ(incomplete(targets[k]), "") << targets[k] << " at step " << step;
      }
    }
  }
  std::printf(
      "%d kills, %d concurrent steps, %d runs with a file size limit, %d succeeded, %d "
      "refused, %d failed writes\n",
      kills, concurrent, limited, succeeded, refused, failed_writes);
  EXPECT_GT(kills, 0);
  EXPECT_GT(concurrent, 0);
  EXPECT_GT(failed_writes, 0);

  // One clean run into each place removes every trace of the killed ones.
  for (std::size_t k = 0; k < targets.size(); ++k) {
    if (k == foreign) continue;
    Spawned last(command(targets[k], false));
    const int code = last.wait().exit_code;
    EXPECT_TRUE(code == 0 || (disk.mounted && k == 3 && code == 1)) << targets[k];
    EXPECT_EQ(incomplete(targets[k]), "") << targets[k];
  }
  std::vector<std::string> expected{".o0.tmp-1-mine", "disk", "foreign", "o0", "o1", "precious"};
  EXPECT_EQ(entries(root.path()), expected);
  if (disk.mounted) {
    EXPECT_EQ(entries(root / "disk"), std::vector<std::string>{"o2"});
  }
  for (const auto& [file, content] : before) EXPECT_EQ(read_file(root / file), content) << file;
}

}  // namespace
}  // namespace povsim
