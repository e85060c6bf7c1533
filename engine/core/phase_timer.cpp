#include "core/phase_timer.hpp"

namespace povsim {

std::string_view phase_name(Phase phase) {
  switch (phase) {
    case Phase::kSchedule:
      return "schedule";
    case Phase::kYearStart:
      return "year_start";
    case Phase::kFundsIn:
      return "funds_in";
    case Phase::kTransportSubsidy:
      return "transport_subsidy";
    case Phase::kCovariateShocks:
      return "covariate_shocks";
    case Phase::kEnterprises:
      return "enterprises";
    case Phase::kLabour:
      return "labour";
    case Phase::kHouseholds:
      return "households";
    case Phase::kMonitoring:
      return "monitoring";
    case Phase::kAssistance:
      return "assistance";
    case Phase::kIndustryProjects:
      return "industry_projects";
    case Phase::kRiskElimination:
      return "risk_elimination";
    case Phase::kYearClose:
      return "year_close";
    case Phase::kCount:
      break;
  }
  return "?";
}

}  // namespace povsim
