#pragma once
// Names are data, never paths: the one way a scenario or sweep name becomes a file or directory
// name (docs/outputs.md, "Names as file names").
#include <string>
#include <vector>

namespace povsim {

/// `name` as one safe path component: every byte that is not part of valid UTF-8, every control
/// character and each of / \ : * ? " < > | becomes `_`; a leading `.` becomes `_` (so `.`, `..`
/// and hidden names cannot occur); at most 120 bytes (cut at a character boundary); an empty
/// name becomes `unnamed`. Idempotent: a safe name maps to itself.
std::string safe_file_name(const std::string& name);

/// safe_file_name of each name, made distinct: a name that coincides with an earlier one (or
/// with one of `reserved`, the files beside it) gets `-2`, `-3`, … appended.
std::vector<std::string> distinct_file_names(const std::vector<std::string>& names,
                                             const std::vector<std::string>& reserved = {});

}  // namespace povsim
