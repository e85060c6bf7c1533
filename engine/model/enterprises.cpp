#include "model/enterprises.hpp"

#include <algorithm>
#include <utility>

#include "model/households.hpp"

namespace povsim {

const EnterpriseKindParams& kind_params(const EnterpriseParams& p, EnterpriseKind kind) {
  switch (kind) {
    case EnterpriseKind::kLeading:
      return p.leading;
    case EnterpriseKind::kCooperative:
      return p.cooperative;
    case EnterpriseKind::kWorkshop:
      return p.workshop;
    case EnterpriseKind::kParkFactory:
      return p.park_factory;
    case EnterpriseKind::kTourism:
      break;
  }
  return p.tourism;
}

std::size_t RegionEnterprises::n_alive() const {
  return static_cast<std::size_t>(std::count(alive.begin(), alive.end(), std::uint8_t{1}));
}

std::uint32_t RegionEnterprises::add(EnterpriseKind k, std::uint32_t slots, float monthly_wage,
                                     int month) {
  kind.push_back(k);
  jobs.push_back(slots);
  filled.push_back(0);
  wage.push_back(monthly_wage);
  alive.push_back(1);
  subsidised.push_back(0);
  born_month.push_back(month);
  revenue.push_back(0.0f);
  return static_cast<std::uint32_t>(kind.size() - 1);
}

void RegionEnterprises::rebuild_graph() {
  std::erase_if(links, [this](const Link& l) { return !live(l); });
  n_graph_links = links.size();
  build_graph(n_households + n());
}

void RegionEnterprises::build_graph(std::size_t vertices) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  std::vector<LinkEdge> props;
  edges.reserve(2 * n_graph_links);
  props.reserve(2 * n_graph_links);
  for (std::uint32_t l = 0; l < n_graph_links; ++l) {
    const std::uint32_t e = n_households + links[l].enterprise;
    edges.emplace_back(links[l].household, e);
    props.push_back({l});
    edges.emplace_back(e, links[l].household);
    props.push_back({l});
  }
  graph = LinkGraph(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), props.begin(),
                    vertices);
}

std::size_t RegionEnterprises::count_links(LinkKind k) const {
  return static_cast<std::size_t>(std::count_if(
      links.begin(), links.end(), [this, k](const Link& l) { return l.kind == k && live(l); }));
}

std::size_t RegionEnterprises::degree_of(std::uint32_t e) const {
  return boost::out_degree(static_cast<std::size_t>(n_households) + e, graph);
}

namespace {

struct LinkSums {
  float wage = 0, coop = 0, property = 0, premium = 0;
  std::uint8_t kinds = 0;
  void add(const Link& l) {
    kinds |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(l.kind));
    switch (l.kind) {
      case LinkKind::kEmployment:
        wage += l.amount;
        break;
      case LinkKind::kContract:
        premium = std::max(premium, l.amount);
        break;
      case LinkKind::kLease:
      case LinkKind::kEquity:
        property += l.amount;
        break;
      case LinkKind::kMembership:
        coop += l.amount;
        break;
    }
  }
  void store(Households& hh, std::size_t i) const {
    hh.link_wage[i] = wage;
    hh.link_coop[i] = coop;
    hh.link_property[i] = property;
    hh.contract_premium[i] = premium;
    hh.link_kinds[i] = kinds;
    if (kinds != 0)
      hh.flags[i] |= hh_flag::kLinked;
    else
      hh.flags[i] &= static_cast<std::uint8_t>(~hh_flag::kLinked);
  }
};

LinkSums graph_sums(const RegionEnterprises& ent, std::size_t row) {
  LinkSums sums;
  for (auto [it, last] = boost::out_edges(row, ent.graph); it != last; ++it) {
    const Link& l = ent.links[ent.graph[*it].link];
    if (ent.live(l)) sums.add(l);
  }
  return sums;
}

}  // namespace

void link_income_pass(const RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                      std::size_t begin, std::size_t end) {
  for (std::size_t row = begin; row < end; ++row)
    graph_sums(ent, row).store(hh, region_begin + row);
}

void refresh_rows(const RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                  const std::vector<std::uint32_t>& rows) {
  for (const std::uint32_t row : rows) {
    LinkSums sums = graph_sums(ent, row);
    for (std::size_t l = ent.n_graph_links; l < ent.links.size(); ++l)
      if (ent.links[l].household == row && ent.live(ent.links[l])) sums.add(ent.links[l]);
    sums.store(hh, region_begin + row);
  }
}

}  // namespace povsim
