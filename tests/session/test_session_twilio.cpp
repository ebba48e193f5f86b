// A Twilio call end to end over real loopback sockets: the voice webhook
// answered by TwilioCalls, a WebSocket client playing Twilio's side of the
// media stream (connected, start, media, dtmf, mark, stop, as
// ../shared/protocols/twilio.md has them), the session on a worker, and the
// loopback Twilio REST API receiving the transfer. The worker is ticked by
// the test in virtual time; the sockets run on real event loops.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "fakes/fake_twilio_rest.h"
#include "media/base64.h"
#include "media/g711.h"
#include "providers/form_urlencoded.h"
#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"
#include "providers/twilio_rest.h"
#include "providers/twilio_signature.h"
#include "session/twilio_calls.h"
#include "session_fixture.h"

using namespace voxdesk;
using namespace voxdesk::session;
using voxdesk::testing::SessionWorld;

namespace {

constexpr const char* kNow = "2026-10-05T09:00:00-04:00";  // Monday, open
constexpr const char* kAccount = "AC0123456789abcdef0123456789abcdef";
constexpr const char* kToken = "test-auth-token-1234";
constexpr const char* kStreamUrl = "wss://voice.example.com/media";
constexpr const char* kVoiceUrl = "https://voice.example.com/twilio/voice";
constexpr const char* kStatusUrl = "https://voice.example.com/twilio/status";
constexpr const char* kEndedUrl = "https://voice.example.com/twilio/stream-ended";
constexpr const char* kCaller = "+15550100177";

std::string Sid(int n) {
  std::string digits = std::to_string(n);
  return "CA" + std::string(32 - digits.size(), '0') + digits;
}

providers::FormParams CallForm(const std::string& sid, const std::string& status) {
  return {{"AccountSid", kAccount}, {"ApiVersion", "2010-04-01"}, {"CallSid", sid},
          {"CallStatus", status},   {"Direction", "inbound"},     {"From", kCaller},
          {"To", "+15550100100"}};
}

// Twilio's side of one media stream, on its own event loop.
class FakeTwilioStream {
 public:
  explicit FakeTwilioStream(int port, std::string signature) {
    auto loop = providers::net::EventLoop::Start();
    REQUIRE(loop.ok());
    loop_ = std::move(*loop);
    providers::net::WsConnectOptions o;
    o.url = "ws://127.0.0.1:" + std::to_string(port) + "/media";
    o.headers = {{"X-Twilio-Signature", std::move(signature)}};
    providers::net::WsHandlers h;
    h.on_open = [this] { opened_ = true; };
    h.on_text = [this](std::string_view text) { OnText(text); };
    h.on_close = [this](const Status&, int) { closed_ = true; };
    auto conn = loop_->Call([&] { return loop_->ws().Connect(o, std::move(h)); });
    REQUIRE(conn.ok());
    conn_ = *conn;
  }
  ~FakeTwilioStream() { loop_.reset(); }

  void Send(nlohmann::json message) {
    if (message["event"] != "connected") message["sequenceNumber"] = std::to_string(++seq_);
    loop_->Post([conn = conn_, text = message.dump()] { (void)conn->SendText(text); });
  }
  void Connected() { Send({{"event", "connected"}, {"protocol", "Call"}, {"version", "1.0.0"}}); }
  void Start(const std::string& call_sid, const std::string& param_sid) {
    Send({{"event", "start"},
          {"streamSid", stream_sid_},
          {"start",
           {{"accountSid", kAccount},
            {"streamSid", stream_sid_},
            {"callSid", call_sid},
            {"tracks", {"inbound"}},
            {"mediaFormat", {{"encoding", "audio/x-mulaw"}, {"sampleRate", 8000}, {"channels", 1}}},
            {"customParameters", {{"CallSid", param_sid}}}}}});
  }
  // 20 ms of mu-law silence (0xFF), as Twilio sends for a quiet caller.
  void Media() {
    const std::vector<uint8_t> silence(160, 0xFF);
    ++chunk_;
    Send({{"event", "media"},
          {"streamSid", stream_sid_},
          {"media",
           {{"track", "inbound"},
            {"chunk", std::to_string(chunk_)},
            {"timestamp", std::to_string(chunk_ * 20)},
            {"payload", media::Base64Encode(silence)}}}});
  }
  void Dtmf(char digit) {
    Send({{"event", "dtmf"},
          {"streamSid", stream_sid_},
          {"dtmf", {{"track", "inbound_track"}, {"digit", std::string(1, digit)}}}});
  }
  void Mark(const std::string& name) {
    Send({{"event", "mark"}, {"streamSid", stream_sid_}, {"mark", {{"name", name}}}});
  }
  void Stop(const std::string& call_sid) {
    Send({{"event", "stop"},
          {"streamSid", stream_sid_},
          {"stop", {{"accountSid", kAccount}, {"callSid", call_sid}}}});
  }
  void Hangup() {
    loop_->Post([conn = conn_] { conn->Close(); });
  }

