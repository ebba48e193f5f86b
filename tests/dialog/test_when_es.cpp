// FindWhen on real Spanish phrasings, from Thursday 2026-03-05 at 09:00.
// Rows read "date=... span=..~.. time=HH:MM win=HH:MM-HH:MM" ("" = nothing).
#include <doctest/doctest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "dialog/text.h"
#include "dialog/when.h"

using namespace date::literals;
using voxdesk::LocalDate;
using voxdesk::dialog::FindWhen;
using voxdesk::dialog::Lang;
using voxdesk::dialog::NormalizeText;
using voxdesk::dialog::When;

namespace {

std::string Hm(int m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

std::string Describe(const std::optional<When>& w) {
  if (!w) return "";
  std::ostringstream s;
  if (w->date) s << " date=" << *w->date;
  if (w->first_day || w->last_day)
    s << " span=" << w->first_day.value_or(LocalDate{}) << "~" << w->last_day.value_or(LocalDate{});
  if (w->time_min) s << " time=" << Hm(*w->time_min);
  if (w->window_from_min || w->window_to_min)
    s << " win=" << Hm(w->window_from_min.value_or(-1)) << "-" << Hm(w->window_to_min.value_or(-1));
  return s.str().empty() ? "" : s.str().substr(1);
}

struct Case {
  const char* said;
  const char* want;
};

constexpr LocalDate kToday = 2026_y / date::March / 5;  // jueves
constexpr int kNow = 9 * 60;

void CheckAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    const std::string n = NormalizeText(c.said, Lang::kEs);
    INFO("dicho: \"", std::string(c.said), "\" normalizado: \"", n, "\"");
    CHECK(Describe(FindWhen(n, kToday, kNow, Lang::kEs)) == std::string(c.want));
  }
}

}  // namespace

TEST_CASE("when es: days relative to today") {
  CheckAll({{"hoy", "date=2026-03-05"},
            {"mañana", "date=2026-03-06"},
            {"Mañana, por favor.", "date=2026-03-06"},
            {"pasado mañana", "date=2026-03-07"},
            {"en dos semanas", "date=2026-03-19"},
            {"dentro de una semana", "date=2026-03-12"},
            {"en 3 días", "date=2026-03-08"}});
}

TEST_CASE("when es: mañana is tomorrow unless it is the morning") {
  CheckAll({{"Mañana por la mañana", "date=2026-03-06 win=00:00-12:00"},
            {"por la mañana", "win=00:00-12:00"},
            {"mañana en la mañana", "date=2026-03-06 win=00:00-12:00"},
            {"a las 10 de la mañana", "time=10:00"},
            {"quiero una cita mañana a las 10 de la mañana", "date=2026-03-06 time=10:00"},
            {"esta mañana", "date=2026-03-05 win=00:00-12:00"},
            {"mañana temprano", "date=2026-03-06 win=00:00-12:00"}});
}

TEST_CASE("when es: weekdays") {
  CheckAll({{"el lunes", "date=2026-03-09"},
            {"el próximo martes", "date=2026-03-10"},
            {"el martes que viene", "date=2026-03-10"},
            {"el martes próximo", "date=2026-03-10"},
            {"este viernes", "date=2026-03-06"},
            {"el jueves", "date=2026-03-12"},
            {"el miércoles", "date=2026-03-11"},
            {"el sábado de la semana que viene", "date=2026-03-14"},
            {"el martes pasado", ""}});
}

TEST_CASE("when es: spans of days") {
  CheckAll({{"la semana que viene", "span=2026-03-09~2026-03-15"},
            {"la próxima semana", "span=2026-03-09~2026-03-15"},
            {"la semana próxima", "span=2026-03-09~2026-03-15"},
            {"a principios de la semana que viene", "span=2026-03-09~2026-03-10"},
            {"a principios de la próxima semana", "span=2026-03-09~2026-03-10"},
            {"a mediados de la semana que viene", "span=2026-03-10~2026-03-12"},
            {"a finales de la semana que viene", "span=2026-03-12~2026-03-14"},
            {"esta semana", "span=2026-03-05~2026-03-08"},
            {"a finales de la semana", "span=2026-03-05~2026-03-07"},
            {"el fin de semana", "span=2026-03-07~2026-03-08"},
            {"este fin de semana", "span=2026-03-07~2026-03-08"},
            {"el fin de semana que viene", "span=2026-03-14~2026-03-15"},
            {"el próximo fin de semana", "span=2026-03-14~2026-03-15"},
            {"el mes que viene", "span=2026-04-01~2026-04-30"},
            {"la semana", ""}});
}

