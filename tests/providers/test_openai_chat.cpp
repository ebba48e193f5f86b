#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "providers/net/sse_parser.h"
#include "providers/openai_chat.h"

using nlohmann::json;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::dialog::LlmEvent;
using voxdesk::dialog::LlmMessage;
using voxdesk::dialog::LlmRequest;
using voxdesk::dialog::ToolCall;
using voxdesk::dialog::ToolSpec;
using namespace voxdesk::providers;

namespace {

struct Run {
  std::vector<LlmEvent> events;
  Status status;
  size_t fed = 0;  // payloads accepted before the first error

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

// Feeds payloads until the first error.
Run Feed(OpenAiChatStream& s, const std::vector<std::string>& payloads) {
  Run r;
  for (const std::string& p : payloads) {
    r.status = s.OnData(p, [&](const LlmEvent& e) { r.events.push_back(e); });
    if (!r.status.ok()) break;
    ++r.fed;
  }
  return r;
}

std::string Chunk(const json& delta, const json& finish = nullptr) {
  return json{{"id", "chatcmpl-1"},
              {"object", "chat.completion.chunk"},
              {"choices", {{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}}}}
      .dump();
}

std::string CallFragment(int index, const std::string& args, const std::string& id = "",
                         const std::string& name = "") {
  json tc = {{"index", index}};
  json fn = {{"arguments", args}};
  if (!id.empty()) {
    tc["id"] = id;
    tc["type"] = "function";
  }
  if (!name.empty()) fn["name"] = name;
  tc["function"] = fn;
  return Chunk({{"tool_calls", {tc}}});
}

LlmRequest SampleRequest() {
  LlmRequest r;
  r.temperature = 0.3;
  r.messages = {
      {LlmMessage::Role::kSystem, "You are the receptionist.", {}, ""},
      {LlmMessage::Role::kUser, "Any time Tuesday?", {}, ""},
      {LlmMessage::Role::kAssistant,
       "",
       {{"call_1", "check_availability", R"({"service":"cut","date":"2025-03-04"})"}},
       ""},
      {LlmMessage::Role::kTool, R"({"slots":["10:00"]})", {}, "call_1"},
      {LlmMessage::Role::kAssistant, "10:00 is free.", {}, ""},
  };
  r.tools = {{"check_availability", "Find free times.",
              R"({"type":"object","properties":{"date":{"type":"string"}},"required":["date"]})"}};
  return r;
}

}  // namespace

TEST_CASE("openai chat: a full text stream gives the text, usage and one kDone") {
  OpenAiChunkOptions o;
  o.text_piece_bytes = 4;
  o.prompt_tokens = 31;
  o.completion_tokens = 9;
  const auto chunks = OpenAiChatStreamChunks("Tuesday at ten is free.", {}, o);
  REQUIRE(chunks.back() == "[DONE]");
  OpenAiChatStream s;
  Run r = Feed(s, chunks);
  REQUIRE(r.status.ok());
  CHECK(r.Text() == "Tuesday at ten is free.");
  CHECK(r.Calls().empty());
  REQUIRE(r.Dones() == 1);
  CHECK(r.events.back().kind == LlmEvent::Kind::kDone);
  CHECK(s.done());
  CHECK(s.finish_reason() == "stop");
  CHECK(s.prompt_tokens() == 31);
  CHECK(s.completion_tokens() == 9);
  CHECK(s.id() == "chatcmpl-fake");
  CHECK(s.model() == "gpt-4o-mini");
  // More than one text event: the text really streamed in pieces.
  CHECK(r.events.size() > 3);
}

TEST_CASE("openai chat: the encoder's stream survives SSE framing byte by byte") {
  std::string body;
  for (const std::string& c : OpenAiChatStreamChunks(
           "Hello", {{"call_9", "cancel", R"({"booking_id":"b-17"})"}}, OpenAiChunkOptions{})) {
    body += "data: " + c + "\n\n";
  }
  net::SseParser sse;
  OpenAiChatStream s;
  std::vector<LlmEvent> events;
  for (char c : body) {
    REQUIRE(sse.Feed(std::string_view(&c, 1),
                     [&](const net::SseEvent& e) {
                       REQUIRE(s.OnData(e.data, [&](const LlmEvent& ev) {
                                  events.push_back(ev);
                                }).ok());
                     })
                .ok());
  }
  CHECK_FALSE(sse.Finish());
  REQUIRE(events.size() == 3);
  CHECK(events[0].text == "Hello");
  CHECK(events[1].call.name == "cancel");
  CHECK(events[1].call.arguments == R"({"booking_id":"b-17"})");
  CHECK(events[2].kind == LlmEvent::Kind::kDone);
}

TEST_CASE("openai chat: a tool call in many fragments is emitted once, whole, at finish_reason") {
  const std::string args =
      R"({"service":"cut","start":"2025-03-04T10:00:00+01:00","staff":"anna","name":"Jo"})";
  OpenAiChunkOptions o;
  o.argument_pieces = 11;
  const auto chunks = OpenAiChatStreamChunks("", {{"call_abc", "book", args}}, o);
  OpenAiChatStream s;
  std::vector<LlmEvent> events;
  size_t emitted_at = 0;
  for (size_t i = 0; i < chunks.size(); ++i) {
    REQUIRE(s.OnData(chunks[i], [&](const LlmEvent& e) {
               events.push_back(e);
               if (e.kind == LlmEvent::Kind::kToolCall) emitted_at = i;
             }).ok());
  }
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == LlmEvent::Kind::kToolCall);
  CHECK(events[0].call.id == "call_abc");
  CHECK(events[0].call.name == "book");
  CHECK(events[0].call.arguments == args);
  // Emitted by the finish chunk (then come usage and [DONE]), not earlier.
  CHECK(chunks.size() > 10);
  CHECK(emitted_at == chunks.size() - 3);
  CHECK(s.finish_reason() == "tool_calls");
  CHECK(events[1].kind == LlmEvent::Kind::kDone);
}

