#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "model/households.hpp"

namespace povsim {

/// The main cause of a household-year under the poverty line or an entry into monitoring.
enum class Cause : std::uint8_t {
  kChronicLow = 0,     // no loss or expense large enough in the last 12 months
  kIllness,            // serious illness (and a disability after it)
  kAccident,           // accident (and a disability after it)
  kDisaster,           // natural disaster
  kJobLoss,            // migrant job lost (incl. demand shocks, lockdowns)
  kBusinessLivestock,  // business failure or livestock loss
  kEducation,          // schooling costs
  kEnterpriseFailure,  // an enterprise the household was linked to failed
  kCount
};
inline constexpr int kCauseCount = static_cast<int>(Cause::kCount);

/// Names used in metric names (returns_by_cause_<name>, entries_by_cause_<name>).
inline constexpr std::array<std::string_view, kCauseCount> kCauseNames{
    "chronic_low_income", "illness",  "accident",  "disaster",
    "job_loss",           "business", "education", "enterprise_failure"};

/// Loss amounts are kept in steps of 10 yuan (uint16: up to 655,350 yuan, saturating).
inline constexpr double kCauseLossYuan = 10.0;
/// Losses older than this (months) no longer explain the household's state.
inline constexpr int kCauseWindowMonths = 12;

/// Records a loss (income lost or expense paid, yuan) of `cause` in `month` for household i. The
/// household keeps only the largest loss of the last 12 months: a new loss replaces the kept one
/// if that one is older than 12 months or not larger. (Approximation: a smaller loss that came
/// after the kept one is forgotten, so once the kept one expires the household reads as having
/// no loss until the next event.)
inline void record_loss(Households& hh, std::size_t i, Cause cause, double yuan, int month) {
  if (!(yuan > 0)) return;
  const double steps = yuan / kCauseLossYuan + 0.5;
  const auto units = static_cast<std::uint16_t>(steps >= 65535.0 ? 65535.0 : steps);
  const std::int16_t kept = hh.cause_month[i];
  if (kept == kNever || month - kept >= kCauseWindowMonths || units >= hh.cause_loss[i]) {
    hh.cause[i] = static_cast<std::uint8_t>(cause);
    hh.cause_loss[i] = units;
    hh.cause_month[i] = static_cast<std::int16_t>(month);
  }
}

/// The main cause of household i's state in `month`: the largest loss of the last 12 months, or
/// the year's schooling cost if that is larger; either must reach `material` yuan (a share of
/// the household's poverty-line income), otherwise chronic low income.
inline Cause main_cause(const Households& hh, std::size_t i, int month, double schooling_per_year,
                        double material) {
  double loss = 0;
  Cause cause = Cause::kChronicLow;
  const std::int16_t kept = hh.cause_month[i];
  if (kept != kNever && month - kept < kCauseWindowMonths) {
    loss = hh.cause_loss[i] * kCauseLossYuan;
    cause = static_cast<Cause>(hh.cause[i]);
  }
  if (schooling_per_year > loss) {
    loss = schooling_per_year;
    cause = Cause::kEducation;
  }
  return loss >= material && loss > 0 ? cause : Cause::kChronicLow;
}

}  // namespace povsim
