// Delivery of voxdesk's own webhooks (booking made, call ended...) to the
// host application: each event is POSTed as JSON with
// X-Voxdesk-Signature (HMAC-SHA256 over timestamp and body, signed afresh
// for every attempt so a retry minutes later is still inside the
// receiver's replay window) and X-Voxdesk-Event-Id, the receiver's key for
// dropping a repeat.
//
// Delivery is at least once: an attempt that fails (network, timeout, 408,
// 429, 5xx) is retried with backoff and jitter, honouring Retry-After;
// another 4xx means the receiver refuses the event and it is given up at
// once. Events are deduplicated by id here too: enqueueing an id already
// queued or delivered is refused, so a caller retrying its own enqueue
// cannot send an event twice. The queue is bounded.
//
// Threading: Enqueue and stats may be called from any thread; the work
// runs on the event loop. Destroying the delivery drops events still
// queued (they are counted as pending in the last stats).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "providers/net/backoff.h"
#include "providers/notifier.h"  // WebhookEvent

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct WebhookDeliveryOptions {
  std::string url;     // http(s) endpoint of the host application
  std::string secret;  // signing secret shared with the receiver
  net::BackoffPolicy retry{std::chrono::milliseconds(500), std::chrono::minutes(5), 10};
  std::chrono::milliseconds timeout{10'000};  // per attempt
  size_t max_pending = 10'000;                // queued and in flight
  size_t dedup_memory = 100'000;              // ids remembered after delivery
  size_t max_in_flight = 8;                   // concurrent POSTs to the endpoint
};

class WebhookDelivery {
 public:
  struct Stats {
    uint64_t delivered = 0;
    uint64_t gave_up = 0;  // refused by the receiver or retries spent
    uint64_t attempts = 0;
    uint64_t duplicates = 0;  // enqueues refused as repeats
    uint64_t pending = 0;
  };

  // `clock` stamps the signatures (borrowed; outlives this).
  static Result<std::unique_ptr<WebhookDelivery>> Create(net::EventLoop& loop, const Clock& clock,
                                                         WebhookDeliveryOptions options);
  ~WebhookDelivery();

  // kConflict for an id already queued or delivered; kUnavailable when the
  // queue is full; kInvalidArgument for an event ValidateWebhook refuses.
  Status Enqueue(WebhookEvent event);
  Stats stats() const;
  // Called on the loop thread for an event given up, with the last error.
  void set_on_gave_up(std::function<void(const WebhookEvent&, const Status&)> fn);

  struct Impl;

 private:
  explicit WebhookDelivery(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<Impl> impl_;
};

}  // namespace voxdesk::providers
