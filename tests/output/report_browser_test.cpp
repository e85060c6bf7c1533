// report.html in headless Chromium (Debian's /usr/bin/chromium): the page runs without errors and
// every chart renders. The page records its own state in the DOM — each chart container gets
// data-rendered="true" once vega-embed has drawn it, errors (including console.error) go to
// #errors, and <body data-status="done" data-charts="N"> when all charts have settled — which
// the test reads with --dump-dom. Screenshots are kept in the build tree:
// report-test.png (run), report-test-compare.png (compare) and report-test-sweep.png (sweep).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

constexpr const char* kChromium = "/usr/bin/chromium";

/// Runs Chromium headless on `page` with `extra` flags and a fresh profile; returns its stdout
/// (stderr goes to `log`).
std::string chromium(const fs::path& page, const std::string& extra, const fs::path& profile,
                     const fs::path& log, int* exit_code) {
  const std::string command =
      std::string("timeout 180 ") + kChromium +
      " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
      " --disable-background-networking --disable-component-update --disable-sync"
      " --user-data-dir='" +
      profile.string() + "' --virtual-time-budget=30000 " + extra + " 'file://" +
      fs::absolute(page).string() + "' 2>'" + log.string() + "'";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    *exit_code = -1;
    return out;
  }
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  *exit_code = ::pclose(pipe);
  return out;
}

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

/// Loads `page`, checks the DOM the page left behind, and screenshots it to `png`.
void check_in_browser(const fs::path& page, const fs::path& png, int min_charts) {
  ASSERT_TRUE(fs::exists(kChromium))
      << kChromium << " not found: the report's browser test needs Debian's chromium package "
      << "(and fonts-noto-cjk for the Chinese labels); scripts/install-deps.sh installs both";
  TempDir profile;
  int code = 0;
  const std::string dom =
      chromium(page, "--dump-dom", profile / "dom-profile", profile / "dom.log", &code);
  ASSERT_EQ(code, 0) << "chromium --dump-dom failed:\n" << read_file(profile / "dom.log");
  ASSERT_FALSE(dom.empty()) << read_file(profile / "dom.log");

  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m, std::regex(R"(<pre id="errors">([^<]*)</pre>)")))
      << dom.substr(0, 2000);
  EXPECT_EQ(m[1].str(), "") << "the page reported errors";
  std::smatch w;
  if (std::regex_search(dom, w, std::regex(R"(<pre id="warnings" hidden="">([^<]*)</pre>)")) &&
      !w[1].str().empty())
    std::printf("warnings in the page:\n%s\n", w[1].str().c_str());

  ASSERT_TRUE(std::regex_search(dom, m, std::regex(R"(<body ([^>]*)>)")));
  const std::string body = m[1].str();
  EXPECT_NE(body.find("data-status=\"done\""), std::string::npos)
      << "the charts did not all settle: <body " << body << ">";
  EXPECT_EQ(body.find("data-errors"), std::string::npos) << body;
  ASSERT_TRUE(std::regex_search(body, m, std::regex(R"re(data-charts="(\d+)")re"))) << body;
  const int charts = std::stoi(m[1].str());
  EXPECT_GE(charts, min_charts);
  EXPECT_EQ(count(dom, "data-rendered=\"true\""), charts);
  EXPECT_EQ(count(dom, "data-rendered=\"false\""), 0);
  // Each rendered chart is an SVG with marks in it.
  EXPECT_GE(count(dom, "<svg"), charts);

  fs::remove(png);
  chromium(page, "--screenshot='" + png.string() + "' --window-size=1400,2400 --hide-scrollbars",
           profile / "png-profile", profile / "png.log", &code);
  EXPECT_EQ(code, 0) << read_file(profile / "png.log");
  ASSERT_TRUE(fs::exists(png)) << read_file(profile / "png.log");
  EXPECT_GT(fs::file_size(png), 20'000u);
}

TEST(ReportBrowser, RunReportRendersEveryChart) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "run";
  const auto r = run_povsim({"run", src + "/scenarios/baseline.yaml", "--out", out.string(),
                             "--replications", "4", "--scale", "0.1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test.png", 6);
}

TEST(ReportBrowser, CompareReportRendersEveryChartInEnglishToo) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "cmp";
  const auto r = run_povsim({"compare", src + "/scenarios/baseline.yaml",
                             src + "/scenarios/early-withdrawal.yaml", "--out", out.string(),
                             "--replications", "4", "--scale", "0.1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test-compare.png", 12);
  const auto en = run_povsim({"report", out.string(), "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test-compare-en.png",
                   12);
}

TEST(ReportBrowser, SweepReportRendersSobolIndicesAndParameterScatters) {
  TempDir dir;
  const auto out = dir.path() / "sweep";
  const auto r = run_povsim(
      {"sweep", testing::data_file("sweeps/sobol-small.yaml").string(), "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Two Sobol charts (detection lag, relapses) and a scatter per axis (3).
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test-sweep.png", 5);
}

}  // namespace
}  // namespace povsim
