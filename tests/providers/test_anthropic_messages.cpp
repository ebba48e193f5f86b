#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "providers/anthropic_messages.h"
#include "providers/net/sse_parser.h"

using nlohmann::json;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::dialog::LlmEvent;
using voxdesk::dialog::LlmMessage;
using voxdesk::dialog::LlmRequest;
using voxdesk::dialog::ToolCall;
using namespace voxdesk::providers;

namespace {

struct Run {
  std::vector<LlmEvent> events;
  Status status;
  size_t fed = 0;  // events accepted before the first error

  std::string Text() const {
    std::string t;
    for (const LlmEvent& e : events) {
      if (e.kind == LlmEvent::Kind::kText) t += e.text;
    }
    return t;
  }
  std::vector<ToolCall> Calls() const {
    std::vector<ToolCall> c;
    for (const LlmEvent& e : events) {
      if (e.kind == LlmEvent::Kind::kToolCall) c.push_back(e.call);
    }
    return c;
  }
  size_t Dones() const {
    size_t n = 0;
    for (const LlmEvent& e : events) n += e.kind == LlmEvent::Kind::kDone;
    return n;
  }
};

Run Feed(AnthropicStream& s, const std::vector<AnthropicSseEvent>& events) {
  Run r;
  for (const auto& [type, data] : events) {
    r.status = s.OnEvent(type, data, [&](const LlmEvent& e) { r.events.push_back(e); });
    if (!r.status.ok()) break;
    ++r.fed;
  }
  return r;
}

AnthropicSseEvent Ev(const json& data) {
  return {data["type"].get<std::string>(), data.dump()};
}

AnthropicSseEvent Start() {
  return Ev({{"type", "message_start"},
             {"message",
              {{"id", "msg_1"},
               {"type", "message"},
               {"role", "assistant"},
               {"content", json::array()},
               {"model", "claude-x"},
               {"usage", {{"input_tokens", 10}, {"output_tokens", 1}}}}}});
}
AnthropicSseEvent BlockStart(int index, const json& block) {
  return Ev({{"type", "content_block_start"}, {"index", index}, {"content_block", block}});
}
AnthropicSseEvent Delta(int index, const json& delta) {
  return Ev({{"type", "content_block_delta"}, {"index", index}, {"delta", delta}});
}
AnthropicSseEvent TextDelta(int index, const std::string& text) {
  return Delta(index, {{"type", "text_delta"}, {"text", text}});
}
AnthropicSseEvent JsonDelta(int index, const std::string& partial) {
  return Delta(index, {{"type", "input_json_delta"}, {"partial_json", partial}});
}
AnthropicSseEvent BlockStop(int index) {
  return Ev({{"type", "content_block_stop"}, {"index", index}});
}
AnthropicSseEvent Stop() {
  return Ev({{"type", "message_stop"}});
}
json ToolUse(const std::string& id, const std::string& name) {
  return {{"type", "tool_use"}, {"id", id}, {"name", name}, {"input", json::object()}};
}
const json kText = {{"type", "text"}, {"text", ""}};

LlmRequest SampleRequest() {
  LlmRequest r;
  r.temperature = 0.2;
  r.messages = {
      {LlmMessage::Role::kSystem, "You are the receptionist.", {}, ""},
      {LlmMessage::Role::kSystem, "Today is Monday.", {}, ""},
      {LlmMessage::Role::kUser, "Cancel both my bookings.", {}, ""},
      {LlmMessage::Role::kAssistant,
       "Let me do that.",
       {{"toolu_1", "cancel", R"({"booking_id":"b-1"})"},
        {"toolu_2", "cancel", R"({"booking_id":"b-2"})"}},
       ""},
      {LlmMessage::Role::kTool, R"({"status":"cancelled"})", {}, "toolu_1"},
      {LlmMessage::Role::kTool, R"({"status":"cancelled"})", {}, "toolu_2"},
      {LlmMessage::Role::kUser, "Thanks!", {}, ""},
  };
  r.tools = {
      {"cancel", "Cancel a booking.",
       R"({"type":"object","properties":{"booking_id":{"type":"string"}},"required":["booking_id"]})"}};
  return r;
}

}  // namespace

