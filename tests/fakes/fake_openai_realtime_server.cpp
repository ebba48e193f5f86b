#include "fakes/fake_openai_realtime_server.h"

#include "providers/net/websockets.h"
#include "providers/openai_realtime_events.h"

namespace voxdesk::fakes {

using providers::RealtimeClientEventType;
using providers::RealtimeServerEvent;
using providers::RealtimeServerEventType;
using providers::net::WsConnection;
using providers::net::WsHandlers;

namespace {

std::string Encode(RealtimeServerEventType type, auto&& fill) {
  RealtimeServerEvent e;
  e.type = type;
  fill(e);
  return providers::EncodeRealtimeServerEvent(e);
}

// One connection's progress through its scripted turn.
struct Turn {
  bool answered = false;
  int response = 0;
};

}  // namespace

FakeOpenAiRealtimeServer::FakeOpenAiRealtimeServer(std::string api_key)
    : api_key_(std::move(api_key)) {}

void FakeOpenAiRealtimeServer::Script(std::string caller_text, std::string agent_text,
                                      std::string tool_name, std::string tool_arguments) {
  std::lock_guard lock(mu_);
  caller_text_ = std::move(caller_text);
  agent_text_ = std::move(agent_text);
  tool_name_ = std::move(tool_name);
  tool_arguments_ = std::move(tool_arguments);
}

FakeOpenAiRealtimeServer::Seen FakeOpenAiRealtimeServer::seen() const {
  std::lock_guard lock(mu_);
  return seen_;
}

bool FakeOpenAiRealtimeServer::Start() {
  providers::net::WsServerOptions o;
  o.limits.max_message_bytes = 8u << 20;
  o.on_accept = [this](const std::shared_ptr<WsConnection>& c) -> std::optional<WsHandlers> {
    if (providers::net::FindHeader(c->request_headers(), "Authorization") != "Bearer " + api_key_) {
      return std::nullopt;
    }
    if (c->path() != "/v1/realtime" || c->query_value("model").empty()) return std::nullopt;
    auto turn = std::make_shared<Turn>();
    std::weak_ptr<WsConnection> weak = c;
    WsHandlers h;
    h.on_text = [this, weak, turn](std::string_view json) {
      auto conn = weak.lock();
      auto ev = providers::ParseRealtimeClientEvent(json);
      if (!conn || !ev.ok()) return;
      auto send = [&](const std::string& text) { (void)conn->SendText(text); };
      // Speaks `text` as one response with audio and transcript deltas.
      auto respond = [&](const std::string& text, bool with_tool) {
        const std::string rid = "resp_" + std::to_string(++turn->response);
        const std::string item = "item_agent_" + std::to_string(turn->response);
        {
          std::lock_guard lock(mu_);
          ++seen_.responses;
        }
        send(Encode(RealtimeServerEventType::kResponseCreated, [&](RealtimeServerEvent& e) {
          e.response_id = rid;
          e.status = providers::RealtimeResponseStatus::kInProgress;
          e.status_text = "in_progress";
        }));
        for (size_t at = 0; at < text.size(); at += 8) {
          const std::string piece = text.substr(at, 8);
          send(Encode(RealtimeServerEventType::kAudioDelta, [&](RealtimeServerEvent& e) {
            e.response_id = rid;
            e.item_id = item;
            for (char ch : piece) e.pcm.insert(e.pcm.end(), 240, static_cast<int16_t>(ch));
          }));
          send(Encode(RealtimeServerEventType::kAudioTranscriptDelta, [&](RealtimeServerEvent& e) {
            e.response_id = rid;
            e.item_id = item;
            e.text = piece;
          }));
        }
        send(Encode(RealtimeServerEventType::kAudioTranscriptDone, [&](RealtimeServerEvent& e) {
          e.response_id = rid;
          e.item_id = item;
          e.text = text;
        }));
        std::string tool_name, tool_args;
        {
          std::lock_guard lock(mu_);
          tool_name = tool_name_;
          tool_args = tool_arguments_;
        }
        if (with_tool && !tool_name.empty()) {
          send(Encode(RealtimeServerEventType::kFunctionCallArgumentsDone,
                      [&](RealtimeServerEvent& e) {
                        e.response_id = rid;
                        e.item_id = "item_call_1";
                        e.call_id = "call_1";
                        e.name = tool_name;
                        e.arguments = tool_args;
                      }));
        }
        send(Encode(RealtimeServerEventType::kResponseDone, [&](RealtimeServerEvent& e) {
          e.response_id = rid;
          e.status = providers::RealtimeResponseStatus::kCompleted;
          e.status_text = "completed";
        }));
      };
      std::unique_lock lk(mu_);
      switch (ev->type) {
        case RealtimeClientEventType::kSessionUpdate:
          ++seen_.session_updates;
          seen_.instructions = ev->session.instructions;
          seen_.tools.clear();
          for (const auto& t : ev->session.tools) seen_.tools.push_back(t.name);
          send(Encode(RealtimeServerEventType::kSessionUpdated,
                      [](RealtimeServerEvent& e) { e.session_id = "sess_fake"; }));
          return;
        case RealtimeClientEventType::kInputAudioAppend: {
          seen_.samples += static_cast<int64_t>(ev->pcm.size());
          if (turn->answered || seen_.samples < 12000) return;
          turn->answered = true;
          const std::string caller = caller_text_, agent = agent_text_;
          lk.unlock();
          send(Encode(RealtimeServerEventType::kSpeechStarted, [](RealtimeServerEvent& e) {
            e.item_id = "item_caller_1";
            e.audio_start_ms = 40;
          }));
          const Fault fault = fault_.load();
          if (fault == Fault::kCloseAfterSpeech) {
            conn->Close(1011, "server error");
            return;
          }
          if (fault == Fault::kMalformed)
            send("{\"type\":\"response.output_audio.delta\",\"delta\":7}");
          if (fault == Fault::kErrorEvent) {
            send(Encode(RealtimeServerEventType::kError, [](RealtimeServerEvent& e) {
              e.error_type = "server_error";
              e.error_message = "The server had an error";
            }));
          }
          send(Encode(RealtimeServerEventType::kSpeechStopped, [](RealtimeServerEvent& e) {
            e.item_id = "item_caller_1";
            e.audio_end_ms = 480;
          }));
          send(Encode(RealtimeServerEventType::kInputTranscriptCompleted,
                      [&](RealtimeServerEvent& e) {
                        e.item_id = "item_caller_1";
                        e.text = caller;
                      }));
          respond(agent, /*with_tool=*/true);
          return;
        }
        case RealtimeClientEventType::kResponseCancel:
          ++seen_.cancels;
          return;
        case RealtimeClientEventType::kItemTruncate:
          seen_.truncates.emplace_back(ev->item_id, ev->audio_end_ms);
          return;
        case RealtimeClientEventType::kItemCreate:
          if (ev->item_type == "function_call_output")
            seen_.tool_outputs.emplace_back(ev->call_id, ev->output);
          return;
        case RealtimeClientEventType::kResponseCreate:
          lk.unlock();
          respond("Done.", /*with_tool=*/false);
          return;
        default:
          return;
      }
    };
    return h;
  };
  return ws_.Start(std::move(o));
}

}  // namespace voxdesk::fakes
