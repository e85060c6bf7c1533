#include "phases/assistance.hpp"

#include "phases/enterprises.hpp"

#include <tbb/parallel_sort.h>

#include <algorithm>

#include "core/block_reduce.hpp"

#include "phases/monitoring.hpp"
#include "phases/transfers.hpp"

namespace povsim {

std::string_view programme_name(Programme p) {
  switch (p) {
    case Programme::kEmployment:
      return "employment";
    case Programme::kTraining:
      return "training";
    case Programme::kIndustry:
      return "industry";
    case Programme::kPublicJobs:
      return "public_jobs";
    case Programme::kSocialAssistance:
      return "social_assistance";
    case Programme::kMedical:
      return "medical";
    case Programme::kRiskRelief:
      return "risk_relief";
    case Programme::kCount:
      break;
  }
  return "?";
}

FundAccount programme_account(Programme p) {
  switch (p) {
    case Programme::kEmployment:
      return FundAccount::kEmployment;
    case Programme::kTraining:
      return FundAccount::kTraining;
    case Programme::kIndustry:
      return FundAccount::kIndustry;
    case Programme::kPublicJobs:
      return FundAccount::kPublicJobs;
    case Programme::kSocialAssistance:
      return FundAccount::kDibao;
    case Programme::kMedical:
      return FundAccount::kMedical;
    case Programme::kRiskRelief:
    case Programme::kCount:
      break;
  }
  return FundAccount::kRiskRelief;
}

FundAccount programme_sink(Programme p) {
  return p == Programme::kEmployment || p == Programme::kTraining ? FundAccount::kOutlays
                                                                  : FundAccount::kHouseholds;
}

void AssistanceTally::add(const AssistanceTally& o) {
  for (int k = 0; k < kProgrammeCount; ++k) {
    households[k] += o.households[k];
    yuan[k] += o.yuan[k];
  }
  placed_local += o.placed_local;
  placed_transfer += o.placed_transfer;
}

void credit_income(Households& hh, std::size_t i, const MonthContext& month, double yuan) {
  hh.ytd_net[i] += static_cast<float>(yuan);
  const int slot = month.date.month - 1;
  hh.record_month_income(i, slot, hh.month_income[slot][i] * kRingYuan + yuan / hh.size[i]);
}

AssistanceTally settle_medical_claims(Households& hh, const std::vector<MedicalClaim>& claims,
                                      const MonthContext& month, Budgets& budgets) {
  AssistanceTally t;
  for (const auto& c : claims) {
    if (!budgets.spend(Programme::kMedical, c.amount)) {
      hh.mon_flags[c.household] |= mon_flag::kDeniedThisYear;
      continue;
    }
    credit_income(hh, c.household, month, c.amount);
    t.households[static_cast<int>(Programme::kMedical)] += 1;
    t.yuan[static_cast<int>(Programme::kMedical)] += c.amount;
  }
  return t;
}

static_assert(kProgrammeCount < 8, "standing offers and the denied bit share one byte");

unsigned standing_offers(const Households& hh, std::size_t i, const RegionMonth& region) {
  const std::uint16_t f = hh.mon_flags[i];
  const LabourClass labour = hh.labour[i];
  const bool has_job = hh.wage_local[i] > 0 || (hh.flags[i] & hh_flag::kMigrantEmployed) ||
                       hh.public_job_months_left[i] > 0 ||
                       (hh.link_kinds[i] & (1u << static_cast<unsigned>(LinkKind::kEmployment)));
  unsigned mask = 0;
  auto add = [&](Programme p) { mask |= 1u << static_cast<int>(p); };
  if (labour == LabourClass::kStrong) {
    if (!has_job && !(f & mon_flag::kPlaced)) add(Programme::kEmployment);
    if (!(f & mon_flag::kTrained)) add(Programme::kTraining);
  }
  // With industry projects on, the industry account buys projects instead
  // (phases/industry_projects.hpp).
  if (labour != LabourClass::kNone && !(f & mon_flag::kIndustry) &&
      !region.params->assistance.industry.projects.enabled)
    add(Programme::kIndustry);
  if (labour == LabourClass::kWeak && hh.public_job_months_left[i] == 0)
    add(Programme::kPublicJobs);
  if (labour == LabourClass::kNone && !(hh.flags[i] & hh_flag::kDibao) &&
      expected_per_capita_income(hh, i, region) < region.dibao_standard)
    add(Programme::kSocialAssistance);
  if (hh.category[i] == Category::kSudden && !(f & mon_flag::kReliefPaid))
    add(Programme::kRiskRelief);
  return mask;
}

unsigned eligible_programmes(const Households& hh, std::size_t i, const RegionMonth& region,
                             unsigned standing) {
  constexpr unsigned relief = 1u << static_cast<int>(Programme::kRiskRelief);
  if ((standing & relief) && !(hh.rolling_per_capita(i) < region.monitoring_line))
    standing &= ~relief;
  return standing;
}

std::uint8_t standing_byte(const Households& hh, std::size_t i, const RegionMonth& region) {
  const unsigned denied = (hh.mon_flags[i] & mon_flag::kDeniedThisYear) ? kStandingDenied : 0u;
  return static_cast<std::uint8_t>(standing_offers(hh, i, region) | denied);
}

std::vector<std::uint8_t> standing_offers(const Households& hh,
                                          const std::vector<std::uint32_t>& monitored,
                                          const RegionMonth& region) {
  std::vector<std::uint8_t> offers(monitored.size());
  for (std::size_t k = 0; k < monitored.size(); ++k)
    offers[k] = standing_byte(hh, monitored[k], region);
  return offers;
}

AssistanceTally assist(Households& hh, RegionEnterprises& ent, std::size_t region_begin,
                       const std::vector<std::uint32_t>& monitored,
                       const std::vector<std::uint8_t>& standing, const MonthContext& month,
                       const RegionMonth& region, Budgets& budgets, const Rng& rng) {
  const RegionParams& rp = *region.params;
  const AssistanceParams& a = rp.assistance;
  const double line = region.monitoring_line;
  const auto m = static_cast<std::uint32_t>(month.offset);

  struct Candidate {
    int colour;
    std::uint32_t key;
    std::uint32_t index;
    unsigned offers;  // eligible programmes (no other household's help changes them)
    double convert_u;
  };
  // A programme whose budget cannot pay for one more offer is closed for the year.
  const std::array<double, kProgrammeCount> smallest_offer{
      a.employment.cost_per_placement,
      a.training.cost_per_trainee,
      a.industry.cost_per_household,
      a.public_jobs.monthly_wage * a.public_jobs.term_months,
      1e-9,
      1e-9,
      1e-9};
  unsigned open = 0;
  for (int k = 0; k < kProgrammeCount; ++k) {
    const double left = budgets.left(static_cast<Programme>(k));
    if (left >= smallest_offer[k] && left > 0) open |= 1u << k;
  }

  // Only households with something left to offer are drawn and ranked; those whose only
  // options are closed programmes are turned away for lack of budget at once. Candidates are
  // gathered in fixed blocks (in parallel) and ranked by a total order, so the allocation that
  // follows is the same whatever the thread count.
  auto take_up_of = [&](std::uint32_t i) {
    const bool paired = hh.mon_flags[i] & mon_flag::kPaired;
    return std::min(1.0, a.take_up * hh.motivation[i] / 255.0 +
                             (paired ? rp.monitoring.pairing.take_up_bonus : 0.0));
  };
  struct Gathered {
    std::vector<Candidate> list;
    void add(const Gathered& o) { list.insert(list.end(), o.list.begin(), o.list.end()); }
  };
  std::vector<Candidate> order =
      block_reduce<Gathered>(0, monitored.size(), [&](std::size_t b, std::size_t e) {
        Gathered g;
        for (std::size_t k = b; k < e; ++k) {
          if (k + 16 < e && (standing[k + 16] & kStandingProgrammes)) {
            __builtin_prefetch(&hh.mon_flags[monitored[k + 16]]);
            __builtin_prefetch(&hh.income_sum[monitored[k + 16]]);
          }
          // Most monitored households have had every programme they can have: their standing
          // offers (from the household pass) turn them away without touching their columns.
          const unsigned offers = standing[k] & kStandingProgrammes;
          if (offers == 0) continue;
          // Turned away for lack of budget earlier this year, and again now: nothing to write.
          if ((offers & open) == 0 && (standing[k] & kStandingDenied)) continue;
          const std::uint32_t i = monitored[k];
          const unsigned eligible = eligible_programmes(hh, i, region, offers);
          if (eligible == 0) continue;
          if ((eligible & open) == 0) {
            hh.mon_flags[i] |= mon_flag::kDeniedThisYear;
            continue;
          }
          const auto w = rng.words(i - static_cast<std::uint32_t>(region_begin), region.region_id,
                                   m, Stream::kAssistance);
          // Take-up depends only on the household (内生动力, pairing), not on who is served
          // before it: a household that declines this month is dropped here, in parallel, rather
          // than ranked and skipped.
          const double take_up_u = Rng::to_unit(w[1]);
          if (take_up_u >= take_up_of(i)) continue;
          const int colour =
              static_cast<int>(alert_of(hh.rolling_per_capita(i), line, rp.monitoring.alert));
          g.list.push_back({colour, w[0], i, eligible, Rng::to_unit(w[2])});
        }
        return g;
      }).list;
  // Most severe first; ties broken by the random key, then the index (a total order).
  tbb::parallel_sort(order.begin(), order.end(), [](const Candidate& x, const Candidate& y) {
    if (x.colour != y.colour) return x.colour > y.colour;
    if (x.key != y.key) return x.key < y.key;
    return x.index < y.index;
  });

  AssistanceTally t;
  std::uint32_t current = 0;
  // Placements only fill slots: the first vacancy never moves back, so each search goes on from
  // the last one rather than from the first enterprise.
  std::uint32_t vacancy = 0;
  auto give = [&](Programme p, double yuan) {
    if (!budgets.spend(p, yuan)) {
      hh.mon_flags[current] |= mon_flag::kDeniedThisYear;
      return false;
    }
    t.households[static_cast<int>(p)] += 1;
    t.yuan[static_cast<int>(p)] += yuan;
    return true;
  };
  // Candidates come in priority order, scattered over the region: the columns an offer reads
  // and writes are fetched a few candidates ahead, so the cache misses overlap.
  constexpr std::size_t kAhead = 8;
  auto fetch = [&](std::uint32_t i) {
    __builtin_prefetch(&hh.mon_flags[i]);
    __builtin_prefetch(&hh.flags[i]);
    __builtin_prefetch(&hh.wage_local[i]);
    __builtin_prefetch(&hh.operating[i]);
  };
  for (std::size_t k = 0; k < std::min(order.size(), kAhead); ++k) fetch(order[k].index);
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k + kAhead < order.size()) fetch(order[k + kAhead].index);
    const Candidate& c = order[k];
    const std::uint32_t i = c.index;
    current = i;
    std::uint16_t& f = hh.mon_flags[i];
    const unsigned offers = c.offers;
    auto offered = [&](Programme p) { return (offers >> static_cast<int>(p)) & 1u; };

