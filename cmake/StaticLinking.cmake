# DSROLL_STATIC: executables that run on other Linux distributions (the release archives).
# The C++ runtime is linked in everywhere; libuv, yaml-cpp, SQLite and OpenSSL are linked from
# their static archives (Debian ships them as libuv_a.a, libyaml-cpp.a, libsqlite3.a, libssl.a,
# libcrypto.a). glibc stays dynamic for dsrolld, which resolves host names (getaddrinfo needs
# glibc's NSS modules at run time); plugin/CMakeLists.txt links the plugin fully static.
# Included after Deps.cmake, so it rewires the imported targets found there.

add_link_options(-static-libstdc++ -static-libgcc)

# dsroll_static_archive(<var> <file names...>): the full path of the first static archive found.
function(dsroll_static_archive var)
  find_library(${var} NAMES ${ARGN} NO_CACHE)
  if(NOT ${var})
    message(FATAL_ERROR "DSROLL_STATIC: none of ${ARGN} was found (scripts/install-deps)")
  endif()
  set(${var} ${${var}} PARENT_SCOPE)
endfunction()

dsroll_static_archive(_dsroll_uv_a libuv_a.a libuv.a)
set_target_properties(PkgConfig::LIBUV PROPERTIES
  INTERFACE_LINK_LIBRARIES "${_dsroll_uv_a};Threads::Threads;${CMAKE_DL_LIBS};rt")

dsroll_static_archive(_dsroll_yaml_a libyaml-cpp.a)
# The Debian config imports the shared library under the NONE configuration only.
get_target_property(_dsroll_yaml_target yaml-cpp::yaml-cpp ALIASED_TARGET)
if(NOT _dsroll_yaml_target)
  set(_dsroll_yaml_target yaml-cpp::yaml-cpp)
endif()
get_target_property(_dsroll_yaml_configs ${_dsroll_yaml_target} IMPORTED_CONFIGURATIONS)
foreach(config IN LISTS _dsroll_yaml_configs ITEMS "")
  if(config)
    set(config _${config})
  endif()
  set_property(TARGET ${_dsroll_yaml_target} PROPERTY IMPORTED_LOCATION${config} ${_dsroll_yaml_a})
  set_property(TARGET ${_dsroll_yaml_target} PROPERTY IMPORTED_NO_SONAME${config} TRUE)
endforeach()

dsroll_static_archive(_dsroll_sqlite_a libsqlite3.a)
set_target_properties(SQLite::SQLite3 PROPERTIES
  IMPORTED_LOCATION ${_dsroll_sqlite_a}
  INTERFACE_LINK_LIBRARIES "m;Threads::Threads;${CMAKE_DL_LIBS}")

dsroll_static_archive(_dsroll_crypto_a libcrypto.a)
dsroll_static_archive(_dsroll_ssl_a libssl.a)
set_target_properties(OpenSSL::Crypto PROPERTIES
  IMPORTED_LOCATION ${_dsroll_crypto_a}
  INTERFACE_LINK_LIBRARIES "Threads::Threads;${CMAKE_DL_LIBS}")
set_target_properties(OpenSSL::SSL PROPERTIES
  IMPORTED_LOCATION ${_dsroll_ssl_a}
  INTERFACE_LINK_LIBRARIES OpenSSL::Crypto)