TEST_CASE("anthropic: a full text stream gives the text, usage, stop_reason and one kDone") {
  AnthropicEncodeOptions o;
  o.text_piece_bytes = 3;
  o.input_tokens = 42;
  o.output_tokens = 17;
  const auto events = AnthropicStreamEvents("Tuesday at ten is free.", {}, o);
  REQUIRE(events.front().first == "message_start");
  REQUIRE(events[1].first == "ping");
  REQUIRE(events.back().first == "message_stop");
  AnthropicStream s;
  Run r = Feed(s, events);
  REQUIRE(r.status.ok());
  CHECK(r.Text() == "Tuesday at ten is free.");
  CHECK(r.Calls().empty());
  REQUIRE(r.Dones() == 1);
  CHECK(r.events.back().kind == LlmEvent::Kind::kDone);
  CHECK(r.events.size() > 5);
  CHECK(s.done());
  CHECK(s.stop_reason() == "end_turn");
  CHECK(s.input_tokens() == 42);
  CHECK(s.output_tokens() == 17);
  CHECK(s.message_id() == "msg_fake");
  CHECK(s.unknown() == 0);
}

TEST_CASE("anthropic: the encoder's events survive SSE framing byte by byte") {
  std::string body;
  for (const auto& [type, data] :
       AnthropicStreamEvents("One moment.", {{"toolu_9", "cancel", R"({"booking_id":"b-17"})"}})) {
    body += "event: " + type + "\r\ndata: " + data + "\r\n\r\n";
  }
  net::SseParser sse;
  AnthropicStream s;
  std::vector<LlmEvent> events;
  for (char c : body) {
    REQUIRE(sse.Feed(std::string_view(&c, 1),
                     [&](const net::SseEvent& e) {
                       REQUIRE(s.OnEvent(e.type, e.data, [&](const LlmEvent& ev) {
                                  events.push_back(ev);
                                }).ok());
                     })
                .ok());
  }
  CHECK_FALSE(sse.Finish());
  REQUIRE(events.size() >= 3);
  CHECK(events[events.size() - 2].call.arguments == R"({"booking_id":"b-17"})");
  CHECK(events.back().kind == LlmEvent::Kind::kDone);
  CHECK(s.stop_reason() == "tool_use");
}

TEST_CASE("anthropic: a tool_use block in many fragments is emitted whole at its stop") {
  const std::string args =
      R"({"service":"cut","start":"2025-03-04T10:00:00+01:00","staff":"anna","name":"Jo"})";
  AnthropicEncodeOptions o;
  o.input_pieces = 13;
  const auto events = AnthropicStreamEvents("Booking now.", {{"toolu_abc", "book", args}}, o);
  AnthropicStream s;
  std::vector<LlmEvent> out;
  size_t emitted_at = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    REQUIRE(s.OnEvent(events[i].first, events[i].second, [&](const LlmEvent& e) {
               out.push_back(e);
               if (e.kind == LlmEvent::Kind::kToolCall) emitted_at = i;
             }).ok());
  }
  REQUIRE(emitted_at > 0);
  CHECK(events[emitted_at].first == "content_block_stop");
  std::vector<ToolCall> calls;
  for (const LlmEvent& e : out) {
    if (e.kind == LlmEvent::Kind::kToolCall) calls.push_back(e.call);
  }
  REQUIRE(calls.size() == 1);
  CHECK(calls[0].id == "toolu_abc");
  CHECK(calls[0].name == "book");
  CHECK(calls[0].arguments == args);
  CHECK(out.back().kind == LlmEvent::Kind::kDone);
}

