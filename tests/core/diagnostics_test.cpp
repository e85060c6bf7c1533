#include "core/diagnostics.hpp"

#include <gtest/gtest.h>

namespace povsim {
namespace {

TEST(Diagnostics, RendersFileLineColumnPathAndMessage) {
  Diagnostics d;
  d.error({"scenarios/x.yaml", 14, 5}, "policy.monitoring.risk_elimination_months",
          "expected an integer in [1, 60], found \"six\"");
  EXPECT_EQ(d.render(),
            "scenarios/x.yaml:14:5: error: policy.monitoring.risk_elimination_months: expected an "
            "integer in [1, 60], found \"six\"\n");
}

TEST(Diagnostics, ReportsEachProblemOnce) {
  Diagnostics d;
  d.error({"a.yaml", 1, 1}, "k", "bad");
  d.error({"a.yaml", 1, 1}, "k", "bad");
  EXPECT_EQ(d.items().size(), 1u);
  EXPECT_THROW(d.throw_if_any(), InputError);
}

TEST(DidYouMean, SuggestsTheClosestKnownKey) {
  EXPECT_EQ(did_you_mean("trend_grwoth", {"trend_growth", "permanent_sd"}), "trend_growth");
  EXPECT_EQ(did_you_mean("zzzzzz", {"trend_growth", "permanent_sd"}), "");
}

}  // namespace
}  // namespace povsim