  bool opened() const { return opened_; }
  bool closed() const { return closed_; }
  int frames() const { return frames_; }
  int voiced_frames() const { return voiced_; }
  int bad() const { return bad_; }

 private:
  void OnText(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("event") || j["event"] != "media" ||
        !j.contains("media") || !j["media"].contains("payload") ||
        !j["media"]["payload"].is_string() || j.value("streamSid", "") != stream_sid_) {
      ++bad_;
      return;
    }
    auto bytes = media::Base64Decode(j["media"]["payload"].get<std::string>());
    if (!bytes.ok()) {
      ++bad_;
      return;
    }
    ++frames_;
    int peak = 0;
    for (uint8_t b : *bytes) peak = std::max(peak, std::abs(int{media::g711::UlawToLinear(b)}));
    if (peak > 1000) ++voiced_;
  }

  const std::string stream_sid_ = "MZ0123456789abcdef0123456789abcdef";
  int seq_ = 0;
  int chunk_ = 0;
  std::atomic<bool> opened_{false}, closed_{false};
  std::atomic<int> frames_{0}, voiced_{0}, bad_{0};
  std::unique_ptr<providers::net::EventLoop> loop_;
  std::shared_ptr<providers::net::WsConnection> conn_;
};

// The host: a world with its business and engines, the server's event loop,
// the loopback REST API, TwilioCalls, and a worker ticked in virtual time.
struct TwilioWorld {
  SessionWorld w{"medical-practice.json", kNow};
  fakes::FakeTwilioRest rest_server{kAccount, kToken};
  std::unique_ptr<providers::net::EventLoop> loop;
  std::unique_ptr<providers::TwilioRest> rest;
  Worker worker;
  std::unique_ptr<TwilioCalls> calls;
  std::vector<Event> events;
  SessionConfig config;  // for the sessions the factory builds

  explicit TwilioWorld(size_t max_calls = 10'000) {
    REQUIRE(rest_server.Start());
    auto l = providers::net::EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(*l);
    providers::TwilioRestConfig rc;
    rc.base_url = rest_server.base_url();
    rc.account_sid = kAccount;
    rc.auth_token = kToken;
    auto r = providers::TwilioRest::Create(*loop, rc);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    rest = std::move(*r);
    TwilioCallsOptions o;
    o.auth_token = kToken;
    o.stream_url = kStreamUrl;
    o.stream_ended_url = kEndedUrl;
    o.worker = &worker;
    o.events = &w.events;
    o.max_calls = max_calls;
    o.make_session = [this](const TwilioCallInfo& call, EventSink* sink) {
      w.stt.Expect(std::make_shared<fakes::TranscriptChannel>());
      SessionDeps d = w.Deps();
      d.events = sink;
      return Session::Create(d, config, call.call_sid, call.from);
    };
    auto c = TwilioCalls::Start(*loop, *rest, std::move(o));
    REQUIRE_MESSAGE(c.ok(), c.status().message());
    calls = std::move(*c);
  }
  ~TwilioWorld() {
    calls.reset();
    worker.Stop();
  }

  TwilioHttpReply Webhook(const std::string& sid, std::string url = kVoiceUrl,
                          std::string status = "ringing", std::string token = kToken) {
    const auto form = CallForm(sid, status);
    const std::string sig = providers::TwilioSignature(token, url, form);
    const std::string body = providers::EncodeForm(form);
    if (url == kStatusUrl) return calls->HandleStatusCallback(url, sig, body);
    if (url == kEndedUrl) return calls->HandleStreamEnded(url, sig, body);
    return calls->HandleVoiceWebhook(url, sig, body);
  }

  std::unique_ptr<FakeTwilioStream> Stream(std::string token = kToken) {
    return std::make_unique<FakeTwilioStream>(calls->media_port(),
                                              providers::TwilioSignature(token, kStreamUrl, {}));
  }