TEST_CASE("openai chat: two interleaved tool calls come out whole, in index order") {
  OpenAiChatStream s;
  Run r = Feed(s, {
                      Chunk({{"role", "assistant"}, {"content", nullptr}}),
                      CallFragment(1, "", "call_B", "cancel"),
                      CallFragment(0, "", "call_A", "find_bookings"),
                      CallFragment(1, "{\"booking"),
                      CallFragment(0, "{\"name\":"),
                      CallFragment(1, "_id\":\"b-2\"}"),
                      CallFragment(0, "\"Ana\"}"),
                      Chunk(json::object(), "tool_calls"),
                      "[DONE]",
                  });
  REQUIRE(r.status.ok());
  const auto calls = r.Calls();
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].id == "call_A");
  CHECK(calls[0].name == "find_bookings");
  CHECK(calls[0].arguments == R"({"name":"Ana"})");
  CHECK(calls[1].id == "call_B");
  CHECK(calls[1].arguments == R"({"booking_id":"b-2"})");
  CHECK(r.Dones() == 1);
}

TEST_CASE("openai chat: Unicode split across deltas and across argument fragments") {
  const std::string text = "Caf\xC3\xA9 \xF0\x9F\x98\x80 na\xC3\xAFve";
  OpenAiChunkOptions o;
  o.text_piece_bytes = 1;  // forces a cut inside every multi-byte character
  const auto chunks = OpenAiChatStreamChunks(text, {}, o);
  for (const std::string& c : chunks) {
    if (c == "[DONE]") continue;
    // Each piece must be whole characters: a JSON parser refuses a split one.
    CHECK_FALSE(json::parse(c, nullptr, false).is_discarded());
  }
  OpenAiChatStream s;
  Run r = Feed(s, chunks);
  REQUIRE(r.status.ok());
  CHECK(r.Text() == text);

  // An escape sequence inside the arguments text, cut between fragments.
  OpenAiChatStream s2;
  Run r2 =
      Feed(s2, {CallFragment(0, "{\"name\":\"Jos\\u00", "call_1", "book"),
                CallFragment(0, "e9 \xF0\x9F\x98\x80\"}"), Chunk(json::object(), "tool_calls")});
  REQUIRE(r2.status.ok());
  REQUIRE(r2.Calls().size() == 1);
  CHECK(json::parse(r2.Calls()[0].arguments)["name"] == "Jos\xC3\xA9 \xF0\x9F\x98\x80");
}

