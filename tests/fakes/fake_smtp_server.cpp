#include "fakes/fake_smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "media/base64.h"

namespace voxdesk::fakes {

namespace {

bool SendLine(int fd, const std::string& line) {
  const std::string out = line + "\r\n";
  return ::send(fd, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size());
}

// Reads one CRLF-terminated line (without it); false on EOF or stop.
bool ReadLine(int fd, std::string& buf, std::string& line, const std::atomic<bool>& stopping) {
  for (;;) {
    if (auto pos = buf.find("\r\n"); pos != std::string::npos) {
      line = buf.substr(0, pos);
      buf.erase(0, pos + 2);
      return true;
    }
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, 100);
    if (stopping) return false;
    if (r <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<size_t>(n));
  }
}

std::string Decode64(const std::string& s) {
  std::string out(media::Base64MaxDecodedSize(s.size()), '\0');
  auto n = media::Base64Decode(s, {reinterpret_cast<uint8_t*>(out.data()), out.size()});
  out.resize(n.ok() ? *n : 0);
  return out;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Address(const std::string& arg) {  // "FROM:<a@b>" -> "a@b"
  const size_t lt = arg.find('<'), gt = arg.find('>');
  return lt == std::string::npos || gt == std::string::npos ? "" : arg.substr(lt + 1, gt - lt - 1);
}

}  // namespace

FakeSmtpServer::FakeSmtpServer(std::string user, std::string password)
    : user_(std::move(user)), password_(std::move(password)) {}

FakeSmtpServer::~FakeSmtpServer() {
  stopping_ = true;
  if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
  if (acceptor_.joinable()) acceptor_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  std::vector<std::thread> sessions;
  {
    std::lock_guard lock(mu_);
    sessions.swap(sessions_);
  }
  for (auto& t : sessions) t.join();
}

bool FakeSmtpServer::Start() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 16) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return false;
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0) continue;
      std::lock_guard lock(mu_);
      sessions_.emplace_back([this, fd] {
        Serve(fd);
        ::close(fd);
      });
    }
  });
  return true;
}

void FakeSmtpServer::InjectFault(Fault f) {
  std::lock_guard lock(mu_);
  fault_ = f;
}

std::vector<FakeSmtpServer::Mail> FakeSmtpServer::mails() const {
  std::lock_guard lock(mu_);
  return mails_;
}

void FakeSmtpServer::Serve(int fd) {
  Fault fault = Fault::kNone;  // read at each MAIL: connections are reused
  std::string buf, line;
  Mail mail;
  SendLine(fd, "220 fake-smtp.voxdesk.test ESMTP ready");
  while (ReadLine(fd, buf, line, stopping_)) {
    const std::string verb = Upper(line.substr(0, line.find(' ')));
    const std::string arg =
        line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
    if (verb == "EHLO" || verb == "HELO") {
      SendLine(fd, "250-fake-smtp.voxdesk.test");
      SendLine(fd, "250-AUTH PLAIN LOGIN");
      SendLine(fd, "250 8BITMIME");
    } else if (verb == "AUTH") {
      std::string user, pass;
      if (Upper(arg).starts_with("PLAIN")) {
        std::string payload = arg.size() > 6 ? arg.substr(6) : "";
        if (payload.empty()) {
          SendLine(fd, "334 ");
          if (!ReadLine(fd, buf, payload, stopping_)) return;
        }
        const std::string decoded = Decode64(payload);  // authzid \0 user \0 pass
        const size_t a = decoded.find('\0'), b = decoded.find('\0', a + 1);
        if (a != std::string::npos && b != std::string::npos) {
          user = decoded.substr(a + 1, b - a - 1);
          pass = decoded.substr(b + 1);
        }
      } else {  // LOGIN
        std::string u, p;
        SendLine(fd, "334 VXNlcm5hbWU6");
        if (!ReadLine(fd, buf, u, stopping_)) return;
        SendLine(fd, "334 UGFzc3dvcmQ6");
        if (!ReadLine(fd, buf, p, stopping_)) return;
        user = Decode64(u);
        pass = Decode64(p);
      }
      if (user == user_ && pass == password_) {
        mail.user = user;
        SendLine(fd, "235 2.7.0 Authentication successful");
      } else {
        SendLine(fd, "535 5.7.8 Authentication credentials invalid");
      }
    } else if (verb == "MAIL") {
      if (!user_.empty() && mail.user.empty()) {
        SendLine(fd, "530 5.7.0 Authentication required");
        continue;
      }
      {
        std::lock_guard lock(mu_);
        fault = fault_;
      }
      mail.from = Address(arg);
      mail.to.clear();
      SendLine(fd, "250 2.1.0 OK");
    } else if (verb == "RCPT") {
      if (fault == Fault::kRejectRecipient) {
        SendLine(fd, "550 5.1.1 No such user here");
        continue;
      }
      mail.to.push_back(Address(arg));
      SendLine(fd, "250 2.1.5 OK");
    } else if (verb == "DATA") {
      SendLine(fd, "354 End data with <CR><LF>.<CR><LF>");
      std::string data;
      while (ReadLine(fd, buf, line, stopping_)) {
        if (line == ".") break;
        if (fault == Fault::kDropDuringData) return;
        data += (line.starts_with("..") ? line.substr(1) : line) + "\r\n";
      }
      if (fault == Fault::kTempFailData) {
        SendLine(fd, "451 4.3.0 Try again later");
        continue;
      }
      mail.data = std::move(data);
      {
        std::lock_guard lock(mu_);
        mails_.push_back(mail);
      }
      SendLine(fd, "250 2.0.0 OK queued");
    } else if (verb == "RSET") {
      mail = Mail{mail.from, {}, {}, mail.user};
      SendLine(fd, "250 OK");
    } else if (verb == "QUIT") {
      SendLine(fd, "221 Bye");
      return;
    } else if (verb == "NOOP") {
      SendLine(fd, "250 OK");
    } else {
      SendLine(fd, "502 5.5.2 Command not recognized");
    }
  }
}

}  // namespace voxdesk::fakes
