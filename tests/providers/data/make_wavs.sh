#!/bin/sh
# Regenerates the 8 kHz mu-law telephone-band test utterances from
# sentences.txt with espeak-ng and sox. The WAVs are committed so the
# recognition test does not depend on the installed espeak-ng version;
# rerun this only to change the corpus.
set -eu
cd "$(dirname "$0")"
voices="en-us en-us+f2 en-us+m3 en-us+f4"
i=0
grep -v '^#' sentences.txt | while IFS='|' read -r id kind text; do
  set -- $voices
  shift $((i % 4))
  voice=$1
  i=$((i + 1))
  espeak-ng -v "$voice" -s 150 -w "/tmp/voxdesk_$id.wav" "$text"
  # Telephone band (300-3400 Hz), 8 kHz, G.711 mu-law, 3 dB below full scale.
  sox "/tmp/voxdesk_$id.wav" -r 8000 -e u-law -b 8 "$id.wav" sinc 300-3400 norm -3
  rm -f "/tmp/voxdesk_$id.wav"
done
