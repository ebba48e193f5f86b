// The `voxdesk simulate` script line parser on arbitrary bytes: never
// crashes, and what it accepts has an id and at most 500 turns.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dialog/simulate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto call = voxdesk::dialog::ParseScriptedCall(text);
  if (call.ok() && (call->id.empty() || call->turns.size() > 500)) std::abort();
  if (!call.ok() && call.status().message().empty()) std::abort();
  return 0;
}
