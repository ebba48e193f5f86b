// The providers file of cloud mode, and the chains it builds: each cloud
// engine in order, then the embedded one, so a call outlives its services.
#include <doctest/doctest.h>

#include <cstdlib>

#include "fakes/fake_elevenlabs_server.h"
#include "fakes/fake_llm_servers.h"
#include "fakes/fake_speech.h"
#include "providers/cloud_stack.h"

using voxdesk::Code;
using voxdesk::providers::CloudSpec;
using voxdesk::providers::CloudStack;
using voxdesk::providers::ParseCloudSpec;

namespace {

std::string ErrorOf(const char* json) {
  auto r = ParseCloudSpec(json);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kConfig);
  return r.status().message();
}

}  // namespace

TEST_CASE("cloud stack: a providers file is read in failover order") {
  auto spec = ParseCloudSpec(R"({
    "stt": [{"type": "deepgram", "model": "nova-3", "base_url": "ws://127.0.0.1:9"}],
    "tts": [{"type": "elevenlabs", "voice_id": "v1", "api_key_env": "XI_KEY"}],
    "llm": [{"type": "openai", "model": "gpt-4o-mini"}, {"type": "anthropic"}]})");
  REQUIRE(spec.ok());
  REQUIRE(spec->stt.size() == 1);
  CHECK(spec->stt[0].model == "nova-3");
  CHECK(spec->stt[0].base_url == "ws://127.0.0.1:9");
  CHECK(spec->tts[0].api_key_env == "XI_KEY");
  REQUIRE(spec->llm.size() == 2);
  CHECK(spec->llm[1].type == "anthropic");
  CHECK(ParseCloudSpec("{}")->stt.empty());
}

TEST_CASE("cloud stack: a bad providers file names the setting at fault") {
  CHECK(ErrorOf("[") == "providers: not valid JSON");
  CHECK(ErrorOf("[]") == "providers: must be an object");
  CHECK(ErrorOf(R"({"asr": []})") ==
        "providers.asr: unknown capability (stt, tts, llm or realtime)");
  CHECK(ErrorOf(R"({"stt": {}})") == "providers.stt: must be an array of engines");
  CHECK(ErrorOf(R"({"stt": [{"type": "whisper"}]})") ==
        "providers.stt[0].type: \"whisper\" is not one of deepgram");
  CHECK(ErrorOf(R"({"llm": [{"type": "openai"}, {"type": "anthropic", "modle": "x"}]})") ==
        "providers.llm[1].modle: unknown setting");
  CHECK(ErrorOf(R"({"tts": [{"type": "elevenlabs"}]})") ==
        "providers.tts[0].voice_id: required for elevenlabs");
  CHECK(ErrorOf(R"({"stt": [{"type": "deepgram", "model": 3}]})") ==
        "providers.stt[0].model: must be a string");
  CHECK(ErrorOf(R"({"stt": [{"type": "deepgram", "base_url": "localhost"}]})") ==
        "providers.stt[0].base_url: \"localhost\" is not a URL");
  // A key in the file would end up in logs and repositories.
  CHECK(ErrorOf(R"({"llm": [{"type": "openai", "api_key": "sk-live"}]})")
            .find("providers.llm[0].api_key: keys are not read from this file") == 0);
}

TEST_CASE("cloud stack: language settings go to the engines that have them") {
  auto spec = ParseCloudSpec(R"({
    "stt": [{"type": "deepgram", "language": "multi"}, {"type": "deepgram", "detect_language": true}],
    "tts": [{"type": "elevenlabs", "voice_id": "v1",
             "voice_by_language": {"es": "v-es", "pt-BR": "v-br"}}]})");
  REQUIRE_MESSAGE(spec.ok(), spec.status().message());
  CHECK(spec->stt[0].language == "multi");
  CHECK_FALSE(spec->stt[0].detect_language);
  CHECK(spec->stt[1].detect_language);
  CHECK(spec->tts[0].voice_by_language.at("pt-BR") == "v-br");
  CHECK(ErrorOf(R"({"tts": [{"type": "elevenlabs", "voice_id": "v", "language": "es"}]})") ==
        "providers.tts[0].language: a deepgram setting, not one of elevenlabs");
  CHECK(ErrorOf(R"({"stt": [{"type": "deepgram", "voice_by_language": {"es": "v"}}]})") ==
        "providers.stt[0].voice_by_language: an elevenlabs setting, not one of deepgram");
  CHECK(ErrorOf(R"({"stt": [{"type": "deepgram", "detect_language": "yes"}]})") ==
        "providers.stt[0].detect_language: must be true or false");
  CHECK(ErrorOf(R"({"tts": [{"type": "elevenlabs", "voice_id": "v",
                             "voice_by_language": {"fr": 7}}]})") ==
        "providers.tts[0].voice_by_language.fr: must be a voice id");
  CHECK(ErrorOf(R"({"stt": [{"type": "deepgram", "language": "en", "detect_language": true}]})")
            .find("providers.stt[0].detect_language: Deepgram detects only when no language") == 0);
}

