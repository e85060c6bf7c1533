#pragma once
#include <array>
#include <string_view>
#include <vector>

#include "funds/fund_state.hpp"
#include "model/households.hpp"
#include "phases/assistance.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/demography.hpp"
#include "phases/enterprises.hpp"
#include "phases/household_income.hpp"
#include "phases/industry_projects.hpp"
#include "phases/monitoring.hpp"
#include "phases/schedule.hpp"
#include "phases/temporary_assistance.hpp"

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
  kReturnRateLinked,
  kReturnRateUnlinked,
  kIncomePerCapitaContract,
  kIncomePerCapitaOtherFarms,
  kLiftedMigrantWorkers,
  kTransportSubsidyWorkers,
  kTransportSubsidyYuan,
  kPlacedLocal,
  kPlacedTransfer,
  kMonitoredPaired,
  kPairHandovers,
  kEnterpriseRevenueIndex,
  kMonitoredShare,
  kDibaoShare,
  kWageShare,
  kEliminatedShare,
  kEntriesShareSudden,
  kEntriesShareShock,
  kEntriesShareIllness,
  kReturnsShareIllness,
  // Cause accounting (phases/causes.hpp), in Cause order.
  kReturnsByCauseChronicLow,
  kReturnsByCauseIllness,
  kReturnsByCauseAccident,
  kReturnsByCauseDisaster,
  kReturnsByCauseJobLoss,
  kReturnsByCauseBusiness,
  kReturnsByCauseEducation,
  kReturnsByCauseEnterpriseFailure,
  kEntriesByCauseChronicLow,
  kEntriesByCauseIllness,
  kEntriesByCauseAccident,
  kEntriesByCauseDisaster,
  kEntriesByCauseJobLoss,
  kEntriesByCauseBusiness,
  kEntriesByCauseEducation,
  kEntriesByCauseEnterpriseFailure,
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
  kMicrocreditArrears,
  kMicrocreditExtended,
  kMicrocreditArrearsYuan,
  kReturnRateBorrowers,
  kConsumptionHouseholds,
  // Persons beside households, shares over the formerly poor, monitoring stock and flow.
  kMonitoredPeople,
  kNewlyIdentifiedPeople,
  kEliminatedPeople,
  kPoorPeople,
  kAtRiskPeople,
  kHouseholdsLifted,
  kMonitoredShareOfLifted,
  kMonitoredPeopleShareOfLifted,
  kEliminatedPeopleShare,
  kMonitoredOpening,
  kMonitoredOpeningPeople,
  kEntriesUnstable,
  kEntriesMarginal,
  kEntriesSudden,
  kEntriesUnstablePeople,
  kEntriesMarginalPeople,
  kEntriesSuddenPeople,
  // 低保, 特困 and 临时救助: coverage and who receives them.
  kDibaoPeople,
  kDibaoPeopleShare,
  kDibaoShareNoLabour,
  kDibaoShareWeakLabour,
  kDibaoShareStrongLabour,
  kDibaoShareLifted,
  kDibaoAnnualYuan,
  kTekunHouseholds,
  kTekunPeople,
  kTekunAnnualYuan,
  kTemporaryAssistanceHouseholds,
  kTemporaryAssistanceYuan,
  // Sudden hardship from every shock, clearance by category, errors and lag of identification.
  kEliminatedUnstable,
  kEliminatedMarginal,
  kEliminatedSudden,
  kClearedShareUnstable,
  kClearedShareMarginal,
  kClearedShareSudden,
  kSuddenClearedFirstYearShare,
  kExclusionError,
  kInclusionError,
  kAwaitingApproval,
  // Industry projects (phases/industry_projects.hpp).
  kIndustryCoverage,
  kProjectHouseholds,
  kProjectsStarted,
  kProjectInvestmentYuan,
  kProjectIncomeYuan,
  kProjectFailures,
  kProjectOutbreaks,
  // Demography (phases/demography.hpp).
  kDeaths,
  kBirths,
  kWorkersAgedOut,
  kSchoolStarts,
  kSchoolLeaversWorking,
  kMovedOut,
  kNoLabourShare,
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
  TemporaryAssistanceTally temporary;
  ProjectTally projects;
  DemographyTally demography;
  int disasters = 0;
  int months = 0;
  void add(const YearFlows& o);
};

