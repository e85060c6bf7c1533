// Bad input through the real program: exit code 2 and a message naming the exact place
// (file:line:col, or the --set argument) and the key path.
#include <gtest/gtest.h>

#include <fstream>

#include "support/program.hpp"
#include "support/temp_dir.hpp"

namespace povsim {
namespace {

namespace fs = std::filesystem;
using testing::data_file;
using testing::ProgramResult;
using testing::run_povsim;
using testing::TempDir;

std::string bad(const std::string& name) { return data_file("bad/" + name).string(); }

/// Validates `file` with extra arguments.
ProgramResult validate(const std::string& file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"validate", file};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_povsim(args);
}

/// Expects exit code 2 and every part in stderr.
void expect_bad_input(const ProgramResult& r, const std::vector<std::string>& parts) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  for (const auto& part : parts)
    EXPECT_NE(r.err.find(part), std::string::npos) << "missing `" << part << "` in:\n" << r.err;
}

TEST(BadInput, YamlSyntaxError) {
  expect_bad_input(validate(bad("syntax_error.yaml")),
                   {"syntax_error.yaml:3:12: error: YAML syntax error"});
}

TEST(BadInput, EmptyFile) {
  expect_bad_input(validate(bad("empty.yaml")), {"empty.yaml:1:1: error: ", "empty document"});
}

TEST(BadInput, DuplicateKey) {
  expect_bad_input(validate(bad("duplicate_key.yaml")),
                   {"duplicate_key.yaml:4:1: error: seed: duplicate key"});
}

TEST(BadInput, UnknownKeyWithDidYouMean) {
  expect_bad_input(validate(bad("unknown_key.yaml")),
                   {"unknown_key.yaml:6:7: error: shocks.illness.anual_probability: unknown key "
                    "(did you mean `annual_probability`?)"});
}

TEST(BadInput, WordForANumber) {
  expect_bad_input(validate(bad("wrong_type.yaml")),
                   {"wrong_type.yaml:6:35: error: transfers.dibao.assessment_interval_months: "
                    "expected an integer in [1, 24], found \"six\""});
}

TEST(BadInput, OutOfRangeValue) {
  expect_bad_input(validate(bad("out_of_range.yaml")),
                   {"out_of_range.yaml:6:16: error: transfers.dibao.take_up: expected a number "
                    "in [0, 1], found 1.5"});
}

TEST(BadInput, SharesNotSummingToOne) {
  expect_bad_input(validate(bad("shares_not_one.yaml")),
                   {"shares_not_one.yaml:5:51: error: population.labour_lifted.none: strong + "
                    "weak + none must sum to 1"});
}

TEST(BadInput, PeriodEndBeforeStart) {
  expect_bad_input(validate(bad("period_end_before_start.yaml")),
                   {"period_end_before_start.yaml:5:8: error: period.end: expected a month not "
                    "before period.start (2023-01), found 2022-12"});
}

TEST(BadInput, MissingProfileFile) {
  expect_bad_input(validate(bad("missing_profile.yaml")),
                   {"missing_profile.yaml:6:14: error: regions[0].profile: expected an existing "
                    "region profile file, found \"no-such-profile.yaml\""});
}

TEST(BadInput, DuplicateRegion) {
  expect_bad_input(validate(bad("duplicate_region.yaml")),
                   {"duplicate_region.yaml:7:11: error: regions[1].name: duplicate region name"});
}

TEST(BadInput, NegativeHouseholdCount) {
  expect_bad_input(validate(bad("negative_households.yaml")),
                   {"negative_households.yaml:5:17: error: regions[0].households: expected an "
                    "integer in [1, 1000000000], found -1200"});
}

TEST(BadInput, WrongSchemaVersion) {
  expect_bad_input(validate(bad("wrong_schema.yaml")),
                   {"wrong_schema.yaml:3:9: error: schema: expected \"povsim/1\", found "
                    "\"povsim/2\""});
}

TEST(BadInput, MissingRequiredTopLevelKey) {
  expect_bad_input(validate(bad("missing_key.yaml")),
                   {"missing_key.yaml:2:1: error: (top level): missing required key `seed`"});
}

TEST(BadInput, MissingRequiredKeyOfAPolicy) {
  expect_bad_input(validate(bad("policy_missing_until.yaml")),
                   {"policy_missing_until.yaml:4:5: error: policy[0]: missing required key "
                    "`until`"});
}

TEST(BadInput, CircularExtends) {
  expect_bad_input(validate(bad("circular_a.yaml")),
                   {"circular_b.yaml:2:10: error: extends: circular `extends` chain: "
                    "circular_a.yaml → circular_b.yaml → circular_a.yaml"});
}

