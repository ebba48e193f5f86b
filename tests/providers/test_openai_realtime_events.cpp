#include <doctest/doctest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "providers/openai_realtime_events.h"

using nlohmann::json;
using voxdesk::Code;
using voxdesk::Status;
using namespace voxdesk::providers;
using SType = RealtimeServerEventType;
using CType = RealtimeClientEventType;

namespace {

json J(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

RealtimeConfig BookingConfig() {
  RealtimeConfig c;
  c.model = "gpt-realtime";
  c.instructions = "You are the receptionist of Bella Salon.";
  c.voice = "marin";
  c.lang = voxdesk::dialog::Lang::kEs;
  c.vad_silence_ms = 650;
  c.vad_prefix_padding_ms = 250;
  c.tools.push_back({"find_slots", "Free slots for a service",
                     R"({"type":"object","properties":{"service":{"type":"string"}},)"
                     R"("required":["service"]})"});
  c.tools.push_back({"cancel_booking", "Cancel a booking", R"({"type":"object"})"});
  return c;
}

RealtimeServerEvent MustParse(const std::string& text) {
  auto e = ParseRealtimeServerEvent(text);
  INFO(text);
  REQUIRE_MESSAGE(e.ok(), e.status().message());
  return std::move(*e);
}

// Records sink calls as lines, in order.
struct RecordingSink : RealtimeSink {
  std::vector<std::string> calls;
  std::vector<std::vector<int16_t>> audio;
  std::vector<Status> errors;
  void OnSpeechStarted(const std::string& item, int64_t ms) override {
    calls.push_back("started " + item + " " + std::to_string(ms));
  }
  void OnSpeechStopped(const std::string& item, int64_t ms) override {
    calls.push_back("stopped " + item + " " + std::to_string(ms));
  }
  void OnTranscript(const RealtimeTranscriptDelta& t) override {
    calls.push_back(
        std::string(t.source == RealtimeTranscriptDelta::Source::kCaller ? "caller " : "agent ") +
        t.item_id + (t.done ? " done " : " delta ") + t.delta);
  }
  void OnAudio(const RealtimeAudioDelta& a) override {
    calls.push_back("audio " + a.response_id + " " + a.item_id + " " +
                    std::to_string(a.pcm.size()));
    audio.emplace_back(a.pcm.begin(), a.pcm.end());
  }
  void OnToolCall(const voxdesk::dialog::ToolCall& c) override {
    calls.push_back("tool " + c.id + " " + c.name + " " + c.arguments);
  }
  void OnResponseDone(const std::string& id) override { calls.push_back("done " + id); }
  void OnError(const Status& st) override {
    calls.push_back("error");
    errors.push_back(st);
  }
};

}  // namespace

TEST_CASE("openai realtime: session.update in the GA shape, field by field") {
  auto text = BuildSessionUpdate(BookingConfig(), RealtimeDialect::kGa, "evt_1");
  REQUIRE_MESSAGE(text.ok(), text.status().message());
  const json j = J(*text);
  CHECK(j["type"] == "session.update");
  CHECK(j["event_id"] == "evt_1");
  const json& s = j["session"];
  CHECK(s["type"] == "realtime");
  CHECK(s["output_modalities"] == json::array({"audio"}));
  CHECK(s["instructions"] == "You are the receptionist of Bella Salon.");
  CHECK_FALSE(s.contains("model"));  // the URL carries it
  CHECK_FALSE(s.contains("modalities"));
  CHECK_FALSE(s.contains("turn_detection"));
  const json pcm = {{"type", "audio/pcm"}, {"rate", 24000}};
  CHECK(s["audio"]["input"]["format"] == pcm);
  CHECK(s["audio"]["output"]["format"] == pcm);
  CHECK(s["audio"]["output"]["voice"] == "marin");
  const json& td = s["audio"]["input"]["turn_detection"];
  CHECK(td["type"] == "server_vad");
  CHECK(td["silence_duration_ms"] == 650);
  CHECK(td["prefix_padding_ms"] == 250);
  const json& tr = s["audio"]["input"]["transcription"];
  CHECK(tr["model"] == "gpt-4o-mini-transcribe");
  CHECK(tr["language"] == "es");
  REQUIRE(s["tools"].size() == 2);
  CHECK(s["tools"][0]["type"] == "function");
  CHECK(s["tools"][0]["name"] == "find_slots");
  CHECK(s["tools"][0]["description"] == "Free slots for a service");
  CHECK(s["tools"][0]["parameters"]["required"] == json::array({"service"}));
  CHECK(s["tools"][0]["parameters"]["properties"]["service"]["type"] == "string");
  CHECK(s["tools"][1]["parameters"] == json{{"type", "object"}});
}

TEST_CASE("openai realtime: session.update in the beta shape, field by field") {
  auto text = BuildSessionUpdate(BookingConfig(), RealtimeDialect::kBeta);
  REQUIRE(text.ok());
  const json j = J(*text);
  CHECK(j["type"] == "session.update");
  CHECK_FALSE(j.contains("event_id"));
  const json& s = j["session"];
  CHECK_FALSE(s.contains("type"));
  CHECK_FALSE(s.contains("audio"));
  CHECK(s["modalities"] == json::array({"audio", "text"}));
  CHECK(s["instructions"] == "You are the receptionist of Bella Salon.");
  CHECK(s["voice"] == "marin");
  CHECK(s["input_audio_format"] == "pcm16");
  CHECK(s["output_audio_format"] == "pcm16");
  CHECK(s["turn_detection"]["type"] == "server_vad");
  CHECK(s["turn_detection"]["silence_duration_ms"] == 650);
  CHECK(s["turn_detection"]["prefix_padding_ms"] == 250);
  CHECK(s["input_audio_transcription"]["model"] == "whisper-1");
  CHECK(s["input_audio_transcription"]["language"] == "es");
  REQUIRE(s["tools"].size() == 2);
  CHECK(s["tools"][1]["name"] == "cancel_booking");
  CHECK(s["tools"][1]["type"] == "function");
}

TEST_CASE("openai realtime: turn detection, transcription and voice options in both dialects") {
  RealtimeConfig c;
  c.voice.clear();
  c.transcribe_input = false;
  c.turn_detection = RealtimeConfig::TurnDetection::kSemanticVad;
  auto ga = BuildSessionUpdate(c, RealtimeDialect::kGa);
  auto beta = BuildSessionUpdate(c, RealtimeDialect::kBeta);
  REQUIRE(ga.ok());
  REQUIRE(beta.ok());
  json g = J(*ga)["session"], b = J(*beta)["session"];
  CHECK(g["audio"]["input"]["turn_detection"] == json{{"type", "semantic_vad"}});
  CHECK(b["turn_detection"] == json{{"type", "semantic_vad"}});
  // Transcription off is an explicit null, so a reused session turns it off.
  CHECK(g["audio"]["input"]["transcription"].is_null());
  CHECK(b["input_audio_transcription"].is_null());
  CHECK_FALSE(g["audio"]["output"].contains("voice"));
  CHECK_FALSE(b.contains("voice"));
  CHECK(g["tools"] == json::array());

  c.turn_detection = RealtimeConfig::TurnDetection::kNone;
  ga = BuildSessionUpdate(c, RealtimeDialect::kGa);
  beta = BuildSessionUpdate(c, RealtimeDialect::kBeta);
  REQUIRE(ga.ok());
  REQUIRE(beta.ok());
  g = J(*ga)["session"];
  b = J(*beta)["session"];
  REQUIRE(g["audio"]["input"].contains("turn_detection"));
  CHECK(g["audio"]["input"]["turn_detection"].is_null());
  REQUIRE(b.contains("turn_detection"));
  CHECK(b["turn_detection"].is_null());
}

TEST_CASE("openai realtime: session.update rejects a rate other than 24 kHz and bad tool schemas") {
  RealtimeConfig c = BookingConfig();
  for (RealtimeDialect d : {RealtimeDialect::kGa, RealtimeDialect::kBeta}) {
    c.sample_rate = 16000;
    auto r = BuildSessionUpdate(c, d);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK(r.status().message().find("16000") != std::string::npos);
    c.sample_rate = 24000;
    for (const char* bad : {"", "[1,2]", "\"object\"", "{\"type\":", "null"}) {
      CAPTURE(bad);
      RealtimeConfig t = c;
      t.tools[1].parameters = bad;
      auto rt = BuildSessionUpdate(t, d);
      REQUIRE_FALSE(rt.ok());
      CHECK(rt.status().code() == Code::kInvalidArgument);
      CHECK(rt.status().message().find("cancel_booking") != std::string::npos);
    }
    RealtimeConfig unnamed = c;
    unnamed.tools[0].name.clear();
    CHECK(BuildSessionUpdate(unnamed, d).status().code() == Code::kInvalidArgument);
  }
}

TEST_CASE("openai realtime: invalid UTF-8 in caller text is replaced, never thrown") {
  RealtimeConfig c;
  c.instructions = "caf\xC3";  // truncated sequence
  auto r = BuildSessionUpdate(c, RealtimeDialect::kGa);
  REQUIRE(r.ok());
  CHECK(J(*r)["session"]["instructions"] == "caf\xEF\xBF\xBD");
  const json out = J(BuildFunctionCallOutput("call_1", "\xFF"));
  CHECK(out["item"]["output"] == "\xEF\xBF\xBD");
}

TEST_CASE("openai realtime: the small client events, with and without event ids") {
  CHECK(J(BuildInputAudioCommit()) == json{{"type", "input_audio_buffer.commit"}});
  CHECK(J(BuildInputAudioClear("e2")) ==
        json{{"type", "input_audio_buffer.clear"}, {"event_id", "e2"}});
  CHECK(J(BuildResponseCreate()) == json{{"type", "response.create"}});
  CHECK(J(BuildResponseCancel("e3")) == json{{"type", "response.cancel"}, {"event_id", "e3"}});
  CHECK(J(BuildInputAudioCommit("e1")) ==
        json{{"type", "input_audio_buffer.commit"}, {"event_id", "e1"}});

  const json t = J(BuildItemTruncate("item_003", 1530, "e4"));
  CHECK(t == json{{"type", "conversation.item.truncate"},
                  {"event_id", "e4"},
                  {"item_id", "item_003"},
                  {"content_index", 0},
                  {"audio_end_ms", 1530}});

  const json f = J(BuildFunctionCallOutput("call_abc", R"({"slots":["10:00"]})"));
  CHECK(f["type"] == "conversation.item.create");
  CHECK_FALSE(f.contains("event_id"));
  CHECK(f["item"] == json{{"type", "function_call_output"},
                          {"call_id", "call_abc"},
                          {"output", R"({"slots":["10:00"]})"}});
}

TEST_CASE("openai realtime: append is little-endian PCM in base64 and round-trips") {
  const std::vector<int16_t> pcm = {1, -2, 0x1234};
  const json j = J(BuildInputAudioAppend(pcm, "a1"));
  CHECK(j["type"] == "input_audio_buffer.append");
  CHECK(j["event_id"] == "a1");
  CHECK(j["audio"] == "AQD+/zQS");  // 01 00 FE FF 34 12

  std::vector<int16_t> wave;
  for (int i = 0; i < 480; ++i) wave.push_back(static_cast<int16_t>(i * 137 - 32768));
  wave.push_back(32767);
  wave.push_back(-32768);
  auto ev = ParseRealtimeClientEvent(BuildInputAudioAppend(wave));
  REQUIRE(ev.ok());
  CHECK(ev->type == CType::kInputAudioAppend);
  CHECK(ev->pcm == wave);

  auto empty = ParseRealtimeClientEvent(BuildInputAudioAppend({}));
  REQUIRE(empty.ok());
  CHECK(empty->pcm.empty());
}

TEST_CASE("openai realtime: the client parser reads session.update back into the config") {
  const RealtimeConfig c = BookingConfig();
  for (RealtimeDialect d : {RealtimeDialect::kGa, RealtimeDialect::kBeta}) {
    CAPTURE(static_cast<int>(d));
    auto text = BuildSessionUpdate(c, d, "s1");
    REQUIRE(text.ok());
    auto ev = ParseRealtimeClientEvent(*text);
    REQUIRE_MESSAGE(ev.ok(), ev.status().message());
    CHECK(ev->type == CType::kSessionUpdate);
    CHECK(ev->event_id == "s1");
    CHECK(ev->dialect == d);
    CHECK(ev->session.instructions == c.instructions);
    CHECK(ev->session.voice == "marin");
    CHECK(ev->session.sample_rate == 24000);
    CHECK(ev->session.lang == voxdesk::dialog::Lang::kEs);
    CHECK(ev->session.transcribe_input);
    CHECK(ev->has_turn_detection);
    CHECK(ev->session.turn_detection == RealtimeConfig::TurnDetection::kServerVad);
    CHECK(ev->session.vad_silence_ms == 650);
    CHECK(ev->session.vad_prefix_padding_ms == 250);
    REQUIRE(ev->session.tools.size() == 2);
    CHECK(ev->session.tools[0].name == "find_slots");
    CHECK(ev->session.tools[0].description == "Free slots for a service");
    CHECK(J(ev->session.tools[0].parameters) == J(c.tools[0].parameters));
    CHECK(ev->input_audio_format == (d == RealtimeDialect::kGa ? "audio/pcm" : "pcm16"));
    CHECK(ev->output_audio_format == ev->input_audio_format);
    CHECK(ev->modalities == (d == RealtimeDialect::kGa
                                 ? std::vector<std::string>{"audio"}
                                 : std::vector<std::string>{"audio", "text"}));
  }
  RealtimeConfig off;
  off.turn_detection = RealtimeConfig::TurnDetection::kNone;
  off.transcribe_input = false;
  for (RealtimeDialect d : {RealtimeDialect::kGa, RealtimeDialect::kBeta}) {
    auto ev = ParseRealtimeClientEvent(*BuildSessionUpdate(off, d));
    REQUIRE(ev.ok());
    CHECK(ev->has_turn_detection);
    CHECK(ev->session.turn_detection == RealtimeConfig::TurnDetection::kNone);
    CHECK_FALSE(ev->session.transcribe_input);
  }
  // G.711 in the GA shape carries no rate: 8 kHz.
  auto ulaw = ParseRealtimeClientEvent(R"({"type":"session.update","session":{"type":"realtime",)"
                                       R"("audio":{"input":{"format":{"type":"audio/pcmu"}}}}})");
  REQUIRE(ulaw.ok());
  CHECK(ulaw->input_audio_format == "audio/pcmu");
  CHECK(ulaw->session.sample_rate == 8000);
  CHECK_FALSE(ulaw->has_turn_detection);
}

TEST_CASE("openai realtime: the client parser reads truncate, tool output and bare events") {
  auto t = ParseRealtimeClientEvent(BuildItemTruncate("item_9", 2400, "t1"));
  REQUIRE(t.ok());
  CHECK(t->type == CType::kItemTruncate);
  CHECK(t->item_id == "item_9");
  CHECK(t->content_index == 0);
  CHECK(t->audio_end_ms == 2400);
  CHECK(t->event_id == "t1");

  auto o = ParseRealtimeClientEvent(BuildFunctionCallOutput("call_7", R"({"ok":true})"));
  REQUIRE(o.ok());
  CHECK(o->type == CType::kItemCreate);
  CHECK(o->item_type == "function_call_output");
  CHECK(o->call_id == "call_7");
  CHECK(o->output == R"({"ok":true})");

  CHECK(ParseRealtimeClientEvent(BuildInputAudioCommit())->type == CType::kInputAudioCommit);
  CHECK(ParseRealtimeClientEvent(BuildInputAudioClear())->type == CType::kInputAudioClear);
  CHECK(ParseRealtimeClientEvent(BuildResponseCreate())->type == CType::kResponseCreate);
  CHECK(ParseRealtimeClientEvent(BuildResponseCancel())->type == CType::kResponseCancel);

  // A user message item needs no call_id.
  auto msg = ParseRealtimeClientEvent(
      R"({"type":"conversation.item.create","item":{"type":"message","role":"user",)"
      R"("content":[{"type":"input_text","text":"hi"}]}})");
  REQUIRE(msg.ok());
  CHECK(msg->item_type == "message");
  CHECK(msg->call_id.empty());

  auto unknown = ParseRealtimeClientEvent(R"({"type":"output_audio_buffer.clear"})");
  REQUIRE(unknown.ok());
  CHECK(unknown->type == CType::kUnknown);
  CHECK(unknown->type_name == "output_audio_buffer.clear");
}

TEST_CASE("openai realtime: the client parser rejects malformed events with the field named") {
  struct Bad {
    const char* json;
    const char* says;
  };
  const Bad cases[] = {
      {"not json", "not valid JSON"},
      {"[1]", "not a JSON object"},
      {R"({"event_id":"x"})", "'type' is missing"},
      {R"({"type":5})", "'type' must be a string"},
      {R"({"type":"input_audio_buffer.append"})", "'audio' is missing"},
      {R"({"type":"input_audio_buffer.append","audio":"AQD+"})", "odd number of bytes (3)"},
      {R"({"type":"input_audio_buffer.append","audio":"AQ=="})", "odd number of bytes (1)"},
      {R"({"type":"input_audio_buffer.append","audio":"A*=="})", "not valid base64"},
      {R"({"type":"input_audio_buffer.append","audio":7})", "'audio' must be a string"},
      {R"({"type":"conversation.item.truncate","item_id":"i","content_index":0})",
       "'audio_end_ms' is missing"},
      {R"({"type":"conversation.item.truncate","item_id":"i","content_index":0,)"
       R"("audio_end_ms":-5})",
       "not negative"},
      {R"({"type":"conversation.item.truncate","item_id":"i","content_index":0,)"
       R"("audio_end_ms":1.5})",
       "whole number"},
      {R"({"type":"conversation.item.create","item":{"type":"function_call_output","output":"1"}})",
       "'call_id' is missing"},
      {R"({"type":"conversation.item.create","item":"x"})", "'item' must be an object"},
      {R"({"type":"session.update"})", "'session' is missing"},
      {R"({"type":"session.update","session":{"type":"transcription"}})", "not supported"},
      {R"({"type":"session.update","session":{"type":"realtime","audio":{"input":)"
       R"({"turn_detection":{"type":"push_to_talk"}}}}})",
       "unknown type 'push_to_talk'"},
      {R"({"type":"session.update","session":{"tools":[{"type":"function"}]}})",
       "'name' is missing"},
      {R"({"type":"session.update","session":{"tools":{}}})", "'tools' must be an array"},
      {R"({"type":"session.update","session":{"modalities":[1]}})", "must hold strings"},
  };
  for (const Bad& b : cases) {
    CAPTURE(b.json);
    auto r = ParseRealtimeClientEvent(b.json);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK_MESSAGE(r.status().message().find(b.says) != std::string::npos, r.status().message());
  }
}

// Samples shaped as the API reference shows them (ids shortened).
TEST_CASE("openai realtime: every server event parses from a reference sample") {
  auto e = MustParse(
      R"({"type":"session.created","event_id":"event_C9G5RJeJ2gF77mV7f2B1j","session":)"
      R"({"type":"realtime","object":"realtime.session","id":"sess_C9G5QPteg4UIbotdKLoYQ",)"
      R"("model":"gpt-realtime-2025-08-28","output_modalities":["audio"],"instructions":"",)"
      R"("tools":[],"tool_choice":"auto","max_output_tokens":"inf","tracing":null,"prompt":null,)"
      R"("expires_at":1756324625,"audio":{"input":{"format":{"type":"audio/pcm","rate":24000},)"
      R"("transcription":null,"noise_reduction":null,"turn_detection":{"type":"server_vad",)"
      R"("threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":200,"idle_timeout_ms":null,)"
      R"("create_response":true,"interrupt_response":true}},"output":{"format":)"
      R"({"type":"audio/pcm","rate":24000},"voice":"marin","speed":1}},"include":null}})");
  CHECK(e.type == SType::kSessionCreated);
  CHECK(e.dialect == RealtimeDialect::kGa);
  CHECK(e.event_id == "event_C9G5RJeJ2gF77mV7f2B1j");
  CHECK(e.session_id == "sess_C9G5QPteg4UIbotdKLoYQ");

  e = MustParse(R"({"type":"session.updated","event_id":"event_5678","session":)"
                R"({"id":"sess_001","object":"realtime.session","type":"realtime"}})");
  CHECK(e.type == SType::kSessionUpdated);
  CHECK(e.session_id == "sess_001");

  e = MustParse(R"({"event_id":"event_1516","type":"input_audio_buffer.speech_started",)"
                R"("audio_start_ms":1000,"item_id":"msg_003"})");
  CHECK(e.type == SType::kSpeechStarted);
  CHECK(e.item_id == "msg_003");
  CHECK(e.audio_start_ms == 1000);

  e = MustParse(R"({"event_id":"event_1718","type":"input_audio_buffer.speech_stopped",)"
                R"("audio_end_ms":2000,"item_id":"msg_003"})");
  CHECK(e.type == SType::kSpeechStopped);
  CHECK(e.audio_end_ms == 2000);

  e = MustParse(R"({"event_id":"event_1121","type":"input_audio_buffer.committed",)"
                R"("previous_item_id":"msg_001","item_id":"msg_002"})");
  CHECK(e.type == SType::kInputAudioCommitted);
  CHECK(e.item_id == "msg_002");
  CHECK(e.previous_item_id == "msg_001");

  e = MustParse(R"({"event_id":"event_1920","type":"conversation.item.created",)"
                R"("previous_item_id":"msg_002","item":{"id":"msg_003","object":"realtime.item",)"
                R"("type":"message","status":"completed","role":"user","content":[]}})");
  CHECK(e.type == SType::kItemCreated);
  CHECK(e.item_id == "msg_003");
  CHECK(e.item_type == "message");
  CHECK(e.item_role == "user");
  CHECK(e.item_status == "completed");
  CHECK(e.previous_item_id == "msg_002");

  e = MustParse(R"({"type":"conversation.item.added","event_id":"event_C9G8pjSJCfRNEhMEnYAVy",)"
                R"("previous_item_id":null,"item":{"id":"item_C9G8pGVKYnaZu8PH5YQ9O",)"
                R"("type":"message","status":"completed","role":"user",)"
                R"("content":[{"type":"input_text","text":"hi"}]}})");
  CHECK(e.type == SType::kItemAdded);
  CHECK(e.previous_item_id.empty());
  CHECK(e.item_id == "item_C9G8pGVKYnaZu8PH5YQ9O");

  e = MustParse(R"({"type":"conversation.item.done","event_id":"event_CCXLgMZPo3qioWCeQa4WH",)"
                R"("previous_item_id":"item_CCXLecNJVIVR2HUy3ABLj","item":{"id":"item_CCXLfxmM5",)"
                R"("type":"function_call","status":"completed","name":"find_slots",)"
                R"("call_id":"call_Mx1","arguments":"{\"service\":\"haircut\"}"}})");
  CHECK(e.type == SType::kItemDone);
  CHECK(e.item_type == "function_call");
  CHECK(e.call_id == "call_Mx1");
  CHECK(e.name == "find_slots");
  CHECK(e.arguments == R"({"service":"haircut"})");

