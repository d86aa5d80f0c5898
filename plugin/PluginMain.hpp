#pragma once
// The two programs' bodies, so their main() functions are only wiring.

namespace dsroll::plugin {

/** kubectl-dsroll: parse, then run the command; returns the exit code. */
int runPlugin(int argc, char** argv, char** environment);

/** kubectl_complete-dsroll: print completion candidates for argv[1..]. */
int runCompleter(int argc, char** argv, char** environment);

}  // namespace dsroll::plugin
