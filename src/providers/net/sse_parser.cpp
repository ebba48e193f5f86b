#include "providers/net/sse_parser.h"

namespace voxdesk::providers::net {

Status SseParser::Feed(std::string_view bytes, const Sink& sink) {
  if (failed_) return InvalidArgument("event stream: already failed; open a new stream");
  if (!started_ && !bytes.empty()) {
    // The BOM may itself arrive split; wait for three bytes before deciding.
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    line_.append(bytes);
    if (line_.size() < kBom.size() && kBom.substr(0, line_.size()) == line_) return Status::Ok();
    started_ = true;
    std::string pending = std::move(line_);
    line_.clear();
    std::string_view rest = pending;
    if (rest.substr(0, kBom.size()) == kBom) rest.remove_prefix(kBom.size());
    return Feed(rest, sink);
  }
  size_t start = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c != '\r' && c != '\n') continue;
    if (c == '\n' && after_cr_ && i == start && line_.empty()) {
      // The LF of a CR LF pair whose CR ended the previous line.
      after_cr_ = false;
      start = i + 1;
      continue;
    }
    after_cr_ = c == '\r';
    Status s;
    if (line_.empty()) {
      s = Line(bytes.substr(start, i - start), sink);
    } else {
      line_.append(bytes.substr(start, i - start));
      s = Line(line_, sink);
      line_.clear();
    }
    if (!s.ok()) {
      failed_ = true;
      return s;
    }
    start = i + 1;
  }
  if (start < bytes.size()) after_cr_ = false;
  line_.append(bytes.substr(start));
  if (line_.size() > limits_.max_line_bytes) {
    failed_ = true;
    return InvalidArgument("event stream: a line longer than " +
                           std::to_string(limits_.max_line_bytes) + " bytes");
  }
  return Status::Ok();
}

Status SseParser::Line(std::string_view line, const Sink& sink) {
  if (line.size() > limits_.max_line_bytes) {
    return InvalidArgument("event stream: a line longer than " +
                           std::to_string(limits_.max_line_bytes) + " bytes");
  }
  if (line.empty()) {
    Dispatch(sink);
    return Status::Ok();
  }
  if (line.front() == ':') return Status::Ok();  // a comment (keep-alives)
  pending_ = true;
  const size_t colon = line.find(':');
  const std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (data_.size() + value.size() + 1 > limits_.max_event_bytes) {
      return InvalidArgument("event stream: an event larger than " +
                             std::to_string(limits_.max_event_bytes) + " bytes");
    }
    data_.append(value);
    data_ += '\n';
  } else if (field == "event") {
    type_.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_event_id_.assign(value);
  } else if (field == "retry") {
    bool digits = !value.empty() && value.size() <= 12;
    for (char c : value) digits = digits && c >= '0' && c <= '9';
    if (digits) retry_ms_ = std::stoll(std::string(value));
  }
  // Other fields are ignored, as the standard says.
  return Status::Ok();
}

void SseParser::Dispatch(const Sink& sink) {
  pending_ = false;
  if (data_.empty()) {
    type_.clear();
    return;
  }
  SseEvent e;
  data_.pop_back();  // the '\n' after the last data line
  e.data = std::move(data_);
  if (!type_.empty()) e.type = std::move(type_);
  e.last_event_id = last_event_id_;
  data_.clear();
  type_.clear();
  ++events_;
  sink(e);
}

bool SseParser::Finish() {
  const bool truncated = pending_ || !line_.empty();
  line_.clear();
  data_.clear();
  type_.clear();
  pending_ = false;
  return truncated;
}

}  // namespace voxdesk::providers::net
