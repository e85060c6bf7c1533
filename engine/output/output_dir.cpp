#include "output/output_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <stdexcept>

#include "core/diagnostics.hpp"
#include "core/input_file.hpp"
#include "core/version.hpp"

namespace povsim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarkerSchema = "povsim-output/1";

std::string quoted(const fs::path& p) { return "\"" + p.string() + "\""; }

[[noreturn]] void refuse(const fs::path& shown, const std::string& why) {
  throw InputError(shown.string() + ": error: --out: " + why + "\n");
}

/// True if `a` is `b` or one of its ancestors (both normalised absolute paths).
bool contains(const fs::path& a, const fs::path& b) {
  auto ai = a.begin(), bi = b.begin();
  for (; ai != a.end(); ++ai, ++bi) {
    if (ai->empty()) continue;  // a trailing separator
    if (bi == b.end() || *ai != *bi) return false;
  }
  return true;
}

/// The marker of `dir` parsed, or null if absent or not povsim's.
nlohmann::json read_marker(const fs::path& dir) {
  const fs::path f = dir / kOutputMarker;
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(f, ec)) || fs::file_size(f, ec) > (1u << 20))
    return nullptr;
  std::FILE* in = std::fopen(f.c_str(), "rb");
  if (in == nullptr) return nullptr;
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;) text.append(buf, n);
  std::fclose(in);
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || j.value("schema", std::string()) != kMarkerSchema) return nullptr;
  return j;
}

/// True for `.NAME.tmp-PID` (the temporary add_to_result writes for a file NAME at the top of a
/// result) when process PID is no longer alive: what a killed `povsim report` left behind.
bool dead_file_temporary(const std::string& rel) {
  if (rel.empty() || rel[0] != '.' || rel.find('/') != std::string::npos) return false;
  const std::size_t at = rel.rfind(".tmp-");
  if (at == std::string::npos || at < 2) return false;
  const std::string digits = rel.substr(at + 5);
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  const long pid = std::stol(digits);
  return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

/// The entries of `dir` that povsim's marker does not list (relative paths, sorted), or all of
/// them if there is no complete marker. Empty for an empty directory.
std::vector<std::string> foreign_entries(const fs::path& dir) {
  const nlohmann::json marker = read_marker(dir);
  std::set<std::string> listed;
  if (marker.is_object() && marker.contains("files") && marker["files"].is_array())
    for (const auto& f : marker["files"])
      if (f.is_string()) listed.insert(f.get<std::string>());
  std::vector<std::string> foreign;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    if (rel == kOutputMarker && marker.is_object()) continue;
    const fs::file_status st = it->symlink_status(ec);
    // A directory is povsim's if everything in it is; an empty one holds nothing to lose.
    if (fs::is_directory(st)) continue;
    if (listed.count(rel) == 0 && !dead_file_temporary(rel)) foreign.push_back(rel);
  }
  std::sort(foreign.begin(), foreign.end());
  return foreign;
}

/// A povsim working directory (a temporary, a replaced result, a sweep's DIR.partial): one that
/// is empty or holds a marker file (written first and removed last, so whatever povsim left of
/// it, killed at any instant, still has one).
bool povsim_working_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return false;
  if (fs::is_empty(dir, ec)) return true;
  return fs::is_regular_file(fs::symlink_status(dir / kOutputMarker, ec));
}

void remove_working_dir(const fs::path& dir) {
  if (!povsim_working_dir(dir)) return;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().filename() != kOutputMarker) fs::remove_all(e.path(), ec);
  fs::remove(dir / kOutputMarker, ec);
  fs::remove(dir, ec);
}

void fsync_path(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string random_suffix() {
  static std::mt19937_64 gen(std::random_device{}() ^ static_cast<std::uint64_t>(::getpid()));
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(gen() & 0xffffffffu));
  return buf;
}

/// After a killed run: if the target is missing but a replaced result `.NAME.old-*` survives
/// (killed between the two renames of the fallback replacement), put the newest back; then
/// remove every temporary and replaced result of a run that is no longer alive. Called with the
/// target's lock held, so no live process is between its renames.
void recover(const fs::path& target) {
  const fs::path parent = target.parent_path();
  const std::string name = target.filename().string();
  const std::string tmp = "." + name + ".tmp-", old = "." + name + ".old-";
  std::vector<fs::path> olds, tmps;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(parent, ec)) {
    const std::string f = e.path().filename().string();
    if (f.rfind(tmp, 0) == 0) tmps.push_back(e.path());
    if (f.rfind(old, 0) == 0) olds.push_back(e.path());
  }
  for (const auto& t : tmps) {
    if (!povsim_working_dir(t)) continue;
    DirClaim claim;  // a live writer holds its temporary's marker locked
    if (fs::is_empty(t, ec) || claim.claim(t)) remove_working_dir(t);
  }
  if (!fs::exists(fs::symlink_status(target, ec)) && !olds.empty()) {
    fs::path newest;
    fs::file_time_type newest_time{};
    for (const auto& o : olds) {
      if (!povsim_working_dir(o)) continue;
      const auto t = fs::last_write_time(o / kOutputMarker, ec);
      if (newest.empty() || (!ec && t > newest_time)) {
        newest = o;
        newest_time = t;
      }
    }
    if (!newest.empty()) fs::rename(newest, target, ec);
  }
  for (const auto& o : olds)
    if (fs::exists(o, ec)) remove_working_dir(o);
}

