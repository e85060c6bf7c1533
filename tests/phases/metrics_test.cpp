#include "phases/metrics.hpp"

#include <gtest/gtest.h>

#include <set>

namespace povsim {
namespace {

double value(const MetricValues& v, Metric m) { return v[static_cast<int>(m)]; }

/// Two regions, six households with known annual net incomes, poverty line 4,000 and monitoring
/// line 6,000 yuan per person (2021):
///   region 0: lifted 2 persons at 3,000 pc (poor), lifted 3 at 5,000 (at risk),
///             general 1 at 3,500 (poor), general 4 at 10,000;
///   region 1: lifted 5 at 2,000 (poor), general 2 at 7,000.
class CloseYearTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rp_.lines.poverty = {{2021, 4000}};
    rp_.lines.monitoring = {{2021, 6000}};
    regions_.resize(2);
    for (auto& r : regions_) {
      r.params = &rp_;
      r.poverty_line = 4000;
      r.monitoring_line = 6000;
    }
    flows_.resize(2);
    for (auto& f : flows_) f.months = 12;

    hh_.resize(6);
    hh_.region_begin = {0, 4, 6};
    add(0, true, 2, 3000);
    add(1, true, 3, 5000);
    add(2, false, 1, 3500);
    add(3, false, 4, 10000);
    add(4, true, 5, 2000);
    add(5, false, 2, 7000);
  }

  void add(std::size_t i, bool lifted, int size, double per_capita) {
    hh_.flags[i] = lifted ? hh_flag::kLifted : 0;
    hh_.size[i] = static_cast<std::uint8_t>(size);
    hh_.ytd_net[i] = static_cast<float>(per_capita * size);
  }

  std::vector<MetricValues> close() {
    return close_year(hh_, regions_, flows_, MonthContext{11, {2021, 12}, 0});
  }

  Households hh_;
  RegionParams rp_;
  std::vector<RegionMonth> regions_;
  std::vector<YearFlows> flows_;
};

TEST_F(CloseYearTest, ReturnsOneEntryPerRegionAndAllLast) { EXPECT_EQ(close().size(), 3u); }

TEST_F(CloseYearTest, ReturnToPovertyRateIsPersonsInLiftedHouseholdsBelowThePovertyLine) {
  const auto v = close();
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kReturnToPovertyRate), 2.0 / 5.0);
  EXPECT_DOUBLE_EQ(value(v[1], Metric::kReturnToPovertyRate), 1.0);
  EXPECT_DOUBLE_EQ(value(v[2], Metric::kReturnToPovertyRate), 7.0 / 10.0);
}

TEST_F(CloseYearTest, NewPovertyRateIsPersonsInGeneralHouseholdsBelowThePovertyLine) {
  const auto v = close();
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kNewPovertyRate), 1.0 / 5.0);
  EXPECT_DOUBLE_EQ(value(v[1], Metric::kNewPovertyRate), 0.0);
  EXPECT_DOUBLE_EQ(value(v[2], Metric::kNewPovertyRate), 1.0 / 7.0);
}

TEST_F(CloseYearTest, PovertyAndAtRiskRatesCountAllPersons) {
  const auto v = close();
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kPovertyRate), 3.0 / 10.0);
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kAtRiskRate), 6.0 / 10.0);
  EXPECT_DOUBLE_EQ(value(v[2], Metric::kPovertyRate), 8.0 / 17.0);
  EXPECT_DOUBLE_EQ(value(v[2], Metric::kAtRiskRate), 11.0 / 17.0);
}

TEST_F(CloseYearTest, CountsHouseholdsAndPersons) {
  const auto v = close();
  EXPECT_EQ(value(v[0], Metric::kHouseholds), 4);
  EXPECT_EQ(value(v[1], Metric::kHouseholds), 2);
  EXPECT_EQ(value(v[2], Metric::kHouseholds), 6);
  EXPECT_EQ(value(v[2], Metric::kPeople), 17);
  EXPECT_EQ(value(v[2], Metric::kPeopleLifted), 10);
  EXPECT_EQ(value(v[2], Metric::kPeopleGeneral), 7);
}

