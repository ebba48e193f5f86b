#include <doctest/doctest.h>

#include "core/clock.h"
#include "fakes/fake_smtp_server.h"
#include "providers/net/event_loop.h"
#include "providers/smtp_mailer.h"

using namespace std::chrono_literals;
using voxdesk::Code;
using voxdesk::VirtualClock;
using voxdesk::fakes::FakeSmtpServer;
using voxdesk::providers::EmailAttachment;
using voxdesk::providers::EmailMessage;
using voxdesk::providers::SmtpConfig;
using voxdesk::providers::SmtpMailer;
using voxdesk::providers::net::EventLoop;

namespace {

struct Rig {
  FakeSmtpServer server{"frontdesk@brightsmile.example", "app-password"};
  VirtualClock clock{voxdesk::TimePoint{std::chrono::seconds(1'790'000'000)}};
  std::unique_ptr<EventLoop> loop;

  Rig() {
    REQUIRE(server.Start());
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(l).value();
  }
  std::unique_ptr<SmtpMailer> Mailer(std::string password = "app-password") {
    SmtpConfig c;
    c.url = server.url();
    c.username = "frontdesk@brightsmile.example";
    c.password = std::move(password);
    c.require_tls = false;  // the loopback sink has no STARTTLS
    c.timeout = 2s;
    auto m = SmtpMailer::Create(*loop, clock, c);
    REQUIRE(m.ok());
    return std::move(m).value();
  }
};

EmailMessage Confirmation() {
  EmailMessage e;
  e.to = "maria.lopez@example.com";
  e.from = "frontdesk@brightsmile.example";
  e.from_name = "Bright Smile Dental";
  e.subject = "Your exam on Tuesday at 11:15";
  e.text_body = "See you Tuesday.\n.\nA line that starts with a dot stays.";
  e.attachments.push_back({"invite.ics", "text/calendar; method=REQUEST; charset=utf-8",
                           "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"});
  return e;
}

}  // namespace

TEST_CASE("smtp mailer: a confirmation with its invite is submitted after AUTH") {
  Rig rig;
  auto mailer = rig.Mailer();
  REQUIRE(mailer->Send(Confirmation()).ok());
  auto mails = rig.server.mails();
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].user == "frontdesk@brightsmile.example");
  CHECK(mails[0].from == "frontdesk@brightsmile.example");
  CHECK(mails[0].to == std::vector<std::string>{"maria.lopez@example.com"});
  CHECK(mails[0].data.find("Subject: Your exam on Tuesday at 11:15\r\n") != std::string::npos);
  CHECK(mails[0].data.find("text/calendar; method=REQUEST") != std::string::npos);
  CHECK(mails[0].data.find("Message-ID: <") != std::string::npos);
}

TEST_CASE("smtp mailer: a wrong password is a configuration error and sends nothing") {
  Rig rig;
  auto st = rig.Mailer("wrong")->Send(Confirmation());
  CHECK(st.code() == Code::kConfig);
  CHECK(st.message().find("wrong") == std::string::npos);
  CHECK(rig.server.mails().empty());
}

TEST_CASE(
    "smtp mailer: a refused recipient, a temporary failure and a dropped connection are told "
    "apart") {
  Rig rig;
  auto mailer = rig.Mailer();
  rig.server.InjectFault(FakeSmtpServer::Fault::kRejectRecipient);
  CHECK(mailer->Send(Confirmation()).code() == Code::kInvalidArgument);
  rig.server.InjectFault(FakeSmtpServer::Fault::kTempFailData);
  CHECK(mailer->Send(Confirmation()).code() == Code::kUnavailable);
  rig.server.InjectFault(FakeSmtpServer::Fault::kDropDuringData);
  CHECK(mailer->Send(Confirmation()).code() == Code::kUnavailable);
  CHECK(rig.server.mails().empty());
  rig.server.InjectFault(FakeSmtpServer::Fault::kNone);
  CHECK(mailer->Send(Confirmation()).ok());
  CHECK(rig.server.mails().size() == 1);
}

TEST_CASE("smtp mailer: a message with a header injection is refused before connecting") {
  Rig rig;
  auto mailer = rig.Mailer();
  EmailMessage e = Confirmation();
  e.subject = "Hello\r\nBcc: everyone@example.com";
  CHECK(mailer->Send(e).code() == Code::kInvalidArgument);
  CHECK(rig.server.mails().empty());
}

TEST_CASE("smtp mailer: the URL scheme and the password are checked at creation") {
  Rig rig;
  SmtpConfig c;
  c.url = "http://mail.example.com";
  CHECK(SmtpMailer::Create(*rig.loop, rig.clock, c).status().code() == Code::kConfig);
  c.url = "smtp://mail.example.com:587";
  c.username = "someone";
  unsetenv("SMTP_PASSWORD");
  CHECK(SmtpMailer::Create(*rig.loop, rig.clock, c).status().code() == Code::kConfig);
}
