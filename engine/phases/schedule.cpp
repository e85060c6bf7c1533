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
    m.growth_index =
        std::pow(1.0 + at_year(rp.economy.trend_growth, year), (month.date.month - 1) / 12.0);
    m.january_growth = month.offset == 0 ? 1.0 : 1.0 + at_year(rp.economy.trend_growth, year - 1);
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
  }
  return out;
}

}  // namespace povsim