  // Ticks the worker (20 ms of call time per round, a little wall time for
  // the sockets) until `done` holds or 20 s of wall time passed.
  template <typename F>
  bool Pump(F done, std::function<void()> each = {}) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
      worker.TickAll();
      w.clock.Advance(std::chrono::milliseconds(20));
      Event e;
      while (w.events.Poll(e)) events.push_back(e);
      if (done()) return true;
      if (each) each();
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
  }

  const Event* Find(EventType type) const {
    for (const Event& e : events)
      if (e.type == type) return &e;
    return nullptr;
  }

  std::vector<fakes::FakeTwilioRest::Request> Updates(const std::string& sid) const {
    std::vector<fakes::FakeTwilioRest::Request> out;
    for (const auto& r : rest_server.requests())
      if (r.path.ends_with("/Calls/" + sid + ".json")) out.push_back(r);
    return out;
  }

  // A call answered and streaming, its greeting under way.
  std::unique_ptr<FakeTwilioStream> Answer(const std::string& sid) {
    const TwilioHttpReply reply = Webhook(sid);
    REQUIRE(reply.status == 200);
    auto stream = Stream();
    REQUIRE(Pump([&] { return stream->opened(); }));
    stream->Connected();
    stream->Start(sid, sid);
    REQUIRE_MESSAGE(Pump([&] { return worker.live() == 1; }), "no session started");
    return stream;
  }
};

}  // namespace

TEST_CASE("twilio call: the webhook answers TwiML streaming the call with its CallSid") {
  TwilioWorld t;
  const TwilioHttpReply reply = t.Webhook(Sid(1));
  CHECK(reply.status == 200);
  CHECK(reply.content_type == "text/xml");
  CHECK(reply.body.find("<Connect><Stream url=\"wss://voice.example.com/media\">") !=
        std::string::npos);
  CHECK(reply.body.find("<Parameter name=\"CallSid\" value=\"" + Sid(1) + "\"/>") !=
        std::string::npos);
  // After the stream, Twilio asks what next.
  CHECK(reply.body.find("</Connect><Redirect method=\"POST\">" + std::string(kEndedUrl) +
                        "</Redirect>") != std::string::npos);
  CHECK(t.calls->stats().webhooks == 1);
}

TEST_CASE(
    "twilio call: answered, the greeting comes back as media, pressing 0 transfers with a Dial") {
  TwilioWorld t;
  const std::string sid = Sid(2);
  auto stream = t.Answer(sid);
  // (a) The greeting is spoken to the caller: voiced mu-law frames.
  REQUIRE_MESSAGE(t.Pump([&] { return stream->voiced_frames() >= 25; }, [&] { stream->Media(); }),
                  "greeting frames: " << stream->voiced_frames() << " of " << stream->frames());
  CHECK(stream->bad() == 0);
  const Event* started = t.Find(EventType::kCallStarted);
  REQUIRE(started);
  CHECK(started->call_id == sid);
  CHECK(started->text == kCaller);  // the webhook's From
  REQUIRE(t.Find(EventType::kAgentSpeech));

  // (b) The caller presses 0 for a person.
  stream->Mark("greeting");
  stream->Dtmf('0');
  REQUIRE_MESSAGE(t.Pump([&] { return !t.Updates(sid).empty(); }, [&] { stream->Media(); }),
                  "no call update reached Twilio");
  const auto updates = t.Updates(sid);
  REQUIRE(updates.size() == 1);
  const std::string* twiml = providers::FormValue(updates[0].form, "Twiml");
  REQUIRE(twiml);
  CHECK(twiml->find("<Dial") != std::string::npos);
  CHECK(twiml->find("<Number>" + t.w.config.business.transfer_number + "</Number></Dial>") !=
        std::string::npos);
  CHECK(providers::FormValue(updates[0].form, "Status") == nullptr);  // not a hang-up

  const Event* transfer = t.Find(EventType::kTransfer);
  REQUIRE(transfer);
  CHECK(transfer->text == t.w.config.business.transfer_number);
  const Event* hangup = t.Find(EventType::kHangup);
  REQUIRE(hangup);
  CHECK(hangup->text == "transfer");
  // The session's side is over: the stream is closed from our end.
  CHECK(t.Pump([&] { return stream->closed(); }));
  CHECK(t.worker.live() == 0);
  CHECK(t.calls->stats().transfers == 1);
  CHECK(t.calls->stats().failed_commands == 0);
}

