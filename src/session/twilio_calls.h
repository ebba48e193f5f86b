// Twilio calls into sessions: the glue a host (the reference server, or an
// application with its own Twilio number) puts between its HTTP server,
// Twilio and its workers so that a call to the number runs a voxdesk Session.
//
//   1. Twilio POSTs the voice webhook. HandleVoiceWebhook checks
//      X-Twilio-Signature, remembers the call (its From is the caller id)
//      and answers TwiML that connects the call's audio to our media stream,
//      <Connect><Stream url><Parameter name="CallSid"/></Stream></Connect>,
//      followed by <Redirect>stream_ended_url</Redirect> when one is set.
//   2. Twilio opens the media stream (a TwilioMediaServer owned here, its
//      upgrade signature checked). When the stream's "start" names a call
//      answered in step 1, the host's factory builds the Session and it is
//      handed, started, with a TwilioLine to the host's Worker. A stream for
//      a call we did not answer, or whose CallSid parameter disagrees with
//      its callSid, is closed.
//   3. The session's kTransfer event redirects the live call with
//      TwilioRest::UpdateCall to <Dial>NUMBER</Dial>; its kHangup "agent" or
//      "timeout" ends the call with Status=completed. A caller's hang-up
//      needs nothing: Twilio has ended the call. (The same updates a
//      TwilioCallLeg sends, issued here because a leg reports outcomes only
//      as counters and this needs each one's result; sessions get no
//      SessionDeps::telephony, so nothing is sent twice.)
//   4. Status callbacks (completed, busy, failed, no-answer, canceled) end a
//      session still live: its stream is closed, so the session ends with
//      kHangup "caller" on its next tick.
//
// A failed transfer does not lose the caller. The session has already said
// goodbye and closed the stream, so Twilio goes on to the webhook's
// <Redirect>: HandleStreamEnded answers <Pause/><Redirect> (back to itself)
// while the REST update is in flight, and <Dial>NUMBER</Dial> once it has
// failed, so the transfer still happens through TwiML. The failure is also
// reported as a kError event ("transfer to +1... failed: <Twilio's
// message>") and counted. Without a stream_ended_url, Twilio hangs up when
// the stream closes and a failed transfer drops the caller: set it.
//
// Threading. The Handle* methods may be called from any thread (the host's
// HTTP server threads) and never block on the network. The media stream's
// arrival runs on the event loop's thread: the factory and Session::Start
// run there, so the factory must not block (engines that connect to a
// service do so on their first Tick, not in Open; a session's realtime
// model is reached on a thread of its own). The session then lives on
// its worker; its events pass through this object on that worker's thread,
// where a transfer or hang-up only queues a REST request on the loop.
// REST outcomes arrive on the loop's thread. So the host's EventSink is
// called from workers and from the loop: it must be thread-safe (an
// EventQueue is).
//
// Ownership: the loop, the TwilioRest, the worker and the host's sink must
// outlive this object. Start and the destructor must not run on the loop's
// thread (they wait for it). Sessions still running when this object goes
// keep running; their transfers and hang-ups are then no longer sent.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "providers/twilio_media_server.h"
#include "session/events.h"
#include "session/session.h"
#include "session/worker.h"

namespace voxdesk::providers {
class TwilioRest;
namespace net {
class EventLoop;
}
}  // namespace voxdesk::providers

namespace voxdesk::session {

// The call a session is built for.
struct TwilioCallInfo {
  std::string call_sid;     // also the natural call_id for the session
  std::string account_sid;  // the account the call belongs to
  std::string from;         // the caller's number; "" when withheld
  std::string to;           // the number that was called
  // <Parameter>s the stream carried (CallSid among them).
  std::vector<std::pair<std::string, std::string>> parameters;
};

// What the host's HTTP server sends back for a webhook.
struct TwilioHttpReply {
  int status = 200;  // 403: bad signature, 400: malformed body
  std::string content_type = "text/xml";
  std::string body;  // TwiML, or a short plain-text reason
};

struct TwilioCallsOptions {
  // Verifies every webhook and the stream upgrade; empty: TWILIO_AUTH_TOKEN.
  std::string auth_token;
  // The public wss:// URL of the media stream, as Twilio connects to it
  // (what it signs); the TwiML names it.
  std::string stream_url;
  // The public URL that reaches HandleStreamEnded; empty: none (see above).
  std::string stream_ended_url;
  // Where the media server listens (its auth_token, public_url and on_call
  // are set from the fields above).
  providers::TwilioMediaServerOptions media;

  // Builds the session for a call (loop thread). It must put `events` in
  // SessionDeps::events, and leave SessionDeps::telephony empty: transfers
  // and hang-ups go through this object. An error refuses the call (its
  // stream is closed and Twilio goes on to stream_ended_url).
  std::function<Result<std::unique_ptr<Session>>(const TwilioCallInfo& call, EventSink* events)>
      make_session;
  Worker* worker = nullptr;     // runs every session
  EventSink* events = nullptr;  // optional; thread-safe (see above)
  // Calls remembered between the webhook and the end of the call; the oldest
  // that is no longer live is forgotten beyond this.
  size_t max_calls = 10'000;
};

class TwilioCalls {
 public:
  struct Stats {
    uint64_t webhooks = 0;         // voice webhooks answered with a stream
    uint64_t bad_signatures = 0;   // webhooks refused (the upgrade's are refused by the server)
    uint64_t bad_requests = 0;     // webhooks whose body did not parse
    uint64_t sessions = 0;         // sessions handed to the worker
    uint64_t refused_streams = 0;  // unknown call, mismatched CallSid or factory error
    uint64_t transfers = 0;        // transfer updates sent
    uint64_t failed_commands = 0;  // transfers or hang-ups Twilio did not accept
    uint64_t ended_by_status = 0;  // sessions ended by a status callback
  };

  // Fails on a missing auth token, a stream_url that is not wss://, a
  // missing factory or worker, or a media server that cannot listen.
  static Result<std::unique_ptr<TwilioCalls>> Start(providers::net::EventLoop& loop,
                                                    providers::TwilioRest& rest,
                                                    TwilioCallsOptions options);
  ~TwilioCalls();
  TwilioCalls(const TwilioCalls&) = delete;
  TwilioCalls& operator=(const TwilioCalls&) = delete;

  // Each takes the full URL Twilio requested (scheme, host, path and query,
  // as configured in Twilio), the X-Twilio-Signature header and the raw
  // form body.
  //
  // The incoming call: TwiML that streams it to us.
  TwilioHttpReply HandleVoiceWebhook(std::string_view url, std::string_view signature,
                                     std::string_view body);
  // A call status callback: ends the call's session when the call is over.
  TwilioHttpReply HandleStatusCallback(std::string_view url, std::string_view signature,
                                       std::string_view body);
  // Twilio's request after the stream closed (the <Redirect>): what the call
  // does next, by how its session ended.
  TwilioHttpReply HandleStreamEnded(std::string_view url, std::string_view signature,
                                    std::string_view body);

  int media_port() const { return media_port_; }
  Stats stats() const;

  struct State;

 private:
  TwilioCalls(providers::net::EventLoop& loop, std::shared_ptr<State> state)
      : loop_(loop), state_(std::move(state)) {}

  providers::net::EventLoop& loop_;
  std::shared_ptr<State> state_;
  std::unique_ptr<providers::TwilioMediaServer> server_;
  int media_port_ = 0;
};

}  // namespace voxdesk::session
