// kubectl-dsroll: kubectl runs it for `kubectl dsroll ...`.
#include <exception>
#include <iostream>

#include "plugin/PluginMain.hpp"

int main(int argc, char** argv, char** envp) {
  try {
    return dsroll::plugin::runPlugin(argc, argv, envp);
  } catch (const std::exception& e) {
    std::cerr << "error: internal error in kubectl-dsroll: " << e.what() << "\n";
    return 1;
  }
}