TEST_CASE("anthropic: two tool blocks and an input-less call") {
  AnthropicStream s;
  Run r = Feed(s, {Start(), BlockStart(0, ToolUse("toolu_a", "cancel")), JsonDelta(0, ""),
                   JsonDelta(0, "{\"booking_id\""), JsonDelta(0, ": \"b-1\"}"), BlockStop(0),
                   BlockStart(1, ToolUse("toolu_b", "transfer")), BlockStop(1),
                   Ev({{"type", "message_delta"},
                       {"delta", {{"stop_reason", "tool_use"}, {"stop_sequence", nullptr}}},
                       {"usage", {{"output_tokens", 30}}}}),
                   Stop()});
  REQUIRE(r.status.ok());
  const auto calls = r.Calls();
  REQUIRE(calls.size() == 2);
  CHECK(json::parse(calls[0].arguments) == json{{"booking_id", "b-1"}});
  CHECK(calls[1].name == "transfer");
  CHECK(calls[1].arguments == "{}");
  CHECK(s.stop_reason() == "tool_use");
  CHECK(s.output_tokens() == 30);

  // An input given whole in content_block_start is used when no delta came.
  AnthropicStream t;
  json block = ToolUse("toolu_c", "cancel");
  block["input"] = {{"booking_id", "b-9"}};
  Run rt = Feed(t, {Start(), BlockStart(0, block), BlockStop(0), Stop()});
  REQUIRE(rt.Calls().size() == 1);
  CHECK(json::parse(rt.Calls()[0].arguments) == json{{"booking_id", "b-9"}});
}