TEST(BadInput, PolicyUntilBeforeFrom) {
  expect_bad_input(validate(bad("policy_until_before_from.yaml")),
                   {"policy_until_before_from.yaml:5:12: error: policy[0].until: expected a "
                    "month not before `from` (2023-06), found 2023-01"});
}

TEST(BadInput, PolicyThatSetsThePopulation) {
  expect_bad_input(validate(bad("policy_sets_population.yaml")),
                   {"policy_sets_population.yaml:7:7: error: policy[0].set.population: "});
}

TEST(BadInput, SetOfAnUnknownKey) {
  expect_bad_input(
      validate(data_file("small.yaml").string(), {"--set", "shocks.illness.anual_probability=0.1"}),
      {"--set shocks.illness.anual_probability=0.1: error: "
       "shocks.illness.anual_probability: unknown key (did you mean "
       "`annual_probability`?)"});
}

TEST(BadInput, SetOfABadValue) {
  expect_bad_input(
      validate(data_file("small.yaml").string(), {"--set", "economy.trend_growth=fast"}),
      {"--set economy.trend_growth=fast: error: economy.trend_growth: expected a "
       "number in [-0.5, 1], found \"fast\""});
}

TEST(BadInput, SetOfAnUnknownRegion) {
  expect_bad_input(
      validate(data_file("small.yaml").string(), {"--set", "regions.nowhere.households=5"}),
      {"--set regions.nowhere.households=5: error: regions.nowhere: expected the name or index"});
}

TEST(BadInput, SetOfAHugeListIndex) {
  expect_bad_input(validate(data_file("small.yaml").string(),
                            {"--set", "regions.99999999999999999999.households=5"}),
                   {"--set regions.99999999999999999999.households=5: error: "
                    "regions.99999999999999999999: "});
}

