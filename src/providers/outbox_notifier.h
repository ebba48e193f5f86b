// The embedded Notifier: instead of sending, it writes each message to a
// local outbox directory, so `voxdesk demo` can show the confirmation text
// and the email with its calendar invite with no account and no network,
// and tests can read back exactly what would have been sent.
//
// Layout (docs/notifications.md): one file per message, numbered in the
// order sent by one sequence shared by all kinds:
//   sms-000001.json      {"to","from","body","sent_at"}
//   email-000002.eml     an RFC 5322 / MIME message, CRLF line ends
//   webhook-000003.json  {"id","type","sent_at","body"}
// Numbering continues after the files already in the directory, and a file
// is never overwritten: a name taken meanwhile (another notifier on the same
// directory, another process) moves the message to the next number. Each
// file appears whole or not at all (written under a temporary name, then
// linked into place).
//
// Threading: every method may be called from any thread at once (one mutex
// orders the writes). The clock is REFERENCED and must outlive the notifier.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "providers/notifier.h"

namespace voxdesk::providers {

class OutboxNotifier final : public Notifier {
 public:
  // Creates `dir` (and its parents) when missing. Fails with kStorage when it
  // cannot be created or read, or is not a directory.
  static Result<std::unique_ptr<OutboxNotifier>> Create(std::string dir, const Clock& clock);

  Status SendSms(const SmsMessage& sms) override;
  Status SendEmail(const EmailMessage& email) override;
  Status SendWebhook(const WebhookEvent& event) override;

  const std::string& dir() const { return dir_; }

 private:
  OutboxNotifier(std::string dir, const Clock& clock, uint64_t next_seq, std::string token);
  // Writes `content` as <dir>/<kind>-<seq>.<ext> with the first free seq.
  // `render` builds the content from the seq finally used.
  template <typename Render>
  Status Write(std::string_view kind, std::string_view ext, Render render);

  const std::string dir_;
  const Clock& clock_;
  const std::string token_;  // tells this notifier's temporary files apart
  std::mutex mu_;
  uint64_t next_seq_;  // guarded by mu_
};

// The RFC 5322 / MIME text of `email` (already validated): multipart/mixed
// with a quoted-printable text/plain part and one base64 part per
// attachment, CRLF line ends. `date` becomes the Date header (UTC);
// `message_id` is written inside <>; `boundary` must start with "=_" (it can
// then occur in neither encoding). Shared with network adapters (SMTP).
std::string RenderEmail(const EmailMessage& email, TimePoint date, std::string_view message_id,
                        std::string_view boundary);

}  // namespace voxdesk::providers
