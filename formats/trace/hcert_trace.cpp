// The C API (hcert_trace.h) over the C++ emitter (hcert_trace.hpp). Compiled as C++17 into
// the solver; depends on the C++ standard library only.
#include "formats/trace/hcert_trace.h"

#include <cstring>
#include <new>
#include <string>

#include "formats/trace/hcert_trace.hpp"

// The handle: the writer, the FILE it closes when hcert_trace_open opened it, and whether
// a call was refused (hcert_trace_close reports it).
struct hcert_trace_s {
  hcert_trace_s(FILE* f, bool owned, hcert_trace::Format fmt) : writer(f, fmt), file(f), owns_file(owned) {}
  hcert_trace::Writer writer;
  FILE* file;
  bool owns_file;
};

namespace {
hcert_trace::Format format_of(int binary) { return binary ? hcert_trace::Format::Binary : hcert_trace::Format::Text; }
hcert_trace::Hint hint_of(int kind) {
  // An unknown kind maps to a value hint_keyword refuses, so the writer reports it.
  return kind >= 0 && kind <= 6 ? static_cast<hcert_trace::Hint>(kind) : static_cast<hcert_trace::Hint>(255);
}
}  // namespace

extern "C" {

hcert_trace_t* hcert_trace_open_file(FILE* out, int binary) {
  if (!out) return nullptr;
  return new (std::nothrow) hcert_trace_s(out, false, format_of(binary));
}

hcert_trace_t* hcert_trace_open(const char* path, int binary) {
  if (!path) return nullptr;
  bool std_out = std::strcmp(path, "-") == 0;
  FILE* f = std_out ? stdout : std::fopen(path, "wb");
  if (!f) return nullptr;
  auto* t = new (std::nothrow) hcert_trace_s(f, !std_out, format_of(binary));
  if (!t && !std_out) std::fclose(f);
  return t;
}

uint64_t hcert_trace_atom(hcert_trace_t* t, const char* term) {
  return t && term ? t->writer.atom(term) : 0;
}
uint64_t hcert_trace_define(hcert_trace_t* t, const char* term) {
  return t && term ? t->writer.define(term) : 0;
}
uint64_t hcert_trace_input(hcert_trace_t* t, uint64_t assertion, const int64_t* lits, size_t n) {
  return t ? t->writer.input(assertion, lits, n) : 0;
}
uint64_t hcert_trace_derived(hcert_trace_t* t, const int64_t* lits, size_t n, const uint64_t* hints, size_t nh) {
  return t ? t->writer.derived(lits, n, hints, nh) : 0;
}
uint64_t hcert_trace_lemma(hcert_trace_t* t, const int64_t* lits, size_t n, int kind, const int64_t* num,
                           const uint64_t* den, size_t nc) {
  if (!t) return 0;
  if (nc == 0) return t->writer.lemma(lits, n, hint_of(kind));
  if (!num) return 0;
  // Up to 64 coefficients go through a stack array; a longer list (rare: one coefficient per
  // literal of a lemma) is formatted into one string, the only allocation of this API.
  constexpr size_t kChunk = 64;
  if (nc <= kChunk) {
    hcert_trace::Coef c[kChunk];
    for (size_t i = 0; i < nc; i++) c[i] = {num[i], den ? den[i] : 1};
    return t->writer.lemma(lits, n, hint_of(kind), c, nc);
  }
  std::string text;
  for (size_t i = 0; i < nc; i++) {
    text += std::to_string(num[i]);
    if (den && den[i] != 1) text += "/" + std::to_string(den[i]);
    text += ' ';
    if (den && den[i] == 0) return 0;
  }
  return t->writer.lemma(lits, n, hint_of(kind), std::string_view(text));
}
uint64_t hcert_trace_lemma_text(hcert_trace_t* t, const int64_t* lits, size_t n, int kind, const char* coefs) {
  return t ? t->writer.lemma(lits, n, hint_of(kind), std::string_view(coefs ? coefs : "")) : 0;
}
void hcert_trace_delete(hcert_trace_t* t, const uint64_t* ids, size_t n) {
  if (t) t->writer.remove(ids, n);
}
uint64_t hcert_trace_conflict(hcert_trace_t* t, const uint64_t* hints, size_t nh) {
  return t ? t->writer.conflict(hints, nh) : 0;
}
const char* hcert_trace_error(const hcert_trace_t* t) { return t ? t->writer.error() : "no trace"; }

int hcert_trace_close(hcert_trace_t* t) {
  if (!t) return -1;
  bool ok = t->writer.flush();
  if (t->owns_file) {
    ok = std::fclose(t->file) == 0 && ok;
  } else {
    ok = std::fflush(t->file) == 0 && ok;
  }
  delete t;
  return ok ? 0 : -1;
}

}  // extern "C"
