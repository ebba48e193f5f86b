// The outbox notifier writes what would have been sent, exactly: an .eml that
// a mail parser reads back (headers, MIME parts, the invite byte for byte,
// CRLF only), JSON for texts and webhooks, numbered without overwriting
// across instances and threads; bad messages are rejected and leave nothing.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <latch>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "media/base64.h"
#include "providers/outbox_notifier.h"
#include "schedule/ical.h"

namespace voxdesk::providers {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test (ctest runs test cases as parallel processes).
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("voxdesk-outbox-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    if (!fs::exists(path)) return names;
    for (const auto& e : fs::directory_iterator(path))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(path / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static inline int counter = 0;
};

TimePoint At(const char* rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  REQUIRE(t.ok());
  return *t;
}

std::unique_ptr<OutboxNotifier> Open(const TempDir& dir, const Clock& clock) {
  auto n = OutboxNotifier::Create(dir.path.string(), clock);
  REQUIRE_MESSAGE(n.ok(), n.status().message());
  return std::move(n).value();
}

SmsMessage Sms(std::string body = "Your cleaning is booked.") {
  return {"+15550142000", "+15550100100", std::move(body)};
}

std::string Invite() {
  Business b;
  b.id = "bright-smile";
  b.name = "Bright Smile Dental";
  b.email = "front-desk@brightsmile.example";
  b.phone = "+15550100100";
  Service cleaning;
  cleaning.id = "cleaning";
  cleaning.name = "Teeth cleaning";
  cleaning.duration_min = 60;
  b.services.push_back(cleaning);
  BookingRecord r;
  r.business_id = "bright-smile";
  r.id = "bk_0123456789abcdef";
  r.service = "cleaning";
  r.start = std::chrono::floor<std::chrono::seconds>(At("2026-03-10T14:00:00Z"));
  r.end = r.start + std::chrono::hours{1};
  r.confirmation_code = "QXT7KM";
  r.customer = {"Ana Ruiz", "+15550142000", "ana@example.com"};
  return BookingToIcs(b, r, r.start - std::chrono::hours{48}, IcsMethod::kRequest);
}

EmailMessage Email() {
  EmailMessage e;
  e.to = "ana@example.com";
  e.from = "front-desk@brightsmile.example";
  e.from_name = "Bright Smile Dental";
  e.subject = "Booked: Teeth cleaning on Tuesday, March 10th at 10 AM";
  e.text_body =
      "Hello Ana,\n\nYour Teeth cleaning is booked. A line that is long enough to need a soft "
      "line break in quoted-printable, with = signs and trailing space \nand accents: "
      "mañana.\n";
  e.attachments.push_back({"invite.ics", "text/calendar; method=REQUEST; charset=utf-8", Invite()});
  return e;
}

// ------------------------------------------------------------ a small MIME reader

struct Part {
  std::map<std::string, std::string> headers;  // lower-case names, unfolded values
  std::string body;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Part ParsePart(const std::string& text) {
  Part p;
  const size_t end = text.find("\r\n\r\n");
  REQUIRE_MESSAGE(end != std::string::npos, "no blank line after the headers:\n" << text);
  std::string name;
  size_t pos = 0;
  while (pos < end) {
    size_t eol = text.find("\r\n", pos);
    if (eol > end) eol = end;
    const std::string line = text.substr(pos, eol - pos);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      REQUIRE_MESSAGE(!name.empty(), "continuation line before any header");
      p.headers[name] += line;  // unfolding keeps the whitespace
    } else {
      const size_t colon = line.find(':');
      REQUIRE_MESSAGE(colon != std::string::npos, "not a header line: " << line);
      name = Lower(line.substr(0, colon));
      std::string value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
      CHECK_MESSAGE(p.headers.count(name) == 0, "header repeated: " << name);
      p.headers[name] = value;
    }
    pos = eol + 2;
  }
  p.body = text.substr(end + 4);
  return p;
}

std::string Param(const std::string& header, const std::string& name) {
  const size_t at = Lower(header).find(name + "=");
  if (at == std::string::npos) return {};
  std::string v = header.substr(at + name.size() + 1);
  if (!v.empty() && v[0] == '"') return v.substr(1, v.find('"', 1) - 1);
  return v.substr(0, v.find(';'));
}

struct Mime {
  Part top;
  std::vector<Part> parts;
};

Mime ParseMime(const std::string& eml) {
  Mime m;
  m.top = ParsePart(eml);
  const std::string boundary = Param(m.top.headers["content-type"], "boundary");
  REQUIRE_MESSAGE(!boundary.empty(), "no boundary in " << m.top.headers["content-type"]);
  const std::string delim = "\r\n--" + boundary;
  // The preamble ends at the first delimiter (RFC 2046 section 5.1.1).
  std::string body = "\r\n" + m.top.body;
  size_t pos = body.find(delim);
  REQUIRE(pos != std::string::npos);
  while (true) {
    pos += delim.size();
    if (body.compare(pos, 2, "--") == 0) {
      CHECK_MESSAGE(body.substr(pos + 2) == "\r\n", "text after the close delimiter");
      break;
    }
    REQUIRE(body.compare(pos, 2, "\r\n") == 0);
    pos += 2;
    const size_t next = body.find(delim, pos);
    REQUIRE_MESSAGE(next != std::string::npos, "no close delimiter");
    m.parts.push_back(ParsePart(body.substr(pos, next - pos)));
    pos = next;
  }
  return m;
}

std::string DecodeQuotedPrintable(const std::string& qp) {
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    if (qp[i] != '=') {
      out += qp[i];
      continue;
    }
    if (qp.compare(i + 1, 2, "\r\n") == 0) {  // soft line break
      i += 2;
      continue;
    }
    REQUIRE(i + 2 < qp.size());
    out += static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

std::string DecodeBase64Lines(const std::string& text) {
  std::string joined;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t eol = std::min(text.find("\r\n", pos), text.size());
    CHECK_MESSAGE(eol - pos <= 76, "base64 line of " << eol - pos << " characters");
    joined += text.substr(pos, eol - pos);
    pos = eol + 2;
  }
  auto bytes = media::Base64Decode(joined);
  REQUIRE_MESSAGE(bytes.ok(), bytes.status().message());
  return std::string(bytes->begin(), bytes->end());
}

// "=?UTF-8?B?...?=" words, separated by folding white space.
std::string DecodeEncodedWords(const std::string& header) {
  std::string out;
  size_t pos = 0;
  while (pos < header.size()) {
    if (header[pos] == ' ' || header[pos] == '\t' || header[pos] == '\r' || header[pos] == '\n') {
      ++pos;
      continue;
    }
    REQUIRE_MESSAGE(header.compare(pos, 10, "=?UTF-8?B?") == 0, "not an encoded-word: " << header);
    const size_t end = header.find("?=", pos + 10);
    REQUIRE(end != std::string::npos);
    CHECK_MESSAGE(end + 2 - pos <= 75, "encoded-word longer than 75 characters");
    out += DecodeBase64Lines(header.substr(pos + 10, end - pos - 10) + "\r\n");
    pos = end + 2;
  }
  return out;
}

// Every line break is CRLF: no bare LF, no bare CR.
void CheckCrlfOnly(const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') REQUIRE_MESSAGE((i > 0 && text[i - 1] == '\r'), "bare LF at byte " << i);
    if (text[i] == '\r')
      REQUIRE_MESSAGE((i + 1 < text.size() && text[i + 1] == '\n'), "bare CR at byte " << i);
  }
}

// ------------------------------------------------------------ email

TEST_CASE("an outbox email parses back: headers, boundary, both parts, the invite byte for byte") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto outbox = Open(dir, clock);
  const EmailMessage sent = Email();
  REQUIRE(outbox->SendEmail(sent).ok());

