#pragma once
// The one description of every scenario key: its type, range, unit, meaning and the source of the
// baseline value. Loading, `povsim schema --markdown` (docs/parameters.md) and the manifest's
// resolved parameters are all driven by these functions, so they cannot drift apart.
#include <cmath>
#include <utility>
#include <vector>

#include "scenario/params.hpp"

namespace povsim {

struct Range {
  double lo;
  double hi;
};

struct Doc {
  const char* unit;
  const char* text;
};

inline constexpr Range kShare{0.0, 1.0};
inline constexpr Range kYuan{0.0, 1e7};

inline bool sum_is_one(const std::vector<double>& shares) {
  double sum = 0;
  for (double s : shares) sum += s;
  return std::abs(sum - 1.0) < 1e-6;
}

template <class V>
void describe(V& v, LogNormalSpec& p) {
  v.field("mean", p.mean, kYuan, Doc{"yuan", "mean"});
  v.field("cv", p.cv, Range{0, 10}, Doc{"1", "coefficient of variation"});
}

template <class V>
void describe(V& v, LabourShares& p) {
  v.field("strong", p.strong, kShare, Doc{"share", "有劳动能力: at least one full worker"});
  v.field("weak", p.weak, kShare, Doc{"share", "弱劳动能力: only partial capacity"});
  v.field("none", p.none, kShare, Doc{"share", "无劳动能力: no one can work"});
  v.constraint("none", std::abs(p.strong + p.weak + p.none - 1.0) < 1e-6,
               "strong + weak + none must sum to 1");
}

template <class V>
void describe(V& v, PopulationParams& p) {
  v.field("household_size_shares", p.household_size_shares, kShare,
          Doc{"share", "share of households with 1, 2, … persons (sums to 1)"});
  v.constraint("household_size_shares", sum_is_one(p.household_size_shares),
               "household size shares must sum to 1");
  v.field("lifted_share", p.lifted_share, kShare,
          Doc{"share", "脱贫户 (registered poor until 2020) among households"});
  v.section("labour_lifted", p.labour_lifted, "labour capacity class of lifted households");
  v.section("labour_general", p.labour_general, "labour capacity class of general households");
  v.field("extra_worker_probability", p.extra_worker_probability, kShare,
          Doc{"probability", "each further adult of a strong-labour household also works"});
  v.field("elderly_share_of_dependants", p.elderly_share_of_dependants, kShare,
          Doc{"share", "non-working members aged 60+"});
  v.field("student_share_of_children", p.student_share_of_children, kShare,
          Doc{"share", "younger dependants in school (education costs)"});
  v.field("chronic_illness_share", p.chronic_illness_share, kShare,
          Doc{"share", "households with a chronically ill member"});
}

template <class V>
void describe(V& v, IncomeSourceParams& p) {
  v.field("share", p.share, kShare,
          Doc{"share", "share of per-capita income (before pensions and 低保)"});
  v.field("participation", p.participation, Range{1e-6, 1.0},
          Doc{"share", "households (able to) earning from this source"});
  v.field("cv", p.cv, Range{0, 10}, Doc{"1", "household-level coefficient of variation"});
}

template <class V>
void describe(V& v, EconomyParams& p) {
  v.field("per_capita_income_2020_lifted", p.per_capita_income_2020_lifted, Range{100, 1e6},
          Doc{"yuan/person/year",
              "2020 per-capita net income of lifted households, transfers included"});
  v.field("general_to_lifted_income_ratio", p.general_to_lifted_income_ratio, Range{0.1, 10},
          Doc{"ratio", "per-capita income of general households relative to lifted ones"});
  v.section("wage_local", p.wage_local, "local wage income (per effective worker)");
  v.section("wage_migrant", p.wage_migrant, "migrant / transfer wage income (strong labour only)");
  v.section("operating", p.operating, "household operating income (crops, livestock, courtyard)");
  v.section("property", p.property, "property income (land rent, dividends)");
  v.section("subsidy", p.subsidy, "policy subsidies paid per person (e.g. 种粮补贴, 生态补偿)");
  v.constraint("subsidy",
               std::abs(p.wage_local.share + p.wage_migrant.share + p.operating.share +
                        p.property.share + p.subsidy.share - 1.0) < 1e-6,
               "the five source shares must sum to 1");
  v.field("weak_labour_productivity", p.weak_labour_productivity, kShare,
          Doc{"ratio", "earnings of a weak-capacity worker relative to a full one"});
  v.field("trend_growth", p.trend_growth, Range{-0.5, 1.0},
          Doc{"per year", "nominal trend growth of earned incomes, by year"});
  v.field("permanent_sd", p.permanent_sd, Range{0, 2},
          Doc{"log, per year", "sd of the yearly innovation of the persistent income component"});
  v.field("permanent_persistence", p.permanent_persistence, Range{0, 1},
          Doc{"1, per year",
              "AR(1) coefficient of the log persistent income component (1 = random walk)"});
  v.field("transitory_sd", p.transitory_sd, Range{0, 2},
          Doc{"log, per month", "sd of month-to-month income noise"});
  v.field("migrant_job_loss_rate", p.migrant_job_loss_rate, kShare,
          Doc{"per month", "probability a migrant worker loses the job"});
  v.field("migrant_job_finding_rate", p.migrant_job_finding_rate, kShare,
          Doc{"per month", "probability a jobless migrant worker finds work again"});
}

template <class V>
void describe(V& v, HealthShockParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per household-year", "probability of an event"});
  v.section("cost", p.cost, "medical cost of one event before reimbursement (yuan)");
  v.field("lost_labour_months", p.lost_labour_months, Range{0, 60},
          Doc{"months", "mean months one worker cannot work"});
  v.field("disability_probability", p.disability_probability, kShare,
          Doc{"probability", "the event lowers the household's labour class for good"});
}

template <class V>
void describe(V& v, LossShockParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per household-year", "probability of an event"});
  v.field("loss_share", p.loss_share, kShare, Doc{"share", "lasting loss of operating income"});
}

template <class V>
void describe(V& v, DisasterParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per region-year", "probability of a disaster (drought, hail, flood)"});
  v.field("affected_share", p.affected_share, kShare, Doc{"share", "households of the region hit"});
  v.field("loss_share", p.loss_share, kShare,
          Doc{"share", "operating income lost by hit households while it lasts"});
  v.field("duration_months", p.duration_months, Range{1, 36},
          Doc{"months", "how long losses last"});
}

template <class V>
void describe(V& v, ShockParams& p) {
  v.section("illness", p.illness, "serious illness (大病)");
  v.field("chronic_illness_multiplier", p.chronic_illness_multiplier, Range{0, 20},
          Doc{"ratio", "illness hazard of households with a chronic patient"});
  v.field("elderly_illness_multiplier", p.elderly_illness_multiplier, Range{0, 20},
          Doc{"ratio", "illness hazard per elderly member, added to 1"});
  v.section("accident", p.accident, "accidents");
  v.section("business_failure", p.business_failure, "failure of a household business");
  v.section("livestock_loss", p.livestock_loss, "loss of livestock (disease, death)");
  v.section("disaster", p.disaster, "covariate natural disaster per region");
  v.field("price_sd", p.price_sd, Range{0, 2},
          Doc{"log, per year", "region-wide swing of farm-gate prices (operating income)"});
  v.field("price_level", p.price_level, Range{0.01, 10},
          Doc{"ratio", "multiplies the year's farm-gate price factor (a price collapse < 1)"});
  v.field("education_cost_per_student", p.education_cost_per_student, kYuan,
          Doc{"yuan/year", "out-of-pocket schooling cost per student after subsidies"});
}

template <class V>
void describe(V& v, DibaoParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "低保/特困 兜底 is paid"});
  v.field("standard", p.standard, kYuan, Doc{"yuan/person/year", "rural 低保 standard, by year"});
  v.field("take_up", p.take_up, kShare,
          Doc{"probability", "an eligible household is enrolled at an assessment"});
  v.field("assessment_interval_months", p.assessment_interval_months, Range{1, 24},
          Doc{"months", "how often eligibility is assessed"});
  v.field("exit_margin", p.exit_margin, Range{0, 5},
          Doc{"ratio", "enrolled households leave above standard × (1 + margin)"});
  v.field(
      "need_based", p.need_based,
      Doc{"bool", "民政 means test with need-driven take-up (false: income test, take_up trait)"});
  v.field("imputed_wage_strong", p.imputed_wage_strong, kYuan,
          Doc{"yuan/year", "income the means test counts per worker of a strong-labour household"});
  v.field("imputed_wage_weak", p.imputed_wage_weak, kYuan,
          Doc{"yuan/year", "income the means test counts per worker of a weak-labour household"});
  v.field("asset_property_limit", p.asset_property_limit, kYuan,
          Doc{"yuan/person/year", "property income above which assets fail the test (0: none)"});
  v.field("application_gap_scale", p.application_gap_scale, Range{0.001, 10},
          Doc{"ratio", "gap / standard at which 63% of eligible households apply per review"});
  v.field(
      "priority_application", p.priority_application, kShare,
      Doc{"probability", "least chance per review that a no-labour or chronic household applies"});
  v.field(
      "gradual_exit", p.gradual_exit,
      Doc{"bool", "渐退期: a household above the exit threshold is paid until the next review"});
}

