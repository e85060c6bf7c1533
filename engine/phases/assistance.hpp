#pragma once
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/rng.hpp"
#include "funds/ledger.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"
#include "phases/household_income.hpp"
#include "phases/schedule.hpp"

namespace povsim {

/// The 帮扶 programmes, each with its own budget per region and year.
enum class Programme : int {
  kEmployment,
  kTraining,
  kIndustry,
  kPublicJobs,
  kSocialAssistance,
  kMedical,
  kRiskRelief,
  kCount
};
inline constexpr int kProgrammeCount = static_cast<int>(Programme::kCount);
std::string_view programme_name(Programme p);

/// The ledger account that pays for a programme, and where the money goes: placement and
/// training services are outlays (providers); the rest reaches households (industry support in
/// kind, 公益性岗位 wages for the post's term at hiring, 兜底, medical assistance, relief).
FundAccount programme_account(Programme p);
FundAccount programme_sink(Programme p);

/// A region's programme money for the assistance phase: a view of its fund ledger (the accounts
/// are opened in phase 2, see funds/fund_state.hpp). Spending posts account → sink in fen.
struct Budgets {
  RegionLedger* ledger = nullptr;
  int month = 0;
  /// Yuan left in the account that pays for `p`.
  double left(Programme p) const {
    return static_cast<double>(ledger->left(programme_account(p))) / 100.0;
  }
  bool spend(Programme p, double yuan) {
    return ledger->spend(month, programme_account(p), programme_sink(p), to_fen(yuan));
  }
};

/// Money paid to (or, negative, by) a household this month counts in this month's income (and
/// its record).
void credit_income(Households& hh, std::size_t i, const MonthContext& month, double yuan);

struct AssistanceTally {
  std::array<double, kProgrammeCount> households{};
  std::array<double, kProgrammeCount> yuan{};
  double placed_local = 0;     // employment placements into a local enterprise vacancy
  double placed_transfer = 0;  // … into migrant work (点对点 transfer employment)
  void add(const AssistanceTally& o);
};

/// Third layer of 三重保障: pays this month's medical-assistance claims in household order while
/// the budget lasts (the household's income for the month rises by what is paid).
AssistanceTally settle_medical_claims(Households& hh, const std::vector<MedicalClaim>& claims,
                                      const MonthContext& month, Budgets& budgets);

/// Programmes (bit `1 << Programme`) a monitored household could be offered, budgets aside:
/// "产业+就业双保险" for strong labour (a job if none, training, an industry), an industry and a
/// 公益性岗位 for weak labour, 兜底 for no labour under the 低保 standard, and a risk-relief
/// payout for sudden hardship — each at most once. These are its standing offers: state nothing
/// between the household pass and assistance changes, so the pass works them out while the
/// household's columns are in cache.
unsigned standing_offers(const Households& hh, std::size_t i, const RegionMonth& region);
/// The programmes it can be offered now: its standing offers, less risk relief unless its
/// 12-month income is under the monitoring line (this month's medical and transport payments
/// may still have raised it after the pass).
unsigned eligible_programmes(const Households& hh, std::size_t i, const RegionMonth& region,
                             unsigned standing);
/// A monitored household's standing offers in one byte, with kStandingDenied set if it was
/// already turned away for lack of budget this year (the flag stays for the year).
inline constexpr unsigned kStandingProgrammes = (1u << kProgrammeCount) - 1;
inline constexpr unsigned kStandingDenied = 0x80;
std::uint8_t standing_byte(const Households& hh, std::size_t i, const RegionMonth& region);
/// standing_byte of each household in `monitored`.
std::vector<std::uint8_t> standing_offers(const Households& hh,
                                          const std::vector<std::uint32_t>& monitored,
                                          const RegionMonth& region);

/// Phase 8 for one region: offers help to monitored households in a deterministic priority order
/// (alert colour, then a random key): employment placement (into the region's enterprise
/// vacancies, else migrant work), training and industry support for
/// labour households ("产业+就业双保险"), 公益性岗位 for weak labour, 兜底 for no labour,
/// risk-relief payouts for sudden hardship; each offer limited by its programme's budget and taken
/// up according to 内生动力 and cadre pairing.
/// `standing` holds the standing_byte of each monitored household.
AssistanceTally assist(Households& hh, RegionEnterprises& ent, std::size_t region_begin,
                       const std::vector<std::uint32_t>& monitored,
                       const std::vector<std::uint8_t>& standing, const MonthContext& month,
                       const RegionMonth& region, Budgets& budgets, const Rng& rng);

}  // namespace povsim
