#include "output/file_names.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <vector>

namespace povsim {
namespace {

TEST(SafeFileName, KeepsOrdinaryNamesAsTheyAre) {
  for (const std::string n : {"baseline", "early-withdrawal", "沁县 2023", "a.b_c"})
    EXPECT_EQ(safe_file_name(n), n);
}

TEST(SafeFileName, NeverLeavesItsDirectory) {
  for (const std::string& n :
       std::vector<std::string>{"../../x", "/etc/passwd", "..", ".", "", "a/b", "a\\b", "\n",
                                std::string("a\0b", 3), ".hidden", "../", "x/../.."}) {
    const std::string s = safe_file_name(n);
    EXPECT_FALSE(s.empty()) << n;
    EXPECT_EQ(s.find('/'), std::string::npos) << n;
    EXPECT_NE(s[0], '.') << n;
    EXPECT_EQ(std::filesystem::path(s).filename().string(), s) << n;
    for (unsigned char c : s) EXPECT_GE(c, 0x20) << n;
  }
  EXPECT_EQ(safe_file_name("../../x"), "_._.._x");
  EXPECT_EQ(safe_file_name(""), "unnamed");
}

TEST(SafeFileName, ReplacesBytesThatAreNotUtf8AndBoundsTheLength) {
  EXPECT_EQ(safe_file_name("\xc4\xe3\xba\xc3"), "____");  // 你好 in GBK
  const std::string long_name(500, 'x');
  EXPECT_EQ(safe_file_name(long_name).size(), 120u);
  std::string chinese;
  for (int i = 0; i < 100; ++i) chinese += "村";
  const std::string cut = safe_file_name(chinese);
  EXPECT_EQ(cut.size(), 120u);  // 40 whole characters of 3 bytes
  EXPECT_EQ(safe_file_name(cut), cut);
}

TEST(SafeFileName, IsIdempotent) {
  for (const std::string n : {"../../x", "/abs", "", ".", "\xff\xfe", "a:b*c?", "村/镇"})
    EXPECT_EQ(safe_file_name(safe_file_name(n)), safe_file_name(n)) << n;
}

TEST(DistinctFileNames, NamesThatCoincideAfterSanitisingGetDistinctOnes) {
  EXPECT_EQ(distinct_file_names({"a/b", "a_b", "a:b"}),
            (std::vector<std::string>{"a_b", "a_b-2", "a_b-3"}));
  EXPECT_EQ(distinct_file_names({"compare.csv", "x"}, {"compare.csv"}),
            (std::vector<std::string>{"compare.csv-2", "x"}));
}

}  // namespace
}  // namespace povsim
