#include <doctest/doctest.h>

#include <string>

#include "providers/form_urlencoded.h"

using namespace voxdesk::providers;

TEST_CASE("form: a Twilio voice webhook body decodes to its fields in order") {
  auto f = ParseForm(
      "AccountSid=AC0123&CallSid=CAabc&From=%2B15550100123&To=%2B15550100199&CallStatus=ringing"
      "&CallerName=Jos%C3%A9+N%C3%BA%C3%B1ez+%26+Co&SpeechResult=next+tuesday+at+10%2C+please%21");
  REQUIRE(f.ok());
  REQUIRE(f->size() == 7);
  CHECK((*f)[0] == std::pair<std::string, std::string>{"AccountSid", "AC0123"});
  CHECK(*FormValue(*f, "From") == "+15550100123");
  CHECK(*FormValue(*f, "CallerName") == "José Núñez & Co");
  CHECK(*FormValue(*f, "SpeechResult") == "next tuesday at 10, please!");
  CHECK(FormValue(*f, "Digits") == nullptr);
}

TEST_CASE("form: empty fields, a missing '=' and repeated names are kept as the standard says") {
  auto f = ParseForm("a=1&&b&a=2&c=&");
  REQUIRE(f.ok());
  REQUIRE(f->size() == 4);
  CHECK((*f)[1] == std::pair<std::string, std::string>{"b", ""});
  CHECK((*f)[2] == std::pair<std::string, std::string>{"a", "2"});
  CHECK(*FormValue(*f, "a") == "1");  // the first value
  CHECK(ParseForm("")->empty());
}

TEST_CASE("form: malformed escapes, bad UTF-8, NUL, empty names and oversize bodies are refused") {
  const struct {
    const char* body;
    const char* says;
  } bad[] = {
      {"a=%", "two-digit hex escape"},
      {"a=%4", "two-digit hex escape"},
      {"a=%zz", "two-digit hex escape"},
      {"a=%C3%28", "not valid UTF-8"},
      {"a=%00b", "NUL"},
      {"=x", "empty name"},
      {"ok=1&n%FF=2", "field 2 name"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.body);
    auto f = ParseForm(b.body);
    REQUIRE_FALSE(f.ok());
    CHECK(f.status().message().find(b.says) != std::string::npos);
  }
  FormLimits small;
  small.max_body_bytes = 8;
  CHECK_FALSE(ParseForm("a=123456789", small).ok());
  small = {};
  small.max_params = 2;
  CHECK(ParseForm("a=1&b=2", small).ok());
  CHECK_FALSE(ParseForm("a=1&b=2&c=3", small).ok());
}

TEST_CASE("form: encoding round-trips and escapes as Twilio's SDKs do") {
  CHECK(FormEscape("Hi there, +1 (555) & ü*-._~") ==
        "Hi+there%2C+%2B1+%28555%29+%26+%C3%BC*-._%7E");
  FormParams p = {{"To", "+15550100123"}, {"Body", "Tue 10:00 — see you!"}, {"e", ""}};
  const std::string body = EncodeForm(p);
  CHECK(body == "To=%2B15550100123&Body=Tue+10%3A00+%E2%80%94+see+you%21&e=");
  auto back = ParseForm(body);
  REQUIRE(back.ok());
  CHECK(*back == p);
}