    // 产业 + 就业 双保险 for labour households: a job first — a local enterprise vacancy if the
    // labour market has one, else migrant work through 点对点 transfer employment — then skills
    // and an industry. No vacancy and no transfer means no placement (and no cost).
    if (offered(Programme::kEmployment)) {
      const auto row = static_cast<std::uint32_t>(i - region_begin);
      vacancy = first_vacancy(ent, vacancy);
      const bool local = vacancy < ent.n();
      if ((local || a.employment.transfer) &&
          give(Programme::kEmployment, a.employment.cost_per_placement)) {
        if (local) {
          hire(ent, hh, region_begin, vacancy, row);
          t.placed_local += 1;
        } else {
          hh.flags[i] |= hh_flag::kMigrantAttached | hh_flag::kMigrantEmployed;
          hh.wage_migrant[i] =
              std::max(hh.wage_migrant[i], static_cast<float>(a.employment.annual_wage));
          t.placed_transfer += 1;
        }
        f |= mon_flag::kPlaced;
      }
    }
    if (offered(Programme::kTraining) && give(Programme::kTraining, a.training.cost_per_trainee)) {
      f |= mon_flag::kTrained;
      if (c.convert_u < a.training.conversion_rate) {
        const auto gain = static_cast<float>(1.0 + a.training.wage_gain_share);
        hh.wage_local[i] *= gain;
        hh.wage_migrant[i] *= gain;
      }
    }
    if (offered(Programme::kIndustry) &&
        give(Programme::kIndustry, a.industry.cost_per_household)) {
      hh.operating[i] += static_cast<float>(a.industry.annual_income_gain);
      f |= mon_flag::kIndustry;
    }
    if (offered(Programme::kPublicJobs) &&
        give(Programme::kPublicJobs, a.public_jobs.monthly_wage * a.public_jobs.term_months)) {
      hh.public_job_months_left[i] = static_cast<std::uint8_t>(a.public_jobs.term_months);
    }
    if (offered(Programme::kSocialAssistance)) {
      const double gap = region.dibao_standard - expected_per_capita_income(hh, i, region);
      if (give(Programme::kSocialAssistance, gap * hh.size[i])) {
        hh.flags[i] |= hh_flag::kDibao;
        hh.dibao_monthly[i] = static_cast<float>(gap * hh.size[i] / 12.0);
      }
    }
    if (offered(Programme::kRiskRelief)) {
      const double need = std::max(0.0, line - hh.rolling_per_capita(i)) * hh.size[i];
      if (give(Programme::kRiskRelief, std::min(a.risk_relief.max_payout, need))) {
        credit_income(hh, i, month, std::min(a.risk_relief.max_payout, need));
        f |= mon_flag::kReliefPaid;
      }
    }
  }
  return t;
}

}  // namespace povsim
