// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for the
// provider fakes and the network layer's tests (cpp-httplib, one thread per
// connection). Handlers run on the server's threads: guard shared state.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace voxdesk::fakes {

class LoopbackHttp {
 public:
  LoopbackHttp() = default;
  ~LoopbackHttp() { Stop(); }
  LoopbackHttp(const LoopbackHttp&) = delete;
  LoopbackHttp& operator=(const LoopbackHttp&) = delete;

  // Register handlers on server() first, then Start.
  httplib::Server& server() { return server_; }

  // Binds and serves; false when no port could be bound.
  bool Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return false;
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the accept loop runs would be lost.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
  }

  // Stops accepting and wakes handlers that wait on stopping().
  void Stop() {
    stopping_ = true;
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  int port() const { return port_; }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  bool stopping() const { return stopping_; }

  // Sleeps up to `d`, returning early when the server stops (a stalled
  // handler must not hold the test's teardown).
  void Stall(std::chrono::milliseconds d) const {
    const auto until = std::chrono::steady_clock::now() + d;
    while (!stopping_ && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
};

}  // namespace voxdesk::fakes
