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

/// A field's unit and description; `povsim serve` shows `zh` when its page is in 中文. A section
/// (`v.section(key, sub, text, zh)`) has the same two descriptions as plain strings.
struct Doc {
  const char* unit;
  const char* text;
  const char* zh = nullptr;  // the description in Chinese
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
  v.field("mean", p.mean, kYuan, Doc{"yuan", "mean", "均值"});
  v.field("cv", p.cv, Range{0, 10}, Doc{"1", "coefficient of variation", "变异系数"});
}

template <class V>
void describe(V& v, LabourShares& p) {
  v.field("strong", p.strong, kShare,
          Doc{"share", "有劳动能力: at least one full worker", "有劳动能力：至少一名全劳动力"});
  v.field("weak", p.weak, kShare,
          Doc{"share", "弱劳动能力: only partial capacity", "弱劳动能力：仅有部分劳动能力"});
  v.field("none", p.none, kShare,
          Doc{"share", "无劳动能力: no one can work", "无劳动能力：家中无人能劳动"});
  v.constraint("none", std::abs(p.strong + p.weak + p.none - 1.0) < 1e-6,
               "strong + weak + none must sum to 1");
}

template <class V>
void describe(V& v, PopulationParams& p) {
  v.field("household_size_shares", p.household_size_shares, kShare,
          Doc{"share", "share of households with 1, 2, … persons (sums to 1)",
              "1 人、2 人……户的占比（合计为 1）"});
  v.constraint("household_size_shares", sum_is_one(p.household_size_shares),
               "household size shares must sum to 1");
  v.field("lifted_share", p.lifted_share, kShare,
          Doc{"share", "脱贫户 (registered poor until 2020) among households",
              "脱贫户（2020 年前的建档立卡贫困户）占农户的比例"});
  v.section("labour_lifted", p.labour_lifted, "labour capacity class of lifted households",
            "脱贫户的劳动能力类别");
  v.section("labour_general", p.labour_general, "labour capacity class of general households",
            "一般农户的劳动能力类别");
  v.field("extra_worker_probability", p.extra_worker_probability, kShare,
          Doc{"probability", "each further adult of a strong-labour household also works",
              "有劳动能力户中其余每名成年人也务工的概率"});
  v.field("elderly_share_of_dependants", p.elderly_share_of_dependants, kShare,
          Doc{"share", "non-working members aged 60+", "非劳动成员中 60 岁及以上者的比例"});
  v.field("student_share_of_children", p.student_share_of_children, kShare,
          Doc{"share", "younger dependants in school (education costs)",
              "年幼被抚养人中在校学生的比例（产生教育支出）"});
  v.field("chronic_illness_share", p.chronic_illness_share, kShare,
          Doc{"share", "households with a chronically ill member", "有慢性病患者的农户比例"});
}

template <class V>
void describe(V& v, DemographyParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool", "members age, die, are born, start and leave school each January",
              "每年 1 月成员变老、死亡、出生、入学和离校"});
  v.field(
      "elderly_mortality", p.elderly_mortality, Range{0, 0.5},
      Doc{"per person per year", "death rate of members aged 60+", "60 岁及以上成员的年死亡率"});
  v.field("worker_ageing", p.worker_ageing, Range{0, 0.5},
          Doc{"per worker per year", "a worker turns 60 and stops working",
              "劳动力年满 60 岁并退出劳动的年概率"});
  v.field("birth_rate", p.birth_rate, Range{0, 0.1},
          Doc{"per person per year", "births, in households with a worker and two or more members",
              "出生率（有劳动力且两人及以上的户）"});
  v.field("school_entry", p.school_entry, Range{0, 1},
          Doc{"per child per year", "a pre-school child starts school", "学龄前儿童入学的年概率"});
  v.field("school_leaving", p.school_leaving, Range{0, 1},
          Doc{"per student per year", "a student leaves school (and works or moves out)",
              "在校学生离校（就业或外迁）的年概率"});
  v.field("school_leaver_moves_out", p.school_leaver_moves_out, kShare,
          Doc{"share", "school leavers who leave the household (to a city, or marriage)",
              "离校后离开本户（进城或婚嫁）者的比例"});
  v.field("entry_wage", p.entry_wage, kYuan,
          Doc{"yuan/year", "a school leaver's local wage in a household that had no worker",
              "原无劳动力户中离校新劳动力的本地工资"});
}

template <class V>
void describe(V& v, IncomeSourceParams& p) {
  v.field("share", p.share, kShare,
          Doc{"share", "share of per-capita income (before pensions and 低保)",
              "占人均收入的份额（养老金和低保之前）"});
  v.field("participation", p.participation, Range{1e-6, 1.0},
          Doc{"share", "households (able to) earning from this source",
              "（能够）从该来源取得收入的农户比例"});
  v.field("cv", p.cv, Range{0, 10},
          Doc{"1", "household-level coefficient of variation", "户间变异系数"});
}

template <class V>
void describe(V& v, EconomyParams& p) {
  v.field(
      "per_capita_income_2020_lifted", p.per_capita_income_2020_lifted, Range{100, 1e6},
      Doc{"yuan/person/year", "2020 per-capita net income of lifted households, transfers included",
          "脱贫户 2020 年人均纯收入（含转移性收入）"});
  v.field("general_to_lifted_income_ratio", p.general_to_lifted_income_ratio, Range{0.1, 10},
          Doc{"ratio", "per-capita income of general households relative to lifted ones",
              "一般农户人均收入与脱贫户之比"});
  v.section("wage_local", p.wage_local, "local wage income (per effective worker)",
            "本地工资性收入（按有效劳动力计）");
  v.section("wage_migrant", p.wage_migrant, "migrant / transfer wage income (strong labour only)",
            "外出务工/转移就业工资性收入（仅有劳动能力户）");
  v.section("operating", p.operating, "household operating income (crops, livestock, courtyard)",
            "家庭经营性收入（种植、养殖、庭院经济）");
  v.section("property", p.property, "property income (land rent, dividends)",
            "财产性收入（土地租金、分红）");
  v.section("subsidy", p.subsidy, "policy subsidies paid per person (e.g. 种粮补贴, 生态补偿)",
            "按人发放的政策性补贴（如种粮补贴、生态补偿）");
  v.constraint("subsidy",
               std::abs(p.wage_local.share + p.wage_migrant.share + p.operating.share +
                        p.property.share + p.subsidy.share - 1.0) < 1e-6,
               "the five source shares must sum to 1");
  v.field("weak_labour_productivity", p.weak_labour_productivity, kShare,
          Doc{"ratio", "earnings of a weak-capacity worker relative to a full one",
              "弱劳动力收入与全劳动力收入之比"});
  v.field("trend_growth", p.trend_growth, Range{-0.5, 1.0},
          Doc{"per year", "nominal trend growth of earned incomes, by year",
              "工资性和经营性收入的名义趋势增长率（分年）"});
  v.field("permanent_sd", p.permanent_sd, Range{0, 2},
          Doc{"log, per year", "sd of the yearly innovation of the persistent income component",
              "持久性收入分量年度新息的标准差"});
  v.field("permanent_persistence", p.permanent_persistence, Range{0, 1},
          Doc{"1, per year",
              "AR(1) coefficient of the log persistent income component (1 = random walk)",
              "对数持久性收入分量的 AR(1) 系数（1 = 随机游走）"});
  v.field("transitory_sd", p.transitory_sd, Range{0, 2},
          Doc{"log, per month", "sd of month-to-month income noise", "收入逐月波动的标准差"});
  v.field("migrant_job_loss_rate", p.migrant_job_loss_rate, kShare,
          Doc{"per month", "probability a migrant worker loses the job", "外出务工人员失业的概率"});
  v.field("migrant_job_finding_rate", p.migrant_job_finding_rate, kShare,
          Doc{"per month", "probability a jobless migrant worker finds work again",
              "失业的外出务工人员重新就业的概率"});
}

