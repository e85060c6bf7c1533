#include "scenario/config_tree.hpp"

#include <tuple>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace povsim {
namespace {

using testing::TempDir;

ConfigNode parse(const std::string& text, Diagnostics& diags) {
  return parse_yaml_text(text, "t.yaml", diags);
}

ConfigNode parse_ok(const std::string& text) {
  Diagnostics diags;
  ConfigNode node = parse(text, diags);
  EXPECT_TRUE(diags.empty()) << diags.render();
  return node;
}

TEST(ConfigTree, RemembersFileLineAndColumnOfEveryValueAndKey) {
  TempDir dir;
  const auto file = dir.write("s.yaml", "# comment\neconomy:\n  trend_growth: 0.05\n");
  Diagnostics diags;
  const ConfigNode root = load_yaml_file(file, diags);
  ASSERT_TRUE(diags.empty()) << diags.render();
  const ConfigNode* value = root.find("economy")->find("trend_growth");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->scalar, "0.05");
  EXPECT_EQ(value->origin.file, file.string());
  EXPECT_EQ(value->origin.line, 3);
  EXPECT_EQ(value->origin.column, 17);
  EXPECT_EQ(value->key_origin.line, 3);
  EXPECT_EQ(value->key_origin.column, 3);
}

TEST(ConfigTree, KeepsKeysInFileOrder) {
  const ConfigNode root = parse_ok("b: 1\na: 2\nc: 3\n");
  ASSERT_EQ(root.map.size(), 3u);
  EXPECT_EQ(root.map[0].first, "b");
  EXPECT_EQ(root.map[1].first, "a");
  EXPECT_EQ(root.map[2].first, "c");
}

TEST(ConfigTree, KeyWithoutValueIsNullAtTheKeysPlace) {
  const ConfigNode root = parse_ok("a:\nb: 1\n");
  const ConfigNode* a = root.find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, ConfigNode::Kind::kNull);
  EXPECT_EQ(a->origin.line, 1);
  EXPECT_EQ(a->describe(), "nothing");
}

TEST(ConfigTree, DuplicateKeyIsAnErrorAtTheSecondKey) {
  Diagnostics diags;
  parse("seed: 1\nname: x\nseed: 2\n", diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].origin.line, 3);
  EXPECT_EQ(diags.items()[0].origin.column, 1);
  EXPECT_EQ(diags.items()[0].path, "seed");
  EXPECT_NE(diags.items()[0].message.find("duplicate key"), std::string::npos);
}

TEST(ConfigTree, DuplicateKeyInANestedMappingIsAnError) {
  Diagnostics diags;
  parse("a:\n  b: 1\n  b: 2\n", diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].origin.line, 3);
}

TEST(ConfigTree, SyntaxErrorIsReportedWithItsPlace) {
  Diagnostics diags;
  parse("a: 1\nb: x: y\n", diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].origin.file, "t.yaml");
  EXPECT_EQ(diags.items()[0].origin.line, 2);
  EXPECT_NE(diags.items()[0].message.find("YAML syntax error"), std::string::npos);
}

TEST(ConfigTree, CommaWhereADocumentStartsIsASyntaxErrorAtItsPlace) {
  // yaml-cpp 0.7 reads it as empty documents without end; LoadAll ran out of memory on it.
  for (const auto& [text, line, column] :
       {std::tuple{",", 1, 1}, {"# c\n,a: 1\n", 2, 1}, {"[1, 2],\n", 1, 7}, {"\"a\",", 1, 4}}) {
    Diagnostics diags;
    EXPECT_EQ(parse(text, diags).kind, ConfigNode::Kind::kNull) << text;
    ASSERT_EQ(diags.items().size(), 1u) << text;
    EXPECT_EQ(diags.items()[0].origin.line, line) << text;
    EXPECT_EQ(diags.items()[0].origin.column, column) << text;
    EXPECT_NE(diags.items()[0].message.find("unexpected `,` outside [ ] or { }"), std::string::npos)
        << diags.items()[0].message;
  }
  // Where YAML allows a comma it is read as before.
  EXPECT_EQ(parse_ok("[1, 2]\n").seq.size(), 2u);
  EXPECT_EQ(parse_ok("a: x, y\n").find("a")->scalar, "x, y");
}

