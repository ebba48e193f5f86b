// Books the first free exam at the example medical practice, in C++ over the
// C ABI: each handle lives in a std::unique_ptr whose deleter is the ABI's
// own free function, so every exit path releases what it took.
//
//   cmake -S . -B build -DCMAKE_PREFIX_PATH=/path/to/prefix && cmake --build build
//   build/book ../business/medical-practice.json
#include <voxdesk/voxdesk.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};
using Business = std::unique_ptr<voxdesk_business, Deleter<voxdesk_business_close>>;
using SlotList = std::unique_ptr<voxdesk_slot_list, Deleter<voxdesk_slot_list_free>>;
using Booking = std::unique_ptr<voxdesk_booking, Deleter<voxdesk_booking_free>>;

struct Error : std::runtime_error {
  Error(const char* what, voxdesk_status status)
      : std::runtime_error(std::string(what) + ": " + voxdesk_status_str(status) + ": " +
                           voxdesk_last_error()),
        status(status) {}
  voxdesk_status status;
};

void Check(const char* what, voxdesk_status status) {
  if (status != VOXDESK_OK) throw Error(what, status);
}

Booking Book(voxdesk_business* biz, const voxdesk_slot& slot, const char* name, const char* phone) {
  voxdesk_book_request req = voxdesk_book_request_default();
  req.service = "exam";
  req.staff = slot.staff;
  req.start = slot.start;
  req.customer_name = name;
  req.customer_phone = phone;
  voxdesk_booking* out = nullptr;
  Check("book", voxdesk_book(biz, &req, &out));
  return Booking(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s BUSINESS.json\n", argv[0]);
    return 2;
  }
  try {
    voxdesk_business_params params = voxdesk_business_default_params();
    params.config_path = argv[1];
    params.now = "2026-03-02T08:00:00-05:00";  // virtual time: the same output on every run
    params.seed = 7;
    voxdesk_business* raw = nullptr;
    Check("open", voxdesk_business_open(&params, &raw));
    Business biz(raw);

    voxdesk_slot_list* list = nullptr;
    Check("next available", voxdesk_next_available(biz.get(), "exam", nullptr, nullptr, &list));
    SlotList next(list);
    voxdesk_slot slot;
    if (voxdesk_slot_list_get(next.get(), 0, &slot) != VOXDESK_OK) {
      std::fprintf(stderr, "no free exam within the booking horizon\n");
      return 1;
    }
    Booking booking = Book(biz.get(), slot, "Ana Ruiz", "+15550142");
    voxdesk_booking_info info = voxdesk_booking_info_of(booking.get());
    std::printf("booked %s with %s at %s, confirmation %s\n", info.service, info.staff, info.start,
                info.confirmation_code);
    try {
      Book(biz.get(), slot, "Ben Okafor", "+15550143");
      std::fprintf(stderr, "the same slot was booked twice\n");
      return 1;
    } catch (const Error& e) {
      if (e.status != VOXDESK_E_SLOT_UNAVAILABLE) throw;
      std::printf("second booking of that slot: %s\n", voxdesk_status_str(e.status));
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