TEST_CASE("twilio call: a refused transfer is an error event and the stream-ended TwiML dials") {
  TwilioWorld t;
  const std::string sid = Sid(3);
  auto stream = t.Answer(sid);
  REQUIRE(t.Pump([&] { return stream->voiced_frames() >= 5; }, [&] { stream->Media(); }));
  t.rest_server.InjectFault(fakes::FakeTwilioRest::Fault::k500);
  stream->Dtmf('0');
  const Event* error = nullptr;
  REQUIRE_MESSAGE(t.Pump([&] { return (error = t.Find(EventType::kError)) != nullptr; },
                         [&] { stream->Media(); }),
                  "the failed update was not reported");
  CHECK(error->call_id == sid);
  CHECK(error->text.find("transfer to " + t.w.config.business.transfer_number + " failed") !=
        std::string::npos);
  CHECK(t.calls->stats().failed_commands == 1);
  // Twilio, its stream closed, follows the <Redirect>: the caller is dialled.
  const TwilioHttpReply next = t.Webhook(sid, kEndedUrl, "in-progress");
  CHECK(next.status == 200);
  CHECK(next.body.find("<Number>" + t.w.config.business.transfer_number + "</Number></Dial>") !=
        std::string::npos);
  CHECK(next.body.find("<Hangup") == std::string::npos);
}

TEST_CASE(
    "twilio call: a transfer still in flight makes the stream-ended TwiML wait and ask again") {
  TwilioWorld t;
  const std::string sid = Sid(4);
  auto stream = t.Answer(sid);
  REQUIRE(t.Pump([&] { return stream->voiced_frames() >= 5; }, [&] { stream->Media(); }));
  t.rest_server.InjectFault(fakes::FakeTwilioRest::Fault::kStall);
  stream->Dtmf('0');
  REQUIRE(
      t.Pump([&] { return t.Find(EventType::kTransfer) != nullptr; }, [&] { stream->Media(); }));
  const TwilioHttpReply wait = t.Webhook(sid, kEndedUrl, "in-progress");
  CHECK(wait.body.find("<Pause length=\"1\"/>") != std::string::npos);
  CHECK(wait.body.find(std::string(kEndedUrl) + "</Redirect>") != std::string::npos);
  CHECK(wait.body.find("<Dial") == std::string::npos);
}

TEST_CASE("twilio call: a bad signature on the webhook or the media upgrade is refused") {
  TwilioWorld t;
  const std::string sid = Sid(5);
  // Signed with another token, or for another URL.
  TwilioHttpReply reply = t.Webhook(sid, kVoiceUrl, "ringing", "not-the-token");
  CHECK(reply.status == 403);
  CHECK(reply.body.find("<Stream") == std::string::npos);
  const auto form = CallForm(sid, "ringing");
  reply = t.calls->HandleVoiceWebhook(
      kVoiceUrl, providers::TwilioSignature(kToken, "https://evil.example.com/voice", form),
      providers::EncodeForm(form));
  CHECK(reply.status == 403);
  CHECK(t.calls->stats().bad_signatures == 2);
  CHECK(t.calls->stats().webhooks == 0);

  // The call was never answered, so even a well-signed stream for it is closed.
  auto unknown = t.Stream();
  REQUIRE(t.Pump([&] { return unknown->opened(); }));
  unknown->Connected();
  unknown->Start(sid, sid);
  CHECK(t.Pump([&] { return unknown->closed(); }));
  CHECK(t.calls->stats().refused_streams == 1);

  // Answered, but the upgrade is signed with the wrong token: refused before
  // any message.
  REQUIRE(t.Webhook(sid).status == 200);
  auto forged = t.Stream("not-the-token");
  CHECK(t.Pump([&] { return forged->closed(); }));
  CHECK_FALSE(forged->opened());

  // A stream whose CallSid parameter names another call is closed too.
  auto mismatched = t.Stream();
  REQUIRE(t.Pump([&] { return mismatched->opened(); }));
  mismatched->Connected();
  mismatched->Start(sid, Sid(99));
  CHECK(t.Pump([&] { return mismatched->closed(); }));
  CHECK(t.calls->stats().refused_streams == 2);
  CHECK(t.calls->stats().sessions == 0);
  CHECK(t.worker.live() == 0);
}

TEST_CASE("twilio call: the caller's stop ends the session as caller with no REST call") {
  TwilioWorld t;
  const std::string sid = Sid(6);
  auto stream = t.Answer(sid);
  REQUIRE(t.Pump([&] { return stream->voiced_frames() >= 5; }, [&] { stream->Media(); }));
  stream->Stop(sid);
  REQUIRE(t.Pump([&] { return t.worker.live() == 0; }));
  const Event* hangup = t.Find(EventType::kHangup);
  REQUIRE(hangup);
  CHECK(hangup->text == "caller");
  CHECK(t.rest_server.hits() == 0);
  CHECK(t.Webhook(sid, kEndedUrl, "in-progress").body.find("<Hangup/>") != std::string::npos);
}

