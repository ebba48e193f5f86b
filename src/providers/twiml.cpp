#include "providers/twiml.h"

#include <algorithm>

#include "core/utf8.h"
#include "schedule/business.h"

namespace voxdesk::providers {
namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;

void AddIf(Attributes& a, const char* name, std::string_view value) {
  if (!value.empty()) a.emplace_back(name, std::string(value));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// XML 1.0 forbids C0 control characters other than tab, LF and CR, even
// escaped; they are refused rather than silently dropped.
Status CheckText(std::string_view text, const std::string& where) {
  if (!IsValidUtf8(text)) return InvalidArgument(where + ": is not valid UTF-8");
  for (unsigned char c : text) {
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return InvalidArgument(where + ": contains a control character XML cannot carry");
    }
  }
  return Status::Ok();
}

Status Check(const TwimlVerb& v, const std::string& where) {
  if (Status s = CheckText(v.text, where); !s.ok()) return s;
  for (const auto& [name, value] : v.attributes) {
    if (Status s = CheckText(value, where + "." + name); !s.ok()) return s;
  }
  if (v.name == "Gather") {
    for (const TwimlVerb& c : v.children) {
      if (c.name != "Say" && c.name != "Play" && c.name != "Pause") {
        return InvalidArgument(where + ": Gather may hold only Say, Play and Pause, not " + c.name);
      }
    }
  }
  if (v.name == "Stream") {
    auto url = std::find_if(v.attributes.begin(), v.attributes.end(),
                            [](const auto& a) { return a.first == "url"; });
    if (url == v.attributes.end() || !StartsWith(url->second, "wss://")) {
      return InvalidArgument(where + ".url: a media stream needs a wss:// URL");
    }
  }
  if (v.name == "Number" && !IsE164(v.text)) {
    return InvalidArgument(where + ": '" + v.text + "' is not an E.164 number");
  }
  if (v.name == "Sip" && !StartsWith(v.text, "sip:") && !StartsWith(v.text, "sips:")) {
    return InvalidArgument(where + ": '" + v.text + "' is not a SIP URI");
  }
  for (const TwimlVerb& c : v.children) {
    if (Status s = Check(c, where + "." + c.name); !s.ok()) return s;
  }
  return Status::Ok();
}

void Write(const TwimlVerb& v, std::string& out) {
  out += '<';
  out += v.name;
  for (const auto& [name, value] : v.attributes) {
    out += ' ';
    out += name;
    out += "=\"";
    out += XmlEscape(value);
    out += '"';
  }
  if (v.text.empty() && v.children.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  out += XmlEscape(v.text);
  for (const TwimlVerb& c : v.children) Write(c, out);
  out += "</";
  out += v.name;
  out += '>';
}

}  // namespace

TwimlVerb Say(std::string_view text, std::string_view voice, std::string_view language) {
  TwimlVerb v{"Say", {}, std::string(text), {}};
  AddIf(v.attributes, "voice", voice);
  AddIf(v.attributes, "language", language);
  return v;
}

TwimlVerb Play(std::string_view url) {
  return {"Play", {}, std::string(url), {}};
}

TwimlVerb Pause(int seconds) {
  return {"Pause", {{"length", std::to_string(std::max(1, seconds))}}, {}, {}};
}

TwimlVerb Hangup() {
  return {"Hangup", {}, {}, {}};
}

TwimlVerb Redirect(std::string_view url) {
  return {"Redirect", {{"method", "POST"}}, std::string(url), {}};
}

TwimlVerb Gather(const GatherOptions& o, std::vector<TwimlVerb> prompts) {
  TwimlVerb v{"Gather", {{"input", o.input}}, {}, std::move(prompts)};
  AddIf(v.attributes, "action", o.action);
  v.attributes.emplace_back("timeout", std::to_string(o.timeout_s));
  if (o.num_digits > 0) v.attributes.emplace_back("numDigits", std::to_string(o.num_digits));
  AddIf(v.attributes, "language", o.language);
  AddIf(v.attributes, "hints", o.hints);
  return v;
}

TwimlVerb Dial(std::string_view target, const DialOptions& o) {
  const bool sip = StartsWith(target, "sip:") || StartsWith(target, "sips:");
  TwimlVerb v{"Dial", {}, {}, {{sip ? "Sip" : "Number", {}, std::string(target), {}}}};
  AddIf(v.attributes, "callerId", o.caller_id);
  v.attributes.emplace_back("timeout", std::to_string(o.timeout_s));
  AddIf(v.attributes, "action", o.action);
  return v;
}

TwimlVerb ConnectStream(std::string_view wss_url,
                        const std::vector<std::pair<std::string, std::string>>& parameters,
                        std::string_view status_callback) {
  TwimlVerb stream{"Stream", {{"url", std::string(wss_url)}}, {}, {}};
  AddIf(stream.attributes, "statusCallback", status_callback);
  for (const auto& [name, value] : parameters) {
    stream.children.push_back({"Parameter", {{"name", name}, {"value", value}}, {}, {}});
  }
  return {"Connect", {}, {}, {std::move(stream)}};
}

TwimlVerb Record(const RecordOptions& o) {
  TwimlVerb v{"Record", {}, {}, {}};
  AddIf(v.attributes, "action", o.action);
  v.attributes.emplace_back("maxLength", std::to_string(o.max_length_s));
  v.attributes.emplace_back("timeout", std::to_string(o.timeout_s));
  v.attributes.emplace_back("playBeep", o.play_beep ? "true" : "false");
  AddIf(v.attributes, "transcribeCallback", o.transcribe_callback);
  return v;
}

Result<std::string> RenderTwiml(const std::vector<TwimlVerb>& verbs) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>";
  for (size_t i = 0; i < verbs.size(); ++i) {
    if (Status s = Check(verbs[i], "Response[" + std::to_string(i) + "]." + verbs[i].name);
        !s.ok()) {
      return s;
    }
    Write(verbs[i], out);
  }
  out += "</Response>";
  return out;
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace voxdesk::providers
