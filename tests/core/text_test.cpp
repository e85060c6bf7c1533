// UTF-8 checks, name rules and NFKC (core/text.hpp), and the RFC 4180 reader (core/csv.hpp).
#include <gtest/gtest.h>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace povsim {
namespace {

TEST(Text, FindsTheFirstByteThatIsNotUtf8) {
  EXPECT_EQ(first_invalid_utf8("沁县 ok"), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xC7\xDF"), 2u);        // GBK 沁
  EXPECT_EQ(first_invalid_utf8("a\xC0\xAF"), 1u);         // overlong '/'
  EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0u);      // a surrogate
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(first_invalid_utf8("\xE6\xB2"), 0u);          // cut short
}

TEST(Text, NamesMustBeNonEmptyWithoutControlCharacters) {
  EXPECT_EQ(name_problem("沁县"), "");
  EXPECT_NE(name_problem(""), "");
  EXPECT_NE(name_problem("a\r").find("U+000D"), std::string::npos);
  EXPECT_NE(name_problem("a\xC2\x85").find("U+0085"), std::string::npos);  // NEL
  EXPECT_NE(name_problem("a\xE2\x80\xA8").find("U+2028"), std::string::npos);
  EXPECT_NE(name_problem("\xC7\xDF").find("iconv"), std::string::npos);
}

TEST(Text, NfkcMakesLookAlikeNamesEqual) {
  EXPECT_EQ(nfkc("ｱ"), nfkc("ア"));
  EXPECT_EQ(nfkc("Ａ1"), "A1");
  EXPECT_EQ(nfkc("e\xCC\x81"), "\xC3\xA9");  // e + combining acute = é
  EXPECT_NE(nfkc("沁县"), nfkc("博湖县"));
}

TEST(Csv, ReadsRfc4180QuotingWithLinesAndColumns) {
  const auto rows =
      parse_csv_records("\xEF\xBB\xBF# note\na,b\n\n\"x, \"\"y\"\"\",2\r\n\"two\nlines\",3\n#1村,4",
                        "t.csv", {.leading_comments = true, .trim = true});
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[1].cells[0], "x, \"y\"");
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[1].columns[1], 12);
  EXPECT_EQ(rows[2].cells[0], "two\nlines");
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_EQ(rows[3].cells[0], "#1村");  // after the header a # starts a name
  EXPECT_EQ(rows[3].line, 7);
}

TEST(Csv, UnclosedQuoteAndTextAfterAQuoteAreErrorsAtTheirPlace) {
  try {
    parse_csv_records("a,b\n1,\"open\n", "t.csv");
    FAIL();
  } catch (const CsvError& e) {
    EXPECT_EQ(e.origin().line, 2);
    EXPECT_EQ(e.origin().column, 3);
  }
  EXPECT_THROW(parse_csv_records("\"a\"b,c\n", "t.csv"), CsvError);
}

}  // namespace
}  // namespace povsim