template <class V>
void describe(V& v, TekunParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "特困人员救助供养 is paid"});
  v.field("standard", p.standard, kYuan,
          Doc{"yuan/person/year", "特困 basic living standard, by year (paid in full)"});
  v.field("max_household_size", p.max_household_size, Range{0, 255},
          Doc{"persons",
              "largest household that can be 特困: larger ones have a member bound to "
              "support the others (0: no limit)"});
}

template <class V>
void describe(V& v, TemporaryAssistanceParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "临时救助 is paid after shocks"});
  v.field("months_covered", p.months_covered, Range{0, 24},
          Doc{"months", "months of the gap to the 低保 standard paid at once"});
  v.field("max_payment", p.max_payment, kYuan, Doc{"yuan/household", "cap per event"});
}

template <class V>
void describe(V& v, MedicalInsuranceParams& p) {
  v.field("basic_share", p.basic_share, kShare,
          Doc{"share", "basic medical insurance reimbursement (first layer of 三重保障)"});
  v.field("critical_deductible", p.critical_deductible, kYuan,
          Doc{"yuan/event", "critical-illness insurance starts above this remaining cost"});
  v.field("critical_share", p.critical_share, kShare,
          Doc{"share", "critical-illness insurance share above the deductible (second layer)"});
}

template <class V>
void describe(V& v, TransferParams& p) {
  v.section("dibao", p.dibao, "minimum living guarantee (低保)");
  v.section("tekun", p.tekun, "extreme poverty support (特困人员救助供养)");
  v.section("temporary_assistance", p.temporary_assistance, "temporary assistance (临时救助)");
  v.field("pension_per_elderly", p.pension_per_elderly, kYuan,
          Doc{"yuan/year", "rural basic pension per member aged 60+, by year"});
  v.section("medical", p.medical, "medical insurance");
}

