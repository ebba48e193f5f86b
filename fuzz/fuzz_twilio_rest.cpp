// Twilio REST error bodies as the adapter reads them: any bytes with any
// HTTP status must give a status of the right class with a bounded message,
// never a crash or an exception.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "providers/twilio_rest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const int status = 100 + (data[0] << 8 | data[1]) % 500;
  const std::string_view body(reinterpret_cast<const char*>(data) + 2, size - 2);
  const voxdesk::Status st = voxdesk::providers::TwilioErrorStatus(status, body);
  if (st.ok()) abort();
  const bool server_side = status == 429 || status >= 500;
  if (server_side != (st.code() == voxdesk::Code::kUnavailable)) abort();
  if (st.message().size() > body.size() + 128) abort();
  return 0;
}