TEST_CASE("openai chat: an error object in the stream fails it with the provider's words") {
  OpenAiChatStream s;
  Run r = Feed(s, {Chunk({{"content", "One moment"}}),
                   OpenAiStreamErrorChunk("server_error", "The server had an error"),
                   Chunk({{"content", "more"}})});
  CHECK(r.fed == 1);
  CHECK(r.Text() == "One moment");
  CHECK(r.status.code() == Code::kUnavailable);
  CHECK(r.status.message().find("The server had an error") != std::string::npos);
  CHECK(r.status.message().find("server_error") != std::string::npos);
  REQUIRE(s.error().has_value());
  CHECK(s.error()->retryable);
  CHECK(s.failed());
  // Refused afterwards, and no kDone was ever emitted.
  CHECK_FALSE(s.OnData("[DONE]", [](const LlmEvent&) {}).ok());
  CHECK_FALSE(s.done());
  CHECK(r.Dones() == 0);

  OpenAiChatStream q;
  Run rq = Feed(q, {R"({"error":{"message":"bad","type":"invalid_request_error","code":null}})"});
  CHECK(rq.status.code() == Code::kUnavailable);
  CHECK_FALSE(q.error()->retryable);
  // A falsy error field is no error, as in the SDKs.
  OpenAiChatStream f;
  CHECK(Feed(f, {R"({"error":null,"choices":[]})", R"({"error":{},"choices":[]})"}).status.ok());
}

TEST_CASE("openai chat: a stream cut before [DONE] is not done and holds back unfinished calls") {
  const auto all = OpenAiChatStreamChunks("Hi", {{"call_1", "cancel", R"({"booking_id":"x"})"}});
  // Drop the finish, usage and [DONE] chunks.
  std::vector<std::string> cut(all.begin(), all.end() - 3);
  OpenAiChatStream s;
  Run r = Feed(s, cut);
  REQUIRE(r.status.ok());
  CHECK_FALSE(s.done());
  CHECK(s.finish_reason().empty());
  CHECK(r.Calls().empty());
  CHECK(r.Dones() == 0);
  CHECK(s.prompt_tokens() == -1);

  // [DONE] without finish_reason still delivers the complete calls.
  OpenAiChatStream s2;
  std::vector<std::string> no_finish = cut;
  no_finish.push_back("[DONE]");
  Run r2 = Feed(s2, no_finish);
  REQUIRE(r2.status.ok());
  CHECK(r2.Calls().size() == 1);
  CHECK(r2.events.back().kind == LlmEvent::Kind::kDone);
}

TEST_CASE("openai chat: garbage is refused and the stream stays failed") {
  for (const char* bad : {"{not json", "", "[1,2]", "\"text\"", "data: {}", "[DONE"}) {
    CAPTURE(bad);
    OpenAiChatStream s;
    Run r = Feed(s, {bad});
    CHECK(r.status.code() == Code::kInvalidArgument);
    CHECK(s.failed());
    CHECK_FALSE(s.OnData(Chunk({{"content", "x"}}), [](const LlmEvent&) {}).ok());
  }
  std::string deep(200, '[');
  deep += std::string(200, ']');
  OpenAiChatStream d;
  Run r = Feed(d, {"{\"choices\":" + deep + "}"});
  CHECK(r.status.message().find("nested") != std::string::npos);
}

TEST_CASE("openai chat: fields of the wrong type are errors that name the field") {
  struct Case {
    std::string payload;
    std::string field;
  };
  const std::vector<Case> cases = {
      {R"({"choices":{"index":0}})", "choices"},
      {R"({"choices":[{"index":0,"delta":"hi"}]})", "delta"},
      {R"({"choices":[{"index":0,"delta":{"content":5}}]})", "content"},
      {R"({"choices":[{"index":0,"delta":{"tool_calls":{"index":0}}}]})", "tool_calls"},
      {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":"0"}]}}]})", "index"},
      {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"function":{}}]}}]})", "index"},
      {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":-1}]}}]})", "index"},
      {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":{}}}]}}]})",
       "arguments"},
      {R"({"choices":[{"index":0,"finish_reason":1}]})", "finish_reason"},
      {R"({"choices":[],"usage":{"prompt_tokens":"12"}})", "prompt_tokens"},
      {R"({"choices":[],"usage":[]})", "usage"},
      {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"type":"custom"}]}}]})",
       "custom"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.payload);
    OpenAiChatStream s;
    Run r = Feed(s, {c.payload});
    CHECK(r.status.code() == Code::kInvalidArgument);
    CHECK(r.status.message().find(c.field) != std::string::npos);
  }
}

