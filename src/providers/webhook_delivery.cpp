#include "providers/webhook_delivery.h"

#include <deque>
#include <mutex>
#include <unordered_set>

#include "providers/net/event_loop.h"
#include "providers/net/http_client.h"
#include "providers/webhook_signature.h"

namespace voxdesk::providers {

struct WebhookDelivery::Impl : std::enable_shared_from_this<WebhookDelivery::Impl> {
  net::EventLoop& loop;
  const Clock& clock;
  WebhookDeliveryOptions options;

  mutable std::mutex mu;                    // guards the fields up to `stopped`
  std::unordered_set<std::string> ids;      // queued, in flight or delivered
  std::deque<std::string> delivered_order;  // for forgetting the oldest
  Stats stats;
  std::function<void(const WebhookEvent&, const Status&)> on_gave_up;
  bool stopped = false;

  // Loop thread only.
  struct Item {
    WebhookEvent event;
    net::Backoff backoff;
  };
  std::deque<Item> ready;
  size_t in_flight = 0;
  uint64_t seed = 1;

  Impl(net::EventLoop& l, const Clock& c, WebhookDeliveryOptions o)
      : loop(l), clock(c), options(std::move(o)) {}

  bool Stopped() const {
    std::lock_guard lock(mu);
    return stopped;
  }

  void Pump() {
    while (in_flight < options.max_in_flight && !ready.empty() && !Stopped()) {
      auto item = std::make_shared<Item>(std::move(ready.front()));
      ready.pop_front();
      Attempt(std::move(item));
    }
  }

  void Attempt(std::shared_ptr<Item> item) {
    ++in_flight;
    net::HttpRequest r;
    r.method = "POST";
    r.url = options.url;
    const int64_t now = clock.NowSeconds().time_since_epoch().count();
    r.headers = {
        {"Content-Type", "application/json"},
        {std::string(kWebhookSignatureHeader), SignWebhook(options.secret, now, item->event.body)},
        {"X-Voxdesk-Event-Id", item->event.id},
        {"X-Voxdesk-Event-Type", item->event.type},
        {"User-Agent", "voxdesk-webhooks"}};
    r.body = item->event.body;
    r.connect_timeout = std::min(options.timeout, std::chrono::milliseconds(5000));
    r.first_byte_timeout = options.timeout;
    r.idle_timeout = options.timeout;
    r.total_timeout = options.timeout;
    r.max_response_bytes = 64 * 1024;
    r.retry.max_retries = 0;  // retried here, re-signed each time
    net::HttpHandlers h;
    h.on_done = [self = shared_from_this(), item](const Status& st, net::HttpResult& result) {
      self->Done(item, st, result);
    };
    loop.http().Start(std::move(r), std::move(h));
  }

  void Done(const std::shared_ptr<Item>& item, const Status& st, const net::HttpResult& result) {
    --in_flight;
    {
      std::lock_guard lock(mu);
      ++stats.attempts;
      if (stopped) return;
      if (st.ok()) {
        ++stats.delivered;
        --stats.pending;
        delivered_order.push_back(item->event.id);
        while (delivered_order.size() > options.dedup_memory) {
          ids.erase(delivered_order.front());
          delivered_order.pop_front();
        }
      }
    }
    if (!st.ok()) {
      // Only the receiver's own refusal (a 4xx other than 408 and 429) is
      // final; anything else may succeed later.
      const bool refused =
          result.status >= 400 && result.status < 500 && !net::RetryableStatus(result.status);
      std::optional<std::chrono::milliseconds> retry_after;
      if (auto ra = net::FindHeader(result.headers, "retry-after"); !ra.empty()) {
        retry_after = net::ParseRetryAfter(ra);
      }
      std::optional<std::chrono::milliseconds> delay;
      if (!refused) delay = item->backoff.Next(retry_after);
      if (delay) {
        loop.AddTimer(*delay, [self = shared_from_this(), item] {
          self->ready.push_back(std::move(*item));
          self->Pump();
        });
      } else {
        GiveUp(*item, st);
      }
    }
    Pump();
  }

  void GiveUp(const Item& item, const Status& why) {
    std::function<void(const WebhookEvent&, const Status&)> fn;
    {
      std::lock_guard lock(mu);
      fn = on_gave_up;
    }
    // Reported before the event stops counting as pending, so a caller
    // that waits for pending == 0 has seen the report.
    if (fn) fn(item.event, why);
    std::lock_guard lock(mu);
    ++stats.gave_up;
    --stats.pending;
    ids.erase(item.event.id);  // a later enqueue of the same id may try again
  }
};

Result<std::unique_ptr<WebhookDelivery>> WebhookDelivery::Create(net::EventLoop& loop,
                                                                 const Clock& clock,
                                                                 WebhookDeliveryOptions options) {
  if (!(options.url.starts_with("https://") || options.url.starts_with("http://"))) {
    return ConfigError("webhook URL must be http(s)");
  }
  if (options.secret.size() < 16) return ConfigError("webhook secret must be at least 16 bytes");
  if (options.max_in_flight == 0) options.max_in_flight = 1;
  return std::unique_ptr<WebhookDelivery>(
      new WebhookDelivery(std::make_shared<Impl>(loop, clock, std::move(options))));
}

WebhookDelivery::~WebhookDelivery() {
  std::lock_guard lock(impl_->mu);
  impl_->stopped = true;
}

Status WebhookDelivery::Enqueue(WebhookEvent event) {
  VOXDESK_RETURN_IF_ERROR(ValidateWebhook(event));
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopped) return Conflict("webhook delivery is shut down");
    if (impl_->ids.count(event.id)) {
      ++impl_->stats.duplicates;
      return Conflict("webhook event " + event.id + " was already queued or delivered");
    }
    if (impl_->stats.pending >= impl_->options.max_pending) {
      return Unavailable("webhook queue full (" + std::to_string(impl_->options.max_pending) +
                         " events waiting): the receiver is not keeping up");
    }
    impl_->ids.insert(event.id);
    ++impl_->stats.pending;
  }
  impl_->loop.Post([self = impl_, event = std::move(event)]() mutable {
    self->ready.push_back({std::move(event), net::Backoff(self->options.retry, self->seed++)});
    self->Pump();
  });
  return Status::Ok();
}

WebhookDelivery::Stats WebhookDelivery::stats() const {
  std::lock_guard lock(impl_->mu);
  return impl_->stats;
}

void WebhookDelivery::set_on_gave_up(std::function<void(const WebhookEvent&, const Status&)> fn) {
  std::lock_guard lock(impl_->mu);
  impl_->on_gave_up = std::move(fn);
}

}  // namespace voxdesk::providers
