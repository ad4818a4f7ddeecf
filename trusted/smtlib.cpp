#include "trusted/smtlib.hpp"

#include <fstream>
#include <sstream>

#include "trusted/deadline.hpp"
#include "trusted/sha256.hpp"
#include "trusted/source.hpp"

namespace hcert::smt {

using cert::FormatError;

namespace {
bool digit(char c) { return c >= '0' && c <= '9'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// SMT-LIB simple-symbol characters (letters, digits, ~!@$%^&*_-+=<>.?/), as bytes.
bool symbol_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || digit(c)) return true;
  switch (c) {
    case '~': case '!': case '@': case '$': case '%': case '^': case '&': case '*': case '_':
    case '-': case '+': case '=': case '<': case '>': case '.': case '?': case '/':
      return true;
    default:
      return false;
  }
}
}  // namespace

Script parse_script(const std::string& s) {
  Script out;
  std::vector<uint32_t> open;  // indices of lists being read
  size_t i = 0;
  uint32_t line = 1;
  size_t line_start = 0;
  auto fail = [&](size_t at, const std::string& why) { throw FormatError(line, at, why); };
  auto add = [&](Node n) {
    uint32_t id = static_cast<uint32_t>(out.nodes.size());
    out.nodes.push_back(std::move(n));
    if (open.empty()) {
      if (out.nodes[id].kind != Node::List) fail(out.nodes[id].offset, "expected '(' at top level");
    } else {
      out.nodes[open.back()].kids.push_back(id);
    }
    return id;
  };
  (void)line_start;
  while (i < s.size()) {
    poll_deadline();  // --time-limit while a hostile script of hundreds of MB is tokenised
    char c = s[i];
    if (c == '\n') { ++line; ++i; continue; }
    if (space(c)) { ++i; continue; }
    if (c == ';') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    size_t start = i;
    if (c == '(') {
      Node n{Node::List, "", start, line, {}};
      uint32_t id = static_cast<uint32_t>(out.nodes.size());
      out.nodes.push_back(std::move(n));
      if (open.empty()) out.commands.push_back(id);
      else out.nodes[open.back()].kids.push_back(id);
      open.push_back(id);
      ++i;
      continue;
    }
    if (c == ')') {
      if (open.empty()) fail(start, "unbalanced ')'");
      open.pop_back();
      ++i;
      continue;
    }
    Node n{Node::Symbol, "", start, line, {}};
    if (c == '|') {
      size_t j = s.find_first_of("|\\", i + 1);
      if (j == std::string::npos) fail(start, "unterminated quoted symbol");
      if (s[j] == '\\') fail(j, "'\\' is not allowed in a quoted symbol");
      n.text = s.substr(i + 1, j - i - 1);
      for (char q : n.text) line += q == '\n';
      i = j + 1;
    } else if (c == '"') {
      n.kind = Node::String;
      ++i;
      for (;;) {
        if (i >= s.size()) fail(start, "unterminated string literal");
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') { n.text += '"'; i += 2; continue; }
          ++i;
          break;
        }
        if (s[i] == '\n') ++line;
        n.text += s[i++];
      }
    } else if (c == '#') {
      if (i + 1 >= s.size() || (s[i + 1] != 'x' && s[i + 1] != 'b')) fail(start, "expected #x or #b");
      n.kind = s[i + 1] == 'x' ? Node::Hex : Node::Binary;
      i += 2;
      while (i < s.size() && (n.kind == Node::Hex ? (digit(s[i]) || (s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F'))
                                                  : (s[i] == '0' || s[i] == '1')))
        n.text += s[i++];
      if (n.text.empty()) fail(start, "empty #x/#b literal");
    } else if (digit(c)) {
      n.kind = Node::Numeral;
      while (i < s.size() && digit(s[i])) n.text += s[i++];
      if (i < s.size() && s[i] == '.') {
        n.kind = Node::Decimal;
        n.text += s[i++];
        size_t d = i;
        while (i < s.size() && digit(s[i])) n.text += s[i++];
        if (i == d) fail(start, "decimal without digits after '.'");
      }
      if (n.text.size() > 1 && n.text[0] == '0' && n.text[1] != '.') fail(start, "numeral with a leading zero");
    } else if (c == ':') {
      n.kind = Node::Keyword;
      ++i;
      while (i < s.size() && symbol_char(s[i])) n.text += s[i++];
      if (n.text.empty()) fail(start, "empty keyword");
    } else if (symbol_char(c)) {
      while (i < s.size() && symbol_char(s[i])) n.text += s[i++];
    } else {
      fail(start, "unexpected byte " + std::to_string(static_cast<unsigned char>(c)));
    }
    if (i < s.size() && !space(s[i]) && s[i] != '(' && s[i] != ')' && s[i] != ';')
      fail(i, "unexpected character after a token");
    add(std::move(n));
  }
  if (!open.empty()) throw FormatError(line, s.size(), "unbalanced '(': the script ends inside a list");
  return out;
}

Script read_script(const std::string& path) {
  auto src = open_source(path);
  std::string data, buf(1 << 16, '\0');
  for (size_t n; (n = src->read(buf.data(), buf.size())) > 0;) {
    poll_deadline();
    data.append(buf, 0, n);
  }
  Script sc = parse_script(data);
  sc.sha256 = sha256_hex(data);
  return sc;
}

}  // namespace hcert::smt
