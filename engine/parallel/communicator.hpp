#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace povsim {

/// The processes of one run (MPI ranks) as the simulation sees them: who am I, how many are we,
/// and the few collectives the results need. The single-process version is trivial, so the
/// engine builds and runs the same without MPI.
class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const { return 0; }
  virtual int size() const { return 1; }
  bool root() const { return rank() == 0; }
  /// Every rank's bytes, in rank order, on rank 0 (an empty list on the others).
  virtual std::vector<std::string> gather(std::string bytes) const;
  /// True on every rank when `ok` is true on every rank.
  virtual bool all(bool ok) const { return ok; }
  /// Ends every rank of the run (after an error on one of them); returns only when single.
  virtual void abort(int /*exit_code*/) const {}
};

/// The communicator of a program not started by mpirun.
const Communicator& single_process();

/// Rows of a per-region table (any trivially copyable row type), concatenated over the ranks in
/// rank order on rank 0. Ranks hold contiguous blocks of regions in order, so this is the table a
/// single process would hold; empty on the other ranks.
template <class T>
std::vector<T> gather_rows(const Communicator& comm, const std::vector<T>& local) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (comm.size() == 1) return local;
  std::string bytes(local.size() * sizeof(T), '\0');
  if (!local.empty()) std::memcpy(bytes.data(), local.data(), bytes.size());
  std::vector<T> all;
  for (const std::string& part : comm.gather(std::move(bytes))) {
    const std::size_t old = all.size();
    all.resize(old + part.size() / sizeof(T));
    if (!part.empty()) std::memcpy(static_cast<void*>(all.data() + old), part.data(), part.size());
  }
  return all;
}

/// Starts MPI when the program was launched by mpirun (and built with POVSIM_MPI) and finalizes
/// it at the end; otherwise its world() is single_process().
class ParallelSession {
 public:
  ParallelSession(int& argc, char**& argv);
  ~ParallelSession();
  ParallelSession(const ParallelSession&) = delete;
  ParallelSession& operator=(const ParallelSession&) = delete;
  const Communicator& world() const { return *world_; }

 private:
  const Communicator* world_;
  [[maybe_unused]] bool started_ = false;  // read only by the MPI build (mpi_session.cpp)
};

/// Whether this build can run over MPI ranks.
bool mpi_available();

}  // namespace povsim
