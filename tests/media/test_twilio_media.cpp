#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "media/base64.h"
#include "media/twilio_media.h"

using namespace voxdesk::media;

namespace {

// A real 20 ms frame: 160 bytes of mu-law silence (0xFF) as Twilio sends it.
std::string SilencePayload() {
  std::vector<uint8_t> b(160, 0xFF);
  return Base64Encode(b);
}

TwilioInbound Parse(std::string_view text) {
  TwilioInbound m;
  auto st = ParseTwilioMessage(text, m);
  REQUIRE_MESSAGE(st.ok(), text << " -> " << st.message());
  return m;
}

std::string Error(std::string_view text) {
  TwilioInbound m;
  auto st = ParseTwilioMessage(text, m);
  REQUIRE_MESSAGE(!st.ok(), "accepted: " << text);
  CHECK(st.code() == voxdesk::Code::kInvalidArgument);
  return st.message();
}

}  // namespace

TEST_CASE("twilio media: the protocol document's inbound examples parse") {
  auto c = Parse(R"({"event":"connected","protocol":"Call","version":"1.0.0"})");
  CHECK(c.event == TwilioEvent::kConnected);
  CHECK(c.protocol == "Call");
  CHECK(c.version == "1.0.0");
  CHECK_FALSE(c.has_sequence_number);

  auto s = Parse(R"({"event":"start","sequenceNumber":"1","streamSid":"MZ...",
 "start":{"accountSid":"AC...","streamSid":"MZ...","callSid":"CA...",
          "tracks":["inbound"],
          "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},
          "customParameters":{"tenant":"maple-family"}}})");
  CHECK(s.event == TwilioEvent::kStart);
  CHECK(s.sequence_number == 1);
  CHECK(s.stream_sid == "MZ...");
  CHECK(s.account_sid == "AC...");
  CHECK(s.call_sid == "CA...");
  CHECK(s.tracks == std::vector<std::string>{"inbound"});
  CHECK(s.media_format.encoding == "audio/x-mulaw");
  CHECK(s.media_format.sample_rate == 8000);
  CHECK(s.media_format.channels == 1);
  REQUIRE(s.custom_parameters.size() == 1);
  CHECK(s.custom_parameters[0].first == "tenant");
  CHECK(s.custom_parameters[0].second == "maple-family");

  auto d = Parse(
      R"({"event":"dtmf","sequenceNumber":"9","streamSid":"MZ...","dtmf":{"track":"inbound_track","digit":"1"}})");
  CHECK(d.event == TwilioEvent::kDtmf);
  CHECK(d.sequence_number == 9);
  CHECK(d.digit == '1');
  CHECK(d.track == "inbound_track");

  auto k = Parse(
      R"({"event":"mark","sequenceNumber":"12","streamSid":"MZ...","mark":{"name":"prompt-3"}})");
  CHECK(k.event == TwilioEvent::kMark);
  CHECK(k.mark_name == "prompt-3");

  auto t = Parse(
      R"({"event":"stop","sequenceNumber":"40","streamSid":"MZ...","stop":{"accountSid":"AC...","callSid":"CA..."}})");
  CHECK(t.event == TwilioEvent::kStop);
  CHECK(t.sequence_number == 40);
  CHECK(t.call_sid == "CA...");
}

TEST_CASE("twilio media: a media message decodes its payload, and the placeholder is not base64") {
  const std::string msg = R"({"event":"media","sequenceNumber":"3","streamSid":"MZ...",
 "media":{"track":"inbound","chunk":"2","timestamp":"40","payload":")" +
                          SilencePayload() + R"("}})";
  auto m = Parse(msg);
  CHECK(m.event == TwilioEvent::kMedia);
  CHECK(m.sequence_number == 3);
  CHECK(m.track == "inbound");
  CHECK(m.chunk == 2);
  CHECK(m.timestamp_ms == 40);
  REQUIRE(m.payload().size() == 160);
  CHECK(m.payload()[0] == 0xFF);
  CHECK(m.payload()[159] == 0xFF);

  auto e = Error(R"({"event":"media","sequenceNumber":"3","streamSid":"MZ...",
 "media":{"track":"inbound","chunk":"2","timestamp":"40","payload":"<base64 mu-law>"}})");
  CHECK_MESSAGE(e.find("media.payload: base64:") != std::string::npos, e);
}

