#pragma once
// SHA-256 as lower-case hex (OpenSSL's EVP): the one digest behind the scenario fingerprint
// (resolved_sha256) and the sweep/calibration fingerprints.
#include <string>
#include <string_view>

namespace povsim {

/// SHA-256 of text fed in pieces: the same digest as of the pieces joined.
class Sha256 {
 public:
  Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  ~Sha256();
  void add(std::string_view text);
  /// 64 lower-case hex digits; ends the digest (add after hex is not allowed).
  std::string hex();

 private:
  void* ctx_;  // EVP_MD_CTX, kept opaque so that callers need no OpenSSL headers
};

/// SHA-256 of `data`, 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace povsim
