#include "core/diagnostics.hpp"

#include <algorithm>
#include <sstream>
#include <string_view>

namespace povsim {

std::string Diagnostic::render() const {
  std::ostringstream out;
  out << (origin.file.empty() ? "<input>" : origin.file);
  if (origin.line > 0) out << ':' << origin.line << ':' << origin.column;
  out << (warning ? ": warning: " : ": error: ");
  if (!path.empty()) out << path << ": ";
  out << message;
  return out.str();
}

void Diagnostics::error(const Origin& origin, std::string path, std::string message) {
  ++reported_;
  Diagnostic d{origin, std::move(path), std::move(message)};
  // The same region block is validated once per region and epoch: report each problem once.
  // A set of rendered texts keeps this linear in the number of problems (a generated file can
  // hold tens of thousands).
  if (!seen_.insert(d.render()).second) return;
  items_.push_back(std::move(d));
}

void Diagnostics::warning(const Origin& origin, std::string path, std::string message) {
  Diagnostic d{origin, std::move(path), std::move(message), true};
  if (!seen_.insert(d.render()).second) return;
  warnings_.push_back(std::move(d));
}

std::string Diagnostics::render() const {
  std::string text;
  for (const auto& d : items_) text += d.render() + "\n";
  return text;
}

void Diagnostics::throw_if_any() const {
  if (!items_.empty()) throw InputError(render());
}

void invariant_failed(const char* condition, std::source_location where) {
  std::ostringstream out;
  out << "internal error: invariant `" << condition << "` failed in " << where.function_name()
      << " (" << where.file_name() << ':' << where.line() << ")";
  throw std::logic_error(out.str());
}

namespace {
/// A string's characters as code points' byte runs: UTF-8 names (沁县, 鸡心梁村) count one edit per
/// character, as ASCII keys do.
std::vector<std::string_view> characters(const std::string& s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0u) == 0x80u) ++j;
    out.emplace_back(s.data() + i, j - i);
    i = j;
  }
  return out;
}

std::size_t edit_distance(const std::vector<std::string_view>& a,
                          const std::vector<std::string_view>& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  const auto w = characters(word);
  std::size_t best_distance = std::max<std::size_t>(2, w.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(w, characters(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace povsim
