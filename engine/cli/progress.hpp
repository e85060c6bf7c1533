#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace povsim {

/// A progress line on stderr for runs longer than a couple of seconds: redrawn in place on a
/// terminal, one line every ten seconds in a log file. `unit` names what update() counts
/// (household-months for a run, points for a sweep); the rate is shown per second of it.
class Progress {
 public:
  explicit Progress(std::string label, std::string unit = "household-months");
  ~Progress();
  void update(std::uint64_t done, std::uint64_t total);
  /// Ends the line redrawn in place (once), so what is printed next starts on a line of its own.
  void finish();

 private:
  std::string label_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool tty_;
  bool shown_ = false;
  bool finished_ = false;
  std::mutex mutex_;
};

}  // namespace povsim
