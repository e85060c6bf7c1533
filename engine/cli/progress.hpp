#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace povsim {

/// A progress line on stderr for runs longer than a couple of seconds: redrawn in place on a
/// terminal, one line every ten seconds in a log file.
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  void update(std::uint64_t done, std::uint64_t total);

 private:
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool tty_;
  bool shown_ = false;
  std::mutex mutex_;
};

}  // namespace povsim
