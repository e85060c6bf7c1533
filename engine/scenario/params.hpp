#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"

namespace povsim {

/// A value per calendar year (yuan lines, growth rates); every simulated year must be present.
using YearSeries = std::map<int, double>;

/// Looks up `year`, falling back to the nearest year present (validated coverage makes this exact).
double at_year(const YearSeries& series, int year);

/// Mean and coefficient of variation of a lognormal quantity.
struct LogNormalSpec {
  double mean = 0;
  double cv = 0;
};

struct LabourShares {
  double strong = 0;  // 有劳动能力
  double weak = 0;    // 弱劳动能力
  double none = 0;    // 无劳动能力
};

struct PopulationParams {
  std::vector<double> household_size_shares;  // [i] = share of households with i+1 persons
  double lifted_share = 0;                    // 脱贫户 among all households
  LabourShares labour_lifted;
  LabourShares labour_general;
  double extra_worker_probability = 0;
  double elderly_share_of_dependants = 0;
  double student_share_of_children = 0;
  double chronic_illness_share = 0;
};

/// Births, deaths and the members' passage between life stages (phases/demography.hpp), applied
/// each January. Rates are annual.
struct DemographyParams {
  bool enabled = false;
  double elderly_mortality = 0;        // per member aged 60+ per year
  double worker_ageing = 0;            // per worker per year: turns 60 and stops working
  YearSeries birth_rate;               // births per person per year, in households with a worker
  double school_entry = 0;             // per pre-school child per year: starts school
  double school_leaving = 0;           // per student per year: leaves school
  double school_leaver_moves_out = 0;  // share of school leavers who leave the household
  double entry_wage = 0;  // yuan/year: a school leaver's wage in a household of no worker
};

struct IncomeSourceParams {
  double share = 0;          // of per-capita income before pensions and 低保
  double participation = 0;  // households (with the capacity) that have this source
  double cv = 0;             // household-level spread
};

struct EconomyParams {
  double per_capita_income_2020_lifted = 0;  // yuan/person/year
  double general_to_lifted_income_ratio = 0;
  IncomeSourceParams wage_local;
  IncomeSourceParams wage_migrant;
  IncomeSourceParams operating;
  IncomeSourceParams property;
  IncomeSourceParams subsidy;
  double weak_labour_productivity = 0;
  YearSeries trend_growth;              // per year
  double permanent_sd = 0;              // per year, log: sd of the AR(1) innovation
  double permanent_persistence = 1.0;   // per year: AR(1) coefficient (1 = random walk)
  double transitory_sd = 0;             // per month, log
  double migrant_job_loss_rate = 0;     // per month
  double migrant_job_finding_rate = 0;  // per month
};

struct HealthShockParams {
  double annual_probability = 0;
  LogNormalSpec cost;             // yuan per event
  double lost_labour_months = 0;  // mean
  double disability_probability = 0;
};

struct LossShockParams {
  double annual_probability = 0;
  double loss_share = 0;
};

struct DisasterParams {
  double annual_probability = 0;
  double affected_share = 0;
  double loss_share = 0;
  int duration_months = 0;
};

struct ShockParams {
  HealthShockParams illness;
  double chronic_illness_multiplier = 0;
  double elderly_illness_multiplier = 0;
  HealthShockParams accident;
  LossShockParams business_failure;
  LossShockParams livestock_loss;
  DisasterParams disaster;
  double price_sd = 0;                    // annual, log, region-wide operating-income multiplier
  YearSeries price_level;                 // multiplies the year's price factor (1: no trend)
  double education_cost_per_student = 0;  // yuan/year, out of pocket after subsidies
};

struct DibaoParams {
  bool enabled = false;
  YearSeries standard;  // yuan/person/year
  double take_up = 0;   // need-blind rule only: share of eligible households that ever enrol
  int assessment_interval_months = 0;
  double exit_margin = 0;
  bool need_based = false;  // the 民政 means test and need-driven take-up (else need-blind)
  double imputed_wage_strong = 0;    // yuan/year counted per worker of a strong-labour household
  double imputed_wage_weak = 0;      // yuan/year counted per worker of a weak-labour household
  double asset_property_limit = 0;   // yuan/person/year of property income (0: no asset test)
  double application_gap_scale = 0;  // gap over the standard at which 63% apply per review
  double priority_application = 0;   // per review, at least, for no-labour or chronic households
  bool gradual_exit = false;         // 渐退期: paid until the next review after rising above
};

/// 特困人员救助供养: households with no labour, no income and no supporters.
struct TekunParams {
  bool enabled = false;
  YearSeries standard;  // yuan/person/year, the basic living standard paid in full
  // Members at most: larger households have a member bound to support the others (法定赡养、
  // 抚养、扶养义务人), so they are not 特困 even without labour (0: no limit).
  int max_household_size = 0;
};

/// 临时救助: a one-off payment when a shock leaves a household not on 低保 under the standard.
struct TemporaryAssistanceParams {
  bool enabled = false;
  double months_covered = 0;  // months of the household's gap to the 低保 standard paid
  double max_payment = 0;     // yuan per household and event
};

/// The first two layers of 三重保障 (basic medical insurance, critical-illness insurance); the
/// third (medical assistance) is an assistance programme with a budget.
struct MedicalInsuranceParams {
  double basic_share = 0;          // of the cost
  double critical_deductible = 0;  // yuan per event left after basic insurance
  double critical_share = 0;       // of what remains above the deductible
};

struct TransferParams {
  DibaoParams dibao;
  TekunParams tekun;
  TemporaryAssistanceParams temporary_assistance;
  YearSeries pension_per_elderly;  // yuan/year
  MedicalInsuranceParams medical;
};

struct GridScreeningParams {
  double workers_per_1000_households = 0;
  double households_per_worker_per_screening = 0;
  double screenings_per_month = 0;
  double detection_probability = 0;  // an at-risk household visited is recognised
};

struct DepartmentScreeningParams {
  bool enabled = false;
  int data_lag_months = 0;
  double detection_probability = 0;  // per month once the data has arrived
};

struct AlertParams {
  double yellow_below = 0;  // ratio of 12-month income to the monitoring line
  double orange_below = 0;
  double red_below = 0;
};

struct PairingParams {
  double cadres_per_1000_households = 0;
  double households_per_cadre = 0;  // 3 / 2 / 1 by rank (seed 001): the rank mix's mean
  double detection_probability = 0;
  double take_up_bonus = 0;
};

struct MotivationParams {
  double mean = 0;  // 内生动力 in [0, 1]
  double sd = 0;
  bool incentives = false;  // points-based 爱心超市
  double monthly_gain = 0;  // for monitored households while incentives run
};

/// The monitored stock the pre-2021 system left on the first simulated month
/// (phases/starting_caseload.hpp): its size, category mix, time in monitoring, assistance given.
struct StartingCaseloadParams {
  double share_of_lifted = 0;   // of the region's formerly poor households, monitored at the start
  double share_of_general = 0;  // of its other households (边缘易致贫)
  double sudden_share = 0;      // of the stock, recorded as 突发严重困难户
  int max_months = 0;           // months already monitored: uniform in [1, max_months]
  double assisted_share = 0;    // of the stock, already given training or industry support
};

/// 突发严重困难户 from every shock (支出骤增/收入骤减, seed 001).
struct SuddenHardshipParams {
  bool income_drops = false;  // a large recorded loss of any cause makes 突发, not only bills
  double income_drop_threshold = 0;  // the loss / the household's previous 12-month net income
  int clearance_months = 0;   // months not at risk after the shock to clear a 突发 household
  double income_ceiling = 0;  // × the line: a shock leaving more income is no hardship
};

/// The surveyed income: the true 12-month income × exp(bias + sd · z), z drawn per household-year.
struct MeasurementErrorParams {
  double sd = 0;    // log
  double bias = 0;  // log (negative: incomes under-reported)
};

/// The identification procedure after a household is found: application, village review, public
/// notice (公示 ≥ 5 days) and county approval (≤ 15 days), with a case-handling capacity.
struct IdentificationProcedureParams {
  int months = 0;                        // minimum months from being found to approval
  double cases_per_cadre_per_month = 0;  // cases the pairing cadres complete; 0: no limit
};

struct MonitoringParams {
  bool enabled = false;
  double expense_shock_threshold = 0;  // out-of-pocket cost / expected annual household income
  int expense_shock_window_months = 0;
  double self_report_probability = 0;  // per month, at full motivation
  GridScreeningParams grid;
  DepartmentScreeningParams department;
  double social_probability = 0;  // per month
  AlertParams alert;
  int risk_elimination_months = 0;
  double insecure_guarantees_share = 0;  // 三保障 or drinking water not secure
  double guarantee_fix_rate = 0;         // per month while monitored
  // 低保/特困 paid and 三保障 secure: not at risk by income.
  bool covered_households_secure = false;
  bool risk_factor_required = false;  // under the line is at risk only with a risk factor
  PairingParams pairing;
  MotivationParams motivation;
  double cause_material_share = 0;  // of size × poverty line: a loss this large can be a cause
  StartingCaseloadParams starting_caseload;
  SuddenHardshipParams sudden;
  MeasurementErrorParams measurement;
  IdentificationProcedureParams procedure;
};

struct EmploymentProgramme {
  double budget_per_household = 0;  // yuan/year per household of the region (all programmes)
  double cost_per_placement = 0;
  double annual_wage = 0;  // migrant wage of a transfer placement
  bool transfer = false;   // place into migrant work when no local vacancy is open
};
struct TrainingProgramme {
  double budget_per_household = 0;
  double cost_per_trainee = 0;
  double conversion_rate = 0;
  double wage_gain_share = 0;
};
/// Outbreaks of disease (or pests) that kill part of a project's stock.
struct ProjectDiseaseParams {
  double annual_probability = 0;  // per project-year
  double loss_share = 0;          // of the units an outbreak kills
};

/// One kind of household industry project (产业项目到户) that industry money buys: its cost, the
/// stock it buys (head, birds, mu, plots), the lag before it earns, a seasonal income stream per
/// unit and its risks (phases/industry_projects.hpp).
struct ProjectKindParams {
  double share = 0;                 // weight among the kinds when a project is chosen
  bool strong_labour_only = false;  // only households with strong labour can run it
  double cost = 0;                  // yuan per project (paid from the industry account)
  double units = 0;                 // stock bought
  int lag_months = 0;               // months from purchase to the first income
  double income_per_unit = 0;       // yuan/unit/year, net, at a price factor of 1
  int season_start = 1;             // calendar month the income season begins
  int season_months = 12;           // months of the season (income spread evenly over them)
  double growth = 0;                // per year: net increase of the stock (births − offtake kept)
  double max_units = 0;             // the stock grows at most to this
  double price_elasticity = 0;      // income × (the region's farm-gate price factor)^elasticity
  bool disaster_exposed = false;    // a region-wide disaster cuts its income as operating income
  ProjectDiseaseParams disease;
  double failure_hazard = 0;  // per year: the project stops producing for good
};

struct IndustryProjectParams {
  bool enabled = false;         // industry money buys projects (else the one-off income gain above)
  ProjectKindParams livestock;  // 牛羊 (seed 000: 9 扶贫羊 → 200+)
  ProjectKindParams poultry;    // 家禽 (seed 002: 和静, 30万 chicks for 3,000 households)
  ProjectKindParams courtyard;  // 庭院经济 (seed 002: 博湖, 500 demonstration households)
  ProjectKindParams cash_crops;  // 特色种植 / 林果 (seed 002: 博湖; seed 004: 沁县)
};
inline constexpr int kProjectKinds = 4;

struct IndustryProgramme {
  double budget_per_household = 0;
  double cost_per_household = 0;
  double annual_income_gain = 0;
  IndustryProjectParams projects;
};
struct PublicJobProgramme {
  double budget_per_household = 0;
  double monthly_wage = 0;
  int term_months = 0;
};
struct SocialAssistanceProgramme {
  double budget_per_household = 0;
};
struct MedicalAssistanceProgramme {
  double budget_per_household = 0;
  double assistance_share = 0;
  double out_of_pocket_cap = 0;
};
struct RiskReliefProgramme {
  double budget_per_household = 0;
  double max_payout = 0;
};

struct AssistanceParams {
  double take_up = 0;  // at full motivation, before the pairing bonus
  EmploymentProgramme employment;
  TrainingProgramme training;
  IndustryProgramme industry;
  PublicJobProgramme public_jobs;
  SocialAssistanceProgramme social_assistance;
  MedicalAssistanceProgramme medical;
  RiskReliefProgramme risk_relief;
};

struct LineParams {
  YearSeries poverty;     // yuan/person/year
  YearSeries monitoring;  // yuan/person/year
};

/// One kind of enterprise in a region (龙头企业, 合作社, 就业帮扶车间, industrial-park factory,
/// tourism): how many there are and the links each one has with households.
struct EnterpriseKindParams {
  double per_10000_households = 0;  // enterprises at the start
  double jobs = 0;                  // job slots per enterprise
  double initial_fill = 0;          // share of slots filled at the start
  double monthly_wage = 0;          // yuan/month
  double contract_households = 0;   // contract farming (订单收购) households per enterprise
  double contract_premium = 0;      // share over the market price
  double lease_households = 0;      // 土地流转 households per enterprise
  double annual_rent = 0;           // yuan/household/year
  double equity_households = 0;     // households holding quantified shares (折股量化)
  double share_value = 0;           // yuan per household
  double dividend_rate = 0;         // per year
  double members = 0;               // cooperative member households per enterprise
  double member_income = 0;         // yuan/household/year
  double failure_hazard = 0;        // per year
  double entry_rate = 0;            // new enterprises per year, per enterprise at the start
  double revenue_sd = 0;            // log, per year: the sector's price swing
  double priority_share = 0;  // of its links drawn among 脱贫户 and monitored households first
};

struct EnterpriseSubsidyParams {
  double budget_per_household = 0;  // yuan/year per household of the region
  double per_enterprise = 0;        // yuan/year
  double failure_multiplier = 0;    // on the hazard while subsidised
};

struct EnterpriseParams {
  bool enabled = false;
  double hazard_elasticity = 0;            // hazard × exp(−elasticity × log revenue)
  double revenue_persistence = 0;          // AR(1) coefficient of log revenue, per year
  double idiosyncratic_revenue_sd = 0;     // log, per year, the enterprise's own
  double price_elasticity = 0;             // log revenue per log farm-gate price swing
  double dividend_revenue_elasticity = 0;  // 0: fixed 保底 dividends; 1: dividends ∝ revenue
  double layoff_elasticity = 0;  // slots × min(1, exp(elasticity × log revenue)) each January
  double wage_revenue_elasticity = 0;   // job wages × min(1, exp(elasticity × log revenue))
  double job_replaces_own_wage = 0;     // share of the hired worker's own local wage a job replaces
  double lease_replaces_operating = 0;  // share of operating income the leased land produced
  double contract_price_floor = 0;      // contract households' price factor at least this
  EnterpriseKindParams leading;
  EnterpriseKindParams cooperative;
  EnterpriseKindParams workshop;
  EnterpriseKindParams park_factory;
  EnterpriseKindParams tourism;
  EnterpriseSubsidyParams subsidy;
};

/// One-off transport subsidy for lifted workers who take up migrant work (跨省务工一次性交通补贴).
struct TransportSubsidyParams {
  double amount = 0;                // yuan per worker, once per job found
  double budget_per_household = 0;  // yuan/year per household of the region
  double finding_rate_gain = 0;     // relative gain in lifted workers' job finding while it runs
};

struct LabourMarketParams {
  bool priority_monitored_lifted = false;  // vacancies go first to monitored and lifted households
  int candidates_per_vacancy = 0;          // households drawn per vacancy beyond the job seekers
  double migrant_demand = 1;               // 1 = normal; lower in a demand shock (lockdown)
  TransportSubsidyParams transport_subsidy;
};

/// One source of fund money for the region: yuan per year plus yuan per household of the region.
struct FundSourceParams {
  YearSeries yuan;           // yuan/year
  YearSeries per_household;  // yuan/year per household of the region
};

/// Appropriation rule of one programme account.
struct FundAccountRule {
  double share = 0;                 // of the year's sources left after fixed amounts
  YearSeries fixed;                 // yuan/year taken first from the pooled sources
  YearSeries fixed_per_household;   // yuan/year per household of the region, added to `fixed`
  double min_share_of_central = 0;  // allocation must reach this share of central funds
  bool carry_over = false;          // unspent balance carried into next year (else lapses)
};

struct FundAccountRules {
  FundAccountRule industry;
  FundAccountRule employment;
  FundAccountRule infrastructure;
  FundAccountRule risk_relief;
  FundAccountRule public_jobs;
  FundAccountRule training;
  FundAccountRule medical;
  FundAccountRule dibao;
  FundAccountRule microcredit_subsidy;
  FundAccountRule consumption;
  FundAccountRule risk_compensation;
};

struct FundSources {
  FundSourceParams central;     // 中央衔接资金
  FundSourceParams provincial;  // 省级
  FundSourceParams county;      // 市县级
  FundSourceParams paired;      // 援疆 / 东西部协作
  FundSourceParams donations;   // enterprise and social donations
};

struct MicrocreditParams {
  bool enabled = false;
  double new_loans_per_1000_households = 0;  // per year
  double loan = 0;                           // yuan
  int term_months = 0;
  double interest_rate = 0;           // per year
  double interest_subsidy_share = 0;  // of the interest paid from microcredit_subsidy (贴息)
  double return_rate = 0;             // operating income per yuan invested, per year
  double default_probability = 0;     // per year without shocks
  double shock_default_multiplier = 1;
  double compensation_share = 0;  // of defaulted principal paid from risk_compensation
  double leverage = 0;  // outstanding principal at most leverage × the risk fund (0: no limit)
  double arrears_repayment_share = 0;  // of the month's net income repaid while in arrears
  int arrears_max_months = 0;          // months in arrears before the loan is written off
  int extension_months = 0;            // 展期: months of grace before arrears repayment starts
};

/// 衔接资金 and other fund sources, their allocation to programme accounts and what the accounts
/// buy beyond the assistance programmes. Off: the programme budgets are the one source.
struct FundParams {
  bool enabled = false;
  FundSources sources;
  FundAccountRules accounts;
  double enterprise_share_of_industry = 0;  // of the industry account each January
  double enterprise_extra_jobs = 0;         // job slots a subsidised enterprise adds
  double consumption_per_household = 0;  // yuan/year of extra sales per contract-linked household
  MicrocreditParams microcredit;
};

/// Everything that may differ by region and (except population) by policy epoch.
struct RegionParams {
  PopulationParams population;
  DemographyParams demography;
  EconomyParams economy;
  ShockParams shocks;
  TransferParams transfers;
  LineParams lines;
  MonitoringParams monitoring;
  AssistanceParams assistance;
  EnterpriseParams enterprises;
  LabourMarketParams labour;
  FundParams funds;
};

struct RegionSpec {
  std::string name;
  std::int64_t households = 0;
  std::string profile;  // path as written
  std::uint32_t stable_id = 0;
  /// The province the region belongs to, as written (a regions table's `province` column or a
  /// region's `province:` key); empty when none is given. Descriptive: it changes no number,
  /// the report draws its province map from it.
  std::string province;
};

struct OutputParams {
  bool per_region = true;
};

/// What `povsim calibrate` records in the scenario it writes: which fit the values come from.
/// Descriptive only (the report's status line); it changes no number.
struct CalibrationStamp {
  std::string fit;   // first 12 hex digits of the calibration's fingerprint (its manifest.json)
  std::string spec;  // the calibration file, as named on the command line
  double objective = 0;
  std::string engine;  // engine version that fitted it
};

/// The validated, immutable scenario. The simulation reads nothing else.
struct Params {
  std::string schema;
  std::string name;
  std::string description;
  YearMonth start;
  YearMonth end;
  std::int64_t seed = 0;
  int replications = 0;
  OutputParams outputs;
  std::optional<CalibrationStamp> calibration;
  std::vector<RegionSpec> regions;

  /// Policy epochs: months [epoch_start[e], epoch_start[e+1]) use region_params[e][region].
  std::vector<int> epoch_start;  // month offsets from `start`, first is 0
  std::vector<std::vector<RegionParams>> region_params;

  int months() const { return end.index() - start.index() + 1; }
  int epoch_of(int month_offset) const;
  const RegionParams& region(int epoch, std::size_t region_idx) const {
    return region_params[static_cast<std::size_t>(epoch)][region_idx];
  }
};

}  // namespace povsim
