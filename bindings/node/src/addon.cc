// Module entry: registers the native classes and the helpers index.js uses.
// The module is context-aware (state lives in per-environment instance
// data), so it loads in any number of worker_threads.
#include "bench.h"
#include "business.h"
#include "call.h"
#include "common.h"
#include "conversation.h"
#include "engines.h"

namespace vxn {

namespace {

// setErrorFactory((code|null, status, message) => Error)
Napi::Value SetErrorFactory(const Napi::CallbackInfo& info) {
  if (!info[0].IsFunction()) throw Napi::TypeError::New(info.Env(), "factory must be a function");
  Data(info.Env()).make_error = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

Napi::Value StatusText(const Napi::CallbackInfo& info) {
  auto s = OptInt(info[0], "status", INT32_MIN, INT32_MAX).value_or(0);
  return Napi::String::New(info.Env(), voxdesk_status_str(static_cast<voxdesk_status>(s)));
}

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData(new InstanceData());
  // A library of another major version has another ABI: refuse to load.
  if (voxdesk_version() / 10000 != VOXDESK_VERSION_MAJOR) {
    throw Napi::Error::New(env, std::string("libvoxdesk ") + voxdesk_version_string() +
                                    " does not match the headers this addon was built with (" +
                                    std::to_string(VOXDESK_VERSION_MAJOR) + ".x)");
  }
  exports.Set("NativeBusiness", Business::Init(env));
  exports.Set("NativeConversation", Conversation::Init(env));
  exports.Set("NativeEngines", Engines::Init(env));
  exports.Set("NativeCall", Call::Init(env));
  exports.Set("setErrorFactory", Napi::Function::New<SetErrorFactory>(env, "setErrorFactory"));
  exports.Set("statusText", Napi::Function::New<StatusText>(env, "statusText"));
  exports.Set("slotTimes", SlotTimesView(env));
  exports.Set("benchSlotsC", Napi::Function::New<BenchSlotsC>(env, "benchSlotsC"));
  exports.Set("version", Napi::String::New(env, voxdesk_version_string()));
  exports.Set("versionNumber", Napi::Number::New(env, voxdesk_version()));
  return exports;
}

}  // namespace vxn

static Napi::Object InitVoxdesk(Napi::Env env, Napi::Object exports) {
  return vxn::Init(env, exports);
}

NODE_API_MODULE(voxdesk, InitVoxdesk)