  e = MustParse(R"({"type":"conversation.item.input_audio_transcription.delta",)"
                R"("event_id":"event_001","item_id":"item_001","content_index":0,"delta":"Hel"})");
  CHECK(e.type == SType::kInputTranscriptDelta);
  CHECK(e.text == "Hel");

  e = MustParse(
      R"({"type":"conversation.item.input_audio_transcription.completed",)"
      R"("event_id":"event_CCXGRvtUVrax5SJAnNOWZ","item_id":"item_CCXGQ4e1ht4cOraEYcuR2",)"
      R"("content_index":0,"transcript":"Hey, can you hear me?","usage":)"
      R"({"type":"tokens","total_tokens":22,"input_tokens":13,"input_token_details":)"
      R"({"text_tokens":0,"audio_tokens":13},"output_tokens":9}})");
  CHECK(e.type == SType::kInputTranscriptCompleted);
  CHECK(e.item_id == "item_CCXGQ4e1ht4cOraEYcuR2");
  CHECK(e.text == "Hey, can you hear me?");

  e = MustParse(R"({"event_id":"event_2324","type":)"
                R"("conversation.item.input_audio_transcription.failed","item_id":"msg_003",)"
                R"("content_index":0,"error":{"type":"transcription_error",)"
                R"("code":"audio_unintelligible","message":"The audio could not be transcribed.",)"
                R"("param":null}})");
  CHECK(e.type == SType::kInputTranscriptFailed);
  CHECK(e.error_type == "transcription_error");
  CHECK(e.error_code == "audio_unintelligible");
  CHECK(e.error_message == "The audio could not be transcribed.");

