#!/usr/bin/env python3
"""Writes data/stt-model/sentences.txt: what callers say to a receptionist
(requests, times and dates, names, dates of birth, yes and no, questions),
generated from templates with a fixed seed, for adapting the recogniser's
acoustic model to telephone audio (scripts/build-stt-model).

Every sentence the tests or the demo speak to the recogniser is held out:
the tests measure the model on speech it was not adapted on.

usage: tools/stt_model/make_sentences.py > data/stt-model/sentences.txt
"""
import os
import random
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
N = 3000
rng = random.Random(11)
days = "monday tuesday wednesday thursday friday saturday sunday".split()
months = "january february march april may june july august september october november december".split()
ords = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth twenty-seventh twenty-eighth thirtieth".split()
hours = "one two three four five six seven eight nine ten eleven twelve".split()
mins = ["", "fifteen", "thirty", "forty five", "o'clock", "twenty", "forty"]
first = "james robert michael william david richard joseph thomas charles mary patricia jennifer linda elizabeth barbara susan jessica karen nancy daniel paul mark george kevin brian anna emily laura rachel peter helen carlos rosa luis ana sofia diego elena miguel".split()
last = "johnson williams brown jones garcia miller davis rodriguez martinez hernandez wilson anderson taylor thomas moore martin jackson white harris clark lewis walker hall allen young king wright scott green baker adams nelson hill campbell mitchell roberts carter phillips evans turner torres parker collins edwards stewart morris murphy cook rogers".split()
services = ["an exam", "a checkup", "a cleaning", "a filling", "a crown", "an x ray", "a consultation",
            "a haircut", "a repair", "an estimate", "an inspection", "a follow up", "a physical", "a root canal",
            "an eye exam", "a massage", "a tune up", "a visit", "a second opinion", "a new patient visit"]
years = ["nineteen " + a + (" " + b if b else "") for a in "fifty sixty seventy eighty ninety".split() for b in ["", "one", "two", "four", "six", "seven", "eight"]] + ["two thousand " + x for x in "one three five seven nine".split()]
def time():
    h = rng.choice(hours); m = rng.choice(mins)
    t = h + (" " + m if m else "")
    return t + rng.choice(["", "", " in the morning", " in the afternoon", " a m", " p m"])
def date():
    return rng.choice([rng.choice(days), "next " + rng.choice(days), "this " + rng.choice(days),
                       rng.choice(months) + " " + rng.choice(ords), "the " + rng.choice(ords) + " of " + rng.choice(months),
                       "tomorrow", "the day after tomorrow", "next week", "later this week"])
def name(): return rng.choice(first) + " " + rng.choice(last)
T = [
 lambda: f"hi i would like to book {rng.choice(services)} {date()} at {time()}",
 lambda: f"hello i need {rng.choice(services)} please",
 lambda: f"do you have anything {date()}",
 lambda: f"could i come in {date()} {rng.choice(['morning','afternoon','evening'])}",
 lambda: f"i'd like to schedule {rng.choice(services)} with doctor {rng.choice(last)}",
 lambda: f"can i move my appointment to {date()}",
 lambda: f"i need to cancel my appointment on {date()}",
 lambda: f"{time()} works for me",
 lambda: f"the {rng.choice(['first','second','third','last','earlier','later'])} {rng.choice(['one','time','slot'])} {rng.choice(['please','is fine','sounds good',''])}",
 lambda: f"my name is {name()}",
 lambda: f"this is {name()}",
 lambda: f"it's {name()}",
 lambda: name(),
 lambda: f"{rng.choice(months)} {rng.choice(ords)} {rng.choice(years)}",
 lambda: f"i was born on {rng.choice(months)} {rng.choice(ords)} {rng.choice(years)}",
 lambda: rng.choice(["yes", "yes please", "yeah that's right", "yes that's correct", "sure", "no", "no thank you", "no that's not right", "nope", "that's correct", "okay", "perfect thank you"]),
 lambda: rng.choice(["what time do you open", "are you open on saturday", "how much does it cost", "where are you located",
                     "can i talk to a person", "i'd like to speak to someone", "do you take my insurance",
                     "can you say that again", "sorry i didn't catch that", "that's all thank you", "goodbye",
                     "is there parking", "how long does it take", "i have a question about my bill"]),
 lambda: f"my phone number is {' '.join(rng.choice('zero one two three four five six seven eight nine'.split()) for _ in range(7))}",
]


def norm(s):
    return " ".join(re.sub(r"[^a-z' ]", " ", s.lower().replace("-", " ")).split())


def held_out():
    """The lines tests and the demo say (kept in sync by hand: a line added
    to a recognition test belongs here too)."""
    out = set()
    with open(os.path.join(ROOT, "tests", "providers", "data", "sentences.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                out.add(norm(line.split("|")[2]))
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "held_out.txt")) as f:
        out.update(norm(l) for l in f if l.strip() and not l.startswith("#"))
    return out


def main():
    skip = held_out()
    seen = 0
    i = 0
    while seen < N:
        s = norm(T[i % len(T)]())
        i += 1
        if s in skip:
            continue
        print(s)
        seen += 1


if __name__ == "__main__":
    main()
