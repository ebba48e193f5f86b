#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "providers/deepgram_messages.h"

using voxdesk::Code;
using voxdesk::providers::DeepgramCloseStreamJson;
using voxdesk::providers::DeepgramControl;
using voxdesk::providers::DeepgramEncoding;
using voxdesk::providers::DeepgramErrorJson;
using voxdesk::providers::DeepgramFinalizeJson;
using voxdesk::providers::DeepgramKeepAliveJson;
using voxdesk::providers::DeepgramListenOptions;
using voxdesk::providers::DeepgramListenQuery;
using voxdesk::providers::DeepgramMessage;
using voxdesk::providers::DeepgramMessageJson;
using voxdesk::providers::DeepgramMetadataJson;
using voxdesk::providers::DeepgramResultsJson;
using voxdesk::providers::DeepgramSpeechStartedJson;
using voxdesk::providers::DeepgramUtteranceEndJson;
using voxdesk::providers::DeepgramWord;
using voxdesk::providers::ParseDeepgramControl;
using voxdesk::providers::ParseDeepgramListenQuery;
using voxdesk::providers::ParseDeepgramMessage;
using voxdesk::providers::ParseDeepgramPrerecorded;
using voxdesk::providers::ParseDeepgramPrerecordedResponse;
using voxdesk::providers::ToTranscript;
using voxdesk::providers::Transcript;

namespace {

using Type = DeepgramMessage::Type;

// A final result as the live API sends it (the shape of the example in
// Deepgram's streaming reference, abridged to three words).
constexpr std::string_view kFinalResult = R"({
  "type": "Results",
  "channel_index": [0, 1],
  "duration": 1.98,
  "start": 5.99,
  "is_final": true,
  "speech_final": true,
  "channel": {
    "alternatives": [
      {
        "transcript": "Another big problem.",
        "confidence": 0.9998,
        "words": [
          {"word": "another", "start": 6.04, "end": 6.38, "confidence": 0.9997,
           "punctuated_word": "Another"},
          {"word": "big", "start": 6.38, "end": 6.7, "confidence": 0.9995,
           "punctuated_word": "big"},
          {"word": "problem", "start": 6.7, "end": 7.1, "confidence": 0.99,
           "punctuated_word": "problem."}
        ]
      }
    ]
  },
  "metadata": {
    "request_id": "52cc0efe-fa77-4aa7-b79c-0dda09de2f14",
    "model_info": {"name": "2-general-nova", "version": "2024-01-18.26916", "arch": "nova-2"},
    "model_uuid": "c0d1a568-ce81-4fea-97e7-bd45cb1fdf3c"
  },
  "from_finalize": false
})";

// Silence: an interim result with an empty transcript and no words.
constexpr std::string_view kSilence =
    R"({"type":"Results","channel_index":[0,1],"duration":1.0,"start":0.0,"is_final":false,)"
    R"("speech_final":false,"channel":{"alternatives":[{"transcript":"","confidence":0.0,)"
    R"("words":[]}]},"metadata":{"request_id":"r1","model_info":{"name":"general-nova-3",)"
    R"("version":"2025","arch":"nova-3"},"model_uuid":"u"},"from_finalize":false})";

DeepgramMessage Parse(std::string_view json) {
  auto m = ParseDeepgramMessage(json);
  REQUIRE_MESSAGE(m.ok(), m.status().message());
  return *m;
}

// Expects a rejection whose message contains `needle` (the field it names).
void ExpectRejected(std::string_view json, std::string_view needle) {
  auto m = ParseDeepgramMessage(json);
  REQUIRE_FALSE_MESSAGE(m.ok(), json);
  CHECK(m.status().code() == Code::kInvalidArgument);
  CHECK_MESSAGE(m.status().message().find(needle) != std::string::npos, m.status().message());
}

}  // namespace

