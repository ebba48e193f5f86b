#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "providers/elevenlabs_messages.h"

using voxdesk::Code;
using voxdesk::providers::ElevenLabsAlignment;
using voxdesk::providers::ElevenLabsAudioJson;
using voxdesk::providers::ElevenLabsClientMessage;
using voxdesk::providers::ElevenLabsCodec;
using voxdesk::providers::ElevenLabsEndJson;
using voxdesk::providers::ElevenLabsErrorJson;
using voxdesk::providers::ElevenLabsFinalJson;
using voxdesk::providers::ElevenLabsHttpBodyJson;
using voxdesk::providers::ElevenLabsHttpRequest;
using voxdesk::providers::ElevenLabsHttpStreamTarget;
using voxdesk::providers::ElevenLabsInit;
using voxdesk::providers::ElevenLabsInitJson;
using voxdesk::providers::ElevenLabsMessage;
using voxdesk::providers::ElevenLabsMessageJson;
using voxdesk::providers::ElevenLabsOutputFormat;
using voxdesk::providers::ElevenLabsOutputFormatName;
using voxdesk::providers::ElevenLabsStreamInputOptions;
using voxdesk::providers::ElevenLabsStreamInputTarget;
using voxdesk::providers::ElevenLabsTarget;
using voxdesk::providers::ElevenLabsTextJson;
using voxdesk::providers::ElevenLabsTrigger;
using voxdesk::providers::ElevenLabsVoiceSettings;
using voxdesk::providers::ParseElevenLabsClientMessage;
using voxdesk::providers::ParseElevenLabsHttpBody;
using voxdesk::providers::ParseElevenLabsMessage;
using voxdesk::providers::ParseElevenLabsOutputFormat;
using voxdesk::providers::ParseElevenLabsTarget;

namespace {

using Type = ElevenLabsMessage::Type;

ElevenLabsMessage Parse(std::string_view json) {
  auto m = ParseElevenLabsMessage(json);
  REQUIRE_MESSAGE(m.ok(), m.status().message());
  return *m;
}

ElevenLabsClientMessage ParseClient(std::string_view json) {
  auto m = ParseElevenLabsClientMessage(json);
  REQUIRE_MESSAGE(m.ok(), m.status().message());
  return *m;
}

template <typename R>
void ExpectInvalid(const R& r, std::string_view needle) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kInvalidArgument);
  CHECK_MESSAGE(r.status().message().find(needle) != std::string::npos, r.status().message());
}

}  // namespace

TEST_CASE("elevenlabs: output formats parse to codec and rate and back") {
  auto ulaw = ParseElevenLabsOutputFormat("ulaw_8000");
  REQUIRE(ulaw.ok());
  CHECK(ulaw->codec == ElevenLabsCodec::kUlaw);
  CHECK(ulaw->sample_rate == 8000);
  for (int rate : {8000, 16000, 22050, 24000, 32000, 44100, 48000}) {
    const std::string name = "pcm_" + std::to_string(rate);
    auto f = ParseElevenLabsOutputFormat(name);
    REQUIRE(f.ok());
    CHECK(f->codec == ElevenLabsCodec::kPcm);
    CHECK(f->sample_rate == rate);
    CHECK(*ElevenLabsOutputFormatName(*f) == name);
  }
  CHECK(*ElevenLabsOutputFormatName({}) == "ulaw_8000");
  for (std::string_view bad : {"mp3_44100_128", "opus_48000_64", "alaw_8000", "ulaw_16000",
                               "pcm_16001", "pcm_", "pcm_016000", "pcm_16000 ", "PCM_16000", ""}) {
    CAPTURE(bad);
    ExpectInvalid(ParseElevenLabsOutputFormat(bad), "output_format");
  }
  ExpectInvalid(ElevenLabsOutputFormatName({ElevenLabsCodec::kUlaw, 16000}), "ulaw at 16000");
  ExpectInvalid(ElevenLabsOutputFormatName({ElevenLabsCodec::kPcm, 11025}), "pcm at 11025");
}