  REQUIRE(dir.Files() == std::vector<std::string>{"email-000001.eml"});
  const std::string eml = dir.Read("email-000001.eml");
  CheckCrlfOnly(eml);
  for (size_t pos = 0, eol; (eol = eml.find("\r\n", pos)) != std::string::npos; pos = eol + 2)
    CHECK_MESSAGE(eol - pos <= 78, "line longer than 78: " << eml.substr(pos, eol - pos));

  const Mime m = ParseMime(eml);
  auto h = m.top.headers;
  CHECK(h["from"] == "\"Bright Smile Dental\" <front-desk@brightsmile.example>");
  CHECK(h["to"] == "ana@example.com");
  CHECK(h["subject"] == sent.subject);  // ASCII stays readable
  CHECK(h["mime-version"] == "1.0");
  CHECK(h["message-id"].front() == '<');
  CHECK(h["message-id"].back() == '>');
  CHECK(h["message-id"].find("@brightsmile.example>") != std::string::npos);
  CHECK(h.count("date") == 1);
  CHECK(h["content-type"].rfind("multipart/mixed;", 0) == 0);

  REQUIRE(m.parts.size() == 2);
  const Part& text = m.parts[0];
  CHECK(Lower(text.headers.at("content-type")) == "text/plain; charset=utf-8");
  CHECK(text.headers.at("content-transfer-encoding") == "quoted-printable");
  std::string expected_text = sent.text_body;  // line breaks travel as CRLF
  for (size_t p = 0; (p = expected_text.find('\n', p)) != std::string::npos; p += 2)
    expected_text.replace(p, 1, "\r\n");
  CHECK(DecodeQuotedPrintable(text.body) == expected_text);

