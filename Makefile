# hcert build. `make` builds optimised, `make test` runs every test, `make deps` installs
# the Debian packages, `make tcb` counts the trusted lines, `make bench` runs benchmarks.
CXX      ?= g++
CXXFLAGS ?= -std=c++20 -O2 -g -Wall -Wextra -Werror=return-type
CPPFLAGS += -I. -MMD -MP
B        := build
JOBS     ?= $(shell nproc)

LIB_SRC  := $(wildcard kernel/*.cpp formats/*.cpp rules/*.cpp checker/*.cpp translators/*/*.cpp)
TOOL_SRC := $(wildcard tools/*.cpp)
TEST_SRC := $(wildcard tests/*.cpp tests/*/*.cpp tests/*/*/*.cpp)
BENCH_SRC:= $(wildcard bench/*/*.cpp)
LIB_OBJ  := $(LIB_SRC:%.cpp=$(B)/%.o)
TEST_OBJ := $(TEST_SRC:%.cpp=$(B)/%.o)
LIBS     := -lgmpxx -lgmp -lzstd -pthread

DEB_PKGS := g++ make libgmp-dev libboost-dev libzstd-dev zstd librapidcheck-dev libgtest-dev

.PHONY: all test demo deps tcb bench clean
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

test: $(B)/unit_tests $(B)/hcert
	tests/run $(B)

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
	rm -rf $(B)

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(TOOL_SRC:%.cpp=$(B)/%.d)