TEST_CASE("anthropic: Unicode split across text deltas and input fragments") {
  const std::string text = "Caf\xC3\xA9 \xF0\x9F\x98\x80 na\xC3\xAFve";
  AnthropicEncodeOptions o;
  o.text_piece_bytes = 1;
  const auto events = AnthropicStreamEvents(text, {}, o);
  for (const auto& [type, data] : events)
    CHECK_FALSE(json::parse(data, nullptr, false).is_discarded());
  AnthropicStream s;
  Run r = Feed(s, events);
  REQUIRE(r.status.ok());
  CHECK(r.Text() == text);

  AnthropicStream s2;
  Run r2 = Feed(
      s2, {Start(), BlockStart(0, ToolUse("toolu_1", "book")), JsonDelta(0, "{\"name\":\"Jos\\u00"),
           JsonDelta(0, "e9 \xF0\x9F\x98\x80\"}"), BlockStop(0)});
  REQUIRE(r2.status.ok());
  REQUIRE(r2.Calls().size() == 1);
  CHECK(json::parse(r2.Calls()[0].arguments)["name"] == "Jos\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST_CASE("anthropic: error events keep their type and whether to retry") {
  AnthropicStream s;
  Run r = Feed(s, {Start(), BlockStart(0, kText), TextDelta(0, "One moment"),
                   AnthropicErrorEvent("overloaded_error", "Overloaded"), TextDelta(0, "more")});
  CHECK(r.fed == 3);
  CHECK(r.Text() == "One moment");
  CHECK(r.status.code() == Code::kUnavailable);
  CHECK(r.status.message().find("overloaded_error") != std::string::npos);
  CHECK(r.status.message().find("Overloaded") != std::string::npos);
  REQUIRE(s.error().has_value());
  CHECK(s.error()->type == "overloaded_error");
  CHECK(s.error()->retryable);
  CHECK(s.failed());
  CHECK_FALSE(s.OnEvent("message_stop", R"({"type":"message_stop"})", [](const LlmEvent&) {}).ok());
  CHECK(r.Dones() == 0);

  for (const char* type : {"rate_limit_error", "api_error"}) {
    AnthropicStream t;
    Feed(t, {AnthropicErrorEvent(type, "x")});
    CHECK(t.error()->retryable);
  }
  AnthropicStream u;
  Run ru = Feed(u, {AnthropicErrorEvent("invalid_request_error", "prompt is too long")});
  CHECK(ru.status.code() == Code::kUnavailable);
  CHECK_FALSE(u.error()->retryable);
}

TEST_CASE("anthropic: a stream cut before message_stop is not done") {
  auto events = AnthropicStreamEvents("Hi there", {{"toolu_1", "cancel", R"({"booking_id":"x"})"}});
  events.pop_back();  // message_stop
  AnthropicStream s;
  Run r = Feed(s, events);
  REQUIRE(r.status.ok());
  CHECK_FALSE(s.done());
  CHECK(r.Dones() == 0);
  CHECK(r.Calls().size() == 1);  // its block was complete

  // Cut inside the tool block: the call never reaches the agent.
  AnthropicStream t;
  Run rt = Feed(t, {Start(), BlockStart(0, ToolUse("toolu_1", "cancel")), JsonDelta(0, "{\"b")});
  CHECK(rt.status.ok());
  CHECK(rt.Calls().empty());
  CHECK_FALSE(t.done());
}

TEST_CASE("anthropic: garbage data and wrong types are refused with the field named") {
  for (const char* bad : {"{not json", "", "[1]", "\"message_stop\"", "{\"type\":5}"}) {
    CAPTURE(bad);
    AnthropicStream s;
    CHECK(s.OnEvent("message_start", bad, [](const LlmEvent&) {}).code() == Code::kInvalidArgument);
    CHECK(s.failed());
    CHECK_FALSE(s.OnEvent("ping", R"({"type":"ping"})", [](const LlmEvent&) {}).ok());
  }
  struct Case {
    std::vector<AnthropicSseEvent> events;
    std::string field;
  };
  const std::vector<Case> cases = {
      {{Ev({{"type", "message_start"}, {"message", "hi"}})}, "message"},
      {{Ev({{"type", "message_start"}, {"message", {{"usage", {{"input_tokens", "10"}}}}}})},
       "input_tokens"},
      {{Start(), Ev({{"type", "content_block_start"}, {"index", "0"}, {"content_block", kText}})},
       "index"},
      {{Start(), Ev({{"type", "content_block_start"}, {"content_block", kText}})}, "index"},
      {{Start(), BlockStart(0, {{"type", "text"}, {"text", 3}})}, "text"},
      {{Start(),
        BlockStart(0, {{"type", "tool_use"}, {"id", "t"}, {"name", "n"}, {"input", "[]"}})},
       "input"},
      {{Start(), BlockStart(0, kText), Delta(0, {{"type", "text_delta"}, {"text", nullptr}}),
        Delta(0, {{"type", "text_delta"}, {"text", json::array()}})},
       "text"},
      {{Start(), BlockStart(0, kText),
        Ev({{"type", "content_block_delta"}, {"index", 0}, {"delta", "x"}})},
       "delta"},
      {{Start(), BlockStart(0, ToolUse("t", "n")), JsonDelta(0, "{"),
        Delta(0, {{"type", "input_json_delta"}, {"partial_json", 7}})},
       "partial_json"},
      {{Start(), Ev({{"type", "message_delta"}, {"delta", {{"stop_reason", 1}}}})}, "stop_reason"},
      {{Start(), Ev({{"type", "message_delta"}, {"usage", {{"output_tokens", -3}}}})},
       "output_tokens"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    AnthropicStream s;
    Run r = Feed(s, c.events);
    CHECK(r.status.code() == Code::kInvalidArgument);
    CHECK(r.status.message().find(c.field) != std::string::npos);
  }
}

TEST_CASE("anthropic: the event line and the data's type must agree") {
  AnthropicStream s;
  Status st =
      s.OnEvent("content_block_delta", R"({"type":"message_stop"})", [](const LlmEvent&) {});
  CHECK(st.code() == Code::kInvalidArgument);
  CHECK(st.message().find("disagree") != std::string::npos);
  // Without an event line (type "message") the data alone decides.
  AnthropicStream t;
  std::vector<LlmEvent> out;
  const auto emit = [&](const LlmEvent& e) { out.push_back(e); };
  REQUIRE(t.OnEvent("message", Start().second, emit).ok());
  REQUIRE(t.OnEvent("message", R"({"type":"message_stop"})", emit).ok());
  CHECK(t.done());
}

TEST_CASE("anthropic: unknown events, blocks and deltas are counted and skipped") {
  AnthropicStream s;
  Run r = Feed(s, {Start(),
                   {"future_event", "not even json"},
                   BlockStart(0, {{"type", "thinking"}, {"thinking", ""}}),
                   Delta(0, {{"type", "thinking_delta"}, {"thinking", "hmm"}}),
                   Delta(0, {{"type", "signature_delta"}, {"signature", "abc"}}),
                   BlockStop(0),
                   BlockStart(1, kText),
                   TextDelta(1, "Hello"),
                   Delta(1, {{"type", "citations_delta"}, {"citation", json::object()}}),
                   BlockStop(1),
                   Ev({{"type", "ping"}}),
                   Stop(),
                   Ev({{"type", "ping"}})});
  REQUIRE(r.status.ok());
  CHECK(r.Text() == "Hello");
  // future_event, the thinking block, thinking_delta, signature_delta, citations_delta.
  CHECK(s.unknown() == 5);
  CHECK(s.done());
  // An unknown type inside data that came without an event line is skipped too.
  AnthropicStream t;
  CHECK(t.OnEvent("message", R"({"type":"brand_new"})", [](const LlmEvent&) {}).ok());
  CHECK(t.unknown() == 1);
}

TEST_CASE("anthropic: events out of order are refused") {
  struct Case {
    std::vector<AnthropicSseEvent> events;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{BlockStart(0, kText)}, "before message_start"},
      {{Start(), Start()}, "second message_start"},
      {{Start(), TextDelta(0, "x")}, "not open"},
      {{Start(), BlockStart(0, kText), BlockStop(0), TextDelta(0, "x")}, "not open"},
      {{Start(), BlockStart(0, kText), BlockStart(0, kText)}, "started twice"},
      {{Start(), BlockStart(0, ToolUse("t", "n")), TextDelta(0, "x")}, "text_delta"},
      {{Start(), BlockStart(0, kText), JsonDelta(0, "{}")}, "input_json_delta"},
      {{Start(), BlockStart(0, kText), Stop()}, "never stopped"},
      {{Start(), Stop(), Start()}, "after message_stop"},
      {{Start(), BlockStart(0, {{"type", "tool_use"}, {"name", "n"}})}, "id and a name"},
      {{Start(), BlockStart(300, kText)}, "beyond"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.says);
    AnthropicStream s;
    Run r = Feed(s, c.events);
    CHECK(r.fed == c.events.size() - 1);
    CHECK(r.status.code() == Code::kInvalidArgument);
    CHECK(r.status.message().find(c.says) != std::string::npos);
  }
}

TEST_CASE("anthropic: tool input that is not a JSON object fails the stream") {
  for (const char* input : {"[1,2]", "\"text\"", "{\"a\":", "42"}) {
    CAPTURE(input);
    AnthropicStream s;
    Run r = Feed(
        s, {Start(), BlockStart(0, ToolUse("toolu_1", "book")), JsonDelta(0, input), BlockStop(0)});
    CHECK(r.status.code() == Code::kInvalidArgument);
    CHECK(r.Calls().empty());
  }
}

TEST_CASE("anthropic: the request body, field by field") {
  AnthropicOptions o;
  o.model = "claude-haiku-4-5";
  o.max_tokens = 512;
  auto body = AnthropicRequestJson(SampleRequest(), o);
  REQUIRE(body.ok());
  const json j = json::parse(*body);
  CHECK(j["model"] == "claude-haiku-4-5");
  CHECK(j["max_tokens"] == 512);
  CHECK(j["stream"] == true);
  CHECK(j["temperature"].get<double>() == doctest::Approx(0.2));
  CHECK(j["system"] == "You are the receptionist.\n\nToday is Monday.");

  const json& m = j["messages"];
  REQUIRE(m.size() == 3);  // user, assistant, user (both results and the thanks)
  CHECK(m[0] == json{{"role", "user"}, {"content", "Cancel both my bookings."}});
  CHECK(m[1]["role"] == "assistant");
  const json& blocks = m[1]["content"];
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0] == json{{"type", "text"}, {"text", "Let me do that."}});
  CHECK(blocks[1]["type"] == "tool_use");
  CHECK(blocks[1]["id"] == "toolu_1");
  CHECK(blocks[1]["name"] == "cancel");
  CHECK(blocks[1]["input"] == json{{"booking_id", "b-1"}});  // an object, not a string
  CHECK(blocks[2]["input"] == json{{"booking_id", "b-2"}});

  CHECK(m[2]["role"] == "user");
  const json& results = m[2]["content"];
  REQUIRE(results.size() == 3);
  CHECK(results[0] == json{{"type", "tool_result"},
                           {"tool_use_id", "toolu_1"},
                           {"content", R"({"status":"cancelled"})"}});
  CHECK(results[1]["tool_use_id"] == "toolu_2");
  CHECK(results[2] == json{{"type", "text"}, {"text", "Thanks!"}});  // after the results

  REQUIRE(j["tools"].size() == 1);
  CHECK(j["tools"][0]["name"] == "cancel");
  CHECK(j["tools"][0]["description"] == "Cancel a booking.");
  CHECK(j["tools"][0]["input_schema"]["required"] == json{"booking_id"});
  CHECK_FALSE(j["tools"][0].contains("parameters"));

  AnthropicOptions d;
  d.stream = false;
  d.send_temperature = false;
  LlmRequest plain;
  plain.messages = {{LlmMessage::Role::kUser, "hi", {}, ""}};
  const json k = json::parse(*AnthropicRequestJson(plain, d));
  CHECK(k["stream"] == false);
  CHECK_FALSE(k.contains("system"));
  CHECK_FALSE(k.contains("tools"));
  CHECK_FALSE(k.contains("temperature"));
  CHECK(k["max_tokens"] == 1024);
}

