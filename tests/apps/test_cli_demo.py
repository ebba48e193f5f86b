#!/usr/bin/env python3
"""voxdesk demo in cloud mode (--providers), run as a real process: a bad
providers file or a missing key exits 2 naming what to fix, and a call whose
cloud services are all unreachable is carried by the embedded engines at the
end of each failover chain and still books.
Usage: test_cli_demo.py PATH_TO_VOXDESK REPO_DIR"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

EXE = None
KEYS = {"DEEPGRAM_API_KEY": "dg", "ELEVENLABS_API_KEY": "xi", "OPENAI_API_KEY": "sk",
        "ANTHROPIC_API_KEY": "ak"}
# Port 9 (discard) has no listener on loopback: every connection is refused.
DOWN = {"stt": [{"type": "deepgram", "base_url": "ws://127.0.0.1:9"}],
        "tts": [{"type": "elevenlabs", "voice_id": "v1", "base_url": "ws://127.0.0.1:9"}],
        "llm": [{"type": "openai", "base_url": "http://127.0.0.1:9"},
                {"type": "anthropic", "base_url": "http://127.0.0.1:9"}],
        "realtime": [{"type": "openai", "base_url": "ws://127.0.0.1:9"}]}


class DemoCloudTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def demo(self, providers, env_keys=KEYS, timeout=60):
        path = os.path.join(self.tmp.name, "providers.json")
        with open(path, "w") as f:
            f.write(providers if isinstance(providers, str) else json.dumps(providers))
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        env.update(env_keys)
        r = subprocess.run([EXE, "demo", "--providers", path, "--out", os.path.join(self.tmp.name, "out")],
                           capture_output=True, text=True, timeout=timeout, env=env)
        return r.returncode, r.stdout, r.stderr

    def test_bad_providers_file_exits_2_naming_the_setting(self):
        rc, _, err = self.demo({"tts": [{"type": "elevenlabs"}]})
        self.assertEqual(rc, 2, err)
        self.assertIn("--providers", err)
        self.assertIn("providers.tts[0].voice_id", err)
        rc, _, err = self.demo("{not json")
        self.assertEqual(rc, 2, err)
        self.assertIn("providers: not valid JSON", err)
        rc, _, err = self.demo({"llm": [{"type": "openai", "api_key": "sk-live"}]})
        self.assertEqual(rc, 2, err)
        self.assertIn("api_key_env", err)

    def test_missing_key_exits_2_naming_the_variable(self):
        rc, _, err = self.demo({"stt": [{"type": "deepgram"}]}, env_keys={})
        self.assertEqual(rc, 2, err)
        self.assertIn("DEEPGRAM_API_KEY", err)

    def test_every_cloud_service_down_the_embedded_engines_book_the_call(self):
        # Paced by the wall clock: about a minute.
        rc, out, err = self.demo(DOWN, timeout=400)
        self.assertEqual(rc, 0, err)
        self.assertIn("deepgram > embedded (speech in)", out)
        self.assertIn("openai realtime gpt-realtime (speech to speech)", out)
        self.assertIn("openai > anthropic > embedded (dialog)", out)
        self.assertIn("Outcome: booked", out)
        # The one failure shown is the realtime model's, taken over at the start.
        alerts = [l for l in out.splitlines() if "!!" in l]
        self.assertEqual(len(alerts), 1, out)
        self.assertIn("realtime:", alerts[0])
        self.assertIn("the call goes on with the recogniser and the agent", alerts[0])
        with open(os.path.join(self.tmp.name, "out", "call.json")) as f:
            record = json.load(f)
        self.assertEqual(record["outcome"], "booked")


if __name__ == "__main__":
    EXE = os.path.abspath(sys.argv[1])
    unittest.main(argv=sys.argv[:1] + sys.argv[3:])
