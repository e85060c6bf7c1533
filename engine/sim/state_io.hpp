#pragma once
// How simulation state goes into and out of a checkpoint. An archive `a` (CheckpointWriter or
// CheckpointReader, sim/checkpoint.hpp) is called as a(x, y, …) on state members:
//  - trivially copyable values (numbers, enums, flat structs of them such as YearFlows, Budgets,
//    RegionShockState) are copied as bytes: a member added to such a struct is saved with no
//    further change;
//  - std::vector and std::array of anything are saved element-wise (as one block when flat);
//  - other structs list their members in a serialize(): Simulation::serialize (the list of all
//    state) and the two below.
#include <array>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "funds/fund_state.hpp"
#include "model/cadres.hpp"
#include "model/enterprises.hpp"
#include "model/households.hpp"

namespace povsim {

template <class A, class T>
void io(A& a, T& v);

/// Every column of the population, in the order of POVSIM_HOUSEHOLD_COLUMNS (model/
/// households.hpp), after the region bounds. Loading checks that each column holds one entry per
/// household: a file written with a column of another length is refused, not half-loaded.
template <class A>
void serialize(A& a, Households& h) {
  a(h.region_begin);
#define POVSIM_COLUMN_SERIALIZE(type, name, init, slots) a(h.name);
  POVSIM_HOUSEHOLD_COLUMNS(POVSIM_COLUMN_SERIALIZE)
#undef POVSIM_COLUMN_SERIALIZE
  if constexpr (A::kLoading) {
    // Region r owns rows [region_begin[r], region_begin[r+1]): bounds out of order would give a
    // region a negative (wrapped) number of households.
    for (std::size_t r = 0; r < h.region_begin.size(); ++r)
      if (r == 0 ? h.region_begin[0] != 0 : h.region_begin[r] < h.region_begin[r - 1])
        a.corrupt("household region bounds out of order");
    const std::size_t n = h.region_begin.empty() ? 0 : h.region_begin.back();
    if (const char* column = h.column_not_of_length(n))
      a.fail(std::string("corrupt: household column `") + column + "` does not hold one entry " +
             "for each of the " + std::to_string(n) + " households");
  }
}

/// A region's enterprises and links; the CSR graph is rebuilt from the links it was built from.
template <class A>
void serialize(A& a, RegionEnterprises& e) {
  const std::uint32_t region_households = e.n_households;  // loading: set by Simulation::serialize
  a(e.kind, e.jobs, e.filled, e.wage, e.alive, e.subsidised, e.born_month, e.revenue,
    e.initial_count);
  a(e.links, e.n_graph_links, e.n_households, e.seekers);
  std::uint64_t vertices = boost::num_vertices(e.graph);
  a(vertices);
  if constexpr (A::kLoading) {
    // A file whose checksum matches can still hold links that point nowhere (a crafted file, or
    // one from a build with a bug): the graph and alive[] must index only what was loaded.
    const std::uint64_t n = e.kind.size();
    if (e.n_households != region_households)
      a.corrupt("enterprises of a region of " + std::to_string(e.n_households) +
                " households, but the region has " + std::to_string(region_households));
    bool ok = e.alive.size() == n && e.n_graph_links <= e.links.size() &&
              vertices <= std::uint64_t{e.n_households} + n;
    for (std::size_t l = 0; ok && l < e.links.size(); ++l) {
      const Link& link = e.links[l];
      ok = link.enterprise < n &&
           (l >= e.n_graph_links || (link.household < e.n_households &&
                                     std::uint64_t{e.n_households} + link.enterprise < vertices));
    }
    if (!ok) a.corrupt("enterprise links out of range");
    e.build_graph(static_cast<std::size_t>(vertices));
  }
}

/// A region's cadres and their pairings.
template <class A>
void serialize(A& a, RegionCadres& c) {
  a(c.capacity, c.load, c.pairs, c.next_free, c.handover_cursor);
}

/// A region's ledger (balances, this year's flows, the journal) and its loans.
template <class A>
void serialize(A& a, RegionLedger& l) {
  a(l.balance, l.opening, l.inflow, l.outflow, l.paid, l.journal, l.month_begin);
}
template <class A>
void serialize(A& a, FundState& f) {
  a(f.ledger, f.loans, f.annual, f.extra_jobs, f.tally);
}

namespace state_io_detail {
template <class T>
struct is_vector : std::false_type {};
template <class T, class Alloc>
struct is_vector<std::vector<T, Alloc>> : std::true_type {};
template <class T>
struct is_array : std::false_type {};
template <class T, std::size_t N>
struct is_array<std::array<T, N>> : std::true_type {};
}  // namespace state_io_detail

template <class A, class T>
void io(A& a, T& v) {
  if constexpr (requires { v.serialize(a); }) {
    v.serialize(a);
  } else if constexpr (requires { serialize(a, v); }) {
    serialize(a, v);
  } else if constexpr (state_io_detail::is_vector<T>::value || std::is_same_v<T, std::string>) {
    using E = typename T::value_type;
    std::uint64_t n = v.size();
    // The least each element takes in the file (bounds a damaged length when loading).
    a.length(n, std::is_trivially_copyable_v<E> ? sizeof(E) : 1);
    if constexpr (A::kLoading) v.resize(static_cast<std::size_t>(n));
    if constexpr (std::is_trivially_copyable_v<E>) {
      a.bytes(v.data(), v.size() * sizeof(E));
    } else {
      for (E& e : v) io(a, e);
    }
  } else if constexpr (state_io_detail::is_array<T>::value && !std::is_trivially_copyable_v<T>) {
    for (auto& e : v) io(a, e);
  } else {
    static_assert(std::is_trivially_copyable_v<T>,
                  "state member needs a serialize() (see sim/state_io.hpp)");
    a.bytes(&v, sizeof(T));
  }
}

}  // namespace povsim
