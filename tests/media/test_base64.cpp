#include <doctest/doctest.h>

#include <array>
#include <string>

#include "media/base64.h"

using namespace voxdesk::media;

namespace {
std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}
std::string Text(const std::vector<uint8_t>& v) {
  return {v.begin(), v.end()};
}
}  // namespace

TEST_CASE("base64: RFC 4648 section 10 test vectors encode and decode") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (auto [plain, encoded] : vectors) {
    CHECK(Base64Encode(Bytes(plain)) == encoded);
    auto d = Base64Decode(encoded);
    REQUIRE_MESSAGE(d.ok(), d.status().message());
    CHECK(Text(*d) == plain);
  }
}

TEST_CASE("base64: every byte value round-trips through the buffer variants") {
  std::array<uint8_t, 256> all{};
  for (int i = 0; i < 256; ++i) all[i] = static_cast<uint8_t>(i);
  for (size_t n = 0; n <= all.size(); n += 7) {
    std::array<char, Base64EncodedSize(256)> text{};
    auto e = Base64Encode(std::span<const uint8_t>(all.data(), n), text);
    REQUIRE(e.ok());
    CHECK(*e == Base64EncodedSize(n));
    std::array<uint8_t, 256> back{};
    auto d = Base64Decode(std::string_view(text.data(), *e), back);
    REQUIRE_MESSAGE(d.ok(), d.status().message());
    REQUIRE(*d == n);
    CHECK(std::equal(all.begin(), all.begin() + n, back.begin()));
  }
}

TEST_CASE("base64: non-canonical or corrupt input is rejected with a reason") {
  const std::pair<const char*, const char*> bad[] = {
      {"Zg=", "multiple of 4"},
      {"Zm9", "multiple of 4"},
      {"Zm9v!A==", "invalid character '!'"},
      {"Zm 9", "invalid character ' '"},
      {"Zm=v", "padding before the end"},
      {"Z===", "padding before the end"},
      {"====", "padding before the end"},
      {"Zh==", "non-zero bits"},
      {"Zm9=", "non-zero bits"},
      {"Zm9v\nYg==", "multiple of 4"},
      {"Zm-_", "invalid character '-'"},
      {"Zm8=Zm8=", "padding before the end"},
  };
  for (auto [text, reason] : bad) {
    auto d = Base64Decode(text);
    REQUIRE_MESSAGE(!d.ok(), "accepted: " << text);
    CHECK(d.status().code() == voxdesk::Code::kInvalidArgument);
    CHECK_MESSAGE(d.status().message().find(reason) != std::string::npos,
                  text << " -> " << d.status().message());
  }
  auto ctl = Base64Decode(std::string_view("Zm9\x01", 4));
  REQUIRE_FALSE(ctl.ok());
  CHECK(ctl.status().message().find("byte 0x01") != std::string::npos);
}

TEST_CASE("base64: buffer variants report a short output buffer instead of writing past it") {
  std::array<char, 3> small{};
  CHECK_FALSE(Base64Encode(Bytes("foo"), small).ok());
  std::array<uint8_t, 2> out{};
  auto d = Base64Decode("Zm9v", out);
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().message().find("need 3") != std::string::npos);
  CHECK(Base64Decode("Zm8=", out).ok());
}
