#include "phases/survey_error.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace povsim {
namespace {

MeasurementErrorParams error(double bias, double sd) {
  MeasurementErrorParams e;
  e.bias = bias;
  e.sd = sd;
  return e;
}

TEST(SurveyBand, NoErrorIsExact) {
  const SurveyBand b = survey_band(error(0, 0), 6000);
  EXPECT_TRUE(b.exact);
  EXPECT_TRUE(surveyed_below(5999, 6000, b, 0));
  EXPECT_FALSE(surveyed_below(6000, 6000, b, 255));
}

// The factors are kept between calls for the last error asked for: bands of different errors
// asked for in turn must each have their own factors, and the line only moves the bounds.
TEST(SurveyBand, EachErrorKeepsItsOwnFactorsWhenAskedForInTurn) {
  const SurveyBand a1 = survey_band(error(0.0, 0.1), 6000);
  const SurveyBand b1 = survey_band(error(-0.05, 0.3), 6000);
  const SurveyBand a2 = survey_band(error(0.0, 0.1), 7000);
  EXPECT_EQ(a1.factor, a2.factor);
  EXPECT_NE(a1.factor, b1.factor);
  EXPECT_DOUBLE_EQ(a2.surely_below, 7000 * std::exp(-0.6));
  // Quantile 128 lies just above the median of z: factor ≈ exp(bias + sd · 0.0049).
  EXPECT_NEAR(b1.factor[128], std::exp(-0.05 + 0.3 * 0.004896), 1e-6);
  EXPECT_LT(b1.factor[0], b1.factor[255]);
}

TEST(SurveyBand, ErrorMovesOnlyNearLineVerdicts) {
  const SurveyBand b = survey_band(error(0.0, 0.1), 6000);
  EXPECT_TRUE(surveyed_below(6000 * std::exp(-0.61), 6000, b, 255));  // surely below
  EXPECT_FALSE(surveyed_below(6000 * std::exp(0.61), 6000, b, 0));    // surely above
  EXPECT_TRUE(surveyed_below(6100, 6000, b, 0));                      // read low: found
  EXPECT_FALSE(surveyed_below(5900, 6000, b, 255));                   // read high: missed
}

}  // namespace
}  // namespace povsim
