#pragma once
#include "core/rng.hpp"
#include "funds/fund_state.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"
#include "phases/covariate_shocks.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// 小额信贷 for one region and month (sequential over its sparse loan list, so postings come in
/// loan order): each January new loans to eligible households (lifted or monitored, with labour,
/// no loan and no earlier default) invested in household industry (operating income rises by
/// loan × return_rate); each month the interest subsidy (贴息) is paid to the bank from
/// microcredit_subsidy (if the account is empty the household pays it); defaults with a
/// probability that rises in a year with a shock, the risk compensation fund paying the bank
/// its share; principal repaid at term end (the investment is withdrawn to repay it).
void microcredit_month(FundState& fs, Households& hh, std::size_t region_begin,
                       std::size_t region_end, const MonthContext& month, const RegionMonth& region,
                       const RegionShockState& shocks, const Rng& rng);

/// 消费帮扶 for one region and month: the consumption account buys extra produce from each
/// household with a contract-farming link to a living enterprise (consumption_per_household / 12
/// a month, in link order while the account lasts), raising its operating income.
void consumption_month(FundState& fs, Households& hh, std::size_t region_begin,
                       const RegionEnterprises& ent, const MonthContext& month,
                       const RegionMonth& region);

}  // namespace povsim