  e = MustParse(R"({"type":"response.created","event_id":"event_C9G8pqbTEddBSIxbBN6Os",)"
                R"("response":{"object":"realtime.response","id":"resp_C9G8p7IH2WxLbkgPNouYL",)"
                R"("status":"in_progress","status_details":null,"output":[],"conversation_id":)"
                R"("conv_C9G8mmBkLhQJwCon3hoJN","output_modalities":["audio"],)"
                R"("max_output_tokens":"inf","audio":{"output":{"format":{"type":"audio/pcm",)"
                R"("rate":24000},"voice":"marin"}},"usage":null,"metadata":null}})");
  CHECK(e.type == SType::kResponseCreated);
  CHECK(e.response_id == "resp_C9G8p7IH2WxLbkgPNouYL");
  CHECK(e.status == RealtimeResponseStatus::kInProgress);

  e = MustParse(R"({"type":"response.output_audio.delta","event_id":"event_CCXGSqx4",)"
                R"("response_id":"resp_CCXGRxbY0n6WE4EszhuP5","item_id":"item_CCXGRxU5",)"
                R"("output_index":0,"content_index":0,"delta":"AQD+/zQS"})");
  CHECK(e.type == SType::kAudioDelta);
  CHECK(e.response_id == "resp_CCXGRxbY0n6WE4EszhuP5");
  CHECK(e.item_id == "item_CCXGRxU5");
  CHECK(e.pcm == std::vector<int16_t>{1, -2, 0x1234});

