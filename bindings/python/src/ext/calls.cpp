// Conversations (text turns), speech engines and live calls (audio frames).
#include <array>
#include <cstring>
#include <deque>

#include "handles.h"

namespace vxpy {
namespace {

struct ConvCore {
  voxdesk_conversation* c = nullptr;
  std::shared_ptr<BizCore> biz;  // the business must outlive its conversations
  ~ConvCore() { voxdesk_conversation_close(c); }
};

struct Conversation {
  explicit Conversation(std::shared_ptr<ConvCore> core) : h(std::move(core)) {}
  Handle<ConvCore> h;
};

struct CallCore {
  voxdesk_call* c = nullptr;
  std::shared_ptr<BizCore> biz;  // both must outlive the call
  std::shared_ptr<EnginesCore> engines;
  size_t samples = 0;
  ~CallCore() { voxdesk_call_close(c); }
};

struct Call {
  Call(std::shared_ptr<CallCore> core, int rate, size_t samples)
      : h(std::move(core)), sample_rate(rate), frame_samples(samples) {}
  Handle<CallCore> h;
  const int sample_rate;
  const size_t frame_samples;
};

std::unique_ptr<Conversation> OpenConversation(Business& biz, py::handle call_id,
                                               py::handle caller_id) {
  auto b = biz.h.Get("business");
  const auto id = OptStrArg(call_id, "call_id"), caller = OptStrArg(caller_id, "caller_id");
  auto core = std::make_shared<ConvCore>();
  core->biz = b;
  Check([&] { return voxdesk_conversation_open(b->b, CStr(id), CStr(caller), &core->c); });
  return std::make_unique<Conversation>(std::move(core));
}

py::str Reply(voxdesk_conversation* c, const std::optional<std::string>& utterance) {
  char* json = nullptr;
  Check([&] {
    return utterance ? voxdesk_conversation_turn(c, utterance->c_str(), &json)
                     : voxdesk_conversation_start(c, &json);
  });
  return TakeString(json);
}

std::unique_ptr<Engines> OpenEngines(py::handle voice_en, py::handle voice_es, int rate_wpm,
                                     int preload_decoders) {
  const auto en = OptStrArg(voice_en, "voice_en"), es = OptStrArg(voice_es, "voice_es");
  voxdesk_engines_params p = voxdesk_engines_default_params();
  p.voice_en = CStr(en);
  p.voice_es = CStr(es);
  p.rate_wpm = rate_wpm;
  p.preload_decoders = preload_decoders;
  auto core = std::make_shared<EnginesCore>();
  Check([&] { return voxdesk_engines_open_embedded(&p, &core->e); });
  return std::make_unique<Engines>(std::move(core));
}

std::unique_ptr<Call> OpenCall(Business& biz, Engines& engines, py::handle call_id,
                               py::handle caller_id, int sample_rate, int end_of_turn_ms,
                               int barge_in_ms, int no_input_ms, bool record,
                               py::handle recording_notice, py::handle outbox_dir) {
  auto b = biz.h.Get("business");
  auto e = engines.h.Get("engines");
  const auto id = OptStrArg(call_id, "call_id"), caller = OptStrArg(caller_id, "caller_id");
  const auto notice = OptStrArg(recording_notice, "recording_notice");
  const auto outbox = OptStrArg(outbox_dir, "outbox_dir");
  voxdesk_call_params p = voxdesk_call_default_params();
  p.sample_rate = sample_rate;
  p.end_of_turn_ms = end_of_turn_ms;
  p.barge_in_ms = barge_in_ms;
  p.no_input_ms = no_input_ms;
  p.record = record ? 1 : 0;
  p.recording_notice = CStr(notice);
  p.outbox_dir = CStr(outbox);
  auto core = std::make_shared<CallCore>();
  core->biz = b;
  core->engines = e;
  Check([&] { return voxdesk_call_open(b->b, e->e, CStr(id), CStr(caller), &p, &core->c); });
  core->samples = voxdesk_call_frame_samples(core->c);
  const int rate = sample_rate ? sample_rate : 8000;
  const size_t n = core->samples;
  return std::make_unique<Call>(std::move(core), rate, n);
}

// Events are polled after each C call rather than taken on the C callback:
// the callback runs under the business's lock, where Python code could
// neither take the GIL safely nor call back into the business.
py::list DrainEvents(voxdesk_call* c) {
  std::vector<char*> got;
  {
    py::gil_scoped_release nogil;
    for (char* e = nullptr; voxdesk_call_next_event(c, &e) == VOXDESK_OK && e; e = nullptr)
      got.push_back(e);
  }
  py::list out;
  for (char* e : got) out.append(TakeString(e));
  return out;
}

constexpr size_t kMaxFrame = 320;  // 20 ms at 16 kHz

// Copies one frame of int16 samples out of any C-contiguous buffer: bytes,
// bytearray, memoryview, array('h') or a numpy int16 array.
size_t ReadFrame(py::handle frame, std::array<int16_t, kMaxFrame>& dst) {
  Py_buffer view;
  if (PyObject_GetBuffer(frame.ptr(), &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) != 0) {
    PyErr_Clear();
    throw py::type_error(std::string("frame must be bytes, bytearray, memoryview, array('h') or ") +
                         "another buffer of int16 samples, or None; not " +
                         Py_TYPE(frame.ptr())->tp_name);
  }
  std::unique_ptr<Py_buffer, void (*)(Py_buffer*)> release(&view, PyBuffer_Release);
  const std::string fmt = view.format ? view.format : "B";
  const bool bytes = view.itemsize == 1 && (fmt == "B" || fmt == "b" || fmt == "c");
  const bool int16 =
      view.itemsize == 2 && (fmt == "h" || fmt == "<h" || fmt == "=h" || fmt == "@h");
  if (!bytes && !int16)
    throw py::type_error("frame must hold int16 samples (bytes or format 'h'), not format '" + fmt +
                         "'");
  if (view.len % 2 != 0 || static_cast<size_t>(view.len) / 2 > kMaxFrame)
    ThrowStatus(VOXDESK_E_INVALID, "frame has " + std::to_string(view.len) +
                                       " bytes; a 20 ms frame is 160 or 320 int16 samples");
  std::memcpy(dst.data(), view.buf, static_cast<size_t>(view.len));
  return static_cast<size_t>(view.len) / 2;
}

py::tuple Process(Call& call, py::handle frame) {
  auto core = call.h.Get("session");
  std::array<int16_t, kMaxFrame> in;
  size_t count = core->samples;
  const bool have = !frame.is_none();
  if (have) count = ReadFrame(frame, in);
  if (count != core->samples)
    ThrowStatus(VOXDESK_E_INVALID, "frame has " + std::to_string(count) +
                                       " samples; this call takes " +
                                       std::to_string(core->samples) + " (20 ms at " +
                                       std::to_string(call.sample_rate) + " Hz)");
  PyObject* raw = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(count * 2));
  if (!raw) throw py::error_already_set();
  auto out = py::reinterpret_steal<py::bytes>(raw);
  auto* dst = reinterpret_cast<int16_t*>(PyBytes_AS_STRING(raw));
  int live = 0;
  Check(
      [&] { return voxdesk_call_process(core->c, have ? in.data() : nullptr, dst, count, &live); });
  return py::make_tuple(out, live != 0, DrainEvents(core->c));
}

void Dtmf(Call& call, py::handle digit) {
  auto core = call.h.Get("session");
  const std::string d = StrArg(digit, "digit");
  if (d.size() != 1)
    ThrowStatus(VOXDESK_E_INVALID, "digit must be one key: 0-9, *, #, A-D (got '" + d + "')");
  Check([&] { return voxdesk_call_dtmf(core->c, d[0]); });
}

}  // namespace

