// The media-message fast path agrees with the general parser or declines.
// Messages in Twilio's own shape must take the fast path (else it is useless);
// unusual but valid JSON may decline and must then still parse through
// ParseTwilioMessage exactly as the general parser parses it; invalid messages
// must never be accepted by the fast path.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "media/base64.h"
#include "media/twilio_media.h"
#include "media/twilio_media_fast.h"

using namespace voxdesk::media;

namespace {

std::string Payload(uint8_t first = 0x12) {
  std::vector<uint8_t> b(160);
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>(first + i * 7);
  return Base64Encode(b);
}

std::string Media(std::string_view seq = "3", std::string_view sid = "MZ0123") {
  return R"({"event":"media","sequenceNumber":")" + std::string(seq) + R"(","streamSid":")" +
         std::string(sid) +
         R"(","media":{"track":"inbound","chunk":"2","timestamp":"40","payload":")" + Payload() +
         R"("}})";
}

// The fast path accepts `text`, and its result equals the general parser's.
TwilioInbound Fast(const std::string& text) {
  TwilioInbound fast, general;
  REQUIRE_MESSAGE(ParseTwilioMediaFast(text, fast), "fast path declined: " << text);
  const auto st = ParseTwilioMessageGeneral(text, general);
  REQUIRE_MESSAGE(st.ok(), "fast path accepted what the general parser rejects: " << text << " -> "
                                                                                  << st.message());
  CHECK_MESSAGE(fast == general, "fast and general results differ: " << text);
  return fast;
}

// The fast path declines `text`; ParseTwilioMessage then gives exactly the
// general parser's result, success or error.
void Declined(const std::string& text) {
  TwilioInbound fast, general, full;
  CHECK_MESSAGE(!ParseTwilioMediaFast(text, fast), "fast path accepted: " << text);
  const auto want = ParseTwilioMessageGeneral(text, general);
  const auto got = ParseTwilioMessage(text, full);
  CHECK_MESSAGE(got.ok() == want.ok(), text);
  CHECK(got.message() == want.message());
  CHECK_MESSAGE(full == general, "ParseTwilioMessage differs from the general parser: " << text);
}

}  // namespace

TEST_CASE("twilio fast path: Twilio's media message is accepted with every field") {
  const auto m = Fast(Media());
  CHECK(m.event == TwilioEvent::kMedia);
  CHECK(m.has_sequence_number);
  CHECK(m.sequence_number == 3);
  CHECK(m.stream_sid == "MZ0123");
  CHECK(m.track == "inbound");
  CHECK(m.chunk == 2);
  CHECK(m.timestamp_ms == 40);
  REQUIRE(m.payload_size == 160);
  CHECK(m.payload()[0] == 0x12);
  CHECK(m.payload()[159] == static_cast<uint8_t>(0x12 + 159 * 7));
}

TEST_CASE("twilio fast path: JSON whitespace anywhere the grammar allows it") {
  const std::string p = Payload();
  Fast(
      " \t\r\n{ \"event\" :\t\"media\" ,\n\"sequenceNumber\": \"3\" , \"streamSid\" : \"MZ\" ,"
      " \"media\" : { \"track\" : \"inbound\" , \"chunk\" : \"1\" , \"timestamp\" : \"0\" , "
      "\"payload\" : \"" +
      p + "\" } } \n");
  // Whitespace inside a string is content: the general parser keeps it.
  CHECK(Fast(Media("3", " MZ ")).stream_sid == " MZ ");
  // ...but inside the payload it is not base64, so both reject.
  std::string spaced = Media();
  spaced.insert(spaced.find("payload\":\"") + 10, " ");
  Declined(spaced);
}

TEST_CASE("twilio fast path: fields in any order, including media before event") {
  const std::string p = Payload();
  const auto m = Fast(R"({"media":{"payload":")" + p +
                      R"(","timestamp":"60","chunk":"3","track":"outbound"},"streamSid":"MZ9",)"
                      R"("sequenceNumber":"4","event":"media"})");
  CHECK(m.track == "outbound");
  CHECK(m.chunk == 3);
  CHECK(m.sequence_number == 4);
}

TEST_CASE("twilio fast path: escaped or non-ASCII strings decline and still parse") {
  Declined(Media("3", R"(MZ\u0041)"));
  Declined(Media("3", R"(MZ\"x)"));
  Declined(Media("3", "MZ\xC3\xA9"));
  Declined(Media("3", "MZ\x01"));  // a raw control byte: invalid JSON, both reject
  std::string escaped_key = Media();
  escaped_key.replace(escaped_key.find("\"event\""), 7, R"("\u0065vent")");
  Declined(escaped_key);
  // An escaped slash is valid JSON and valid base64 once unescaped.
  std::string slash = Media();
  slash.replace(slash.find("payload\":\"") + 10, 0, R"(\/\/\/\/)");
  Declined(slash);
  TwilioInbound m;
  REQUIRE(ParseTwilioMessage(slash, m).ok());
  CHECK(m.payload_size == 163);
}

