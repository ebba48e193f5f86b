# Writes a C++ file holding every industry pack's JSON text, so the embedded
# engine needs no files at run time. Called with -DOUT=<file> -DPACKS=<list>.
string(REPLACE "," ";" PACKS "${PACKS}")
set(_body "")
foreach(_p ${PACKS})
  get_filename_component(_dir ${_p} DIRECTORY)
  get_filename_component(_id ${_dir} NAME)
  file(READ ${_p} _json)
  string(APPEND _body "    {\"${_id}\", R\"vxpack(${_json})vxpack\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from packs/*/pack.json by cmake/embed_packs.cmake. Do not edit.
#include \"dialog/pack_data.h\"

namespace voxdesk::dialog {

const EmbeddedPack kEmbeddedPacks[] = {
${_body}};
const std::size_t kEmbeddedPackCount = sizeof(kEmbeddedPacks) / sizeof(kEmbeddedPacks[0]);

}  // namespace voxdesk::dialog
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
