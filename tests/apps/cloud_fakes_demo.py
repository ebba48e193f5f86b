#!/usr/bin/env python3
"""voxdesk demo in cloud mode against the local fakes: Deepgram and
ElevenLabs served on loopback by voxdesk_fake_cloud, reached through the
production adapters over real WebSockets. The fake Deepgram hears the
caller's utterances in the audio and answers each with the line the caller
said; the call must book with no failover, every reply spoken by the fake
ElevenLabs, and the fake must have received the caller's audio.
Usage: cloud_fakes_demo.py PATH_TO_VOXDESK PATH_TO_FAKE_CLOUD"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

EXE = FAKE = None
# What the demo's caller says (src/apps/cli/cmd_demo.cpp), as a recogniser
# would write it.
HEARD = ["hi i'd like to book a teeth cleaning next tuesday at ten",
         "the second one please",
         "my name is maria lopez",
         "march third nineteen eighty five",
         "yes please",
         "no that's all thank you"]


class DemoOnLocalFakesTest(unittest.TestCase):
    def test_a_call_in_cloud_mode_books_through_the_fakes(self):
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "heard.txt")
            with open(script, "w") as f:
                f.write("\n".join(HEARD) + "\n")
            fake = subprocess.Popen([FAKE, script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
            try:
                providers = json.loads(fake.stdout.readline())
                path = os.path.join(tmp, "providers.json")
                with open(path, "w") as f:
                    json.dump(providers, f)
                env = dict(os.environ, DEEPGRAM_API_KEY="dg-local", ELEVENLABS_API_KEY="xi-local")
                r = subprocess.run([EXE, "demo", "--providers", path, "--out",
                                    os.path.join(tmp, "out")],
                                   capture_output=True, text=True, env=env, timeout=400)
            finally:
                _, fake_err = fake.communicate(input="", timeout=30)
            self.assertEqual(r.returncode, 0, r.stderr + r.stdout)
            out = r.stdout
            self.assertIn("deepgram > embedded (speech in)", out)
            self.assertIn("elevenlabs > embedded (speech out)", out)
            # Nothing failed over: no alert at all.
            self.assertNotIn("!!", out, out)
            # The caller's words came back from the fake, in order.
            for line in HEARD:
                self.assertIn("caller: " + line + "   (as recognised)", out, out)
            self.assertIn("Outcome: booked", out, out)
            with open(os.path.join(tmp, "out", "call.json")) as f:
                record = json.load(f)
            self.assertEqual(record["outcome"], "booked")
            self.assertEqual(record["booking"]["customer"]["name"], "Maria Lopez")
            # The fakes were really used: audio went to Deepgram, replies
            # came from ElevenLabs.
            self.assertIn("on 1 connection(s)", fake_err)
            self.assertNotIn("heard 0 bytes", fake_err)
            self.assertNotIn("spoke 0 generation(s)", fake_err)


if __name__ == "__main__":
    EXE = os.path.abspath(sys.argv[1])
    FAKE = os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1])
