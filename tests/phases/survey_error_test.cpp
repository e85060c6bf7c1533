#include "phases/survey_error.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

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
  // The bounds are the line over the table's extreme factors (z of the outer quantiles ±2.89).
  EXPECT_NEAR(a2.surely_below, 7000 / a2.factor[255], 1e-3);
  EXPECT_NEAR(a2.surely_above, 7000 / a2.factor[0], 1e-3);
  EXPECT_NEAR(a2.surely_below, 7000 * std::exp(-0.1 * 2.886), 1.0);
  // Quantile 128 lies just above the median of z: factor ≈ exp(bias + sd · 0.0049).
  EXPECT_NEAR(b1.factor[128], std::exp(-0.05 + 0.3 * 0.004896), 1e-6);
  EXPECT_LT(b1.factor[0], b1.factor[255]);
}

// The band's shortcut must give the verdict of the full reading, income × factor < line, for
// every error byte: on a fine grid of incomes through the band and just beyond its bounds.
TEST(SurveyBand, ShortcutAgreesWithTheFullReadingForEveryErrorByte) {
  // The last two: every factor above 1, every factor below 1 (the bounds on the other side of
  // the line).
  for (const auto& [bias, sd] : {std::pair{0.0, 0.1}, {-0.05, 0.3}, {0.2, 0.02}, {-0.2, 0.02}}) {
    const double line = 6543.21;
    const SurveyBand b = survey_band(error(bias, sd), line);
    EXPECT_LT(b.surely_below, line / b.factor[255] * (1 + 1e-12));
    EXPECT_GT(b.surely_above, line / b.factor[0] * (1 - 1e-12));
    std::vector<double> incomes;
    for (double x = 0.3 * line; x < 4.0 * line; x *= 1.0007) incomes.push_back(x);
    for (double edge : {b.surely_below, b.surely_above, line / b.factor[255], line / b.factor[0]})
      for (int k = -3; k <= 3; ++k) incomes.push_back(std::nextafter(edge, 0.0) + k * 1e-9 * edge);
    for (const double x : incomes)
      for (int e = 0; e < 256; ++e)
        ASSERT_EQ(surveyed_below(x, line, b, static_cast<std::uint8_t>(e)), x * b.factor[e] < line)
            << "income " << x << " error byte " << e << " bias " << bias << " sd " << sd;
  }
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
