// The OpenAI Realtime API (speech to speech) over a WebSocket on the
// network event loop: the Realtime / RealtimeSession interfaces of
// realtime.h, with the event codec of openai_realtime_events.h. GA event
// names by default; the beta dialect sends the `OpenAI-Beta: realtime=v1`
// header and the beta session shape.
//
// Threading as realtime.h says: session methods from the worker that owns
// the call (or from inside a sink callback), sink callbacks on the loop
// thread, one at a time. Open blocks until the socket is open or fails
// (bounded by connect_timeout), so it must not run on the loop thread.
// After Cancel no audio of the cancelled response is reported. A malformed
// event is reported with OnError and skipped; a dropped connection is
// reported once and closes the session.
//
// The API key (config or OPENAI_API_KEY) travels in the Authorization
// header and never appears in a Status message.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "providers/openai_realtime_events.h"
#include "providers/realtime.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct OpenAiRealtimeConfig {
  std::string base_url = "wss://api.openai.com";
  std::string api_key;  // empty: OPENAI_API_KEY
  RealtimeDialect dialect = RealtimeDialect::kGa;
  std::chrono::milliseconds connect_timeout{5000};
};

class OpenAiRealtime final : public Realtime {
 public:
  static Result<std::unique_ptr<OpenAiRealtime>> Create(net::EventLoop& loop,
                                                        OpenAiRealtimeConfig config);
  Result<std::unique_ptr<RealtimeSession>> Open(const RealtimeConfig& config,
                                                RealtimeSink& sink) override;

 private:
  OpenAiRealtime(net::EventLoop& loop, OpenAiRealtimeConfig config)
      : loop_(loop), config_(std::move(config)) {}
  net::EventLoop& loop_;
  OpenAiRealtimeConfig config_;
};

}  // namespace voxdesk::providers