template <class V>
void describe(V& v, HealthShockParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per household-year", "probability of an event", "发生一次事件的概率"});
  v.section("cost", p.cost, "medical cost of one event before reimbursement (yuan)",
            "一次事件报销前的医疗费用（元）");
  v.field("lost_labour_months", p.lost_labour_months, Range{0, 60},
          Doc{"months", "mean months one worker cannot work", "一名劳动力平均不能劳动的月数"});
  v.field("disability_probability", p.disability_probability, kShare,
          Doc{"probability", "the event lowers the household's labour class for good",
              "事件使农户劳动能力等级永久降低的概率"});
}

template <class V>
void describe(V& v, LossShockParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per household-year", "probability of an event", "发生一次事件的概率"});
  v.field("loss_share", p.loss_share, kShare,
          Doc{"share", "lasting loss of operating income", "经营性收入的持久损失比例"});
}

template <class V>
void describe(V& v, DisasterParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per region-year", "probability of a disaster (drought, hail, flood)",
              "发生自然灾害（干旱、冰雹、洪涝）的概率"});
  v.field("affected_share", p.affected_share, kShare,
          Doc{"share", "households of the region hit", "本地区受灾农户比例"});
  v.field("loss_share", p.loss_share, kShare,
          Doc{"share", "operating income lost by hit households while it lasts",
              "受灾农户在灾害持续期间损失的经营性收入比例"});
  v.field("duration_months", p.duration_months, Range{1, 36},
          Doc{"months", "how long losses last", "损失持续的月数"});
}

template <class V>
void describe(V& v, ShockParams& p) {
  v.section("illness", p.illness, "serious illness (大病)", "大病");
  v.field("chronic_illness_multiplier", p.chronic_illness_multiplier, Range{0, 20},
          Doc{"ratio", "illness hazard of households with a chronic patient",
              "有慢性病患者农户的患病风险倍数"});
  v.field("elderly_illness_multiplier", p.elderly_illness_multiplier, Range{0, 20},
          Doc{"ratio", "illness hazard per elderly member, added to 1",
              "每名老年成员在 1 之上增加的患病风险倍数"});
  v.section("accident", p.accident, "accidents", "意外事故");
  v.section("business_failure", p.business_failure, "failure of a household business",
            "家庭经营失败");
  v.section("livestock_loss", p.livestock_loss, "loss of livestock (disease, death)",
            "牲畜损失（疫病、死亡）");
  v.section("disaster", p.disaster, "covariate natural disaster per region",
            "按地区同时发生的自然灾害");
  v.field("price_sd", p.price_sd, Range{0, 2},
          Doc{"log, per year", "region-wide swing of farm-gate prices (operating income)",
              "全地区农产品出售价格的波动（影响经营性收入）"});
  v.field("price_level", p.price_level, Range{0.01, 10},
          Doc{"ratio", "multiplies the year's farm-gate price factor (a price collapse < 1)",
              "乘以当年农产品价格系数（价格暴跌时 < 1）"});
  v.field("education_cost_per_student", p.education_cost_per_student, kYuan,
          Doc{"yuan/year", "out-of-pocket schooling cost per student after subsidies",
              "扣除资助后每名学生的自付教育费用"});
}

template <class V>
void describe(V& v, DibaoParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "低保/特困 兜底 is paid", "发放低保/特困兜底保障"});
  v.field("standard", p.standard, kYuan,
          Doc{"yuan/person/year", "rural 低保 standard, by year", "农村低保标准（分年）"});
  v.field("take_up", p.take_up, kShare,
          Doc{"probability", "an eligible household is enrolled at an assessment",
              "符合条件的农户在一次审核中被纳入的概率"});
  v.field("assessment_interval_months", p.assessment_interval_months, Range{1, 24},
          Doc{"months", "how often eligibility is assessed", "资格审核的间隔月数"});
  v.field("exit_margin", p.exit_margin, Range{0, 5},
          Doc{"ratio", "enrolled households leave above standard × (1 + margin)",
              "已纳入农户收入高于 标准 × (1 + 幅度) 时退出"});
  v.field(
      "need_based", p.need_based,
      Doc{"bool", "民政 means test with need-driven take-up (false: income test, take_up trait)",
          "民政家庭经济状况核对，按需求决定是否申请（false：仅核收入，纳入率取 take_up 特征）"});
  v.field("imputed_wage_strong", p.imputed_wage_strong, kYuan,
          Doc{"yuan/year", "income the means test counts per worker of a strong-labour household",
              "经济状况核查中有劳动能力户每名劳动力计算的收入"});
  v.field("imputed_wage_weak", p.imputed_wage_weak, kYuan,
          Doc{"yuan/year", "income the means test counts per worker of a weak-labour household",
              "经济状况核查中弱劳动能力户每名劳动力计算的收入"});
  v.field("asset_property_limit", p.asset_property_limit, kYuan,
          Doc{"yuan/person/year", "property income above which assets fail the test (0: none)",
              "财产性收入超过此值即视为财产状况不符合条件（0：不设限）"});
  v.field("application_gap_scale", p.application_gap_scale, Range{0.001, 10},
          Doc{"ratio", "gap / standard at which 63% of eligible households apply per review",
              "每次审核中 63% 符合条件农户提出申请时的 收入缺口/标准 之比"});
  v.field(
      "priority_application", p.priority_application, kShare,
      Doc{"probability", "least chance per review that a no-labour or chronic household applies",
          "无劳动能力户或慢性病户每次审核至少提出申请的概率"});
  v.field("gradual_exit", p.gradual_exit,
          Doc{"bool", "渐退期: a household above the exit threshold is paid until the next review",
              "渐退期：收入超过退出线的农户继续领取至下次审核"});
}

template <class V>
void describe(V& v, TekunParams& p) {
  v.field("enabled", p.enabled, Doc{"bool", "特困人员救助供养 is paid", "发放特困人员救助供养"});
  v.field("standard", p.standard, kYuan,
          Doc{"yuan/person/year", "特困 basic living standard, by year (paid in full)",
              "特困人员基本生活标准（分年，全额发放）"});
  v.field("max_household_size", p.max_household_size, Range{0, 255},
          Doc{"persons",
              "largest household that can be 特困: larger ones have a member bound to "
              "support the others (0: no limit)",
              "可认定为特困的最大户规模：更大的户中有负有赡养扶养义务的成员（0：不设限）"});
}

