#include "fakes/fake_openai_realtime_server.h"

#include <cstdint>
#include <optional>
#include <utility>

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

// One connection's progress through its script.
struct Turn {
  size_t next = 0;                   // the next exchange to hear
  int64_t samples = 0;               // appended on this connection
  int64_t hear_at = 12000;           // samples appended when the next exchange is heard
  int response = 0;                  // responses so far
  bool tool_result_pending = false;  // a function_call_output not yet answered
  // A barge-in exchange heard, waiting for the client's response.cancel.
  std::optional<FakeOpenAiRealtimeServer::Exchange> after_cancel;
  std::string after_cancel_item;
  int64_t after_cancel_ms = 0;
};

}  // namespace

FakeOpenAiRealtimeServer::FakeOpenAiRealtimeServer(std::string api_key)
    : api_key_(std::move(api_key)) {}

void FakeOpenAiRealtimeServer::Script(std::string caller_text, std::string agent_text,
                                      std::string tool_name, std::string tool_arguments) {
  std::lock_guard lock(mu_);
  exchanges_ = {{std::move(caller_text), std::move(agent_text), std::move(tool_name),
                 std::move(tool_arguments)}};
}

void FakeOpenAiRealtimeServer::ScriptCall(std::string greeting, std::vector<Exchange> exchanges) {
  std::lock_guard lock(mu_);
  greeting_ = std::move(greeting);
  exchanges_ = std::move(exchanges);
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
      // Speaks `text` as one response with audio and transcript deltas (and
      // the exchange's tool call, when given one); the next exchange is
      // heard half a second after its audio would have played.
      auto respond = [&](const std::string& text, const Exchange* with_tool) {
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
        if (with_tool && !with_tool->tool_name.empty()) {
          const std::string n = std::to_string(turn->response);
          send(Encode(RealtimeServerEventType::kFunctionCallArgumentsDone,
                      [&](RealtimeServerEvent& e) {
                        e.response_id = rid;
                        e.item_id = "item_call_" + n;
                        e.call_id = "call_" + n;
                        e.name = with_tool->tool_name;
                        e.arguments = with_tool->tool_arguments;
                      }));
        }
        {
          std::lock_guard lock(mu_);
          const bool barge_in = turn->next < exchanges_.size() && exchanges_[turn->next].barge_in;
          turn->hear_at =
              turn->samples + 12000 + (barge_in ? 0 : static_cast<int64_t>(text.size()) * 240);
        }
        send(Encode(RealtimeServerEventType::kResponseDone, [&](RealtimeServerEvent& e) {
          e.response_id = rid;
          e.status = providers::RealtimeResponseStatus::kCompleted;
          e.status_text = "completed";
        }));
      };
      // The caller's turn ends and the model answers it.
      auto finish = [&](const Exchange& ex, const std::string& item, int64_t heard_ms) {
        send(Encode(RealtimeServerEventType::kSpeechStopped, [&](RealtimeServerEvent& e) {
          e.item_id = item;
          e.audio_end_ms = heard_ms + 440;
        }));
        send(
            Encode(RealtimeServerEventType::kInputTranscriptCompleted, [&](RealtimeServerEvent& e) {
              e.item_id = item;
              e.text = ex.caller;
            }));
        respond(ex.agent, &ex);
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
          turn->samples += static_cast<int64_t>(ev->pcm.size());
          if (turn->next >= exchanges_.size() || turn->samples < turn->hear_at) return;
          const Exchange ex = exchanges_[turn->next++];
          turn->hear_at = INT64_MAX;  // until the answer is out
          const std::string item = "item_caller_" + std::to_string(turn->next);
          const int64_t heard_ms = turn->samples / 24;
          lk.unlock();
          send(Encode(RealtimeServerEventType::kSpeechStarted, [&](RealtimeServerEvent& e) {
            e.item_id = item;
            e.audio_start_ms = heard_ms;
          }));
          const Fault fault = fault_.load();
          if (fault == Fault::kCloseAfterSpeech) {
            {
              std::lock_guard lock(mu_);
              fault_at_ = std::chrono::steady_clock::now();
            }
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
          if (ex.barge_in) {
            // The caller talks over the answer: as the service would, the
            // rest of the turn comes once the client has cancelled it.
            std::lock_guard lock(mu_);
            turn->after_cancel = ex;
            turn->after_cancel_item = item;
            turn->after_cancel_ms = heard_ms;
            return;
          }
          finish(ex, item, heard_ms);
          return;
        }
        case RealtimeClientEventType::kResponseCancel: {
          ++seen_.cancels;
          if (!turn->after_cancel) return;
          const Exchange ex = *std::exchange(turn->after_cancel, std::nullopt);
          lk.unlock();
          finish(ex, turn->after_cancel_item, turn->after_cancel_ms);
          return;
        }
        case RealtimeClientEventType::kItemTruncate:
          seen_.truncates.emplace_back(ev->item_id, ev->audio_end_ms);
          return;
        case RealtimeClientEventType::kItemCreate:
          if (ev->item_type == "function_call_output") {
            seen_.tool_outputs.emplace_back(ev->call_id, ev->output);
            turn->tool_result_pending = true;
          }
          return;
        case RealtimeClientEventType::kResponseCreate: {
          // After a tool result: the exchange's answer to it; else the greeting.
          const std::string text = !turn->tool_result_pending ? greeting_
                                   : turn->next > 0 && turn->next <= exchanges_.size()
                                       ? exchanges_[turn->next - 1].after_tool
                                       : std::string("Done.");
          turn->tool_result_pending = false;
          lk.unlock();
          respond(text, nullptr);
          return;
        }
        default:
          return;
      }
    };
    return h;
  };
  return ws_.Start(std::move(o));
}

}  // namespace voxdesk::fakes
