# DSROLL_REPRODUCIBLE: the same sources give the same executables, whatever the directories of
# the checkout and the build. Paths in __FILE__, assertion messages and debug info are written
# relative to them; the release archives (krew/) are stripped and packed with fixed metadata.
add_compile_options(
  -ffile-prefix-map=${PROJECT_SOURCE_DIR}/=
  -ffile-prefix-map=${PROJECT_BINARY_DIR}/=)
# The build id is a hash of the linked contents, so it is reproducible as well; name it anyway
# so that a linker with another default does not put a random one in.
add_link_options(-Wl,--build-id=sha1)