TEST_CASE("openai chat: tool call arguments that are not a JSON object fail the stream") {
  OpenAiChatStream s;
  Run r =
      Feed(s, {CallFragment(0, "[1,2]", "call_1", "book"), Chunk(json::object(), "tool_calls")});
  CHECK(r.status.code() == Code::kInvalidArgument);
  CHECK(r.status.message().find("JSON object") != std::string::npos);
  CHECK(r.Calls().empty());

  // Cut by the token limit: the message says what to change.
  OpenAiChatStream t;
  Run rt = Feed(
      t, {CallFragment(0, "{\"name\":\"Jo", "call_1", "book"), Chunk(json::object(), "length")});
  CHECK(rt.status.message().find("max_completion_tokens") != std::string::npos);

  // A bad call holds back its good sibling: nothing half-done reaches the agent.
  OpenAiChatStream u;
  Run ru =
      Feed(u, {CallFragment(0, "{}", "call_1", "cancel"), CallFragment(1, "nope", "call_2", "book"),
               Chunk(json::object(), "tool_calls")});
  CHECK_FALSE(ru.status.ok());
  CHECK(ru.Calls().empty());

  // No arguments at all read as an empty object; a call without id is refused.
  OpenAiChatStream v;
  Run rv =
      Feed(v, {CallFragment(0, "", "call_1", "transfer"), Chunk(json::object(), "tool_calls")});
  REQUIRE(rv.Calls().size() == 1);
  CHECK(rv.Calls()[0].arguments == "{}");
  OpenAiChatStream w;
  Run rw = Feed(w, {CallFragment(0, "{}", "", "transfer"), Chunk(json::object(), "tool_calls")});
  CHECK(rw.status.message().find("no id") != std::string::npos);
}

TEST_CASE("openai chat: order rules after finish_reason and [DONE]") {
  OpenAiChatStream s;
  Run r = Feed(s, {Chunk(json::object(), "stop"), CallFragment(0, "{}", "call_1", "cancel")});
  CHECK(r.fed == 1);
  CHECK(r.status.message().find("after finish_reason") != std::string::npos);

  OpenAiChatStream d;
  Run rd = Feed(d, {"[DONE]", Chunk({{"content", "late"}})});
  CHECK(rd.fed == 1);
  CHECK(rd.status.message().find("after [DONE]") != std::string::npos);
  CHECK(rd.Dones() == 1);

  // A call whose id changes between fragments is not two calls glued together.
  OpenAiChatStream c;
  Run rc = Feed(c, {CallFragment(0, "{", "call_1", "cancel"), CallFragment(0, "}", "call_2")});
  CHECK(rc.status.message().find("changed its id") != std::string::npos);
}

TEST_CASE("openai chat: refusals are spoken and kept, other choices and new fields ignored") {
  OpenAiChatStream s;
  Run r = Feed(s, {R"({"obfuscation":"xx","choices":[{"index":0,"delta":{"refusal":"I can't "}}]})",
                   R"({"choices":[{"index":0,"delta":{"refusal":"help with that."}}]})",
                   R"({"choices":[{"index":1,"delta":{"content":"other choice"}}]})",
                   Chunk(json::object(), "stop"), "[DONE]"});
  REQUIRE(r.status.ok());
  CHECK(r.Text() == "I can't help with that.");
  CHECK(s.refusal() == "I can't help with that.");
}

