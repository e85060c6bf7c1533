#include "output/fingerprint.hpp"

#include <gtest/gtest.h>

namespace povsim {
namespace {

Fingerprint example() {
  Fingerprint f;
  f.add("engine", "0.1.0");
  f.add("seed", "1");
  f.add("scale", "0.5");
  return f;
}

TEST(Fingerprint, SurvivesItsJson) {
  const Fingerprint f = example();
  const Fingerprint back = Fingerprint::from_json(nlohmann::json::parse(f.json().dump()));
  EXPECT_EQ(back.differences_from(f), "");
  EXPECT_EQ(f.json()["sha256"], f.sha256());
}

TEST(Fingerprint, NamesEveryComponentThatDiffers) {
  Fingerprint other;
  other.add("engine", "0.1.0");
  other.add("seed", "2");
  other.add("replications", "3");
  EXPECT_NE(other.sha256(), example().sha256());
  EXPECT_EQ(other.differences_from(example()),
            "seed (was \"1\", now \"2\"); replications (was absent, now \"3\"); scale (was "
            "\"0.5\", now absent)");
}

}  // namespace
}  // namespace povsim
