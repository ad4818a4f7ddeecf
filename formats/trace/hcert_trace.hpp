// hcert_trace.hpp — the trace emitter for custom SAT/SMT solvers (spec/trace.md).
// Dependency-free (C++17 standard library only), header-only; the C API beside it
// (hcert_trace.h, hcert_trace.cpp) is a thin wrapper over this class.
//
// THE API (C++; the C names are hcert_trace_<method>, see hcert_trace.h)
//
//   hcert_trace::Writer w(FILE* out, hcert_trace::Format::Text | Format::Binary);
//   hcert_trace::Writer w(Sink fn, void* ctx, Format);   // fn(ctx, bytes, n) returns bytes written
//
//   uint64_t w.atom(std::string_view term)
//       Declares a Boolean atom: `term` is one SMT-LIB term of sort Bool over the problem's
//       symbols and the names @N of earlier atoms/definitions. Returns its id N (1, 2, ...).
//       Literals are +N (the atom) and -N (its negation).
//   uint64_t w.define(std::string_view term)
//       Gives the SMT-LIB term a fresh name @N (any sort: a Tseitin variable when Bool, a
//       shared subterm otherwise). Later terms may write @N; a Bool definition is also a
//       literal +N/-N. Returns N (atoms and definitions share one numbering).
//   uint64_t w.input(uint64_t assertion, lits, n)
//       An input clause: the disjunction of the literals follows propositionally from the
//       problem's assertion number `assertion` (0-based, in file order) with every @N
//       read as its term. Returns the clause id C (1, 2, ...; one numbering for all clauses).
//   uint64_t w.derived(lits, n, hints = nullptr, nh = 0)
//       A clause implied by unit propagation (RUP) from earlier live clauses. `hints`: the
//       clause ids, LRAT order (each one unit under the negated clause and the earlier
//       hints, the last one falsified); none: hcert searches (the cost shows in its stats).
//   uint64_t w.lemma(lits, n, Hint kind, const Coef* coefs = nullptr, nc = 0)
//       A theory lemma: the clause is valid in the problem's theories. kind/hint:
//         Hint::None      hcert searches (arithmetic, congruence closure)
//         Hint::Farkas    one coefficient per literal (>= 0 for inequalities, any sign for
//                         an equality), for the literal's NEGATION; Σ coef·¬lit is 0 < 0/0 <= c<0
//         Hint::NegCycle  difference logic: the negated literals are a negative cycle
//                         (Farkas with every coefficient 1; no coefficients given)
//         Hint::Equality  equality/congruence chain among the negated literals (no coefficients)
//         Hint::Cut       integers: Farkas coefficients whose sum, rounded (one Chvátal-
//                         Gomory cut), contradicts the literals (spec/trace.md)
//         Hint::Branch    integers: x <= k \/ x >= k+1 (no coefficients)
//         Hint::ReadOverWrite arrays: an instance of read-over-write (no coefficients)
//       Returns the clause id.
//   uint64_t w.lemma(lits, n, Hint kind, std::string_view coefs)  // "3/2 1 -4": big numbers
//   void     w.remove(const uint64_t* ids, n)      deletes clauses (no longer usable as hints)
//   uint64_t w.conflict(hints = nullptr, nh = 0)   the empty clause by RUP: the final step
//   bool     w.flush()                             writes the buffer; false after an I/O error
//   bool     w.ok() const                          false after any error (I/O, bad argument)
//   const char* w.error() const                    the first error, or ""
// Every adding call returns 0 (and writes nothing) when the writer is in error or an argument
// is invalid (literal 0 or naming no atom yet, a term with a line break in text form, an
// unknown hint kind); the first error is sticky: every later call returns 0 too, since a
// trace with a step missing could not be checked anyway. Literal arrays may be of any
// integer type (the *_of templates below); the C API takes int64_t. Cost per call:
// formatting numbers into a 64 KiB buffer, no allocation.
// The destructor flushes; it does not close the FILE. Pipe the output through `zstd` to
// compress it: hcert recognises compressed input by its content.
//
// WHAT THE TEXT FORM LOOKS LIKE (spec/trace.md has the grammar, the binary form and what
// hcert proves for each record):
//   hcert-trace 1
//   a 1 (<= (- x y) 3)               atom 1
//   a 2 (<= (- y x) (- 4))           atom 2
//   d 3 (and @1 @2)                  definition: @3 stands for (and (<= ..) (<= ..))
//   i 1 0 1 0                        clause 1 = (@1) from assertion 0
//   i 2 1 2 0                        clause 2 = (@2) from assertion 1
//   t 3 -1 -2 0 la 1 1               lemma 3 = (~@1 \/ ~@2), Farkas 1·@1 + 1·@2: 0 <= -1
//   c 4 0 1 2 3 0                    the empty clause by RUP from clauses 1 2 3 (final step)
//   x 3 0                            (a deletion: clause 3 can no longer be a hint)
// A solver that clausifies assertion k itself writes its clauses with `i` and k; a Tseitin
// variable is a `d` whose term may use @N of its operands, and its defining clauses, e.g.
// (~@3 \/ @1), are `t` lemmas with Hint::None (tautologies once @3 is read as its term).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace hcert_trace {

