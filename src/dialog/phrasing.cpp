#include "dialog/phrasing.h"

#include <array>
#include <string_view>

namespace voxdesk::dialog {
namespace {

constexpr std::array<std::string_view, 7> kEnDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                     "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 7> kEsDays = {"lunes",   "martes", "miércoles", "jueves",
                                                     "viernes", "sábado", "domingo"};
constexpr std::array<std::string_view, 12> kEnMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kEsMonths = {
    "enero", "febrero", "marzo",      "abril",   "mayo",      "junio",
    "julio", "agosto",  "septiembre", "octubre", "noviembre", "diciembre"};

std::string_view Ordinal(unsigned d) {
  if (d % 100 >= 11 && d % 100 <= 13) return "th";
  switch (d % 10) {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
  }
}

}  // namespace

std::string SpeakDate(LocalDate d, Lang lang) {
  if (!d.ok()) return {};
  const unsigned wd = date::weekday{date::sys_days{d}}.iso_encoding() - 1;
  const unsigned m = static_cast<unsigned>(d.month()) - 1;
  const unsigned day = static_cast<unsigned>(d.day());
  std::string s;
  if (lang == Lang::kEs) {
    s.append("el ").append(kEsDays[wd]).append(" ").append(std::to_string(day)).append(" de ");
    s.append(kEsMonths[m]);
  } else {
    s.append(kEnDays[wd]).append(", ").append(kEnMonths[m]).append(" ").append(std::to_string(day));
    s.append(Ordinal(day));
  }
  return s;
}

std::string SpeakTime(int minutes, Lang lang) {
  minutes = ((minutes % 1440) + 1440) % 1440;
  const int h24 = minutes / 60, m = minutes % 60;
  const int h12 = h24 % 12 == 0 ? 12 : h24 % 12;
  std::string s;
  if (lang == Lang::kEs) {
    s.append(h12 == 1 ? "la " : "las ").append(std::to_string(h12));
    if (m == 15) {
      s.append(" y cuarto");
    } else if (m == 30) {
      s.append(" y media");
    } else if (m != 0) {
      s.append(" y ").append(std::to_string(m));
    }
    if (h24 == 0 || h24 >= 20)
      s.append(" de la noche");
    else if (h24 <= 5)
      s.append(" de la madrugada");
    else if (h24 <= 11)
      s.append(" de la mañana");
    else if (h24 == 12)
      s.append(" del mediodía");
    else
      s.append(" de la tarde");
    return s;
  }
  if (minutes == 0) return "midnight";
  if (minutes == 720) return "noon";
  s.append(std::to_string(h12));
  if (m != 0) s.append(m < 10 ? ":0" : ":").append(std::to_string(m));
  s.append(h24 < 12 ? " AM" : " PM");
  return s;
}

std::string SpeakDateTime(LocalSeconds local, Lang lang) {
  const auto day = date::floor<date::days>(local);
  const LocalDate d{day};
  const int minutes =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  return SpeakDate(d, lang) + (lang == Lang::kEs ? " a " : " at ") + SpeakTime(minutes, lang);
}

}  // namespace voxdesk::dialog