template <class V>
void describe(V& v, LineParams& p) {
  v.field("poverty", p.poverty, kYuan,
          Doc{"yuan/person/year", "poverty line by year (2020 standard carried forward)"});
  v.field("monitoring", p.monitoring, kYuan,
          Doc{"yuan/person/year", "防返贫 monitoring line by year"});
}

template <class V>
void describe(V& v, GridScreeningParams& p) {
  v.field("workers_per_1000_households", p.workers_per_1000_households, Range{0, 1000},
          Doc{"per 1,000 households", "grid workers and village cadres who screen households"});
  v.field("households_per_worker_per_screening", p.households_per_worker_per_screening,
          Range{0, 10000},
          Doc{"households", "households one worker checks in one screening round"});
  v.field("screenings_per_month", p.screenings_per_month, Range{0, 31},
          Doc{"per month", "screening rounds (1 = monthly 集中排查, 4.3 = weekly)"});
  v.field("detection_probability", p.detection_probability, kShare,
          Doc{"probability", "a visited at-risk household is recognised"});
}

template <class V>
void describe(V& v, DepartmentScreeningParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool", "部门筛查预警: medical, civil-affairs, disability data"});
  v.field("data_lag_months", p.data_lag_months, Range{0, 24},
          Doc{"months", "from the event (bill, disability) to the data reaching screeners"});
  v.field("detection_probability", p.detection_probability, kShare,
          Doc{"per month", "an at-risk household with a record is flagged"});
}

template <class V>
void describe(V& v, AlertParams& p) {
  v.field("yellow_below", p.yellow_below, Range{0, 10},
          Doc{"ratio", "12-month income / monitoring line below which the alert is yellow"});
  v.field("orange_below", p.orange_below, Range{0, 10}, Doc{"ratio", "… orange"});
  v.field("red_below", p.red_below, Range{0, 10}, Doc{"ratio", "… red (green above yellow)"});
  v.constraint("red_below", p.red_below <= p.orange_below && p.orange_below <= p.yellow_below,
               "thresholds must satisfy red_below <= orange_below <= yellow_below");
}

template <class V>
void describe(V& v, PairingParams& p) {
  v.field("cadres_per_1000_households", p.cadres_per_1000_households, Range{0, 1000},
          Doc{"per 1,000 households", "cadres in 结对帮扶"});
  v.field("households_per_cadre", p.households_per_cadre, Range{0, 100},
          Doc{"households", "pairs per cadre (seed 001: 3 / 2 / 1 by rank)"});
  v.field("detection_probability", p.detection_probability, kShare,
          Doc{"per month", "a paired cadre notices the household's risk"});
  v.field("take_up_bonus", p.take_up_bonus, kShare,
          Doc{"probability", "added to assistance take-up of paired households"});
}

template <class V>
void describe(V& v, MotivationParams& p) {
  v.field("mean", p.mean, kShare, Doc{"0–1", "内生动力: mean of the household trait"});
  v.field("sd", p.sd, Range{0, 1}, Doc{"0–1", "its spread (normal, clipped to [0, 1])"});
  v.field("incentives", p.incentives, Doc{"bool", "points-based 爱心超市 incentives run"});
  v.field("monthly_gain", p.monthly_gain, kShare,
          Doc{"per month", "motivation gained by monitored households under incentives"});
}

template <class V>
void describe(V& v, StartingCaseloadParams& p) {
  v.field(
      "share_of_lifted", p.share_of_lifted, kShare,
      Doc{"share", "formerly poor households already monitored (脱贫不稳定) on the first month"});
  v.field("share_of_general", p.share_of_general, kShare,
          Doc{"share", "other households already monitored (边缘易致贫) on the first month"});
  v.field("sudden_share", p.sudden_share, kShare,
          Doc{"share", "of that stock, recorded as 突发严重困难户"});
  v.field("max_months", p.max_months, Range{1, 120},
          Doc{"months", "months already in monitoring: uniform in [1, max_months]"});
  v.field("assisted_share", p.assisted_share, kShare,
          Doc{"share", "of that stock, already given training or industry support"});
}

