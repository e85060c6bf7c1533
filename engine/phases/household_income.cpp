#include "phases/household_income.hpp"

#include <algorithm>
#include <cmath>

#include "core/normal_table.hpp"
#include "core/philox_batch.hpp"
#include "model/own_income.hpp"
#include "phases/assistance.hpp"
#include "phases/causes.hpp"
#include "phases/monitoring.hpp"

namespace povsim {

void IncomeTotals::add(const IncomeTotals& o) {
  wage_local += o.wage_local;
  wage_public += o.wage_public;
  wage_migrant += o.wage_migrant;
  operating += o.operating;
  property += o.property;
  subsidy += o.subsidy;
  pension += o.pension;
  dibao += o.dibao;
  medical_out_of_pocket += o.medical_out_of_pocket;
  schooling += o.schooling;
  illness_events += o.illness_events;
  accident_events += o.accident_events;
  business_failures += o.business_failures;
  livestock_losses += o.livestock_losses;
  disaster_hit_months += o.disaster_hit_months;
  disabilities += o.disabilities;
  expense_shocks += o.expense_shocks;
  link_wage += o.link_wage;
  link_contract += o.link_contract;
  link_coop += o.link_coop;
  link_property += o.link_property;
}

double after_insurance(double cost, const MedicalInsuranceParams& m) {
  double left = cost * (1.0 - m.basic_share);
  if (left > m.critical_deductible) left -= m.critical_share * (left - m.critical_deductible);
  return left;
}

namespace {

/// 1 / household size without a division per household-month.
const std::array<double, 256> inverse_size = [] {
  std::array<double, 256> table{};
  for (int k = 1; k < 256; ++k) table[k] = 1.0 / k;
  return table;
}();

struct HealthOutcome {
  double out_of_pocket = 0;  // after insurance
  double lost_earnings = 0;  // wages of the months off work and of a disability's first year
  bool disabled = false;
};

/// A serious illness or accident: cost after insurance now, months off work, maybe disability.
HealthOutcome health_event(Households& hh, std::size_t i, const HealthShockParams& p,
                           const TransferParams& transfers, const std::array<double, 4>& u,
                           const EconomyParams& eco, IncomeTotals& t) {
  const double cost = p.cost.mean * lognormal_unit_mean(Rng::normals(u[0], u[1])[0], p.cost.cv);
  HealthOutcome out{after_insurance(cost, transfers.medical), 0.0, false};
  const double earnings_before = static_cast<double>(hh.wage_local[i]) + hh.wage_migrant[i];
  if (hh.workers[i] > 0 && p.lost_labour_months > 0) {
    const double months = std::ceil(-p.lost_labour_months * std::log(u[2]));
    // One worker off for `months`: that worker's share of the household's wages.
    out.lost_earnings = std::min(months, 12.0) / 12.0 * earnings_before / hh.workers[i];
    hh.sick_months_left[i] =
        static_cast<std::uint8_t>(std::clamp(months + hh.sick_months_left[i], 1.0, 255.0));
  }
  if (u[3] < p.disability_probability && hh.workers[i] > 0) {
    t.disabilities += 1;
    const int w = hh.workers[i];
    if (hh.labour[i] == LabourClass::kStrong && w == 1) {
      hh.labour[i] = LabourClass::kWeak;
      hh.wage_local[i] *= static_cast<float>(eco.weak_labour_productivity);
      hh.wage_migrant[i] = 0;
      hh.flags[i] &=
          static_cast<std::uint8_t>(~(hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed));
    } else if (hh.labour[i] == LabourClass::kStrong) {
      const float keep = static_cast<float>(w - 1) / static_cast<float>(w);
      hh.wage_local[i] *= keep;
      hh.wage_migrant[i] *= keep;
      hh.workers[i] = static_cast<std::uint8_t>(w - 1);
    } else {
      hh.labour[i] = LabourClass::kNone;
      hh.workers[i] = 0;
      hh.wage_local[i] = 0;
      hh.wage_migrant[i] = 0;
      hh.sick_months_left[i] = 0;
    }
    out.disabled = true;
    out.lost_earnings +=
        earnings_before - (static_cast<double>(hh.wage_local[i]) + hh.wage_migrant[i]);
  }
  return out;
}

}  // namespace

HouseholdBlock household_income(Households& hh, std::size_t region_begin, std::size_t begin,
                                std::size_t end, const MonthContext& month,
                                const RegionMonth& region, const RegionShockState& shocks,
                                const ScreeningRates& rates, const Rng& rng) {
  // Column pointers held in a local: the compiler need not reload them after every store.
  const Households::Rows c = hh.rows(static_cast<std::size_t>(month.date.month - 1));

  const RegionParams& rp = *region.params;
  const EconomyParams& eco = rp.economy;
  const ShockParams& sh = rp.shocks;
  const auto m = static_cast<std::uint32_t>(month.offset);
  // Capacities move once a year, in January (or the period's first month): the year's trend
  // growth and the persistent component's AR(1) step. Capacities are annual amounts at the
  // year's level, so a month earns a twelfth of them.
  const bool january = month.date.month == 1 || month.offset == 0;
  const auto annual_growth = static_cast<float>(region.january_growth);
  const double rho = region.permanent_persistence;
  const bool mean_reverting = rho < 1.0;
  const double permanent_shift = region.permanent_shift;
  constexpr double within_year = 1.0 / 12.0;
  const QuantileTable& permanent_noise = *region.permanent_noise;
  const QuantileTable& transitory_noise = *region.transitory_noise;
  const bool disaster = shocks.disaster_active(month.offset);
  const double disaster_keep = 1.0 - sh.disaster.loss_share;
  const double edu_monthly = sh.education_cost_per_student / 12.0;
  const MonitoringParams& mon = rp.monitoring;
  const MedicalAssistanceProgramme& med = rp.assistance.medical;
  const bool medical_assistance = med.budget_per_household > 0;
  const double public_wage = rp.assistance.public_jobs.monthly_wage;
  const RiskLines lines = risk_lines(region);
  // A migrant-demand shock (d < 1) lowers both finding and keeping a job.
  const double demand = rp.labour.migrant_demand;
  const double migrant_loss = 1.0 - (1.0 - eco.migrant_job_loss_rate) * demand;
  const double migrant_finding = eco.migrant_job_finding_rate * demand;
  // While the transport subsidy runs, lifted workers find migrant work more often.
  const bool transport = region.transport_subsidy_open;
  const double lifted_finding =
      transport ? migrant_finding * (1.0 + rp.labour.transport_subsidy.finding_rate_gain)
                : migrant_finding;
  // A lost migrant job costs the wage of the expected search, 1 / finding rate months, at most a
  // year (c.wage_migrant is a yearly amount).
  const double job_search_years =
      migrant_finding > 0 ? std::min(1.0, 1.0 / (12.0 * migrant_finding)) : 1.0;
  const double disaster_months = shocks.disaster_until - shocks.disaster_start + 1;
  const double contract_floor = rp.enterprises.contract_price_floor;
  constexpr int kBoundElderly = 8;
  const double event_bound = region.illness_p *
                                 (1.0 + sh.elderly_illness_multiplier * kBoundElderly) *
                                 std::max(1.0, sh.chronic_illness_multiplier) +
                             region.accident_p + region.business_p + region.livestock_p;
  // The same tests as to_unit(word) < p, on the words themselves.
  const std::uint64_t migrant_loss_words = Rng::words_below(migrant_loss);
  const std::uint64_t migrant_finding_words = Rng::words_below(migrant_finding);
  const std::uint64_t lifted_finding_words = Rng::words_below(lifted_finding);
  const std::uint64_t event_bound_words = Rng::words_below(event_bound);
  HouseholdBlock block;
  IncomeTotals t;  // a local, not block.totals: the compiler can keep the sums in registers

  constexpr std::size_t kChunk = 256;
  std::array<std::uint32_t, kChunk> w0, w1, w2, w3;
  // A survey error per household and year of the period (its months 0, 12, 24, …).
  const bool survey_year_start = month.offset % 12 == 0;
  const auto survey_year = static_cast<std::uint32_t>(month.offset / 12);
  std::array<std::uint32_t, kChunk> e0, e1, e2, e3;
  // Households marked for monitoring in a chunk: screened after the chunk's incomes, with their
  // monitoring draws made eight at a time (screening reads and writes only the household itself,
  // so the order of work within the chunk changes nothing).
  std::array<std::uint32_t, kChunk> marked;
  for (std::size_t chunk = begin; chunk < end; chunk += kChunk) {
    std::size_t n_marked = 0;
    const std::size_t chunk_end = std::min(end, chunk + kChunk);
    philox_batch(rng, static_cast<std::uint32_t>(chunk - region_begin), chunk_end - chunk,
                 region.region_id, m, Stream::kIncomeMonthly, w0.data(), w1.data(), w2.data(),
                 w3.data());
    if (survey_year_start) {
      // The year's survey error (survey_error.hpp): the top byte of the household's
      // kMeasurement word for the year, drawn whether or not the error is on, so that an epoch
      // that switches it on mid-year finds it drawn.
      philox_batch(rng, static_cast<std::uint32_t>(chunk - region_begin), chunk_end - chunk,
                   region.region_id, survey_year, Stream::kMeasurement, e0.data(), e1.data(),
                   e2.data(), e3.data());
      for (std::size_t i = chunk; i < chunk_end; ++i)
        c.survey_error[i] = static_cast<std::uint8_t>(e0[i - chunk] >> 24);
    }
    for (std::size_t i = chunk; i < chunk_end; ++i) {
      const auto local = static_cast<std::uint32_t>(i - region_begin);
      // The month's one dense draw: the persistent (used in January) and transitory lognormal
      // income factors (mean 1), the rare-event uniform and the migrant-work uniform.
      const std::array<std::uint32_t, 4> w{w0[i - chunk], w1[i - chunk], w2[i - chunk],
                                           w3[i - chunk]};
      std::uint8_t flags = c.flags[i];

      if (january) {
        // p' = ρ p + ε + shift: the capacities move by exp(p' - p) = e^ε · exp((ρ - 1) p + shift)
        // (for the random walk, ρ = 1, by the tabulated e^ε alone).
        const float innovation = permanent_noise(w[0]);
        float perm = annual_growth * innovation;
        const float p = c.permanent[i];
        if (mean_reverting) {
          const double step = (rho - 1.0) * p + permanent_shift;
          perm *= static_cast<float>(std::exp(step));
          c.permanent[i] = static_cast<float>(p + step + std::log(innovation));
        } else {
          c.permanent[i] = p + std::log(innovation);
        }
        c.wage_local[i] *= perm;
        c.wage_migrant[i] *= perm;
        c.operating[i] *= perm;
        c.property[i] *= annual_growth;
      }

      // Migrant work: loss and re-finding of jobs (word 3). Whether a household sends migrants
      // is as good as random from one row to the next, so the common outcome (attached and
      // still employed, or not attached) is computed without a branch on it; only the rare
      // loss or find branches.
      {
        const bool attached = flags & hh_flag::kMigrantAttached;
        const bool employed = flags & hh_flag::kMigrantEmployed;
        const std::uint64_t finding_words =
            (flags & hh_flag::kLifted) ? lifted_finding_words : migrant_finding_words;
        const bool lose = attached & employed & (w[3] < migrant_loss_words);
        const bool find = attached & !employed & (w[3] < finding_words);
        if (lose | find) {
          if (lose) {
            flags &= static_cast<std::uint8_t>(~hh_flag::kMigrantEmployed);
            record_loss(hh, i, Cause::kJobLoss, c.wage_migrant[i] * job_search_years, month.offset);
          } else {
            flags |= hh_flag::kMigrantEmployed;
            if (transport && (flags & hh_flag::kLifted))
              block.movers.push_back(static_cast<std::uint32_t>(i));
          }
          c.flags[i] = flags;
        }
      }

      // Rare idiosyncratic events share one uniform (word 2): at most one per household-month.
      // Most household-months are far above every hazard; one comparison with a bound skips them.
      HealthOutcome health;
      if (w[2] < event_bound_words || c.elderly[i] > kBoundElderly) {
        const double u2 = Rng::to_unit(w[2]);
        double hazard = region.illness_p * (1.0 + sh.elderly_illness_multiplier * c.elderly[i]) *
                        ((flags & hh_flag::kChronic) ? sh.chronic_illness_multiplier : 1.0);
        double edge = hazard;
        if (u2 < edge) {
          t.illness_events += 1;
          health = health_event(hh, i, sh.illness, rp.transfers,
                                rng.uniforms(local, region.region_id, m, Stream::kIllness), eco, t);
          record_loss(hh, i, Cause::kIllness, health.out_of_pocket + health.lost_earnings,
                      month.offset);
        } else if (u2 < (edge += region.accident_p)) {
          t.accident_events += 1;
          health =
              health_event(hh, i, sh.accident, rp.transfers,
                           rng.uniforms(local, region.region_id, m, Stream::kAccident), eco, t);
          record_loss(hh, i, Cause::kAccident, health.out_of_pocket + health.lost_earnings,
                      month.offset);
        } else if (c.operating[i] > 0 && u2 < (edge += region.business_p)) {
          t.business_failures += 1;
          record_loss(hh, i, Cause::kBusinessLivestock,
                      c.operating[i] * sh.business_failure.loss_share, month.offset);
          c.operating[i] *= static_cast<float>(1.0 - sh.business_failure.loss_share);
        } else if (c.operating[i] > 0 && u2 < (edge += region.livestock_p)) {
          t.livestock_losses += 1;
          record_loss(hh, i, Cause::kBusinessLivestock,
                      c.operating[i] * sh.livestock_loss.loss_share, month.offset);
          c.operating[i] *= static_cast<float>(1.0 - sh.livestock_loss.loss_share);
        }
      }
      flags = c.flags[i];  // a disability may have ended migrant work
      const double oop = health.out_of_pocket;
      if (oop > 0 || health.disabled) {
        // Large bills and disabilities leave records (department screening reads them), and a
        // bill large against the household's expected income is a sudden-hardship shock.
        const bool disabled = health.disabled;
        const double expected = static_cast<double>(c.wage_local[i]) + c.wage_migrant[i] +
                                c.operating[i] + c.property[i] + c.subsidy[i] +
                                12.0 * region.pension_monthly * c.elderly[i];
        const bool expense_shock = oop > mon.expense_shock_threshold * std::max(expected, 1.0);
        if (expense_shock || disabled) c.event_month[i] = static_cast<std::int16_t>(m);
        if (expense_shock) {
          c.mon_flags[i] |= mon_flag::kExpenseShock | mon_flag::kShockedThisYear;
          c.mon_flags[i] &= static_cast<std::uint16_t>(~mon_flag::kReliefPaid);
          t.expense_shocks += 1;
        } else if (disabled) {
          c.mon_flags[i] &= static_cast<std::uint16_t>(~mon_flag::kExpenseShock);
        }
        const bool eligible = c.category[i] != Category::kNone || (flags & hh_flag::kDibao) ||
                              (flags & hh_flag::kLifted);
        if (medical_assistance && eligible && oop > 0) {
          double claim = med.assistance_share * oop;
          if (med.out_of_pocket_cap > 0 && oop - claim > med.out_of_pocket_cap)
            claim = oop - med.out_of_pocket_cap;
          block.claims.push_back({static_cast<std::uint32_t>(i), static_cast<float>(claim)});
        }
      }

      // This month's income by source.
      const double transitory = transitory_noise(w[1]);
      double work_keep = 1.0;
      if (c.sick_months_left[i] > 0) {
        work_keep = c.workers[i] > 0 ? 1.0 - 1.0 / c.workers[i] : 1.0;
        --c.sick_months_left[i];
      }
      const double earned = within_year * transitory;
      double wage_local = c.wage_local[i] * earned * work_keep;
      const double wage_migrant =
          (flags & hh_flag::kMigrantEmployed) ? c.wage_migrant[i] * earned * work_keep : 0.0;
      double operating = c.operating[i] * earned * shocks.price_multiplier;
      double property = c.property[i] * within_year;
      if (flags & hh_flag::kLinked) {
        // Enterprise links: a stable job's wage, the contract premium on the household's own
        // produce (at no less than the contract's floor price), cooperative gains, land rent and
        // dividends; the job and the lease take part of the household's own wage and farm.
        const std::uint8_t kinds = c.link_kinds[i];
        const OwnIncomeKept kept = own_income_kept(kinds, c.workers[i], rp.enterprises);
        wage_local *= kept.wage;
        operating *= kept.operating;
        if ((kinds & kContractLinkBit) && shocks.price_multiplier < contract_floor)
          operating *= contract_floor / shocks.price_multiplier;
        const double link_wage = hh.link_wage[i] * work_keep;
        const double premium = operating * hh.contract_premium[i];
        const double coop = hh.link_coop[i];
        const double link_property = hh.link_property[i];
        wage_local += link_wage;
        operating += premium + coop;
        property += link_property;
        t.link_wage += link_wage;
        t.link_contract += premium;
        t.link_coop += coop;
        t.link_property += link_property;
      }
      if (disaster && operating > 0) {
        const auto ud =
            rng.uniforms(local, region.region_id, static_cast<std::uint32_t>(shocks.disaster_start),
                         Stream::kDisaster);
        if (ud[0] < sh.disaster.affected_share) {
          // Its loss: this month's lost operating income over the disaster's whole span.
          record_loss(hh, i, Cause::kDisaster, operating * sh.disaster.loss_share * disaster_months,
                      month.offset);
          operating *= disaster_keep;
          t.disaster_hit_months += 1;
        }
      }
      double wage_public = 0;
      if (c.public_job_months_left[i] > 0) {
        wage_public = public_wage;
        --c.public_job_months_left[i];
      }
      const double subsidy = c.subsidy[i] / 12.0;
      const double pension = region.pension_monthly * c.elderly[i];
      const double dibao = (flags & hh_flag::kDibao) ? c.dibao_monthly[i] : 0.0;
      const double schooling = edu_monthly * c.students[i];
      // Summed pairwise: a shorter dependency chain than nine additions in a row.
      const double net = ((wage_local + wage_public) + (wage_migrant + operating)) +
                         ((property + subsidy) + (pension + dibao)) - (oop + schooling);

      if (c.cause_month[i] == month.offset) {
        note_income_drop(hh, i, c.income_sum[i], month.offset, mon);  // 收入骤减 of any cause
        block.losses.push_back(static_cast<std::uint32_t>(i));
      }
      c.ytd_net[i] += static_cast<float>(net);
      const std::int16_t units = Households::to_units(net * inverse_size[c.size[i]]);
      const std::int32_t sum = c.income_sum[i] + units - c.month_income[i];
      c.income_sum[i] = sum;
      c.month_income[i] = units;
      if (mark_for_screening(c, i, lines, month.offset, mon, region.survey))
        marked[n_marked++] = static_cast<std::uint32_t>(i);  // screened at the end of the chunk

      t.wage_local += wage_local;
      t.wage_public += wage_public;
      t.wage_migrant += wage_migrant;
      t.operating += operating;
      t.property += property;
      t.subsidy += subsidy;
      t.pension += pension;
      t.dibao += dibao;
      t.medical_out_of_pocket += oop;
      t.schooling += schooling;
    }
    // Screening (phase 7) of the chunk's marked households, in household order, and the standing
    // offers of those monitored.
    MonitoringBlock& s = block.screened;
    const std::size_t listed = s.monitored.size();
    identify_risk(hh, region_begin, std::span<const std::uint32_t>(marked.data(), n_marked), month,
                  region, rates, rng, s);
    for (std::size_t k = listed; k < s.monitored.size(); ++k)
      s.offers.push_back(standing_byte(hh, s.monitored[k], region));
  }
  block.totals = t;
  return block;
}

}  // namespace povsim
