// The audit record (tools/audit_record.hpp) is valid JSON whatever the inputs' names hold,
// and says which hcert made it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hcert_build_info.hpp"
#include "tools/audit_record.hpp"

namespace hcert::tool {
namespace {

// Reject case for a careless writer: names with bytes that are not UTF-8, control
// characters and quotes must still give a record a JSON parser accepts (nlohmann's parser
// refuses invalid UTF-8), with those bytes visible as \xNN.
TEST(AuditRecord, HostileNamesStayValidJson) {
  check::Report rep;
  rep.outcome = check::Outcome::Incomplete;
  rep.message = "line 3: unsupported rule \xff\x1b[31m\"x\"";
  rep.rules["\xfe" "bad"] = 2;
  rep.holes = {"z3 \x01hole"};
  CheckFacts facts{rep, "p\xff.cnf", "-", "cert", {"", 0}, {"ab", 3}, false, 0.5, 100};
  std::string text = audit_record(facts);
  ASSERT_EQ(text.back(), '\n');
  nlohmann::json j = nlohmann::json::parse(text);  // throws on invalid JSON or UTF-8
  EXPECT_EQ(j["verdict"], "INCOMPLETE");
  EXPECT_EQ(j["exit"], 2);
  EXPECT_EQ(j["message"], "line 3: unsupported rule \\xff\\x1b[31m\"x\"");
  EXPECT_EQ(j["problem"]["path"], "p\\xff.cnf");
  EXPECT_EQ(j["rules"]["\\xfebad"], 2);
  EXPECT_EQ(j["holes"][0], "z3 \\x01hole");
  EXPECT_TRUE(j["statement"].is_null());  // nothing proved
}

TEST(AuditRecord, NamesItsMaker) {
  check::Report rep;
  CheckFacts facts{rep, "p", "q", "", {}, {}, true, 0, 0};
  nlohmann::json j = nlohmann::json::parse(audit_record(facts));
  EXPECT_EQ(j["hcert"]["version"], HCERT_VERSION);
  EXPECT_EQ(j["hcert"]["trusted_sha256"], HCERT_TRUSTED_SHA256);
  EXPECT_EQ(std::string(HCERT_TRUSTED_SHA256).size(), 64u);
  EXPECT_EQ(j["pure"], true);
}

}  // namespace
}  // namespace hcert::tool
