#include "tools/demo_solver/sexpr.hpp"

#include <string_view>

namespace demo {

bool symbol_char(char c) {
  static const std::string_view punctuation = "~!@$%^&*_-+=<>.?/";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         punctuation.find(c) != std::string_view::npos;
}

namespace {
bool digit(char c) { return c >= '0' && c <= '9'; }
bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
}  // namespace

SScript parse_sexprs(const std::string& s) {
  SScript out;
  std::vector<uint32_t> open;  // the lists being read, innermost last
  uint32_t line = 1;
  size_t i = 0;
  auto add = [&](SNode n) {
    n.line = line;
    out.nodes.push_back(std::move(n));
    uint32_t id = uint32_t(out.nodes.size() - 1);
    if (open.empty()) {
      if (out.nodes[id].kind != SNode::List) throw InputError(line, "expected '(' at top level");
      out.commands.push_back(id);
    } else {
      out.nodes[open.back()].kids.push_back(id);
    }
    return id;
  };
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') { ++line; ++i; continue; }
    if (blank(c)) { ++i; continue; }
    if (c == ';') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '(') {
      SNode n{SNode::List, {}, 0, {}};
      if (open.empty()) {
        n.line = line;
        out.nodes.push_back(std::move(n));
        out.commands.push_back(uint32_t(out.nodes.size() - 1));
        open.push_back(uint32_t(out.nodes.size() - 1));
      } else {
        open.push_back(add(std::move(n)));
      }
      ++i;
      continue;
    }
    if (c == ')') {
      if (open.empty()) throw InputError(line, "unbalanced ')'");
      open.pop_back();
      ++i;
      continue;
    }
    if (open.empty()) throw InputError(line, "expected '(' at top level");
    if (c == '|') {
      size_t j = s.find('|', i + 1);
      if (j == std::string::npos) throw InputError(line, "unterminated quoted symbol");
      std::string text = s.substr(i + 1, j - i - 1);
      add({SNode::Symbol, text, 0, {}});
      for (char q : text) line += q == '\n';
      i = j + 1;
      continue;
    }
    if (c == '"') {
      std::string text;
      size_t j = i + 1;
      for (;; ++j) {
        if (j >= s.size()) throw InputError(line, "unterminated string literal");
        if (s[j] == '"') {
          if (j + 1 < s.size() && s[j + 1] == '"') { text += '"'; ++j; continue; }
          break;
        }
        if (s[j] == '\n') ++line;
        text += s[j];
      }
      add({SNode::String, text, 0, {}});
      i = j + 1;
      continue;
    }
    size_t j = i;
    if (c == ':') ++j;
    while (j < s.size() && symbol_char(s[j])) ++j;
    if (j == i || (c == ':' && j == i + 1)) throw InputError(line, std::string("unexpected character '") + c + "'");
    std::string text = s.substr(i, j - i);
    SNode::Kind kind = SNode::Symbol;
    if (c == ':') {
      kind = SNode::Keyword;
    } else if (digit(c)) {
      size_t dot = text.find('.');
      bool ok = true;
      for (size_t k = 0; k < text.size(); ++k) ok = ok && (digit(text[k]) || (k == dot && k > 0 && k + 1 < text.size()));
      if (!ok) throw InputError(line, "malformed number '" + text + "'");
      if (text.size() > 1 && text[0] == '0' && dot != 1) throw InputError(line, "numeral with a leading zero '" + text + "'");
      kind = dot == std::string::npos ? SNode::Numeral : SNode::Decimal;
    }
    add({kind, text, 0, {}});
    i = j;
  }
  if (!open.empty()) throw InputError(line, "unexpected end of input: " + std::to_string(open.size()) + " list(s) left open");
  return out;
}

}  // namespace demo
