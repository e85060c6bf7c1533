#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/params.hpp"
#include "sim/runner.hpp"

namespace povsim {

/// Summary statistics of one figure over replications.
struct Spread {
  double mean = 0, sd = 0, p05 = 0, p50 = 0, p95 = 0;
  std::size_t n = 0;
};
Spread spread_of(std::vector<double> values);

/// Region names in output order: every region, then "all".
std::vector<std::string> output_regions(const Params& params);

/// annual.csv: replication,year,region,metric,value — one row per figure.
std::string annual_csv(const Params& params, const RunResult& run);
/// summary.csv: year,region,metric,mean,sd,p05,p50,p95,n — spread over replications.
std::string summary_csv(const Params& params, const RunResult& run);
/// funds.csv: replication,year,region,account,opening,inflow,outflow,closing — the fund ledger
/// per year, region (and `all`, summed from the regions' integer fen) and account, in yuan with
/// exactly two decimals; closing = opening + inflow − outflow on every row, to the fen.
std::string funds_csv(const Params& params, const RunResult& run);
/// Integer fen as yuan with two decimals ("-12.05").
std::string format_fen(std::int64_t fen);

/// The headline table printed at the end of a run (return-to-poverty rate by year, region all).
std::string headline_table(const Params& params, const RunResult& run);

/// Formats a figure the same way everywhere (shortest %.10g); output bytes depend on nothing else.
std::string format_value(double x);
/// Quotes a CSV field when it needs it.
std::string csv_field(const std::string& text);

}  // namespace povsim
