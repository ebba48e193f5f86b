#include "providers/deepgram_stt.h"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "providers/deepgram_messages.h"
#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"

namespace voxdesk::providers {

namespace {

using Clock = std::chrono::steady_clock;

// One thing for the sink, in arrival order.
struct Event {
  enum class Kind { kTranscript, kEndOfUtterance, kError } kind = Kind::kTranscript;
  Transcript transcript;
  int64_t at_ms = 0;
  Status status;
};

// What the loop hands to the worker.
struct Shared {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Event> events;
  bool detached = false;  // the stream is gone: queue nothing
  bool ended = false;     // the socket closed, or the stream failed
};

void Queue(Shared& shared, Event e) {
  {
    std::lock_guard lock(shared.mu);
    if (shared.detached) return;
    if (e.kind == Event::Kind::kError) shared.ended = true;
    shared.events.push_back(std::move(e));
  }
  shared.cv.notify_all();
}

// The loop thread's side of one stream.
struct Link {
  net::EventLoop* loop = nullptr;
  std::shared_ptr<Shared> shared;
  DeepgramConfig config;
  std::shared_ptr<net::WsConnection> conn;
  bool opened = false;
  bool dead = false;       // failed or closed by us: no more events
  bool finishing = false;  // CloseStream asked for: the close that follows is normal
  bool utterance_open = false;

  std::deque<std::string> pending;  // audio sent before the socket opened
  size_t pending_bytes = 0;
  size_t max_pending_bytes = 0;

