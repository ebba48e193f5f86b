// The OpenAI Realtime event codec on arbitrary bytes, read both as a server
// event and as a client event: nothing may crash or throw. An accepted
// server event is dispatched to a sink that checks what it is handed
// against the event (the audio span is the event's own samples, text and
// ids are passed through, one callback at most), and must survive the fake
// server's encoder: encoding it and parsing the result gives the same
// event. An accepted client event is rebuilt with the adapter's builders
// and must parse back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "providers/openai_realtime_events.h"

using namespace voxdesk::providers;
using Type = RealtimeServerEventType;

namespace {

void Check(bool ok) {
  if (!ok) abort();
}

class CheckingSink : public RealtimeSink {
 public:
  explicit CheckingSink(const RealtimeServerEvent& e) : e_(e) {}
  int calls = 0;

  void OnSpeechStarted(const std::string& item_id, int64_t ms) override {
    ++calls;
    Check(e_.type == Type::kSpeechStarted && item_id == e_.item_id && ms == e_.audio_start_ms);
  }
  void OnSpeechStopped(const std::string& item_id, int64_t ms) override {
    ++calls;
    Check(e_.type == Type::kSpeechStopped && item_id == e_.item_id && ms == e_.audio_end_ms);
  }
  void OnTranscript(const RealtimeTranscriptDelta& t) override {
    ++calls;
    const bool caller =
        e_.type == Type::kInputTranscriptDelta || e_.type == Type::kInputTranscriptCompleted;
    const bool agent =
        e_.type == Type::kAudioTranscriptDelta || e_.type == Type::kAudioTranscriptDone;
    Check(caller || agent);
    Check((t.source == RealtimeTranscriptDelta::Source::kCaller) == caller);
    Check(t.done ==
          (e_.type == Type::kInputTranscriptCompleted || e_.type == Type::kAudioTranscriptDone));
    Check(t.item_id == e_.item_id && t.delta == e_.text);
  }
  void OnAudio(const RealtimeAudioDelta& a) override {
    ++calls;
    Check(e_.type == Type::kAudioDelta);
    Check(a.pcm.data() == e_.pcm.data() && a.pcm.size() == e_.pcm.size());
    Check(a.response_id == e_.response_id && a.item_id == e_.item_id);
  }
  void OnToolCall(const voxdesk::dialog::ToolCall& c) override {
    ++calls;
    Check(e_.type == Type::kFunctionCallArgumentsDone);
    Check(c.id == e_.call_id && c.name == e_.name && c.arguments == e_.arguments);
  }
  void OnResponseDone(const std::string& id) override {
    ++calls;
    Check(e_.type == Type::kResponseDone && id == e_.response_id);
  }
  void OnError(const voxdesk::Status& st) override {
    ++calls;
    Check(e_.type == Type::kError && !st.ok());
  }

 private:
  const RealtimeServerEvent& e_;
};

bool Dispatches(Type t) {
  switch (t) {
    case Type::kSpeechStarted:
    case Type::kSpeechStopped:
    case Type::kInputTranscriptDelta:
    case Type::kInputTranscriptCompleted:
    case Type::kAudioTranscriptDelta:
    case Type::kAudioTranscriptDone:
    case Type::kAudioDelta:
    case Type::kFunctionCallArgumentsDone:
    case Type::kResponseDone:
    case Type::kError:
      return true;
    default:
      return false;
  }
}

void ServerSide(std::string_view text) {
  auto parsed = ParseRealtimeServerEvent(text);
  if (!parsed.ok()) return;
  const RealtimeServerEvent& e = *parsed;
  CheckingSink sink(e);
  DispatchRealtimeEvent(e, sink);
  Check(sink.calls == (Dispatches(e.type) ? 1 : 0));

  auto again = ParseRealtimeServerEvent(EncodeRealtimeServerEvent(e, e.dialect));
  Check(again.ok());
  const RealtimeServerEvent& b = *again;
  Check(b.type == e.type && b.type_name == e.type_name && b.dialect == e.dialect);
  Check(b.event_id == e.event_id && b.item_id == e.item_id && b.response_id == e.response_id);
  Check(b.text == e.text && b.pcm == e.pcm && b.call_id == e.call_id && b.name == e.name);
  Check(b.arguments == e.arguments && b.audio_start_ms == e.audio_start_ms);
  Check(b.audio_end_ms == e.audio_end_ms && b.status == e.status);
  Check(b.error_message == e.error_message && b.rate_limits.size() == e.rate_limits.size());
}

void ClientSide(std::string_view text) {
  auto parsed = ParseRealtimeClientEvent(text);
  if (!parsed.ok()) return;
  const RealtimeClientEvent& c = *parsed;
  switch (c.type) {
    case RealtimeClientEventType::kInputAudioAppend: {
      auto back = ParseRealtimeClientEvent(BuildInputAudioAppend(c.pcm, c.event_id));
      Check(back.ok() && back->pcm == c.pcm && back->event_id == c.event_id);
      break;
    }
    case RealtimeClientEventType::kItemTruncate: {
      auto back = ParseRealtimeClientEvent(BuildItemTruncate(c.item_id, c.audio_end_ms));
      Check(back.ok() && back->item_id == c.item_id && back->audio_end_ms == c.audio_end_ms);
      break;
    }
    case RealtimeClientEventType::kItemCreate: {
      if (c.item_type != "function_call_output") break;
      auto back = ParseRealtimeClientEvent(BuildFunctionCallOutput(c.call_id, c.output));
      Check(back.ok() && back->call_id == c.call_id && back->output == c.output);
      break;
    }
    case RealtimeClientEventType::kSessionUpdate: {
      // Configs the API cannot take (another rate, a tool without a schema)
      // are refused by the builder; the rest must read back the same.
      auto text2 = BuildSessionUpdate(c.session, c.dialect);
      if (!text2.ok()) break;
      auto back = ParseRealtimeClientEvent(*text2);
      Check(back.ok() && back->dialect == c.dialect);
      Check(back->session.instructions == c.session.instructions);
      Check(back->session.voice == c.session.voice);
      Check(back->session.tools.size() == c.session.tools.size());
      Check(back->session.turn_detection == c.session.turn_detection);
      Check(back->session.transcribe_input == c.session.transcribe_input);
      break;
    }
    default:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ServerSide(text);
  ClientSide(text);
  return 0;
}
