#include <doctest/doctest.h>

#include "providers/twilio_webhook.h"
#include "providers/webhook_signature.h"

using namespace voxdesk::providers;

namespace {

const char* kCall = "CAabcdef0123456789abcdef0123456789";
const char* kAccount = "AC0123456789abcdef0123456789abcdef";

FormParams Incoming() {
  return {{"AccountSid", kAccount},    {"CallSid", kCall},        {"From", "+15550100123"},
          {"To", "+15550100199"},      {"CallStatus", "ringing"}, {"Direction", "inbound"},
          {"ApiVersion", "2010-04-01"}};
}

}  // namespace

TEST_CASE("twilio webhook: an incoming call and its completion callback") {
  auto w = ParseTwilioCallWebhook(Incoming());
  REQUIRE(w.ok());
  CHECK(w->call_sid == kCall);
  CHECK(w->account_sid == kAccount);
  CHECK(w->from == "+15550100123");
  CHECK(w->to == "+15550100199");
  CHECK(w->status == TwilioCallStatus::kRinging);
  CHECK(w->direction == "inbound");
  CHECK(w->duration_s == -1);
  CHECK(w->confidence == -1);

  FormParams done = Incoming();
  done[4].second = "completed";
  done.emplace_back("CallDuration", "73");
  auto c = ParseTwilioCallWebhook(done);
  REQUIRE(c.ok());
  CHECK(c->status == TwilioCallStatus::kCompleted);
  CHECK(c->duration_s == 73);
  CHECK(std::string(TwilioCallStatusName(c->status)) == "completed");
}

TEST_CASE("twilio webhook: gather results and a withheld caller") {
  FormParams f = Incoming();
  f[2].second = "anonymous";
  f[4].second = "in-progress";
  f.emplace_back("Digits", "1#");
  f.emplace_back("SpeechResult", "next tuesday at ten");
  f.emplace_back("Confidence", "0.87");
  auto w = ParseTwilioCallWebhook(f);
  REQUIRE(w.ok());
  CHECK(w->from.empty());
  CHECK(w->digits == "1#");
  CHECK(w->speech == "next tuesday at ten");
  CHECK(w->confidence == doctest::Approx(0.87));
}

TEST_CASE("twilio webhook: forged or corrupted fields are refused, naming the field") {
  const struct {
    const char* field;
    const char* value;
    const char* says;
  } bad[] = {
      {"CallSid", "CA123", "CallSid"},
      {"CallSid", "XXabcdef0123456789abcdef0123456789", "CallSid"},
      {"AccountSid", "AC0123456789abcdef0123456789abcdeg", "AccountSid"},
      {"CallStatus", "exploded", "CallStatus: unknown"},
      {"CallDuration", "12s", "CallDuration"},
      {"CallDuration", "-4", "CallDuration"},
      {"Digits", "12;drop", "Digits"},
      {"Confidence", "1.5", "Confidence"},
      {"Confidence", "high", "Confidence"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.field);
    CAPTURE(b.value);
    FormParams f = Incoming();
    bool replaced = false;
    for (auto& [n, v] : f) {
      if (n == b.field) {
        v = b.value;
        replaced = true;
      }
    }
    if (!replaced) f.emplace_back(b.field, b.value);
    auto w = ParseTwilioCallWebhook(f);
    REQUIRE_FALSE(w.ok());
    CHECK(w.status().message().find(b.says) != std::string::npos);
  }
  FormParams no_status = Incoming();
  no_status.erase(no_status.begin() + 4);
  CHECK(ParseTwilioCallWebhook(no_status).status().message() == "CallStatus: missing");
  CHECK_FALSE(ParseTwilioCallWebhook({}).ok());
}

TEST_CASE("twilio webhook: SMS status callbacks") {
  auto m = ParseTwilioMessageStatus({{"MessageSid", "SM0123456789abcdef0123456789abcdef"},
                                     {"AccountSid", kAccount},
                                     {"MessageStatus", "undelivered"},
                                     {"ErrorCode", "30003"}});
  REQUIRE(m.ok());
  CHECK(m->status == "undelivered");
  CHECK(m->error_code == 30003);
  CHECK_FALSE(ParseTwilioMessageStatus({{"MessageSid", "SM0123456789abcdef0123456789abcdef"},
                                        {"AccountSid", kAccount},
                                        {"MessageStatus", "vanished"}})
                  .ok());
  CHECK_FALSE(ParseTwilioMessageStatus(
                  {{"MessageSid", kCall}, {"AccountSid", kAccount}, {"MessageStatus", "sent"}})
                  .ok());
}

TEST_CASE("webhook signature: signed with time and body, verified within the window only") {
  const std::string body = R"({"id":"evt_1","type":"booking.created"})";
  const std::string header = SignWebhook("whsec_test", 1772460000, body);
  // HMAC-SHA256("whsec_test", "1772460000." + body), computed independently
  // (Python: hmac.new(b"whsec_test", b"1772460000." + body, "sha256")).
  CHECK(header ==
        "t=1772460000,v1=cfcd1afb4d0427a00bf5923f9b13b1a7143a506848a785778b7f10ee1d0c373d");
  CHECK(VerifyWebhook("whsec_test", header, body, 1772460000).ok());
  CHECK(VerifyWebhook("whsec_test", header, body, 1772460000 + 300).ok());
  CHECK(VerifyWebhook("whsec_test", header, body, 1772460000 - 300).ok());
  auto stale = VerifyWebhook("whsec_test", header, body, 1772460000 + 301);
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.message().find("outside") != std::string::npos);
  CHECK_FALSE(VerifyWebhook("whsec_other", header, body, 1772460000).ok());
  CHECK_FALSE(VerifyWebhook("whsec_test", header, body + " ", 1772460000).ok());
  // The timestamp is signed too: moving it forward breaks the signature.
  std::string moved = header;
  moved.replace(2, 10, "1772460100");
  CHECK_FALSE(VerifyWebhook("whsec_test", moved, body, 1772460100).ok());
  // Rotation: any of several v1 entries may match; unknown schemes are ignored.
  const std::string rotated = header + ",v1=00ff,v0=legacy";
  CHECK(VerifyWebhook("whsec_test", "t=1772460000, v1=00ff, " + header.substr(13) + ",v9=x", body,
                      1772460000)
            .ok());
  CHECK(VerifyWebhook("whsec_test", rotated, body, 1772460000).ok());
  CHECK_FALSE(VerifyWebhook("whsec_test", "", body, 1772460000).ok());
  CHECK_FALSE(VerifyWebhook("whsec_test", "t=abc,v1=00", body, 1772460000).ok());
  CHECK_FALSE(VerifyWebhook("whsec_test", "t=1772460000", body, 1772460000).ok());
  CHECK_FALSE(VerifyWebhook("whsec_test", "garbage", body, 1772460000).ok());
}
