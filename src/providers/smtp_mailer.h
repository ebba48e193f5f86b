// Email through SMTP submission (RFC 6409) with libcurl on the event loop:
// smtp://host:587 upgraded with STARTTLS (required unless a loopback test
// sink says otherwise) or smtps://host:465, AUTH with a user name and
// password. The message is the same RFC 5322 / MIME text the outbox writes
// (RenderEmail): a text part and attachments such as the .ics invite.
//
// A message is sent at most once as far as the mailer can tell: it is
// resent only when the connection to the server never opened. A 5xx reply
// means the server refuses this message (kInvalidArgument), a refused
// login is a configuration error, anything else is kUnavailable.
//
// Threading: Send may be called from any thread but the event loop's (it
// blocks until the server answers); a notification thread, never a
// session's worker. The password comes from the config or SMTP_PASSWORD
// and never appears in a Status message.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "providers/notifier.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct SmtpConfig {
  std::string url;  // smtp://host:587 or smtps://host:465
  std::string username;
  std::string password;     // empty: SMTP_PASSWORD
  bool require_tls = true;  // false only for a loopback test sink
  std::chrono::milliseconds timeout{30'000};
};

class SmtpMailer {
 public:
  // `clock` dates the messages (borrowed; outlives this).
  static Result<std::unique_ptr<SmtpMailer>> Create(net::EventLoop& loop, const Clock& clock,
                                                    SmtpConfig config);
  Status Send(const EmailMessage& email);

 private:
  SmtpMailer(net::EventLoop& loop, const Clock& clock, SmtpConfig config)
      : loop_(loop), clock_(clock), config_(std::move(config)) {}
  net::EventLoop& loop_;
  const Clock& clock_;
  SmtpConfig config_;
};

}  // namespace voxdesk::providers