template <class V>
void describe(V& v, SuddenHardshipParams& p) {
  v.field(
      "income_drops", p.income_drops,
      Doc{"bool",
          "收入骤减: a large loss of any cause (illness, accident, disaster, job loss, business "
          "or livestock, enterprise failure) makes the household at risk as 突发 (false: only "
          "medical bills do)"});
  v.field("income_drop_threshold", p.income_drop_threshold, Range{0, 100},
          Doc{"ratio",
              "the loss over the household's net income of the 12 months before it that makes a "
              "收入骤减"});
  v.field("clearance_months", p.clearance_months, Range{1, 60},
          Doc{"months",
              "consecutive months not at risk, once the shock's window has passed, before a 突发 "
              "household's risk is eliminated"});
  v.field("income_ceiling", p.income_ceiling, Range{0, 100},
          Doc{"× monitoring line",
              "突发严重困难: a shock makes the household at risk only if its 12-month per-capita "
              "income, the shock included, stays under this multiple of the monitoring line"});
}

template <class V>
void describe(V& v, MeasurementErrorParams& p) {
  v.field("sd", p.sd, Range{0, 3},
          Doc{"log", "sd of the multiplicative error of the surveyed 12-month income"});
  v.field("bias", p.bias, Range{-3, 3},
          Doc{"log", "mean log error of the surveyed income (negative: under-reported)"});
}

template <class V>
void describe(V& v, IdentificationProcedureParams& p) {
  v.field("months", p.months, Range{0, 24},
          Doc{"months",
              "from being found to approval at the least: application, village review, public "
              "notice ≥ 5 days, county approval ≤ 15 days"});
  v.field("cases_per_cadre_per_month", p.cases_per_cadre_per_month, Range{0, 10000},
          Doc{"cases per cadre per month",
              "cases the region's pairing cadres bring to approval a month (0: no limit)"});
}

template <class V>
void describe(V& v, MonitoringParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "防返贫动态监测 runs (false: no one is ever found)"});
  v.field("expense_shock_threshold", p.expense_shock_threshold, Range{0, 100},
          Doc{"ratio",
              "out-of-pocket cost over expected annual household income that makes a "
              "household at risk at once (突发严重困难)"});
  v.field("expense_shock_window_months", p.expense_shock_window_months, Range{1, 60},
          Doc{"months", "how long such a shock keeps the household at risk"});
  v.field("self_report_probability", p.self_report_probability, kShare,
          Doc{"per month", "农户自主申报 by an at-risk household at full motivation"});
  v.section("grid", p.grid, "基层干部排查: grid workers and cadres");
  v.section("department", p.department, "部门筛查预警");
  v.field("social_probability", p.social_probability, kShare,
          Doc{"per month", "社会信息补充: found through social information"});
  v.section("alert", p.alert, "four-colour alert thresholds (seed 001)");
  v.field("risk_elimination_months", p.risk_elimination_months, Range{1, 60},
          Doc{"months", "consecutive months above the line before risk is eliminated"});
  v.field("insecure_guarantees_share", p.insecure_guarantees_share, kShare,
          Doc{"share", "households whose 三保障 or drinking water is not secure"});
  v.field("guarantee_fix_rate", p.guarantee_fix_rate, kShare,
          Doc{"per month", "such a gap is closed while the household is monitored"});
  v.field("covered_households_secure", p.covered_households_secure,
          Doc{"bool",
              "a household whose 低保 or 特困 is paid (not in its 渐退期) and whose 三保障 are "
              "secure is not at risk for its income under the line, only through a sudden shock "
              "(false: every household under the line is at risk)"});
  v.field("risk_factor_required", p.risk_factor_required,
          Doc{"bool",
              "a household under the line is at risk only with a risk factor: a loss of at "
              "least cause_material_share × the poverty line per person in the last 12 months, a "
              "chronically ill member, or 三保障 not secure (false: low income alone)"});
  v.section("pairing", p.pairing, "cadre pairing 结对帮扶");
  v.section("motivation", p.motivation, "内生动力 and incentives");
  v.field(
      "cause_material_share", p.cause_material_share, Range{0, 10},
      Doc{"share of size × poverty line",
          "cause accounting: the largest loss or expense of the last 12 months is a household's "
          "main cause only if at least this large, else chronic low income"});
  v.section("starting_caseload", p.starting_caseload,
            "the monitored stock on the first month (phases/starting_caseload.hpp)");
  v.section("sudden", p.sudden, "突发严重困难户 from every shock (支出骤增/收入骤减)");
  v.section("measurement", p.measurement, "error of the surveyed income");
  v.section("procedure", p.procedure, "identification procedure and its capacity");
}

