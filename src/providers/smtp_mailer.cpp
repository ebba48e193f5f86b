#include "providers/smtp_mailer.h"

#include <cstdlib>
#include <future>

#include "core/ids.h"
#include "providers/net/event_loop.h"
#include "providers/net/http_client.h"
#include "providers/outbox_notifier.h"

namespace voxdesk::providers {

Result<std::unique_ptr<SmtpMailer>> SmtpMailer::Create(net::EventLoop& loop, const Clock& clock,
                                                       SmtpConfig config) {
  if (!config.url.starts_with("smtp://") && !config.url.starts_with("smtps://")) {
    return ConfigError("SMTP URL must be smtp://host:587 (STARTTLS) or smtps://host:465");
  }
  if (!config.username.empty() && config.password.empty()) {
    if (const char* env = std::getenv("SMTP_PASSWORD")) config.password = env;
    if (config.password.empty()) {
      return ConfigError("SMTP password missing: set it in the config or SMTP_PASSWORD");
    }
  }
  return std::unique_ptr<SmtpMailer>(new SmtpMailer(loop, clock, std::move(config)));
}

Status SmtpMailer::Send(const EmailMessage& email) {
  VOXDESK_RETURN_IF_ERROR(ValidateEmail(email));
  if (loop_.InLoopThread())
    return Status(Code::kInternal, "SMTP: a blocking send on the event loop's thread");
  IdGenerator ids;  // seeded from the system: Message-IDs must not repeat
  const std::string token = ids.BookingId().substr(3) + ids.HoldId().substr(3);  // 160 random bits
  const std::string domain = email.from.substr(email.from.find('@') + 1);
  net::HttpRequest r;
  r.url = config_.url;
  r.body = RenderEmail(email, clock_.Now(), token + "@" + domain, "=_" + token);
  r.smtp.mail_from = email.from;
  r.smtp.mail_rcpt = {email.to};
  r.smtp.username = config_.username;
  r.smtp.password = config_.password;
  r.smtp.require_tls = config_.require_tls;
  r.connect_timeout = std::min(config_.timeout, std::chrono::milliseconds(10'000));
  r.total_timeout = config_.timeout;
  r.retry.max_retries = 2;
  std::promise<Status> done;
  auto result = done.get_future();
  loop_.Post([this, &done, r = std::move(r)]() mutable {
    net::HttpHandlers h;
    h.on_done = [&done](const Status& st, net::HttpResult&) { done.set_value(st); };
    loop_.http().Start(std::move(r), std::move(h));
  });
  return result.get();
}

}  // namespace voxdesk::providers