TEST_CASE("openai chat: the request body, field by field") {
  OpenAiChatOptions o;
  o.model = "gpt-4.1-mini";
  o.max_completion_tokens = 300;
  o.parallel_tool_calls = false;
  o.user = "call-42";
  auto body = OpenAiChatRequestJson(SampleRequest(), o);
  REQUIRE(body.ok());
  const json j = json::parse(*body);
  CHECK(j["model"] == "gpt-4.1-mini");
  CHECK(j["stream"] == true);
  CHECK(j["stream_options"] == json{{"include_usage", true}});
  CHECK(j["max_completion_tokens"] == 300);
  CHECK_FALSE(j.contains("max_tokens"));
  CHECK(j["temperature"].get<double>() == doctest::Approx(0.3));
  CHECK(j["parallel_tool_calls"] == false);
  CHECK(j["user"] == "call-42");
  CHECK_FALSE(j.contains("safety_identifier"));

  const json& m = j["messages"];
  REQUIRE(m.size() == 5);
  CHECK(m[0] == json{{"role", "system"}, {"content", "You are the receptionist."}});
  CHECK(m[1] == json{{"role", "user"}, {"content", "Any time Tuesday?"}});
  CHECK(m[2]["role"] == "assistant");
  CHECK(m[2]["content"].is_null());
  REQUIRE(m[2]["tool_calls"].size() == 1);
  CHECK(m[2]["tool_calls"][0]["id"] == "call_1");
  CHECK(m[2]["tool_calls"][0]["type"] == "function");
  CHECK(m[2]["tool_calls"][0]["function"]["name"] == "check_availability");
  // arguments travel as a string holding the JSON object.
  REQUIRE(m[2]["tool_calls"][0]["function"]["arguments"].is_string());
  CHECK(json::parse(m[2]["tool_calls"][0]["function"]["arguments"].get<std::string>()) ==
        json{{"service", "cut"}, {"date", "2025-03-04"}});
  CHECK(m[3] ==
        json{{"role", "tool"}, {"tool_call_id", "call_1"}, {"content", R"({"slots":["10:00"]})"}});
  CHECK(m[4] == json{{"role", "assistant"}, {"content", "10:00 is free."}});

  REQUIRE(j["tools"].size() == 1);
  const json& t = j["tools"][0];
  CHECK(t["type"] == "function");
  CHECK(t["function"]["name"] == "check_availability");
  CHECK(t["function"]["description"] == "Find free times.");
  CHECK(t["function"]["parameters"]["required"] == json{"date"});

  // Defaults: no token limit, no parallel flag; temperature can be left out.
  OpenAiChatOptions d;
  d.send_temperature = false;
  d.stream = false;
  const json k = json::parse(*OpenAiChatRequestJson(SampleRequest(), d));
  CHECK_FALSE(k.contains("max_completion_tokens"));
  CHECK_FALSE(k.contains("parallel_tool_calls"));
  CHECK_FALSE(k.contains("temperature"));
  CHECK_FALSE(k.contains("stream_options"));
  CHECK(k["stream"] == false);
}

TEST_CASE("openai chat: a request the API would refuse is refused here") {
  LlmRequest r = SampleRequest();
  r.tools[0].parameters = "[]";
  auto a = OpenAiChatRequestJson(r, {});
  CHECK(a.status().code() == Code::kInvalidArgument);
  CHECK(a.status().message().find("check_availability") != std::string::npos);
  r.tools[0].parameters = "{broken";
  CHECK(OpenAiChatRequestJson(r, {}).status().code() == Code::kInvalidArgument);
  r.tools[0].parameters = "";
  CHECK_FALSE(OpenAiChatRequestJson(r, {}).ok());

  r = SampleRequest();
  r.tools[0].name = "check availability";
  CHECK(OpenAiChatRequestJson(r, {}).status().message().find("not 1-64") != std::string::npos);

  r = SampleRequest();
  r.messages[2].tool_calls[0].arguments = "\"just text\"";
  CHECK_FALSE(OpenAiChatRequestJson(r, {}).ok());
  r = SampleRequest();
  r.messages[3].tool_call_id.clear();
  CHECK(OpenAiChatRequestJson(r, {}).status().message().find("tool_call_id") != std::string::npos);

  OpenAiChatOptions o;
  o.model.clear();
  CHECK_FALSE(OpenAiChatRequestJson(SampleRequest(), o).ok());
  o = {};
  o.max_completion_tokens = 0;
  CHECK_FALSE(OpenAiChatRequestJson(SampleRequest(), o).ok());

  // Invalid UTF-8 from a transcript does not throw: it is replaced.
  r = SampleRequest();
  r.messages[1].content = "caf\xC3";
  auto u = OpenAiChatRequestJson(r, {});
  REQUIRE(u.ok());
  CHECK_FALSE(json::parse(*u, nullptr, false).is_discarded());
}

