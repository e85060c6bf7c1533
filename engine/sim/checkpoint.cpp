#include "sim/checkpoint.hpp"

#include <openssl/evp.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <system_error>

#include "core/diagnostics.hpp"

namespace povsim {

namespace {

constexpr std::array<char, 8> kMagic{'P', 'O', 'V', 'S', 'I', 'M', 'C', 'K'};
constexpr std::size_t kHashBytes = 32;
constexpr std::size_t kBufferBytes = std::size_t{4} << 20;

EVP_MD_CTX* ctx(void* p) { return static_cast<EVP_MD_CTX*>(p); }

void free_digest(void* p) { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(p)); }

std::unique_ptr<void, void (*)(void*)> new_digest() {
  std::unique_ptr<void, void (*)(void*)> c(EVP_MD_CTX_new(), &free_digest);
  if (c == nullptr || EVP_DigestInit_ex(ctx(c.get()), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("checkpoint: cannot start SHA-256");
  return c;
}

std::string hex(std::uint64_t v) { return std::to_string(v); }

}  // namespace

std::filesystem::path checkpoint_file(const std::filesystem::path& dir, std::uint32_t replication,
                                      int rank, int ranks) {
  std::string name = "replication-" + std::to_string(replication);
  if (ranks > 1) name += ".rank-" + std::to_string(rank);
  return dir / (name + ".ckpt");
}

// ---- writer ----

CheckpointWriter::CheckpointWriter(const std::filesystem::path& file)
    : digest_(new_digest()), path_(file) {
  file_.reset(std::fopen(file.c_str(), "wb"));
  if (file_ == nullptr)
    throw std::system_error(errno, std::generic_category(),
                            "cannot write checkpoint " + file.string());
  buffer_.reserve(kBufferBytes);
}

CheckpointWriter::~CheckpointWriter() = default;

void CheckpointWriter::flush() {
  if (buffer_.empty()) return;
  EVP_DigestUpdate(ctx(digest_.get()), buffer_.data(), buffer_.size());
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size())
    throw std::system_error(errno, std::generic_category(),
                            "cannot write checkpoint " + path_.string());
  buffer_.clear();
}

void CheckpointWriter::bytes(const void* data, std::size_t n) {
  if (buffer_.size() + n <= kBufferBytes) {
    buffer_.append(static_cast<const char*>(data), n);
    return;
  }
  flush();
  if (n <= kBufferBytes) {
    buffer_.append(static_cast<const char*>(data), n);
    return;
  }
  EVP_DigestUpdate(ctx(digest_.get()), data, n);
  if (std::fwrite(data, 1, n, file_.get()) != n)
    throw std::system_error(errno, std::generic_category(),
                            "cannot write checkpoint " + path_.string());
}

void CheckpointWriter::finish() {
  flush();
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx(digest_.get()), hash.data(), &len);
  bool ok = std::fwrite(hash.data(), 1, kHashBytes, file_.get()) == kHashBytes;
  ok = std::fflush(file_.get()) == 0 && ok;
  ok = ::fsync(::fileno(file_.get())) == 0 && ok;
  ok = std::fclose(file_.release()) == 0 && ok;
  if (!ok)
    throw std::system_error(errno, std::generic_category(),
                            "cannot write checkpoint " + path_.string());
}

// ---- reader ----

CheckpointReader::CheckpointReader(const std::filesystem::path& file)
    : digest_(new_digest()), path_(file) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(file, ec);
  if (ec)
    throw InputError(file.string() + ": error: cannot read checkpoint: " + ec.message() + "\n");
  file_.reset(std::fopen(file.c_str(), "rb"));
  if (file_ == nullptr)
    throw InputError(file.string() + ": error: cannot read checkpoint: " + std::strerror(errno) +
                     "\n");
  if (size < kMagic.size() + sizeof(std::uint32_t) + kHashBytes)
    fail("truncated (" + hex(size) + " bytes)");
  left_ = size - kHashBytes;
}

