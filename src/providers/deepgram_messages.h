// Deepgram's speech-to-text wire format, both directions, without I/O: the
// query string that opens a live stream (wss://api.deepgram.com/v1/listen?...),
// the client's control messages, the server's JSON messages on that stream,
// and the pre-recorded REST response. The Deepgram adapter feeds received
// text frames to ParseDeepgramMessage; the loopback fake in tests uses
// ParseDeepgramListenQuery, ParseDeepgramControl and the *Json encoders to
// play the server. Field names are confirmed in docs/providers/deepgram.md.
//
// Parsing is strict about types (a number sent as a string is an error that
// names the field) and lenient about presence (an absent optional field takes
// Deepgram's default, unknown fields are ignored, an unknown message type is
// kUnknown for the caller to count and skip). Times arrive as seconds and are
// kept as whole milliseconds.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "providers/speech.h"

namespace voxdesk::providers {

// ------------------------------------------------------------ opening a stream

enum class DeepgramEncoding { kMulaw, kLinear16 };

struct DeepgramListenOptions {
  DeepgramEncoding encoding = DeepgramEncoding::kMulaw;
  int sample_rate = 8000;  // 8000..48000
  int channels = 1;        // 1..8
  std::string model = "nova-3";
  // BCP-47 ("en", "en-US", "es"), or "multi" for Nova-2/3 code-switching;
  // "" leaves it to Deepgram (English).
  std::string language = "en";
  bool detect_language = false;
  bool interim_results = true;
  // Silence that ends a phrase (speech_final); nullopt sends endpointing=false.
  std::optional<int> endpointing_ms = 300;
  // UtteranceEnd after this much silence between words; nullopt: not asked
  // for. Needs interim_results.
  std::optional<int> utterance_end_ms;
  bool vad_events = false;  // SpeechStarted messages
  bool smart_format = false;
  bool punctuate = false;
  std::vector<std::string> keyterms;  // `keyterm`, one per term (Nova-3)
  std::vector<std::string> keywords;  // `keywords`, "word" or "word:boost" (Nova-2 and older)

  bool operator==(const DeepgramListenOptions&) const = default;
};

const char* DeepgramEncodingName(DeepgramEncoding encoding);  // "mulaw", "linear16"

// The query string after "/v1/listen?", percent-encoded (form style, as
// Deepgram's SDKs send it). Booleans are sent only when true; endpointing
// always, so the server never falls back to its 10 ms default unasked.
std::string DeepgramListenQuery(const DeepgramListenOptions& options);

// The fake server's side: reads a query string (without '?'). Unknown
// parameters are ignored (Deepgram has many); a known one with a bad value,
// or given twice where it takes one value, is an error naming it.
Result<DeepgramListenOptions> ParseDeepgramListenQuery(std::string_view query);

// ------------------------------------------------------------ client control messages

// Text frames the client sends between binary audio frames.
std::string DeepgramKeepAliveJson();    // {"type":"KeepAlive"}: audio paused, keep the stream
std::string DeepgramFinalizeJson();     // {"type":"Finalize"}: flush, answer with from_finalize
std::string DeepgramCloseStreamJson();  // {"type":"CloseStream"}: flush and close

struct DeepgramControl {
  enum class Type { kKeepAlive, kFinalize, kCloseStream, kUnknown } type = Type::kUnknown;
  std::string type_name;  // as sent
  int channel = -1;       // Finalize's optional channel; -1 = all
};

// The fake server's side of the control messages.
Result<DeepgramControl> ParseDeepgramControl(std::string_view json);

// ------------------------------------------------------------ server messages

struct DeepgramWord {
  std::string word;             // lower-case, unpunctuated
  std::string punctuated_word;  // "" unless smart_format or punctuate
  int64_t start_ms = 0;         // from the start of the stream
  int64_t end_ms = 0;
  double confidence = 0;
  std::string language;  // language=multi only

  bool operator==(const DeepgramWord&) const = default;
};

struct DeepgramMessage {
  enum class Type { kResults, kUtteranceEnd, kSpeechStarted, kMetadata, kError, kUnknown };
  Type type = Type::kUnknown;
  std::string type_name;  // the "type" field as sent

  // kResults: the best (first) alternative. Deepgram sends transcript ""
  // for silence; that is a result, not an error.
  std::string transcript;
  double confidence = 0;  // 0..1
  std::vector<DeepgramWord> words;
  // alternatives[0].languages (language=multi), else channel.detected_language.
  std::vector<std::string> languages;
  bool is_final = false;      // this span's text will not change
  bool speech_final = false;  // endpointing saw the speaker stop
  bool from_finalize = false;
  int64_t start_ms = 0;
  int64_t duration_ms = 0;  // also kMetadata's duration of audio processed
  int channel_index = 0;    // channel_index [index, count]; UtteranceEnd and
  int channel_count = 1;    // SpeechStarted send the same pair as `channel`

  int64_t last_word_end_ms = 0;  // kUtteranceEnd
  int64_t timestamp_ms = 0;      // kSpeechStarted

  std::string request_id;  // kMetadata, and metadata.request_id of kResults

  // kError: err_code or variant, and err_msg, description or message.
  std::string error_code;
  std::string error_message;

  bool operator==(const DeepgramMessage&) const = default;
};

// One text frame from the live stream. kInvalidArgument for malformed JSON,
// a non-object, a missing or non-string "type", or a known field of the
// wrong type or out of range; the message names the field.
Result<DeepgramMessage> ParseDeepgramMessage(std::string_view json);

const char* DeepgramMessageTypeName(DeepgramMessage::Type type);

// A kResults message as the speech layer's Transcript: the transcript text,
// words (punctuated where Deepgram punctuated them), is_final from is_final,
// end_ms = start + duration, language = the first of `languages` (the
// dominant one under language=multi, else detected_language).
Transcript ToTranscript(const DeepgramMessage& message);

// ------------------------------------------------------------ server-side encoders

// Messages as the service sends them, for the fake server. Each one parses
// back to the same DeepgramMessage (fields of other types left at defaults).
std::string DeepgramResultsJson(const DeepgramMessage& results);
std::string DeepgramUtteranceEndJson(int64_t last_word_end_ms, int channel_index = 0,
                                     int channel_count = 1);
std::string DeepgramSpeechStartedJson(int64_t timestamp_ms, int channel_index = 0,
                                      int channel_count = 1);
std::string DeepgramMetadataJson(std::string_view request_id, int64_t duration_ms,
                                 int channels = 1);
std::string DeepgramErrorJson(std::string_view code, std::string_view message);
// Any parsed message, by its type (kUnknown gives {"type": type_name}).
std::string DeepgramMessageJson(const DeepgramMessage& message);

// ------------------------------------------------------------ pre-recorded REST

struct DeepgramPrerecordedChannel {
  Transcript transcript;          // the best alternative, is_final = true
  std::string detected_language;  // with detect_language=true, else ""
  double language_confidence = 0;
  std::vector<std::string> languages;  // alternatives[0].languages (language=multi)
};

struct DeepgramPrerecorded {
  std::string request_id;
  int64_t duration_ms = 0;
  std::vector<DeepgramPrerecordedChannel> channels;
};

// The body of POST /v1/listen. An error body ({"err_code","err_msg"} or
// {"category","message"}) is kUnavailable carrying Deepgram's words;
// anything else malformed is kInvalidArgument.
Result<DeepgramPrerecorded> ParseDeepgramPrerecordedResponse(std::string_view json);
// The same, one Transcript per channel.
Result<std::vector<Transcript>> ParseDeepgramPrerecorded(std::string_view json);

}  // namespace voxdesk::providers
