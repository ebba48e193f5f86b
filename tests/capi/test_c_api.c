/* A pure C99 program over voxdesk.h: proves the header compiles as strict
 * C (-std=c99 -pedantic -Werror) and that a C host can find slots, book,
 * hit a conflict, reschedule and cancel, hold a conversation that books, and
 * run a scripted call. Exit status 0 = all checks pass. */
#include <stdio.h>
#include <string.h>

#include "voxdesk/voxdesk.h"

static int failures = 0;
static int passes = 0;

#define CHECK(cond)                                                      \
  do {                                                                   \
    if (cond) {                                                          \
      ++passes;                                                          \
    } else {                                                             \
      ++failures;                                                        \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #cond, \
              voxdesk_last_error());                                     \
    }                                                                    \
  } while (0)

static const char *kConfig =
    "{\"id\":\"c-test\",\"name\":\"C Test Dental\",\"timezone\":\"America/New_York\","
    "\"hours\":{\"mon\":[[\"09:00\",\"12:00\"]],\"tue\":[[\"09:00\",\"12:00\"]]},"
    "\"booking\":{\"min_notice_min\":60,\"horizon_days\":60,\"slot_step_min\":30},"
    "\"services\":[{\"id\":\"cleaning\",\"name\":\"Cleaning\",\"duration_min\":60,"
    "\"buffer_after_min\":15}],"
    "\"staff\":[{\"id\":\"lee\",\"name\":\"Dr. Lee\"}]}";

