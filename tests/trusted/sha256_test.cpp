// SHA-256 against the known answers of FIPS 180-4's examples (and the empty message), in
// one piece and fed in uneven pieces (the streaming path every reader uses).
#include <gtest/gtest.h>

#include <string>

#include "trusted/sha256.hpp"

namespace hcert {
namespace {

struct Known {
  std::string message;
  const char* digest;
};

std::vector<Known> known_answers() {
  return {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
}

TEST(Sha256, KnownAnswersWhole) {
  for (const Known& k : known_answers()) EXPECT_EQ(sha256_hex(k.message), k.digest) << k.message.size() << " bytes";
}

TEST(Sha256, KnownAnswersInPieces) {
  for (const Known& k : known_answers()) {
    Sha256 h;
    size_t at = 0, piece = 1;
    while (at < k.message.size()) {
      size_t n = std::min(piece, k.message.size() - at);
      h.update(k.message.data() + at, n);
      at += n;
      piece = piece * 3 % 1000 + 1;  // 1, 4, 13, 40, ...: crosses 64-byte blocks unevenly
    }
    EXPECT_EQ(h.hex(), k.digest) << k.message.size() << " bytes";
  }
}

// A wrong digest must not pass: one changed byte changes it.
TEST(Sha256, OneByteChangesTheDigest) {
  EXPECT_NE(sha256_hex("abd"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, UpdateAfterFinishIsRefused) {
  Sha256 h;
  h.update("abc", 3);
  h.hex();
  EXPECT_THROW(h.update("d", 1), std::logic_error);
}

}  // namespace
}  // namespace hcert