template <class V>
void describe(V& v, EmploymentProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget, per household of the region"});
  v.field("cost_per_placement", p.cost_per_placement, kYuan, Doc{"yuan", "cost of one placement"});
  v.field("annual_wage", p.annual_wage, kYuan,
          Doc{"yuan/year", "migrant wage of a transfer placement (点对点 transfer employment)"});
  v.field("transfer", p.transfer,
          Doc{"bool", "place into migrant work when no local enterprise vacancy is open"});
}
template <class V>
void describe(V& v, TrainingProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget (雨露计划, skills)"});
  v.field("cost_per_trainee", p.cost_per_trainee, kYuan, Doc{"yuan", "cost of one trainee"});
  v.field("conversion_rate", p.conversion_rate, kShare,
          Doc{"share", "trainees whose earnings rise (seed 001: ≥ 60%)"});
  v.field("wage_gain_share", p.wage_gain_share, Range{0, 5},
          Doc{"share", "rise of wage capacity of a converted trainee"});
}
template <class V>
void describe(V& v, ProjectDiseaseParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per project-year", "probability of an outbreak (disease, pests)"});
  v.field("loss_share", p.loss_share, kShare, Doc{"share", "of the stock an outbreak kills"});
}
template <class V>
void describe(V& v, ProjectKindParams& p) {
  v.field("share", p.share, kShare,
          Doc{"weight", "weight of this kind when a household's project is chosen"});
  v.field("strong_labour_only", p.strong_labour_only,
          Doc{"bool", "only households with strong labour run this kind"});
  v.field("cost", p.cost, kYuan, Doc{"yuan", "investment per project, from the industry account"});
  v.field("units", p.units, Range{0, 1e6}, Doc{"units", "stock bought (head, birds, mu, plots)"});
  v.field("lag_months", p.lag_months, Range{0, 60},
          Doc{"months", "from purchase to the first income"});
  v.field("income_per_unit", p.income_per_unit, kYuan,
          Doc{"yuan/unit/year", "net income per unit of stock at a price factor of 1"});
  v.field("season_start", p.season_start, Range{1, 12},
          Doc{"calendar month", "first month of the income season"});
  v.field("season_months", p.season_months, Range{1, 12},
          Doc{"months", "length of the season; the year's income is spread evenly over it"});
  v.field("growth", p.growth, Range{-1, 10},
          Doc{"per year", "net growth of the stock (births less the offtake kept), monthly steps"});
  v.field("max_units", p.max_units, Range{0, 1e6}, Doc{"units", "the stock grows to this at most"});
  v.constraint("max_units", p.max_units >= p.units, "max_units must be at least units");
  v.field("price_elasticity", p.price_elasticity, Range{0, 5},
          Doc{"1", "income × the region's farm-gate price factor to this power"});
  v.field("disaster_exposed", p.disaster_exposed,
          Doc{"bool", "a household hit by a region-wide disaster loses its loss_share of it"});
  v.section("disease", p.disease, "outbreaks that kill part of the stock");
  v.field("failure_hazard", p.failure_hazard, kShare,
          Doc{"per year", "probability the project stops producing for good"});
}
template <class V>
void describe(V& v, IndustryProjectParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool",
              "industry money buys projects that produce income (产业项目到户); off: the "
              "one-off annual_income_gain"});
  v.section("livestock", p.livestock, "牛羊 livestock (seed 000: 9 扶贫羊 → 200+)");
  v.section("poultry", p.poultry, "家禽 poultry (seed 002: 和静)");
  v.section("courtyard", p.courtyard, "庭院经济 courtyard economy (seed 002: 博湖)");
  v.section("cash_crops", p.cash_crops, "特色种植 cash crops and orchards (seed 002, seed 004)");
  v.constraint("enabled",
               !p.enabled ||
                   p.livestock.share + p.poultry.share + p.courtyard.share + p.cash_crops.share > 0,
               "with projects enabled, at least one kind needs a share above 0");
}
template <class V>
void describe(V& v, IndustryProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget (产业帮扶)"});
  v.field("cost_per_household", p.cost_per_household, kYuan,
          Doc{"yuan", "cost per household (projects off)"});
  v.field(
      "annual_income_gain", p.annual_income_gain, kYuan,
      Doc{"yuan/year", "operating income added, projects off (e.g. starter livestock, seed 000)"});
  v.section("projects", p.projects, "industry projects bought for households");
}
template <class V>
void describe(V& v, PublicJobProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget (公益性岗位 wages)"});
  v.field("monthly_wage", p.monthly_wage, kYuan, Doc{"yuan/month", "wage of one post"});
  v.field("term_months", p.term_months, Range{1, 60}, Doc{"months", "length of one post"});
}
template <class V>
void describe(V& v, SocialAssistanceProgramme& p) {
  v.field(
      "budget_per_household", p.budget_per_household, kYuan,
      Doc{"yuan/year per household", "兜底 fast track: 低保 for monitored no-labour households"});
}
template <class V>
void describe(V& v, MedicalAssistanceProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "medical assistance budget (third layer of 三重保障)"});
  v.field(
      "assistance_share", p.assistance_share, kShare,
      Doc{"share", "of the cost left after insurance, for monitored, 低保 and lifted households"});
  v.field("out_of_pocket_cap", p.out_of_pocket_cap, kYuan,
          Doc{"yuan/event", "out-of-pocket cost left to such households at most; 0 = no cap"});
}
template <class V>
void describe(V& v, RiskReliefProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "防返贫风险救助基金 (seed 002: 200万 per county)"});
  v.field("max_payout", p.max_payout, kYuan, Doc{"yuan", "largest payout to one household"});
}

