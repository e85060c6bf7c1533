#include "phases/enterprises.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "core/block_reduce.hpp"
#include "phases/assistance.hpp"
#include "phases/causes.hpp"

namespace povsim {

void EnterpriseTally::add(const EnterpriseTally& o) {
  alive += o.alive;
  failed += o.failed;
  entered += o.entered;
  hires += o.hires;
  laid_off += o.laid_off;
  workers_lifted += o.workers_lifted;
  subsidy_yuan += o.subsidy_yuan;
  revenue_index += o.revenue_index;
  transport_workers += o.transport_workers;
  transport_yuan += o.transport_yuan;
}

namespace {

constexpr std::uint8_t bit(LinkKind k) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(k));
}

bool can_work(const Households& hh, std::size_t i) {
  return hh.workers[i] > 0 && hh.labour[i] != LabourClass::kNone &&
         !(hh.link_kinds[i] & bit(LinkKind::kEmployment));
}

bool eligible(const Households& hh, std::size_t i, LinkKind k) {
  if (hh.link_kinds[i] & bit(k)) return false;
  switch (k) {
    case LinkKind::kEmployment:
      return can_work(hh, i);
    case LinkKind::kEquity:
      return hh.flags[i] & hh_flag::kLifted;
    case LinkKind::kContract:
    case LinkKind::kLease:
    case LinkKind::kMembership:
      break;
  }
  return hh.operating[i] > 0;  // farms: has land and produce
}

/// 脱贫户 and monitored households: those the 利益联结 mechanism links first.
bool targeted(const Households& hh, std::size_t i) {
  return (hh.flags[i] & hh_flag::kLifted) || hh.category[i] != Category::kNone;
}

/// Links enterprise e with up to `target` households of kind k drawn at random (counter-based:
/// (enterprise, region, month, stream, draw)); marks them in link_kinds. The first
/// `priority_share` of the target are drawn among 脱贫户 and monitored households (while draws
/// last; then from everyone).
std::size_t draw_links(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                       std::uint32_t e, LinkKind k, double target_d, float amount,
                       double priority_share, std::uint32_t region_id, std::uint32_t month,
                       const Rng& rng) {
  const auto target = static_cast<std::size_t>(std::lround(target_d));
  if (target == 0 || ent.n_households == 0) return 0;
  const auto priority = static_cast<std::size_t>(std::lround(priority_share * target_d));
  std::size_t made = 0;
  // Targeted households are a fifth to a third of a place: more draws before giving up on them.
  const std::size_t max_draws = 8 * target + 64 + (priority > 0 ? 24 * priority + 64 : 0);
  const std::size_t priority_draws = priority > 0 ? 24 * priority + 64 : 0;
  for (std::uint32_t d = 0; d < max_draws && made < target; ++d) {
    const auto w = rng.words(e, region_id, month, Stream::kEnterprise,
                             (static_cast<std::uint32_t>(k) << draw::kLinkKindShift) | d);
    const bool first = made < priority && d < priority_draws;
    for (int j = 0; j < 4 && made < target; ++j) {
      const std::uint32_t row = w[j] % ent.n_households;
      const std::size_t i = region_begin + row;
      if (!eligible(hh, i, k) || (first && !targeted(hh, i))) continue;
      hh.link_kinds[i] |= bit(k);
      hh.mon_flags[i] |= mon_flag::kEverLinked;
      ent.links.push_back({row, e, k, 0, amount});
      ++made;
    }
  }
  return made;
}

/// The non-employment links of a new enterprise.
void link_enterprise(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                     std::uint32_t e, const EnterpriseKindParams& p, std::uint32_t region_id,
                     std::uint32_t month, const Rng& rng) {
  const double q = p.priority_share;
  draw_links(ent, hh, region_begin, e, LinkKind::kContract, p.contract_households,
             static_cast<float>(p.contract_premium), q, region_id, month, rng);
  draw_links(ent, hh, region_begin, e, LinkKind::kLease, p.lease_households,
             static_cast<float>(p.annual_rent / 12.0), q, region_id, month, rng);
  draw_links(ent, hh, region_begin, e, LinkKind::kEquity, p.equity_households,
             static_cast<float>(p.share_value * p.dividend_rate / 12.0), q, region_id, month, rng);
  draw_links(ent, hh, region_begin, e, LinkKind::kMembership, p.members,
             static_cast<float>(p.member_income / 12.0), q, region_id, month, rng);
}

