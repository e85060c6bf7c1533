// report.html through the program: self-contained (libraries and data inlined, nothing remote),
// written by run and compare, rewritten by `povsim report DIR --lang en`.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::read_file;
using testing::run_povsim;
using testing::TempDir;

/// Every remote reference that would make the page fetch at view time: a script, stylesheet,
/// image, frame or CSS import from http(s) or a protocol-relative URL.
std::vector<std::string> remote_references(const std::string& html) {
  static const std::regex remote(
      R"((<(script|link|img|iframe|source|embed|object)\b[^>]*\b(src|href|data)\s*=\s*["']?\s*(https?:)?//)|(@import\s+(url\()?\s*["']?(https?:)?//)|(url\(\s*["']?(https?:)?//))",
      std::regex::icase);
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), remote);
       it != std::sregex_iterator(); ++it)
    found.push_back(it->str());
  return found;
}

void expect_self_contained(const std::string& html) {
  ASSERT_FALSE(html.empty());
  EXPECT_EQ(remote_references(html), std::vector<std::string>{});
  // Every <script> is inline: no src attribute at all.
  EXPECT_FALSE(
      std::regex_search(html, std::regex(R"(<script\b[^>]*\bsrc\s*=)", std::regex::icase)));
  EXPECT_EQ(html.find("<link"), std::string::npos);
  // The three libraries, inlined (each carries its UMD global name and a healthy size).
  for (const char* lib : {"vega.min.js", "vega-lite.min.js", "vega-embed.min.js"})
    EXPECT_NE(html.find(std::string("<script data-library=\"") + lib + "\">"), std::string::npos)
        << lib;
  EXPECT_NE(html.find(".vega="), std::string::npos);
  EXPECT_NE(html.find(".vegaLite="), std::string::npos);
  EXPECT_NE(html.find("vegaEmbed"), std::string::npos);
  EXPECT_GT(html.size(), 700'000u);
  EXPECT_EQ(html.find("sourceMappingURL"), std::string::npos);
  // The data, inlined as JSON.
  EXPECT_NE(html.find("<script type=\"application/json\" id=\"povsim-data\">"), std::string::npos);
}

TEST(Report, RunWritesASelfContainedReportWithItsData) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "run";
  const auto r =
      run_povsim({"run", src + "/scenarios/baseline.yaml", "--out", out.string(), "--replications",
                  "3", "--scale", "0.05", "--seed", "7", "--set", "transfers.dibao.take_up=0.9",
                  "--set", "assistance.training.budget_per_household=0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // What the header shows comes from manifest.json: the description and every --set as given.
  const std::string manifest = read_file(out / "manifest.json");
  EXPECT_NE(manifest.find("\"description\": \"四个不摘 throughout"), std::string::npos)
      << manifest.substr(0, 600);
  EXPECT_NE(manifest.find("\"overrides\": [\n    \"transfers.dibao.take_up=0.9\",\n    "
                          "\"assistance.training.budget_per_household=0\"\n  ]"),
            std::string::npos)
      << manifest.substr(0, 1500);
  const std::string html = read_file(out / "report.html");
  EXPECT_NE(html.find("\"overrides\":[\"transfers.dibao.take_up=0.9\","
                      "\"assistance.training.budget_per_household=0\"]"),
            std::string::npos);
  EXPECT_NE(html.find("\"epochs\":[\"2021-01\"]"), std::string::npos);
  // A run of one epoch changes nothing between epochs.
  EXPECT_NE(html.find("\"changes\":[]"), std::string::npos);
  // Not a forecast: the baseline is not calibrated (its manifest records no fit).
  EXPECT_NE(html.find("返贫风险情景推演"), std::string::npos);
  EXPECT_EQ(html.find("预测报告"), std::string::npos);
  EXPECT_EQ(html.find("差异显著"), std::string::npos);
  EXPECT_EQ(html.find("is a significant difference"), std::string::npos);
  expect_self_contained(html);
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("\"kind\":\"run\""), std::string::npos);
  EXPECT_NE(html.find("\"seed\":7"), std::string::npos);
  EXPECT_NE(html.find("\"replications\":3"), std::string::npos);
  EXPECT_NE(html.find("\"metric\":\"return_to_poverty_rate\""), std::string::npos);
  EXPECT_NE(html.find("\"metric\":\"assistance_yuan_public_jobs\""), std::string::npos);
  EXPECT_NE(html.find("\"git_commit\":"), std::string::npos);
  EXPECT_NE(html.find("返贫率"), std::string::npos);
  EXPECT_NE(html.find("公益性岗位"), std::string::npos);
  EXPECT_NE(html.find("风险消除"), std::string::npos);

  // `povsim report DIR --lang en` rewrites it with English labels; no temporary left behind.
  const auto en = run_povsim({"report", out.string(), "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  const std::string html_en = read_file(out / "report.html");
  expect_self_contained(html_en);
  EXPECT_NE(html_en.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html_en.find("\"lang\":\"en\""), std::string::npos);
  for (const auto& entry : std::filesystem::directory_iterator(out))
    EXPECT_EQ(entry.path().filename().string().find(".report"), std::string::npos);
}

TEST(Report, CompareWritesDifferencesAndEachScenario) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "cmp";
  const auto r = run_povsim({"compare", src + "/scenarios/baseline.yaml",
                             src + "/scenarios/early-withdrawal.yaml", "--out", out.string(),
                             "--replications", "3", "--scale", "0.05"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = read_file(out / "report.html");
  expect_self_contained(html);
  EXPECT_NE(html.find("\"kind\":\"compare\""), std::string::npos);
  EXPECT_NE(html.find("\"baseline\":\"baseline\""), std::string::npos);
  EXPECT_NE(html.find("\"scenario\":\"early-withdrawal\""), std::string::npos);
  EXPECT_NE(html.find("\"metric\":\"return_to_poverty_rate\""), std::string::npos);
  EXPECT_NE(html.find("\"name\":\"baseline\""), std::string::npos);
  EXPECT_NE(html.find("\"name\":\"early-withdrawal\""), std::string::npos);
  // early-withdrawal's header lists what differs from the base: from 2022-01, in every region,
  // monitoring stops (the base keeps it on).
  EXPECT_NE(html.find("\"epochs\":[\"2021-01\",\"2022-01\"]"), std::string::npos);
  EXPECT_TRUE(std::regex_search(
      html,
      std::regex(
          R"re(\{"before":"true","from":"2022-01","key":"monitoring\.enabled","regions":null,"value":"false"\})re")))
      << html.substr(html.find("\"changes\""), 600);
  // The base's own section (one epoch, no base of its own) lists no changes.
  EXPECT_NE(html.find("\"changes\":[],\"changes_left_off\":0,\"epochs\":[\"2021-01\"]"),
            std::string::npos);
}

TEST(Report, BadInputExitsTwo) {
  TempDir dir;
  const auto empty = run_povsim({"report", dir.path().string()});
  EXPECT_EQ(empty.exit_code, 2);
  // An empty directory is no povsim result: refused before anything is read or written.
  EXPECT_NE(empty.err.find("expected povsim results, found no complete .povsim-output marker"),
            std::string::npos)
      << empty.err;
  const auto lang = run_povsim({"report", dir.path().string(), "--lang", "fr"});
  EXPECT_EQ(lang.exit_code, 2);
}

}  // namespace
}  // namespace povsim
