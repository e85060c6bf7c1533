#pragma once
#include <array>
#include <string_view>
#include <vector>

#include "funds/fund_state.hpp"
#include "model/households.hpp"
#include "phases/assistance.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/enterprises.hpp"
#include "phases/household_income.hpp"
#include "phases/monitoring.hpp"
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
  kWagePublicPerCapita,
  kExpenseShocks,
  kReturnRateStrongLabour,
  kReturnRateWeakLabour,
  kReturnRateNoLabour,
  kReturnRateShocked,
  kAtRiskHouseholds,
  kMonitoredHouseholds,
  kMonitoredUnstable,
  kMonitoredMarginal,
  kMonitoredSudden,
  kAlertGreen,
  kAlertYellow,
  kAlertOrange,
  kAlertRed,
  kNewlyIdentified,
  kIdentifiedSelfReport,
  kIdentifiedGrid,
  kIdentifiedDepartment,
  kIdentifiedSocial,
  kDetectionLagMean,
  kRiskEliminated,
  kRelapsed,
  kAssistedEmployment,
  kAssistedTraining,
  kAssistedIndustry,
  kAssistedPublicJobs,
  kAssistedSocialAssistance,
  kAssistedMedical,
  kAssistedRiskRelief,
  kYuanEmployment,
  kYuanTraining,
  kYuanIndustry,
  kYuanPublicJobs,
  kYuanSocialAssistance,
  kYuanMedical,
  kYuanRiskRelief,
  kUnmetNeed,
  kEnterprisesAlive,
  kEnterprisesFailed,
  kEnterprisesEntered,
  kJobsFilled,
  kWorkersFromLifted,
  kWorkersLaidOff,
  kEnterpriseSubsidyYuan,
  kLinkWagePerCapita,
  kLinkContractPerCapita,
  kLinkCooperativePerCapita,
  kLinkPropertyPerCapita,
  kHouseholdsStableJob,
  kHouseholdsIndustryLink,
  kHouseholdsLostLink,
  kReturnRateLostLink,
  kPoorLostLink,
  kPoorHouseholds,
  kFundsSources,
  kFundsSpent,
  kFundsToHouseholds,
  kFundsToEnterprises,
  kFundsToOutlays,
  kFundsLapsed,
  kSpentIndustry,
  kSpentEmployment,
  kSpentInfrastructure,
  kSpentRiskRelief,
  kSpentPublicJobs,
  kSpentTraining,
  kSpentMedical,
  kSpentDibao,
  kSpentMicrocreditSubsidy,
  kSpentConsumption,
  kSpentRiskCompensation,
  kMicrocreditHouseholds,
  kMicrocreditBalance,
  kMicrocreditLoansMade,
  kMicrocreditDefaults,
  kMicrocreditDefaultedYuan,
  kMicrocreditCompensatedYuan,
  kConsumptionHouseholds,
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
  MonitoringTally monitoring;
  AssistanceTally assistance;
  EnterpriseTally enterprises;
  FundTally funds;
  int disasters = 0;
  int months = 0;
  void add(const YearFlows& o);
};

/// Phase 10 at year end: computes every metric for each region and for `all` (last entry) from
/// the households' year-to-date income and the year's flows, then resets the year-to-date record.
std::vector<MetricValues> close_year(Households& hh, const std::vector<RegionMonth>& regions,
                                     const std::vector<YearFlows>& flows,
                                     const MonthContext& month);

}  // namespace povsim
