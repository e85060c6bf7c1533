#include "funds/ledger.hpp"

#include <cmath>
#include <stdexcept>

namespace povsim {

std::string_view fund_account_name(FundAccount a) {
  static constexpr std::array<std::string_view, kFundAccountCount> names{
      "central",     "provincial",
      "county",      "paired",
      "donations",   "programme_budgets",
      "pool",        "industry",
      "employment",  "infrastructure",
      "risk_relief", "public_jobs",
      "training",    "medical",
      "dibao",       "microcredit_subsidy",
      "consumption", "risk_compensation",
      "households",  "enterprises",
      "outlays",     "lapsed"};
  const auto i = static_cast<std::size_t>(a);
  return i < names.size() ? names[i] : "external";
}

Fen to_fen(double yuan) { return static_cast<Fen>(std::llround(yuan * 100.0)); }

void RegionLedger::post(int month, FundAccount from, FundAccount to, Fen fen) {
  if (fen == 0) return;
  if (fen < 0) throw std::logic_error("ledger: negative posting");
  if (from != FundAccount::kExternal) {
    balance[static_cast<int>(from)] -= fen;
    outflow[static_cast<int>(from)] += fen;
    if (is_sink(to) && to != FundAccount::kLapsed) paid[static_cast<int>(from)] += fen;
  }
  balance[static_cast<int>(to)] += fen;
  inflow[static_cast<int>(to)] += fen;
  if (!journal.empty() && journal.back().month != month) month_begin = journal.size();
  if (cached_month != month) {  // a new month, or a ledger just restored: index this month's
    cached_month = month;
    entry_of.fill(-1);
    for (std::size_t k = month_begin; k < journal.size(); ++k)
      if (journal[k].month == month)
        entry_of[static_cast<std::size_t>(journal[k].from) * (kFundAccountCount + 1) +
                 static_cast<std::size_t>(journal[k].to)] = static_cast<std::int32_t>(k);
  }
  std::int32_t& at =
      entry_of[static_cast<std::size_t>(from) * kFundAccountCount + static_cast<std::size_t>(to)];
  if (at >= 0) {
    journal[static_cast<std::size_t>(at)].fen += fen;
    return;
  }
  at = static_cast<std::int32_t>(journal.size());
  journal.push_back({month, from, to, fen});
}

std::vector<FundYearRow> RegionLedger::close_year(int year, std::uint32_t region) {
  std::vector<FundYearRow> rows;
  rows.reserve(kFundAccountCount);
  for (int k = 0; k < kFundAccountCount; ++k) {
    rows.push_back(
        {year, region, static_cast<FundAccount>(k), opening[k], inflow[k], outflow[k], balance[k]});
    opening[k] = balance[k];
    inflow[k] = 0;
    outflow[k] = 0;
    paid[k] = 0;
  }
  return rows;
}

}  // namespace povsim
