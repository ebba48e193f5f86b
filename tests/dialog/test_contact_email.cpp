// Email addresses written or spelled out, in English and Spanish, and the
// "at" phrases that are not email addresses.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "dialog/contact.h"

using voxdesk::dialog::FindEmail;

namespace {

struct Row {
  std::string_view utterance;
  std::optional<std::string_view> want;
};

const Row kRows[] = {
    {"ana.ruiz@example.com", "ana.ruiz@example.com"},
    {"it's Ana.Ruiz@Example.COM.", "ana.ruiz@example.com"},
    {"email me at <bob_smith+appts@mail.example.co.uk>, thanks",
     "bob_smith+appts@mail.example.co.uk"},
    {"ana dot ruiz at gmail dot com", "ana.ruiz@gmail.com"},
    {"Ana dot Ruiz at Gmail dot com.", "ana.ruiz@gmail.com"},
    {"ana underscore ruiz at example dot org", "ana_ruiz@example.org"},
    {"bob dash smith at my-clinic dot com", "bob-smith@my-clinic.com"},
    {"my email is ana ruiz at gmail dot com", "anaruiz@gmail.com"},
    {"my email address is ana ruiz 84 at yahoo dot com", "anaruiz84@yahoo.com"},
    {"it's ana.ruiz at gmail.com", "ana.ruiz@gmail.com"},
    {"send it to ruiz at example dot co dot uk please", "ruiz@example.co.uk"},
    {"mi correo es ana punto ruiz arroba gmail punto com", "ana.ruiz@gmail.com"},
    {"Mi correo electrónico es ana guion bajo ruiz arroba hotmail punto es", "ana_ruiz@hotmail.es"},
    {"anaruiz arroba gmail.com", "anaruiz@gmail.com"},
    // Not email addresses.
    {"at 10", std::nullopt},
    {"can I come in at 10", std::nullopt},
    {"I'll be there at 10 dot 30", std::nullopt},
    {"I'm at home", std::nullopt},
    {"ana at gmail", std::nullopt},
    {"ana@", std::nullopt},
    {"@example.com", std::nullopt},
    {"ana@localhost", std::nullopt},
    {"ana..ruiz@example.com", std::nullopt},
    {"meet me at the park dot", std::nullopt},
    {"", std::nullopt},
    {"nos vemos a las diez", std::nullopt},
};

}  // namespace

TEST_CASE("email addresses are found written or spelled out and lower-cased") {
  for (const Row& r : kRows) {
    INFO("utterance: " << r.utterance);
    const auto got = FindEmail(r.utterance);
    if (r.want) {
      CHECK(got.value_or("(none)") == *r.want);
    } else {
      CHECK(got.value_or("(none)") == "(none)");
    }
  }
}
