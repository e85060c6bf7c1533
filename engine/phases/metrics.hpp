#pragma once
#include <array>
#include <string_view>
#include <vector>

#include "model/households.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/household_income.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// Every figure the engine reports per year and region. docs/outputs.md is generated from
/// metric_table(), so names, units and definitions live only here.
enum class Metric : int {
  kHouseholds,
  kPeople,
  kPeopleLifted,
  kPeopleGeneral,
  kReturnToPovertyRate,
  kNewPovertyRate,
  kPovertyRate,
  kAtRiskRate,
  kIncomePerCapitaMean,
  kIncomePerCapitaMeanLifted,
  kIncomePerCapitaP10,
  kIncomePerCapitaP50,
  kIncomePerCapitaP90,
  kWageLocalPerCapita,
  kWageMigrantPerCapita,
  kOperatingPerCapita,
  kPropertyPerCapita,
  kSubsidyPerCapita,
  kPensionPerCapita,
  kDibaoPerCapita,
  kMedicalOutOfPocketPerCapita,
  kSchoolingPerCapita,
  kDibaoHouseholds,
  kIllnessEvents,
  kAccidentEvents,
  kBusinessFailures,
  kLivestockLosses,
  kDisabilities,
  kDisasterHitHouseholdMonths,
  kDisasters,
  kCount
};
inline constexpr int kMetricCount = static_cast<int>(Metric::kCount);

struct MetricInfo {
  Metric id;
  std::string_view name;
  std::string_view unit;
  std::string_view definition;
};

const std::array<MetricInfo, kMetricCount>& metric_table();

using MetricValues = std::array<double, kMetricCount>;

/// Flows summed over a calendar year for one region (monthly IncomeTotals and disasters).
struct YearFlows {
  IncomeTotals income;
  int disasters = 0;
  int months = 0;
};

/// Phase 10 at year end: computes every metric for each region and for `all` (last entry) from
/// the households' year-to-date income and the year's flows, then resets the year-to-date record.
std::vector<MetricValues> close_year(Households& hh, const std::vector<RegionMonth>& regions,
                                     const std::vector<YearFlows>& flows, int year);

}  // namespace povsim
