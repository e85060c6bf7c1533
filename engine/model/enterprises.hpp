#pragma once
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <vector>

#include "model/own_income.hpp"
#include "scenario/params.hpp"

namespace povsim {

struct Households;

enum class EnterpriseKind : std::uint8_t {
  kLeading = 0,      // 龙头企业
  kCooperative = 1,  // 合作社
  kWorkshop = 2,     // 就业帮扶车间
  kParkFactory = 3,  // industrial-park factory
  kTourism = 4,
};
inline constexpr int kEnterpriseKindCount = 5;

enum class LinkKind : std::uint8_t {
  kEmployment = 0,
  kContract = 1,    // contract farming / order purchase
  kLease = 2,       // 土地流转
  kEquity = 3,      // quantified shares (折股量化)
  kMembership = 4,  // cooperative membership
};
inline constexpr int kLinkKindCount = 5;
static_assert(kEmploymentLinkBit == 1u << static_cast<unsigned>(LinkKind::kEmployment) &&
                  kContractLinkBit == 1u << static_cast<unsigned>(LinkKind::kContract) &&
                  kLeaseLinkBit == 1u << static_cast<unsigned>(LinkKind::kLease),
              "model/own_income.hpp's link bits follow LinkKind");

/// The parameters of one enterprise kind.
const EnterpriseKindParams& kind_params(const EnterpriseParams& p, EnterpriseKind kind);

/// One household–enterprise link. `amount` is yuan per month, except for contract farming, where
/// it is the price premium (a share of the household's operating income).
struct Link {
  std::uint32_t household = 0;   // row within the region
  std::uint32_t enterprise = 0;  // index within the region
  LinkKind kind = LinkKind::kEmployment;
  std::uint8_t ended = 0;  // laid off (an employment link ended while its enterprise lives)
  float amount = 0;
};

/// Edge property of the link graph: the link's index in RegionEnterprises::links.
struct LinkEdge {
  std::uint32_t link = 0;
};

/// Bipartite household–enterprise graph of one region, households first (vertex = row within the
/// region), then enterprises (vertex = n_households + enterprise index); each link is stored in
/// both directions. Compressed sparse rows: rebuilt when links change (at most a few times a
/// year), read by the link-income pass and by failures.
using LinkGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, LinkEdge>;

/// The enterprises of one region and their links (struct of arrays; enterprises are never
/// erased, so an index is a stable id for random draws). The graph holds links
/// [0, n_graph_links); links added since (hires) are pending until the next rebuild, and links of
/// failed enterprises stay in place, ignored, until then.
struct RegionEnterprises {
  std::vector<EnterpriseKind> kind;
  std::vector<std::uint32_t> jobs;    // slots
  std::vector<std::uint32_t> filled;  // slots filled
  std::vector<float> wage;            // yuan/month
  std::vector<std::uint8_t> alive;
  std::vector<std::uint8_t> subsidised;  // this year
  std::vector<int> born_month;           // month offset of entry, −1 for the initial ones
  std::vector<float> revenue;            // log revenue relative to the kind's normal level
  std::vector<double> initial_count;     // [kind] enterprises at the start (for entry)
  std::vector<Link> links;
  std::size_t n_graph_links = 0;
  LinkGraph graph;
  std::uint32_t n_households = 0;
  std::vector<std::uint32_t> seekers;  // households looking for a local job (rows in region)

  std::size_t n() const { return kind.size(); }
  /// The link still runs: its enterprise lives and it was not ended by a lay-off.
  bool live(const Link& l) const { return alive[l.enterprise] && !l.ended; }
  std::size_t n_alive() const;
  /// Adds an enterprise with no links; returns its index.
  std::uint32_t add(EnterpriseKind k, std::uint32_t slots, float monthly_wage, int month);
  /// Drops the links of failed enterprises and rebuilds the graph from all links.
  void rebuild_graph();
  /// The graph of links[0, n_graph_links) on `vertices` vertices (rebuild_graph drops dead links
  /// first; a checkpoint restores links, n_graph_links and the vertex count, then calls this).
  void build_graph(std::size_t vertices);
  /// Live links of one kind (for tests and measures).
  std::size_t count_links(LinkKind k) const;
  /// Links of enterprise e in the graph.
  std::size_t degree_of(std::uint32_t e) const;
};

/// Household columns derived from the links of region rows [begin, end): link income by kind,
/// the link-kind mask and the kLinked flag. `region_begin` is the region's first global row.
void link_income_pass(const RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                      std::size_t begin, std::size_t end);

/// The same for a few rows (those an enterprise failure touched), counting pending links too.
void refresh_rows(const RegionEnterprises& ent, Households& hh, std::size_t region_begin,
                  const std::vector<std::uint32_t>& rows);

}  // namespace povsim
