// The fast path allocates nothing once a reused message holds its strings'
// capacity. Global operator new is replaced in this test binary to count
// allocations on this thread; it forwards to malloc, so behaviour elsewhere
// is unchanged.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "media/base64.h"
#include "media/twilio_media.h"

namespace {
thread_local size_t g_allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
  ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

using namespace voxdesk::media;

TEST_CASE("twilio fast path: steady-state media parsing allocates nothing") {
  std::vector<std::string> msgs;
  for (int i = 0; i < 50; ++i) {
    std::vector<uint8_t> b(160, static_cast<uint8_t>(i));
    msgs.push_back(
        R"({"event":"media","sequenceNumber":")" + std::to_string(i + 2) +
        R"(","streamSid":"MZ00000000000000000000000000000000","media":{"track":"inbound","chunk":")" +
        std::to_string(i + 1) + R"(","timestamp":")" + std::to_string(i * 20) + R"(","payload":")" +
        Base64Encode(b) + R"("}})");
  }
  TwilioInbound m;
  REQUIRE(ParseTwilioMessage(msgs[0], m).ok());  // first use sizes the strings
  // Only the parse calls are counted: doctest's own bookkeeping allocates too.
  size_t allocations = 0;
  bool all_ok = true;
  for (const auto& text : msgs) {
    const size_t before = g_allocations;
    all_ok = ParseTwilioMessage(text, m).ok() && all_ok;
    allocations += g_allocations - before;
  }
  REQUIRE(all_ok);
  CHECK_MESSAGE(allocations == 0, allocations << " allocations in 50 media messages");
  // The general parser, by contrast, allocates (so the counter does count).
  const size_t general_before = g_allocations;
  REQUIRE(ParseTwilioMessageGeneral(msgs[1], m).ok());
  CHECK(g_allocations > general_before);
}