void check_names(const std::string& name) {
  const fs::path p(name);
  bool bad = p.is_absolute() || name.empty();
  for (const auto& part : p)
    if (part == ".." || part == ".") bad = true;
  if (bad) throw std::logic_error("output file name outside the output directory: " + name);
}

}  // namespace

fs::path normalised_target(const fs::path& target) {
  if (target.empty()) return target;
  fs::path t = fs::absolute(target).lexically_normal();
  while (t.filename().empty() && t != t.root_path()) t = t.parent_path();
  return t;
}

bool owned_by_povsim(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dir, ec))) return false;
  return foreign_entries(dir).empty() && (fs::is_empty(dir, ec) || read_marker(dir).is_object());
}

void check_output_target(const fs::path& target, const OutputDirOptions& options) {
  if (target.empty())
    throw InputError("povsim: error: --out: expected a directory, found an empty path\n");
  const fs::path t = normalised_target(target);
  if (t == t.root_path())
    refuse(target, "refusing the root directory; choose a new directory for the results");
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(t, ec);
  const fs::path cwd = fs::current_path(ec);
  if (!cwd.empty() && contains(real, cwd))
    refuse(target, real == cwd ? "is the working directory; choose a new directory for the results"
                               : "contains the working directory " + quoted(cwd) +
                                     "; choose a new directory for the results");
  for (const auto& input : options.inputs) {
    if (input.empty()) continue;
    fs::path d = fs::weakly_canonical(fs::absolute(input), ec);
    if (!fs::is_directory(d, ec)) d = d.parent_path();
    if (contains(real, d))
      refuse(target, (real == d ? "is the directory " : "contains the directory ") + quoted(d) +
                         " of the input " + quoted(input) +
                         "; povsim does not write over its inputs: choose another --out");
  }
  const fs::file_status st = fs::symlink_status(t, ec);
  if (!fs::exists(st)) return;
  if (fs::is_symlink(st))
    refuse(target,
           "is a symbolic link; povsim replaces only directories it wrote: give the real path "
           "of a new directory");
  if (!fs::is_directory(st))
    refuse(target, "expected a directory, found a file (povsim does not replace files)");
  const std::vector<std::string> foreign = foreign_entries(t);
  if (foreign.empty() && (fs::is_empty(t, ec) || read_marker(t).is_object())) return;
  std::string listing;
  for (std::size_t i = 0; i < foreign.size() && i < 8; ++i) listing += (i ? ", " : "") + foreign[i];
  if (foreign.size() > 8) listing += ", … (" + std::to_string(foreign.size()) + " in all)";
  refuse(target, "the directory exists and holds files povsim did not write (" + listing + "); " +
                     (read_marker(t).is_object()
                          ? "its " + std::string(kOutputMarker) + " marker does not list them"
                          : "it has no " + std::string(kOutputMarker) +
                                " marker of an earlier povsim result") +
                     ". povsim replaces only empty directories and its own results: choose another "
                     "--out, or move those files away yourself");
}

std::string marker_json(const std::string& command, const std::string& extra) {
  nlohmann::ordered_json j;
  j["schema"] = kMarkerSchema;
  j["engine"] = "povsim";
  j["engine_version"] = kVersion;
  j["git_commit"] = kGitCommit;
  j["command"] = command;
  j["time"] = now_utc();
  j["pid"] = static_cast<long long>(::getpid());
  if (!extra.empty()) {
    const nlohmann::ordered_json more = nlohmann::ordered_json::parse(extra);
    for (auto it = more.begin(); it != more.end(); ++it) j[it.key()] = it.value();
  }
  return j.dump(2) + "\n";
}

void remove_owned(const fs::path& dir) { remove_working_dir(dir); }

bool is_povsim_working_dir(const fs::path& dir) { return povsim_working_dir(dir); }