  e = MustParse(R"({"event_id":"event_5152","type":"response.output_audio.done",)"
                R"("response_id":"resp_001","item_id":"msg_008","output_index":0,)"
                R"("content_index":0})");
  CHECK(e.type == SType::kAudioDone);
  CHECK(e.item_id == "msg_008");

  e = MustParse(R"({"type":"response.output_audio_transcript.delta","event_id":"event_CCXG",)"
                R"("response_id":"resp_CCXGRxbY0n6WE4EszhuP5","item_id":"item_CCXGRxU5",)"
                R"("output_index":1,"content_index":2,"delta":"Loud"})");
  CHECK(e.type == SType::kAudioTranscriptDelta);
  CHECK(e.text == "Loud");
  CHECK(e.output_index == 1);
  CHECK(e.content_index == 2);

  e = MustParse(R"({"type":"response.output_audio_transcript.done","event_id":"event_CCXH",)"
                R"("response_id":"resp_CCXGRxbY0n6WE4EszhuP5","item_id":"item_CCXGRxU5",)"
                R"("output_index":0,"content_index":0,"transcript":"Loud and clear!"})");
  CHECK(e.type == SType::kAudioTranscriptDone);
  CHECK(e.text == "Loud and clear!");

  e = MustParse(R"({"event_id":"event_4142","type":"response.output_text.delta",)"
                R"("response_id":"resp_001","item_id":"msg_007","output_index":0,)"
                R"("content_index":0,"delta":"Sure, I can h"})");
  CHECK(e.type == SType::kTextDelta);
  CHECK(e.text == "Sure, I can h");

