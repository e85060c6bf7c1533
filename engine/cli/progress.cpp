#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace povsim {

Progress::Progress(std::string label, std::string unit)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()),
      last_(start_),
      tty_(::isatty(STDERR_FILENO) != 0) {}

Progress::~Progress() { finish(); }

void Progress::finish() {
  const std::lock_guard lock(mutex_);
  if (shown_ && tty_) std::fputc('\n', stderr);
  shown_ = false;
  finished_ = true;
}

void Progress::update(std::uint64_t done, std::uint64_t total) {
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double since = std::chrono::duration<double>(now - last_).count();
  if (elapsed < 2.0 || since < (tty_ ? 0.25 : 10.0)) return;
  last_ = now;
  shown_ = true;
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const double eta = fraction > 0 ? elapsed * (1.0 - fraction) / fraction : 0.0;
  const double rate = static_cast<double>(done) / elapsed;
  // Small counts (points) read better as 12.3 than as 1.23e+01.
  char rate_text[32];
  std::snprintf(rate_text, sizeof rate_text, rate < 1e4 ? "%.3g" : "%.2e", rate);
  std::fprintf(stderr, "%s%s: %5.1f%%  %s %s/s  elapsed %.0fs  eta %.0fs%s", tty_ ? "\r" : "",
               label_.c_str(), 100.0 * fraction, rate_text, unit_.c_str(), elapsed, eta,
               tty_ ? "  " : "\n");
  std::fflush(stderr);
}

}  // namespace povsim
