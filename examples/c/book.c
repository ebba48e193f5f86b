/* Books the first free exam at the example medical practice, in C.
 *
 *   cc book.c $(pkg-config --cflags --libs voxdesk) -o book
 *   ./book ../business/medical-practice.json
 *
 * The business runs in virtual time (a fixed "now") with its bookings in
 * memory, so the output is the same on every run. */
#include <stdio.h>
#include <voxdesk/voxdesk.h>

static int fail(const char* what, voxdesk_status st) {
  fprintf(stderr, "%s: %s: %s\n", what, voxdesk_status_str(st), voxdesk_last_error());
  return 1;
}

int main(int argc, char** argv) {
  voxdesk_business_params params = voxdesk_business_default_params();
  voxdesk_business* biz = NULL;
  voxdesk_slot_list* next = NULL;
  voxdesk_slot slot;
  voxdesk_book_request req = voxdesk_book_request_default();
  voxdesk_booking *booking = NULL, *clash = NULL;
  voxdesk_booking_info info;
  voxdesk_status st;
  int rc = 0;

  if (argc != 2) {
    fprintf(stderr, "usage: %s BUSINESS.json\n", argv[0]);
    return 2;
  }
  if (voxdesk_version() / 100 != VOXDESK_VERSION_NUMBER / 100) {
    fprintf(stderr, "libvoxdesk %s does not match this header\n", voxdesk_version_string());
    return 1;
  }
  params.config_path = argv[1];
  params.now = "2026-03-02T08:00:00-05:00";
  params.seed = 7;
  if ((st = voxdesk_business_open(&params, &biz)) != VOXDESK_OK) return fail("open", st);

  if ((st = voxdesk_next_available(biz, "exam", NULL, NULL, &next)) != VOXDESK_OK) {
    rc = fail("next available", st);
  } else if (voxdesk_slot_list_count(next) == 0) {
    fprintf(stderr, "no free exam within the booking horizon\n");
    rc = 1;
  } else {
    voxdesk_slot_list_get(next, 0, &slot);
    req.service = "exam";
    req.staff = slot.staff;
    req.start = slot.start;
    req.customer_name = "Ana Ruiz";
    req.customer_phone = "+15550142";
    if ((st = voxdesk_book(biz, &req, &booking)) != VOXDESK_OK) {
      rc = fail("book", st);
    } else {
      info = voxdesk_booking_info_of(booking);
      printf("booked %s with %s at %s, confirmation %s\n", info.service, info.staff, info.start,
             info.confirmation_code);
      /* The same slot cannot be booked twice. */
      req.customer_name = "Ben Okafor";
      req.customer_phone = "+15550143";
      st = voxdesk_book(biz, &req, &clash);
      printf("second booking of that slot: %s\n", voxdesk_status_str(st));
      if (st != VOXDESK_E_SLOT_UNAVAILABLE) rc = 1;
    }
  }
  voxdesk_booking_free(clash);
  voxdesk_booking_free(booking);
  voxdesk_slot_list_free(next);
  voxdesk_business_close(biz);
  return rc;
}