  e = MustParse(R"({"event_id":"event_5354","type":"response.function_call_arguments.delta",)"
                R"("response_id":"resp_002","item_id":"fc_001","output_index":0,)"
                R"("call_id":"call_001","delta":"{\"location\": \"San\""})");
  CHECK(e.type == SType::kFunctionCallArgumentsDelta);
  CHECK(e.call_id == "call_001");
  CHECK(e.text == R"({"location": "San")");

  e = MustParse(R"({"event_id":"event_5556","type":"response.function_call_arguments.done",)"
                R"("response_id":"resp_002","item_id":"fc_001","output_index":0,)"
                R"("call_id":"call_001","name":"get_weather",)"
                R"("arguments":"{\"location\": \"San Francisco\"}"})");
  CHECK(e.type == SType::kFunctionCallArgumentsDone);
  CHECK(e.call_id == "call_001");
  CHECK(e.name == "get_weather");
  CHECK(e.arguments == R"({"location": "San Francisco"})");
  CHECK(e.item_id == "fc_001");

  e = MustParse(
      R"({"type":"response.done","event_id":"event_CCXHxcMy86rrKhBLDdqCh",)"
      R"("response":{"object":"realtime.response","id":"resp_CCXHw0UJld10EzIUXQCNh",)"
      R"("status":"completed","status_details":null,"output":[{"id":"item_CCXHwGjjDUfOX",)"
      R"("type":"message","status":"completed","role":"assistant","content":[{"type":)"
      R"("output_audio","transcript":"Loud and clear! I can hear you perfectly."}]}],)"
      R"("conversation_id":"conv_CCXHsurMKcaVxIZvaCI5m","output_modalities":["audio"],)"
      R"("usage":{"total_tokens":253,"input_tokens":132,"output_tokens":121}}})");
  CHECK(e.type == SType::kResponseDone);
  CHECK(e.response_id == "resp_CCXHw0UJld10EzIUXQCNh");
  CHECK(e.status == RealtimeResponseStatus::kCompleted);

  e = MustParse(R"({"type":"response.done","event_id":"e","response":{"id":"resp_9",)"
                R"("status":"cancelled","status_details":{"type":"cancelled",)"
                R"("reason":"turn_detected"}}})");
  CHECK(e.status == RealtimeResponseStatus::kCancelled);
  CHECK(e.status_reason == "turn_detected");
  e = MustParse(R"({"type":"response.done","event_id":"e","response":{"id":"resp_9",)"
                R"("status":"failed","status_details":{"type":"failed","error":)"
                R"({"type":"server_error","code":"internal"}}}})");
  CHECK(e.status == RealtimeResponseStatus::kFailed);
  CHECK(e.status_error_type == "server_error");
  CHECK(e.status_error_code == "internal");
  e = MustParse(R"({"type":"response.done","response":{"id":"r","status":"incomplete"}})");
  CHECK(e.status == RealtimeResponseStatus::kIncomplete);
  e = MustParse(R"({"type":"response.done","response":{"id":"r","status":"paused"}})");
  CHECK(e.status == RealtimeResponseStatus::kOther);
  CHECK(e.status_text == "paused");

  e = MustParse(R"({"event_id":"event_5758","type":"rate_limits.updated","rate_limits":[)"
                R"({"name":"requests","limit":1000,"remaining":999,"reset_seconds":60},)"
                R"({"name":"tokens","limit":50000,"remaining":49950,"reset_seconds":60.5}]})");
  CHECK(e.type == SType::kRateLimitsUpdated);
  REQUIRE(e.rate_limits.size() == 2);
  CHECK(e.rate_limits[0].name == "requests");
  CHECK(e.rate_limits[0].remaining == 999);
  CHECK(e.rate_limits[1].limit == 50000);
  CHECK(e.rate_limits[1].reset_seconds == doctest::Approx(60.5));

