// povsim command line: parses flags (CLI11) and maps every failure to its exit code:
// 0 success, 2 bad input (scenario, command line), 1 anything else.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <new>
#include <string>

#include "cli/commands.hpp"
#include "core/diagnostics.hpp"
#include "core/text.hpp"
#include "core/version.hpp"
#include "parallel/communicator.hpp"
#include "serve/server.hpp"

namespace {

/// `out_default`: what --out defaults to, as --help shows it (nullptr: the command has no --out).
void add_run_flags(CLI::App* cmd, povsim::RunFlags& f, const char* out_default) {
  if (out_default)
    cmd->add_option("--out", f.out, std::string("output directory (default ") + out_default + ")");
  cmd->add_option("--threads", f.threads, "worker threads (default: all cores)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--seed", f.seed, "random seed (overrides the scenario's)")
      ->check(CLI::Range(0LL, 4294967295LL));
  cmd->add_option("--replications", f.replications, "replications (overrides the scenario's)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--scale", f.scale, "multiply every region's household count")
      ->check(CLI::Range(1e-6, 1e4));
  cmd->add_option("--set", f.set, "override a scenario key: --set key.path=value (repeatable)")
      ->allow_extra_args(false);
}

}  // namespace

int main(int argc, char** argv) {
  // Under mpirun: MPI is started here and ended when main returns.
  const povsim::ParallelSession session(argc, argv);
  const povsim::Communicator& world = session.world();
  CLI::App app{"povsim — return-to-poverty projections for China's rural households, 2021–2025"};
  app.set_version_flag("--version",
                       std::string(povsim::kVersion) + " (" + povsim::kGitCommit + ")");
  app.require_subcommand(1);

  std::string scenario;
  povsim::RunFlags flags;
  auto* run = app.add_subcommand("run", "run a scenario and write its outputs");
  run->add_option("scenario", scenario, "scenario YAML file")->required();
  add_run_flags(run, flags, "outputs/<scenario file name>");
  run->add_option(
      "--parameters", flags.parameters,
      "parameter ensemble (ensemble.csv of calibrate): each draw run on the same seeds; "
      "writes uncertainty.csv");
  auto* every = run->add_option("--checkpoint-every", flags.checkpoint_every,
                                "months between checkpoints (and one when a replication ends)")
                    ->check(CLI::Range(1, 100000));
  run->add_option("--checkpoint", flags.checkpoint, "directory for checkpoints (sim state)")
      ->needs(every);
  every->needs(run->get_option("--checkpoint"));
  run->add_option("--stop-at-month", flags.stop_at_month,
                  "stop after this many months of the period (state kept in the checkpoints)")
      ->check(CLI::Range(1, 100000))
      ->needs(every);
  run->add_option("--restart", flags.restart,
                  "continue each replication from its checkpoint in this directory");

  std::vector<std::string> compare_files;
  auto* compare = app.add_subcommand(
      "compare", "paired runs on common random numbers; differences B − A with 95% intervals");
  compare->add_option("scenarios", compare_files, "two or more scenario YAML files (A first)")
      ->required()
      ->expected(2, 1000);
  add_run_flags(compare, flags, "outputs/compare-<name of A>-vs-<name of B>");
  compare->add_option("--parameters", flags.parameters,
                      "parameter ensemble (ensemble.csv of calibrate): each draw run for A and B "
                      "on the same seeds; writes uncertainty.csv of the differences");

  std::string sweep_file;
  bool resume = false;
  int stop_after = 0;
  auto* sweep =
      app.add_subcommand("sweep", "parameter sweep: grid, Latin hypercube or Sobol (with indices)");
  sweep->add_option("sweep", sweep_file, "sweep YAML file (schema povsim-sweep/1)")->required();
  add_run_flags(sweep, flags, "outputs/sweep-<sweep name>");
  sweep->add_flag("--resume", resume, "skip points finished by an earlier, interrupted call");
  sweep
      ->add_option("--stop-after", stop_after, "run at most N new points, then stop (resume later)")
      ->check(CLI::Range(1, 100000000));
  std::string shard;
  sweep->add_option(
      "--shard", shard,
      "run only shard i of N (i/N, 1 <= i <= N: points p with p % N == i - 1), for merge");

  std::vector<std::string> merge_dirs;
  std::string merge_out;
  int merge_threads = 0;
  auto* merge = app.add_subcommand(
      "merge", "join the outputs of sweep --shard i/N into what the unsharded sweep writes");
  merge->add_option("shards", merge_dirs, "the --out directories of all N shards")
      ->required()
      ->expected(1, 1000000);
  merge->add_option("--out", merge_out, "output directory of the merged sweep")->required();
  merge->add_option("--threads", merge_threads, "recorded in the manifest (default: all cores)")
      ->check(CLI::Range(1, 4096));

  std::string calibrate_file;
  auto* calibrate = app.add_subcommand(
      "calibrate", "fit parameters to observed targets (method of simulated moments)");
  calibrate->add_option("calibration", calibrate_file, "calibration YAML (povsim-calibration/1)")
      ->required();
  add_run_flags(calibrate, flags, "outputs/calibrate-<calibration name>");

  std::string validate_file;
  auto* validate = app.add_subcommand("validate", "check a scenario without running it");
  validate->add_option("scenario", validate_file, "scenario YAML file")->required();
  add_run_flags(validate, flags, nullptr);

  bool markdown = false;
  std::string schema_values = "scenarios/baseline.yaml";
  auto* schema = app.add_subcommand("schema", "list every region-level scenario key");
  schema->add_flag("--markdown", markdown, "as the markdown table of docs/parameters.md");
  auto* values = schema->add_option("--values", schema_values,
                                    "scenario whose first region's values to show (a column)");
  auto* metrics = app.add_subcommand("metrics", "list every output metric (docs/outputs.md)");

  std::string report_dir;
  std::string report_lang = "zh";
  auto* report = app.add_subcommand("report", "(re)write DIR/report.html from a run or compare");
  report->add_option("dir", report_dir, "output directory of povsim run or compare")->required();
  report->add_option("--lang", report_lang, "labels: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));

  povsim::ServeOptions serve_opts;
  auto* serve = app.add_subcommand(
      "serve", "local web application: change levers, see the paired compare (docs/serve.md)");
  serve->add_option("--host", serve_opts.host, "address to listen on (default 127.0.0.1)");
  serve->add_option("--port", serve_opts.port, "port (default 8765; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--scenarios", serve_opts.scenarios,
                    "directory of the scenario files offered (default scenarios)");
  serve->add_option("--workspace", serve_opts.workspace,
                    "the only directory serve writes, owned like --out (default outputs/serve)");
  serve->add_option("--threads", serve_opts.threads, "threads per run (default: all cores)")
      ->check(CLI::Range(1, 4096));
  serve->add_option("--max-runs", serve_opts.max_runs, "runs simulated at once (default 1)")
      ->check(CLI::Range(1, 64));
  serve->add_option("--max-queued", serve_opts.max_queued, "runs waiting at most (default 8)")
      ->check(CLI::Range(1, 1000));
  serve->add_option("--max-body", serve_opts.max_body, "request body bytes at most (default 65536)")
      ->check(CLI::Range(1024, 16 * 1024 * 1024));
  serve
      ->add_option("--max-household-months", serve_opts.max_household_months,
                   "household-months one compare may simulate (default 2e9)")
      ->check(CLI::Range(1LL, 1000000000000LL));

  // The commands that print warnings (of a sweep's or calibration's base scenario too).
  for (auto* cmd : {run, compare, validate, sweep, calibrate})
    cmd->add_flag("--strict", flags.strict,
                  "treat warnings about implausible input (docs/scenarios.md) as errors");

  // CLI11 reports an unknown first word as a missing subcommand: name it, with a suggestion.
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      const std::string hint = povsim::did_you_mean(argv[1], names);
      std::string all;
      for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
      std::fprintf(stderr, "povsim: error: unknown command `%s`%s; the commands are: %s\n", argv[1],
                   hint.empty() ? "" : (" (did you mean `" + hint + "`?)").c_str(), all.c_str());
      std::fprintf(stderr, "Run with --help for usage.\n");
      return 2;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "povsim: error: %s\n", e.what());
    std::fprintf(stderr, "Run with --help for usage.\n");
    return 2;
  }

  // Arguments end up in manifest.json, file names and messages: a value that is not UTF-8
  // (--out, --set, a file name) is refused before anything runs, not after the simulation.
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (const std::size_t bad = povsim::first_invalid_utf8(arg); bad != std::string::npos) {
      std::fprintf(stderr,
                   "povsim: error: argument %d is not UTF-8 (byte %zu of \"%s\"); povsim "
                   "takes UTF-8 only: convert it (e.g. iconv -f GBK -t UTF-8) or rename the "
                   "file\n",
                   i, bad + 1, arg.c_str());
      return 2;
    }
  }
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);
  // A failure on one rank would leave the others waiting: end them all with its exit code.
  auto fail = [&](int code) {
    world.abort(code);
    return code;
  };
  try {
    flags.comm = &world;
    if (world.size() > 1 && !*run)
      throw povsim::InputError("povsim: error: only `povsim run` runs over MPI ranks\n");
    if (*run) return povsim::run_command(scenario, flags, command_line);
    if (*compare) return povsim::compare_command(compare_files, flags, command_line);
    if (*sweep && !shard.empty())
      return povsim::sweep_shard_command(sweep_file, flags, resume, stop_after, shard,
                                         command_line);
    if (*sweep) return povsim::sweep_command(sweep_file, flags, resume, stop_after, command_line);
    if (*merge) return povsim::merge_command(merge_dirs, merge_out, merge_threads, command_line);
    if (*calibrate) return povsim::calibrate_command(calibrate_file, flags, command_line);
    if (*validate) return povsim::validate_command(validate_file, flags);
    if (*schema) return povsim::schema_command(markdown, schema_values, values->count() > 0);
    if (*metrics) return povsim::metrics_command();
    if (*report) return povsim::report_command(report_dir, report_lang);
    if (*serve) return povsim::serve(serve_opts);
  } catch (const povsim::InputError& e) {
    std::fprintf(stderr, "%s", e.what());
    return fail(2);
  } catch (const std::bad_alloc&) {
    // Memory ran out although the estimate made before the run fitted (another process took
    // it, or a structure outgrew the estimate): say what to reduce, not std::bad_alloc.
    std::fprintf(stderr,
                 "povsim: error: out of memory; run with fewer --replications, a smaller "
                 "--scale or fewer regions (or on a machine with more memory)\n");
    return fail(1);
  } catch (const std::filesystem::filesystem_error& e) {
    // A path the user gave (--out, --checkpoint, a file) that cannot be used as asked.
    std::fprintf(stderr, "%s: error: %s (check the path and its permissions)\n",
                 e.path1().string().c_str(), e.code().message().c_str());
    return fail(2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "povsim: error: %s\n", e.what());
    return fail(1);
  }
  return 1;
}
