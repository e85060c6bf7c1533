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
  double laid_off = 0;        // workers sent to the labour market by failures
  double workers_lifted = 0;  // employment links of lifted households (end of the period)
  double subsidy_yuan = 0;
  void add(const EnterpriseTally& o);
};

/// Creates a region's enterprises from the scenario and links them with households (rows
/// [region_begin, region_end) of `hh`); builds the graph and the households' link columns.
RegionEnterprises synthesize_enterprises(Households& hh, std::size_t region_begin,
                                         std::size_t region_end, const RegionMonth& region,
                                         const Rng& rng);

/// Fails enterprise `e`: ends exactly its links (returns how many; they leave `links` at the
/// next rebuild), refreshes the link columns of the households that had them and marks them
/// (mon_flag::kLostLinkThisYear); its workers become job seekers.
std::size_t fail_enterprise(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                            std::uint32_t e);

/// Rebuilds the graph (dropping ended links) and every household's link columns.
void refresh_links(RegionEnterprises& ent, Households& hh, std::size_t region_begin);

/// Phase 4 (enterprises): in January sector shocks, entry, subsidies and the yearly graph
/// rebuild; failures every month. Returns true when links changed. Subsidies (奖补) are paid
/// from the region's industry account to enterprises in enterprise order: with funds off up to
/// the subsidy budget, with funds on up to enterprise_share_of_industry of the account; a
/// subsidised enterprise fails less and adds funds.enterprise_extra_jobs slots for the year.
bool enterprise_month(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                      const MonthContext& month, const RegionMonth& region, const Rng& rng,
                      std::vector<double>& hazard_multiplier, EnterpriseTally& tally,
                      FundState& funds);

/// Phase 5 (labour market): vacancies filled from the job seekers, then from households drawn at
/// random, the best of each vacancy's candidates by (priority, random key). New jobs update the
/// households' link columns at once (pending links until the next rebuild). Returns true when
/// links changed.
bool labour_market(RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                   const MonthContext& month, const RegionMonth& region, const Rng& rng,
                   EnterpriseTally& tally);

}  // namespace povsim
