// ParallelSession and the Communicator over MPI (built when POVSIM_MPI is on).
#include <mpi.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "parallel/communicator.hpp"

namespace povsim {

namespace {

class MpiCommunicator final : public Communicator {
 public:
  MpiCommunicator() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  std::vector<std::string> gather(std::string bytes) const override {
    wait_for_all();
    // Sizes first (64-bit), then the bytes in pieces below INT_MAX (MPI counts are int).
    const auto mine = static_cast<unsigned long long>(bytes.size());
    std::vector<unsigned long long> sizes(static_cast<std::size_t>(size_));
    MPI_Gather(&mine, 1, MPI_UNSIGNED_LONG_LONG, sizes.data(), 1, MPI_UNSIGNED_LONG_LONG, 0,
               MPI_COMM_WORLD);
    std::vector<std::string> out;
    if (rank_ == 0) {
      out.resize(sizes.size());
      out[0] = std::move(bytes);
      for (int r = 1; r < size_; ++r) {
        std::string& part = out[static_cast<std::size_t>(r)];
        part.resize(sizes[static_cast<std::size_t>(r)]);
        for (std::size_t at = 0; at < part.size(); at += kPiece)
          MPI_Recv(part.data() + at, piece(part.size() - at), MPI_BYTE, r, kTag, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE);
      }
    } else {
      for (std::size_t at = 0; at < bytes.size(); at += kPiece)
        MPI_Send(bytes.data() + at, piece(bytes.size() - at), MPI_BYTE, 0, kTag, MPI_COMM_WORLD);
    }
    return out;
  }

  bool all(bool ok) const override {
    int mine = ok ? 1 : 0;
    int every = 0;
    MPI_Allreduce(&mine, &every, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    return every != 0;
  }

  void abort(int exit_code) const override {
    if (size_ > 1) MPI_Abort(MPI_COMM_WORLD, exit_code);
  }

 private:
  /// A barrier that sleeps while it waits: a rank that reaches the year end first (fewer
  /// households) leaves its core to the others instead of spinning in MPI's busy poll.
  static void wait_for_all() {
    MPI_Request request;
    MPI_Ibarrier(MPI_COMM_WORLD, &request);
    int done = 0;
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    while (done == 0) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    }
  }
  static constexpr std::size_t kPiece = std::size_t{1} << 30;
  static constexpr int kTag = 7;
  static int piece(std::size_t left) { return static_cast<int>(left < kPiece ? left : kPiece); }
  int rank_ = 0;
  int size_ = 1;
};

/// mpirun (Open MPI, MPICH/Hydra, Slurm's PMI/PMIx) marks the processes it starts; a program run
/// by hand does not start MPI at all (no singleton start-up cost).
bool launched_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

}  // namespace

ParallelSession::ParallelSession(int& argc, char**& argv) : world_(&single_process()) {
  if (!launched_by_mpirun()) return;
  int provided = 0;
  // Only the main thread calls MPI (the TBB workers never do).
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    throw std::runtime_error("MPI_Init_thread failed");
  started_ = true;
  static const MpiCommunicator world;
  world_ = &world;
}

ParallelSession::~ParallelSession() {
  if (started_) MPI_Finalize();
}

bool mpi_available() { return true; }

}  // namespace povsim
