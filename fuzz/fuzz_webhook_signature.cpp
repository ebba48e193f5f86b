// The X-Voxdesk-Signature verifier on arbitrary header text: it must never
// crash, and must never accept a header that was not made with the secret
// for this body (a forged header passing would abort).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "providers/webhook_signature.h"

using namespace voxdesk::providers;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\n');
  const std::string_view header = input.substr(0, split);
  const std::string_view body =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
  if (VerifyWebhook("fuzz-secret", header, body, 1772460000).ok()) {
    // Only the genuine signature (possibly among other entries) can pass.
    bool has_time = false;
    for (int64_t t = 1772460000 - 300; t <= 1772460000 + 300 && !has_time; ++t) {
      has_time = header.find(SignWebhook("fuzz-secret", t, body).substr(16)) != std::string::npos;
    }
    if (!has_time) {
      std::fprintf(stderr, "fuzz_webhook_signature: a forged header was accepted\n");
      std::abort();
    }
  }
  // A fresh signature always verifies against itself.
  if (!VerifyWebhook("fuzz-secret", SignWebhook("fuzz-secret", 1772460000, body), body, 1772460000)
           .ok()) {
    std::abort();
  }
  return 0;
}
