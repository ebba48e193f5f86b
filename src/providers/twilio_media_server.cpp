#include "providers/twilio_media_server.h"

#include "media/g711.h"
#include "media/twilio_media.h"
#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"
#include "providers/twilio_signature.h"

namespace voxdesk::providers {

// Shared by the call handle (worker side) and the connection (loop side).
struct TwilioMediaCall::Internals {
  net::EventLoop& loop;
  std::weak_ptr<net::WsConnection> conn;  // loop thread only
  size_t max_frames;

  std::mutex mu;  // guards everything below
  std::deque<media::AudioFrame> audio;
  std::deque<char> digits;
  std::deque<std::string> marks;
  Stats stats;

  Internals(net::EventLoop& l, size_t max) : loop(l), max_frames(max) {}
};

TwilioMediaCall::TwilioMediaCall(std::string call_sid, std::string stream_sid,
                                 std::string account_sid,
                                 std::vector<std::pair<std::string, std::string>> params,
                                 std::shared_ptr<Internals> internals)
    : call_sid_(std::move(call_sid)),
      stream_sid_(std::move(stream_sid)),
      account_sid_(std::move(account_sid)),
      custom_parameters_(std::move(params)),
      internals_(std::move(internals)) {}

TwilioMediaCall::~TwilioMediaCall() = default;

bool TwilioMediaCall::PopAudio(media::AudioFrame& out) {
  std::lock_guard lock(internals_->mu);
  if (internals_->audio.empty()) return false;
  out = internals_->audio.front();
  internals_->audio.pop_front();
  return true;
}

bool TwilioMediaCall::PopDigit(char& digit) {
  std::lock_guard lock(internals_->mu);
  if (internals_->digits.empty()) return false;
  digit = internals_->digits.front();
  internals_->digits.pop_front();
  return true;
}

bool TwilioMediaCall::PopMark(std::string& name) {
  std::lock_guard lock(internals_->mu);
  if (internals_->marks.empty()) return false;
  name = std::move(internals_->marks.front());
  internals_->marks.pop_front();
  return true;
}

TwilioMediaCall::Stats TwilioMediaCall::stats() const {
  std::lock_guard lock(internals_->mu);
  return internals_->stats;
}

Status TwilioMediaCall::Send(std::string message) {
  if (ended()) return Conflict("the media stream has ended");
  internals_->loop.Post([internals = internals_, message = std::move(message)] {
    if (auto conn = internals->conn.lock()) (void)conn->SendText(message);
  });
  return Status::Ok();
}

Status TwilioMediaCall::SendAudio(const media::AudioFrame& frame) {
  if (frame.sample_rate != 8000) return InvalidArgument("Twilio media streams carry 8 kHz audio");
  std::array<uint8_t, media::kMaxFrameSamples> mulaw{};
  VOXDESK_RETURN_IF_ERROR(media::g711::EncodeUlaw(frame, std::span<uint8_t>(mulaw.data(), frame.count)));
  std::string message;
  VOXDESK_RETURN_IF_ERROR(media::SerializeTwilioMedia(
      stream_sid_, std::span<const uint8_t>(mulaw.data(), frame.count), message));
  {
    std::lock_guard lock(internals_->mu);
    ++internals_->stats.frames_out;
  }
  return Send(std::move(message));
}

Status TwilioMediaCall::SendMark(std::string_view name) {
  std::string message;
  VOXDESK_RETURN_IF_ERROR(media::SerializeTwilioMark(stream_sid_, name, message));
  return Send(std::move(message));
}

Status TwilioMediaCall::Clear() {
  std::string message;
  VOXDESK_RETURN_IF_ERROR(media::SerializeTwilioClear(stream_sid_, message));
  return Send(std::move(message));
}

void TwilioMediaCall::Close() {
  if (ended_.exchange(true)) return;
  internals_->loop.Post([internals = internals_] {
    if (auto conn = internals->conn.lock()) conn->Close(1000, "stream ended by the agent");
  });
}

struct TwilioMediaServerAccess {
  static void End(TwilioMediaCall& call) { call.ended_.store(true); }
};

namespace {

// One WebSocket from Twilio (loop thread only).
struct Stream {
  net::EventLoop& loop;
  std::weak_ptr<net::WsConnection> conn;
  const TwilioMediaServerOptions& options;
  media::TwilioSequenceChecker sequence;
  media::TwilioInbound in;
  std::shared_ptr<TwilioMediaCall> call;
  uint64_t early_bad = 0;  // bad messages before "start"

