// voxdesk_call_*: a live call in audio through the C ABI on the embedded
// engines, driven frame by frame as a host would, in virtual time.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "media/dtmf.h"
#include "voxdesk/voxdesk.h"

namespace {

struct Fixture {
  voxdesk_business* biz = nullptr;
  voxdesk_engines* engines = nullptr;
  Fixture() {
    voxdesk_business_params p = voxdesk_business_default_params();
    const std::string path =
        std::string(VOXDESK_SOURCE_DIR) + "/examples/business/medical-practice.json";
    p.config_path = path.c_str();
    p.now = "2026-10-05T09:00:00-04:00";  // Monday morning: open, a person can take transfers
    REQUIRE(voxdesk_business_open(&p, &biz) == VOXDESK_OK);
    REQUIRE_MESSAGE(voxdesk_engines_open_embedded(nullptr, &engines) == VOXDESK_OK,
                    voxdesk_last_error());
  }
  ~Fixture() {
    voxdesk_engines_close(engines);
    voxdesk_business_close(biz);
  }
};

std::vector<nlohmann::json> Drain(voxdesk_call* c) {
  std::vector<nlohmann::json> out;
  for (;;) {
    char* e = nullptr;
    REQUIRE(voxdesk_call_next_event(c, &e) == VOXDESK_OK);
    if (!e) return out;
    out.push_back(nlohmann::json::parse(e));
    voxdesk_free(e);
  }
}

double Rms(const std::vector<int16_t>& v) {
  double s = 0;
  for (int16_t x : v) s += static_cast<double>(x) * x;
  return v.empty() ? 0 : std::sqrt(s / static_cast<double>(v.size()));
}

}  // namespace

TEST_CASE("a call answers with a spoken greeting, hears a 0 key in the audio and transfers") {
  Fixture f;
  voxdesk_call* call = nullptr;
  voxdesk_call_params cp = voxdesk_call_default_params();
  cp.record = 1;
  REQUIRE(voxdesk_call_open(f.biz, f.engines, "capi-call-1", "+15550003333", &cp, &call) ==
          VOXDESK_OK);
  const size_t n = voxdesk_call_frame_samples(call);
  REQUIRE(n == 160);
  std::vector<int16_t> silence(n, 0), out(n);
  int live = 0;

  // Three seconds of the caller listening: the agent is speaking.
  double loudest = 0;
  for (int i = 0; i < 150; ++i) {
    REQUIRE(voxdesk_call_process(call, silence.data(), out.data(), n, &live) == VOXDESK_OK);
    REQUIRE(live == 1);
    loudest = std::max(loudest, Rms(out));
  }
  CHECK(loudest > 500);  // real speech from espeak-ng, not silence
  auto events = Drain(call);
  REQUIRE(events.size() >= 2);
  CHECK(events[0]["type"] == "call_started");
  CHECK(events[0]["text"] == "+15550003333");
  CHECK(events[1]["type"] == "agent_speech");
  CHECK(events[1]["text"].get<std::string>().rfind("This call is recorded.", 0) == 0);

  // The caller presses 0: DTMF tones inside the audio.
  auto gen = voxdesk::media::DtmfGenerator::Create(8000);
  REQUIRE(gen.ok());
  REQUIRE(gen->Start('0', 120, -10).ok());
  voxdesk::media::AudioFrame f0;
  f0.sample_rate = 8000;
  f0.count = n;
  bool transferred = false;
  for (int i = 0; i < 50 * 60 && live; ++i) {
    gen->Fill(f0);
    REQUIRE(voxdesk_call_process(call, f0.samples.data(), out.data(), n, &live) == VOXDESK_OK);
    for (const auto& e : Drain(call)) {
      if (e["type"] == "dtmf") CHECK(e["text"] == "0");
      if (e["type"] == "transfer") {
        transferred = true;
        CHECK_FALSE(e["text"].get<std::string>().empty());
        CHECK(e["data"]["reason"] == "caller_request");
      }
    }
  }
  CHECK(live == 0);
  CHECK(transferred);
  char* rec = voxdesk_call_record_json(call);
  REQUIRE(rec);
  auto j = nlohmann::json::parse(rec);
  voxdesk_free(rec);
  CHECK(j["outcome"] == "transferred");
  CHECK(j["end_reason"] == "transfer");
  CHECK(j["turns"].size() == 1);

  const std::string wav = std::string(VOXDESK_BINARY_DIR) + "/capi-call-1.wav";
  CHECK(voxdesk_call_write_wav(call, wav.c_str()) == VOXDESK_OK);
  std::remove(wav.c_str());
  // After the end, frames are silence and live stays 0.
  REQUIRE(voxdesk_call_process(call, silence.data(), out.data(), n, &live) == VOXDESK_OK);
  CHECK(live == 0);
  CHECK(Rms(out) == 0);
  voxdesk_call_close(call);
}

