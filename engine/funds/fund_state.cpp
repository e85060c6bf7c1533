#include "funds/fund_state.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace povsim {

namespace {

constexpr std::array<FundAccount, 11> kProgrammeAccounts{
    FundAccount::kIndustry,    FundAccount::kEmployment,      FundAccount::kInfrastructure,
    FundAccount::kRiskRelief,  FundAccount::kPublicJobs,      FundAccount::kTraining,
    FundAccount::kMedical,     FundAccount::kDibao,           FundAccount::kMicrocreditSubsidy,
    FundAccount::kConsumption, FundAccount::kRiskCompensation};

constexpr std::array<FundAccount, 5> kSourceAccounts{FundAccount::kCentral,
                                                     FundAccount::kProvincial, FundAccount::kCounty,
                                                     FundAccount::kPaired, FundAccount::kDonations};

const FundSourceParams& source_of(const FundSources& s, FundAccount a) {
  switch (a) {
    case FundAccount::kProvincial:
      return s.provincial;
    case FundAccount::kCounty:
      return s.county;
    case FundAccount::kPaired:
      return s.paired;
    case FundAccount::kDonations:
      return s.donations;
    default:
      return s.central;
  }
}

double source_yuan(const FundSourceParams& s, std::int64_t households, int year) {
  return at_year(s.yuan, year) + at_year(s.per_household, year) * static_cast<double>(households);
}

double fixed_yuan(const FundAccountRule& r, std::int64_t households, int year) {
  return at_year(r.fixed, year) +
         at_year(r.fixed_per_household, year) * static_cast<double>(households);
}

/// The legacy programme budgets of a region per ledger account (yuan/year).
std::array<double, kFundAccountCount> legacy_budgets(const RegionParams& rp, std::size_t n) {
  const AssistanceParams& a = rp.assistance;
  const auto h = static_cast<double>(n);
  std::array<double, kFundAccountCount> b{};
  auto at = [&](FundAccount acc) -> double& { return b[static_cast<int>(acc)]; };
  at(FundAccount::kEmployment) = a.employment.budget_per_household * h;
  at(FundAccount::kTraining) = a.training.budget_per_household * h;
  at(FundAccount::kIndustry) = a.industry.budget_per_household * h;  // enterprise subsidies:
  // their own budget, opened in January by the enterprise phase (phases/enterprises.cpp)
  at(FundAccount::kPublicJobs) = a.public_jobs.budget_per_household * h;
  at(FundAccount::kMedical) = a.medical.budget_per_household * h;
  at(FundAccount::kDibao) = a.social_assistance.budget_per_household * h;
  at(FundAccount::kRiskRelief) = a.risk_relief.budget_per_household * h;
  return b;
}

}  // namespace

const FundAccountRule& account_rule(const FundAccountRules& r, FundAccount a) {
  switch (a) {
    case FundAccount::kEmployment:
      return r.employment;
    case FundAccount::kInfrastructure:
      return r.infrastructure;
    case FundAccount::kRiskRelief:
      return r.risk_relief;
    case FundAccount::kPublicJobs:
      return r.public_jobs;
    case FundAccount::kTraining:
      return r.training;
    case FundAccount::kMedical:
      return r.medical;
    case FundAccount::kDibao:
      return r.dibao;
    case FundAccount::kMicrocreditSubsidy:
      return r.microcredit_subsidy;
    case FundAccount::kConsumption:
      return r.consumption;
    case FundAccount::kRiskCompensation:
      return r.risk_compensation;
    default:
      return r.industry;
  }
}

