#include "providers/outbox_notifier.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <system_error>
#include <utility>

#include "core/time.h"
#include "media/base64.h"

namespace voxdesk::providers {
namespace {

namespace fs = std::filesystem;

// ------------------------------------------------------------ validation

constexpr size_t kMaxSmsBytes = 1600;  // Twilio's limit for one message body
constexpr size_t kMaxSubjectBytes = 900;
constexpr size_t kMaxNameBytes = 200;

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsControl(unsigned char c) {
  return c < 0x20 || c == 0x7F;
}

bool HasLineBreak(std::string_view s) {
  return s.find_first_of("\r\n") != std::string_view::npos;
}

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0, min = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// A value quoted for an error message, with control characters made
// visible so the message itself stays one line.
std::string Quote(std::string_view s) {
  constexpr size_t kMax = 80;
  std::string q = "\"";
  for (size_t i = 0; i < s.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\r') {
      q += "\\r";
    } else if (c == '\n') {
      q += "\\n";
    } else if (IsControl(c)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      q += buf;
    } else {
      q += static_cast<char>(c);
    }
  }
  if (s.size() > kMax) q += "...";
  return q + "\"";
}

Status Bad(std::string_view field, std::string_view what) {
  return InvalidArgument(std::string(field) + ": " + std::string(what));
}

Status InjectionError(std::string_view field) {
  return Bad(field,
             "contains a line break (CR or LF); a header field must be one line, or its text "
             "could add headers of its own (header injection)");
}

// One header line's text (already known to have no line break).
Status CheckHeaderText(std::string_view field, std::string_view s, size_t max_bytes) {
  if (HasLineBreak(s)) return InjectionError(field);
  for (unsigned char c : s)
    if (IsControl(c)) return Bad(field, Quote(s) + " contains control characters");
  if (!IsUtf8(s)) return Bad(field, "is not valid UTF-8");
  if (s.size() > max_bytes)
    return Bad(field, "longer than " + std::to_string(max_bytes) + " bytes");
  return Status::Ok();
}

// Text bodies: UTF-8, not blank, and no control characters but tab and line breaks.
Status CheckBodyText(std::string_view field, std::string_view s) {
  if (s.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Bad(field, "must not be empty");
  if (!IsUtf8(s)) return Bad(field, "is not valid UTF-8");
  for (unsigned char c : s)
    if (IsControl(c) && c != '\t' && c != '\r' && c != '\n')
      return Bad(field, "contains control characters");
  return Status::Ok();
}

Status CheckPhone(std::string_view field, std::string_view s) {
  if (IsE164(s)) return Status::Ok();
  return Bad(field, Quote(s) +
                        " is not an E.164 number (+ then 8 to 15 digits, no spaces or dashes, "
                        "e.g. +15550100199)");
}

Status CheckAddress(std::string_view field, std::string_view s) {
  if (HasLineBreak(s)) return InjectionError(field);
  if (IsEmailAddress(s)) return Status::Ok();
  return Bad(field, Quote(s) + " is not an email address (local@domain)");
}

Status CheckAttachment(const EmailAttachment& a, size_t index) {
  const std::string at = "email.attachments[" + std::to_string(index) + "]";
  const std::string name_field = at + ".filename";
  if (HasLineBreak(a.filename)) return InjectionError(name_field);
  if (a.filename.empty()) return Bad(name_field, "must not be empty");
  if (a.filename.size() > kMaxNameBytes)
    return Bad(name_field, "longer than " + std::to_string(kMaxNameBytes) + " bytes");
  for (unsigned char c : a.filename)
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\' || c == '/')
      return Bad(name_field, Quote(a.filename) +
                                 " must be printable ASCII without quotes, backslashes or slashes");
  const std::string type_field = at + ".content_type";
  VOXDESK_RETURN_IF_ERROR(CheckHeaderText(type_field, a.content_type, kMaxNameBytes));
  if (!a.content_type.empty()) {
    const size_t slash = a.content_type.find('/');
    const size_t semi = a.content_type.find(';');
    if (slash == 0 || slash == std::string::npos ||
        slash + 1 >= std::min(semi, a.content_type.size()))
      return Bad(type_field, Quote(a.content_type) + " is not a media type (type/subtype)");
  }
  return Status::Ok();
}

// ------------------------------------------------------------ rendering

constexpr std::string_view kCrlf = "\r\n";

std::string TwoDigits(unsigned v) {
  return {static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
}

// RFC 5322 section 3.3: "Tue, 10 Mar 2026 14:00:00 +0000".
std::string Rfc5322Date(TimePoint t) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto secs = std::chrono::floor<std::chrono::seconds>(t);
  const auto day = std::chrono::floor<date::days>(secs);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss hms{secs - day};
  std::string s = kDays[date::weekday{day}.c_encoding()];
  s += ", " + std::to_string(static_cast<unsigned>(ymd.day())) + " ";
  s += kMonths[static_cast<unsigned>(ymd.month()) - 1];
  s += " " + std::to_string(static_cast<int>(ymd.year())) + " ";
  s += TwoDigits(static_cast<unsigned>(hms.hours().count())) + ":" +
       TwoDigits(static_cast<unsigned>(hms.minutes().count())) + ":" +
       TwoDigits(static_cast<unsigned>(hms.seconds().count())) + " +0000";
  return s;
}

// "20260310T140000Z" for Message-IDs.
std::string CompactUtc(TimePoint t) {
  std::string s = FormatRfc3339Utc(std::chrono::floor<std::chrono::seconds>(t));
  std::erase(s, '-');
  std::erase(s, ':');
  return s;
}

std::string Base64(std::string_view bytes) {
  return media::Base64Encode(
      std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

bool PlainAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  // Text that looks like an encoded-word would be decoded by mail readers.
  return s.find("=?") == std::string_view::npos;
}

// Length of the UTF-8 sequence that starts with `lead`.
size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  return 4;
}

// RFC 2047 encoded-words ("=?UTF-8?B?...?="), each at most 64 characters,
// split between characters and folded onto continuation lines.
std::string EncodedWords(std::string_view s) {
  constexpr size_t kChunk = 39;  // bytes: 52 base64 characters + 12 of framing
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t end = i;
    while (end < s.size()) {
      const size_t n = Utf8Length(static_cast<unsigned char>(s[end]));
      if (end + n - i > kChunk) break;
      end += n;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(s.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string HeaderText(std::string_view s) {
  return PlainAscii(s) ? std::string(s) : EncodedWords(s);
}

std::string Mailbox(std::string_view name, std::string_view address) {
  if (name.empty()) return std::string(address);
  std::string phrase;
  if (PlainAscii(name)) {
    phrase = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') phrase += '\\';
      phrase += c;
    }
    phrase += "\"";
  } else {
    phrase = EncodedWords(name);
  }
  return phrase + " <" + std::string(address) + ">";
}

// RFC 2045 section 6.7, lines of at most 76 characters; every line break of
// the text (LF, CRLF or a lone CR) becomes CRLF.
std::string QuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t col = 0;
  auto put = [&](std::string_view token) {
    if (col + token.size() > 75) {
      out += "=\r\n";
      col = 0;
    }
    out += token;
    col += token.size();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += kCrlf;
      col = 0;
      continue;
    }
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    const bool literal =
        (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
    if (literal) {
      const char ch = static_cast<char>(c);
      put(std::string_view(&ch, 1));
    } else {
      const char esc[3] = {'=', kHex[c >> 4], kHex[c & 15]};
      put(std::string_view(esc, 3));
    }
  }
  return out;
}

// Lines of 76 characters joined by CRLF (no line break after the last).
std::string Base64Lines(std::string_view bytes) {
  const std::string b64 = Base64(bytes);
  std::string out;
  out.reserve(b64.size() + b64.size() / 76 * 2);
  for (size_t i = 0; i < b64.size(); i += 76) {
    if (i > 0) out += kCrlf;
    out.append(b64, i, 76);
  }
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

// The iTIP method of a calendar object ("REQUEST", "CANCEL"), or "".
std::string IcsMethodOf(std::string_view ics) {
  for (size_t pos = 0; pos < ics.size();) {
    size_t eol = ics.find_first_of("\r\n", pos);
    if (eol == std::string_view::npos) eol = ics.size();
    const std::string_view line = ics.substr(pos, eol - pos);
    if (line.starts_with("METHOD:")) {
      const std::string_view m = line.substr(7);
      const bool token = !m.empty() && std::all_of(m.begin(), m.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || c == '-';
      });
      return token ? std::string(m) : std::string();
    }
    pos = eol + 1;
  }
  return {};
}

std::string ContentTypeFor(const EmailAttachment& a) {
  if (!a.content_type.empty()) return a.content_type;
  if (EndsWith(a.filename, ".ics")) {
    const std::string method = IcsMethodOf(a.content);
    return method.empty() ? "text/calendar; charset=utf-8"
                          : "text/calendar; method=" + method + "; charset=utf-8";
  }
  if (EndsWith(a.filename, ".txt")) return "text/plain; charset=utf-8";
  if (EndsWith(a.filename, ".json")) return "application/json";
  if (EndsWith(a.filename, ".pdf")) return "application/pdf";
  return "application/octet-stream";
}

std::string DomainOf(std::string_view address) {
  const size_t at = address.rfind('@');
  return std::string(at == std::string_view::npos ? "localhost" : address.substr(at + 1));
}

// ------------------------------------------------------------ files

std::string FileName(std::string_view kind, uint64_t seq, std::string_view ext) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(seq));
  return std::string(kind) + "-" + digits + "." + std::string(ext);
}

// The sequence number of a message file name ("email-000012.eml" -> 12), or 0.
uint64_t SeqOf(std::string_view name) {
  for (std::string_view kind : {"sms-", "email-", "webhook-"}) {
    if (!name.starts_with(kind)) continue;
    const std::string_view rest = name.substr(kind.size());
    const size_t dot = rest.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot > 18) return 0;
    uint64_t seq = 0;
    const auto [p, ec] = std::from_chars(rest.data(), rest.data() + dot, seq);
    if (ec != std::errc() || p != rest.data() + dot) return 0;
    return seq;
  }
  return 0;
}