template <class V>
void describe(V& v, TemporaryAssistanceParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool", "临时救助 is paid after shocks", "冲击发生后发放临时救助"});
  v.field("months_covered", p.months_covered, Range{0, 24},
          Doc{"months", "months of the gap to the 低保 standard paid at once",
              "一次性补足与低保标准差额的月数"});
  v.field("max_payment", p.max_payment, kYuan,
          Doc{"yuan/household", "cap per event", "每次事件的救助上限"});
}

template <class V>
void describe(V& v, MedicalInsuranceParams& p) {
  v.field("basic_share", p.basic_share, kShare,
          Doc{"share", "basic medical insurance reimbursement (first layer of 三重保障)",
              "基本医疗保险报销比例（三重保障第一道）"});
  v.field("critical_deductible", p.critical_deductible, kYuan,
          Doc{"yuan/event", "critical-illness insurance starts above this remaining cost",
              "剩余费用超过此起付线后大病保险开始报销"});
  v.field("critical_share", p.critical_share, kShare,
          Doc{"share", "critical-illness insurance share above the deductible (second layer)",
              "大病保险对起付线以上部分的报销比例（第二道保障）"});
}

template <class V>
void describe(V& v, TransferParams& p) {
  v.section("dibao", p.dibao, "minimum living guarantee (低保)", "最低生活保障（低保）");
  v.section("tekun", p.tekun, "extreme poverty support (特困人员救助供养)", "特困人员救助供养");
  v.section("temporary_assistance", p.temporary_assistance, "temporary assistance (临时救助)",
            "临时救助");
  v.field("pension_per_elderly", p.pension_per_elderly, kYuan,
          Doc{"yuan/year", "rural basic pension per member aged 60+, by year",
              "每名 60 岁及以上成员的城乡居民基础养老金（分年）"});
  v.section("medical", p.medical, "medical insurance", "医疗保险");
}

template <class V>
void describe(V& v, LineParams& p) {
  v.field("poverty", p.poverty, kYuan,
          Doc{"yuan/person/year", "poverty line by year (2020 standard carried forward)",
              "贫困线（分年，延续 2020 年标准）"});
  v.field("monitoring", p.monitoring, kYuan,
          Doc{"yuan/person/year", "防返贫 monitoring line by year", "防返贫监测线（分年）"});
}

template <class V>
void describe(V& v, GridScreeningParams& p) {
  v.field("workers_per_1000_households", p.workers_per_1000_households, Range{0, 1000},
          Doc{"per 1,000 households", "grid workers and village cadres who screen households",
              "入户排查的网格员和村干部人数"});
  v.field("households_per_worker_per_screening", p.households_per_worker_per_screening,
          Range{0, 10000},
          Doc{"households", "households one worker checks in one screening round",
              "每名网格员每轮排查走访的户数"});
  v.field("screenings_per_month", p.screenings_per_month, Range{0, 31},
          Doc{"per month", "screening rounds (1 = monthly 集中排查, 4.3 = weekly)",
              "每月排查轮数（1 = 每月集中排查，4.3 = 每周）"});
  v.field("detection_probability", p.detection_probability, kShare,
          Doc{"probability", "a visited at-risk household is recognised",
              "走访到的风险户被识别出的概率"});
}

template <class V>
void describe(V& v, DepartmentScreeningParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool", "部门筛查预警: medical, civil-affairs, disability data",
              "部门筛查预警：医保、民政、残联数据"});
  v.field("data_lag_months", p.data_lag_months, Range{0, 24},
          Doc{"months", "from the event (bill, disability) to the data reaching screeners",
              "从事件（医疗费用、残疾）发生到数据推送给排查人员的月数"});
  v.field("detection_probability", p.detection_probability, kShare,
          Doc{"per month", "an at-risk household with a record is flagged",
              "有记录的风险户被预警的概率"});
}

template <class V>
void describe(V& v, AlertParams& p) {
  v.field("yellow_below", p.yellow_below, Range{0, 10},
          Doc{"ratio", "12-month income / monitoring line below which the alert is yellow",
              "12 个月收入与监测线之比低于此值时为黄色预警"});
  v.field("orange_below", p.orange_below, Range{0, 10}, Doc{"ratio", "… orange", "……橙色预警"});
  v.field("red_below", p.red_below, Range{0, 10},
          Doc{"ratio", "… red (green above yellow)", "……红色预警（高于黄色阈值为绿色）"});
  v.constraint("red_below", p.red_below <= p.orange_below && p.orange_below <= p.yellow_below,
               "thresholds must satisfy red_below <= orange_below <= yellow_below");
}

template <class V>
void describe(V& v, PairingParams& p) {
  v.field("cadres_per_1000_households", p.cadres_per_1000_households, Range{0, 1000},
          Doc{"per 1,000 households", "cadres in 结对帮扶", "参与结对帮扶的干部人数"});
  v.field("households_per_cadre", p.households_per_cadre, Range{0, 100},
          Doc{"households", "pairs per cadre (seed 001: 3 / 2 / 1 by rank)",
              "每名干部结对户数（种子 001：按职级 3 / 2 / 1）"});
  v.field("detection_probability", p.detection_probability, kShare,
          Doc{"per month", "a paired cadre notices the household's risk",
              "结对干部发现该户风险的概率"});
  v.field("take_up_bonus", p.take_up_bonus, kShare,
          Doc{"probability", "added to assistance take-up of paired households",
              "结对户接受帮扶措施概率的增加值"});
}

template <class V>
void describe(V& v, MotivationParams& p) {
  v.field("mean", p.mean, kShare,
          Doc{"0–1", "内生动力: mean of the household trait", "内生动力：农户特征的均值"});
  v.field("sd", p.sd, Range{0, 1},
          Doc{"0–1", "its spread (normal, clipped to [0, 1])",
              "其离散程度（正态分布，截断到 [0, 1]）"});
  v.field("incentives", p.incentives,
          Doc{"bool", "points-based 爱心超市 incentives run", "实行积分制爱心超市激励"});
  v.field("monthly_gain", p.monthly_gain, kShare,
          Doc{"per month", "motivation gained by monitored households under incentives",
              "激励下监测户每月提升的内生动力"});
}

template <class V>
void describe(V& v, StartingCaseloadParams& p) {
  v.field("share_of_lifted", p.share_of_lifted, kShare,
          Doc{"share", "formerly poor households already monitored (脱贫不稳定) on the first month",
              "首月已纳入监测的脱贫户（脱贫不稳定户）比例"});
  v.field("share_of_general", p.share_of_general, kShare,
          Doc{"share", "other households already monitored (边缘易致贫) on the first month",
              "首月已纳入监测的其他农户（边缘易致贫户）比例"});
  v.field("sudden_share", p.sudden_share, kShare,
          Doc{"share", "of that stock, recorded as 突发严重困难户",
              "上述存量中登记为突发严重困难户的比例"});
  v.field("max_months", p.max_months, Range{1, 120},
          Doc{"months", "months already in monitoring: uniform in [1, max_months]",
              "已监测月数：在 [1, max_months] 上均匀分布"});
  v.field("assisted_share", p.assisted_share, kShare,
          Doc{"share", "of that stock, already given training or industry support",
              "上述存量中已获得培训或产业帮扶的比例"});
}

