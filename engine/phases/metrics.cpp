#include "phases/metrics.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>

#include "core/block_reduce.hpp"
#include "model/own_income.hpp"

namespace povsim {

const std::array<MetricInfo, kMetricCount>& metric_table() {
  using M = Metric;
  static const std::array<MetricInfo, kMetricCount> table{{
      {M::kHouseholds, "households", "households", "households simulated"},
      {M::kPeople, "people", "persons", "persons in those households"},
      {M::kPeopleLifted, "people_lifted", "persons", "persons in lifted (脱贫) households"},
      {M::kPeopleGeneral, "people_general", "persons", "persons in general households (一般农户)"},
      {M::kReturnToPovertyRate, "return_to_poverty_rate", "share",
       "返贫率: persons in lifted households whose annual per-capita net income is below the "
       "year's poverty line, over all persons in lifted households"},
      {M::kNewPovertyRate, "new_poverty_rate", "share",
       "致贫率: the same for persons in general households"},
      {M::kPovertyRate, "poverty_rate", "share",
       "persons in households below the poverty line, over all persons"},
      {M::kAtRiskRate, "at_risk_rate", "share",
       "persons in households below the year's monitoring line, over all persons"},
      {M::kIncomePerCapitaMean, "income_per_capita_mean", "yuan/person/year",
       "total net income over total persons"},
      {M::kIncomePerCapitaMeanLifted, "income_per_capita_mean_lifted", "yuan/person/year",
       "total net income over total persons, lifted households only"},
      {M::kIncomePerCapitaP10, "income_per_capita_p10", "yuan/person/year",
       "10th percentile over households of per-capita net income"},
      {M::kIncomePerCapitaP50, "income_per_capita_p50", "yuan/person/year",
       "median over households of per-capita net income"},
      {M::kIncomePerCapitaP90, "income_per_capita_p90", "yuan/person/year",
       "90th percentile over households of per-capita net income"},
      {M::kWageLocalPerCapita, "income_wage_local_per_capita", "yuan/person/year",
       "local wage income over total persons"},
      {M::kWageMigrantPerCapita, "income_wage_migrant_per_capita", "yuan/person/year",
       "migrant (transfer) wage income over total persons"},
      {M::kOperatingPerCapita, "income_operating_per_capita", "yuan/person/year",
       "operating income net of production costs (industry projects' income included) over total "
       "persons"},
      {M::kPropertyPerCapita, "income_property_per_capita", "yuan/person/year",
       "property income (rent, dividends) over total persons"},
      {M::kSubsidyPerCapita, "income_subsidy_per_capita", "yuan/person/year",
       "policy subsidies over total persons"},
      {M::kPensionPerCapita, "income_pension_per_capita", "yuan/person/year",
       "basic pensions over total persons"},
      {M::kDibaoPerCapita, "income_dibao_per_capita", "yuan/person/year",
       "低保/特困 payments over total persons"},
      {M::kMedicalOutOfPocketPerCapita, "spending_medical_per_capita", "yuan/person/year",
       "compliant out-of-pocket medical cost after reimbursement over total persons"},
      {M::kSchoolingPerCapita, "spending_schooling_per_capita", "yuan/person/year",
       "out-of-pocket schooling cost over total persons"},
      {M::kDibaoHouseholds, "dibao_households", "households",
       "households enrolled in 低保/特困 in December"},
      {M::kIllnessEvents, "illness_events", "events", "serious illnesses in the year"},
      {M::kAccidentEvents, "accident_events", "events", "accidents in the year"},
      {M::kBusinessFailures, "business_failures", "events", "household business failures"},
      {M::kLivestockLosses, "livestock_losses", "events", "livestock losses"},
      {M::kDisabilities, "disabilities", "events",
       "health events that lowered a household's labour class for good"},
      {M::kDisasterHitHouseholdMonths, "disaster_hit_household_months", "household-months",
       "months of operating-income loss from disasters, summed over households"},
      {M::kDisasters, "disasters", "events", "disasters that struck (summed over regions)"},
      {M::kWagePublicPerCapita, "income_wage_public_per_capita", "yuan/person/year",
       "公益性岗位 wages over total persons"},
      {M::kExpenseShocks, "expense_shocks", "events",
       "medical bills large against the household's income (sudden-hardship shocks)"},
      {M::kReturnRateStrongLabour, "return_to_poverty_rate_strong_labour", "share",
       "return_to_poverty_rate among lifted households with strong labour (in December)"},
      {M::kReturnRateWeakLabour, "return_to_poverty_rate_weak_labour", "share",
       "… with weak labour"},
      {M::kReturnRateNoLabour, "return_to_poverty_rate_no_labour", "share", "… with no labour"},
      {M::kReturnRateShocked, "return_to_poverty_rate_shocked", "share",
       "… among lifted households hit by an expense shock during the year"},
      {M::kAtRiskHouseholds, "at_risk_households", "households",
       "at risk in December (12-month income under the monitoring line, or a recent expense "
       "shock), found or not"},
      {M::kMonitoredHouseholds, "monitored_households", "households",
       "under monitoring in December"},
      {M::kMonitoredUnstable, "monitored_unstable", "households", "… 脱贫不稳定户"},
      {M::kMonitoredMarginal, "monitored_marginal", "households", "… 边缘易致贫户"},
      {M::kMonitoredSudden, "monitored_sudden", "households", "… 突发严重困难户"},
      {M::kAlertGreen, "alert_green", "households", "monitored, green alert in December"},
      {M::kAlertYellow, "alert_yellow", "households", "… yellow"},
      {M::kAlertOrange, "alert_orange", "households", "… orange"},
      {M::kAlertRed, "alert_red", "households", "… red"},
      {M::kNewlyIdentified, "newly_identified", "households", "entered monitoring during the year"},
      {M::kIdentifiedSelfReport, "identified_self_report", "households", "… by 农户自主申报"},
      {M::kIdentifiedGrid, "identified_grid", "households",
       "… by 基层干部排查 (grid workers, paired cadres)"},
      {M::kIdentifiedDepartment, "identified_department", "households", "… by 部门筛查预警"},
      {M::kIdentifiedSocial, "identified_social", "households", "… by 社会信息补充"},
      {M::kDetectionLagMean, "detection_lag_mean", "months",
       "mean months from the start of risk to identification, over households identified"},
      {M::kRiskEliminated, "risk_eliminated", "households", "风险消除 during the year"},
      {M::kRelapsed, "relapsed", "households",
       "identified again after an earlier risk elimination"},
      {M::kAssistedEmployment, "assisted_employment", "households", "placed in a job"},
      {M::kAssistedTraining, "assisted_training", "households", "trained"},
      {M::kAssistedIndustry, "assisted_industry", "households", "given industry support"},
      {M::kAssistedPublicJobs, "assisted_public_jobs", "households", "given a 公益性岗位 post"},
      {M::kAssistedSocialAssistance, "assisted_social_assistance", "households",
       "enrolled in 低保 through the 兜底 fast track"},
      {M::kAssistedMedical, "assisted_medical", "claims", "medical-assistance claims paid"},
      {M::kAssistedRiskRelief, "assisted_risk_relief", "households", "risk-relief payouts"},
      {M::kYuanEmployment, "assistance_yuan_employment", "yuan", "spent on placements"},
      {M::kYuanTraining, "assistance_yuan_training", "yuan", "spent on training"},
      {M::kYuanIndustry, "assistance_yuan_industry", "yuan", "spent on industry support"},
      {M::kYuanPublicJobs, "assistance_yuan_public_jobs", "yuan",
       "committed to 公益性岗位 wages (whole terms)"},
      {M::kYuanSocialAssistance, "assistance_yuan_social_assistance", "yuan",
       "committed to fast-tracked 低保 (one year of benefit)"},
      {M::kYuanMedical, "assistance_yuan_medical", "yuan", "medical assistance paid"},
      {M::kYuanRiskRelief, "assistance_yuan_risk_relief", "yuan", "risk-relief fund paid"},
      {M::kUnmetNeed, "unmet_need", "households",
       "households turned away at least once in the year for lack of budget: an eligible "
       "programme was closed or ran out, or a medical-assistance claim went unpaid"},
      {M::kEnterprisesAlive, "enterprises_alive", "enterprises", "enterprises alive in December"},
      {M::kEnterprisesFailed, "enterprises_failed", "enterprises", "failed during the year"},
      {M::kEnterprisesEntered, "enterprises_entered", "enterprises", "entered during the year"},
      {M::kJobsFilled, "jobs_filled", "jobs", "enterprise vacancies filled during the year"},
      {M::kWorkersFromLifted, "workers_from_lifted", "households",
       "lifted households with an enterprise job in December"},
      {M::kWorkersLaidOff, "workers_laid_off", "households",
       "households whose enterprise job ended with the enterprise's failure"},
      {M::kEnterpriseSubsidyYuan, "enterprise_subsidy_yuan", "yuan", "subsidies to enterprises"},
      {M::kLinkWagePerCapita, "income_link_wage_per_capita", "yuan/person/year",
       "wages from enterprise jobs (part of local wages) over total persons"},
      {M::kLinkContractPerCapita, "income_link_contract_per_capita", "yuan/person/year",
       "contract-farming premium (part of operating income) over total persons"},
      {M::kLinkCooperativePerCapita, "income_link_cooperative_per_capita", "yuan/person/year",
       "cooperative membership gains (part of operating income) over total persons"},
      {M::kLinkPropertyPerCapita, "income_link_property_per_capita", "yuan/person/year",
       "land rent and dividends from enterprises (part of property income) over total persons"},
      {M::kHouseholdsStableJob, "households_stable_job", "households",
       "households with at least one enterprise job in December"},
      {M::kHouseholdsIndustryLink, "households_industry_link", "households",
       "households with at least one contract, lease, equity or membership link in December"},
      {M::kHouseholdsLostLink, "households_lost_link", "households",
       "households that lost a link through an enterprise failure or a lay-off during the year"},
      {M::kReturnRateLostLink, "return_to_poverty_rate_lost_link", "share",
       "return_to_poverty_rate among lifted households that lost such a link during the year"},
      {M::kPoorLostLink, "poor_lost_link", "persons",
       "persons in lifted households that lost such a link and are below the poverty line"},
      {M::kReturnRateLinked, "return_to_poverty_rate_linked", "share",
       "return_to_poverty_rate among lifted households linked to an enterprise at some time in "
       "the period"},
      {M::kReturnRateUnlinked, "return_to_poverty_rate_unlinked", "share",
       "return_to_poverty_rate among lifted households never linked to an enterprise"},
      {M::kIncomePerCapitaContract, "income_per_capita_contract", "yuan/person/year",
       "mean per-capita net income of households with a contract-farming link in December"},
      {M::kIncomePerCapitaOtherFarms, "income_per_capita_other_farms", "yuan/person/year",
       "mean per-capita net income of households with operating income and no contract-farming "
       "link in December"},
      {M::kLiftedMigrantWorkers, "lifted_migrant_workers", "households",
       "lifted households with migrant (transfer) work in December"},
      {M::kTransportSubsidyWorkers, "transport_subsidy_workers", "workers",
       "lifted workers paid the one-off transport subsidy on finding migrant work"},
      {M::kTransportSubsidyYuan, "transport_subsidy_yuan", "yuan", "transport subsidies paid"},
      {M::kPlacedLocal, "placed_local", "households",
       "employment placements (assistance) into a local enterprise vacancy"},
      {M::kPlacedTransfer, "placed_transfer", "households",
       "employment placements (assistance) into migrant work (点对点 transfer employment)"},
      {M::kMonitoredPaired, "monitored_paired", "households",
       "monitored households with a paired cadre (结对帮扶) in December"},
      {M::kPairHandovers, "pair_handovers", "pairings",
       "pairings a full cadre handed over from a household no longer monitored to a monitored one"},
      {M::kEnterpriseRevenueIndex, "enterprise_revenue_index", "ratio",
       "mean revenue of enterprises alive in December relative to their kind's normal level"},
      {M::kMonitoredShare, "monitored_share", "share",
       "monitored_households over households simulated"},
      {M::kDibaoShare, "dibao_share", "share",
       "households enrolled in 低保/特困 in December over households simulated"},
      {M::kWageShare, "wage_share", "share",
       "wages (local, 公益性岗位, migrant) over net income, all households"},
      {M::kEliminatedShare, "eliminated_share", "share",
       "households with risk eliminated and not monitored in December, over households ever "
       "monitored since the period began"},
      {M::kEntriesShareSudden, "entries_share_sudden", "share",
       "share of the year's entrants to monitoring identified as 突发严重困难户"},
      {M::kEntriesShareShock, "entries_share_shock", "share",
       "share of the year's entrants to monitoring whose main cause is a shock (not chronic low "
       "income, not schooling costs)"},
      {M::kEntriesShareIllness, "entries_share_illness", "share",
       "share of the year's entrants to monitoring whose main cause is illness"},
      {M::kReturnsShareIllness, "returns_share_illness", "share",
       "share of households ending the year under the poverty line whose main cause is illness"},
      {M::kReturnsByCauseChronicLow, "returns_by_cause_chronic_low_income", "households",
       "households ending the year under the poverty line (返贫 or 致贫) whose main cause is "
       "chronic low income: no loss or expense large enough: the largest loss or expense of the 12 "
       "months before December (see "
       "docs/validation.md, cause accounting)"},
      {M::kReturnsByCauseIllness, "returns_by_cause_illness", "households",
       "… serious illness or a disability after it"},
      {M::kReturnsByCauseAccident, "returns_by_cause_accident", "households",
       "… accident or a disability after it"},
      {M::kReturnsByCauseDisaster, "returns_by_cause_disaster", "households", "… natural disaster"},
      {M::kReturnsByCauseJobLoss, "returns_by_cause_job_loss", "households",
       "… migrant job lost (incl. demand shocks)"},
      {M::kReturnsByCauseBusiness, "returns_by_cause_business", "households",
       "… business failure or livestock loss"},
      {M::kReturnsByCauseEducation, "returns_by_cause_education", "households",
       "… schooling costs"},
      {M::kReturnsByCauseEnterpriseFailure, "returns_by_cause_enterprise_failure", "households",
       "… an enterprise the household was linked to failed"},
      {M::kEntriesByCauseChronicLow, "entries_by_cause_chronic_low_income", "households",
       "households entering monitoring during the year whose main cause at entry is chronic low "
       "income: no loss or expense large enough"},
      {M::kEntriesByCauseIllness, "entries_by_cause_illness", "households",
       "… serious illness or a disability after it"},
      {M::kEntriesByCauseAccident, "entries_by_cause_accident", "households",
       "… accident or a disability after it"},
      {M::kEntriesByCauseDisaster, "entries_by_cause_disaster", "households", "… natural disaster"},
      {M::kEntriesByCauseJobLoss, "entries_by_cause_job_loss", "households",
       "… migrant job lost (incl. demand shocks)"},
      {M::kEntriesByCauseBusiness, "entries_by_cause_business", "households",
       "… business failure or livestock loss"},
      {M::kEntriesByCauseEducation, "entries_by_cause_education", "households",
       "… schooling costs"},
      {M::kEntriesByCauseEnterpriseFailure, "entries_by_cause_enterprise_failure", "households",
       "… an enterprise the household was linked to failed"},
      {M::kPoorHouseholds, "poor_households", "households",
       "households whose annual per-capita net income is below the poverty line"},
      {M::kFundsSources, "funds_sources", "yuan",
       "money entering the region's funds this year (all sources; the programme budgets when "
       "funds are off)"},
      {M::kFundsSpent, "funds_spent", "yuan",
       "paid out of programme accounts to households, enterprises and outlays (not lapsed)"},
      {M::kFundsToHouseholds, "funds_to_households", "yuan",
       "paid to households: wages, 兜底, medical, relief, industry support in kind, 消费帮扶"},
      {M::kFundsToEnterprises, "funds_to_enterprises", "yuan", "enterprise subsidies (奖补)"},
      {M::kFundsToOutlays, "funds_to_outlays", "yuan",
       "infrastructure works, training and placement providers, interest subsidies and risk "
       "compensation paid to banks"},
      {M::kFundsLapsed, "funds_lapsed", "yuan",
       "unspent balances that lapsed at year end (or were withdrawn by a policy)"},
      {M::kSpentIndustry, "spent_industry", "yuan",
       "paid from the industry account (households' industry support and enterprise subsidies)"},
      {M::kSpentEmployment, "spent_employment", "yuan", "paid from the employment account"},
      {M::kSpentInfrastructure, "spent_infrastructure", "yuan",
       "paid from the infrastructure account (to contractors, an outlay)"},
      {M::kSpentRiskRelief, "spent_risk_relief", "yuan", "risk-relief payouts"},
      {M::kSpentPublicJobs, "spent_public_jobs", "yuan", "公益性岗位 wages committed"},
      {M::kSpentTraining, "spent_training", "yuan", "training (雨露计划, skills)"},
      {M::kSpentMedical, "spent_medical", "yuan", "medical assistance"},
      {M::kSpentDibao, "spent_dibao", "yuan",
       "兜底 for monitored no-labour households and 临时救助"},
      {M::kSpentMicrocreditSubsidy, "spent_microcredit_subsidy", "yuan",
       "小额信贷 interest subsidies paid to banks"},
      {M::kSpentConsumption, "spent_consumption", "yuan", "消费帮扶 purchases from households"},
      {M::kSpentRiskCompensation, "spent_risk_compensation", "yuan",
       "defaulted micro-credit principal compensated to banks"},
      {M::kMicrocreditHouseholds, "microcredit_households", "households",
       "households with a 小额信贷 loan outstanding at year end"},
      {M::kMicrocreditBalance, "microcredit_balance", "yuan",
       "outstanding 小额信贷 principal at year end"},
      {M::kMicrocreditLoansMade, "microcredit_loans_made", "loans", "new loans this year"},
      {M::kMicrocreditDefaults, "microcredit_defaults", "loans", "loans defaulted this year"},
      {M::kMicrocreditDefaultedYuan, "microcredit_defaulted_yuan", "yuan",
       "principal of the loans defaulted this year"},
      {M::kMicrocreditCompensatedYuan, "microcredit_compensated_yuan", "yuan",
       "of which paid to banks by the risk compensation fund"},
      {M::kMicrocreditArrears, "microcredit_arrears", "loans",
       "loans that fell into arrears (逾期) this year: the investment failed and the principal is "
       "repaid from the household's income"},
      {M::kMicrocreditExtended, "microcredit_extended", "loans",
       "loans extended (展期) this year instead of falling into arrears"},
      {M::kMicrocreditArrearsYuan, "microcredit_arrears_yuan", "yuan",
       "repaid from households' incomes on loans in arrears this year"},
      {M::kReturnRateBorrowers, "return_to_poverty_rate_borrowers", "share",
       "return_to_poverty_rate among lifted households with a 小额信贷 loan outstanding or "
       "defaulted in December"},
      {M::kConsumptionHouseholds, "consumption_households", "households",
       "contract-farming households 消费帮扶 bought from (average over the year's months)"},
      {M::kMonitoredPeople, "monitored_people", "persons",
       "persons in households under monitoring in December (monitored_households in persons)"},
      {M::kNewlyIdentifiedPeople, "newly_identified_people", "persons",
       "persons in households that entered monitoring during the year (household size at entry)"},
      {M::kEliminatedPeople, "eliminated_people", "persons",
       "persons in households whose risk was eliminated (风险消除) during the year (household size "
       "at elimination)"},
      {M::kPoorPeople, "poor_people", "persons",
       "persons in households whose annual per-capita net income is below the year's poverty line "
       "(poor_households in persons)"},
      {M::kAtRiskPeople, "at_risk_people", "persons",
       "persons in households at risk in December, as at_risk_households"},
      {M::kHouseholdsLifted, "households_lifted", "households",
       "lifted (脱贫) households simulated: the denominator of the shares of the formerly poor"},
      {M::kMonitoredShareOfLifted, "monitored_share_of_lifted_households", "share",
       "monitored_households (every category, lifted or not) over lifted households, as published "
       "figures state the monitored stock against the formerly poor"},
      {M::kMonitoredPeopleShareOfLifted, "monitored_people_share_of_lifted_people", "share",
       "monitored_people (every category) over persons in lifted households (people_lifted)"},
      {M::kEliminatedPeopleShare, "eliminated_people_share", "share",
       "eliminated_share in persons: persons in households with risk eliminated and not monitored "
       "in December, over persons in households ever monitored since the period began"},
      {M::kMonitoredOpening, "monitored_opening", "households",
       "under monitoring when the year opened (after January's births and deaths, before its "
       "screening); "
       "monitored_households = monitored_opening + newly_identified − risk_eliminated"},
      {M::kMonitoredOpeningPeople, "monitored_opening_people", "persons",
       "… in persons; monitored_people = monitored_opening_people + newly_identified_people − "
       "eliminated_people"},
      {M::kEntriesUnstable, "entries_unstable", "households",
       "households entering monitoring during the year as 脱贫不稳定户"},
      {M::kEntriesMarginal, "entries_marginal", "households", "… as 边缘易致贫户"},
      {M::kEntriesSudden, "entries_sudden", "households", "… as 突发严重困难户"},
      {M::kEntriesUnstablePeople, "entries_unstable_people", "persons",
       "entries_unstable in persons"},
      {M::kEntriesMarginalPeople, "entries_marginal_people", "persons",
       "entries_marginal in persons"},
      {M::kEntriesSuddenPeople, "entries_sudden_people", "persons", "entries_sudden in persons"},
      {M::kDibaoPeople, "dibao_people", "persons",
       "persons in households enrolled in 低保/特困 in December"},
      {M::kDibaoPeopleShare, "dibao_people_share", "share", "dibao_people over persons simulated"},
      {M::kDibaoShareNoLabour, "dibao_share_no_labour", "share",
       "households enrolled in 低保/特困 in December without labour capacity, over all enrolled"},
      {M::kDibaoShareWeakLabour, "dibao_share_weak_labour", "share",
       "… with weak labour capacity, over all enrolled"},
      {M::kDibaoShareStrongLabour, "dibao_share_strong_labour", "share",
       "… with strong labour capacity, over all enrolled"},
      {M::kDibaoShareLifted, "dibao_share_lifted", "share",
       "… that are formerly poor (脱贫户), over all enrolled"},
      {M::kDibaoAnnualYuan, "dibao_annual_yuan", "yuan/year",
       "December's 低保/特困 payments × 12 (the caseload's annual cost)"},
      {M::kTekunHouseholds, "tekun_households", "households",
       "households supported as 特困 (特困人员救助供养) in December"},
      {M::kTekunPeople, "tekun_people", "persons", "tekun_households in persons"},
      {M::kTekunAnnualYuan, "tekun_annual_yuan", "yuan/year",
       "December's 特困 payments × 12 (part of dibao_annual_yuan)"},
      {M::kTemporaryAssistanceHouseholds, "temporary_assistance_households", "payments",
       "临时救助 one-off payments after a shock during the year"},
      {M::kTemporaryAssistanceYuan, "temporary_assistance_yuan", "yuan",
       "临时救助 paid during the year (from the dibao ledger account)"},
      {M::kEliminatedUnstable, "eliminated_unstable", "households",
       "风险消除 during the year of households monitored as 脱贫不稳定户"},
      {M::kEliminatedMarginal, "eliminated_marginal", "households", "… as 边缘易致贫户"},
      {M::kEliminatedSudden, "eliminated_sudden", "households", "… as 突发严重困难户"},
      {M::kClearedShareUnstable, "cleared_share_unstable", "share",
       "eliminated_unstable / (eliminated_unstable + monitored_unstable at the year's end): the "
       "share of the year's 脱贫不稳定户 caseload cleared"},
      {M::kClearedShareMarginal, "cleared_share_marginal", "share", "… of 边缘易致贫户"},
      {M::kClearedShareSudden, "cleared_share_sudden", "share", "… of 突发严重困难户"},
      {M::kSuddenClearedFirstYearShare, "sudden_cleared_first_year_share", "share",
       "突发 households eliminated within 12 months of their risk's onset / entries_sudden, both "
       "during the year (a flow estimate of the share of 突发 entrants clearing in their first "
       "year)"},
      {M::kExclusionError, "exclusion_error", "share",
       "households at risk (true income) at the year's end neither monitored nor awaiting "
       "approval / households at risk"},
      {M::kInclusionError, "inclusion_error", "share",
       "households entering monitoring during the year whose true income was not at risk when "
       "approved / newly_identified"},
      {M::kAwaitingApproval, "awaiting_approval", "households",
       "households found and in the identification procedure at the year's end"},
      {M::kIndustryCoverage, "industry_coverage", "share",
       "formerly poor (脱贫户) or monitored households at the year's end with at least one "
       "industry measure (a project, live or failed, or one-off industry support) / those "
       "households"},
      {M::kProjectHouseholds, "project_households", "households",
       "households with an industry project still producing (or in its lag) at the year's end"},
      {M::kProjectsStarted, "projects_started", "projects",
       "industry projects bought for households during the year"},
      {M::kProjectInvestmentYuan, "project_investment_yuan", "yuan",
       "their cost, paid from the industry account (part of spent_industry)"},
      {M::kProjectIncomeYuan, "project_income_yuan", "yuan",
       "income industry projects paid their households during the year (part of operating "
       "income)"},
      {M::kProjectFailures, "project_failures", "projects",
       "industry projects that stopped producing during the year"},
      {M::kProjectOutbreaks, "project_outbreaks", "events",
       "disease or pest outbreaks that killed part of a project's stock during the year"},
      {M::kDeaths, "deaths", "persons", "members aged 60+ who died during the year"},
      {M::kBirths, "births", "persons", "children born during the year"},
      {M::kWorkersAgedOut, "workers_aged_out", "persons",
       "workers who turned 60 and stopped working during the year"},
      {M::kSchoolStarts, "school_starts", "persons", "children who started school"},
      {M::kSchoolLeaversWorking, "school_leavers_working", "persons",
       "students who left school and work from the household"},
      {M::kMovedOut, "moved_out", "persons", "school leavers who left the household"},
      {M::kNoLabourShare, "no_labour_share", "share",
       "households with no labour capacity (无劳动能力) in December, over all households"},
  }};
  return table;
}

namespace {

struct Quantiles {
  double p10 = 0, p50 = 0, p90 = 0;
};

/// A float's bits as an unsigned key in the same order (negative incomes included).
std::uint32_t order_key(float x) {
  const auto bits = std::bit_cast<std::uint32_t>(x);
  return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

/// p10, p50 and p90 (linear interpolation between order statistics, ranks q·(n − 1)) of
/// v[0, n), without reordering it: a histogram of the keys' top 16 bits finds the bucket of each
/// rank needed, and only those buckets' values are selected in (exact: the same order statistics
/// as a full selection, so the same bits).
Quantiles quantiles_of(const float* v, std::size_t n) {
  Quantiles q;
  if (n == 0) return q;
  std::vector<std::uint32_t> count(1u << 16, 0);
  for (std::size_t i = 0; i < n; ++i) ++count[order_key(v[i]) >> 16];
  const std::array<double, 3> probs{0.10, 0.50, 0.90};
  std::array<std::size_t, 6> ranks{};
  for (int k = 0; k < 3; ++k) {
    const auto lo = static_cast<std::size_t>(probs[k] * static_cast<double>(n - 1));
    ranks[2 * k] = lo;
    ranks[2 * k + 1] = std::min(n - 1, lo + 1);
  }
  // The bucket of each rank and the rank's place inside it.
  std::array<std::uint32_t, 6> bucket{};
  std::array<std::size_t, 6> offset{};
  for (int j = 0; j < 6; ++j) {
    std::size_t below = 0;
    std::uint32_t b = 0;
    while (below + count[b] <= ranks[j]) below += count[b++];
    bucket[j] = b;
    offset[j] = ranks[j] - below;
  }
  std::array<std::vector<float>, 6> members;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t b = order_key(v[i]) >> 16;
    for (int j = 0; j < 6; ++j)
      if (b == bucket[j] && (j == 0 || bucket[j] != bucket[j - 1])) members[j].push_back(v[i]);
  }
  std::array<double, 6> value{};
  for (int j = 0; j < 6; ++j) {
    int owner = j;  // the first rank of the same bucket holds its values
    while (owner > 0 && bucket[owner - 1] == bucket[j]) --owner;
    std::vector<float>& m = members[owner];
    std::nth_element(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(offset[j]), m.end());
    value[j] = m[offset[j]];
  }
  std::array<double, 3> out{};
  for (int k = 0; k < 3; ++k) {
    const double pos = probs[k] * static_cast<double>(n - 1);
    const auto lo = static_cast<std::size_t>(pos);
    const double a = value[2 * k];
    out[k] = lo + 1 >= n ? a : a + (pos - static_cast<double>(lo)) * (value[2 * k + 1] - a);
  }
  q.p10 = out[0];
  q.p50 = out[1];
  q.p90 = out[2];
  return q;
}

void fill(MetricValues& m, double households, const YearTally& t, const YearFlows& f,
          const Quantiles& q) {
  auto set = [&](Metric id, double x) { m[static_cast<int>(id)] = x; };
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  const double annualise = f.months > 0 ? 12.0 / f.months : 0.0;
  set(Metric::kHouseholds, households);
  set(Metric::kPeople, t.people);
  set(Metric::kPeopleLifted, t.people_lifted);
  set(Metric::kPeopleGeneral, t.people_general);
  set(Metric::kReturnToPovertyRate, ratio(t.poor_lifted, t.people_lifted));
  set(Metric::kNewPovertyRate, ratio(t.poor_general, t.people_general));
  set(Metric::kPovertyRate, ratio(t.poor_lifted + t.poor_general, t.people));
  set(Metric::kAtRiskRate, ratio(t.at_risk, t.people));
  set(Metric::kIncomePerCapitaMean, ratio(t.net, t.people) * annualise);
  set(Metric::kIncomePerCapitaMeanLifted, ratio(t.net_lifted, t.people_lifted) * annualise);
  set(Metric::kIncomePerCapitaP10, q.p10);
  set(Metric::kIncomePerCapitaP50, q.p50);
  set(Metric::kIncomePerCapitaP90, q.p90);
  const IncomeTotals& in = f.income;
  const double per_person = t.people > 0 ? annualise / t.people : 0.0;
  set(Metric::kWageLocalPerCapita, in.wage_local * per_person);
  set(Metric::kWageMigrantPerCapita, in.wage_migrant * per_person);
  set(Metric::kOperatingPerCapita, in.operating * per_person);
  set(Metric::kPropertyPerCapita, in.property * per_person);
  set(Metric::kSubsidyPerCapita, in.subsidy * per_person);
  set(Metric::kPensionPerCapita, in.pension * per_person);
  set(Metric::kDibaoPerCapita, in.dibao * per_person);
  set(Metric::kMedicalOutOfPocketPerCapita, in.medical_out_of_pocket * per_person);
  set(Metric::kSchoolingPerCapita, in.schooling * per_person);
  set(Metric::kDibaoHouseholds, t.dibao_households);
  set(Metric::kIllnessEvents, in.illness_events);
  set(Metric::kAccidentEvents, in.accident_events);
  set(Metric::kBusinessFailures, in.business_failures);
  set(Metric::kLivestockLosses, in.livestock_losses);
  set(Metric::kDisabilities, in.disabilities);
  set(Metric::kDisasterHitHouseholdMonths, in.disaster_hit_months);
  set(Metric::kDisasters, f.disasters);
  set(Metric::kWagePublicPerCapita, in.wage_public * per_person);
  set(Metric::kExpenseShocks, in.expense_shocks);
  set(Metric::kReturnRateStrongLabour, ratio(t.poor_by_labour[0], t.lifted_by_labour[0]));
  set(Metric::kReturnRateWeakLabour, ratio(t.poor_by_labour[1], t.lifted_by_labour[1]));
  set(Metric::kReturnRateNoLabour, ratio(t.poor_by_labour[2], t.lifted_by_labour[2]));
  set(Metric::kReturnRateShocked, ratio(t.poor_shocked, t.lifted_shocked));
  set(Metric::kAtRiskHouseholds, t.at_risk_households);
  set(Metric::kMonitoredHouseholds, t.by_category[1] + t.by_category[2] + t.by_category[3]);
  set(Metric::kMonitoredUnstable, t.by_category[1]);
  set(Metric::kMonitoredMarginal, t.by_category[2]);
  set(Metric::kMonitoredSudden, t.by_category[3]);
  set(Metric::kAlertGreen, t.by_alert[0]);
  set(Metric::kAlertYellow, t.by_alert[1]);
  set(Metric::kAlertOrange, t.by_alert[2]);
  set(Metric::kAlertRed, t.by_alert[3]);
  const MonitoringTally& mt = f.monitoring;
  set(Metric::kNewlyIdentified, mt.newly_identified);
  set(Metric::kIdentifiedSelfReport, mt.by_channel[static_cast<int>(Channel::kSelfReport)]);
  set(Metric::kIdentifiedGrid, mt.by_channel[static_cast<int>(Channel::kGrid)]);
  set(Metric::kIdentifiedDepartment, mt.by_channel[static_cast<int>(Channel::kDepartment)]);
  set(Metric::kIdentifiedSocial, mt.by_channel[static_cast<int>(Channel::kSocial)]);
  set(Metric::kDetectionLagMean, ratio(mt.lag_months, mt.newly_identified));
  set(Metric::kRiskEliminated, mt.eliminated);
  set(Metric::kRelapsed, mt.relapsed);
  const AssistanceTally& at = f.assistance;
  for (int k = 0; k < kProgrammeCount; ++k) {
    m[static_cast<int>(Metric::kAssistedEmployment) + k] = at.households[k];
    m[static_cast<int>(Metric::kYuanEmployment) + k] = at.yuan[k];
  }
  set(Metric::kUnmetNeed, t.denied);
  const EnterpriseTally& et = f.enterprises;
  set(Metric::kEnterprisesAlive, et.alive);
  set(Metric::kEnterprisesFailed, et.failed);
  set(Metric::kEnterprisesEntered, et.entered);
  set(Metric::kJobsFilled, et.hires);
  set(Metric::kWorkersFromLifted, et.workers_lifted);
  set(Metric::kWorkersLaidOff, et.laid_off);
  set(Metric::kEnterpriseSubsidyYuan, et.subsidy_yuan);
  set(Metric::kLinkWagePerCapita, in.link_wage * per_person);
  set(Metric::kLinkContractPerCapita, in.link_contract * per_person);
  set(Metric::kLinkCooperativePerCapita, in.link_coop * per_person);
  set(Metric::kLinkPropertyPerCapita, in.link_property * per_person);
  set(Metric::kHouseholdsStableJob, t.stable_job);
  set(Metric::kLiftedMigrantWorkers, t.lifted_migrant);
  set(Metric::kTransportSubsidyWorkers, et.transport_workers);
  set(Metric::kTransportSubsidyYuan, et.transport_yuan);
  set(Metric::kPlacedLocal, at.placed_local);
  set(Metric::kPlacedTransfer, at.placed_transfer);
  set(Metric::kMonitoredPaired, t.monitored_paired);
  set(Metric::kPairHandovers, mt.pair_handovers);
  set(Metric::kEnterpriseRevenueIndex, ratio(et.revenue_index, et.alive));
  set(Metric::kHouseholdsIndustryLink, t.industry_link);
  set(Metric::kHouseholdsLostLink, t.lost_link);
  set(Metric::kReturnRateLostLink, ratio(t.poor_lost_link, t.lifted_lost_link));
  set(Metric::kPoorLostLink, t.poor_lost_link);
  set(Metric::kReturnRateLinked, ratio(t.poor_linked, t.lifted_linked));
  set(Metric::kReturnRateUnlinked, ratio(t.poor_unlinked, t.lifted_unlinked));
  set(Metric::kIncomePerCapitaContract, ratio(t.net_contract, t.people_contract) * annualise);
  set(Metric::kIncomePerCapitaOtherFarms,
      ratio(t.net_other_farms, t.people_other_farms) * annualise);
  set(Metric::kReturnRateBorrowers, ratio(t.poor_borrowers, t.lifted_borrowers));
  const double monitored = t.by_category[1] + t.by_category[2] + t.by_category[3];
  set(Metric::kMonitoredShare, ratio(monitored, households));
  set(Metric::kDibaoShare, ratio(t.dibao_households, households));
  set(Metric::kDibaoPeople, t.dibao_people);
  set(Metric::kDibaoPeopleShare, ratio(t.dibao_people, t.people));
  set(Metric::kDibaoShareNoLabour,
      ratio(t.dibao_by_labour[static_cast<int>(LabourClass::kNone)], t.dibao_households));
  set(Metric::kDibaoShareWeakLabour,
      ratio(t.dibao_by_labour[static_cast<int>(LabourClass::kWeak)], t.dibao_households));
  set(Metric::kDibaoShareStrongLabour,
      ratio(t.dibao_by_labour[static_cast<int>(LabourClass::kStrong)], t.dibao_households));
  set(Metric::kDibaoShareLifted, ratio(t.dibao_lifted, t.dibao_households));
  set(Metric::kDibaoAnnualYuan, 12.0 * t.dibao_monthly);
  set(Metric::kTekunHouseholds, t.tekun_households);
  set(Metric::kTekunPeople, t.tekun_people);
  set(Metric::kTekunAnnualYuan, 12.0 * t.tekun_monthly);
  set(Metric::kTemporaryAssistanceHouseholds, f.temporary.households);
  set(Metric::kTemporaryAssistanceYuan, f.temporary.yuan);
  set(Metric::kWageShare, ratio(in.wage_local + in.wage_public + in.wage_migrant, t.net));
  set(Metric::kEliminatedShare, ratio(t.eliminated_out, t.ever_monitored));
  set(Metric::kEntriesShareSudden, ratio(mt.sudden, mt.newly_identified));
  const double shock_entries = mt.newly_identified -
                               mt.by_cause[static_cast<int>(Cause::kChronicLow)] -
                               mt.by_cause[static_cast<int>(Cause::kEducation)];
  set(Metric::kEntriesShareShock, ratio(shock_entries, mt.newly_identified));
  set(Metric::kEntriesShareIllness,
      ratio(mt.by_cause[static_cast<int>(Cause::kIllness)], mt.newly_identified));
  set(Metric::kReturnsShareIllness,
      ratio(t.poor_by_cause[static_cast<int>(Cause::kIllness)], t.poor_households));
  for (int c = 0; c < kCauseCount; ++c) {
    m[static_cast<int>(Metric::kReturnsByCauseChronicLow) + c] = t.poor_by_cause[c];
    m[static_cast<int>(Metric::kEntriesByCauseChronicLow) + c] = mt.by_cause[c];
  }
  set(Metric::kPoorHouseholds, t.poor_households);
  const FundTally& ft = f.funds;
  set(Metric::kFundsSources, ft.sources);
  set(Metric::kFundsSpent, ft.to_households + ft.to_enterprises + ft.to_outlays);
  set(Metric::kFundsToHouseholds, ft.to_households);
  set(Metric::kFundsToEnterprises, ft.to_enterprises);
  set(Metric::kFundsToOutlays, ft.to_outlays);
  set(Metric::kFundsLapsed, ft.lapsed);
  for (std::size_t k = 0; k < ft.spent.size(); ++k)
    m[static_cast<int>(Metric::kSpentIndustry) + static_cast<int>(k)] = ft.spent[k];
  set(Metric::kMicrocreditHouseholds, ft.borrowers);
  set(Metric::kMicrocreditBalance, ft.loan_balance);
  set(Metric::kMicrocreditLoansMade, ft.loans_made);
  set(Metric::kMicrocreditDefaults, ft.loan_defaults);
  set(Metric::kMicrocreditDefaultedYuan, ft.defaulted_yuan);
  set(Metric::kMicrocreditCompensatedYuan, ft.compensated_yuan);
  set(Metric::kMicrocreditArrears, ft.arrears);
  set(Metric::kMicrocreditExtended, ft.extended);
  set(Metric::kMicrocreditArrearsYuan, ft.arrears_yuan);
  set(Metric::kConsumptionHouseholds, ft.consumption_households);
  set(Metric::kMonitoredPeople, t.monitored_people);
  set(Metric::kNewlyIdentifiedPeople, mt.newly_identified_people);
  set(Metric::kEliminatedPeople, mt.eliminated_people);
  set(Metric::kPoorPeople, t.poor_lifted + t.poor_general);
  set(Metric::kAtRiskPeople, t.at_risk_people);
  set(Metric::kHouseholdsLifted, t.households_lifted);
  set(Metric::kMonitoredShareOfLifted, ratio(monitored, t.households_lifted));
  set(Metric::kMonitoredPeopleShareOfLifted, ratio(t.monitored_people, t.people_lifted));
  set(Metric::kEliminatedPeopleShare, ratio(t.eliminated_out_people, t.ever_monitored_people));
  for (int c = 1; c < 4; ++c) {
    m[static_cast<int>(Metric::kEliminatedUnstable) + c - 1] = mt.eliminated_by_category[c];
    m[static_cast<int>(Metric::kClearedShareUnstable) + c - 1] =
        ratio(mt.eliminated_by_category[c], mt.eliminated_by_category[c] + t.by_category[c]);
  }
  set(Metric::kSuddenClearedFirstYearShare,
      ratio(mt.sudden_cleared_first_year,
            mt.entries_by_category[static_cast<int>(Category::kSudden)]));
  set(Metric::kExclusionError, ratio(t.excluded, t.at_risk_households));
  set(Metric::kInclusionError, ratio(mt.entered_not_at_risk, mt.newly_identified));
  set(Metric::kAwaitingApproval, t.awaiting);
  set(Metric::kIndustryCoverage, ratio(t.industry_covered, t.industry_targets));
  set(Metric::kProjectHouseholds, t.project_live);
  const ProjectTally& pt = f.projects;
  set(Metric::kProjectsStarted, pt.started);
  set(Metric::kProjectInvestmentYuan, pt.invested_yuan);
  set(Metric::kProjectIncomeYuan, pt.income_yuan);
  set(Metric::kProjectFailures, pt.failures);
  set(Metric::kProjectOutbreaks, pt.outbreaks);
  const DemographyTally& dt = f.demography;
  set(Metric::kDeaths, dt.deaths);
  set(Metric::kBirths, dt.births);
  set(Metric::kWorkersAgedOut, dt.workers_aged_out);
  set(Metric::kSchoolStarts, dt.school_starts);
  set(Metric::kSchoolLeaversWorking, dt.school_leavers);
  set(Metric::kMovedOut, dt.moved_out);
  set(Metric::kNoLabourShare,
      ratio(t.households_by_labour[2],
            t.households_by_labour[0] + t.households_by_labour[1] + t.households_by_labour[2]));
  set(Metric::kMonitoredOpening, mt.opening);
  set(Metric::kMonitoredOpeningPeople, mt.opening_people);
  for (int c = 1; c < 4; ++c) {
    m[static_cast<int>(Metric::kEntriesUnstable) + c - 1] = mt.entries_by_category[c];
    m[static_cast<int>(Metric::kEntriesUnstablePeople) + c - 1] = mt.entries_people_by_category[c];
  }
}

}  // namespace

void YearFlows::add(const YearFlows& o) {
  income.add(o.income);
  monitoring.add(o.monitoring);
  assistance.add(o.assistance);
  enterprises.add(o.enterprises);
  funds.add(o.funds);
  temporary.add(o.temporary);
  projects.add(o.projects);
  demography.add(o.demography);
  disasters += o.disasters;
  months = o.months;
}

namespace {

MetricValues fill_all(const std::vector<YearTally>& tallies, const std::vector<YearFlows>& flows,
                      double households, const Quantiles& q) {
  YearTally all_tally;
  YearFlows all_flows;
  for (std::size_t r = 0; r < tallies.size(); ++r) {
    all_tally.add(tallies[r]);
    all_flows.add(flows[r]);
  }
  MetricValues out{};
  fill(out, households, all_tally, all_flows, q);
  return out;
}

/// The regions' metrics and raw sums; with `with_all`, also `all` (appended), its percentiles
/// computed side by side with the regions' (each on its own copy).
std::vector<MetricValues> close_impl(Households& hh, const std::vector<RegionMonth>& regions,
                                     const std::vector<YearFlows>& flows, const MonthContext& month,
                                     std::vector<YearTally>& tallies,
                                     std::vector<float>& per_capita, bool with_all) {
  const std::size_t n_regions = regions.size();
  std::vector<MetricValues> out(n_regions);
  per_capita.assign(hh.n(), 0.0f);
  tallies.assign(n_regions, YearTally{});
  for (std::size_t r = 0; r < n_regions; ++r) {
    const double poverty_line = regions[r].poverty_line;
    const double monitoring_line = regions[r].monitoring_line;
    const MonitoringParams& mon = regions[r].params->monitoring;
    const double education_cost = regions[r].params->shocks.education_cost_per_student;
    const RiskLines lines = risk_lines(regions[r]);
    const double annualise = flows[r].months > 0 ? 12.0 / flows[r].months : 0.0;
    const std::size_t begin = hh.region_begin[r];
    const std::size_t end = hh.region_begin[r + 1];
    const YearTally tally = block_reduce<YearTally>(begin, end, [&](std::size_t b, std::size_t e) {
      YearTally t;
      for (std::size_t i = b; i < e; ++i) {
        const double size = hh.size[i];
        const double pc = hh.ytd_net[i] * annualise / size;
        per_capita[i] = static_cast<float>(pc);
        const bool lifted = hh.flags[i] & hh_flag::kLifted;
        t.people += size;
        t.net += hh.ytd_net[i];
        if (lifted) {
          t.households_lifted += 1;
          t.people_lifted += size;
          t.net_lifted += hh.ytd_net[i];
          if (pc < poverty_line) t.poor_lifted += size;
        } else {
          t.people_general += size;
          if (pc < poverty_line) t.poor_general += size;
        }
        if (pc < monitoring_line) t.at_risk += size;
        if (hh.flags[i] & hh_flag::kDibao) {
          t.dibao_households += 1;
          t.dibao_people += size;
          t.dibao_by_labour[static_cast<int>(hh.labour[i])] += 1;
          if (lifted) t.dibao_lifted += 1;
          t.dibao_monthly += hh.dibao_monthly[i];
          if (hh.flags[i] & hh_flag::kTekun) {
            t.tekun_households += 1;
            t.tekun_people += size;
            t.tekun_monthly += hh.dibao_monthly[i];
          }
        }
        const bool poor = pc < poverty_line;
        t.households_by_labour[static_cast<int>(hh.labour[i])] += 1;
        if (lifted) {
          const int labour = static_cast<int>(hh.labour[i]);
          t.lifted_by_labour[labour] += size;
          if (poor) t.poor_by_labour[labour] += size;
          if (hh.mon_flags[i] & mon_flag::kShockedThisYear) {
            t.lifted_shocked += size;
            if (poor) t.poor_shocked += size;
          }
        }
        const bool awaiting = hh.mon_flags[i] & mon_flag::kPending;
        if (awaiting) t.awaiting += 1;
        if (at_risk(hh, i, lines, month.offset, mon)) {
          t.at_risk_households += 1;
          t.at_risk_people += size;
          if (hh.category[i] == Category::kNone && !awaiting) t.excluded += 1;
        }
        if (hh.category[i] != Category::kNone) {
          t.by_category[static_cast<int>(hh.category[i])] += 1;
          t.monitored_people += size;
          if (hh.mon_flags[i] & mon_flag::kPaired) t.monitored_paired += 1;
          t.by_alert[static_cast<int>(
              alert_of(hh.rolling_per_capita(i), monitoring_line, mon.alert))] += 1;
        }
        if (poor) {
          t.poor_households += 1;
          t.poor_by_cause[static_cast<int>(main_cause(
              hh, i, month.offset, education_cost * hh.students[i], lines.material_loss * size))] +=
              1;
        }
        if (hh.category[i] != Category::kNone || (hh.mon_flags[i] & mon_flag::kWasEliminated)) {
          t.ever_monitored += 1;
          t.ever_monitored_people += size;
          if (hh.category[i] == Category::kNone) {
            t.eliminated_out += 1;
            t.eliminated_out_people += size;
          }
        }
        if (hh.mon_flags[i] & mon_flag::kDeniedThisYear) t.denied += 1;
        if (lifted || hh.category[i] != Category::kNone) {
          t.industry_targets += 1;
          if (hh.project_kind[i] != 0 || (hh.mon_flags[i] & mon_flag::kIndustry))
            t.industry_covered += 1;
        }
        if (hh.project_kind[i] != 0 && !(hh.project_kind[i] & kProjectFailed)) t.project_live += 1;
        const std::uint8_t kinds = hh.link_kinds[i];
        if (kinds & 1u) t.stable_job += 1;  // LinkKind::kEmployment
        if (lifted && (hh.flags[i] & hh_flag::kMigrantEmployed)) t.lifted_migrant += 1;
        if (kinds & ~1u) t.industry_link += 1;
        if (hh.mon_flags[i] & mon_flag::kLostLinkThisYear) {
          t.lost_link += 1;
          if (lifted) {
            t.lifted_lost_link += size;
            if (poor) t.poor_lost_link += size;
          }
        }
        if (lifted) {
          const bool ever = hh.mon_flags[i] & mon_flag::kEverLinked;
          (ever ? t.lifted_linked : t.lifted_unlinked) += size;
          if (poor) (ever ? t.poor_linked : t.poor_unlinked) += size;
          if (hh.mon_flags[i] & (mon_flag::kBorrower | mon_flag::kDefaulted)) {
            t.lifted_borrowers += size;
            if (poor) t.poor_borrowers += size;
          }
        }
        if (kinds & kContractLinkBit) {
          t.net_contract += hh.ytd_net[i];
          t.people_contract += size;
        } else if (hh.operating[i] > 0) {
          t.net_other_farms += hh.ytd_net[i];
          t.people_other_farms += size;
        }
        hh.mon_flags[i] &= static_cast<std::uint16_t>(~(
            mon_flag::kShockedThisYear | mon_flag::kDeniedThisYear | mon_flag::kLostLinkThisYear));
        hh.ytd_net[i] = 0;
      }
      return t;
    });
    tallies[r] = tally;
  }
  const std::size_t n_sets = n_regions + (with_all ? 1 : 0);
  std::vector<Quantiles> q(n_sets);
  tbb::parallel_for(std::size_t{0}, n_sets, [&](std::size_t r) {
    const std::size_t begin = r < n_regions ? hh.region_begin[r] : 0;
    const std::size_t end = r < n_regions ? hh.region_begin[r + 1] : hh.n();
    q[r] = quantiles_of(per_capita.data() + begin, end - begin);
  });
  for (std::size_t r = 0; r < n_regions; ++r)
    fill(out[r], static_cast<double>(hh.region_begin[r + 1] - hh.region_begin[r]), tallies[r],
         flows[r], q[r]);
  if (with_all) out.push_back(fill_all(tallies, flows, static_cast<double>(hh.n()), q.back()));
  return out;
}

}  // namespace

std::vector<MetricValues> close_regions(Households& hh, const std::vector<RegionMonth>& regions,
                                        const std::vector<YearFlows>& flows,
                                        const MonthContext& month, std::vector<YearTally>& tallies,
                                        std::vector<float>& per_capita) {
  return close_impl(hh, regions, flows, month, tallies, per_capita, false);
}

MetricValues close_all(const std::vector<YearTally>& tallies, const std::vector<YearFlows>& flows,
                       std::vector<float> per_capita) {
  const auto households = static_cast<double>(per_capita.size());
  return fill_all(tallies, flows, households, quantiles_of(per_capita.data(), per_capita.size()));
}

void open_year(const Households& hh, std::vector<YearFlows>& flows) {
  struct Stock {
    double households = 0, people = 0;
    void add(const Stock& o) {
      households += o.households;
      people += o.people;
    }
  };
  const std::vector<Stock> stock = block_reduce_ranges<Stock>(
      flows.size(),
      [&](std::size_t r) {
        return std::pair<std::size_t, std::size_t>{hh.region_begin[r], hh.region_begin[r + 1]};
      },
      [&](std::size_t, std::size_t b, std::size_t e) {
        Stock s;
        for (std::size_t i = b; i < e; ++i)
          if (hh.category[i] != Category::kNone) {
            s.households += 1;
            s.people += hh.size[i];
          }
        return s;
      });
  for (std::size_t r = 0; r < flows.size(); ++r) {
    flows[r].monitoring.opening = stock[r].households;
    flows[r].monitoring.opening_people = stock[r].people;
  }
}

std::vector<MetricValues> close_year(Households& hh, const std::vector<RegionMonth>& regions,
                                     const std::vector<YearFlows>& flows,
                                     const MonthContext& month) {
  std::vector<YearTally> tallies;
  std::vector<float> per_capita;
  return close_impl(hh, regions, flows, month, tallies, per_capita, true);
}

}  // namespace povsim