int main(void) {
  voxdesk_business_params params = voxdesk_business_default_params();
  voxdesk_business *biz = NULL;
  voxdesk_slot_query q = voxdesk_slot_query_default();
  voxdesk_slot_list *slots = NULL;
  voxdesk_slot slot;
  voxdesk_book_request req = voxdesk_book_request_default();
  voxdesk_booking *bk = NULL, *again = NULL, *clash = NULL, *moved = NULL, *gone = NULL;
  voxdesk_booking_info info;
  voxdesk_reschedule_request rr = voxdesk_reschedule_request_default();
  char *ics = NULL;

  CHECK(voxdesk_version() == VOXDESK_VERSION_NUMBER);
  CHECK(strcmp(voxdesk_status_str(VOXDESK_E_SLOT_UNAVAILABLE), "slot unavailable") == 0);

  /* A bad config fails with a message naming the path. */
  params.config_json = "{\"id\":\"x\"}";
  CHECK(voxdesk_business_open(&params, &biz) == VOXDESK_E_CONFIG);
  CHECK(biz == NULL);
  CHECK(strlen(voxdesk_last_error()) > 0);

  params.config_json = kConfig;
  params.now = "2026-03-05T09:00:00-05:00";
  params.seed = 42;
  CHECK(voxdesk_business_open(&params, &biz) == VOXDESK_OK);
  if (!biz) return 1;
  CHECK(strcmp(voxdesk_business_timezone(biz), "America/New_York") == 0);

  q.service = "cleaning";
  q.from = "2026-03-09T00:00:00-04:00";
  q.to = "2026-03-10T00:00:00-04:00";
  CHECK(voxdesk_slots_query(biz, &q, &slots) == VOXDESK_OK);
  /* 09:00 .. 11:00 every 30 minutes: 5 slots. */
  CHECK(voxdesk_slot_list_count(slots) == 5);
  CHECK(voxdesk_slot_list_get(slots, 0, &slot) == VOXDESK_OK);
  CHECK(strcmp(slot.start, "2026-03-09T09:00:00-04:00") == 0);
  CHECK(strcmp(slot.staff, "lee") == 0);
  CHECK(voxdesk_slot_list_get(slots, 5, &slot) == VOXDESK_E_INVALID);
  voxdesk_slot_list_free(slots);

  q.from = "not a time";
  CHECK(voxdesk_slots_query(biz, &q, &slots) == VOXDESK_E_INVALID);
  CHECK(strstr(voxdesk_last_error(), "query.from") != NULL);

  req.service = "cleaning";
  req.start = "2026-03-09T09:00:00-04:00";
  req.customer_name = "Ana Ruiz";
  req.customer_phone = "+15550142";
  req.idempotency_key = "k1";
  CHECK(voxdesk_book(biz, &req, &bk) == VOXDESK_OK);
  info = voxdesk_booking_info_of(bk);
  CHECK(strcmp(info.status, "confirmed") == 0);
  CHECK(strlen(info.confirmation_code) == 6);
  CHECK(info.replayed == 0);

  CHECK(voxdesk_book(biz, &req, &again) == VOXDESK_OK);
  CHECK(strcmp(voxdesk_booking_info_of(again).id, info.id) == 0);
  CHECK(voxdesk_booking_info_of(again).replayed == 1);

  req.idempotency_key = NULL;
  req.start = "2026-03-09T09:30:00-04:00";
  CHECK(voxdesk_book(biz, &req, &clash) == VOXDESK_E_SLOT_UNAVAILABLE);
  CHECK(clash == NULL);

  rr.booking_id = info.id;
  rr.start = "2026-03-10T10:00:00-04:00";
  CHECK(voxdesk_reschedule(biz, &rr, &moved) == VOXDESK_OK);
  CHECK(strcmp(voxdesk_booking_info_of(moved).start, "2026-03-10T10:00:00-04:00") == 0);
  CHECK(voxdesk_booking_info_of(moved).sequence == 1);

  /* The old slot is free again. */
  req.start = "2026-03-09T09:30:00-04:00";
  CHECK(voxdesk_book(biz, &req, &clash) == VOXDESK_OK);
  voxdesk_booking_free(clash);

  CHECK(voxdesk_cancel(biz, info.id, &gone) == VOXDESK_OK);
  CHECK(strcmp(voxdesk_booking_info_of(gone).status, "cancelled") == 0);
  ics = voxdesk_booking_ics(biz, gone);
  CHECK(ics != NULL && strstr(ics, "METHOD:CANCEL") != NULL);
  voxdesk_free(ics);

  CHECK(voxdesk_cancel(biz, "no-such-booking", NULL) == VOXDESK_E_NOT_FOUND);
  CHECK(strstr(voxdesk_last_error(), "no-such-booking") != NULL);

  voxdesk_booking_free(bk);
  voxdesk_booking_free(again);
  voxdesk_booking_free(moved);
  voxdesk_booking_free(gone);

  /* A conversation: the request is read back, nothing is booked until yes. */
  {
    voxdesk_conversation *conv = NULL;
    char *reply = NULL, *record = NULL, *lines = NULL;
    voxdesk_slot_list *before = NULL, *after = NULL;
    q.from = "2026-03-16T00:00:00-04:00";
    q.to = "2026-03-17T00:00:00-04:00";
    CHECK(voxdesk_slots_query(biz, &q, &before) == VOXDESK_OK);
    CHECK(voxdesk_conversation_open(biz, "c-call-1", "not a number", &conv) == VOXDESK_E_INVALID);
    CHECK(voxdesk_conversation_open(biz, "c-call-1", "+15550001111", &conv) == VOXDESK_OK);
    CHECK(voxdesk_conversation_start(conv, &reply) == VOXDESK_OK);
    CHECK(reply != NULL && strstr(reply, "C Test Dental") != NULL);
    voxdesk_free(reply);
    CHECK(voxdesk_conversation_turn(conv, "hi this is ana ruiz i need a cleaning on march 16th at 10", &reply) ==
          VOXDESK_OK);
    CHECK(reply != NULL && strstr(reply, "Shall I book it?") != NULL);
    voxdesk_free(reply);
    CHECK(voxdesk_conversation_turn(conv, "yes please", &reply) == VOXDESK_OK);
    CHECK(reply != NULL && strstr(reply, "confirmation code") != NULL);
    voxdesk_free(reply);
    CHECK(voxdesk_conversation_turn(conv, "no thanks bye", &reply) == VOXDESK_OK);
    CHECK(reply != NULL && strstr(reply, "\"end_call\":true") != NULL);
    voxdesk_free(reply);
    CHECK(voxdesk_conversation_finish(conv) == VOXDESK_OK);
    record = voxdesk_conversation_record_json(conv);
    CHECK(record != NULL && strstr(record, "\"outcome\":\"booked\"") != NULL);
    voxdesk_free(record);
    /* A business on virtual time may move while conversations are open. */
    CHECK(voxdesk_business_set_now(biz, "2026-03-05T09:30:00-05:00") == VOXDESK_OK);
    voxdesk_conversation_close(conv);
    voxdesk_conversation_close(NULL);
    CHECK(voxdesk_slots_query(biz, &q, &after) == VOXDESK_OK);
    CHECK(voxdesk_slot_list_count(after) + 1 <= voxdesk_slot_list_count(before));
    voxdesk_slot_list_free(before);
    voxdesk_slot_list_free(after);

    /* The scripted-call runner (closed today: a message is offered instead of a
     transfer); a bad line changes nothing. */
    CHECK(voxdesk_simulate(biz, "{\"id\": \"s1\", \"turns\": [\"can i talk to a person\"]}\n", &lines) ==
          VOXDESK_OK);
    CHECK(lines != NULL && strstr(lines, "nobody can take the call") != NULL);
    voxdesk_free(lines);
    lines = NULL;
    CHECK(voxdesk_simulate(biz, "{\"id\": \"s2\", \"turns\": [1]}", &lines) == VOXDESK_E_INVALID);
    CHECK(lines == NULL);
    CHECK(strstr(voxdesk_last_error(), "turns[0]") != NULL);
  }
  voxdesk_business_close(biz);
  voxdesk_business_close(NULL);

  printf("%d passed, %d failed\n", passes, failures);
  return failures == 0 ? 0 : 1;
}
