#!/usr/bin/env python3
"""Writes national-counties.csv (the regions table of scenarios/national.yaml) from
poverty-counties-by-province.csv: one row per national poverty county (832), named
<province>-<nn> within its province (the source counts counties by province only), with
households and a region profile by the rules below. Deterministic; re-run after changing a rule.

Households: 98.99 million people lifted out of poverty 2013-2020 (National Bureau of Statistics)
at about 3.3 people per household = 30.0 million formerly poor households, TOTAL below. The
source has no household counts per province or county, so each province gets TOTAL in proportion
to its counties and every county the same share: TOTAL / 832 = 36,057.7, rounded by largest
remainder in table order (the first 576 rows 36,058, the others 36,057) so the sum is exactly
TOTAL.

Profiles (scenarios/regions/): the deep-poverty west (the 三区三州 provinces Tibet, Qinghai and
Xinjiang, and Gansu and Ningxia) -> nanjiang (lower incomes, larger households); Inner Mongolia
-> bazhou (northern farming and herding with higher incomes); every other province -> qinxian
(the inland farming county profile)."""
import csv
import pathlib

TOTAL = 30_000_000
WEST = {"Tibet", "Qinghai", "Xinjiang", "Gansu", "Ningxia"}
here = pathlib.Path(__file__).resolve().parent
with open(here / "poverty-counties-by-province.csv", encoding="utf-8") as f:
    provinces = list(csv.DictReader(f))
n = sum(int(p["counties"]) for p in provinces)
assert n == 832, n
base, extra = divmod(TOTAL, n)
rows = []
for p in provinces:
    en = p["province_en"]
    profile = "nanjiang" if en in WEST else "bazhou" if en == "Inner Mongolia" else "qinxian"
    for k in range(1, int(p["counties"]) + 1):
        hh = base + (1 if len(rows) < extra else 0)
        rows.append((f"{p['province']}-{k:02d}", p["province"], hh, f"../regions/{profile}.yaml"))
assert sum(r[2] for r in rows) == TOTAL
with open(here / "national-counties.csv", "w", encoding="utf-8", newline="") as f:
    f.write("# The 832 national poverty counties (see make-national-counties.py for the rules).\n")
    f.write("county,province,households,profile\n")
    for r in rows:
        f.write(",".join(map(str, r)) + "\n")
print(f"{len(rows)} counties, {sum(r[2] for r in rows)} households")
