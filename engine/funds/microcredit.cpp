#include "funds/microcredit.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "core/block_reduce.hpp"
#include "core/philox_batch.hpp"
#include "phases/assistance.hpp"

namespace povsim {

namespace {

bool eligible(const Households& hh, std::size_t i) {
  return hh.labour[i] != LabourClass::kNone &&
         ((hh.flags[i] & hh_flag::kLifted) || hh.category[i] != Category::kNone) &&
         !(hh.mon_flags[i] & (mon_flag::kBorrower | mon_flag::kDefaulted));
}

}  // namespace

void microcredit_month(FundState& fs, Households& hh, std::size_t region_begin,
                       std::size_t region_end, const MonthContext& month, const RegionMonth& region,
                       const RegionShockState& shocks, const Rng& rng) {
  const MicrocreditParams& mp = region.params->funds.microcredit;
  RegionLedger& L = fs.ledger;
  const int m = month.offset;
  const auto n = static_cast<std::uint32_t>(region_end - region_begin);
  if (mp.enabled && n > 0 && (month.date.month == 1 || m == 0)) {
    const auto u0 = rng.uniforms(0, region.region_id, static_cast<std::uint32_t>(m), Stream::kFunds,
                                 draw::kNewLoan);
    auto target = static_cast<std::size_t>(mp.new_loans_per_1000_households * n / 1000.0 +
                                           u0[0]);  // stochastic rounding
    // Banks lend against the risk compensation fund (风险补偿金): the outstanding principal may
    // reach `leverage` times its balance, so the fund's money, and what defaults take from it,
    // decide how many new loans the year can make.
    if (mp.leverage > 0 && region.params->funds.enabled && mp.loan > 0) {
      double outstanding = 0;
      for (const Loan& l : fs.loans) outstanding += static_cast<double>(l.principal) / 100.0;
      const double room =
          mp.leverage * static_cast<double>(L.left(FundAccount::kRiskCompensation)) / 100.0 -
          outstanding;
      target = std::min(target, static_cast<std::size_t>(std::max(0.0, room / mp.loan)));
    }
    const float gain = static_cast<float>(
        mp.loan * (mp.return_rate - mp.interest_rate * (1.0 - mp.interest_subsidy_share)));
    std::size_t made = 0;
    const std::size_t max_draws = 8 * target + 64;
    for (std::uint32_t d = 0; d < max_draws && made < target; ++d) {
      const auto w = rng.words(d + 1, region.region_id, static_cast<std::uint32_t>(m),
                               Stream::kFunds, draw::kNewLoan);
      for (int j = 0; j < 4 && made < target; ++j) {
        const std::uint32_t row = w[j] % n;
        const std::size_t i = region_begin + row;
        if (!eligible(hh, i)) continue;
        hh.mon_flags[i] |= mon_flag::kBorrower;
        hh.operating[i] += gain;
        fs.loans.push_back({row, m, m + mp.term_months, to_fen(mp.loan), gain});
        fs.tally.loans_made += 1;
        ++made;
      }
    }
  }
  if (fs.loans.empty()) return;
  const double monthly_default = mp.default_probability / 12.0;
  const bool disaster = shocks.disaster_active(m);
  const double affected = region.params->shocks.disaster.affected_share;
  // Draws and interest per loan in fixed blocks (in parallel: they read households only), then
  // the postings and state changes in loan order.
  const std::size_t n_loans = fs.loans.size();
  std::vector<Fen> interest(n_loans);
  std::vector<std::uint8_t> outcome(n_loans);  // 0 runs on, 1 repaid, 2 defaulted
  auto interest_on = [&](Fen principal) {
    return to_fen(static_cast<double>(principal) / 100.0 * mp.interest_rate / 12.0 *
                  mp.interest_subsidy_share);
  };
  tbb::parallel_for(std::size_t{0}, n_loans, kReduceBlock, [&](std::size_t b) {
    const std::size_t e = std::min(n_loans, b + kReduceBlock);
    // The loans' draws eight at a time (the same words as Rng::words per loan).
    std::vector<std::uint32_t> rows(e - b);
    std::array<std::vector<std::uint32_t>, 4> w;  // words 2 and 3 go unused
    for (auto& v : w) v.resize(e - b);
    for (std::size_t k = b; k < e; ++k) rows[k - b] = fs.loans[k].row;
    philox_batch(rng, rows.data(), e - b, region.region_id, static_cast<std::uint32_t>(m),
                 Stream::kFunds, draw::kLoanDefault, w[0].data(), w[1].data(), w[2].data(),
                 w[3].data());
    Fen last_principal = -1, last_interest = 0;  // loans mostly share one size
    // The borrowers are scattered over the region (loans are kept in the order they were made):
    // their flags are fetched well ahead of use, so the cache misses overlap.
    constexpr std::size_t kAhead = 24;
    for (std::size_t k = b; k < std::min(e, b + kAhead); ++k)
      __builtin_prefetch(&hh.mon_flags[region_begin + rows[k - b]]);
    for (std::size_t k = b; k < e; ++k) {
      if (k + kAhead < e) __builtin_prefetch(&hh.mon_flags[region_begin + rows[k + kAhead - b]]);
      const Loan& loan = fs.loans[k];
      const std::size_t i = region_begin + loan.row;
      if (loan.principal != last_principal) {
        last_principal = loan.principal;
        last_interest = interest_on(loan.principal);
      }
      interest[k] = last_interest;
      const double u0 = Rng::to_unit(w[0][k - b]);
      const double u1 = Rng::to_unit(w[1][k - b]);
      const bool shocked =
          (hh.mon_flags[i] & (mon_flag::kShockedThisYear | mon_flag::kLostLinkThisYear)) ||
          (disaster && u1 < affected);
      const double p =
          std::min(1.0, monthly_default * (shocked ? mp.shock_default_multiplier : 1.0));
      outcome[k] = u0 < p ? 2 : m >= loan.due ? 1 : 0;
    }
  });
  // The fund's part of the interest (贴息) goes to the banks: at once when the account can pay
  // it all, else loan by loan while it lasts (the others' households pay it themselves).
  Fen total = 0;
  for (Fen f : interest) total += f;
  if (!L.spend(m, FundAccount::kMicrocreditSubsidy, FundAccount::kOutlays, total))
    for (std::size_t k = 0; k < n_loans; ++k)
      if (!L.spend(m, FundAccount::kMicrocreditSubsidy, FundAccount::kOutlays, interest[k]))
        credit_income(hh, region_begin + fs.loans[k].row, month,
                      -static_cast<double>(interest[k]) / 100.0);
  const int slot = month.date.month - 1;
  for (std::size_t k = 0; k < n_loans; ++k) {
    Loan& loan = fs.loans[k];
    const std::size_t i = region_begin + loan.row;
    bool write_off = false;
    if (loan.in_arrears) {
      // Arrears (逾期): after any grace, a share of the month's net income goes to the bank
      // until the principal is repaid; past arrears_max_months the loan is written off.
      if (m >= loan.due) {
        const double net = hh.month_income[slot][i] * static_cast<double>(kRingYuan) * hh.size[i];
        const Fen pay =
            std::min(loan.principal, to_fen(mp.arrears_repayment_share * std::max(0.0, net)));
        if (pay > 0) {
          credit_income(hh, i, month, -static_cast<double>(pay) / 100.0);
          loan.principal -= pay;
          fs.tally.arrears_yuan += static_cast<double>(pay) / 100.0;
        }
        if (loan.principal == 0) {
          hh.mon_flags[i] &= static_cast<std::uint16_t>(~mon_flag::kBorrower);
          continue;
        }
        write_off = ++loan.arrears_months > mp.arrears_max_months;
      }
    } else if (outcome[k] == 1) {  // repaid at term from the investment
      hh.operating[i] = std::max(0.0f, hh.operating[i] - loan.operating_gain);
      hh.mon_flags[i] &= static_cast<std::uint16_t>(~mon_flag::kBorrower);
      loan.principal = 0;
      continue;
    } else if (outcome[k] == 2) {
      // The investment fails: its income ends and the principal is owed from the household's
      // own income, after one extension's grace (展期) when the policy allows it.
      hh.operating[i] = std::max(0.0f, hh.operating[i] - loan.operating_gain);
      loan.operating_gain = 0;
      loan.in_arrears = 1;
      fs.tally.arrears += 1;
      loan.due = m;
      if (mp.extension_months > 0 && !loan.extended) {
        loan.extended = 1;
        loan.due = m + mp.extension_months;
        fs.tally.extended += 1;
      }
      write_off = mp.arrears_max_months == 0 && mp.extension_months == 0;
    }
    if (!write_off) continue;
    hh.mon_flags[i] &= static_cast<std::uint16_t>(~mon_flag::kBorrower);
    hh.mon_flags[i] |= mon_flag::kDefaulted;
    const Fen claim = to_fen(static_cast<double>(loan.principal) / 100.0 * mp.compensation_share);
    const Fen paid = std::min(claim, L.left(FundAccount::kRiskCompensation));
    L.post(m, FundAccount::kRiskCompensation, FundAccount::kOutlays, paid);
    fs.tally.loan_defaults += 1;
    fs.tally.defaulted_yuan += static_cast<double>(loan.principal) / 100.0;
    fs.tally.compensated_yuan += static_cast<double>(paid) / 100.0;
    loan.principal = 0;  // written off
  }
  std::erase_if(fs.loans, [](const Loan& l) { return l.principal == 0; });
}

void consumption_month(FundState& fs, Households& hh, std::size_t region_begin,
                       const RegionEnterprises& ent, const MonthContext& month,
                       const RegionMonth& region) {
  const double yuan = region.params->funds.consumption_per_household / 12.0;
  const Fen fen = to_fen(yuan);
  if (fen <= 0 || fs.ledger.left(FundAccount::kConsumption) < fen) return;
  auto linked = [&](const Link& l) { return l.kind == LinkKind::kContract && ent.live(l); };
  // One posting when the account can buy from every linked household, else link by link.
  Fen households = 0;
  for (const Link& l : ent.links) households += linked(l) ? 1 : 0;
  const bool all = fs.ledger.spend(month.offset, FundAccount::kConsumption,
                                   FundAccount::kHouseholds, households * fen);
  if (all) {
    // Paid in one posting: the credits touch one household each (at most one contract link per
    // household), so they go side by side.
    tbb::parallel_for(std::size_t{0}, ent.links.size(), kReduceBlock, [&](std::size_t b) {
      const std::size_t e = std::min(ent.links.size(), b + kReduceBlock);
      for (std::size_t k = b; k < e; ++k)
        if (linked(ent.links[k]))
          credit_income(hh, region_begin + ent.links[k].household, month,
                        static_cast<double>(fen) / 100.0);
    });
    fs.tally.consumption_households += static_cast<double>(households) / 12.0;
    return;
  }
  for (const Link& l : ent.links) {
    if (!linked(l)) continue;
    if (!fs.ledger.spend(month.offset, FundAccount::kConsumption, FundAccount::kHouseholds, fen))
      break;
    credit_income(hh, region_begin + l.household, month, static_cast<double>(fen) / 100.0);
    fs.tally.consumption_households += 1.0 / 12.0;
  }
}

}  // namespace povsim
