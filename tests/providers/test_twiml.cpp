#include <doctest/doctest.h>

#include <string>

#include "providers/twiml.h"

using namespace voxdesk::providers;

namespace {

std::string Render(const std::vector<TwimlVerb>& verbs) {
  auto r = RenderTwiml(verbs);
  REQUIRE_MESSAGE(r.ok(), r.status().message());
  return *r;
}

constexpr const char* kHead = R"(<?xml version="1.0" encoding="UTF-8"?>)";

}  // namespace

TEST_CASE("twiml: a media stream with custom parameters, as a call is answered") {
  CHECK(Render({ConnectStream("wss://voice.example.com/media",
                              {{"tenant", "maple-family"}, {"call", "c&1"}})}) ==
        std::string(kHead) +
            R"(<Response><Connect><Stream url="wss://voice.example.com/media">)"
            R"(<Parameter name="tenant" value="maple-family"/>)"
            R"(<Parameter name="call" value="c&amp;1"/></Stream></Connect></Response>)");
}

TEST_CASE("twiml: say, gather, dial, record, pause, redirect and hang up") {
  GatherOptions g;
  g.action = "/gather?x=1&y=2";
  g.num_digits = 1;
  g.hints = "cleaning, exam";
  DialOptions d;
  d.caller_id = "+15550100100";
  CHECK(Render({Say("Bright Smile <Dental> & \"Co\"", "Polly.Joanna", "en-US"),
                Gather(g, {Say("Press 1 to book."), Pause(1)}), Dial("+15550100199", d), Record(),
                Redirect("/next"), Hangup()}) ==
        std::string(kHead) +
            R"(<Response><Say voice="Polly.Joanna" language="en-US">)"
            R"(Bright Smile &lt;Dental&gt; &amp; &quot;Co&quot;</Say>)"
            R"(<Gather input="dtmf speech" action="/gather?x=1&amp;y=2" timeout="5" numDigits="1" )"
            R"(hints="cleaning, exam"><Say>Press 1 to book.</Say><Pause length="1"/></Gather>)"
            R"(<Dial callerId="+15550100100" timeout="30"><Number>+15550100199</Number></Dial>)"
            R"(<Record maxLength="120" timeout="5" playBeep="true"/>)"
            R"(<Redirect method="POST">/next</Redirect><Hangup/></Response>)");
  CHECK(Render({Dial("sip:front-desk@pbx.example.com")})
            .find("<Sip>sip:front-desk@pbx.example.com</Sip>") != std::string::npos);
  CHECK(Render({}) == std::string(kHead) + "<Response></Response>");
}

TEST_CASE("twiml: what Twilio would refuse at call time is refused here, naming the verb") {
  const struct {
    std::vector<TwimlVerb> verbs;
    const char* says;
  } bad[] = {
      {{Say("ok"), Gather({}, {Dial("+15550100199")})}, "Response[1].Gather: Gather may hold"},
      {{ConnectStream("ws://insecure.example.com/media")}, "wss://"},
      {{ConnectStream("https://example.com/media")}, "wss://"},
      {{Dial("555-0199")}, "not an E.164 number"},
      {{Say("bad \xC3( utf8")}, "not valid UTF-8"},
      {{Say("bell \x07")}, "control character"},
      {{ConnectStream("wss://x.example.com/m", {{"tenant", "a\x01"}})}, "control character"},
  };
  for (const auto& b : bad) {
    auto r = RenderTwiml(b.verbs);
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.status().message().find(b.says) != std::string::npos, r.status().message());
  }
  // Tabs and newlines are fine in text.
  CHECK(RenderTwiml({Say("line one\nline\ttwo")}).ok());
}