template <class V>
void describe(V& v, SuddenHardshipParams& p) {
  v.field(
      "income_drops", p.income_drops,
      Doc{"bool",
          "收入骤减: a large loss of any cause (illness, accident, disaster, job loss, business "
          "or livestock, enterprise failure) makes the household at risk as 突发 (false: only "
          "medical bills do)",
          "收入骤减：任何原因（疾病、意外、灾害、失业、经营或养殖失败、企业倒闭）造成的较大损失使农"
          "户作为突发严重困难户成为风险户（false：仅医疗费用）"});
  v.field("income_drop_threshold", p.income_drop_threshold, Range{0, 100},
          Doc{"ratio",
              "the loss over the household's net income of the 12 months before it that makes a "
              "收入骤减",
              "构成收入骤减的损失与该户此前 12 个月纯收入之比"});
  v.field("clearance_months", p.clearance_months, Range{1, 60},
          Doc{"months",
              "consecutive months not at risk, once the shock's window has passed, before a 突发 "
              "household's risk is eliminated",
              "冲击窗口期过后突发严重困难户连续不处于风险状态、风险方可消除的月数"});
  v.field("income_ceiling", p.income_ceiling, Range{0, 100},
          Doc{"× monitoring line",
              "突发严重困难: a shock makes the household at risk only if its 12-month per-capita "
              "income, the shock included, stays under this multiple of the monitoring line",
              "突发严重困难：仅当计入冲击后 12 "
              "个月人均收入仍低于监测线的此倍数时，冲击才使农户成为风险户"});
}

template <class V>
void describe(V& v, MeasurementErrorParams& p) {
  v.field("sd", p.sd, Range{0, 3},
          Doc{"log", "sd of the multiplicative error of the surveyed 12-month income",
              "调查 12 个月收入的乘性误差标准差"});
  v.field("bias", p.bias, Range{-3, 3},
          Doc{"log", "mean log error of the surveyed income (negative: under-reported)",
              "调查收入的平均对数误差（负值：少报）"});
}

template <class V>
void describe(V& v, IdentificationProcedureParams& p) {
  v.field("months", p.months, Range{0, 24},
          Doc{"months",
              "from being found to approval at the least: application, village review, public "
              "notice ≥ 5 days, county approval ≤ 15 days",
              "从发现到认定的最短时间：农户申请、村级评议、公示不少于 5 天、县级审批不超过 15 天"});
  v.field("cases_per_cadre_per_month", p.cases_per_cadre_per_month, Range{0, 10000},
          Doc{"cases per cadre per month",
              "cases the region's pairing cadres bring to approval a month (0: no limit)",
              "本地区结对干部每月可提交认定的案例数（0：不设限）"});
}

template <class V>
void describe(V& v, MonitoringParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool", "防返贫动态监测 runs (false: no one is ever found)",
              "开展防返贫动态监测（false：不会识别任何农户）"});
  v.field("expense_shock_threshold", p.expense_shock_threshold, Range{0, 100},
          Doc{"ratio",
              "out-of-pocket cost over expected annual household income that makes a "
              "household at risk at once (突发严重困难)",
              "自付支出与预期家庭年收入之比达到此值，农户立即成为风险户（突发严重困难）"});
  v.field("expense_shock_window_months", p.expense_shock_window_months, Range{1, 60},
          Doc{"months", "how long such a shock keeps the household at risk",
              "此类冲击使农户保持风险状态的月数"});
  v.field("self_report_probability", p.self_report_probability, kShare,
          Doc{"per month", "农户自主申报 by an at-risk household at full motivation",
              "内生动力充分时风险户农户自主申报的概率"});
  v.section("grid", p.grid, "基层干部排查: grid workers and cadres", "基层干部排查：网格员和干部");
  v.section("department", p.department, "部门筛查预警", "部门筛查预警");
  v.field("social_probability", p.social_probability, kShare,
          Doc{"per month", "社会信息补充: found through social information",
              "社会信息补充：通过社会信息发现的概率"});
  v.section("alert", p.alert, "four-colour alert thresholds (seed 001)",
            "四色预警阈值（种子 001）");
  v.field("risk_elimination_months", p.risk_elimination_months, Range{1, 60},
          Doc{"months", "consecutive months above the line before risk is eliminated",
              "收入连续高于监测线、风险方可消除的月数"});
  v.field("insecure_guarantees_share", p.insecure_guarantees_share, kShare,
          Doc{"share", "households whose 三保障 or drinking water is not secure",
              "三保障或饮水安全未保障的农户比例"});
  v.field("guarantee_fix_rate", p.guarantee_fix_rate, kShare,
          Doc{"per month", "such a gap is closed while the household is monitored",
              "监测期间此类短板得到解决的概率"});
  v.field("covered_households_secure", p.covered_households_secure,
          Doc{"bool",
              "a household whose 低保 or 特困 is paid (not in its 渐退期) and whose 三保障 are "
              "secure is not at risk for its income under the line, only through a sudden shock "
              "(false: every household under the line is at risk)",
              "已领取低保或特困（不在渐退期）且三保障有保障的农户，不因收入低于监测线而成为风险户，"
              "只因突发冲击（false：收入低于监测线的农户均为风险户）"});
  v.field("risk_factor_required", p.risk_factor_required,
          Doc{"bool",
              "a household under the line is at risk only with a risk factor: a loss of at "
              "least cause_material_share × the poverty line per person in the last 12 months, a "
              "chronically ill member, or 三保障 not secure (false: low income alone)",
              "收入低于监测线的农户只有存在风险因素才成为风险户：近 12 个月人均损失不少于 "
              "cause_material_share × 贫困线、有慢性病患者或三保障未保障（false：仅凭低收入）"});
  v.section("pairing", p.pairing, "cadre pairing 结对帮扶", "干部结对帮扶");
  v.section("motivation", p.motivation, "内生动力 and incentives", "内生动力与激励");
  v.field(
      "cause_material_share", p.cause_material_share, Range{0, 10},
      Doc{"share of size × poverty line",
          "cause accounting: the largest loss or expense of the last 12 months is a household's "
          "main cause only if at least this large, else chronic low income",
          "致贫原因核算：近 12 "
          "个月最大一笔损失或支出至少达到此规模才算作主要致贫原因，否则为长期低收入"});
  v.section("starting_caseload", p.starting_caseload,
            "the monitored stock on the first month (phases/starting_caseload.hpp)",
            "首月的监测对象存量（phases/starting_caseload.hpp）");
  v.section("sudden", p.sudden, "突发严重困难户 from every shock (支出骤增/收入骤减)",
            "各类冲击造成的突发严重困难户（支出骤增/收入骤减）");
  v.section("measurement", p.measurement, "error of the surveyed income", "调查收入的误差");
  v.section("procedure", p.procedure, "identification procedure and its capacity",
            "识别认定程序及其能力");
}