TEST_F(CloseYearTest, MeanIncomeIsTotalIncomeOverPersons) {
  const auto v = close();
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kIncomePerCapitaMean), 64500.0 / 10);
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kIncomePerCapitaMeanLifted), 21000.0 / 5);
  EXPECT_DOUBLE_EQ(value(v[2], Metric::kIncomePerCapitaMeanLifted), 31000.0 / 10);
}

TEST_F(CloseYearTest, QuantilesInterpolateBetweenHouseholds) {
  // Region 0 per capita, sorted: 3000, 3500, 5000, 10000 (type 7: position q × (n − 1)).
  const auto v = close();
  EXPECT_NEAR(value(v[0], Metric::kIncomePerCapitaP10), 3150, 1e-6);
  EXPECT_NEAR(value(v[0], Metric::kIncomePerCapitaP50), 4250, 1e-6);
  EXPECT_NEAR(value(v[0], Metric::kIncomePerCapitaP90), 8500, 1e-6);
  // All: 2000, 3000, 3500, 5000, 7000, 10000.
  EXPECT_NEAR(value(v[2], Metric::kIncomePerCapitaP10), 2500, 1e-6);
  EXPECT_NEAR(value(v[2], Metric::kIncomePerCapitaP50), 4250, 1e-6);
  EXPECT_NEAR(value(v[2], Metric::kIncomePerCapitaP90), 8500, 1e-6);
}

TEST_F(CloseYearTest, IncomeBySourceIsTheYearsFlowOverPersons) {
  flows_[0].income.wage_local = 10000;
  flows_[1].income.wage_local = 14000;
  flows_[0].income.dibao = 500;
  const auto v = close();
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kWageLocalPerCapita), 1000);
  EXPECT_DOUBLE_EQ(value(v[1], Metric::kWageLocalPerCapita), 2000);
  EXPECT_DOUBLE_EQ(value(v[2], Metric::kWageLocalPerCapita), 24000.0 / 17);
  EXPECT_DOUBLE_EQ(value(v[2], Metric::kDibaoPerCapita), 500.0 / 17);
}

TEST_F(CloseYearTest, EventsAndDisastersAreSummedOverRegions) {
  flows_[0].income.illness_events = 3;
  flows_[1].income.illness_events = 4;
  flows_[0].disasters = 1;
  flows_[1].disasters = 2;
  const auto v = close();
  EXPECT_EQ(value(v[2], Metric::kIllnessEvents), 7);
  EXPECT_EQ(value(v[2], Metric::kDisasters), 3);
}

TEST_F(CloseYearTest, CountsHouseholdsEnrolledInDibao) {
  hh_.flags[0] |= hh_flag::kDibao;
  hh_.flags[4] |= hh_flag::kDibao;
  const auto v = close();
  EXPECT_EQ(value(v[0], Metric::kDibaoHouseholds), 1);
  EXPECT_EQ(value(v[2], Metric::kDibaoHouseholds), 2);
}

TEST_F(CloseYearTest, PartialYearIsAnnualised) {
  for (auto& f : flows_) f.months = 6;  // the same income earned in half a year
  const auto v = close();
  // Per capita doubles: 6,000 / 10,000 / 7,000 / 20,000 and 4,000 / 14,000.
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kReturnToPovertyRate), 0.0);
  EXPECT_DOUBLE_EQ(value(v[1], Metric::kReturnToPovertyRate), 0.0);
  EXPECT_DOUBLE_EQ(value(v[0], Metric::kIncomePerCapitaMean), 2 * 64500.0 / 10);
}

TEST_F(CloseYearTest, ResetsTheYearToDateIncome) {
  close();
  for (float x : hh_.ytd_net) EXPECT_EQ(x, 0.0f);
}

TEST(MetricTable, ListsEveryMetricOnceInEnumOrder) {
  const auto& table = metric_table();
  std::set<std::string_view> names;
  for (int k = 0; k < kMetricCount; ++k) {
    EXPECT_EQ(static_cast<int>(table[k].id), k);
    EXPECT_TRUE(names.insert(table[k].name).second) << table[k].name;
    EXPECT_FALSE(table[k].unit.empty()) << table[k].name;
    EXPECT_FALSE(table[k].definition.empty()) << table[k].name;
    EXPECT_EQ(table[k].name.find_first_of(",\" "), std::string_view::npos) << table[k].name;
  }
}

}  // namespace
}  // namespace povsim