std::string RandomToken() {
  std::random_device rd;
  std::uniform_int_distribution<uint32_t> dist;
  char buf[20];
  std::snprintf(buf, sizeof buf, "%08x%08x", dist(rd), dist(rd));
  return buf;
}

Status WriteWhole(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return StorageError("outbox: cannot create " + path.string());
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return StorageError("outbox: cannot write " + path.string());
  return Status::Ok();
}

// Filesystems without hard links report one of these; the notifier then
// falls back to rename.
bool NoHardLinks(const std::error_code& ec) {
  return ec == std::errc::operation_not_permitted || ec == std::errc::operation_not_supported ||
         ec == std::errc::function_not_supported || ec == std::errc::cross_device_link ||
         ec == std::errc::too_many_links;
}

}  // namespace

// ------------------------------------------------------------ notifier.h

bool IsEmailAddress(std::string_view s) {
  if (s.size() > 254) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c >= 0x7F ||
        std::string_view("<>()[],;:\"\\").find(static_cast<char>(c)) != std::string_view::npos)
      return false;
  const size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || at > 64 ||
      s.find('@', at + 1) != std::string_view::npos)
    return false;
  const std::string_view local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  return domain.find('.') != std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.' && domain.front() != '-' &&
         domain.find("..") == std::string_view::npos;
}

