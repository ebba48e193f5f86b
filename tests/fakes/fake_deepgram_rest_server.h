// A loopback Deepgram pre-recorded endpoint (POST /v1/listen) for tests:
// checks "Authorization: Token <key>", reads the body as a WAV file (as
// Deepgram reads a containerized recording), and answers the scripted
// transcript in Deepgram's response shape (metadata, results.channels,
// alternatives with words, detected_language when asked). Errors come in
// Deepgram's body ({"err_code","err_msg","request_id"}). Faults apply to
// the next requests, one each, in the order injected.
//
// Thread-safe: configuration and counters may be used from any thread.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "fakes/loopback_http.h"

namespace voxdesk::fakes {

class FakeDeepgramRestServer {
 public:
  struct Fault {
    enum class Kind {
      kNone,
      kRateLimited,  // 429 with Retry-After: `retry_after_seconds`
      kHttpError,    // `http_status` with Deepgram's error body
      kStall,        // answer nothing for `delay`
      kMalformed,    // 200 with a body cut in the middle
    } kind = Kind::kNone;
    int retry_after_seconds = 0;
    int http_status = 500;
    std::chrono::milliseconds delay{0};
  };

  explicit FakeDeepgramRestServer(std::string api_key);
  bool Start() { return http_.Start(); }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(http_.port()); }

  void SetTranscript(std::string text, std::string detected_language = "en");
  void InjectFault(Fault fault, int count = 1);
  int requests() const;
  // The last accepted request: its query and the recording's rate and length.
  struct Seen {
    std::string query;
    std::string content_type;
    int sample_rate = 0;
    size_t samples = 0;
  };
  Seen last() const;

 private:
  void Handle(const httplib::Request& req, httplib::Response& res);

  const std::string api_key_;
  mutable std::mutex mu_;
  std::string text_ = "i'd like to book a cleaning";
  std::string language_ = "en";
  std::deque<Fault> faults_;
  int requests_ = 0;
  Seen last_;
  LoopbackHttp http_;  // last: stops before the members its handlers use
};

}  // namespace voxdesk::fakes
