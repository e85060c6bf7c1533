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
/// A text cell of a CSV povsim writes (names, keys): quoted when it holds a comma, quote or line
/// break (RFC 4180), and neutralised when a spreadsheet would run it as a formula: text starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return (and text starting with `'`, so that the
/// rule can be undone) gets a leading `'`. Text that is a number (`-0.5`) is left as it is.
/// Numbers are written by format_value and never pass through here. docs/outputs.md, "Text cells".
std::string csv_field(const std::string& text);

/// The text csv_field was given, from a cell of a CSV it wrote (after RFC 4180 unquoting).
std::string csv_text(const std::string& cell);

}  // namespace povsim
