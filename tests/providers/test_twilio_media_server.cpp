#include <doctest/doctest.h>

#include <cmath>
#include <future>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "media/base64.h"
#include "media/g711.h"
#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"
#include "providers/twilio_media_server.h"
#include "providers/twilio_signature.h"

using namespace std::chrono_literals;
using voxdesk::Status;
using voxdesk::media::AudioFrame;
using voxdesk::providers::TwilioMediaCall;
using voxdesk::providers::TwilioMediaServer;
using voxdesk::providers::TwilioMediaServerOptions;
using voxdesk::providers::TwilioSignature;
using voxdesk::providers::net::EventLoop;
using voxdesk::providers::net::WsConnection;
using voxdesk::providers::net::WsConnectOptions;
using voxdesk::providers::net::WsHandlers;

namespace {

const std::string kToken = "12345";
const std::string kPublicUrl = "wss://voxdesk.example/media?business=dental";
const std::string kStream = "MZ0123456789abcdef0123456789abcdef";
const std::string kCall = "CA0123456789abcdef0123456789abcdef";

std::unique_ptr<EventLoop> NewLoop() {
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  return std::move(loop).value();
}

std::string Media(int seq, const std::vector<uint8_t>& mulaw) {
  std::string b64(voxdesk::media::Base64EncodedSize(mulaw.size()), '\0');
  auto n = voxdesk::media::Base64Encode(mulaw, b64);
  REQUIRE(n.ok());
  b64.resize(*n);
  return nlohmann::json{{"event", "media"},
                        {"sequenceNumber", std::to_string(seq)},
                        {"streamSid", kStream},
                        {"media",
                         {{"track", "inbound"},
                          {"chunk", std::to_string(seq - 1)},
                          {"timestamp", std::to_string((seq - 2) * 20)},
                          {"payload", b64}}}}
      .dump();
}

std::string Start(int seq) {
  return nlohmann::json{
      {"event", "start"},
      {"sequenceNumber", std::to_string(seq)},
      {"streamSid", kStream},
      {"start",
       {{"accountSid", "AC0123456789abcdef0123456789abcdef"},
        {"streamSid", kStream},
        {"callSid", kCall},
        {"tracks", {"inbound"}},
        {"mediaFormat", {{"encoding", "audio/x-mulaw"}, {"sampleRate", 8000}, {"channels", 1}}},
        {"customParameters", {{"business", "dental"}}}}}}
      .dump();
}

// The server side, and what reached it.
struct Server {
  std::unique_ptr<EventLoop> loop = NewLoop();
  std::unique_ptr<TwilioMediaServer> server;
  std::promise<std::shared_ptr<TwilioMediaCall>> started;

  explicit Server(bool check_signature) {
    loop->Call([&] {
      TwilioMediaServerOptions o;
      if (check_signature) {
        o.auth_token = kToken;
        o.public_url = kPublicUrl;
      }
      o.max_queued_frames = 10;
      o.on_call = [this](std::shared_ptr<TwilioMediaCall> c) { started.set_value(std::move(c)); };
      auto s = TwilioMediaServer::Start(*loop, o);
      REQUIRE(s.ok());
      server = std::move(s).value();
    });
  }
  ~Server() {
    loop->Call([&] { server.reset(); });
  }
};

// Plays Twilio: connects, then sends `messages`; records what comes back.
struct Twilio {
  std::unique_ptr<EventLoop> loop = NewLoop();
  std::shared_ptr<WsConnection> conn;
  std::mutex mu;
  std::vector<nlohmann::json> received;
  std::promise<Status> closed;

