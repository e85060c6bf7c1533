#pragma once
// The povsim program as a child process that a test can start in the background, limit, kill
// and wait for (program.hpp runs it to the end).
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim::testing {

struct SpawnOptions {
  std::filesystem::path cwd;           // working directory of the child (empty: the test's)
  long long file_size_limit = -1;      // RLIMIT_FSIZE in bytes (-1: none); SIGXFSZ is ignored,
                                       // so a write past it fails with EFBIG as on a full disk
  long long address_space_limit = -1;  // RLIMIT_AS in bytes (-1: none): a runaway allocation
                                       // ends the child with bad_alloc, not the machine's memory
};

/// povsim of this build started with `args`; killed and reaped if still running when destroyed.
class Spawned {
 public:
  explicit Spawned(const std::vector<std::string>& args, const SpawnOptions& options = {});
  ~Spawned();
  Spawned(const Spawned&) = delete;
  Spawned& operator=(const Spawned&) = delete;

  pid_t pid() const { return pid_; }
  void kill(int signal) const;
  /// Waits for the end; exit_code is -1 if a signal ended it.
  ProgramResult wait();
  /// What the child has written to stdout so far (e.g. the port a server listens on).
  std::string stdout_so_far() const;

 private:
  TempDir capture_;
  pid_t pid_ = -1;
  bool reaped_ = false;
};

/// Runs povsim to the end with `options`.
ProgramResult run_povsim_with(const std::vector<std::string>& args, const SpawnOptions& options);

/// A process id that belongs to no running process (a child that has ended and been reaped).
pid_t dead_pid();

}  // namespace povsim::testing
