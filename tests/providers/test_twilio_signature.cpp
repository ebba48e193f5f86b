// Vectors 1 and 2 are ../shared/protocols/twilio.md's; the rest were
// computed with the official twilio npm package (v5,
// getExpectedTwilioSignature / validateRequest), so these tests compare
// against Twilio's own implementation, not against this one.
#include <doctest/doctest.h>

#include "providers/crypto.h"
#include "providers/twilio_signature.h"

using namespace voxdesk::providers;

namespace {

const FormParams kVector1Params = {{"CallSid", "CA1234567890ABCDE"},
                                   {"Caller", "+12349013030"},
                                   {"Digits", "1234"},
                                   {"From", "+12349013030"},
                                   {"To", "+18005551212"}};
const char* kVector1Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

}  // namespace

TEST_CASE("twilio signature: the official form vector") {
  CHECK(TwilioSignature("12345", kVector1Url, kVector1Params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  CHECK(
      ValidateTwilioSignature("12345", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", kVector1Url, kVector1Params)
          .ok());
  // Parameter order on the wire does not matter: they are sorted by name.
  FormParams shuffled(kVector1Params.rbegin(), kVector1Params.rend());
  CHECK(TwilioSignature("12345", kVector1Url, shuffled) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
}

TEST_CASE("twilio signature: more vectors from the official SDK") {
  CHECK(TwilioSignature("secret-token", "https://voice.example.com/twilio/voice", {}) ==
        "eiIZ2wcm2OYxT6f4/nwJfwzXPRo=");
  CHECK(TwilioSignature("secret-token", "https://voice.example.com:443/twilio/voice",
                        {{"AccountSid", "AC0123456789abcdef0123456789abcdef"},
                         {"CallSid", "CAabcdef0123456789abcdef0123456789"},
                         {"From", "+15550100123"},
                         {"To", "+15550100199"},
                         {"CallStatus", "ringing"},
                         {"Direction", "inbound"},
                         {"CallerName", "José Ñúñez & Co <x>"}}) == "fpWiwmgYtbhH7oW+OyKg0O1iS1Y=");
  // Names sort byte-wise: upper case before lower, '_' between them.
  CHECK(TwilioSignature("secret-token", "http://localhost:8080/voice?tenant=maple+family",
                        {{"SpeechResult", "next tuesday at 10, please!"},
                         {"Confidence", "0.91"},
                         {"b", "2"},
                         {"B", "1"},
                         {"a_b", "x"},
                         {"ab", "y"}}) == "XaS7mAk5CiS8UHFwBgOHowh0bhM=");
  // A repeated name is signed once per distinct value, values sorted.
  CHECK(TwilioSignature("tok", "https://example.com/v", {{"To", "+2"}, {"A", "x"}, {"To", "+1"}}) ==
        "LUlA91G212zH1h/2lkSuqMr7/gk=");
  CHECK(TwilioSignature("tok", "https://example.com/v",
                        {{"To", "+2"}, {"A", "x"}, {"To", "+1"}, {"To", "+2"}}) ==
        "LUlA91G212zH1h/2lkSuqMr7/gk=");
}

TEST_CASE("twilio signature: the URL may differ from the signed one by its default port only") {
  const FormParams p = {{"CallSid", "CA1"}};
  const std::string plain = TwilioSignature("tok", "https://example.com/voice", p);
  const std::string ported = TwilioSignature("tok", "https://example.com:443/voice", p);
  CHECK(plain != ported);
  CHECK(ValidateTwilioSignature("tok", plain, "https://example.com:443/voice", p).ok());
  CHECK(ValidateTwilioSignature("tok", ported, "https://example.com/voice", p).ok());
  CHECK(ValidateTwilioSignature("tok", TwilioSignature("tok", "http://example.com/voice", p),
                                "http://example.com:80/voice", p)
            .ok());
  // As in the SDKs, a request on another port matches a signature of the
  // URL without any port (a proxy in front), but not the other way round.
  CHECK(ValidateTwilioSignature("tok", plain, "https://example.com:8443/voice", p).ok());
  const std::string on_8443 = TwilioSignature("tok", "https://example.com:8443/voice", p);
  CHECK_FALSE(ValidateTwilioSignature("tok", on_8443, "https://example.com/voice", p).ok());
  // Another host or another path is another URL.
  CHECK_FALSE(ValidateTwilioSignature("tok", plain, "https://example.org/voice", p).ok());
  CHECK_FALSE(ValidateTwilioSignature("tok", plain, "https://example.com/voice2", p).ok());
}

TEST_CASE("twilio signature: any change to token, URL, parameters or signature is refused") {
  const char* sig = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
  CHECK_FALSE(ValidateTwilioSignature("12346", sig, kVector1Url, kVector1Params).ok());
  CHECK_FALSE(ValidateTwilioSignature("12345", sig, "https://mycompany.com/myapp.php?foo=1&bar=3",
                                      kVector1Params)
                  .ok());
  FormParams changed = kVector1Params;
  changed[2].second = "1235";
  CHECK_FALSE(ValidateTwilioSignature("12345", sig, kVector1Url, changed).ok());
  FormParams added = kVector1Params;
  added.emplace_back("Extra", "");
  CHECK_FALSE(ValidateTwilioSignature("12345", sig, kVector1Url, added).ok());
  CHECK_FALSE(
      ValidateTwilioSignature("12345", "0/KCTR6DLpKmkAf8muzZqo1nDgQ", kVector1Url, kVector1Params)
          .ok());
  auto missing = ValidateTwilioSignature("12345", "", kVector1Url, kVector1Params);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.message() == "X-Twilio-Signature: missing");
  // The token never appears in what a log would show.
  auto wrong = ValidateTwilioSignature("s3cr3t-tok3n", sig, kVector1Url, kVector1Params);
  CHECK(wrong.message().find("s3cr3t") == std::string::npos);
}

TEST_CASE("twilio signature: the official JSON-body vector, and a body that does not match") {
  const std::string body = R"({"property":"value","boolean":true})";
  CHECK(HexLower(Sha256(body)) ==
        "d5729c000e5de6b3a10698fec78d482db85d744f1be820d1382b6bda1cfb7795");
  const std::string url =
      "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256="
      "d5729c000e5de6b3a10698fec78d482db85d744f1be820d1382b6bda1cfb7795";
  CHECK(TwilioSignature("12345", url, {}) == "cw/F1H7TQOSHvvwJMI1fx6+2WjA=");
  CHECK(ValidateTwilioBodySignature("12345", "cw/F1H7TQOSHvvwJMI1fx6+2WjA=", url, body).ok());
  auto tampered =
      ValidateTwilioBodySignature("12345", "cw/F1H7TQOSHvvwJMI1fx6+2WjA=", url, body + " ");
  REQUIRE_FALSE(tampered.ok());
  CHECK(tampered.message().find("bodySHA256") != std::string::npos);
  CHECK_FALSE(ValidateTwilioBodySignature("12345", "cw/F1H7TQOSHvvwJMI1fx6+2WjA=",
                                          "https://mycompany.com/myapp.php?foo=1&bar=2", body)
                  .ok());
}

TEST_CASE("crypto: HMAC-SHA256 and constant-time comparison behave as specified") {
  // RFC 4231 test case 2.
  CHECK(HexLower(HmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 2202 test case 2.
  CHECK(HexLower(HmacSha1("Jefe", "what do ya want for nothing?")) ==
        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  CHECK(ConstantTimeEqual("abc", "abc"));
  CHECK_FALSE(ConstantTimeEqual("abc", "abd"));
  CHECK_FALSE(ConstantTimeEqual("abc", "abcd"));
  CHECK(ConstantTimeEqual("", ""));
}
