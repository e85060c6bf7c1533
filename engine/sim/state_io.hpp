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

/// Every column of the population (a column added to Households needs its line here; the
/// checkpoint test checks the size against Households::bytes_per_household()).
template <class A>
void serialize(A& a, Households& h) {
  a(h.region_begin);
  a(h.size, h.workers, h.elderly, h.students, h.labour, h.flags);
  a(h.wage_local, h.wage_migrant, h.operating, h.property, h.subsidy);
  a(h.dibao_monthly, h.sick_months_left);
  a(h.ytd_net, h.month_income, h.income_sum);
  a(h.category, h.mon_flags, h.risk_since, h.event_month, h.months_above, h.motivation,
    h.public_job_months_left);
  a(h.link_wage, h.link_coop, h.link_property, h.contract_premium, h.link_kinds);
  a(h.cause, h.cause_loss, h.cause_month);
}

/// A region's enterprises and links; the CSR graph is rebuilt from the links it was built from.
template <class A>
void serialize(A& a, RegionEnterprises& e) {
  a(e.kind, e.jobs, e.filled, e.wage, e.alive, e.subsidised, e.born_month, e.revenue,
    e.initial_count);
  a(e.links, e.n_graph_links, e.n_households, e.seekers);
  std::uint64_t vertices = boost::num_vertices(e.graph);
  a(vertices);
  if constexpr (A::kLoading) {
    // A file whose checksum matches can still hold links that point nowhere (a crafted file, or
    // one from a build with a bug): the graph and alive[] must index only what was loaded.
    const std::uint64_t n = e.kind.size();
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
