#include "core/diagnostics.hpp"

#include <algorithm>
#include <sstream>

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
std::size_t edit_distance(const std::string& a, const std::string& b) {
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
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace povsim