  Clock::time_point last_audio{};
  std::optional<Clock::time_point> unanswered_since;  // first audio since the last message
  net::EventLoop::TimerId keepalive = 0;
  net::EventLoop::TimerId watchdog = 0;
};

void StopTimers(Link& link) {
  if (link.keepalive) link.loop->CancelTimer(link.keepalive);
  if (link.watchdog) link.loop->CancelTimer(link.watchdog);
  link.keepalive = link.watchdog = 0;
}

void Fail(const std::shared_ptr<Link>& link, const std::string& why) {
  if (link->dead) return;
  link->dead = true;
  StopTimers(*link);
  Event e;
  e.kind = Event::Kind::kError;
  e.status = Unavailable("Deepgram: " + why);
  Queue(*link->shared, std::move(e));
  if (link->conn) link->conn->Close();
}

void ArmWatchdog(const std::shared_ptr<Link>& link, std::chrono::milliseconds delay) {
  link->watchdog = link->loop->AddTimer(delay, [link] {
    link->watchdog = 0;
    if (link->dead || !link->unanswered_since) return;
    const auto limit = link->config.response_timeout;
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        Clock::now() - *link->unanswered_since);
    if (waited >= limit) {
      Fail(link, "no answer for " + std::to_string(waited.count()) + " ms of audio");
      return;
    }
    ArmWatchdog(link, limit - waited);
  });
}

void SendAudio(const std::shared_ptr<Link>& link, std::string bytes) {
  if (link->dead || link->finishing) return;
  if (!link->opened) {
    link->pending_bytes += bytes.size();
    link->pending.push_back(std::move(bytes));
    while (link->pending_bytes > link->max_pending_bytes && !link->pending.empty()) {
      link->pending_bytes -= link->pending.front().size();
      link->pending.pop_front();
    }
    return;
  }
  if (Status st = link->conn->SendBinary(bytes); !st.ok()) return Fail(link, st.message());
  link->last_audio = Clock::now();
  if (!link->unanswered_since) link->unanswered_since = link->last_audio;
  if (!link->watchdog && link->config.response_timeout.count() > 0) {
    ArmWatchdog(link, link->config.response_timeout);
  }
}

void ArmKeepAlive(const std::shared_ptr<Link>& link) {
  if (link->config.keepalive_interval.count() <= 0) return;
  link->keepalive = link->loop->AddTimer(link->config.keepalive_interval, [link] {
    link->keepalive = 0;
    if (link->dead || !link->conn) return;
    if (Clock::now() - link->last_audio >= link->config.keepalive_interval) {
      if (Status st = link->conn->SendText(DeepgramKeepAliveJson()); !st.ok()) {
        return Fail(link, st.message());
      }
    }
    ArmKeepAlive(link);
  });
}

void OnText(const std::shared_ptr<Link>& link, std::string_view text) {
  if (link->dead) return;
  link->unanswered_since.reset();
  auto msg = ParseDeepgramMessage(text);
  if (!msg.ok()) return Fail(link, "malformed message: " + msg.status().message());
  switch (msg->type) {
    case DeepgramMessage::Type::kResults: {
      Event e;
      e.transcript = ToTranscript(*msg);
      if (!e.transcript.text.empty()) link->utterance_open = true;
      Queue(*link->shared, std::move(e));
      if (msg->speech_final && link->utterance_open) {
        link->utterance_open = false;
        Event end;
        end.kind = Event::Kind::kEndOfUtterance;
        end.at_ms = msg->start_ms + msg->duration_ms;
        Queue(*link->shared, std::move(end));
      }
      return;
    }
    case DeepgramMessage::Type::kUtteranceEnd:
      // Only for an utterance endpointing has not already closed: Deepgram
      // sends both when both fire, and the session wants one end.
      if (link->utterance_open) {
        link->utterance_open = false;
        Event end;
        end.kind = Event::Kind::kEndOfUtterance;
        end.at_ms = msg->last_word_end_ms;
        Queue(*link->shared, std::move(end));
      }
      return;
    case DeepgramMessage::Type::kError:
      return Fail(link, "error " + msg->error_code + ": " + msg->error_message);
    case DeepgramMessage::Type::kSpeechStarted:
    case DeepgramMessage::Type::kMetadata:
    case DeepgramMessage::Type::kUnknown:
      return;  // nothing for the sink; an unknown type is a newer service, not a fault
  }
}

void Connect(const std::shared_ptr<Link>& link, const std::string& url) {
  net::WsConnectOptions o;
  o.url = url;
  o.headers = {{"Authorization", "Token " + link->config.api_key}};
  o.connect_timeout = link->config.connect_timeout;
  // The handlers hold the link weakly: the link holds the connection, and
  // the stream (or a pending timer) is what keeps the link alive.
  std::weak_ptr<Link> weak = link;
  net::WsHandlers h;
  h.on_open = [weak] {
    auto link = weak.lock();
    if (!link || link->dead) return;
    link->opened = true;
    auto pending = std::move(link->pending);
    link->pending.clear();
    link->pending_bytes = 0;
    const bool finishing = std::exchange(link->finishing, false);
    for (std::string& bytes : pending) SendAudio(link, std::move(bytes));
    if (finishing && !link->dead) {
      link->finishing = true;
      if (Status st = link->conn->SendText(DeepgramCloseStreamJson()); !st.ok()) {
        return Fail(link, st.message());
      }
    }
    link->last_audio = Clock::now();
    ArmKeepAlive(link);
  };
  h.on_text = [weak](std::string_view text) {
    if (auto link = weak.lock()) OnText(link, text);
  };
  h.on_close = [weak](const Status& st, int code) {
    auto link = weak.lock();
    if (!link) return;
    StopTimers(*link);
    link->conn.reset();
    if (!link->dead && (!link->finishing || !link->opened)) {
      Fail(link, "the stream closed before it was finished (" +
                     (st.ok() ? "code " + std::to_string(code) : st.message()) + ")");
    }
    link->dead = true;
    {
      std::lock_guard lock(link->shared->mu);
      link->shared->ended = true;
    }
    link->shared->cv.notify_all();
  };
  auto conn = link->loop->ws().Connect(o, std::move(h));
  if (!conn.ok()) return Fail(link, conn.status().message());
  link->conn = *conn;
}

class DeepgramStream final : public SttStream {
 public:
  DeepgramStream(net::EventLoop& loop, std::shared_ptr<Link> link, SttSink& sink,
                 std::chrono::milliseconds finish_timeout)
      : loop_(loop),
        link_(std::move(link)),
        shared_(link_->shared),
        sink_(sink),
        finish_timeout_(finish_timeout) {}

  ~DeepgramStream() override {
    {
      std::lock_guard lock(shared_->mu);
      shared_->detached = true;
      shared_->events.clear();
    }
    loop_.Post([link = link_] {
      link->dead = true;
      StopTimers(*link);
      if (link->conn) link->conn->Close();
    });
  }

  Status Push(std::span<const int16_t> pcm) override {
    Deliver();
    if (finished_) return Conflict("the recognition stream was finished");
    if (failed_ || pcm.empty()) return Status::Ok();  // reported once through OnError
    std::string bytes(pcm.size() * 2, '\0');
    for (size_t i = 0; i < pcm.size(); ++i) {
      const auto v = static_cast<uint16_t>(pcm[i]);
      bytes[2 * i] = static_cast<char>(v & 0xff);
      bytes[2 * i + 1] = static_cast<char>(v >> 8);
    }
    loop_.Post(
        [link = link_, bytes = std::move(bytes)]() mutable { SendAudio(link, std::move(bytes)); });
    return Status::Ok();
  }

