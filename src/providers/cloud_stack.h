// Cloud mode: which network engines a process uses for each capability, in
// failover order, read from a JSON "providers" document, and the object that
// owns them. Every chain ends with the embedded engine the caller passes,
// so a call survives all of its cloud providers; the LLM chain, when there
// is one, ends in the embedded dialog through HybridAgent (session.h).
//
//   {"stt": [{"type": "deepgram", "model": "nova-3"}],
//    "tts": [{"type": "elevenlabs", "voice_id": "21m00Tcm4TlvDq8ikWAM"}],
//    "llm": [{"type": "openai", "model": "gpt-4o-mini"},
//            {"type": "anthropic"}]}
//
// Each engine may give "base_url" (a local fake, a proxy), "model" and
// "api_key_env" (the variable holding its key; default DEEPGRAM_API_KEY,
// ELEVENLABS_API_KEY, OPENAI_API_KEY, ANTHROPIC_API_KEY). Keys are never
// read from the document itself, so it can be committed and logged.
//
// Threading: CloudStack owns one event loop thread; the engines it hands
// out follow their own rules (speech.h, llm.h). It must outlive every call
// that uses them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "dialog/llm.h"
#include "providers/realtime.h"
#include "providers/speech.h"

namespace voxdesk::providers {

namespace net {
class EventLoop;
}

struct CloudEngineSpec {
  std::string type;         // deepgram | elevenlabs | openai | anthropic
  std::string base_url;     // empty: the provider's own
  std::string api_key_env;  // empty: the provider's usual variable
  std::string model;        // empty: the adapter's default
  std::string voice_id;     // elevenlabs
  std::string voice;        // realtime: the provider's voice name ("" its default)
  std::string transport;    // elevenlabs: "websocket" (default) or "http" (streamed POST)
  // deepgram: a fixed BCP-47 language, or "multi" (code-switching, each
  // result names its language); empty: the business's.
  std::string language;
  bool detect_language = false;  // deepgram: Deepgram names the language
  // elevenlabs: a voice per BCP-47 tag or primary subtag ("es", "pt-BR").
  std::map<std::string, std::string> voice_by_language;
};

struct CloudSpec {
  std::vector<CloudEngineSpec> stt, tts, llm;
  // At most one speech-to-speech model (OpenAI Realtime). It holds the call
  // while it answers; its failover is the stt/llm/tts chains above.
  std::vector<CloudEngineSpec> realtime;
};

// Errors name the path: "providers.tts[0].voice_id: required for elevenlabs".
Result<CloudSpec> ParseCloudSpec(std::string_view json_text);

class CloudStack {
 public:
  // Builds every engine in `spec`; kConfig when a key is missing from the
  // environment. `embedded_stt` / `embedded_tts` close the chains and must
  // outlive the stack.
  static Result<std::unique_ptr<CloudStack>> Create(const CloudSpec& spec, Stt& embedded_stt,
                                                    Tts& embedded_tts);
  ~CloudStack();

  Stt& stt() { return *stt_; }
  Tts& tts() { return *tts_; }
  dialog::Llm* llm() { return llm_.get(); }  // null: no model, the embedded dialog only
  // Null without a realtime entry; its model and voice for SessionDeps.
  Realtime* realtime() { return realtime_.get(); }
  const RealtimeConfig& realtime_config() const { return realtime_config_; }
  // "deepgram > embedded", for logs and the demo's banner.
  const std::string& stt_chain() const { return stt_chain_; }
  const std::string& tts_chain() const { return tts_chain_; }
  const std::string& llm_chain() const { return llm_chain_; }

 private:
  CloudStack() = default;

  std::unique_ptr<net::EventLoop> loop_;
  std::vector<std::unique_ptr<Stt>> stts_;
  std::vector<std::unique_ptr<Tts>> ttss_;
  std::vector<std::unique_ptr<dialog::Llm>> llms_;
  std::unique_ptr<Stt> stt_;
  std::unique_ptr<Tts> tts_;
  std::unique_ptr<dialog::Llm> llm_;
  std::unique_ptr<Realtime> realtime_;
  RealtimeConfig realtime_config_;
  std::string stt_chain_, tts_chain_, llm_chain_;
};

}  // namespace voxdesk::providers
