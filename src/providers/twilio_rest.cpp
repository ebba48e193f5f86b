#include "providers/twilio_rest.h"

#include <cstdlib>
#include <deque>
#include <future>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/utf8.h"
#include "media/base64.h"
#include "providers/net/event_loop.h"
#include "providers/net/http_client.h"
#include "providers/twilio_webhook.h"
#include "schedule/business.h"
#include "providers/twiml.h"

namespace voxdesk::providers {

Status TwilioErrorStatus(int http_status, std::string_view body) {
  std::string what = "Twilio HTTP " + std::to_string(http_status);
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_discarded() && j.is_object()) {
    std::string detail;
    if (auto it = j.find("code"); it != j.end() && it->is_number_integer()) {
      detail = "Twilio " + std::to_string(it->get<int64_t>());
    }
    if (auto it = j.find("message"); it != j.end() && it->is_string()) {
      detail += (detail.empty() ? "Twilio: " : ": ") + it->get<std::string>();
    }
    if (!detail.empty()) what = detail + " (HTTP " + std::to_string(http_status) + ")";
  }
  if (http_status == 401 || http_status == 403) {
    return ConfigError(what + ": check the account SID and auth token");
  }
  if (http_status == 429 || http_status >= 500 || http_status == 0) return Unavailable(what);
  return InvalidArgument(what);
}

struct TwilioRest::Impl : std::enable_shared_from_this<TwilioRest::Impl> {
  net::EventLoop& loop;
  TwilioRestConfig config;
  std::string authorization;  // "Basic ..."

  Impl(net::EventLoop& l, TwilioRestConfig c) : loop(l), config(std::move(c)) {}

  net::HttpRequest Post(std::string path, const FormParams& params) const {
    net::HttpRequest r;
    r.method = "POST";
    r.url = config.base_url + "/2010-04-01/Accounts/" + config.account_sid + path;
    r.headers = {{"Authorization", authorization},
                 {"Content-Type", "application/x-www-form-urlencoded"},
                 {"Accept", "application/json"}};
    r.body = EncodeForm(params);
    r.connect_timeout = std::min(config.timeout, std::chrono::milliseconds(5000));
    r.first_byte_timeout = config.timeout;
    r.idle_timeout = config.timeout;
    r.total_timeout = config.timeout * 2;
    r.max_response_bytes = 1 << 20;
    r.retry = config.retry;
    r.breaker = config.breaker;
    return r;
  }

  // Runs on the loop; `done` gets Ok and the JSON body, or the error.
  using Done = std::function<void(const Status&, const std::string&)>;
  void Start(net::HttpRequest req, Done done) {
    loop.Post([self = shared_from_this(), req = std::move(req), done = std::move(done)]() mutable {
      self->StartOnLoop(std::move(req), std::move(done));
    });
  }
  void StartOnLoop(net::HttpRequest req, Done done) {
    net::HttpHandlers h;
    h.on_done = [done = std::move(done)](const Status& st, net::HttpResult& r) {
      if (st.ok()) return done(st, r.body);
      done(r.status ? TwilioErrorStatus(r.status, r.body) : st, r.body);
    };
    loop.http().Start(std::move(req), std::move(h));
  }

  // Updates to one call go one at a time, in order: Twilio applies each new
  // TwiML on arrival, so a transfer must not overtake the Play before it.
  struct PendingUpdate {
    FormParams params;
    std::function<void(const Status&)> done;
  };
  std::unordered_map<std::string, std::deque<PendingUpdate>> updates;  // loop thread only

  void Update(std::string sid, FormParams params, std::function<void(const Status&)> done) {
    loop.Post([self = shared_from_this(), sid = std::move(sid), params = std::move(params),
               done = std::move(done)]() mutable {
      auto& queue = self->updates[sid];
      queue.push_back({std::move(params), std::move(done)});
      if (queue.size() == 1) self->StartNextUpdate(sid);
    });
  }
  void StartNextUpdate(const std::string& sid) {
    const PendingUpdate& next = updates[sid].front();
    StartOnLoop(Post("/Calls/" + sid + ".json", next.params),
                [self = shared_from_this(), sid](const Status& st, const std::string&) {
                  auto& queue = self->updates[sid];
                  auto done = std::move(queue.front().done);
                  queue.pop_front();
                  if (queue.empty()) {
                    self->updates.erase(sid);
                  } else {
                    self->StartNextUpdate(sid);
                  }
                  done(st);
                });
  }

