#include "phases/metrics.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>

#include "core/block_reduce.hpp"

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
       "operating income net of production costs over total persons"},
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
  }};
  return table;
}

namespace {

struct YearTally {
  double people = 0, people_lifted = 0, people_general = 0;
  double poor_lifted = 0, poor_general = 0, at_risk = 0;
  double net = 0, net_lifted = 0;
  double dibao_households = 0;
  void add(const YearTally& o) {
    people += o.people;
    people_lifted += o.people_lifted;
    people_general += o.people_general;
    poor_lifted += o.poor_lifted;
    poor_general += o.poor_general;
    at_risk += o.at_risk;
    net += o.net;
    net_lifted += o.net_lifted;
    dibao_households += o.dibao_households;
  }
};

double quantile(std::vector<float>& v, double q) {
  if (v.empty()) return 0;
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(pos);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
  const double a = v[lo];
  if (lo + 1 >= v.size()) return a;
  const double b = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
  return a + (pos - static_cast<double>(lo)) * (b - a);
}

void fill(MetricValues& m, double households, const YearTally& t, const YearFlows& f,
          std::vector<float>& per_capita) {
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
  set(Metric::kIncomePerCapitaP10, quantile(per_capita, 0.10));
  set(Metric::kIncomePerCapitaP50, quantile(per_capita, 0.50));
  set(Metric::kIncomePerCapitaP90, quantile(per_capita, 0.90));
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
}

}  // namespace

std::vector<MetricValues> close_year(Households& hh, const std::vector<RegionMonth>& regions,
                                     const std::vector<YearFlows>& flows, int year) {
  const std::size_t n_regions = regions.size();
  std::vector<MetricValues> out(n_regions + 1);
  std::vector<float> per_capita(hh.n());
  YearTally all_tally;
  YearFlows all_flows;
  for (std::size_t r = 0; r < n_regions; ++r) {
    const LineParams& lines = regions[r].params->lines;
    const double poverty_line = at_year(lines.poverty, year);
    const double monitoring_line = at_year(lines.monitoring, year);
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
          t.people_lifted += size;
          t.net_lifted += hh.ytd_net[i];
          if (pc < poverty_line) t.poor_lifted += size;
        } else {
          t.people_general += size;
          if (pc < poverty_line) t.poor_general += size;
        }
        if (pc < monitoring_line) t.at_risk += size;
        if (hh.flags[i] & hh_flag::kDibao) t.dibao_households += 1;
        hh.ytd_net[i] = 0;
      }
      return t;
    });
    std::vector<float> region_pc(per_capita.begin() + static_cast<std::ptrdiff_t>(begin),
                                 per_capita.begin() + static_cast<std::ptrdiff_t>(end));
    fill(out[r], static_cast<double>(end - begin), tally, flows[r], region_pc);
    all_tally.add(tally);
    all_flows.income.add(flows[r].income);
    all_flows.disasters += flows[r].disasters;
    all_flows.months = flows[r].months;
  }
  fill(out[n_regions], static_cast<double>(hh.n()), all_tally, all_flows, per_capita);
  return out;
}

}  // namespace povsim