template <class V>
void describe(V& v, AssistanceParams& p) {
  v.field("take_up", p.take_up, kShare,
          Doc{"probability", "an offer is taken up, at full motivation"});
  v.section("employment", p.employment, "employment placement (strong labour)");
  v.section("training", p.training, "training (strong labour)");
  v.section("industry", p.industry, "industry support (labour households)");
  v.section("public_jobs", p.public_jobs, "公益性岗位 (weak labour)");
  v.section("social_assistance", p.social_assistance, "兜底 (no labour)");
  v.section("medical", p.medical, "medical assistance");
  v.section("risk_relief", p.risk_relief, "risk-relief fund payouts (sudden hardship)");
}

template <class V>
void describe(V& v, EnterpriseKindParams& p) {
  v.field("per_10000_households", p.per_10000_households, Range{0, 10000},
          Doc{"per 10,000 households", "enterprises of this kind at the start"});
  v.field("jobs", p.jobs, Range{0, 1e5}, Doc{"jobs", "job slots per enterprise"});
  v.field("initial_fill", p.initial_fill, kShare, Doc{"share", "slots filled at the start"});
  v.field("monthly_wage", p.monthly_wage, kYuan, Doc{"yuan/month", "wage of one job"});
  v.field("contract_households", p.contract_households, Range{0, 1e6},
          Doc{"households", "contract-farming (订单收购) households per enterprise"});
  v.field("contract_premium", p.contract_premium, Range{0, 5},
          Doc{"share", "contract price over the market price: raises operating income"});
  v.field("lease_households", p.lease_households, Range{0, 1e6},
          Doc{"households", "households leasing land to the enterprise (土地流转)"});
  v.field("annual_rent", p.annual_rent, kYuan, Doc{"yuan/household/year", "land rent"});
  v.field("equity_households", p.equity_households, Range{0, 1e6},
          Doc{"households", "households holding quantified shares (折股量化)"});
  v.field("share_value", p.share_value, kYuan, Doc{"yuan/household", "value of those shares"});
  v.field("dividend_rate", p.dividend_rate, kShare,
          Doc{"per year", "dividend on the share value while the enterprise lives"});
  v.field("members", p.members, Range{0, 1e6},
          Doc{"households", "cooperative member households per enterprise"});
  v.field("member_income", p.member_income, kYuan,
          Doc{"yuan/household/year", "operating income a member gains (services, prices)"});
  v.field("failure_hazard", p.failure_hazard, kShare,
          Doc{"per year", "probability an enterprise fails (all its links end)"});
  v.field("entry_rate", p.entry_rate, Range{0, 10},
          Doc{"per year", "new enterprises each January per enterprise at the start"});
  v.field("revenue_sd", p.revenue_sd, Range{0, 2},
          Doc{"log, per year", "sector price swing drawn each January"});
  v.field("priority_share", p.priority_share, kShare,
          Doc{"share",
              "of its links (jobs, contracts, leases, shares, members) drawn among 脱贫户 and "
              "monitored households first (利益联结)"});
}

template <class V>
void describe(V& v, EnterpriseSubsidyParams& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "enterprise subsidy budget (奖补), per household"});
  v.field("per_enterprise", p.per_enterprise, kYuan,
          Doc{"yuan/year", "subsidy to one enterprise, in enterprise order while it lasts"});
  v.field("failure_multiplier", p.failure_multiplier, Range{0, 1},
          Doc{"ratio", "failure hazard of a subsidised enterprise relative to others"});
}

template <class V>
void describe(V& v, EnterpriseParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "enterprises and their links are simulated"});
  v.field(
      "revenue_persistence", p.revenue_persistence, Range{0, 0.99},
      Doc{"ratio", "AR(1) coefficient of an enterprise's log revenue from one year to the next"});
  v.field("idiosyncratic_revenue_sd", p.idiosyncratic_revenue_sd, Range{0, 2},
          Doc{"log", "yearly shock to one enterprise's revenue (beside its sector's)"});
  v.field("price_elasticity", p.price_elasticity, Range{0, 5},
          Doc{"ratio", "log revenue per log of the region's farm-gate price swing"});
  v.field("dividend_revenue_elasticity", p.dividend_revenue_elasticity, Range{0, 3},
          Doc{"ratio", "dividends × revenue^e: 0 = fixed (保底) dividends, 1 = proportional"});
  v.field("hazard_elasticity", p.hazard_elasticity, Range{0, 20},
          Doc{"1", "failure hazard × exp(−elasticity × the sector's log revenue shock)"});
  v.field("layoff_elasticity", p.layoff_elasticity, Range{0, 10},
          Doc{"1",
              "each January job slots × min(1, exp(elasticity × log revenue)): lay-offs when "
              "revenue falls (the last hired go first)"});
  v.field("job_replaces_own_wage", p.job_replaces_own_wage, kShare,
          Doc{"share", "of the hired worker's own local wage that an enterprise job replaces"});
  v.field("lease_replaces_operating", p.lease_replaces_operating, kShare,
          Doc{"share", "of a leasing household's operating income that the leased land produced"});
  v.field("contract_price_floor", p.contract_price_floor, Range{0, 2},
          Doc{"ratio",
              "contract-farming households sell at no less than this farm-gate price factor "
              "(保底收购; 0: no guarantee)"});
  v.section("leading", p.leading, "龙头企业 leading enterprises");
  v.section("cooperative", p.cooperative, "合作社 cooperatives");
  v.section("workshop", p.workshop, "就业帮扶车间 employment workshops");
  v.section("park_factory", p.park_factory, "industrial-park factories");
  v.section("tourism", p.tourism, "rural tourism enterprises");
  v.section("subsidy", p.subsidy, "subsidies to enterprises (plain budget)");
}