TEST_CASE("twilio fast path: sequence numbers up to 19 digits, longer ones rejected") {
  CHECK(Fast(Media("9999999999999999999")).sequence_number == 9999999999999999999ull);
  CHECK(Fast(Media("0000000000000000001")).sequence_number == 1);
  Declined(Media("18446744073709551616"));
  Declined(Media("99999999999999999999"));
  Declined(Media(""));
  Declined(Media("-1"));
  Declined(Media("1e3"));
  Declined(Media(" 3"));
}

TEST_CASE("twilio fast path: invalid, empty or oversized payloads decline") {
  const auto with = [](const std::string& payload) {
    return R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":{"track":"inbound","chunk":"1","timestamp":"20","payload":")" +
           payload + R"("}})";
  };
  Declined(with("<base64 mu-law>"));
  Declined(with("AAA"));   // not a multiple of 4
  Declined(with("AB=="));  // non-zero bits before padding
  Declined(with("A=AA"));  // padding inside
  Declined(with(""));
  Declined(with(std::string(2140, 'A')));
  Declined(with(std::string(2136, 'A')));  // 1602 bytes: within the text limit, over the buffer
  CHECK(Fast(with(Base64Encode(std::vector<uint8_t>(1600, 9)))).payload_size == 1600);
  TwilioInbound m;
  const auto st = ParseTwilioMessage(with("AAA"), m);
  REQUIRE_FALSE(st.ok());
  CHECK(st.message().find("media.payload: base64:") != std::string::npos);
}

TEST_CASE("twilio fast path: duplicate keys decline, the general parser reports them") {
  const std::string p = Payload();
  const std::string dups[] = {
      R"({"event":"media","event":"media","sequenceNumber":"3","streamSid":"MZ","media":{"track":"a","chunk":"1","timestamp":"0","payload":")" +
          p + R"("}})",
      R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","streamSid":"MZ","media":{"track":"a","chunk":"1","timestamp":"0","payload":")" +
          p + R"("}})",
      R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":{"track":"a","chunk":"1","timestamp":"0","payload":")" +
          p + R"(","payload":")" + p + R"("}})",
  };
  for (const auto& text : dups) {
    Declined(text);
    TwilioInbound m;
    const auto st = ParseTwilioMessage(text, m);
    REQUIRE_FALSE(st.ok());
    CHECK_MESSAGE(st.message().find("appears twice") != std::string::npos, st.message());
  }
}

TEST_CASE("twilio fast path: unknown fields, other events and other shapes decline") {
  const std::string p = Payload();
  const std::string m = Media();
  Declined(R"({"event":"media","extra":1,)" + m.substr(17));
  Declined(m.substr(0, m.size() - 2) + R"(,"more":"x"}})");
  Declined(R"({"event":"mark","sequenceNumber":"12","streamSid":"MZ","mark":{"name":"p"}})");
  Declined(R"({"event":"stop","sequenceNumber":"40","streamSid":"MZ"})");
  Declined(R"({"event":"connected","protocol":"Call","version":"1.0.0"})");
  Declined(R"({"event":"media","sequenceNumber":3,"streamSid":"MZ","media":{}})");
  Declined(R"({"event":"media","sequenceNumber":"3","streamSid":"MZ","media":{}})");
  Declined(R"({"event":"media","sequenceNumber":"3","streamSid":"MZ"})");
  Declined(m + "x");                                // trailing bytes
  Declined(m + "{}");                               // a second value
  Declined(m.substr(0, m.size() - 1));              // truncated
  Declined("\xEF\xBB\xBF" + m);                     // a byte-order mark, which nlohmann skips
  Declined(R"({"event":"media",})" + m.substr(1));  // trailing comma in the object
}

TEST_CASE("twilio fast path: a reused message keeps no field from an earlier event") {
  TwilioInbound m;
  REQUIRE(
      ParseTwilioMessage(
          R"({"event":"start","sequenceNumber":"1","streamSid":"MZ","start":{"accountSid":"AC","callSid":"CA","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},"customParameters":{"k":"v"}}})",
          m)
          .ok());
  REQUIRE(ParseTwilioMediaFast(Media(), m));
  TwilioInbound general;
  REQUIRE(ParseTwilioMessageGeneral(Media(), general).ok());
  CHECK(m == general);
  CHECK(m.account_sid.empty());
  CHECK(m.tracks.empty());
  CHECK(m.custom_parameters.empty());
  CHECK(m.media_format.sample_rate == 0);
}
