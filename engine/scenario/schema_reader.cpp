#include "scenario/schema_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace povsim {

namespace {
std::string fmt_number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}
std::string range_text(Range r, bool integer) {
  return std::string(integer ? "an integer" : "a number") + " in [" + fmt_number(r.lo) + ", " +
         fmt_number(r.hi) + "]";
}
}  // namespace

SchemaReader::SchemaReader(const ConfigNode& node, std::string path, Diagnostics& diags,
                           int first_year, int last_year)
    : node_(node),
      path_(std::move(path)),
      diags_(diags),
      first_year_(first_year),
      last_year_(last_year),
      errors_at_start_(diags.reported()) {}

std::string SchemaReader::join(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const ConfigNode* SchemaReader::take(std::string_view key) {
  known_.emplace_back(key);
  const ConfigNode* found = node_.find(key);
  if (!found)
    diags_.error(node_.origin, path_.empty() ? "(top level)" : path_,
                 "missing required key `" + std::string(key) + "`");
  return found;
}

void SchemaReader::skip(std::string_view key) { known_.emplace_back(key); }

void SchemaReader::type_error(const ConfigNode& node, std::string_view key,
                              const std::string& expected) {
  diags_.error(node.origin, join(key), "expected " + expected + ", found " + node.describe());
}

bool SchemaReader::parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  const char* first = text.data();
  if (*first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size() && std::isfinite(out);
}

bool SchemaReader::parse_int(const std::string& text, std::int64_t& out) {
  if (text.empty()) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

bool SchemaReader::read_number(const ConfigNode& node, std::string_view key, Range range,
                               bool integer, double& out) {
  // The range is written out only for a message: a region's tree has hundreds of numbers, and
  // formatting two doubles for each was a fifth of the time a regions table took to validate.
  if (!node.is_scalar()) {
    type_error(node, key, range_text(range, integer));
    return false;
  }
  if (integer) {
    std::int64_t i = 0;
    if (!parse_int(node.scalar, i)) {
      type_error(node, key, range_text(range, integer));
      return false;
    }
    out = static_cast<double>(i);
  } else if (!parse_double(node.scalar, out)) {
    type_error(node, key, range_text(range, integer));
    return false;
  }
  if (out < range.lo || out > range.hi) {
    diags_.error(node.origin, join(key),
                 "expected " + range_text(range, integer) + ", found " + node.scalar);
    return false;
  }
  return true;
}

void SchemaReader::field(std::string_view key, double& value, Range range, Doc) {
  if (const ConfigNode* n = take(key)) read_number(*n, key, range, false, value);
}

void SchemaReader::field(std::string_view key, int& value, Range range, Doc) {
  double x = 0;
  if (const ConfigNode* n = take(key); n && read_number(*n, key, range, true, x))
    value = static_cast<int>(x);
}

void SchemaReader::field(std::string_view key, std::int64_t& value, Range range, Doc) {
  double x = 0;
  if (const ConfigNode* n = take(key); n && read_number(*n, key, range, true, x))
    value = static_cast<std::int64_t>(x);
}

void SchemaReader::field(std::string_view key, bool& value, Doc) {
  const ConfigNode* n = take(key);
  if (!n) return;
  if (n->is_scalar() && (n->scalar == "true" || n->scalar == "false")) {
    value = n->scalar == "true";
  } else {
    type_error(*n, key, "true or false");
  }
}

void SchemaReader::field(std::string_view key, std::string& value, Doc) {
  const ConfigNode* n = take(key);
  if (!n) return;
  if (n->is_scalar()) {
    value = n->scalar;
  } else {
    type_error(*n, key, "a string");
  }
}

void SchemaReader::field(std::string_view key, YearMonth& value, Doc) {
  const ConfigNode* n = take(key);
  if (!n) return;
  const auto ym = n->is_scalar() ? parse_year_month(n->scalar) : std::nullopt;
  if (ym) {
    value = *ym;
  } else {
    type_error(*n, key, "a month as YYYY-MM");
  }
}

void SchemaReader::field(std::string_view key, YearSeries& value, Range range, Doc) {
  const ConfigNode* n = take(key);
  if (!n) return;
  value.clear();
  if (n->is_scalar()) {  // one value for every year
    double x = 0;
    if (read_number(*n, key, range, false, x))
      for (int y = first_year_; y <= last_year_; ++y) value[y] = x;
    return;
  }
  if (!n->is_map()) {
    type_error(*n, key, "a number or a mapping of year to number");
    return;
  }
  for (const auto& [year_text, item] : n->map) {
    std::int64_t year = 0;
    if (!parse_int(year_text, year) || year < 1900 || year > 2200) {
      diags_.error(item.origin, join(key),
                   "expected a year (e.g. 2021) as key, found \"" + year_text + "\"");
      continue;
    }
    double x = 0;
    if (read_number(item, std::string(key) + "." + year_text, range, false, x))
      value[static_cast<int>(year)] = x;
  }
  for (int y = first_year_; y <= last_year_; ++y) {
    if (!value.count(y)) {
      diags_.error(
          n->origin, join(key),
          "expected a value for every simulated year, found none for " + std::to_string(y));
      break;
    }
  }
}

void SchemaReader::field(std::string_view key, std::vector<double>& value, Range range, Doc) {
  const ConfigNode* n = take(key);
  if (!n) return;
  value.clear();
  if (!n->is_seq() || n->seq.empty()) {
    type_error(*n, key, "a non-empty list of numbers");
    return;
  }
  for (std::size_t i = 0; i < n->seq.size(); ++i) {
    double x = 0;
    if (read_number(n->seq[i], std::string(key) + "[" + std::to_string(i) + "]", range, false, x))
      value.push_back(x);
  }
}

void SchemaReader::constraint(std::string_view key, bool ok, const std::string& message) {
  if (ok || diags_.reported() != errors_at_start_) return;
  const ConfigNode* n = node_.find(key);
  diags_.error(n ? n->origin : node_.origin, join(key), message);
}

void SchemaReader::finish() {
  if (!node_.is_map()) return;
  for (const auto& [key, value] : node_.map) {
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string message = "unknown key";
    const std::string suggestion = did_you_mean(key, known_);
    if (!suggestion.empty()) message += " (did you mean `" + suggestion + "`?)";
    diags_.error(value.key_origin.line ? value.key_origin : value.origin, join(key), message);
  }
}

}  // namespace povsim