template <class V>
void describe(V& v, TransportSubsidyParams& p) {
  v.field("amount", p.amount, Range{0, 5000},
          Doc{"yuan", "paid once per lifted worker per job found"});
  v.field("budget_per_household", p.budget_per_household, Range{0, 1000},
          Doc{"yuan/year", "per household of the region; unspent money lapses"});
  v.field("finding_rate_gain", p.finding_rate_gain, Range{0, 5},
          Doc{"ratio", "lifted workers' migrant job finding × (1 + gain) while the budget lasts"});
}

template <class V>
void describe(V& v, LabourMarketParams& p) {
  v.field("priority_monitored_lifted", p.priority_monitored_lifted,
          Doc{"bool", "local vacancies go first to monitored and lifted households"});
  v.field("candidates_per_vacancy", p.candidates_per_vacancy, Range{1, 64},
          Doc{"households", "drawn per vacancy once the job seekers are placed"});
  v.field("migrant_demand", p.migrant_demand, Range{0, 1},
          Doc{"ratio", "migrant labour demand: finding × d, keeping a job × d (lockdown < 1)"});
  v.section("transport_subsidy", p.transport_subsidy,
            "one-off transport subsidy for lifted migrant workers (点对点, seed 004)");
}

inline constexpr Range kFundYuan{0.0, 1e12};

template <class V>
void describe(V& v, FundSourceParams& p) {
  v.field("yuan", p.yuan, kFundYuan, Doc{"yuan/year", "amount for the region, by year"});
  v.field("per_household", p.per_household, kYuan,
          Doc{"yuan/year per household", "amount per household of the region, by year (added)"});
}

template <class V>
void describe(V& v, FundSources& p) {
  v.section("central", p.central, "中央财政衔接推进乡村振兴补助资金 (seed 000)");
  v.section("provincial", p.provincial, "provincial funds");
  v.section("county", p.county, "prefecture and county funds");
  v.section("paired", p.paired, "援疆 / 东西部协作 paired assistance (seed 003)");
  v.section("donations", p.donations, "enterprise and social donations (万企兴万村, 消费帮扶)");
}

template <class V>
void describe(V& v, FundAccountRule& p) {
  v.field("share", p.share, kShare,
          Doc{"share", "of the year's sources left after every account's fixed amount"});
  v.field("fixed", p.fixed, kFundYuan, Doc{"yuan/year", "taken first from the year's sources"});
  v.field("fixed_per_household", p.fixed_per_household, kYuan,
          Doc{"yuan/year per household", "added to `fixed`, per household of the region"});
  v.field("min_share_of_central", p.min_share_of_central, kShare,
          Doc{"share", "the allocation must reach this share of central funds (else an error)"});
  v.field("carry_over", p.carry_over,
          Doc{"bool", "an unspent balance is carried into next year (false: it lapses)"});
}

template <class V>
void describe(V& v, FundAccountRules& p) {
  v.section("industry", p.industry, "产业: household industry support and enterprise subsidies");
  v.section("employment", p.employment, "就业: placement services");
  v.section("infrastructure", p.infrastructure, "基础设施: works paid to contractors (an outlay)");
  v.section("risk_relief", p.risk_relief, "防返贫风险救助基金 payouts");
  v.section("public_jobs", p.public_jobs, "公益性岗位 wages");
  v.section("training", p.training, "雨露计划 and skills training");
  v.section("medical", p.medical, "medical assistance (third layer of 三重保障)");
  v.section("dibao", p.dibao, "兜底 fast track for monitored no-labour households");
  v.section("microcredit_subsidy", p.microcredit_subsidy, "小额信贷 interest subsidy (贴息)");
  v.section("consumption", p.consumption, "消费帮扶 purchases from linked households");
  v.section("risk_compensation", p.risk_compensation, "小额信贷 risk compensation fund");
  // Reported at the largest share: the one most likely to be wrong.
  const char* largest = "industry";
  double most = -1;
  for (auto [name, share] : {std::pair{"industry", p.industry.share},
                             {"employment", p.employment.share},
                             {"infrastructure", p.infrastructure.share},
                             {"risk_relief", p.risk_relief.share},
                             {"public_jobs", p.public_jobs.share},
                             {"training", p.training.share},
                             {"medical", p.medical.share},
                             {"dibao", p.dibao.share},
                             {"microcredit_subsidy", p.microcredit_subsidy.share},
                             {"consumption", p.consumption.share},
                             {"risk_compensation", p.risk_compensation.share}})
    if (share > most) {
      most = share;
      largest = name;
    }
  const double sum = p.industry.share + p.employment.share + p.infrastructure.share +
                     p.risk_relief.share + p.public_jobs.share + p.training.share +
                     p.medical.share + p.dibao.share + p.microcredit_subsidy.share +
                     p.consumption.share + p.risk_compensation.share;
  v.constraint(largest, sum <= 1.0 + 1e-9,
               "account shares must not sum to more than 1 (100% of the sources)");
}

