// A WebSocket server on 127.0.0.1 and an ephemeral port, on its own event
// loop: the transport of the provider fakes that speak WebSockets
// (ElevenLabs, OpenAI Realtime, Deepgram). Handlers run on that loop's
// thread. Make it the fake's last member, so it stops, and no handler
// runs, before the members the handlers use are destroyed.
#pragma once

#include <memory>
#include <string>

#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"

namespace voxdesk::fakes {

class LoopbackWs {
 public:
  LoopbackWs() = default;
  ~LoopbackWs() {
    if (!loop_) return;
    loop_->Call([&] { loop_->ws().StopListening(id_); });
    loop_.reset();
  }
  LoopbackWs(const LoopbackWs&) = delete;
  LoopbackWs& operator=(const LoopbackWs&) = delete;

  bool Start(providers::net::WsServerOptions options) {
    auto loop = providers::net::EventLoop::Start();
    if (!loop.ok()) return false;
    loop_ = std::move(loop).value();
    return loop_->Call([&] {
      auto s = loop_->ws().Listen(std::move(options));
      if (!s.ok()) return false;
      id_ = s->id;
      port_ = s->port;
      return true;
    });
  }

  std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }

 private:
  std::unique_ptr<providers::net::EventLoop> loop_;
  uint64_t id_ = 0;
  int port_ = 0;
};

}  // namespace voxdesk::fakes
