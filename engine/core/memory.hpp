#pragma once
#include <cstdint>

namespace povsim {

/// Peak resident set size of this process so far, in bytes (VmHWM), or 0 if unknown.
std::uint64_t peak_rss_bytes();

}  // namespace povsim
