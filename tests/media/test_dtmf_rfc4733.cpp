// RFC 4733 telephone-event payloads: round trip, rejection of malformed
// input, and one digit per key press across repeated packets.
#include <doctest/doctest.h>

#include <vector>

#include "media/dtmf.h"

using namespace voxdesk::media;

TEST_CASE("dtmf: RFC 4733 telephone events round trip for every key and field extreme") {
  for (uint8_t code = 0; code < 16; ++code) {
    for (bool end : {false, true}) {
      for (uint8_t volume : {0, 10, 63}) {
        for (uint16_t duration : {0, 160, 65535}) {
          const TelephoneEvent e{code, end, volume, duration};
          auto bytes = SerializeTelephoneEvent(e);
          REQUIRE(bytes.ok());
          auto back = ParseTelephoneEvent(*bytes);
          REQUIRE(back.ok());
          CHECK(back->event == code);
          CHECK(back->end == end);
          CHECK(back->volume == volume);
          CHECK(back->duration == duration);
        }
      }
    }
    auto digit = DigitForEvent(code);
    REQUIRE(digit.ok());
    CHECK(*EventForDigit(*digit) == code);
  }
  // Byte layout from RFC 4733 section 2.3: event, E|R|volume, duration (network order).
  auto bytes = SerializeTelephoneEvent({11, true, 10, 0x0320});
  REQUIRE(bytes.ok());
  CHECK(*bytes == std::array<uint8_t, 4>{11, 0x8a, 0x03, 0x20});
  CHECK(*DigitForEvent(11) == '#');
}

TEST_CASE("dtmf: malformed telephone-event payloads are rejected") {
  const std::vector<uint8_t> empty, short3{1, 0x0a, 0}, long5{1, 0x0a, 0, 160, 0};
  CHECK(ParseTelephoneEvent(empty).status().code() == voxdesk::Code::kInvalidArgument);
  CHECK_FALSE(ParseTelephoneEvent(short3).ok());
  CHECK_FALSE(ParseTelephoneEvent(long5).ok());
  CHECK_FALSE(SerializeTelephoneEvent({1, false, 64, 0}).ok());  // volume has six bits
  CHECK_FALSE(DigitForEvent(16).ok());                           // hook flash, not a key
  CHECK_FALSE(EventForDigit('E').ok());
  // The reserved R bit is ignored, as the RFC requires of receivers.
  const std::vector<uint8_t> r_bit{5, 0x4a, 0, 160};
  auto e = ParseTelephoneEvent(r_bit);
  REQUIRE(e.ok());
  CHECK(e->volume == 10);
  CHECK_FALSE(e->end);
}

TEST_CASE("dtmf: the RFC 4733 receiver reports each key press once and rejects bad packets") {
  TelephoneEventReceiver rx;
  std::string digits;
  auto push = [&](uint32_t ts, std::vector<uint8_t> p) {
    auto r = rx.Push(ts, p, ts * 125);  // 8 kHz RTP clock -> microseconds
    REQUIRE(r.ok());
    if (r->has_value()) digits += (*r)->digit;
  };
  // '1' pressed: start, two updates, end sent three times (all one timestamp).
  push(8000, {1, 0x0a, 0, 160});
  push(8000, {1, 0x0a, 1, 64});
  push(8000, {1, 0x0a, 1, 224});
  for (int i = 0; i < 3; ++i) push(8000, {1, 0x8a, 2, 128});
  // '#' pressed, then '1' again: new timestamps are new presses.
  push(12000, {11, 0x0a, 0, 160});
  push(12000, {11, 0x8a, 1, 144});
  push(16000, {1, 0x0a, 0, 160});
  CHECK(digits == "1#1");

  const std::vector<uint8_t> bad{1, 0x0a, 0};
  CHECK_FALSE(rx.Push(20000, bad, 0).ok());
  const std::vector<uint8_t> flash{16, 0x0a, 0, 160};
  CHECK_FALSE(rx.Push(20000, flash, 0).ok());
  // A rejected packet changes nothing: the next '1' press still reports.
  auto r = rx.Push(20000, std::vector<uint8_t>{1, 0x0a, 0, 160}, 2500000);
  REQUIRE(r.ok());
  REQUIRE(r->has_value());
  CHECK((*r)->pts_us == 2500000);
}
