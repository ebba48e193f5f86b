// Twilio's REST API (2010-04-01) over the network layer: text messages, new
// outbound calls, and commands on a live call (transfer, play, keypad
// tones, hang up), which Twilio carries out by replacing the call's TwiML.
//
// Requests are form bodies with HTTP Basic auth (account SID and auth
// token); answers are JSON, errors `{"code", "message", "status"}`. A
// message or a new call is a POST that Twilio acts on, so it is retried
// only when Twilio refused it unread (429) or the connection never opened,
// never after a 5xx: a second attempt could send the text twice.
//
// Threading: TwilioRest is shared by every worker; SendSms and CreateCall
// block their caller until Twilio answers and must not be called on the
// event loop's thread (they return kInternal there). A TwilioCallLeg is
// used by its session's worker thread and never blocks it: a command is
// validated, queued on the event loop, and returns Ok; its outcome is
// counted in failures() / last_error() (Twilio reports the call's own
// progress through status callbacks).
//
// Secrets: the auth token comes from the config or TWILIO_AUTH_TOKEN and
// never appears in a Status message or a log line.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/status.h"
#include "providers/form_urlencoded.h"
#include "providers/net/backoff.h"
#include "providers/net/circuit_breaker.h"
#include "providers/telephony.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct TwilioRestConfig {
  std::string base_url = "https://api.twilio.com";
  std::string account_sid;           // "AC" and 32 hex digits
  std::string auth_token;            // empty: the TWILIO_AUTH_TOKEN environment variable
  std::string sms_status_callback;   // optional URL for MessageStatus callbacks
  std::string call_status_callback;  // optional URL for outbound call progress
  // The media stream a live call goes back to after Play or SendDtmf (the
  // wss:// URL of the <Connect><Stream>), since new TwiML replaces the old.
  std::string stream_url;
  std::chrono::milliseconds timeout{10'000};
  net::BackoffPolicy retry;
  std::shared_ptr<net::CircuitBreaker> breaker;  // may be null
};

// Twilio's error body as a Status: 401/403 -> kConfig (credentials),
// 429 and 5xx -> kUnavailable, other 4xx -> kInvalidArgument, each with
// Twilio's error code and message ("Twilio 21211: Invalid 'To' Phone Number").
Status TwilioErrorStatus(int http_status, std::string_view body);

class TwilioCallLeg;

class TwilioRest final : public Telephony {
 public:
  // Fails on a malformed account SID or a missing auth token.
  static Result<std::unique_ptr<TwilioRest>> Create(net::EventLoop& loop, TwilioRestConfig config);
  ~TwilioRest() override;

  // Returns the message SID ("SM...").
  Result<std::string> SendSms(std::string_view from, std::string_view to,
                              std::string_view body) override;
  // Places an outbound call that runs `twiml`; returns the call SID ("CA...").
  Result<std::string> CreateCall(std::string_view from, std::string_view to,
                                 std::string_view twiml);
  // A handle on a live call, inbound (ringing: its webhook is being
  // answered) or outbound (already answered).
  Result<std::unique_ptr<TwilioCallLeg>> Attach(std::string_view call_sid, bool ringing);

  // Posts `params` to the live call after the updates queued before it
  // (loop thread work; `done` runs there).
  void UpdateCall(std::string call_sid, FormParams params, std::function<void(const Status&)> done);

  struct Impl;

 private:
  explicit TwilioRest(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

class TwilioCallLeg final : public TelephonyCall {
 public:
  TwilioCallLeg(TwilioRest& rest, std::string call_sid, std::string stream_url, bool ringing);

  // Twilio answers an inbound call when its voice webhook returns TwiML
  // (<Connect><Stream>), so Answer only records it; a second one, or one
  // after hang-up, is kConflict.
  Status Answer() override;
  Status Play(std::string_view url) override;
  Status Transfer(std::string_view e164) override;
  Status Hangup() override;
  Status SendDtmf(std::string_view digits) override;

  const std::string& call_sid() const { return call_sid_; }
  int failures() const { return outcomes_->failures.load(); }
  Status last_error() const;
  // Commands Twilio has answered (either way).
  int completed() const { return outcomes_->completed.load(); }

 private:
  enum class State { kRinging, kLive, kEnded };
  Status Send(FormParams params);

  // Shared with the queued requests, which may finish after the leg is gone.
  struct Outcomes {
    std::atomic<int> failures{0};
    std::atomic<int> completed{0};
    std::mutex mu;
    Status last_error;  // guarded by mu
  };

  TwilioRest& rest_;
  const std::string call_sid_;
  const std::string stream_url_;
  State state_;
  std::shared_ptr<Outcomes> outcomes_ = std::make_shared<Outcomes>();
};

}  // namespace voxdesk::providers
