#include "session/twilio_calls.h"

#include <cstdlib>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "providers/form_urlencoded.h"
#include "providers/net/event_loop.h"
#include "providers/twilio_rest.h"
#include "providers/twilio_signature.h"
#include "providers/twilio_webhook.h"
#include "providers/twiml.h"
#include "session/twilio_line.h"

namespace voxdesk::session {

namespace {

// How the call stands, as the stream-ended webhook needs to know it.
enum class Phase {
  kRinging,         // webhook answered, no stream yet
  kLive,            // a session runs it
  kTransferring,    // the <Dial> update is on its way to Twilio
  kTransferred,     // Twilio took the update
  kTransferFailed,  // Twilio refused it, or it never arrived
  kEnded,           // hung up (either side), or refused
};

// Redirects answered with a pause while a transfer is in flight: the REST
// request's own timeouts end well before this many seconds.
constexpr int kMaxTransferWaits = 30;

TwilioHttpReply Text(int status, std::string body) {
  return {status, "text/plain", std::move(body)};
}

TwilioHttpReply Twiml(const std::vector<providers::TwimlVerb>& verbs) {
  auto xml = providers::RenderTwiml(verbs);
  if (!xml.ok()) return Text(500, xml.status().message());
  return {200, "text/xml", std::move(*xml)};
}

bool IsFinal(providers::TwilioCallStatus s) {
  using S = providers::TwilioCallStatus;
  return s == S::kCompleted || s == S::kBusy || s == S::kFailed || s == S::kNoAnswer ||
         s == S::kCanceled;
}

}  // namespace

struct TwilioCalls::State : std::enable_shared_from_this<TwilioCalls::State> {
  struct Call;

  providers::net::EventLoop& loop;
  providers::TwilioRest& rest;
  const TwilioCallsOptions options;

  mutable std::mutex mu;  // guards everything below and every Call's mutable fields
  bool closed = false;    // TwilioCalls is gone: no more REST commands
  std::unordered_map<std::string, std::shared_ptr<Call>> calls;
  std::deque<std::string> order;  // call SIDs, oldest first
  Stats stats;

  // Held while the host's sink is called, so the destructor can wait out a
  // call in progress; separate from `mu` so a sink may read stats().
  std::mutex sink_mu;
  bool sink_closed = false;

  State(providers::net::EventLoop& l, providers::TwilioRest& r, TwilioCallsOptions o)
      : loop(l), rest(r), options(std::move(o)) {}

  void Emit(const Event& e) {
    std::lock_guard lock(sink_mu);
    if (!sink_closed && options.events) options.events->OnEvent(e);
  }
  void EmitError(const std::string& call_sid, int64_t t_ms, std::string text) {
    Event e;
    e.type = EventType::kError;
    e.call_id = call_sid;
    e.t_ms = t_ms;
    e.text = std::move(text);
    Emit(e);
  }

  // The session's events, on its worker's thread.
  struct Call final : EventSink, std::enable_shared_from_this<Call> {
    std::weak_ptr<State> state;
    TwilioCallInfo info;
    // Guarded by State::mu.
    Phase phase = Phase::kRinging;
    std::string transfer_to;
    std::shared_ptr<providers::TwilioMediaCall> media;
    int waits = 0;
    int64_t t_ms = 0;  // call time of the latest session event

    void OnEvent(const Event& e) override {
      auto s = state.lock();
      if (!s) return;
      s->Emit(e);
      if (e.type == EventType::kTransfer) s->Transfer(*this, e);
      if (e.type == EventType::kHangup) s->Hangup(*this, e);
    }
  };