TEST_CASE("anthropic: a request the API would refuse is refused here") {
  LlmRequest r = SampleRequest();
  r.tools[0].parameters = "[]";
  CHECK(AnthropicRequestJson(r, {}).status().code() == Code::kInvalidArgument);
  r.tools[0].parameters = "";
  CHECK_FALSE(AnthropicRequestJson(r, {}).ok());
  r = SampleRequest();
  r.messages[3].tool_calls[1].arguments = "[\"b-2\"]";
  CHECK(AnthropicRequestJson(r, {}).status().message().find("arguments") != std::string::npos);
  r = SampleRequest();
  r.messages[4].tool_call_id.clear();
  CHECK_FALSE(AnthropicRequestJson(r, {}).ok());
  r = SampleRequest();
  r.temperature = 1.5;
  CHECK(AnthropicRequestJson(r, {}).status().message().find("temperature") != std::string::npos);
  AnthropicOptions o;
  o.max_tokens = 0;
  CHECK(AnthropicRequestJson(SampleRequest(), o).status().message().find("max_tokens") !=
        std::string::npos);
  LlmRequest only_system;
  only_system.messages = {{LlmMessage::Role::kSystem, "be nice", {}, ""}};
  CHECK_FALSE(AnthropicRequestJson(only_system, {}).ok());
}

