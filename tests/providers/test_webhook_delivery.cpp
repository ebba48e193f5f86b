#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "fakes/loopback_http.h"
#include "providers/net/event_loop.h"
#include "providers/webhook_delivery.h"
#include "providers/webhook_signature.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::Status;
using voxdesk::VirtualClock;
using voxdesk::fakes::LoopbackHttp;
using voxdesk::providers::VerifyWebhook;
using voxdesk::providers::WebhookDelivery;
using voxdesk::providers::WebhookDeliveryOptions;
using voxdesk::providers::WebhookEvent;
using voxdesk::providers::net::EventLoop;

namespace {

const std::string kSecret = "whsec_0123456789abcdef";
constexpr int64_t kNow = 1'790'000'000;

// The host application's endpoint: verifies each delivery and answers with
// the scripted statuses, then 200.
struct Receiver {
  LoopbackHttp http;
  std::mutex mu;
  std::vector<int> script;  // statuses for the next hits
  std::vector<std::string> ids, signatures;
  int hits = 0;
  int bad_signatures = 0;
  std::atomic<int> stall_ms{0};

  Receiver() {
    http.server().Post("/hooks", [this](const httplib::Request& req, httplib::Response& res) {
      http.Stall(std::chrono::milliseconds(stall_ms.load()));
      std::lock_guard lock(mu);
      ++hits;
      const std::string sig = req.get_header_value("X-Voxdesk-Signature");
      if (!VerifyWebhook(kSecret, sig, req.body, kNow).ok()) ++bad_signatures;
      if (!script.empty()) {
        res.status = script.front();
        script.erase(script.begin());
        if (res.status == 429) res.set_header("Retry-After", "0");
        return;
      }
      ids.push_back(req.get_header_value("X-Voxdesk-Event-Id"));
      signatures.push_back(sig);
      res.status = 204;
    });
    REQUIRE(http.Start());
  }
  ~Receiver() { http.Stop(); }  // handler threads end before the members they use
};

struct Rig {
  Receiver receiver;
  VirtualClock clock{voxdesk::TimePoint{std::chrono::seconds(kNow)}};
  std::unique_ptr<EventLoop> loop;
  std::unique_ptr<WebhookDelivery> delivery;

  explicit Rig(WebhookDeliveryOptions o = {}, std::string url = {}) {
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
    o.url = url.empty() ? receiver.http.url("/hooks") : url;
    o.secret = kSecret;
    o.retry.base = 1ms;
    o.retry.cap = 5ms;
    o.retry.max_retries = 3;
    o.timeout = 300ms;
    auto d = WebhookDelivery::Create(*loop, clock, o);
    REQUIRE(d.ok());
    delivery = std::move(d).value();
  }

  bool Settle() {
    for (int i = 0; i < 600; ++i) {
      if (delivery->stats().pending == 0) return true;
      std::this_thread::sleep_for(5ms);
    }
    return false;
  }
};

WebhookEvent Event(const std::string& id) {
  return {id, "booking.created", R"({"booking":{"id":"b1","service":"exam"}})"};
}

}  // namespace

TEST_CASE(
    "webhook delivery: an event is posted once, signed, with its id, and a repeat is refused") {
  Rig rig;
  CHECK(rig.delivery->Enqueue(Event("evt_1")).ok());
  CHECK(rig.delivery->Enqueue(Event("evt_1")).code() == Code::kConflict);
  REQUIRE(rig.Settle());
  CHECK(rig.delivery->Enqueue(Event("evt_1")).code() ==
        Code::kConflict);  // delivered: still a repeat
  std::lock_guard lock(rig.receiver.mu);
  CHECK(rig.receiver.ids == std::vector<std::string>{"evt_1"});
  CHECK(rig.receiver.bad_signatures == 0);
  auto s = rig.delivery->stats();
  CHECK(s.delivered == 1);
  CHECK(s.duplicates == 2);
}

TEST_CASE("webhook delivery: 5xx and 429 are retried, each attempt signed afresh") {
  Rig rig;
  {
    std::lock_guard lock(rig.receiver.mu);
    rig.receiver.script = {503, 429, 500};
  }
  CHECK(rig.delivery->Enqueue(Event("evt_2")).ok());
  REQUIRE(rig.Settle());
  std::lock_guard lock(rig.receiver.mu);
  CHECK(rig.receiver.hits == 4);
  CHECK(rig.receiver.ids == std::vector<std::string>{"evt_2"});
  CHECK(rig.receiver.bad_signatures == 0);
  CHECK(rig.delivery->stats().attempts == 4);
  CHECK(rig.delivery->stats().delivered == 1);
}

TEST_CASE(
    "webhook delivery: a receiver's 4xx gives the event up at once, and it may be sent again "
    "later") {
  Rig rig;
  std::atomic<int> gave_up{0};
  Status why;
  rig.delivery->set_on_gave_up([&](const WebhookEvent& e, const Status& st) {
    CHECK(e.id == "evt_3");
    why = st;
    ++gave_up;
  });
  {
    std::lock_guard lock(rig.receiver.mu);
    rig.receiver.script = {410};
  }
  CHECK(rig.delivery->Enqueue(Event("evt_3")).ok());
  REQUIRE(rig.Settle());
  CHECK(gave_up == 1);
  CHECK(why.code() == Code::kInvalidArgument);
  CHECK(rig.delivery->stats().attempts == 1);
  CHECK(rig.delivery->Enqueue(Event("evt_3")).ok());
  REQUIRE(rig.Settle());
  CHECK(rig.delivery->stats().delivered == 1);
}

TEST_CASE("webhook delivery: an unreachable receiver spends the retries, then gives up") {
  LoopbackHttp probe;
  REQUIRE(probe.Start());
  const std::string dead = probe.url("/hooks");
  probe.Stop();
  Rig rig({}, dead);
  CHECK(rig.delivery->Enqueue(Event("evt_4")).ok());
  REQUIRE(rig.Settle());
  auto s = rig.delivery->stats();
  CHECK(s.gave_up == 1);
  CHECK(s.attempts == 4);
  CHECK(s.delivered == 0);
}

TEST_CASE("webhook delivery: the queue is bounded and bad events are refused") {
  WebhookDeliveryOptions o;
  o.max_pending = 2;
  Rig rig(o);
  rig.receiver.stall_ms = 200;  // both stay pending while the third arrives
  CHECK(rig.delivery->Enqueue(Event("a")).ok());
  CHECK(rig.delivery->Enqueue(Event("b")).ok());
  CHECK(rig.delivery->Enqueue(Event("c")).code() == Code::kUnavailable);
  CHECK(rig.delivery->Enqueue({"", "x", "{}"}).code() == Code::kInvalidArgument);
  CHECK(rig.delivery->Enqueue({"d", "x", "{not json"}).code() == Code::kInvalidArgument);
  REQUIRE(rig.Settle());
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  VirtualClock clock;
  WebhookDeliveryOptions bad;
  bad.url = "ftp://x";
  bad.secret = kSecret;
  CHECK(WebhookDelivery::Create(**loop, clock, bad).status().code() == Code::kConfig);
  bad.url = "https://example.com/hooks";
  bad.secret = "short";
  CHECK(WebhookDelivery::Create(**loop, clock, bad).status().code() == Code::kConfig);
}
