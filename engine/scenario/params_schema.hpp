#pragma once
// The one description of every scenario key: its type, range, unit, meaning and the source of the
// baseline value. Loading, `povsim schema --markdown` (docs/parameters.md) and the manifest's
// resolved parameters are all driven by these functions, so they cannot drift apart.
#include <cmath>
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
  v.field("households_per_village", p.households_per_village, Range{1, 100000},
          Doc{"households", "village size (villages group grid-worker caseloads)"});
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
              "2020 per-capita income of lifted households before pensions and 低保"});
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
          Doc{"log, per year", "sd of persistent household income shocks"});
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
}

template <class V>
void describe(V& v, TransferParams& p) {
  v.section("dibao", p.dibao, "minimum living guarantee (低保, 特困)");
  v.field("pension_per_elderly", p.pension_per_elderly, kYuan,
          Doc{"yuan/year", "rural basic pension per member aged 60+, by year"});
  v.field("medical_reimbursement_share", p.medical_reimbursement_share, kShare,
          Doc{"share", "medical cost reimbursed (basic + critical-illness insurance)"});
  v.field("medical_out_of_pocket_cap", p.medical_out_of_pocket_cap, kYuan,
          Doc{"yuan/event", "cap on compliant out-of-pocket cost; 0 means no cap"});
}

template <class V>
void describe(V& v, LineParams& p) {
  v.field("poverty", p.poverty, kYuan,
          Doc{"yuan/person/year", "poverty line by year (2020 standard carried forward)"});
  v.field("monitoring", p.monitoring, kYuan,
          Doc{"yuan/person/year", "防返贫 monitoring line by year"});
}

template <class V>
void describe(V& v, RegionParams& p) {
  v.section("population", p.population, "synthetic population (set once at the start)");
  v.section("economy", p.economy, "income processes");
  v.section("shocks", p.shocks, "idiosyncratic and covariate shocks");
  v.section("transfers", p.transfers, "basic transfers");
  v.section("lines", p.lines, "poverty and monitoring lines");
}

template <class V>
void describe(V& v, OutputParams& p) {
  v.field("per_region", p.per_region, Doc{"bool", "write every region as well as `all`"});
}

}  // namespace povsim
