// libFuzzer: evidence archives (spec/archive.md) read the way `archive verify` opens them
// before any re-check (tools/archive_open.cpp): the tar+zstd stream with its bounds
// (formats/archive.hpp), the manifest's shape (formats/manifest.hpp), the members against
// the manifest, and the DSSE envelope against the manifest and a key (formats/dsse.hpp).
// An input that is not zstd is compressed here first, so that mutations reach the tar
// headers and the JSON inside instead of ending at the zstd frame (seeds: an archive of
// certs/unit-pair, compressed and not).
#include <zstd.h>

#include "formats/archive.hpp"
#include "formats/crypto.hpp"
#include "formats/dsse.hpp"
#include "formats/manifest.hpp"
#include "tests/fuzz/harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hcert;
  static const crypto::Key key = crypto::Key::generate();
  std::string in = fuzz::bytes(data, size);
  if (in.compare(0, 4, "\x28\xb5\x2f\xfd") != 0) {
    std::string z(ZSTD_compressBound(in.size()), '\0');
    z.resize(ZSTD_compress(z.data(), z.size(), in.data(), in.size(), 1));
    in = z;
  }
  archive::Limits limits;  // small bounds: a bomb ends as a limit, not as the fuzzer's OOM
  limits.max_members = 1000;
  limits.max_member_bytes = limits.max_total_bytes = 64u << 20;
  fuzz::survives([&] {
    try {
      std::string manifest, envelope;
      bool has_manifest = false, has_envelope = false;
      auto read = archive::read_archive(fuzz::as_file(in), limits, [&](const std::string& name, uint64_t n) -> archive::ChunkSink {
        std::string* keep = name == archive::kManifestMember ? &manifest : name == archive::kEnvelopeMember ? &envelope : nullptr;
        if (!keep || n > archive::kMaxManifestBytes) return nullptr;
        (keep == &manifest ? has_manifest : has_envelope) = true;
        return [keep](const char* p, size_t k) { keep->append(p, k); };
      });
      if (!has_manifest) return;
      archive::Manifest m = archive::parse_manifest(manifest);
      archive::member_differences(m, read);
      if (has_envelope) archive::check_envelope(envelope, m, &key);
    } catch (const archive::ArchiveError&) {
    } catch (const archive::ManifestError&) {
    } catch (const dsse::EnvelopeError&) {
    }
  });
  return 0;
}