std::uint32_t slots_of(const EnterpriseKindParams& p) {
  return static_cast<std::uint32_t>(std::lround(p.jobs));
}

/// Hiring priority: 0 for monitored or lifted households when the scenario says so, else 1.
int tier_of(const Households& hh, std::size_t i, bool priority) {
  return priority && (hh.category[i] != Category::kNone || (hh.flags[i] & hh_flag::kLifted)) ? 0
                                                                                             : 1;
}

}  // namespace

RegionEnterprises synthesize_enterprises(Households& hh, std::size_t region_begin,
                                         std::size_t region_end, const RegionMonth& region,
                                         const Rng& rng) {
  RegionEnterprises ent;
  ent.n_households = static_cast<std::uint32_t>(region_end - region_begin);
  ent.initial_count.assign(kEnterpriseKindCount, 0.0);
  const EnterpriseParams& ep = region.params->enterprises;
  if (ep.enabled) {
    for (int k = 0; k < kEnterpriseKindCount; ++k) {
      const auto kind = static_cast<EnterpriseKind>(k);
      const EnterpriseKindParams& p = kind_params(ep, kind);
      const double expected = p.per_10000_households * ent.n_households / 10000.0;
      const double u = rng.uniforms(static_cast<std::uint32_t>(k), region.region_id, kSetupMonth,
                                    Stream::kEnterprise, draw::kEnterpriseKind)[0];
      const auto count = static_cast<std::size_t>(expected + u);  // stochastic rounding
      ent.initial_count[k] = static_cast<double>(count);
      for (std::size_t c = 0; c < count; ++c) {
        const std::uint32_t e = ent.add(kind, slots_of(p), static_cast<float>(p.monthly_wage), -1);
        link_enterprise(ent, hh, region_begin, e, p, region.region_id, kSetupMonth, rng);
        const std::size_t staff = static_cast<std::size_t>(std::lround(p.initial_fill * p.jobs));
        const std::size_t before = ent.links.size();
        draw_links(ent, hh, region_begin, e, LinkKind::kEmployment, static_cast<double>(staff),
                   ent.wage[e], p.priority_share, region.region_id, kSetupMonth, rng);
        ent.filled[e] = static_cast<std::uint32_t>(ent.links.size() - before);
      }
    }
  }
  refresh_links(ent, hh, region_begin);
  return ent;
}

namespace {

/// A year of the link's income, less what the household gets back of its own when it ends (the
/// worker's own local wage, the leased land's produce): what losing it costs.
double link_loss(const Households& hh, std::size_t i, const Link& l, const EnterpriseParams& p) {
  switch (l.kind) {
    case LinkKind::kContract:
      return l.amount * hh.operating[i];
    case LinkKind::kEmployment:
      return std::max(0.0, 12.0 * l.amount -
                               (1.0 - own_income_kept(kEmploymentLinkBit, hh.workers[i], p).wage) *
                                   hh.wage_local[i]);
    case LinkKind::kLease:
      return std::max(0.0, 12.0 * l.amount - p.lease_replaces_operating * hh.operating[i]);
    case LinkKind::kEquity:
    case LinkKind::kMembership:
      break;
  }
  return 12.0 * l.amount;
}

}  // namespace