  // Blocks for the answer and returns its "sid" field.
  Result<std::string> PostForSid(std::string path, const FormParams& params,
                                 std::string_view prefix) {
    if (loop.InLoopThread()) {
      return Status(Code::kInternal, "Twilio REST: a blocking call on the event loop's own thread");
    }
    std::promise<Result<std::string>> answer;
    auto got = answer.get_future();
    Start(Post(std::move(path), params),
          [&answer, prefix](const Status& st, const std::string& body) {
            if (!st.ok()) return answer.set_value(st);
            auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
            if (j.is_discarded() || !j.is_object() || !j.contains("sid") || !j["sid"].is_string() ||
                !IsTwilioSid(j["sid"].get<std::string>(), prefix)) {
              return answer.set_value(
                  Unavailable("Twilio answered without a valid " + std::string(prefix) + " sid"));
            }
            answer.set_value(j["sid"].get<std::string>());
          });
    return got.get();
  }
};

TwilioRest::TwilioRest(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
TwilioRest::~TwilioRest() = default;

Result<std::unique_ptr<TwilioRest>> TwilioRest::Create(net::EventLoop& loop,
                                                       TwilioRestConfig config) {
  if (!IsTwilioSid(config.account_sid, "AC")) {
    return ConfigError("Twilio account SID must be \"AC\" and 32 hex digits");
  }
  if (config.auth_token.empty()) {
    if (const char* env = std::getenv("TWILIO_AUTH_TOKEN")) config.auth_token = env;
  }
  if (config.auth_token.empty()) {
    return ConfigError("Twilio auth token missing: set it in the config or TWILIO_AUTH_TOKEN");
  }
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  auto impl = std::make_shared<Impl>(loop, std::move(config));
  const std::string user = impl->config.account_sid + ":" + impl->config.auth_token;
  std::string encoded(media::Base64EncodedSize(user.size()), '\0');
  auto n =
      media::Base64Encode({reinterpret_cast<const uint8_t*>(user.data()), user.size()}, encoded);
  if (!n.ok()) return n.status();
  encoded.resize(*n);
  impl->authorization = "Basic " + encoded;
  return std::unique_ptr<TwilioRest>(new TwilioRest(std::move(impl)));
}

Result<std::string> TwilioRest::SendSms(std::string_view from, std::string_view to,
                                        std::string_view body) {
  if (!IsE164(from) || !IsE164(to)) {
    return InvalidArgument("SMS numbers must be E.164 (\"+15550100199\")");
  }
  if (body.empty() || !IsValidUtf8(body))
    return InvalidArgument("SMS body must be non-empty UTF-8");
  if (body.size() > 1600 * 4)
    return InvalidArgument("SMS body longer than Twilio's 1,600 characters");
  FormParams params{
      {"To", std::string(to)}, {"From", std::string(from)}, {"Body", std::string(body)}};
  if (!impl_->config.sms_status_callback.empty()) {
    params.emplace_back("StatusCallback", impl_->config.sms_status_callback);
  }
  return impl_->PostForSid("/Messages.json", params, "SM");
}

Result<std::string> TwilioRest::CreateCall(std::string_view from, std::string_view to,
                                           std::string_view twiml) {
  if (!IsE164(from) || !IsE164(to)) return InvalidArgument("call numbers must be E.164");
  if (twiml.empty() || !IsValidUtf8(twiml)) return InvalidArgument("a call needs TwiML to run");
  FormParams params{
      {"To", std::string(to)}, {"From", std::string(from)}, {"Twiml", std::string(twiml)}};
  if (!impl_->config.call_status_callback.empty()) {
    params.emplace_back("StatusCallback", impl_->config.call_status_callback);
    params.emplace_back("StatusCallbackEvent", "initiated ringing answered completed");
  }
  return impl_->PostForSid("/Calls.json", params, "CA");
}

Result<std::unique_ptr<TwilioCallLeg>> TwilioRest::Attach(std::string_view call_sid, bool ringing) {
  if (!IsTwilioSid(call_sid, "CA"))
    return InvalidArgument("call SID must be \"CA\" and 32 hex digits");
  return std::make_unique<TwilioCallLeg>(*this, std::string(call_sid), impl_->config.stream_url,
                                         ringing);
}

void TwilioRest::UpdateCall(std::string call_sid, FormParams params,
                            std::function<void(const Status&)> done) {
  impl_->Update(std::move(call_sid), std::move(params), std::move(done));
}

// ---------------------------------------------------------------- call leg

TwilioCallLeg::TwilioCallLeg(TwilioRest& rest, std::string call_sid, std::string stream_url,
                             bool ringing)
    : rest_(rest),
      call_sid_(std::move(call_sid)),
      stream_url_(std::move(stream_url)),
      state_(ringing ? State::kRinging : State::kLive) {}

Status TwilioCallLeg::last_error() const {
  std::lock_guard lock(outcomes_->mu);
  return outcomes_->last_error;
}

Status TwilioCallLeg::Send(FormParams params) {
  rest_.UpdateCall(call_sid_, std::move(params), [outcomes = outcomes_](const Status& st) {
    if (!st.ok()) {
      std::lock_guard lock(outcomes->mu);
      outcomes->last_error = st;
      ++outcomes->failures;
    }
    ++outcomes->completed;
  });
  return Status::Ok();
}

Status TwilioCallLeg::Answer() {
  if (state_ != State::kRinging) return Conflict("the call is not ringing");
  state_ = State::kLive;
  return Status::Ok();
}

// New TwiML replaces the call's; after playing, the call reconnects to the
// media stream so the session keeps hearing the caller.
static Result<std::string> ThenReconnect(std::vector<TwimlVerb> verbs,
                                         const std::string& stream_url) {
  if (!stream_url.empty()) verbs.push_back(ConnectStream(stream_url));
  return RenderTwiml(verbs);
}

Status TwilioCallLeg::Play(std::string_view url) {
  if (state_ != State::kLive) return Conflict("Play needs a live call");
  if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() > 2048) {
    return InvalidArgument("Play needs an http(s) URL Twilio can fetch");
  }
  auto twiml = ThenReconnect({providers::Play(url)}, stream_url_);
  if (!twiml.ok()) return twiml.status();
  return Send({{"Twiml", *twiml}});
}

