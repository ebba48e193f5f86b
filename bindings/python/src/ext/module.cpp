// voxdesk._voxdesk: a thin layer over the C ABI. The public API (voxdesk)
// is pure Python on top of it.
#include "handles.h"

PYBIND11_MODULE(_voxdesk, m) {
  namespace py = pybind11;
  vxpy::InitConvert();
  m.attr("HEADER_VERSION") = VOXDESK_VERSION_NUMBER;
  m.def("library_version", [] { return voxdesk_version(); });
  m.def("library_version_string", [] { return std::string(voxdesk_version_string()); });
  m.def("status_str",
        [](int st) { return std::string(voxdesk_status_str(static_cast<voxdesk_status>(st))); });
  vxpy::BindBusiness(m);
  vxpy::BindCalls(m);
}