std::size_t fail_enterprise(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                            std::uint32_t e, int month, const EnterpriseParams& p) {
  std::vector<std::uint32_t> rows;
  auto end_link = [&](const Link& l) {
    if (l.ended) return;  // laid off before
    rows.push_back(l.household);
    const std::size_t i = region_begin + l.household;
    hh.mon_flags[i] |= mon_flag::kLostLinkThisYear;
    record_loss(hh, i, Cause::kEnterpriseFailure, link_loss(hh, i, l, p), month);
    if (l.kind == LinkKind::kEmployment) ent.seekers.push_back(l.household);
  };
  const std::size_t vertex = static_cast<std::size_t>(ent.n_households) + e;
  if (vertex < boost::num_vertices(ent.graph))  // an entrant of this January is not in it yet
    for (auto [it, last] = boost::out_edges(vertex, ent.graph); it != last; ++it)
      end_link(ent.links[ent.graph[*it].link]);
  for (std::size_t l = ent.n_graph_links; l < ent.links.size(); ++l)
    if (ent.links[l].enterprise == e) end_link(ent.links[l]);
  ent.alive[e] = 0;
  ent.filled[e] = 0;
  std::sort(rows.begin(), rows.end());
  const std::size_t ended = rows.size();
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  refresh_rows(ent, hh, region_begin, rows);
  return ended;
}

void refresh_links(RegionEnterprises& ent, Households& hh, std::size_t region_begin) {
  ent.rebuild_graph();
  tbb::parallel_for(std::size_t{0}, std::size_t{ent.n_households}, kReduceBlock,
                    [&](std::size_t b) {
                      link_income_pass(ent, hh, region_begin, b,
                                       std::min<std::size_t>(ent.n_households, b + kReduceBlock));
                    });
}

namespace {

/// January's slots follow revenue: kind slots × min(1, exp(layoff_elasticity × log revenue)),
/// plus this year's subsidised ones. Where fewer slots than workers are left, the last hired go
/// (their links end, their own wage returns, and they join the job seekers); slots come back
/// when revenue recovers and the labour market fills them.
void lay_off(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
             const EnterpriseParams& ep, const FundState& funds, const MonthContext& month,
             std::vector<std::uint32_t>& rows, EnterpriseTally& tally) {
  std::vector<std::uint32_t> cut(ent.n(), 0);
  bool any = false;
  for (std::uint32_t e = 0; e < ent.n(); ++e) {
    if (!ent.alive[e]) continue;
    const double keep = std::min(1.0, std::exp(ep.layoff_elasticity * ent.revenue[e]));
    const auto slots =
        static_cast<std::uint32_t>(std::lround(kind_params(ep, ent.kind[e]).jobs * keep)) +
        (e < funds.extra_jobs.size() ? funds.extra_jobs[e] : 0);
    ent.jobs[e] = slots;
    if (ent.filled[e] > slots) {
      cut[e] = ent.filled[e] - slots;
      any = true;
    }
  }
  if (!any) return;
  for (std::size_t k = ent.links.size(); k-- > 0;) {
    Link& l = ent.links[k];
    if (l.kind != LinkKind::kEmployment || !ent.live(l) || cut[l.enterprise] == 0) continue;
    const std::size_t i = region_begin + l.household;
    hh.mon_flags[i] |= mon_flag::kLostLinkThisYear;
    record_loss(hh, i, Cause::kEnterpriseFailure, link_loss(hh, i, l, ep), month.offset);
    l.ended = 1;
    cut[l.enterprise] -= 1;
    ent.filled[l.enterprise] -= 1;
    ent.seekers.push_back(l.household);
    rows.push_back(l.household);
    tally.laid_off += 1;
  }
}

}  // namespace