TEST_CASE("deepgram: the listen query carries every option, percent-encoded") {
  DeepgramListenOptions o;
  o.utterance_end_ms = 1000;
  o.vad_events = true;
  o.smart_format = true;
  CHECK(DeepgramListenQuery(o) ==
        "encoding=mulaw&sample_rate=8000&channels=1&model=nova-3&language=en&interim_results=true&"
        "endpointing=300&utterance_end_ms=1000&vad_events=true&smart_format=true");
  o.encoding = DeepgramEncoding::kLinear16;
  o.sample_rate = 16000;
  o.language = "multi";
  o.interim_results = false;
  o.endpointing_ms.reset();
  o.utterance_end_ms.reset();
  o.vad_events = o.smart_format = false;
  o.keyterms = {"Dr Müller", "a&b=c"};
  o.keywords = {"Voxdesk:2"};
  CHECK(DeepgramListenQuery(o) ==
        "encoding=linear16&sample_rate=16000&channels=1&model=nova-3&language=multi&"
        "endpointing=false&keyterm=Dr+M%C3%BCller&keyterm=a%26b%3Dc&keywords=Voxdesk%3A2");
}

TEST_CASE("deepgram: the fake server reads back exactly the options the client sent") {
  DeepgramListenOptions a;
  DeepgramListenOptions b;
  b.encoding = DeepgramEncoding::kLinear16;
  b.sample_rate = 48000;
  b.channels = 2;
  b.model = "nova-2-phonecall";
  b.language = "es-419";
  b.detect_language = true;
  b.interim_results = false;
  b.endpointing_ms.reset();
  b.utterance_end_ms = 1500;
  b.vad_events = b.smart_format = b.punctuate = true;
  b.keyterms = {"Señora García", "100% sure"};
  b.keywords = {"haircut:3", "fade"};
  for (const DeepgramListenOptions& o : {a, b}) {
    auto back = ParseDeepgramListenQuery(DeepgramListenQuery(o));
    REQUIRE_MESSAGE(back.ok(), back.status().message());
    CHECK(*back == o);
  }
}

TEST_CASE("deepgram: an absent parameter takes Deepgram's default and unknown ones are ignored") {
  auto o =
      ParseDeepgramListenQuery("encoding=linear16&sample_rate=16000&tier=enhanced&diarize=true");
  REQUIRE(o.ok());
  CHECK(o->encoding == DeepgramEncoding::kLinear16);
  CHECK(o->sample_rate == 16000);
  CHECK(o->endpointing_ms == 10);  // Deepgram's own default
  CHECK_FALSE(o->interim_results);
  CHECK(o->language.empty());
  CHECK_FALSE(o->utterance_end_ms.has_value());
}

TEST_CASE("deepgram: the listen query parser refuses bad values and names the parameter") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"encoding=opus", "encoding"},
      {"encoding=MULAW", "encoding"},
      {"sample_rate=8k", "sample_rate"},
      {"sample_rate=4000", "sample_rate"},
      {"sample_rate=8000.0", "sample_rate"},
      {"sample_rate=", "sample_rate"},
      {"channels=0", "channels"},
      {"endpointing=soon", "endpointing"},
      {"endpointing=-5", "endpointing"},
      {"utterance_end_ms=0", "utterance_end_ms"},
      {"interim_results=yes", "interim_results"},
      {"vad_events=1", "vad_events"},
      {"model=nova%203", "model"},
      {"language=en%0A", "language"},
      {"keywords=two%20words", "keywords"},
      {"keyterm=", "keyterm"},
      {"sample_rate=8000&sample_rate=16000", "twice"},
      {"model=%zz", "hex"},
      {"keyterm=%FF", "UTF-8"},
  };
  for (const auto& [query, needle] : cases) {
    CAPTURE(query);
    auto o = ParseDeepgramListenQuery(query);
    REQUIRE_FALSE(o.ok());
    CHECK(o.status().code() == Code::kInvalidArgument);
    CHECK_MESSAGE(o.status().message().find(needle) != std::string::npos, o.status().message());
  }
}

