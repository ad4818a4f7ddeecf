/* hcert_trace.h — the C API of the trace emitter (spec/trace.md), a thin wrapper over the
 * C++ class in hcert_trace.hpp; link hcert_trace.cpp (compiled as C++17) into the solver.
 *
 *   hcert_trace_t* hcert_trace_open(const char* path, int binary)
 *       Opens `path` for writing ("-": standard output) and writes the header; binary != 0
 *       chooses the binary form. NULL when the file cannot be opened.
 *   hcert_trace_t* hcert_trace_open_file(FILE* out, int binary)     (the FILE stays the caller's)
 *   uint64_t hcert_trace_atom(t, const char* term)       Bool atom, returns its id N (literals +-N)
 *   uint64_t hcert_trace_define(t, const char* term)     fresh name @N for a term of any sort
 *   uint64_t hcert_trace_input(t, uint64_t assertion, const int64_t* lits, size_t n)
 *       clause following from the problem's assertion number `assertion` (0-based); clause id
 *   uint64_t hcert_trace_derived(t, const int64_t* lits, size_t n, const uint64_t* hints, size_t nh)
 *       RUP clause; hints: LRAT-order antecedent clause ids, or none (nh = 0: hcert searches)
 *   uint64_t hcert_trace_lemma(t, const int64_t* lits, size_t n, int kind,
 *                              const int64_t* num, const uint64_t* den, size_t nc)
 *       theory lemma; kind one of HCERT_HINT_*; coefficients num[i]/den[i] (den NULL: all 1)
 *   uint64_t hcert_trace_lemma_text(t, lits, n, int kind, const char* coefs)   "3/2 1 -4"
 *   void     hcert_trace_delete(t, const uint64_t* ids, size_t n)
 *   uint64_t hcert_trace_conflict(t, const uint64_t* hints, size_t nh)   the empty clause
 *   const char* hcert_trace_error(t)     the first error, "" when none
 *   int      hcert_trace_close(t)        flushes, closes what _open opened, frees; 0 when every
 *                                        write succeeded and no call was refused, else -1
 * Every adding call returns 0 on error (then nothing is written); semantics as in hcert_trace.hpp. */
#ifndef HCERT_TRACE_H
#define HCERT_TRACE_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
  HCERT_HINT_NONE = 0,
  HCERT_HINT_FARKAS = 1,
  HCERT_HINT_NEG_CYCLE = 2,
  HCERT_HINT_EQUALITY = 3,
  HCERT_HINT_CUT = 4,
  HCERT_HINT_BRANCH = 5,
  HCERT_HINT_READ_OVER_WRITE = 6
};

typedef struct hcert_trace_s hcert_trace_t;

hcert_trace_t* hcert_trace_open(const char* path, int binary);
hcert_trace_t* hcert_trace_open_file(FILE* out, int binary);
uint64_t hcert_trace_atom(hcert_trace_t* t, const char* term);
uint64_t hcert_trace_define(hcert_trace_t* t, const char* term);
uint64_t hcert_trace_input(hcert_trace_t* t, uint64_t assertion, const int64_t* lits, size_t n);
uint64_t hcert_trace_derived(hcert_trace_t* t, const int64_t* lits, size_t n, const uint64_t* hints, size_t nh);
uint64_t hcert_trace_lemma(hcert_trace_t* t, const int64_t* lits, size_t n, int kind, const int64_t* num,
                           const uint64_t* den, size_t nc);
uint64_t hcert_trace_lemma_text(hcert_trace_t* t, const int64_t* lits, size_t n, int kind, const char* coefs);
void hcert_trace_delete(hcert_trace_t* t, const uint64_t* ids, size_t n);
uint64_t hcert_trace_conflict(hcert_trace_t* t, const uint64_t* hints, size_t nh);
const char* hcert_trace_error(const hcert_trace_t* t);
int hcert_trace_close(hcert_trace_t* t);

#ifdef __cplusplus
}
#endif
#endif