bool enterprise_month(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                      const MonthContext& month, const RegionMonth& region, const Rng& rng,
                      double price_multiplier, EnterpriseTally& tally, FundState& funds) {
  const EnterpriseParams& ep = region.params->enterprises;
  if (!ep.enabled) return false;
  const auto m = static_cast<std::uint32_t>(month.offset);
  bool changed = false;
  const std::size_t first_new = ent.links.size();
  std::vector<std::uint32_t> rows;  // households whose link columns must be refreshed
  if (month.date.month == 1) {
    // Entry, then the year's revenues (sector swing, the region's farm-gate prices, the
    // enterprise's own shock, on last year's level), dividends, and subsidies in enterprise order.
    changed = true;  // the yearly rebuild: ended links leave, pending ones join the graph
    std::array<double, kEnterpriseKindCount> sector{};
    for (int k = 0; k < kEnterpriseKindCount; ++k) {
      const EnterpriseKindParams& p = kind_params(ep, static_cast<EnterpriseKind>(k));
      const auto u = rng.uniforms(static_cast<std::uint32_t>(k), region.region_id, m,
                                  Stream::kEnterprise, draw::kEnterpriseKind);
      sector[k] = p.revenue_sd * Rng::normals(u[0], u[1])[0];
      const auto entries = static_cast<std::size_t>(p.entry_rate * ent.initial_count[k] + u[2]);
      for (std::size_t c = 0; c < entries; ++c) {
        const std::uint32_t e = ent.add(static_cast<EnterpriseKind>(k), slots_of(p),
                                        static_cast<float>(p.monthly_wage), month.offset);
        link_enterprise(ent, hh, region_begin, e, p, region.region_id, m, rng);
        tally.entered += 1;
      }
    }
    const double price = ep.price_elasticity * std::log(price_multiplier);
    for (std::uint32_t e = 0; e < ent.n(); ++e) {
      if (!ent.alive[e]) continue;
      double own = 0;
      if (ep.idiosyncratic_revenue_sd > 0) {
        const auto u =
            rng.uniforms(e, region.region_id, m, Stream::kEnterprise, draw::kEnterpriseRevenue);
        own = ep.idiosyncratic_revenue_sd * Rng::normals(u[0], u[1])[0];
      }
      ent.revenue[e] = static_cast<float>(ep.revenue_persistence * ent.revenue[e] +
                                          sector[static_cast<int>(ent.kind[e])] + price + own);
    }
    // Wages follow revenue down: a job pays the kind's wage at most, less when revenue falls
    // (new hires at the same rate), so the workers kept through a bad year earn less.
    if (ep.wage_revenue_elasticity > 0) {
      for (std::uint32_t e = 0; e < ent.n(); ++e)
        if (ent.alive[e])
          ent.wage[e] = static_cast<float>(
              kind_params(ep, ent.kind[e]).monthly_wage *
              std::min(1.0, std::exp(ep.wage_revenue_elasticity * ent.revenue[e])));
      for (Link& l : ent.links) {
        if (l.kind != LinkKind::kEmployment || !ent.live(l) || l.amount == ent.wage[l.enterprise])
          continue;  // only households whose wage moved need their rows refreshed
        l.amount = ent.wage[l.enterprise];
        rows.push_back(l.household);
      }
    }
    if (ep.dividend_revenue_elasticity > 0)
      for (Link& l : ent.links) {
        if (l.kind != LinkKind::kEquity || !ent.live(l)) continue;
        const EnterpriseKindParams& p = kind_params(ep, ent.kind[l.enterprise]);
        l.amount = static_cast<float>(
            p.share_value * p.dividend_rate / 12.0 *
            std::exp(ep.dividend_revenue_elasticity * ent.revenue[l.enterprise]));
        rows.push_back(l.household);
      }
    RegionLedger& ledger = funds.ledger;
    const FundParams& fp = region.params->funds;
    // Funds off: the subsidy budget enters as a programme budget, and what is not paid out
    // lapses at once (it is not the households' industry money).
    const Fen plain = fp.enabled ? 0 : to_fen(ep.subsidy.budget_per_household * ent.n_households);
    ledger.post(month.offset, FundAccount::kExternal, FundAccount::kProgrammeBudgets, plain);
    ledger.post(month.offset, FundAccount::kProgrammeBudgets, FundAccount::kIndustry, plain);
    Fen budget = fp.enabled
                     ? static_cast<Fen>(fp.enterprise_share_of_industry *
                                        static_cast<double>(ledger.left(FundAccount::kIndustry)))
                     : plain;
    const Fen per = to_fen(ep.subsidy.per_enterprise);
    const auto extra = static_cast<std::uint32_t>(std::lround(fp.enterprise_extra_jobs));
    funds.extra_jobs.resize(ent.n(), 0);
    for (std::size_t e = 0; e < ent.n(); ++e) {
      if (funds.extra_jobs[e] > 0) {  // last year's subsidised slots end (filled ones stay)
        ent.jobs[e] = std::max(ent.filled[e], ent.jobs[e] - funds.extra_jobs[e]);
        funds.extra_jobs[e] = 0;
      }
      const bool paid = ent.alive[e] && per > 0 && budget >= per;
      ent.subsidised[e] = paid ? 1 : 0;
      if (paid) {
        ledger.post(month.offset, FundAccount::kIndustry, FundAccount::kEnterprises, per);
        budget -= per;
        tally.subsidy_yuan += static_cast<double>(per) / 100.0;
        ent.jobs[e] += extra;
        funds.extra_jobs[e] = extra;
      }
    }
    // What is left below one subsidy pays one more with probability left / per (in expectation
    // the budget): a small place's share of a county programme is a chance of one subsidy, not
    // nothing. With funds off the rest is appropriated for it; with funds on the industry
    // account must hold it.
    if (per > 0 && budget > 0 && budget < per) {
      const double u =
          rng.uniforms(0, region.region_id, m, Stream::kEnterprise, draw::kSubsidyLottery)[0];
      std::uint32_t e = 0;
      while (e < ent.n() && !(ent.alive[e] && !ent.subsidised[e])) ++e;
      const bool can_pay = !fp.enabled || ledger.left(FundAccount::kIndustry) >= per;
      if (e < ent.n() && can_pay && u < static_cast<double>(budget) / static_cast<double>(per)) {
        if (!fp.enabled) {
          ledger.post(month.offset, FundAccount::kExternal, FundAccount::kProgrammeBudgets,
                      per - budget);
          ledger.post(month.offset, FundAccount::kProgrammeBudgets, FundAccount::kIndustry,
                      per - budget);
        }
        ledger.post(month.offset, FundAccount::kIndustry, FundAccount::kEnterprises, per);
        budget = 0;
        tally.subsidy_yuan += static_cast<double>(per) / 100.0;
        ent.subsidised[e] = 1;
        ent.jobs[e] += extra;
        funds.extra_jobs[e] = extra;
      }
    }
    if (!fp.enabled)
      ledger.post(month.offset, FundAccount::kIndustry, FundAccount::kLapsed, budget);
    if (ep.layoff_elasticity > 0) lay_off(ent, hh, region_begin, ep, funds, month, rows, tally);
  }
  for (std::uint32_t e = 0; e < ent.n(); ++e) {
    if (!ent.alive[e]) continue;
    const EnterpriseKindParams& p = kind_params(ep, ent.kind[e]);
    double hazard =
        std::min(1.0, p.failure_hazard * std::exp(-ep.hazard_elasticity * ent.revenue[e]));
    if (ent.subsidised[e]) hazard *= ep.subsidy.failure_multiplier;
    const double u = rng.uniforms(e, region.region_id, m, Stream::kEnterprise)[0];
    if (u < monthly_probability(hazard)) {
      const std::size_t before = ent.seekers.size();
      fail_enterprise(ent, hh, region_begin, e, month.offset, ep);
      tally.failed += 1;
      tally.laid_off += static_cast<double>(ent.seekers.size() - before);
    }
  }
  if (changed) {
    // Failures and hires kept the link columns current; the entrants' households (and, when
    // dividends follow revenue, the shareholders) need them.
    for (std::size_t l = first_new; l < ent.links.size(); ++l)
      rows.push_back(ent.links[l].household);
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    ent.rebuild_graph();
    refresh_rows(ent, hh, region_begin, rows);
  }
  return changed;
}

