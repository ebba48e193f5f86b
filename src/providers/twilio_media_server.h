// Twilio Media Streams, server side: Twilio opens a WebSocket to us when a
// call reaches <Connect><Stream url="wss://.../media">, and sends the
// caller's audio (8 kHz mu-law, 20 ms per "media" message), keypad presses
// and the acknowledgements of our playout marks; we send the agent's audio
// back on the same socket, marks to learn when it was heard, and "clear" to
// drop what Twilio has buffered when the caller barges in.
//
// The server runs on a network EventLoop. Each stream becomes a
// TwilioMediaCall once its "start" message arrives: a handle the session's
// worker reads and writes from its own thread (queues under a lock), so the
// loop thread and the worker never wait for each other.
//
// Bad input never ends a call: a message that does not parse, a repeated or
// out-of-order sequence number, or a frame beyond the queue bound is
// dropped and counted. A handshake without a valid X-Twilio-Signature (when
// an auth token is configured) is refused before any message.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "media/frame.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
class WsConnection;
}  // namespace net

// One live media stream. Thread-safe.
class TwilioMediaCall {
 public:
  struct Stats {
    uint64_t frames_in = 0;
    uint64_t frames_dropped = 0;  // the worker fell behind the queue bound
    uint64_t bad_messages = 0;    // unparseable, out of order or unexpected
    uint64_t frames_out = 0;
  };

  const std::string& call_sid() const { return call_sid_; }
  const std::string& stream_sid() const { return stream_sid_; }
  const std::string& account_sid() const { return account_sid_; }
  // <Parameter> values from the TwiML that opened the stream.
  const std::vector<std::pair<std::string, std::string>>& custom_parameters() const {
    return custom_parameters_;
  }

  // The caller's next 20 ms frame, if one is waiting.
  bool PopAudio(media::AudioFrame& out);
  bool PopDigit(char& digit);
  // A mark Twilio has played up to (our SendMark names, in order).
  bool PopMark(std::string& name);

  // The agent's audio: 8 kHz PCM, sent as mu-law. kConflict once ended.
  Status SendAudio(const media::AudioFrame& frame);
  Status SendMark(std::string_view name);
  // Barge-in: Twilio drops the audio it has not played yet.
  Status Clear();
  // Ends the stream from our side (Twilio goes on with the call's TwiML).
  void Close();

  // The stream stopped: Twilio's "stop", a closed socket, or Close().
  bool ended() const { return ended_.load(); }
  Stats stats() const;

  struct Internals;
  TwilioMediaCall(std::string call_sid, std::string stream_sid, std::string account_sid,
                  std::vector<std::pair<std::string, std::string>> params,
                  std::shared_ptr<Internals> internals);
  ~TwilioMediaCall();
  Internals& internals() { return *internals_; }

 private:
  Status Send(std::string message);

  const std::string call_sid_, stream_sid_, account_sid_;
  const std::vector<std::pair<std::string, std::string>> custom_parameters_;
  std::shared_ptr<Internals> internals_;
  std::atomic<bool> ended_{false};
  friend struct TwilioMediaServerAccess;
};

struct TwilioMediaServerOptions {
  std::string bind = "127.0.0.1";
  int port = 0;  // 0: any free port
  std::string path = "/media";
  // When set, the handshake's X-Twilio-Signature must sign `public_url`
  // (the wss:// URL given in the TwiML, including any query).
  std::string auth_token;
  std::string public_url;
  size_t max_queued_frames = 250;  // 5 s of caller audio
  // A new stream started (loop thread; keep it short).
  std::function<void(std::shared_ptr<TwilioMediaCall>)> on_call;
};

class TwilioMediaServer {
 public:
  // Start and the destructor run on the loop thread (e.g. inside
  // EventLoop::Call); destroying the server ends its streams.
  static Result<std::unique_ptr<TwilioMediaServer>> Start(net::EventLoop& loop,
                                                          TwilioMediaServerOptions options);
  ~TwilioMediaServer();
  int port() const { return port_; }

 private:
  TwilioMediaServer(net::EventLoop& loop, uint64_t id, int port)
      : loop_(loop), id_(id), port_(port) {}
  net::EventLoop& loop_;
  uint64_t id_;
  int port_;
};

}  // namespace voxdesk::providers
