#include "phases/start_income.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/block_reduce.hpp"
#include "phases/household_income.hpp"
#include "phases/transfers.hpp"

namespace povsim {

namespace {

/// Redraw rounds at most: a round redraws every lifted household still under the line, and each
/// redraw clears it with the probability that a fresh draw of its composition does, so the count
/// left falls geometrically; the cap only bounds a profile no draw can satisfy.
constexpr int kMaxRounds = 64;

/// The year before the period, month j = 0..11 of the household's attempt a = 0, 1, …, draws on
/// month key kSetupMonth - 12 (a + 1) + j: apart from setup draws and from the period's months
/// 0, 1, … (a redraw is of the whole year: its sources and its shocks).
std::uint32_t year_before_key(int j, std::uint32_t attempt) {
  return kSetupMonth - 12u * (attempt + 1) + static_cast<std::uint32_t>(j);
}

/// One household's simulated year before the period, split into the part proportional to its
/// own sources (wages, operating, property: scaled to the profile's figure) and the rest
/// (subsidy, pensions, links, minus medical bills and schooling); 低保 is added by the caller.
struct YearBefore {
  double own = 0;         // yuan/year
  double fixed = 0;       // yuan/year
  bool employed = false;  // a migrant worker with work at the year's end
};

struct Count {
  std::size_t n = 0;
  void add(const Count& o) { n += o.n; }
};

struct Rates {
  std::uint64_t loss_words = 0;
  std::uint64_t finding_words = 0;
  std::uint64_t employed_words = 0;  // the stationary employment share, for the year's start
};

YearBefore simulate_year_before(const Households& hh, std::size_t i, std::uint32_t local,
                                std::uint32_t attempt, const RegionMonth& region,
                                const Rates& rates, const Rng& rng,
                                std::array<double, 12>* months) {
  const RegionParams& rp = *region.params;
  const ShockParams& sh = rp.shocks;
  const bool attached = hh.flags[i] & hh_flag::kMigrantAttached;
  const bool linked = hh.flags[i] & hh_flag::kLinked;
  const double workers = hh.workers[i];
  const OwnIncomeKept kept =
      linked ? own_income_kept(hh.link_kinds[i], hh.workers[i], rp.enterprises) : OwnIncomeKept{};
  double operating_keep = kept.operating;
  int off_months = 0;
  bool employed = false;
  YearBefore out;
  for (int j = 0; j < 12; ++j) {
    const std::uint32_t key = year_before_key(j, attempt);
    const auto w = rng.words(local, region.region_id, key, Stream::kIncomeMonthly);
    if (attached) {
      if (j == 0) {
        employed = w[3] < rates.employed_words;
      } else if (employed) {
        employed = !(w[3] < rates.loss_words);
      } else {
        employed = w[3] < rates.finding_words;
      }
    }
    // Rare events on one uniform, as in the monthly pass; a disability changes only later years
    // (the synthesised labour classes already hold the disabilities of the past).
    double oop = 0;
    const double u2 = Rng::to_unit(w[2]);
    const double illness =
        region.illness_p * (1.0 + sh.elderly_illness_multiplier * hh.elderly[i]) *
        ((hh.flags[i] & hh_flag::kChronic) ? sh.chronic_illness_multiplier : 1.0);
    const HealthShockParams* health = nullptr;
    Stream health_stream = Stream::kIllness;
    double edge = illness;
    if (u2 < edge) {
      health = &sh.illness;
    } else if (u2 < (edge += region.accident_p)) {
      health = &sh.accident;
      health_stream = Stream::kAccident;
    } else if (hh.operating[i] > 0 && u2 < (edge += region.business_p)) {
      operating_keep *= 1.0 - sh.business_failure.loss_share;
    } else if (hh.operating[i] > 0 && u2 < (edge += region.livestock_p)) {
      operating_keep *= 1.0 - sh.livestock_loss.loss_share;
    }
    if (health) {
      const auto u = rng.uniforms(local, region.region_id, key, health_stream);
      const double cost =
          health->cost.mean * lognormal_unit_mean(Rng::normals(u[0], u[1])[0], health->cost.cv);
      oop = after_insurance(cost, rp.transfers.medical);
      if (workers > 0 && health->lost_labour_months > 0)
        off_months += static_cast<int>(std::ceil(-health->lost_labour_months * std::log(u[2])));
    }
    double work_keep = 1.0;
    if (off_months > 0) {
      work_keep = 1.0 - 1.0 / workers;
      --off_months;
    }
    const double earned = region.transitory_noise->operator()(w[1]) / 12.0;
    const double premium = linked ? static_cast<double>(hh.contract_premium[i]) : 0.0;
    const double own = hh.wage_local[i] * kept.wage * earned * work_keep +
                       (employed ? hh.wage_migrant[i] * earned * work_keep : 0.0) +
                       hh.operating[i] * earned * operating_keep * (1.0 + premium) +
                       hh.property[i] / 12.0;
    double fixed = hh.subsidy[i] / 12.0 + region.pension_monthly * hh.elderly[i] -
                   sh.education_cost_per_student / 12.0 * hh.students[i] - oop;
    if (linked)
      fixed +=
          static_cast<double>(hh.link_wage[i]) * work_keep + hh.link_coop[i] + hh.link_property[i];
    out.own += own;
    out.fixed += fixed;
    if (months) (*months)[j] = own + fixed;
  }
  out.employed = employed;
  return out;
}

void set_employed(Households& hh, std::size_t i, bool employed) {
  if (!(hh.flags[i] & hh_flag::kMigrantAttached)) return;
  if (employed)
    hh.flags[i] |= hh_flag::kMigrantEmployed;
  else
    hh.flags[i] &= static_cast<std::uint8_t>(~hh_flag::kMigrantEmployed);
}

double dibao_year(const Households& hh, std::size_t i) {
  return (hh.flags[i] & hh_flag::kDibao) ? 12.0 * hh.dibao_monthly[i] : 0.0;
}

}  // namespace

void settle_start_income(Households& hh, const Params& params,
                         const std::vector<RegionMonth>& regions, const IncomeScales& scales,
                         const Rng& rng) {
  const int year_before = params.start.year - 1;
  tbb::parallel_for(std::size_t{0}, regions.size(), [&](std::size_t r) {
    const RegionMonth& region = regions[r];
    const RegionParams& rp = *region.params;
    const EconomyParams& eco = rp.economy;
    const std::size_t begin = hh.region_begin[r];
    const std::size_t end = hh.region_begin[r + 1];
    const std::size_t n = end - begin;
    // Rounding of the record (kRingYuan steps, 12 months) must not take an accepted household
    // under the line: accept only with that much to spare.
    const double line = at_year(rp.lines.poverty, year_before) + 12.0 * kRingYuan / 2.0;
    // The year before has no transport subsidy; the same job loss and finding as the period.
    const double demand = rp.labour.migrant_demand;
    const double loss = 1.0 - (1.0 - eco.migrant_job_loss_rate) * demand;
    const double finding = eco.migrant_job_finding_rate * demand;
    const Rates rates{Rng::words_below(loss), Rng::words_below(finding),
                      Rng::words_below(loss + finding > 0 ? finding / (loss + finding) : 1.0)};
    std::vector<float> own(n), fixed(n);
    std::vector<std::uint8_t> attempts(n, 0);
    auto simulate = [&](std::size_t i) {
      const auto local = static_cast<std::uint32_t>(i - begin);
      const YearBefore y =
          simulate_year_before(hh, i, local, attempts[i - begin], region, rates, rng, nullptr);
      own[i - begin] = static_cast<float>(y.own);
      fixed[i - begin] = static_cast<float>(y.fixed);
      set_employed(hh, i, y.employed);
    };
    auto for_all = [&](auto&& body) {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 4096), [&](const auto& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
      });
    };
    // 低保 from scratch on the current capacities (the take-up trait is keyed, so repeated
    // assessments agree with one another).
    auto assess = [&]() {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 4096), [&](const auto& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          hh.flags[i] &= static_cast<std::uint8_t>(~hh_flag::kDibao);
          hh.dibao_monthly[i] = 0;
        }
        dibao_assessment(hh, begin, range.begin(), range.end(), region, rng);
      });
    };
    for_all(simulate);

    const std::array<double, 2> target{
        eco.per_capita_income_2020_lifted,
        eco.per_capita_income_2020_lifted * eco.general_to_lifted_income_ratio};
    std::array<double, 2> own_factor{1.0, 1.0};  // applied to the own sources since synthesis
    LognormalTables tables;
    const SourceSpreads spread = source_spreads(eco, tables);
    for (int round = 0;; ++round) {
      assess();
      struct Sums {
        std::array<double, 2> persons{}, own{}, rest{};
        void add(const Sums& o) {
          for (int g = 0; g < 2; ++g) {
            persons[g] += o.persons[g];
            own[g] += o.own[g];
            rest[g] += o.rest[g];
          }
        }
      };
      const Sums sums = block_reduce<Sums>(begin, end, [&](std::size_t b, std::size_t e) {
        Sums s;
        for (std::size_t i = b; i < e; ++i) {
          const int g = (hh.flags[i] & hh_flag::kLifted) ? 0 : 1;
          s.persons[g] += hh.size[i];
          s.own[g] += own[i - begin];
          s.rest[g] += fixed[i - begin] + dibao_year(hh, i);
        }
        return s;
      });
      std::array<float, 2> f{1.0f, 1.0f};
      for (int g = 0; g < 2; ++g)
        if (sums.own[g] > 0)
          f[g] = static_cast<float>(
              std::max(0.0, (target[g] * sums.persons[g] - sums.rest[g]) / sums.own[g]));
      for_all([&](std::size_t i) {
        const float k = f[(hh.flags[i] & hh_flag::kLifted) ? 0 : 1];
        hh.wage_local[i] *= k;
        hh.wage_migrant[i] *= k;
        hh.operating[i] *= k;
        hh.property[i] *= k;
        own[i - begin] *= k;
      });
      for (int g = 0; g < 2; ++g) own_factor[g] *= f[g];
      assess();
      // Lifted households under the line redraw their sources (from the same composition).
      if (round == kMaxRounds) break;
      const auto attempt = static_cast<std::uint32_t>(round + 1);
      const std::size_t redrawn =
          block_reduce<Count>(begin, end, [&](std::size_t b, std::size_t e) {
            Count count;
            for (std::size_t i = b; i < e; ++i) {
              if (!(hh.flags[i] & hh_flag::kLifted)) continue;
              const double income = own[i - begin] + fixed[i - begin] + dibao_year(hh, i);
              if (income >= line * hh.size[i]) continue;
              ++count.n;
              attempts[i - begin] = static_cast<std::uint8_t>(attempt);
              const auto local = static_cast<std::uint32_t>(i - begin);
              const IncomeUnits u =
                  draw_income_units(hh, i, local, region.region_id, eco, spread, attempt, rng);
              const auto& k = scales[r][0];
              const auto g = static_cast<float>(own_factor[0]);
              hh.wage_local[i] = u[0] * k[0] * g;
              hh.wage_migrant[i] = u[1] * k[1] * g;
              hh.operating[i] = u[2] * k[2] * g;
              hh.property[i] = u[3] * k[3] * g;
              hh.subsidy[i] = u[4] * k[4];
              if (u[1] > 0)
                hh.flags[i] |= hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed;
              else
                hh.flags[i] &= static_cast<std::uint8_t>(
                    ~(hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed));
              simulate(i);
            }
            return count;
          }).n;
      const bool settled = std::abs(f[0] - 1.0f) < 1e-4f && std::abs(f[1] - 1.0f) < 1e-4f;
      if (redrawn == 0 && settled) break;
    }

    // The record: month j of the year before fills the calendar slot it has in the period.
    for_all([&](std::size_t i) {
      const auto local = static_cast<std::uint32_t>(i - begin);
      std::array<double, 12> months{};
      simulate_year_before(hh, i, local, attempts[i - begin], region, rates, rng, &months);
      const double dibao = (hh.flags[i] & hh_flag::kDibao) ? hh.dibao_monthly[i] : 0.0;
      const double inv_size = 1.0 / hh.size[i];
      for (int j = 0; j < 12; ++j)
        hh.record_month_income(i, (params.start.month - 1 + j) % 12,
                               (months[j] + dibao) * inv_size);
    });
  });
}

}  // namespace povsim
