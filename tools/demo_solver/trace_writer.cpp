#include "tools/demo_solver/trace_writer.hpp"

#include <stdexcept>
#include <vector>

#include "formats/trace/hcert_trace.hpp"

namespace demo {

namespace {

// Why the ids are compared: the emitter numbers atoms, definitions and clauses itself, in
// call order; the solver numbers them the same way, so every call must be made, in order,
// and a mismatch is a bug in the solver that would make the trace name wrong clauses.
class TraceWriter : public ProofLog {
 public:
  TraceWriter(std::FILE* f, bool close, bool binary)
      : file_(f), close_(close), w_(f, binary ? hcert_trace::Format::Binary : hcert_trace::Format::Text) {}
  ~TraceWriter() override {
    w_.flush();
    if (close_) std::fclose(file_);
  }

  void atom(uint32_t var, const std::string& smtlib) override { same(w_.atom(smtlib), var, "atom"); }

  void definition(uint32_t var, const std::string& op, const std::vector<TraceLit>& args,
                  const std::vector<uint32_t>& nots) override {
    std::string term = "(" + op;
    for (size_t i = 0; i < args.size(); ++i) {
      TraceLit l = args[i];
      uint32_t k = i < nots.size() ? nots[i] : 0;
      term += " ";
      for (uint32_t j = 0; j < k; ++j) term += "(not ";
      term += l < 0 ? "(not @" + std::to_string(-l) + ")" : "@" + std::to_string(l);
      term.append(k, ')');
    }
    term += ")";
    same(w_.define(term), var, "definition");
  }

  void name(uint32_t var, const std::string& smtlib) override { same(w_.define(smtlib), var, "named term"); }

  void definitional(ClauseId id, const std::vector<TraceLit>& c) override {
    same(w_.lemma_of(c.data(), c.size(), hcert_trace::Hint::None), id, "definitional clause");
  }

  void input(ClauseId id, const std::vector<TraceLit>& c, uint32_t assertion) override {
    same(w_.input_of(assertion, c.data(), c.size()), id, "input clause");
  }

  void derived(ClauseId id, const std::vector<TraceLit>& c, const std::vector<ClauseId>& hints) override {
    if (c.empty()) {
      same(w_.conflict(hints.data(), hints.size()), id, "empty clause");
      conflict_ = id;
    } else {
      same(w_.derived_of(c.data(), c.size(), hints.data(), hints.size()), id, "derived clause");
    }
  }

  // Coefficients all 1: a negative cycle (the `dl` hint); otherwise Farkas (`la`).
  void lemma(ClauseId id, const std::vector<TraceLit>& c, const std::vector<mpq_class>& coefs) override {
    bool cycle = !coefs.empty();
    std::string text;
    for (const mpq_class& q : coefs) {
      cycle = cycle && q == 1;
      if (!text.empty()) text += ' ';
      text += q.get_str();
    }
    uint64_t got;
    if (coefs.empty()) got = w_.lemma_of(c.data(), c.size(), hcert_trace::Hint::None);
    else if (cycle && negative_cycles_) got = w_.lemma_of(c.data(), c.size(), hcert_trace::Hint::NegCycle);
    else got = w_.lemma_text_of(c.data(), c.size(), hcert_trace::Hint::Farkas, text);
    same(got, id, "theory lemma");
  }

  void cut(ClauseId id, const std::vector<TraceLit>& c, const std::vector<mpq_class>& coefs) override {
    std::string text;
    for (const mpq_class& q : coefs) text += (text.empty() ? "" : " ") + q.get_str();
    same(w_.lemma_text_of(c.data(), c.size(), hcert_trace::Hint::Cut, text), id, "cut lemma");
  }

  void branch(ClauseId id, const std::vector<TraceLit>& c) override {
    same(w_.lemma_of(c.data(), c.size(), hcert_trace::Hint::Branch), id, "branch lemma");
  }

  void deleted(ClauseId id) override { w_.remove(&id, 1); }

  void unsat(ClauseId id) override {
    if (id != conflict_) same(w_.conflict(&id, 1), 0, "final conflict");  // an empty input clause
  }

  void finish() override {
    if (!w_.flush() || std::fflush(file_) != 0) throw std::runtime_error(std::string("writing the trace: ") + w_.error());
  }

 private:
  void same(uint64_t got, uint64_t want, const char* what) {
    if (got == 0) throw std::runtime_error(std::string("the trace emitter refused a ") + what + ": " + w_.error());
    if (want != 0 && got != want)
      throw std::logic_error(std::string("trace numbering out of step at a ") + what + ": " + std::to_string(got) +
                             " for " + std::to_string(want));
  }

  std::FILE* file_;
  bool close_;
  hcert_trace::Writer w_;
  ClauseId conflict_ = 0;
  bool negative_cycles_ = true;
};

}  // namespace

std::unique_ptr<ProofLog> open_trace(const std::string& path, bool binary) {
  if (path == "-") return std::make_unique<TraceWriter>(stdout, false, binary);
  std::FILE* f = std::fopen(path.c_str(), binary ? "wb" : "w");
  if (!f) throw std::runtime_error("cannot open " + path + " for writing");
  return std::make_unique<TraceWriter>(f, true, binary);
}

}  // namespace demo