TEST_CASE("elevenlabs: request targets for the WebSocket and the HTTP stream") {
  ElevenLabsStreamInputOptions o;
  o.voice_id = "21m00Tcm4TlvDq8ikWAM";
  CHECK(*ElevenLabsStreamInputTarget(o) ==
        "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream-input?model_id=eleven_flash_v2_5&"
        "output_format=ulaw_8000");
  o.output_format = {ElevenLabsCodec::kPcm, 16000};
  o.language_code = "de";
  o.inactivity_timeout_s = 180;
  o.auto_mode = true;
  CHECK(*ElevenLabsStreamInputTarget(o) ==
        "/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/stream-input?model_id=eleven_flash_v2_5&"
        "output_format=pcm_16000&language_code=de&inactivity_timeout=180&auto_mode=true");
  CHECK(*ElevenLabsHttpStreamTarget("JBFqnCBsd6RMkjVDRZzb", {}) ==
        "/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/stream?output_format=ulaw_8000");
  // The id is one path segment whatever it holds.
  CHECK(*ElevenLabsHttpStreamTarget("a b/c?d", {}) ==
        "/v1/text-to-speech/a%20b%2Fc%3Fd/stream?output_format=ulaw_8000");
}

TEST_CASE("elevenlabs: target builders refuse what the service would refuse") {
  ElevenLabsStreamInputOptions o;
  ExpectInvalid(ElevenLabsStreamInputTarget(o), "voice_id is empty");
  ExpectInvalid(ElevenLabsHttpStreamTarget("", {}), "voice_id is empty");
  ExpectInvalid(ElevenLabsHttpStreamTarget("v\xff", {}), "voice_id");
  o.voice_id = "v1";
  o.inactivity_timeout_s = 181;
  ExpectInvalid(ElevenLabsStreamInputTarget(o), "inactivity_timeout");
  o.inactivity_timeout_s = 0;
  o.output_format = {ElevenLabsCodec::kUlaw, 16000};
  ExpectInvalid(ElevenLabsStreamInputTarget(o), "output format");
  o.output_format = {};
  o.model_id = "eleven flash";
  ExpectInvalid(ElevenLabsStreamInputTarget(o), "model_id");
  o.model_id = "eleven_flash_v2_5";
  o.language_code = "de&x=1";
  ExpectInvalid(ElevenLabsStreamInputTarget(o), "language_code");
}

TEST_CASE("elevenlabs: the fake server reads a target back into the same options") {
  ElevenLabsStreamInputOptions o;
  o.voice_id = "voice with spaces/and ünïcode";
  o.model_id = "eleven_multilingual_v2";
  o.output_format = {ElevenLabsCodec::kPcm, 24000};
  o.language_code = "pt-BR";
  o.inactivity_timeout_s = 60;
  o.auto_mode = true;
  auto t = ParseElevenLabsTarget(*ElevenLabsStreamInputTarget(o));
  REQUIRE_MESSAGE(t.ok(), t.status().message());
  CHECK(t->endpoint == ElevenLabsTarget::Endpoint::kStreamInput);
  CHECK(t->options == o);
  auto h = ParseElevenLabsTarget(*ElevenLabsHttpStreamTarget("JBFqnCBsd6RMkjVDRZzb", {}));
  REQUIRE(h.ok());
  CHECK(h->endpoint == ElevenLabsTarget::Endpoint::kHttpStream);
  CHECK(h->options.voice_id == "JBFqnCBsd6RMkjVDRZzb");
  CHECK(h->options.output_format == ElevenLabsOutputFormat{});
  // Unknown parameters (enable_logging, sync_alignment, ...) are ignored.
  auto extra = ParseElevenLabsTarget(
      "/v1/text-to-speech/v/stream-input?output_format=pcm_16000&enable_logging=false");
  REQUIRE(extra.ok());
  CHECK(extra->options.output_format.sample_rate == 16000);
  CHECK(extra->options.model_id.empty());
}

