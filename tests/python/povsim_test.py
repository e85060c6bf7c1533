"""The Python interface (python/povsim) against the program: the DataFrames hold what the command
line writes for the same scenario. Run by ctest with PYTHONPATH=<build>/python; POVSIM_BINARY and
POVSIM_SOURCE_DIR name the program and the sources."""

import os
import subprocess
import tempfile
import unittest

import pandas as pd

import povsim

SOURCE = os.environ["POVSIM_SOURCE_DIR"]
BINARY = os.environ["POVSIM_BINARY"]
SMALL = os.path.join(SOURCE, "tests", "data", "small.yaml")
LHS = os.path.join(SOURCE, "tests", "data", "sweeps", "lhs-small.yaml")


def cli(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True)


def read(path):
    return pd.read_csv(path, dtype={"region": str, "scenario": str, "baseline": str,
                                    "account": str})


class RunTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "run")
        r = cli("run", SMALL, "--out", cls.out, "--scale", "0.2", "--replications", "2",
                "--seed", "7", "--set", "monitoring.grid.detection_probability=0.5",
                "--threads", "2")
        assert r.returncode == 0, r.stderr
        cls.result = povsim.run(SMALL, set={"monitoring.grid.detection_probability": 0.5},
                             replications=2, seed=7, scale=0.2, threads=2)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_tables_equal_the_programs_files(self):
        for name in ("annual", "summary", "funds"):
            with self.subTest(table=name):
                expected = read(os.path.join(self.out, name + ".csv"))
                got = getattr(self.result, name)
                pd.testing.assert_frame_equal(got, expected, check_exact=True)

    def test_shapes_and_columns(self):
        a = self.result.annual
        self.assertEqual(list(a.columns), ["replication", "year", "region", "metric", "value"])
        self.assertEqual(sorted(a["replication"].unique()), [0, 1])
        self.assertEqual(list(dict.fromkeys(a["region"])), ["沁县", "博湖县", "all"])
        self.assertEqual(sorted(a["year"].unique()), [2021, 2022, 2023, 2024, 2025])
        n_metrics = a["metric"].nunique()
        self.assertGreater(n_metrics, 20)
        self.assertEqual(len(a), 2 * 5 * 3 * n_metrics)
        self.assertEqual(list(self.result.summary.columns),
                         ["year", "region", "metric", "mean", "sd", "p05", "p50", "p95", "n"])
        self.assertEqual(list(self.result.funds.columns),
                         ["replication", "year", "region", "account", "opening", "inflow",
                          "outflow", "closing"])
        self.assertEqual(self.result.name, "small")
        self.assertEqual(self.result.manifest["seed"], 7)
        self.assertEqual(self.result.manifest["households"], 400)

    def test_values_are_numbers(self):
        rate = self.result.annual.query(
            "replication == 0 and year == 2021 and region == 'all' and "
            "metric == 'households'")["value"]
        self.assertEqual(rate.tolist(), [400.0])
        self.assertEqual(self.result.annual["value"].dtype.kind, "f")


class CompareTest(unittest.TestCase):
    def test_compare_equals_the_programs_compare_csv(self):
        other = os.path.join(SOURCE, "scenarios", "early-withdrawal.yaml")
        base = os.path.join(SOURCE, "scenarios", "baseline.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "cmp")
            r = cli("compare", base, other, "--scale", "0.02", "--replications", "2", "--out", out,
                    "--threads", "2")
            self.assertEqual(r.returncode, 0, r.stderr)
            c = povsim.compare(base, other, scale=0.02, replications=2, threads=2)
            pd.testing.assert_frame_equal(c.compare, read(os.path.join(out, "compare.csv")),
                                          check_exact=True)
            pd.testing.assert_frame_equal(c.cost, read(os.path.join(out, "cost.csv")),
                                          check_exact=True)
            self.assertEqual(list(c.runs), ["baseline", "early-withdrawal"])
            pd.testing.assert_frame_equal(
                c.runs["early-withdrawal"].annual,
                read(os.path.join(out, "early-withdrawal", "annual.csv")), check_exact=True)
        self.assertEqual(list(c.compare.columns)[:5],
                         ["scenario", "baseline", "year", "region", "metric"])


class SweepTest(unittest.TestCase):
    def test_wide_table_has_a_row_per_point_and_replication(self):
        w = povsim.sweep(LHS, region="all", replications=2, threads=2)
        axes = ["shocks.illness.annual_probability", "economy.trend_growth"]
        for a in axes:
            self.assertIn(a, w.columns)
        self.assertEqual(list(w.columns[:4]), ["point", "block", "axis_of_block", axes[0]])
        n_points = w["point"].nunique()
        reps = w["replication"].nunique()
        self.assertEqual(reps, 2)
        years = w["year"].nunique()
        self.assertEqual(len(w), n_points * reps * years)
        self.assertIn("return_to_poverty_rate", w.columns)
        # The mean over replications is what povsim sweep writes to results.csv.
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "sw")
            r = cli("sweep", LHS, "--out", out, "--replications", "2", "--threads", "2")
            self.assertEqual(r.returncode, 0, r.stderr)
            results = read(os.path.join(out, "results.csv"))
            pts = read(os.path.join(out, "points.csv"))
        self.assertEqual(n_points, len(pts))
        for a in axes:
            self.assertEqual(
                w.drop_duplicates("point")[a].tolist(), pts[a].tolist())
        got = w.groupby(["point", "year"])["return_to_poverty_rate"].mean()
        want = results.query("region == 'all' and metric == 'return_to_poverty_rate'")
        want = want.set_index(["point", "year"])["mean"]
        pd.testing.assert_series_equal(got.loc[want.index], want, check_names=False,
                                       rtol=1e-9)


class ErrorTest(unittest.TestCase):
    def test_bad_input_is_a_value_error_with_the_programs_message(self):
        r = cli("validate", SMALL, "--set", "monitoring.grid.screenings_per_mnth=4.3")
        self.assertEqual(r.returncode, 2)
        with self.assertRaises(ValueError) as e:
            povsim.run(SMALL, set={"monitoring.grid.screenings_per_mnth": 4.3})
        self.assertEqual(str(e.exception), r.stderr.rstrip("\n"))
        self.assertIn("did you mean `screenings_per_month`?", str(e.exception))

    def test_missing_file_is_a_value_error(self):
        with self.assertRaises(ValueError):
            povsim.run(os.path.join(SOURCE, "no-such.yaml"))

    def test_bad_flag_values_are_refused_before_running(self):
        with self.assertRaises(ValueError):
            povsim.run(SMALL, replications=0)
        with self.assertRaises(ValueError):
            povsim.run(SMALL, scale=0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
