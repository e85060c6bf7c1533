// Every scenario key of params_schema.hpp carries a Chinese description (Doc::zh) beside its
// English one: the web app (povsim serve) shows it when the page is in 中文, so a new key without
// a translation fails here.
#include "scenario/params_schema.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/schema_table.hpp"

namespace povsim {
namespace {

struct KeyDoc {
  std::string path;
  Doc doc;
};

/// Visits every field of a parameter struct through `describe()` and keeps its Doc.
class DocWalker {
 public:
  explicit DocWalker(std::string prefix = "") : prefix_(std::move(prefix)) {}
  template <class T>
  void field(std::string_view key, T& /*value*/, Range /*range*/, Doc doc) {
    docs.push_back({join(key), doc});
  }
  template <class T>
  void field(std::string_view key, T& /*value*/, Doc doc) {
    docs.push_back({join(key), doc});
  }
  template <class S>
  void section(std::string_view key, S& sub, const char* text, const char* zh = nullptr) {
    sections.push_back({join(key), Doc{"", text, zh}});
    DocWalker child(join(key));
    describe(child, sub);
    docs.insert(docs.end(), child.docs.begin(), child.docs.end());
    sections.insert(sections.end(), child.sections.begin(), child.sections.end());
  }
  void constraint(std::string_view, bool, const std::string&) {}
  void skip(std::string_view) {}
  void finish() {}

  std::vector<KeyDoc> docs;
  std::vector<KeyDoc> sections;

 private:
  std::string join(std::string_view key) const {
    return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  }
  std::string prefix_;
};

/// True if `s` holds a character from U+4000..U+9FFF (UTF-8 lead byte E4..E9): CJK ideographs.
bool has_chinese(std::string_view s) {
  for (std::size_t k = 0; k + 2 < s.size(); ++k) {
    const auto b = static_cast<unsigned char>(s[k]);
    if (b >= 0xE4 && b <= 0xE9) return true;
  }
  return false;
}

std::vector<KeyDoc> every_key() {
  RegionParams region;
  OutputParams outputs;
  CalibrationStamp calibration;
  DocWalker walker;
  describe(walker, region);
  DocWalker out("outputs");
  describe(out, outputs);
  DocWalker cal("calibration");
  describe(cal, calibration);
  std::vector<KeyDoc> all = walker.docs;
  all.insert(all.end(), out.docs.begin(), out.docs.end());
  all.insert(all.end(), cal.docs.begin(), cal.docs.end());
  return all;
}

TEST(ParamsSchema, EveryKeyHasAChineseDescriptionUnlikeItsEnglishOne) {
  const std::vector<KeyDoc> keys = every_key();
  ASSERT_GT(keys.size(), 200u);
  for (const auto& [path, doc] : keys) {
    ASSERT_NE(doc.text, nullptr) << path;
    EXPECT_GT(std::strlen(doc.text), 0u) << path << ": no English description";
    if (doc.zh == nullptr || *doc.zh == '\0') {
      ADD_FAILURE() << path << ": no Chinese description (Doc::zh) for \"" << doc.text << "\"";
      continue;
    }
    EXPECT_STRNE(doc.zh, doc.text) << path << ": the Chinese description is the English one";
    EXPECT_TRUE(has_chinese(doc.zh)) << path << ": \"" << doc.zh << "\" has no Chinese character";
  }
}

// Section descriptions may be a Chinese policy term alone (部门筛查预警), so only their presence
// is required.
TEST(ParamsSchema, EverySectionHasAChineseDescription) {
  RegionParams region;
  DocWalker walker;
  describe(walker, region);
  ASSERT_GT(walker.sections.size(), 50u);
  for (const auto& [path, doc] : walker.sections) {
    EXPECT_GT(std::strlen(doc.text), 0u) << path << ": no English description";
    EXPECT_TRUE(doc.zh != nullptr && has_chinese(doc.zh))
        << path << ": no Chinese description for \"" << doc.text << "\"";
  }
}

TEST(ParamsSchema, TheSchemaTableCarriesTheChineseDescription) {
  RegionParams region;
  SchemaTable table;
  describe(table, region);
  bool found = false;
  for (const auto& row : table.rows()) {
    EXPECT_FALSE(row.text_zh.empty()) << row.path;
    if (row.path == "monitoring.grid.workers_per_1000_households") {
      found = true;
      EXPECT_EQ(row.text, "grid workers and village cadres who screen households");
      EXPECT_EQ(row.text_zh, "入户排查的网格员和村干部人数");
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace povsim