Status TwilioCallLeg::Transfer(std::string_view e164) {
  if (state_ != State::kLive) return Conflict("Transfer needs a live call");
  if (!IsE164(e164)) return InvalidArgument("transfer target must be E.164 (\"+15550100199\")");
  auto twiml = RenderTwiml({Dial(e164)});
  if (!twiml.ok()) return twiml.status();
  state_ = State::kEnded;  // the session's side of the call is over
  return Send({{"Twiml", *twiml}});
}

Status TwilioCallLeg::Hangup() {
  if (state_ == State::kEnded) return Conflict("the call has already ended");
  state_ = State::kEnded;
  return Send({{"Status", "completed"}});
}

Status TwilioCallLeg::SendDtmf(std::string_view digits) {
  if (state_ != State::kLive) return Conflict("SendDtmf needs a live call");
  if (digits.empty() || digits.size() > 64 ||
      digits.find_first_not_of("0123456789*#ABCDw") != std::string_view::npos) {
    return InvalidArgument("keypad tones are 0-9, *, #, A-D and w (a pause)");
  }
  TwimlVerb play;
  play.name = "Play";
  play.attributes.emplace_back("digits", std::string(digits));
  auto twiml = ThenReconnect({play}, stream_url_);
  if (!twiml.ok()) return twiml.status();
  return Send({{"Twiml", *twiml}});
}

}  // namespace voxdesk::providers
