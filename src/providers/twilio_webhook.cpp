#include "providers/twilio_webhook.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace voxdesk::providers {
namespace {

constexpr std::array<std::pair<const char*, TwilioCallStatus>, 8> kStatuses = {{
    {"queued", TwilioCallStatus::kQueued},
    {"ringing", TwilioCallStatus::kRinging},
    {"in-progress", TwilioCallStatus::kInProgress},
    {"completed", TwilioCallStatus::kCompleted},
    {"busy", TwilioCallStatus::kBusy},
    {"failed", TwilioCallStatus::kFailed},
    {"no-answer", TwilioCallStatus::kNoAnswer},
    {"canceled", TwilioCallStatus::kCanceled},
}};

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

Result<std::string> RequiredSid(const FormParams& form, const char* name,
                                std::initializer_list<std::string_view> prefixes) {
  const std::string* v = FormValue(form, name);
  if (!v) return InvalidArgument(std::string(name) + ": missing");
  for (std::string_view p : prefixes) {
    if (IsTwilioSid(*v, p)) return *v;
  }
  return InvalidArgument(std::string(name) + ": '" + v->substr(0, 40) +
                         "' is not a Twilio id (two letters and 32 hex digits)");
}

// An integer field: absent = `absent`, otherwise digits only.
Result<int> IntField(const FormParams& form, const char* name, int absent) {
  const std::string* v = FormValue(form, name);
  if (!v || v->empty()) return absent;
  int n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n < 0) {
    return InvalidArgument(std::string(name) + ": '" + v->substr(0, 20) +
                           "' is not a whole number");
  }
  return n;
}

std::string Optional(const FormParams& form, const char* name) {
  const std::string* v = FormValue(form, name);
  return v ? *v : std::string();
}

}  // namespace

bool IsTwilioSid(std::string_view sid, std::string_view prefix) {
  if (sid.size() != 34 || sid.substr(0, 2) != prefix) return false;
  for (char c : sid.substr(2)) {
    if (!IsHex(c)) return false;
  }
  return true;
}

const char* TwilioCallStatusName(TwilioCallStatus status) {
  for (const auto& [name, s] : kStatuses) {
    if (s == status) return name;
  }
  return "unknown";
}

Result<TwilioCallWebhook> ParseTwilioCallWebhook(const FormParams& form) {
  TwilioCallWebhook w;
  auto call = RequiredSid(form, "CallSid", {"CA"});
  if (!call.ok()) return call.status();
  auto account = RequiredSid(form, "AccountSid", {"AC"});
  if (!account.ok()) return account.status();
  w.call_sid = std::move(*call);
  w.account_sid = std::move(*account);
  // A withheld number arrives as "anonymous", "+266696687" or empty.
  w.from = Optional(form, "From");
  if (w.from == "anonymous" || w.from == "+266696687") w.from.clear();
  w.to = Optional(form, "To");
  const std::string* status = FormValue(form, "CallStatus");
  if (!status) return InvalidArgument("CallStatus: missing");
  bool known = false;
  for (const auto& [name, s] : kStatuses) {
    if (*status == name) {
      w.status = s;
      known = true;
    }
  }
  if (!known) return InvalidArgument("CallStatus: unknown value '" + status->substr(0, 20) + "'");
  w.direction = Optional(form, "Direction");
  auto duration = IntField(form, "CallDuration", -1);
  if (!duration.ok()) return duration.status();
  w.duration_s = *duration;
  w.digits = Optional(form, "Digits");
  for (char c : w.digits) {
    if (!((c >= '0' && c <= '9') || c == '*' || c == '#' || c == 'w')) {
      return InvalidArgument("Digits: '" + w.digits.substr(0, 20) + "' holds a non-key");
    }
  }
  w.speech = Optional(form, "SpeechResult");
  if (const std::string* c = FormValue(form, "Confidence"); c && !c->empty()) {
    double value = 0;
    auto [end, ec] = std::from_chars(c->data(), c->data() + c->size(), value);
    if (ec != std::errc() || end != c->data() + c->size() || !(value >= 0 && value <= 1)) {
      return InvalidArgument("Confidence: '" + c->substr(0, 20) + "' is not a number in 0..1");
    }
    w.confidence = value;
  }
  return w;
}

Result<TwilioMessageStatus> ParseTwilioMessageStatus(const FormParams& form) {
  TwilioMessageStatus m;
  auto sid = RequiredSid(form, "MessageSid", {"SM", "MM"});
  if (!sid.ok()) return sid.status();
  auto account = RequiredSid(form, "AccountSid", {"AC"});
  if (!account.ok()) return account.status();
  m.message_sid = std::move(*sid);
  m.account_sid = std::move(*account);
  const std::string* status = FormValue(form, "MessageStatus");
  if (!status) status = FormValue(form, "SmsStatus");
  if (!status || status->empty()) return InvalidArgument("MessageStatus: missing");
  static constexpr std::array<std::string_view, 11> kKnown = {
      "accepted", "scheduled",   "queued", "sending", "sent",    "delivered",
      "received", "undelivered", "failed", "read",    "canceled"};
  if (std::find(kKnown.begin(), kKnown.end(), *status) == kKnown.end()) {
    return InvalidArgument("MessageStatus: unknown value '" + status->substr(0, 20) + "'");
  }
  m.status = *status;
  auto code = IntField(form, "ErrorCode", 0);
  if (!code.ok()) return code.status();
  m.error_code = *code;
  return m;
}

}  // namespace voxdesk::providers