TEST_CASE("deepgram: control messages are KeepAlive, Finalize and CloseStream") {
  CHECK(DeepgramKeepAliveJson() == R"({"type":"KeepAlive"})");
  CHECK(DeepgramFinalizeJson() == R"({"type":"Finalize"})");
  CHECK(DeepgramCloseStreamJson() == R"({"type":"CloseStream"})");
  CHECK(ParseDeepgramControl(DeepgramKeepAliveJson())->type == DeepgramControl::Type::kKeepAlive);
  CHECK(ParseDeepgramControl(DeepgramCloseStreamJson())->type ==
        DeepgramControl::Type::kCloseStream);
  auto f = ParseDeepgramControl(DeepgramFinalizeJson());
  REQUIRE(f.ok());
  CHECK(f->type == DeepgramControl::Type::kFinalize);
  CHECK(f->channel == -1);
  CHECK(ParseDeepgramControl(R"({"type":"Finalize","channel":1})")->channel == 1);
  auto u = ParseDeepgramControl(R"({"type":"Configure","keyterms":[]})");
  REQUIRE(u.ok());
  CHECK(u->type == DeepgramControl::Type::kUnknown);
  CHECK(u->type_name == "Configure");
  CHECK_FALSE(ParseDeepgramControl(R"({"type":"Finalize","channel":"0"})").ok());
  CHECK_FALSE(ParseDeepgramControl(R"({"type":7})").ok());
  CHECK_FALSE(ParseDeepgramControl("KeepAlive").ok());
}

TEST_CASE("deepgram: a final result gives its transcript, flags and word times in milliseconds") {
  const DeepgramMessage m = Parse(kFinalResult);
  CHECK(m.type == Type::kResults);
  CHECK(m.transcript == "Another big problem.");
  CHECK(m.confidence == doctest::Approx(0.9998));
  CHECK(m.is_final);
  CHECK(m.speech_final);
  CHECK_FALSE(m.from_finalize);
  CHECK(m.start_ms == 5990);
  CHECK(m.duration_ms == 1980);
  CHECK(m.channel_index == 0);
  CHECK(m.channel_count == 1);
  CHECK(m.request_id == "52cc0efe-fa77-4aa7-b79c-0dda09de2f14");
  REQUIRE(m.words.size() == 3);
  CHECK(m.words[0].word == "another");
  CHECK(m.words[0].punctuated_word == "Another");
  CHECK(m.words[0].start_ms == 6040);
  CHECK(m.words[0].end_ms == 6380);
  CHECK(m.words[2].end_ms == 7100);
  CHECK(m.words[2].confidence == doctest::Approx(0.99));
  CHECK(m.languages.empty());

  const Transcript t = ToTranscript(m);
  CHECK(t.text == "Another big problem.");
  CHECK(t.is_final);
  CHECK(t.start_ms == 5990);
  CHECK(t.end_ms == 7970);
  REQUIRE(t.words.size() == 3);
  CHECK(t.words[0].word == "Another");  // the punctuated form when Deepgram gives one
  CHECK(t.words[2].word == "problem.");
  CHECK(t.words[1].start_ms == 6380);
}

TEST_CASE("deepgram: silence is an empty, non-final transcript, not an error") {
  const DeepgramMessage m = Parse(kSilence);
  CHECK(m.type == Type::kResults);
  CHECK(m.transcript.empty());
  CHECK(m.words.empty());
  CHECK_FALSE(m.is_final);
  const Transcript t = ToTranscript(m);
  CHECK(t.text.empty());
  CHECK_FALSE(t.is_final);
  CHECK(t.end_ms == 1000);
  // Optional fields may be missing altogether; is_final then defaults to false.
  const DeepgramMessage bare =
      Parse(R"({"type":"Results","channel":{"alternatives":[]},"is_final":null})");
  CHECK(bare.transcript.empty());
  CHECK_FALSE(bare.is_final);
}

