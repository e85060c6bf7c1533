#include "parallel/communicator.hpp"

#include <cstdlib>

namespace povsim {

std::vector<std::string> Communicator::gather(std::string bytes) const {
  std::vector<std::string> out;
  out.push_back(std::move(bytes));
  return out;
}

const Communicator& single_process() {
  static const Communicator single;
  return single;
}

}  // namespace povsim
