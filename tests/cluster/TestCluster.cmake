# The shared test cluster of a build directory, for CTest: included by tests/cluster/CMakeLists.txt
# (which adds the fixture) and by every CMakeLists.txt that adds tests needing the cluster. No
# include guard: the variables below are per directory, so each including directory sets them.

string(SHA1 _dsroll_build_hash "${CMAKE_BINARY_DIR}")
string(SUBSTRING "${_dsroll_build_hash}" 0 8 _dsroll_build_hash)
# One cluster per build directory, so two build directories can run their tests side by side.
set(DSROLL_TEST_CLUSTER_NAME "ctest-${_dsroll_build_hash}")
set(DSROLL_TEST_CLUSTER_DIR "${CMAKE_BINARY_DIR}/test-cluster")
set(DSROLL_TEST_CLUSTER_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}")
set(DSROLL_TEST_KUBECONFIG "${DSROLL_TEST_CLUSTER_DIR}/kubeconfig"
  CACHE FILEPATH "Kubeconfig of the test cluster that the cluster.up fixture starts" FORCE)

# dsroll_add_cluster_test(<name> COMMAND <command...> [TIMEOUT <seconds>] [ENVIRONMENT <var=value...>])
# A test that runs against the shared cluster: it requires the `cluster` fixture, is labelled
# integration, and gets KUBECONFIG and DSROLL_TEST_KUBECONFIG.
function(dsroll_add_cluster_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "COMMAND;ENVIRONMENT" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set(environment "KUBECONFIG=${DSROLL_TEST_KUBECONFIG}" "DSROLL_TEST_KUBECONFIG=${DSROLL_TEST_KUBECONFIG}"
    ${ARG_ENVIRONMENT})
  add_test(NAME ${name} COMMAND ${ARG_COMMAND})
  set_tests_properties(${name} PROPERTIES
    FIXTURES_REQUIRED cluster
    LABELS integration
    TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "${environment}")
endfunction()