TEST_CASE("deepgram: a multilingual result keeps non-ASCII text and the languages detected") {
  const DeepgramMessage m = Parse(
      R"({"type":"Results","channel_index":[1,2],"duration":1.5,"start":2.25,"is_final":true,)"
      R"("speech_final":false,"from_finalize":true,"channel":{"alternatives":[{)"
      R"("transcript":"¿Mañana a las 3? Okay","confidence":0.91,"languages":["es","en"],)"
      R"("words":[{"word":"mañana","start":2.3,"end":2.71,"confidence":0.95,)"
      R"("punctuated_word":"¿Mañana","language":"es"},{"word":"okay","start":3.4,"end":3.7,)"
      R"("confidence":0.88,"punctuated_word":"Okay","language":"en"}]}]}})");
  CHECK(m.transcript == "¿Mañana a las 3? Okay");
  CHECK(m.languages == std::vector<std::string>{"es", "en"});
  CHECK(m.from_finalize);
  CHECK(m.channel_index == 1);
  CHECK(m.channel_count == 2);
  REQUIRE(m.words.size() == 2);
  CHECK(m.words[0].punctuated_word == "¿Mañana");
  CHECK(m.words[0].language == "es");
  CHECK(m.words[1].language == "en");
  CHECK(ToTranscript(m).words[0].word == "¿Mañana");
  // detect_language reports one language per channel instead.
  const DeepgramMessage d =
      Parse(R"({"type":"Results","channel":{"alternatives":[{"transcript":"hola"}],)"
            R"("detected_language":"es"}})");
  CHECK(d.languages == std::vector<std::string>{"es"});
}

TEST_CASE("deepgram: UtteranceEnd, SpeechStarted, Metadata and Error messages") {
  const DeepgramMessage end =
      Parse(R"({"type":"UtteranceEnd","channel":[0,1],"last_word_end":2.395})");
  CHECK(end.type == Type::kUtteranceEnd);
  CHECK(end.last_word_end_ms == 2395);
  const DeepgramMessage start =
      Parse(R"({"type":"SpeechStarted","channel":[0,1],"timestamp":9.54})");
  CHECK(start.type == Type::kSpeechStarted);
  CHECK(start.timestamp_ms == 9540);
  const DeepgramMessage meta =
      Parse(R"({"type":"Metadata","transaction_key":"deprecated","request_id":"a8c0e2b4",)"
            R"("sha256":"5324da68ede209a16ac69a38e8cd29cee4d754434a041166cda3a1f5e0b24566",)"
            R"("created":"2024-08-29T22:11:56.000Z","duration":12.5,"channels":1,)"
            R"("models":["30089e05"],"model_info":{"30089e05":{"name":"2-general-nova"}}})");
  CHECK(meta.type == Type::kMetadata);
  CHECK(meta.request_id == "a8c0e2b4");
  CHECK(meta.duration_ms == 12500);
  CHECK(meta.channel_count == 1);
  const DeepgramMessage err =
      Parse(R"({"type":"Error","variant":"DATA-0000","description":"Failed to decode audio",)"
            R"("message":"bad data"})");
  CHECK(err.type == Type::kError);
  CHECK(err.error_code == "DATA-0000");
  CHECK(err.error_message == "Failed to decode audio");
  const DeepgramMessage err2 =
      Parse(R"({"type":"Error","err_code":"INVALID_AUTH","err_msg":"Invalid credentials."})");
  CHECK(err2.error_code == "INVALID_AUTH");
  CHECK(err2.error_message == "Invalid credentials.");
}

TEST_CASE("deepgram: an unknown message type is reported as unknown, not as an error") {
  const DeepgramMessage m = Parse(R"({"type":"Warning","warn_code":"W1","warn_msg":"slow"})");
  CHECK(m.type == Type::kUnknown);
  CHECK(m.type_name == "Warning");
  CHECK(Parse(R"({"type":"results"})").type == Type::kUnknown);  // names are case-sensitive
}