TEST(ConfigTree, MoreThanOneDocumentIsCountedUpToThree) {
  Diagnostics two;
  parse("a: 1\n---\na: 2\n", two);
  ASSERT_EQ(two.items().size(), 1u);
  EXPECT_EQ(two.items()[0].origin.line, 3);
  EXPECT_NE(two.items()[0].message.find("found 2 "), std::string::npos) << two.render();
  Diagnostics many;
  parse("a: 1\n---\na: 2\n---\na: 3\n---\na: 4\n", many);
  ASSERT_EQ(many.items().size(), 1u);
  EXPECT_NE(many.items()[0].message.find("found at least 3 "), std::string::npos) << many.render();
}

TEST(ConfigTree, EmptyFileIsAnError) {
  TempDir dir;
  Diagnostics diags;
  load_yaml_file(dir.write("empty.yaml", ""), diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].origin.line, 1);
  EXPECT_NE(diags.items()[0].message.find("empty document"), std::string::npos);
}

TEST(ConfigTree, MissingFileIsAnError) {
  TempDir dir;
  Diagnostics diags;
  load_yaml_file(dir / "absent.yaml", diags);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_NE(diags.items()[0].message.find("cannot read YAML file: no such file"),
            std::string::npos);
}

TEST(ConfigTree, ColumnOffsetShiftsColumns) {
  Diagnostics diags;
  const ConfigNode node = parse_yaml_text("abc", "--set k=abc", diags, 6);
  EXPECT_EQ(node.origin.column, 7);
}

TEST(MergeInto, MergesMappingsKeyByKey) {
  ConfigNode base = parse_ok("a: {x: 1, y: 2}\nb: 3\n");
  merge_into(base, parse_ok("a: {y: 20, z: 30}\nc: 4\n"));
  EXPECT_EQ(to_canonical_string(base), R"({"a":{"x":"1","y":"20","z":"30"},"b":"3","c":"4"})");
}

TEST(MergeInto, ReplacesListsAndScalarsWhole) {
  ConfigNode base = parse_ok("l: [1, 2, 3]\ns: a\n");
  merge_into(base, parse_ok("l: [9]\ns: {now: map}\n"));
  EXPECT_EQ(to_canonical_string(base), R"({"l":["9"],"s":{"now":"map"}})");
}

TEST(MergeInto, KeepsTheOverridingValuesOrigin) {
  ConfigNode base = parse_ok("a: {x: 1}\n");
  Diagnostics diags;
  merge_into(base, parse_yaml_text("a: {x: 2}\n", "over.yaml", diags));
  EXPECT_EQ(base.find("a")->find("x")->origin.file, "over.yaml");
}

TEST(SetPath, ReplacesAnExistingValue) {
  ConfigNode root = parse_ok("economy: {trend_growth: 0.05}\n");
  Diagnostics diags;
  ASSERT_TRUE(set_path(root, "economy.trend_growth", parse_ok("0.01"), {"--set x", 0, 0}, diags));
  EXPECT_EQ(root.find("economy")->find("trend_growth")->scalar, "0.01");
  EXPECT_EQ(root.find("economy")->find("trend_growth")->origin.file, "--set x");
}

TEST(SetPath, CreatesMissingMappings) {
  ConfigNode root = parse_ok("a: 1\n");
  Diagnostics diags;
  ASSERT_TRUE(set_path(root, "b.c.d", parse_ok("5"), {}, diags));
  EXPECT_EQ(to_canonical_string(root), R"({"a":"1","b":{"c":{"d":"5"}}})");
}

