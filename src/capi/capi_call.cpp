// voxdesk_engines_* and voxdesk_call_*: live calls in audio through the C
// ABI. A call is a session::Session driven by the host's frames; its events
// reach the host through a poll queue or a callback.
#include <nlohmann/json.hpp>

#include "capi_internal.h"
#include "dialog/simulate.h"
#include "media/dtmf.h"
#include "providers/espeak_tts.h"
#include "providers/outbox_notifier.h"
#include "providers/pocketsphinx_stt.h"
#include "session/session.h"

using namespace voxdesk;
using namespace voxdesk::capi;

struct voxdesk_engines {
  std::unique_ptr<providers::EspeakTts> tts;
  std::shared_ptr<providers::PocketsphinxStt> stt;
};

namespace {

// Set while a host's event callback runs on this thread: the business lock
// is held, so a call back into it would deadlock.
thread_local bool t_in_callback = false;

struct InCallback {
  InCallback() { t_in_callback = true; }
  ~InCallback() { t_in_callback = false; }
  static bool active() { return t_in_callback; }
};

voxdesk_status Reentrant(const char* fn) {
  SetLastError(std::string(fn) + ": called from inside an event callback");
  return VOXDESK_E_REENTRANT;
}

std::string EventJson(const session::Event& e) {
  nlohmann::json j = {{"type", std::string(session::EventTypeName(e.type))},
                      {"call_id", e.call_id},
                      {"t_ms", e.t_ms},
                      {"text", e.text}};
  if (!e.json.empty()) {
    auto data = nlohmann::json::parse(e.json, nullptr, false);
    if (!data.is_discarded()) j["data"] = std::move(data);
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Forwards session events to the host: into a bounded queue, or to the
// host's callback (marking the thread as inside a callback meanwhile).
class HostEvents final : public session::EventSink {
 public:
  void OnEvent(const session::Event& e) override {
    if (fn_) {
      const std::string json = EventJson(e);
      InCallback guard;
      fn_(user_, json.c_str());
      return;
    }
    queue_.OnEvent(e);
  }
  void SetCallback(voxdesk_event_fn fn, void* user) {
    fn_ = fn;
    user_ = user;
  }
  bool Poll(session::Event& e) { return queue_.Poll(e); }

 private:
  session::EventQueue queue_{4096};
  voxdesk_event_fn fn_ = nullptr;
  void* user_ = nullptr;
};

}  // namespace

struct voxdesk_call {
  voxdesk_business* business = nullptr;
  HostEvents events;
  std::unique_ptr<providers::OutboxNotifier> outbox;  // declared before the session: outlives it
  std::unique_ptr<session::Session> session;
  size_t frame_samples = 0;
  int rate = 8000;
  bool over = false;
  media::AudioFrame in, out;
};

extern "C" {

VOXDESK_API void voxdesk_engines_params_init(voxdesk_engines_params* p, size_t struct_size) {
  InitParams(p, struct_size);
}

VOXDESK_API voxdesk_status voxdesk_engines_open_embedded(const voxdesk_engines_params* params,
                                                         voxdesk_engines** out){VOXDESK_CAPI_GUARD({
  if (!out) return Report(InvalidArgument("out: must not be NULL"));
  *out = nullptr;
  voxdesk_engines_params p{};
  if (params && !ReadParams(params, &p))
    return Report(
        InvalidArgument("params: struct_size not set (use voxdesk_engines_default_params())"));
  providers::EspeakOptions eo;
  if (p.voice_en) eo.voice_en = p.voice_en;
  if (p.voice_es) eo.voice_es = p.voice_es;
  if (p.rate_wpm) eo.rate_wpm = p.rate_wpm;
  auto tts = providers::EspeakTts::Create(eo);
  if (!tts) return Report(tts.status());
  providers::PocketsphinxOptions po;
  if (p.preload_decoders < 0)
    return Report(InvalidArgument("params.preload_decoders: must be >= 0"));
  if (p.preload_decoders) po.preload_decoders = p.preload_decoders;
  auto stt = providers::PocketsphinxStt::Create(po);
  if (!stt) return Report(stt.status());
  auto e = std::make_unique<voxdesk_engines>();
  e->tts = std::move(*tts);
  e->stt = std::move(*stt);
  *out = e.release();
  return VOXDESK_OK;
})}

VOXDESK_API void voxdesk_engines_close(voxdesk_engines* e) {
  delete e;
}

VOXDESK_API void voxdesk_call_params_init(voxdesk_call_params* p, size_t struct_size) {
  InitParams(p, struct_size);
}

VOXDESK_API voxdesk_status voxdesk_call_open(voxdesk_business* b, voxdesk_engines* engines,
                                             const char* call_id, const char* caller_id,
                                             const voxdesk_call_params* params,
                                             voxdesk_call** out){VOXDESK_CAPI_GUARD({
  if (!out) return Report(InvalidArgument("out: must not be NULL"));
  *out = nullptr;
  if (!b || !engines) return Report(InvalidArgument("business and engines must not be NULL"));
  if (InCallback::active()) return Reentrant("voxdesk_call_open");
  voxdesk_call_params p{};
  if (params && !ReadParams(params, &p))
    return Report(
        InvalidArgument("params: struct_size not set (use voxdesk_call_default_params())"));
  std::lock_guard lock(b->mu);
  auto from = CallerId(caller_id);
  if (!from) return Report(from.status());
  if (Status st = EnsureReceptionist(b); !st.ok()) return Report(st);

  session::SessionConfig sc;
  if (p.sample_rate) sc.sample_rate = p.sample_rate;
  if (p.end_of_turn_ms) sc.end_of_turn_ms = p.end_of_turn_ms;
  if (p.barge_in_ms) sc.barge_in_ms = p.barge_in_ms;
  if (p.no_input_ms) sc.no_input_ms = p.no_input_ms;
  sc.record = p.record != 0;
  if (p.recording_notice) sc.recording_notice = p.recording_notice;
  if (Status st = session::ValidateSessionConfig(sc); !st.ok())
    return Report(InvalidArgument("params." + st.message()));

  auto c = std::make_unique<voxdesk_call>();
  c->business = b;
  session::SessionDeps deps;
  deps.receptionist = b->receptionist.get();
  deps.scheduler = b->scheduler.get();
  deps.clock = b->clock.get();
  deps.stt = engines->stt.get();
  deps.tts = engines->tts.get();
  deps.events = &c->events;
  if (p.outbox_dir) {
    auto outbox = providers::OutboxNotifier::Create(p.outbox_dir, *b->clock);
    if (!outbox) return Report(InvalidArgument("params.outbox_dir: " + outbox.status().message()));
    c->outbox = std::move(*outbox);
    deps.notifier = c->outbox.get();
  }
  auto s = session::Session::Create(deps, sc, CallId(b, call_id), *from);
  if (!s) return Report(s.status());
  if (Status st = (*s)->Start(); !st.ok()) return Report(st);
  c->session = std::move(*s);
  c->rate = sc.sample_rate;
  c->frame_samples = media::SamplesPer(sc.sample_rate);
  ++b->open_conversations;
  *out = c.release();
  return VOXDESK_OK;
})}

VOXDESK_API size_t voxdesk_call_frame_samples(const voxdesk_call* c) {
  return c ? c->frame_samples : 0;
}

VOXDESK_API voxdesk_status voxdesk_call_process(voxdesk_call* c, const int16_t* in, int16_t* out,
                                                size_t samples, int* live){VOXDESK_CAPI_GUARD({
  if (live) *live = 0;
  if (!c || !out || !live) return Report(InvalidArgument("call, out and live must not be NULL"));
  if (samples != c->frame_samples)
    return Report(InvalidArgument("samples: a frame is " + std::to_string(c->frame_samples) +
                                  " samples at " + std::to_string(c->rate) + " Hz (got " +
                                  std::to_string(samples) + ")"));
  if (InCallback::active()) return Reentrant("voxdesk_call_process");
  std::lock_guard lock(c->business->mu);
  const media::AudioFrame* frame = nullptr;
  if (in) {
    c->in.sample_rate = c->rate;
    c->in.count = samples;
    c->in.pts_us = c->session->now_ms() * 1000;
    std::memcpy(c->in.samples.data(), in, samples * sizeof(int16_t));
    frame = &c->in;
  }
  const bool on = !c->over && c->session->Tick(frame, c->out);
  if (!on) {
    c->over = true;
    std::memset(out, 0, samples * sizeof(int16_t));
  } else {
    std::memcpy(out, c->out.samples.data(), samples * sizeof(int16_t));
  }
  if (auto* vc = dynamic_cast<VirtualClock*>(c->business->clock.get()))
    vc->Advance(std::chrono::milliseconds(media::kFrameMs));
  *live = on ? 1 : 0;
  return VOXDESK_OK;
})}

VOXDESK_API voxdesk_status voxdesk_call_dtmf(voxdesk_call* c, char digit){VOXDESK_CAPI_GUARD({
  if (!c) return Report(InvalidArgument("call: must not be NULL"));
  if (!media::IsDtmfDigit(digit))
    return Report(InvalidArgument(std::string("digit: '") +
                                  (digit >= 32 && digit < 127 ? std::string(1, digit) : "?") +
                                  "' is not a key (0-9 * # A-D)"));
  if (InCallback::active()) return Reentrant("voxdesk_call_dtmf");
  std::lock_guard lock(c->business->mu);
  c->session->OnDtmf(digit);
  return VOXDESK_OK;
})}

VOXDESK_API voxdesk_status voxdesk_call_hangup(voxdesk_call* c){VOXDESK_CAPI_GUARD({
  if (!c) return Report(InvalidArgument("call: must not be NULL"));
  if (InCallback::active()) return Reentrant("voxdesk_call_hangup");
  std::lock_guard lock(c->business->mu);
  c->session->OnHangup();
  return VOXDESK_OK;
})}

VOXDESK_API voxdesk_status
    voxdesk_call_next_event(voxdesk_call* c, char** event_json){VOXDESK_CAPI_GUARD({
      if (!event_json) return Report(InvalidArgument("event_json: must not be NULL"));
      *event_json = nullptr;
      if (!c) return Report(InvalidArgument("call: must not be NULL"));
      session::Event e;
      if (!c->events.Poll(e)) return VOXDESK_OK;
      *event_json = DupString(EventJson(e));
      if (!*event_json) return Report(Status(Code::kNoMemory, "out of memory"));
      return VOXDESK_OK;
    })}

VOXDESK_API voxdesk_status voxdesk_call_set_event_callback(voxdesk_call* c, voxdesk_event_fn fn,
                                                           void* user){VOXDESK_CAPI_GUARD({
  if (!c) return Report(InvalidArgument("call: must not be NULL"));
  if (InCallback::active()) return Reentrant("voxdesk_call_set_event_callback");
  std::lock_guard lock(c->business->mu);
  c->events.SetCallback(fn, user);
  return VOXDESK_OK;
})}

VOXDESK_API char* voxdesk_call_record_json(voxdesk_call* c) {
  try {
    ClearLastError();
    if (!c) {
      Report(InvalidArgument("call: must not be NULL"));
      return nullptr;
    }
    std::lock_guard lock(c->business->mu);
    auto j = nlohmann::json::parse(dialog::CallRecordJson(
        c->business->config.business, c->session->call_id(), c->session->record()));
    nlohmann::json turns = nlohmann::json::array();
    for (const auto& t : c->session->turns()) turns.push_back(nlohmann::json::parse(t.Json()));
    j["turns"] = std::move(turns);
    j["end_reason"] = c->session->end_reason();
    return DupString(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (...) {
    SetLastError("out of memory");
    return nullptr;
  }
}

VOXDESK_API voxdesk_status voxdesk_call_write_wav(voxdesk_call* c,
                                                  const char* path){VOXDESK_CAPI_GUARD({
  if (!c || !path) return Report(InvalidArgument("call and path must not be NULL"));
  std::lock_guard lock(c->business->mu);
  if (!c->session->recorder())
    return Report(Status(Code::kConflict, "the call was not recorded (set params.record)"));
  return Report(c->session->recorder()->WriteStacked(path));
})}

VOXDESK_API void voxdesk_call_close(voxdesk_call* c) {
  if (!c) return;
  try {
    std::lock_guard lock(c->business->mu);
    c->session.reset();  // finishes the conversation: holds are released
    --c->business->open_conversations;
  } catch (...) {
  }
  delete c;
}

}  // extern "C"
