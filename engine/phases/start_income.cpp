#include "phases/start_income.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "core/block_reduce.hpp"
#include "core/philox_batch.hpp"
#include "phases/household_income.hpp"
#include "phases/transfers.hpp"

namespace povsim {

namespace {

/// Redraws per household at most: each redraw clears a lifted household under the line with the
/// probability that a fresh draw of its composition does; the cap only bounds a composition no
/// draw can satisfy (a handful per million households keep their last draw).
constexpr std::uint8_t kMaxAttempts = 64;

/// Scaling rounds at most: a round rescales the own sources to the profile's figure and then lets
/// the households that scaling left under the line redraw. The factors settle in a few rounds;
/// the cap only bounds a profile that cannot settle.
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

struct Rates {
  std::uint64_t loss_words = 0;
  std::uint64_t finding_words = 0;
  std::uint64_t employed_words = 0;  // the stationary employment share, for the year's start
};

/// Household i's year before the period; `words(j)` gives month j's kIncomeMonthly words (key
/// year_before_key(j, attempt)) and `month_income(j, yuan)` receives each month's income (own
/// and fixed part). Most months hold no event: the sources that do not change within the year
/// are summed once, and a month costs a migrant-state step and a lookup of its noise.
template <class Words, class MonthIncome>
YearBefore simulate_year_before(const Households& hh, std::size_t i, std::uint32_t local,
                                std::uint32_t attempt, const RegionMonth& region,
                                const Rates& rates, const Rng& rng, Words&& words,
                                MonthIncome&& month_income) {
  const RegionParams& rp = *region.params;
  const ShockParams& sh = rp.shocks;
  const QuantileTable& noise = *region.transitory_noise;
  const std::uint8_t flags = hh.flags[i];
  const bool attached = flags & hh_flag::kMigrantAttached;
  const bool linked = flags & hh_flag::kLinked;
  const double workers = hh.workers[i];
  const OwnIncomeKept kept =
      linked ? own_income_kept(hh.link_kinds[i], hh.workers[i], rp.enterprises) : OwnIncomeKept{};
  const double wage_local = hh.wage_local[i] * kept.wage;
  const double wage_migrant = hh.wage_migrant[i];
  const double operating =
      hh.operating[i] * (1.0 + (linked ? static_cast<double>(hh.contract_premium[i]) : 0.0));
  const double property = hh.property[i] / 12.0;
  const double link_wage = linked ? static_cast<double>(hh.link_wage[i]) : 0.0;
  const double fixed_base =
      hh.subsidy[i] / 12.0 + region.pension_monthly * hh.elderly[i] -
      sh.education_cost_per_student / 12.0 * hh.students[i] +
      (linked ? static_cast<double>(hh.link_coop[i]) + hh.link_property[i] : 0.0);
  const double illness = region.illness_p * (1.0 + sh.elderly_illness_multiplier * hh.elderly[i]) *
                         ((flags & hh_flag::kChronic) ? sh.chronic_illness_multiplier : 1.0);
  const double any_event = illness + region.accident_p +
                           (hh.operating[i] > 0 ? region.business_p + region.livestock_p : 0.0);
  const std::uint64_t event_words = Rng::words_below(any_event);
  double operating_keep = kept.operating;
  int off_months = 0;
  bool employed = false;
  YearBefore out;
  for (int j = 0; j < 12; ++j) {
    const std::array<std::uint32_t, 4> w = words(j);
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
    if (w[2] < event_words) {
      const double u2 = Rng::to_unit(w[2]);
      const HealthShockParams* health = nullptr;
      Stream health_stream = Stream::kIllness;
      const bool operates = hh.operating[i] > 0;
      const double accident_edge = illness + region.accident_p;
      const double business_edge = accident_edge + region.business_p;
      if (u2 < illness) {
        health = &sh.illness;
      } else if (u2 < accident_edge) {
        health = &sh.accident;
        health_stream = Stream::kAccident;
      } else if (operates && u2 < business_edge) {
        operating_keep *= 1.0 - sh.business_failure.loss_share;
      } else if (operates && u2 < business_edge + region.livestock_p) {
        operating_keep *= 1.0 - sh.livestock_loss.loss_share;
      }
      if (health) {
        const auto u =
            rng.uniforms(local, region.region_id, year_before_key(j, attempt), health_stream);
        const double cost =
            health->cost.mean * lognormal_unit_mean(Rng::normals(u[0], u[1])[0], health->cost.cv);
        oop = after_insurance(cost, rp.transfers.medical);
        if (workers > 0 && health->lost_labour_months > 0)
          off_months += static_cast<int>(std::ceil(-health->lost_labour_months * std::log(u[2])));
      }
    }
    double work_keep = 1.0;
    if (off_months > 0) {
      work_keep = 1.0 - 1.0 / workers;
      --off_months;
    }
    const double earned = noise(w[1]) / 12.0;
    const double own =
        ((wage_local + (employed ? wage_migrant : 0.0)) * work_keep + operating * operating_keep) *
            earned +
        property;
    const double fixed = fixed_base + link_wage * work_keep - oop;
    out.own += own;
    out.fixed += fixed;
    month_income(j, own + fixed);
  }
  out.employed = employed;
  return out;
}

/// The same, each month's words drawn on its own (a redraw).
YearBefore redraw_year_before(const Households& hh, std::size_t i, std::uint32_t local,
                              std::uint32_t attempt, const RegionMonth& region, const Rates& rates,
                              const Rng& rng) {
  return simulate_year_before(
      hh, i, local, attempt, region, rates, rng,
      [&](int j) {
        return rng.words(local, region.region_id, year_before_key(j, attempt),
                         Stream::kIncomeMonthly);
      },
      [](int, double) {});
}

/// The year before for households [b, e) of the region starting at row `begin` (e - b ≤ 64):
/// the first attempt's words of every month are drawn eight households at a time
/// (philox_batch); a household on a later attempt draws its own. `month_income(i, j, yuan)`
/// receives each month's income, `done(i, year)` each household's year.
template <class MonthIncome, class Done>
void simulate_chunk(const Households& hh, std::size_t begin, std::size_t b, std::size_t e,
                    const std::uint8_t* attempts, const RegionMonth& region, const Rates& rates,
                    const Rng& rng, MonthIncome&& month_income, Done&& done) {
  constexpr std::size_t kChunk = 64;
  std::array<std::array<std::array<std::uint32_t, kChunk>, 4>, 12> words;
  const std::size_t n = e - b;
  const auto first = static_cast<std::uint32_t>(b - begin);
  for (int j = 0; j < 12; ++j)
    philox_batch(rng, first, n, region.region_id, year_before_key(j, 0), Stream::kIncomeMonthly,
                 words[j][0].data(), words[j][1].data(), words[j][2].data(), words[j][3].data());
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = b + k;
    const auto local = static_cast<std::uint32_t>(i - begin);
    const std::uint32_t attempt = attempts[i - begin];
    const YearBefore y = simulate_year_before(
        hh, i, local, attempt, region, rates, rng,
        [&](int j) {
          return attempt == 0 ? std::array<std::uint32_t, 4>{words[j][0][k], words[j][1][k],
                                                             words[j][2][k], words[j][3][k]}
                              : rng.words(local, region.region_id, year_before_key(j, attempt),
                                          Stream::kIncomeMonthly);
        },
        [&](int j, double yuan) { month_income(i, j, yuan); });
    done(i, y);
  }
}

void set_employed(Households& hh, std::size_t i, bool employed) {
  if (!(hh.flags[i] & hh_flag::kMigrantAttached)) return;
  if (employed)
    hh.flags[i] |= hh_flag::kMigrantEmployed;
  else
    hh.flags[i] &= static_cast<std::uint8_t>(~hh_flag::kMigrantEmployed);
}

/// A lifted household's redrawn sources: the synthesis scales `k` of its status and, on its own
/// sources, the factor `g` fitted so far.
void set_sources(Households& hh, std::size_t i, const IncomeUnits& u,
                 const std::array<float, kIncomeSources>& k, float g) {
  hh.wage_local[i] = u[0] * k[0] * g;
  hh.wage_migrant[i] = u[1] * k[1] * g;
  hh.operating[i] = u[2] * k[2] * g;
  hh.property[i] = u[3] * k[3] * g;
  hh.subsidy[i] = u[4] * k[4];
  if (u[1] > 0)
    hh.flags[i] |= hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed;
  else
    hh.flags[i] &=
        static_cast<std::uint8_t>(~(hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed));
}

double dibao_year(const Households& hh, std::size_t i) {
  return (hh.flags[i] & hh_flag::kDibao) ? 12.0 * hh.dibao_monthly[i] : 0.0;
}

/// Per status (lifted, general): persons, own sources and the rest (fixed sources and 低保) of the
/// year before, summed over a block of households.
struct StatusSums {
  std::array<double, 2> persons{}, own{}, rest{};
  void add(const StatusSums& o) {
    for (int g = 0; g < 2; ++g) {
      persons[g] += o.persons[g];
      own[g] += o.own[g];
      rest[g] += o.rest[g];
    }
  }
};

/// The sums of households [b, e) of the region starting at row `begin`, in row order.
StatusSums status_sums(const Households& hh, std::size_t begin, std::size_t b, std::size_t e,
                       const std::vector<float>& own, const std::vector<float>& fixed) {
  StatusSums s;
  for (std::size_t i = b; i < e; ++i) {
    const int g = (hh.flags[i] & hh_flag::kLifted) ? 0 : 1;
    s.persons[g] += hh.size[i];
    s.own[g] += own[i - begin];
    s.rest[g] += fixed[i - begin] + dibao_year(hh, i);
  }
  return s;
}

/// The factors on each status's own sources that bring the persons-weighted mean of the year
/// before, transfers included, to `target`, from the region's sums (block_reduce of status_sums).
std::array<float, 2> fit_factors(const StatusSums& sums, const std::array<double, 2>& target) {
  std::array<float, 2> f{1.0f, 1.0f};
  for (int g = 0; g < 2; ++g)
    if (sums.own[g] > 0)
      f[g] = static_cast<float>(
          std::max(0.0, (target[g] * sums.persons[g] - sums.rest[g]) / sums.own[g]));
  return f;
}

/// A round's sweep: households redrawn, and the sums the next round fits.
struct Swept {
  std::size_t redrawn = 0;
  StatusSums sums;
  void add(const Swept& o) {
    redrawn += o.redrawn;
    sums.add(o.sums);
  }
};

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
    auto keep = [&](std::size_t i, const YearBefore& y) {
      own[i - begin] = static_cast<float>(y.own);
      fixed[i - begin] = static_cast<float>(y.fixed);
      set_employed(hh, i, y.employed);
    };
    auto simulate = [&](std::size_t i) {
      const auto local = static_cast<std::uint32_t>(i - begin);
      keep(i, redraw_year_before(hh, i, local, attempts[i - begin], region, rates, rng));
    };
    // Every household's year, 64 households at a time.
    auto for_all_chunks = [&](auto&& body) {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(begin, end, 4096), [&](const auto& range) {
        for (std::size_t b = range.begin(); b < range.end(); b += 64)
          body(b, std::min(range.end(), b + 64));
      });
    };
    // 低保 from scratch on the current capacities (the take-up trait is keyed, so repeated
    // assessments agree with one another). One household's assessment reads only its own row.
    auto assess_range = [&](std::size_t b, std::size_t e) {
      for (std::size_t i = b; i < e; ++i) {
        hh.flags[i] &= static_cast<std::uint8_t>(~hh_flag::kDibao);
        hh.dibao_monthly[i] = 0;
      }
      dibao_assessment(hh, begin, b, e, region, rng);
    };
    // The first year and its 低保, block by block, with the sums the first round fits (blocks and
    // their order of combination are block_reduce's, as for every later round's sums).
    StatusSums sums = block_reduce<StatusSums>(begin, end, [&](std::size_t b, std::size_t e) {
      for (std::size_t c = b; c < e; c += 64)
        simulate_chunk(
            hh, begin, c, std::min(e, c + 64), attempts.data(), region, rates, rng,
            [](std::size_t, int, double) {}, keep);
      assess_range(b, e);
      return status_sums(hh, begin, b, e, own, fixed);
    });

    const std::array<double, 2> target{
        eco.per_capita_income_2020_lifted,
        eco.per_capita_income_2020_lifted * eco.general_to_lifted_income_ratio};
    std::array<double, 2> own_factor{1.0, 1.0};  // applied to the own sources since synthesis
    LognormalTables tables;
    const SourceSpreads spread = source_spreads(eco, tables);
    auto under_line = [&](std::size_t i) {
      return (hh.flags[i] & hh_flag::kLifted) &&
             own[i - begin] + fixed[i - begin] + dibao_year(hh, i) < line * hh.size[i];
    };
    for (int round = 0;; ++round) {
      const std::array<float, 2> f = fit_factors(sums, target);
      for (int g = 0; g < 2; ++g) own_factor[g] *= f[g];
      const bool last_round = round == kMaxRounds;
      const auto g = static_cast<float>(own_factor[0]);
      // One sweep per round: each household's sources are scaled by its status's factor and
      // re-assessed for 低保; then a lifted household under the line redraws its sources (from
      // the same composition) until it clears it. Each step reads and writes the household's own
      // row only, so doing them household by household is the same as doing each for all.
      const Swept swept = block_reduce<Swept>(begin, end, [&](std::size_t b, std::size_t e) {
        // A household whose factor is exactly 1 keeps its row, and its assessment of the
        // last round stands (the assessment reads the row alone): it is skipped. Once the
        // general households' mean is met, later rounds re-assess the lifted only.
        std::size_t run = b;  // first household of the current run to assess
        for (std::size_t i = b; i < e; ++i) {
          const float k = f[(hh.flags[i] & hh_flag::kLifted) ? 0 : 1];
          if (k == 1.0f) {
            if (run < i) assess_range(run, i);
            run = i + 1;
            continue;
          }
          hh.wage_local[i] *= k;
          hh.wage_migrant[i] *= k;
          hh.operating[i] *= k;
          hh.property[i] *= k;
          own[i - begin] *= k;
        }
        if (run < e) assess_range(run, e);
        Swept out;
        if (last_round) return out;
        for (std::size_t i = b; i < e; ++i) {
          while (attempts[i - begin] < kMaxAttempts && under_line(i)) {
            ++out.redrawn;
            const auto attempt = static_cast<std::uint8_t>(attempts[i - begin] + 1);
            attempts[i - begin] = attempt;
            const auto local = static_cast<std::uint32_t>(i - begin);
            set_sources(
                hh, i, draw_income_units(hh, i, local, region.region_id, eco, spread, attempt, rng),
                scales[r][0], g);
            simulate(i);
            assess_range(i, i + 1);
          }
        }
        out.sums = status_sums(hh, begin, b, e, own, fixed);
        return out;
      });
      if (last_round) break;
      sums = swept.sums;
      const std::size_t redrawn = swept.redrawn;
      const bool settled = std::abs(f[0] - 1.0f) < 1e-4f && std::abs(f[1] - 1.0f) < 1e-4f;
      if (redrawn == 0 && settled) break;
    }

    // The record: month j of the year before fills the calendar slot it has in the period. The
    // record is empty until now, so its running sum is the sum of the twelve months, written
    // once per household.
    for_all_chunks([&](std::size_t b, std::size_t e) {
      std::int32_t sum = 0;
      simulate_chunk(
          hh, begin, b, e, attempts.data(), region, rates, rng,
          [&](std::size_t i, int j, double yuan) {
            const double dibao = (hh.flags[i] & hh_flag::kDibao) ? hh.dibao_monthly[i] : 0.0;
            const std::int16_t units = Households::to_units((yuan + dibao) * (1.0 / hh.size[i]));
            hh.month_income[static_cast<std::size_t>((params.start.month - 1 + j) % 12)][i] = units;
            sum += units;
          },
          [&](std::size_t i, const YearBefore&) {
            hh.income_sum[i] = sum;
            sum = 0;
          });
    });
  });
}

}  // namespace povsim
