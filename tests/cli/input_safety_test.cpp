// Inputs that are hostile or merely unusual, through the real program: every one ends as a povsim
// error (exit 2 with the file and place, or exit 1 saying what to do), never a hang, a raw
// library exception or a silently wrong result. docs/reliability.md ("Inputs") lists them.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::ProgramResult;
using testing::run_povsim;
using testing::scenario_file;
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

}  // namespace
}  // namespace povsim