namespace {
struct CallbackState {
  voxdesk_call* call = nullptr;
  std::vector<std::string> types;
  voxdesk_status reentry = VOXDESK_OK;
};
void OnEvent(void* user, const char* json) {
  auto* st = static_cast<CallbackState*>(user);
  st->types.push_back(nlohmann::json::parse(json)["type"]);
  int live = 0;
  int16_t buf[160] = {0};
  st->reentry = voxdesk_call_process(st->call, buf, buf, 160, &live);
}
}  // namespace

TEST_CASE(
    "call events on a callback; a call back into the call from it is refused, not a deadlock") {
  Fixture f;
  CallbackState st;
  REQUIRE(voxdesk_call_open(f.biz, f.engines, nullptr, nullptr, nullptr, &st.call) == VOXDESK_OK);
  REQUIRE(voxdesk_call_set_event_callback(st.call, OnEvent, &st) == VOXDESK_OK);
  std::vector<int16_t> in(160, 0), out(160);
  int live = 0;
  REQUIRE(voxdesk_call_hangup(st.call) == VOXDESK_OK);
  REQUIRE(voxdesk_call_process(st.call, in.data(), out.data(), 160, &live) == VOXDESK_OK);
  CHECK(live == 0);
  REQUIRE_FALSE(st.types.empty());
  CHECK(st.types.back() == "hangup");
  CHECK(st.reentry == VOXDESK_E_REENTRANT);
  voxdesk_call_close(st.call);
}

TEST_CASE("call bad input: wrong frame size, bad key, bad caller id, bad params, no recording") {
  Fixture f;
  voxdesk_call* call = nullptr;
  CHECK(voxdesk_call_open(f.biz, f.engines, "x", "555", nullptr, &call) == VOXDESK_E_INVALID);
  CHECK(call == nullptr);
  voxdesk_call_params cp = voxdesk_call_default_params();
  cp.sample_rate = 44100;
  CHECK(voxdesk_call_open(f.biz, f.engines, "x", nullptr, &cp, &call) == VOXDESK_E_INVALID);
  CHECK(std::string(voxdesk_last_error()).find("sample_rate") != std::string::npos);
  cp = voxdesk_call_default_params();
  cp.outbox_dir = "/proc/voxdesk-no-such/outbox";
  CHECK(voxdesk_call_open(f.biz, f.engines, "x", nullptr, &cp, &call) == VOXDESK_E_INVALID);
  CHECK(std::string(voxdesk_last_error()).find("outbox_dir") != std::string::npos);
  REQUIRE(voxdesk_call_open(f.biz, f.engines, "x", nullptr, nullptr, &call) == VOXDESK_OK);
  std::vector<int16_t> in(100, 0), out(160);
  int live = 1;
  CHECK(voxdesk_call_process(call, in.data(), out.data(), 100, &live) == VOXDESK_E_INVALID);
  CHECK(std::string(voxdesk_last_error()).find("160") != std::string::npos);
  CHECK(live == 0);
  CHECK(voxdesk_call_dtmf(call, 'x') == VOXDESK_E_INVALID);
  CHECK(voxdesk_call_dtmf(call, '5') == VOXDESK_OK);
  CHECK(voxdesk_call_write_wav(call, "/tmp/never.wav") == VOXDESK_E_CONFLICT);
  CHECK(voxdesk_call_process(nullptr, in.data(), out.data(), 160, &live) == VOXDESK_E_INVALID);
  voxdesk_call_close(call);
  voxdesk_call_close(nullptr);
}