  Twilio(int port, const std::string& signature) {
    loop->Call([&] {
      WsConnectOptions o;
      o.url = "ws://127.0.0.1:" + std::to_string(port) + "/media";
      if (!signature.empty()) o.headers = {{"X-Twilio-Signature", signature}};
      WsHandlers h;
      h.on_text = [this](std::string_view t) {
        std::lock_guard lock(mu);
        received.push_back(nlohmann::json::parse(t));
      };
      h.on_close = [this](const Status& st, int) { closed.set_value(st); };
      conn = *loop->ws().Connect(o, std::move(h));
    });
  }
  void Send(const std::string& text) {
    loop->Call([&] { REQUIRE(conn->SendText(text).ok()); });
  }
  size_t count() {
    std::lock_guard lock(mu);
    return received.size();
  }
};

template <typename Pred>
bool WaitFor(Pred pred) {
  for (int i = 0; i < 400; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}

}  // namespace

TEST_CASE(
    "twilio media server: a signed stream delivers audio, keys and marks, and takes the agent's "
    "audio") {
  Server server(/*check_signature=*/true);
  Twilio twilio(server.server->port(), TwilioSignature(kToken, kPublicUrl, {}));
  auto started = server.started.get_future();
  twilio.Send(R"({"event":"connected","protocol":"Call","version":"1.0.0"})");
  twilio.Send(Start(1));
  REQUIRE(started.wait_for(5s) == std::future_status::ready);
  auto call = started.get();
  CHECK(call->call_sid() == kCall);
  CHECK(call->stream_sid() == kStream);
  REQUIRE(call->custom_parameters().size() == 1);
  CHECK(call->custom_parameters()[0].second == "dental");

  // A 440 Hz tone, 3 frames.
  std::vector<int16_t> pcm(480);
  for (size_t i = 0; i < pcm.size(); ++i)
    pcm[i] = static_cast<int16_t>(8000 * std::sin(2 * M_PI * 440 * i / 8000.0));
  std::vector<uint8_t> mulaw(480);
  REQUIRE(voxdesk::media::g711::EncodeUlaw(pcm, mulaw).ok());
  for (int f = 0; f < 3; ++f) {
    twilio.Send(Media(2 + f, {mulaw.begin() + f * 160, mulaw.begin() + (f + 1) * 160}));
  }
  twilio.Send(R"({"event":"dtmf","sequenceNumber":"5","streamSid":")" + kStream +
              R"(","dtmf":{"track":"inbound_track","digit":"7"}})");
  AudioFrame frame;
  REQUIRE(WaitFor([&] { return call->stats().frames_in == 3; }));
  for (int f = 0; f < 3; ++f) {
    REQUIRE(call->PopAudio(frame));
    CHECK(frame.count == 160);
    CHECK(frame.sample_rate == 8000);
    // mu-law is lossy: the decoded tone stays within a few percent.
    for (size_t i = 0; i < 160; ++i) CHECK(std::abs(frame.samples[i] - pcm[f * 160 + i]) <= 300);
  }
  CHECK_FALSE(call->PopAudio(frame));
  char digit = 0;
  REQUIRE(WaitFor([&] { return call->PopDigit(digit); }));
  CHECK(digit == '7');

  // The agent speaks, marks it, and clears on barge-in.
  AudioFrame out;
  out.sample_rate = 8000;
  out.count = 160;
  for (size_t i = 0; i < 160; ++i) out.samples[i] = pcm[i];
  CHECK(call->SendAudio(out).ok());
  CHECK(call->SendMark("prompt-1").ok());
  CHECK(call->Clear().ok());
  REQUIRE(WaitFor([&] { return twilio.count() == 3; }));
  {
    std::lock_guard lock(twilio.mu);
    CHECK(twilio.received[0]["event"] == "media");
    CHECK(twilio.received[0]["streamSid"] == kStream);
    const std::string payload = twilio.received[0]["media"]["payload"];
    std::vector<uint8_t> bytes(voxdesk::media::Base64MaxDecodedSize(payload.size()));
    auto n = voxdesk::media::Base64Decode(payload, bytes);
    REQUIRE(n.ok());
    bytes.resize(*n);
    CHECK(bytes == std::vector<uint8_t>(mulaw.begin(), mulaw.begin() + 160));
    CHECK(twilio.received[1]["mark"]["name"] == "prompt-1");
    CHECK(twilio.received[2]["event"] == "clear");
  }
  twilio.Send(R"({"event":"mark","sequenceNumber":"6","streamSid":")" + kStream +
              R"(","mark":{"name":"prompt-1"}})");
  std::string mark;
  REQUIRE(WaitFor([&] { return call->PopMark(mark); }));
  CHECK(mark == "prompt-1");

  twilio.Send(R"({"event":"stop","sequenceNumber":"7","streamSid":")" + kStream +
              R"(","stop":{"accountSid":"AC0123456789abcdef0123456789abcdef","callSid":")" + kCall +
              R"("}})");
  REQUIRE(WaitFor([&] { return call->ended(); }));
  CHECK(call->SendAudio(out).code() == voxdesk::Code::kConflict);
  CHECK(call->stats().bad_messages == 0);
}

TEST_CASE("twilio media server: a handshake without a valid signature is refused") {
  Server server(/*check_signature=*/true);
  for (const std::string& sig : {std::string(), std::string("bm90IGEgc2lnbmF0dXJl"),
                                 TwilioSignature("wrong-token", kPublicUrl, {})}) {
    Twilio twilio(server.server->port(), sig);
    auto closed = twilio.closed.get_future();
    REQUIRE(closed.wait_for(5s) == std::future_status::ready);
    CHECK(closed.get().code() == voxdesk::Code::kUnavailable);
  }
}

TEST_CASE(
    "twilio media server: bad, repeated and excess messages are counted, and the call goes on") {
  Server server(/*check_signature=*/false);
  Twilio twilio(server.server->port(), "");
  auto started = server.started.get_future();
  twilio.Send(R"({"event":"media","sequenceNumber":"1"})");  // before start
  twilio.Send(Start(2));
  REQUIRE(started.wait_for(5s) == std::future_status::ready);
  auto call = started.get();
  const std::vector<uint8_t> silence(160, 0xFF);
  twilio.Send("{not json");
  twilio.Send(Media(3, silence));
  twilio.Send(Media(3, silence));                                       // a repeat
  twilio.Send(Start(4));                                                // a second start
  for (int seq = 5; seq < 25; ++seq) twilio.Send(Media(seq, silence));  // beyond the 10-frame bound
  REQUIRE(WaitFor([&] { return call->stats().frames_in == 21; }));
  auto stats = call->stats();
  CHECK(stats.bad_messages == 4);
  CHECK(stats.frames_dropped == 11);
  int frames = 0;
  AudioFrame frame;
  while (call->PopAudio(frame)) ++frames;
  CHECK(frames == 10);
  CHECK_FALSE(call->ended());
  // The caller hangs up by closing the socket.
  twilio.loop->Call([&] { twilio.conn->Close(); });
  REQUIRE(WaitFor([&] { return call->ended(); }));
}