TEST_CASE("openai chat: the fake's request parser reads back what the client sends") {
  OpenAiChatOptions o;
  o.max_completion_tokens = 128;
  o.parallel_tool_calls = true;
  const LlmRequest req = SampleRequest();
  auto parsed = ParseOpenAiChatRequest(*OpenAiChatRequestJson(req, o));
  REQUIRE(parsed.ok());
  CHECK(parsed->model == "gpt-4o-mini");
  CHECK(parsed->stream);
  CHECK(parsed->include_usage);
  CHECK(parsed->max_completion_tokens == 128);
  CHECK(parsed->parallel_tool_calls == true);
  CHECK(*parsed->temperature == doctest::Approx(0.3));
  REQUIRE(parsed->messages.size() == req.messages.size());
  for (size_t i = 0; i < req.messages.size(); ++i) {
    CAPTURE(i);
    CHECK(parsed->messages[i].role == req.messages[i].role);
    CHECK(parsed->messages[i].content == req.messages[i].content);
    CHECK(parsed->messages[i].tool_call_id == req.messages[i].tool_call_id);
    REQUIRE(parsed->messages[i].tool_calls.size() == req.messages[i].tool_calls.size());
  }
  CHECK(parsed->messages[2].tool_calls[0].arguments == req.messages[2].tool_calls[0].arguments);
  REQUIRE(parsed->tools.size() == 1);
  CHECK(json::parse(parsed->tools[0].parameters) == json::parse(req.tools[0].parameters));

  // Content as parts, the developer role and the deprecated max_tokens.
  auto p2 = ParseOpenAiChatRequest(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"developer","content":"be brief"},)"
      R"({"role":"user","content":[{"type":"text","text":"hi "},{"type":"image_url"},)"
      R"({"type":"text","text":"there"}]}]})");
  REQUIRE(p2.ok());
  CHECK(p2->max_completion_tokens == 5);
  CHECK(p2->messages[0].role == LlmMessage::Role::kSystem);
  CHECK(p2->messages[1].content == "hi there");

  CHECK(ParseOpenAiChatRequest(R"({"messages":[]})").status().message().find("model") !=
        std::string::npos);
  CHECK(ParseOpenAiChatRequest(R"({"model":"m","messages":[{"role":"robot","content":""}]})")
            .status()
            .message()
            .find("robot") != std::string::npos);
  CHECK(ParseOpenAiChatRequest(R"({"model":"m","stream":"yes","messages":[]})")
            .status()
            .message()
            .find("stream") != std::string::npos);
  CHECK_FALSE(ParseOpenAiChatRequest("not json").ok());
}

TEST_CASE("openai chat: HTTP errors carry the provider's type, code and message") {
  const Status rate = OpenAiErrorFromHttp(
      429, OpenAiErrorBody("requests", "rate_limit_exceeded", "Rate limit reached for gpt-4o"));
  CHECK(rate.code() == Code::kUnavailable);
  CHECK(rate.message().find("HTTP 429") != std::string::npos);
  CHECK(rate.message().find("rate_limit_exceeded") != std::string::npos);
  CHECK(rate.message().find("Rate limit reached for gpt-4o") != std::string::npos);

  const OpenAiError quota = ParseOpenAiError(
      429, OpenAiErrorBody("insufficient_quota", "insufficient_quota",
                           "You exceeded your current quota, please check your plan"));
  CHECK_FALSE(quota.retryable);
  CHECK(OpenAiErrorStatus(quota).code() == Code::kInvalidArgument);

  const Status key = OpenAiErrorFromHttp(
      401, OpenAiErrorBody("invalid_request_error", "invalid_api_key", "Incorrect API key"));
  CHECK(key.code() == Code::kConfig);
  const OpenAiError bad = ParseOpenAiError(
      400,
      R"({"error":{"message":"Invalid value","type":"invalid_request_error","param":"messages[1].role","code":null}})");
  CHECK(bad.param == "messages[1].role");
  CHECK(bad.code.empty());
  CHECK(OpenAiErrorStatus(bad).code() == Code::kInvalidArgument);

  const OpenAiError html = ParseOpenAiError(502, "<html>\r\n<b>Bad gateway</b></html>");
  CHECK(html.retryable);
  CHECK(html.message.find("Bad gateway") != std::string::npos);
  CHECK(html.message.find('\r') == std::string::npos);
  CHECK(ParseOpenAiError(500, "").message == "an empty body");

  for (int s : {408, 409, 429, 500, 502, 503, 504}) CHECK(OpenAiRetryableStatus(s));
  for (int s : {200, 400, 401, 403, 404, 422}) CHECK_FALSE(OpenAiRetryableStatus(s));
  CHECK_FALSE(OpenAiRetryableStatus(503, "false"));
  CHECK(OpenAiRetryableStatus(400, "true"));
}