void appropriate(FundState& fs, const RegionParams& rp, std::size_t households, int year, int month,
                 double share, bool new_year) {
  RegionLedger& L = fs.ledger;
  const FundParams& fp = rp.funds;
  if (!fp.enabled) {
    const auto budgets = legacy_budgets(rp, households);
    for (FundAccount acc : kProgrammeAccounts) {
      const int k = static_cast<int>(acc);
      const Fen annual = to_fen(budgets[k]);
      // New money this year (or the change a policy makes), for the months left.
      const Fen delta =
          new_year ? to_fen(budgets[k] * share)
                   : to_fen((budgets[k] - static_cast<double>(fs.annual[k]) / 100.0) * share);
      if (delta > 0) {
        L.post(month, FundAccount::kExternal, FundAccount::kProgrammeBudgets, delta);
        L.post(month, FundAccount::kProgrammeBudgets, acc, delta);
      } else if (delta < 0) {
        L.post(month, acc, FundAccount::kLapsed, std::min(L.left(acc), -delta));
      }
      fs.annual[k] = annual;
    }
    return;
  }
  if (!new_year) return;  // fund rules take effect each January
  fs.annual.fill(0);
  for (FundAccount src : kSourceAccounts) {
    const Fen fen = to_fen(
        source_yuan(source_of(fp.sources, src), static_cast<std::int64_t>(households), year) *
        share);
    L.post(month, FundAccount::kExternal, src, fen);
    L.post(month, src, FundAccount::kPool, fen);
  }
  const Fen total = L.left(FundAccount::kPool);
  Fen rest = total;
  for (FundAccount acc : kProgrammeAccounts) {
    const Fen fixed =
        std::min(rest, to_fen(fixed_yuan(account_rule(fp.accounts, acc),
                                         static_cast<std::int64_t>(households), year) *
                              share));
    L.post(month, FundAccount::kPool, acc, fixed);
    rest -= fixed;
  }
  const Fen shared = rest;
  FundAccount largest = FundAccount::kPool;
  double largest_share = 0;
  for (FundAccount acc : kProgrammeAccounts) {
    const double s = account_rule(fp.accounts, acc).share;
    const Fen part = std::min(rest, static_cast<Fen>(std::floor(s * static_cast<double>(shared))));
    L.post(month, FundAccount::kPool, acc, part);
    rest -= part;
    if (s > largest_share) {
      largest_share = s;
      largest = acc;
    }
  }
  // Fen lost to rounding go to the largest share; with no shares at all the rest lapses
  // (validation allows that only when nothing is left after the fixed amounts).
  L.post(month, FundAccount::kPool, largest == FundAccount::kPool ? FundAccount::kLapsed : largest,
         rest);
  // Infrastructure works are contracted and paid as the money arrives (an outlay: roads, water,
  // irrigation; their effect on incomes is not modelled).
  L.post(month, FundAccount::kInfrastructure, FundAccount::kOutlays,
         L.left(FundAccount::kInfrastructure));
}

void close_fund_year(FundState& fs, const RegionParams& rp, int month) {
  for (FundAccount acc : kProgrammeAccounts) {
    const bool carry = rp.funds.enabled && account_rule(rp.funds.accounts, acc).carry_over;
    if (!carry) fs.ledger.post(month, acc, FundAccount::kLapsed, fs.ledger.left(acc));
  }
}

FundTally fund_year_tally(FundState& fs) {
  const RegionLedger& L = fs.ledger;
  auto yuan = [](Fen f) { return static_cast<double>(f) / 100.0; };
  FundTally t = fs.tally;
  fs.tally = FundTally{};
  for (std::size_t k = 0; k < kProgrammeAccounts.size(); ++k)
    t.spent[k] = yuan(L.paid[static_cast<int>(kProgrammeAccounts[k])]);
  for (int k = 0; k <= static_cast<int>(FundAccount::kProgrammeBudgets); ++k)
    t.sources += yuan(L.inflow[k]);
  t.to_households = yuan(L.inflow[static_cast<int>(FundAccount::kHouseholds)]);
  t.to_enterprises = yuan(L.inflow[static_cast<int>(FundAccount::kEnterprises)]);
  t.to_outlays = yuan(L.inflow[static_cast<int>(FundAccount::kOutlays)]);
  t.lapsed = yuan(L.inflow[static_cast<int>(FundAccount::kLapsed)]);
  Fen balance = 0;
  for (const Loan& l : fs.loans) balance += l.principal;
  t.borrowers = static_cast<double>(fs.loans.size());
  t.loan_balance = yuan(balance);
  return t;
}