Status ValidateSms(const SmsMessage& sms) {
  VOXDESK_RETURN_IF_ERROR(CheckPhone("sms.to", sms.to));
  VOXDESK_RETURN_IF_ERROR(CheckPhone("sms.from", sms.from));
  VOXDESK_RETURN_IF_ERROR(CheckBodyText("sms.body", sms.body));
  if (sms.body.size() > kMaxSmsBytes)
    return Bad("sms.body", "longer than " + std::to_string(kMaxSmsBytes) + " bytes");
  return Status::Ok();
}

Status ValidateEmail(const EmailMessage& email) {
  VOXDESK_RETURN_IF_ERROR(CheckAddress("email.to", email.to));
  VOXDESK_RETURN_IF_ERROR(CheckAddress("email.from", email.from));
  VOXDESK_RETURN_IF_ERROR(CheckHeaderText("email.from_name", email.from_name, kMaxNameBytes));
  VOXDESK_RETURN_IF_ERROR(CheckHeaderText("email.subject", email.subject, kMaxSubjectBytes));
  VOXDESK_RETURN_IF_ERROR(CheckBodyText("email.text_body", email.text_body));
  for (size_t i = 0; i < email.attachments.size(); ++i)
    VOXDESK_RETURN_IF_ERROR(CheckAttachment(email.attachments[i], i));
  return Status::Ok();
}