template <class V>
void describe(V& v, MicrocreditParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "小额信贷 loans are made"});
  v.field("new_loans_per_1000_households", p.new_loans_per_1000_households, Range{0, 1000},
          Doc{"per 1,000 households per year",
              "loans made each January to eligible households (seed 004: 沁县)"});
  v.field("loan", p.loan, kYuan, Doc{"yuan", "amount of one loan (seed 004: ≤ 5万)"});
  v.field("term_months", p.term_months, Range{1, 120}, Doc{"months", "repaid at term end"});
  v.field("interest_rate", p.interest_rate, Range{0, 1}, Doc{"per year", "loan interest"});
  v.field("interest_subsidy_share", p.interest_subsidy_share, kShare,
          Doc{"share", "of the interest paid by the microcredit_subsidy account (贴息)"});
  v.field("return_rate", p.return_rate, Range{0, 5},
          Doc{"per year", "operating income per yuan invested in household industry"});
  v.field("default_probability", p.default_probability, kShare,
          Doc{"per year",
              "a borrower's investment fails (the loan falls into arrears, 逾期), in a year "
              "without shocks"});
  v.field("shock_default_multiplier", p.shock_default_multiplier, Range{1, 1000},
          Doc{"ratio",
              "on the failure probability in a year with an illness bill, a lost link "
              "or a disaster"});
  v.field("compensation_share", p.compensation_share, kShare,
          Doc{"share", "of a defaulted principal paid to the bank by the risk compensation fund"});
  v.field("arrears_repayment_share", p.arrears_repayment_share, kShare,
          Doc{"share",
              "of the household's net income of a month repaid on a loan in arrears (0: none)"});
  v.field(
      "arrears_max_months", p.arrears_max_months, Range{0, 120},
      Doc{"months", "months in arrears before the loan is written off (a default; 0: at once)"});
  v.field("extension_months", p.extension_months, Range{0, 60},
          Doc{"months",
              "展期/续贷: a loan whose investment fails gets this many months of grace, once, "
              "before arrears repayment starts (0: none)"});
  v.field("leverage", p.leverage, Range{0, 100},
          Doc{"ratio",
              "banks lend up to this multiple of the risk compensation fund's balance (funds on; "
              "0: no limit)"});
}

template <class V>
void describe(V& v, FundParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool",
              "the fund rules below appropriate the money (false: the programme "
              "budgets, budget_per_household, are the one source)"});
  v.section("sources", p.sources, "where the money comes from, per region and year");
  v.section("accounts", p.accounts, "allocation rules into programme accounts");
  v.field(
      "enterprise_share_of_industry", p.enterprise_share_of_industry, kShare,
      Doc{"share", "of the industry account's January balance offered as enterprise subsidies"});
  v.field("enterprise_extra_jobs", p.enterprise_extra_jobs, Range{0, 1e4},
          Doc{"jobs", "job slots a subsidised enterprise adds for the year"});
  v.field("consumption_per_household", p.consumption_per_household, kYuan,
          Doc{"yuan/year", "消费帮扶: extra sales bought from each contract-farming household"});
  v.section("microcredit", p.microcredit, "小额信贷 (seed 004)");
}

template <class V>
void describe(V& v, RegionParams& p) {
  v.section("population", p.population, "synthetic population (set once at the start)");
  v.section("economy", p.economy, "income processes");
  v.section("shocks", p.shocks, "idiosyncratic and covariate shocks");
  v.section("transfers", p.transfers, "basic transfers");
  v.section("lines", p.lines, "poverty and monitoring lines");
  v.section("monitoring", p.monitoring, "防返贫动态监测");
  v.section("assistance", p.assistance, "帮扶 programmes");
  v.section("enterprises", p.enterprises, "enterprises and their links to households");
  v.section("labour", p.labour, "labour market");
  v.section("funds", p.funds, "fund sources, allocation rules and the ledger's accounts");
}

template <class V>
void describe(V& v, OutputParams& p) {
  v.field("per_region", p.per_region, Doc{"bool", "write every region as well as `all`"});
}

/// A fit id as `povsim calibrate` writes it: 12 lowercase hex digits.
inline bool is_fit_id(const std::string& s) {
  if (s.size() != 12) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

template <class V>
void describe(V& v, CalibrationStamp& p) {
  v.field("fit", p.fit, Doc{"", "the fit's id: 12 hex digits of the calibration's fingerprint"});
  v.field("spec", p.spec, Doc{"", "the calibration file"});
  v.field("objective", p.objective, Range{0, 1e300}, Doc{"1", "the fit's objective"});
  v.field("engine", p.engine, Doc{"", "engine version that fitted it"});
  v.constraint("fit", is_fit_id(p.fit),
               "expected 12 lowercase hex digits (the first of the calibration's fingerprint), "
               "found \"" +
                   p.fit + "\"");
  v.constraint("spec", !p.spec.empty(), "expected the calibration file's name, found \"\"");
}

}  // namespace povsim
