#include "providers/openai_realtime.h"

#include <atomic>
#include <cstdlib>
#include <future>
#include <mutex>

#include "providers/form_urlencoded.h"
#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"

namespace voxdesk::providers {

namespace {

// Shared by the session (worker side) and the socket's handlers (loop side).
struct State {
  std::recursive_mutex mu;  // held while the sink runs; recursive: the sink may call back in
  RealtimeSink* sink = nullptr;
  bool alive = true;                        // false once the session object is gone
  bool closed = false;                      // the connection has ended
  bool closing = false;                     // we closed it
  bool audio_muted = false;                 // after Cancel, until the next response starts
  std::shared_ptr<net::WsConnection> conn;  // loop thread only
  std::shared_ptr<std::promise<Status>> opened = std::make_shared<std::promise<Status>>();
  std::atomic<bool> open_reported{false};

  void ReportOpen(Status st) {
    if (!open_reported.exchange(true)) opened->set_value(std::move(st));
  }
};

class Session final : public RealtimeSession {
 public:
  Session(net::EventLoop& loop, std::shared_ptr<State> state)
      : loop_(loop), state_(std::move(state)) {}

  ~Session() override {
    {
      std::lock_guard lock(state_->mu);  // waits for a sink call in progress
      state_->alive = false;
      state_->closing = true;
    }
    loop_.Post([state = state_] {
      if (state->conn) state->conn->Close();
    });
  }

  Status AppendAudio(std::span<const int16_t> pcm) override {
    if (pcm.empty()) return Status::Ok();
    return Send(BuildInputAudioAppend(pcm));
  }
  Status Commit() override { return Send(BuildInputAudioCommit()); }
  Status CreateResponse() override { return Send(BuildResponseCreate()); }
  Status Cancel() override {
    {
      std::lock_guard lock(state_->mu);
      state_->audio_muted = true;
    }
    return Send(BuildResponseCancel());
  }
  Status Truncate(std::string_view item_id, int64_t audio_end_ms) override {
    if (item_id.empty() || audio_end_ms < 0)
      return InvalidArgument("truncate needs an item id and a time >= 0");
    return Send(BuildItemTruncate(item_id, audio_end_ms));
  }
  Status SendToolResult(std::string_view call_id, std::string_view output_json) override {
    if (call_id.empty()) return InvalidArgument("a tool result needs the call id");
    return Send(BuildFunctionCallOutput(call_id, output_json));
  }

 private:
  Status Send(std::string json) {
    {
      std::lock_guard lock(state_->mu);
      if (state_->closed) return Conflict("the realtime session's connection is closed");
    }
    loop_.Post([state = state_, json = std::move(json)] {
      if (state->conn) (void)state->conn->SendText(json);
    });
    return Status::Ok();
  }

  net::EventLoop& loop_;
  std::shared_ptr<State> state_;
};

void OnServerText(State& s, std::string_view text) {
  auto event = ParseRealtimeServerEvent(text);
  std::lock_guard lock(s.mu);
  if (!s.alive || s.closed) return;
  if (!event.ok()) {
    s.sink->OnError(
        Unavailable("OpenAI Realtime sent a malformed event: " + event.status().message()));
    return;
  }
  if (event->type == RealtimeServerEventType::kResponseCreated) s.audio_muted = false;
  if (event->type == RealtimeServerEventType::kAudioDelta && s.audio_muted) return;
  DispatchRealtimeEvent(*event, *s.sink);
}

}  // namespace

Result<std::unique_ptr<OpenAiRealtime>> OpenAiRealtime::Create(net::EventLoop& loop,
                                                               OpenAiRealtimeConfig config) {
  if (config.api_key.empty()) {
    if (const char* env = std::getenv("OPENAI_API_KEY")) config.api_key = env;
  }
  if (config.api_key.empty())
    return ConfigError("OpenAI API key missing: set it or OPENAI_API_KEY");
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  return std::unique_ptr<OpenAiRealtime>(new OpenAiRealtime(loop, std::move(config)));
}

Result<std::unique_ptr<RealtimeSession>> OpenAiRealtime::Open(const RealtimeConfig& config,
                                                              RealtimeSink& sink) {
  if (loop_.InLoopThread())
    return Status(Code::kInternal, "realtime Open on the event loop's own thread");
  if (config.model.empty()) return InvalidArgument("realtime config needs a model");
  auto update = BuildSessionUpdate(config, config_.dialect);
  if (!update.ok()) return update.status();
  auto state = std::make_shared<State>();
  state->sink = &sink;
  auto opened = state->opened->get_future();
  net::WsConnectOptions o;
  o.url = config_.base_url + "/v1/realtime?model=" + FormEscape(config.model);
  o.headers = {{"Authorization", "Bearer " + config_.api_key}};
  if (config_.dialect == RealtimeDialect::kBeta)
    o.headers.emplace_back("OpenAI-Beta", "realtime=v1");
  o.connect_timeout = config_.connect_timeout;
  o.limits.max_message_bytes = 8u << 20;  // audio deltas are base64 PCM
  loop_.Post([this, state, o = std::move(o), update = std::move(*update)] {
    net::WsHandlers h;
    h.on_open = [state] { state->ReportOpen(Status::Ok()); };
    h.on_text = [state](std::string_view text) { OnServerText(*state, text); };
    h.on_close = [state](const Status& st, int code) {
      state->ReportOpen(st.ok() ? Unavailable("OpenAI Realtime closed the connection (" +
                                              std::to_string(code) + ")")
                                : st);
      std::lock_guard lock(state->mu);
      state->conn.reset();
      if (state->closed) return;
      state->closed = true;
      if (state->alive && !state->closing) {
        state->sink->OnError(
            Unavailable("OpenAI Realtime connection lost: " +
                        (st.ok() ? "closed with " + std::to_string(code) : st.message())));
      }
    };
    auto conn = loop_.ws().Connect(o, std::move(h));
    if (!conn.ok()) return state->ReportOpen(conn.status());
    state->conn = *conn;
    (void)state->conn->SendText(update);  // queued until the socket opens
  });
  // A session that never opened is abandoned: its socket, if it ever
  // connects, is closed and reports nothing.
  auto abandon = [&](Status why) -> Status {
    {
      std::lock_guard lock(state->mu);
      state->alive = false;
      state->closing = true;
    }
    loop_.Post([state] {
      if (state->conn) state->conn->Close();
    });
    return why;
  };
  if (opened.wait_for(config_.connect_timeout + std::chrono::seconds(1)) !=
      std::future_status::ready) {
    return abandon(Unavailable("OpenAI Realtime did not answer within the connect timeout"));
  }
  if (Status st = opened.get(); !st.ok()) return abandon(st);
  return std::unique_ptr<RealtimeSession>(new Session(loop_, std::move(state)));
}

}  // namespace voxdesk::providers
