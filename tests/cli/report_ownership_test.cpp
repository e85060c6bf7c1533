// Issue 14's ownership rules for `povsim report DIR`, through the real program: it writes only
// into a directory of povsim results (marker), atomically, lists report.html in the marker so a
// later run into DIR still recognises DIR as povsim's, and what a killed report left behind
// neither blocks a later run nor survives the next report.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/outputs.hpp"
#include "support/process.hpp"
#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::dead_pid;
using testing::ProgramResult;
using testing::read_file;
using testing::run_povsim;
using testing::small_run;
using testing::TempDir;

std::vector<std::string> listed_files(const fs::path& dir) {
  const auto marker = nlohmann::json::parse(read_file(dir / ".povsim-output"));
  return marker.at("files").get<std::vector<std::string>>();
}

bool listed(const fs::path& dir, const std::string& name) {
  const auto files = listed_files(dir);
  return std::find(files.begin(), files.end(), name) != files.end();
}

TEST(ReportOwnership, RefusesADirectoryWithoutPovsimsMarker) {
  TempDir dir;
  // Results copied by hand (no marker), and a report.html of the user's own.
  ASSERT_EQ(run_povsim(small_run(dir / "run", 1)).exit_code, 0);
  fs::create_directory(dir / "copy");
  for (const char* f : {"summary.csv", "annual.csv", "manifest.json"})
    fs::copy_file(dir / "run" / f, dir / "copy" / f);
  dir.write("copy/report.html", "my own page");
  const ProgramResult r = run_povsim({"report", (dir / "copy").string(), "--lang", "en"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("copy: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(".povsim-output marker"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "copy/report.html"), "my own page");
}

TEST(ReportOwnership, RefusesToOverwriteAReportHtmlTheMarkerDoesNotList) {
  TempDir dir;
  const fs::path out = dir / "run";
  ASSERT_EQ(run_povsim(small_run(out, 1)).exit_code, 0);
  // The run's own report, replaced by hand with an unlisted file of the same name.
  auto marker = nlohmann::json::parse(read_file(out / ".povsim-output"));
  auto& files = marker["files"];
  files.erase(std::find(files.begin(), files.end(), "report.html"));
  dir.write("run/.povsim-output", marker.dump(2));
  dir.write("run/report.html", "edited by hand");
  const ProgramResult r = run_povsim({"report", out.string()});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("report.html exists and povsim did not write it"), std::string::npos)
      << r.err;
  EXPECT_EQ(read_file(out / "report.html"), "edited by hand");
}

TEST(ReportOwnership, ReportIsListedSoALaterRunStillReplacesTheDirectory) {
  TempDir dir;
  const fs::path out = dir / "run";
  ASSERT_EQ(run_povsim(small_run(out, 1)).exit_code, 0);
  // A result without report.html (as a sweep point or an older engine leaves it).
  fs::remove(out / "report.html");
  auto marker = nlohmann::json::parse(read_file(out / ".povsim-output"));
  auto& files = marker["files"];
  files.erase(std::find(files.begin(), files.end(), "report.html"));
  const std::string command = marker.at("command");
  dir.write("run/.povsim-output", marker.dump(2));
  ASSERT_FALSE(listed(out, "report.html"));

  const ProgramResult r = run_povsim({"report", out.string(), "--lang", "en"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(listed(out, "report.html"));
  EXPECT_EQ(nlohmann::json::parse(read_file(out / ".povsim-output")).at("command"), command);
  EXPECT_NE(read_file(out / "report.html").find("<html lang=\"en\">"), std::string::npos);
  // Only report.html was added: no temporaries are left in the result.
  for (const auto& e : fs::directory_iterator(out))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();

  const ProgramResult again = run_povsim(small_run(out, 1));
  EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST(ReportOwnership, TemporariesOfAKilledReportNeitherBlockARunNorSurviveTheNextReport) {
  TempDir dir;
  const fs::path out = dir / "run";
  ASSERT_EQ(run_povsim(small_run(out, 1)).exit_code, 0);
  const std::string pid = std::to_string(dead_pid());
  // What a report killed while writing its page, or the marker, leaves behind.
  dir.write("run/.report.html.tmp-" + pid, "<!DOCTYPE html> half a page");
  dir.write("run/.povsim-output.tmp-" + pid, "{\"schema\": \"povsim-out");
  // The same names of a live process are not povsim's leftovers of a dead one.
  dir.write("run/.report.html.tmp-1", "pid 1 is always alive");

  const ProgramResult blocked = run_povsim(small_run(out, 1));
  EXPECT_EQ(blocked.exit_code, 2) << blocked.err;
  EXPECT_NE(blocked.err.find(".report.html.tmp-1"), std::string::npos) << blocked.err;
  EXPECT_EQ(blocked.err.find(".report.html.tmp-" + pid), std::string::npos) << blocked.err;
  fs::remove(out / ".report.html.tmp-1");

  const ProgramResult report = run_povsim({"report", out.string()});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_FALSE(fs::exists(out / (".report.html.tmp-" + pid)));
  EXPECT_FALSE(fs::exists(out / (".povsim-output.tmp-" + pid)));

  dir.write("run/.report.html.tmp-" + pid, "killed again");
  const ProgramResult r = run_povsim(small_run(out, 1));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(out / (".report.html.tmp-" + pid)));
}

}  // namespace
}  // namespace povsim