TEST_CASE("cloud stack: one realtime model, with its voice, builds an OpenAI Realtime adapter") {
  auto spec = ParseCloudSpec(R"({
    "realtime": [{"type": "openai", "model": "gpt-realtime-mini", "voice": "marin",
                  "api_key_env": "VOXDESK_RT_KEY", "base_url": "ws://127.0.0.1:9"}]})");
  REQUIRE_MESSAGE(spec.ok(), spec.status().message());
  REQUIRE(spec->realtime.size() == 1);
  CHECK(spec->realtime[0].voice == "marin");
  ::setenv("VOXDESK_RT_KEY", "sk-rt", 1);
  voxdesk::fakes::ScriptedStt stt;
  voxdesk::fakes::FakeTts tts;
  auto stack = CloudStack::Create(*spec, stt, tts);
  ::unsetenv("VOXDESK_RT_KEY");
  REQUIRE_MESSAGE(stack.ok(), stack.status().message());
  REQUIRE((*stack)->realtime() != nullptr);
  CHECK((*stack)->realtime_config().model == "gpt-realtime-mini");
  CHECK((*stack)->realtime_config().voice == "marin");
  CHECK((*stack)->llm() == nullptr);
  CHECK(ErrorOf(R"({"realtime": [{"type": "openai"}, {"type": "openai"}]})") ==
        "providers.realtime: one realtime model at most (its failover is the other chains)");
  CHECK(ErrorOf(R"({"realtime": [{"type": "anthropic"}]})") ==
        "providers.realtime[0].type: \"anthropic\" is not one of openai");
  CHECK(ErrorOf(R"({"tts": [{"type": "elevenlabs", "voice_id": "v", "transport": "grpc"}]})") ==
        "providers.tts[0].transport: \"websocket\" or \"http\", for elevenlabs");
  CHECK(ParseCloudSpec(R"({"tts": [{"type": "elevenlabs", "voice_id": "v", "transport": "http"}]})")
            ->tts[0]
            .transport == "http");
  CHECK(ErrorOf(R"({"tts": [{"type": "elevenlabs", "voice_id": "v", "voice": "marin"}]})") ==
        "providers.tts[0].voice: a realtime setting (elevenlabs takes voice_id)");
}

TEST_CASE("cloud stack: a key missing from the environment is a config error naming it") {
  auto spec = ParseCloudSpec(R"({"llm": [{"type": "openai", "api_key_env": "VOXDESK_NO_KEY"}]})");
  REQUIRE(spec.ok());
  ::unsetenv("VOXDESK_NO_KEY");
  voxdesk::fakes::ScriptedStt stt;
  voxdesk::fakes::FakeTts tts;
  auto stack = CloudStack::Create(*spec, stt, tts);
  REQUIRE_FALSE(stack.ok());
  CHECK(stack.status().code() == Code::kConfig);
  CHECK(stack.status().message() == "providers.llm[0]: the API key is missing: set VOXDESK_NO_KEY");
}

TEST_CASE("cloud stack: the chains reach the services, and the embedded engines close them") {
  voxdesk::fakes::FakeOpenAiServer openai("sk-stack");
  REQUIRE(openai.Start());
  openai.SetAnswer({"Hello from the model.", {}});
  voxdesk::fakes::FakeElevenLabsServer eleven("xi-stack");
  REQUIRE(eleven.Start());
  ::setenv("VOXDESK_TEST_OPENAI", "sk-stack", 1);
  ::setenv("VOXDESK_TEST_XI", "xi-stack", 1);
  ::setenv("VOXDESK_TEST_DG", "dg-stack", 1);
  const std::string doc = R"({"stt": [{"type": "deepgram", "base_url": "ws://127.0.0.1:9",
                                       "api_key_env": "VOXDESK_TEST_DG"}],
                              "tts": [{"type": "elevenlabs", "voice_id": "v1",
                                       "api_key_env": "VOXDESK_TEST_XI", "base_url": ")" +
                          eleven.url() + R"("}],
                              "llm": [{"type": "openai", "api_key_env": "VOXDESK_TEST_OPENAI",
                                       "base_url": ")" +
                          openai.base_url() + R"("}]})";
  auto spec = ParseCloudSpec(doc);
  REQUIRE_MESSAGE(spec.ok(), spec.status().message());
  voxdesk::fakes::ScriptedStt stt;
  voxdesk::fakes::FakeTts tts;
  auto stack = CloudStack::Create(*spec, stt, tts);
  REQUIRE_MESSAGE(stack.ok(), stack.status().message());
  CHECK((*stack)->stt_chain() == "deepgram > embedded");
  CHECK((*stack)->tts_chain() == "elevenlabs > embedded");
  CHECK((*stack)->llm_chain() == "openai > embedded");

  REQUIRE((*stack)->llm());
  voxdesk::dialog::LlmRequest request;
  request.messages.push_back({voxdesk::dialog::LlmMessage::Role::kUser, "Hi", {}, {}});
  std::string text;
  auto st = (*stack)->llm()->Stream(request, [&](const voxdesk::dialog::LlmEvent& e) {
    if (e.kind == voxdesk::dialog::LlmEvent::Kind::kText) text += e.text;
  });
  CHECK(st.ok());
  CHECK(text == "Hello from the model.");
  CHECK(openai.requests() == 1);
}
