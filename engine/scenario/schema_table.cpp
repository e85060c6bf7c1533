#include "scenario/schema_table.hpp"

#include <cstdio>

#include "scenario/levers.hpp"

namespace povsim {

std::string format_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

namespace {
std::string range_text(Range r) {
  return "[" + format_number(r.lo) + ", " + format_number(r.hi) + "]";
}
}  // namespace

std::string SchemaTable::join(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void SchemaTable::add(std::string_view key, std::string type, Doc doc, std::string range,
                      std::string value) {
  std::string path = join(key);
  const bool lever = is_policy_lever(path);
  rows_.push_back({std::move(path), std::move(type), doc.unit, std::move(range), std::move(value),
                   doc.text, doc.zh != nullptr ? doc.zh : "", lever});
}

void SchemaTable::field(std::string_view key, double& value, Range range, Doc doc) {
  add(key, "number", doc, range_text(range), format_number(value));
}
void SchemaTable::field(std::string_view key, int& value, Range range, Doc doc) {
  add(key, "integer", doc, range_text(range), std::to_string(value));
}
void SchemaTable::field(std::string_view key, std::int64_t& value, Range range, Doc doc) {
  add(key, "integer", doc, range_text(range), std::to_string(value));
}
void SchemaTable::field(std::string_view key, bool& value, Doc doc) {
  add(key, "bool", doc, "true/false", value ? "true" : "false");
}
void SchemaTable::field(std::string_view key, std::string& value, Doc doc) {
  add(key, "string", doc, "", value);
}
void SchemaTable::field(std::string_view key, YearMonth& value, Doc doc) {
  add(key, "YYYY-MM", doc, "", value.str());
}
void SchemaTable::field(std::string_view key, YearSeries& value, Range range, Doc doc) {
  std::string text;
  for (const auto& [year, x] : value)
    text += (text.empty() ? "" : ", ") + std::to_string(year) + ": " + format_number(x);
  add(key, "by year", doc, range_text(range), "{" + text + "}");
}
void SchemaTable::field(std::string_view key, std::vector<double>& value, Range range, Doc doc) {
  std::string text;
  for (double x : value) text += (text.empty() ? "" : ", ") + format_number(x);
  add(key, "list", doc, range_text(range) + " each", "[" + text + "]");
}
void SchemaTable::constraint(std::string_view key, bool, const std::string& message) {
  constraints_.push_back(join(key) + ": " + message);
}

std::string SchemaTable::markdown(const std::vector<SchemaRow>& rows) {
  std::string out = "| key | type | unit | range | lever | baseline value | meaning |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    out += "| `" + r.path + "` | " + r.type + " | " + r.unit + " | " + r.range + " | " +
           (r.lever ? "lever" : "") + " | " + r.value + " | " + r.text + " |\n";
  return out;
}

}  // namespace povsim