Status ValidateWebhook(const WebhookEvent& event) {
  if (HasLineBreak(event.id)) return InjectionError("webhook.id");
  if (event.id.empty()) return Bad("webhook.id", "must not be empty");
  if (event.id.size() > kMaxNameBytes)
    return Bad("webhook.id", "longer than " + std::to_string(kMaxNameBytes) + " bytes");
  for (unsigned char c : event.id)
    if (c <= 0x20 || c >= 0x7F)
      return Bad("webhook.id", Quote(event.id) + " must be printable ASCII without spaces");
  if (HasLineBreak(event.type)) return InjectionError("webhook.type");
  if (event.type.empty()) return Bad("webhook.type", "must not be empty");
  for (char c : event.type)
    if (!((c >= 'a' && c <= 'z') || IsDigit(c) || c == '.' || c == '_'))
      return Bad("webhook.type", Quote(event.type) +
                                     " must be lower-case letters, digits, '.' and '_' (e.g. "
                                     "\"booking.confirmed\")");
  const auto body = nlohmann::json::parse(event.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Bad("webhook.body", "is not valid JSON");
  if (!body.is_object()) return Bad("webhook.body", "must be a JSON object");
  return Status::Ok();
}

// ------------------------------------------------------------ RenderEmail

std::string RenderEmail(const EmailMessage& email, TimePoint date, std::string_view message_id,
                        std::string_view boundary) {
  const std::string b(boundary);
  std::string m;
  m += "Date: " + Rfc5322Date(date) + "\r\n";
  m += "From: " + Mailbox(email.from_name, email.from) + "\r\n";
  m += "To: " + email.to + "\r\n";
  m += "Subject: " + HeaderText(email.subject) + "\r\n";
  m += "Message-ID: <" + std::string(message_id) + ">\r\n";
  // RFC 3834: an automatic message, so auto-responders do not answer it.
  m += "Auto-Submitted: auto-generated\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: multipart/mixed;\r\n boundary=\"" + b + "\"\r\n";
  m += "\r\n";
  m += "This is a multi-part message in MIME format.\r\n";

  m += "\r\n--" + b + "\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\n";
  m += "Content-Transfer-Encoding: quoted-printable\r\n";
  m += "\r\n";
  m += QuotedPrintable(email.text_body);
  m += "\r\n";
  for (const EmailAttachment& a : email.attachments) {
    m += "--" + b + "\r\n";
    m += "Content-Type: " + ContentTypeFor(a) + "\r\n";
    m += "Content-Transfer-Encoding: base64\r\n";
    m += "Content-Disposition: attachment; filename=\"" + a.filename + "\"\r\n";
    m += "\r\n";
    m += Base64Lines(a.content);
    m += "\r\n";  // the delimiter's line break, not the content's
  }
  m += "--" + b + "--\r\n";
  return m;
}

// ------------------------------------------------------------ OutboxNotifier

OutboxNotifier::OutboxNotifier(std::string dir, const Clock& clock, uint64_t next_seq,
                               std::string token)
    : dir_(std::move(dir)), clock_(clock), token_(std::move(token)), next_seq_(next_seq) {}

Result<std::unique_ptr<OutboxNotifier>> OutboxNotifier::Create(std::string dir,
                                                               const Clock& clock) {
  if (dir.empty()) return InvalidArgument("outbox: the directory name is empty");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return StorageError("outbox: cannot create directory " + dir + ": " + ec.message());
  if (!fs::is_directory(dir, ec)) return StorageError("outbox: " + dir + " is not a directory");
  uint64_t last = 0;
  fs::directory_iterator it(dir, ec);
  if (ec) return StorageError("outbox: cannot read directory " + dir + ": " + ec.message());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return StorageError("outbox: cannot read directory " + dir + ": " + ec.message());
    last = std::max(last, SeqOf(it->path().filename().string()));
  }
  return std::unique_ptr<OutboxNotifier>(
      new OutboxNotifier(std::move(dir), clock, last + 1, RandomToken()));
}