template <class V>
void describe(V& v, EmploymentProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget, per household of the region",
              "项目预算，按本地区每户计"});
  v.field("cost_per_placement", p.cost_per_placement, kYuan,
          Doc{"yuan", "cost of one placement", "安置一人的成本"});
  v.field("annual_wage", p.annual_wage, kYuan,
          Doc{"yuan/year", "migrant wage of a transfer placement (点对点 transfer employment)",
              "转移就业安置的外出务工工资（点对点劳务输出）"});
  v.field("transfer", p.transfer,
          Doc{"bool", "place into migrant work when no local enterprise vacancy is open",
              "本地企业无空岗时安排外出务工"});
}
template <class V>
void describe(V& v, TrainingProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget (雨露计划, skills)",
              "项目预算（雨露计划、技能培训）"});
  v.field("cost_per_trainee", p.cost_per_trainee, kYuan,
          Doc{"yuan", "cost of one trainee", "培训一人的成本"});
  v.field("conversion_rate", p.conversion_rate, kShare,
          Doc{"share", "trainees whose earnings rise (seed 001: ≥ 60%)",
              "培训后收入提高的学员比例（种子 001：≥ 60%）"});
  v.field("wage_gain_share", p.wage_gain_share, Range{0, 5},
          Doc{"share", "rise of wage capacity of a converted trainee",
              "培训见效学员工资能力的提高幅度"});
}
template <class V>
void describe(V& v, ProjectDiseaseParams& p) {
  v.field("annual_probability", p.annual_probability, kShare,
          Doc{"per project-year", "probability of an outbreak (disease, pests)",
              "发生疫病（疾病、虫害）的概率"});
  v.field("loss_share", p.loss_share, kShare,
          Doc{"share", "of the stock an outbreak kills", "一次疫病造成的存栏损失比例"});
}
template <class V>
void describe(V& v, ProjectKindParams& p) {
  v.field("share", p.share, kShare,
          Doc{"weight", "weight of this kind when a household's project is chosen",
              "为农户选择项目时此类项目的权重"});
  v.field("strong_labour_only", p.strong_labour_only,
          Doc{"bool", "only households with strong labour run this kind",
              "仅有劳动能力户经营此类项目"});
  v.field("cost", p.cost, kYuan,
          Doc{"yuan", "investment per project, from the industry account",
              "每个项目的投资，由产业资金账户支付"});
  v.field("units", p.units, Range{0, 1e6},
          Doc{"units", "stock bought (head, birds, mu, plots)", "购入的存量（头、只、亩、块）"});
  v.field("lag_months", p.lag_months, Range{0, 60},
          Doc{"months", "from purchase to the first income", "从购入到首次产生收入的月数"});
  v.field("income_per_unit", p.income_per_unit, kYuan,
          Doc{"yuan/unit/year", "net income per unit of stock at a price factor of 1",
              "价格系数为 1 时每单位存量的纯收入"});
  v.field("season_start", p.season_start, Range{1, 12},
          Doc{"calendar month", "first month of the income season", "收入季的第一个月"});
  v.field("season_months", p.season_months, Range{1, 12},
          Doc{"months", "length of the season; the year's income is spread evenly over it",
              "收入季长度；全年收入在其中平均分摊"});
  v.field("growth", p.growth, Range{-1, 10},
          Doc{"per year", "net growth of the stock (births less the offtake kept), monthly steps",
              "存栏净增长率（繁殖减去出栏），按月计算"});
  v.field("max_units", p.max_units, Range{0, 1e6},
          Doc{"units", "the stock grows to this at most", "存量增长的上限"});
  v.constraint("max_units", p.max_units >= p.units, "max_units must be at least units");
  v.field("price_elasticity", p.price_elasticity, Range{0, 5},
          Doc{"1", "income × the region's farm-gate price factor to this power",
              "收入 × 本地区农产品价格系数的此次幂"});
  v.field("disaster_exposed", p.disaster_exposed,
          Doc{"bool", "a household hit by a region-wide disaster loses its loss_share of it",
              "遭受全地区灾害的农户按 loss_share 损失此项目"});
  v.section("disease", p.disease, "outbreaks that kill part of the stock",
            "造成部分存栏死亡的疫病");
  v.field(
      "failure_hazard", p.failure_hazard, kShare,
      Doc{"per year", "probability the project stops producing for good", "项目永久停产的概率"});
}
template <class V>
void describe(V& v, IndustryProjectParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool",
              "industry money buys projects that produce income (产业项目到户); off: the "
              "one-off annual_income_gain",
              "产业资金购买能产生收入的项目（产业项目到户）；关闭时：一次性 annual_income_gain"});
  v.section("livestock", p.livestock, "牛羊 livestock (seed 000: 9 扶贫羊 → 200+)",
            "牛羊养殖（种子 000：9 只扶贫羊 → 200+）");
  v.section("poultry", p.poultry, "家禽 poultry (seed 002: 和静)", "家禽养殖（种子 002：和静）");
  v.section("courtyard", p.courtyard, "庭院经济 courtyard economy (seed 002: 博湖)",
            "庭院经济（种子 002：博湖）");
  v.section("cash_crops", p.cash_crops, "特色种植 cash crops and orchards (seed 002, seed 004)",
            "特色种植与果园（种子 002、种子 004）");
  v.constraint("enabled",
               !p.enabled ||
                   p.livestock.share + p.poultry.share + p.courtyard.share + p.cash_crops.share > 0,
               "with projects enabled, at least one kind needs a share above 0");
}
template <class V>
void describe(V& v, IndustryProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget (产业帮扶)", "项目预算（产业帮扶）"});
  v.field("cost_per_household", p.cost_per_household, kYuan,
          Doc{"yuan", "cost per household (projects off)", "每户成本（不启用项目时）"});
  v.field(
      "annual_income_gain", p.annual_income_gain, kYuan,
      Doc{"yuan/year", "operating income added, projects off (e.g. starter livestock, seed 000)",
          "不启用项目时增加的经营性收入（如发放种畜，种子 000）"});
  v.section("projects", p.projects, "industry projects bought for households",
            "为农户购买的产业项目");
}
template <class V>
void describe(V& v, PublicJobProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "programme budget (公益性岗位 wages)",
              "项目预算（公益性岗位工资）"});
  v.field("monthly_wage", p.monthly_wage, kYuan,
          Doc{"yuan/month", "wage of one post", "一个岗位的工资"});
  v.field("term_months", p.term_months, Range{1, 60},
          Doc{"months", "length of one post", "一个岗位的期限"});
}
template <class V>
void describe(V& v, SocialAssistanceProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "兜底 fast track: 低保 for monitored no-labour households",
              "兜底快速通道：为无劳动能力监测户办理低保"});
}
template <class V>
void describe(V& v, MedicalAssistanceProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "medical assistance budget (third layer of 三重保障)",
              "医疗救助预算（三重保障第三道）"});
  v.field(
      "assistance_share", p.assistance_share, kShare,
      Doc{"share", "of the cost left after insurance, for monitored, 低保 and lifted households",
          "监测户、低保户和脱贫户经保险报销后剩余费用的救助比例"});
  v.field("out_of_pocket_cap", p.out_of_pocket_cap, kYuan,
          Doc{"yuan/event", "out-of-pocket cost left to such households at most; 0 = no cap",
              "此类农户自付费用的上限；0 = 不封顶"});
}
template <class V>
void describe(V& v, RiskReliefProgramme& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "防返贫风险救助基金 (seed 002: 200万 per county)",
              "防返贫风险救助基金（种子 002：每县 200 万）"});
  v.field("max_payout", p.max_payout, kYuan,
          Doc{"yuan", "largest payout to one household", "对一户的最高救助额"});
}

