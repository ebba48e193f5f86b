// Callers introducing themselves, in English and Spanish, and the phrases
// after "I'm", "it's", "this is" and "soy" that are not names.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "dialog/contact.h"

using voxdesk::dialog::FindPersonName;
using voxdesk::dialog::Lang;
using voxdesk::dialog::NameFromAnswer;

namespace {

struct Row {
  std::string_view utterance;
  Lang lang;
  std::optional<std::string_view> want;
};

const Row kIntroductions[] = {
    {"this is Ana Ruiz", Lang::kEn, "Ana Ruiz"},
    {"Hi, this is Ana Ruiz.", Lang::kEn, "Ana Ruiz"},
    {"hi this is ana ruiz", Lang::kEn, "Ana Ruiz"},
    {"my name is ana ruiz", Lang::kEn, "Ana Ruiz"},
    {"My name is, uh, Ana Ruiz", Lang::kEn, "Ana Ruiz"},
    {"it's Bob Smith calling", Lang::kEn, "Bob Smith"},
    {"name's John", Lang::kEn, "John"},
    {"I'm Maria Lopez and I'd like to book a cleaning", Lang::kEn, "Maria Lopez"},
    {"i'm maria lopez and i need a cleaning", Lang::kEn, "Maria Lopez"},
    {"I’m Seán O’Brien", Lang::kEn, "Seán O'Brien"},
    {"this is MARY-JANE WATSON", Lang::kEn, "Mary-Jane Watson"},
    {"hello my name is Ronald McDonald", Lang::kEn, "Ronald McDonald"},
    {"this is John Paul Jones Smith Junior here", Lang::kEn, "John Paul Jones Smith"},
    {"Hi it's me, my name is Ana", Lang::kEn, "Ana"},
    {"Me llamo Ana Ruiz", Lang::kEs, "Ana Ruiz"},
    {"me llamo ana ruiz y quiero una cita", Lang::kEs, "Ana Ruiz"},
    {"Soy Ana Ruiz", Lang::kEs, "Ana Ruiz"},
    {"hola, soy josé álvarez, necesito una cita", Lang::kEs, "José Álvarez"},
    {"mi nombre es María de la Cruz", Lang::kEs, "María de la Cruz"},
    {"Buenas tardes, le habla Carmen Núñez", Lang::kEs, "Carmen Núñez"},
    // Not introductions.
    {"I'm calling about my appointment", Lang::kEn, std::nullopt},
    {"I'm looking for a dentist", Lang::kEn, std::nullopt},
    {"I'm not sure", Lang::kEn, std::nullopt},
    {"this is about my bill", Lang::kEn, std::nullopt},
    {"it's for my son", Lang::kEn, std::nullopt},
    {"I'm a new patient", Lang::kEn, std::nullopt},
    {"i'm sick", Lang::kEn, std::nullopt},
    {"Hi, I'm running late. Can I move it?", Lang::kEn, std::nullopt},
    {"it's Tuesday at 10", Lang::kEn, std::nullopt},
    {"I am interested in whitening", Lang::kEn, std::nullopt},
    {"It's urgent, I broke a tooth", Lang::kEn, std::nullopt},
    {"Yes I'm available Monday", Lang::kEn, std::nullopt},
    {"I'm wondering if you take Aetna", Lang::kEn, std::nullopt},
    {"soy yo", Lang::kEs, std::nullopt},
    {"soy paciente nueva", Lang::kEs, std::nullopt},
    {"soy de Madrid", Lang::kEs, std::nullopt},
    {"I'm 42", Lang::kEn, std::nullopt},
    {"", Lang::kEn, std::nullopt},
};

const Row kAnswers[] = {
    {"Ana Ruiz", Lang::kEn, "Ana Ruiz"},
    {"ana ruiz", Lang::kEn, "Ana Ruiz"},
    {"uh it's ana ruiz", Lang::kEn, "Ana Ruiz"},
    {"yeah, Ana Ruiz.", Lang::kEn, "Ana Ruiz"},
    {"Ruiz, Ana", Lang::kEn, "Ana Ruiz"},
    {"Ana Ruiz here", Lang::kEn, "Ana Ruiz"},
    {"sí, Ana Ruiz", Lang::kEs, "Ana Ruiz"},
    {"Ana Ruiz, gracias", Lang::kEs, "Ana Ruiz"},
    {"I don't know", Lang::kEn, std::nullopt},
    {"why do you need it", Lang::kEn, std::nullopt},
    {"no", Lang::kEn, std::nullopt},
    {"Ana Ruiz wants to book a cleaning", Lang::kEn, std::nullopt},
    {"", Lang::kEn, std::nullopt},
};

void Check(const Row& r, const std::optional<std::string>& got) {
  if (r.want) {
    CHECK(got.value_or("(none)") == *r.want);
  } else {
    CHECK(got.value_or("(none)") == "(none)");
  }
}

}  // namespace

TEST_CASE("names are found after introduction cues and Title-Cased") {
  for (const Row& r : kIntroductions) {
    INFO("utterance: " << r.utterance);
    Check(r, FindPersonName(r.utterance, r.lang));
  }
}

TEST_CASE("an answer to what is your name may be a bare name") {
  for (const Row& r : kAnswers) {
    INFO("utterance: " << r.utterance);
    Check(r, NameFromAnswer(r.utterance, r.lang));
  }
}

TEST_CASE("a bare name is not taken from a sentence that has no introduction") {
  CHECK_FALSE(FindPersonName("Ana Ruiz", Lang::kEn).has_value());
  CHECK_FALSE(FindPersonName("I want to book with Doctor Patel", Lang::kEn).has_value());
}
