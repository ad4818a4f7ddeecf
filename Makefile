# hcert build. `make` builds optimised, `make test` runs every test, `make deps` installs
# the Debian packages, `make tcb` counts the trusted lines, `make bench` runs benchmarks.
CXX      ?= g++
CXXFLAGS ?= -std=c++20 -O2 -g -Wall -Wextra -Werror=return-type
CPPFLAGS += -I. -MMD -MP
B        := build
JOBS     ?= $(shell nproc)

LIB_SRC  := $(wildcard kernel/*.cpp formats/*.cpp rules/*.cpp checker/*.cpp translators/*/*.cpp)
TOOL_SRC := $(wildcard tools/*.cpp)
TEST_SRC := $(filter-out tests/fuzz/%,$(wildcard tests/*.cpp tests/*/*.cpp))
FUZZ_SRC := $(wildcard tests/fuzz/*.cpp)
BENCH_SRC:= $(wildcard bench/*/*.cpp)
LIB_OBJ  := $(LIB_SRC:%.cpp=$(B)/%.o)
TEST_OBJ := $(TEST_SRC:%.cpp=$(B)/%.o)
LIBS     := -lgmpxx -lgmp -lzstd -pthread

DEB_PKGS := g++ make libgmp-dev libboost-dev libzstd-dev zstd librapidcheck-dev libgtest-dev clang libclang-rt-14-dev cadical

.PHONY: all test demo deps tcb bench clean asan tsan asan-hcert asan-build tsan-build fuzz fuzz-build fuzzers
all: $(B)/hcert $(B)/unit_tests

$(B)/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

$(B)/libhcert.a: $(LIB_OBJ)
	ar rcs $@ $^

$(B)/hcert: $(TOOL_SRC:%.cpp=$(B)/%.o) $(B)/libhcert.a
	$(CXX) $(CXXFLAGS) $^ $(LIBS) -o $@

$(B)/unit_tests: $(TEST_OBJ) $(B)/libhcert.a
	$(CXX) $(CXXFLAGS) $^ -lrapidcheck -lgtest -lgtest_main -pthread $(LIBS) -o $@

$(B)/bench_kernel: $(B)/bench/kernel/bench_kernel.o $(B)/libhcert.a
	$(CXX) $(CXXFLAGS) $^ $(LIBS) -o $@

$(B)/bench_format_gen: $(B)/bench/format/gen.o
	$(CXX) $(CXXFLAGS) $^ -o $@

# CI's suite: the plain build's unit tests, corpus and bombs, then the corpus again under
# ASan+UBSan (build-asan/hcert). The sanitized unit tests are left to `make asan`: their
# build alone costs ~5 min on 2 cores (measured, README "Sanitizers and fuzzers").
test: $(B)/unit_tests $(B)/hcert asan-hcert
	tests/run $(B) build-asan

# Sanitizer builds: the same sources and tests in their own build directories, built at
# -O1 with frame pointers. `make asan`: AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer, which halts on the first report; `make tsan`: ThreadSanitizer
# (the two-thread SAT check). Each runs the unit tests and the corpus (tests/run sets the
# sanitizers' options: a report exits 86-88, codes spec/cli.md never uses).
SAN_FLAGS  := -std=c++20 -O1 -g -Wall -Wextra -Werror=return-type -fno-omit-frame-pointer
ASAN_FLAGS := $(SAN_FLAGS) -fsanitize=address,undefined -fno-sanitize-recover=undefined
TSAN_FLAGS := $(SAN_FLAGS) -fsanitize=thread
asan-hcert:
	$(MAKE) B=build-asan CXXFLAGS="$(ASAN_FLAGS)" build-asan/hcert
asan-build:
	$(MAKE) B=build-asan CXXFLAGS="$(ASAN_FLAGS)" all
tsan-build:
	$(MAKE) B=build-tsan CXXFLAGS="$(TSAN_FLAGS)" all
# Coverage-guided fuzzers (libFuzzer, clang): one per reader entry point in tests/fuzz/,
# the library built with coverage and ASan+UBSan into build-fuzz/. `make fuzz` runs each
# for FUZZ_SECONDS from seeds in the test data (tests/fuzz/run); crashes land in
# build-fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
fuzz-build:
	$(MAKE) B=build-fuzz CXX=clang++ CXXFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" fuzzers
fuzzers: $(FUZZ_SRC:tests/fuzz/%.cpp=$(B)/fuzz_%)
$(B)/fuzz_%: tests/fuzz/%.cpp $(B)/libhcert.a
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -fsanitize=fuzzer $< $(B)/libhcert.a $(LIBS) -o $@
fuzz: fuzz-build
	tests/fuzz/run build-fuzz $(FUZZ_SECONDS)

asan: asan-build
	tests/run build-asan
tsan: tsan-build
	tests/run build-tsan

# The main job: check a real CaDiCaL DRAT proof of a bundled CNF (pigeonhole ph6); then
# the hand-made examples (a certificate refuting certs/unit-pair.cnf, a kernel script).
demo: $(B)/hcert
	$(B)/hcert check certs/ph6.cnf certs/ph6.drat.zst
	$(B)/hcert check certs/unit-pair.cnf certs/unit-pair.hct
	$(B)/hcert kernel certs/truth.hk

bench: $(B)/bench_kernel $(B)/bench_format_gen $(B)/hcert
	$(B)/bench_kernel
	B=$(B) bench/format/run

# Non-blank, non-comment lines of the trusted kernel (goal: at most 1500).
tcb:
	@cat kernel/*.hpp kernel/*.cpp | sed -e 's://.*$$::' | grep -cvE '^\s*$$'

deps:
	@if dpkg -s $(DEB_PKGS) >/dev/null 2>&1; then echo "deps: all installed"; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEB_PKGS); fi

clean:
	rm -rf $(B) build-asan build-tsan build-fuzz

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(TOOL_SRC:%.cpp=$(B)/%.d) $(FUZZ_SRC:tests/fuzz/%.cpp=$(B)/fuzz_%.d)
