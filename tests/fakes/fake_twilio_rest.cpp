#include "fakes/fake_twilio_rest.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "media/base64.h"

namespace voxdesk::fakes {

namespace {

void Error(httplib::Response& res, int status, int code, const std::string& message) {
  res.status = status;
  res.set_content(
      nlohmann::json{{"code", code},
                     {"message", message},
                     {"more_info", "https://www.twilio.com/docs/errors/" + std::to_string(code)},
                     {"status", status}}
          .dump(),
      "application/json");
}

bool E164(const std::string& n) {
  if (n.size() < 3 || n.size() > 16 || n[0] != '+' || n[1] == '0') return false;
  return n.find_first_not_of("0123456789", 1) == std::string::npos;
}

}  // namespace

FakeTwilioRest::FakeTwilioRest(std::string account_sid, std::string auth_token)
    : account_sid_(std::move(account_sid)), auth_token_(std::move(auth_token)) {
  const std::string base = "/2010-04-01/Accounts/" + account_sid_;
  auto& s = http_.server();
  s.Post(base + "/Messages.json",
         [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r, "message"); });
  s.Post(base + "/Calls.json",
         [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r, "call"); });
  s.Post(R"(/2010-04-01/Accounts/[^/]+/Calls/(CA[0-9a-f]{32})\.json)",
         [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r, "update"); });
}

void FakeTwilioRest::InjectFault(Fault fault, int count) {
  std::lock_guard lock(mu_);
  fault_ = fault;
  fault_count_ = count;
}

std::vector<FakeTwilioRest::Request> FakeTwilioRest::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

int FakeTwilioRest::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

std::string FakeTwilioRest::NextSid(const std::string& prefix) {
  char hex[33];
  std::snprintf(hex, sizeof hex, "%032llx", static_cast<unsigned long long>(next_sid_++));
  return prefix + hex;
}

void FakeTwilioRest::Handle(const httplib::Request& req, httplib::Response& res,
                            const std::string& kind) {
  Fault fault = Fault::kNone;
  {
    std::lock_guard lock(mu_);
    ++hits_;
    if (fault_count_ > 0) {
      fault = fault_;
      if (--fault_count_ == 0) fault_ = Fault::kNone;
    }
  }
  switch (fault) {
    case Fault::k429:
      res.set_header("Retry-After", "0");
      return Error(res, 429, 20429, "Too Many Requests");
    case Fault::k500:
      return Error(res, 500, 20500, "Internal Server Error");
    case Fault::kStall:
      http_.Stall(std::chrono::seconds(3));
      break;
    case Fault::kNone:
      break;
  }
  const std::string user = account_sid_ + ":" + auth_token_;
  std::string encoded(media::Base64EncodedSize(user.size()), '\0');
  auto n =
      media::Base64Encode({reinterpret_cast<const uint8_t*>(user.data()), user.size()}, encoded);
  encoded.resize(n.ok() ? *n : 0);
  if (req.get_header_value("Authorization") != "Basic " + encoded) {
    return Error(res, 401, 20003, "Authenticate");
  }
  if (req.get_header_value("Content-Type") != "application/x-www-form-urlencoded") {
    return Error(res, 400, 20001, "Content-Type must be a form");
  }
  auto form = providers::ParseForm(req.body);
  if (!form.ok()) return Error(res, 400, 20001, "Malformed form body");
  auto value = [&](const char* name) {
    const std::string* v = providers::FormValue(*form, name);
    return v ? *v : std::string();
  };
  nlohmann::json answer;
  std::lock_guard lock(mu_);
  if (kind == "message" || kind == "call") {
    if (!E164(value("To")))
      return Error(res, 400, 21211, "Invalid 'To' Phone Number: " + value("To"));
    if (!E164(value("From"))) return Error(res, 400, 21212, "Invalid 'From' Phone Number");
    if (kind == "message" && value("Body").empty())
      return Error(res, 400, 21602, "Message body is required.");
    if (kind == "call" && value("Twiml").empty() && value("Url").empty()) {
      return Error(res, 400, 21205, "Url or Twiml is required");
    }
    const std::string sid = NextSid(kind == "message" ? "SM" : "CA");
    answer = {{"sid", sid},
              {"account_sid", account_sid_},
              {"to", value("To")},
              {"from", value("From")},
              {"status", "queued"}};
    if (kind == "message") answer["body"] = value("Body");
    res.status = 201;
  } else {
    if (value("Twiml").empty() && value("Status").empty() && value("Url").empty()) {
      return Error(res, 400, 21218, "Invalid call update");
    }
    answer = {{"sid", req.matches[1].str()},
              {"status", value("Status").empty() ? "in-progress" : value("Status")}};
    res.status = 200;
  }
  requests_.push_back({req.path, std::move(*form)});
  res.set_content(answer.dump(), "application/json");
}

}  // namespace voxdesk::fakes
