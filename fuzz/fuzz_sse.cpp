// The server-sent-events parser on arbitrary bytes, fed whole and then in
// pieces whose size the input's first byte picks: nothing may crash, and
// both must give exactly the same events and the same truncation (a parser
// whose output depends on how the network split the stream would abort).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "providers/net/sse_parser.h"

using voxdesk::providers::net::SseEvent;
using voxdesk::providers::net::SseLimits;
using voxdesk::providers::net::SseParser;

namespace {

struct Run {
  std::vector<SseEvent> events;
  bool ok = true;
  bool truncated = false;
};

Run Parse(std::string_view stream, size_t piece) {
  SseLimits limits;
  limits.max_line_bytes = 512;
  limits.max_event_bytes = 1024;
  SseParser p(limits);
  Run r;
  for (size_t i = 0; i < stream.size() && r.ok; i += piece) {
    r.ok = p.Feed(stream.substr(i, piece), [&](const SseEvent& e) { r.events.push_back(e); }).ok();
  }
  if (r.ok) r.truncated = p.Finish();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t piece = 1 + data[0] % 16;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
  const Run whole = Parse(stream, stream.size() + 1);
  const Run split = Parse(stream, piece);
  // A limit can trip at a different event when pieces differ, so only
  // streams both runs accept are compared.
  if (!whole.ok || !split.ok) return 0;
  if (whole.truncated != split.truncated || whole.events.size() != split.events.size()) abort();
  for (size_t i = 0; i < whole.events.size(); ++i) {
    const SseEvent &a = whole.events[i], &b = split.events[i];
    if (a.type != b.type || a.data != b.data || a.last_event_id != b.last_event_id) abort();
  }
  return 0;
}