TEST_CASE("elevenlabs: bad targets are refused with the reason") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"/v1/voices", "not under"},
      {"/v1/text-to-speech/v/convert?output_format=ulaw_8000", "stream-input"},
      {"/v1/text-to-speech//stream-input?output_format=ulaw_8000", "voice_id is empty"},
      {"/v1/text-to-speech/%G1/stream-input?output_format=ulaw_8000", "hex"},
      {"/v1/text-to-speech/%00/stream?output_format=ulaw_8000", "voice_id"},
      {"/v1/text-to-speech/v/stream-input?model_id=m", "output_format missing"},
      {"/v1/text-to-speech/v/stream-input?output_format=mp3_44100_128", "output_format"},
      {"/v1/text-to-speech/v/stream-input?output_format=ulaw_8000&inactivity_timeout=0",
       "inactivity_timeout"},
      {"/v1/text-to-speech/v/stream-input?output_format=ulaw_8000&inactivity_timeout=20s",
       "inactivity_timeout"},
      {"/v1/text-to-speech/v/stream-input?output_format=ulaw_8000&auto_mode=1", "auto_mode"},
      {"/v1/text-to-speech/v/stream-input?output_format=ulaw_8000&model_id=a%20b", "model_id"},
      {"/v1/text-to-speech/v/stream-input?output_format=ulaw_8000&language_code=", "language_code"},
  };
  for (const auto& [target, needle] : cases) {
    CAPTURE(target);
    ExpectInvalid(ParseElevenLabsTarget(target), needle);
  }
}

TEST_CASE("elevenlabs: the initial, text and end messages as the service expects them") {
  CHECK(*ElevenLabsInitJson({}) == R"({"text":" "})");
  ElevenLabsInit init;
  init.voice_settings = ElevenLabsVoiceSettings{};
  init.voice_settings->speed = 1.1;
  init.chunk_length_schedule = {120, 160, 250, 290};
  init.xi_api_key = "sk_test";
  CHECK(
      *ElevenLabsInitJson(init) ==
      R"({"text":" ","voice_settings":{"stability":0.5,"similarity_boost":0.75,"speed":1.1},)"
      R"("generation_config":{"chunk_length_schedule":[120,160,250,290]},"xi_api_key":"sk_test"})");
  CHECK(*ElevenLabsTextJson("Hello ") == R"({"text":"Hello "})");
  CHECK(*ElevenLabsTextJson("Grüß Gott, ", ElevenLabsTrigger::kTryTrigger) ==
        R"({"text":"Grüß Gott, ","try_trigger_generation":true})");
  CHECK(*ElevenLabsTextJson("Bye \"now\". ", ElevenLabsTrigger::kFlush) ==
        R"({"text":"Bye \"now\". ","flush":true})");
  CHECK(ElevenLabsEndJson() == R"({"text":""})");
}

TEST_CASE("elevenlabs: client encoders refuse bad text and out-of-range settings") {
  ExpectInvalid(ElevenLabsTextJson(""), "ends the stream");
  ExpectInvalid(ElevenLabsTextJson("caf\xe9 "), "UTF-8");
  ExpectInvalid(ElevenLabsTextJson(std::string(70000, 'a')), "more than");
  ElevenLabsInit init;
  init.chunk_length_schedule = {49};
  ExpectInvalid(ElevenLabsInitJson(init), "chunk_length_schedule");
  init.chunk_length_schedule = {};
  init.voice_settings = ElevenLabsVoiceSettings{};
  init.voice_settings->stability = 1.5;
  ExpectInvalid(ElevenLabsInitJson(init), "stability");
  init.voice_settings->stability = 0.5;
  init.voice_settings->speed = 2.0;
  ExpectInvalid(ElevenLabsInitJson(init), "speed");
  ElevenLabsHttpRequest r;
  ExpectInvalid(ElevenLabsHttpBodyJson(r), "text is empty");
  r.text = "ok\xc3";
  ExpectInvalid(ElevenLabsHttpBodyJson(r), "UTF-8");
}