  Stream(net::EventLoop& l, const TwilioMediaServerOptions& o) : loop(l), options(o) {}

  void Bad() {
    if (!call) {
      ++early_bad;
      return;
    }
    std::lock_guard lock(call->internals().mu);
    ++call->internals().stats.bad_messages;
  }

  void OnText(std::string_view text) {
    if (!media::ParseTwilioMessage(text, in).ok()) return Bad();
    if (in.has_sequence_number && !sequence.Check(in.sequence_number).ok()) return Bad();
    if (in.event != media::TwilioEvent::kConnected && call && in.stream_sid != call->stream_sid()) {
      return Bad();
    }
    switch (in.event) {
      case media::TwilioEvent::kConnected:
        return;
      case media::TwilioEvent::kStart: {
        if (call) return Bad();  // one start per stream
        auto internals =
            std::make_shared<TwilioMediaCall::Internals>(loop, options.max_queued_frames);
        internals->conn = conn;
        call = std::make_shared<TwilioMediaCall>(in.call_sid, in.stream_sid, in.account_sid,
                                                 in.custom_parameters, internals);
        internals->stats.bad_messages = early_bad;
        if (options.on_call) options.on_call(call);
        return;
      }
      case media::TwilioEvent::kMedia: {
        if (!call) return Bad();
        if (!in.track.empty() && in.track != "inbound") return;  // our own audio echoed back
        media::AudioFrame frame;
        if (!media::g711::DecodeUlaw(in.payload(), frame).ok()) return Bad();
        auto& shared = call->internals();
        std::lock_guard lock(shared.mu);
        ++shared.stats.frames_in;
        if (shared.audio.size() >= shared.max_frames) {
          shared.audio.pop_front();  // the oldest audio is the least useful
          ++shared.stats.frames_dropped;
        }
        shared.audio.push_back(frame);
        return;
      }
      case media::TwilioEvent::kDtmf: {
        if (!call) return Bad();
        std::lock_guard lock(call->internals().mu);
        call->internals().digits.push_back(in.digit);
        return;
      }
      case media::TwilioEvent::kMark: {
        if (!call) return Bad();
        std::lock_guard lock(call->internals().mu);
        call->internals().marks.push_back(in.mark_name);
        return;
      }
      case media::TwilioEvent::kStop:
        if (call) TwilioMediaServerAccess::End(*call);
        return;
    }
  }
};

}  // namespace

Result<std::unique_ptr<TwilioMediaServer>> TwilioMediaServer::Start(
    net::EventLoop& loop, TwilioMediaServerOptions options) {
  if (options.path.empty() || options.path[0] != '/') {
    return InvalidArgument("media stream path must start with '/'");
  }
  if (!options.auth_token.empty() && !options.public_url.starts_with("wss://")) {
    return InvalidArgument("signature checks need the public wss:// URL Twilio connects to");
  }
  auto shared = std::make_shared<TwilioMediaServerOptions>(std::move(options));
  net::WsServerOptions ws;
  ws.bind = shared->bind;
  ws.port = shared->port;
  ws.capture_headers = {"X-Twilio-Signature"};
  ws.limits.max_message_bytes = 64 * 1024;  // a media message is about 400 bytes
  ws.on_accept =
      [&loop,
       shared](const std::shared_ptr<net::WsConnection>& conn) -> std::optional<net::WsHandlers> {
    if (conn->path() != shared->path) return std::nullopt;
    if (!shared->auth_token.empty()) {
      const std::string_view signature =
          net::FindHeader(conn->request_headers(), "X-Twilio-Signature");
      if (signature.empty() ||
          !ValidateTwilioSignature(shared->auth_token, signature, shared->public_url, {}).ok()) {
        return std::nullopt;
      }
    }
    auto stream = std::make_shared<Stream>(loop, *shared);
    stream->conn = conn;
    net::WsHandlers h;
    h.on_text = [stream, shared](std::string_view text) { stream->OnText(text); };
    h.on_binary = [stream](std::string_view) { stream->Bad(); };
    h.on_close = [stream](const Status&, int) {
      if (stream->call) TwilioMediaServerAccess::End(*stream->call);
    };
    return h;
  };
  auto server = loop.ws().Listen(std::move(ws));
  if (!server.ok()) return server.status();
  return std::unique_ptr<TwilioMediaServer>(new TwilioMediaServer(loop, server->id, server->port));
}

TwilioMediaServer::~TwilioMediaServer() {
  loop_.ws().StopListening(id_);
}

}  // namespace voxdesk::providers