TEST_CASE("when es: calendar dates") {
  CheckAll({{"el 14", "date=2026-03-14"},
            {"el día 14", "date=2026-03-14"},
            {"el catorce", "date=2026-03-14"},
            {"el 4", "date=2026-04-04"},
            {"el 12 de marzo", "date=2026-03-12"},
            {"el doce de marzo", "date=2026-03-12"},
            {"12 de marzo", "date=2026-03-12"},
            {"el primero de abril", "date=2026-04-01"},
            {"el 3 de marzo", "date=2027-03-03"},
            {"el 12 de marzo de 2027", "date=2027-03-12"},
            {"12/3", "date=2026-03-12"},  // día/mes
            {"25/12", "date=2026-12-25"},
            {"el 14 a las 3", "date=2026-03-14 time=15:00"}});
}

TEST_CASE("when es: times") {
  CheckAll({{"a las diez", "time=10:00"},
            {"a las 3 y media", "time=15:30"},
            {"a las cuatro y cuarto", "time=16:15"},
            {"a las 5 menos cuarto", "time=16:45"},
            {"a las 5 menos diez", "time=16:50"},
            {"a las 4 y 20", "time=16:20"},
            {"a las diez y cinco", "time=10:05"},
            {"a la una", "time=13:00"},
            {"a la una y media", "time=13:30"},
            {"al mediodía", "time=12:00"},
            {"a medianoche", "time=00:00"},
            {"a las tres en punto", "time=15:00"},
            {"a las 7 de la tarde", "time=19:00"},
            {"a las 9 de la noche", "time=21:00"},
            {"a las 12 de la noche", "time=00:00"},
            {"a las 12 del mediodía", "time=12:00"},
            {"a las 6 de la mañana", "time=06:00"},
            {"once de la mañana", "time=11:00"},
            {"a las once", "time=11:00"},
            {"a las 10:30", "time=10:30"},
            {"a las diez treinta", "time=10:30"},
            {"sobre las 4", "time=16:00"},
            {"a las 4 pm", "time=16:00"}});
}

TEST_CASE("when es: parts of day and bounds") {
  CheckAll({{"por la tarde", "win=12:00-17:00"},
            {"por la noche", "win=17:00-24:00"},
            {"esta tarde", "date=2026-03-05 win=12:00-17:00"},
            {"esta noche a las 8", "date=2026-03-05 time=20:00"},
            {"el viernes por la tarde", "date=2026-03-06 win=12:00-17:00"},
            {"después de las 4", "win=16:00-24:00"},
            {"a partir de las 3", "win=15:00-24:00"},
            {"antes de las 11", "win=00:00-11:00"},
            {"hasta las 2", "win=00:00-14:00"},
            {"entre las 2 y las 4", "win=14:00-16:00"},
            {"entre las 2 y 4", "win=14:00-16:00"},
            {"de 2 a 4", "win=14:00-16:00"},
            {"desde las 9 hasta las 11", "win=09:00-11:00"},
            {"mañana por la tarde después de las 3", "date=2026-03-06 win=15:00-17:00"}});
}

TEST_CASE("when es: dates and times together") {
  CheckAll({{"¿Puede ser el jueves a las diez de la mañana?", "date=2026-03-12 time=10:00"},
            {"eh este quiero ir el sábado de la semana que viene por la tarde",
             "date=2026-03-14 win=12:00-17:00"},
            {"el próximo martes a las 3 y media", "date=2026-03-10 time=15:30"},
            {"pasado mañana a la una", "date=2026-03-07 time=13:00"},
            {"Soy Ana, nací el tres de marzo de mil novecientos ochenta y cinco, necesito una "
             "limpieza el "
             "martes a las diez",
             "date=2026-03-10 time=10:00"}});
}

TEST_CASE("when es: numbers that are not dates or times") {
  CheckAll({{"tengo 2 hijos", ""},
            {"quiero una cita", ""},
            {"mi número es cinco cinco cinco cero uno cero cero", ""},
            {"mi número es 555-0100", ""},
            {"somos tres personas", ""},
            {"llego tarde", ""},
            {"fecha de nacimiento 3/4/1985", ""}});
}