TEST_CASE("anthropic: the fake's request parser reads back what the client sends") {
  const LlmRequest req = SampleRequest();
  auto parsed = ParseAnthropicRequest(*AnthropicRequestJson(req, {}));
  REQUIRE(parsed.ok());
  CHECK(parsed->model == "claude-sonnet-4-5");
  CHECK(parsed->max_tokens == 1024);
  CHECK(parsed->stream);
  CHECK(parsed->system == "You are the receptionist.\n\nToday is Monday.");
  // Everything but the system messages comes back in order.
  REQUIRE(parsed->messages.size() == req.messages.size() - 2);
  for (size_t i = 0; i < parsed->messages.size(); ++i) {
    CAPTURE(i);
    const LlmMessage& want = req.messages[i + 2];
    CHECK(parsed->messages[i].role == want.role);
    CHECK(parsed->messages[i].content == want.content);
    CHECK(parsed->messages[i].tool_call_id == want.tool_call_id);
    REQUIRE(parsed->messages[i].tool_calls.size() == want.tool_calls.size());
    for (size_t k = 0; k < want.tool_calls.size(); ++k) {
      CHECK(parsed->messages[i].tool_calls[k].id == want.tool_calls[k].id);
      CHECK(json::parse(parsed->messages[i].tool_calls[k].arguments) ==
            json::parse(want.tool_calls[k].arguments));
    }
  }
  REQUIRE(parsed->tools.size() == 1);
  CHECK(json::parse(parsed->tools[0].parameters) == json::parse(req.tools[0].parameters));

  auto sys = ParseAnthropicRequest(
      R"({"model":"m","max_tokens":9,"system":[{"type":"text","text":"a"},{"type":"text","text":"b"}],"messages":[]})");
  REQUIRE(sys.ok());
  CHECK(sys->system == "ab");
  CHECK(ParseAnthropicRequest(R"({"model":"m","messages":[]})")
            .status()
            .message()
            .find("max_tokens") != std::string::npos);
  CHECK(ParseAnthropicRequest(
            R"({"model":"m","max_tokens":1,"messages":[{"role":"system","content":"x"}]})")
            .status()
            .message()
            .find("system") != std::string::npos);
  CHECK(ParseAnthropicRequest(R"({"model":"m","max_tokens":"1","messages":[]})")
            .status()
            .message()
            .find("max_tokens") != std::string::npos);
  CHECK_FALSE(ParseAnthropicRequest("[]").ok());
}