TEST_CASE("twilio call: the caller's socket closing ends the session as caller") {
  TwilioWorld t;
  const std::string sid = Sid(7);
  auto stream = t.Answer(sid);
  REQUIRE(t.Pump([&] { return stream->voiced_frames() >= 5; }, [&] { stream->Media(); }));
  stream->Hangup();
  REQUIRE(t.Pump([&] { return t.worker.live() == 0; }));
  const Event* hangup = t.Find(EventType::kHangup);
  REQUIRE(hangup);
  CHECK(hangup->text == "caller");
  CHECK(t.rest_server.hits() == 0);
}

TEST_CASE("twilio call: a completed status callback ends a live session") {
  TwilioWorld t;
  const std::string sid = Sid(8);
  auto stream = t.Answer(sid);
  REQUIRE(t.Pump([&] { return stream->voiced_frames() >= 5; }, [&] { stream->Media(); }));
  // Progress reports change nothing.
  CHECK(t.Webhook(sid, kStatusUrl, "in-progress").status == 200);
  for (int i = 0; i < 5; ++i) t.worker.TickAll();
  CHECK(t.worker.live() == 1);
  CHECK(t.Webhook(sid, kStatusUrl, "completed").status == 200);
  REQUIRE(t.Pump([&] { return t.worker.live() == 0; }));
  const Event* hangup = t.Find(EventType::kHangup);
  REQUIRE(hangup);
  CHECK(hangup->text == "caller");
  CHECK(t.calls->stats().ended_by_status == 1);
  CHECK(t.Pump([&] { return stream->closed(); }));
  // A no-answer for a call whose stream never came forgets it: a late stream
  // for it is refused.
  const std::string lost = Sid(9);
  REQUIRE(t.Webhook(lost).status == 200);
  CHECK(t.Webhook(lost, kStatusUrl, "no-answer").status == 200);
  auto late = t.Stream();
  REQUIRE(t.Pump([&] { return late->opened(); }));
  late->Connected();
  late->Start(lost, lost);
  CHECK(t.Pump([&] { return late->closed(); }));
  CHECK(t.calls->stats().sessions == 1);
}

TEST_CASE("twilio call: the agent ending the call hangs it up through REST") {
  TwilioWorld t;
  t.config.max_call_ms = 10'000;  // the shortest call allowed; then the agent ends it
  const std::string sid = Sid(10);
  auto stream = t.Answer(sid);
  REQUIRE_MESSAGE(t.Pump([&] { return !t.Updates(sid).empty(); }, [&] { stream->Media(); }),
                  "no call update reached Twilio");
  const Event* hangup = t.Find(EventType::kHangup);
  REQUIRE(hangup);
  CHECK(hangup->text == "timeout");
  const auto updates = t.Updates(sid);
  REQUIRE(updates.size() == 1);
  const std::string* status = providers::FormValue(updates[0].form, "Status");
  REQUIRE(status);
  CHECK(*status == "completed");
  CHECK(providers::FormValue(updates[0].form, "Twiml") == nullptr);
  CHECK(t.Pump([&] { return stream->closed(); }));
  // Should Twilio still ask after the stream, the call ends there too.
  CHECK(t.Webhook(sid, kEndedUrl, "in-progress").body.find("<Hangup/>") != std::string::npos);
  CHECK(t.calls->stats().failed_commands == 0);
}

TEST_CASE("twilio call: beyond max_calls the oldest answered call is forgotten") {
  TwilioWorld t(/*max_calls=*/2);
  for (int n = 20; n < 23; ++n) REQUIRE(t.Webhook(Sid(n)).status == 200);
  // The first call's stream is no longer expected; the last one's is.
  auto first = t.Stream();
  REQUIRE(t.Pump([&] { return first->opened(); }));
  first->Connected();
  first->Start(Sid(20), Sid(20));
  CHECK(t.Pump([&] { return first->closed(); }));
  CHECK(t.calls->stats().refused_streams == 1);
  auto last = t.Stream();
  REQUIRE(t.Pump([&] { return last->opened(); }));
  last->Connected();
  last->Start(Sid(22), Sid(22));
  CHECK(t.Pump([&] { return t.worker.live() == 1; }));
  CHECK(t.calls->stats().sessions == 1);
}
