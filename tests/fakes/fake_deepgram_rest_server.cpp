#include "fakes/fake_deepgram_rest_server.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "media/wav_io.h"
#include "providers/form_urlencoded.h"

namespace voxdesk::fakes {

namespace {

void Error(httplib::Response& res, int status, const std::string& code, const std::string& msg) {
  res.status = status;
  res.set_content(
      nlohmann::json{{"err_code", code}, {"err_msg", msg}, {"request_id", "fake-req"}}.dump(),
      "application/json");
}

}  // namespace

FakeDeepgramRestServer::FakeDeepgramRestServer(std::string api_key) : api_key_(std::move(api_key)) {
  http_.server().Post("/v1/listen",
                      [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r); });
}

void FakeDeepgramRestServer::SetTranscript(std::string text, std::string detected_language) {
  std::lock_guard lock(mu_);
  text_ = std::move(text);
  language_ = std::move(detected_language);
}

void FakeDeepgramRestServer::InjectFault(Fault fault, int count) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < count; ++i) faults_.push_back(fault);
}

int FakeDeepgramRestServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

FakeDeepgramRestServer::Seen FakeDeepgramRestServer::last() const {
  std::lock_guard lock(mu_);
  return last_;
}

void FakeDeepgramRestServer::Handle(const httplib::Request& req, httplib::Response& res) {
  Fault fault;
  std::string text, language;
  {
    std::lock_guard lock(mu_);
    ++requests_;
    if (!faults_.empty()) {
      fault = faults_.front();
      faults_.pop_front();
    }
    text = text_;
    language = language_;
  }
  if (req.get_header_value("Authorization") != "Token " + api_key_)
    return Error(res, 401, "INVALID_AUTH", "Invalid credentials.");
  switch (fault.kind) {
    case Fault::Kind::kRateLimited:
      res.set_header("Retry-After", std::to_string(fault.retry_after_seconds));
      return Error(res, 429, "TOO_MANY_REQUESTS", "Too many requests. Please try again later.");
    case Fault::Kind::kHttpError:
      return Error(res, fault.http_status, "INTERNAL_SERVER_ERROR", "Something went wrong.");
    case Fault::Kind::kStall:
      http_.Stall(fault.delay);
      return Error(res, 504, "TIMEOUT", "stalled");
    default:
      break;
  }
  const std::string& body = req.body;
  auto wav = media::ReadWavMemory(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(body.data()), body.size()));
  if (!wav.ok())
    return Error(res, 400, "Bad Request",
                 "Bad Request: failed to process audio: corrupt or unsupported data");
  std::string query;
  for (const auto& [k, v] : req.params) query += (query.empty() ? "" : "&") + k + "=" + v;
  {
    std::lock_guard lock(mu_);
    last_ = {query, req.get_header_value("Content-Type"), wav->sample_rate, wav->samples.size()};
  }
  const double duration = static_cast<double>(wav->samples.size()) / wav->sample_rate;
  nlohmann::json words = nlohmann::json::array();
  std::istringstream in(text);
  std::vector<std::string> list;
  for (std::string w; in >> w;) list.push_back(w);
  for (size_t i = 0; i < list.size(); ++i) {
    const double step = duration / static_cast<double>(list.size());
    words.push_back({{"word", list[i]},
                     {"start", step * static_cast<double>(i)},
                     {"end", step * static_cast<double>(i + 1)},
                     {"confidence", 0.98},
                     {"punctuated_word", list[i]}});
  }
  nlohmann::json channel = {
      {"alternatives", {{{"transcript", text}, {"confidence", 0.98}, {"words", words}}}}};
  if (req.has_param("detect_language")) {
    channel["detected_language"] = language;
    channel["language_confidence"] = 0.97;
  }
  const std::string answer =
      nlohmann::json{{"metadata",
                      {{"request_id", "fake-req-" + std::to_string(requests())},
                       {"duration", duration},
                       {"channels", 1}}},
                     {"results", {{"channels", {channel}}}}}
          .dump();
  if (fault.kind == Fault::Kind::kMalformed)
    return res.set_content(answer.substr(0, answer.size() / 2), "application/json");
  res.set_content(answer, "application/json");
}

}  // namespace voxdesk::fakes
