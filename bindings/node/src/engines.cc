#include "engines.h"

#include <vector>

#include "job.h"

namespace vxn {

Napi::Function Engines::Init(Napi::Env env) {
  Napi::Function f =
      DefineClass(env, "NativeEngines",
                  {StaticMethod<&Engines::Open>("open"), InstanceMethod<&Engines::Closed>("closed"),
                   InstanceMethod<&Engines::Close>("close")});
  Data(env).engines_ctor = Napi::Persistent(f);
  return f;
}

// open({voiceEn, voiceEs, rateWpm, preloadDecoders}) -> Promise<NativeEngines>.
// Loading takes about a second, so it never runs on the JS thread.
Napi::Value Engines::Open(const Napi::CallbackInfo& info) {
  struct Args {
    std::optional<std::string> voice_en, voice_es;
    int32_t rate = 0, preload = 0;
    voxdesk_engines* out = nullptr;
  };
  auto a = std::make_shared<Args>();
  Napi::Object o = Options(info[0], "options");
  a->voice_en = OptString(o.Get("voiceEn"), "options.voiceEn");
  a->voice_es = OptString(o.Get("voiceEs"), "options.voiceEs");
  if (auto r = OptInt(o.Get("rateWpm"), "options.rateWpm", 80, 450)) a->rate = int32_t(*r);
  if (auto p = OptInt(o.Get("preloadDecoders"), "options.preloadDecoders", 1, 64)) {
    a->preload = int32_t(*p);
  }
  return Job::Start(
      Napi::Object::New(info.Env()),
      [a] {
        voxdesk_engines_params p = voxdesk_engines_default_params();
        p.voice_en = CStr(a->voice_en);
        p.voice_es = CStr(a->voice_es);
        p.rate_wpm = a->rate;
        p.preload_decoders = a->preload;
        return voxdesk_engines_open_embedded(&p, &a->out);
      },
      [a](Napi::Env env) -> Napi::Value {
        voxdesk_engines* e = a->out;
        a->out = nullptr;
        try {
          return Data(env).engines_ctor.New({Napi::External<voxdesk_engines>::New(env, e)});
        } catch (...) {
          voxdesk_engines_close(e);
          throw;
        }
      },
      [] {});
}

Engines::Engines(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Engines>(info) {
  if (info.Length() != 1 || !info[0].IsExternal()) {
    throw Napi::TypeError::New(info.Env(), "use Engines.embedded()");
  }
  e_ = info[0].As<Napi::External<voxdesk_engines>>().Data();
}

Engines::~Engines() {
  std::vector<Child*> calls(calls_.begin(), calls_.end());
  for (Child* c : calls) c->CloseHandle();
  voxdesk_engines_close(e_);
}

voxdesk_engines* Engines::Handle(Napi::Env env) {
  if (closing_ || e_ == nullptr) throw ClosedError(env, "engines");
  return e_;
}

void Engines::Disown(Child* c) {
  calls_.erase(c);
  if (closing_ && calls_.empty() && e_ != nullptr) {
    voxdesk_engines_close(e_);
    e_ = nullptr;
  }
}

Napi::Value Engines::Closed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), closing_ || e_ == nullptr);
}

Napi::Value Engines::Close(const Napi::CallbackInfo& info) {
  closing_ = true;
  if (calls_.empty() && e_ != nullptr) {
    voxdesk_engines_close(e_);
    e_ = nullptr;
  }
  return info.Env().Undefined();
}

}  // namespace vxn
