// No inert lever: every region-level key that docs/parameters.md marks as a policy lever
// (scenario/levers.hpp) is doubled, or halved, on a small scenario in which every mechanism runs
// (tests/data/levers.yaml; the `funds` keys on tests/data/levers-funds.yaml, with the ledger on),
// and some household outcome must move: a poverty or risk rate, an income, the monitored
// caseload or 低保 enrolment, in some year. Every key that is not a lever is listed below with the
// reason it is descriptive, so a new key must be classified one way or the other.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "phases/metrics.hpp"
#include "scenario/levers.hpp"
#include "scenario/scenario_loader.hpp"
#include "scenario/schema_table.hpp"
#include "sim/runner.hpp"

namespace povsim {
namespace {

const std::string kBase = std::string(POVSIM_SOURCE_DIR) + "/tests/data/levers.yaml";
const std::string kFundsBase = std::string(POVSIM_SOURCE_DIR) + "/tests/data/levers-funds.yaml";
constexpr double kScale = 1.0;  // 2,000 households in two regions, two replications

struct Descriptive {
  const char* pattern;  // `*` stands for one path segment
  const char* reason;
};

// Keys that describe the place, its people, the economy or an assumed effect, not a planner's
// choice: moving them is a different world, not a different policy.
const std::vector<Descriptive> kDescriptive = {
    {"population.*", "the synthetic population, drawn once from the place's figures"},
    {"population.*.*", "the synthetic population, drawn once from the place's figures"},
    {"demography.*", "births, deaths and life stages: rates of the place's population, not policy"},
    {"economy.*", "the place's income processes (2020 figures, growth, noise)"},
    {"economy.*.*", "the place's income sources"},
    {"shocks.*", "hazards and costs of shocks, a property of the place"},
    {"shocks.*.*", "hazards and costs of shocks, a property of the place"},
    {"shocks.*.*.*", "the cost distribution of a shock"},
    {"transfers.dibao.take_up", "behaviour, and read only under need_based: false"},
    {"transfers.dibao.application_gap_scale", "households' behaviour: who applies for 低保"},
    {"transfers.dibao.priority_application", "households' behaviour: who applies for 低保"},
    {"transfers.tekun.max_household_size",
     "a proxy for supporters (the model has no kin ties), not a policy setting"},
    {"lines.poverty", "the yardstick the outcomes are measured against, not a policy"},
    {"monitoring.self_report_probability", "households' behaviour (农户自主申报)"},
    {"monitoring.grid.detection_probability", "an assumed effect: how often a visit sees risk"},
    {"monitoring.department.detection_probability", "an assumed effect of department data"},
    {"monitoring.social_probability", "society's behaviour (社会信息补充)"},
    {"monitoring.insecure_guarantees_share", "the place's 三保障 gaps at the start"},
    {"monitoring.pairing.detection_probability", "an assumed effect of a paired cadre"},
    {"monitoring.pairing.take_up_bonus", "an assumed effect of a paired cadre"},
    {"monitoring.motivation.mean", "the households' 内生动力, a trait"},
    {"monitoring.motivation.sd", "the households' 内生动力, a trait"},
    {"monitoring.cause_material_share", "cause accounting only: it labels, it does not act"},
    {"monitoring.starting_caseload.*", "history: the stock the pre-2021 system left"},
    {"monitoring.measurement.*", "survey error, a property of the measurement"},
    {"assistance.take_up", "households' behaviour: taking up an offer"},
    {"assistance.industry.projects.*.lag_months",
     "the kind's biology or agronomy: months to yield"},
    {"assistance.industry.projects.*.income_per_unit", "the kind's market: income a unit earns"},
    {"assistance.industry.projects.*.season_*", "the kind's calendar: when it yields"},
    {"assistance.industry.projects.*.growth", "the kind's biology: herd or flock growth"},
    {"assistance.industry.projects.*.max_units", "the household's capacity for the kind"},
    {"assistance.industry.projects.*.price_elasticity", "the kind's market: exposure to prices"},
    {"assistance.industry.projects.*.disaster_exposed", "the kind's exposure to disasters"},
    {"assistance.industry.projects.*.failure_hazard", "the kind's risk of failing"},
    {"assistance.industry.projects.*.disease.*", "the kind's disease risk"},
    {"enterprises.enabled", "a model switch: whether the place has enterprises at all"},
    {"enterprises.revenue_persistence", "enterprises' revenue process, a market property"},
    {"enterprises.idiosyncratic_revenue_sd", "enterprises' revenue process, a market property"},
    {"enterprises.price_elasticity", "enterprises' revenue process, a market property"},
    {"enterprises.dividend_revenue_elasticity", "how revenue reaches dividends, by contract"},
    {"enterprises.hazard_elasticity", "enterprises' failure process, a market property"},
    {"enterprises.layoff_elasticity", "how jobs follow revenue, a market property"},
    {"enterprises.wage_revenue_elasticity", "how wages follow revenue, a market property"},
    {"enterprises.job_replaces_own_wage", "how much own wage a job takes, a property"},
    {"enterprises.lease_replaces_operating", "how much farm income leased land made"},
    {"enterprises.*.per_10000_households", "the place's enterprises (seed counts)"},
    {"enterprises.*.jobs", "the place's enterprises (seed counts)"},
    {"enterprises.*.initial_fill", "the place's enterprises at the start"},
    {"enterprises.*.monthly_wage", "the market wage of an enterprise job"},
    {"enterprises.*.failure_hazard", "enterprises' failure process, a market property"},
    {"enterprises.*.entry_rate", "enterprises' entry, a market property"},
    {"enterprises.*.revenue_sd", "the sector's price swing, a market property"},
    {"enterprises.subsidy.failure_multiplier", "an assumed effect of a subsidy"},
    {"labour.candidates_per_vacancy", "how the local labour market matches, not a policy"},
    {"labour.migrant_demand", "a shock to migrant labour demand (lockdown), not a policy"},
    {"labour.transport_subsidy.finding_rate_gain", "an assumed effect of the subsidy"},
    {"funds.accounts.*.min_share_of_central",
     "a check on the rules: a value the allocation misses is an error, else nothing changes"},
    {"funds.microcredit.interest_rate", "the market rate of the loan (LPR)"},
    {"funds.microcredit.return_rate", "an assumed effect: the investment's return"},
    {"funds.microcredit.default_probability", "borrowers' behaviour"},
    {"funds.microcredit.shock_default_multiplier", "borrowers' behaviour in a shock year"},
    {"funds.microcredit.arrears_*", "how much a borrower in arrears repays, and how long"},
};

// Levers whose effect needs a state the model never reaches: an account's carry-over acts only
// when a year leaves a balance and a later year falls short. Infrastructure money is paid to
// contractors in the month it is allocated (no balance is ever left), and 消费帮扶 buys a fixed
// amount from each contract-farming household, so its account is either short every year or
// never. Kept as levers (a planner sets them), listed here with the reason.
const std::vector<Descriptive> kStateDependent = {
    {"funds.accounts.infrastructure.carry_over", "paid out when allocated: never a balance"},
    {"funds.accounts.consumption.carry_over", "a fixed demand: short every year or never"},
    // 25 cadres per 1,000 households × 2 cases: 5% of households a month. Since identification
    // needs a risk factor the queue stays under that (even halved) unless a mass shock fills it;
    // MonitoringErrorDirection.LowerApprovalCapacityLengthensTheTimeToIdentification shows it act.
    {"monitoring.procedure.cases_per_cadre_per_month",
     "binds only when the queue exceeds the cadres' capacity, which the baseline's never does"},
};

const Descriptive* find(const std::vector<Descriptive>& list, std::string_view path) {
  for (const Descriptive& d : list)
    if (matches_key_pattern(d.pattern, path)) return &d;
  return nullptr;
}
const Descriptive* descriptive(std::string_view path) { return find(kDescriptive, path); }

// Household outcomes: a lever must move one of them in some year.
constexpr Metric kOutcomes[] = {
    Metric::kReturnToPovertyRate, Metric::kNewPovertyRate,      Metric::kPovertyRate,
    Metric::kAtRiskRate,          Metric::kIncomePerCapitaMean, Metric::kIncomePerCapitaMeanLifted,
    Metric::kIncomePerCapitaP10,  Metric::kMonitoredHouseholds, Metric::kNewlyIdentified,
    Metric::kDibaoHouseholds,
};

std::vector<double> outcomes(const RunResult& r) {
  std::vector<double> out;
  for (const auto& rep : r.replications)
    for (const auto& year : rep.values)
      for (Metric m : kOutcomes) out.push_back(year.back()[static_cast<int>(m)]);
  return out;
}

std::optional<RunResult> run(const std::string& file, const std::vector<std::string>& sets,
                             std::string& problem) {
  const std::optional<LoadedScenario> s = try_load_scenario(file, {sets, kScale}, problem);
  if (!s) return std::nullopt;
  RunSettings settings;
  settings.threads = 2;
  return run_scenario(s->params, settings);
}

std::string number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

/// The value `factor` times `row`'s, as --set text, or nothing when it cannot differ.
std::optional<std::string> scaled(const SchemaRow& row, double factor) {
  if (row.type == "bool") return row.value == "true" ? "false" : "true";
  if (row.type == "number") return number(std::stod(row.value) * factor);
  if (row.type == "integer") {
    const long v = std::stol(row.value);
    long w = std::lround(static_cast<double>(v) * factor);
    if (w == v) w = factor > 1 ? v + 1 : v - 1;
    return std::to_string(w);
  }
  if (row.type == "by year") {  // "{2021: 0.1, 2022: 0.09}"
    std::string out = "{";
    std::size_t at = 1;
    while (at < row.value.size() && row.value[at] != '}') {
      const std::size_t colon = row.value.find(':', at);
      std::size_t end = row.value.find_first_of(",}", colon);
      out += row.value.substr(at, colon - at) + ": " +
             number(std::stod(row.value.substr(colon + 1, end - colon - 1)) * factor);
      at = row.value[end] == ',' ? end + 2 : end;
      if (row.value[end] == ',') out += ", ";
    }
    return out + "}";
  }
  return std::nullopt;
}

bool is_zero(const SchemaRow& row) {
  if (row.type == "number" || row.type == "integer") return std::stod(row.value) == 0.0;
  if (row.type == "by year") {
    for (std::size_t at = row.value.find(':'); at != std::string::npos;
         at = row.value.find(':', at + 1))
      if (std::stod(row.value.substr(at + 1)) != 0.0) return false;
    return true;
  }
  return false;
}

/// The --set lines that perturb `row`: doubled, then halved, then ± 10 % for values a constraint
/// holds close (a bool flipped). An account's share
/// gives half of it to infrastructure (an outlay with no household effect), or, for
/// infrastructure, takes as much again from industry: shares must keep their sum.
std::vector<std::vector<std::string>> perturbations(const SchemaRow& row,
                                                    const std::vector<SchemaRow>& all) {
  const std::string& key = row.path;
  if (key.starts_with("funds.accounts.") && key.ends_with(".share")) {
    auto share_of = [&](const std::string& k) {
      for (const SchemaRow& r : all)
        if (r.path == k) return std::stod(r.value);
      return 0.0;
    };
    const double v = std::stod(row.value);
    const bool infra = key == "funds.accounts.infrastructure.share";
    const std::string other =
        infra ? "funds.accounts.industry.share" : "funds.accounts.infrastructure.share";
    const double moved = infra ? std::min(v, share_of(other)) : v / 2;
    const double sign = infra ? 1 : -1;
    return {{key + "=" + number(v + sign * moved),
             other + "=" + number(share_of(other) - sign * moved)}};
  }
  std::vector<std::vector<std::string>> out;
  for (double factor : {2.0, 0.5, 1.1, 0.9}) {
    const std::optional<std::string> v = scaled(row, factor);
    if (v) out.push_back({key + "=" + *v});
    if (row.type == "bool") break;
  }
  return out;
}

/// The one-off industry support (+annual_income_gain for cost_per_household), read only when
/// `assistance.industry.projects.enabled` is false.
bool row_is_one_off(std::string_view path) {
  return path == "assistance.industry.cost_per_household" ||
         path == "assistance.industry.annual_income_gain";
}

std::vector<SchemaRow> rows_of(const std::string& file) {
  LoadedScenario s = load_scenario(file, {{}, kScale});
  RegionParams values = s.params.region(0, 0);
  SchemaTable table;
  describe(table, values);
  return table.rows();
}

TEST(Levers, EveryKeyIsALeverOrDescribedAsDescriptive) {
  for (const SchemaRow& row : rows_of(kBase)) {
    const bool lever = is_policy_lever(row.path);
    const Descriptive* d = descriptive(row.path);
    EXPECT_TRUE(lever || d) << row.path
                            << ": neither a lever (scenario/levers.cpp) nor listed as "
                               "descriptive in this test with its reason";
    EXPECT_FALSE(lever && d) << row.path << ": a lever listed as descriptive (" << d->reason << ")";
  }
}

TEST(Levers, EveryLeverMovesAHouseholdOutcome) {
  const std::vector<SchemaRow> base_rows = rows_of(kBase);
  const std::vector<SchemaRow> funds_rows = rows_of(kFundsBase);
  std::string problem;
  const std::vector<double> base = outcomes(*run(kBase, {}, problem));
  const std::vector<double> funds_base = outcomes(*run(kFundsBase, {}, problem));
  // The one-off industry support acts only when the money does not buy projects.
  const std::vector<std::string> kOneOff = {"assistance.industry.projects.enabled=false"};
  const std::vector<double> one_off_base = outcomes(*run(kBase, kOneOff, problem));
  std::size_t levers = 0;
  for (std::size_t k = 0; k < base_rows.size(); ++k) {
    if (!is_policy_lever(base_rows[k].path)) continue;
    if (const Descriptive* d = find(kStateDependent, base_rows[k].path)) {
      std::cout << base_rows[k].path << ": not perturbed (" << d->reason << ")\n";
      continue;
    }
    ++levers;
    // The funds keys act only with the ledger on; the plain budgets only with it off.
    const bool funds = base_rows[k].path.starts_with("funds.");
    const SchemaRow& row = funds ? funds_rows[k] : base_rows[k];
    const std::string& file = funds ? kFundsBase : kBase;
    const bool one_off = row_is_one_off(base_rows[k].path);
    const std::vector<double>& reference = funds ? funds_base : one_off ? one_off_base : base;
    ASSERT_EQ(row.path, base_rows[k].path);
    if (is_zero(row)) {
      ADD_FAILURE() << row.path << " is 0 in " << file << ": give it a value that lets it act";
      continue;
    }
    bool moved = false, tried = false;
    std::string last_problem;
    for (auto sets : perturbations(row, funds ? funds_rows : base_rows)) {
      if (one_off) sets.insert(sets.end(), kOneOff.begin(), kOneOff.end());
      const std::optional<RunResult> r = run(file, sets, problem);
      if (!r) {
        last_problem = problem;
        continue;
      }
      tried = true;
      if (outcomes(*r) != reference) {
        moved = true;
        break;
      }
    }
    EXPECT_TRUE(tried) << row.path << ": no perturbation was valid: " << last_problem;
    EXPECT_TRUE(!tried || moved) << row.path << " = " << row.value
                                 << ": an inert lever (doubling and halving it moved no "
                                    "household outcome)";
  }
  std::cout << levers << " levers perturbed\n";
  EXPECT_GT(levers, 100u);
}

}  // namespace
}  // namespace povsim