void write_file_checked(const fs::path& file, const std::string& content) {
  auto fail = [&](int err) {
    throw std::runtime_error("cannot write " + file.string() + ": " + std::strerror(err) +
                             (err == ENOSPC || err == EFBIG || err == EDQUOT
                                  ? " (free some space, then run again)"
                                  : ""));
  };
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail(errno);
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      fail(err);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    fail(err);
  }
  struct stat st {};
  const bool sized =
      ::fstat(fd, &st) == 0 && static_cast<std::size_t>(st.st_size) == content.size();
  if (::close(fd) != 0) fail(errno);
  if (!sized) fail(EIO);
}

void add_to_result(const fs::path& dir, const std::string& name,
                   const std::function<std::string()>& make) {
  check_names(name);
  const fs::path target = normalised_target(dir);
  std::error_code ec;
  auto refuse_dir = [&](const std::string& why) {
    throw InputError(dir.string() + ": error: " + why + "\n");
  };
  if (!fs::is_directory(fs::symlink_status(target, ec)))
    refuse_dir(
        "expected a directory of povsim results, found " +
        std::string(fs::exists(fs::symlink_status(target, ec)) ? "something else" : "nothing"));
  // Held while we write, so a run replacing `dir` waits for us (and we for it).
  const TargetLock lock(target);
  nlohmann::json marker = read_marker(target);
  if (!marker.is_object() || !marker.contains("files") || !marker["files"].is_array())
    refuse_dir("expected povsim results, found no complete " + std::string(kOutputMarker) +
               " marker; povsim writes " + name + " only into a directory of results it wrote");
  const fs::path file = target / name;
  const std::string temp_prefix = "." + name + ".tmp-";
  bool listed = false;
  for (const auto& f : marker["files"])
    if (f.is_string() && f.get<std::string>() == name) listed = true;
  if (!listed && fs::exists(fs::symlink_status(file, ec)))
    refuse_dir(name + " exists and povsim did not write it (the " + std::string(kOutputMarker) +
               " marker does not list it); move it away yourself, then run again");
  for (const auto& e : fs::directory_iterator(target, ec)) {
    const std::string f = e.path().filename().string();
    if ((f.rfind(temp_prefix, 0) == 0 || f.rfind(std::string(kOutputMarker) + ".tmp-", 0) == 0) &&
        dead_file_temporary(f) && fs::is_regular_file(e.symlink_status(ec)))
      fs::remove(e.path(), ec);
  }
  const std::string content = make();
  const std::string pid = std::to_string(::getpid());
  if (!listed) {
    // Listed first, written second: killed in between, the marker names a file that is not
    // there, which is harmless, never the other way round.
    std::vector<std::string> files;
    for (const auto& f : marker["files"])
      if (f.is_string()) files.push_back(f.get<std::string>());
    files.push_back(name);
    std::sort(files.begin(), files.end());
    nlohmann::ordered_json updated =
        nlohmann::ordered_json::parse(read_input_file(target / kOutputMarker, "marker"));
    updated["files"] = files;
    const fs::path marker_temp = target / (std::string(kOutputMarker) + ".tmp-" + pid);
    write_file_checked(marker_temp, updated.dump(2) + "\n");
    fs::rename(marker_temp, target / kOutputMarker, ec);
    if (ec) {
      fs::remove(marker_temp, ec);
      throw std::runtime_error("cannot update " + (target / kOutputMarker).string() + ": " +
                               ec.message());
    }
  }
  const fs::path temp = target / (temp_prefix + pid);
  try {
    write_file_checked(temp, content);
  } catch (...) {
    fs::remove(temp, ec);
    throw;
  }
  fs::rename(temp, file, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error("cannot write " + file.string() + ": " + ec.message());
  }
  fsync_path(target);
}

TargetLock::TargetLock(const fs::path& target, bool wait)
    : path_(target.parent_path() / ("." + target.filename().string() + ".lock")) {
  for (;;) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
      throw InputError(target.string() + ": error: --out: cannot create the lock file " +
                       path_.string() + ": " + std::strerror(errno) + "\n");
    int r;
    while ((r = ::flock(fd_, wait ? LOCK_EX : LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {
    }
    if (r != 0) {
      const int err = errno;
      ::close(fd_);
      fd_ = -1;
      if (err == EWOULDBLOCK)
        throw InputError(target.string() + ": error: --out: another povsim is writing " +
                         target.string() + " now; wait for it or choose another --out\n");
      // A file system without locks (ENOLCK, EOPNOTSUPP, …): go on unlocked, as before locks.
      return;
    }
    // The holder before us removes the file when it is done: our lock counts only if the file
    // we locked is still the one at the path.
    struct stat mine {
    }, there{};
    if (::fstat(fd_, &mine) == 0 && ::stat(path_.c_str(), &there) == 0 &&
        mine.st_dev == there.st_dev && mine.st_ino == there.st_ino)
      return;
    ::close(fd_);
  }
}

TargetLock::~TargetLock() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());
  ::close(fd_);
}