enum class Format { Text, Binary };

// The theory lemma's hint kind; the byte values are those of the binary form.
enum class Hint : uint8_t { None = 0, Farkas = 1, NegCycle = 2, Equality = 3, Cut = 4, Branch = 5, ReadOverWrite = 6 };

// A rational coefficient num/den (den > 0).
struct Coef {
  int64_t num;
  uint64_t den = 1;
};

// The keyword of each hint kind in the text form, by its value.
inline const char* hint_keyword(Hint h) {
  static const char* const names[] = {"-", "la", "dl", "eq", "cut", "br", "row"};
  auto i = static_cast<unsigned>(h);
  return i < sizeof names / sizeof names[0] ? names[i] : nullptr;
}

// The binary form's first bytes (spec/trace.md); the text form starts with "hcert-trace 1\n".
inline constexpr unsigned char kBinaryMagic[5] = {0x89, 'H', 'C', 'T', 0x01};
inline constexpr char kTextHeader[] = "hcert-trace 1\n";

using Sink = size_t (*)(void* ctx, const void* data, size_t n);

// Buffers records and hands them to the sink in blocks. Why one fixed buffer: a solver may
// write millions of clauses; each call formats numbers into the buffer and only a full
// buffer costs a write, so tracing adds no allocation and little time per learnt clause.
class Writer {
 public:
  Writer(std::FILE* out, Format f = Format::Text) : sink_(&file_sink), ctx_(out), format_(f) { start(); }
  Writer(Sink sink, void* ctx, Format f = Format::Text) : sink_(sink), ctx_(ctx), format_(f) { start(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() { flush(); }

  uint64_t atom(std::string_view term) { return term_record('a', term); }
  uint64_t define(std::string_view term) { return term_record('d', term); }

  uint64_t input(uint64_t assertion, const int64_t* lits, size_t n) { return input_of(assertion, lits, n); }
  uint64_t derived(const int64_t* lits, size_t n, const uint64_t* hints = nullptr, size_t nh = 0) {
    return derived_of(lits, n, hints, nh);
  }
  uint64_t lemma(const int64_t* lits, size_t n, Hint kind, const Coef* coefs = nullptr, size_t nc = 0) {
    return lemma_of(lits, n, kind, coefs, nc);
  }
  uint64_t lemma(const int64_t* lits, size_t n, Hint kind, std::string_view coefs) {
    return lemma_text_of(lits, n, kind, coefs);
  }
  uint64_t conflict(const uint64_t* hints = nullptr, size_t nh = 0) {
    return derived_of(static_cast<const int64_t*>(nullptr), 0, hints, nh);
  }

  // The same for literal arrays of any integer type (int, int32_t, long ...).
  template <class L>
  uint64_t input_of(uint64_t assertion, const L* lits, size_t n) {
    static_assert(std::is_integral_v<L>);
    if (!check_lits(lits, n)) return 0;
    put_tag('i');
    put_id(++clauses_);
    put_num(assertion);
    put_lits(lits, n);
    end_record();
    return clauses_;
  }
  template <class L, class H = uint64_t>
  uint64_t derived_of(const L* lits, size_t n, const H* hints = nullptr, size_t nh = 0) {
    static_assert(std::is_integral_v<L> && std::is_integral_v<H>);
    if (!check_lits(lits, n) || !check_ids(hints, nh)) return 0;
    put_tag('c');
    put_id(++clauses_);
    put_lits(lits, n);
    put_ids(hints, nh);
    end_record();
    return clauses_;
  }
  template <class L>
  uint64_t lemma_of(const L* lits, size_t n, Hint kind, const Coef* coefs = nullptr, size_t nc = 0) {
    static_assert(std::is_integral_v<L>);
    if (!check_lits(lits, n) || !check_kind(kind)) return 0;
    for (size_t i = 0; i < nc; i++)
      if (coefs[i].den == 0) return fail("coefficient with denominator 0");
    put_tag('t');
    put_id(++clauses_);
    put_lits(lits, n);
    put_kind(kind, nc);
    for (size_t i = 0; i < nc; i++) put_coef(coefs[i]);
    end_lemma();
    return clauses_;
  }
  template <class L>
  uint64_t lemma_text_of(const L* lits, size_t n, Hint kind, std::string_view coefs) {
    static_assert(std::is_integral_v<L>);
    if (!check_lits(lits, n) || !check_kind(kind)) return 0;
    size_t count = 0;
    for (size_t i = 0; i < coefs.size();) {  // count the tokens, and allow only [-0-9/]
      while (i < coefs.size() && coefs[i] == ' ') i++;
      if (i == coefs.size()) break;
      count++;
      for (; i < coefs.size() && coefs[i] != ' '; i++)
        if (!(coefs[i] == '-' || coefs[i] == '/' || (coefs[i] >= '0' && coefs[i] <= '9')))
          return fail("coefficient text with a character other than - / 0-9 or space");
    }
    put_tag('t');
    put_id(++clauses_);
    put_lits(lits, n);
    put_kind(kind, count);
    for (size_t i = 0; i < coefs.size();) {
      while (i < coefs.size() && coefs[i] == ' ') i++;
      size_t j = i;
      while (j < coefs.size() && coefs[j] != ' ') j++;
      if (j > i) put_coef_text(coefs.substr(i, j - i));
      i = j;
    }
    end_lemma();
    return clauses_;
  }
  template <class H>
  void remove(const H* ids, size_t n) {
    static_assert(std::is_integral_v<H>);
    if (!check_ids(ids, n)) return;
    put_tag('x');
    put_ids(ids, n);
    end_record();
  }

  // The buffer holds whole accepted records only (a refused call writes nothing), so they
  // are written even after a refusal; after a failed write nothing more is.
  bool flush() {
    flush_raw();
    return ok();
  }
  bool ok() const { return error_ == nullptr; }
  const char* error() const { return error_ ? error_ : ""; }
  uint64_t atoms() const { return terms_; }
  uint64_t clauses() const { return clauses_; }

 private:
  static size_t file_sink(void* ctx, const void* data, size_t n) {
    return std::fwrite(data, 1, n, static_cast<std::FILE*>(ctx));
  }
  template <class I>
  static bool negative(I x) {
    if constexpr (std::is_signed_v<I>)
      return x < 0;
    else
      return false;
  }
  template <class I>
  static uint64_t magnitude(I x) {
    return negative(x) ? uint64_t(0) - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
  }
  uint64_t fail(const char* why) {
    if (!error_) error_ = why;
    return 0;
  }
  void start() {
    if (!sink_ || (sink_ == &file_sink && !ctx_)) {
      fail("no output");
      return;
    }
    if (format_ == Format::Binary)
      put_bytes(kBinaryMagic, sizeof kBinaryMagic);
    else
      put_bytes(kTextHeader, sizeof kTextHeader - 1);
  }
  bool text() const { return format_ == Format::Text; }

  template <class L>
  bool check_lits(const L* lits, size_t n) {
    if (!ok()) return false;
    if (n > 0 && !lits) return fail("null literal array"), false;
    for (size_t i = 0; i < n; i++) {
      uint64_t v = magnitude(lits[i]);
      if (v == 0 || v > terms_) return fail("literal 0 or naming no atom yet"), false;
    }
    return true;
  }
  template <class H>
  bool check_ids(const H* ids, size_t n) {
    if (!ok()) return false;
    if (n > 0 && !ids) return fail("null id array"), false;
    for (size_t i = 0; i < n; i++)
      if (negative(ids[i]) || ids[i] == 0 || static_cast<uint64_t>(ids[i]) > clauses_)
        return fail("clause id 0 or not given yet"), false;
    return true;
  }
  bool check_kind(Hint k) {
    if (!ok()) return false;
    if (!hint_keyword(k)) return fail("unknown hint kind"), false;
    return true;
  }

  uint64_t term_record(char tag, std::string_view term) {
    if (!ok()) return 0;
    if (term.empty()) return fail("empty term");
    if (text() && term.find_first_of("\r\n") != std::string_view::npos) return fail("term with a line break (text form)");
    put_tag(tag);
    put_id(++terms_);
    if (text()) {
      put_char(' ');
      put_bytes(term.data(), term.size());
    } else {
      put_num(term.size());
      put_bytes(term.data(), term.size());
    }
    if (text()) put_char('\n');
    return terms_;
  }

  // Record pieces. Text: "TAG ID ITEM ... 0 ..." with single spaces, a line per record.
  // Binary: the tag byte, then unsigned LEB128 numbers; a literal l as 2|l| + (l < 0).
  void put_tag(char t) {
    reserve(1);
    buf_[len_++] = t;
  }
  void put_id(uint64_t id) { put_num(id); }
  // The decimal digits of v at out (room for 20); returns how many.
  static size_t digits(uint64_t v, char* out) {
    char tmp[20];
    size_t k = 0, n = 0;
    do {
      tmp[k++] = char('0' + v % 10);
      v /= 10;
    } while (v);
    while (k) out[n++] = tmp[--k];
    return n;
  }
  void put_num(uint64_t v) {
    reserve(24);
    if (text()) {
      buf_[len_++] = ' ';
      len_ += digits(v, buf_ + len_);
    } else {
      while (v >= 0x80) {
        buf_[len_++] = char((v & 0x7f) | 0x80);
        v >>= 7;
      }
      buf_[len_++] = char(v);
    }
  }
  template <class L>
  void put_lit(L l) {
    bool neg = negative(l);
    uint64_t v = magnitude(l);
    if (text()) {
      reserve(2);
      if (neg) {
        buf_[len_++] = ' ';
        buf_[len_++] = '-';
        put_digits(v);
      } else {
        put_num(v);
      }
    } else {
      put_num(2 * v + (neg ? 1 : 0));
    }
  }
  void put_digits(uint64_t v) {
    reserve(24);
    len_ += digits(v, buf_ + len_);
  }
  template <class L>
  void put_lits(const L* lits, size_t n) {
    for (size_t i = 0; i < n; i++) put_lit(lits[i]);
    put_num(0);
  }
  template <class H>
  void put_ids(const H* ids, size_t n) {
    for (size_t i = 0; i < n; i++) put_num(static_cast<uint64_t>(ids[i]));
    put_num(0);
  }
  // Text: " KEYWORD"; binary: the kind byte and the number of coefficients.
  void put_kind(Hint k, size_t count) {
    if (text()) {
      const char* kw = hint_keyword(k);
      reserve(8);
      buf_[len_++] = ' ';
      put_bytes(kw, std::strlen(kw));
    } else {
      reserve(1);
      buf_[len_++] = char(static_cast<uint8_t>(k));
      put_num(count);
    }
  }
  // A coefficient: text " NUM" or " NUM/DEN"; binary: its text's length, then the text.
  void put_coef(const Coef& c) {
    char tmp[48];
    size_t k = 0;
    if (c.num < 0) tmp[k++] = '-';
    k += digits(magnitude(c.num), tmp + k);
    if (c.den != 1) {
      tmp[k++] = '/';
      k += digits(c.den, tmp + k);
    }
    put_coef_text(std::string_view(tmp, k));
  }
  void put_coef_text(std::string_view s) {
    if (text()) {
      put_char(' ');
    } else {
      put_num(s.size());
    }
    put_bytes(s.data(), s.size());
  }
  void end_lemma() {
    if (text()) put_char('\n');  // text: the coefficients run to the line's end
  }
  void end_record() {
    if (text()) put_char('\n');
  }
  void put_char(char c) {
    reserve(1);
    buf_[len_++] = c;
  }
  void put_bytes(const void* p, size_t n) {
    const char* s = static_cast<const char*>(p);
    while (n > 0) {
      if (len_ == sizeof buf_) flush_raw();
      size_t k = sizeof buf_ - len_ < n ? sizeof buf_ - len_ : n;
      std::memcpy(buf_ + len_, s, k);
      len_ += k;
      s += k;
      n -= k;
    }
  }
  void reserve(size_t n) {
    if (len_ + n > sizeof buf_) flush_raw();
  }
  void flush_raw() {
    if (len_ > 0 && !write_failed_ && sink_(ctx_, buf_, len_) != len_) {
      write_failed_ = true;
      fail("write failed");
    }
    len_ = 0;
  }

  Sink sink_;
  void* ctx_;
  Format format_;
  const char* error_ = nullptr;
  bool write_failed_ = false;
  uint64_t terms_ = 0, clauses_ = 0;
  size_t len_ = 0;
  char buf_[1 << 16];
};

}  // namespace hcert_trace