template <class V>
void describe(V& v, AssistanceParams& p) {
  v.field("take_up", p.take_up, kShare,
          Doc{"probability", "an offer is taken up, at full motivation",
              "内生动力充分时接受帮扶措施的概率"});
  v.section("employment", p.employment, "employment placement (strong labour)",
            "就业安置（有劳动能力）");
  v.section("training", p.training, "training (strong labour)", "培训（有劳动能力）");
  v.section("industry", p.industry, "industry support (labour households)",
            "产业帮扶（有劳动力的农户）");
  v.section("public_jobs", p.public_jobs, "公益性岗位 (weak labour)", "公益性岗位（弱劳动能力）");
  v.section("social_assistance", p.social_assistance, "兜底 (no labour)", "兜底保障（无劳动能力）");
  v.section("medical", p.medical, "medical assistance", "医疗救助");
  v.section("risk_relief", p.risk_relief, "risk-relief fund payouts (sudden hardship)",
            "风险救助基金救助（突发严重困难）");
}

template <class V>
void describe(V& v, EnterpriseKindParams& p) {
  v.field("per_10000_households", p.per_10000_households, Range{0, 10000},
          Doc{"per 10,000 households", "enterprises of this kind at the start", "期初此类企业数"});
  v.field("jobs", p.jobs, Range{0, 1e5},
          Doc{"jobs", "job slots per enterprise", "每家企业的岗位数"});
  v.field("initial_fill", p.initial_fill, kShare,
          Doc{"share", "slots filled at the start", "期初已填补的岗位比例"});
  v.field("monthly_wage", p.monthly_wage, kYuan,
          Doc{"yuan/month", "wage of one job", "一个岗位的工资"});
  v.field("contract_households", p.contract_households, Range{0, 1e6},
          Doc{"households", "contract-farming (订单收购) households per enterprise",
              "每家企业的订单收购农户数"});
  v.field("contract_premium", p.contract_premium, Range{0, 5},
          Doc{"share", "contract price over the market price: raises operating income",
              "订单价格高于市场价格的幅度：提高经营性收入"});
  v.field("lease_households", p.lease_households, Range{0, 1e6},
          Doc{"households", "households leasing land to the enterprise (土地流转)",
              "向企业流转土地的农户数（土地流转）"});
  v.field("annual_rent", p.annual_rent, kYuan,
          Doc{"yuan/household/year", "land rent", "土地流转租金"});
  v.field("equity_households", p.equity_households, Range{0, 1e6},
          Doc{"households", "households holding quantified shares (折股量化)",
              "持有折股量化股份的农户数（折股量化）"});
  v.field("share_value", p.share_value, kYuan,
          Doc{"yuan/household", "value of those shares", "所持股份的价值"});
  v.field("dividend_rate", p.dividend_rate, kShare,
          Doc{"per year", "dividend on the share value while the enterprise lives",
              "企业存续期间按股份价值计的分红率"});
  v.field(
      "members", p.members, Range{0, 1e6},
      Doc{"households", "cooperative member households per enterprise", "每家合作社的成员户数"});
  v.field("member_income", p.member_income, kYuan,
          Doc{"yuan/household/year", "operating income a member gains (services, prices)",
              "成员户增加的经营性收入（服务、价格）"});
  v.field("failure_hazard", p.failure_hazard, kShare,
          Doc{"per year", "probability an enterprise fails (all its links end)",
              "企业倒闭（其全部联结终止）的概率"});
  v.field("entry_rate", p.entry_rate, Range{0, 10},
          Doc{"per year", "new enterprises each January per enterprise at the start",
              "每年 1 月按期初每家企业计的新进入企业数"});
  v.field(
      "revenue_sd", p.revenue_sd, Range{0, 2},
      Doc{"log, per year", "sector price swing drawn each January", "每年 1 月抽取的行业价格波动"});
  v.field(
      "priority_share", p.priority_share, kShare,
      Doc{"share",
          "of its links (jobs, contracts, leases, shares, members) drawn among 脱贫户 and "
          "monitored households first (利益联结)",
          "其联结（岗位、订单、流转、股份、成员）优先从脱贫户和监测户中抽取的比例（利益联结）"});
}

template <class V>
void describe(V& v, EnterpriseSubsidyParams& p) {
  v.field("budget_per_household", p.budget_per_household, kYuan,
          Doc{"yuan/year per household", "enterprise subsidy budget (奖补), per household",
              "企业奖补预算，按每户计"});
  v.field("per_enterprise", p.per_enterprise, kYuan,
          Doc{"yuan/year", "subsidy to one enterprise, in enterprise order while it lasts",
              "对一家企业的奖补，按企业顺序发放直至用完"});
  v.field("failure_multiplier", p.failure_multiplier, Range{0, 1},
          Doc{"ratio", "failure hazard of a subsidised enterprise relative to others",
              "获奖补企业的倒闭风险与其他企业之比"});
}

