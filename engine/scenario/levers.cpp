#include "scenario/levers.hpp"

#include <array>

namespace povsim {

namespace {

// The levers, as key patterns: `*` stands for one path segment. What is not listed describes the
// place (population, economy, shocks, its enterprises), a behaviour (take-up, self-report) or an
// assumed effect size; tests/sim/levers_test.cpp lists each such key with its reason.
constexpr std::array kLevers = {
    // 低保, 特困, 临时救助, pensions and medical insurance: standards and the rules of the test.
    "transfers.dibao.enabled",
    "transfers.dibao.standard",
    "transfers.dibao.assessment_interval_months",
    "transfers.dibao.exit_margin",
    "transfers.dibao.need_based",
    "transfers.dibao.imputed_wage_strong",
    "transfers.dibao.imputed_wage_weak",
    "transfers.dibao.asset_property_limit",
    "transfers.dibao.gradual_exit",
    "transfers.tekun.enabled",
    "transfers.tekun.standard",
    "transfers.temporary_assistance.*",
    "transfers.pension_per_elderly",
    "transfers.medical.*",
    // The monitoring line and the rules and capacity of 防返贫动态监测.
    "lines.monitoring",
    "monitoring.enabled",
    "monitoring.expense_shock_threshold",
    "monitoring.expense_shock_window_months",
    "monitoring.grid.workers_per_1000_households",
    "monitoring.grid.households_per_worker_per_screening",
    "monitoring.grid.screenings_per_month",
    "monitoring.department.enabled",
    "monitoring.department.data_lag_months",
    "monitoring.alert.*",
    "monitoring.risk_elimination_months",
    "monitoring.guarantee_fix_rate",
    "monitoring.covered_households_secure",
    "monitoring.risk_factor_required",
    "monitoring.pairing.cadres_per_1000_households",
    "monitoring.pairing.households_per_cadre",
    "monitoring.motivation.incentives",
    "monitoring.motivation.monthly_gain",
    "monitoring.sudden.*",
    "monitoring.procedure.*",
    // Every programme's budget and terms.
    "assistance.*.*",
    // 产业帮扶 projects: whether the money buys them, the mix of kinds, who qualifies, and how
    // much a project is (its cost and its stock).
    "assistance.industry.projects.enabled",
    "assistance.industry.projects.*.share",
    "assistance.industry.projects.*.strong_labour_only",
    "assistance.industry.projects.*.cost",
    "assistance.industry.projects.*.units",
    // 利益联结: the terms that link enterprises to households, and subsidies to enterprises.
    "enterprises.*.contract_households",
    "enterprises.*.contract_premium",
    "enterprises.*.lease_households",
    "enterprises.*.annual_rent",
    "enterprises.*.equity_households",
    "enterprises.*.share_value",
    "enterprises.*.dividend_rate",
    "enterprises.*.members",
    "enterprises.*.member_income",
    "enterprises.*.priority_share",
    "enterprises.contract_price_floor",
    "enterprises.subsidy.budget_per_household",
    "enterprises.subsidy.per_enterprise",
    "labour.priority_monitored_lifted",
    "labour.transport_subsidy.amount",
    "labour.transport_subsidy.budget_per_household",
    // Funds: sources, allocation rules, enterprise subsidies, 消费帮扶 and 小额信贷's terms.
    "funds.enabled",
    "funds.sources.*.*",
    "funds.accounts.*.share",
    "funds.accounts.*.fixed",
    "funds.accounts.*.fixed_per_household",
    "funds.accounts.*.carry_over",
    "funds.enterprise_share_of_industry",
    "funds.enterprise_extra_jobs",
    "funds.consumption_per_household",
    "funds.microcredit.enabled",
    "funds.microcredit.new_loans_per_1000_households",
    "funds.microcredit.loan",
    "funds.microcredit.term_months",
    "funds.microcredit.interest_subsidy_share",
    "funds.microcredit.compensation_share",
    "funds.microcredit.leverage",
    "funds.microcredit.extension_months",
};

}  // namespace

bool matches_key_pattern(std::string_view pattern, std::string_view path) {
  while (true) {
    const std::size_t pe = pattern.find('.');
    const std::size_t ke = path.find('.');
    const std::string_view ps = pattern.substr(0, pe);
    const std::string_view ks = path.substr(0, ke);
    const bool prefix = ps.size() > 1 && ps.back() == '*';
    if (ps != "*" && ps != ks && !(prefix && ks.starts_with(ps.substr(0, ps.size() - 1))))
      return false;
    if (pe == std::string_view::npos || ke == std::string_view::npos)
      return pe == std::string_view::npos && ke == std::string_view::npos;
    pattern.remove_prefix(pe + 1);
    path.remove_prefix(ke + 1);
  }
}

bool is_policy_lever(std::string_view path) {
  for (const std::string_view pattern : kLevers)
    if (matches_key_pattern(pattern, path)) return true;
  return false;
}

}  // namespace povsim
