// A loopback SMTP sink for tests: speaks enough of RFC 5321 for a
// submission client (EHLO with AUTH PLAIN/LOGIN, MAIL FROM, RCPT TO, DATA
// with dot-unstuffing, RSET, QUIT), records each message, and can refuse
// logins or recipients or drop the connection during DATA. No STARTTLS:
// clients must be told TLS is optional. One thread per connection.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace voxdesk::fakes {

class FakeSmtpServer {
 public:
  struct Mail {
    std::string from;
    std::vector<std::string> to;
    std::string data;  // the message as received, dot-unstuffed, CRLF
    std::string user;  // who authenticated ("" for nobody)
  };
  enum class Fault { kNone, kRejectRecipient, kDropDuringData, kTempFailData };

  FakeSmtpServer(std::string user, std::string password);
  ~FakeSmtpServer();
  bool Start();
  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  void InjectFault(Fault f);
  std::vector<Mail> mails() const;

 private:
  void Serve(int fd);

  const std::string user_, password_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::thread acceptor_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::vector<Mail> mails_;
  std::vector<std::thread> sessions_;
  Fault fault_ = Fault::kNone;
};

}  // namespace voxdesk::fakes