TEST_CASE("twilio media: one message object is reused without stale fields") {
  TwilioInbound m;
  REQUIRE(ParseTwilioMessage(
              R"({"event":"mark","sequenceNumber":"5","streamSid":"MZ1","mark":{"name":"a"}})", m)
              .ok());
  REQUIRE(ParseTwilioMessage(R"({"event":"stop","sequenceNumber":"6","streamSid":"MZ1"})", m).ok());
  CHECK(m.event == TwilioEvent::kStop);
  CHECK(m.mark_name.empty());
  CHECK(m.payload_size == 0);
}

TEST_CASE("twilio media: malformed messages are rejected with field-precise reasons") {
  const std::string p = SilencePayload();
  const std::pair<std::string, std::string> bad[] = {
      {R"({"event":"media")", "malformed JSON"},
      {"", "malformed JSON"},
      {"[1,2]", "message is an array, not an object"},
      {"\"media\"", "message is a string, not an object"},
      {"17", "message is a number, not an object"},
      {R"({"protocol":"Call"})", "event: missing"},
      {R"({"event":"hangup","sequenceNumber":"1","streamSid":"MZ"})",
       "event: \"hangup\" is not a Twilio event"},
      {R"({"event":7})", "event: expected a string, got a number"},
      {R"({"event":"connected"})", "protocol: missing"},
      {R"({"event":"media","sequenceNumber":3,"streamSid":"MZ","media":{}})",
       "sequenceNumber: expected a string of decimal digits, got a number"},
      {R"({"event":"media","sequenceNumber":"-3","streamSid":"MZ","media":{}})",
       "sequenceNumber: \"-3\" is not a decimal number"},
      {R"({"event":"media","sequenceNumber":"99999999999999999999","streamSid":"MZ"})",
       "is not a decimal number"},
      {R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":{"track":"inbound","chunk":"1","timestamp":"20"}})",
       "media.payload: missing"},
      {R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":"x"})",
       "media: expected an object, got a string"},
      {R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":{"track":"inbound","chunk":"1","timestamp":"20","payload":null}})",
       "media.payload: expected a string, got null"},
      {R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":{"track":"inbound","chunk":"1","timestamp":"20","payload":""}})",
       "media.payload: empty"},
      {R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":{"track":"inbound","chunk":"1","timestamp":"20","payload":")" +
           std::string(4000, 'A') + R"("}})",
       "exceed the 1600-byte limit"},
      {R"({"event":"media","event":"media"})", "event: appears twice"},
      {R"({"event":"start","sequenceNumber":"1","streamSid":"MZ","start":{"accountSid":"AC","callSid":"CA","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":16000,"channels":1}}})",
       "start.mediaFormat.sampleRate: 16000 is not 8000"},
      {R"({"event":"start","sequenceNumber":"1","streamSid":"MZ","start":{"accountSid":"AC","callSid":"CA","tracks":["inbound"],"mediaFormat":{"encoding":"audio/l16","sampleRate":8000,"channels":1}}})",
       "start.mediaFormat.encoding: \"audio/l16\" is not audio/x-mulaw"},
      {R"({"event":"start","sequenceNumber":"1","streamSid":"MZ","start":{"accountSid":"AC","callSid":"CA","tracks":[1],"mediaFormat":{}}})",
       "start.tracks: expected strings, got a number"},
      {R"({"event":"start","sequenceNumber":"1","streamSid":"MZ","start":{"accountSid":"AC","callSid":"CA","tracks":["inbound"]}})",
       "start.mediaFormat: missing"},
      {R"({"event":"start","sequenceNumber":"1","streamSid":"MZ","start":{"customParameters":{"tenant":5}}})",
       "start.customParameters.tenant: expected a string, got a number"},
      {R"({"event":"start","sequenceNumber":"1","streamSid":"MZ","start":{"accountSid":"AC","streamSid":"MZ2","callSid":"CA","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}}})",
       "start.streamSid \"MZ2\" differs from streamSid \"MZ\""},
      {R"({"event":"dtmf","sequenceNumber":"9","streamSid":"MZ","dtmf":{"digit":"12"}})",
       "dtmf.digit: \"12\" is not one of 0-9 * # A-D"},
      {R"({"event":"mark","sequenceNumber":"9","streamSid":"MZ","mark":{}})", "mark.name: missing"},
      {R"({"event":"stop","sequenceNumber":"40"})", "streamSid: missing"},
      {std::string(20, '[') + std::string(20, ']'), "not an object"},
      {"{\"event\":\"stop\",\"x\":" + std::string(20, '[') + std::string(20, ']') + "}",
       "nested deeper than 16 levels"},
  };
  for (const auto& [text, reason] : bad) {
    const std::string e = Error(text);
    CHECK_MESSAGE(e.find(reason) != std::string::npos, text << " -> " << e);
    CHECK(e.rfind("twilio media: ", 0) == 0);
  }
}