TEST_CASE("deepgram: malformed messages and wrong field types are rejected naming the field") {
  ExpectRejected("", "not JSON");
  ExpectRejected(R"({"type":"Results",)", "not JSON");
  ExpectRejected(R"(["Results"])", "not an object");
  ExpectRejected(R"({"channel":{}})", "type");
  ExpectRejected(R"({"type":5})", "type");
  ExpectRejected(R"({"type":"Results"})", "channel");
  ExpectRejected(R"({"type":"Results","channel":[]})", "channel");
  ExpectRejected(R"({"type":"Results","channel":{}})", "alternatives");
  ExpectRejected(R"({"type":"Results","is_final":"true","channel":{"alternatives":[]}})",
                 "is_final");
  ExpectRejected(R"({"type":"Results","start":"5.99","channel":{"alternatives":[]}})", "start");
  ExpectRejected(R"({"type":"Results","start":-1,"channel":{"alternatives":[]}})", "start");
  ExpectRejected(R"({"type":"Results","duration":1e300,"channel":{"alternatives":[]}})",
                 "duration");
  ExpectRejected(R"({"type":"Results","channel_index":0,"channel":{"alternatives":[]}})",
                 "channel_index");
  ExpectRejected(R"({"type":"Results","channel_index":[2,1],"channel":{"alternatives":[]}})",
                 "channel_index");
  ExpectRejected(R"({"type":"Results","channel_index":[0.5,1],"channel":{"alternatives":[]}})",
                 "channel_index");
  ExpectRejected(R"({"type":"Results","channel_index":[1024],"channel":{"alternatives":[]}})",
                 "channel_index");  // an index with no room for its count
  ExpectRejected(R"({"type":"Results","channel":{"alternatives":[{"transcript":7}]}})",
                 "alternatives[0].transcript");
  ExpectRejected(R"({"type":"Results","channel":{"alternatives":[{"confidence":1.5}]}})",
                 "confidence");
  ExpectRejected(R"({"type":"Results","channel":{"alternatives":[{"confidence":"0.9"}]}})",
                 "confidence");
  ExpectRejected(R"({"type":"Results","channel":{"alternatives":[{"words":{}}]}})", "words");
  ExpectRejected(R"({"type":"Results","channel":{"alternatives":[{"words":[{"word":"a"}]}]}})",
                 "words[0]");
  ExpectRejected(
      R"({"type":"Results","channel":{"alternatives":[{"words":[{"word":"a","start":2,"end":1}]}]}})",
      "before its start");
  ExpectRejected(
      R"({"type":"Results","channel":{"alternatives":[{"words":[{"word":1,"start":0,"end":1}]}]}})",
      "word");
  ExpectRejected(R"({"type":"Results","channel":{"alternatives":[{"languages":"es"}]}})",
                 "languages");
  ExpectRejected(R"({"type":"Results","channel":{"alternatives":[]},"metadata":"x"})", "metadata");
  ExpectRejected(R"({"type":"UtteranceEnd","last_word_end":"2.3"})", "last_word_end");
  ExpectRejected(R"({"type":"SpeechStarted","timestamp":true})", "timestamp");
  ExpectRejected(R"({"type":"Metadata","request_id":42})", "request_id");
  ExpectRejected(R"({"type":"Metadata","channels":1.5})", "channels");
  ExpectRejected(R"({"type":"Error","description":{}})", "description");
  ExpectRejected(
      "{\"type\":\"Results\",\"channel\":{\"alternatives\":[{\"transcript\":\"\xff\"}]}}",
      "not JSON");  // invalid UTF-8 inside a string
}

TEST_CASE("deepgram: every server encoder round-trips through the parser") {
  DeepgramMessage r = Parse(kFinalResult);
  CHECK(Parse(DeepgramResultsJson(r)) == r);
  r.languages = {"de"};
  r.words[1].language = "de";
  r.transcript = "Grüße aus Köln";
  r.channel_index = 1;
  r.channel_count = 2;
  r.from_finalize = true;
  CHECK(Parse(DeepgramResultsJson(r)) == r);
  CHECK(Parse(DeepgramResultsJson(Parse(kSilence))) == Parse(kSilence));

  const DeepgramMessage end = Parse(DeepgramUtteranceEndJson(2395, 1, 2));
  CHECK(end.type == Type::kUtteranceEnd);
  CHECK(end.last_word_end_ms == 2395);
  CHECK(end.channel_index == 1);
  CHECK(end.channel_count == 2);
  const DeepgramMessage started = Parse(DeepgramSpeechStartedJson(9540));
  CHECK(started.type == Type::kSpeechStarted);
  CHECK(started.timestamp_ms == 9540);
  const DeepgramMessage meta = Parse(DeepgramMetadataJson("req-1", 61001, 2));
  CHECK(meta.type == Type::kMetadata);
  CHECK(meta.request_id == "req-1");
  CHECK(meta.duration_ms == 61001);
  CHECK(meta.channel_count == 2);
  const DeepgramMessage err = Parse(DeepgramErrorJson("NET-0001", "no audio received"));
  CHECK(err.type == Type::kError);
  CHECK(err.error_code == "NET-0001");
  CHECK(err.error_message == "no audio received");
  for (const DeepgramMessage& m : {r, end, started, meta, err, Parse(R"({"type":"Other"})")}) {
    CHECK(Parse(DeepgramMessageJson(m)) == m);
  }
}