CheckpointReader::~CheckpointReader() = default;

void CheckpointReader::fail(const std::string& what) const {
  throw InputError(path_.string() + ": error: checkpoint " + what + "\n");
}

void CheckpointReader::bytes(void* data, std::size_t n) {
  if (n > left_) fail("truncated or corrupt: data ends early");
  if (std::fread(data, 1, n, file_.get()) != n) fail("truncated: read failed");
  EVP_DigestUpdate(ctx(digest_.get()), data, n);
  left_ -= n;
}

void CheckpointReader::length(std::uint64_t& n, std::size_t element_size) {
  bytes(&n, sizeof n);
  // A damaged length must not allocate more than the file could hold.
  if (element_size > 0 && n > left_ / element_size)
    fail("truncated or corrupt: a table of " + hex(n) + " entries does not fit in the file");
}

void CheckpointReader::finish() {
  if (left_ != 0) fail("corrupt: " + hex(left_) + " unread bytes before the checksum");
  std::array<unsigned char, EVP_MAX_MD_SIZE> expect{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx(digest_.get()), expect.data(), &len);
  std::array<unsigned char, kHashBytes> found{};
  if (std::fread(found.data(), 1, kHashBytes, file_.get()) != kHashBytes)
    fail("truncated: no checksum");
  if (std::memcmp(found.data(), expect.data(), kHashBytes) != 0)
    fail("corrupt: SHA-256 does not match its contents");
}

// ---- whole files ----

void save_checkpoint(const std::filesystem::path& file, const CheckpointIdentity& id,
                     Simulation& sim) {
  std::filesystem::path tmp = file;
  tmp += ".tmp";
  {
    CheckpointWriter w(tmp);
    std::array<char, 8> magic = kMagic;
    std::uint32_t version = kCheckpointVersion;
    CheckpointIdentity identity = id;
    w(magic, version, identity, sim);
    w.finish();
  }
  std::filesystem::rename(tmp, file);
}

void load_checkpoint(const std::filesystem::path& file, const CheckpointIdentity& id,
                     Simulation& sim) {
  CheckpointReader r(file);
  std::array<char, 8> magic{};
  r(magic);
  if (magic != kMagic) throw InputError(file.string() + ": error: not a povsim checkpoint\n");
  std::uint32_t version = 0;
  r(version);
  if (version != kCheckpointVersion)
    throw InputError(file.string() + ": error: checkpoint format version " +
                     std::to_string(version) + ", this povsim reads version " +
                     std::to_string(kCheckpointVersion) + "\n");
  CheckpointIdentity found;
  r(found);
  auto mismatch = [&](const std::string& what, const std::string& was, const std::string& now) {
    throw InputError(file.string() + ": error: checkpoint belongs to another run: " + what +
                     " was " + was + ", this run has " + now + "\n");
  };
  if (found.scenario_sha256 != id.scenario_sha256)
    mismatch("scenario (SHA-256 of the resolved scenario)", found.scenario_sha256,
             id.scenario_sha256);
  if (found.seed != id.seed) mismatch("seed", hex(found.seed), hex(id.seed));
  if (found.replication != id.replication)
    mismatch("replication", hex(found.replication), hex(id.replication));
  if (found.ranks != id.ranks || found.rank != id.rank)
    mismatch("MPI layout (a restart needs the same number of ranks)",
             "rank " + hex(found.rank) + " of " + hex(found.ranks),
             "rank " + hex(id.rank) + " of " + hex(id.ranks));
  if (found.region_begin != id.region_begin || found.region_end != id.region_end ||
      found.households != id.households || found.months != id.months)
    mismatch("regions, households or months",
             hex(found.region_begin) + ".." + hex(found.region_end) + ", " + hex(found.households) +
                 ", " + std::to_string(found.months),
             hex(id.region_begin) + ".." + hex(id.region_end) + ", " + hex(id.households) + ", " +
                 std::to_string(id.months));
  r(sim);
  r.finish();
}

}  // namespace povsim
