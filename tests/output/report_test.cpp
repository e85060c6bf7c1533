// report.html through the program: self-contained (libraries and data inlined, nothing remote),
// written by run and compare, rewritten by `povsim report DIR --lang en`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
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
  // Regions listed in YAML name no province: no province in the manifest, no map, no geometry.
  EXPECT_EQ(manifest.find("\"province\""), std::string::npos);
  EXPECT_EQ(html.find("\"provinces\""), std::string::npos);
  EXPECT_EQ(html.find("id=\"povsim-provinces\""), std::string::npos);

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

/// The data report.html carries (<script id="povsim-data">).
nlohmann::json report_data(const std::string& html) {
  // Found by position: std::regex recurses per character and overflows on a page this size.
  const std::string open = "<script type=\"application/json\" id=\"povsim-data\">";
  const auto at = html.find(open);
  EXPECT_NE(at, std::string::npos);
  if (at == std::string::npos) return nullptr;
  const auto from = at + open.size();
  return nlohmann::json::parse(html.substr(from, html.find("</script>", from) - from));
}

/// summary.csv's mean of `metric` in `region` in `year`.
double summary_mean(const std::filesystem::path& file, const std::string& region,
                    const std::string& metric, int year) {
  std::ifstream in(file);
  std::string line;
  const std::string key = std::to_string(year) + "," + region + "," + metric + ",";
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size()));
  ADD_FAILURE() << "no " << key << " in " << file;
  return -1;
}

/// A run whose regions come from a regions table with a province column.
std::filesystem::path run_with_table(const TempDir& dir, const std::string& name,
                                     const std::string& rows) {
  const std::string src = POVSIM_SOURCE_DIR;
  dir.write(name + ".csv", "county,province,households,profile\n" + rows);
  const auto scenario = dir.write(name + ".yaml", "schema: povsim/1\nextends: " + src +
                                                      "/scenarios/baseline.yaml\nname: " + name +
                                                      "\nregions_table: " + name + ".csv\n");
  const auto out = dir.path() / name;
  const auto r = run_povsim({"run", scenario.string(), "--out", out.string(), "--replications", "3",
                             "--seed", "5", "--threads", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return out;
}

TEST(Report, ProvinceMapRatesAreRegionAllsAggregateOverTheProvincesCounties) {
  TempDir dir;
  const std::string bazhou = std::string(POVSIM_SOURCE_DIR) + "/scenarios/regions/bazhou.yaml";
  // Every county in one province, by its full name: the province's rates are region all's.
  auto out = run_with_table(dir, "one",
                            "甲,内蒙古自治区,150," + bazhou + "\n乙,内蒙古自治区,90," + bazhou +
                                "\n丙,内蒙古自治区,200," + bazhou + "\n");
  const std::string manifest = read_file(out / "manifest.json");
  EXPECT_NE(manifest.find("\"name\": \"甲\",\n      \"households\": 150,\n      \"profile\": "),
            std::string::npos)
      << manifest.substr(manifest.find("\"regions\""), 400);
  EXPECT_NE(manifest.find("\"province\": \"内蒙古自治区\""), std::string::npos);
  std::string html = read_file(out / "report.html");
  EXPECT_NE(html.find("<script type=\"application/json\" id=\"povsim-provinces\">"),
            std::string::npos);
  expect_self_contained(html);
  nlohmann::json p = report_data(html)["sections"][0]["provinces"];
  ASSERT_TRUE(p.is_object()) << p;
  EXPECT_EQ(p["year"], 2025);
  EXPECT_EQ(p["unmatched"], nlohmann::json::array());
  ASSERT_EQ(p["rows"].size(), 34u);  // every province, to name each on the map
  int with_data = 0;
  for (const auto& row : p["rows"]) {
    if (row["province"] != "内蒙古") {
      EXPECT_EQ(row["counties"], 0);
      EXPECT_TRUE(row["return_to_poverty_rate"].is_null()) << row;
      continue;
    }
    ++with_data;
    EXPECT_EQ(row["en"], "Inner Mongolia");
    EXPECT_EQ(row["counties"], 3);
    for (const char* metric : {"return_to_poverty_rate", "new_poverty_rate"}) {
      const double all = summary_mean(out / "summary.csv", "all", metric, 2025);
      EXPECT_GT(all, 0) << metric;
      EXPECT_NEAR(row[metric].get<double>(), all, 1e-9 * all + 1e-12) << metric;
    }
    EXPECT_NEAR(row["people_lifted"].get<double>(),
                summary_mean(out / "summary.csv", "all", "people_lifted", 2025), 1e-6);
  }
  EXPECT_EQ(with_data, 1);

  // Counties in two provinces and one name that is no province: each province's own rate (of
  // one county: that county's), the counties counted, the unknown name listed.
  out = run_with_table(dir, "two",
                       "甲,甘肃,150," + bazhou + "\n乙,甘肃,90," + bazhou + "\n丙,河北省,200," +
                           bazhou + "\n丁,Atlantis,50," + bazhou + "\n");
  html = read_file(out / "report.html");
  p = report_data(html)["sections"][0]["provinces"];
  EXPECT_EQ(p["unmatched"], nlohmann::json::array({"Atlantis"}));
  std::map<std::string, nlohmann::json> by;
  for (const auto& row : p["rows"]) by[row["province"].get<std::string>()] = row;
  EXPECT_EQ(by["甘肃"]["counties"], 2);
  EXPECT_EQ(by["河北"]["counties"], 1);
  const double hebei = summary_mean(out / "summary.csv", "丙", "return_to_poverty_rate", 2025);
  EXPECT_NEAR(by["河北"]["return_to_poverty_rate"].get<double>(), hebei, 1e-9 * hebei + 1e-12);
  // Gansu's rate lies between its two counties' (a persons-weighted mean of them).
  const double a = summary_mean(out / "summary.csv", "甲", "return_to_poverty_rate", 2025);
  const double b = summary_mean(out / "summary.csv", "乙", "return_to_poverty_rate", 2025);
  const double gansu = by["甘肃"]["return_to_poverty_rate"].get<double>();
  EXPECT_GE(gansu, std::min(a, b) - 1e-12);
  EXPECT_LE(gansu, std::max(a, b) + 1e-12);
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