TEST_CASE("elevenlabs: the HTTP body carries text, model, settings and language, and reads back") {
  ElevenLabsHttpRequest r;
  r.text = "Ihr Termin ist am Dienstag um 15 Uhr.";
  r.voice_settings = ElevenLabsVoiceSettings{0.4, 0.8, 0.0, true, std::nullopt};
  r.language_code = "de";
  auto body = ElevenLabsHttpBodyJson(r);
  REQUIRE(body.ok());
  CHECK(*body ==
        R"({"text":"Ihr Termin ist am Dienstag um 15 Uhr.","model_id":"eleven_flash_v2_5",)"
        R"("voice_settings":{"stability":0.4,"similarity_boost":0.8,"style":0.0,)"
        R"("use_speaker_boost":true},"language_code":"de"})");
  auto back = ParseElevenLabsHttpBody(*body);
  REQUIRE(back.ok());
  CHECK(*back == r);
  ExpectInvalid(ParseElevenLabsHttpBody(R"({"text":""})"), "text");
  ExpectInvalid(ParseElevenLabsHttpBody(R"({"text":"hi","model_id":3})"), "model_id");
  ExpectInvalid(ParseElevenLabsHttpBody(R"({"text":"hi","voice_settings":{"stability":"0.5"}})"),
                "stability");
  ExpectInvalid(ParseElevenLabsHttpBody(R"({"text":"hi","language_code":"d e"})"), "language_code");
}

TEST_CASE("elevenlabs: the fake server tells the initial, text and end messages apart") {
  // The official Python SDK's first message.
  const ElevenLabsClientMessage init =
      ParseClient(R"({"text":" ","try_trigger_generation":true,"voice_settings":{"stability":0.5,)"
                  R"("similarity_boost":0.8,"style":0.1,"use_speaker_boost":true},)"
                  R"("generation_config":{"chunk_length_schedule":[50]}})");
  CHECK(init.type == ElevenLabsClientMessage::Type::kInit);
  REQUIRE(init.init.voice_settings.has_value());
  CHECK(init.init.voice_settings->similarity_boost == doctest::Approx(0.8));
  CHECK(init.init.voice_settings->style == doctest::Approx(0.1));
  CHECK(init.init.voice_settings->use_speaker_boost == true);
  CHECK(init.init.chunk_length_schedule == std::vector<int>{50});
  CHECK(ParseClient(R"({"text":" ","xi_api_key":"k"})").init.xi_api_key == "k");

  const ElevenLabsClientMessage text = ParseClient(R"({"text":"Hola, ","flush":true})");
  CHECK(text.type == ElevenLabsClientMessage::Type::kText);
  CHECK(text.text == "Hola, ");
  CHECK(text.trigger == ElevenLabsTrigger::kFlush);
  CHECK(ParseClient(R"({"text":"a ","try_trigger_generation":true})").trigger ==
        ElevenLabsTrigger::kTryTrigger);
  CHECK(ParseClient(R"({"text":"a "})").trigger == ElevenLabsTrigger::kNone);
  CHECK(ParseClient(R"({"text":""})").type == ElevenLabsClientMessage::Type::kEnd);

  // Encoders and parser agree.
  ElevenLabsInit settings;
  settings.voice_settings = ElevenLabsVoiceSettings{};
  settings.chunk_length_schedule = {120, 500};
  CHECK(ParseClient(*ElevenLabsInitJson(settings)).init == settings);
  const ElevenLabsClientMessage again =
      ParseClient(*ElevenLabsTextJson("¿Qué tal? ", ElevenLabsTrigger::kTryTrigger));
  CHECK(again.text == "¿Qué tal? ");
  CHECK(again.trigger == ElevenLabsTrigger::kTryTrigger);
  CHECK(ParseClient(ElevenLabsEndJson()).type == ElevenLabsClientMessage::Type::kEnd);

  ExpectInvalid(ParseElevenLabsClientMessage(R"({"flush":true})"), "text");
  ExpectInvalid(ParseElevenLabsClientMessage(R"({"text":1})"), "text");
  ExpectInvalid(ParseElevenLabsClientMessage(R"({"text":"a","flush":"yes"})"), "flush");
  ExpectInvalid(ParseElevenLabsClientMessage(
                    R"({"text":" ","generation_config":{"chunk_length_schedule":[10]}})"),
                "chunk_length_schedule");
  ExpectInvalid(ParseElevenLabsClientMessage(R"({"text":" ","voice_settings":[]})"),
                "voice_settings");
  ExpectInvalid(ParseElevenLabsClientMessage(R"({"text":" ","xi_api_key":5})"), "xi_api_key");
}