  const Part& ics = m.parts[1];
  CHECK(ics.headers.at("content-type") == "text/calendar; method=REQUEST; charset=utf-8");
  CHECK(ics.headers.at("content-transfer-encoding") == "base64");
  CHECK(ics.headers.at("content-disposition") == "attachment; filename=\"invite.ics\"");
  CHECK(DecodeBase64Lines(ics.body) == sent.attachments[0].content);
}

TEST_CASE("an outbox email's Date header is the injected clock's time") {
  TempDir dir;
  VirtualClock clock(At("2026-03-10T14:00:00Z"));
  auto outbox = Open(dir, clock);
  REQUIRE(outbox->SendEmail(Email()).ok());
  clock.Advance(std::chrono::hours{24 * 300} + std::chrono::seconds{3605});
  REQUIRE(outbox->SendEmail(Email()).ok());

  CHECK(ParseMime(dir.Read("email-000001.eml")).top.headers["date"] ==
        "Tue, 10 Mar 2026 14:00:00 +0000");
  CHECK(ParseMime(dir.Read("email-000002.eml")).top.headers["date"] ==
        "Mon, 4 Jan 2027 15:00:05 +0000");
}

TEST_CASE("a subject or sender name that is not ASCII is sent as RFC 2047 encoded-words") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto outbox = Open(dir, clock);
  EmailMessage e = Email();
  e.subject =
      "Cita confirmada: Limpieza dental, el miércoles 11 de marzo a las 10 de la mañana con la "
      "Dra. Núñez";
  e.from_name = "Clínica Sonrisa";
  REQUIRE(outbox->SendEmail(e).ok());
  const std::string eml = dir.Read("email-000001.eml");
  for (unsigned char c : eml.substr(0, eml.find("\r\n\r\n")))
    REQUIRE_MESSAGE(c < 0x80, "raw 8-bit byte in the headers");
  auto h = ParseMime(eml).top.headers;
  CHECK(DecodeEncodedWords(h["subject"]) == e.subject);
  const std::string from = h["from"];
  REQUIRE(from.find(" <front-desk@brightsmile.example>") != std::string::npos);
  CHECK(DecodeEncodedWords(from.substr(0, from.find(" <"))) == e.from_name);
}

TEST_CASE("an .ics attachment without a content type is sent as text/calendar with its method") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto outbox = Open(dir, clock);
  EmailMessage e = Email();
  e.attachments[0].content_type.clear();
  REQUIRE(outbox->SendEmail(e).ok());
  const Mime m = ParseMime(dir.Read("email-000001.eml"));
  REQUIRE(m.parts.size() == 2);
  CHECK(m.parts[1].headers.at("content-type") == "text/calendar; method=REQUEST; charset=utf-8");
}