template <class V>
void describe(V& v, EnterpriseParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool", "enterprises and their links are simulated", "模拟企业及其与农户的联结"});
  v.field("revenue_persistence", p.revenue_persistence, Range{0, 0.99},
          Doc{"ratio", "AR(1) coefficient of an enterprise's log revenue from one year to the next",
              "企业对数营业收入逐年的 AR(1) 系数"});
  v.field("idiosyncratic_revenue_sd", p.idiosyncratic_revenue_sd, Range{0, 2},
          Doc{"log", "yearly shock to one enterprise's revenue (beside its sector's)",
              "单个企业营业收入的年度冲击（行业冲击之外）"});
  v.field("price_elasticity", p.price_elasticity, Range{0, 5},
          Doc{"ratio", "log revenue per log of the region's farm-gate price swing",
              "对数营业收入对本地区农产品价格波动对数的弹性"});
  v.field("dividend_revenue_elasticity", p.dividend_revenue_elasticity, Range{0, 3},
          Doc{"ratio", "dividends × revenue^e: 0 = fixed (保底) dividends, 1 = proportional",
              "分红 × 营业收入^e：0 = 固定（保底）分红，1 = 按比例"});
  v.field("hazard_elasticity", p.hazard_elasticity, Range{0, 20},
          Doc{"1", "failure hazard × exp(−elasticity × the sector's log revenue shock)",
              "倒闭风险 × exp(−弹性 × 行业对数营业收入冲击)"});
  v.field("layoff_elasticity", p.layoff_elasticity, Range{0, 10},
          Doc{"1",
              "each January job slots × min(1, exp(elasticity × log revenue)): lay-offs when "
              "revenue falls (the last hired go first)",
              "每年 1 月岗位数 × min(1, exp(弹性 × "
              "对数营业收入))：营业收入下降时裁员（后雇用者先裁）"});
  v.field("wage_revenue_elasticity", p.wage_revenue_elasticity, Range{0, 10},
          Doc{"1",
              "each January an enterprise job's wage × min(1, exp(elasticity × log revenue)): "
              "wage cuts when revenue falls (the kind's monthly_wage is the most it pays)",
              "每年 1 月企业岗位工资 × min(1, exp(弹性 × 对数营业收入))：营收下降时降薪"
              "（该类企业的 monthly_wage 为上限）"});
  v.field("job_replaces_own_wage", p.job_replaces_own_wage, kShare,
          Doc{"share", "of the hired worker's own local wage that an enterprise job replaces",
              "企业岗位替代受雇劳动力原有本地工资的比例"});
  v.field("lease_replaces_operating", p.lease_replaces_operating, kShare,
          Doc{"share", "of a leasing household's operating income that the leased land produced",
              "流转农户经营性收入中来自所流转土地的比例"});
  v.field("contract_price_floor", p.contract_price_floor, Range{0, 2},
          Doc{"ratio",
              "contract-farming households sell at no less than this farm-gate price factor "
              "(保底收购; 0: no guarantee)",
              "订单农户的出售价格不低于此农产品价格系数（保底收购；0：不保底）"});
  v.section("leading", p.leading, "龙头企业 leading enterprises", "龙头企业");
  v.section("cooperative", p.cooperative, "合作社 cooperatives", "合作社");
  v.section("workshop", p.workshop, "就业帮扶车间 employment workshops", "就业帮扶车间");
  v.section("park_factory", p.park_factory, "industrial-park factories", "产业园区工厂");
  v.section("tourism", p.tourism, "rural tourism enterprises", "乡村旅游企业");
  v.section("subsidy", p.subsidy, "subsidies to enterprises (plain budget)",
            "对企业的奖补（单列预算）");
}

template <class V>
void describe(V& v, TransportSubsidyParams& p) {
  v.field("amount", p.amount, Range{0, 5000},
          Doc{"yuan", "paid once per lifted worker per job found",
              "每名脱贫劳动力每次就业一次性发放的金额"});
  v.field("budget_per_household", p.budget_per_household, Range{0, 1000},
          Doc{"yuan/year", "per household of the region; unspent money lapses",
              "预算，按本地区每户计；未用完的资金不结转"});
  v.field("finding_rate_gain", p.finding_rate_gain, Range{0, 5},
          Doc{"ratio", "lifted workers' migrant job finding × (1 + gain) while the budget lasts",
              "预算未用完时脱贫劳动力外出就业率 × (1 + 增幅)"});
}

template <class V>
void describe(V& v, LabourMarketParams& p) {
  v.field("priority_monitored_lifted", p.priority_monitored_lifted,
          Doc{"bool", "local vacancies go first to monitored and lifted households",
              "本地空岗优先安排监测户和脱贫户"});
  v.field("candidates_per_vacancy", p.candidates_per_vacancy, Range{1, 64},
          Doc{"households", "drawn per vacancy once the job seekers are placed",
              "求职者安置后每个空岗抽取的候选户数"});
  v.field("migrant_demand", p.migrant_demand, Range{0, 1},
          Doc{"ratio", "migrant labour demand: finding × d, keeping a job × d (lockdown < 1)",
              "外出务工需求：就业率 × d，保岗率 × d（封控时 < 1）"});
  v.section("transport_subsidy", p.transport_subsidy,
            "one-off transport subsidy for lifted migrant workers (点对点, seed 004)",
            "脱贫外出务工人员一次性交通补助（点对点，种子 004）");
}

inline constexpr Range kFundYuan{0.0, 1e12};

template <class V>
void describe(V& v, FundSourceParams& p) {
  v.field("yuan", p.yuan, kFundYuan,
          Doc{"yuan/year", "amount for the region, by year", "本地区资金额（分年）"});
  v.field("per_household", p.per_household, kYuan,
          Doc{"yuan/year per household", "amount per household of the region, by year (added)",
              "按本地区每户计的资金额（分年，累加）"});
}

template <class V>
void describe(V& v, FundSources& p) {
  v.section("central", p.central, "中央财政衔接推进乡村振兴补助资金 (seed 000)",
            "中央财政衔接推进乡村振兴补助资金（种子 000）");
  v.section("provincial", p.provincial, "provincial funds", "省级资金");
  v.section("county", p.county, "prefecture and county funds", "市县资金");
  v.section("paired", p.paired, "援疆 / 东西部协作 paired assistance (seed 003)",
            "援疆/东西部协作对口帮扶资金（种子 003）");
  v.section("donations", p.donations, "enterprise and social donations (万企兴万村, 消费帮扶)",
            "企业和社会捐赠（万企兴万村、消费帮扶）");
}

template <class V>
void describe(V& v, FundAccountRule& p) {
  v.field("share", p.share, kShare,
          Doc{"share", "of the year's sources left after every account's fixed amount",
              "扣除各账户固定额后当年资金来源的分配比例"});
  v.field(
      "fixed", p.fixed, kFundYuan,
      Doc{"yuan/year", "taken first from the year's sources", "从当年资金来源中优先提取的金额"});
  v.field("fixed_per_household", p.fixed_per_household, kYuan,
          Doc{"yuan/year per household", "added to `fixed`, per household of the region",
              "按本地区每户计，加到 `fixed` 上"});
  v.field("min_share_of_central", p.min_share_of_central, kShare,
          Doc{"share", "the allocation must reach this share of central funds (else an error)",
              "分配须达到中央资金的此比例（否则报错）"});
  v.field("carry_over", p.carry_over,
          Doc{"bool", "an unspent balance is carried into next year (false: it lapses)",
              "未用完的余额结转下一年（false：不结转）"});
}

