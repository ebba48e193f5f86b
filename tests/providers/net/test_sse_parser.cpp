#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "providers/net/sse_parser.h"

using voxdesk::providers::net::SseEvent;
using voxdesk::providers::net::SseLimits;
using voxdesk::providers::net::SseParser;

namespace {

// Feeds `stream` in pieces of `piece` bytes and returns the events.
std::vector<SseEvent> Parse(std::string_view stream, size_t piece, bool* truncated = nullptr) {
  SseParser p;
  std::vector<SseEvent> out;
  for (size_t i = 0; i < stream.size(); i += piece) {
    REQUIRE(p.Feed(stream.substr(i, piece), [&](const SseEvent& e) { out.push_back(e); }).ok());
  }
  const bool t = p.Finish();
  if (truncated) *truncated = t;
  return out;
}

// An OpenAI Chat Completions stream and an Anthropic Messages stream, as
// their APIs send them (abridged JSON).
constexpr std::string_view kOpenAi =
    "data: {\"choices\":[{\"delta\":{\"content\":\"Tues\"}}]}\n\n"
    "data: {\"choices\":[{\"delta\":{\"content\":\"day\"}}]}\n\n"
    ": keep-alive\n\n"
    "data: [DONE]\n\n";
constexpr std::string_view kAnthropic =
    "event: message_start\r\ndata: {\"type\":\"message_start\"}\r\n\r\n"
    "event: content_block_delta\r\ndata: {\"type\":\"content_block_delta\",\"delta\":"
    "{\"type\":\"text_delta\",\"text\":\"Hi\"}}\r\n\r\n"
    "event: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n"
    "event: message_stop\r\ndata: {\"type\":\"message_stop\"}\r\n\r\n";

}  // namespace

TEST_CASE("sse: OpenAI and Anthropic streams give the same events in any chunking") {
  for (size_t piece : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{64}, size_t{4096}}) {
    CAPTURE(piece);
    auto o = Parse(kOpenAi, piece);
    REQUIRE(o.size() == 3);
    CHECK(o[0].type == "message");
    CHECK(o[0].data == R"({"choices":[{"delta":{"content":"Tues"}}]})");
    CHECK(o[2].data == "[DONE]");
    auto a = Parse(kAnthropic, piece);
    REQUIRE(a.size() == 4);
    CHECK(a[0].type == "message_start");
    CHECK(a[1].type == "content_block_delta");
    CHECK(a[1].data.find("\"text\":\"Hi\"") != std::string::npos);
    CHECK(a[2].data == R"({"type": "ping"})");
    CHECK(a[3].type == "message_stop");
  }
}

TEST_CASE("sse: the standard's field rules") {
  // Multi-line data joins with LF; one space after the colon is dropped, a
  // second is kept; a field without a colon is a field with an empty value;
  // unknown fields are ignored; an event without data is not dispatched.
  auto e = Parse(
      "data:first\ndata:  second\ndata\nfoo: bar\n\n"
      "event: only-a-type\n\n"
      "id: 7\nretry: 2500\ndata: x\n\n"
      "data: y\n\n"
      "id\ndata: z\n\n",
      5);
  REQUIRE(e.size() == 4);
  CHECK(e[0].data == "first\n second\n");
  CHECK(e[0].type == "message");
  CHECK(e[1].data == "x");
  CHECK(e[1].type == "message");  // the type does not leak from the dropped event
  CHECK(e[1].last_event_id == "7");
  CHECK(e[2].last_event_id == "7");   // ids persist
  CHECK(e[3].last_event_id.empty());  // "id" alone resets it
  SseParser p;
  REQUIRE(p.Feed("retry: 2500\nretry: 12x\nretry:\n\n", [](const SseEvent&) {}).ok());
  CHECK(p.retry_ms() == 2500);
}

TEST_CASE("sse: CR, LF and CR LF line ends, also split between pieces, and a leading BOM") {
  const std::string stream =
      "\xEF\xBB\xBF"
      "data: a\r\rdata: b\n\ndata: c\r\n\r\ndata: d\r\n\r\n";
  for (size_t piece = 1; piece <= stream.size(); ++piece) {
    CAPTURE(piece);
    auto e = Parse(stream, piece);
    REQUIRE(e.size() == 4);
    CHECK(e[0].data == "a");
    CHECK(e[1].data == "b");
    CHECK(e[2].data == "c");
    CHECK(e[3].data == "d");
  }
  // A BOM anywhere but the start is data.
  auto e = Parse("data: \xEF\xBB\xBFx\n\n", 1);
  REQUIRE(e.size() == 1);
  CHECK(e[0].data == "\xEF\xBB\xBFx");
}

TEST_CASE("sse: a stream cut mid-event is reported truncated and its partial event dropped") {
  bool truncated = false;
  auto e = Parse("data: whole\n\ndata: {\"partial\":", 4, &truncated);
  CHECK(e.size() == 1);
  CHECK(truncated);
  Parse("data: whole\n\ndata: last\n", 4, &truncated);  // no blank line after it
  CHECK(truncated);
  Parse(kOpenAi, 4, &truncated);
  CHECK_FALSE(truncated);
}

TEST_CASE("sse: oversized lines and events fail the stream, which then refuses input") {
  SseLimits limits;
  limits.max_line_bytes = 32;
  limits.max_event_bytes = 40;
  SseParser p(limits);
  int events = 0;
  auto sink = [&](const SseEvent&) { ++events; };
  CHECK(p.Feed("data: short\n\n", sink).ok());
  CHECK(events == 1);
  auto s = p.Feed(std::string(40, 'x'), sink);  // no newline yet: the buffered line is too long
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("line longer") != std::string::npos);
  CHECK_FALSE(p.Feed("data: ok\n\n", sink).ok());
  CHECK(events == 1);

  SseParser q(limits);
  auto big = q.Feed("data: 0123456789012345678901\ndata: 0123456789012345678901\n", sink);
  REQUIRE_FALSE(big.ok());
  CHECK(big.message().find("event larger") != std::string::npos);
}
