# povsim — the two commands a fresh Debian 12 machine needs: `make run` and `make test`.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
TIDY_BUILD ?= build-tidy
FUZZ_SECONDS ?= 60
# clang 16 (Debian 12): clang 14 lacks std::source_location with GCC 12's library.
CLANGXX ?= clang++-16
CLANG_TIDY_RUNNER ?= run-clang-tidy-16
FUZZ_TARGETS = scenario_loader regions_table checkpoint sweep_spec calibration_spec
CMAKE_FLAGS ?=

.PHONY: deps build run test test-asan test-tsan test-fuzz fuzz fuzz-build tidy bench format \
  format-check clean docs

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOVSIM_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/povsim run scenarios/baseline.yaml --out outputs/baseline

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-fuzz

# Unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPOVSIM_SANITIZE=ON -DPOVSIM_WERROR=ON -DPOVSIM_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

# Unit tests (the parallel ones among them) under ThreadSanitizer, linked against a oneTBB built
# with -fsanitize=thread from Debian's source package (scripts/build-tsan-tbb.sh, cached in
# $(TSAN_BUILD)/tbb-tsan); tsan.supp says why each suppression is there.
test-tsan: deps
	@JOBS=$(JOBS) scripts/build-tsan-tbb.sh $(CURDIR)/$(TSAN_BUILD)/tbb-tsan
	@cmake -S . -B $(TSAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPOVSIM_TSAN=ON -DPOVSIM_WERROR=ON -DPOVSIM_BENCH=OFF \
	  -DTBB_DIR=$(CURDIR)/$(TSAN_BUILD)/tbb-tsan/lib/cmake/TBB >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target povsim_unit_tests
	cd $(TSAN_BUILD) && TSAN_OPTIONS="suppressions=$(CURDIR)/tsan.supp halt_on_error=1 second_deadlock_stack=1" \
	  ctest --output-on-failure -j $(JOBS) -L unit

# The libFuzzer targets of fuzz/ (clang, ASan + UBSan), in their own build tree.
fuzz-build: deps
	@cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=$(CLANGXX) -DPOVSIM_FUZZ=ON -DPOVSIM_MPI=OFF -DPOVSIM_WERROR=ON -DPOVSIM_TESTS=OFF -DPOVSIM_BENCH=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target povsim_fuzz_targets

# Smoke pass (part of `make test`): every seed and kept regression input, then a few seconds each.
test-fuzz: fuzz-build
	cd $(FUZZ_BUILD) && ctest --output-on-failure -j $(JOBS) -L fuzz

# FUZZ_SECONDS of fuzzing per target on a corpus kept in $(FUZZ_BUILD)/fuzz/work/corpus.
fuzz: fuzz-build
	@status=0; for t in $(FUZZ_TARGETS); do \
	  fuzz/run.sh fuzz $$t $(FUZZ_BUILD)/fuzz/fuzz_$$t $(FUZZ_BUILD)/fuzz/work $(FUZZ_SECONDS) || status=1; \
	done; exit $$status

# clang-tidy (.clang-tidy) over every engine/ source, warnings as errors.
tidy: deps
	@cmake -S . -B $(TIDY_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=$(CLANGXX) -DPOVSIM_TESTS=OFF -DPOVSIM_BENCH=OFF >/dev/null
	$(CLANG_TIDY_RUNNER) -clang-tidy-binary clang-tidy-16 -quiet -p $(TIDY_BUILD) -j $(JOBS) -warnings-as-errors='*' '$(CURDIR)/engine/.*\.cpp$$'

# End-to-end (1M households × 60 months, all cores and 1 thread, STREAM bandwidth), then the
# kernels; results also land in $(BUILD)/bench/{e2e,micro}.json.
bench: build
	$(BUILD)/bench/povsim_bench_e2e $(BUILD)/bench/e2e.json --target 40e6
	$(BUILD)/bench/povsim_bench_e2e $(BUILD)/bench/e2e-funds.json --scenario scenarios/bench-1m-funds.yaml
	$(BUILD)/bench/povsim_bench_e2e $(BUILD)/bench/e2e-foundation.json --scenario scenarios/bench-1m-foundation.yaml
	# National scale (832 counties, 30 million households, 1 and 2 threads): docs/hpc.md.
	$(BUILD)/bench/povsim_bench_e2e $(BUILD)/bench/e2e-national.json --scenario scenarios/national.yaml \
	  --repeats 1 --target 30e6
	$(BUILD)/bench/povsim_bench_micro --benchmark_min_time=0.2 \
	  --benchmark_out=$(BUILD)/bench/micro.json --benchmark_out_format=json
	$(BUILD)/bench/povsim_bench_checkpoint $(BUILD)/bench/checkpoint.json
	scripts/bench-scaling.sh $(BUILD) $(BUILD)/bench/scaling.json

docs: build
	scripts/update-docs.sh $(BUILD)/povsim
	scripts/update-validation.sh $(BUILD)/povsim

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

format-check: deps
	clang-format --dry-run -Werror $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD) $(TIDY_BUILD)