TEST(BadInput, ZeroThreads) {
  TempDir dir;
  const ProgramResult r = run_povsim(
      {"run", data_file("small.yaml").string(), "--threads", "0", "--out", (dir / "out").string()});
  expect_bad_input(r, {"--threads"});
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(BadInput, UnwritableOut) {
  TempDir dir;
  const fs::path file = dir.write("plain-file", "");
  const std::string out = (file / "out").string();
  const ProgramResult r =
      run_povsim({"run", data_file("small.yaml").string(), "--scale", "0.05", "--out", out});
  expect_bad_input(r, {out + ": error: --out: cannot create the parent directory"});
}

TEST(BadInput, OutThatIsAnExistingFileIsRefusedAndKept) {
  TempDir dir;
  const fs::path file = dir.write("results.txt", "keep me");
  const ProgramResult r = run_povsim(
      {"run", data_file("small.yaml").string(), "--scale", "0.05", "--out", file.string()});
  expect_bad_input(r, {file.string() + ": error: --out: expected a directory, found a file"});
  EXPECT_EQ(testing::read_file(file), "keep me");
}

TEST(BadInput, MissingScenarioFile) {
  expect_bad_input(validate(data_file("no-such-scenario.yaml").string()),
                   {"no-such-scenario.yaml: error: cannot read scenario: no such file"});
}

TEST(BadInput, UnknownCommandLineOption) {
  expect_bad_input(run_povsim({"validate", data_file("small.yaml").string(), "--sed", "1"}),
                   {"--sed"});
}

TEST(BadInput, MonitoringAndAssistanceKeysAreValidatedLikeTheRest) {
  expect_bad_input(
      validate(bad("monitoring_bad_values.yaml")),
      {"monitoring_bad_values.yaml:5:30: error: monitoring.risk_elimination_months: expected an "
       "integer in [1, 60], found \"six\"",
       "monitoring_bad_values.yaml:8:7: error: monitoring.grid.screenings_per_mont: unknown key "
       "(did you mean `screenings_per_month`?)",
       "monitoring_bad_values.yaml:10:33: error: assistance.training.conversion_rate: expected a "
       "number in [0, 1], found 1.6",
       "monitoring_bad_values.yaml:6:62: error: monitoring.alert.red_below: thresholds must "
       "satisfy red_below <= orange_below <= yellow_below"});
}

TEST(BadInput, AlertThresholdsOutOfOrder) {
  expect_bad_input(
      validate(data_file("small.yaml").string(), {"--set", "monitoring.alert.orange_below=0.5",
                                                  "--set", "monitoring.alert.red_below=0.6"}),
      {"monitoring.alert.red_below: thresholds must satisfy red_below <= orange_below <= "
       "yellow_below"});
}

TEST(BadInput, EveryProblemInAFileIsReportedAtOnce) {
  const ProgramResult r = validate(bad("two_errors.yaml"));
  expect_bad_input(r, {"two_errors.yaml:6:16: error: transfers.dibao.take_up:",
                       "two_errors.yaml:8:15: error: shocks.price_sd:"});
}

TEST(BadInput, EveryBadSetIsReportedAtOnce) {
  const ProgramResult r = validate(data_file("small.yaml").string(),
                                   {"--set", "shocks.price_sd=-1", "--set", "seed=minus one"});
  expect_bad_input(r, {"--set shocks.price_sd=-1: error: shocks.price_sd:",
                       "--set seed=minus one: error: seed:"});
}

TEST(BadInput, FundSharesOverOneHundredPercent) {
  expect_bad_input(validate(bad("funds_shares_over.yaml")),
                   {"funds_shares_over.yaml:9:17: error: funds.accounts.industry: account shares "
                    "must not sum to more than 1"});
}

TEST(BadInput, FundSharesLeavingMoneyWithoutAnAccount) {
  expect_bad_input(validate(bad("funds_shares_under.yaml")),
                   {"funds_shares_under.yaml:9:7: error: funds.accounts: account shares sum to "
                    "0.700000, less than 1"});
}

TEST(BadInput, NegativeFundAmount) {
  expect_bad_input(validate(bad("funds_negative_amount.yaml")),
                   {"funds_negative_amount.yaml:7:45: error: funds.sources.central.yuan.2022: "
                    "expected a number in [0, 1e+12], found -5"});
}

TEST(BadInput, UnknownFundAccount) {
  expect_bad_input(validate(bad("funds_unknown_account.yaml")),
                   {"funds_unknown_account.yaml:10:7: error: funds.accounts.tourism: unknown key"});
}

TEST(BadInput, FundMinimumThatCannotBeMet) {
  expect_bad_input(validate(bad("funds_minimum_unmet.yaml")),
                   {"funds_minimum_unmet.yaml:9:52: error: "
                    "funds.accounts.industry.min_share_of_central: minimum cannot be met in 2021"});
}

TEST(BadInput, FixedFundAmountsAboveTheSources) {
  expect_bad_input(validate(bad("funds_fixed_over_sources.yaml")),
                   {"funds_fixed_over_sources.yaml:9:7: error: funds.accounts: fixed amounts of "
                    "2021 sum to 1500000.00 yuan, more than the year's sources (1000000.00 yuan)"});
}

TEST(BadInput, FundSharesOverOneHundredPercentOnTheCommandLine) {
  expect_bad_input(
      validate(data_file("small.yaml").string(),
               {"--set", "funds.enabled=true", "--set", "funds.sources.central.yuan=1000", "--set",
                "funds.accounts.industry.share=0.9", "--set", "funds.accounts.training.share=0.2"}),
      {"--set funds.accounts.industry.share=0.9: error: funds.accounts.industry: account shares "
       "must not sum to more than 1"});
}

// Industry projects (phases/industry_projects.hpp): a stock cap under the stock bought, and
// projects on with no kind to buy, are refused before simulating.
TEST(BadInput, IndustryProjectRules) {
  const std::string small = data_file("small.yaml").string();
  expect_bad_input(validate(small, {"--set", "assistance.industry.projects.poultry.max_units=50"}),
                   {"--set assistance.industry.projects.poultry.max_units=50: error: "
                    "assistance.industry.projects.poultry.max_units: max_units must be at least "
                    "units"});
  std::vector<std::string> none;
  for (const char* kind : {"livestock", "poultry", "courtyard", "cash_crops"}) {
    none.push_back("--set");
    none.push_back(std::string("assistance.industry.projects.") + kind + ".share=0");
  }
  expect_bad_input(validate(small, none),
                   {"error: assistance.industry.projects.enabled: with projects enabled, at least "
                    "one kind needs a share above 0"});
}

TEST(BadInput, CalibrationBlockIsCheckedLikeTheRest) {
  // Every problem at its place: the unknown key (with a suggestion), the missing ones, and a fit
  // id that is not 12 hex digits (reported only once the block's fields are otherwise valid).
  expect_bad_input(validate(bad("calibration_block.yaml")),
                   {"calibration_block.yaml:6:3: error: calibration.objectve: unknown key (did you "
                    "mean `objective`?)",
                    "calibration: missing required key `objective`",
                    "calibration: missing required key `engine`"});
  const std::string small = data_file("small.yaml").string();
  TempDir dir;
  const fs::path file = dir.path() / "stamp.yaml";
  std::ofstream(file) << "extends: " << small
                      << "\ncalibration: {fit: 0123456789AB, spec: f.yaml, objective: 0.5, "
                         "engine: 0.1.0}\n";
  expect_bad_input(validate(file.string()),
                   {"stamp.yaml:2:20: error: calibration.fit: expected 12 lowercase hex digits",
                    "found \"0123456789AB\""});
  std::ofstream(file) << "extends: " << small << "\ncalibration: yes\n";
  expect_bad_input(validate(file.string()), {"stamp.yaml:2:14: error: calibration: expected a "
                                             "mapping"});
}

}  // namespace
}  // namespace povsim