std::vector<std::pair<std::string, std::string>> check_fund_rules(const FundParams& p,
                                                                  std::int64_t households,
                                                                  int first_year, int last_year) {
  std::vector<std::pair<std::string, std::string>> problems;
  if (!p.enabled) return problems;
  static const char* kNames[] = {
      "industry",         "employment", "infrastructure", "risk_relief",         "public_jobs",
      "training",         "medical",    "dibao",          "microcredit_subsidy", "consumption",
      "risk_compensation"};
  auto yuan = [](Fen f) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(f / 100),
                  static_cast<long long>(f % 100));
    return std::string(buf);
  };
  // Each key's range allows amounts whose sum over sources, accounts and households does not
  // fit the ledger's 64-bit fen: check the year's totals in floating point before any fen sum.
  constexpr double kMaxYearYuan = 1e15;
  for (int y = first_year; y <= last_year; ++y) {
    double sources_yuan = 0;
    double fixed_yuan_sum = 0;
    for (FundAccount src : kSourceAccounts)
      sources_yuan += source_yuan(source_of(p.sources, src), households, y);
    for (FundAccount acc : kProgrammeAccounts)
      fixed_yuan_sum += fixed_yuan(account_rule(p.accounts, acc), households, y);
    for (const auto& [key, amount] :
         {std::pair{"sources", sources_yuan}, std::pair{"accounts", fixed_yuan_sum}})
      if (amount > kMaxYearYuan) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3g", amount);
        problems.push_back({key, std::string(key) + " of " + std::to_string(y) + " sum to " + buf +
                                     " yuan, more than povsim's limit of 1e15 yuan a year and "
                                     "region (are per_household amounts written as totals?)"});
      }
    if (!problems.empty()) break;
    Fen total = 0;
    for (FundAccount src : kSourceAccounts)
      total += to_fen(source_yuan(source_of(p.sources, src), households, y));
    const Fen central = to_fen(source_yuan(p.sources.central, households, y));
    Fen fixed = 0;
    double shares = 0;
    for (FundAccount acc : kProgrammeAccounts) {
      fixed += to_fen(fixed_yuan(account_rule(p.accounts, acc), households, y));
      shares += account_rule(p.accounts, acc).share;
    }
    const std::string year = std::to_string(y);
    if (!problems.empty()) break;  // the first year with a problem says enough
    if (fixed > total) {
      problems.push_back({"accounts", "fixed amounts of " + year + " sum to " + yuan(fixed) +
                                          " yuan, more than the year's sources (" + yuan(total) +
                                          " yuan)"});
      continue;
    }
    const Fen rest = total - fixed;
    if (rest > 0 && shares < 1.0 - 1e-9)
      problems.push_back({"accounts", "account shares sum to " + std::to_string(shares) +
                                          ", less than 1: " + yuan(rest) + " yuan of " + year +
                                          "'s sources left after fixed amounts would have no "
                                          "account"});
    for (std::size_t k = 0; k < kProgrammeAccounts.size(); ++k) {
      const FundAccountRule& r = account_rule(p.accounts, kProgrammeAccounts[k]);
      if (r.min_share_of_central <= 0) continue;
      const double got = static_cast<double>(to_fen(fixed_yuan(r, households, y))) +
                         r.share * static_cast<double>(rest);
      const double need = r.min_share_of_central * static_cast<double>(central);
      if (got + 1 < need)
        problems.push_back({std::string("accounts.") + kNames[k] + ".min_share_of_central",
                            "minimum cannot be met in " + year + ": the account gets " +
                                yuan(static_cast<Fen>(got)) + " yuan, below " +
                                std::to_string(r.min_share_of_central) + " of central funds (" +
                                yuan(central) + " yuan)"});
    }
  }
  return problems;
}

}  // namespace povsim