  // A webhook's form, its signature checked and read as a call's fields;
  // otherwise `refused` holds the answer (400 or 403) and the refusal is counted.
  Result<providers::TwilioCallWebhook> VerifiedCall(std::string_view url,
                                                    std::string_view signature,
                                                    std::string_view body,
                                                    TwilioHttpReply& refused) {
    auto parsed = providers::ParseForm(body);
    if (!parsed.ok()) {
      std::lock_guard lock(mu);
      ++stats.bad_requests;
      refused = Text(400, parsed.status().message());
      return parsed.status();
    }
    Status st = providers::ValidateTwilioSignature(options.auth_token, signature, url, *parsed);
    if (!st.ok()) {
      std::lock_guard lock(mu);
      ++stats.bad_signatures;
      refused = Text(403, "X-Twilio-Signature does not match");
      return st;
    }
    auto hook = providers::ParseTwilioCallWebhook(*parsed);
    if (!hook.ok()) {
      std::lock_guard lock(mu);
      ++stats.bad_requests;
      refused = Text(400, hook.status().message());
    }
    return hook;
  }

  // Forgets the oldest calls that no longer run, beyond max_calls (mu held).
  void Evict() {
    // Status callbacks forget calls without touching `order`: drop their
    // SIDs once they are the bulk of it.
    if (order.size() > 2 * calls.size() + 64) {
      std::erase_if(order, [&](const std::string& sid) { return !calls.contains(sid); });
    }
    for (size_t i = 0; calls.size() > options.max_calls && i < order.size();) {
      auto it = calls.find(order[i]);
      if (it == calls.end()) {
        order.erase(order.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      const Phase p = it->second->phase;
      if (p == Phase::kLive || p == Phase::kTransferring) {
        ++i;
        continue;
      }
      calls.erase(it);
      order.erase(order.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }

  // A stream's "start" arrived (loop thread).
  void OnStream(const std::shared_ptr<providers::TwilioMediaCall>& media) {
    std::shared_ptr<Call> call;
    std::string why;
    {
      std::lock_guard lock(mu);
      auto it = calls.find(media->call_sid());
      const std::string* param = nullptr;
      for (const auto& [name, value] : media->custom_parameters())
        if (name == "CallSid") param = &value;
      if (closed) {
        why = "shutting down";
      } else if (it == calls.end()) {
        why = "no voice webhook was answered for this call";
      } else if (it->second->phase != Phase::kRinging) {
        why = "the call already has a stream";
      } else if (!param || *param != media->call_sid()) {
        why = "the stream's CallSid parameter does not name its call";
      } else {
        call = it->second;
        call->phase = Phase::kLive;
        call->media = media;
        call->info.parameters = media->custom_parameters();
      }
      if (!call) ++stats.refused_streams;
    }
    if (!call) {
      media->Close();
      EmitError(media->call_sid(), 0, "media stream refused: " + why);
      return;
    }
    auto session = options.make_session(call->info, call.get());
    Status st = session.ok() ? (*session)->Start() : session.status();
    if (!st.ok()) {
      {
        std::lock_guard lock(mu);
        call->phase = Phase::kEnded;
        ++stats.refused_streams;
      }
      media->Close();
      EmitError(call->info.call_sid, 0, "no session for the call: " + st.message());
      return;
    }
    {
      std::lock_guard lock(mu);
      ++stats.sessions;
    }
    options.worker->Add(std::move(*session), std::make_unique<CallLine>(media, call));
  }

  // The session's line, holding the call's sink for as long as the session
  // can emit (the worker destroys a line before its session).
  class CallLine final : public Line {
   public:
    CallLine(std::shared_ptr<providers::TwilioMediaCall> media, std::shared_ptr<Call> call)
        : line_(std::move(media)), call_(std::move(call)) {}
    bool Read(media::AudioFrame& in) override { return line_.Read(in); }
    void Write(const media::AudioFrame& out) override { line_.Write(out); }
    bool PopDigit(char& digit) override { return line_.PopDigit(digit); }
    bool hung_up() const override { return line_.hung_up(); }
    void Close(std::string_view reason) override { line_.Close(reason); }

   private:
    TwilioLine line_;
    std::shared_ptr<Call> call_;
  };

  // Worker thread: the session hands the caller to `e.text`.
  void Transfer(Call& call, const Event& e) {
    std::string error;
    {
      std::lock_guard lock(mu);
      if (closed) return;
      call.t_ms = e.t_ms;
      call.phase = Phase::kTransferring;
      call.transfer_to = e.text;
      ++stats.transfers;
      auto twiml = providers::RenderTwiml({providers::Dial(e.text)});
      if (twiml.ok()) {
        rest.UpdateCall(call.info.call_sid, {{"Twiml", *twiml}},
                        [self = shared_from_this(), c = call.shared_from_this()](const Status& st) {
                          self->Done(*c, /*transfer=*/true, st);
                        });
        return;
      }
      call.phase = Phase::kTransferFailed;
      ++stats.failed_commands;
      error = twiml.status().message();
    }
    EmitError(call.info.call_sid, e.t_ms, "transfer to " + e.text + " failed: " + error);
  }

  // Worker thread: the session is over.
  void Hangup(Call& call, const Event& e) {
    std::lock_guard lock(mu);
    call.t_ms = e.t_ms;
    if (e.text == "transfer") return;  // the <Dial> update carries on with the call
    call.phase = Phase::kEnded;
    if (e.text == "caller" || closed) return;  // Twilio has already ended it
    rest.UpdateCall(call.info.call_sid, {{"Status", "completed"}},
                    [self = shared_from_this(), c = call.shared_from_this()](const Status& st) {
                      self->Done(*c, /*transfer=*/false, st);
                    });
  }

  // Loop thread: Twilio answered a command.
  void Done(Call& call, bool transfer, const Status& st) {
    int64_t t_ms;
    std::string number;
    {
      std::lock_guard lock(mu);
      if (transfer && call.phase == Phase::kTransferring) {
        call.phase = st.ok() ? Phase::kTransferred : Phase::kTransferFailed;
      }
      if (st.ok()) return;
      ++stats.failed_commands;
      t_ms = call.t_ms;
      number = call.transfer_to;
    }
    if (transfer) {
      EmitError(call.info.call_sid, t_ms,
                "transfer to " + number + " failed: " + st.message() +
                    (options.stream_ended_url.empty()
                         ? " (no stream_ended_url: the caller is cut off)"
                         : " (the call is dialled through the stream-ended TwiML instead)"));
    } else {
      EmitError(
          call.info.call_sid, t_ms,
          "hang-up failed: " + st.message() + " (Twilio ends the call when the stream closes)");
    }
  }
};

Result<std::unique_ptr<TwilioCalls>> TwilioCalls::Start(providers::net::EventLoop& loop,
                                                        providers::TwilioRest& rest,
                                                        TwilioCallsOptions options) {
  if (options.auth_token.empty()) {
    if (const char* env = std::getenv("TWILIO_AUTH_TOKEN")) options.auth_token = env;
  }
  if (options.auth_token.empty()) {
    return ConfigError("Twilio auth token missing: set it in the options or TWILIO_AUTH_TOKEN");
  }
  if (!options.stream_url.starts_with("wss://")) {
    return InvalidArgument("stream_url must be the public wss:// URL of the media stream");
  }
  if (!options.stream_ended_url.empty() && !options.stream_ended_url.starts_with("https://") &&
      !options.stream_ended_url.starts_with("http://")) {
    return InvalidArgument("stream_ended_url must be an http(s) URL Twilio can reach");
  }
  if (!options.make_session) return InvalidArgument("TwilioCalls needs a make_session factory");
  if (!options.worker) return InvalidArgument("TwilioCalls needs a worker to run sessions");
  if (loop.InLoopThread()) {
    return Status(Code::kInternal,
                  "TwilioCalls::Start waits for the event loop: not on its thread");
  }
  providers::TwilioMediaServerOptions media = options.media;
  media.auth_token = options.auth_token;
  media.public_url = options.stream_url;
  auto state = std::make_shared<State>(loop, rest, std::move(options));
  media.on_call =
      [weak = std::weak_ptr<State>(state)](std::shared_ptr<providers::TwilioMediaCall> call) {
        if (auto s = weak.lock()) {
          s->OnStream(call);
        } else {
          call->Close();
        }
      };
  auto server =
      loop.Call([&] { return providers::TwilioMediaServer::Start(loop, std::move(media)); });
  if (!server.ok()) return server.status();
  std::unique_ptr<TwilioCalls> calls(new TwilioCalls(loop, std::move(state)));
  calls->media_port_ = (*server)->port();
  calls->server_ = std::move(*server);
  return calls;
}

TwilioCalls::~TwilioCalls() {
  // No new streams, then no more commands or events to the host.
  loop_.Call([&] { server_.reset(); });
  {
    std::lock_guard lock(state_->mu);
    state_->closed = true;
  }
  std::lock_guard lock(state_->sink_mu);
  state_->sink_closed = true;
}

TwilioCalls::Stats TwilioCalls::stats() const {
  std::lock_guard lock(state_->mu);
  return state_->stats;
}

TwilioHttpReply TwilioCalls::HandleVoiceWebhook(std::string_view url, std::string_view signature,
                                                std::string_view body) {
  TwilioHttpReply refused;
  auto hook = state_->VerifiedCall(url, signature, body, refused);
  if (!hook.ok()) return refused;
  const TwilioCallsOptions& o = state_->options;
  {
    std::lock_guard lock(state_->mu);
    // Twilio retries a webhook that timed out: the same call, answered again.
    if (!state_->calls.contains(hook->call_sid)) {
      auto call = std::make_shared<State::Call>();
      call->state = state_;
      call->info.call_sid = hook->call_sid;
      call->info.account_sid = hook->account_sid;
      call->info.from = hook->from;
      call->info.to = hook->to;
      state_->calls.emplace(hook->call_sid, std::move(call));
      state_->order.push_back(hook->call_sid);
      state_->Evict();
    }
    ++state_->stats.webhooks;
  }
  std::vector<providers::TwimlVerb> verbs{
      providers::ConnectStream(o.stream_url, {{"CallSid", hook->call_sid}})};
  if (!o.stream_ended_url.empty()) verbs.push_back(providers::Redirect(o.stream_ended_url));
  return Twiml(verbs);
}

TwilioHttpReply TwilioCalls::HandleStatusCallback(std::string_view url, std::string_view signature,
                                                  std::string_view body) {
  TwilioHttpReply refused;
  auto hook = state_->VerifiedCall(url, signature, body, refused);
  if (!hook.ok()) return refused;
  if (!IsFinal(hook->status)) return Twiml({});
  std::shared_ptr<providers::TwilioMediaCall> media;
  {
    std::lock_guard lock(state_->mu);
    auto it = state_->calls.find(hook->call_sid);
    if (it == state_->calls.end()) return Twiml({});
    if (it->second->phase == Phase::kLive && it->second->media) {
      media = it->second->media;
      ++state_->stats.ended_by_status;
    }
    it->second->media.reset();
    state_->calls.erase(it);
  }
  // The session sees its line hung up on its next tick and ends as "caller".
  if (media) media->Close();
  return Twiml({});
}

TwilioHttpReply TwilioCalls::HandleStreamEnded(std::string_view url, std::string_view signature,
                                               std::string_view body) {
  TwilioHttpReply refused;
  auto hook = state_->VerifiedCall(url, signature, body, refused);
  if (!hook.ok()) return refused;
  std::vector<providers::TwimlVerb> verbs;
  {
    std::lock_guard lock(state_->mu);
    auto it = state_->calls.find(hook->call_sid);
    State::Call* call = it == state_->calls.end() ? nullptr : it->second.get();
    const Phase phase = call ? call->phase : Phase::kEnded;
    if (phase == Phase::kTransferring && call->waits < kMaxTransferWaits) {
      // Twilio has not answered the update yet: ask again in a second. A
      // successful update replaces this TwiML before then.
      ++call->waits;
      verbs = {providers::Pause(1), providers::Redirect(state_->options.stream_ended_url)};
    } else if (phase == Phase::kTransferring || phase == Phase::kTransferred ||
               phase == Phase::kTransferFailed) {
      verbs = {providers::Dial(call->transfer_to)};
    } else {
      // Hung up by the agent, a refused stream, a stream that dropped, or
      // a call we never answered.
      verbs = {providers::Hangup()};
    }
  }
  return Twiml(verbs);
}

}  // namespace voxdesk::session
