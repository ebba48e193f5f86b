// ElevenLabs text-to-speech wire format, both directions, without I/O: the
// request targets of the WebSocket stream-input endpoint and the HTTP
// streaming endpoint, the output_format names, the client's JSON messages
// (initial settings, text chunks, end of input, the HTTP body) and the
// server's messages (base64 audio with character alignment, the final
// message, errors). The ElevenLabs adapter builds and parses with these; the
// loopback fake in tests uses the Parse*Client*/ParseElevenLabsTarget side
// and the server encoders. Field names are confirmed in
// docs/providers/elevenlabs.md.
//
// Text must be valid UTF-8; an encoder refuses anything else rather than
// send the service bytes it would reject or mispronounce. Parsers check
// every known field's type, ignore unknown fields, and report a message
// they cannot classify as kUnknown.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace voxdesk::providers {

// ------------------------------------------------------------ output formats

enum class ElevenLabsCodec { kUlaw, kPcm };

// "ulaw_8000" (G.711 mu-law, for the phone line) or "pcm_<rate>" (16-bit
// little-endian mono at 8000, 16000, 22050, 24000, 32000, 44100 or 48000).
// ElevenLabs' mp3, opus and alaw formats are not taken: the media layer
// has nothing to do with them.
struct ElevenLabsOutputFormat {
  ElevenLabsCodec codec = ElevenLabsCodec::kUlaw;
  int sample_rate = 8000;
  bool operator==(const ElevenLabsOutputFormat&) const = default;
};

Result<ElevenLabsOutputFormat> ParseElevenLabsOutputFormat(std::string_view name);
// The format's name; kInvalidArgument for a codec/rate pair ElevenLabs does not offer.
Result<std::string> ElevenLabsOutputFormatName(const ElevenLabsOutputFormat& format);

// ------------------------------------------------------------ request targets

// The WebSocket endpoint's options. Optional parameters are sent only when set.
struct ElevenLabsStreamInputOptions {
  std::string voice_id;
  std::string model_id = "eleven_flash_v2_5";
  ElevenLabsOutputFormat output_format;
  std::string language_code;     // ISO 639-1 ("de"); "" = not sent
  int inactivity_timeout_s = 0;  // 1..180; 0 = not sent (the service waits 20 s)
  bool auto_mode = false;        // the service picks chunking; needs whole sentences
  bool operator==(const ElevenLabsStreamInputOptions&) const = default;
};

// "/v1/text-to-speech/{voice_id}/stream-input?model_id=...&output_format=..."
// (voice_id percent-encoded). kInvalidArgument for an empty voice_id or
// model_id, an unsupported output format or an out-of-range timeout.
Result<std::string> ElevenLabsStreamInputTarget(const ElevenLabsStreamInputOptions& options);

// "/v1/text-to-speech/{voice_id}/stream?output_format=..." (POST, body from
// ElevenLabsHttpBodyJson).
Result<std::string> ElevenLabsHttpStreamTarget(std::string_view voice_id,
                                               const ElevenLabsOutputFormat& format);

// The fake server's side: which endpoint a request target names, with its
// options (for kHttpStream only voice_id and output_format are meaningful;
// model_id travels in the body). Unknown query parameters are ignored.
struct ElevenLabsTarget {
  enum class Endpoint { kStreamInput, kHttpStream } endpoint = Endpoint::kStreamInput;
  ElevenLabsStreamInputOptions options;
};
Result<ElevenLabsTarget> ParseElevenLabsTarget(std::string_view target);

// ------------------------------------------------------------ client messages

struct ElevenLabsVoiceSettings {
  double stability = 0.5;          // 0..1
  double similarity_boost = 0.75;  // 0..1
  std::optional<double> style;     // 0..1
  std::optional<bool> use_speaker_boost;
  std::optional<double> speed;  // 0.7..1.2
  bool operator==(const ElevenLabsVoiceSettings&) const = default;
};

