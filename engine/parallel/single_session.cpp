// ParallelSession of a build without MPI: always one process.
#include "parallel/communicator.hpp"

namespace povsim {

ParallelSession::ParallelSession(int& /*argc*/, char**& /*argv*/) : world_(&single_process()) {}
ParallelSession::~ParallelSession() = default;
bool mpi_available() { return false; }

}  // namespace povsim
