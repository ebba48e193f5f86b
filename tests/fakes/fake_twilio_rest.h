// A loopback Twilio REST API (2010-04-01) for tests: Messages.json,
// Calls.json and live-call updates, with Basic auth checked, form bodies
// parsed strictly, Twilio-shaped JSON answers and errors, and faults on
// demand (429 with Retry-After, 500, a stall before answering).
// Thread-safe: handlers run on the server's threads.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "fakes/loopback_http.h"
#include "providers/form_urlencoded.h"

namespace voxdesk::fakes {

class FakeTwilioRest {
 public:
  struct Request {
    std::string path;  // "/2010-04-01/Accounts/AC.../Messages.json"
    providers::FormParams form;
  };
  enum class Fault { kNone, k429, k500, kStall };

  FakeTwilioRest(std::string account_sid, std::string auth_token);
  bool Start() { return http_.Start(); }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(http_.port()); }

  // The next `count` requests fail this way (then answers resume).
  void InjectFault(Fault fault, int count = 1);
  std::vector<Request> requests() const;
  int hits() const;

 private:
  void Handle(const httplib::Request& req, httplib::Response& res, const std::string& kind);
  std::string NextSid(const std::string& prefix);

  const std::string account_sid_, auth_token_;
  mutable std::mutex mu_;
  std::vector<Request> requests_;  // accepted ones
  int hits_ = 0;
  Fault fault_ = Fault::kNone;
  int fault_count_ = 0;
  uint64_t next_sid_ = 1;
  // Last, so it stops (and its handler threads end) before the rest goes.
  LoopbackHttp http_;
};

}  // namespace voxdesk::fakes