TEST_CASE("line breaks in any email header field are rejected as header injection") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto outbox = Open(dir, clock);
  struct Case {
    const char* field;
    void (*spoil)(EmailMessage&);
  };
  const Case cases[] = {
      {"email.subject", [](EmailMessage& e) { e.subject = "Booked\r\nBcc: everyone@example.com"; }},
      {"email.to", [](EmailMessage& e) { e.to = "ana@example.com\r\nBcc: eve@example.com"; }},
      {"email.from", [](EmailMessage& e) { e.from = "desk@example.com\nReply-To: eve@evil.test"; }},
      {"email.from_name", [](EmailMessage& e) { e.from_name = "Bright\rSmile"; }},
      {"email.attachments[0].filename",
       [](EmailMessage& e) { e.attachments[0].filename = "invite.ics\r\nX-Evil: 1"; }},
      {"email.attachments[0].content_type",
       [](EmailMessage& e) { e.attachments[0].content_type = "text/calendar\nX-Evil: 1"; }},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    EmailMessage e = Email();
    c.spoil(e);
    const Status st = outbox->SendEmail(e);
    CHECK(st.code() == Code::kInvalidArgument);
    CHECK_MESSAGE(st.message().rfind(std::string(c.field) + ": ", 0) == 0, st.message());
    CHECK_MESSAGE(st.message().find("header injection") != std::string::npos, st.message());
    CHECK(ValidateEmail(e).code() == Code::kInvalidArgument);
  }
  CHECK(dir.Files().empty());
}

TEST_CASE("implausible email addresses and empty bodies are rejected and nothing is written") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto outbox = Open(dir, clock);
  for (const char* bad :
       {"", "ana", "@example.com", "ana@", "ana@example", "ana@@example.com", "a@b@example.com",
        "ana maria@example.com", "<ana@example.com>", "ana@example.com, eve@evil.test",
        "ana@.example.com", "ana@example.com."}) {
    CAPTURE(bad);
    EmailMessage e = Email();
    e.to = bad;
    const Status st = outbox->SendEmail(e);
    CHECK(st.code() == Code::kInvalidArgument);
    CHECK_MESSAGE(st.message().rfind("email.to: ", 0) == 0, st.message());
  }
  for (const char* blank : {"", " \n\t "}) {
    EmailMessage e = Email();
    e.text_body = blank;
    const Status st = outbox->SendEmail(e);
    CHECK(st.code() == Code::kInvalidArgument);
    CHECK_MESSAGE(st.message() == "email.text_body: must not be empty", st.message());
  }
  EmailMessage e = Email();
  e.subject = "caf\xC3\x28";
  CHECK(outbox->SendEmail(e).code() == Code::kInvalidArgument);
  CHECK(dir.Files().empty());
}

// ------------------------------------------------------------ sms and webhooks

TEST_CASE("an outbox text message is JSON with to, from, body and the clock's sent_at") {
  TempDir dir;
  VirtualClock clock(At("2026-03-10T14:00:00Z"));
  auto outbox = Open(dir, clock);
  REQUIRE(outbox->SendSms(Sms("Bright Smile Dental: see you at 10 AM, mañana.")).ok());
  REQUIRE(dir.Files() == std::vector<std::string>{"sms-000001.json"});
  const auto j = nlohmann::json::parse(dir.Read("sms-000001.json"));
  CHECK(j.size() == 4);
  CHECK(j["to"] == "+15550142000");
  CHECK(j["from"] == "+15550100100");
  CHECK(j["body"] == "Bright Smile Dental: see you at 10 AM, mañana.");
  CHECK(j["sent_at"] == "2026-03-10T14:00:00Z");
}

