#pragma once
#include <array>
#include <cmath>
#include <cstdint>

#include "core/rng.hpp"
#include "scenario/params.hpp"

namespace povsim {

/// The surveyed side of at_risk: the 12-month income a survey reads is the true one ×
/// exp(bias + sd · z), z standard normal drawn per household and year (Stream::kMeasurement;
/// the year's income check, 收入核查: drawn monthly, near-line households would sooner or later
/// all read as under the line), so households near the line can be wrongly found at risk or
/// missed. The household pass draws z in the first month of each year of the period and keeps
/// it as one of 256 equally likely quantiles (Households::survey_error, 1 byte): the check runs
/// for most households every month, and a lookup costs nothing against a draw. Beyond the
/// table's largest and smallest factors the error cannot change the verdict.
struct SurveyBand {
  bool exact = true;                // no error: the surveyed income is the true one
  double surely_below = 0;          // true incomes under this read as under the line whatever z
  double surely_above = 0;          // … over this as over it
  std::array<float, 256> factor{};  // exp(bias + sd · z) at the middle of each quantile of z
};

/// The band and factors of error `e` at `line`.
SurveyBand survey_band(const MeasurementErrorParams& e, double line);

/// The survey error of household `local` (row within the region) for the year of `month`.
inline std::uint8_t draw_survey_error(const Rng& rng, std::uint32_t local, std::uint32_t region,
                                      int month) {
  return static_cast<std::uint8_t>(
      rng.words(local, region, static_cast<std::uint32_t>(month / 12), Stream::kMeasurement)[0] >>
      24);
}

/// Whether a household's surveyed 12-month income is under `line` this month, with its year's
/// survey error.
inline bool surveyed_below(double rolling_per_capita, double line, const SurveyBand& b,
                           std::uint8_t survey_error) {
  if (b.exact) return rolling_per_capita < line;
  // Which side of the band a household is on is as good as random from one row to the next:
  // the verdict is computed without branching on it (the error byte is read either way).
  return (rolling_per_capita < b.surely_below) |
         ((rolling_per_capita < b.surely_above) &
          (rolling_per_capita * b.factor[survey_error] < line));
}

}  // namespace povsim