TEST_CASE("twilio media: unknown fields are ignored, whatever their type") {
  auto m = Parse(
      R"({"event":"mark","sequenceNumber":"12","streamSid":"MZ","extra":{"a":[1,null,{"b":true}]},"mark":{"name":"x","more":-1.5}})");
  CHECK(m.mark_name == "x");
}

TEST_CASE("twilio media: the sequence checker reports repeats and reordering, counts gaps") {
  TwilioSequenceChecker seq;
  CHECK(seq.Check(1).ok());
  CHECK(seq.Check(2).ok());
  auto dup = seq.Check(2);
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.message() == "twilio media: sequenceNumber 2 repeated");
  CHECK(seq.Check(5).ok());
  auto back = seq.Check(4);
  REQUIRE_FALSE(back.ok());
  CHECK(back.message() == "twilio media: sequenceNumber 4 arrived after 5");
  CHECK(seq.Check(6).ok());
  CHECK(seq.duplicates() == 1);
  CHECK(seq.reordered() == 1);
  CHECK(seq.skipped() == 2);
  TwilioSequenceChecker chunks("media.chunk");
  CHECK(chunks.Check(3).ok());
  CHECK(chunks.Check(3).message() == "twilio media: media.chunk 3 repeated");
}

TEST_CASE("twilio media: outbound media, mark and clear match the protocol and round-trip") {
  std::string out;
  const uint8_t bytes[] = {0xFF, 0x7F, 0x00};
  REQUIRE(SerializeTwilioMedia("MZ...", bytes, out).ok());
  CHECK(out == R"({"event":"media","streamSid":"MZ...","media":{"payload":"/38A"}})");
  REQUIRE(SerializeTwilioMark("MZ...", "prompt-3", out).ok());
  CHECK(out == R"({"event":"mark","streamSid":"MZ...","mark":{"name":"prompt-3"}})");
  REQUIRE(SerializeTwilioClear("MZ...", out).ok());
  CHECK(out == R"({"event":"clear","streamSid":"MZ..."})");

  REQUIRE(SerializeTwilioMark("MZ", "say \"hi\"\\\n caf\xC3\xA9", out).ok());
  CHECK(out ==
        "{\"event\":\"mark\",\"streamSid\":\"MZ\",\"mark\":{\"name\":\"say \\\"hi\\\"\\\\\\u000a "
        "caf\xC3\xA9\"}}");
  // Our own mark, echoed back by Twilio with a sequence number, parses to the same name.
  std::string echoed = out;
  echoed.insert(1, R"("sequenceNumber":"4",)");
  auto m = Parse(echoed);
  CHECK(m.mark_name == "say \"hi\"\\\n caf\xC3\xA9");

  CHECK_FALSE(SerializeTwilioMark("MZ", "", out).ok());
  CHECK_FALSE(SerializeTwilioClear("", out).ok());
  auto bad = SerializeTwilioMark("MZ", "\xC3(", out);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.message().find("not valid UTF-8 at byte 0") != std::string::npos);
  CHECK_FALSE(SerializeTwilioMark("MZ", "\xED\xA0\x80", out).ok());  // a surrogate
}