  // Deepgram reads keyterms and the language only when a stream opens, and
  // reopening mid-call would lose the audio in flight: the turn's hint and
  // a language switch are left to the model (the config's keyterms and
  // language apply to every stream; language=multi or detect_language is
  // what follows a caller who changes language).
  void SetHint(const RecognitionHint&) override { Deliver(); }
  void SetLanguage(std::string_view) override { Deliver(); }

  Status Finish() override {
    Deliver();
    if (finished_) return Status::Ok();
    finished_ = true;
    if (failed_) return Status::Ok();
    loop_.Post([link = link_] {
      if (link->dead) return;
      link->finishing = true;
      if (!link->opened) return;  // sent when the socket opens
      if (Status st = link->conn->SendText(DeepgramCloseStreamJson()); !st.ok()) {
        link->finishing = false;
        Fail(link, st.message());
      }
    });
    // The last results come back within a few hundred milliseconds; wait
    // for them (the close that follows) so this call can deliver them.
    std::unique_lock lock(shared_->mu);
    shared_->cv.wait_for(lock, finish_timeout_, [&] { return shared_->ended; });
    lock.unlock();
    Deliver();
    return Status::Ok();
  }

 private:
  void Deliver() {
    std::deque<Event> events;
    {
      std::lock_guard lock(shared_->mu);
      events.swap(shared_->events);
    }
    for (Event& e : events) {
      switch (e.kind) {
        case Event::Kind::kTranscript:
          sink_.OnTranscript(e.transcript);
          break;
        case Event::Kind::kEndOfUtterance:
          sink_.OnEndOfUtterance(e.at_ms);
          break;
        case Event::Kind::kError:
          if (!failed_) sink_.OnError(e.status);
          failed_ = true;
          break;
      }
    }
  }

  net::EventLoop& loop_;
  const std::shared_ptr<Link> link_;  // touched on the loop thread only
  const std::shared_ptr<Shared> shared_;
  SttSink& sink_;
  const std::chrono::milliseconds finish_timeout_;
  bool finished_ = false;
  bool failed_ = false;
};

}  // namespace

Result<std::unique_ptr<DeepgramStt>> DeepgramStt::Create(net::EventLoop& loop,
                                                         DeepgramConfig config) {
  if (config.api_key.empty()) {
    if (const char* env = std::getenv("DEEPGRAM_API_KEY")) config.api_key = env;
  }
  if (config.api_key.empty())
    return ConfigError("Deepgram API key missing: set it or DEEPGRAM_API_KEY");
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  if (!config.base_url.starts_with("ws://") && !config.base_url.starts_with("wss://"))
    return ConfigError("Deepgram base URL must start with ws:// or wss://");
  if (config.utterance_end_ms && !config.interim_results)
    return ConfigError("Deepgram's utterance_end_ms needs interim_results");
  return std::unique_ptr<DeepgramStt>(new DeepgramStt(loop, std::move(config)));
}

Result<std::unique_ptr<SttStream>> DeepgramStt::Open(int sample_rate, std::string_view language,
                                                     SttSink& sink) {
  if (sample_rate < 8000 || sample_rate > 48000)
    return InvalidArgument("Deepgram takes 8000..48000 Hz audio, not " +
                           std::to_string(sample_rate));
  DeepgramListenOptions o;
  o.encoding = DeepgramEncoding::kLinear16;
  o.sample_rate = sample_rate;
  o.model = config_.model;
  // With detection on and no language fixed, the stream's language is left
  // out so that Deepgram picks one instead of being told.
  o.detect_language = config_.detect_language;
  o.language = !config_.language.empty() ? config_.language
               : o.detect_language       ? std::string()
                                         : std::string(language);
  o.interim_results = config_.interim_results;
  o.endpointing_ms = config_.endpointing_ms;
  o.utterance_end_ms = config_.utterance_end_ms;
  o.smart_format = config_.smart_format;
  o.keyterms = config_.keyterms;
  const std::string url = config_.base_url + "/v1/listen?" + DeepgramListenQuery(o);

  auto link = std::make_shared<Link>();
  link->loop = &loop_;
  link->shared = std::make_shared<Shared>();
  link->config = config_;
  link->max_pending_bytes =
      static_cast<size_t>(config_.max_buffered_audio.count()) * sample_rate * 2 / 1000;
  loop_.Post([link, url] { Connect(link, url); });
  return std::unique_ptr<SttStream>(new DeepgramStream(loop_, link, sink, config_.finish_timeout));
}

}  // namespace voxdesk::providers