TEST_CASE("anthropic: HTTP errors carry the type, message, request id and retry advice") {
  const Status over =
      AnthropicErrorFromHttp(529, AnthropicErrorBody("overloaded_error", "Overloaded", "req_01"));
  CHECK(over.code() == Code::kUnavailable);
  CHECK(over.message().find("HTTP 529") != std::string::npos);
  CHECK(over.message().find("overloaded_error") != std::string::npos);
  CHECK(over.message().find("req_01") != std::string::npos);

  const AnthropicError rate =
      ParseAnthropicError(429, AnthropicErrorBody("rate_limit_error", "Number of requests..."));
  CHECK(rate.retryable);
  CHECK(rate.type == "rate_limit_error");

  const AnthropicError bad = ParseAnthropicError(
      400, AnthropicErrorBody("invalid_request_error", "messages: roles must alternate"));
  CHECK_FALSE(bad.retryable);
  CHECK(AnthropicErrorStatus(bad).code() == Code::kInvalidArgument);
  CHECK(AnthropicErrorFromHttp(401, AnthropicErrorBody("authentication_error", "invalid x-api-key"))
            .code() == Code::kConfig);

  const AnthropicError html = ParseAnthropicError(502, "<html>bad gateway</html>");
  CHECK(html.retryable);
  CHECK(html.message.find("bad gateway") != std::string::npos);

  for (int s : {408, 409, 429, 500, 502, 503, 504, 529}) CHECK(AnthropicRetryableStatus(s));
  for (int s : {400, 401, 403, 404, 413}) CHECK_FALSE(AnthropicRetryableStatus(s));
  CHECK_FALSE(AnthropicRetryableStatus(529, "false"));
  CHECK(AnthropicRetryableType("overloaded_error"));
  CHECK_FALSE(AnthropicRetryableType("invalid_request_error"));
}
