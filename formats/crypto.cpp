#include "formats/crypto.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <fstream>
#include <vector>

namespace hcert::crypto {

namespace {

[[noreturn]] void fail(const std::string& what) {
  unsigned long e = ERR_get_error();
  char buf[256] = "";
  if (e) ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  throw CryptoError(what + (e ? std::string(" (") + buf + ")" : ""));
}

// OpenSSL takes bytes as unsigned char; std::string holds char. (Through void*: the
// project lints every other cast out of code outside the kernel.)
const unsigned char* ubytes(const std::string& s) { return static_cast<const unsigned char*>(static_cast<const void*>(s.data())); }
unsigned char* ubytes(std::string& s) { return static_cast<unsigned char*>(static_cast<void*>(s.data())); }

std::string to_hex(const unsigned char* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) s += digits[p[i] >> 4], s += digits[p[i] & 15];
  return s;
}

std::string read_small_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CryptoError("cannot read key file " + path);
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (s.size() > 64 * 1024) throw CryptoError(path + ": not a key file (over 64 KiB)");
  return s;
}

std::string bio_string(BIO* b) {
  char* p = nullptr;
  long n = BIO_get_mem_data(b, &p);
  return std::string(p, n);
}

}  // namespace

Sha256Stream::Sha256Stream() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) fail("SHA-256 init");
}
Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(ctx_); }
void Sha256Stream::update(const void* data, size_t n) {
  if (n && EVP_DigestUpdate(ctx_, data, n) != 1) fail("SHA-256 update");
}
std::string Sha256Stream::hex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_DigestFinal_ex(ctx_, md, &n) != 1) fail("SHA-256 final");
  return to_hex(md, n);
}

std::string sha256_hex(const std::string& data) {
  Sha256Stream h;
  h.update(data.data(), data.size());
  return h.hex();
}

std::string sha256_file_hex(const std::string& path, uint64_t* size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CryptoError("cannot read " + path);
  Sha256Stream h;
  std::vector<char> buf(1 << 16);
  uint64_t total = 0;
  while (in) {
    in.read(buf.data(), buf.size());
    h.update(buf.data(), in.gcount());
    total += in.gcount();
  }
  if (in.bad()) throw CryptoError("read error in " + path);
  if (size) *size = total;
  return h.hex();
}

std::string base64_encode(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(ubytes(out), ubytes(bytes), static_cast<int>(bytes.size()));
  out.resize(n);
  return out;
}

std::string base64_decode(const std::string& text) {
  // EVP_DecodeBlock skips blanks and does not report padding: check the shape first.
  if (text.size() % 4) throw CryptoError("base64: length " + std::to_string(text.size()) + " is not a multiple of 4");
  size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  for (size_t i = 0; i + pad < text.size(); ++i) {
    char c = text[i];
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (!alpha) throw CryptoError("base64: bad character at offset " + std::to_string(i));
  }
  std::string out(text.size() / 4 * 3 + 1, '\0');
  int n = EVP_DecodeBlock(ubytes(out), ubytes(text), static_cast<int>(text.size()));
  if (n < 0) throw CryptoError("base64: undecodable");
  out.resize(n - pad);
  return out;
}

Key::Key(EVP_PKEY* k) : key_(k, EVP_PKEY_free) {
  if (!k) fail("no key");
  if (EVP_PKEY_id(k) != EVP_PKEY_ED25519) throw CryptoError("not an Ed25519 key");
}

Key Key::generate() {
  EVP_PKEY* k = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (!k) fail("Ed25519 key generation");
  return Key(k);
}

namespace {

// A PEM key file: PKCS#8 private or SubjectPublicKeyInfo public, Ed25519 only.
EVP_PKEY* read_pem(const std::string& path, bool private_key) {
  std::string pem = read_small_file(path);
  std::unique_ptr<BIO, int (*)(BIO*)> b(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  EVP_PKEY* k = private_key ? PEM_read_bio_PrivateKey(b.get(), nullptr, nullptr, nullptr)
                            : PEM_read_bio_PUBKEY(b.get(), nullptr, nullptr, nullptr);
  if (!k) fail(path + (private_key ? ": not a PEM private key" : ": not a PEM public key"));
  if (EVP_PKEY_id(k) != EVP_PKEY_ED25519) {
    EVP_PKEY_free(k);
    throw CryptoError(path + ": not an Ed25519 key");
  }
  return k;
}

}  // namespace

Key Key::read_private(const std::string& path) { return Key(read_pem(path, true)); }
Key Key::read_public(const std::string& path) { return Key(read_pem(path, false)); }

std::string Key::private_pem() const {
  std::unique_ptr<BIO, int (*)(BIO*)> b(BIO_new(BIO_s_mem()), BIO_free);
  if (!PEM_write_bio_PrivateKey(b.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr)) fail("writing the private key");
  return bio_string(b.get());
}

std::string Key::public_pem() const {
  std::unique_ptr<BIO, int (*)(BIO*)> b(BIO_new(BIO_s_mem()), BIO_free);
  if (!PEM_write_bio_PUBKEY(b.get(), key_.get())) fail("writing the public key");
  return bio_string(b.get());
}

std::string Key::keyid() const {
  unsigned char* der = nullptr;
  int n = i2d_PUBKEY(key_.get(), &der);
  if (n <= 0) fail("encoding the public key");
  std::string id = sha256_hex(std::string(der, der + n));
  OPENSSL_free(der);
  return id;
}

std::string Key::sign(const std::string& message) const {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  // Ed25519 signs the message itself (no digest name): RFC 8032, deterministic.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) fail("Ed25519 sign init");
  size_t n = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &n, ubytes(message), message.size()) != 1) fail("Ed25519 sign (is this a private key?)");
  std::string sig(n, '\0');
  if (EVP_DigestSign(ctx.get(), ubytes(sig), &n, ubytes(message), message.size()) != 1)
    fail("Ed25519 sign");
  sig.resize(n);
  return sig;
}

bool Key::verify(const std::string& message, const std::string& signature) const {
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1) fail("Ed25519 verify init");
  int r = EVP_DigestVerify(ctx.get(), ubytes(signature), signature.size(), ubytes(message), message.size());
  ERR_clear_error();
  return r == 1;
}

}  // namespace hcert::crypto
