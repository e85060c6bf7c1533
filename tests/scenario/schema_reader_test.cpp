#include "scenario/schema_reader.hpp"

#include <gtest/gtest.h>

#include "scenario/params_schema.hpp"

namespace povsim {
namespace {

constexpr int kFirstYear = 2021;
constexpr int kLastYear = 2025;
constexpr Doc kDoc{"", ""};

ConfigNode parse(const std::string& text) {
  Diagnostics diags;
  ConfigNode node = parse_yaml_text(text, "s.yaml", diags);
  EXPECT_TRUE(diags.empty()) << diags.render();
  return node;
}

/// The one diagnostic collected, rendered; fails the test if there is not exactly one.
std::string only_error(const Diagnostics& diags) {
  EXPECT_EQ(diags.items().size(), 1u) << diags.render();
  return diags.items().empty() ? "" : diags.items()[0].render();
}

TEST(SchemaReader, ReadsEveryKindOfField) {
  const ConfigNode node = parse(
      "x: 0.25\nn: 7\nbig: 3000000000\nflag: true\ntext: hello\nwhen: 2023-04\n"
      "series: {2021: 1, 2022: 2, 2023: 3, 2024: 4, 2025: 5}\nlist: [0.5, 0.5]\n");
  Diagnostics diags;
  SchemaReader r(node, "", diags, kFirstYear, kLastYear);
  double x = 0;
  int n = 0;
  std::int64_t big = 0;
  bool flag = false;
  std::string text;
  YearMonth when;
  YearSeries series;
  std::vector<double> list;
  r.field("x", x, kShare, kDoc);
  r.field("n", n, Range{1, 10}, kDoc);
  r.field("big", big, Range{0, 4294967295.0}, kDoc);
  r.field("flag", flag, kDoc);
  r.field("text", text, kDoc);
  r.field("when", when, kDoc);
  r.field("series", series, Range{0, 10}, kDoc);
  r.field("list", list, kShare, kDoc);
  r.finish();
  EXPECT_TRUE(diags.empty()) << diags.render();
  EXPECT_EQ(x, 0.25);
  EXPECT_EQ(n, 7);
  EXPECT_EQ(big, 3000000000);
  EXPECT_TRUE(flag);
  EXPECT_EQ(text, "hello");
  EXPECT_EQ(when, (YearMonth{2023, 4}));
  EXPECT_EQ(series, (YearSeries{{2021, 1}, {2022, 2}, {2023, 3}, {2024, 4}, {2025, 5}}));
  EXPECT_EQ(list, (std::vector<double>{0.5, 0.5}));
}

TEST(SchemaReader, RejectsAWordForANumberWithPlaceAndPath) {
  const ConfigNode node = parse("dibao:\n  assessment_interval_months: six\n");
  Diagnostics diags;
  SchemaReader r(*node.find("dibao"), "transfers.dibao", diags, kFirstYear, kLastYear);
  int months = 0;
  r.field("assessment_interval_months", months, Range{1, 60}, kDoc);
  EXPECT_EQ(only_error(diags),
            "s.yaml:2:31: error: transfers.dibao.assessment_interval_months: expected an integer "
            "in [1, 60], found \"six\"");
}

TEST(SchemaReader, RejectsNumbersWithTrailingText) {
  for (const char* text :
       {"x: 0.5x\n", "x: 1,5\n", "x: 0.5 yuan\n", "x: nan\n", "x: .inf\n", "x: ''\n"}) {
    Diagnostics diags;
    const ConfigNode node = parse(text);
    SchemaReader r(node, "", diags, kFirstYear, kLastYear);
    double x = 0;
    r.field("x", x, Range{-1e9, 1e9}, kDoc);
    EXPECT_EQ(diags.items().size(), 1u) << text;
  }
}

TEST(SchemaReader, AcceptsSignedAndExponentNumbers) {
  const ConfigNode node = parse("a: -0.5\nb: +0.5\nc: 1e3\nd: 7\n");
  Diagnostics diags;
  SchemaReader r(node, "", diags, kFirstYear, kLastYear);
  double a = 0, b = 0, c = 0, d = 0;
  r.field("a", a, Range{-1, 1}, kDoc);
  r.field("b", b, Range{-1, 1}, kDoc);
  r.field("c", c, Range{0, 1e4}, kDoc);
  r.field("d", d, Range{0, 10}, kDoc);
  EXPECT_TRUE(diags.empty()) << diags.render();
  EXPECT_EQ(a, -0.5);
  EXPECT_EQ(b, 0.5);
  EXPECT_EQ(c, 1000);
  EXPECT_EQ(d, 7);
}

TEST(SchemaReader, RejectsOutOfRangeValuesShowingTheRange) {
  const ConfigNode node = parse("take_up: 1.5\n");
  Diagnostics diags;
  SchemaReader r(node, "transfers.dibao", diags, kFirstYear, kLastYear);
  double take_up = 0;
  r.field("take_up", take_up, kShare, kDoc);
  EXPECT_EQ(only_error(diags),
            "s.yaml:1:10: error: transfers.dibao.take_up: expected a number in [0, 1], found 1.5");
}

TEST(SchemaReader, IntegerFieldsRejectFractionsAndExponents) {
  for (const char* text : {"n: 2.5\n", "n: 2.0\n", "n: 1e3\n", "n: 0x10\n"}) {
    Diagnostics diags;
    const ConfigNode node = parse(text);
    SchemaReader r(node, "", diags, kFirstYear, kLastYear);
    int n = 0;
    r.field("n", n, Range{0, 100000}, kDoc);
    ASSERT_EQ(diags.items().size(), 1u) << text;
    EXPECT_NE(diags.items()[0].message.find("expected an integer"), std::string::npos) << text;
  }
}

TEST(SchemaReader, NumberFieldsAcceptIntegers) {
  Diagnostics diags;
  const ConfigNode node = parse("x: 3\n");
  SchemaReader r(node, "", diags, kFirstYear, kLastYear);
  double x = 0;
  r.field("x", x, Range{0, 10}, kDoc);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(x, 3.0);
}

TEST(SchemaReader, BooleansAreTrueOrFalseOnly) {
  for (const char* text : {"b: yes\n", "b: 1\n", "b: True1\n", "b: [true]\n"}) {
    Diagnostics diags;
    const ConfigNode node = parse(text);
    SchemaReader r(node, "", diags, kFirstYear, kLastYear);
    bool b = false;
    r.field("b", b, kDoc);
    ASSERT_EQ(diags.items().size(), 1u) << text;
    EXPECT_NE(diags.items()[0].message.find("expected true or false"), std::string::npos);
  }
}

TEST(SchemaReader, MonthsMustBeYearDashMonth) {
  Diagnostics diags;
  const ConfigNode node = parse("start: 2021-13\n");
  SchemaReader r(node, "period", diags, kFirstYear, kLastYear);
  YearMonth start;
  r.field("start", start, kDoc);
  EXPECT_EQ(only_error(diags),
            "s.yaml:1:8: error: period.start: expected a month as YYYY-MM, found \"2021-13\"");
}

TEST(SchemaReader, YearSeriesScalarShorthandCoversEverySimulatedYear) {
  Diagnostics diags;
  const ConfigNode node = parse("g: 0.05\n");
  SchemaReader r(node, "", diags, kFirstYear, kLastYear);
  YearSeries g;
  r.field("g", g, Range{-1, 1}, kDoc);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(g, (YearSeries{{2021, .05}, {2022, .05}, {2023, .05}, {2024, .05}, {2025, .05}}));
}

TEST(SchemaReader, YearSeriesMustCoverEverySimulatedYear) {
  Diagnostics diags;
  const ConfigNode node = parse("poverty: {2021: 4036, 2022: 4117, 2024: 4133, 2025: 4133}\n");
  SchemaReader r(node, "lines", diags, kFirstYear, kLastYear);
  YearSeries s;
  r.field("poverty", s, kYuan, kDoc);
  EXPECT_EQ(only_error(diags),
            "s.yaml:1:10: error: lines.poverty: expected a value for every simulated year, found "
            "none for 2023");
}

TEST(SchemaReader, YearSeriesMayCarryYearsOutsideThePeriod) {
  Diagnostics diags;
  const ConfigNode node = parse("s: {2020: 1, 2021: 2, 2022: 3}\n");
  SchemaReader r(node, "", diags, 2021, 2022);
  YearSeries s;
  r.field("s", s, Range{0, 10}, kDoc);
  EXPECT_TRUE(diags.empty()) << diags.render();
  EXPECT_EQ(s.size(), 3u);
}

TEST(SchemaReader, YearSeriesChecksKeysAndEachValue) {
  Diagnostics diags;
  const ConfigNode node = parse("s: {twenty: 1, 2021: x, 2022: 3}\n");
  SchemaReader r(node, "e", diags, 2021, 2022);
  YearSeries s;
  r.field("s", s, Range{0, 10}, kDoc);
  const std::string text = diags.render();
  EXPECT_NE(text.find("e.s: expected a year (e.g. 2021) as key, found \"twenty\""),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("e.s.2021: expected a number in [0, 10], found \"x\""), std::string::npos)
      << text;
}

TEST(SchemaReader, ListsCheckEveryElementAndNameItsIndex) {
  Diagnostics diags;
  const ConfigNode node = parse("shares: [0.5, 1.5, x]\n");
  SchemaReader r(node, "population", diags, kFirstYear, kLastYear);
  std::vector<double> shares;
  r.field("shares", shares, kShare, kDoc);
  ASSERT_EQ(diags.items().size(), 2u) << diags.render();
  EXPECT_EQ(diags.items()[0].path, "population.shares[1]");
  EXPECT_EQ(diags.items()[0].origin.column, 15);
  EXPECT_EQ(diags.items()[1].path, "population.shares[2]");
}

TEST(SchemaReader, ListsMustBeNonEmptyLists) {
  for (const char* text : {"l: []\n", "l: 0.5\n", "l: {a: 1}\n"}) {
    Diagnostics diags;
    const ConfigNode node = parse(text);
    SchemaReader r(node, "", diags, kFirstYear, kLastYear);
    std::vector<double> l;
    r.field("l", l, kShare, kDoc);
    ASSERT_EQ(diags.items().size(), 1u) << text;
    EXPECT_NE(diags.items()[0].message.find("non-empty list"), std::string::npos);
  }
}

TEST(SchemaReader, UnknownKeyIsReportedAtTheKeyWithDidYouMean) {
  Diagnostics diags;
  const ConfigNode node = parse("annual_probability: 0.1\n\ncots: 5\n");
  SchemaReader r(node, "shocks.illness", diags, kFirstYear, kLastYear);
  double p = 0;
  r.field("annual_probability", p, kShare, kDoc);
  r.skip("cost");
  r.finish();
  EXPECT_EQ(only_error(diags),
            "s.yaml:3:1: error: shocks.illness.cots: unknown key (did you mean `cost`?)");
}

TEST(SchemaReader, UnknownKeyFarFromAnyKnownKeyHasNoSuggestion) {
  Diagnostics diags;
  const ConfigNode node = parse("a: 1\nzzzzzzzz: 2\n");
  SchemaReader r(node, "", diags, kFirstYear, kLastYear);
  double a = 0;
  r.field("a", a, Range{0, 10}, kDoc);
  r.finish();
  EXPECT_EQ(only_error(diags), "s.yaml:2:1: error: zzzzzzzz: unknown key");
}

TEST(SchemaReader, MissingKeyIsReportedAtTheMapping) {
  Diagnostics diags;
  const ConfigNode node = parse("# x\ndisaster:\n  affected_share: 0.3\n");
  SchemaReader r(*node.find("disaster"), "shocks.disaster", diags, kFirstYear, kLastYear);
  double p = 0, a = 0;
  r.field("annual_probability", p, kShare, kDoc);
  r.field("affected_share", a, kShare, kDoc);
  EXPECT_EQ(only_error(diags),
            "s.yaml:3:3: error: shocks.disaster: missing required key `annual_probability`");
}

TEST(SchemaReader, SectionMustBeAMapping) {
  Diagnostics diags;
  const ConfigNode node = parse("labour_lifted: 0.7\n");
  SchemaReader r(node, "population", diags, kFirstYear, kLastYear);
  LabourShares shares;
  r.section("labour_lifted", shares, "");
  EXPECT_EQ(only_error(diags),
            "s.yaml:1:16: error: population.labour_lifted: expected a mapping, found \"0.7\"");
}

TEST(SchemaReader, SectionReportsUnknownKeysOfTheSubsection) {
  Diagnostics diags;
  const ConfigNode node = parse("labour_lifted: {strong: 0.7, weak: 0.2, none: 0.1, noen: 0}\n");
  SchemaReader r(node, "population", diags, kFirstYear, kLastYear);
  LabourShares shares;
  r.section("labour_lifted", shares, "");
  const std::string text = only_error(diags);
  EXPECT_NE(text.find("population.labour_lifted.noen: unknown key (did you mean `none`?)"),
            std::string::npos)
      << text;
}

TEST(SchemaReader, SharesNotSummingToOneAreReported) {
  Diagnostics diags;
  const ConfigNode node = parse("labour: {strong: 0.7, weak: 0.2, none: 0.2}\n");
  SchemaReader r(node, "population", diags, kFirstYear, kLastYear);
  LabourShares shares;
  r.section("labour", shares, "");
  EXPECT_EQ(only_error(diags),
            "s.yaml:1:40: error: population.labour.none: strong + weak + none must sum to 1");
}

TEST(SchemaReader, ConstraintIsNotReportedWhenOneOfItsFieldsIsInvalid) {
  Diagnostics diags;
  const ConfigNode node = parse("labour: {strong: lots, weak: 0.2, none: 0.2}\n");
  SchemaReader r(node, "population", diags, kFirstYear, kLastYear);
  LabourShares shares;
  r.section("labour", shares, "");
  const std::string text = only_error(diags);
  EXPECT_NE(text.find("population.labour.strong: expected a number"), std::string::npos) << text;
}

// The same block is read once per region and policy epoch; a problem found again (and not
// listed twice) must still keep the constraint quiet.
TEST(SchemaReader, ConstraintStaysQuietWhenTheSameInvalidFieldIsReadAgain) {
  const ConfigNode node = parse("labour: {strong: lots, weak: 0.2, none: 0.2}\n");
  Diagnostics diags;
  for (int region = 0; region < 3; ++region) {
    SchemaReader r(node, "population", diags, kFirstYear, kLastYear);
    LabourShares shares;
    r.section("labour", shares, "");
    r.finish();
  }
  const std::string text = only_error(diags);
  EXPECT_EQ(text.find("must sum to 1"), std::string::npos) << text;
}

TEST(SchemaReader, HouseholdSizeSharesMustSumToOne) {
  const ConfigNode node = parse(
      "household_size_shares: [0.5, 0.6]\nlifted_share: 0.2\n"
      "labour_lifted: {strong: 0.7, weak: 0.2, none: 0.1}\n"
      "labour_general: {strong: 0.8, weak: 0.1, none: 0.1}\n"
      "extra_worker_probability: 0.4\nelderly_share_of_dependants: 0.3\n"
      "student_share_of_children: 0.7\nchronic_illness_share: 0.1\n");
  Diagnostics diags;
  SchemaReader r(node, "population", diags, kFirstYear, kLastYear);
  PopulationParams p;
  describe(r, p);
  const std::string text = diags.render();
  EXPECT_NE(text.find("s.yaml:1:24: error: population.household_size_shares: household size "
                      "shares must sum to 1"),
            std::string::npos)
      << text;
}

TEST(SchemaReader, ReportsEveryProblemInOnePass) {
  Diagnostics diags;
  const ConfigNode node = parse("a: x\nb: 99\nc: maybe\nd: 1\n");
  SchemaReader r(node, "", diags, kFirstYear, kLastYear);
  double a = 0, b = 0;
  bool c = false;
  r.field("a", a, kShare, kDoc);
  r.field("b", b, kShare, kDoc);
  r.field("c", c, kDoc);
  r.field("e", a, kShare, kDoc);
  r.finish();
  EXPECT_EQ(diags.items().size(), 5u) << diags.render();  // a, b, c, missing e, unknown d
}

TEST(SchemaReader, ParseHelpersAreStrict) {
  double x = 0;
  std::int64_t i = 0;
  EXPECT_TRUE(SchemaReader::parse_double("0.05", x));
  EXPECT_FALSE(SchemaReader::parse_double("0.05.", x));
  EXPECT_FALSE(SchemaReader::parse_double("", x));
  EXPECT_FALSE(SchemaReader::parse_double("inf", x));
  EXPECT_TRUE(SchemaReader::parse_int("-12", i));
  EXPECT_EQ(i, -12);
  EXPECT_FALSE(SchemaReader::parse_int("12.0", i));
  EXPECT_FALSE(SchemaReader::parse_int("99999999999999999999", i));
}

}  // namespace
}  // namespace povsim
