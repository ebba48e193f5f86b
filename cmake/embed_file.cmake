# Writes a C++ file defining one string constant with a file's text, so a
# program can carry a default it needs without files at run time.
# Called with -DIN=<file> -DOUT=<file> -DNAME=<C++ qualified name>.
file(READ ${IN} _text)
file(WRITE ${OUT}.tmp "// Generated from ${IN} by cmake/embed_file.cmake. Do not edit.
extern const char* const ${NAME};
const char* const ${NAME} = R\"vxembed(${_text})vxembed\";
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