TEST_CASE("elevenlabs: an audio message decodes its audio and character alignment") {
  // As the service sends it mid-stream: isFinal null, both alignments.
  const ElevenLabsMessage m =
      Parse(R"({"audio":"f39/fn1+","isFinal":null,)"
            R"("normalizedAlignment":{"chars":[" ","H","i"],"charStartTimesMs":[0,3,7],)"
            R"("charDurationsMs":[3,4,4]},)"
            R"("alignment":{"chars":["H","i"],"charStartTimesMs":[0,3],"charDurationsMs":[3,4]}})");
  CHECK(m.type == Type::kAudio);
  CHECK(m.audio == std::vector<uint8_t>{0x7f, 0x7f, 0x7f, 0x7e, 0x7d, 0x7e});
  CHECK_FALSE(m.is_final);
  REQUIRE(m.alignment.has_value());
  CHECK(m.alignment->chars == std::vector<std::string>{"H", "i"});
  CHECK(m.alignment->char_durations_ms == std::vector<int64_t>{3, 4});
  REQUIRE(m.normalized_alignment.has_value());
  CHECK(m.normalized_alignment->char_start_times_ms == std::vector<int64_t>{0, 3, 7});
  // Older messages spell the arrays charsDurationsMs / charsStartTimesMs.
  const ElevenLabsMessage old =
      Parse(R"({"audio":"AAA=","normalizedAlignment":{"chars":["ü"],"charsStartTimesMs":[5],)"
            R"("charsDurationsMs":[9]}})");
  REQUIRE(old.normalized_alignment.has_value());
  CHECK(old.normalized_alignment->chars[0] == "ü");
  CHECK(old.normalized_alignment->char_start_times_ms[0] == 5);
  CHECK(old.normalized_alignment->char_durations_ms[0] == 9);
  CHECK(Parse(R"({"audio":"","isFinal":false})").type == Type::kAudio);
}

TEST_CASE("elevenlabs: the final message, errors and unknown messages") {
  const ElevenLabsMessage fin = Parse(R"({"audio":null,"isFinal":true})");
  CHECK(fin.type == Type::kFinal);
  CHECK(fin.is_final);
  CHECK(fin.audio.empty());
  CHECK(Parse(R"({"isFinal":true,"normalizedAlignment":null,"alignment":null})").type ==
        Type::kFinal);
  const ElevenLabsMessage err =
      Parse(R"({"message":"You have exceeded your quota.","error":"quota_exceeded","code":1008})");
  CHECK(err.type == Type::kError);
  CHECK(err.error == "quota_exceeded");
  CHECK(err.message == "You have exceeded your quota.");
  CHECK(err.code == 1008);
  CHECK(Parse(R"({"error":"input_timeout_exceeded"})").type == Type::kError);
  CHECK(Parse(R"({})").type == Type::kUnknown);
  CHECK(Parse(R"({"contextId":"c1","something":"new"})").type == Type::kUnknown);
}