  e = MustParse(R"({"event_id":"event_890","type":"error","error":{"type":)"
                R"("invalid_request_error","code":"invalid_event","message":)"
                R"("The 'type' field is missing.","param":null,"event_id":"event_567"}})");
  CHECK(e.type == SType::kError);
  CHECK(e.error_type == "invalid_request_error");
  CHECK(e.error_code == "invalid_event");
  CHECK(e.error_message == "The 'type' field is missing.");
  CHECK(e.error_event_id == "event_567");
  CHECK(e.error_param.empty());
}

TEST_CASE("openai realtime: beta names parse as the same events, marked beta") {
  struct Case {
    const char* json;
    SType type;
  };
  const Case cases[] = {
      {R"({"type":"response.audio.delta","event_id":"e","response_id":"r","item_id":"i",)"
       R"("output_index":0,"content_index":0,"delta":"AAABAA=="})",
       SType::kAudioDelta},
      {R"({"type":"response.audio.done","response_id":"r","item_id":"i","output_index":0,)"
       R"("content_index":0})",
       SType::kAudioDone},
      {R"({"type":"response.audio_transcript.delta","response_id":"r","item_id":"i",)"
       R"("output_index":0,"content_index":0,"delta":"Hi"})",
       SType::kAudioTranscriptDelta},
      {R"({"type":"response.audio_transcript.done","response_id":"r","item_id":"i",)"
       R"("output_index":0,"content_index":0,"transcript":"Hi there"})",
       SType::kAudioTranscriptDone},
      {R"({"type":"response.text.delta","response_id":"r","item_id":"i","output_index":0,)"
       R"("content_index":0,"delta":"Hi"})",
       SType::kTextDelta},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    auto e = MustParse(c.json);
    CHECK(e.type == c.type);
    CHECK(e.dialect == RealtimeDialect::kBeta);
    CHECK(e.response_id == "r");
    CHECK(e.item_id == "i");
  }
  CHECK(MustParse(cases[0].json).pcm == std::vector<int16_t>{0, 1});
  // Beta arguments.done events may carry no name.
  auto e = MustParse(R"({"type":"response.function_call_arguments.done","response_id":"r",)"
                     R"("item_id":"i","output_index":0,"call_id":"c","arguments":"{}"})");
  CHECK(e.name.empty());
  CHECK(e.arguments == "{}");
}

TEST_CASE("openai realtime: server events with missing or wrong-typed required fields fail") {
  struct Bad {
    const char* json;
    const char* says;
  };
  const Bad cases[] = {
      {"", "not valid JSON"},
      {"{\"type\":\"error\"", "not valid JSON"},
      {"\"error\"", "not a JSON object"},
      {R"({"event_id":"e"})", "'type' is missing"},
      {R"({"type":null})", "'type' is missing"},
      {R"({"type":["error"]})", "'type' must be a string"},
      {R"({"type":"input_audio_buffer.speech_started","item_id":"i"})",
       "input_audio_buffer.speech_started: field 'audio_start_ms' is missing"},
      {R"({"type":"input_audio_buffer.speech_started","item_id":"i","audio_start_ms":"10"})",
       "'audio_start_ms' must be a whole number"},
      {R"({"type":"input_audio_buffer.speech_started","item_id":"i","audio_start_ms":-1})",
       "not negative"},
      {R"({"type":"input_audio_buffer.speech_started","item_id":"i",)"
       R"("audio_start_ms":18446744073709551615})",
       "in range"},
      {R"({"type":"input_audio_buffer.speech_stopped","audio_end_ms":5})", "'item_id' is missing"},
      {R"({"type":"input_audio_buffer.committed","item_id":3})", "'item_id' must be a string"},
      {R"({"type":"conversation.item.created"})", "'item' is missing"},
      {R"({"type":"conversation.item.done","item":{"id":"x"}})", "item: field 'type' is missing"},
      {R"({"type":"conversation.item.input_audio_transcription.completed","item_id":"i"})",
       "'transcript' is missing"},
      {R"({"type":"conversation.item.input_audio_transcription.delta","item_id":"i","delta":1})",
       "'delta' must be a string"},
      {R"({"type":"response.created","response":"resp_1"})", "'response' must be an object"},
      {R"({"type":"response.done","response":{}})", "response: field 'id' is missing"},
      {R"({"type":"response.done","response":{"id":"r","status_details":{"reason":4}}})",
       "'reason' must be a string"},
      {R"({"type":"response.output_audio.delta","response_id":"r","item_id":"i",)"
       R"("output_index":0,"content_index":0,"delta":"AQD+"})",
       "odd number of bytes (3)"},
      {R"({"type":"response.output_audio.delta","response_id":"r","item_id":"i","delta":"A"})",
       "not valid base64"},
      {R"({"type":"response.audio.delta","response_id":"r","item_id":"i"})",
       "response.audio.delta: field 'delta' is missing"},
      {R"({"type":"response.output_audio.delta","item_id":"i","delta":""})",
       "'response_id' is missing"},
      {R"({"type":"response.output_audio.delta","response_id":"r","item_id":"i",)"
       R"("output_index":"0","delta":""})",
       "'output_index' must be a whole number"},
      {R"({"type":"response.output_audio_transcript.done","response_id":"r","item_id":"i"})",
       "'transcript' is missing"},
      {R"({"type":"response.function_call_arguments.done","call_id":"c"})",
       "'arguments' is missing"},
      {R"({"type":"response.function_call_arguments.done","arguments":"{}"})",
       "'call_id' is missing"},
      {R"({"type":"response.function_call_arguments.delta","call_id":"c"})", "'delta' is missing"},
      {R"({"type":"rate_limits.updated","rate_limits":{}})", "'rate_limits' must be an array"},
      {R"({"type":"rate_limits.updated","rate_limits":[1]})", "must be an object"},
      {R"({"type":"rate_limits.updated","rate_limits":[{"reset_seconds":"soon"}]})",
       "'reset_seconds' must be a number"},
      {R"({"type":"error"})", "'error' is missing"},
      {R"({"type":"error","error":{"type":"server_error"}})", "'message' is missing"},
      {R"({"type":"error","error":{"message":"m","type":"t","code":5}})",
       "'code' must be a string"},
      {R"({"type":"session.created"})", "'session' is missing"},
  };
  for (const Bad& b : cases) {
    CAPTURE(b.json);
    auto r = ParseRealtimeServerEvent(b.json);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK_MESSAGE(r.status().message().find(b.says) != std::string::npos, r.status().message());
  }
}

