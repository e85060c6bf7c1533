#pragma once
#include <cstdint>
#include <string>

namespace povsim {

/// Peak resident set size of this process so far, in bytes (VmHWM), or 0 if unknown.
std::uint64_t peak_rss_bytes();

/// Memory this process may still take, in bytes: the least of the system's MemAvailable, the
/// cgroup's memory.max less what it uses, and RLIMIT_AS / RLIMIT_DATA less this process's size
/// (each when known); UINT64_MAX when none is known.
std::uint64_t available_memory_bytes();

/// "1.5 GiB", "300 MiB": a byte count for messages.
std::string format_bytes(std::uint64_t bytes);

}  // namespace povsim
