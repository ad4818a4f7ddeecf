#include "formats/cert.hpp"

#include <string_view>
#include <unordered_map>

namespace hcert::cert {

namespace {
using F = Field;
const std::vector<Schema>& schemas() {
  static const std::vector<Schema> s = {
      {Tag::Header, "hcert", {F::Num}},
      {Tag::Problem, "problem", {F::Name, F::Name}},
      {Tag::Claim, "claim", {F::Name}},
      {Tag::Theory, "theory", {F::Name, F::Name}},
      {Tag::TypeDecl, "newtype", {F::Name, F::Num}},
      {Tag::ConstDecl, "newconst", {F::Name, F::Num}},
      {Tag::TyVar, "tyvar", {F::Num, F::Name}},
      {Tag::TyOp, "tyop", {F::Num, F::Name, F::Nums}},
      {Tag::Var, "var", {F::Num, F::Name, F::Num}},
      {Tag::Const, "const", {F::Num, F::Name, F::Num}},
      {Tag::App, "app", {F::Num, F::Num, F::Num}},
      {Tag::Lam, "lam", {F::Num, F::Num, F::Num}},
      {Tag::Def, "def", {F::Num, F::Num}},
      {Tag::Typedef, "typedef", {F::Num, F::Num, F::Name, F::Name, F::Name, F::Num}},
      {Tag::Axiom, "axiom", {F::Num, F::Name, F::Num}},
      {Tag::Assert, "assert", {F::Num, F::Num}},
      {Tag::ATerm, "aterm", {F::Num, F::Num}},
      {Tag::Fact, "fact", {F::Num, F::Name}},
      {Tag::Step, "step", {F::Num, F::Name, F::Nums}},
      {Tag::Concl, "concl", {F::Num, F::Num}},
      {Tag::Hole, "hole", {F::Num, F::Num, F::Name}},
      {Tag::Del, "del", {F::Name, F::Nums}},
      {Tag::End, "end", {F::Num}},
      {Tag::AConj, "aconj", {F::Num, F::Num, F::Nums}},
  };
  return s;
}
}  // namespace

const Schema& schema(Tag t) { return schemas().at(static_cast<size_t>(t) - 1); }

std::optional<Tag> tag_of(const std::string& keyword) {
  // A map made once: every record of a text certificate and of the pinned theories comes
  // here, and comparing the keyword with each schema's C string in turn was 4 % of a small
  // check (opensmt__basic_unsat, callgrind).
  static const std::unordered_map<std::string_view, Tag> by_keyword = [] {
    std::unordered_map<std::string_view, Tag> m;
    for (const Schema& s : schemas()) m.emplace(s.keyword, s.tag);
    return m;
  }();
  auto it = by_keyword.find(keyword);
  if (it == by_keyword.end()) return std::nullopt;
  return it->second;
}

bool well_formed(const Record& r) {
  int t = static_cast<int>(r.tag);
  if (t < 1 || t > kTagCount) return false;
  size_t nums = 0, names = 0;
  bool list = false;
  for (Field f : schema(r.tag).fields) {
    if (f == Field::Num) ++nums;
    if (f == Field::Name) ++names;
    if (f == Field::Nums) list = true;
  }
  if (names != r.names.size() || r.nums.size() < nums || (!list && r.nums.size() != nums)) return false;
  for (uint64_t n : r.nums)
    if (n > kMaxId) return false;
  for (const std::string& s : r.names)
    if (s.size() > kMaxName) return false;
  return r.nums.size() - nums <= kMaxList;
}

}  // namespace hcert::cert