TEST_CASE("deepgram: a pre-recorded response gives one final transcript per channel") {
  constexpr std::string_view kBody = R"({
    "metadata": {"transaction_key": "deprecated", "request_id": "2479c8c8-8185-40ac-9ac6-f0874419f793",
                 "sha256": "154e291ecfa8be6ab8343560bcc109008fa7853eb5372533e8efdefc9b504c33",
                 "created": "2024-02-06T19:56:16.180Z", "duration": 25.933313, "channels": 2,
                 "models": ["30089e05-99d1-4376-b32e-c263170674af"]},
    "results": {"channels": [
      {"alternatives": [{"transcript": "Yeah. As much as it's worth celebrating,",
                         "confidence": 0.99902344,
                         "words": [{"word": "yeah", "start": 0.08, "end": 0.32, "confidence": 0.9975586,
                                    "punctuated_word": "Yeah."},
                                   {"word": "celebrating", "start": 1.5, "end": 2.25, "confidence": 0.99}]}],
       "detected_language": "en", "language_confidence": 0.99121094},
      {"alternatives": [{"transcript": "", "confidence": 0, "words": []}],
       "detected_language": "fr", "language_confidence": 0.5}
    ]}
  })";
  auto full = ParseDeepgramPrerecordedResponse(kBody);
  REQUIRE_MESSAGE(full.ok(), full.status().message());
  CHECK(full->request_id == "2479c8c8-8185-40ac-9ac6-f0874419f793");
  CHECK(full->duration_ms == 25933);
  REQUIRE(full->channels.size() == 2);
  CHECK(full->channels[0].detected_language == "en");
  CHECK(full->channels[0].language_confidence == doctest::Approx(0.99121094));
  CHECK(full->channels[1].detected_language == "fr");
  auto ts = ParseDeepgramPrerecorded(kBody);
  REQUIRE(ts.ok());
  REQUIRE(ts->size() == 2);
  CHECK((*ts)[0].text == "Yeah. As much as it's worth celebrating,");
  CHECK((*ts)[0].is_final);
  CHECK((*ts)[0].start_ms == 80);
  CHECK((*ts)[0].end_ms == 2250);
  CHECK((*ts)[0].words[0].word == "Yeah.");
  CHECK((*ts)[1].text.empty());
  CHECK((*ts)[1].end_ms == 25933);  // no words: the whole file
}

TEST_CASE("deepgram: a pre-recorded error body is the provider's refusal, malformed is bad input") {
  auto auth = ParseDeepgramPrerecorded(
      R"({"err_code":"INVALID_AUTH","err_msg":"Invalid credentials.","request_id":"x"})");
  REQUIRE_FALSE(auth.ok());
  CHECK(auth.status().code() == Code::kUnavailable);
  CHECK(auth.status().message().find("INVALID_AUTH: Invalid credentials.") != std::string::npos);
  auto json = ParseDeepgramPrerecorded(
      R"({"category":"INVALID_JSON","message":"Invalid JSON submitted.","details":"line 1"})");
  REQUIRE_FALSE(json.ok());
  CHECK(json.status().code() == Code::kUnavailable);
  CHECK(json.status().message().find("INVALID_JSON") != std::string::npos);
  for (std::string_view bad :
       {R"({})", R"({"results":[]})", R"({"results":{"channels":{}}})",
        R"({"results":{"channels":[{"alternatives":[{"confidence":"1"}]}]}})",
        R"({"results":{"channels":[{"alternatives":[],"detected_language":1}]}})",
        R"({"metadata":{"duration":"25"},"results":{"channels":[]}})"}) {
    CAPTURE(bad);
    auto r = ParseDeepgramPrerecorded(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
  }
}
