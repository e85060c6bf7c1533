#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace povsim {

/// Accounts of the fund ledger: sources (money entering the region's funds), the pool they are
/// integrated into (统筹整合), programme accounts, and sinks (where money leaves the funds).
enum class FundAccount : std::uint8_t {
  kCentral,           // 中央衔接资金
  kProvincial,        // 省级
  kCounty,            // 市县级
  kPaired,            // 援疆 / 东西部协作
  kDonations,         // enterprise and social donations
  kProgrammeBudgets,  // funds off: the programme budgets (budget_per_household) as one source
  kPool,              // the year's sources before allocation
  kIndustry,
  kEmployment,
  kInfrastructure,
  kRiskRelief,
  kPublicJobs,
  kTraining,
  kMedical,
  kDibao,
  kMicrocreditSubsidy,
  kConsumption,
  kRiskCompensation,
  kHouseholds,   // sink: paid to households (cash, wages, in-kind industry support)
  kEnterprises,  // sink: subsidies to enterprises
  kOutlays,      // sink: infrastructure works, training and placement providers, banks
  kLapsed,       // sink: unspent money returned at year end (or withdrawn by a policy)
  kCount,
  kExternal = kCount  // outside the ledger: the origin of source money (no row of its own)
};
inline constexpr int kFundAccountCount = static_cast<int>(FundAccount::kCount);
std::string_view fund_account_name(FundAccount a);
inline constexpr bool is_source(FundAccount a) { return a <= FundAccount::kProgrammeBudgets; }
inline constexpr bool is_programme(FundAccount a) {
  return a >= FundAccount::kIndustry && a <= FundAccount::kRiskCompensation;
}
inline constexpr bool is_sink(FundAccount a) {
  return a >= FundAccount::kHouseholds && a < FundAccount::kCount;
}

/// Money in integer fen (1/100 yuan). Yuan from the model are rounded to the nearest fen once,
/// at the point of posting, so every sum in the ledger is exact.
using Fen = std::int64_t;
Fen to_fen(double yuan);

/// One posting: `fen` moved from one account to another in a month of the period.
struct Movement {
  std::int32_t month = 0;  // offset from the period's start
  FundAccount from = FundAccount::kExternal;
  FundAccount to = FundAccount::kExternal;
  Fen fen = 0;
};

/// One row of funds.csv before formatting: an account's year in one region.
struct FundYearRow {
  int year = 0;
  std::uint32_t region = 0;
  FundAccount account = FundAccount::kCentral;
  Fen opening = 0, inflow = 0, outflow = 0, closing = 0;
};

/// The ledger of one region: balances in fen, this year's flows, and the journal of movements
/// (postings of the same month and pair of accounts are merged into one entry). Plain members
/// only, so that a checkpoint can copy it as it is.
struct RegionLedger {
  std::array<Fen, kFundAccountCount> balance{};
  std::array<Fen, kFundAccountCount> opening{};  // this year's
  std::array<Fen, kFundAccountCount> inflow{};
  std::array<Fen, kFundAccountCount> outflow{};
  std::array<Fen, kFundAccountCount> paid{};  // this year's outflow to sinks other than kLapsed
  std::vector<Movement> journal;
  std::size_t month_begin = 0;  // first journal entry of the current month
  /// This month's journal entry of each (from, to) pair, or −1: a cache rebuilt from the
  /// journal when needed (not saved in checkpoints).
  int cached_month = std::numeric_limits<int>::min();
  std::array<std::int32_t, (kFundAccountCount + 1) * (kFundAccountCount + 1)>
      entry_of{};  // + kExternal

  /// Moves `fen` (≥ 0) between accounts. The journal merges it with this month's entry for the
  /// same pair. Money leaves only accounts that hold it (sources come from kExternal).
  void post(int month, FundAccount from, FundAccount to, Fen fen);
  /// Pays `fen` from `account` to `sink` if the account holds that much.
  bool spend(int month, FundAccount account, FundAccount sink, Fen fen) {
    if (fen > balance[static_cast<int>(account)]) return false;
    post(month, account, sink, fen);
    return true;
  }
  Fen left(FundAccount a) const { return balance[static_cast<int>(a)]; }
  /// The year's rows (every account, opening + inflow − outflow = closing) and a new year's start.
  std::vector<FundYearRow> close_year(int year, std::uint32_t region);
};

}  // namespace povsim
