#include "core/calendar.hpp"

#include <gtest/gtest.h>

namespace povsim {
namespace {

TEST(ParseYearMonth, ReadsYearAndMonth) {
  const auto ym = parse_year_month("2023-07");
  ASSERT_TRUE(ym.has_value());
  EXPECT_EQ(ym->year, 2023);
  EXPECT_EQ(ym->month, 7);
}

TEST(ParseYearMonth, RejectsMalformedText) {
  for (const char* text : {"", "2023", "2023-7", "2023/07", "23-07-01", "2023-007", " 2023-07",
                           "2023-07 ", "abcd-07", "2023-ab"}) {
    EXPECT_FALSE(parse_year_month(text).has_value()) << '"' << text << '"';
  }
}

TEST(ParseYearMonth, RejectsTrailingCharactersInTheMonth) {
  EXPECT_FALSE(parse_year_month("2023-1x").has_value());
  EXPECT_FALSE(parse_year_month("2023-1-").has_value());
  EXPECT_FALSE(parse_year_month("202x-01").has_value());
}

TEST(ParseYearMonth, RejectsMonthsOutsideOneToTwelve) {
  EXPECT_FALSE(parse_year_month("2023-00").has_value());
  EXPECT_FALSE(parse_year_month("2023-13").has_value());
  EXPECT_TRUE(parse_year_month("2023-12").has_value());
  EXPECT_TRUE(parse_year_month("2023-01").has_value());
}

TEST(ParseYearMonth, RejectsImplausibleYears) {
  EXPECT_FALSE(parse_year_month("0021-01").has_value());
  EXPECT_FALSE(parse_year_month("9999-01").has_value());
}

TEST(YearMonth, IndexDifferencesCountMonths) {
  const YearMonth start{2021, 1};
  const YearMonth end{2025, 12};
  EXPECT_EQ(end.index() - start.index() + 1, 60);
  EXPECT_EQ((YearMonth{2022, 1}.index() - YearMonth{2021, 12}.index()), 1);
}

TEST(YearMonth, FromIndexInvertsIndex) {
  for (int year : {2020, 2021, 2025}) {
    for (int month = 1; month <= 12; ++month) {
      const YearMonth ym{year, month};
      EXPECT_EQ(YearMonth::from_index(ym.index()), ym);
    }
  }
}

TEST(YearMonth, PrintsZeroPaddedYearAndMonth) {
  EXPECT_EQ((YearMonth{2021, 3}.str()), "2021-03");
  EXPECT_EQ((YearMonth{2025, 12}.str()), "2025-12");
}

TEST(YearMonth, OrdersByYearThenMonth) {
  EXPECT_LT((YearMonth{2021, 12}), (YearMonth{2022, 1}));
  EXPECT_LT((YearMonth{2022, 1}), (YearMonth{2022, 2}));
  EXPECT_EQ((YearMonth{2022, 2}), (YearMonth{2022, 2}));
}

}  // namespace
}  // namespace povsim