TEST(SetPath, AddressesAListElementByName) {
  ConfigNode root =
      parse_ok("regions:\n  - {name: a, households: 1}\n  - {name: b, households: 2}\n");
  Diagnostics diags;
  ASSERT_TRUE(set_path(root, "regions.b.households", parse_ok("20"), {}, diags));
  EXPECT_EQ(root.find("regions")->seq[1].find("households")->scalar, "20");
  EXPECT_EQ(root.find("regions")->seq[0].find("households")->scalar, "1");
}

TEST(SetPath, AddressesAListElementByIndex) {
  ConfigNode root =
      parse_ok("regions:\n  - {name: a, households: 1}\n  - {name: b, households: 2}\n");
  Diagnostics diags;
  ASSERT_TRUE(set_path(root, "regions.0.households", parse_ok("10"), {}, diags));
  EXPECT_EQ(root.find("regions")->seq[0].find("households")->scalar, "10");
}

TEST(SetPath, PrefersANameThatLooksLikeAnIndex) {
  ConfigNode root = parse_ok("regions:\n  - {name: a, v: 1}\n  - {name: '0', v: 2}\n");
  Diagnostics diags;
  ASSERT_TRUE(set_path(root, "regions.0.v", parse_ok("9"), {}, diags));
  EXPECT_EQ(root.find("regions")->seq[1].find("v")->scalar, "9");
}

TEST(SetPath, UnknownListElementIsAnError) {
  ConfigNode root = parse_ok("regions:\n  - {name: a}\n");
  Diagnostics diags;
  EXPECT_FALSE(set_path(root, "regions.zz.households", parse_ok("1"), {"--set z", 0, 0}, diags));
  EXPECT_FALSE(set_path(root, "regions.1.households", parse_ok("1"), {"--set z", 0, 0}, diags));
  ASSERT_EQ(diags.items().size(), 2u);
  EXPECT_EQ(diags.items()[0].path, "regions.zz");
  EXPECT_EQ(diags.items()[1].path, "regions.1");
}

TEST(SetPath, IndexTooLargeForAnyListIsAnErrorNotACrash) {
  ConfigNode root = parse_ok("regions:\n  - {name: a}\n");
  Diagnostics diags;
  EXPECT_FALSE(
      set_path(root, "regions.99999999999999999999999.households", parse_ok("1"), {}, diags));
  EXPECT_EQ(diags.items().size(), 1u);
}

TEST(SetPath, EmptySegmentIsAnError) {
  ConfigNode root = parse_ok("a: 1\n");
  Diagnostics diags;
  EXPECT_FALSE(set_path(root, "a..b", parse_ok("1"), {}, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_NE(diags.items()[0].message.find("empty segment"), std::string::npos);
}

TEST(SetPath, CannotDescendIntoAScalar) {
  ConfigNode root = parse_ok("a: 1\n");
  Diagnostics diags;
  EXPECT_FALSE(set_path(root, "a.b", parse_ok("1"), {}, diags));
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].path, "a.b");
  EXPECT_EQ(diags.items()[0].message, "cannot descend into \"1\"");
}

TEST(SplitPath, SplitsAtDots) {
  EXPECT_EQ(split_path("a.b.c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_path("a"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(split_path("a."), (std::vector<std::string>{"a", ""}));
}

TEST(ToCanonicalString, WritesJsonLikeTextInFileOrder) {
  const ConfigNode root = parse_ok("b: 1\na: [x, 'y\"z', 'back\\slash']\nc:\n");
  EXPECT_EQ(to_canonical_string(root), R"({"b":"1","a":["x","y\"z","back\\slash"],"c":null})");
}

TEST(ToCanonicalString, IgnoresFormattingAndComments) {
  EXPECT_EQ(to_canonical_string(parse_ok("a: {x: 1}  # note\n")),
            to_canonical_string(parse_ok("a:\n  x: 1\n")));
}

}  // namespace
}  // namespace povsim
