// Differential target: the media-message fast path against the general
// (nlohmann SAX) parser on arbitrary bytes. Aborts when the fast path accepts
// something the general parser rejects, when both accept with different
// results, or when ParseTwilioMessage (fast path, then fallback) differs from
// the general parser in status, message or result. The fast path's message
// object is reused across inputs, as a stream would, so stale fields show up.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "media/twilio_media.h"
#include "media/twilio_media_fast.h"

namespace {
void Fail(const char* what, std::string_view text, const std::string& detail) {
  std::fprintf(stderr, "fuzz_twilio_fast: %s: %s\ninput: %.*s\n", what, detail.c_str(),
               static_cast<int>(text.size()), text.data());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace voxdesk::media;
  static TwilioInbound fast, combined;  // reused, as a stream would
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  TwilioInbound general;
  const auto want = ParseTwilioMessageGeneral(text, general);
  if (ParseTwilioMediaFast(text, fast)) {
    if (!want.ok())
      Fail("fast path accepted what the general parser rejects", text, want.message());
    if (!(fast == general)) Fail("fast path and general parser disagree", text, "");
  }

  const auto got = ParseTwilioMessage(text, combined);
  if (got.ok() != want.ok() || got.code() != want.code() || got.message() != want.message())
    Fail("ParseTwilioMessage status differs", text, got.message() + " vs " + want.message());
  if (!(combined == general)) Fail("ParseTwilioMessage result differs", text, "");
  return 0;
}