TEST_CASE("openai realtime: unknown server events keep their type and reach no sink") {
  RecordingSink sink;
  for (const char* text :
       {R"({"type":"output_audio_buffer.started","event_id":"e1","response_id":"r"})",
        R"({"type":"response.content_part.added","part":7})",
        R"({"type":"conversation.item.input_audio_transcription.segment"})", R"({"type":""})"}) {
    auto e = MustParse(text);
    CHECK(e.type == SType::kUnknown);
    CHECK(e.type_name == J(text)["type"].get<std::string>());
    DispatchRealtimeEvent(e, sink);
  }
  CHECK(MustParse(R"({"type":"output_audio_buffer.started","event_id":"e1"})").event_id == "e1");
  // A wrongly typed event_id is dropped, not fatal.
  CHECK(MustParse(R"({"type":"response.text.done","event_id":5})").event_id.empty());
  CHECK(sink.calls.empty());
}

TEST_CASE("openai realtime: dispatch maps a call's events to the sink in order") {
  const char* stream[] = {
      R"({"type":"session.created","event_id":"e0","session":{"id":"sess_1"}})",
      R"({"type":"input_audio_buffer.speech_started","audio_start_ms":820,"item_id":"item_u1"})",
      R"({"type":"input_audio_buffer.speech_stopped","audio_end_ms":2410,"item_id":"item_u1"})",
      R"({"type":"input_audio_buffer.committed","item_id":"item_u1","previous_item_id":null})",
      R"({"type":"conversation.item.added","item":{"id":"item_u1","type":"message","role":"user"}})",
      R"({"type":"conversation.item.input_audio_transcription.delta","item_id":"item_u1",)"
      R"("content_index":0,"delta":"A haircut"})",
      R"({"type":"conversation.item.input_audio_transcription.completed","item_id":"item_u1",)"
      R"("content_index":0,"transcript":"A haircut tomorrow"})",
      R"({"type":"response.created","response":{"id":"resp_1","status":"in_progress"}})",
      R"({"type":"response.function_call_arguments.delta","response_id":"resp_1",)"
      R"("item_id":"item_f","output_index":0,"call_id":"call_1","delta":"{\"serv"})",
      R"({"type":"response.function_call_arguments.done","response_id":"resp_1",)"
      R"("item_id":"item_f","output_index":0,"call_id":"call_1","name":"find_slots",)"
      R"("arguments":"{\"service\":\"haircut\"}"})",
      R"({"type":"response.done","response":{"id":"resp_1","status":"completed"}})",
      R"({"type":"response.output_audio_transcript.delta","response_id":"resp_2",)"
      R"("item_id":"item_a","output_index":0,"content_index":0,"delta":"At ten"})",
      R"({"type":"response.audio.delta","response_id":"resp_2","item_id":"item_a",)"
      R"("output_index":0,"content_index":0,"delta":"AQD+/zQS"})",
      R"({"type":"response.output_text.delta","response_id":"resp_2","item_id":"item_a",)"
      R"("output_index":0,"content_index":0,"delta":"ignored"})",
      R"({"type":"response.output_audio.done","response_id":"resp_2","item_id":"item_a",)"
      R"("output_index":0,"content_index":0})",
      R"({"type":"response.audio_transcript.done","response_id":"resp_2","item_id":"item_a",)"
      R"("output_index":0,"content_index":0,"transcript":"At ten?"})",
      R"({"type":"conversation.item.input_audio_transcription.failed","item_id":"item_u2",)"
      R"("content_index":0,"error":{"type":"transcription_error","message":"no"}})",
      R"({"type":"rate_limits.updated","rate_limits":[]})",
      R"({"type":"response.done","response":{"id":"resp_2","status":"cancelled"}})",
      R"({"type":"error","error":{"type":"invalid_request_error","code":"invalid_value",)"
      R"("message":"Bad item","event_id":"evt_9"}})",
      R"({"type":"error","error":{"type":"server_error","message":"Try again"}})",
  };
  RecordingSink sink;
  for (const char* text : stream) DispatchRealtimeEvent(MustParse(text), sink);
  const std::vector<std::string> want = {
      "started item_u1 820",
      "stopped item_u1 2410",
      "caller item_u1 delta A haircut",
      "caller item_u1 done A haircut tomorrow",
      R"(tool call_1 find_slots {"service":"haircut"})",
      "done resp_1",
      "agent item_a delta At ten",
      "audio resp_2 item_a 3",
      "agent item_a done At ten?",
      "done resp_2",
      "error",
      "error",
  };
  CHECK(sink.calls == want);
  REQUIRE(sink.audio.size() == 1);
  CHECK(sink.audio[0] == std::vector<int16_t>{1, -2, 0x1234});
  REQUIRE(sink.errors.size() == 2);
  CHECK(sink.errors[0].code() == Code::kInvalidArgument);
  CHECK(sink.errors[0].message().find("invalid_value") != std::string::npos);
  CHECK(sink.errors[0].message().find("Bad item") != std::string::npos);
  CHECK(sink.errors[0].message().find("evt_9") != std::string::npos);
  CHECK(sink.errors[1].code() == Code::kUnavailable);
  CHECK(sink.errors[1].message().find("Try again") != std::string::npos);
}

TEST_CASE("openai realtime: the audio span borrows the event's samples") {
  struct SpanSink : RecordingSink {
    const int16_t* data = nullptr;
    size_t size = 0;
    void OnAudio(const RealtimeAudioDelta& a) override {
      data = a.pcm.data();
      size = a.pcm.size();
    }
  } sink;
  auto e = MustParse(R"({"type":"response.output_audio.delta","response_id":"r","item_id":"i",)"
                     R"("output_index":0,"content_index":0,"delta":"AQD+/zQS"})");
  DispatchRealtimeEvent(e, sink);
  CHECK(sink.data == e.pcm.data());
  CHECK(sink.size == 3);
}

