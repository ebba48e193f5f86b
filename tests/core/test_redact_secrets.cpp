#include "redact_rows.h"

using namespace voxdesk;
using namespace voxdesk::testing;

TEST_CASE("Bearer tokens keep the scheme word and lose the token") {
  CheckRows({
      {"Bearer xyz", "Bearer [redacted:secret]"},
      {"Authorization: Bearer eyJhbGciOi.abc-_~+/def==", "Authorization: Bearer [redacted:secret]"},
      {"BEARER abc123 next", "BEARER [redacted:secret] next"},
      {"header bearer abcdefghijklmnop1234", "header bearer [redacted:secret]"},
      {"the bearer of bad news", "the bearer of bad news"},
  });
}

TEST_CASE("Secrets after a secret key are redacted in key=value and key: value forms") {
  CheckRows({
      {"password: hunter2", "password: [redacted:secret]"},
      {"token=abc123&x=1", "token=[redacted:secret]&x=1"},
      {"api_key=AbC123, retrying", "api_key=[redacted:secret], retrying"},
      {"x-api-key: k-9f8e7d", "x-api-key: [redacted:secret]"},
      {"Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [redacted:secret]"},
      {"Authorization: Token tok_123", "Authorization: Token [redacted:secret]"},
      {"secret='s3 cr3t' ok", "secret='[redacted:secret]' ok"},
      {"X-Twilio-Signature: 0a1b2c3d=", "X-Twilio-Signature: [redacted:secret]"},
  });
}

TEST_CASE("PII keys in key=value and quoted forms hide the value") {
  CheckRows({
      {"name=Ana&service=cleaning", "name=[redacted:name]&service=cleaning"},
      {R"({"name":"Ana Ruiz","phone": 15550100199, "staff":"lee"})",
       R"({"name":"[redacted:name]","phone": "[redacted:phone]", "staff":"lee"})"},
      {R"({"customer_name" : "Ana \"Annie\" Ruiz"})", R"({"customer_name" : "[redacted:name]"})"},
      {R"({"phone": null})", R"({"phone": null})"},
      {"to: the front desk", "to: the front desk"},
      {"from: the caller", "from: the caller"},
  });
}

TEST_CASE("Secrets in URLs: userinfo and sensitive query parameters") {
  CheckRows({
      {"GET https://api.example.com/v1/x?token=abc&key=k1&api_key=z&sig=s&password=p&ok=1",
       "GET https://api.example.com/v1/x?token=[redacted:secret]&key=[redacted:secret]"
       "&api_key=[redacted:secret]&sig=[redacted:secret]&password=[redacted:secret]&ok=1"},
      {"https://user:pass@host.example.com:8443/path",
       "https://[redacted:secret]@host.example.com:8443/path"},
      {"postgres://app:s3cret@db:5432/voxdesk?sslmode=require",
       "postgres://[redacted:secret]@db:5432/voxdesk?sslmode=require"},
      {"cb https://h.example.com/cb#access_token=xyz&token_type=bearer.",
       "cb https://h.example.com/cb#access_token=[redacted:secret]&token_type=bearer."},
      {"wss://media.example.com/stream?X-Amz-Signature=abcd&X-Amz-Date=20260309T100000Z",
       "wss://media.example.com/stream?X-Amz-Signature=[redacted:secret]"
       "&X-Amz-Date=20260309T100000Z"},
  });
}

TEST_CASE("PII inside URLs is found after percent-decoding") {
  CheckRows({
      {"https://h.example.com/q?to=%2B15550100199&q=hello",
       "https://h.example.com/q?to=[redacted:phone]&q=hello"},
      {"https://h.example.com/q?callback=%2B15550100199&q=hello",
       "https://h.example.com/q?callback=[redacted:phone]&q=hello"},
      {"https://h.example.com/customers/15550100199/bookings",
       "https://h.example.com/customers/[redacted:phone]/bookings"},
      {"https://h.example.com/find?who=ana%40example.com",
       "https://h.example.com/find?who=[redacted:email]"},
      {"https://h.example.com/a%20b?q=x%20y", "https://h.example.com/a%20b?q=x%20y"},
  });
}

TEST_CASE("Well-known credential shapes are redacted without a key") {
  CheckRows({
      {"jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl done", "jwt [redacted:secret] done"},
      {"sk-abcdefghijklmnop1234567", "[redacted:secret]"},
      {"used sk_live_abcdefghijklmnopqrst.", "used [redacted:secret]."},
      {"AKIAIOSFODNN7EXAMPLE", "[redacted:secret]"},
      {"xoxb-1234567890-abcdefghij", "[redacted:secret]"},
      {"ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[redacted:secret]"},
      {"sk-learn and AKIA alone", "sk-learn and AKIA alone"},
  });
}

TEST_CASE("RedactSecret replaces every occurrence of one known secret") {
  CHECK(RedactSecret("key sk-1 and sk-1 again", "sk-1") ==
        "key [redacted:secret] and [redacted:secret] again");
  // A key the free-text scanner has no pattern for is still caught.
  CHECK(RedactSecret("Incorrect API key provided: 0a1b2c3d", "0a1b2c3d") ==
        "Incorrect API key provided: [redacted:secret]");
  CHECK(RedactSecret("nothing here", "sk-1") == "nothing here");
  CHECK(RedactSecret("empty secret", "") == "empty secret");
}
