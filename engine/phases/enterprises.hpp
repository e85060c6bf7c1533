#pragma once
#include <cstdint>
#include <vector>

#include "core/rng.hpp"
#include "funds/fund_state.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// Enterprise and labour-market flows of one region over a year (counts at the end of the year
/// are overwritten, flows added).
struct EnterpriseTally {
  double alive = 0;           // at the end of the period summed
  double failed = 0;          // during the period
  double entered = 0;         // during the period
  double hires = 0;           // vacancies filled
  double laid_off = 0;        // workers sent to the labour market by failures and lay-offs
  double workers_lifted = 0;  // employment links of lifted households (end of the period)
  double subsidy_yuan = 0;
  double revenue_index = 0;      // Σ exp(log revenue) over enterprises alive (end of the period)
  double transport_workers = 0;  // lifted workers paid the transport subsidy
  double transport_yuan = 0;
  void add(const EnterpriseTally& o);
};

/// Creates a region's enterprises from the scenario and links them with households (rows
/// [region_begin, region_end) of `hh`); builds the graph and the households' link columns.
RegionEnterprises synthesize_enterprises(Households& hh, std::size_t region_begin,
                                         std::size_t region_end, const RegionMonth& region,
                                         const Rng& rng);

/// Fails enterprise `e`: ends exactly its links (returns how many; they leave `links` at the
/// next rebuild), refreshes the link columns of the households that had them and marks them
/// (mon_flag::kLostLinkThisYear) and records the year's link income lost, net of the own income
/// it gives back (`p`'s carve-out), as their loss of `month` (cause accounting); its workers
/// become job seekers.
std::size_t fail_enterprise(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                            std::uint32_t e, int month, const EnterpriseParams& p);

/// Rebuilds the graph (dropping ended links) and every household's link columns.
void refresh_links(RegionEnterprises& ent, Households& hh, std::size_t region_begin);

/// Phase 4 (enterprises): in January entry, revenues (log revenue: persistence × last year's +
/// sector swing + price_elasticity × log of the region's farm-gate price swing + own shock),
/// dividends, subsidies and the yearly graph rebuild; failures every month, with the hazard
/// × exp(−hazard_elasticity × log revenue). Returns true when links changed. Subsidies (奖补) are
/// paid from the region's industry account to enterprises in enterprise order: with funds off up
/// to the subsidy budget, with funds on up to enterprise_share_of_industry of the account; a
/// subsidised enterprise fails less and adds funds.enterprise_extra_jobs slots for the year.
bool enterprise_month(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                      const MonthContext& month, const RegionMonth& region, const Rng& rng,
                      double price_multiplier, EnterpriseTally& tally, FundState& funds);

/// Phase 5 (labour market): vacancies filled from the job seekers, then from households drawn at
/// random, the best of each vacancy's candidates by (priority, random key). New jobs update the
/// households' link columns at once (pending links until the next rebuild). Returns true when
/// links changed.
bool labour_market(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                   const MonthContext& month, const RegionMonth& region, const Rng& rng,
                   EnterpriseTally& tally);

/// The first live enterprise (in enterprise order) with an open job slot, or ent.n() if none;
/// the search starts at `from` when the caller knows no enterprise before it has one (hires only
/// ever close slots).
std::uint32_t first_vacancy(const RegionEnterprises& ent, std::uint32_t from = 0);

/// Gives household `row` (row within the region) a job at enterprise e: an employment link,
/// pending until the next rebuild, and the household's link columns updated at once.
void hire(RegionEnterprises& ent, Households& hh, std::size_t region_begin, std::uint32_t e,
          std::uint32_t row);

/// Pays the one-off transport subsidy to this month's lifted migrant-job finders (`movers`, global
/// rows in household order) from the employment account while it and `budget_left` (yuan, this
/// year) cover one more payment; the payment counts in the month's income.
void settle_transport_subsidies(Households& hh, const std::vector<std::uint32_t>& movers,
                                const MonthContext& month, const RegionMonth& region,
                                double& budget_left, RegionLedger& ledger, EnterpriseTally& tally);

}  // namespace povsim