DirClaim::~DirClaim() { release(); }

bool DirClaim::claim(const fs::path& dir) {
  release();
  // Opened for writing: on NFS, flock is emulated with fcntl locks, whose exclusive kind needs it.
  const fs::path marker = dir / kOutputMarker;
  fd_ = ::open(marker.c_str(), O_RDWR | O_CLOEXEC);
  if (fd_ < 0) fd_ = ::open(marker.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return false;
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
  // Held by another process; any other failure means this file system cannot lock at all, and
  // then nobody holds it either.
  if (errno != EWOULDBLOCK) return true;
  release();
  return false;
}

void DirClaim::release() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

OutputDir::OutputDir(fs::path target, OutputDirOptions options)
    : target_(normalised_target(target)), options_(std::move(options)) {
  check_output_target(target, options_);
  const fs::path parent = target_.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw InputError(target.string() + ": error: --out: cannot create the parent directory " +
                     parent.string() + ": " + ec.message() + "\n");
  const TargetLock lock(target_);
  recover(target_);
  check_output_target(target, options_);  // what recovery put back must be povsim's too
  for (;;) {
    temp_ = parent / ("." + target_.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                      "-" + random_suffix());
    if (fs::create_directory(temp_, ec)) break;
    if (ec)
      throw InputError(target.string() + ": error: --out: cannot write in " + parent.string() +
                       ": " + ec.message() + "\n");
  }
  marker_fd_ = ::open((temp_ / kOutputMarker).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (marker_fd_ < 0 || (::flock(marker_fd_, LOCK_EX) != 0 && errno != ENOLCK &&
                         errno != EOPNOTSUPP && errno != EINVAL)) {
    const int err = errno;
    remove_working_dir(temp_);
    throw std::runtime_error("cannot create " + (temp_ / kOutputMarker).string() + ": " +
                             std::strerror(err));
  }
  write_file_checked(temp_ / kOutputMarker, marker_json(options_.command));
}

OutputDir::~OutputDir() {
  if (!committed_ && !temp_.empty()) remove_working_dir(temp_);
  if (marker_fd_ >= 0) ::close(marker_fd_);
}

void OutputDir::write(const std::string& name, const std::string& content) const {
  check_names(name);
  std::error_code ec;
  fs::create_directories(file(name).parent_path(), ec);
  write_file_checked(file(name), content);
}

void OutputDir::commit() {
  // The marker, last: it lists every file written, so a later run replaces this result only if
  // nothing was added to it.
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(temp_); it != fs::end(it); ++it) {
    const std::string rel = it->path().lexically_relative(temp_).generic_string();
    if (rel == kOutputMarker) continue;
    if (it->is_directory()) {
      fsync_path(it->path());
      continue;
    }
    files.push_back(rel);
  }
  std::sort(files.begin(), files.end());
  nlohmann::ordered_json list;
  list["files"] = files;
  write_file_checked(temp_ / kOutputMarker, marker_json(options_.command, list.dump()));
  fsync_path(temp_);

  const TargetLock lock(target_);
  // Someone may have put something at the target while we simulated.
  check_output_target(target_, options_);
  if (fs::exists(fs::symlink_status(target_, ec))) {
    // One atomic step: the new result takes the target's place and the old one ours.
    if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
      fsync_path(target_.parent_path());
      committed_ = true;
      remove_working_dir(temp_);
      return;
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
      throw std::runtime_error("cannot replace " + target_.string() + ": " + std::strerror(errno));
    // A file system without the exchange: two renames. A kill between them leaves the old
    // result at .NAME.old-*, which the next run into the same place puts back (recover()).
    const fs::path old =
        target_.parent_path() / ("." + target_.filename().string() + ".old-" +
                                 std::to_string(::getpid()) + "-" + random_suffix());
    fs::rename(target_, old, ec);
    if (ec) throw std::runtime_error("cannot replace " + target_.string() + ": " + ec.message());
    fs::rename(temp_, target_, ec);
    if (ec) {
      std::error_code back;
      fs::rename(old, target_, back);
      throw std::runtime_error("cannot move results into " + target_.string() + ": " +
                               ec.message());
    }
    fsync_path(target_.parent_path());
    committed_ = true;
    remove_working_dir(old);
    return;
  }
  fs::rename(temp_, target_, ec);
  if (ec)
    throw std::runtime_error("cannot move results into " + target_.string() + ": " + ec.message());
  fsync_path(target_.parent_path());
  committed_ = true;
}

}  // namespace povsim
