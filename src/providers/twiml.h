// TwiML: the XML a voice webhook answers with to tell Twilio what to do with
// a call (https://www.twilio.com/docs/voice/twiml). voxdesk uses it to
// connect a call's audio to the media-stream WebSocket, to speak when no
// stream is up, to gather keys or speech, to transfer (Dial) and to hang up.
//
// Verbs are values; Render checks what Twilio would refuse at call time
// (Gather holding anything but Say/Play/Pause, a Stream URL that is not
// wss://, a Dial target that is neither E.164 nor a SIP URI, text that is
// not UTF-8) and escapes all text and attributes.
//
// Thread safety: values; pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace voxdesk::providers {

struct TwimlVerb {
  std::string name;  // "Say", "Dial", ...
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;                 // element text (escaped on render)
  std::vector<TwimlVerb> children;  // nested nouns and verbs
};

// <Say voice language>text</Say>; empty options are left out.
TwimlVerb Say(std::string_view text, std::string_view voice = {}, std::string_view language = {});
TwimlVerb Play(std::string_view url);
TwimlVerb Pause(int seconds);
TwimlVerb Hangup();
TwimlVerb Redirect(std::string_view url);

struct GatherOptions {
  std::string input = "dtmf speech";  // "dtmf", "speech" or both
  std::string action;                 // where Twilio posts the result; empty = this URL
  int timeout_s = 5;
  int num_digits = 0;  // 0 = until '#' or timeout
  std::string language;
  std::string hints;  // comma-separated phrases for speech recognition
};
TwimlVerb Gather(const GatherOptions& options, std::vector<TwimlVerb> prompts = {});

struct DialOptions {
  std::string caller_id;  // E.164 shown to the callee; empty = the caller's
  int timeout_s = 30;
  std::string action;  // posted when the dialled leg ends; empty = none
};
// Transfers the call to `target`: an E.164 number or a sip: URI.
TwimlVerb Dial(std::string_view target, const DialOptions& options = {});

// <Connect><Stream url><Parameter name value/>...</Stream></Connect>: a
// bidirectional media stream (CONTRACTS: how a live call reaches a session).
TwimlVerb ConnectStream(std::string_view wss_url,
                        const std::vector<std::pair<std::string, std::string>>& parameters = {},
                        std::string_view status_callback = {});

struct RecordOptions {
  std::string action;
  int max_length_s = 120;
  int timeout_s = 5;  // silence that ends the recording
  bool play_beep = true;
  std::string transcribe_callback;  // empty = no transcription
};
TwimlVerb Record(const RecordOptions& options = {});

// <?xml ...?><Response>verbs</Response>, or kInvalidArgument naming the verb.
Result<std::string> RenderTwiml(const std::vector<TwimlVerb>& verbs);

// XML text and attribute escaping (& < > " '), for other XML writers too.
std::string XmlEscape(std::string_view text);

}  // namespace voxdesk::providers
