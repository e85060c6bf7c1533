# povsim — the two commands a fresh Debian 12 machine needs: `make run` and `make test`.
JOBS ?= $(shell nproc)
BUILD ?= build
ASAN_BUILD ?= build-asan
CMAKE_FLAGS ?=

.PHONY: deps build run test test-asan bench format format-check clean docs

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

# Unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPOVSIM_SANITIZE=ON -DPOVSIM_WERROR=ON -DPOVSIM_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

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
	rm -rf $(BUILD) $(ASAN_BUILD)
