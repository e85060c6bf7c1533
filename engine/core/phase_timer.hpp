#pragma once
#include <array>
#include <chrono>
#include <string_view>

namespace povsim {

/// The monthly phases, in the order Simulation::step_month runs them (one member of Simulation
/// each, sim/simulation.hpp; docs/architecture.md lists what each reads and writes).
enum class Phase : int {
  kSchedule,
  kYearStart,
  kFundsIn,
  kTransportSubsidy,
  kCovariateShocks,
  kEnterprises,
  kLabour,
  kHouseholds,
  kMonitoring,
  kAssistance,
  kIndustryProjects,
  kRiskElimination,
  kYearClose,
  kCount
};

std::string_view phase_name(Phase phase);

/// Wall seconds spent per phase; a scoped stamp adds to one phase (LAMMPS-style timer).
class PhaseTimer {
 public:
  class Scope {
   public:
    Scope(PhaseTimer& timer, Phase phase)
        : timer_(timer), phase_(phase), start_(std::chrono::steady_clock::now()) {}
    ~Scope() {
      timer_.seconds_[static_cast<int>(phase_)] +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    PhaseTimer& timer_;
    Phase phase_;
    std::chrono::steady_clock::time_point start_;
  };

  Scope stamp(Phase phase) { return Scope(*this, phase); }
  double seconds(Phase phase) const { return seconds_[static_cast<int>(phase)]; }
  void add(const PhaseTimer& other) {
    for (int i = 0; i < static_cast<int>(Phase::kCount); ++i) seconds_[i] += other.seconds_[i];
  }

 private:
  std::array<double, static_cast<int>(Phase::kCount)> seconds_{};
};

}  // namespace povsim
