#include "fakes/fake_deepgram_server.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "providers/form_urlencoded.h"
#include "providers/net/websockets.h"

namespace voxdesk::fakes {

using providers::DeepgramControl;
using providers::DeepgramMessage;
using providers::net::WsConnection;
using providers::net::WsHandlers;

struct FakeDeepgramServer::Conn {
  std::weak_ptr<WsConnection> ws;
  int64_t bytes_per_s = 16000;
  int64_t bytes = 0;
  int64_t period_start_ms = 0;  // audio time where the current result period began
  bool interim_sent = false;
  std::optional<std::string> line;  // the current period's line, once picked
  std::string language;             // the current line's scripted language
  bool multi = false;               // language=multi: languages on the alternative
  bool detect = false;              // detect_language=true: channel.detected_language
  bool faulted = false;
  bool stalled = false;
  bool closed = false;
  bool linear16 = true;
  // by_utterance: the utterance being heard, in audio ms.
  int64_t speech_start_ms = -1;
  int64_t speech_ms = 0;
  int64_t last_loud_ms = 0;
  int interims = 0;  // sent for the utterance being heard

  int64_t audio_ms() const { return bytes * 1000 / bytes_per_s; }
};

namespace {

std::vector<std::string> Words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string Join(const std::vector<std::string>& words, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

DeepgramMessage Results(const std::string& text, int64_t start_ms, int64_t end_ms) {
  DeepgramMessage m;
  m.type = DeepgramMessage::Type::kResults;
  m.type_name = "Results";
  m.transcript = text;
  m.confidence = text.empty() ? 0 : 0.97;
  m.start_ms = start_ms;
  m.duration_ms = end_ms - start_ms;
  const std::vector<std::string> words = Words(text);
  const int64_t step = words.empty() ? 0 : (end_ms - start_ms) / static_cast<int64_t>(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    providers::DeepgramWord w;
    w.word = words[i];
    w.start_ms = start_ms + step * static_cast<int64_t>(i);
    w.end_ms = w.start_ms + step;
    w.confidence = 0.97;
    m.words.push_back(std::move(w));
  }
  return m;
}

}  // namespace

FakeDeepgramServer::FakeDeepgramServer(std::string api_key) : api_key_(std::move(api_key)) {}

FakeDeepgramServer::~FakeDeepgramServer() {
  if (!loop_) return;
  loop_->Call([&] { loop_->ws().StopListening(server_id_); });
  loop_.reset();
}

void FakeDeepgramServer::SetScript(Script script) {
  std::lock_guard lock(mu_);
  script_ = std::move(script);
  next_line_ = 0;
}

void FakeDeepgramServer::InjectFault(Fault fault, int after_ms, int close_code) {
  std::lock_guard lock(mu_);
  fault_ = fault;
  fault_after_ms_ = after_ms;
  close_code_ = close_code;
}

std::optional<providers::DeepgramListenOptions> FakeDeepgramServer::last_options() const {
  std::lock_guard lock(mu_);
  return last_options_;
}

std::chrono::steady_clock::time_point FakeDeepgramServer::last_fault_at() const {
  std::lock_guard lock(mu_);
  return fault_at_;
}

std::string FakeDeepgramServer::NextLine(std::string* language) {
  std::lock_guard lock(mu_);
  if (language) {
    *language = next_line_ < languages_.size() ? languages_[next_line_] : "";
  }
  return next_line_ < script_.lines.size() ? script_.lines[next_line_++] : std::string();
}

namespace {

// A Results message carrying `language` where the stream's mode puts it.
std::string ResultsJson(DeepgramMessage m, const std::string& language, bool multi, bool detect) {
  if (language.empty() || (!multi && !detect)) return providers::DeepgramResultsJson(m);
  if (multi) {
    m.languages = {language};
    for (providers::DeepgramWord& w : m.words) w.language = language;
    return providers::DeepgramResultsJson(m);
  }
  nlohmann::json j = nlohmann::json::parse(providers::DeepgramResultsJson(m), nullptr,
                                           /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.contains("channel")) return providers::DeepgramResultsJson(m);
  j["channel"]["detected_language"] = language;
  j["channel"]["language_confidence"] = 0.97;
  return j.dump();
}

}  // namespace

void FakeDeepgramServer::Send(const std::shared_ptr<Conn>& c, std::string text, bool close_after) {
  std::chrono::milliseconds latency;
  {
    std::lock_guard lock(mu_);
    latency = script_.latency;
  }
  auto send = [c, text = std::move(text), close_after] {
    auto ws = c->ws.lock();
    if (!ws || c->stalled) return;
    (void)ws->SendText(text);
    if (close_after) ws->Close();
  };
  if (latency.count() > 0) {
    loop_->AddTimer(latency, std::move(send));
  } else {
    send();
  }
}

void FakeDeepgramServer::SendFinal(const std::shared_ptr<Conn>& c, int64_t start_ms, int64_t end_ms,
                                   bool from_finalize) {
  std::string language = c->language;
  const std::string line = c->line ? *c->line : NextLine(&language);
  c->line.reset();
  c->interim_sent = false;
  DeepgramMessage m = Results(line, start_ms, end_ms);
  m.is_final = true;
  m.from_finalize = from_finalize;
  {
    std::lock_guard lock(mu_);
    m.speech_final = script_.speech_final && !line.empty();
  }
  Send(c, ResultsJson(std::move(m), line.empty() ? "" : language, c->multi, c->detect));
  if (!line.empty()) Send(c, providers::DeepgramUtteranceEndJson(end_ms));
}

void FakeDeepgramServer::OnUtteranceAudio(const std::shared_ptr<Conn>& c, std::string_view bytes) {
  int end_silence_ms;
  {
    std::lock_guard lock(mu_);
    end_silence_ms = script_.end_silence_ms;
  }
  const int64_t bytes_per_ms = std::max<int64_t>(1, c->bytes_per_s / 1000);
  const int64_t start_ms = (c->bytes - static_cast<int64_t>(bytes.size())) / bytes_per_ms;
  // 10 ms blocks: loud when their RMS is over 500.
  const size_t block = static_cast<size_t>(bytes_per_ms * 10);
  for (size_t at = 0; at + block <= bytes.size(); at += block) {
    double sum = 0;
    size_t n = 0;
    for (size_t i = at; c->linear16 && i + 1 < at + block; i += 2, ++n) {
      const auto v = static_cast<int16_t>(static_cast<uint8_t>(bytes[i]) |
                                          (static_cast<uint8_t>(bytes[i + 1]) << 8));
      sum += static_cast<double>(v) * v;
    }
    const int64_t t = start_ms + static_cast<int64_t>(at) / bytes_per_ms;
    if (n && std::sqrt(sum / static_cast<double>(n)) > 500) {
      if (c->speech_start_ms < 0) c->speech_start_ms = t;
      c->speech_ms += 10;
      c->last_loud_ms = t + 10;
      // Interims while the caller talks, as Deepgram sends them: the first
      // after 300 ms of speech, then one every 800 ms, each with more words.
      if (c->speech_ms >= 300 + 800 * c->interims) {
        if (!c->line) c->line = NextLine(&c->language);
        c->interim_sent = true;
        const std::vector<std::string> words = Words(*c->line);
        const size_t shown = std::min(words.size(), (words.size() + 1) / 2 + c->interims);
        ++c->interims;
        DeepgramMessage m = Results(Join(words, shown), c->speech_start_ms, t);
        Send(c, ResultsJson(std::move(m), words.empty() ? "" : c->language, c->multi, c->detect));
      }
    } else if (c->speech_start_ms >= 0 && t - c->last_loud_ms >= end_silence_ms) {
      if (c->speech_ms >= 100) {
        std::string language = c->language;
        const std::string line = c->line ? *c->line : NextLine(&language);
        DeepgramMessage m = Results(line, c->speech_start_ms, c->last_loud_ms);
        m.is_final = true;
        m.speech_final = !line.empty();
        Send(c, ResultsJson(std::move(m), line.empty() ? "" : language, c->multi, c->detect));
        if (!line.empty()) Send(c, providers::DeepgramUtteranceEndJson(c->last_loud_ms));
      }
      c->line.reset();
      c->interim_sent = false;
      c->interims = 0;
      c->speech_start_ms = -1;
      c->speech_ms = 0;
    }
  }
}

void FakeDeepgramServer::OnAudio(const std::shared_ptr<Conn>& c, std::string_view audio) {
  const size_t bytes = audio.size();
  audio_bytes_ += static_cast<int64_t>(bytes);
  c->bytes += static_cast<int64_t>(bytes);
  if (c->stalled || c->closed) return;
  bool by_utterance;
  {
    std::lock_guard lock(mu_);
    by_utterance = script_.by_utterance;
  }
  if (by_utterance) return OnUtteranceAudio(c, audio);
  const int64_t now_ms = c->audio_ms();
  Fault fault;
  int after_ms, code, period;
  {
    std::lock_guard lock(mu_);
    fault = fault_;
    after_ms = fault_after_ms_;
    code = close_code_;
    period = std::max(20, script_.ms_per_result);
  }
  if (fault != Fault::kNone && !c->faulted && now_ms >= after_ms) {
    c->faulted = true;
    {
      std::lock_guard lock(mu_);
      fault_at_ = std::chrono::steady_clock::now();
    }
    auto ws = c->ws.lock();
    switch (fault) {
      case Fault::kCloseMidStream:
        c->closed = true;
        if (ws) ws->Close(code, "injected fault");
        return;
      case Fault::kStall:
        c->stalled = true;
        return;
      case Fault::kMalformed:
        Send(c, "{\"type\":\"Results\",\"channel\":{\"alternatives\":[{\"transcript\":");
        break;
      case Fault::kErrorMessage:
        Send(c, providers::DeepgramErrorJson("NET-0001", "no audio received"));
        break;
      case Fault::kUnknownType:
        Send(c, "{\"type\":\"SomethingNew\",\"detail\":{\"x\":1}}");
        break;
      case Fault::kNone:
        break;
    }
  }
  if (!c->interim_sent && now_ms >= c->period_start_ms + period / 2) {
    c->line = NextLine(&c->language);
    c->interim_sent = true;
    const std::vector<std::string> words = Words(*c->line);
    DeepgramMessage m = Results(Join(words, (words.size() + 1) / 2), c->period_start_ms, now_ms);
    Send(c, ResultsJson(std::move(m), words.empty() ? "" : c->language, c->multi, c->detect));
  }
  while (now_ms >= c->period_start_ms + period) {
    SendFinal(c, c->period_start_ms, c->period_start_ms + period, false);
    c->period_start_ms += period;
  }
}

void FakeDeepgramServer::OnControl(const std::shared_ptr<Conn>& c, std::string_view json) {
  auto control = providers::ParseDeepgramControl(json);
  if (!control.ok()) return;
  if (control->type == DeepgramControl::Type::kKeepAlive) {
    ++keepalives_;
    return;
  }
  if (control->type == DeepgramControl::Type::kCloseStream) ++close_streams_;
  if (c->stalled || c->closed || control->type == DeepgramControl::Type::kUnknown) return;
  const int64_t now_ms = c->audio_ms();
  if (now_ms > c->period_start_ms) {
    SendFinal(c, c->period_start_ms, now_ms, true);
    c->period_start_ms = now_ms;
  }
  if (control->type == DeepgramControl::Type::kCloseStream) {
    c->closed = true;
    Send(c, providers::DeepgramMetadataJson("fake-request", now_ms), /*close_after=*/true);
  }
}

bool FakeDeepgramServer::Start() {
  auto loop = providers::net::EventLoop::Start({.name = "fake-deepgram"});
  if (!loop.ok()) return false;
  loop_ = std::move(loop).value();
  providers::net::WsServerOptions o;
  o.on_accept = [this](const std::shared_ptr<WsConnection>& ws) -> std::optional<WsHandlers> {
    auto options = providers::ParseDeepgramListenQuery(providers::EncodeForm(ws->query()));
    if (providers::net::FindHeader(ws->request_headers(), "Authorization") != "Token " + api_key_ ||
        ws->path() != "/v1/listen" || !options.ok()) {
      ++refused_;
      return std::nullopt;
    }
    ++connections_;
    {
      std::lock_guard lock(mu_);
      last_options_ = *options;
    }
    auto c = std::make_shared<Conn>();
    c->ws = ws;
    c->multi = options->language == "multi";
    c->detect = options->detect_language;
    const int64_t bytes_per_sample =
        options->encoding == providers::DeepgramEncoding::kLinear16 ? 2 : 1;
    c->bytes_per_s = bytes_per_sample * options->sample_rate * options->channels;
    WsHandlers h;
    c->linear16 = options->encoding == providers::DeepgramEncoding::kLinear16;
    h.on_binary = [this, c](std::string_view bytes) { OnAudio(c, bytes); };
    h.on_text = [this, c](std::string_view json) { OnControl(c, json); };
    h.on_close = [c](const Status&, int) { c->closed = true; };
    return h;
  };
  return loop_->Call([&] {
    auto s = loop_->ws().Listen(std::move(o));
    if (!s.ok()) return false;
    server_id_ = s->id;
    port_ = s->port;
    return true;
  });
}

}  // namespace voxdesk::fakes
