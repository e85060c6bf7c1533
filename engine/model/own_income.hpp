#pragma once
// What a household keeps of its own income beside its enterprise links (a light header: the
// household pass, the 2020 start and the 低保 assessment read it without the link graph).
#include <cstdint>

#include "scenario/params.hpp"

namespace povsim {

/// Bits of Households::link_kinds (bit k: a link of LinkKind k, model/enterprises.hpp).
inline constexpr std::uint8_t kEmploymentLinkBit = 1;
inline constexpr std::uint8_t kContractLinkBit = 2;
inline constexpr std::uint8_t kLeaseLinkBit = 4;

/// The shares of its own local wage and operating income a linked household keeps: a job takes
/// the hired worker's time (`job_replaces_own_wage` of one worker's share of the local wage), a
/// lease takes land (`lease_replaces_operating` of operating income). Links carve their income
/// out of the household's own rather than adding on top of it, so losing one hurts.
struct OwnIncomeKept {
  double wage = 1.0;
  double operating = 1.0;
};
inline OwnIncomeKept own_income_kept(std::uint8_t link_kinds, std::uint8_t workers,
                                     const EnterpriseParams& p) {
  OwnIncomeKept k;
  if ((link_kinds & kEmploymentLinkBit) && workers > 0)
    k.wage = 1.0 - p.job_replaces_own_wage / workers;
  if (link_kinds & kLeaseLinkBit) k.operating = 1.0 - p.lease_replaces_operating;
  return k;
}

}  // namespace povsim
