#pragma once
#include <source_location>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

namespace povsim {

/// Where a value came from: a file position, or a command-line override.
struct Origin {
  std::string file;  // "" when unknown
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based
};

/// One problem with the user's input, rendered as `file:line:col: error: path: message`.
struct Diagnostic {
  Origin origin;
  std::string path;
  std::string message;
  bool warning = false;  // `warning:` instead of `error:` (valid but implausible input)
  std::string render() const;
};

/// Collects every problem found while reading input so that all are reported at once.
class Diagnostics {
 public:
  void error(const Origin& origin, std::string path, std::string message);
  /// Input that is valid but probably not what was meant: reported, never fatal (unless the
  /// caller makes it so, as --strict does).
  void warning(const Origin& origin, std::string path, std::string message);
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Problems reported so far, counting repeats that `items()` keeps once: a reader that finds
  /// an already-known problem again still knows its own input was bad.
  std::size_t reported() const { return reported_; }
  std::string render() const;
  /// Throws InputError carrying every diagnostic collected so far, if any.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> items_;
  std::vector<Diagnostic> warnings_;
  std::unordered_set<std::string> seen_;  // items_ and warnings_ rendered
  std::size_t reported_ = 0;
};

/// Bad input (scenario, sweep file, command line): the program exits with code 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::string message) : std::runtime_error(std::move(message)) {}
};

/// An engine invariant broke: a bug, never the user's fault. Exit code 1.
[[noreturn]] void invariant_failed(const char* condition,
                                   std::source_location where = std::source_location::current());

#define POVSIM_ASSERT(cond)                         \
  do {                                              \
    if (!(cond)) ::povsim::invariant_failed(#cond); \
  } while (false)

/// The closest candidate by edit distance, or "" when none is close enough to suggest.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace povsim
