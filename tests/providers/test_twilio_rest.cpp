#include <doctest/doctest.h>

#include <thread>

#include "fakes/fake_twilio_rest.h"
#include "providers/net/event_loop.h"
#include "providers/twilio_rest.h"
#include "schedule/business.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::fakes::FakeTwilioRest;
using voxdesk::providers::FormValue;
using voxdesk::IsE164;
using voxdesk::providers::TwilioErrorStatus;
using voxdesk::providers::TwilioRest;
using voxdesk::providers::TwilioRestConfig;
using voxdesk::providers::net::EventLoop;

namespace {

const std::string kSid = "AC0123456789abcdef0123456789abcdef";
const std::string kToken = "s3cr3t-token";

struct Rig {
  FakeTwilioRest fake{kSid, kToken};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<TwilioRest> rest;

  explicit Rig(std::string token = kToken) {
    REQUIRE(fake.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    TwilioRestConfig c;
    c.base_url = fake.base_url();
    c.account_sid = kSid;
    c.auth_token = std::move(token);
    c.stream_url = "wss://voxdesk.example/media";
    c.timeout = 300ms;
    c.retry.base = 1ms;
    c.retry.cap = 5ms;
    c.retry.max_retries = 2;
    auto r = TwilioRest::Create(*loop, c);
    REQUIRE(r.ok());
    rest = std::move(r).value();
  }
};

// Waits until the leg's queued commands have been answered.
template <typename Leg>
void Settle(const Leg& leg, int commands) {
  for (int i = 0; i < 500 && leg.completed() < commands; ++i) std::this_thread::sleep_for(5ms);
  REQUIRE(leg.completed() == commands);
}

}  // namespace

TEST_CASE("twilio rest: an SMS is posted as a form with Basic auth and returns its SM sid") {
  Rig rig;
  auto sid = rig.rest->SendSms("+15550100100", "+15550100199",
                               "Your exam is Tuesday at 11:15 — reply C to cancel & more");
  REQUIRE(sid.ok());
  CHECK(sid->starts_with("SM"));
  CHECK(sid->size() == 34);
  auto reqs = rig.fake.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(reqs[0].path == "/2010-04-01/Accounts/" + kSid + "/Messages.json");
  CHECK(*FormValue(reqs[0].form, "Body") ==
        "Your exam is Tuesday at 11:15 — reply C to cancel & more");
  CHECK(*FormValue(reqs[0].form, "To") == "+15550100199");
}

TEST_CASE("twilio rest: bad numbers and bodies are refused before any request") {
  Rig rig;
  CHECK(rig.rest->SendSms("+15550100100", "5550100199", "hi").status().code() ==
        Code::kInvalidArgument);
  CHECK(rig.rest->SendSms("+15550100100", "+05550100199", "hi").status().code() ==
        Code::kInvalidArgument);
  CHECK(rig.rest->SendSms("+15550100100", "+15550100199", "").status().code() ==
        Code::kInvalidArgument);
  CHECK(rig.rest->SendSms("+15550100100", "+15550100199", "\xff").status().code() ==
        Code::kInvalidArgument);
  CHECK(rig.fake.hits() == 0);
  CHECK(IsE164("+442071838750"));
  CHECK_FALSE(IsE164("+1234567890123456"));
  CHECK_FALSE(IsE164("+1-555"));
}

TEST_CASE(
    "twilio rest: Twilio's error body becomes a status a user can act on, without the token") {
  Rig wrong("not-the-token");
  auto st = wrong.rest->SendSms("+15550100100", "+15550100199", "hi").status();
  CHECK(st.code() == Code::kConfig);
  CHECK(st.message().find("20003") != std::string::npos);
  CHECK(st.message().find("not-the-token") == std::string::npos);
  CHECK(
      TwilioErrorStatus(400, R"({"code":21211,"message":"Invalid 'To' Phone Number","status":400})")
          .message() == "Twilio 21211: Invalid 'To' Phone Number (HTTP 400)");
  CHECK(TwilioErrorStatus(400, "<html>").code() == Code::kInvalidArgument);
  CHECK(TwilioErrorStatus(503, "").code() == Code::kUnavailable);
}

TEST_CASE("twilio rest: a 429 is retried, a 500 on a message is not (it could send twice)") {
  Rig rig;
  rig.fake.InjectFault(FakeTwilioRest::Fault::k429, 1);
  CHECK(rig.rest->SendSms("+15550100100", "+15550100199", "first").ok());
  CHECK(rig.fake.hits() == 2);
  rig.fake.InjectFault(FakeTwilioRest::Fault::k500, 1);
  auto st = rig.rest->SendSms("+15550100100", "+15550100199", "second").status();
  CHECK(st.code() == Code::kUnavailable);
  CHECK(st.message().find("20500") != std::string::npos);
  CHECK(rig.fake.hits() == 3);
  CHECK(rig.fake.requests().size() == 1);
}

TEST_CASE("twilio rest: a stalled API times out instead of holding the caller") {
  Rig rig;
  rig.fake.InjectFault(FakeTwilioRest::Fault::kStall, 5);
  auto st = rig.rest->SendSms("+15550100100", "+15550100199", "hello").status();
  CHECK(st.code() == Code::kUnavailable);
}

TEST_CASE("twilio rest: an outbound call runs the TwiML it is given") {
  Rig rig;
  auto sid = rig.rest->CreateCall("+15550100100", "+15550100199",
                                  "<Response><Say>Your appointment is confirmed.</Say></Response>");
  REQUIRE(sid.ok());
  CHECK(sid->starts_with("CA"));
  auto reqs = rig.fake.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(FormValue(reqs[0].form, "Twiml")->find("<Say>") != std::string::npos);
}

TEST_CASE("twilio rest: call commands are queued, sent as TwiML, and refused in the wrong state") {
  Rig rig;
  auto leg = rig.rest->Attach("CA0123456789abcdef0123456789abcdef", /*ringing=*/true);
  REQUIRE(leg.ok());
  auto& call = **leg;
  CHECK(call.Play("https://example.com/hold.mp3").code() == Code::kConflict);  // still ringing
  CHECK(call.Answer().ok());
  CHECK(call.Answer().code() == Code::kConflict);
  CHECK(call.Play("ftp://x").code() == Code::kInvalidArgument);
  CHECK(call.SendDtmf("12x").code() == Code::kInvalidArgument);
  CHECK(call.Transfer("555").code() == Code::kInvalidArgument);
  CHECK(call.Play("https://example.com/hold.mp3").ok());
  CHECK(call.SendDtmf("1w2#").ok());
  CHECK(call.Transfer("+15550100199").ok());
  CHECK(call.Hangup().code() == Code::kConflict);  // transferred: our side has ended
  Settle(call, 3);
  CHECK(call.failures() == 0);
  auto reqs = rig.fake.requests();
  REQUIRE(reqs.size() == 3);
  const std::string* play = FormValue(reqs[0].form, "Twiml");
  REQUIRE(play);
  CHECK(play->find("<Play>https://example.com/hold.mp3</Play>") != std::string::npos);
  CHECK(play->find("wss://voxdesk.example/media") != std::string::npos);  // back to the stream
  CHECK(FormValue(reqs[1].form, "Twiml")->find("digits=\"1w2#\"") != std::string::npos);
  CHECK(FormValue(reqs[2].form, "Twiml")->find("<Number>+15550100199</Number></Dial>") !=
        std::string::npos);
}

TEST_CASE("twilio rest: a failed call command is counted on the leg, and hang-up ends it") {
  Rig rig;
  auto leg = rig.rest->Attach("CA0123456789abcdef0123456789abcdef", /*ringing=*/false);
  REQUIRE(leg.ok());
  auto& call = **leg;
  rig.fake.InjectFault(FakeTwilioRest::Fault::k500, 1);
  CHECK(call.Play("https://example.com/a.mp3").ok());
  Settle(call, 1);
  CHECK(call.failures() == 1);
  CHECK(call.last_error().code() == Code::kUnavailable);
  CHECK(call.Hangup().ok());
  CHECK(call.Hangup().code() == Code::kConflict);
  CHECK(call.SendDtmf("1").code() == Code::kConflict);
  Settle(call, 2);
  auto reqs = rig.fake.requests();
  REQUIRE(reqs.size() == 1);
  CHECK(*FormValue(reqs[0].form, "Status") == "completed");
  CHECK(rig.rest->Attach("CAnope", false).status().code() == Code::kInvalidArgument);
}

TEST_CASE("twilio rest: a malformed account SID or a missing token is a config error") {
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  TwilioRestConfig c;
  c.account_sid = "AC123";
  c.auth_token = "x";
  CHECK(TwilioRest::Create(**loop, c).status().code() == Code::kConfig);
  c.account_sid = kSid;
  c.auth_token.clear();
  unsetenv("TWILIO_AUTH_TOKEN");
  CHECK(TwilioRest::Create(**loop, c).status().code() == Code::kConfig);
}