TEST_CASE(
    "text messages to or from a number that is not E.164 are rejected and nothing is written") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto outbox = Open(dir, clock);
  for (const char* bad : {"", "15550142000", "+1555014", "+1234567890123456", "+1 555 014 2000",
                          "+1-555-014-2000", "+05550142000", "+1555014200x", "+"}) {
    CAPTURE(bad);
    SmsMessage to = Sms();
    to.to = bad;
    Status st = outbox->SendSms(to);
    CHECK(st.code() == Code::kInvalidArgument);
    CHECK_MESSAGE(st.message().rfind("sms.to: ", 0) == 0, st.message());
    SmsMessage from = Sms();
    from.from = bad;
    st = outbox->SendSms(from);
    CHECK(st.code() == Code::kInvalidArgument);
    CHECK_MESSAGE(st.message().rfind("sms.from: ", 0) == 0, st.message());
  }
  for (const char* body : {"", "   ", "bad \xFF byte", "bell \x07"}) {
    CAPTURE(body);
    CHECK(outbox->SendSms(Sms(body)).code() == Code::kInvalidArgument);
  }
  CHECK(outbox->SendSms(Sms(std::string(1601, 'x'))).code() == Code::kInvalidArgument);
  CHECK(dir.Files().empty());

  // The limits themselves are valid: 8 and 15 digits.
  SmsMessage edge = Sms();
  edge.to = "+12345678";
  edge.from = "+123456789012345";
  CHECK(outbox->SendSms(edge).ok());
  CHECK(dir.Files().size() == 1);
}

TEST_CASE("an outbox webhook is JSON with the event's id, type and body object") {
  TempDir dir;
  VirtualClock clock(At("2026-03-10T14:00:00Z"));
  auto outbox = Open(dir, clock);
  REQUIRE(outbox->SendWebhook({"evt_1", "booking.confirmed", R"({"booking_id":"bk_1","n":[1,2]})"})
              .ok());
  REQUIRE(dir.Files() == std::vector<std::string>{"webhook-000001.json"});
  const auto j = nlohmann::json::parse(dir.Read("webhook-000001.json"));
  CHECK(j["id"] == "evt_1");
  CHECK(j["type"] == "booking.confirmed");
  CHECK(j["sent_at"] == "2026-03-10T14:00:00Z");
  CHECK(j["body"] == nlohmann::json{{"booking_id", "bk_1"}, {"n", {1, 2}}});

  const WebhookEvent bad[] = {{"", "booking.confirmed", "{}"},
                              {"evt 2", "booking.confirmed", "{}"},
                              {"evt_2", "", "{}"},
                              {"evt_2", "Booking.Confirmed", "{}"},
                              {"evt_2", "booking.confirmed", "{\"a\":"},
                              {"evt_2", "booking.confirmed", "[1]"},
                              {"evt_2\r\nX: 1", "booking.confirmed", "{}"}};
  for (const WebhookEvent& e : bad) {
    CAPTURE(e.id);
    CAPTURE(e.type);
    CAPTURE(e.body);
    CHECK(outbox->SendWebhook(e).code() == Code::kInvalidArgument);
  }
  CHECK(dir.Files().size() == 1);
}

// ------------------------------------------------------------ files

TEST_CASE("a second outbox on the same directory continues the numbering") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  {
    auto first = Open(dir, clock);
    REQUIRE(first->SendSms(Sms("first")).ok());
    REQUIRE(first->SendEmail(Email()).ok());
  }
  const std::string sms1 = dir.Read("sms-000001.json");
  const std::string email2 = dir.Read("email-000002.eml");
  auto second = Open(dir, clock);
  REQUIRE(second->SendSms(Sms("second")).ok());
  REQUIRE(second->SendWebhook({"evt_1", "call.ended", "{}"}).ok());

  CHECK(dir.Files() == std::vector<std::string>{"email-000002.eml", "sms-000001.json",
                                                "sms-000003.json", "webhook-000004.json"});
  CHECK(dir.Read("sms-000001.json") == sms1);
  CHECK(dir.Read("email-000002.eml") == email2);
  CHECK(nlohmann::json::parse(dir.Read("sms-000003.json"))["body"] == "second");
}

