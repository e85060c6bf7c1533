#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "funds/ledger.hpp"
#include "scenario/params.hpp"

namespace povsim {

/// One 小额信贷 loan (sparse: only borrowing households have one).
struct Loan {
  std::uint32_t row = 0;     // household row within the region
  std::int32_t start = 0;    // month offset the loan was made
  std::int32_t due = 0;      // month offset the principal is repaid
  Fen principal = 0;         // outstanding
  float operating_gain = 0;  // yuan/year added to the household's operating income
  // Arrears (逾期): the investment failed (its gain is gone) and the principal is repaid from the
  // household's income; months in arrears (counted after any extension) and whether the loan
  // was extended (展期) once.
  std::int16_t arrears_months = 0;
  std::uint8_t in_arrears = 0;
  std::uint8_t extended = 0;
};

/// What the region's funds did this year beyond the ledger (for the metrics).
struct FundTally {
  double loans_made = 0;
  double loan_defaults = 0;
  double defaulted_yuan = 0;
  double compensated_yuan = 0;
  double consumption_households = 0;
  double arrears = 0, extended = 0, arrears_yuan = 0;  // loans into arrears, extended; repaid
  // From the ledger at year end (yuan):
  std::array<double, 11> spent{};  // per programme account, in FundAccountRules order
  double sources = 0, to_households = 0, to_enterprises = 0, to_outlays = 0, lapsed = 0;
  double borrowers = 0, loan_balance = 0;  // at year end
  void add(const FundTally& o) {
    for (std::size_t k = 0; k < spent.size(); ++k) spent[k] += o.spent[k];
    sources += o.sources;
    to_households += o.to_households;
    to_enterprises += o.to_enterprises;
    to_outlays += o.to_outlays;
    lapsed += o.lapsed;
    borrowers += o.borrowers;
    loan_balance += o.loan_balance;
    loans_made += o.loans_made;
    loan_defaults += o.loan_defaults;
    defaulted_yuan += o.defaulted_yuan;
    compensated_yuan += o.compensated_yuan;
    consumption_households += o.consumption_households;
    arrears += o.arrears;
    extended += o.extended;
    arrears_yuan += o.arrears_yuan;
  }
};

/// All fund and loan state of one region, owned by the Simulation (plain members, so that a
/// checkpoint can write it and an MPI rank can own whole regions).
struct FundState {
  RegionLedger ledger;
  std::vector<Loan> loans;  // in the order made
  /// The programme budgets in force (funds off), per account, for a mid-year policy change.
  std::array<Fen, kFundAccountCount> annual{};
  std::vector<std::uint32_t> extra_jobs;  // job slots added to each enterprise by its subsidy
  FundTally tally;                        // this year
};

/// The ledger account that pays for a programme account rule (same order as FundAccountRules).
const FundAccountRule& account_rule(const FundAccountRules& rules, FundAccount a);

/// Phase 2. Each January (or at the period's start) the year's money enters the region's
/// accounts: with funds on, every source → pool → programme accounts (fixed amounts first, then
/// shares of the rest, rounding fen to the account with the largest share); with funds off, the
/// programme budgets (budget_per_household × households) as one source. `share` is the part of the
/// year left (1 in January). With funds off, a policy epoch that changes budgets mid-year adds or
/// withdraws the change pro rata (`new_year` false).
void appropriate(FundState& fs, const RegionParams& rp, std::size_t households, int year, int month,
                 double share, bool new_year);

/// At year end: each programme account's balance is carried over or lapses (to kLapsed).
void close_fund_year(FundState& fs, const RegionParams& rp, int month);

/// The year's fund figures for the metrics (from the ledger before it closes the year, and the
/// loan tally, which it resets).
FundTally fund_year_tally(FundState& fs);

/// Checks the allocation rules of a region against its sources for every year: fixed amounts
/// within the sources, shares that leave nothing unallocated, minimums that can be met. Returns
/// problems as (key path below `funds`, message).
std::vector<std::pair<std::string, std::string>> check_fund_rules(const FundParams& p,
                                                                  std::int64_t households,
                                                                  int first_year, int last_year);

}  // namespace povsim