TEST_CASE("openai realtime: every server event encodes for the fake and parses back") {
  RealtimeServerEvent base;
  base.event_id = "event_42";
  base.session_id = "sess_1";
  base.item_id = "item_7";
  base.previous_item_id = "item_6";
  base.response_id = "resp_3";
  base.output_index = 1;
  base.content_index = 2;
  base.audio_start_ms = 120;
  base.audio_end_ms = 980;
  base.text = "Tuesday at 10";
  base.pcm = {0, 1, -1, 32767, -32768};
  base.item_type = "function_call";
  base.item_role = "assistant";
  base.item_status = "completed";
  base.call_id = "call_5";
  base.name = "book";
  base.arguments = R"({"slot":"10:00"})";
  base.status_text = "cancelled";
  base.status_reason = "client_cancelled";
  base.status_error_type = "t";
  base.status_error_code = "c";
  base.error_type = "invalid_request_error";
  base.error_code = "bad";
  base.error_message = "Bad thing";
  base.error_param = "session.voice";
  base.error_event_id = "client_1";
  base.rate_limits = {{"requests", 100, 99, 1.5}};
  for (RealtimeDialect d : {RealtimeDialect::kGa, RealtimeDialect::kBeta}) {
    for (int t = static_cast<int>(SType::kSessionCreated); t <= static_cast<int>(SType::kError);
         ++t) {
      RealtimeServerEvent in = base;
      in.type = static_cast<SType>(t);
      const std::string text = EncodeRealtimeServerEvent(in, d);
      CAPTURE(text);
      const RealtimeServerEvent out = MustParse(text);
      CHECK(out.type == in.type);
      CHECK(out.type_name == RealtimeServerEventName(in.type, d));
      CHECK(out.event_id == "event_42");
      const bool renamed = RealtimeServerEventName(in.type, RealtimeDialect::kGa) !=
                           RealtimeServerEventName(in.type, RealtimeDialect::kBeta);
      CHECK(out.dialect == (renamed ? d : RealtimeDialect::kGa));
      switch (in.type) {
        case SType::kSessionCreated:
        case SType::kSessionUpdated:
          CHECK(out.session_id == in.session_id);
          break;
        case SType::kSpeechStarted:
          CHECK(out.item_id == in.item_id);
          CHECK(out.audio_start_ms == in.audio_start_ms);
          break;
        case SType::kSpeechStopped:
          CHECK(out.audio_end_ms == in.audio_end_ms);
          break;
        case SType::kInputAudioCommitted:
        case SType::kItemCreated:
        case SType::kItemAdded:
        case SType::kItemDone:
          CHECK(out.item_id == in.item_id);
          CHECK(out.previous_item_id == in.previous_item_id);
          if (in.type != SType::kInputAudioCommitted) {
            CHECK(out.item_type == in.item_type);
            CHECK(out.item_role == in.item_role);
            CHECK(out.item_status == in.item_status);
            CHECK(out.call_id == in.call_id);
            CHECK(out.name == in.name);
            CHECK(out.arguments == in.arguments);
          }
          break;
        case SType::kInputTranscriptDelta:
        case SType::kInputTranscriptCompleted:
        case SType::kTextDelta:
        case SType::kAudioTranscriptDelta:
        case SType::kAudioTranscriptDone:
        case SType::kFunctionCallArgumentsDelta:
          CHECK(out.text == in.text);
          CHECK(out.item_id == in.item_id);
          break;
        case SType::kInputTranscriptFailed:
        case SType::kError:
          CHECK(out.error_type == in.error_type);
          CHECK(out.error_code == in.error_code);
          CHECK(out.error_message == in.error_message);
          CHECK(out.error_param == in.error_param);
          CHECK(out.error_event_id == in.error_event_id);
          break;
        case SType::kResponseCreated:
        case SType::kResponseDone:
          CHECK(out.response_id == in.response_id);
          CHECK(out.status == RealtimeResponseStatus::kCancelled);
          CHECK(out.status_reason == in.status_reason);
          CHECK(out.status_error_type == in.status_error_type);
          CHECK(out.status_error_code == in.status_error_code);
          break;
        case SType::kAudioDelta:
          CHECK(out.pcm == in.pcm);
          [[fallthrough]];
        case SType::kAudioDone:
          CHECK(out.response_id == in.response_id);
          CHECK(out.item_id == in.item_id);
          CHECK(out.output_index == 1);
          CHECK(out.content_index == 2);
          break;
        case SType::kFunctionCallArgumentsDone:
          CHECK(out.call_id == in.call_id);
          CHECK(out.name == in.name);
          CHECK(out.arguments == in.arguments);
          CHECK(out.response_id == in.response_id);
          break;
        case SType::kRateLimitsUpdated:
          REQUIRE(out.rate_limits.size() == 1);
          CHECK(out.rate_limits[0].name == "requests");
          CHECK(out.rate_limits[0].limit == 100);
          CHECK(out.rate_limits[0].remaining == 99);
          CHECK(out.rate_limits[0].reset_seconds == doctest::Approx(1.5));
          break;
        case SType::kUnknown:
          break;
      }
    }
  }
  RealtimeServerEvent unknown;
  unknown.type_name = "output_audio_buffer.cleared";
  const RealtimeServerEvent back = MustParse(EncodeRealtimeServerEvent(unknown));
  CHECK(back.type == SType::kUnknown);
  CHECK(back.type_name == "output_audio_buffer.cleared");
  // response.done requires response.id, so an empty one is still written.
  RealtimeServerEvent done;
  done.type = SType::kResponseDone;
  const RealtimeServerEvent done_back = MustParse(EncodeRealtimeServerEvent(done));
  CHECK(done_back.type == SType::kResponseDone);
  CHECK(done_back.response_id.empty());
}

TEST_CASE("openai realtime: server event names in each dialect") {
  CHECK(RealtimeServerEventName(SType::kAudioDelta, RealtimeDialect::kGa) ==
        "response.output_audio.delta");
  CHECK(RealtimeServerEventName(SType::kAudioDelta, RealtimeDialect::kBeta) ==
        "response.audio.delta");
  CHECK(RealtimeServerEventName(SType::kAudioTranscriptDone, RealtimeDialect::kBeta) ==
        "response.audio_transcript.done");
  CHECK(RealtimeServerEventName(SType::kTextDelta, RealtimeDialect::kGa) ==
        "response.output_text.delta");
  CHECK(RealtimeServerEventName(SType::kTextDelta, RealtimeDialect::kBeta) ==
        "response.text.delta");
  CHECK(RealtimeServerEventName(SType::kItemAdded, RealtimeDialect::kBeta) ==
        "conversation.item.added");
  CHECK(RealtimeServerEventName(SType::kUnknown, RealtimeDialect::kGa).empty());
}