void BindCalls(py::module_& m) {
  py::class_<Conversation>(m, "Conversation")
      .def_static("open", &OpenConversation)
      .def("start", [](Conversation& c) { return Reply(c.h.Get("conversation")->c, std::nullopt); })
      .def("turn",
           [](Conversation& c, py::handle text) {
             auto core = c.h.Get("conversation");
             return Reply(core->c, text.is_none() ? std::string() : StrArg(text, "text"));
           })
      .def("finish",
           [](Conversation& c) {
             auto core = c.h.Get("conversation");
             Check([&] { return voxdesk_conversation_finish(core->c); });
           })
      .def("record",
           [](Conversation& c) {
             auto core = c.h.Get("conversation");
             char* json = nullptr;
             Check([&] {
               json = voxdesk_conversation_record_json(core->c);
               return json ? VOXDESK_OK : VOXDESK_E_INTERNAL;
             });
             return TakeString(json);
           })
      .def_property_readonly("closed", [](const Conversation& c) { return c.h.closed(); })
      .def("close", [](Conversation& c) { c.h.Close(); });

  py::class_<Engines>(m, "Engines")
      .def_static("open_embedded", &OpenEngines)
      .def_property_readonly("closed", [](const Engines& e) { return e.h.closed(); })
      .def("close", [](Engines& e) { e.h.Close(); });

  py::class_<Call>(m, "Call")
      .def_static("open", &OpenCall)
      .def_readonly("sample_rate", &Call::sample_rate)
      .def_readonly("frame_samples", &Call::frame_samples)
      .def("process", &Process)
      .def("dtmf", &Dtmf)
      .def("hangup",
           [](Call& c) {
             auto core = c.h.Get("session");
             Check([&] { return voxdesk_call_hangup(core->c); });
           })
      .def("take_events", [](Call& c) { return DrainEvents(c.h.Get("session")->c); })
      .def("record",
           [](Call& c) {
             auto core = c.h.Get("session");
             char* json = nullptr;
             Check([&] {
               json = voxdesk_call_record_json(core->c);
               return json ? VOXDESK_OK : VOXDESK_E_INTERNAL;
             });
             return TakeString(json);
           })
      .def("write_wav",
           [](Call& c, py::handle path) {
             auto core = c.h.Get("session");
             const std::string p = StrArg(path, "path");
             Check([&] { return voxdesk_call_write_wav(core->c, p.c_str()); });
           })
      .def_property_readonly("closed", [](const Call& c) { return c.h.closed(); })
      .def("close", [](Call& c) { c.h.Close(); });
}

}  // namespace vxpy