bool labour_market(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                   const MonthContext& month, const RegionMonth& region, const Rng& rng,
                   EnterpriseTally& tally) {
  const LabourMarketParams& lp = region.params->labour;
  const auto m = static_cast<std::uint32_t>(month.offset);
  std::size_t vacancies = 0;
  for (std::size_t e = 0; e < ent.n(); ++e)
    if (ent.alive[e]) vacancies += ent.jobs[e] - ent.filled[e];
  if (vacancies == 0) return false;
  auto key_of = [&](std::uint32_t row) {
    return std::make_tuple(tier_of(hh, region_begin + row, lp.priority_monitored_lifted),
                           rng.words(row, region.region_id, m, Stream::kLabour)[0], row);
  };
  // Job seekers first, in (priority, random key) order; those who can no longer work leave.
  std::erase_if(ent.seekers, [&](std::uint32_t row) { return !can_work(hh, region_begin + row); });
  std::sort(ent.seekers.begin(), ent.seekers.end());
  ent.seekers.erase(std::unique(ent.seekers.begin(), ent.seekers.end()), ent.seekers.end());
  std::sort(ent.seekers.begin(), ent.seekers.end(),
            [&](std::uint32_t a, std::uint32_t b) { return key_of(a) < key_of(b); });
  std::size_t next_seeker = 0;
  std::uint32_t draw = 0;
  bool changed = false;
  for (std::uint32_t e = 0; e < ent.n(); ++e) {
    while (ent.alive[e] && ent.filled[e] < ent.jobs[e]) {
      std::uint32_t row = 0;
      bool found = false;
      if (next_seeker < ent.seekers.size()) {
        row = ent.seekers[next_seeker++];
        found = true;
      } else {
        // The best of candidates_per_vacancy households drawn at random.
        for (int c = 0; c < lp.candidates_per_vacancy; ++c, ++draw) {
          const std::uint32_t r =
              rng.words(draw, region.region_id, m, Stream::kLabour, 1)[0] % ent.n_households;
          if (!can_work(hh, region_begin + r)) continue;
          if (!found || key_of(r) < key_of(row)) row = r;
          found = true;
        }
      }
      if (!found) break;
      hire(ent, hh, region_begin, e, row);
      tally.hires += 1;
      changed = true;
    }
  }
  ent.seekers.erase(ent.seekers.begin(),
                    ent.seekers.begin() + static_cast<std::ptrdiff_t>(next_seeker));
  return changed;
}