TEST_CASE("elevenlabs: malformed server messages are rejected naming the field") {
  ExpectInvalid(ParseElevenLabsMessage("{"), "not JSON");
  ExpectInvalid(ParseElevenLabsMessage("[]"), "not an object");
  ExpectInvalid(ParseElevenLabsMessage(R"({"audio":123})"), "audio");
  ExpectInvalid(ParseElevenLabsMessage(R"({"audio":"not base64!"})"), "audio");
  ExpectInvalid(ParseElevenLabsMessage(R"({"audio":"AAB="})"), "audio");  // non-zero pad bits
  ExpectInvalid(ParseElevenLabsMessage(R"({"isFinal":"true"})"), "isFinal");
  ExpectInvalid(ParseElevenLabsMessage(R"({"isFinal":1})"), "isFinal");
  ExpectInvalid(ParseElevenLabsMessage(R"({"alignment":[]})"), "alignment");
  ExpectInvalid(
      ParseElevenLabsMessage(
          R"({"alignment":{"chars":["a","b"],"charStartTimesMs":[0],"charDurationsMs":[1,1]}})"),
      "2 chars but 1 start times");
  ExpectInvalid(
      ParseElevenLabsMessage(
          R"({"alignment":{"chars":["a"],"charStartTimesMs":[-1],"charDurationsMs":[1]}})"),
      "charStartTimesMs");
  ExpectInvalid(
      ParseElevenLabsMessage(
          R"({"alignment":{"chars":["a"],"charStartTimesMs":["0"],"charDurationsMs":[1]}})"),
      "charStartTimesMs");
  ExpectInvalid(
      ParseElevenLabsMessage(
          R"({"alignment":{"chars":["a"],"charStartTimesMs":[0.5],"charDurationsMs":[1]}})"),
      "whole number");
  ExpectInvalid(
      ParseElevenLabsMessage(
          R"({"normalizedAlignment":{"chars":[1],"charStartTimesMs":[0],"charDurationsMs":[1]}})"),
      "chars");
  ExpectInvalid(ParseElevenLabsMessage(R"({"message":"x","code":"1008"})"), "code");
  ExpectInvalid(ParseElevenLabsMessage(R"({"error":{"type":"x"}})"), "error");
}

TEST_CASE("elevenlabs: every server encoder round-trips through the parser") {
  const std::vector<uint8_t> audio = {0xff, 0x00, 0x7f, 0x80, 0x01};
  ElevenLabsAlignment a;
  a.chars = {"¿", "S", "í", "?"};
  a.char_start_times_ms = {0, 12, 30, 41};
  a.char_durations_ms = {12, 18, 11, 60};
  const ElevenLabsMessage m = Parse(ElevenLabsAudioJson(audio, a, a));
  CHECK(m.type == Type::kAudio);
  CHECK(m.audio == audio);
  CHECK(m.alignment == a);
  CHECK(m.normalized_alignment == a);
  const ElevenLabsMessage plain = Parse(ElevenLabsAudioJson(audio));
  CHECK(plain.audio == audio);
  CHECK_FALSE(plain.alignment.has_value());
  CHECK(ElevenLabsFinalJson() == R"({"isFinal":true})");
  CHECK(Parse(ElevenLabsFinalJson()).type == Type::kFinal);
  const ElevenLabsMessage err = Parse(ElevenLabsErrorJson("invalid_api_key", "Bad key", 1008));
  CHECK(err.type == Type::kError);
  CHECK(err.error == "invalid_api_key");
  CHECK(err.message == "Bad key");
  CHECK(err.code == 1008);
  for (const ElevenLabsMessage& x : {m, plain, err, Parse(ElevenLabsFinalJson()), Parse("{}")}) {
    CHECK(Parse(ElevenLabsMessageJson(x)) == x);
  }
}
