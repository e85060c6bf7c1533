#include "output/tables.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "phases/metrics.hpp"

namespace povsim {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(SpreadOf, GivesMeanSampleSdAndType7Quantiles) {
  const Spread s = spread_of({10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
  EXPECT_EQ(s.n, 10u);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_NEAR(s.sd, std::sqrt(82.5 / 9), 1e-12);  // sample sd, divisor n − 1
  // Type 7: the p-quantile sits at position p × (n − 1) of the sorted values.
  EXPECT_NEAR(s.p05, 1.45, 1e-12);
  EXPECT_NEAR(s.p50, 5.5, 1e-12);
  EXPECT_NEAR(s.p95, 9.55, 1e-12);
}

TEST(SpreadOf, OfOneValueHasNoSpread) {
  const Spread s = spread_of({0.25});
  EXPECT_EQ(s.n, 1u);
  EXPECT_EQ(s.mean, 0.25);
  EXPECT_EQ(s.sd, 0.0);
  EXPECT_EQ(s.p05, 0.25);
  EXPECT_EQ(s.p95, 0.25);
}

TEST(SpreadOf, OfNothingIsEmpty) {
  const Spread s = spread_of({});
  EXPECT_EQ(s.n, 0u);
  EXPECT_EQ(s.mean, 0.0);
}

TEST(SpreadOf, OfTwoValuesInterpolates) {
  const Spread s = spread_of({3, 1});
  EXPECT_DOUBLE_EQ(s.p05, 1.1);
  EXPECT_DOUBLE_EQ(s.p50, 2.0);
  EXPECT_DOUBLE_EQ(s.p95, 2.9);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(2.0));
}

TEST(CsvField, LeavesPlainTextAlone) {
  EXPECT_EQ(csv_field("沁县"), "沁县");
  EXPECT_EQ(csv_field("all"), "all");
}

TEST(CsvField, QuotesCommasQuotesAndNewlines) {
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(FormatValue, IsShortestAndFoldsNegativeZero) {
  EXPECT_EQ(format_value(0.0), "0");
  EXPECT_EQ(format_value(-0.0), "0");
  EXPECT_EQ(format_value(0.1), "0.1");
  EXPECT_EQ(format_value(1200), "1200");
  EXPECT_EQ(format_value(1.0 / 3), "0.3333333333");
  EXPECT_EQ(format_value(-2.5e-7), "-2.5e-07");
}

/// Two regions ("a" and one whose name needs quoting), `years` years and `reps` replications;
/// every value encodes (replication, year index, region index, metric).
class TablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    params_.regions = {RegionSpec{"a", 10, "", 1, ""}, RegionSpec{"b,c", 20, "", 2, ""}};
    for (std::uint32_t rep = 0; rep < kReps; ++rep) {
      ReplicationResult r;
      r.replication = rep;
      for (int y = 0; y < kYears; ++y) {
        r.years.push_back(2021 + y);
        std::vector<MetricValues> by_region(3);
        for (int k = 0; k < 3; ++k)
          for (int m = 0; m < kMetricCount; ++m)
            by_region[k][m] = rep * 1000 + y * 100 + k * 10 + m;
        r.values.push_back(by_region);
      }
      run_.replications.push_back(r);
    }
  }

  static constexpr std::uint32_t kReps = 3;
  static constexpr int kYears = 2;
  Params params_;
  RunResult run_;
};

TEST_F(TablesTest, OutputRegionsAreEveryRegionThenAll) {
  EXPECT_EQ(output_regions(params_), (std::vector<std::string>{"a", "b,c", "all"}));
  params_.outputs.per_region = false;
  EXPECT_EQ(output_regions(params_), (std::vector<std::string>{"all"}));
}

TEST_F(TablesTest, AnnualCsvHasItsHeaderAndOneRowPerFigure) {
  const auto lines = lines_of(annual_csv(params_, run_));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "replication,year,region,metric,value");
  // replications × years × (regions + all) × metrics
  EXPECT_EQ(lines.size() - 1, kReps * kYears * 3 * static_cast<std::size_t>(kMetricCount));
}

TEST_F(TablesTest, AnnualCsvRowsCarryTheirValues) {
  const auto lines = lines_of(annual_csv(params_, run_));
  const std::string rtp(metric_table()[static_cast<int>(Metric::kReturnToPovertyRate)].name);
  const int m = static_cast<int>(Metric::kReturnToPovertyRate);
  auto has = [&](const std::string& row) {
    return std::find(lines.begin(), lines.end(), row) != lines.end();
  };
  EXPECT_TRUE(has("2,2022,all," + rtp + "," + std::to_string(2000 + 100 + 20 + m)));
  EXPECT_TRUE(has("0,2021,\"b,c\"," + rtp + "," + std::to_string(10 + m)));
  EXPECT_EQ(lines[1], "0,2021,a,households,0");
}

TEST_F(TablesTest, AnnualCsvWithoutPerRegionWritesOnlyAll) {
  params_.outputs.per_region = false;
  const auto lines = lines_of(annual_csv(params_, run_));
  EXPECT_EQ(lines.size() - 1, kReps * kYears * static_cast<std::size_t>(kMetricCount));
  // The values are those of `all` (index 2), not of the first region.
  EXPECT_EQ(lines[1], "0,2021,all,households,20");
}

TEST_F(TablesTest, SummaryCsvHasItsHeaderAndOneRowPerYearRegionAndMetric) {
  const auto lines = lines_of(summary_csv(params_, run_));
  EXPECT_EQ(lines[0], "year,region,metric,mean,sd,p05,p50,p95,n");
  EXPECT_EQ(lines.size() - 1, kYears * 3 * static_cast<std::size_t>(kMetricCount));
  // households of region a in 2021 over replications: 0, 1000, 2000.
  EXPECT_EQ(lines[1], "2021,a,households,1000,1000,100,1000,1900,3");
}

TEST_F(TablesTest, HeadlineTableHasOneLinePerYear) {
  const auto lines = lines_of(headline_table(params_, run_));
  EXPECT_EQ(lines.size(), 2u + kYears);
}

}  // namespace
}  // namespace povsim