template <class V>
void describe(V& v, FundAccountRules& p) {
  v.section("industry", p.industry, "产业: household industry support and enterprise subsidies",
            "产业：到户产业帮扶和企业奖补");
  v.section("employment", p.employment, "就业: placement services", "就业：就业安置服务");
  v.section("infrastructure", p.infrastructure, "基础设施: works paid to contractors (an outlay)",
            "基础设施：支付给施工方的工程款（支出）");
  v.section("risk_relief", p.risk_relief, "防返贫风险救助基金 payouts", "防返贫风险救助基金支出");
  v.section("public_jobs", p.public_jobs, "公益性岗位 wages", "公益性岗位工资");
  v.section("training", p.training, "雨露计划 and skills training", "雨露计划和技能培训");
  v.section("medical", p.medical, "medical assistance (third layer of 三重保障)",
            "医疗救助（三重保障第三道）");
  v.section("dibao", p.dibao, "兜底 fast track for monitored no-labour households",
            "无劳动能力监测户兜底快速通道");
  v.section("microcredit_subsidy", p.microcredit_subsidy, "小额信贷 interest subsidy (贴息)",
            "小额信贷贴息");
  v.section("consumption", p.consumption, "消费帮扶 purchases from linked households",
            "向联结农户的消费帮扶采购");
  v.section("risk_compensation", p.risk_compensation, "小额信贷 risk compensation fund",
            "小额信贷风险补偿金");
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
  v.field("enabled", p.enabled, Doc{"bool", "小额信贷 loans are made", "发放小额信贷"});
  v.field("new_loans_per_1000_households", p.new_loans_per_1000_households, Range{0, 1000},
          Doc{"per 1,000 households per year",
              "loans made each January to eligible households (seed 004: 沁县)",
              "每年 1 月向符合条件农户发放的贷款笔数（种子 004：沁县）"});
  v.field("loan", p.loan, kYuan,
          Doc{"yuan", "amount of one loan (seed 004: ≤ 5万)", "一笔贷款的金额（种子 004：≤ 5万）"});
  v.field("term_months", p.term_months, Range{1, 120},
          Doc{"months", "repaid at term end", "到期一次还本"});
  v.field("interest_rate", p.interest_rate, Range{0, 1},
          Doc{"per year", "loan interest", "贷款利率"});
  v.field("interest_subsidy_share", p.interest_subsidy_share, kShare,
          Doc{"share", "of the interest paid by the microcredit_subsidy account (贴息)",
              "由 microcredit_subsidy 账户承担的利息比例（贴息）"});
  v.field("return_rate", p.return_rate, Range{0, 5},
          Doc{"per year", "operating income per yuan invested in household industry",
              "投入家庭产业的每元资金产生的经营性收入"});
  v.field("default_probability", p.default_probability, kShare,
          Doc{"per year",
              "a borrower's investment fails (the loan falls into arrears, 逾期), in a year "
              "without shocks",
              "无冲击年份借款人投资失败（贷款逾期）的概率"});
  v.field("shock_default_multiplier", p.shock_default_multiplier, Range{1, 1000},
          Doc{"ratio",
              "on the failure probability in a year with an illness bill, a lost link "
              "or a disaster",
              "发生医疗费用、失去联结或灾害的年份投资失败概率的倍数"});
  v.field("compensation_share", p.compensation_share, kShare,
          Doc{"share", "of a defaulted principal paid to the bank by the risk compensation fund",
              "风险补偿金向银行代偿违约本金的比例"});
  v.field(
      "arrears_repayment_share", p.arrears_repayment_share, kShare,
      Doc{"share", "of the household's net income of a month repaid on a loan in arrears (0: none)",
          "逾期贷款每月以家庭纯收入偿还的比例（0：不偿还）"});
  v.field("arrears_max_months", p.arrears_max_months, Range{0, 120},
          Doc{"months", "months in arrears before the loan is written off (a default; 0: at once)",
              "贷款逾期多少个月后核销（视为违约；0：立即）"});
  v.field("extension_months", p.extension_months, Range{0, 60},
          Doc{"months",
              "展期/续贷: a loan whose investment fails gets this many months of grace, once, "
              "before arrears repayment starts (0: none)",
              "展期/续贷：投资失败的贷款在开始偿还逾期前获得一次此月数的宽限期（0：无）"});
  v.field("leverage", p.leverage, Range{0, 100},
          Doc{"ratio",
              "banks lend up to this multiple of the risk compensation fund's balance (funds on; "
              "0: no limit)",
              "银行放贷上限为风险补偿金余额的此倍数（启用资金规则时；0：不设限）"});
}

template <class V>
void describe(V& v, FundParams& p) {
  v.field("enabled", p.enabled,
          Doc{"bool",
              "the fund rules below appropriate the money (false: the programme "
              "budgets, budget_per_household, are the one source)",
              "由以下资金规则拨付资金（false：各项目预算 budget_per_household 为唯一来源）"});
  v.section("sources", p.sources, "where the money comes from, per region and year",
            "资金来源（分地区、分年）");
  v.section("accounts", p.accounts, "allocation rules into programme accounts",
            "向各项目账户分配的规则");
  v.field("enterprise_share_of_industry", p.enterprise_share_of_industry, kShare,
          Doc{"share", "of the industry account's January balance offered as enterprise subsidies",
              "产业账户 1 月余额中用作企业奖补的比例"});
  v.field("enterprise_extra_jobs", p.enterprise_extra_jobs, Range{0, 1e4},
          Doc{"jobs", "job slots a subsidised enterprise adds for the year",
              "获奖补企业当年新增的岗位数"});
  v.field("consumption_per_household", p.consumption_per_household, kYuan,
          Doc{"yuan/year", "消费帮扶: extra sales bought from each contract-farming household",
              "消费帮扶：向每户订单农户额外采购的金额"});
  v.section("microcredit", p.microcredit, "小额信贷 (seed 004)", "小额信贷（种子 004）");
}

template <class V>
void describe(V& v, RegionParams& p) {
  v.section("population", p.population, "synthetic population (set once at the start)",
            "合成人口（期初一次设定）");
  v.section("demography", p.demography, "births, deaths and life stages (each January)",
            "出生、死亡与生命阶段（每年 1 月）");
  v.section("economy", p.economy, "income processes", "收入过程");
  v.section("shocks", p.shocks, "idiosyncratic and covariate shocks", "个体冲击和共同冲击");
  v.section("transfers", p.transfers, "basic transfers", "基本转移支付");
  v.section("lines", p.lines, "poverty and monitoring lines", "贫困线与监测线");
  v.section("monitoring", p.monitoring, "防返贫动态监测", "防返贫动态监测");
  v.section("assistance", p.assistance, "帮扶 programmes", "帮扶措施");
  v.section("enterprises", p.enterprises, "enterprises and their links to households",
            "企业及其与农户的联结");
  v.section("labour", p.labour, "labour market", "劳动力市场");
  v.section("funds", p.funds, "fund sources, allocation rules and the ledger's accounts",
            "资金来源、分配规则和台账账户");
}

template <class V>
void describe(V& v, OutputParams& p) {
  v.field("per_region", p.per_region,
          Doc{"bool", "write every region as well as `all`", "除 `all` 外逐个输出每个地区"});
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
  v.field("fit", p.fit,
          Doc{"", "the fit's id: 12 hex digits of the calibration's fingerprint",
              "拟合编号：校准指纹的 12 位十六进制数字"});
  v.field("spec", p.spec, Doc{"", "the calibration file", "校准文件"});
  v.field("objective", p.objective, Range{0, 1e300},
          Doc{"1", "the fit's objective", "拟合的目标函数值"});
  v.field("engine", p.engine, Doc{"", "engine version that fitted it", "拟合所用的引擎版本"});
  v.constraint("fit", is_fit_id(p.fit),
               "expected 12 lowercase hex digits (the first of the calibration's fingerprint), "
               "found \"" +
                   p.fit + "\"");
  v.constraint("spec", !p.spec.empty(), "expected the calibration file's name, found \"\"");
}

}  // namespace povsim