template <typename Render>
Status OutboxNotifier::Write(std::string_view kind, std::string_view ext, Render render) {
  std::lock_guard lock(mu_);
  // Each pass either places the file or finds its name taken and moves on;
  // the bound only stops a directory that rejects every name.
  for (int attempt = 0; attempt < 10000; ++attempt) {
    const uint64_t seq = next_seq_++;
    const std::string name = FileName(kind, seq, ext);
    const fs::path final_path = fs::path(dir_) / name;
    const fs::path tmp = fs::path(dir_) / (".tmp-" + token_ + "-" + name);
    VOXDESK_RETURN_IF_ERROR(WriteWhole(tmp, render(seq)));
    // A hard link never replaces an existing file, so a name another writer
    // took meanwhile is detected instead of overwritten.
    std::error_code ec, ignored;
    fs::create_hard_link(tmp, final_path, ec);
    if (ec && NoHardLinks(ec)) {
      ec.clear();
      if (fs::exists(final_path, ignored))
        ec = std::make_error_code(std::errc::file_exists);
      else
        fs::rename(tmp, final_path, ec);
    }
    fs::remove(tmp, ignored);
    if (!ec) return Status::Ok();
    if (ec != std::errc::file_exists)
      return StorageError("outbox: cannot write " + final_path.string() + ": " + ec.message());
  }
  return StorageError("outbox: no free file name in " + dir_);
}

Status OutboxNotifier::SendSms(const SmsMessage& sms) {
  VOXDESK_RETURN_IF_ERROR(ValidateSms(sms));
  const std::string sent_at = FormatRfc3339Utc(clock_.NowSeconds());
  return Write("sms", "json", [&](uint64_t) {
    nlohmann::ordered_json j = {
        {"to", sms.to}, {"from", sms.from}, {"body", sms.body}, {"sent_at", sent_at}};
    return j.dump(2) + "\n";
  });
}

Status OutboxNotifier::SendEmail(const EmailMessage& email) {
  VOXDESK_RETURN_IF_ERROR(ValidateEmail(email));
  const TimePoint now = clock_.Now();
  const std::string domain = DomainOf(email.from);
  return Write("email", "eml", [&](uint64_t seq) {
    const std::string id = CompactUtc(now) + "." + std::to_string(seq) + "." + token_;
    return RenderEmail(email, now, id + "@" + domain, "=_voxdesk_" + id);
  });
}

Status OutboxNotifier::SendWebhook(const WebhookEvent& event) {
  VOXDESK_RETURN_IF_ERROR(ValidateWebhook(event));
  const std::string sent_at = FormatRfc3339Utc(clock_.NowSeconds());
  return Write("webhook", "json", [&](uint64_t) {
    nlohmann::ordered_json j = {{"id", event.id},
                                {"type", event.type},
                                {"sent_at", sent_at},
                                {"body", nlohmann::ordered_json::parse(event.body)}};
    return j.dump(2) + "\n";
  });
}

}  // namespace voxdesk::providers