// The first WebSocket message: {"text":" ", voice_settings, generation_config}.
struct ElevenLabsInit {
  std::optional<ElevenLabsVoiceSettings> voice_settings;  // nullopt: the voice's stored settings
  // Characters buffered before each of the first generations (50..500
  // each); empty: the service's default [120, 160, 250, 290].
  std::vector<int> chunk_length_schedule;
  // Authentication in the message body. The adapter sends the xi-api-key
  // header instead, so this stays empty there.
  std::string xi_api_key;
  bool operator==(const ElevenLabsInit&) const = default;
};

// How a text chunk asks for audio.
enum class ElevenLabsTrigger {
  kNone,        // buffer until chunk_length_schedule is met
  kTryTrigger,  // try_trigger_generation: generate if enough text is buffered
  kFlush,       // flush: generate everything buffered now (end of a reply)
};

Result<std::string> ElevenLabsInitJson(const ElevenLabsInit& init);
// A text chunk: non-empty valid UTF-8 ("" would end the stream). ElevenLabs
// wants chunks cut at word boundaries and ending in a space.
Result<std::string> ElevenLabsTextJson(std::string_view text,
                                       ElevenLabsTrigger trigger = ElevenLabsTrigger::kNone);
// {"text":""}: no more text; the server sends what is left, then isFinal.
std::string ElevenLabsEndJson();

// The HTTP streaming request's body.
struct ElevenLabsHttpRequest {
  std::string text;
  std::string model_id = "eleven_flash_v2_5";
  std::optional<ElevenLabsVoiceSettings> voice_settings;
  std::string language_code;  // "" = not sent
  bool operator==(const ElevenLabsHttpRequest&) const = default;
};
Result<std::string> ElevenLabsHttpBodyJson(const ElevenLabsHttpRequest& request);

// The fake server's side of the WebSocket client messages.
struct ElevenLabsClientMessage {
  enum class Type { kInit, kText, kEnd } type = Type::kText;
  std::string text;  // kText
  ElevenLabsTrigger trigger = ElevenLabsTrigger::kNone;
  ElevenLabsInit init;  // kInit
  bool operator==(const ElevenLabsClientMessage&) const = default;
};
Result<ElevenLabsClientMessage> ParseElevenLabsClientMessage(std::string_view json);
Result<ElevenLabsHttpRequest> ParseElevenLabsHttpBody(std::string_view json);

// ------------------------------------------------------------ server messages

// Per-character timing of one audio chunk, relative to that chunk's start.
struct ElevenLabsAlignment {
  std::vector<std::string> chars;  // one UTF-8 character (or grapheme) each
  std::vector<int64_t> char_start_times_ms;
  std::vector<int64_t> char_durations_ms;
  bool operator==(const ElevenLabsAlignment&) const = default;
};

struct ElevenLabsMessage {
  enum class Type { kAudio, kFinal, kError, kUnknown };
  Type type = Type::kUnknown;
  std::vector<uint8_t> audio;                    // decoded, in the stream's output_format
  bool is_final = false;                         // isFinal true; null or absent is false
  std::optional<ElevenLabsAlignment> alignment;  // of the text as sent
  std::optional<ElevenLabsAlignment> normalized_alignment;  // of the text as spoken
  // kError: {"message", "error", "code"}.
  std::string error;
  std::string message;
  int code = 0;
  bool operator==(const ElevenLabsMessage&) const = default;
};

// One WebSocket text frame from the server. kInvalidArgument for malformed
// JSON, a known field of the wrong type, audio that is not canonical base64,
// or alignment arrays of different lengths.
Result<ElevenLabsMessage> ParseElevenLabsMessage(std::string_view json);

const char* ElevenLabsMessageTypeName(ElevenLabsMessage::Type type);

// Server-side encoders for the fake; each parses back to the same message.
std::string ElevenLabsAudioJson(
    const std::vector<uint8_t>& audio,
    const std::optional<ElevenLabsAlignment>& alignment = std::nullopt,
    const std::optional<ElevenLabsAlignment>& normalized = std::nullopt);
std::string ElevenLabsFinalJson();  // {"isFinal":true}
std::string ElevenLabsErrorJson(std::string_view error, std::string_view message, int code);
std::string ElevenLabsMessageJson(const ElevenLabsMessage& message);

}  // namespace voxdesk::providers
