#include "phases/schedule.hpp"

#include <cmath>

namespace povsim {

double monthly_probability(double annual) {
  if (annual >= 1.0) return 1.0;
  return -std::expm1(std::log1p(-annual) / 12.0);
}

MonthContext month_context(const Params& params, int offset) {
  MonthContext m;
  m.offset = offset;
  m.date = YearMonth::from_index(params.start.index() + offset);
  m.epoch = params.epoch_of(offset);
  return m;
}

std::vector<RegionMonth> schedule_month(const Params& params, const MonthContext& month,
                                        LognormalTables& noise) {
  std::vector<RegionMonth> out(params.regions.size());
  const int year = month.date.year;
  for (std::size_t r = 0; r < out.size(); ++r) {
    const RegionParams& rp = params.region(month.epoch, r);
    RegionMonth& m = out[r];
    m.params = &rp;
    m.region_id = params.regions[r].stable_id;
    // Year Y's growth reaches capacities in the first month of Y (or of the period), so year Y's
    // income is (1 + g_Y) times year Y-1's, as the statistics compare annual means.
    m.january_growth = 1.0 + at_year(rp.economy.trend_growth, year);
    // The persistent component p follows p' = ρ p + ε (ε from the unit-mean lognormal table, so
    // E[ε] = -σ²/2). p starts at 0; before the k-th application its variance is
    // v = σ² (1 - ρ^(2(k-1))) / (1 - ρ²), and the shift ρ (1 - ρ) v / 2 keeps E[exp(p')] = 1, so
    // mean reversion moves the spread and not the mean (0 for the random walk, ρ = 1).
    const double rho = rp.economy.permanent_persistence;
    const double s2 = rp.economy.permanent_sd * rp.economy.permanent_sd;
    const int applied_before = year - params.start.year;  // yearly steps already taken
    double v = 0;
    for (int k = 0; k < applied_before; ++k) v = rho * rho * v + s2;
    m.permanent_persistence = rho;
    m.permanent_shift = rho * (1.0 - rho) * v / 2.0;
    m.illness_p = monthly_probability(rp.shocks.illness.annual_probability);
    m.accident_p = monthly_probability(rp.shocks.accident.annual_probability);
    m.business_p = monthly_probability(rp.shocks.business_failure.annual_probability);
    m.livestock_p = monthly_probability(rp.shocks.livestock_loss.annual_probability);
    m.pension_monthly = at_year(rp.transfers.pension_per_elderly, year) / 12.0;
    m.dibao_standard = at_year(rp.transfers.dibao.standard, year);
    if (rp.transfers.tekun.enabled) m.tekun_standard = at_year(rp.transfers.tekun.standard, year);
    m.poverty_line = at_year(rp.lines.poverty, year);
    m.monitoring_line = at_year(rp.lines.monitoring, year);
    m.permanent_noise = &noise.get(rp.economy.permanent_sd);
    m.transitory_noise = &noise.get(rp.economy.transitory_sd);
    m.survey = survey_band(rp.monitoring.measurement, m.monitoring_line);
  }
  return out;
}

}  // namespace povsim
