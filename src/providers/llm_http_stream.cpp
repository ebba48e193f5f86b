#include "providers/llm_http_stream.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>

#include "core/redact.h"
#include "providers/net/event_loop.h"

namespace voxdesk::providers {

namespace {

// Between the loop thread (producer) and the caller's thread (consumer).
struct Relay {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<dialog::LlmEvent> events;  // guarded by mu
  bool finished = false;                // guarded by mu
  Status status;                        // guarded by mu; valid once finished
};

// Loop-thread state of one request.
struct Call {
  LlmHttpStream stream;
  std::shared_ptr<Relay> relay;
  net::SseParser parser;
  net::HttpClient::RequestId id = 0;
  bool body_seen = false;  // a 2xx body started: a failure now cuts an answer short

  void Emit(const dialog::LlmEvent& event) {
    std::lock_guard lock(relay->mu);
    relay->events.push_back(event);
    relay->cv.notify_one();
  }
  void Finish(const Status& st) {
    std::lock_guard lock(relay->mu);
    if (relay->finished) return;
    relay->finished = true;
    relay->status = Status(st.code(), RedactSecret(st.message(), stream.secret));
    relay->cv.notify_one();
  }
};

bool Is2xx(int status) {
  return status >= 200 && status < 300;
}

void StartOnLoop(net::EventLoop& loop, net::HttpRequest request, std::shared_ptr<Call> call) {
  net::HttpHandlers h;
  h.on_body = [&loop, call](std::string_view piece) {
    call->body_seen = true;
    const std::function<void(const dialog::LlmEvent&)> emit = [&](const dialog::LlmEvent& e) {
      call->Emit(e);
    };
    Status failure;
    Status fed = call->parser.Feed(piece, [&](const net::SseEvent& event) {
      if (failure.ok()) failure = call->stream.on_sse(event, emit);
    });
    if (failure.ok() && !fed.ok()) failure = fed;
    if (failure.ok()) return;
    // An error the server reported inside the stream keeps its own words; a
    // chunk we cannot read is still the provider's fault, not the caller's.
    if (failure.code() == Code::kUnavailable) {
      call->Finish(failure);
    } else {
      call->Finish(Unavailable(call->stream.provider + ": malformed stream: " + failure.message()));
    }
    loop.http().Cancel(call->id);  // deferred by the client while inside its callback
  };
  h.on_done = [call](const Status& st, net::HttpResult& result) {
    const std::string& provider = call->stream.provider;
    if (st.ok()) {
      call->parser.Finish();  // an event cut mid-way is dropped; complete() tells
      if (call->stream.complete()) {
        call->Finish(Status::Ok());
      } else {
        call->Finish(Unavailable(provider +
                                 ": the stream ended before the answer was complete (truncated)"));
      }
      return;
    }
    if (result.status != 0 && !Is2xx(result.status)) {
      // The client's verdict (429, 5xx) or the provider's own (x-should-retry,
      // 408, overloaded) makes it worth another provider; anything else is
      // this request's fault, whatever the codec calls it.
      Status parsed = call->stream.http_error(result.status, result.body);
      const bool unavailable =
          st.code() == Code::kUnavailable || parsed.code() == Code::kUnavailable;
      call->Finish(
          Status(unavailable ? Code::kUnavailable : Code::kInvalidArgument, parsed.message()));
      return;
    }
    if (call->body_seen) {
      call->Finish(
          Unavailable(provider + ": the stream was cut short (truncated): " + st.message()));
    } else {
      call->Finish(Status(st.code(), provider + ": " + st.message()));
    }
  };
  call->id = loop.http().Start(std::move(request), std::move(h));
}

}  // namespace

Status RunLlmHttpStream(net::EventLoop& loop, net::HttpRequest request, LlmHttpStream stream,
                        const std::function<void(const dialog::LlmEvent&)>& on_event) {
  if (loop.InLoopThread()) {
    return Status(Code::kInternal,
                  stream.provider + ": a blocking Stream() on the event loop's own thread");
  }
  auto relay = std::make_shared<Relay>();
  auto call = std::make_shared<Call>();
  call->stream = std::move(stream);
  call->relay = relay;
  loop.Post([&loop, call, request = std::move(request)]() mutable {
    StartOnLoop(loop, std::move(request), std::move(call));
  });
  // The caller runs its own callbacks: a slow consumer never holds the
  // loop, and events cannot interleave with the caller's other work.
  std::unique_lock lock(relay->mu);
  for (;;) {
    relay->cv.wait(lock, [&] { return !relay->events.empty() || relay->finished; });
    if (relay->events.empty()) return relay->status;
    std::deque<dialog::LlmEvent> batch;
    batch.swap(relay->events);
    lock.unlock();
    for (const auto& event : batch) on_event(event);
    lock.lock();
  }
}

}  // namespace voxdesk::providers
