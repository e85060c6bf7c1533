#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "core/diagnostics.hpp"

namespace povsim {

/// The largest user file (scenario, profile, regions table, sweep or calibration spec,
/// shard.json, CSV read by `report`) povsim reads unless POVSIM_MAX_INPUT_BYTES says otherwise.
inline constexpr std::size_t kDefaultInputLimit = std::size_t{64} << 20;  // 64 MiB

/// A user's file that cannot be read: bad input (exit 2). `reason()` is the message without the
/// file name, for readers that report it as a diagnostic at the place that named the file.
class InputFileError : public InputError {
 public:
  InputFileError(const std::filesystem::path& file, std::string reason)
      : InputError(file.string() + ": error: " + reason + "\n"), reason_(std::move(reason)) {}
  const std::string& reason() const { return reason_; }

 private:
  std::string reason_;
};

/// The limit in force: POVSIM_MAX_INPUT_BYTES (a positive whole number of bytes) when set,
/// kDefaultInputLimit otherwise. A malformed value is bad input (InputError).
std::size_t input_limit();

/// Reads a user's file whole. Only regular files are read (a FIFO would block forever,
/// /dev/zero never ends, a directory has no text); at most limit + 1 bytes are ever read, so a
/// file that grows while being read cannot exhaust memory. Every failure is an InputFileError
/// `file: error: cannot read <what>: reason`, with what to do. `what` names the file's role
/// ("scenario", "regions table", ...).
std::string read_input_file(const std::filesystem::path& file, std::string_view what,
                            std::size_t limit = input_limit());

}  // namespace povsim
