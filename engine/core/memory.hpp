#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace povsim {

/// Peak resident set size of this process so far, in bytes (VmHWM), or 0 if unknown.
std::uint64_t peak_rss_bytes();

/// Memory this process may still take, in bytes: the least of the system's MemAvailable, the
/// cgroup's memory.max less what it uses, and RLIMIT_AS / RLIMIT_DATA less this process's size
/// (each when known); UINT64_MAX when none is known.
std::uint64_t available_memory_bytes();

/// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes) with transparent
/// huge pages (madvise MADV_HUGEPAGE; a no-op where THP is off or unknown). For large arrays about
/// to be first touched: one page fault per 2 MiB instead of per 4 KiB.
void advise_huge_pages(void* data, std::size_t bytes);

/// "1.5 GiB", "300 MiB": a byte count for messages.
std::string format_bytes(std::uint64_t bytes);

}  // namespace povsim
