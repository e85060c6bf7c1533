#pragma once
// Output directories that povsim owns. povsim replaces a directory only if it is empty or carries
// the marker file `.povsim-output` that povsim writes into every directory it creates; anything
// else is refused (InputError, exit 2) before any simulation starts. A result is written to a
// hidden temporary sibling and swapped into place in one atomic step, under a lock beside the
// target, so a kill at any instant leaves the old or the new result and concurrent writers never
// break each other. See docs/outputs.md ("Ownership, replacement and recovery").
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace povsim {

/// The file that marks a directory as written by povsim (a small JSON object).
inline constexpr const char* kOutputMarker = ".povsim-output";

struct OutputDirOptions {
  /// The command that writes (run, compare, sweep, calibrate, merge); recorded in the marker.
  std::string command;
  /// Files and directories the command reads (scenario, sweep or calibration file, base scenario,
  /// shard directories, checkpoints): --out may not be one of their directories or an ancestor.
  std::vector<std::filesystem::path> inputs;
};

/// Throws InputError (exit 2) unless `target` may be written as a povsim result: it must not be
/// `/`, the working directory or one of its ancestors, nor the directory of an input or an
/// ancestor of one; if it exists it must be a directory (not a file, not a symbolic link) that is
/// empty or carries povsim's marker. The message names the directory and what is in it.
void check_output_target(const std::filesystem::path& target, const OutputDirOptions& options);

/// True if `dir` is a directory povsim may remove or replace: empty, or holding the marker.
bool owned_by_povsim(const std::filesystem::path& dir);

/// The marker's content: {"schema": "povsim-output/1", "command", "engine_version",
/// "git_commit", "time", plus `extra` (a JSON object text, or empty)}.
std::string marker_json(const std::string& command, const std::string& extra = {});

/// True for a povsim working directory (a temporary, a replaced result, a sweep's DIR.partial):
/// empty, or holding a marker file (written first and removed last).
bool is_povsim_working_dir(const std::filesystem::path& dir);

/// Removes a directory povsim owns, its marker last, so a removal cut short by a kill leaves a
/// directory that is still recognised (and removed) next time. Does nothing to a directory it
/// does not own.
void remove_owned(const std::filesystem::path& dir);

/// Adds one file (`name`, at the top of `dir`) to a finished povsim result, as `povsim report`
/// does with report.html. `dir` must carry povsim's marker with its file list, and an existing
/// `name` must be one the marker lists (povsim never overwrites a file it did not write);
/// otherwise InputError (exit 2). Under the lock of `dir` (TargetLock), it removes the
/// temporaries `.NAME.tmp-PID` of dead processes, calls `make` for the content, lists `name` in
/// the marker (replaced atomically) and then writes `name` atomically: `.NAME.tmp-PID`, fsync,
/// rename. A kill at any instant leaves a directory a later run still recognises as povsim's.
void add_to_result(const std::filesystem::path& dir, const std::string& name,
                   const std::function<std::string()>& make);

/// Writes `content` to `file` and makes it durable: written in full, fsync'ed, its size checked.
/// Throws std::runtime_error naming the file and the system's reason (e.g. a full disk).
void write_file_checked(const std::filesystem::path& file, const std::string& content);

/// Exclusive lock of an output target: flock(2) on `.NAME.lock` beside it, removed on release.
/// Every step that inspects or replaces the target (and its temporaries) holds it.
class TargetLock {
 public:
  /// Waits for the lock (`wait`) or throws InputError if another process holds it.
  explicit TargetLock(const std::filesystem::path& target, bool wait = true);
  ~TargetLock();
  TargetLock(const TargetLock&) = delete;
  TargetLock& operator=(const TargetLock&) = delete;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

/// An output directory written atomically: files go to a hidden temporary sibling
/// `.NAME.tmp-PID-XXXX` (marked as povsim's), and `commit()` swaps it into place, replacing an
/// earlier povsim result. Destroyed without commit, the temporary is removed. Constructing one
/// checks the target (check_output_target), recovers what a killed run left beside it, and
/// removes the stale temporaries of dead runs — so create it before simulating.
class OutputDir {
 public:
  explicit OutputDir(std::filesystem::path target, OutputDirOptions options = {});
  ~OutputDir();
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  std::filesystem::path file(const std::string& name) const { return temp_ / name; }
  const std::filesystem::path& target() const { return target_; }
  /// Writes a file (checked: write_file_checked); `name` is relative and may contain
  /// subdirectories (created as needed), never `..`.
  void write(const std::string& name, const std::string& content) const;
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  OutputDirOptions options_;
  int marker_fd_ = -1;  // flock'ed while this process writes temp_: tells others it is alive
  bool committed_ = false;
};

/// The normalised form of an --out path (absolute, no `.`/`..`, no trailing slash).
std::filesystem::path normalised_target(const std::filesystem::path& target);

/// Claims `dir` (a povsim-owned working directory such as a sweep's DIR.partial) for this
/// process: flock on its marker, held until release. False if another live process holds it.
class DirClaim {
 public:
  DirClaim() = default;
  ~DirClaim();
  DirClaim(const DirClaim&) = delete;
  DirClaim& operator=(const DirClaim&) = delete;
  /// Locks `dir`/.povsim-output (which must exist); false if another process holds it.
  bool claim(const std::filesystem::path& dir);
  void release();

 private:
  int fd_ = -1;
};

}  // namespace povsim
