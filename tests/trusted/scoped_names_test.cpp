// ScopedNames (trusted/scoped_names.hpp) against the structure it replaced: a vector of all
// bindings in force, searched from the innermost. Same answers for any sequence of
// bindings, lookups and scope exits.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "trusted/scoped_names.hpp"

using hcert::check::ScopedNames;

namespace {
const int* naive_find(const std::vector<std::pair<std::string, int>>& env, const std::string& s) {
  for (size_t i = env.size(); i-- > 0;)
    if (env[i].first == s) return &env[i].second;
  return nullptr;
}
}  // namespace

RC_GTEST_PROP(ScopedNames, AgreesWithALinearScan, ()) {
  ScopedNames<int> names;
  std::vector<std::pair<std::string, int>> env;
  std::vector<size_t> scopes;  // depths at scope entries
  int ops = *rc::gen::inRange(1, 300);
  for (int i = 0; i < ops; ++i) {
    std::string s(1, static_cast<char>('a' + *rc::gen::inRange(0, 5)));  // few names: much shadowing
    switch (*rc::gen::inRange(0, 4)) {
      case 0:
        scopes.push_back(names.depth());
        break;
      case 1:
        if (!scopes.empty()) {
          names.unbind_to(scopes.back());
          env.resize(scopes.back());
          scopes.pop_back();
        }
        break;
      default:
        names.bind(s, i);
        env.push_back({s, i});
    }
    RC_ASSERT(names.depth() == env.size());
    for (char c = 'a'; c < 'f'; ++c) {
      const int* got = names.find(std::string(1, c));
      const int* want = naive_find(env, std::string(1, c));
      RC_ASSERT((got == nullptr) == (want == nullptr));
      if (got) RC_ASSERT(*got == *want);
    }
  }
}

TEST(ScopedNames, InnermostWinsAndExitRestores) {
  ScopedNames<int> n;
  n.bind("x", 1);
  size_t outer = n.depth();
  n.bind("x", 2);
  n.bind("y", 3);
  EXPECT_EQ(*n.find("x"), 2);
  n.unbind_to(outer);
  EXPECT_EQ(*n.find("x"), 1);
  EXPECT_EQ(n.find("y"), nullptr);
  n.unbind_to(0);
  EXPECT_EQ(n.find("x"), nullptr);
}
