#include "providers/net/event_loop.h"

#include <pthread.h>
#include <uv.h>

#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "providers/net/http_client.h"
#include "providers/net/websockets.h"

namespace voxdesk::providers::net {

struct EventLoop::Impl {
  EventLoop* owner = nullptr;
  uv_loop_t loop{};
  uv_async_t wake{};
  std::thread thread;
  std::thread::id thread_id;

  std::mutex mu;
  std::deque<std::function<void()>> tasks;  // guarded by mu
  bool stopping = false;                    // guarded by mu

  // Loop thread only.
  TimerId next_timer = 1;
  std::unordered_map<TimerId, uv_timer_t*> timers;
  std::unique_ptr<HttpClient> http;
  std::unique_ptr<WebSockets> ws;

  struct Timer {
    Impl* impl;
    TimerId id;
    std::function<void()> fn;
  };

  static void OnWake(uv_async_t* handle) {
    auto* self = static_cast<Impl*>(handle->data);
    std::deque<std::function<void()>> batch;
    bool stop = false;
    {
      std::lock_guard lock(self->mu);
      batch.swap(self->tasks);
      stop = self->stopping;
    }
    for (auto& task : batch) task();
    if (stop) uv_stop(&self->loop);
  }

  static void CloseTimer(uv_timer_t* t) {
    uv_timer_stop(t);
    uv_close(reinterpret_cast<uv_handle_t*>(t), [](uv_handle_t* h) {
      delete static_cast<Timer*>(h->data);
      delete reinterpret_cast<uv_timer_t*>(h);
    });
  }

  static void OnTimer(uv_timer_t* t) {
    auto* timer = static_cast<Timer*>(t->data);
    auto fn = std::move(timer->fn);
    timer->impl->timers.erase(timer->id);
    CloseTimer(t);
    fn();
  }

  // Runs on the loop thread from start to end.
  void Run(std::promise<Status>& ready) {
    thread_id = std::this_thread::get_id();
    if (int rc = uv_loop_init(&loop); rc != 0) {
      ready.set_value(Unavailable(std::string("libuv loop: ") + uv_strerror(rc)));
      return;
    }
    wake.data = this;
    uv_async_init(&loop, &wake, &Impl::OnWake);
    Status st = Status::Ok();
    if (auto h = HttpClient::Create(*owner); h.ok()) {
      http = std::move(h).value();
    } else {
      st = h.status();
    }
    if (auto w = WebSockets::Create(*owner); st.ok() && w.ok()) {
      ws = std::move(w).value();
    } else if (st.ok()) {
      st = w.status();
    }
    ready.set_value(st);
    if (!st.ok()) {
      Shutdown();
      return;
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    Shutdown();
  }

  // Closes every handle and lets libuv finish closing them.
  void Shutdown() {
    if (ws) ws->Shutdown();  // libwebsockets closes its handles on this loop...
    http.reset();
    for (auto& [id, t] : timers) CloseTimer(t);
    timers.clear();
    if (!uv_is_closing(reinterpret_cast<uv_handle_t*>(&wake))) {
      uv_close(reinterpret_cast<uv_handle_t*>(&wake), nullptr);
    }
    uv_run(&loop, UV_RUN_DEFAULT);
    if (ws) {
      ws->Shutdown();  // ...and finishes once they are closed
      uv_run(&loop, UV_RUN_DEFAULT);
    }
    ws.reset();
    uv_loop_close(&loop);
  }
};

EventLoop::EventLoop(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<EventLoop>> EventLoop::Start(const EventLoopOptions& options) {
  std::unique_ptr<EventLoop> loop(new EventLoop(std::make_unique<Impl>()));
  Impl* impl = loop->impl_.get();
  impl->owner = loop.get();
  std::promise<Status> ready;
  auto started = ready.get_future();
  impl->thread = std::thread([impl, &ready, name = options.name.substr(0, 15)] {
    pthread_setname_np(pthread_self(), name.c_str());
    impl->Run(ready);
  });
  Status st = started.get();
  if (!st.ok()) {
    impl->thread.join();
    impl->owner = nullptr;
    return st;
  }
  return loop;
}

EventLoop::~EventLoop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;
  }
  uv_async_send(&impl_->wake);
  impl_->thread.join();
}

void EventLoop::Post(std::function<void()> task) {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopping) return;
    impl_->tasks.push_back(std::move(task));
  }
  uv_async_send(&impl_->wake);
}

bool EventLoop::InLoopThread() const {
  return std::this_thread::get_id() == impl_->thread_id;
}

EventLoop::TimerId EventLoop::AddTimer(std::chrono::milliseconds delay, std::function<void()> fn) {
  auto* t = new uv_timer_t;
  uv_timer_init(&impl_->loop, t);
  const TimerId id = impl_->next_timer++;
  t->data = new Impl::Timer{impl_.get(), id, std::move(fn)};
  impl_->timers.emplace(id, t);
  uv_timer_start(t, &Impl::OnTimer, delay.count() < 0 ? 0 : static_cast<uint64_t>(delay.count()),
                 0);
  return id;
}

void EventLoop::CancelTimer(TimerId id) {
  auto it = impl_->timers.find(id);
  if (it == impl_->timers.end()) return;
  Impl::CloseTimer(it->second);
  impl_->timers.erase(it);
}

HttpClient& EventLoop::http() {
  return *impl_->http;
}
WebSockets& EventLoop::ws() {
  return *impl_->ws;
}
uv_loop_s* EventLoop::uv() {
  return &impl_->loop;
}

}  // namespace voxdesk::providers::net
