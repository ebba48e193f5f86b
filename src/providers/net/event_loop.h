// One network event loop: a libuv loop on its own thread that drives every
// socket a worker's calls use. libcurl's multi interface (HTTP requests and
// SSE streams) and libwebsockets (WebSocket clients and servers, through its
// libuv event-library plugin) both run on it, so a worker with a thousand
// provider streams has one network thread, not a thousand, and a session's
// own thread never blocks on the network.
//
// Threading: Post() and Call() may be used from any thread. Everything else
// (timers, http(), ws(), and every callback they deliver) belongs to the
// loop thread: call it from inside a posted task or a callback. Callbacks
// run on the loop thread, one at a time, and must not block.
//
// Ownership: destroying the loop stops the thread after cancelling every
// timer, request and connection; their completion callbacks are not called
// after the destructor has started. Tasks posted after that are dropped.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <type_traits>

#include "core/status.h"

struct uv_loop_s;

namespace voxdesk::providers::net {

class HttpClient;
class WebSockets;

struct EventLoopOptions {
  // Thread name as shown by debuggers and `top -H` (at most 15 bytes).
  std::string name = "voxdesk-net";
};

class EventLoop {
 public:
  using TimerId = uint64_t;

  // Starts the loop thread; fails when libuv, libcurl or libwebsockets cannot
  // be initialised (the message says which).
  static Result<std::unique_ptr<EventLoop>> Start(const EventLoopOptions& options = {});
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs `task` on the loop thread, after the tasks posted before it.
  void Post(std::function<void()> task);

  // Runs `fn` on the loop thread and waits for its result. Must not be
  // called from the loop thread (it would wait for itself).
  template <typename F>
  std::invoke_result_t<F> Call(F fn) {
    using R = std::invoke_result_t<F>;
    std::promise<R> done;
    auto result = done.get_future();
    Post([&] {
      if constexpr (std::is_void_v<R>) {
        fn();
        done.set_value();
      } else {
        done.set_value(fn());
      }
    });
    return result.get();
  }

  bool InLoopThread() const;

  // Loop thread only. A one-shot timer; cancelling a fired or unknown id is
  // harmless.
  TimerId AddTimer(std::chrono::milliseconds delay, std::function<void()> fn);
  void CancelTimer(TimerId id);

  // Loop thread only.
  HttpClient& http();
  WebSockets& ws();
  uv_loop_s* uv();

  // Monotonic time.
  static std::chrono::steady_clock::time_point Now() { return std::chrono::steady_clock::now(); }

  struct Impl;

 private:
  explicit EventLoop(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace voxdesk::providers::net
