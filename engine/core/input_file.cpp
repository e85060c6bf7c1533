#include "core/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>

namespace povsim {

namespace {

[[noreturn]] void refuse(const std::filesystem::path& file, std::string_view what,
                         const std::string& reason) {
  throw InputFileError(file, "cannot read " + std::string(what) + ": " + reason);
}

/// Closes the descriptor on every path out of read_input_file.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

std::string limit_text(std::size_t limit) {
  if (limit % (std::size_t{1} << 20) == 0) return std::to_string(limit >> 20) + " MiB";
  return std::to_string(limit) + " bytes";
}

}  // namespace

std::size_t input_limit() {
  const char* env = std::getenv("POVSIM_MAX_INPUT_BYTES");
  if (env == nullptr || *env == '\0') return kDefaultInputLimit;
  const std::string_view text(env);
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value == 0)
    throw InputError(
        "povsim: error: POVSIM_MAX_INPUT_BYTES: expected a positive whole number of bytes, "
        "found \"" +
        std::string(text) + "\"\n");
  return value;
}

std::string read_input_file(const std::filesystem::path& file, std::string_view what,
                            std::size_t limit) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever; the
  // descriptor is checked to be a regular file before anything is read from it.
  Fd fd{::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (fd.fd < 0) {
    const int err = errno;
    if (err == ENOENT) refuse(file, what, "no such file (check the path)");
    refuse(file, what, std::string(std::strerror(err)) + " (check the path and its permissions)");
  }
  struct stat st {};
  if (::fstat(fd.fd, &st) != 0) refuse(file, what, std::strerror(errno));
  if (S_ISDIR(st.st_mode)) refuse(file, what, "it is a directory, expected a file");
  if (!S_ISREG(st.st_mode))
    refuse(file, what,
           std::string("it is not a regular file (") +
               (S_ISFIFO(st.st_mode)   ? "a FIFO"
                : S_ISCHR(st.st_mode)  ? "a character device"
                : S_ISBLK(st.st_mode)  ? "a block device"
                : S_ISSOCK(st.st_mode) ? "a socket"
                                       : "a special file") +
               "); povsim reads inputs only from regular files");
  // Back to blocking reads: a regular file never blocks, and some file systems refuse
  // O_NONBLOCK reads.
  const int flags = ::fcntl(fd.fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd.fd, F_SETFL, flags & ~O_NONBLOCK);
  const std::string too_big = "larger than the input limit of " + limit_text(limit) +
                              " (set POVSIM_MAX_INPUT_BYTES to raise it)";
  if (static_cast<std::uintmax_t>(st.st_size) > limit) refuse(file, what, too_big);
  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t have = 0;
  // The size may change while reading: never read past limit + 1 bytes.
  while (true) {
    if (have == text.size()) {
      if (text.size() > limit) break;
      text.resize(std::min(limit + 1, std::max<std::size_t>(text.size() * 2, 4096)));
    }
    const ssize_t n = ::read(fd.fd, text.data() + have, text.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      refuse(file, what, std::strerror(errno));
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  if (have > limit) refuse(file, what, too_big);
  text.resize(have);
  return text;
}

}  // namespace povsim
