// How the agent says dates and times back to a caller. The text goes to TTS,
// so it is what a receptionist would say, not a machine format: "Tuesday,
// March 10th at 2:30 PM", "el martes 10 de marzo a las 2 y media de la tarde".
// Spanish output is UTF-8 with its accents ("miércoles", "mañana").
//
// Thread safety: pure functions, safe to call concurrently.
#pragma once

#include <string>

#include "core/time.h"
#include "dialog/lang.h"

namespace voxdesk::dialog {

// "Tuesday, March 10th" / "el martes 10 de marzo". An invalid date gives "".
std::string SpeakDate(LocalDate d, Lang lang);

// Minutes after midnight (taken modulo 1440) -> "10 AM", "2:30 PM", "noon",
// "midnight" / "las 10 de la mañana", "las 2 y media de la tarde", "las 12
// del mediodía", "la 1 de la tarde", "las 12 de la noche". Spanish parts of
// day: 1-5 "de la madrugada", 6-11 "de la mañana", 12 "del mediodía", 13-19
// "de la tarde", 20-23 and midnight "de la noche"; minutes as "y cuarto",
// "y media", else "y N" ("las 3 y 45").
std::string SpeakTime(int minutes, Lang lang);

// "Tuesday, March 10th at 10 AM" / "el martes 10 de marzo a las 10 de la
// mañana" ("a la 1 de la tarde" for one o'clock).
std::string SpeakDateTime(LocalSeconds local, Lang lang);

}  // namespace voxdesk::dialog
