// voxdesk_fake_cloud: the loopback fakes of Deepgram (live STT) and
// ElevenLabs (stream-input TTS) as one process, so that `voxdesk demo
// --providers` runs a whole call in cloud mode on this machine, through the
// production adapters and real sockets, with no service and no key.
//
//   voxdesk_fake_cloud SCRIPT_FILE
//
// SCRIPT_FILE holds what the fake Deepgram "hears", one caller utterance per
// line, in order (it finds utterances in the audio by energy and answers
// each with the next line). The fake ElevenLabs speaks audibly (a tone per
// character). The program prints the providers document for the demo on its
// first line of output, then serves until its standard input closes. Keys:
// DEEPGRAM_API_KEY=dg-local, ELEVENLABS_API_KEY=xi-local.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fakes/fake_deepgram_server.h"
#include "fakes/fake_elevenlabs_server.h"

int main(int argc, char** argv) {
  using voxdesk::fakes::FakeDeepgramServer;
  using voxdesk::fakes::FakeElevenLabsServer;
  if (argc != 2) {
    std::cerr << "usage: voxdesk_fake_cloud SCRIPT_FILE\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "voxdesk_fake_cloud: cannot read " << argv[1] << "\n";
    return 2;
  }
  FakeDeepgramServer::Script script;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) script.lines.push_back(line);
  script.by_utterance = true;
  script.end_silence_ms = 700;  // pauses inside a sentence are not its end

  FakeDeepgramServer deepgram("dg-local");
  FakeElevenLabsServer elevenlabs("xi-local");
  if (!deepgram.Start() || !elevenlabs.Start()) {
    std::cerr << "voxdesk_fake_cloud: cannot listen on loopback\n";
    return 1;
  }
  deepgram.SetScript(script);
  elevenlabs.SetAudible(true);
  const nlohmann::json providers = {
      {"stt", {{{"type", "deepgram"}, {"base_url", deepgram.url()}}}},
      {"tts",
       {{{"type", "elevenlabs"}, {"voice_id", "fake-voice"}, {"base_url", elevenlabs.url()}}}},
  };
  std::cout << providers.dump() << std::endl;
  for (std::string ignored; std::getline(std::cin, ignored);) {
  }
  std::cerr << "voxdesk_fake_cloud: deepgram heard " << deepgram.audio_bytes() << " bytes on "
            << deepgram.connections() << " connection(s); elevenlabs spoke "
            << elevenlabs.generations().size() << " generation(s)\n";
  return 0;
}