void hire(RegionEnterprises& ent, Households& hh, std::size_t region_begin, std::uint32_t e,
          std::uint32_t row) {
  const std::size_t i = region_begin + row;
  hh.link_kinds[i] |= bit(LinkKind::kEmployment);
  hh.link_wage[i] += ent.wage[e];
  hh.flags[i] |= hh_flag::kLinked;
  hh.mon_flags[i] |= mon_flag::kEverLinked;
  ent.links.push_back({row, e, LinkKind::kEmployment, 0, ent.wage[e]});
  ent.filled[e] += 1;
}

std::uint32_t first_vacancy(const RegionEnterprises& ent, std::uint32_t from) {
  std::uint32_t e = from;
  while (e < ent.n() && !(ent.alive[e] && ent.filled[e] < ent.jobs[e])) ++e;
  return e;
}

void settle_transport_subsidies(Households& hh, const std::vector<std::uint32_t>& movers,
                                const MonthContext& month, const RegionMonth& region,
                                double& budget_left, RegionLedger& ledger, EnterpriseTally& tally) {
  const double amount = region.params->labour.transport_subsidy.amount;
  if (amount <= 0) return;
  const Fen fen = to_fen(amount);
  const bool appropriate = !region.params->funds.enabled;
  for (const std::uint32_t i : movers) {
    if (budget_left < amount) break;
    if (appropriate) {  // the plain budget: appropriated as it is paid
      ledger.post(month.offset, FundAccount::kExternal, FundAccount::kProgrammeBudgets, fen);
      ledger.post(month.offset, FundAccount::kProgrammeBudgets, FundAccount::kEmployment, fen);
    }
    if (!ledger.spend(month.offset, FundAccount::kEmployment, FundAccount::kHouseholds, fen)) break;
    budget_left -= amount;
    credit_income(hh, i, month, amount);
    tally.transport_workers += 1;
    tally.transport_yuan += amount;
  }
}

}  // namespace povsim