/// The household sums behind one region's year-end metrics (persons, poor, at risk, links …).
struct YearTally {
  double people = 0, people_lifted = 0, people_general = 0;
  double poor_lifted = 0, poor_general = 0, at_risk = 0;
  double net = 0, net_lifted = 0;
  double dibao_households = 0;
  // December's 低保/特困 caseload: persons, households by labour class, formerly poor, and the
  // month's payments (yuan/month) for the annualised cost.
  double dibao_people = 0, dibao_lifted = 0, dibao_monthly = 0;
  std::array<double, 3> dibao_by_labour{};
  double tekun_households = 0, tekun_people = 0, tekun_monthly = 0;
  std::array<double, 3> lifted_by_labour{}, poor_by_labour{};
  std::array<double, 3> households_by_labour{};  // every household, by labour class
  double lifted_shocked = 0, poor_shocked = 0;
  double at_risk_households = 0;
  double denied = 0;
  double stable_job = 0, industry_link = 0, lost_link = 0, lifted_migrant = 0;
  double monitored_paired = 0;
  double lifted_lost_link = 0, poor_lost_link = 0;
  double lifted_linked = 0, poor_linked = 0, lifted_unlinked = 0, poor_unlinked = 0;
  double net_contract = 0, people_contract = 0, net_other_farms = 0, people_other_farms = 0;
  double lifted_borrowers = 0, poor_borrowers = 0;
  std::array<double, 4> by_category{};
  std::array<double, 4> by_alert{};
  double poor_households = 0, ever_monitored = 0, eliminated_out = 0;
  std::array<double, kCauseCount> poor_by_cause{};
  double households_lifted = 0, monitored_people = 0, at_risk_people = 0;
  double ever_monitored_people = 0, eliminated_out_people = 0;
  double excluded = 0, awaiting = 0;  // at risk, neither monitored nor awaiting; awaiting approval
  // Formerly poor or monitored households; those of them with an industry measure (a project,
  // live or failed, or the one-off support); households with a live project.
  double industry_targets = 0, industry_covered = 0, project_live = 0;
  void add(const YearTally& o) {
    industry_targets += o.industry_targets;
    industry_covered += o.industry_covered;
    project_live += o.project_live;
    excluded += o.excluded;
    awaiting += o.awaiting;
    households_lifted += o.households_lifted;
    monitored_people += o.monitored_people;
    at_risk_people += o.at_risk_people;
    ever_monitored_people += o.ever_monitored_people;
    eliminated_out_people += o.eliminated_out_people;
    poor_households += o.poor_households;
    ever_monitored += o.ever_monitored;
    eliminated_out += o.eliminated_out;
    for (int c = 0; c < kCauseCount; ++c) poor_by_cause[c] += o.poor_by_cause[c];
    for (int k = 0; k < 3; ++k) {
      households_by_labour[k] += o.households_by_labour[k];
      lifted_by_labour[k] += o.lifted_by_labour[k];
      poor_by_labour[k] += o.poor_by_labour[k];
    }
    for (int k = 0; k < 4; ++k) {
      by_category[k] += o.by_category[k];
      by_alert[k] += o.by_alert[k];
    }
    lifted_shocked += o.lifted_shocked;
    poor_shocked += o.poor_shocked;
    at_risk_households += o.at_risk_households;
    denied += o.denied;
    stable_job += o.stable_job;
    lifted_migrant += o.lifted_migrant;
    monitored_paired += o.monitored_paired;
    industry_link += o.industry_link;
    lost_link += o.lost_link;
    lifted_lost_link += o.lifted_lost_link;
    poor_lost_link += o.poor_lost_link;
    lifted_linked += o.lifted_linked;
    poor_linked += o.poor_linked;
    lifted_unlinked += o.lifted_unlinked;
    poor_unlinked += o.poor_unlinked;
    net_contract += o.net_contract;
    people_contract += o.people_contract;
    net_other_farms += o.net_other_farms;
    people_other_farms += o.people_other_farms;
    lifted_borrowers += o.lifted_borrowers;
    poor_borrowers += o.poor_borrowers;
    people += o.people;
    people_lifted += o.people_lifted;
    people_general += o.people_general;
    poor_lifted += o.poor_lifted;
    poor_general += o.poor_general;
    at_risk += o.at_risk;
    net += o.net;
    net_lifted += o.net_lifted;
    dibao_households += o.dibao_households;
    dibao_people += o.dibao_people;
    dibao_lifted += o.dibao_lifted;
    dibao_monthly += o.dibao_monthly;
    for (int k = 0; k < 3; ++k) dibao_by_labour[k] += o.dibao_by_labour[k];
    tekun_households += o.tekun_households;
    tekun_people += o.tekun_people;
    tekun_monthly += o.tekun_monthly;
  }
};

/// At the start of each year: the monitoring stock each region opens the year with (households
/// and persons, from the households' categories), into flows[r].monitoring.opening*. One pass
/// over one byte per household a year, so that the stock-and-flow identity
/// closing = opening + entries − exits is checked against the state, not derived from it.
void open_year(const Households& hh, std::vector<YearFlows>& flows);

/// Phase 10 at year end: computes every metric for each region and for `all` (last entry) from
/// the households' year-to-date income and the year's flows, then resets the year-to-date record.
std::vector<MetricValues> close_year(Households& hh, const std::vector<RegionMonth>& regions,
                                     const std::vector<YearFlows>& flows,
                                     const MonthContext& month);

/// close_year in two steps, for runs whose regions are spread over processes: the regions' own
/// metrics with their raw sums (`tallies`, one per region) and every household's per-capita
/// income (`per_capita`, region order)…
std::vector<MetricValues> close_regions(Households& hh, const std::vector<RegionMonth>& regions,
                                        const std::vector<YearFlows>& flows,
                                        const MonthContext& month, std::vector<YearTally>& tallies,
                                        std::vector<float>& per_capita);
/// … then `all` from those of every region: sums added in region order (as one process adds
/// them, so the bits agree) and exact quantiles over all households' incomes.
MetricValues close_all(const std::vector<YearTally>& tallies, const std::vector<YearFlows>& flows,
                       std::vector<float> per_capita);

}  // namespace povsim
