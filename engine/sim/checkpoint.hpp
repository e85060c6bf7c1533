#pragma once
// Checkpoint files: one per replication (and per MPI rank), the whole state of a Simulation
// (Simulation::serialize) behind a header that says what run it belongs to, and a SHA-256 of
// everything before it at the end. Written to a temporary file and renamed, so a file is either
// the old checkpoint or the complete new one.
//
//   "POVSIMCK" | u32 format version | identity (CheckpointIdentity) | state | SHA-256 (32 bytes)
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "sim/simulation.hpp"
#include "sim/state_io.hpp"

namespace povsim {

inline constexpr std::uint32_t kCheckpointVersion = 1;

/// What a checkpoint must match to be resumed: the scenario (the SHA-256 of its resolved tree,
/// which includes --set, --seed and --replications), the seed, the replication, the rank layout
/// and the households this rank simulates.
struct CheckpointIdentity {
  std::string scenario_sha256;
  std::uint64_t seed = 0;
  std::uint32_t replication = 0;
  std::uint32_t rank = 0;
  std::uint32_t ranks = 1;
  std::uint64_t region_begin = 0;
  std::uint64_t region_end = 0;
  std::uint64_t households = 0;
  std::int32_t months = 0;

  template <class Archive>
  void serialize(Archive& ar) {
    ar(scenario_sha256, seed, replication, rank, ranks, region_begin, region_end, households,
       months);
  }
};

/// DIR/replication-K.ckpt (one process) or DIR/replication-K.rank-R.ckpt (MPI rank R).
std::filesystem::path checkpoint_file(const std::filesystem::path& dir, std::uint32_t replication,
                                      int rank, int ranks);

/// Streams state into a file, hashing as it goes.
class CheckpointWriter {
 public:
  static constexpr bool kLoading = false;
  explicit CheckpointWriter(const std::filesystem::path& file);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;
  template <class... T>
  void operator()(T&... v) {
    (io(*this, v), ...);
  }
  void bytes(const void* data, std::size_t n);
  void length(std::uint64_t& n, std::size_t /*element_size*/) { bytes(&n, sizeof n); }
  /// Appends the hash, flushes, syncs; the caller renames.
  void finish();

 private:
  void flush();
  // Owned so that a constructor that throws leaves nothing open.
  std::unique_ptr<void, void (*)(void*)> digest_;  // EVP_MD_CTX
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  std::string buffer_;
  std::filesystem::path path_;
};

/// Reads state back, checking lengths against the file's size and the hash at the end.
class CheckpointReader {
 public:
  static constexpr bool kLoading = true;
  explicit CheckpointReader(const std::filesystem::path& file);
  ~CheckpointReader();
  CheckpointReader(const CheckpointReader&) = delete;
  CheckpointReader& operator=(const CheckpointReader&) = delete;
  template <class... T>
  void operator()(T&... v) {
    (io(*this, v), ...);
  }
  void bytes(void* data, std::size_t n);
  void length(std::uint64_t& n, std::size_t element_size);
  /// Checks that every byte was read and that the hash matches.
  void finish();
  /// Refuses the file: InputError "FILE: error: checkpoint WHAT" (exit 2).
  [[noreturn]] void fail(const std::string& what) const;
  /// Rejects state that decoded but does not hold together (InputError naming the file).
  [[noreturn]] void corrupt(const std::string& what) const { fail("corrupt: " + what); }

 private:
  std::unique_ptr<void, void (*)(void*)> digest_;  // EVP_MD_CTX
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, &std::fclose};
  std::uint64_t left_ = 0;  // bytes before the hash not yet read
  std::filesystem::path path_;
};

/// Writes sim's state atomically to `file` (via file.tmp and rename).
void save_checkpoint(const std::filesystem::path& file, const CheckpointIdentity& id,
                     Simulation& sim);
/// Loads sim's state from `file`. Throws InputError (exit 2) when the file is not a checkpoint,
/// is of another format version, truncated or corrupt, or belongs to another run.
void load_checkpoint(const std::filesystem::path& file, const CheckpointIdentity& id,
                     Simulation& sim);

}  // namespace povsim