TEST_CASE("an outbox never overwrites a file another writer took after it was created") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto a = Open(dir, clock);
  auto b = Open(dir, clock);  // both start at 1
  REQUIRE(a->SendSms(Sms("from a")).ok());
  REQUIRE(b->SendSms(Sms("from b")).ok());
  std::ofstream(dir.path / "sms-000003.json") << "not ours";
  REQUIRE(a->SendSms(Sms("from a again")).ok());

  CHECK(dir.Files() == std::vector<std::string>{"sms-000001.json", "sms-000002.json",
                                                "sms-000003.json", "sms-000004.json"});
  CHECK(nlohmann::json::parse(dir.Read("sms-000001.json"))["body"] == "from a");
  CHECK(nlohmann::json::parse(dir.Read("sms-000002.json"))["body"] == "from b");
  CHECK(dir.Read("sms-000003.json") == "not ours");
  CHECK(nlohmann::json::parse(dir.Read("sms-000004.json"))["body"] == "from a again");
}

TEST_CASE("four threads sending at once get distinct, complete files") {
  TempDir dir;
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  auto outbox = Open(dir, clock);
  constexpr int kThreads = 4, kEach = 50;
  std::atomic<int> failures{0};
  std::latch start(kThreads);  // all threads send at the same moment
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kEach; ++i) {
        const std::string tag = "t" + std::to_string(t) + "-" + std::to_string(i);
        Status st;
        if (i % 5 == 0) {
          EmailMessage e = Email();
          e.subject = tag;
          st = outbox->SendEmail(e);
        } else {
          st = outbox->SendSms(Sms(tag));
        }
        if (!st.ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE(failures == 0);

  const auto files = dir.Files();
  REQUIRE(files.size() == kThreads * kEach);
  std::set<int> seqs;
  std::set<std::string> tags;
  for (const std::string& f : files) {
    seqs.insert(std::stoi(f.substr(f.find('-') + 1)));
    if (f.starts_with("sms-")) {
      tags.insert(nlohmann::json::parse(dir.Read(f))["body"].get<std::string>());
    } else {
      REQUIRE(f.starts_with("email-"));
      const Mime m = ParseMime(dir.Read(f));
      tags.insert(m.top.headers.at("subject"));
      REQUIRE(m.parts.size() == 2);
      CHECK(DecodeBase64Lines(m.parts[1].body) == Invite());
    }
  }
  CHECK(tags.size() == kThreads * kEach);
  CHECK(seqs.size() == kThreads * kEach);
  CHECK(*seqs.begin() == 1);
  CHECK(*seqs.rbegin() == kThreads * kEach);
}

TEST_CASE("an outbox creates its directory and leaves no temporary files") {
  VirtualClock clock(At("2026-03-08T12:30:00Z"));
  TempDir nested;
  const fs::path deep = nested.path / "a" / "b";
  auto outbox = OutboxNotifier::Create(deep.string(), clock);
  REQUIRE_MESSAGE(outbox.ok(), outbox.status().message());
  CHECK(fs::is_directory(deep));
  REQUIRE((*outbox)->SendSms(Sms()).ok());
  REQUIRE((*outbox)->SendEmail(Email()).ok());
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(deep)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"email-000002.eml", "sms-000001.json"});
}

TEST_CASE("an outbox on a path that is a file fails with a storage error") {
  TempDir dir;
  fs::create_directories(dir.path);
  std::ofstream(dir.path / "plain") << "x";
  VirtualClock clock;
  auto outbox = OutboxNotifier::Create((dir.path / "plain").string(), clock);
  REQUIRE_FALSE(outbox.ok());
  CHECK(outbox.status().code() == Code::kStorage);
  CHECK_MESSAGE(outbox.status().message().find("plain") != std::string::npos,
                outbox.status().message());
  CHECK(OutboxNotifier::Create("", clock).status().code() == Code::kInvalidArgument);
}

}  // namespace
}  // namespace voxdesk::providers
